//! The readable printer of resolved terms and formulas, and goals read from the command
//! line.

use std::path::Path;

use ergo::mpl::{self, print, Formula, Theory};

const ARITH: &str = "
inductive N = 0 | s(N);
op +(N, N) -> N infixl 6;
op *(N, N) -> N infixl 7;
op ^(N, N) -> N infixr 8;
op -(N, N) -> N infix 6;
op max(N, N) -> N;
axiom anchor: (>[x, y, z, a, b, c] (=[x, x]));
";

fn arith() -> Theory {
    mpl::load_str(Path::new("arith.mpl"), ARITH).unwrap_or_else(|d| panic!("{d}"))
}

/// Parses `input` as a goal and prints its (single) equation.
fn show(t: &mut Theory, input: &str) -> String {
    let f =
        mpl::parse_goal(&mut *t, &format!("{input} = {input}")).unwrap_or_else(|d| panic!("{d}"));
    let mut f = &f;
    while let Formula::Forall(_, body) = f {
        f = body;
    }
    let Formula::Eq(l, _) = f else {
        panic!("{f:?}")
    };
    print::term(t, l)
}

#[test]
fn minimal_parentheses() {
    let mut t = arith();
    let cases = [
        ("(x + y) + z", "x + y + z"),
        ("x + (y + z)", "x + (y + z)"),
        ("x * (y + z)", "x * (y + z)"),
        ("(x * y) + z", "x * y + z"),
        ("x + y * z", "x + y * z"),
        ("(x + y) * z", "(x + y) * z"),
        ("s((x + y))", "s(x + y)"),
        ("+(x, s(y))", "x + s(y)"),
        ("a ^ (b ^ c)", "a ^ b ^ c"),
        ("(a ^ b) ^ c", "(a ^ b) ^ c"),
        ("(a - b) - c", "(a - b) - c"),
        ("a - (b - c)", "a - (b - c)"),
        ("(a - b) + c", "(a - b) + c"),
        ("a + (b - c)", "a + (b - c)"),
        ("max(x + y, s(0))", "max(x + y, s(0))"),
        ("x * y ^ z", "x * y ^ z"),
        ("(x * y) ^ z", "(x * y) ^ z"),
        ("0", "0"),
    ];
    for (input, expected) in cases {
        assert_eq!(show(&mut t, input), expected, "printing {input}");
    }
}

#[test]
fn equations_and_formulas() {
    let mut t = mpl::load(Path::new("axioms/peano.mpl")).unwrap();
    let f = mpl::parse_goal(&mut t, "x + y = y + x").unwrap();
    assert_eq!(print::formula(&t, &f), "(>[x,y] (=[x + y, y + x]))");
    let Formula::Forall(_, body) = &f else {
        panic!()
    };
    let Formula::Eq(l, r) = &**body else { panic!() };
    assert_eq!(print::equation(&t, l, r), "x + y = y + x");
    let succ_inj = &t.axioms[1].formula;
    assert_eq!(
        print::formula(&t, succ_inj),
        "(>[a,b] (=[s(a), s(b)]) (=[a, b]))"
    );
    assert_eq!(
        print::formula(&t, &t.axioms[0].formula),
        "(>[a] !(=[s(a), 0]))"
    );
}

#[test]
fn goals_bare_equation_and_formula_agree() {
    let mut t = mpl::load(Path::new("axioms/peano.mpl")).unwrap();
    let a = mpl::parse_goal(&mut t, "x * (y + z) = x * y + x * z").unwrap();
    let b = mpl::parse_goal(&mut t, "(=[x * (y + z), x * y + x * z])").unwrap();
    assert_eq!(a, b);
    assert_eq!(a, t.conjectures[8].formula);
}

#[test]
fn goal_free_variables_in_order_and_outermost() {
    let mut t = mpl::load(Path::new("axioms/peano.mpl")).unwrap();
    let f = mpl::parse_goal(&mut t, "(>[b] (=[q + b, b + p]))").unwrap();
    let Formula::Forall(outer, inner) = &f else {
        panic!()
    };
    assert_eq!(
        outer.iter().map(|v| t.name(v.name)).collect::<Vec<_>>(),
        ["q", "p"]
    );
    assert!(matches!(&**inner, Formula::Forall(vs, _) if vs.len() == 1));
    // A closed goal is not wrapped.
    let g = mpl::parse_goal(&mut t, "s(0) + 0 = s(0)").unwrap();
    assert!(matches!(g, Formula::Eq(..)));
}

#[test]
fn shared_theory_goals_reuse_names() {
    let t = mpl::load(Path::new("axioms/peano.mpl")).unwrap();
    let before = t.names.clone();
    let f = mpl::parse_goal(&t, "x + y = y + x").unwrap();
    assert_eq!(t.names, before);
    assert_eq!(print::formula(&t, &f), "(>[x,y] (=[x + y, y + x]))");
    let d = mpl::parse_goal(&t, "n + 0 = n").unwrap_err();
    assert!(
        d.to_string()
            .contains("variable name `n` is new to the theory"),
        "{d}"
    );
}

#[test]
fn goal_errors_name_the_goal() {
    let mut t = mpl::load(Path::new("axioms/peano.mpl")).unwrap();
    let d = mpl::parse_goal(&mut t, "x + y").unwrap_err();
    assert_eq!(
        d.to_string(),
        "error: expected `=` between the two sides of the equation, found end of file\n \
         --> <goal>:1:6\n  |\n1 | x + y\n  |      ^ expected `=` between the two sides of the equation\n"
    );
    let d = mpl::parse_goal(&mut t, "f(x) = x").unwrap_err();
    let out = d.to_string();
    assert!(
        out.contains("unknown operator `f`") && out.contains("<goal>:1:1"),
        "{out}"
    );
    let d = mpl::parse_goal(&mut t, "(=[x, y, z])").unwrap_err();
    assert!(d.to_string().contains("<goal>:1:10"), "{d}");
    let d = mpl::parse_goal(&mut t, "x = y garbage").unwrap_err();
    assert!(d.to_string().contains("found `garbage`"), "{d}");
}

#[test]
fn canonical_printer_normalises_layout() {
    let text = "theory  t ; // c\n/* b */ sort S;op f ( S , S ) -> S infixl 3;\naxiom a:(>[x:S,y](=[ f(x,y) , +(x , y)]));";
    let ast = mpl::parse_file_ast(Path::new("t.mpl"), text).unwrap();
    assert_eq!(
        print::file(&ast),
        "theory t;\n\nsort S;\n\nop f(S, S) -> S infixl 3;\n\naxiom a: (>[x:S,y] (=[f(x, y), +(x, y)]));\n"
    );
}

/// Declared predicates are operators into `Prop` and atoms are equations with `⊤`; every
/// printer shows such an equation as the atom the user wrote, and reads it back.
#[test]
fn atoms_of_declared_predicates_print_back_as_atoms() {
    let text =
        "inductive N = 0 | s(N);\nop +(N, N) -> N infixl 6;\npred <=(N, N);\npred even(N);\n\
                axiom a: (>[x] (<=[x, x]));\n";
    let mut t = mpl::load_str(Path::new("p.mpl"), text).unwrap_or_else(|d| panic!("{d}"));
    for (goal, printed) in [
        ("(<=[x, x + y])", "(>[x:N,y:N] (<=[x, x + y]))"),
        ("(>[a] !(even[s(a)]))", "(>[a:N] !(even[s(a)]))"),
        (
            "(>[a,b] (&(<=[a, b]) (even[a])) (<=[s(a), s(b)]))",
            "(>[a:N,b:N] (&(<=[a, b]) (even[a])) (<=[s(a), s(b)]))",
        ),
    ] {
        let f = mpl::parse_goal(&mut t, goal).unwrap_or_else(|d| panic!("{d}"));
        assert_eq!(print::formula(&t, &f), printed);
        let back = mpl::parse_goal(&mut t, printed).unwrap_or_else(|d| panic!("{d}"));
        assert_eq!(back, f, "{printed}");
        let gl = print::formula_styled(&t, &f, print::Style::Gl);
        let back = mpl::parse_goal(&mut t, &gl).unwrap_or_else(|d| panic!("{gl}: {d}"));
        assert_eq!(back, f, "{gl}");
    }
    let f = mpl::parse_goal(&mut t, "(even[x + 0])").unwrap();
    let Formula::Forall(_, body) = &f else {
        panic!("{f:?}")
    };
    let Formula::Eq(l, r) = body.as_ref() else {
        panic!("{body:?}")
    };
    assert_eq!(print::term(&t, r), "⊤");
    assert_eq!(print::equation(&t, l, r), "even[x + 0]");
    assert_eq!(print::equation(&t, r, l), "even[x + 0]");
    assert_eq!(print::disequation(&t, l, r), "!even[x + 0]");
    assert_eq!(
        print::equation_styled(&t, l, r, print::Style::Gl),
        "(>[x:N,v1:N] (in3[x,0,v1,+]) (even[v1]))"
    );
    // Other equations are unchanged.
    let zero = mpl::parse_goal(&mut t, "x + 0 = x").unwrap();
    assert_eq!(print::formula(&t, &zero), "(>[x:N] (=[x + 0, x]))");
}

/// The canonical printer round-trips the wider logic: parametric inductives, sort
/// expressions (a left-nested function sort keeps its parentheses), binder annotations
/// and lambdas; and the resolved theory prints its statements in MPL that reads back.
#[test]
fn canonical_printer_round_trips_a_polymorphic_theory() {
    let text = std::fs::read_to_string("axioms/poly_lists.mpl").unwrap()
        + "op curry(('a -> 'b) -> 'c, N) -> 'a -> 'b -> 'c;\n\
           axiom typed: (>[l: List(N), f: (N -> N) -> N] (=[map(\\x. f(\\y. x), l), l]));\n";
    let ast = mpl::parse_file_ast(Path::new("t.mpl"), &text).unwrap();
    let printed = print::file(&ast);
    assert!(printed.contains("inductive List('a) = nil | cons('a, List('a));"));
    assert!(printed.contains("op curry(('a -> 'b) -> 'c, N) -> 'a -> 'b -> 'c;"));
    assert!(printed.contains("(>[l:List(N),f:(N -> N) -> N] (=[map(\\x. f(\\y. x), l), l]))"));
    let again = mpl::parse_file_ast(Path::new("t.mpl"), &printed).unwrap();
    assert_eq!(again.strip_spans(), ast.strip_spans());
    assert_eq!(print::file(&again), printed);
    // Resolved statements print with instances by their scheme's name and read back as
    // the same formula.
    let mut t = mpl::load(Path::new("axioms/poly_lists.mpl")).unwrap();
    let conj = t
        .conjectures
        .iter()
        .find(|c| c.name == "map_app")
        .unwrap()
        .clone();
    let shown = print::formula(&t, &conj.formula);
    assert_eq!(
        shown,
        "(>[f:'a -> 'b,k:List('a),l:List('a)] (=[map(f, app(k, l)), app(map(f, k), map(f, l))]))"
    );
    let read = mpl::parse_goal(&mut t, &shown).unwrap();
    assert_eq!(read, conj.formula);
}
