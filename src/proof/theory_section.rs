//! The theory section of a certificate, built from a resolved [`Theory`].
//!
//! Invariants:
//! - the same theory always gives the same section, byte for byte (declaration order,
//!   canonical s-expressions), so `ergo verify` can rebuild it from the MPL source and
//!   compare it with the certificate's;
//! - only what a reader must trust is declared (`docs/logic.md` section 3): the plain
//!   sorts; each parametric family once, as `(List 'a)` with its parameters and its
//!   constructors by their plain names; each monomorphic operator, and each operator
//!   scheme once, by its generic instance (`params`, argument and result sorts as sort
//!   expressions); the axioms that are not instances of another, a scheme's generic
//!   axiom with its `params`. Sort variables, function sorts, instance sorts, the instances
//!   of schemes at other sorts and the built-in `@` are never declared;
//! - a monomorphic theory gives exactly its version-2 section, so its digest is unchanged.
//!
//! Example: a monomorphic theory declares its tables as they are.
//!
//! ```
//! # use std::path::Path;
//! let th = ergo::mpl::load_str(Path::new("t.mpl"), "theory t; inductive N = 0 | s(N);").unwrap();
//! let section = ergo::proof::theory_section(&th, "t.mpl");
//! assert_eq!(section.sorts[0].constructors, ["0", "s"]);
//! assert_eq!(section.operators.len(), 2);
//! ```

use super::fields::{self, build, FieldError};
use super::syntax::{self, APPLY};
use crate::mpl::{Formula, OpId, Operator, SortId, SortShape, Term, Theory};
use ergo_kernel::format::{AxiomDecl, OperatorDecl, PredicateDecl, SortDecl, TheorySection};
use serde_json::json;

/// A term in the certificate's s-expression syntax.
pub fn term(theory: &Theory, t: &Term) -> String {
    syntax::term(theory, t)
}

/// A formula in the certificate's s-expression syntax (section 4 of the format).
pub fn formula(theory: &Theory, f: &Formula) -> String {
    syntax::formula(theory, f)
}

/// The declarations of a theory section with the sort parameters of each, before the
/// parameters are set on the format's types: `params[i]` belongs to the i-th entry of
/// the matching list of `section`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Parts {
    /// The section without any `params`.
    pub section: TheorySection,
    /// The parameters of each sort.
    pub sort_params: Vec<Vec<String>>,
    /// The parameters of each operator.
    pub op_params: Vec<Vec<String>>,
    /// The parameters of each predicate.
    pub pred_params: Vec<Vec<String>>,
    /// The parameters of each axiom.
    pub axiom_params: Vec<Vec<String>>,
}

fn names(theory: &Theory, ids: &[SortId]) -> Vec<String> {
    ids.iter().map(|&s| theory.sort(s).name.clone()).collect()
}

/// Whether an operator is declared: a monomorphic one, or the generic instance of a
/// scheme other than `@`; its parameters if so.
fn declared_op(theory: &Theory, o: &Operator) -> Option<Vec<SortId>> {
    let Some(inst) = &o.instance else {
        return Some(Vec::new());
    };
    if inst.scheme == APPLY {
        return None;
    }
    let scheme = theory.op_schemes.iter().find(|s| s.name == inst.scheme)?;
    (scheme.params == inst.args).then(|| scheme.params.clone())
}

/// The plain name an operator is declared and cited by: its scheme's, if it has one.
pub fn plain_name(theory: &Theory, op: OpId) -> &str {
    let o = theory.op(op);
    o.instance.as_ref().map_or(&o.name, |i| &i.scheme)
}

/// The parameters of a declared axiom: its scheme's, else the sorts its formula mentions.
pub fn axiom_params(theory: &Theory, name: &str, formula: &Formula) -> Vec<SortId> {
    theory
        .axiom_schemes
        .iter()
        .find(|s| s.name == name)
        .map(|s| s.params.clone())
        .unwrap_or_else(|| syntax::formula_params(theory, formula))
}

/// The section's declarations and their parameters; `source` is the MPL file's path
/// relative to the certificate's directory.
pub fn parts(theory: &Theory, source: &str) -> Parts {
    let mut sorts: Vec<SortDecl> = Vec::new();
    let mut sort_params = Vec::new();
    for (i, s) in theory.sorts.iter().enumerate() {
        let id = SortId(i as u32);
        let constructors: Vec<String> = s
            .constructors
            .iter()
            .map(|&c| plain_name(theory, c).to_string())
            .collect();
        match &s.shape {
            SortShape::Plain => {
                sorts.push(build(json!({"name": s.name, "constructors": constructors})));
                sort_params.push(Vec::new());
            }
            SortShape::Instance { family, .. } => {
                let Some(f) = theory
                    .families
                    .iter()
                    .find(|f| f.name == *family && f.generic == id)
                else {
                    continue;
                };
                sorts.push(build(json!({"name": f.name, "constructors": constructors})));
                sort_params.push(names(theory, &f.params));
            }
            SortShape::Param | SortShape::Function { .. } => {}
        }
    }
    let mut operators: Vec<OperatorDecl> = Vec::new();
    let mut op_params = Vec::new();
    for (i, o) in theory.operators.iter().enumerate() {
        let Some(params) = declared_op(theory, o) else {
            continue;
        };
        let args: Vec<String> = o.args.iter().map(|&a| syntax::sort(theory, a)).collect();
        operators.push(build(json!({
            "name": plain_name(theory, OpId(i as u32)),
            "args": args,
            "result": syntax::sort(theory, o.result),
        })));
        op_params.push(names(theory, &params));
    }
    let mut predicates: Vec<PredicateDecl> = Vec::new();
    let mut pred_params = Vec::new();
    for p in &theory.predicates {
        let mut params = Vec::new();
        p.args
            .iter()
            .for_each(|&a| syntax::sort_params(theory, a, &mut params));
        let args: Vec<String> = p.args.iter().map(|&a| syntax::sort(theory, a)).collect();
        predicates.push(build(json!({"name": p.name, "args": args})));
        pred_params.push(names(theory, &params));
    }
    let mut axioms: Vec<AxiomDecl> = Vec::new();
    let mut axiom_params = Vec::new();
    for a in theory.axioms.iter().filter(|a| a.instance.is_none()) {
        axioms.push(build(json!({
            "name": a.name,
            "statement": formula(theory, &a.formula),
        })));
        axiom_params.push(names(
            theory,
            &self::axiom_params(theory, &a.name, &a.formula),
        ));
    }
    Parts {
        section: TheorySection {
            name: theory.name.clone(),
            source: source.to_string(),
            sorts,
            operators,
            predicates,
            axioms,
        },
        sort_params,
        op_params,
        pred_params,
        axiom_params,
    }
}

impl Parts {
    /// The section with every declaration's `params` set.
    pub fn into_section(self) -> Result<TheorySection, FieldError> {
        fn set<T>(xs: Vec<T>, ps: &[Vec<String>]) -> Result<Vec<T>, FieldError>
        where
            T: serde::Serialize + serde::de::DeserializeOwned,
        {
            xs.into_iter()
                .zip(ps)
                .map(|(x, p)| fields::with_params(x, p))
                .collect()
        }
        let s = self.section;
        Ok(TheorySection {
            sorts: set(s.sorts, &self.sort_params)?,
            operators: set(s.operators, &self.op_params)?,
            predicates: set(s.predicates, &self.pred_params)?,
            axioms: set(s.axioms, &self.axiom_params)?,
            ..s
        })
    }
}

/// The certificate's theory section, or why the kernel's format cannot hold it (a
/// polymorphic theory with a kernel older than format version 3).
pub fn try_theory_section(theory: &Theory, source: &str) -> Result<TheorySection, FieldError> {
    parts(theory, source).into_section()
}

/// The certificate's theory section; `source` is the MPL file's path relative to the
/// certificate's directory.
///
/// # Panics
///
/// On a polymorphic theory when the kernel's format has no `params` (never with a
/// version-3 kernel); [`try_theory_section`] reports it instead.
pub fn theory_section(theory: &Theory, source: &str) -> TheorySection {
    try_theory_section(theory, source)
        .expect("the kernel's certificate format holds version-3 parameters")
}
