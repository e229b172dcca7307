//! Citations (spec 5.1 and 5.2): a step's rule, a contradiction's or an obtain's clause,
//! with its sorts, its instance and the proofs of its premises.
//!
//! Invariants: a citation is accepted only if the clause exists in the named kind (an
//! axiom that is a clause, an earlier accepted theorem cited in order, a hypothesis in
//! scope) and concludes what the citation needs (an equation, falsity, an existential);
//! its `sorts` bind exactly the rule's params to sorts well formed in the citing theorem,
//! its `subst` exactly the rule variables to well-sorted terms over the rigid variables,
//! every instance is within the term limits before it is built, and one proof per premise
//! proves that premise's instance as an equation goal in the same context. An existential
//! conclusion is returned *uninstantiated*, with the instance, so that an obtain opens it
//! with the instance and its fresh names at once (no capture).

use super::{Context, Earlier, Replay, Tally};
use crate::clause::{Clause, Conclusion};
use crate::error::KernelError;
use crate::format::{Proof, StepKind};
use crate::limits::{within, Limit};
use crate::sort::Sort;
use crate::term::{Equality, Term};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// What a citation needs its clause to conclude.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Needs {
    /// An equation (a step).
    Equation,
    /// Falsity (a contradiction).
    Falsity,
    /// An existential (an obtain).
    Exists,
}

/// What a checked citation gives: its instantiated premises are proved; what is left.
pub(super) struct Cited {
    /// The instantiated conclusion; an existential is *not* instantiated (it is opened
    /// with `map` and the fresh names at once, so nothing is captured).
    pub(super) conclusion: Conclusion,
    /// The rule variables' values.
    pub(super) map: BTreeMap<String, Term>,
    /// The axioms the cited clause rests on (not yet tallied).
    pub(super) axioms: Vec<String>,
}

/// A citation: a step's, a contradiction's or an obtain's rule with its instance and
/// premise proofs.
pub(super) struct Citation<'p> {
    /// Where the rule comes from.
    pub(super) kind: StepKind,
    /// The rule's name.
    pub(super) rule: &'p str,
    /// The sorts given to its params.
    pub(super) sorts: &'p BTreeMap<String, String>,
    /// The terms given to its rule variables.
    pub(super) subst: &'p BTreeMap<String, String>,
    /// One proof per premise.
    pub(super) premises: &'p [Proof],
    /// What its conclusion must be.
    pub(super) needs: Needs,
}

impl<'a> Replay<'a> {
    /// Finds the clause a citation names; returns it with the axioms citing it rests on.
    pub(super) fn rule<'c>(
        &self,
        kind: StepKind,
        name: &str,
        ctx: &'c Context,
    ) -> Result<(&'c Clause, Vec<String>), KernelError>
    where
        'a: 'c,
    {
        let rule = name.to_string();
        let unknown = |kind| KernelError::UnknownRule {
            kind,
            rule: name.to_string(),
        };
        match kind {
            StepKind::Axiom => match self.sig.axioms.get(name) {
                Some(Some(clause)) => Ok((clause, vec![rule])),
                Some(None) => Err(KernelError::RuleNotClause { rule }),
                None => Err(unknown("axiom")),
            },
            StepKind::Theorem => match self.earlier.get(name) {
                None if self.names.contains(name) => {
                    Err(KernelError::TheoremCitedBeforeProved { rule })
                }
                None => Err(unknown("theorem")),
                Some(_) if self.duplicated.contains(name) => {
                    Err(KernelError::CitedTheoremRejected { rule })
                }
                Some(Earlier::Rejected) => Err(KernelError::CitedTheoremRejected { rule }),
                Some(Earlier::Accepted(clause, axioms)) => {
                    Ok((clause, axioms.iter().cloned().collect()))
                }
            },
            StepKind::Hyp => match ctx.hyps.iter().find(|(h, _)| h == name) {
                Some((_, clause)) => Ok((clause, Vec::new())),
                None => Err(unknown("hyp")),
            },
        }
    }

    /// Checks a citation (spec 5.1 and 5.2): the clause, its conclusion, the substitution
    /// and the premise proofs. Returns the instantiated conclusion and the axioms the
    /// clause rests on. Errors carry their site.
    pub(super) fn cite(
        &self,
        citation: &Citation<'_>,
        ctx: &Context,
        site: &str,
        depth: usize,
        tally: &mut Tally,
    ) -> Result<Cited, KernelError> {
        let local = |e: KernelError| e.at(site);
        let (clause, axioms) = self
            .rule(citation.kind, citation.rule, ctx)
            .map_err(local)?;
        let rule = citation.rule.to_string();
        let wrong = match (citation.needs, &clause.conclusion) {
            (Needs::Equation, Conclusion::Eq(_))
            | (Needs::Falsity, Conclusion::Falsity)
            | (Needs::Exists, Conclusion::Exists(_)) => None,
            (Needs::Equation | Needs::Falsity, Conclusion::Exists(_)) => {
                Some(KernelError::RuleConcludesExists { rule })
            }
            (Needs::Equation, _) => Some(KernelError::RuleNotEquation { rule }),
            (Needs::Falsity, _) => Some(KernelError::RuleNotFalsity { rule }),
            (Needs::Exists, _) => Some(KernelError::RuleNotExists { rule }),
        };
        if let Some(wrong) = wrong {
            return Err(local(wrong));
        }
        let rule = citation.rule.to_string();
        let clause = self
            .at_sorts(clause, citation.rule, citation.sorts)
            .map_err(local)?;
        let clause = clause.as_ref();
        let map = self
            .instance(clause, citation.rule, citation.subst, ctx)
            .map_err(local)?;
        self.instance_within_limits(clause, &map).map_err(local)?;
        let inst = |(l, r): &Equality| (l.subst(&map), r.subst(&map));
        let premises: Vec<Equality> = clause.premises.iter().map(inst).collect();
        let conclusion = match &clause.conclusion {
            Conclusion::Exists(_) => clause.conclusion.clone(),
            other => other.subst(&map).map_err(|var| {
                let hypothesis = rule.clone();
                local(KernelError::Capture { hypothesis, var })
            })?,
        };
        if premises.len() != citation.premises.len() {
            let (expected, found) = (premises.len(), citation.premises.len());
            return Err(local(KernelError::PremiseCount {
                rule,
                expected,
                found,
            }));
        }
        for (j, (premise, proof)) in premises.into_iter().zip(citation.premises).enumerate() {
            let here = format!("{site}.premises[{j}]");
            let premise = Conclusion::Eq(premise);
            self.proof(proof, ctx, &premise, &here, depth + 1, tally)?;
        }
        Ok(Cited {
            conclusion,
            map,
            axioms,
        })
    }

    /// The cited clause at the sorts of the citation: `sorts` binds exactly its params to
    /// sorts well formed in the citing theorem (whose params are rigid sort constants).
    fn at_sorts<'c>(
        &self,
        clause: &'c Clause,
        rule: &str,
        sorts: &BTreeMap<String, String>,
    ) -> Result<Cow<'c, Clause>, KernelError> {
        if !sorts.is_empty() && !self.sig.version3 {
            let feature = "`sorts`".to_string();
            return Err(KernelError::NeedsVersion3 { feature });
        }
        if let Some(param) = clause.params.iter().find(|p| !sorts.contains_key(*p)) {
            return Err(KernelError::SortsMissingParam {
                rule: rule.to_string(),
                param: param.clone(),
            });
        }
        if clause.params.is_empty() {
            return match sorts.keys().next() {
                None => Ok(Cow::Borrowed(clause)),
                Some(param) => Err(KernelError::SortsUnknownParam {
                    rule: rule.to_string(),
                    param: param.clone(),
                }),
            };
        }
        let mut map = BTreeMap::new();
        for (param, text) in sorts {
            if !clause.params.contains(param) {
                return Err(KernelError::SortsUnknownParam {
                    rule: rule.to_string(),
                    param: param.clone(),
                });
            }
            let in_sorts = |e: KernelError| e.at(format!("sorts `{param}`"));
            let sort = self.sig.sort_text(text, self.params).map_err(in_sorts)?;
            map.insert(param.clone(), sort);
        }
        // Every node of the clause may carry an instantiated sort: charge them all.
        let sides = clause.equalities();
        let nodes = sides.fold(0u64, |n, (l, r)| {
            n.saturating_add(l.size()).saturating_add(r.size())
        });
        let widest = map.values().map(Sort::size).max().unwrap_or(1);
        self.budget.work(nodes.saturating_mul(widest))?;
        Ok(Cow::Owned(clause.subst_sorts(&map)))
    }

    /// Checks that `subst` binds exactly the clause's rule variables to well-sorted terms
    /// over the rigid variables; returns the parsed substitution.
    fn instance(
        &self,
        clause: &Clause,
        rule: &str,
        subst: &BTreeMap<String, String>,
        ctx: &Context,
    ) -> Result<BTreeMap<String, Term>, KernelError> {
        if let Some((var, _)) = clause.vars.iter().find(|(v, _)| !subst.contains_key(v)) {
            return Err(KernelError::SubstMissingVar {
                rule: rule.to_string(),
                var: var.clone(),
            });
        }
        let mut map = BTreeMap::new();
        for (name, text) in subst {
            let Some((_, sort)) = clause.vars.iter().find(|(v, _)| v == name) else {
                return Err(KernelError::SubstUnknownVar {
                    rule: rule.to_string(),
                    var: name.clone(),
                });
            };
            let in_subst = |e: KernelError| e.at(format!("subst `{name}`"));
            let parsed = self.sig.parse_term(text, &ctx.rigid, self.params);
            let (value, found) = parsed.map_err(in_subst)?;
            if &found != sort {
                return Err(in_subst(KernelError::SortMismatch {
                    term: value.to_string(),
                    expected: sort.to_string(),
                    found: found.to_string(),
                }));
            }
            map.insert(name.clone(), value);
        }
        Ok(map)
    }

    /// Checks, before building it, that every side of the clause's instance under `map`
    /// is within [`Limit::TermSize`] and [`Limit::TermDepth`], and charges the instance's
    /// size to the work budget.
    fn instance_within_limits(
        &self,
        clause: &Clause,
        map: &BTreeMap<String, Term>,
    ) -> Result<(), KernelError> {
        let sides = clause.equalities();
        for side in sides.flat_map(|(l, r)| [l, r]) {
            let size = side.subst_size(map);
            within(Limit::TermSize, size)?;
            within(Limit::TermDepth, u64::from(side.subst_depth(map)))?;
            self.budget.work(size)?;
        }
        Ok(())
    }
}
