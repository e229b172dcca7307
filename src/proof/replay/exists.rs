//! The replay of "there exists" (format section 5.1): `witness` and `obtain` blocks.
//!
//! Invariants: a witness's terms are read over the block's rigid variables, one per bound
//! variable of the existential goal and of its sort, and each conjunct's goal is the body
//! with the bound variables replaced by them at once; an obtain opens the *uninstantiated*
//! existential of the cited clause with the instance and the fresh variables at once (as
//! the kernel does, so a rigid variable named like a bound one is never captured), adds
//! the fresh variables and the hypotheses `hyp` (one conjunct) or `hyp.1`, `hyp.2`, ...,
//! and proves the same goal.

use super::{instance_map, instantiate, Builder, Ctx, Res};
use crate::mpl::{Term, Var};
use crate::proof::clause::{Clause, Goal};
use crate::proof::fields;
use crate::proof::tree::{Hyp, Obtain, Origin, Sub, Witness};
use ergo_kernel::format::Proof;
use std::collections::BTreeMap;

impl Builder {
    /// A `witness` for the existential `goal`.
    pub(super) fn witness<'c>(
        &mut self,
        ctx: &Ctx,
        goal: &Goal,
        terms: &'c BTreeMap<String, String>,
        proofs: &'c [Proof],
        path: &str,
    ) -> Res<Witness<'c>> {
        let Goal::Exists(ex) = goal else {
            return Err("a witness proves only an existential".to_string());
        };
        if terms.len() != ex.vars.len() {
            return Err("a witness gives one term per bound variable".to_string());
        }
        let mut pairs = Vec::new();
        for v in &ex.vars {
            let name = self.theory.name(v.name);
            let text = terms
                .get(name)
                .ok_or_else(|| format!("no witness for `{name}`"))?;
            let t = super::sexp::term(&self.theory, &ctx.rigid, text).map_err(|e| e.to_string())?;
            if self.theory.sort_of(&t) != v.sort {
                return Err(format!("the witness for `{name}` has the wrong sort"));
            }
            pairs.push((*v, t));
        }
        let values: Vec<Term> = pairs.iter().map(|(_, t)| t.clone()).collect();
        let body = ex.open(&[], &values);
        if body.len() != proofs.len() {
            return Err("a witness proves each conjunct once".to_string());
        }
        let mut subs = Vec::new();
        for (j, (conjunct, p)) in body.into_iter().zip(proofs).enumerate() {
            let here = format!("{path}w{j}-");
            let block = self
                .block(ctx, &Goal::Eq(conjunct.clone()), p, &here)
                .map_err(|e| format!("conjunct {}: {e}", j + 1))?;
            subs.push(Sub {
                path: here,
                goal: conjunct,
                body: block,
            });
        }
        Ok(Witness {
            path: path.to_string(),
            goal: ex.clone(),
            terms: pairs,
            proofs: subs,
        })
    }

    /// An `obtain` (given the whole proof, for its `sorts`) proving `goal`.
    pub(super) fn obtain<'c>(
        &mut self,
        ctx: &Ctx,
        goal: &Goal,
        proof: &'c Proof,
        path: &str,
    ) -> Res<Obtain<'c>> {
        let Proof::Obtain {
            kind,
            rule,
            subst,
            premises,
            fresh,
            hyp,
            proof: inner,
            ..
        } = proof
        else {
            return Err("not an obtain".to_string());
        };
        let rule = self.rule(ctx, *kind, rule, fields::sorts(proof))?;
        let subst = self.subst(ctx, &rule.clause, subst)?;
        let instance = instantiate(&self.theory, &rule.clause, &subst);
        let (Goal::Exists(written), Goal::Exists(exists)) = (&rule.clause.goal, &instance.goal)
        else {
            return Err(format!("`{}` does not conclude an existential", rule.name));
        };
        let (written, exists) = (written.clone(), exists.clone());
        let premises = self.subs(ctx, &instance, premises, &format!("{path}p"))?;
        if fresh.len() != written.vars.len() {
            return Err("an obtain names one fresh variable per bound variable".to_string());
        }
        let fresh: Vec<Var> = fresh
            .iter()
            .zip(&exists.vars)
            .map(|(name, v)| Var {
                name: self.theory.intern(name),
                sort: v.sort,
            })
            .collect();
        let values: Vec<Term> = fresh.iter().map(|f| Term::Var(*f)).collect();
        let map = instance_map(&self.theory, &rule.clause, &subst);
        let body = written.open(&map, &values);
        let here = format!("{path}o-");
        let names: Vec<String> = match body.len() {
            1 => vec![hyp.clone()],
            k => (1..=k).map(|i| format!("{hyp}.{i}")).collect(),
        };
        let hyps: Vec<Hyp> = names
            .into_iter()
            .zip(body)
            .map(|(name, (l, r))| Hyp {
                name,
                scope: here.clone(),
                clause: Clause::fact(l, r),
                origin: Origin::Obtained,
            })
            .collect();
        let mut rigid = ctx.rigid.clone();
        rigid.extend(fresh.iter().copied());
        let mut scope = ctx.hyps.clone();
        scope.extend(hyps.iter().cloned());
        let extended = Ctx { rigid, hyps: scope };
        let body = self
            .block(&extended, goal, inner, &here)
            .map_err(|e| format!("obtain: {e}"))?;
        Ok(Obtain {
            path: path.to_string(),
            goal: goal.clone(),
            rule,
            subst,
            exists,
            premises,
            fresh,
            hyps,
            body,
        })
    }
}
