//! The theory: validation of the theory section, sort checking, formulas and clauses.
//!
//! Invariants, once [`Signature::new`] has returned `Ok`:
//! - every sort, operator, predicate and axiom name is a symbol and unique in its kind;
//!   operator and predicate names are distinct from each other and from [`RESERVED`];
//! - every sort mentioned by an operator or predicate is declared;
//! - every constructor of a sort is an operator with that result sort, listed once, and
//!   every inductive sort has a *base* constructor (one with no argument of that sort);
//! - every axiom is a closed, well-sorted formula; those of one of the clause shapes of
//!   spec section 4 are available as [`Clause`]s (the others cannot be cited);
//! - [`Signature::canonical`] is the canonical text of spec section 3.
//!
//! Terms and formulas are only ever built through [`Signature::term`] and friends, so every
//! [`Term`] the kernel handles is well-sorted in the scope it was parsed in.

use crate::error::KernelError;
use crate::format::TheorySection;
use crate::limits::{within, Limit};
use crate::sexp::{self, is_plain_name, is_symbol, Sexp};
use crate::term::{Clause, Equality, Term};
use std::cell::RefCell;
use std::collections::BTreeMap;

/// Words that may not name an operator, predicate or variable.
pub const RESERVED: [&str; 6] = ["=", "not", "and", "=>", "forall", "atom"];

/// Variables in scope, with their sorts; later entries shadow earlier ones.
pub type Scope = [(String, String)];

/// The validated theory section.
#[derive(Debug)]
pub struct Signature {
    /// Each sort with its constructors (empty for a non-inductive sort).
    pub sorts: BTreeMap<String, Vec<String>>,
    /// Each operator with its argument sorts and result sort.
    pub ops: BTreeMap<String, (Vec<String>, String)>,
    /// Each predicate with its argument sorts.
    pub preds: BTreeMap<String, Vec<String>>,
    /// Each axiom, with its clause if it is one (only clauses can be cited).
    pub axioms: BTreeMap<String, Option<Clause>>,
    /// The canonical text of the theory section (spec section 3).
    pub canonical: String,
    /// Every term parsed so far, hash-consed: equal parsed terms are one shared node.
    interned: RefCell<Interner>,
}

/// The table of parsed terms: a variable by name, an application by its operator and
/// the identities of its (interned) arguments. Keeping every entry alive keeps the
/// identities unique; the table only grows with the certificate's text.
#[derive(Debug, Default)]
struct Interner {
    vars: BTreeMap<String, Term>,
    apps: BTreeMap<(String, Vec<usize>), Term>,
}

impl Interner {
    fn var(&mut self, name: &str) -> Term {
        self.vars
            .entry(name.to_string())
            .or_insert_with(|| Term::var(name))
            .clone()
    }

    fn app(&mut self, op: &str, args: Vec<Term>) -> Term {
        let key = (op.to_string(), args.iter().map(Term::id).collect());
        self.apps
            .entry(key)
            .or_insert_with(|| Term::app(op, args))
            .clone()
    }
}

fn check_name(what: &'static str, name: &str) -> Result<(), KernelError> {
    let plain = matches!(what, "theory" | "axiom");
    if !is_symbol(name) || (plain && !is_plain_name(name)) {
        return Err(KernelError::BadName {
            what,
            name: name.to_string(),
        });
    }
    Ok(())
}

fn check_symbol_name(what: &'static str, name: &str) -> Result<(), KernelError> {
    check_name(what, name)?;
    if RESERVED.contains(&name) {
        return Err(KernelError::ReservedName {
            what,
            name: name.to_string(),
        });
    }
    Ok(())
}

fn duplicate(what: &'static str, name: &str) -> KernelError {
    KernelError::DuplicateName {
        what,
        name: name.to_string(),
    }
}

impl Signature {
    /// Validates a theory section and builds its signature and canonical text.
    pub fn new(theory: &TheorySection) -> Result<Signature, KernelError> {
        check_name("theory", &theory.name)?;
        let mut sig = Signature {
            sorts: BTreeMap::new(),
            ops: BTreeMap::new(),
            preds: BTreeMap::new(),
            axioms: BTreeMap::new(),
            canonical: String::new(),
            interned: RefCell::default(),
        };
        for sort in &theory.sorts {
            check_name("sort", &sort.name)?;
            if sig.sorts.insert(sort.name.clone(), Vec::new()).is_some() {
                return Err(duplicate("sort", &sort.name));
            }
        }
        for op in &theory.operators {
            check_symbol_name("operator", &op.name)?;
            for s in op.args.iter().chain([&op.result]) {
                sig.known_sort(s)
                    .map_err(|e| e.at(format!("operator {}", op.name)))?;
            }
            let entry = (op.args.clone(), op.result.clone());
            if sig.ops.insert(op.name.clone(), entry).is_some() {
                return Err(duplicate("operator", &op.name));
            }
        }
        for pred in &theory.predicates {
            check_symbol_name("predicate", &pred.name)?;
            for s in &pred.args {
                sig.known_sort(s)
                    .map_err(|e| e.at(format!("predicate {}", pred.name)))?;
            }
            if sig.ops.contains_key(&pred.name)
                || sig
                    .preds
                    .insert(pred.name.clone(), pred.args.clone())
                    .is_some()
            {
                return Err(duplicate("predicate", &pred.name));
            }
        }
        for sort in &theory.sorts {
            sig.check_constructors(&sort.name, &sort.constructors)?;
            sig.sorts
                .insert(sort.name.clone(), sort.constructors.clone());
        }
        let mut canonical = String::new();
        for sort in &theory.sorts {
            canonical.push_str(&line("sort", &sort.name, &sort.constructors, None));
        }
        for op in &theory.operators {
            canonical.push_str(&line("op", &op.name, &op.args, Some(&op.result)));
        }
        for pred in &theory.predicates {
            canonical.push_str(&line("pred", &pred.name, &pred.args, None));
        }
        for axiom in &theory.axioms {
            check_name("axiom", &axiom.name)?;
            let (sexp, equation) = sig
                .statement(&axiom.statement)
                .map_err(|e| e.at(format!("axiom {}", axiom.name)))?;
            if sig.axioms.insert(axiom.name.clone(), equation).is_some() {
                return Err(duplicate("axiom", &axiom.name));
            }
            canonical.push_str(&format!("axiom {} {sexp}\n", axiom.name));
        }
        sig.canonical = canonical;
        Ok(sig)
    }

    fn known_sort(&self, sort: &str) -> Result<(), KernelError> {
        if !self.sorts.contains_key(sort) {
            return Err(KernelError::UnknownSort {
                sort: sort.to_string(),
            });
        }
        Ok(())
    }

    fn check_constructors(&self, sort: &str, constructors: &[String]) -> Result<(), KernelError> {
        let bad = |constructor: &String, reason| KernelError::BadConstructor {
            sort: sort.to_string(),
            constructor: constructor.clone(),
            reason,
        };
        let mut has_base = false;
        for (i, c) in constructors.iter().enumerate() {
            let Some((args, result)) = self.ops.get(c) else {
                return Err(bad(c, "it is not an operator"));
            };
            if result != sort {
                return Err(bad(c, "its result is another sort"));
            }
            if constructors
                .get(..i)
                .is_some_and(|earlier| earlier.contains(c))
            {
                return Err(bad(c, "it is listed twice"));
            }
            has_base |= !args.iter().any(|a| a == sort);
        }
        if !constructors.is_empty() && !has_base {
            return Err(KernelError::NoBaseConstructor {
                sort: sort.to_string(),
            });
        }
        Ok(())
    }

    /// Why `name` cannot name a variable (binder, rigid variable or fresh name), if it cannot.
    pub fn var_name_problem(&self, name: &str) -> Option<&'static str> {
        if !is_symbol(name) {
            Some("it is not a symbol")
        } else if RESERVED.contains(&name) {
            Some("it is a reserved word")
        } else if self.ops.contains_key(name) {
            Some("it is an operator name")
        } else if self.preds.contains_key(name) {
            Some("it is a predicate name")
        } else {
            None
        }
    }

    /// Sort-checks `s` as a term in `scope`, returning the term and its sort.
    pub fn term(&self, s: &Sexp, scope: &Scope) -> Result<(Term, String), KernelError> {
        let items = match s {
            Sexp::Atom(x) => {
                if let Some((_, sort)) = scope.iter().rev().find(|(v, _)| v == x) {
                    return Ok((self.interned.borrow_mut().var(x), sort.clone()));
                }
                return match self.ops.get(x) {
                    Some((args, result)) if args.is_empty() => Ok((
                        self.interned.borrow_mut().app(x, Vec::new()),
                        result.clone(),
                    )),
                    Some((args, _)) => Err(KernelError::ArityMismatch {
                        symbol: x.clone(),
                        expected: args.len(),
                        found: 0,
                    }),
                    None => Err(KernelError::UnknownSymbol { symbol: x.clone() }),
                };
            }
            Sexp::List(items) => items,
        };
        let bad = |reason| KernelError::BadTerm {
            term: s.to_string(),
            reason,
        };
        let Some((Sexp::Atom(f), args)) = items.split_first() else {
            return Err(bad("an application starts with an operator symbol"));
        };
        if args.is_empty() {
            return Err(bad("an application has at least one argument"));
        }
        if scope.iter().any(|(v, _)| v == f) {
            return Err(bad("a variable cannot be applied"));
        }
        let Some((sorts, result)) = self.ops.get(f) else {
            return Err(KernelError::UnknownSymbol { symbol: f.clone() });
        };
        let out = self.args(f, args, sorts, scope)?;
        Ok((self.interned.borrow_mut().app(f, out), result.clone()))
    }

    /// Sort-checks the arguments of the operator or predicate `f` against `sorts`.
    fn args(
        &self,
        f: &str,
        args: &[Sexp],
        sorts: &[String],
        scope: &Scope,
    ) -> Result<Vec<Term>, KernelError> {
        if args.len() != sorts.len() {
            return Err(KernelError::ArityMismatch {
                symbol: f.to_string(),
                expected: sorts.len(),
                found: args.len(),
            });
        }
        let mut out = Vec::with_capacity(args.len());
        for (arg, want) in args.iter().zip(sorts) {
            let (t, got) = self.term(arg, scope)?;
            if &got != want {
                return Err(KernelError::SortMismatch {
                    term: t.to_string(),
                    expected: want.clone(),
                    found: got,
                });
            }
            out.push(t);
        }
        Ok(out)
    }

    /// Parses and sort-checks `text` as a term in `scope`.
    pub fn parse_term(&self, text: &str, scope: &Scope) -> Result<(Term, String), KernelError> {
        let (term, sort) = self.term(&sexp::parse(text)?, scope)?;
        within(Limit::TermSize, term.size())?;
        Ok((term, sort))
    }

    /// Checks the binder list of a `forall`, returning the bound variables.
    fn binders(&self, binders: &[Sexp]) -> Result<Vec<(String, String)>, KernelError> {
        let mut out: Vec<(String, String)> = Vec::new();
        let bad = |b: &Sexp, reason| KernelError::BadBinder {
            binder: b.to_string(),
            reason,
        };
        if binders.is_empty() {
            return Err(bad(
                &Sexp::List(Vec::new()),
                "a forall binds at least one variable",
            ));
        }
        for b in binders {
            let Sexp::List(pair) = b else {
                return Err(bad(b, "a binder is (variable sort)"));
            };
            let [Sexp::Atom(name), Sexp::Atom(sort)] = pair.as_slice() else {
                return Err(bad(b, "a binder is (variable sort)"));
            };
            if let Some(reason) = self.var_name_problem(name) {
                return Err(bad(b, reason));
            }
            if out.iter().any(|(v, _)| v == name) {
                return Err(bad(b, "the variable is bound twice by the same forall"));
            }
            self.known_sort(sort)?;
            out.push((name.clone(), sort.clone()));
        }
        Ok(out)
    }

    /// Checks that `s` is a well-sorted formula in `scope`.
    fn formula(&self, s: &Sexp, scope: &mut Vec<(String, String)>) -> Result<(), KernelError> {
        let bad = |reason| KernelError::BadFormula {
            formula: s.to_string(),
            reason,
        };
        let Sexp::List(items) = s else {
            return Err(bad("a formula is a parenthesised list"));
        };
        let Some((Sexp::Atom(head), rest)) = items.split_first() else {
            return Err(bad("a formula starts with =, not, and, =>, forall or atom"));
        };
        match (head.as_str(), rest) {
            ("=", [l, r]) => {
                let (_, left) = self.term(l, scope)?;
                let (rt, right) = self.term(r, scope)?;
                if left != right {
                    return Err(KernelError::SortMismatch {
                        term: rt.to_string(),
                        expected: left,
                        found: right,
                    });
                }
                Ok(())
            }
            ("not", [f]) => self.formula(f, scope),
            ("and", fs) if fs.len() >= 2 => fs.iter().try_for_each(|f| self.formula(f, scope)),
            ("=>", [a, b]) => {
                self.formula(a, scope)?;
                self.formula(b, scope)
            }
            ("forall", [Sexp::List(binders), body]) => {
                let bound = self.binders(binders)?;
                let depth = scope.len();
                scope.extend(bound);
                let result = self.formula(body, scope);
                scope.truncate(depth);
                result
            }
            ("atom", [Sexp::Atom(p), args @ ..]) => {
                let Some(sorts) = self.preds.get(p) else {
                    return Err(KernelError::UnknownSymbol { symbol: p.clone() });
                };
                self.args(p, args, sorts, scope).map(|_| ())
            }
            (h, _) if RESERVED.contains(&h) => Err(bad("wrong number or shape of arguments")),
            _ => Err(bad("a formula starts with =, not, and, =>, forall or atom")),
        }
    }

    /// Parses a closed formula; returns its s-expression and, if it is a clause (spec
    /// section 4), the clause.
    pub fn statement(&self, text: &str) -> Result<(Sexp, Option<Clause>), KernelError> {
        let s = sexp::parse(text)?;
        self.formula(&s, &mut Vec::new())?;
        let (vars, body) = match head(&s) {
            Some(("forall", [Sexp::List(binders), body])) => (self.binders(binders)?, body),
            _ => (Vec::new(), &s),
        };
        let Some((premises, conclusion)) = clause_shape(body) else {
            return Ok((s, None));
        };
        let equality = |(l, r): (&Sexp, &Sexp)| -> Result<Equality, KernelError> {
            Ok((self.term(l, &vars)?.0, self.term(r, &vars)?.0))
        };
        let premises = premises
            .into_iter()
            .map(equality)
            .collect::<Result<_, _>>()?;
        let conclusion = conclusion.map(equality).transpose()?;
        let clause = Clause {
            vars,
            premises,
            conclusion,
        };
        Ok((s, Some(clause)))
    }
}

/// The head symbol and the arguments of a list starting with a symbol.
fn head(s: &Sexp) -> Option<(&str, &[Sexp])> {
    match s {
        Sexp::List(items) => match items.split_first() {
            Some((Sexp::Atom(h), rest)) => Some((h.as_str(), rest)),
            _ => None,
        },
        Sexp::Atom(_) => None,
    }
}

/// The two sides of `(= l r)`.
fn equation(s: &Sexp) -> Option<(&Sexp, &Sexp)> {
    match head(s) {
        Some(("=", [l, r])) => Some((l, r)),
        _ => None,
    }
}

type Sides<'s> = (&'s Sexp, &'s Sexp);

/// The premises and conclusion (`None` for falsity) of a clause body without `forall`
/// (spec section 4), or `None` if `s` has none of the clause shapes.
fn clause_shape(s: &Sexp) -> Option<(Vec<Sides<'_>>, Option<Sides<'_>>)> {
    let negated = |s| match head(s) {
        Some(("not", [e])) => equation(e),
        _ => None,
    };
    if let Some(eq) = equation(s) {
        return Some((Vec::new(), Some(eq)));
    }
    if let Some(eq) = negated(s) {
        return Some((vec![eq], None));
    }
    let Some(("=>", [p, c])) = head(s) else {
        return None;
    };
    let mut premises = match (equation(p), head(p)) {
        (Some(eq), _) => vec![eq],
        (None, Some(("and", ps))) => ps.iter().map(equation).collect::<Option<Vec<_>>>()?,
        _ => return None,
    };
    if let Some(eq) = equation(c) {
        return Some((premises, Some(eq)));
    }
    premises.push(negated(c)?);
    Some((premises, None))
}

/// One line of the canonical text: `<keyword> <name> <items>*[ -> <result>]\n`.
fn line(keyword: &str, name: &str, items: &[String], result: Option<&String>) -> String {
    let mut out = format!("{keyword} {name}");
    for item in items {
        out.push(' ');
        out.push_str(item);
    }
    if let Some(result) = result {
        out.push_str(" -> ");
        out.push_str(result);
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::{AxiomDecl, OperatorDecl, PredicateDecl, SortDecl};

    fn op(name: &str, args: &[&str], result: &str) -> OperatorDecl {
        OperatorDecl {
            name: name.into(),
            args: args.iter().map(|a| a.to_string()).collect(),
            result: result.into(),
        }
    }

    fn theory(axioms: &[(&str, &str)]) -> TheorySection {
        TheorySection {
            name: "t".into(),
            source: "t.mpl".into(),
            sorts: vec![SortDecl {
                name: "N".into(),
                constructors: vec!["0".into(), "s".into()],
            }],
            operators: vec![
                op("0", &[], "N"),
                op("s", &["N"], "N"),
                op("+", &["N", "N"], "N"),
            ],
            predicates: vec![PredicateDecl {
                name: "le".into(),
                args: vec!["N".into(), "N".into()],
            }],
            axioms: axioms
                .iter()
                .map(|(n, s)| AxiomDecl {
                    name: n.to_string(),
                    statement: s.to_string(),
                })
                .collect(),
        }
    }

    fn err(t: &TheorySection) -> &'static str {
        Signature::new(t).err().map(|e| e.code()).unwrap_or("ok")
    }

    fn axiom_err(statement: &str) -> &'static str {
        err(&theory(&[("a", statement)]))
    }

    #[test]
    fn canonical_text() {
        let sig = Signature::new(&theory(&[
            ("add_zero", "(forall ((a N))\n  (= (+ a 0)   a))"),
            ("le_refl", "(forall ((a N)) (atom le a a))"),
        ]))
        .unwrap();
        assert_eq!(
            sig.canonical,
            "sort N 0 s\nop 0 -> N\nop s N -> N\nop + N N -> N\npred le N N\n\
             axiom add_zero (forall ((a N)) (= (+ a 0) a))\n\
             axiom le_refl (forall ((a N)) (atom le a a))\n"
        );
        assert!(sig.axioms["add_zero"].is_some());
        assert!(sig.axioms["le_refl"].is_none());
    }

    #[test]
    fn well_formed_formulas() {
        for ok in [
            "(= 0 0)",
            "(not (= (s 0) 0))",
            "(and (= 0 0) (= 0 0) (= 0 0))",
            "(=> (= 0 0) (atom le 0 0))",
            "(forall ((a N) (b N)) (=> (= (s a) (s b)) (= a b)))",
            "(forall ((a N)) (forall ((a N)) (= a a)))",
        ] {
            assert_eq!(axiom_err(ok), "ok", "{ok}");
        }
    }

    #[test]
    fn ill_formed_formulas() {
        let cases = [
            ("(= a 0)", "unknown-symbol"),
            ("(forall ((a N)) (= (+ a) a))", "arity-mismatch"),
            ("(forall ((a N)) (= (s a a) a))", "arity-mismatch"),
            ("(= s 0)", "arity-mismatch"),
            ("(forall ((a M)) (= a a))", "unknown-sort"),
            ("(forall ((a N) (a N)) (= a a))", "bad-binder"),
            ("(forall ((s N)) (= s s))", "bad-binder"),
            ("(forall ((forall N)) (= 0 0))", "bad-binder"),
            ("(forall () (= 0 0))", "bad-binder"),
            ("(forall (a N) (= 0 0))", "bad-binder"),
            ("(forall ((a N)) (= (a 0) 0))", "bad-term"),
            ("(= (0) 0)", "bad-term"),
            ("(= ((s) 0) 0)", "bad-term"),
            ("(and (= 0 0))", "bad-formula"),
            ("(= 0 0 0)", "bad-formula"),
            ("(foo 0 0)", "bad-formula"),
            ("(= 0 0) (= 0 0)", "bad-syntax"),
            ("(= 0 0", "bad-syntax"),
            ("0", "bad-formula"),
            ("()", "bad-formula"),
            ("(atom le 0)", "arity-mismatch"),
            ("(atom ge 0 0)", "unknown-symbol"),
            ("(atom + 0 0)", "unknown-symbol"),
        ];
        for (statement, code) in cases {
            assert_eq!(axiom_err(statement), code, "{statement}");
        }
    }

    #[test]
    fn sort_mismatch_in_multi_sorted_theory() {
        let mut t = theory(&[("a", "(forall ((b B)) (= b 0))")]);
        t.sorts.push(SortDecl {
            name: "B".into(),
            constructors: vec![],
        });
        assert_eq!(err(&t), "sort-mismatch");
        t.axioms[0].statement = "(forall ((b B)) (= (s b) 0))".into();
        assert_eq!(err(&t), "sort-mismatch");
    }

    #[test]
    fn theory_validation_errors() {
        type Edit = fn(&mut TheorySection);
        let pred = |name: &str| PredicateDecl {
            name: name.into(),
            args: vec![],
        };
        let cases: [(Edit, &str); 14] = [
            (|t| t.operators.push(op("+", &["N"], "N")), "duplicate-name"),
            (|t| t.operators.push(op("f", &["M"], "N")), "unknown-sort"),
            (|t| t.operators.push(op("not", &[], "N")), "reserved-name"),
            (|t| t.operators.push(op("a b", &[], "N")), "bad-name"),
            (|t| t.sorts[0].constructors.push("+".into()), "ok"),
            (
                |t| t.sorts[0].constructors.push("s".into()),
                "bad-constructor",
            ),
            (
                |t| t.sorts[0].constructors.push("le".into()),
                "bad-constructor",
            ),
            (
                |t| t.sorts[0].constructors = vec!["s".into()],
                "no-base-constructor",
            ),
            (|t| t.sorts.push(t.sorts[0].clone()), "duplicate-name"),
            (
                |t| t.axioms = [t.axioms.clone(), t.axioms.clone()].concat(),
                "duplicate-name",
            ),
            (|t| t.axioms[0].name = String::new(), "bad-name"),
            (|t| t.name = "the theory".into(), "bad-name"),
            (
                |t| {
                    let constructors = vec!["0".into()];
                    t.sorts.push(SortDecl {
                        name: "B".into(),
                        constructors,
                    });
                },
                "bad-constructor",
            ),
            (|_| {}, "ok"),
        ];
        for (i, (edit, code)) in cases.into_iter().enumerate() {
            let mut t = theory(&[("a", "(= 0 0)")]);
            edit(&mut t);
            assert_eq!(err(&t), code, "case {i}");
        }
        let mut t = theory(&[]);
        t.predicates.push(pred("s"));
        assert_eq!(err(&t), "duplicate-name");
    }

    #[test]
    fn clause_shapes() {
        let sig = Signature::new(&theory(&[])).unwrap();
        let clause = |text: &str| sig.statement(text).unwrap().1;
        // (statement, premises, concludes an equation); printed back identically.
        let clauses = [
            ("(= 0 0)", 0, true),
            ("(not (= (s 0) 0))", 1, false),
            ("(forall ((a N)) (not (= (s a) 0)))", 1, false),
            (
                "(forall ((a N) (b N)) (=> (= (s a) (s b)) (= a b)))",
                1,
                true,
            ),
            (
                "(forall ((a N)) (=> (and (= a 0) (= 0 a)) (= a a)))",
                2,
                true,
            ),
            ("(forall ((a N)) (=> (= a 0) (not (= a (s 0)))))", 2, false),
            (
                "(forall ((a N)) (=> (and (= a 0) (= 0 a) (= a a)) (not (= a (s 0)))))",
                4,
                false,
            ),
        ];
        for (text, premises, equation) in clauses {
            let c = clause(text).unwrap_or_else(|| panic!("{text} is a clause"));
            assert_eq!(c.premises.len(), premises, "{text}");
            assert_eq!(c.conclusion.is_some(), equation, "{text}");
            assert_eq!(c.to_string(), text);
        }
        for text in [
            "(forall ((a N)) (atom le a a))",
            "(not (not (= 0 0)))",
            "(and (= 0 0) (= 0 0))",
            "(=> (= 0 0) (=> (= 0 0) (= 0 0)))",
            "(=> (not (= 0 0)) (= 0 0))",
            "(=> (and (= 0 0) (not (= 0 0))) (= 0 0))",
            "(=> (and (= 0 0) (atom le 0 0)) (= 0 0))",
            "(=> (= 0 0) (atom le 0 0))",
            "(not (forall ((a N)) (= a a)))",
            "(=> (= 0 0) (forall ((a N)) (= a a)))",
        ] {
            assert_eq!(clause(text), None, "{text}");
        }
        let sig = Signature::new(&theory(&[
            (
                "succ_inj",
                "(forall ((a N) (b N)) (=> (= (s a) (s b)) (= a b)))",
            ),
            ("le_refl", "(forall ((a N)) (atom le a a))"),
        ]))
        .unwrap();
        assert!(sig.axioms["succ_inj"].is_some());
        assert!(sig.axioms["le_refl"].is_none());
    }

    #[test]
    fn equations_and_terms() {
        let sig = Signature::new(&theory(&[])).unwrap();
        let (_, eq) = sig
            .statement("(forall ((a N) (b N)) (= (+ a b) (+ b a)))")
            .unwrap();
        let eq = eq.unwrap();
        assert_eq!(eq.vars.len(), 2);
        assert_eq!(eq.to_string(), "(forall ((a N) (b N)) (= (+ a b) (+ b a)))");
        let nested = "(forall ((a N)) (forall ((b N)) (= a b)))";
        assert!(sig.statement(nested).unwrap().1.is_none());
        let scope = [("x".to_string(), "N".to_string())];
        let (t, sort) = sig.parse_term("(s (+ x 0))", &scope).unwrap();
        assert_eq!(
            (t.to_string(), sort.as_str()),
            ("(s (+ x 0))".to_string(), "N")
        );
        assert_eq!(
            sig.parse_term("y", &scope).unwrap_err().code(),
            "unknown-symbol"
        );
        assert_eq!(sig.var_name_problem("x"), None);
        assert!(sig.var_name_problem("s").is_some());
        assert!(sig.var_name_problem("le").is_some());
        assert!(sig.var_name_problem("=>").is_some());
    }
}
