//! Printing resolved formulas in GL's relational form ([`crate::mpl::print::Style::Gl`]).
//!
//! Every operator of ergo is a total function, so a unary or binary operator `f` is
//! GL's functional relation: `f(x) = y` prints as `(in2[x,y,f])` and `f(x, y) = z` as
//! `(in3[x,y,z,f])`. Constants print as their names (GL's `i0`); operators of three or
//! more arguments, which GL cannot relate, stay terms inside the atoms.
//!
//! Nested terms are flattened into chains with fresh variables `v1`, `v2`, ... (skipping
//! names the formula or the signature uses), universally quantified, as GL writes its
//! theorems (no existentials: a variable is only ever introduced by the atom that defines
//! it, so "for all v with f(x) = v" means "for f(x)"). For an equation `l = r`:
//!
//! - as a conclusion: the chain of `r` comes first, as premises, its value named `v`;
//!   then, under its own quantifier, the chain of `l`'s arguments and the atom of `l`'s
//!   operator with output `v`. `x + y = y + x` prints as
//!   `(>[x,y,v1] (in3[y,x,v1,+]) (in3[x,y,v1,+]))`, and `(x + y) + z = x + (y + z)` as
//!   `(>[x,y,z,v1,v2] (&(in3[y,z,v1,+]) (in3[x,v1,v2,+])) (>[v3] (in3[x,y,v3,+]) (in3[v3,z,v2,+])))`.
//!   When `r` is a variable or constant, `l`'s atom takes it as output:
//!   `a + 0 = a` is `(in3[a,0,a,+])`; when `l` is one, the core is `(=[l, v])`;
//! - as a premise, under a negation's scope or in an atom: every atom of both chains is a
//!   premise of the enclosing quantifier (`s(a) = s(b) -> a = b` is
//!   `(>[a,b,v1] (&(in2[b,v1,s]) (in2[a,v1,s])) (=[a,b]))`).
//!
//! The equation `p(ts) = ⊤` of a declared predicate `p` (see [`crate::mpl::predicate`])
//! prints as the atom `(p[ts])`, its arguments flattened like those of a relation.
//!
//! Invariant: reading the output back ([`super::parse_goal`] against the same theory)
//! gives the formula printed, for formulas whose premises define none of their own
//! variables (a premise `x = t` would be eliminated by the reader's one-point rule).

use std::collections::BTreeSet;
use std::fmt::Write;

use crate::mpl::theory::{Formula, Term, Theory, Var};

/// A closed equation `∀ vars. lhs = rhs` (its variables in order of first occurrence).
pub(in crate::mpl) fn equation(theory: &Theory, lhs: &Term, rhs: &Term) -> String {
    let mut vars = Vec::new();
    lhs.vars_into(&mut vars);
    rhs.vars_into(&mut vars);
    let eq = Formula::Eq(lhs.clone(), rhs.clone());
    let f = if vars.is_empty() {
        eq
    } else {
        Formula::Forall(vars, Box::new(eq))
    };
    formula(theory, &f)
}

/// A formula in GL's relational form.
pub(in crate::mpl) fn formula(theory: &Theory, f: &Formula) -> String {
    let mut used = BTreeSet::new();
    names_of(theory, f, &mut used);
    used.extend(theory.operators.iter().map(|o| o.name.clone()));
    used.extend(theory.sorts.iter().map(|s| s.name.clone()));
    let mut p = Printer {
        theory,
        used,
        next: 0,
    };
    p.closed(f)
}

fn names_of(theory: &Theory, f: &Formula, out: &mut BTreeSet<String>) {
    let mut vars = Vec::new();
    vars_of(f, &mut vars);
    out.extend(vars.iter().map(|v| theory.name(v.name).to_string()));
}

fn vars_of(f: &Formula, out: &mut Vec<Var>) {
    match f {
        Formula::Eq(l, r) => {
            l.vars_into(out);
            r.vars_into(out);
        }
        Formula::Atom(_, args) => args.iter().for_each(|a| a.vars_into(out)),
        Formula::Not(x) => vars_of(x, out),
        Formula::And(xs) => xs.iter().for_each(|x| vars_of(x, out)),
        Formula::Implies(a, b) => {
            vars_of(a, out);
            vars_of(b, out);
        }
        Formula::Forall(vs, x) => {
            out.extend(vs.iter().copied());
            vars_of(x, out);
        }
    }
}

/// Atoms to be stated as premises, with the fresh variables they introduce.
#[derive(Default)]
struct Chain {
    /// Fresh variables: name and sort name.
    fresh: Vec<(String, String)>,
    /// The atoms, in order.
    atoms: Vec<String>,
}

impl Chain {
    fn extend(&mut self, other: Chain) {
        self.fresh.extend(other.fresh);
        self.atoms.extend(other.atoms);
    }
}

struct Printer<'t> {
    theory: &'t Theory,
    used: BTreeSet<String>,
    next: usize,
}

impl Printer<'_> {
    fn fresh(&mut self) -> String {
        loop {
            self.next += 1;
            let name = format!("v{}", self.next);
            if self.used.insert(name.clone()) {
                return name;
            }
        }
    }

    fn binder(&self, name: &str, sort: &str) -> String {
        if self.theory.sorts.len() > 1 {
            format!("{name}:{sort}")
        } else {
            name.to_string()
        }
    }

    /// `(>[binders] premises conclusion)`, or less when some part is empty.
    fn quantified(&self, vars: &[Var], chain: &Chain, conclusion: &str) -> String {
        let mut bs: Vec<String> = vars
            .iter()
            .map(|v| self.binder(self.theory.name(v.name), &self.theory.sort(v.sort).name))
            .collect();
        bs.extend(chain.fresh.iter().map(|(n, s)| self.binder(n, s)));
        let premises = match chain.atoms.len() {
            0 => None,
            1 => Some(chain.atoms[0].clone()),
            _ => Some(format!("(&{})", chain.atoms.join(" "))),
        };
        match (bs.is_empty(), premises) {
            (true, None) => conclusion.to_string(),
            (_, None) => format!("(>[{}] {conclusion})", bs.join(",")),
            (_, Some(p)) => format!("(>[{}] {p} {conclusion})", bs.join(",")),
        }
    }

    /// A formula on its own (its chains quantified inside it).
    fn closed(&mut self, f: &Formula) -> String {
        match f {
            Formula::Forall(vs, body) => match body.as_ref() {
                Formula::Implies(a, b) => {
                    let mut chain = self.premise(a);
                    let (c, text) = self.conclusion(b);
                    chain.extend(c);
                    self.quantified(vs, &chain, &text)
                }
                b => {
                    let (chain, text) = self.conclusion(b);
                    self.quantified(vs, &chain, &text)
                }
            },
            Formula::Implies(a, b) => {
                let mut chain = self.premise(a);
                let (c, text) = self.conclusion(b);
                chain.extend(c);
                self.quantified(&[], &chain, &text)
            }
            other => {
                let (chain, text) = self.conclusion(other);
                self.quantified(&[], &chain, &text)
            }
        }
    }

    /// A conclusion: the atoms to state as premises of the enclosing quantifier, and the
    /// text that follows them.
    fn conclusion(&mut self, f: &Formula) -> (Chain, String) {
        match f {
            Formula::Eq(l, r) if crate::mpl::predicate::atom(self.theory, l, r).is_some() => {
                self.atom_conclusion(f)
            }
            Formula::Eq(l, r) => {
                let mut outer = Chain::default();
                let value = self.name(r, &mut outer);
                let mut inner = Chain::default();
                let core = self.core(l, &value, &mut inner);
                let text = self.quantified(&[], &inner, &core);
                (outer, text)
            }
            Formula::Not(x) => match x.as_ref() {
                Formula::Eq(..) => {
                    let (outer, text) = self.conclusion(x);
                    (outer, format!("!{text}"))
                }
                x => (Chain::default(), format!("!{}", self.closed(x))),
            },
            Formula::Atom(..) => self.atom_conclusion(f),
            Formula::And(xs) => {
                let parts: Vec<String> = xs.iter().map(|x| self.closed(x)).collect();
                (Chain::default(), format!("(&{})", parts.join(" ")))
            }
            Formula::Implies(..) | Formula::Forall(..) => (Chain::default(), self.closed(f)),
        }
    }

    /// An atom as a conclusion: the atoms naming its arguments go to the enclosing
    /// quantifier, the atom itself follows them.
    fn atom_conclusion(&mut self, f: &Formula) -> (Chain, String) {
        let chain = self.premise(f);
        let mut atoms = chain.atoms;
        let core = atoms.pop().unwrap_or_default();
        let outer = Chain {
            fresh: chain.fresh,
            atoms,
        };
        (outer, core)
    }

    /// A premise: every atom of its chains, to state as premises of the enclosing
    /// quantifier.
    fn premise(&mut self, f: &Formula) -> Chain {
        let mut chain = Chain::default();
        match f {
            Formula::Eq(l, r) => match crate::mpl::predicate::atom(self.theory, l, r) {
                Some((p, args)) => {
                    let names: Vec<String> =
                        args.iter().map(|a| self.name(a, &mut chain)).collect();
                    let atom = format!("({}[{}])", self.theory.op(p).name, names.join(","));
                    chain.atoms.push(atom);
                }
                None => {
                    let value = self.name(r, &mut chain);
                    let core = self.core(l, &value, &mut chain);
                    chain.atoms.push(core);
                }
            },
            Formula::Atom(p, args) => {
                let names: Vec<String> = args.iter().map(|a| self.name(a, &mut chain)).collect();
                let atom = format!("({}[{}])", self.theory.pred(*p).name, names.join(","));
                chain.atoms.push(atom);
            }
            Formula::And(xs) => {
                for x in xs {
                    let c = self.premise(x);
                    chain.extend(c);
                }
            }
            other => chain.atoms.push(self.closed(other)),
        }
        chain
    }

    /// The atom saying that `l` has the value named `value`, after the atoms defining
    /// `l`'s arguments (added to `chain`).
    fn core(&mut self, l: &Term, value: &str, chain: &mut Chain) -> String {
        match l {
            Term::App(op, args) if matches!(args.len(), 1 | 2) => {
                let ins: Vec<String> = args.iter().map(|a| self.name(a, chain)).collect();
                self.relation(*op, &ins, value)
            }
            _ => {
                let name = self.name(l, chain);
                format!("(=[{name},{value}])")
            }
        }
    }

    fn relation(&self, op: crate::mpl::theory::OpId, ins: &[String], out: &str) -> String {
        let rel = if ins.len() == 1 { "in2" } else { "in3" };
        let mut s = format!("({rel}[");
        for i in ins {
            let _ = write!(s, "{i},");
        }
        let _ = write!(s, "{out},{}])", self.theory.op(op).name);
        s
    }

    /// The name standing for `t` (a variable, a constant or a fresh variable defined by
    /// atoms added to `chain`).
    fn name(&mut self, t: &Term, chain: &mut Chain) -> String {
        match t {
            Term::Var(v) => self.theory.name(v.name).to_string(),
            Term::App(op, args) if args.is_empty() => self.theory.op(*op).name.clone(),
            Term::App(op, args) if args.len() <= 2 => {
                let ins: Vec<String> = args.iter().map(|a| self.name(a, chain)).collect();
                let v = self.fresh();
                let sort = self.theory.sort(self.theory.sort_of(t)).name.clone();
                chain.atoms.push(self.relation(*op, &ins, &v));
                chain.fresh.push((v.clone(), sort));
                v
            }
            Term::App(op, args) => {
                let ins: Vec<String> = args.iter().map(|a| self.name(a, chain)).collect();
                format!("{}({})", self.theory.op(*op).name, ins.join(", "))
            }
        }
    }
}
