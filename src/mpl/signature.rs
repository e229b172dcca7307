//! The signature: the immutable, shared part of a theory (sorts, operators, predicates,
//! axioms, conjectures and the variable names its source interned).
//!
//! Invariants:
//! - it never changes once the resolver has built it; a [`super::Theory`] shares it by
//!   `Arc`, so handing a theory to a logic block copies two pointers, not the tables;
//! - ids index its tables: `SortId(i)` is `sorts[i]`, `OpId(i)` is `operators[i]`, ...;
//!   declaration order is preserved in every table;
//! - [`Signature::names`] are the names of the source's formulas, `Name(i)` being
//!   `names[i]`; a proof attempt's fresh names extend them (see [`super::Names`]) with
//!   ids from `names.len()` up, never changing these.
//!
//! ```
//! let theory = ergo::mpl::load_str(
//!     std::path::Path::new("t.mpl"),
//!     "inductive N = 0 | s(N); op +(N, N) -> N infixl 6; axiom a: (>[x] (=[x + 0, x]));",
//! ).unwrap();
//! let plus = theory.op_by_name("+").unwrap();
//! assert_eq!(theory.op(plus).args.len(), 2);
//! assert_eq!(theory.signature().names.to_vec(), ["x"]);
//! ```

use std::sync::Arc;

use super::source_map::Span;
use super::term::{Axiom, Conjecture, Term};
use serde::{Deserialize, Serialize};

/// Index of a sort in [`Signature::sorts`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct SortId(pub u32);

/// Index of an operator (function symbol, constructors included) in [`Signature::operators`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct OpId(pub u32);

/// Index of a predicate (relation symbol) in [`Signature::predicates`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct PredId(pub u32);

/// An interned variable name; the string lives in [`super::Names`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Name(pub u32);

/// A sort; inductive when it has constructors.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sort {
    /// The sort's name in MPL display form, unique in the table: `N`, `List('a)`,
    /// `'a -> Bool`.
    pub name: String,
    /// Constructors in declaration order; empty for an uninterpreted sort.
    pub constructors: Vec<OpId>,
    /// Where it was declared.
    pub span: Span,
    /// What kind of sort of the (monomorphic) tables this is; see `docs/logic.md`.
    #[serde(default)]
    pub shape: SortShape,
}

/// How a sort of the tables came to be (`docs/logic.md`, section 2).
///
/// The engine's tables are monomorphic: a parametric sort appears once per instance, a
/// sort variable as a rigid, uninterpreted sort.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SortShape {
    /// A declared sort without parameters (`N`, `Bool`, `sort E;`).
    #[default]
    Plain,
    /// A sort variable `'a`: rigid, uninterpreted, never inductive; one per name.
    Param,
    /// An instance of a parametric sort family (`List(N)`, `List('a)`): `family` is the
    /// family's name, `args` the sorts given to its parameters, in declaration order.
    Instance {
        /// The family's name, e.g. `List`.
        family: String,
        /// One sort per parameter of the family.
        args: Vec<SortId>,
    },
    /// A function sort `from -> to`; never inductive.
    Function {
        /// The argument sort.
        from: SortId,
        /// The result sort.
        to: SortId,
    },
}

/// Where an instance (of an operator or axiom scheme) comes from: the scheme's name and
/// the sorts given to its parameters, in the scheme's parameter order.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Instance {
    /// The scheme's name as written (`cons`, `app_nil`, `@`).
    pub scheme: String,
    /// One sort per parameter of the scheme.
    pub args: Vec<SortId>,
}

/// A parametric sort family as declared: `inductive List('a) = nil | cons('a, List('a))`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SortFamily {
    /// The family's name, e.g. `List`.
    pub name: String,
    /// Its parameters: `Param` sorts, in declaration order.
    pub params: Vec<SortId>,
    /// Its generic instance (at its own parameters), always in the tables.
    pub generic: SortId,
    /// Where it was declared.
    pub span: Span,
}

/// A polymorphic operator (or axiom) as declared: its parameters and its generic
/// instance, from which every other instance is obtained by substituting sorts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scheme {
    /// The scheme's name as written (`cons`, `map`, `@`, `app_nil`).
    pub name: String,
    /// Its parameters: `Param` sorts, in order (a family's constructors take the family's
    /// parameters; another operator the sort variables of its signature in order of first
    /// occurrence, arguments then result; an axiom those of its formula, likewise).
    pub params: Vec<SortId>,
}

impl Sort {
    /// Whether structural induction over this sort is licensed.
    pub fn is_inductive(&self) -> bool {
        !self.constructors.is_empty()
    }
}

/// Associativity of an infix operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Assoc {
    /// `a + b + c` reads `(a + b) + c`.
    Left,
    /// `a ^ b ^ c` reads `a ^ (b ^ c)`.
    Right,
    /// Chains need parentheses.
    None,
}

/// Infix notation of a binary operator: higher precedence binds tighter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Fixity {
    /// Associativity.
    pub assoc: Assoc,
    /// Precedence level (higher binds tighter).
    pub prec: u8,
}

/// A function symbol.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
    /// For an instance of a polymorphic operator: its scheme and sort arguments (the
    /// generic instance included); `None` for a monomorphic operator.
    #[serde(default)]
    pub instance: Option<Instance>,
}

/// A relation symbol, used in atoms `(name[t1,...,tn])`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Predicate {
    /// The symbol.
    pub name: String,
    /// Argument sorts.
    pub args: Vec<SortId>,
    /// Where it was declared.
    pub span: Span,
}

/// Sorts, operators, predicates, axioms and conjectures of a theory, with the variable
/// names its formulas use.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signature {
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
    /// The variable names the source interned, indexed by [`Name`].
    pub names: Arc<[String]>,
    /// Parametric sort families, in declaration order (empty for a monomorphic theory).
    #[serde(default)]
    pub families: Vec<SortFamily>,
    /// Polymorphic operator schemes, in declaration order (`Operator::instance` names
    /// them).
    #[serde(default)]
    pub op_schemes: Vec<Scheme>,
    /// Axiom schemes: axioms whose formula mentions sort variables (`Axiom::instance`
    /// names them for the instances other than the generic one).
    #[serde(default)]
    pub axiom_schemes: Vec<Scheme>,
}

impl Signature {
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
    /// Looks up an operator by name.
    pub fn op_by_name(&self, s: &str) -> Option<OpId> {
        self.operators
            .iter()
            .position(|o| o.name == s)
            .map(|i| OpId(i as u32))
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
