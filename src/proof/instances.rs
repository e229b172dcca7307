//! From the producer's proofs, written over the tables' instances, to version-3
//! certificate text (`docs/logic.md` section 3).
//!
//! The engine's tables are monomorphic: its proofs name operator instances and axiom
//! instances by their internal names (`cons[N]`, `app_nil[N]`). A certificate names
//! schemes and says at which sorts: [`Instances::proof`] rewrites
//! - every term (a step's `term`, a `subst` value, a split's `term`, a witness) so that an operator instance prints
//!   `(_ cons N)` (alone for a constant, as the head of an application otherwise) and an
//!   application instance `(@ f x)`;
//! - every case's constructor to its plain name;
//! - every citation of an axiom instance (`Axiom::instance`; a theorem scheme used at an
//!   instance is handed over the same way, its scheme being an earlier theorem of the
//!   certificate or registered in `Signature::axiom_schemes`, as `Lemma::scheme` gives
//!   it) to its scheme with `"sorts"` binding the scheme's parameters to the instance's
//!   sorts, and every citation of a rule with
//!   parameters by its own name to the identity binding (`{"'a": "'a"}`).
//!
//! Invariant: on a monomorphic theory (no instance operator, no axiom instance, no rule
//! with parameters) every proof is returned unchanged, so version-2 proofs keep their
//! text.
//!
//! Example: a monomorphic proof is unchanged.
//!
//! ```
//! # use std::path::Path;
//! let th = ergo::mpl::load_str(Path::new("t.mpl"), "inductive N = 0 | s(N);").unwrap();
//! let proof: ergo_kernel::format::Proof =
//!     serde_json::from_str(r#"{"method": "chain", "steps": []}"#).unwrap();
//! let instances = ergo::proof::instances::Instances::new(&th, std::iter::empty());
//! assert_eq!(instances.proof(&proof).unwrap(), proof);
//! ```

use super::fields::{self, FieldError};
use super::syntax::{self, APPLY};
use super::theory_section::{axiom_params, plain_name};
use crate::mpl::{Instance, OpId, Theory};
use ergo_kernel::format::{Case, Proof, Step, StepKind};
use std::collections::BTreeMap;

/// What the rewriting needs to know about a theory and the theorems cited.
pub struct Instances<'t> {
    theory: &'t Theory,
    /// Internal names of operator instances: how each prints alone and as a head.
    ops: BTreeMap<&'t str, OpId>,
    /// The parameters of every rule with parameters, by name (axiom schemes and theorem
    /// schemes).
    params: BTreeMap<String, Vec<String>>,
    /// Axiom (and theorem) instances by internal name: the scheme and its sorts.
    cited: BTreeMap<&'t str, Instance>,
}

impl<'t> Instances<'t> {
    /// The rewriting for `theory`; `theorems` are the names and parameters of the
    /// theorem schemes proofs may cite (earlier theorems, lemmas).
    pub fn new(
        theory: &'t Theory,
        theorems: impl IntoIterator<Item = (String, Vec<String>)>,
    ) -> Self {
        let ops = theory
            .operators
            .iter()
            .enumerate()
            .filter(|(_, o)| o.instance.is_some())
            .map(|(i, o)| (o.name.as_str(), OpId(i as u32)))
            .collect();
        let mut params: BTreeMap<String, Vec<String>> = theory
            .axioms
            .iter()
            .filter(|a| a.instance.is_none())
            .map(|a| {
                (
                    a.name.clone(),
                    sort_names(theory, &axiom_params(theory, &a.name, &a.formula)),
                )
            })
            .filter(|(_, p)| !p.is_empty())
            .collect();
        params.extend(theorems.into_iter().filter(|(_, p)| !p.is_empty()));
        let cited = theory
            .axioms
            .iter()
            .filter_map(|a| Some((a.name.as_str(), a.instance.clone()?)))
            .collect();
        Instances {
            theory,
            ops,
            params,
            cited,
        }
    }

    /// The parameters of a rule with parameters (empty for any other name).
    pub fn params(&self, rule: &str) -> &[String] {
        self.params.get(rule).map_or(&[], Vec::as_slice)
    }

    /// Records a theorem scheme proved earlier in the same certificate.
    pub fn add_theorem(&mut self, name: &str, params: Vec<String>) {
        if !params.is_empty() {
            self.params.insert(name.to_string(), params);
        }
    }

    /// A cited rule's certificate name and sort binding.
    fn citation(&self, kind: StepKind, rule: &str) -> (String, BTreeMap<String, String>) {
        if kind == StepKind::Hyp {
            return (rule.to_string(), BTreeMap::new());
        }
        if let Some(inst) = self.cited.get(rule) {
            let names = match self.params.get(&inst.scheme) {
                Some(p) => p.clone(),
                None => self
                    .theory
                    .axiom_schemes
                    .iter()
                    .find(|s| s.name == inst.scheme)
                    .map(|s| sort_names(self.theory, &s.params))
                    .unwrap_or_default(),
            };
            let binding = names
                .into_iter()
                .zip(inst.args.iter().map(|&s| syntax::sort(self.theory, s)))
                .collect();
            return (inst.scheme.clone(), binding);
        }
        let identity = self
            .params(rule)
            .iter()
            .map(|p| (p.clone(), p.clone()))
            .collect();
        (rule.to_string(), identity)
    }

    /// A term's text with instance operators written as version 3 requires.
    pub fn term(&self, text: &str) -> String {
        if self.ops.is_empty() {
            return text.to_string();
        }
        let tokens = tokens(text, &self.ops);
        let mut out = String::with_capacity(text.len());
        let mut prev: Option<&str> = None;
        for (i, &tok) in tokens.iter().enumerate() {
            let piece = match self.ops.get(tok) {
                Some(&op) if prev == Some("(") && self.is_apply(op) => APPLY.to_string(),
                Some(&op) => syntax::op_head(self.theory, op),
                None => tok.to_string(),
            };
            if i > 0 && tok != ")" && prev != Some("(") {
                out.push(' ');
            }
            out.push_str(&piece);
            prev = Some(tok);
        }
        out
    }

    fn is_apply(&self, op: OpId) -> bool {
        self.theory
            .op(op)
            .instance
            .as_ref()
            .is_some_and(|i| i.scheme == APPLY)
    }

    fn subst(&self, subst: &BTreeMap<String, String>) -> BTreeMap<String, String> {
        subst
            .iter()
            .map(|(k, v)| (k.clone(), self.term(v)))
            .collect()
    }

    fn constructor(&self, name: &str) -> String {
        match self.ops.get(name) {
            Some(&op) => plain_name(self.theory, op).to_string(),
            None => name.to_string(),
        }
    }

    fn step(&self, s: &Step) -> Result<Step, FieldError> {
        let (rule, sorts) = self.citation(s.kind, &s.rule);
        let mut step = s.clone();
        step.rule = rule;
        step.subst = self.subst(&s.subst);
        step.term = self.term(&s.term);
        step.premises = self.proofs(&s.premises)?;
        fields::with_sorts(step, &sorts)
    }

    fn proofs(&self, ps: &[Proof]) -> Result<Vec<Proof>, FieldError> {
        ps.iter().map(|p| self.proof(p)).collect()
    }

    fn cases(&self, cases: &mut [Case]) -> Result<(), FieldError> {
        for c in cases {
            c.constructor = self.constructor(&c.constructor);
            c.proof = self.proof(&c.proof)?;
        }
        Ok(())
    }

    /// A proof with every term, constructor and citation written as version 3 requires.
    pub fn proof(&self, p: &Proof) -> Result<Proof, FieldError> {
        let mut out = p.clone();
        match &mut out {
            Proof::Chain { steps } => {
                for s in steps.iter_mut() {
                    *s = self.step(s)?;
                }
            }
            Proof::Induction { cases, .. } | Proof::Cases { cases, .. } => self.cases(cases)?,
            Proof::Split { term, cases, .. } => {
                *term = self.term(term);
                self.cases(cases)?
            }
            Proof::Contradiction {
                kind,
                rule,
                subst,
                premises,
                ..
            } => {
                let (name, sorts) = self.citation(*kind, rule);
                *rule = name;
                *subst = self.subst(subst);
                *premises = self.proofs(premises)?;
                return fields::with_sorts(out, &sorts);
            }
            Proof::Witness { terms, proofs } => {
                terms.values_mut().for_each(|t| *t = self.term(t));
                *proofs = self.proofs(proofs)?;
            }
            Proof::Obtain {
                kind,
                rule,
                subst,
                premises,
                proof,
                ..
            } => {
                let (name, sorts) = self.citation(*kind, rule);
                *rule = name;
                *subst = self.subst(subst);
                *premises = self.proofs(premises)?;
                **proof = self.proof(proof)?;
                return fields::with_sorts(out, &sorts);
            }
        }
        Ok(out)
    }
}

/// The names of some sorts of the tables.
pub fn sort_names(theory: &Theory, ids: &[crate::mpl::SortId]) -> Vec<String> {
    ids.iter().map(|&s| theory.sort(s).name.clone()).collect()
}

/// The tokens of an s-expression: `(`, `)` and the symbols between whitespace; where an
/// internal name of `names` starts (it may hold parentheses or spaces, as `cons[List(N)]`
/// does), the longest one is one token.
fn tokens<'a, T>(text: &'a str, names: &BTreeMap<&str, T>) -> Vec<&'a str> {
    let ends = |rest: &str| {
        rest.chars()
            .next()
            .is_none_or(|c| c == ')' || c.is_whitespace())
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        let c = rest.chars().next().expect("i < len");
        if c.is_whitespace() {
            i += c.len_utf8();
        } else if c == '(' || c == ')' {
            out.push(&rest[..1]);
            i += 1;
        } else if let Some(name) = names
            .keys()
            .filter(|n| rest.starts_with(**n) && ends(&rest[n.len()..]))
            .max_by_key(|n| n.len())
        {
            out.push(&rest[..name.len()]);
            i += name.len();
        } else {
            let len = rest
                .find(|c: char| c == '(' || c == ')' || c.is_whitespace())
                .unwrap_or(rest.len());
            out.push(&rest[..len]);
            i += len;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::tokens;
    use std::collections::BTreeMap;

    #[test]
    fn internal_names_with_parentheses_are_one_token() {
        let names: BTreeMap<&str, ()> = [("cons[List(N)]", ()), ("nil[List(N)]", ())].into();
        assert_eq!(
            tokens("(cons[List(N)] l nil[List(N)])", &names),
            ["(", "cons[List(N)]", "l", "nil[List(N)]", ")"]
        );
        // A name only where a symbol starts and ends.
        assert_eq!(
            tokens("(f nil[List(N)]x)", &names),
            ["(", "f", "nil[List", "(", "N", ")", "]x", ")"]
        );
        assert_eq!(tokens("  (s  0) ", &names), ["(", "s", "0", ")"]);
    }
}
