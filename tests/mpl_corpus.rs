//! The good corpus: every file of `axioms/` and `tests/cases/good/` parses, prints back
//! to itself (`parse(print(x)) == x` up to spans, printing idempotent), and the top-level
//! ones load; plus semantic checks of what loading produces.

use std::path::{Path, PathBuf};

use ergo::mpl::{self, print, Assoc, Formula, Term, Theory};

/// `.mpl` files under `dir`, recursively, sorted.
fn mpl_files(dir: &Path, recursive: bool) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
        .map(|e| e.expect("dir entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() && recursive {
            out.extend(mpl_files(&p, true));
        } else if p.extension().is_some_and(|e| e == "mpl") {
            out.push(p);
        }
    }
    out
}

fn corpus() -> Vec<PathBuf> {
    let mut files = mpl_files(Path::new("axioms"), true);
    files.extend(mpl_files(Path::new("tests/cases/good"), true));
    files
}

fn load(path: &str) -> Theory {
    mpl::load(Path::new(path)).unwrap_or_else(|d| panic!("{path} should load:\n{d}"))
}

#[test]
fn corpus_is_large_enough() {
    let top = mpl_files(Path::new("tests/cases/good"), false);
    assert!(top.len() >= 8, "only {} good cases", top.len());
    assert!(mpl_files(Path::new("axioms"), true)
        .iter()
        .any(|p| p.ends_with("peano.mpl")));
}

#[test]
fn round_trip_every_file() {
    for path in corpus() {
        let text = std::fs::read_to_string(&path).unwrap();
        let ast = mpl::parse_file_ast(&path, &text).unwrap_or_else(|d| panic!("{d}"));
        let printed = print::file(&ast);
        let again = mpl::parse_file_ast(&path, &printed).unwrap_or_else(|d| {
            panic!("printed {} does not parse:\n{d}\n{printed}", path.display())
        });
        assert_eq!(
            ast.strip_spans(),
            again.strip_spans(),
            "round trip changed {}:\n{printed}",
            path.display()
        );
        assert_eq!(
            print::file(&again),
            printed,
            "printing {} is not idempotent",
            path.display()
        );
    }
}

#[test]
fn top_level_files_load() {
    let mut files = mpl_files(Path::new("axioms"), false);
    files.extend(mpl_files(Path::new("tests/cases/good"), false));
    for path in files {
        if let Err(d) = mpl::load(&path) {
            panic!("{} should load:\n{d}", path.display());
        }
    }
}

#[test]
fn printed_formulas_read_back_as_goals() {
    let mut files = mpl_files(Path::new("axioms"), false);
    files.extend(mpl_files(Path::new("tests/cases/good"), false));
    for path in files {
        let mut theory = mpl::load(&path).unwrap();
        let formulas: Vec<Formula> = theory
            .axioms
            .iter()
            .map(|a| a.formula.clone())
            .chain(theory.conjectures.iter().map(|c| c.formula.clone()))
            .collect();
        for f in formulas {
            let text = print::formula(&theory, &f);
            // A lifted lambda (`lam.0`, docs/logic.md section 1) prints for display only:
            // its internal name is no MPL name, and a goal may not add lambdas.
            if text.contains("lam.") {
                continue;
            }
            let back =
                mpl::parse_goal(&mut theory, &text).unwrap_or_else(|d| panic!("{text}:\n{d}"));
            if theory.op_schemes.is_empty() {
                assert_eq!(back, f, "{} -> {text}", path.display());
            } else {
                // A polymorphic formula reads back up to the naming of its sort
                // variables' instances: it prints the same.
                assert_eq!(print::formula(&theory, &back), text, "{}", path.display());
            }
        }
    }
}

fn op(t: &Theory, name: &str) -> ergo::mpl::OpId {
    t.op_by_name(name).unwrap()
}

#[test]
fn peano_shape() {
    let t = load("axioms/peano.mpl");
    assert_eq!(t.name, "peano");
    assert_eq!(t.sorts.len(), 1);
    let n = &t.sorts[0];
    assert_eq!(n.name, "N");
    assert!(n.is_inductive());
    let names: Vec<&str> = t.operators.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(names, ["0", "s", "+", "*"]);
    assert_eq!(n.constructors, vec![op(&t, "0"), op(&t, "s")]);
    assert!(t.op(op(&t, "s")).constructor && !t.op(op(&t, "+")).constructor);
    let plus = t.op(op(&t, "+")).fixity.unwrap();
    assert_eq!((plus.assoc, plus.prec), (Assoc::Left, 6));
    let axioms: Vec<&str> = t.axioms.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(
        axioms,
        [
            "succ_ne_zero",
            "succ_inj",
            "add_zero",
            "add_succ",
            "mul_zero",
            "mul_succ"
        ]
    );
    let conjectures: Vec<&str> = t.conjectures.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        conjectures,
        [
            "add_zero_l",
            "add_succ_l",
            "add_comm",
            "add_assoc",
            "mul_zero_l",
            "mul_one_l",
            "mul_one_r",
            "mul_succ_l",
            "distrib_l",
            "distrib_r",
            "mul_comm",
            "mul_assoc"
        ]
    );
    assert_eq!(t.files().len(), 1);
    assert_eq!(t.files()[0].path, PathBuf::from("axioms/peano.mpl"));
}

#[test]
fn peano_add_zero_l_is_quantified() {
    let t = load("axioms/peano.mpl");
    let c = &t.conjectures[0];
    let Formula::Forall(vars, body) = &c.formula else {
        panic!("not a Forall: {:?}", c.formula)
    };
    assert_eq!(vars.len(), 1);
    assert_eq!(t.name(vars[0].name), "x");
    assert_eq!(vars[0].sort, t.sort_by_name("N").unwrap());
    let x = Term::Var(vars[0]);
    let zero = Term::App(op(&t, "0"), vec![]);
    let expected = Formula::Eq(Term::App(op(&t, "+"), vec![zero, x.clone()]), x);
    assert_eq!(**body, expected);
}

#[test]
fn peano_axiom_structure() {
    let t = load("axioms/peano.mpl");
    // succ_inj: (>[a,b] (=[s(a), s(b)]) (=[a, b])) is Forall([a, b], Implies(Eq, Eq)).
    let Formula::Forall(vars, body) = &t.axioms[1].formula else {
        panic!()
    };
    assert_eq!(
        vars.iter().map(|v| t.name(v.name)).collect::<Vec<_>>(),
        ["a", "b"]
    );
    assert!(matches!(**body, Formula::Implies(..)));
    // succ_ne_zero: a negation under the quantifier.
    let Formula::Forall(_, body) = &t.axioms[0].formula else {
        panic!()
    };
    assert!(matches!(**body, Formula::Not(_)));
    // add_assoc: free variables in order of first occurrence.
    let Formula::Forall(vars, _) = &t.conjectures[3].formula else {
        panic!()
    };
    assert_eq!(
        vars.iter().map(|v| t.name(v.name)).collect::<Vec<_>>(),
        ["x", "y", "z"]
    );
    assert_eq!(
        print::formula(&t, &t.conjectures[3].formula),
        "(>[x,y,z] (=[x + y + z, x + (y + z)]))"
    );
}

#[test]
fn diamond_imports_base_once_and_first() {
    let t = load("tests/cases/good/diamond.mpl");
    assert_eq!(t.name, "diamond");
    let paths: Vec<String> = t
        .files()
        .iter()
        .map(|f| f.path.display().to_string())
        .collect();
    assert_eq!(
        paths,
        [
            "tests/cases/good/diamond.mpl",
            "tests/cases/good/lib/left.mpl",
            "tests/cases/good/lib/base.mpl",
            "tests/cases/good/lib/right.mpl",
        ]
    );
    // The predicate `<=` (of lib/right.mpl) is an operator into the implicit sort
    // `Prop`, after its constant `⊤`.
    let ops: Vec<&str> = t.operators.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(ops, ["0", "s", "+", "*", "⊤", "<="]);
    let axioms: Vec<&str> = t.axioms.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(
        axioms,
        ["add_zero", "add_succ", "mul_zero", "mul_succ", "le_zero", "le_succ"]
    );
    assert!(t.predicates.is_empty());
    let sorts: Vec<&str> = t.sorts.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(sorts, ["N", "Prop"]);
    // Spans point into the file that declared the item.
    let base = t.axioms[0].span;
    assert_eq!(
        t.files()[base.file as usize].path,
        PathBuf::from("tests/cases/good/lib/base.mpl")
    );
    let text = &t.files()[base.file as usize].text;
    assert_eq!(&text[base.start..base.end], "add_zero");
}

#[test]
fn lists_sorts_are_inferred() {
    let t = load("tests/cases/good/lists.mpl");
    let sorts: Vec<&str> = t.sorts.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(sorts, ["Nat", "E", "L"]);
    assert!(!t.sorts[1].is_inductive());
    let (e, l) = (t.sort_by_name("E").unwrap(), t.sort_by_name("L").unwrap());
    let app_cons = t.axioms.iter().find(|a| a.name == "app_cons").unwrap();
    let Formula::Forall(vars, _) = &app_cons.formula else {
        panic!()
    };
    let sorts: Vec<_> = vars.iter().map(|v| v.sort).collect();
    assert_eq!(sorts, [e, l, l]);
    let inj = t.conjectures.iter().find(|c| c.name == "cons_inj").unwrap();
    let Formula::Forall(vars, _) = &inj.formula else {
        panic!()
    };
    assert!(vars.iter().all(|v| v.sort == e));
    // `++` is infixr: the right-nested chain prints without parentheses.
    let assoc = t
        .conjectures
        .iter()
        .find(|c| c.name == "app_assoc")
        .unwrap();
    assert_eq!(
        print::formula(&t, &assoc.formula),
        "(>[xs:L,ys:L,zs:L] (=[(xs ++ ys) ++ zs, xs ++ ys ++ zs]))"
    );
}

#[test]
fn fixity_groups_chains() {
    let t = load("tests/cases/good/fixity.mpl");
    let get = |name: &str| {
        t.axioms
            .iter()
            .find(|a| a.name == name)
            .unwrap()
            .formula
            .clone()
    };
    // a + b * c - a is -(+(a, *(b, c)), a): both sides of `mixed` are equal terms.
    let Formula::Forall(_, body) = get("mixed") else {
        panic!()
    };
    let Formula::Eq(l, r) = *body else { panic!() };
    assert_eq!(l, r);
    assert_eq!(print::term(&t, &l), "a + b * c - a");
    let Formula::Forall(_, body) = get("tower") else {
        panic!()
    };
    let Formula::Eq(l, r) = *body else { panic!() };
    assert_eq!(l, r);
    assert_eq!(print::term(&t, &l), "a ^ b ^ c");
    let Formula::Forall(_, body) = get("grouped") else {
        panic!()
    };
    let Formula::Eq(l, r) = *body else { panic!() };
    assert_eq!(print::equation(&t, &l, &r), "(a + b) * c = a * c + b * c");
    let left = t.conjectures.iter().find(|c| c.name == "left").unwrap();
    let Formula::Forall(_, body) = &left.formula else {
        panic!()
    };
    let Formula::Eq(l, r) = &**body else { panic!() };
    assert_eq!(l, r);
}

#[test]
fn constants_and_default_name() {
    let t = load("tests/cases/good/constants.mpl");
    assert_eq!(t.name, "constants");
    let f_c = &t.axioms[0].formula;
    let c = Term::App(op(&t, "c"), vec![]);
    let d = Term::App(op(&t, "d"), vec![]);
    assert_eq!(
        *f_c,
        Formula::Eq(Term::App(op(&t, "f"), vec![c.clone(), d]), c)
    );
}

#[test]
fn nested_free_variables_are_outermost() {
    let t = load("tests/cases/good/nested.mpl");
    let mixed = &t.conjectures[0].formula;
    let Formula::Forall(outer, inner) = mixed else {
        panic!()
    };
    assert_eq!(
        outer.iter().map(|v| t.name(v.name)).collect::<Vec<_>>(),
        ["x"]
    );
    let Formula::Forall(bound, _) = &**inner else {
        panic!()
    };
    assert_eq!(
        bound.iter().map(|v| t.name(v.name)).collect::<Vec<_>>(),
        ["b"]
    );
    // (>[] A B) is a plain implication, (>[] B) is B itself.
    assert!(matches!(t.axioms[1].formula, Formula::Implies(..)));
    assert!(matches!(t.axioms[2].formula, Formula::Eq(..)));
}

#[test]
fn predicates_resolve() {
    let t = load("tests/cases/good/predicates.mpl");
    // Predicates are operators into the implicit sort `Prop`, in declaration order
    // after `⊤`; an atom `(even[0])` is the equation `even(0) = ⊤`.
    assert!(t.predicates.is_empty());
    let names: Vec<&str> = t.operators.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(
        names,
        ["0", "s", "+", "⊤", "even", "odd", "<", "zero_is_zero"]
    );
    let prop = t.sort_by_name("Prop").unwrap();
    assert!(!t.sort(prop).is_inductive());
    assert!(t.operators[3..].iter().all(|o| o.result == prop));
    let (top, even) = (t.op_by_name("⊤").unwrap(), t.op_by_name("even").unwrap());
    assert!(matches!(
        &t.axioms[0].formula,
        Formula::Eq(Term::App(p, args), Term::App(c, no_args))
            if *p == even && args.len() == 1 && *c == top && no_args.is_empty()
    ));
    assert_eq!(print::formula(&t, &t.axioms[0].formula), "(even[0])");
    assert_eq!(
        print::formula(&t, &t.axioms[6].formula),
        "(>[a:N] !(<[a, a]))"
    );
    let three = &t.conjectures[2].formula;
    assert!(matches!(three, Formula::And(xs) if xs.len() == 3));
}

#[test]
fn empty_files_are_empty_theories() {
    for p in [
        "tests/cases/good/empty.mpl",
        "tests/cases/good/only_comments.mpl",
    ] {
        let t = load(p);
        assert!(t.sorts.is_empty() && t.operators.is_empty() && t.axioms.is_empty());
    }
}

#[test]
fn load_str_reads_imports_relative_to_path() {
    let text = "import \"lib/base.mpl\";\nconjecture c: (=[x + 0, x]);\n";
    let t = mpl::load_str(Path::new("tests/cases/good/virtual.mpl"), text)
        .unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(t.name, "virtual");
    assert_eq!(t.axioms.len(), 2);
    assert_eq!(
        t.files()[1].path,
        PathBuf::from("tests/cases/good/lib/base.mpl")
    );
}
