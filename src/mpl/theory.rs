//! The resolved, sort-checked theory: what every stage after the front end works on.
//!
//! Invariants (established by `resolve`, relied on everywhere else):
//! - every [`Term`] is well-sorted: an application has exactly its operator's arity and
//!   each argument has the declared argument sort; a [`Var`] carries its sort;
//! - names are interned: sorts, operators and predicates are referred to by newtype ids
//!   that index the theory's tables, variables by an interned [`Name`];
//! - a formula's free variables are exactly the variables bound by an enclosing
//!   [`Formula::Forall`] (axioms must be closed; free variables of conjectures and goals
//!   are universally quantified by the resolver, outermost, in order of first occurrence);
//! - formulas contain no definition uses and none of GL's relations: those are expanded
//!   and read as equations by the resolver; definitions are kept (as syntax) only to
//!   read goals;
//! - formulas contain no atoms of declared predicates, and [`Theory::predicates`] is
//!   empty: a theory that declares predicates has an implicit uninterpreted sort `Prop`
//!   (the last sort), a constant `⊤ : Prop` (after the declared operators) and one
//!   operator `p : S1 ... Sn -> Prop` per predicate (after `⊤`, in declaration order),
//!   and an atom `(p[t1, ..., tn])` is the equation `p(t1, ..., tn) = ⊤` (see
//!   [`super::predicate`]; the printers show such equations as atoms);
//! - declaration order is preserved in every table, so iteration is deterministic.

use std::fmt;

/// Index of a sort in [`Theory::sorts`].
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct SortId(pub u32);

/// Index of an operator (function symbol, constructors included) in [`Theory::operators`].
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct OpId(pub u32);

/// Index of a predicate (relation symbol) in [`Theory::predicates`].
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct PredId(pub u32);

/// An interned variable name; the string lives in [`Theory::names`].
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct Name(pub u32);

/// A byte range in a source file, with the file's index in [`Theory::files`].
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Default, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct Span {
    /// Index of the file in [`Theory::files`].
    pub file: u32,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// A sort; inductive when it has constructors.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Sort {
    /// The sort's name, e.g. `N`.
    pub name: String,
    /// Constructors in declaration order; empty for an uninterpreted sort.
    pub constructors: Vec<OpId>,
    /// Where it was declared.
    pub span: Span,
}

impl Sort {
    /// Whether structural induction over this sort is licensed.
    pub fn is_inductive(&self) -> bool {
        !self.constructors.is_empty()
    }
}

/// Associativity of an infix operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Assoc {
    /// `a + b + c` reads `(a + b) + c`.
    Left,
    /// `a ^ b ^ c` reads `a ^ (b ^ c)`.
    Right,
    /// Chains need parentheses.
    None,
}

/// Infix notation of a binary operator: higher precedence binds tighter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Fixity {
    /// Associativity.
    pub assoc: Assoc,
    /// Precedence level (higher binds tighter).
    pub prec: u8,
}

/// A function symbol.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Operator {
    /// The symbol, e.g. `+`, `s`, `0`.
    pub name: String,
    /// Argument sorts.
    pub args: Vec<SortId>,
    /// Result sort.
    pub result: SortId,
    /// Infix notation, for binary operators declared infix.
    pub fixity: Option<Fixity>,
    /// Whether it is a constructor of its result sort.
    pub constructor: bool,
    /// Where it was declared.
    pub span: Span,
}

/// A relation symbol, used in atoms `(name[t1,...,tn])`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Predicate {
    /// The symbol.
    pub name: String,
    /// Argument sorts.
    pub args: Vec<SortId>,
    /// Where it was declared.
    pub span: Span,
}

/// A variable with its sort.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct Var {
    /// Its interned name.
    pub name: Name,
    /// Its sort.
    pub sort: SortId,
}

/// A well-sorted term.
#[derive(
    Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Term {
    /// A variable.
    Var(Var),
    /// An operator applied to exactly its arity of arguments.
    App(OpId, Vec<Term>),
}

impl Term {
    /// Number of symbols (operators and variables).
    pub fn size(&self) -> usize {
        match self {
            Term::Var(_) => 1,
            Term::App(_, args) => 1 + args.iter().map(Term::size).sum::<usize>(),
        }
    }

    /// Whether variable `v` occurs in the term.
    pub fn occurs(&self, v: &Var) -> bool {
        match self {
            Term::Var(w) => w == v,
            Term::App(_, args) => args.iter().any(|a| a.occurs(v)),
        }
    }

    /// The term with every occurrence of variable `v` replaced by `by`.
    pub fn substitute(&self, v: &Var, by: &Term) -> Term {
        match self {
            Term::Var(w) if w == v => by.clone(),
            Term::Var(_) => self.clone(),
            Term::App(f, args) => Term::App(*f, args.iter().map(|a| a.substitute(v, by)).collect()),
        }
    }

    /// The term with its variables renamed by `map` (variables not in it unchanged).
    pub fn rename(&self, map: &[(Var, Var)]) -> Term {
        match self {
            Term::Var(v) => Term::Var(map.iter().find(|(a, _)| a == v).map_or(*v, |(_, b)| *b)),
            Term::App(f, args) => Term::App(*f, args.iter().map(|a| a.rename(map)).collect()),
        }
    }

    /// Appends the variables of the term not yet in `out`, in order of first occurrence.
    pub fn vars_into(&self, out: &mut Vec<Var>) {
        match self {
            Term::Var(v) if !out.contains(v) => out.push(*v),
            Term::Var(_) => {}
            Term::App(_, args) => args.iter().for_each(|a| a.vars_into(out)),
        }
    }

    /// Adds the operators of the term (constants included) to `out`.
    pub fn operators_into(&self, out: &mut std::collections::BTreeSet<OpId>) {
        if let Term::App(f, args) = self {
            out.insert(*f);
            args.iter().for_each(|a| a.operators_into(out));
        }
    }
}

/// A formula of the MPL dialect.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Formula {
    /// `(=[t,u])`.
    Eq(Term, Term),
    /// `(name[t1,...])`: only while the files are resolved; a resolved theory reads
    /// atoms as equations `name(t1, ...) = ⊤` (see [`super::predicate`]).
    Atom(PredId, Vec<Term>),
    /// `!A`.
    Not(Box<Formula>),
    /// `(&A B ...)`, two or more operands.
    And(Vec<Formula>),
    /// The premise/conclusion pair of `(>[..] A B)`.
    Implies(Box<Formula>, Box<Formula>),
    /// `(>[x,y] ...)`: the variables, then the body.
    Forall(Vec<Var>, Box<Formula>),
}

/// A named axiom.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Axiom {
    /// Its name.
    pub name: String,
    /// A closed formula.
    pub formula: Formula,
    /// Where it was declared.
    pub span: Span,
}

/// A named conjecture: a closed formula to be proved.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Conjecture {
    /// Its name.
    pub name: String,
    /// A closed formula (free variables already quantified).
    pub formula: Formula,
    /// Where it was declared.
    pub span: Span,
}

/// A definition with parameters, `def NAME[P1, ..., Pn] := BODY;`: a macro, expanded
/// (capture-avoiding) wherever `(NAME[A1, ..., An])` is used. It is kept as syntax,
/// because what a parameter stands for (a variable, a set or an operator) is decided by
/// the body at each use; formulas of the theory never contain definition atoms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Definition {
    /// Its name.
    pub name: String,
    /// Its parameters, in order.
    pub params: Vec<String>,
    /// Its body as written (spans point into [`Theory::files`]).
    pub body: super::ast::Formula,
    /// Where it was declared (its name).
    pub span: Span,
    /// The whole declaration, from `def` to `;`.
    pub decl_span: Span,
}

/// A source file that contributed to the theory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceFile {
    /// The path as given (the root file) or resolved (imports).
    pub path: std::path::PathBuf,
    /// Its full text.
    pub text: String,
}

/// Everything declared by an MPL file and its imports, resolved and sort-checked.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Theory {
    /// The theory's name: from a `theory NAME;` declaration, else the root file's stem.
    pub name: String,
    /// Sorts in declaration order (imports first, in import order).
    pub sorts: Vec<Sort>,
    /// Operators in declaration order; constructors are declared with their sort.
    pub operators: Vec<Operator>,
    /// Predicates in declaration order while the files are resolved; empty in a resolved
    /// theory, whose predicates are operators into `Prop` (see [`super::predicate`]).
    pub predicates: Vec<Predicate>,
    /// Axioms in declaration order.
    pub axioms: Vec<Axiom>,
    /// Conjectures in declaration order.
    pub conjectures: Vec<Conjecture>,
    /// Definitions in declaration order (used while reading formulas and goals).
    #[serde(skip)]
    pub definitions: Vec<Definition>,
    /// Interned variable names, indexed by [`Name`].
    pub names: Vec<String>,
    /// The files read, the root first.
    #[serde(skip)]
    pub files: Vec<SourceFile>,
}

impl Theory {
    /// The sort with this id.
    pub fn sort(&self, id: SortId) -> &Sort {
        &self.sorts[id.0 as usize]
    }
    /// The operator with this id.
    pub fn op(&self, id: OpId) -> &Operator {
        &self.operators[id.0 as usize]
    }
    /// The predicate with this id.
    pub fn pred(&self, id: PredId) -> &Predicate {
        &self.predicates[id.0 as usize]
    }
    /// The string of an interned name.
    pub fn name(&self, n: Name) -> &str {
        &self.names[n.0 as usize]
    }
    /// Interns a variable name, returning the existing id if present.
    pub fn intern(&mut self, s: &str) -> Name {
        if let Some(i) = self.names.iter().position(|n| n == s) {
            return Name(i as u32);
        }
        self.names.push(s.to_string());
        Name((self.names.len() - 1) as u32)
    }
    /// Looks up an operator by name.
    pub fn op_by_name(&self, s: &str) -> Option<OpId> {
        self.operators
            .iter()
            .position(|o| o.name == s)
            .map(|i| OpId(i as u32))
    }
    /// Looks up a definition by name.
    pub fn definition(&self, s: &str) -> Option<&Definition> {
        self.definitions.iter().find(|d| d.name == s)
    }
    /// Looks up a sort by name.
    pub fn sort_by_name(&self, s: &str) -> Option<SortId> {
        self.sorts
            .iter()
            .position(|o| o.name == s)
            .map(|i| SortId(i as u32))
    }
    /// The sort of a term.
    pub fn sort_of(&self, t: &Term) -> SortId {
        match t {
            Term::Var(v) => v.sort,
            Term::App(f, _) => self.op(*f).result,
        }
    }
}

/// Displays a term in prefix s-expression form, e.g. `(+ x (s y))`; the certificate and
/// e-graph notation.
pub struct SExpr<'a>(pub &'a Theory, pub &'a Term);

impl fmt::Display for SExpr<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.1 {
            Term::Var(v) => f.write_str(self.0.name(v.name)),
            Term::App(op, args) if args.is_empty() => f.write_str(&self.0.op(*op).name),
            Term::App(op, args) => {
                write!(f, "({}", self.0.op(*op).name)?;
                for a in args {
                    write!(f, " {}", SExpr(self.0, a))?;
                }
                f.write_str(")")
            }
        }
    }
}
