//! The serde types of the certificate file format (spec sections 1, 2 and 5).
//!
//! Invariants: every struct denies unknown fields; every field is required except the
//! optional ones of version 3 (`params`, `sorts`: absent means empty, and they are not
//! written when empty, so a certificate without them reads and writes as in version 2)
//! and `essential`, `premises`;
//! field order is the order of the spec's examples, so serialization is deterministic;
//! a `subst` object that names a variable twice is rejected (plain maps would silently keep
//! the last binding). These types carry untrusted data only: nothing here checks meaning.

use serde::de::{Deserializer, Error as _, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// A whole certificate file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Certificate {
    /// Always `ergo-certificate`.
    pub format: String,
    /// The format version (2 or 3).
    pub version: u32,
    /// Free text naming the program that wrote the file (not trusted).
    pub producer: String,
    /// The signature and axioms the proofs are checked against.
    pub theory: TheorySection,
    /// `sha256:` and the hex SHA-256 of the theory's canonical text.
    pub digest: String,
    /// The theorems, in dependency order.
    pub theorems: Vec<Theorem>,
}

/// The theory section (spec section 2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TheorySection {
    /// The theory's name.
    pub name: String,
    /// The MPL file the theory was read from (not part of the digest).
    pub source: String,
    /// The sorts, in declaration order.
    pub sorts: Vec<SortDecl>,
    /// The operators (constructors included).
    pub operators: Vec<OperatorDecl>,
    /// The predicates.
    pub predicates: Vec<PredicateDecl>,
    /// The axioms.
    pub axioms: Vec<AxiomDecl>,
}

/// A sort and its constructors (empty unless the sort is inductive).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SortDecl {
    /// The sort's name.
    pub name: String,
    /// Its sort parameters (version 3; absent means none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub params: Vec<String>,
    /// Its constructors, in declaration order.
    pub constructors: Vec<String>,
}

/// A function symbol.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OperatorDecl {
    /// The operator's name.
    pub name: String,
    /// Its sort parameters (version 3; absent means none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub params: Vec<String>,
    /// Its argument sorts.
    pub args: Vec<String>,
    /// Its result sort.
    pub result: String,
}

/// A relation symbol.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PredicateDecl {
    /// The predicate's name.
    pub name: String,
    /// Its sort parameters (version 3; absent means none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub params: Vec<String>,
    /// Its argument sorts.
    pub args: Vec<String>,
}

/// A named closed formula.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AxiomDecl {
    /// The axiom's name.
    pub name: String,
    /// Its sort parameters (version 3; absent means none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub params: Vec<String>,
    /// The formula, as an s-expression.
    pub statement: String,
}

/// A theorem and its proof.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Theorem {
    /// The theorem's name.
    pub name: String,
    /// Its sort parameters (version 3; absent means none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub params: Vec<String>,
    /// The statement: a clause (spec section 5): an equation, a negated equation, or
    /// premises (equations) implying an equation or a negated equation.
    pub statement: String,
    /// Its proof.
    pub proof: Proof,
    /// Optional annotation written by `ergo derive`: whether the theorem belongs to the
    /// essential subset (no essential theorem follows from the others by rewriting).
    /// Not checked and not trusted: it affects presentation only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub essential: Option<bool>,
}

/// A proof of a goal in a context (spec section 5.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "lowercase", deny_unknown_fields)]
pub enum Proof {
    /// A chain of rewrite steps from the goal's left side to its right side.
    Chain {
        /// The steps.
        steps: Vec<Step>,
    },
    /// Structural induction on a rigid variable.
    Induction {
        /// The induction variable.
        var: String,
        /// One case per constructor, in declared order.
        cases: Vec<Case>,
    },
    /// A case split on a rigid variable: induction without induction hypotheses.
    Cases {
        /// The variable split on.
        var: String,
        /// One case per constructor, in declared order.
        cases: Vec<Case>,
    },
    /// A case split on a term over the rigid variables (spec 5.1): one case per
    /// constructor of the term's (inductive) sort, each with the simple hypothesis
    /// `hyp: term = c(fresh..)` added; the goal and the other hypotheses are unchanged.
    Split {
        /// The term split on, as an s-expression over the context's rigid variables.
        term: String,
        /// The name of the case hypothesis `term = c(fresh..)` in every case.
        hyp: String,
        /// One case per constructor, in declared order.
        cases: Vec<Case>,
    },
    /// A contradiction: an instance of a clause concluding falsity, with a proof of each
    /// of its premises. Proves any goal.
    Contradiction {
        /// Where the clause comes from.
        kind: StepKind,
        /// The clause's name.
        rule: String,
        /// The sorts given to the rule's parameters (version 3; absent means none).
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        #[serde(deserialize_with = "unique_map")]
        sorts: BTreeMap<String, String>,
        /// A term for every variable of the clause.
        #[serde(deserialize_with = "unique_map")]
        subst: BTreeMap<String, String>,
        /// One proof per premise of the clause, in order.
        premises: Vec<Proof>,
    },
    /// ∃-introduction (spec 5.1): a term for every variable the existential goal binds,
    /// and a proof of each conjunct of its body with those terms substituted.
    Witness {
        /// The term (over the rigid variables) for each bound variable.
        #[serde(deserialize_with = "unique_map")]
        terms: BTreeMap<String, String>,
        /// One proof per conjunct, in order.
        proofs: Vec<Proof>,
    },
    /// ∃-elimination (spec 5.1): an instance of a clause concluding `exists`, with a
    /// proof of each of its premises; the same goal is then proved with fresh rigid
    /// variables for the bound ones and the body as simple hypotheses `hyp` (one
    /// conjunct) or `hyp.1`, `hyp.2`, ...
    Obtain {
        /// Where the clause comes from.
        kind: StepKind,
        /// The clause's name.
        rule: String,
        /// The sorts given to the rule's parameters (version 3; absent means none).
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        #[serde(deserialize_with = "unique_map")]
        sorts: BTreeMap<String, String>,
        /// A term for every variable of the clause.
        #[serde(deserialize_with = "unique_map")]
        subst: BTreeMap<String, String>,
        /// One proof per premise of the clause, in order.
        premises: Vec<Proof>,
        /// One new rigid variable per variable the conclusion binds, in order.
        fresh: Vec<String>,
        /// The name of the body's hypothesis (or the prefix of its conjuncts' names).
        hyp: String,
        /// The proof of the goal in the extended context.
        proof: Box<Proof>,
    },
}

impl Proof {
    /// Calls `f` with the kind and name of every rule the proof cites, in order: each
    /// step's rule, each contradiction's and obtain's clause, and those of nested proofs
    /// (cases, premise proofs, witness proofs, an obtain's proof).
    pub fn each_citation(&self, f: &mut impl FnMut(StepKind, &str)) {
        match self {
            Proof::Chain { steps } => {
                for s in steps {
                    f(s.kind, &s.rule);
                    s.premises.iter().for_each(|p| p.each_citation(f));
                }
            }
            Proof::Induction { cases, .. }
            | Proof::Cases { cases, .. }
            | Proof::Split { cases, .. } => cases.iter().for_each(|c| c.proof.each_citation(f)),
            Proof::Contradiction {
                kind,
                rule,
                premises,
                ..
            } => {
                f(*kind, rule);
                premises.iter().for_each(|p| p.each_citation(f));
            }
            Proof::Witness { proofs, .. } => proofs.iter().for_each(|p| p.each_citation(f)),
            Proof::Obtain {
                kind,
                rule,
                premises,
                proof,
                ..
            } => {
                f(*kind, rule);
                premises.iter().for_each(|p| p.each_citation(f));
                proof.each_citation(f);
            }
        }
    }

    /// Like [`Proof::each_citation`], with the rule names mutable (to rename citations).
    pub fn each_citation_mut(&mut self, f: &mut impl FnMut(StepKind, &mut String)) {
        match self {
            Proof::Chain { steps } => {
                for s in steps {
                    f(s.kind, &mut s.rule);
                    s.premises.iter_mut().for_each(|p| p.each_citation_mut(f));
                }
            }
            Proof::Induction { cases, .. }
            | Proof::Cases { cases, .. }
            | Proof::Split { cases, .. } => {
                cases.iter_mut().for_each(|c| c.proof.each_citation_mut(f))
            }
            Proof::Contradiction {
                kind,
                rule,
                premises,
                ..
            } => {
                f(*kind, rule);
                premises.iter_mut().for_each(|p| p.each_citation_mut(f));
            }
            Proof::Witness { proofs, .. } => proofs.iter_mut().for_each(|p| p.each_citation_mut(f)),
            Proof::Obtain {
                kind,
                rule,
                premises,
                proof,
                ..
            } => {
                f(*kind, rule);
                premises.iter_mut().for_each(|p| p.each_citation_mut(f));
                proof.each_citation_mut(f);
            }
        }
    }
}

/// One case of an induction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// The constructor of this case.
    pub constructor: String,
    /// Names for the constructor's arguments.
    pub fresh: Vec<String>,
    /// The proof of the case's goal.
    pub proof: Proof,
}

/// Where a step's rule comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StepKind {
    /// An axiom of the theory.
    Axiom,
    /// An earlier accepted theorem.
    Theorem,
    /// A hypothesis of the context (a premise of the goal or an induction hypothesis).
    Hyp,
}

/// The direction a rule is used in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Dir {
    /// Left side to right side.
    Lr,
    /// Right side to left side.
    Rl,
}

/// One rewrite step (spec section 5.2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// Where the rule comes from.
    pub kind: StepKind,
    /// The rule's name.
    pub rule: String,
    /// The sorts given to the rule's parameters (version 3; absent means none).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[serde(deserialize_with = "unique_map")]
    pub sorts: BTreeMap<String, String>,
    /// The direction.
    pub dir: Dir,
    /// The position of the rewritten subterm.
    pub pos: Vec<usize>,
    /// A term for every variable of the rule.
    #[serde(deserialize_with = "unique_map")]
    pub subst: BTreeMap<String, String>,
    /// The whole term after the step.
    pub term: String,
    /// For a conditional rule: one proof per premise of the rule, in order. Omitted when
    /// empty (an unconditional rule).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub premises: Vec<Proof>,
}

/// Deserializes a JSON object into a map, rejecting repeated keys.
fn unique_map<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, String>, D::Error> {
    struct UniqueMap;
    impl<'de> Visitor<'de> for UniqueMap {
        type Value = BTreeMap<String, String>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object from names to terms or sorts")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out = BTreeMap::new();
            while let Some((key, value)) = map.next_entry::<String, String>()? {
                if out.contains_key(&key) {
                    return Err(A::Error::custom(format!("duplicate key `{key}`")));
                }
                out.insert(key, value);
            }
            Ok(out)
        }
    }
    d.deserialize_map(UniqueMap)
}

#[cfg(test)]
mod tests {
    use super::*;

    const STEP: &str = r#"{"kind":"axiom","rule":"add_succ","dir":"lr","pos":[1],"subst":{"a":"x","b":"y"},"term":"(s (+ x y))"}"#;

    #[test]
    fn step_round_trip_keeps_field_order() {
        let step: Step = serde_json::from_str(STEP).unwrap();
        assert_eq!(step.kind, StepKind::Axiom);
        assert_eq!(step.dir, Dir::Lr);
        assert_eq!(serde_json::to_string(&step).unwrap(), STEP);
    }

    #[test]
    fn proof_is_tagged_by_method() {
        let text = format!(r#"{{"method":"chain","steps":[{STEP}]}}"#);
        let proof: Proof = serde_json::from_str(&text).unwrap();
        assert_eq!(serde_json::to_string(&proof).unwrap(), text);
        let ind = r#"{"method":"induction","var":"n","cases":[{"constructor":"0","fresh":[],"proof":{"method":"chain","steps":[]}}]}"#;
        let proof: Proof = serde_json::from_str(ind).unwrap();
        assert_eq!(serde_json::to_string(&proof).unwrap(), ind);
    }

    #[test]
    fn rejects_unknown_and_repeated_fields() {
        let extra = STEP.replace("\"kind\"", "\"why\":1,\"kind\"");
        assert!(serde_json::from_str::<Step>(&extra).is_err());
        let twice = STEP.replace(
            "\"kind\":\"axiom\"",
            "\"kind\":\"axiom\",\"kind\":\"axiom\"",
        );
        assert!(serde_json::from_str::<Step>(&twice).is_err());
        let subst = STEP.replace(r#""b":"y""#, r#""b":"y","a":"y""#);
        let e = serde_json::from_str::<Step>(&subst)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("duplicate key `a`"), "{e}");
        let chain = r#"{"method":"chain","steps":[],"extra":0}"#;
        assert!(serde_json::from_str::<Proof>(chain).is_err());
        let wrapped = format!(r#"{{"method":"chain","steps":[{subst}]}}"#);
        assert!(serde_json::from_str::<Proof>(&wrapped).is_err());
        assert!(serde_json::from_str::<Proof>(r#"{"method":"magic","steps":[]}"#).is_err());
        assert!(serde_json::from_str::<Proof>(r#"{"steps":[]}"#).is_err());
        let bad_kind = STEP.replace("\"axiom\"", "\"Axiom\"");
        assert!(serde_json::from_str::<Step>(&bad_kind).is_err());
        let negative = STEP.replace("[1]", "[-1]");
        assert!(serde_json::from_str::<Step>(&negative).is_err());
    }
}
