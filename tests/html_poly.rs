//! The HTML printing of polymorphic and higher-order theories (issue 12): sorts as a
//! mathematician writes them (`List(α)`, `α → Bool`), instance operators by their
//! scheme's name, `@(f, x)` as `f(x)`, lifted lambdas as `(λx. t)`, and a signature
//! table on the index; monomorphic theories print exactly as before.
mod poly_theory;
use poly_theory as poly;

use ergo::html::term::Printer;
use ergo::mpl::{Formula, Term};

fn equation(th: &ergo::mpl::Theory, axiom: &str) -> (Term, Term) {
    let a = th.axioms.iter().find(|a| a.name == axiom).unwrap();
    let Formula::Forall(_, body) = &a.formula else {
        panic!("{axiom} is not quantified")
    };
    let Formula::Eq(l, r) = &**body else {
        panic!("{axiom} is not an equation")
    };
    (l.clone(), r.clone())
}

#[test]
fn instances_print_by_their_scheme_and_application_as_f_of_x() {
    let th = poly::theory();
    let p = Printer::new(&th);
    assert!(p.is_polymorphic());
    let (l, r) = equation(&th, "map_cons");
    assert_eq!(
        p.equation(&l, &r),
        "map(f, cons(x, l)) = cons(f(x), map(f, l))"
    );
    let (l, r) = equation(&th, "app_nil[N]");
    assert_eq!(p.equation(&l, &r), "app(nil, l) = l");
    // The HTML is the same text, with the marked subterm (here `f(x)`) highlighted.
    let (_, r) = equation(&th, "map_cons");
    let html = p
        .html(&r, &[(&[0], ergo::html::term::Mark::Result)])
        .into_string();
    assert_eq!(html, "cons(<span class=rs>f(x)</span>, map(f, l))");
    let a = th.axioms.iter().find(|a| a.name == "map_cons").unwrap();
    assert_eq!(
        p.formula(&a.formula),
        "map(f, cons(x, l)) = cons(f(x), map(f, l))"
    );
}

#[test]
fn statements_name_their_sort_variables_in_greek_in_order() {
    let th = poly::theory();
    let p = Printer::new(&th);
    let a = th.axioms.iter().find(|a| a.name == "map_cons").unwrap();
    let Formula::Forall(vars, _) = &a.formula else {
        panic!()
    };
    assert_eq!(p.vars(vars), ["f : α → β", "x : α", "l : List(α)"]);
    // Order of first occurrence, whatever the MPL names: `l` first gives `'a` α.
    let reordered = [vars[2], vars[0]];
    assert_eq!(p.vars(&reordered), ["l : List(α)", "f : α → β"]);
}

#[test]
fn lifted_lambdas_print_as_their_definitions() {
    let th = poly::theory();
    let p = Printer::new(&th);
    let (l, r) = equation(&th, "lam.1.def");
    assert_eq!(p.equation(&l, &r), "(λx. false)(x) = false");
    let (l, _) = equation(&th, "lam.2.def");
    assert_eq!(p.text(&l), "(λx. y)(x)");
    // A mark inside the lambda's free variables keeps the lifted operator by name.
    let html = p
        .html(&l, &[(&[0, 0], ergo::html::term::Mark::Redex)])
        .into_string();
    assert_eq!(html, "lam.2(<span class=rx>y</span>)(x)");
}

#[test]
fn the_signature_table_lists_families_schemes_and_lambdas_once() {
    let th = poly::theory();
    let p = Printer::new(&th);
    let html = ergo::html::signature::render(&p).unwrap().into_string();
    for row in [
        "<td>family</td><td><b>List</b></td><td class=\"t\"><code>List(α) = nil | cons(α, List(α))</code>",
        "<td>sort</td><td><b>N</b></td><td class=\"t\"><code>N = 0 | s(N)</code>",
        "<code>map : (α → β) × List(α) → List(β)</code>",
        "<code>app : List(α) × List(α) → List(α)</code>",
        "<code>ite : Bool × α × α → α</code>",
        "<td>lambda</td><td><b>lam.2</b></td><td class=\"t\"><code>lam.2(y) = (λx. y)</code>",
        "<code>lam.1 = (λx. false)</code>",
    ] {
        assert!(html.contains(row), "missing {row} in\n{html}");
    }
    assert_eq!(html.matches("<b>map</b>").count(), 1, "{html}");
    assert!(
        !html.contains("<b>@</b>") && !html.contains("List(N)"),
        "{html}"
    );
}

#[test]
fn monomorphic_theories_get_no_signature_table_and_the_mpl_text() {
    let th = ergo::mpl::load(&poly_root().join("axioms/peano.mpl")).unwrap();
    let p = Printer::new(&th);
    assert!(!p.is_polymorphic());
    assert!(ergo::html::signature::render(&p).is_none());
    for a in &th.axioms {
        let Formula::Forall(vars, body) = &a.formula else {
            continue;
        };
        let names: Vec<&str> = vars.iter().map(|v| th.name(v.name)).collect();
        assert_eq!(p.vars(vars), names);
        if let Formula::Eq(l, r) = &**body {
            let numerals = ergo::mpl::print::Numerals::of(&th);
            let mpl = ergo::mpl::print::equation_with(&th, l, r, numerals.as_ref());
            assert_eq!(p.equation(l, r), mpl);
        }
    }
}

fn poly_root() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}
