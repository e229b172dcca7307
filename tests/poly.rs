//! The MPL front end of the wider logic (issue 12, docs/logic.md sections 1 and 2):
//! parametric inductive sorts, sort expressions, schemes and their instances, function
//! sorts, application, lambdas, the Bool prelude and monomorphisation.

use std::path::Path;

use ergo::mpl::{self, print, SortExpr, SortShape, Term, Theory};

fn load(text: &str) -> Theory {
    mpl::load_str(Path::new("t.mpl"), text).unwrap_or_else(|d| panic!("{d}"))
}

fn lists() -> Theory {
    mpl::load(Path::new("axioms/poly_lists.mpl")).unwrap_or_else(|d| panic!("{d}"))
}

fn name(n: &str) -> SortExpr {
    SortExpr::Name(n.into())
}

fn list(e: SortExpr) -> SortExpr {
    SortExpr::App("List".into(), vec![e])
}

/// The rendered diagnostics of a file that must not load.
fn errors(text: &str) -> String {
    match mpl::load_str(Path::new("t.mpl"), text) {
        Ok(_) => panic!("loads:\n{text}"),
        Err(d) => {
            let codes: Vec<&str> = d.items.iter().map(|i| i.code.as_str()).collect();
            format!("{d}\ncodes: {}", codes.join(" "))
        }
    }
}

#[test]
fn the_polymorphic_list_theory_resolves_to_the_designed_tables() {
    let t = lists();
    // Sort variables, the family and its generic instance.
    let a = t.sort_by_name("'a").unwrap();
    assert_eq!(t.sort(a).shape, SortShape::Param);
    assert_eq!(t.families.len(), 1);
    let fam = &t.families[0];
    assert_eq!(
        (fam.name.as_str(), fam.params.as_slice()),
        ("List", &[a][..])
    );
    let generic = t.sort(fam.generic);
    assert_eq!(generic.name, "List('a)");
    assert_eq!(
        generic.shape,
        SortShape::Instance {
            family: "List".into(),
            args: vec![a]
        }
    );
    let cons = t.generic_op("cons").unwrap();
    assert_eq!(t.op(cons).name, "cons['a]");
    assert_eq!(generic.constructors, [t.generic_op("nil").unwrap(), cons]);
    // Schemes: constructors take the family's params; map its variables in order.
    let map = t.op_scheme("map").unwrap();
    let b = t.sort_by_name("'b").unwrap();
    assert_eq!(map.params, [a, b]);
    let gmap = t.op(t.generic_op("map").unwrap());
    assert_eq!(gmap.name, "map['a, 'b]");
    assert_eq!(t.sort(gmap.args[0]).name, "'a -> 'b");
    assert_eq!(
        t.sort(gmap.args[0]).shape,
        SortShape::Function { from: a, to: b }
    );
    let inst = gmap.instance.as_ref().unwrap();
    assert_eq!(
        (inst.scheme.as_str(), inst.args.as_slice()),
        ("map", &[a, b][..])
    );
    // Axiom schemes, params in order of first occurrence.
    let app_nil = t
        .axiom_schemes
        .iter()
        .find(|s| s.name == "app_nil")
        .unwrap();
    assert_eq!(app_nil.params, [a]);
    assert!(t
        .axiom_schemes
        .iter()
        .any(|s| s.name == "map_cons" && s.params == [a, b]));
    // Statements print in MPL, instances by their scheme's name, @ as f(x).
    let show = |n: &str| {
        let ax = t.axioms.iter().find(|x| x.name == n).unwrap();
        assert!(ax.instance.is_none());
        print::formula(&t, &ax.formula)
    };
    assert_eq!(
        show("map_cons"),
        "(>[f:'a -> 'b,x:'a,l:List('a)] (=[map(f, cons(x, l)), cons(f(x), map(f, l))]))"
    );
    assert_eq!(
        show("dw_cons"),
        "(>[p:'a -> Bool,x:'a,l:List('a)] (=[dropWhile(p, cons(x, l)), ite(p(x), dropWhile(p, l), cons(x, l))]))"
    );
}

#[test]
fn an_instance_at_n_has_its_sort_constructors_and_axioms() {
    let t = lists().instantiate(&[list(name("N"))]).unwrap();
    let n = t.sort_by_name("N").unwrap();
    let ln = t.sort_id_of(&list(name("N"))).unwrap();
    let sort = t.sort(ln);
    assert_eq!(sort.name, "List(N)");
    assert_eq!(
        sort.shape,
        SortShape::Instance {
            family: "List".into(),
            args: vec![n]
        }
    );
    let names: Vec<&str> = sort
        .constructors
        .iter()
        .map(|&c| t.op(c).name.as_str())
        .collect();
    assert_eq!(names, ["nil[N]", "cons[N]"]);
    let cons_n = t.op(sort.constructors[1]);
    assert!(cons_n.constructor);
    assert_eq!(cons_n.args, [n, ln]);
    assert_eq!(t.op_shown(sort.constructors[1]), "cons");
    let app_n = t.find_op_instance("app", &[n]).unwrap();
    assert_eq!(t.op(app_n).name, "app[N]");
    let ax = t.axioms.iter().find(|a| a.name == "app_nil[N]").unwrap();
    let i = ax.instance.as_ref().unwrap();
    assert_eq!(
        (i.scheme.as_str(), i.args.as_slice()),
        ("app_nil", &[n][..])
    );
    assert_eq!(
        print::formula(&t, &ax.formula),
        "(>[l:List(N)] (=[app(nil, l), l]))"
    );
    // Appending only: the original ids are unchanged, and it is deterministic.
    let before = lists();
    assert_eq!(t.sorts[..before.sorts.len()], before.sorts[..]);
    assert_eq!(t.operators[..before.operators.len()], before.operators[..]);
    assert_eq!(t.axioms[..before.axioms.len()], before.axioms[..]);
    assert_eq!(t, lists().instantiate(&[list(name("N"))]).unwrap());
}

#[test]
fn instantiation_is_bounded_and_checks_its_sorts() {
    let t = lists();
    let deep = list(list(list(name("N"))));
    assert!(matches!(
        t.instantiate(&[deep]),
        Err(mpl::InstantiateError::Limit(_))
    ));
    assert!(matches!(
        t.instantiate(&[name("Nope")]),
        Err(mpl::InstantiateError::UnknownSort(_))
    ));
    assert!(matches!(
        t.instantiate(&[SortExpr::App("List".into(), vec![name("N"), name("N")])]),
        Err(mpl::InstantiateError::UnknownSort(_))
    ));
    let ok = t.instantiate(&[list(list(name("N")))]).unwrap();
    assert!(ok.op_by_name("cons[List(N)]").is_some());
}

#[test]
fn a_concrete_conjecture_creates_its_instances_on_demand() {
    let t = load(
        "inductive N = 0 | s(N);
         inductive List('a) = nil | cons('a, List('a));
         op len(List('a)) -> N;
         conjecture one: (=[len(cons(0, nil)), s(0)]);",
    );
    let c = &t.conjectures[0];
    assert_eq!(
        print::formula(&t, &c.formula),
        "(=[len(cons(0, nil)), s(0)])"
    );
    let mpl::Formula::Eq(Term::App(len, _), _) = &c.formula else {
        panic!("an equation")
    };
    assert_eq!(t.op(*len).name, "len[N]");
    assert!(t.sort_by_name("List(N)").is_some());
}

#[test]
fn a_lambda_is_lifted_with_its_defining_axiom() {
    let t = lists();
    let lam = t
        .op_scheme("lam.0")
        .expect("lam.0 is a scheme (its sort mentions 'a)");
    assert_eq!(lam.params, [t.sort_by_name("'a").unwrap()]);
    let def = t.axioms.iter().find(|a| a.name == "lam.0.def").unwrap();
    assert_eq!(
        print::formula(&t, &def.formula),
        "(>[x:'a] (=[@(lam.0, x), false]))"
    );
    assert!(t.axiom_schemes.iter().any(|s| s.name == "lam.0.def"));
    let dw = t.conjectures.iter().find(|c| c.name == "dw_false").unwrap();
    assert_eq!(
        print::formula(&t, &dw.formula),
        "(>[l:List('a)] (=[dropWhile(lam.0, l), l]))"
    );
    // A lambda with free variables takes them as arguments; several binders nest @.
    let t = load(
        "inductive N = 0 | s(N); op +(N, N) -> N infixl 6;
         op twice(N -> N -> N) -> N;
         axiom k: (>[y] (=[twice(\\a b. a + b + y), y]));",
    );
    let def = t.axioms.iter().find(|a| a.name == "lam.0.def").unwrap();
    assert_eq!(
        print::formula(&t, &def.formula),
        "(>[y:N,a:N,b:N] (=[@(@(lam.0(y), a), b), a + b + y]))"
    );
    assert!(t.op_scheme("lam.0").is_none());
}

#[test]
fn a_bare_operator_is_its_eta_expansion() {
    let t = load(
        "inductive N = 0 | s(N);
         inductive List('a) = nil | cons('a, List('a));
         op map('a -> 'b, List('a)) -> List('b);
         conjecture m: (=[map(s, nil), nil]);",
    );
    let def = t.axioms.iter().find(|a| a.name == "lam.0.def").unwrap();
    assert_eq!(
        print::formula(&t, &def.formula),
        "(>[x1:N] (=[@(lam.0, x1), s(x1)]))"
    );
}

#[test]
fn bool_comes_from_the_prelude_only_when_used() {
    let peano = mpl::load(Path::new("axioms/peano.mpl")).unwrap();
    assert!(peano.sort_by_name("Bool").is_none());
    assert!(peano.families.is_empty() && peano.op_schemes.is_empty());
    assert!(peano.axiom_schemes.is_empty());
    assert!(peano.sorts.iter().all(|s| s.shape == SortShape::Plain));
    assert!(peano.operators.iter().all(|o| o.instance.is_none()));
    assert!(peano
        .files()
        .iter()
        .all(|f| f.path != Path::new(mpl::prelude::PRELUDE_FILE)));
    // A theory declaring its own Bool keeps it.
    let order = mpl::load(Path::new("axioms/order.mpl")).unwrap();
    assert!(order.axioms.iter().all(|a| a.name != "bool_distinct"));
    // Only the used parts, with Bool.
    let t = load(
        "inductive N = 0 | s(N); op even(N) -> Bool; axiom e: (=[even(0), andb(true, true)]);",
    );
    let names: Vec<&str> = t.axioms.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["bool_distinct", "andb_true", "andb_false", "e"]);
    assert!(t.op_scheme("ite").is_none());
    assert!(t
        .files()
        .iter()
        .any(|f| f.path == Path::new(mpl::prelude::PRELUDE_FILE)));
}

#[test]
fn diagnostics_of_the_wider_logic_have_positions_and_codes() {
    let cases = [
        ("op f(Nope) -> Nope;", "t.mpl:1:6", "unknown-sort"),
        (
            "inductive List('a) = nil | cons('b, List('a));",
            "t.mpl:1:33",
            "unknown-sort-variable",
        ),
        (
            "inductive N = 0; inductive List('a) = nil | cons('a, List('a)); op f(List(N, N)) -> N;",
            "t.mpl:1:70",
            "sort-arity",
        ),
        (
            "inductive N = 0; inductive List('a) = nil | cons('a, List('a)); op f(List) -> N;",
            "t.mpl:1:70",
            "sort-arity",
        ),
        ("inductive N = 0; op f(N(N)) -> N;", "t.mpl:1:23", "sort-arity"),
        (
            "inductive N = 0; inductive List('a) = nil | cons('a, List('a));\naxiom a: (>[x] (=[cons(x, x), nil]));",
            "t.mpl:2:27",
            "sort-mismatch",
        ),
        (
            "inductive N = 0 | s(N);\naxiom a: (>[x:N] (=[x(0), 0]));",
            "t.mpl:2:21",
            "not-a-function-sort",
        ),
    ];
    for (text, at, code) in cases {
        let shown = errors(text);
        assert!(shown.contains(at), "{text}\nexpected {at}:\n{shown}");
        assert!(shown.contains(code), "{text}\nexpected {code}:\n{shown}");
    }
    // A sort mismatch shows both sort expressions.
    let shown = errors(
        "inductive N = 0; inductive List('a) = nil | cons('a, List('a));\naxiom a: (>[x] (=[cons(x, x), nil]));",
    );
    assert!(
        shown.contains("List(") && shown.contains("expected"),
        "{shown}"
    );
    let shown = errors("inductive N = 0 | s(N);\naxiom a: (>[x:N] (=[x(0), 0]));");
    assert!(shown.contains("not a function sort"), "{shown}");
}
