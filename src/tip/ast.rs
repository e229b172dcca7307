//! The TIP abstract syntax: commands, terms, patterns and sort expressions, each with its
//! span.
//!
//! The parser ([`super::parse`]) builds it from s-expressions without knowing any
//! declaration; the sort checker ([`super::check`]) then fills in what needs the
//! declarations: each [`Term::sort`], each [`TermKind::Apply`]'s [`Head`] and sort
//! instance, each pattern's constructor.
//!
//! Invariants (after a successful check):
//! - every [`Term::sort`] is `Some` and contains no [`super::Sort::Meta`];
//! - every `Apply` has `head: Some(..)`; a [`Head::Var`] has no arguments and no sort
//!   instance;
//! - every [`Pattern::Con`] has `ctor: Some(..)` naming a constructor of the scrutinee's
//!   datatype with as many binders as it has fields.
//!
//! ```
//! let p = ergo::tip::read_str("t.smt2", "(declare-datatype Nat ((Z) (S (p Nat))))\n\
//!     (prove (forall ((n Nat)) (= (S n) (S n))))").unwrap();
//! assert_eq!(p.goals().count(), 1);
//! assert_eq!(p.goals().next().unwrap().body.sort.as_ref().unwrap().to_string(), "Bool");
//! ```

use super::Sort;
use crate::mpl::Span;

/// A name as written, with its place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Name {
    /// The text (a quoted symbol without its bars).
    pub text: String,
    /// Where it is.
    pub span: Span,
}

/// A sort as written: `Bool`, `a`, `Nat`, `(list a)`, `(=> a b)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SortExpr {
    /// A name applied to sorts (none for `Nat`, `Bool` or a sort parameter), and the
    /// whole sort's span.
    Con(Name, Vec<SortExpr>, Span),
    /// `(=> A1 ... An B)`.
    Fun(Vec<SortExpr>, Box<SortExpr>, Span),
}

impl SortExpr {
    /// Where it is.
    pub fn span(&self) -> Span {
        match self {
            SortExpr::Con(_, _, s) => *s,
            SortExpr::Fun(_, _, s) => *s,
        }
    }
}

/// A variable binder `(x S)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Binder {
    /// The variable.
    pub name: Name,
    /// Its sort as written.
    pub sort: SortExpr,
}

/// The built-in operators of TIP's core theory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Builtin {
    /// `not`.
    Not,
    /// `and`.
    And,
    /// `or`.
    Or,
    /// `=>` on formulas (right associative).
    Implies,
    /// `=` (chainable).
    Eq,
    /// `distinct`.
    Distinct,
    /// `ite`.
    Ite,
    /// `@`: applies a term of function sort.
    At,
}

impl Builtin {
    /// The operator as written.
    pub fn as_str(self) -> &'static str {
        match self {
            Builtin::Not => "not",
            Builtin::And => "and",
            Builtin::Or => "or",
            Builtin::Implies => "=>",
            Builtin::Eq => "=",
            Builtin::Distinct => "distinct",
            Builtin::Ite => "ite",
            Builtin::At => "@",
        }
    }

    /// The built-in written `s`, if any.
    pub fn of(s: &str) -> Option<Builtin> {
        Some(match s {
            "not" => Builtin::Not,
            "and" => Builtin::And,
            "or" => Builtin::Or,
            "=>" => Builtin::Implies,
            "=" => Builtin::Eq,
            "distinct" => Builtin::Distinct,
            "ite" => Builtin::Ite,
            "@" => Builtin::At,
            _ => return None,
        })
    }
}

/// What a name applied in a term resolved to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Head {
    /// A bound variable (quantifier, lambda, let, pattern or function parameter).
    Var,
    /// A declared or defined function.
    Fun,
    /// A datatype constructor.
    Con,
    /// A datatype selector.
    Sel,
}

/// A quantifier.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quantifier {
    /// `forall`.
    Forall,
    /// `exists`.
    Exists,
}

/// A pattern of a `match` case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pattern {
    /// `_`.
    Wildcard(Span),
    /// A constructor, bare (`nil`) or applied to variable binders (`(cons x xs)`). A bare
    /// name that is not a constructor binds a variable ([`Pattern::Var`], set by the
    /// checker).
    Con {
        /// The constructor.
        name: Name,
        /// Its binders, one per field.
        binders: Vec<Name>,
        /// Index of the constructor in its datatype, set by the checker.
        ctor: Option<usize>,
    },
    /// A variable that matches anything and binds it.
    Var(Name),
}

/// One `match` case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Case {
    /// The pattern.
    pub pattern: Pattern,
    /// The right-hand side.
    pub rhs: Term,
}

/// The shape of a term.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TermKind {
    /// `true` or `false`.
    Bool(bool),
    /// A name, alone or applied: `x`, `(f a b)`, `(_ nil a)`, `(as nil (list a))`.
    Apply {
        /// The name.
        name: Name,
        /// Explicit sort arguments `(_ f S1 .. Sn)`, one per sort parameter of `f`.
        explicit: Option<Vec<SortExpr>>,
        /// A result sort annotation `(as f S)`.
        as_sort: Option<SortExpr>,
        /// The arguments.
        args: Vec<Term>,
        /// What the name is, set by the checker.
        head: Option<Head>,
        /// The sorts the name's sort parameters are instantiated with, set by the checker
        /// (in the order of its `par`).
        instance: Vec<Sort>,
    },
    /// A built-in operator applied.
    Builtin(Builtin, Vec<Term>),
    /// `(forall (..) F)` or `(exists (..) F)`.
    Quant(Quantifier, Vec<Binder>, Box<Term>),
    /// `(lambda (..) T)`.
    Lambda(Vec<Binder>, Box<Term>),
    /// `(let ((x T) ..) U)`.
    Let(Vec<(Name, Term)>, Box<Term>),
    /// `(match T (CASE ..))`.
    Match(Box<Term>, Vec<Case>),
}

/// A term with its place and (after checking) its sort.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    /// What it is.
    pub kind: TermKind,
    /// Where it is.
    pub span: Span,
    /// Its sort, set by the checker.
    pub sort: Option<Sort>,
}

impl Term {
    /// A term not yet checked.
    pub fn new(kind: TermKind, span: Span) -> Self {
        Term {
            kind,
            span,
            sort: None,
        }
    }

    /// Calls `f` on this term and every subterm, parents first.
    pub fn visit(&self, f: &mut dyn FnMut(&Term)) {
        f(self);
        match &self.kind {
            TermKind::Bool(_) => {}
            TermKind::Apply { args, .. } | TermKind::Builtin(_, args) => {
                args.iter().for_each(|a| a.visit(f))
            }
            TermKind::Quant(_, _, b) | TermKind::Lambda(_, b) => b.visit(f),
            TermKind::Let(bs, b) => {
                bs.iter().for_each(|(_, t)| t.visit(f));
                b.visit(f)
            }
            TermKind::Match(s, cases) => {
                s.visit(f);
                cases.iter().for_each(|c| c.rhs.visit(f))
            }
        }
    }
}

/// A constructor of a datatype as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CtorDecl {
    /// The constructor.
    pub name: Name,
    /// Its fields: selector and sort.
    pub fields: Vec<Binder>,
}

/// A datatype as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DatatypeDecl {
    /// Its name.
    pub name: Name,
    /// Its sort parameters.
    pub params: Vec<Name>,
    /// Its constructors.
    pub ctors: Vec<CtorDecl>,
}

/// A function defined or declared: its signature (and body if defined).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FunDecl {
    /// Its name.
    pub name: Name,
    /// Its sort parameters.
    pub params: Vec<Name>,
    /// Its arguments (for a declared function, binders named `_`).
    pub args: Vec<Binder>,
    /// Its result sort.
    pub result: SortExpr,
    /// The body, absent for `declare-fun` / `declare-const`.
    pub body: Option<Term>,
}

/// A formula under sort parameters: an `assert` or a `prove`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Formula {
    /// Its sort parameters (`par`).
    pub params: Vec<Name>,
    /// The formula, of sort `Bool`.
    pub body: Term,
}

/// One TIP command.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// `declare-datatype(s)`: one group of (mutually recursive) datatypes.
    Datatypes(Vec<DatatypeDecl>),
    /// `declare-sort NAME 0`.
    Sort(Name),
    /// `declare-fun`, `declare-const`, `define-fun`, `define-fun-rec`, `define-funs-rec`:
    /// one group of functions; `recursive` if the bodies may use the group's names.
    Funs {
        /// The functions.
        funs: Vec<FunDecl>,
        /// Whether bodies may call the group's own functions.
        recursive: bool,
    },
    /// `assert`: a background fact.
    Assert(Formula),
    /// `prove` (or `assert-not`): a goal.
    Prove(Formula),
}

/// A command with its place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Located {
    /// The command.
    pub command: Command,
    /// The whole command's text.
    pub span: Span,
}
