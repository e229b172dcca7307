//! The surface syntax tree of an MPL file, exactly as written.
//!
//! Invariants (established by the parser):
//! - every node carries the [`Span`] of the text it was parsed from (file index and byte
//!   range); an identifier's span covers exactly its characters;
//! - nothing is resolved or reordered: names are strings, infix chains are kept flat
//!   ([`Term::Infix`], resolved against the declared fixities by the resolver, which knows
//!   the imports), explicit parentheses are kept ([`Term::Paren`]);
//! - `Term::Infix` has `operands.len() == ops.len() + 1 >= 2`; `Formula::And` has at
//!   least two operands;
//! - a `Term::Name` holding a symbol (`+`) occurs only as a whole argument of an atom.
//!
//! Equality: the derived `PartialEq` compares spans too. To compare two trees up to
//! positions (the printer round trip), compare their [`File::strip_spans`] images, in
//! which every span is [`Span::default`].
//!
//! What the tree does not distinguish (and the canonical printer therefore normalises):
//! layout and comments, `op c -> S;` versus `op c() -> S;`, and a constructor `c` versus
//! `c()`. It does distinguish the terms `c` and `c()`.

use super::theory::{Assoc, Span};

/// A name as written: an identifier (`add_zero`, `0`, `x'`) or a symbol (`+`, `<=`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ident {
    /// The characters of the name.
    pub text: String,
    /// Where it was written.
    pub span: Span,
}

impl Ident {
    /// Whether the name is symbolic (made of operator characters) rather than an
    /// identifier.
    pub fn is_symbolic(&self) -> bool {
        self.text.chars().next().is_some_and(is_op_char)
    }

    fn strip(&self) -> Ident {
        Ident {
            text: self.text.clone(),
            span: Span::default(),
        }
    }
}

/// The characters symbolic names are made of.
pub fn is_op_char(c: char) -> bool {
    matches!(
        c,
        '+' | '-' | '*' | '/' | '^' | '<' | '>' | '=' | '~' | '@' | '%' | '|' | '.'
    )
}

/// A whole source file: its declarations in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct File {
    /// The declarations, in source order.
    pub decls: Vec<Decl>,
}

impl File {
    /// The same tree with every span set to [`Span::default`].
    pub fn strip_spans(&self) -> File {
        File {
            decls: self.decls.iter().map(Decl::strip_spans).collect(),
        }
    }
}

/// One declaration, from its keyword to its `;`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decl {
    /// What is declared.
    pub kind: DeclKind,
    /// From the keyword through the `;`.
    pub span: Span,
}

/// The kinds of declarations.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DeclKind {
    /// `theory NAME;`
    Theory(Ident),
    /// `import "path";` — the path without quotes; its span covers the quotes.
    Import(Ident),
    /// `sort NAME;`
    Sort(Ident),
    /// `inductive NAME = C1 | C2(S, ...) | ...;` or, parametric,
    /// `inductive NAME('a, ...) = ...;`
    Inductive {
        /// The sort.
        name: Ident,
        /// Its sort parameters (`'a`, written with the apostrophe), empty when none.
        params: Vec<Ident>,
        /// Its constructors, at least one.
        constructors: Vec<Constructor>,
    },
    /// `op NAME(S1, ..., Sn) -> S [fixity];`
    Op {
        /// The operator's name.
        name: Ident,
        /// Argument sorts (empty for a constant).
        args: Vec<SortAst>,
        /// Result sort.
        result: SortAst,
        /// Infix notation, if declared.
        fixity: Option<FixityDecl>,
    },
    /// `pred NAME(S1, ..., Sn);`
    Pred {
        /// The predicate's name.
        name: Ident,
        /// Argument sorts.
        args: Vec<SortAst>,
    },
    /// `axiom NAME: FORMULA;`
    Axiom {
        /// The axiom's name.
        name: Ident,
        /// Its statement.
        formula: Formula,
    },
    /// `conjecture NAME: FORMULA;`
    Conjecture {
        /// The conjecture's name.
        name: Ident,
        /// Its statement (free variables allowed).
        formula: Formula,
    },
    /// `def NAME[P1, ..., Pn] := FORMULA;` — a definition with parameters (a macro).
    Def {
        /// The definition's name, used as an atom `(NAME[...])`.
        name: Ident,
        /// The parameters: variables, sets (sorts) or operators, as the body uses them.
        params: Vec<Ident>,
        /// The body; its free names are parameters or declared symbols.
        body: Formula,
    },
    /// `infixl 6 +;` — the fixity of an operator declared without one (e.g. by a GL
    /// signature axiom such as `(fXYZ[+,N,N,N])`).
    Fixity {
        /// The operator.
        name: Ident,
        /// Its fixity.
        fixity: FixityDecl,
    },
}

impl Decl {
    fn strip_spans(&self) -> Decl {
        let kind = match &self.kind {
            DeclKind::Theory(n) => DeclKind::Theory(n.strip()),
            DeclKind::Import(n) => DeclKind::Import(n.strip()),
            DeclKind::Sort(n) => DeclKind::Sort(n.strip()),
            DeclKind::Inductive {
                name,
                params,
                constructors,
            } => DeclKind::Inductive {
                name: name.strip(),
                params: strip_all(params),
                constructors: constructors
                    .iter()
                    .map(|c| Constructor {
                        name: c.name.strip(),
                        args: c.args.iter().map(SortAst::strip_spans).collect(),
                        span: Span::default(),
                    })
                    .collect(),
            },
            DeclKind::Op {
                name,
                args,
                result,
                fixity,
            } => DeclKind::Op {
                name: name.strip(),
                args: args.iter().map(SortAst::strip_spans).collect(),
                result: result.strip_spans(),
                fixity: fixity.map(|f| FixityDecl {
                    span: Span::default(),
                    ..f
                }),
            },
            DeclKind::Pred { name, args } => DeclKind::Pred {
                name: name.strip(),
                args: args.iter().map(SortAst::strip_spans).collect(),
            },
            DeclKind::Axiom { name, formula } => DeclKind::Axiom {
                name: name.strip(),
                formula: formula.strip_spans(),
            },
            DeclKind::Conjecture { name, formula } => DeclKind::Conjecture {
                name: name.strip(),
                formula: formula.strip_spans(),
            },
            DeclKind::Def { name, params, body } => DeclKind::Def {
                name: name.strip(),
                params: strip_all(params),
                body: body.strip_spans(),
            },
            DeclKind::Fixity { name, fixity } => DeclKind::Fixity {
                name: name.strip(),
                fixity: FixityDecl {
                    span: Span::default(),
                    ..*fixity
                },
            },
        };
        Decl {
            kind,
            span: Span::default(),
        }
    }
}

fn strip_all(names: &[Ident]) -> Vec<Ident> {
    names.iter().map(Ident::strip).collect()
}

/// A constructor of an inductive sort: `c` or `c(S1, ..., Sn)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Constructor {
    /// Its name.
    pub name: Ident,
    /// Argument sorts.
    pub args: Vec<SortAst>,
    /// From the name through the closing parenthesis.
    pub span: Span,
}

/// `infixl 6`, `infixr 8`, `infix 4`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FixityDecl {
    /// Associativity (`infixl`, `infixr`, `infix`).
    pub assoc: Assoc,
    /// Precedence, `0..=9`.
    pub prec: u8,
    /// The keyword and the digit.
    pub span: Span,
}

/// A variable binder of `(>[...] ...)`: `x` or `x:S`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Binder {
    /// The variable.
    pub name: Ident,
    /// Its sort annotation, if any.
    pub sort: Option<SortAst>,
}

/// A sort expression as written: `N`, `'a`, `List(N)`, `'a -> Bool` (right
/// associative); parentheses are not kept (the printer adds those a left-nested
/// function sort needs).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SortAst {
    /// A sort name, or a sort variable (its text starts with `'`).
    Name(Ident),
    /// A sort family applied to arguments: `List(N)`.
    App {
        /// The family.
        name: Ident,
        /// Its arguments, at least one.
        args: Vec<SortAst>,
        /// From the name through `)`.
        span: Span,
    },
    /// A function sort `from -> to`.
    Fun {
        /// The argument sort.
        from: Box<SortAst>,
        /// The result sort.
        to: Box<SortAst>,
        /// From `from` through `to`.
        span: Span,
    },
}

impl SortAst {
    /// Where the sort was written.
    pub fn span(&self) -> Span {
        match self {
            SortAst::Name(n) => n.span,
            SortAst::App { span, .. } | SortAst::Fun { span, .. } => *span,
        }
    }

    /// The plain sort name (not a sort variable), when the expression is just that.
    pub fn as_name(&self) -> Option<&Ident> {
        match self {
            SortAst::Name(n) if !n.text.starts_with('\'') => Some(n),
            _ => None,
        }
    }

    /// Whether the expression is more than a plain sort name (a sort variable, an
    /// applied family or a function sort).
    pub fn is_polymorphic_syntax(&self) -> bool {
        self.as_name().is_none()
    }

    /// The same expression with every span set to [`Span::default`].
    pub fn strip_spans(&self) -> SortAst {
        match self {
            SortAst::Name(n) => SortAst::Name(n.strip()),
            SortAst::App { name, args, .. } => SortAst::App {
                name: name.strip(),
                args: args.iter().map(SortAst::strip_spans).collect(),
                span: Span::default(),
            },
            SortAst::Fun { from, to, .. } => SortAst::Fun {
                from: Box::new(from.strip_spans()),
                to: Box::new(to.strip_spans()),
                span: Span::default(),
            },
        }
    }
}

impl From<Ident> for SortAst {
    fn from(n: Ident) -> SortAst {
        SortAst::Name(n)
    }
}

/// A formula as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Formula {
    /// `(=[t, u])`
    Eq {
        /// Left term.
        lhs: Term,
        /// Right term.
        rhs: Term,
        /// The whole form.
        span: Span,
    },
    /// `(name[t1, ..., tn])`
    Atom {
        /// The predicate.
        pred: Ident,
        /// Its arguments.
        args: Vec<Term>,
        /// The whole form.
        span: Span,
    },
    /// `!F`
    Not {
        /// The negated formula.
        body: Box<Formula>,
        /// From `!` to the end of the body.
        span: Span,
    },
    /// `(&A B ...)`, two or more operands.
    And {
        /// The conjuncts.
        operands: Vec<Formula>,
        /// The whole form.
        span: Span,
    },
    /// `(>[x, y] A B)` or `(>[x, y] B)`.
    Forall {
        /// The bound variables (possibly none).
        binders: Vec<Binder>,
        /// The premise `A` of the two-operand form.
        premise: Option<Box<Formula>>,
        /// The conclusion (or the body of a plain universal).
        body: Box<Formula>,
        /// The whole form.
        span: Span,
    },
}

impl Formula {
    /// Where the formula was written.
    pub fn span(&self) -> Span {
        match self {
            Formula::Eq { span, .. }
            | Formula::Atom { span, .. }
            | Formula::Not { span, .. }
            | Formula::And { span, .. }
            | Formula::Forall { span, .. } => *span,
        }
    }

    /// The same formula with every span set to [`Span::default`].
    pub fn strip_spans(&self) -> Formula {
        let span = Span::default();
        match self {
            Formula::Eq { lhs, rhs, .. } => Formula::Eq {
                lhs: lhs.strip_spans(),
                rhs: rhs.strip_spans(),
                span,
            },
            Formula::Atom { pred, args, .. } => Formula::Atom {
                pred: pred.strip(),
                args: args.iter().map(Term::strip_spans).collect(),
                span,
            },
            Formula::Not { body, .. } => Formula::Not {
                body: Box::new(body.strip_spans()),
                span,
            },
            Formula::And { operands, .. } => Formula::And {
                operands: operands.iter().map(Formula::strip_spans).collect(),
                span,
            },
            Formula::Forall {
                binders,
                premise,
                body,
                ..
            } => Formula::Forall {
                binders: binders
                    .iter()
                    .map(|b| Binder {
                        name: b.name.strip(),
                        sort: b.sort.as_ref().map(SortAst::strip_spans),
                    })
                    .collect(),
                premise: premise.as_ref().map(|p| Box::new(p.strip_spans())),
                body: Box::new(body.strip_spans()),
                span,
            },
        }
    }
}

/// A term as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Term {
    /// A bare identifier: a constant if one is declared with that name, else a variable.
    /// As an argument of an atom it may also be a symbol (`+` in `(in3[a, b, c, +])`),
    /// a sort (`N` in `(in[x, N])`) or an operator name passed to a definition.
    Name(Ident),
    /// Prefix application `f(t1, ..., tn)` (also `c()` and `+(a, b)`).
    App {
        /// The operator.
        op: Ident,
        /// The arguments.
        args: Vec<Term>,
        /// From the name through `)`.
        span: Span,
    },
    /// A flat infix chain `t0 o1 t1 o2 t2 ...`, grouped by the resolver.
    Infix {
        /// The operands, one more than the operators.
        operands: Vec<Term>,
        /// The infix operators between them.
        ops: Vec<Ident>,
        /// From the first operand to the last.
        span: Span,
    },
    /// `(t)`
    Paren {
        /// The parenthesised term.
        inner: Box<Term>,
        /// Including the parentheses.
        span: Span,
    },
    /// `\x y. t`: a lambda with one or more binders; the body extends as far as
    /// possible.
    Lambda {
        /// The bound variables, at least one.
        binders: Vec<Ident>,
        /// The body.
        body: Box<Term>,
        /// From `\` through the body.
        span: Span,
    },
}

impl Term {
    /// Where the term was written.
    pub fn span(&self) -> Span {
        match self {
            Term::Name(n) => n.span,
            Term::App { span, .. }
            | Term::Infix { span, .. }
            | Term::Paren { span, .. }
            | Term::Lambda { span, .. } => *span,
        }
    }

    /// The same term with every span set to [`Span::default`].
    pub fn strip_spans(&self) -> Term {
        let span = Span::default();
        match self {
            Term::Name(n) => Term::Name(n.strip()),
            Term::App { op, args, .. } => Term::App {
                op: op.strip(),
                args: args.iter().map(Term::strip_spans).collect(),
                span,
            },
            Term::Infix { operands, ops, .. } => Term::Infix {
                operands: operands.iter().map(Term::strip_spans).collect(),
                ops: strip_all(ops),
                span,
            },
            Term::Paren { inner, .. } => Term::Paren {
                inner: Box::new(inner.strip_spans()),
                span,
            },
            Term::Lambda { binders, body, .. } => Term::Lambda {
                binders: strip_all(binders),
                body: Box::new(body.strip_spans()),
                span,
            },
        }
    }
}

/// A goal given on the command line: a formula, a bare equation `t = u` or a bare
/// disequation `t != u`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Goal {
    /// A formula in the file syntax.
    Formula(Formula),
    /// `t = u`, read as `(=[t, u])`.
    Equation {
        /// Left term.
        lhs: Term,
        /// Right term.
        rhs: Term,
        /// Whether it was written `t != u`, read as `!(=[t, u])`.
        negated: bool,
        /// The whole equation.
        span: Span,
    },
}

impl Goal {
    /// The goal as a formula: an equation `t = u` is `(=[t, u])`, `t != u` is
    /// `!(=[t, u])`.
    pub fn into_formula(self) -> Formula {
        match self {
            Goal::Formula(f) => f,
            Goal::Equation {
                lhs,
                rhs,
                negated,
                span,
            } => {
                let eq = Formula::Eq { lhs, rhs, span };
                if negated {
                    Formula::Not {
                        body: Box::new(eq),
                        span,
                    }
                } else {
                    eq
                }
            }
        }
    }
}

/// The reserved words; none of them can be used as a name.
pub const KEYWORDS: [&str; 12] = [
    "theory",
    "import",
    "sort",
    "inductive",
    "op",
    "pred",
    "axiom",
    "conjecture",
    "def",
    "infixl",
    "infixr",
    "infix",
];

/// Whether a word is reserved.
pub fn is_keyword(word: &str) -> bool {
    KEYWORDS.contains(&word)
}
