//! Polymorphism in the Coq export (`docs/logic.md`, section 4): the Coq type of every sort
//! of the tables, how each operator is used, the sort parameters of a statement, and the
//! sort arguments of a citation.
//!
//! The engine's tables are monomorphic (one sort per instance, one operator per instance);
//! Coq is not: a family is declared once, `Inductive List (A : Type) : Type := nil : List A
//! | cons : A -> List A -> List A.`, and each instance is that family applied
//! (`List N`). So:
//! - a sort variable `'a` is a bound type variable named by [`super::names::sort_variable`]
//!   (`A`), never declared; an instance sort is its family applied to its arguments; a
//!   function sort is an arrow (`A -> Bool`);
//! - only the generic instance of a scheme (at its own parameters) is declared; every use
//!   of an instance is `@scheme S1 .. Sk ...`; the application scheme `@` is Coq's own
//!   application and is never declared;
//! - a statement's sort parameters are the sort variables it mentions, in order of first
//!   occurrence, bound first: `forall {A : Type}, ...`.
//!
//! Invariant: for a theory without sort variables, families, schemes or function sorts
//! every function here gives what the monomorphic export always gave (plain names, no
//! `@`), so its files stay byte-identical.
//!
//! ```text
//! inductive List('a) = nil | cons('a, List('a));      sorts: 'a -> A, List('a) -> List A
//! axiom app_nil: (>[l] (=[app(nil, l), l]));          Axiom app_nil : forall {A : Type},
//!                                                       forall l : List A, @app A (@nil A) l = l.
//! ```

use super::table::{parenthesize, OpForm, Table};
use crate::mpl::{Name, SortId, SortShape, Term, Theory, Var};
use crate::proof::clause::Clause;
use std::collections::BTreeMap;

/// The name of the application scheme.
pub const APPLY: &str = "@";

/// How each operator prints (by operator index): [`OpForm::Apply`] for the application
/// scheme, [`OpForm::Instance`] for an instance of another scheme, else plain.
pub fn forms(th: &Theory) -> Vec<OpForm> {
    th.operators
        .iter()
        .map(|o| match &o.instance {
            Some(i) if i.scheme == APPLY => OpForm::Apply,
            Some(i) => OpForm::Instance(i.args.clone()),
            None => OpForm::Plain,
        })
        .collect()
}

/// The parameters of the operator scheme `name`: from [`crate::mpl::Signature::op_schemes`],
/// else (a family's constructor not listed there) those of the first instance in the
/// tables, which is the generic one.
pub fn op_scheme_params(th: &Theory, name: &str) -> Vec<SortId> {
    if let Some(s) = th.op_schemes.iter().find(|s| s.name == name) {
        return s.params.clone();
    }
    th.operators
        .iter()
        .filter_map(|o| o.instance.as_ref())
        .find(|i| i.scheme == name)
        .map(|i| i.args.clone())
        .unwrap_or_default()
}

/// Whether the operator at `index` is the one declared for its scheme: a monomorphic
/// operator, or the generic instance of a scheme other than `@`.
pub fn is_declared_op(th: &Theory, index: usize) -> bool {
    match &th.operators[index].instance {
        None => true,
        Some(i) if i.scheme == APPLY => false,
        Some(i) => i.args == op_scheme_params(th, &i.scheme),
    }
}

/// The parameters of the axiom scheme `name` (empty for a monomorphic axiom).
pub fn axiom_scheme_params(th: &Theory, name: &str) -> Vec<SortId> {
    th.axiom_schemes
        .iter()
        .find(|s| s.name == name)
        .map(|s| s.params.clone())
        .unwrap_or_default()
}

/// The family whose generic instance is the sort at `index`, if any.
pub fn family_at(th: &Theory, index: usize) -> Option<&crate::mpl::SortFamily> {
    th.families.iter().find(|f| f.generic.0 as usize == index)
}

/// The Coq type of every sort, given the Coq names of the plain sorts and sort variables
/// (by index, empty for the others) and of the families (by family name); and, by index,
/// the induction principle of every inductive instance (`List_ind N`; empty otherwise).
pub fn sort_types(
    th: &Theory,
    names: &[String],
    families: &BTreeMap<String, String>,
) -> (Vec<String>, Vec<String>) {
    let types: Vec<String> = (0..th.sorts.len())
        .map(|i| coq_type(th, SortId(i as u32), names, families))
        .collect();
    let inductions = th
        .sorts
        .iter()
        .map(|s| match &s.shape {
            SortShape::Instance { family, args } if s.is_inductive() => {
                let mut text = format!("{}_ind", families.get(family).map_or("", |f| f));
                for a in args {
                    text.push(' ');
                    text.push_str(&parenthesize(&types[a.0 as usize]));
                }
                text
            }
            _ => String::new(),
        })
        .collect();
    (types, inductions)
}

fn coq_type(
    th: &Theory,
    id: SortId,
    names: &[String],
    families: &BTreeMap<String, String>,
) -> String {
    match &th.sort(id).shape {
        SortShape::Plain | SortShape::Param => names[id.0 as usize].clone(),
        SortShape::Instance { family, args } => {
            let mut text = families.get(family).cloned().unwrap_or_default();
            for a in args {
                text.push(' ');
                text.push_str(&parenthesize(&coq_type(th, *a, names, families)));
            }
            text
        }
        SortShape::Function { from, to } => {
            let from_text = coq_type(th, *from, names, families);
            let from_text = match th.sort(*from).shape {
                SortShape::Function { .. } => format!("({from_text})"),
                _ => from_text,
            };
            format!("{from_text} -> {}", coq_type(th, *to, names, families))
        }
    }
}

/// A sort as an operand of an arrow: parenthesized when it is itself an arrow.
pub fn arrow_operand(table: &Table, s: SortId) -> String {
    let text = table.sort(s);
    if text.contains("->") {
        format!("({text})")
    } else {
        text.to_string()
    }
}

/// `forall {A B : Type}, ` for these parameters (nothing without parameters).
pub fn implicit_binders(table: &Table, params: &[SortId]) -> String {
    if params.is_empty() {
        return String::new();
    }
    let names: Vec<&str> = params.iter().map(|p| table.sort(*p)).collect();
    format!("forall {{{} : Type}}, ", names.join(" "))
}

/// The sort variables a clause mentions (in its variables' sorts, then its terms'
/// operators), in order of first occurrence: a theorem's sort parameters.
pub fn clause_params(th: &Theory, forms: &[OpForm], clause: &Clause) -> Vec<SortId> {
    let mut out = Vec::new();
    for v in &clause.vars {
        sort_params(th, v.sort, &mut out);
    }
    let equations = clause.premises.iter().chain(clause.goal.equations());
    for (l, r) in equations {
        term_params(th, forms, l, &mut out);
        term_params(th, forms, r, &mut out);
    }
    out
}

fn term_params(th: &Theory, forms: &[OpForm], t: &Term, out: &mut Vec<SortId>) {
    match t {
        Term::Var(v) => sort_params(th, v.sort, out),
        Term::App(op, args) => {
            if let Some(OpForm::Instance(sorts)) = forms.get(op.0 as usize) {
                for s in sorts {
                    sort_params(th, *s, out);
                }
            }
            sort_params(th, th.op(*op).result, out);
            for a in args {
                term_params(th, forms, a, out);
            }
        }
    }
}

fn sort_params(th: &Theory, s: SortId, out: &mut Vec<SortId>) {
    match &th.sort(s).shape {
        SortShape::Plain => {}
        SortShape::Param => {
            if !out.contains(&s) {
                out.push(s);
            }
        }
        SortShape::Instance { args, .. } => {
            for a in args {
                sort_params(th, *a, out);
            }
        }
        SortShape::Function { from, to } => {
            sort_params(th, *from, out);
            sort_params(th, *to, out);
        }
    }
}

/// Binds the sort variables of `pattern` so that it becomes `target`; false if the two
/// cannot match (a variable bound twice to different sorts, different shapes).
pub fn match_sort(
    th: &Theory,
    pattern: SortId,
    target: SortId,
    bound: &mut BTreeMap<SortId, SortId>,
) -> bool {
    match (&th.sort(pattern).shape, &th.sort(target).shape) {
        (SortShape::Param, _) => *bound.entry(pattern).or_insert(target) == target,
        (
            SortShape::Instance { family, args },
            SortShape::Instance {
                family: f2,
                args: a2,
            },
        ) => {
            family == f2
                && args.len() == a2.len()
                && args
                    .iter()
                    .zip(a2)
                    .all(|(p, t)| match_sort(th, *p, *t, bound))
        }
        (SortShape::Function { from, to }, SortShape::Function { from: f2, to: t2 }) => {
            match_sort(th, *from, *f2, bound) && match_sort(th, *to, *t2, bound)
        }
        _ => pattern == target,
    }
}

/// A cited rule with sort parameters: its Coq name, its parameters, and how its sort
/// arguments are found at a citation.
#[derive(Debug, Clone)]
pub struct Rule {
    /// The Coq name of the scheme.
    pub coq: String,
    /// Its parameters, in binding order.
    pub params: Vec<SortId>,
    /// The sort arguments of an instance fixed by the tables (an axiom instance
    /// `app_nil[N]`); `None` to match them from the citation's substitution.
    pub fixed: Option<Vec<SortId>>,
    /// The scheme's variables with their (generic) sorts, matched against the sorts of
    /// the substituted terms.
    pub pattern: Vec<(Name, SortId)>,
}

impl Rule {
    /// A rule without sort parameters.
    pub fn plain(coq: &str) -> Rule {
        Rule {
            coq: coq.to_string(),
            params: Vec::new(),
            fixed: None,
            pattern: Vec::new(),
        }
    }

    /// A scheme whose generic statement has these variables.
    pub fn scheme(coq: &str, params: Vec<SortId>, vars: &[Var]) -> Rule {
        Rule {
            coq: coq.to_string(),
            params,
            fixed: None,
            pattern: vars.iter().map(|v| (v.name, v.sort)).collect(),
        }
    }

    /// The sort arguments of a citation that substitutes `values` (by variable name) for
    /// the scheme's variables; an error names a parameter that nothing determines.
    pub fn sort_args(&self, th: &Theory, values: &[(&str, Term)]) -> Result<Vec<SortId>, String> {
        if let Some(fixed) = &self.fixed {
            return Ok(fixed.clone());
        }
        let mut bound = BTreeMap::new();
        for (name, sort) in &self.pattern {
            let var = th.name(*name);
            if let Some((_, value)) = values.iter().find(|(n, _)| *n == var) {
                if !match_sort(th, *sort, th.sort_of(value), &mut bound) {
                    return Err(format!("the sort of `{var}` does not match `{}`", self.coq));
                }
            }
        }
        self.params
            .iter()
            .map(|p| {
                bound.get(p).copied().ok_or_else(|| {
                    format!(
                        "no sort for parameter `{}` of `{}` at this citation",
                        th.sort(*p).name,
                        self.coq
                    )
                })
            })
            .collect()
    }
}

/// Peano with lists over `'a` and `N`, `N -> N` and `@[N,N]` (hand-built tables, as the
/// resolver is to build them), for the exporters' unit tests.
#[cfg(test)]
pub(crate) fn lists_for_tests() -> Theory {
    use crate::mpl::{Instance, OpId, Operator, Sort, SortFamily, Span};
    let mut th = crate::mpl::peano_for_tests();
    let n = th.sort_by_name("N").unwrap();
    let sig = th.signature_mut();
    let mut sort = |name: &str, shape| {
        sig.sorts.push(crate::mpl::Sort {
            name: name.to_string(),
            constructors: Vec::new(),
            span: Span::default(),
            shape,
        });
        SortId(sig.sorts.len() as u32 - 1)
    };
    let a = sort("'a", SortShape::Param);
    let list = |arg| SortShape::Instance {
        family: "List".to_string(),
        args: vec![arg],
    };
    let la = sort("List('a)", list(a));
    let ln = sort("List(N)", list(n));
    let fnn = sort("N -> N", SortShape::Function { from: n, to: n });
    let ops = [
        ("nil['a]", vec![], la, "nil", vec![a], true),
        ("cons['a]", vec![a, la], la, "cons", vec![a], true),
        ("nil[N]", vec![], ln, "nil", vec![n], true),
        ("cons[N]", vec![n, ln], ln, "cons", vec![n], true),
        ("@[N,N]", vec![fnn, n], n, APPLY, vec![n, n], false),
    ];
    for (name, args, result, scheme, sorts, constructor) in ops {
        let id = OpId(sig.operators.len() as u32);
        sig.operators.push(Operator {
            name: name.to_string(),
            args,
            result,
            fixity: None,
            constructor,
            span: Span::default(),
            instance: Some(Instance {
                scheme: scheme.to_string(),
                args: sorts,
            }),
        });
        if constructor {
            let s: &mut Sort = &mut sig.sorts[result.0 as usize];
            s.constructors.push(id);
        }
    }
    sig.families.push(SortFamily {
        name: "List".to_string(),
        params: vec![a],
        generic: la,
        span: Span::default(),
    });
    th
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citations_find_their_sorts_by_matching_the_substitution() {
        let th = lists_for_tests();
        let sort = |s: &str| th.sort_by_name(s).unwrap();
        let (a, la, ln, n) = (sort("'a"), sort("List('a)"), sort("List(N)"), sort("N"));
        let mut bound = BTreeMap::new();
        assert!(match_sort(&th, la, ln, &mut bound));
        assert_eq!(bound.get(&a), Some(&n));
        assert!(!match_sort(&th, la, n, &mut BTreeMap::new()));
        let l = crate::mpl::Name(0);
        let rule = Rule::scheme("app_nil", vec![a], &[Var { name: l, sort: la }]);
        let nil_n = th.op_by_name("nil[N]").unwrap();
        let value = Term::App(nil_n, vec![]);
        let var = th.name(l);
        assert_eq!(rule.sort_args(&th, &[(var, value)]), Ok(vec![n]));
        let err = rule.sort_args(&th, &[]).unwrap_err();
        assert!(err.contains("no sort for parameter `'a`"), "{err}");
    }

    #[test]
    fn sorts_print_as_coq_types() {
        let th = lists_for_tests();
        let mut names: Vec<String> = th.sorts.iter().map(|s| s.name.clone()).collect();
        names[th.sort_by_name("'a").unwrap().0 as usize] = "A".to_string();
        let families = BTreeMap::from([("List".to_string(), "List".to_string())]);
        let (types, inductions) = sort_types(&th, &names, &families);
        let at = |s: &str| th.sort_by_name(s).unwrap().0 as usize;
        assert_eq!(types[at("List('a)")], "List A");
        assert_eq!(types[at("List(N)")], "List N");
        assert_eq!(types[at("N -> N")], "N -> N");
        assert_eq!(inductions[at("List(N)")], "List_ind N");
        assert_eq!(inductions[at("N")], "");
    }
}
