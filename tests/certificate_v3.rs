//! Certificates of format version 3 from the proof model (`docs/logic.md` section 3):
//! a polymorphic theory's section declares its schemes once, terms print their
//! instances, theorems carry their parameters and citations of instances their sorts;
//! version-3 text reads back into the model; monomorphic theories keep their committed
//! sections and digests.
//!
//! The polymorphic theory is built by hand (a resolved monomorphic theory whose
//! signature gains a sort variable, a list family, its instances and an axiom scheme), as
//! the front end would resolve `inductive List('a) = nil | cons('a, List('a));
//! op app(List('a), List('a)) -> List('a); axiom app_nil: (>[l] (=[app(nil, l), l]));`.

use ergo::mpl::{
    Axiom, Instance, OpId, Operator, Scheme, Signature, Sort, SortFamily, SortId, SortShape,
    SourceMap, Span, Theory,
};
use ergo::proof::{fields, instances::Instances, sexp, syntax, theory_section};
use ergo_kernel::format::{Certificate, Proof};
use std::path::Path;

const N: SortId = SortId(0);
const A: SortId = SortId(1);
const LIST_A: SortId = SortId(2);
const LIST_N: SortId = SortId(3);
const N_TO_N: SortId = SortId(4);

fn sort(name: &str, constructors: &[u32], shape: SortShape) -> Sort {
    Sort {
        name: name.into(),
        constructors: constructors.iter().map(|&c| OpId(c)).collect(),
        span: Span::default(),
        shape,
    }
}

fn op(name: &str, args: &[SortId], result: SortId, scheme: Option<(&str, &[SortId])>) -> Operator {
    Operator {
        name: name.into(),
        args: args.to_vec(),
        result,
        fixity: None,
        constructor: matches!(name.split('[').next(), Some("nil" | "cons")),
        span: Span::default(),
        instance: scheme.map(|(s, args)| Instance {
            scheme: s.into(),
            args: args.to_vec(),
        }),
    }
}

fn list(of: SortId) -> SortShape {
    SortShape::Instance {
        family: "List".into(),
        args: vec![of],
    }
}

/// Peano numbers, `'a`, `List('a)`, `List(N)`, `N -> N` with `twice : N -> N`, and the
/// axiom scheme `app_nil` with its instance at `N`.
fn poly() -> Theory {
    let base = ergo::mpl::load_str(
        Path::new("plist.mpl"),
        "theory plist; inductive N = 0 | s(N);",
    )
    .unwrap();
    let mut sig: Signature = (**base.signature()).clone();
    sig.sorts.extend([
        sort("'a", &[], SortShape::Param),
        sort("List('a)", &[2, 3], list(A)),
        sort("List(N)", &[5, 6], list(N)),
        sort("N -> N", &[], SortShape::Function { from: N, to: N }),
    ]);
    sig.operators.extend([
        op("nil['a]", &[], LIST_A, Some(("nil", &[A]))),
        op("cons['a]", &[A, LIST_A], LIST_A, Some(("cons", &[A]))),
        op("app['a]", &[LIST_A, LIST_A], LIST_A, Some(("app", &[A]))),
        op("nil[N]", &[], LIST_N, Some(("nil", &[N]))),
        op("cons[N]", &[N, LIST_N], LIST_N, Some(("cons", &[N]))),
        op("app[N]", &[LIST_N, LIST_N], LIST_N, Some(("app", &[N]))),
        op("@[N,N]", &[N_TO_N, N], N, Some(("@", &[N, N]))),
        op("twice", &[], N_TO_N, None),
    ]);
    sig.families.push(SortFamily {
        name: "List".into(),
        params: vec![A],
        generic: LIST_A,
        span: Span::default(),
    });
    for s in ["nil", "cons", "app"] {
        sig.op_schemes.push(Scheme {
            name: s.into(),
            params: vec![A],
        });
    }
    let mut th = Theory::new(sig.clone(), SourceMap::default());
    let generic = sexp::formula(
        &mut th,
        "(forall ((l (List 'a))) (= ((_ app 'a) (_ nil 'a) l) l))",
    )
    .unwrap();
    let at_n = sexp::formula(&mut th, "(forall ((l (List N))) (= (app[N] nil[N] l) l))").unwrap();
    sig.names = th.names.iter().cloned().collect::<Vec<_>>().into();
    sig.axioms.push(Axiom {
        name: "app_nil".into(),
        formula: generic,
        span: Span::default(),
        instance: None,
    });
    sig.axioms.push(Axiom {
        name: "app_nil[N]".into(),
        formula: at_n,
        span: Span::default(),
        instance: Some(Instance {
            scheme: "app_nil".into(),
            args: vec![N],
        }),
    });
    sig.axiom_schemes.push(Scheme {
        name: "app_nil".into(),
        params: vec![A],
    });
    Theory::new(sig, SourceMap::default())
}

#[test]
fn the_section_declares_each_scheme_once_with_its_params() {
    let th = poly();
    let parts = theory_section::parts(&th, "plist.mpl");
    let s = &parts.section;
    let sorts: Vec<_> = s.sorts.iter().map(|d| (&d.name, &d.constructors)).collect();
    assert_eq!(
        format!("{sorts:?}"),
        r#"[("N", ["0", "s"]), ("List", ["nil", "cons"])]"#
    );
    assert_eq!(parts.sort_params, [vec![], vec!["'a".to_string()]]);
    let ops: Vec<String> = s
        .operators
        .iter()
        .zip(&parts.op_params)
        .map(|(o, p)| format!("{} {:?} {:?} -> {}", o.name, p, o.args, o.result))
        .collect();
    assert_eq!(
        ops,
        [
            r#"0 [] [] -> N"#,
            r#"s [] ["N"] -> N"#,
            r#"nil ["'a"] [] -> (List 'a)"#,
            r#"cons ["'a"] ["'a", "(List 'a)"] -> (List 'a)"#,
            r#"app ["'a"] ["(List 'a)", "(List 'a)"] -> (List 'a)"#,
            r#"twice [] [] -> (-> N N)"#,
        ]
    );
    assert_eq!(s.axioms.len(), 1, "the instance at N is not declared");
    assert_eq!(s.axioms[0].name, "app_nil");
    assert_eq!(
        s.axioms[0].statement,
        "(forall ((l (List 'a))) (= ((_ app 'a) (_ nil 'a) l) l))"
    );
    assert_eq!(parts.axiom_params, [vec!["'a".to_string()]]);
}

#[test]
fn terms_print_their_instances_and_read_back() {
    let mut th = poly();
    for text in [
        "(forall ((l (List N))) (= ((_ app N) (_ nil N) l) l))",
        "(forall ((x 'a) (l (List 'a))) (= ((_ cons 'a) x l) ((_ app 'a) (_ nil 'a) ((_ cons 'a) x l))))",
        "(= (@ twice (s 0)) (s (s 0)))",
        "(forall ((f (-> N N)) (x N)) (= (@ f x) (@ twice x)))",
    ] {
        let f = sexp::formula(&mut th, text).unwrap();
        assert_eq!(syntax::formula(&th, &f), text);
    }
    let f = sexp::formula(&mut th, "(forall ((l (List 'a))) (= ((_ app 'a) l l) l))").unwrap();
    assert_eq!(syntax::formula_params(&th, &f), [A]);
    // An instance that is not in the tables, or at the wrong sorts, is unknown.
    assert!(sexp::formula(&mut th, "(= (_ nil Q) (_ nil Q))").is_err());
    assert!(matches!(
        sexp::formula(&mut th, "(= ((_ cons N) 0 (_ nil 'a)) (_ nil N))"),
        Err(sexp::SexpError::IllSorted(..))
    ));
    assert!(sexp::formula(&mut th, "(= (@ (s 0) 0) 0)").is_err());
}

/// Whether the kernel of this build predates format version 3 (then it refuses the
/// version-3 fields, and the tests that need them check that refusal instead).
fn kernel_before_v3() -> bool {
    std::hint::black_box(ergo_kernel::VERSION) < 3
}

fn chain(rule: &str, kind: &str, subst: &str, term: &str) -> Proof {
    serde_json::from_str(&format!(
        r#"{{"method": "chain", "steps": [{{"kind": "{kind}", "rule": "{rule}", "dir": "lr",
            "pos": [], "subst": {subst}, "term": "{term}"}}]}}"#
    ))
    .unwrap()
}

fn step_of(p: &Proof) -> &ergo_kernel::format::Step {
    let Proof::Chain { steps } = p else { panic!() };
    &steps[0]
}

#[test]
fn citations_of_instances_name_the_scheme_and_its_sorts() {
    let th = poly();
    let mut instances = Instances::new(&th, std::iter::empty());
    // The engine's terms name instances internally.
    assert_eq!(
        instances.term("(app[N] (cons[N] 0 nil[N]) l)"),
        "((_ app N) ((_ cons N) 0 (_ nil N)) l)"
    );
    assert_eq!(instances.term("(@[N,N] twice 0)"), "(@ twice 0)");
    assert_eq!(instances.term("(s (s 0))"), "(s (s 0))");
    // A citation of the instance at N: the scheme, bound at N.
    let p = chain("app_nil[N]", "axiom", r#"{"l": "nil[N]"}"#, "nil[N]");
    let expect_n = [("'a".to_string(), "N".to_string())].into();
    let expect_a = [("'a".to_string(), "'a".to_string())].into();
    let generic = chain("app_nil", "axiom", r#"{"l": "l"}"#, "l");
    instances.add_theorem("rev_rev", vec!["'a".into()]);
    let lemma = chain("rev_rev", "theorem", r#"{"l": "l"}"#, "l");
    match (
        instances.proof(&p),
        instances.proof(&generic),
        instances.proof(&lemma),
    ) {
        (Ok(p), Ok(generic), Ok(lemma)) => {
            let s = step_of(&p);
            assert_eq!((s.rule.as_str(), s.term.as_str()), ("app_nil", "(_ nil N)"));
            assert_eq!(s.subst["l"], "(_ nil N)");
            assert_eq!(fields::sorts(s), expect_n);
            // The generic instance, and a theorem scheme, by their own names: the
            // identity binding.
            assert_eq!(fields::sorts(step_of(&generic)), expect_a);
            assert_eq!(fields::sorts(step_of(&lemma)), expect_a);
        }
        // A kernel without version 3 cannot hold `sorts`; it refuses, never drops them.
        (Err(e), _, _) => assert!(kernel_before_v3(), "{e}"),
        _ => panic!("the three citations stand or fall together"),
    }
    // A hypothesis has no parameters.
    let hyp = chain("h1", "hyp", "{}", "l");
    assert_eq!(instances.proof(&hyp).unwrap(), hyp);
}

#[test]
fn a_polymorphic_certificate_is_version_3_and_checks() {
    let mut th = poly();
    let at_n = sexp::formula(&mut th, "(forall ((l (List N))) (= (app[N] nil[N] l) l))").unwrap();
    let generic = sexp::formula(
        &mut th,
        "(forall ((l (List 'a))) (= (app['a] nil['a] l) l))",
    )
    .unwrap();
    let p_n = chain("app_nil[N]", "axiom", r#"{"l": "l"}"#, "l");
    let p_a = chain("app_nil", "axiom", r#"{"l": "l"}"#, "l");
    let entries = [
        ergo::proof::Entry {
            name: "app_nil_n",
            statement: at_n,
            proof: &p_n,
        },
        ergo::proof::Entry {
            name: "app_nil_a",
            statement: generic,
            proof: &p_a,
        },
    ];
    let cert: Certificate = match ergo::proof::try_certificate(&th, "plist.mpl", &entries) {
        Ok(c) => c,
        Err(e) => {
            assert!(kernel_before_v3(), "{e}");
            return;
        }
    };
    assert_eq!(cert.version, 3);
    assert!(fields::params(&cert.theorems[0]).is_empty());
    assert_eq!(fields::params(&cert.theorems[1]), ["'a"]);
    assert_eq!(
        cert.theorems[0].statement,
        "(forall ((l (List N))) (= ((_ app N) (_ nil N) l) l))"
    );
    let verified = ergo_kernel::Verified::check(cert.clone()).unwrap();
    assert!(verified.theorems().all(|(_, r)| r.result.is_ok()));
    // The section rebuilt from the theory is the certificate's (what `ergo verify` checks).
    assert_eq!(ergo::proof::theory_section(&th, "plist.mpl"), cert.theory);
    // Read back: the statements parse over the theory, the proofs replay.
    let replayed = ergo::proof::tree::replay(&th, &verified).unwrap();
    assert_eq!(replayed.theorems.len(), 2);
}

#[test]
fn monomorphic_sections_and_digests_are_the_committed_ones() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut checked = 0;
    for f in ergo::proof::load::certificate_files(&root.join("proofs")).unwrap() {
        let text = std::fs::read_to_string(&f).unwrap();
        let cert: Certificate = serde_json::from_str(&text).unwrap();
        let source = f.parent().unwrap().join(&cert.theory.source);
        let Ok(th) = ergo::mpl::load(&source) else {
            continue;
        };
        let section = theory_section(&th, &cert.theory.source);
        assert_eq!(section, cert.theory, "{}", f.display());
        assert_eq!(
            ergo_kernel::theory_digest(&section).unwrap(),
            cert.digest,
            "{}",
            f.display()
        );
        if !th.families.is_empty() || !th.op_schemes.is_empty() {
            // A polymorphic theory (poly_lists): its section is rebuilt exactly too.
            continue;
        }
        // The proofs are unchanged by the version-3 rewriting of a monomorphic theory.
        let instances = Instances::new(&th, std::iter::empty());
        for t in &cert.theorems {
            assert_eq!(instances.proof(&t.proof).unwrap(), t.proof);
            let mut th = th.clone();
            let f = sexp::formula(&mut th, &t.statement).unwrap();
            assert_eq!(syntax::formula(&th, &f), t.statement);
            assert!(syntax::formula_params(&th, &f).is_empty());
        }
        checked += 1;
    }
    assert!(checked >= 5, "{checked}");
}

#[test]
fn a_sort_binding_instantiates_the_cited_clause() {
    let mut th = poly();
    let generic = ergo::proof::clause::Clause::from_formula(&th.axioms[0].formula).unwrap();
    let at_n = ergo::proof::clause::Clause::from_formula(&th.axioms[1].formula).unwrap();
    let binding = [("'a".to_string(), "N".to_string())].into();
    let s = ergo::proof::sort_subst::SortSubst::read(&mut th, &binding).unwrap();
    assert!(!s.is_identity());
    assert_eq!(s.clause(&mut th, &generic).unwrap(), at_n);
    let identity = [("'a".to_string(), "'a".to_string())].into();
    let s = ergo::proof::sort_subst::SortSubst::read(&mut th, &identity).unwrap();
    assert_eq!(s.clause(&mut th, &generic).unwrap(), generic);
    // Only sort variables are bound, to sorts (the tables' or ones they can add).
    let bad = [("N".to_string(), "N".to_string())].into();
    assert!(ergo::proof::sort_subst::SortSubst::read(&mut th, &bad).is_err());
}

#[test]
fn a_theorem_scheme_used_at_an_instance_is_cited_with_its_sorts() {
    let th = poly();
    let mut sig: Signature = (**th.signature()).clone();
    // The engine's instance at N of a lemma `app_nil_a` (a theorem scheme).
    let mut inst = sig.axioms[1].clone();
    inst.name = "app_nil_a[N]".into();
    inst.instance = Some(Instance {
        scheme: "app_nil_a".into(),
        args: vec![N],
    });
    sig.axioms.push(inst);
    sig.axiom_schemes.push(Scheme {
        name: "app_nil_a".into(),
        params: vec![A],
    });
    let th = Theory::new(sig, SourceMap::default());
    // Not declared: it is an instance.
    assert_eq!(theory_section::parts(&th, "").section.axioms.len(), 1);
    let p = chain("app_nil_a[N]", "theorem", r#"{"l": "l"}"#, "l");
    if let Ok(p) = Instances::new(&th, std::iter::empty()).proof(&p) {
        let s = step_of(&p);
        assert_eq!(s.rule, "app_nil_a");
        assert_eq!(fields::sorts(s)["'a"], "N");
    }
}
