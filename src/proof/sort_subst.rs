//! A citation's sort binding (`"sorts": {"'a": "N"}`, format version 3) applied to the
//! cited clause, so a rule with parameters is replayed at the citing context's sorts.
//!
//! Invariants:
//! - a binding maps sort variables (`Param` sorts of the tables) to sorts of the tables;
//!   sorts it names that the tables lack are added with [`Theory::instantiate`] first;
//! - applying it replaces every sort variable in the clause's variable sorts and in its
//!   operator instances (`cons['a]` becomes the instance of `cons` at the bound sorts),
//!   and nothing else: variable names, positions and monomorphic operators are kept;
//! - the identity binding (`{"'a": "'a"}`) and the empty one change nothing.
//!
//! Example: the empty binding.
//!
//! ```
//! # use std::path::Path;
//! let mut th = ergo::mpl::load_str(Path::new("t.mpl"), "inductive N = 0 | s(N);").unwrap();
//! let s = ergo::proof::sort_subst::SortSubst::read(&mut th, &Default::default()).unwrap();
//! assert!(s.is_identity());
//! ```

use super::clause::{Clause, Goal};
use super::sexp;
use crate::mpl::{OpId, SortExpr, SortId, SortShape, Term, Theory, Var};
use std::collections::BTreeMap;

/// Sort variables mapped to sorts of the tables.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SortSubst {
    map: BTreeMap<SortId, SortId>,
}

type Res<T> = Result<T, String>;

impl SortSubst {
    /// Reads a citation's binding over `theory`, instantiating it at the sorts it names.
    pub fn read(theory: &mut Theory, binding: &BTreeMap<String, String>) -> Res<SortSubst> {
        let mut pairs = Vec::new();
        for (param, text) in binding {
            let p = theory
                .sort_by_name(param)
                .filter(|&p| theory.sort(p).shape == SortShape::Param)
                .ok_or_else(|| format!("`{param}` is not a sort variable of the theory"))?;
            let e = sexp::sort_expr(text).ok_or_else(|| format!("malformed sort `{text}`"))?;
            pairs.push((p, e));
        }
        let mut map = BTreeMap::new();
        for (p, e) in pairs {
            map.insert(p, sort_id(theory, &e)?);
        }
        Ok(SortSubst { map })
    }

    /// Whether it maps every sort variable to itself.
    pub fn is_identity(&self) -> bool {
        self.map.iter().all(|(p, s)| p == s)
    }

    fn expr(&self, theory: &Theory, id: SortId) -> SortExpr {
        if let Some(&to) = self.map.get(&id) {
            return theory.sort_expr(to);
        }
        match &theory.sort(id).shape {
            SortShape::Plain | SortShape::Param => theory.sort_expr(id),
            SortShape::Instance { family, args } => SortExpr::App(
                family.clone(),
                args.iter().map(|&a| self.expr(theory, a)).collect(),
            ),
            SortShape::Function { from, to } => SortExpr::Fun(
                Box::new(self.expr(theory, *from)),
                Box::new(self.expr(theory, *to)),
            ),
        }
    }

    /// The image of a sort of the tables.
    pub fn sort(&self, theory: &mut Theory, id: SortId) -> Res<SortId> {
        if self.map.is_empty() {
            return Ok(id);
        }
        let e = self.expr(theory, id);
        sort_id(theory, &e)
    }

    fn op(&self, theory: &mut Theory, op: OpId) -> Res<OpId> {
        let Some(inst) = theory.op(op).instance.clone() else {
            return Ok(op);
        };
        let args = inst
            .args
            .iter()
            .map(|&a| self.sort(theory, a))
            .collect::<Res<Vec<_>>>()?;
        if args == inst.args {
            return Ok(op);
        }
        theory
            .operators
            .iter()
            .position(|o| {
                o.instance
                    .as_ref()
                    .is_some_and(|i| i.scheme == inst.scheme && i.args == args)
            })
            .map(|i| OpId(i as u32))
            .ok_or_else(|| format!("no instance of `{}` at these sorts", inst.scheme))
    }

    /// The image of a term.
    pub fn term(&self, theory: &mut Theory, t: &Term) -> Res<Term> {
        Ok(match t {
            Term::Var(v) => Term::Var(Var {
                name: v.name,
                sort: self.sort(theory, v.sort)?,
            }),
            Term::App(op, args) => Term::App(
                self.op(theory, *op)?,
                args.iter()
                    .map(|a| self.term(theory, a))
                    .collect::<Res<_>>()?,
            ),
        })
    }

    /// The image of a clause: its variables' sorts and its terms.
    pub fn clause(&self, theory: &mut Theory, c: &Clause) -> Res<Clause> {
        if self.is_identity() {
            return Ok(c.clone());
        }
        let mut out = c.clone();
        for v in &mut out.vars {
            v.sort = self.sort(theory, v.sort)?;
        }
        for (l, r) in out.premises.iter_mut() {
            *l = self.term(theory, l)?;
            *r = self.term(theory, r)?;
        }
        match &mut out.goal {
            Goal::Eq((l, r)) => {
                *l = self.term(theory, l)?;
                *r = self.term(theory, r)?;
            }
            Goal::Falsity => {}
            Goal::Exists(ex) => {
                for v in &mut ex.vars {
                    v.sort = self.sort(theory, v.sort)?;
                }
                for (l, r) in &mut ex.body {
                    *l = self.term(theory, l)?;
                    *r = self.term(theory, r)?;
                }
            }
        }
        Ok(out)
    }
}

/// The id of a sort, instantiating the theory at it when the tables lack it.
fn sort_id(theory: &mut Theory, e: &SortExpr) -> Res<SortId> {
    if let Some(id) = theory.sort_id_of(e) {
        return Ok(id);
    }
    *theory = theory
        .instantiate(std::slice::from_ref(e))
        .map_err(|err| err.to_string())?;
    theory
        .sort_id_of(e)
        .ok_or_else(|| format!("unknown sort `{e}`"))
}
