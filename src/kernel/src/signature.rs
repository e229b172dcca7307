//! The theory: validation of the theory section, sort checking, formulas and clauses.
//!
//! Invariants, once [`Signature::new`] has returned `Ok`:
//! - every sort, operator, predicate and axiom name is a symbol and unique in its kind;
//!   operator and predicate names are distinct from each other and from [`RESERVED`];
//!   sort names are not reserved and do not start with `'`;
//! - every `params` list holds distinct sort variables (`'a`), and is empty in a version 2
//!   certificate; every sort mentioned by an operator or predicate is well formed in the
//!   scope of its `params` (declared, applied to as many sorts as it has parameters, its
//!   sort variables among the params);
//! - every constructor of a sort is an operator with the sort's params and the result
//!   `(sort params...)`, listed once, and every inductive sort has a *base* constructor
//!   (one with no argument of that sort);
//! - every axiom is a closed, well-sorted formula in the scope of its params; those of one
//!   of the clause shapes of spec section 4 are available as [`Clause`]s (the others
//!   cannot be cited);
//! - [`Signature::canonical`] is the canonical text of spec section 3.
//!
//! Terms and formulas are only ever built through [`Signature::term`] and friends, so every
//! [`Term`] the kernel handles is well-sorted in the scope it was parsed in. Sorts are
//! computed bottom-up: an operator with parameters is always instantiated explicitly
//! (`(_ cons N)`), so every term has exactly one sort, and sorts compare structurally.
//!
//! Example: with `sort (List 'a) nil cons` and `op (cons 'a) 'a (List 'a) -> (List 'a)`,
//! the term `((_ cons N) x (_ nil N))` (with `x : N`) has sort `(List N)`, and the bare
//! `(cons x l)` is rejected with `missing-instance`.

use crate::clause::Clause;
use crate::error::KernelError;
use crate::format::TheorySection;
use crate::limits::{within, Limit};
use crate::sexp::{self, is_plain_name, is_symbol, Sexp};
use crate::sort::{is_sort_var, Sort, ARROW};
use crate::term::{Head, Term};
use std::cell::RefCell;
use std::collections::BTreeMap;

/// Words that may not name an operator, predicate, sort or variable.
pub const RESERVED: [&str; 10] = [
    "=", "not", "and", "=>", "forall", "exists", "atom", ARROW, "_", "@",
];

/// Variables in scope, with their sorts; later entries shadow earlier ones.
pub type Scope = [(String, Sort)];

/// A sort of the theory: its parameters and constructors (none unless inductive).
#[derive(Debug)]
pub struct SortInfo {
    /// The sort variables it is applied to.
    pub params: Vec<String>,
    /// Its constructors, in order.
    pub constructors: Vec<String>,
}

/// An operator or predicate: its parameters, argument sorts and result sort (a
/// predicate's result is unused).
#[derive(Debug)]
pub struct Symbol {
    /// Its sort variables.
    pub params: Vec<String>,
    /// Its argument sorts, over its params.
    pub args: Vec<Sort>,
    /// Its result sort, over its params.
    pub result: Sort,
}

/// The validated theory section.
#[derive(Debug)]
pub struct Signature {
    /// Whether version 3 features (params, sort expressions, `_`, `@`, `sorts`) are allowed.
    pub version3: bool,
    /// Each sort with its parameters and constructors.
    pub sorts: BTreeMap<String, SortInfo>,
    /// Each operator.
    pub ops: BTreeMap<String, Symbol>,
    /// Each predicate.
    pub preds: BTreeMap<String, Symbol>,
    /// Each axiom, with its clause if it is one (only clauses can be cited).
    pub axioms: BTreeMap<String, Option<Clause>>,
    /// The canonical text of the theory section (spec section 3).
    pub canonical: String,
    /// Every term parsed so far, hash-consed: equal parsed terms are one shared node.
    interned: RefCell<Interner>,
}

/// The table of parsed terms: a variable by name, an application by its head and the
/// identities of its (interned) arguments. Keeping every entry alive keeps the
/// identities unique; the table only grows with the certificate's text.
#[derive(Debug, Default)]
struct Interner {
    vars: BTreeMap<String, Term>,
    apps: BTreeMap<(Head, Vec<usize>), Term>,
}

impl Interner {
    fn var(&mut self, name: &str) -> Term {
        self.vars
            .entry(name.to_string())
            .or_insert_with(|| Term::var(name))
            .clone()
    }

    fn app(&mut self, op: Head, args: Vec<Term>) -> Term {
        let key = (op, args.iter().map(Term::id).collect());
        let op = key.0.clone();
        self.apps
            .entry(key)
            .or_insert_with(|| Term::app(op, args))
            .clone()
    }
}

fn check_name(what: &'static str, name: &str) -> Result<(), KernelError> {
    let plain = matches!(what, "theory" | "axiom");
    let quoted = what == "sort" && name.starts_with('\'');
    if !is_symbol(name) || (plain && !is_plain_name(name)) || quoted {
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

/// A declaration's name on its canonical line: `name`, or `(name 'a ...)` with params.
fn decl_name(name: &str, params: &[String]) -> String {
    if params.is_empty() {
        name.to_string()
    } else {
        format!("({name} {})", params.join(" "))
    }
}

/// The sort `(name params...)` (or `name` without params).
fn applied(name: &str, params: &[String]) -> Sort {
    Sort::Named(name.into(), params.iter().cloned().map(Sort::Var).collect())
}

impl Signature {
    /// Validates a theory section and builds its signature and canonical text; version 3
    /// features are allowed iff `version3`.
    pub fn new(theory: &TheorySection, version3: bool) -> Result<Signature, KernelError> {
        check_name("theory", &theory.name)?;
        let mut sig = Signature {
            version3,
            sorts: BTreeMap::new(),
            ops: BTreeMap::new(),
            preds: BTreeMap::new(),
            axioms: BTreeMap::new(),
            canonical: String::new(),
            interned: RefCell::default(),
        };
        for sort in &theory.sorts {
            check_symbol_name("sort", &sort.name)?;
            let at = |e: KernelError| e.at(format!("sort {}", sort.name));
            sig.check_params(&sort.params).map_err(at)?;
            let info = SortInfo {
                params: sort.params.clone(),
                constructors: Vec::new(),
            };
            if sig.sorts.insert(sort.name.clone(), info).is_some() {
                return Err(duplicate("sort", &sort.name));
            }
        }
        let mut canonical = String::new();
        let mut op_lines = String::new();
        for op in &theory.operators {
            check_symbol_name("operator", &op.name)?;
            let at = |e: KernelError| e.at(format!("operator {}", op.name));
            let symbol = sig.symbol(&op.params, &op.args, &op.result).map_err(at)?;
            let args: Vec<String> = symbol.args.iter().map(Sort::to_string).collect();
            let result = symbol.result.to_string();
            op_lines.push_str(&line(
                "op",
                &decl_name(&op.name, &op.params),
                &args,
                Some(&result),
            ));
            if sig.ops.insert(op.name.clone(), symbol).is_some() {
                return Err(duplicate("operator", &op.name));
            }
        }
        let mut pred_lines = String::new();
        for pred in &theory.predicates {
            check_symbol_name("predicate", &pred.name)?;
            let at = |e: KernelError| e.at(format!("predicate {}", pred.name));
            let symbol = sig.symbol(&pred.params, &pred.args, "").map_err(at)?;
            let args: Vec<String> = symbol.args.iter().map(Sort::to_string).collect();
            pred_lines.push_str(&line(
                "pred",
                &decl_name(&pred.name, &pred.params),
                &args,
                None,
            ));
            if sig.ops.contains_key(&pred.name)
                || sig.preds.insert(pred.name.clone(), symbol).is_some()
            {
                return Err(duplicate("predicate", &pred.name));
            }
        }
        for sort in &theory.sorts {
            sig.check_constructors(&sort.name, &sort.params, &sort.constructors)?;
            if let Some(info) = sig.sorts.get_mut(&sort.name) {
                info.constructors = sort.constructors.clone();
            }
            let name = decl_name(&sort.name, &sort.params);
            canonical.push_str(&line("sort", &name, &sort.constructors, None));
        }
        canonical.push_str(&op_lines);
        canonical.push_str(&pred_lines);
        for axiom in &theory.axioms {
            check_name("axiom", &axiom.name)?;
            let at = |e: KernelError| e.at(format!("axiom {}", axiom.name));
            sig.check_params(&axiom.params).map_err(at)?;
            let (sexp, equation) = sig.statement(&axiom.statement, &axiom.params).map_err(at)?;
            if sig.axioms.insert(axiom.name.clone(), equation).is_some() {
                return Err(duplicate("axiom", &axiom.name));
            }
            let name = decl_name(&axiom.name, &axiom.params);
            canonical.push_str(&format!("axiom {name} {sexp}\n"));
        }
        sig.canonical = canonical;
        Ok(sig)
    }

    /// Checks a `params` list: distinct sort variables, none in version 2.
    pub fn check_params(&self, params: &[String]) -> Result<(), KernelError> {
        if !params.is_empty() && !self.version3 {
            let feature = "`params`".to_string();
            return Err(KernelError::NeedsVersion3 { feature });
        }
        for (i, p) in params.iter().enumerate() {
            let reason = if !is_sort_var(p) {
                "a parameter is a sort variable: `'` followed by a plain name"
            } else if params.get(..i).is_some_and(|before| before.contains(p)) {
                "it is repeated"
            } else {
                continue;
            };
            let param = p.clone();
            return Err(KernelError::BadParams { param, reason });
        }
        Ok(())
    }

    /// Reads an operator's or predicate's params and sorts (an empty `result`: none).
    fn symbol(
        &self,
        params: &[String],
        args: &[String],
        result: &str,
    ) -> Result<Symbol, KernelError> {
        self.check_params(params)?;
        let args = args.iter().map(|a| self.sort_text(a, params));
        let args = args.collect::<Result<_, _>>()?;
        let result = match result {
            "" => Sort::plain(""),
            r => self.sort_text(r, params)?,
        };
        Ok(Symbol {
            params: params.to_vec(),
            args,
            result,
        })
    }

    fn check_constructors(
        &self,
        sort: &str,
        params: &[String],
        constructors: &[String],
    ) -> Result<(), KernelError> {
        let bad = |constructor: &String, reason| KernelError::BadConstructor {
            sort: sort.to_string(),
            constructor: constructor.clone(),
            reason,
        };
        let own = applied(sort, params);
        let mut has_base = false;
        for (i, c) in constructors.iter().enumerate() {
            let Some(op) = self.ops.get(c) else {
                return Err(bad(c, "it is not an operator"));
            };
            if op.params != params {
                return Err(KernelError::ConstructorParams {
                    sort: sort.to_string(),
                    constructor: c.clone(),
                });
            }
            if op.result != own {
                return Err(bad(c, "its result is another sort"));
            }
            if constructors
                .get(..i)
                .is_some_and(|earlier| earlier.contains(c))
            {
                return Err(bad(c, "it is listed twice"));
            }
            has_base |= !op.args.iter().any(|a| a == &own);
        }
        if !constructors.is_empty() && !has_base {
            return Err(KernelError::NoBaseConstructor {
                sort: sort.to_string(),
            });
        }
        Ok(())
    }

    /// Reads the sort expression `text` in the scope of the sort variables `params`.
    pub fn sort_text(&self, text: &str, params: &[String]) -> Result<Sort, KernelError> {
        self.sort(&sexp::parse(text)?, params)
    }

    /// Reads a sort expression in the scope of the sort variables `params`.
    pub fn sort(&self, s: &Sexp, params: &[String]) -> Result<Sort, KernelError> {
        let sort = self.read_sort(s, params)?;
        within(Limit::SortSize, sort.size())?;
        Ok(sort)
    }

    fn read_sort(&self, s: &Sexp, params: &[String]) -> Result<Sort, KernelError> {
        let bad = |reason| KernelError::BadSort {
            sort: s.to_string(),
            reason,
        };
        let arity = |sort: &str, expected, found| KernelError::SortArity {
            sort: sort.to_string(),
            expected,
            found,
        };
        let items = match s {
            Sexp::Atom(v) if v.starts_with('\'') => {
                return match params.contains(v) {
                    true => Ok(Sort::Var(v.clone())),
                    false => Err(KernelError::UnboundSortVar { var: v.clone() }),
                };
            }
            Sexp::Atom(name) => {
                return match self.sorts.get(name) {
                    None => Err(KernelError::UnknownSort { sort: name.clone() }),
                    Some(info) if !info.params.is_empty() => Err(arity(name, info.params.len(), 0)),
                    Some(_) => Ok(Sort::plain(name.clone())),
                };
            }
            Sexp::List(items) => items,
        };
        if !self.version3 {
            let feature = format!("the sort expression `{s}`");
            return Err(KernelError::NeedsVersion3 { feature });
        }
        match items.split_first() {
            Some((Sexp::Atom(h), [a, b])) if h == ARROW => Ok(Sort::Fun(
                Box::new(self.read_sort(a, params)?),
                Box::new(self.read_sort(b, params)?),
            )),
            Some((Sexp::Atom(h), _)) if h == ARROW => Err(bad("`->` takes exactly two sorts")),
            Some((Sexp::Atom(h), args)) if !h.starts_with('\'') => {
                let Some(info) = self.sorts.get(h) else {
                    return Err(KernelError::UnknownSort { sort: h.clone() });
                };
                if args.is_empty() {
                    return Err(bad(
                        "a sort without arguments is written without parentheses",
                    ));
                }
                if args.len() != info.params.len() {
                    return Err(arity(h, info.params.len(), args.len()));
                }
                let args = args.iter().map(|a| self.read_sort(a, params));
                Ok(Sort::Named(h.clone(), args.collect::<Result<_, _>>()?))
            }
            _ => Err(bad(
                "a sort is a name, a sort variable, (name sorts...) or (-> sort sort)",
            )),
        }
    }

    /// The variable `name`, shared with every equal parsed variable.
    pub(crate) fn intern_var(&self, name: &str) -> Term {
        self.interned.borrow_mut().var(name)
    }

    /// `op` applied to `args`, shared with every equal parsed application.
    pub(crate) fn intern_app(&self, op: Head, args: Vec<Term>) -> Term {
        self.interned.borrow_mut().app(op, args)
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
            params: vec![],
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
                params: vec![],
                constructors: vec!["0".into(), "s".into()],
            }],
            operators: vec![
                op("0", &[], "N"),
                op("s", &["N"], "N"),
                op("+", &["N", "N"], "N"),
            ],
            predicates: vec![PredicateDecl {
                name: "le".into(),
                params: vec![],
                args: vec!["N".into(), "N".into()],
            }],
            axioms: axioms
                .iter()
                .map(|(n, s)| AxiomDecl {
                    name: n.to_string(),
                    params: vec![],
                    statement: s.to_string(),
                })
                .collect(),
        }
    }

    fn err(t: &TheorySection) -> &'static str {
        Signature::new(t, false)
            .err()
            .map(|e| e.code())
            .unwrap_or("ok")
    }

    fn axiom_err(statement: &str) -> &'static str {
        err(&theory(&[("a", statement)]))
    }

    #[test]
    fn canonical_text() {
        let sig = Signature::new(
            &theory(&[
                ("add_zero", "(forall ((a N))\n  (= (+ a 0)   a))"),
                ("le_refl", "(forall ((a N)) (atom le a a))"),
            ]),
            false,
        )
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
            params: vec![],
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
            params: vec![],
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
                        params: vec![],
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
        let sig = Signature::new(&theory(&[]), false).unwrap();
        let clause = |text: &str| sig.statement(text, &[]).unwrap().1;
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
            assert_eq!(
                matches!(c.conclusion, crate::clause::Conclusion::Eq(_)),
                equation,
                "{text}"
            );
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
        let sig = Signature::new(
            &theory(&[
                (
                    "succ_inj",
                    "(forall ((a N) (b N)) (=> (= (s a) (s b)) (= a b)))",
                ),
                ("le_refl", "(forall ((a N)) (atom le a a))"),
            ]),
            false,
        )
        .unwrap();
        assert!(sig.axioms["succ_inj"].is_some());
        assert!(sig.axioms["le_refl"].is_none());
    }

    #[test]
    fn equations_and_terms() {
        let sig = Signature::new(&theory(&[]), false).unwrap();
        let (_, eq) = sig
            .statement("(forall ((a N) (b N)) (= (+ a b) (+ b a)))", &[])
            .unwrap();
        let eq = eq.unwrap();
        assert_eq!(eq.vars.len(), 2);
        assert_eq!(eq.to_string(), "(forall ((a N) (b N)) (= (+ a b) (+ b a)))");
        let nested = "(forall ((a N)) (forall ((b N)) (= a b)))";
        assert!(sig.statement(nested, &[]).unwrap().1.is_none());
        let scope = [("x".to_string(), Sort::plain("N"))];
        let (t, sort) = sig.parse_term("(s (+ x 0))", &scope, &[]).unwrap();
        assert_eq!(
            (t.to_string(), sort.to_string()),
            ("(s (+ x 0))".to_string(), "N".to_string())
        );
        assert_eq!(
            sig.parse_term("y", &scope, &[]).unwrap_err().code(),
            "unknown-symbol"
        );
        assert_eq!(sig.var_name_problem("x"), None);
        assert!(sig.var_name_problem("s").is_some());
        assert!(sig.var_name_problem("le").is_some());
        assert!(sig.var_name_problem("=>").is_some());
    }
}
