//! Clauses used as rules, hypotheses and goals (spec section 4), and their conclusions:
//! an equation, falsity, or "there exist ys such that e1 and ... and ek".
//!
//! Invariants:
//! - A [`Clause`] binds its rule variables: instantiating them replaces them all at once
//!   with terms over the context's rigid variables, and substituting one of its *free*
//!   variables ([`Clause::subst_free`]) refuses to proceed if a rule variable would capture
//!   a variable of the substituted term.
//! - An existential conclusion [`Exists`] binds its variables `ys` in its body, inside the
//!   clause's rule variables: a `y` shadows a rule variable or rigid variable of the same
//!   name. Substitution never enters a `y` ([`Exists::subst`]) and refuses to proceed
//!   (returns the `y`) if a `y` would capture a variable of a substituted term. Opening the
//!   body ([`Exists::open`]) replaces the ys by given terms, simultaneously with the other
//!   substitution, so it never captures.
//! - The body of an [`Exists`] has at least one equation and `vars` at least one variable.
//! - `Display` prints the canonical s-expression of spec section 4.
//!
//! Example: `(forall ((x N)) (exists ((y N)) (= y (s x))))` is the clause with rule
//! variable `x`, no premise, and the conclusion `∃y. y = s(x)`; opening its instance at
//! `x := a` with `y := m` gives the equation `m = s(a)`.

use crate::sort::Sort;
use crate::term::{Equality, Term};
use std::collections::BTreeMap;
use std::fmt;

/// "There exist `vars` such that every equation of `body` holds".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exists {
    /// The bound variables with their sorts, in binder order.
    pub vars: Vec<(String, Sort)>,
    /// The conjuncts, in order (at least one).
    pub body: Vec<Equality>,
}

impl Exists {
    fn binds(&self, var: &str) -> bool {
        self.vars.iter().any(|(v, _)| v == var)
    }

    /// The body with the variables of `map` replaced by their values, the bound
    /// variables untouched (they shadow the keys of `map`). `Err(y)` if the bound `y`
    /// would capture a variable of a value substituted into the body.
    pub fn subst(&self, map: &BTreeMap<String, Term>) -> Result<Exists, String> {
        let mut map = map.clone();
        map.retain(|k, _| !self.binds(k));
        let used = |k: &String| self.body.iter().any(|(l, r)| l.has_var(k) || r.has_var(k));
        map.retain(|k, _| used(k));
        for (y, _) in &self.vars {
            if map.values().any(|t| t.has_var(y)) {
                return Err(y.clone());
            }
        }
        let body = self.body.iter();
        let body = body.map(|(l, r)| (l.subst(&map), r.subst(&map))).collect();
        Ok(Exists {
            vars: self.vars.clone(),
            body,
        })
    }

    /// The body with the bound variables replaced by `values` (one per variable, in
    /// order) and the other variables of `map` by theirs, simultaneously: the result has
    /// no binder, so nothing is captured.
    pub fn open(&self, map: &BTreeMap<String, Term>, values: &[Term]) -> Vec<Equality> {
        let map = self.opening(map, values);
        let body = self.body.iter();
        body.map(|(l, r)| (l.subst(&map), r.subst(&map))).collect()
    }

    /// The substitution [`Exists::open`] applies: `map` with each bound variable mapped
    /// to its value instead (a bound variable shadows a key of `map`).
    pub fn opening(&self, map: &BTreeMap<String, Term>, values: &[Term]) -> BTreeMap<String, Term> {
        let mut map = map.clone();
        for ((y, _), t) in self.vars.iter().zip(values) {
            map.insert(y.clone(), t.clone());
        }
        map
    }

    fn subst_sorts(&self, map: &BTreeMap<String, Sort>) -> Exists {
        let vars = self.vars.iter().map(|(v, s)| (v.clone(), s.subst(map)));
        let body = self.body.iter();
        let body = body.map(|(l, r)| (l.subst_sorts(map), r.subst_sorts(map)));
        Exists {
            vars: vars.collect(),
            body: body.collect(),
        }
    }
}

/// What a clause concludes, or what a goal asks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Conclusion {
    /// An equation.
    Eq(Equality),
    /// Falsity.
    Falsity,
    /// There exist ys with a conjunction of equations.
    Exists(Exists),
}

impl Conclusion {
    /// Whether `var` occurs free in the conclusion (a bound `y` is not free).
    pub fn mentions_free(&self, var: &str) -> bool {
        let has = |(l, r): &Equality| l.has_var(var) || r.has_var(var);
        match self {
            Conclusion::Eq(eq) => has(eq),
            Conclusion::Falsity => false,
            Conclusion::Exists(ex) => !ex.binds(var) && ex.body.iter().any(has),
        }
    }

    /// The conclusion with the variables of `map` replaced by their values (never a
    /// bound variable); `Err(y)` if the bound `y` would capture a variable of a value.
    pub fn subst(&self, map: &BTreeMap<String, Term>) -> Result<Conclusion, String> {
        Ok(match self {
            Conclusion::Eq((l, r)) => Conclusion::Eq((l.subst(map), r.subst(map))),
            Conclusion::Falsity => Conclusion::Falsity,
            Conclusion::Exists(ex) => Conclusion::Exists(ex.subst(map)?),
        })
    }

    /// The conclusion instantiated at sorts (binder sorts and heads).
    pub fn subst_sorts(&self, map: &BTreeMap<String, Sort>) -> Conclusion {
        match self {
            Conclusion::Eq((l, r)) => Conclusion::Eq((l.subst_sorts(map), r.subst_sorts(map))),
            Conclusion::Falsity => Conclusion::Falsity,
            Conclusion::Exists(ex) => Conclusion::Exists(ex.subst_sorts(map)),
        }
    }

    /// Every equation written in the conclusion (the body's, for an existential).
    pub fn equalities(&self) -> &[Equality] {
        match self {
            Conclusion::Eq(eq) => std::slice::from_ref(eq),
            Conclusion::Falsity => &[],
            Conclusion::Exists(ex) => &ex.body,
        }
    }
}

/// A clause `forall vars. p1 /\ ... /\ pn => conclusion` (spec section 4), where the
/// conclusion is an equation, falsity, or an existential over equations. An equation is a
/// clause without premises.
///
/// `vars` (name and sort, in binder order) are the clause's *rule variables*: they are
/// bound. Any other variable in it is a rigid variable of the context the clause lives in
/// (only hypotheses have those; axioms and theorems are closed). A name is never both: the
/// rule variables shadow everything else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    /// The sort parameters (an axiom's or theorem's `params`; none for a hypothesis).
    pub params: Vec<String>,
    /// The rule variables with their sorts.
    pub vars: Vec<(String, Sort)>,
    /// The premises, in order.
    pub premises: Vec<Equality>,
    /// The conclusion.
    pub conclusion: Conclusion,
}

impl Clause {
    /// An equation with no rule variables and no premises: a fact about rigid variables.
    pub fn fact(equality: Equality) -> Clause {
        Clause {
            params: Vec::new(),
            vars: Vec::new(),
            premises: Vec::new(),
            conclusion: Conclusion::Eq(equality),
        }
    }

    /// Whether the clause is *simple*: no rule variables, no premises, an equation.
    pub fn is_simple(&self) -> bool {
        self.vars.is_empty()
            && self.premises.is_empty()
            && matches!(self.conclusion, Conclusion::Eq(_))
    }

    fn is_bound(&self, var: &str) -> bool {
        self.vars.iter().any(|(v, _)| v == var)
    }

    /// Whether `var` occurs free (as a rigid variable, not a rule variable nor a variable
    /// bound by an existential conclusion) in the clause.
    pub fn mentions_free(&self, var: &str) -> bool {
        !self.is_bound(var)
            && (self
                .premises
                .iter()
                .any(|(l, r)| l.has_var(var) || r.has_var(var))
                || self.conclusion.mentions_free(var))
    }

    /// Every equation of the clause: premises, then those of the conclusion.
    pub fn equalities(&self) -> impl Iterator<Item = &Equality> {
        self.premises.iter().chain(self.conclusion.equalities())
    }

    /// The premises and conclusion with the rule variables replaced by their values in
    /// `map` (simultaneously). The values are terms over the rigid variables of the
    /// context; `Err(y)` if a variable `y` bound by an existential conclusion would
    /// capture one of them.
    pub fn instantiate(
        &self,
        map: &BTreeMap<String, Term>,
    ) -> Result<(Vec<Equality>, Conclusion), String> {
        let inst = |(l, r): &Equality| (l.subst(map), r.subst(map));
        let premises = self.premises.iter().map(inst).collect();
        Ok((premises, self.conclusion.subst(map)?))
    }

    /// The clause instantiated at sorts: its parameters replaced by their values in `map`
    /// in the binders' sorts and in the terms' heads. The result has no parameters.
    pub fn subst_sorts(&self, map: &BTreeMap<String, Sort>) -> Clause {
        let inst = |(l, r): &Equality| (l.subst_sorts(map), r.subst_sorts(map));
        Clause {
            params: Vec::new(),
            vars: self
                .vars
                .iter()
                .map(|(v, s)| (v.clone(), s.subst(map)))
                .collect(),
            premises: self.premises.iter().map(inst).collect(),
            conclusion: self.conclusion.subst_sorts(map),
        }
    }

    /// The clause with the *free* variable `var` replaced by `value`, rule variables
    /// untouched. `Err(v)` if a variable `v` of `value` is a rule variable of the clause
    /// (or a variable bound by its existential conclusion) and `var` occurs free there:
    /// the substitution would capture it, so none is made.
    pub fn subst_free(&self, var: &str, value: &Term) -> Result<Clause, String> {
        if !self.mentions_free(var) {
            return Ok(self.clone());
        }
        if let Some((v, _)) = self.vars.iter().find(|(v, _)| value.has_var(v)) {
            return Err(v.clone());
        }
        let map = BTreeMap::from([(var.to_string(), value.clone())]);
        let (premises, conclusion) = self.instantiate(&map)?;
        Ok(Clause {
            params: self.params.clone(),
            vars: self.vars.clone(),
            premises,
            conclusion,
        })
    }
}

/// Prints `(= l r)`.
struct ShowEq<'a>(&'a Equality);

impl fmt::Display for ShowEq<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "(= {} {})", self.0 .0, self.0 .1)
    }
}

/// Prints `((v S) ...)`.
struct ShowBinders<'a>(&'a [(String, Sort)]);

impl fmt::Display for ShowBinders<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("(")?;
        for (i, (v, s)) in self.0.iter().enumerate() {
            let sep = if i > 0 { " " } else { "" };
            write!(f, "{sep}({v} {s})")?;
        }
        f.write_str(")")
    }
}

/// Prints `(exists ((y S) ...) body)`, the body one equation or an `and` of them.
impl fmt::Display for Exists {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "(exists {} ", ShowBinders(&self.vars))?;
        match self.body.as_slice() {
            [eq] => write!(f, "{}", ShowEq(eq))?,
            eqs => {
                f.write_str("(and")?;
                for eq in eqs {
                    write!(f, " {}", ShowEq(eq))?;
                }
                f.write_str(")")?;
            }
        }
        f.write_str(")")
    }
}

/// Prints the clause canonically, in the shapes of spec section 4 (a clause with neither
/// premises nor conclusion, which no formula denotes, prints as `false`).
impl fmt::Display for Clause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.vars.is_empty() {
            write!(f, "(forall {} ", ShowBinders(&self.vars))?;
        }
        // Under falsity, the last premise is the negated equation.
        let falsity = matches!(self.conclusion, Conclusion::Falsity);
        let (premises, negated) = match self.premises.split_last() {
            Some((last, init)) if falsity => (init, Some(last)),
            _ => (self.premises.as_slice(), None),
        };
        let concl = match (&self.conclusion, negated) {
            (Conclusion::Eq(c), _) => ShowEq(c).to_string(),
            (Conclusion::Exists(ex), _) => ex.to_string(),
            (Conclusion::Falsity, Some(n)) => format!("(not {})", ShowEq(n)),
            (Conclusion::Falsity, None) => "false".to_string(),
        };
        match premises {
            [] => f.write_str(&concl)?,
            [p] => write!(f, "(=> {} {concl})", ShowEq(p))?,
            ps => {
                f.write_str("(=> (and")?;
                for p in ps {
                    write!(f, " {}", ShowEq(p))?;
                }
                write!(f, ") {concl})")?;
            }
        }
        if !self.vars.is_empty() {
            f.write_str(")")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(name: &str) -> Term {
        Term::var(name)
    }
    fn app(op: &str, args: Vec<Term>) -> Term {
        Term::app(op, args)
    }
    fn zero() -> Term {
        app("0", vec![])
    }
    fn n() -> Sort {
        Sort::plain("N")
    }

    #[test]
    fn free_mentions_ignore_rule_variables() {
        let eq = Clause {
            params: vec![],
            vars: vec![("y".into(), n())],
            premises: vec![],
            conclusion: Conclusion::Eq((
                app("+", vec![v("n"), v("y")]),
                app("+", vec![v("y"), v("n")]),
            )),
        };
        assert!(eq.mentions_free("n"));
        assert!(!eq.mentions_free("y"));
        assert!(!eq.mentions_free("z"));
        assert!(!eq.is_simple());
        assert_eq!(eq.to_string(), "(forall ((y N)) (= (+ n y) (+ y n)))");
    }

    #[test]
    fn clauses_print_in_their_shapes() {
        let eq = |a: &str, b: &str| (v(a), v(b));
        let mut c = Clause::fact(eq("x", "y"));
        assert!(c.is_simple());
        assert_eq!(c.to_string(), "(= x y)");
        c.premises.push(eq("a", "b"));
        assert_eq!(c.to_string(), "(=> (= a b) (= x y))");
        c.premises.push(eq("c", "d"));
        assert_eq!(c.to_string(), "(=> (and (= a b) (= c d)) (= x y))");
        c.conclusion = Conclusion::Falsity;
        assert_eq!(c.to_string(), "(=> (= a b) (not (= c d)))");
        c.premises.remove(0);
        c.vars.push(("c".into(), n()));
        assert_eq!(c.to_string(), "(forall ((c N)) (not (= c d)))");
        c.premises.clear();
        assert_eq!(c.to_string(), "(forall ((c N)) false)");
        c.conclusion = Conclusion::Exists(Exists {
            vars: vec![("y".into(), n()), ("z".into(), n())],
            body: vec![eq("c", "y"), eq("y", "z")],
        });
        assert_eq!(
            c.to_string(),
            "(forall ((c N)) (exists ((y N) (z N)) (and (= c y) (= y z))))"
        );
        assert!(!c.is_simple());
    }

    #[test]
    fn substitution_of_free_variables_never_captures() {
        // forall y. n + y = y + n
        let c = Clause {
            params: vec![],
            vars: vec![("y".into(), n())],
            premises: vec![(v("n"), v("y"))],
            conclusion: Conclusion::Eq((
                app("+", vec![v("n"), v("y")]),
                app("+", vec![v("y"), v("n")]),
            )),
        };
        let s = c.subst_free("n", &app("s", vec![v("k")])).unwrap();
        assert_eq!(
            s.to_string(),
            "(forall ((y N)) (=> (= (s k) y) (= (+ (s k) y) (+ y (s k)))))"
        );
        // The rule variable y is not free: substituting it changes nothing.
        assert_eq!(c.subst_free("y", &zero()).unwrap(), c);
        // y would be captured.
        assert_eq!(
            c.subst_free("n", &app("s", vec![v("y")])),
            Err("y".to_string())
        );
        // Nothing to substitute: nothing captured.
        assert_eq!(c.subst_free("z", &v("y")).unwrap(), c);
    }

    #[test]
    fn existential_binders_shadow_and_never_capture() {
        // exists m. s(n) = m + m
        let ex = Conclusion::Exists(Exists {
            vars: vec![("m".into(), n())],
            body: vec![(app("s", vec![v("n")]), app("+", vec![v("m"), v("m")]))],
        });
        assert!(ex.mentions_free("n") && !ex.mentions_free("m"));
        let to = |x: &str, t: Term| BTreeMap::from([(x.to_string(), t)]);
        let k = ex.subst(&to("n", v("k"))).unwrap();
        assert_eq!(k.equalities()[0].0.to_string(), "(s k)");
        // m is bound: substituting it changes nothing.
        assert_eq!(ex.subst(&to("m", zero())).unwrap(), ex);
        // n := m would be captured by the binder m.
        assert_eq!(ex.subst(&to("n", v("m"))), Err("m".to_string()));
        // Opening with a term that mentions a rigid `m` is simultaneous: no capture.
        let Conclusion::Exists(inner) = &ex else {
            unreachable!()
        };
        let opened = inner.open(&to("n", v("m")), &[app("s", vec![v("m")])]);
        assert_eq!(opened[0].0.to_string(), "(s m)");
        assert_eq!(opened[0].1.to_string(), "(+ (s m) (s m))");
        let witnessed = inner.open(&BTreeMap::new(), &[zero()]);
        assert_eq!(witnessed[0].1.to_string(), "(+ 0 0)");
    }
}
