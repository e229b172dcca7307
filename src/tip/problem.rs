//! A TIP problem read and sort-checked: its commands (with sorts on every term), its
//! signature, and a summary of what it uses.
//!
//! Invariants: a [`Problem`] exists only after a successful check, so every term in it
//! carries its sort; [`Problem::summary`] counts from the commands alone and is
//! deterministic.
//!
//! ```
//! let p = ergo::tip::read_str("t.smt2", "(declare-datatype Nat ((Z) (S (p Nat))))\n\
//!     (define-fun-rec f ((x Nat)) Nat (match x ((Z Z) ((S y) (f y)))))\n\
//!     (prove (forall ((n Nat)) (= (f n) Z)))").unwrap();
//! let s = p.summary();
//! assert_eq!((s.datatypes, s.functions, s.facts, s.goals), (1, 1, 0, 1));
//! assert!(s.uses_match && !s.uses_lambda && !s.uses_polymorphism);
//! ```

use super::ast::*;
use super::signature::Signature;
use crate::mpl::SourceFile;

/// A checked TIP problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The file it was read from.
    pub file: SourceFile,
    /// Its commands in file order, checked.
    pub commands: Vec<Located>,
    /// What they declare.
    pub signature: Signature,
}

/// What a problem declares and uses.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Datatypes declared.
    pub datatypes: usize,
    /// Uninterpreted sorts declared.
    pub sorts: usize,
    /// Functions declared or defined (not constructors or selectors).
    pub functions: usize,
    /// Background facts (`assert`).
    pub facts: usize,
    /// Goals (`prove`).
    pub goals: usize,
    /// Some datatype, function, fact or goal has sort parameters.
    pub uses_polymorphism: bool,
    /// Some sort is a function sort (`(=> a b)`).
    pub uses_function_sorts: bool,
    /// Some term is a `lambda`.
    pub uses_lambda: bool,
    /// Some term is an `ite`.
    pub uses_ite: bool,
    /// Some term is a `match`.
    pub uses_match: bool,
}

impl Summary {
    /// The features used, by name, in a fixed order.
    pub fn features(&self) -> Vec<&'static str> {
        [
            (self.uses_polymorphism, "polymorphism"),
            (self.uses_function_sorts, "function sorts"),
            (self.uses_lambda, "lambda"),
            (self.uses_ite, "ite"),
            (self.uses_match, "match"),
        ]
        .into_iter()
        .filter_map(|(b, n)| b.then_some(n))
        .collect()
    }
}

impl Problem {
    /// The goals (`prove`) in file order.
    pub fn goals(&self) -> impl Iterator<Item = &Formula> {
        self.commands.iter().filter_map(|c| match &c.command {
            Command::Prove(f) => Some(f),
            _ => None,
        })
    }

    /// The background facts (`assert`) in file order.
    pub fn facts(&self) -> impl Iterator<Item = &Formula> {
        self.commands.iter().filter_map(|c| match &c.command {
            Command::Assert(f) => Some(f),
            _ => None,
        })
    }

    /// The declared and defined functions in file order.
    pub fn functions(&self) -> impl Iterator<Item = &FunDecl> {
        self.commands.iter().flat_map(|c| match &c.command {
            Command::Funs { funs, .. } => funs.as_slice(),
            _ => &[],
        })
    }

    /// Counts declarations and the features used.
    pub fn summary(&self) -> Summary {
        let mut s = Summary::default();
        let term = |s: &mut Summary, t: &Term| {
            t.visit(&mut |u| {
                match &u.kind {
                    TermKind::Lambda(..) => s.uses_lambda = true,
                    TermKind::Match(..) => s.uses_match = true,
                    TermKind::Builtin(Builtin::Ite, _) => s.uses_ite = true,
                    _ => {}
                }
                if u.sort.as_ref().is_some_and(|x| x.has_function()) {
                    s.uses_function_sorts = true;
                }
            })
        };
        for c in &self.commands {
            match &c.command {
                Command::Datatypes(d) => {
                    s.datatypes += d.len();
                    s.uses_polymorphism |= d.iter().any(|d| !d.params.is_empty());
                }
                Command::Sort(_) => s.sorts += 1,
                Command::Funs { funs, .. } => {
                    s.functions += funs.len();
                    for f in funs {
                        s.uses_polymorphism |= !f.params.is_empty();
                        if let Some(b) = &f.body {
                            term(&mut s, b);
                        }
                    }
                }
                Command::Assert(f) | Command::Prove(f) => {
                    if matches!(c.command, Command::Assert(_)) {
                        s.facts += 1;
                    } else {
                        s.goals += 1;
                    }
                    s.uses_polymorphism |= !f.params.is_empty();
                    term(&mut s, &f.body);
                }
            }
        }
        let sig = &self.signature;
        s.uses_function_sorts |= sig
            .symbols
            .values()
            .any(|f| f.args.iter().chain([&f.result]).any(|x| x.has_function()));
        s
    }
}
