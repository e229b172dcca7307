//! Structural induction as a tactic around saturation.
//!
//! For a goal `∀ V. l = r` and a variable `v ∈ V` of an inductive sort, there is one case
//! per constructor `c` of the sort (in declared order): the goal with `v := c(fresh..)`.
//! Every fresh argument of the induction sort gets an induction hypothesis named
//! `ih_<fresh>`: the goal with `v := fresh`, generalised over `V \ {v}` (those become its
//! rule variables; the fresh variable stays rigid).
//!
//! Invariant: this construction is exactly the one the kernel rebuilds from the statement
//! (certificate format, section 5.1, with no hypotheses in scope), so a certificate that
//! names the same fresh variables describes the same cases.

use super::equation::{Equation, Goal, RuleKind};
use crate::mpl::{Names, Signature, SortId, SortShape, Term, Var};

/// One case of an induction: its constructor, the fresh argument variables, the goal to
/// prove and the hypotheses available.
#[derive(Clone, Debug)]
pub struct Case {
    /// The constructor's name.
    pub constructor: String,
    /// The constructor's arguments, as fresh rigid variables.
    pub fresh: Vec<Var>,
    /// The goal of this case.
    pub goal: Goal,
    /// The induction hypotheses (one per fresh argument of the induction sort).
    pub hypotheses: Vec<Equation>,
}

/// Fresh variables for the arguments (of sorts `args`) of a constructor in a split on
/// `v`, interned in the attempt's `names`: the first argument of `v`'s sort reuses `v`'s name, the
/// others get `v1`, `v2`, ...; a name is never one of `used`, an operator's, or one
/// `taken` rejects (a split inside a proof passes the names its hypotheses bind).
pub(crate) fn fresh_arguments(
    signature: &Signature,
    names: &mut Names,
    v: Var,
    args: &[SortId],
    mut used: Vec<String>,
    taken: &dyn Fn(&str) -> bool,
) -> Vec<Var> {
    let base = names.get(v.name).to_string();
    let mut fresh = Vec::new();
    let mut reused = false;
    for arg_sort in args {
        let clash = |n: &str, used: &[String]| {
            used.iter().any(|u| u == n) || signature.op_by_name(n).is_some() || taken(n)
        };
        let name = if *arg_sort == v.sort && !reused && !clash(&base, &used) {
            reused = true;
            base.clone()
        } else {
            (1..)
                .map(|i| format!("{base}{i}"))
                .find(|n| !clash(n, &used) && *n != base)
                .expect("an unused name exists")
        };
        used.push(name.clone());
        fresh.push(Var {
            name: names.intern(&name),
            sort: *arg_sort,
        });
    }
    fresh
}

/// Whether induction (or a case split) on a variable of `sort` is licensed: the sort has
/// constructors and is `Plain` or an instance of a family (`List('a)`, whose
/// constructors are the family's instantiated there); never a sort variable or a
/// function sort (`docs/logic.md`, section 3).
pub fn is_inductive(signature: &Signature, sort: SortId) -> bool {
    let s = signature.sort(sort);
    s.is_inductive() && matches!(s.shape, SortShape::Plain | SortShape::Instance { .. })
}

/// Whether every constructor of `sort` is a constant (`Bool`, an enumeration): a split
/// on a term of it adds no fresh names and leaves nothing to recurse on.
pub fn is_enumeration(signature: &Signature, sort: SortId) -> bool {
    signature
        .sort(sort)
        .constructors
        .iter()
        .all(|c| signature.op(*c).args.is_empty())
}

/// The cases of induction on `v` for `goal`, or `None` if `v`'s sort is not inductive.
/// Fresh names are interned in the attempt's `names`: the first recursive argument reuses
/// `v`'s name, the others get `v1`, `v2`, ... skipping names in use.
pub fn cases(signature: &Signature, names: &mut Names, goal: &Goal, v: Var) -> Option<Vec<Case>> {
    if !is_inductive(signature, v.sort) {
        return None;
    }
    let sort = signature.sort(v.sort);
    let others: Vec<Var> = goal.rigid.iter().copied().filter(|w| *w != v).collect();
    let mut out = Vec::new();
    for ctor in &sort.constructors {
        let op = signature.op(*ctor);
        let used: Vec<String> = others
            .iter()
            .map(|w| names.get(w.name).to_string())
            .collect();
        let fresh = fresh_arguments(signature, names, v, &op.args, used, &|_| false);
        let ctor_term = Term::App(*ctor, fresh.iter().map(|f| Term::Var(*f)).collect());
        let mut rigid = others.clone();
        rigid.extend(fresh.iter().copied());
        let case_goal = Goal::equation(
            rigid,
            goal.lhs.substitute(&v, &ctor_term),
            goal.rhs.substitute(&v, &ctor_term),
        );
        let hypotheses = fresh
            .iter()
            .filter(|f| f.sort == v.sort)
            .map(|f| Equation {
                kind: RuleKind::Hypothesis,
                name: format!("ih_{}", names.get(f.name)),
                vars: others.clone(),
                lhs: goal.lhs.substitute(&v, &Term::Var(*f)),
                rhs: goal.rhs.substitute(&v, &Term::Var(*f)),
                premises: Vec::new(),
                negated: false,
            })
            .collect();
        out.push(Case {
            constructor: op.name.clone(),
            fresh,
            goal: case_goal,
            hypotheses,
        });
    }
    Some(out)
}
