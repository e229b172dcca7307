//! GL's relational MPL: definitions with parameters, the relations `in`, `in2`, `in3`,
//! signatures stated by axioms, printing in GL form, and `axioms/gl/peano.mpl`, which
//! must be the same theory as `axioms/peano.mpl` and give the same essential theorems.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use ergo::mpl::{self, print, print::Style, Formula, Term, Theory, Var};

fn load(path: &str) -> Theory {
    mpl::load(Path::new(path)).unwrap_or_else(|d| panic!("{path} should load:\n{d}"))
}

fn load_str(text: &str) -> Theory {
    mpl::load_str(Path::new("gl_test.mpl"), text).unwrap_or_else(|d| panic!("{d}"))
}

fn load_err(text: &str) -> String {
    match mpl::load_str(Path::new("gl_test.mpl"), text) {
        Ok(_) => panic!("should be rejected:\n{text}"),
        Err(d) => d.to_string(),
    }
}

fn infix(t: &Theory, f: &Formula) -> String {
    print::formula(t, f)
}

fn axiom<'t>(t: &'t Theory, name: &str) -> &'t Formula {
    &t.axioms
        .iter()
        .find(|a| a.name == name)
        .unwrap_or_else(|| panic!("no axiom {name}"))
        .formula
}

/// A formula as an s-expression with its variables named by first occurrence (binders
/// included), so that formulas equal up to variable names print the same.
fn canonical(t: &Theory, f: &Formula) -> String {
    fn var(seen: &mut Vec<Var>, v: &Var) -> String {
        let k = seen.iter().position(|w| w == v).unwrap_or_else(|| {
            seen.push(*v);
            seen.len() - 1
        });
        format!("v{k}")
    }
    fn term(t: &Theory, seen: &mut Vec<Var>, x: &Term) -> String {
        match x {
            Term::Var(v) => var(seen, v),
            Term::App(op, args) => {
                let args: Vec<String> = args.iter().map(|a| term(t, seen, a)).collect();
                format!("({} {})", t.op(*op).name, args.join(" "))
            }
        }
    }
    fn go(t: &Theory, seen: &mut Vec<Var>, f: &Formula) -> String {
        match f {
            Formula::Eq(l, r) => format!("(= {} {})", term(t, seen, l), term(t, seen, r)),
            Formula::Atom(p, args) => {
                let args: Vec<String> = args.iter().map(|a| term(t, seen, a)).collect();
                format!("({} {})", t.pred(*p).name, args.join(" "))
            }
            Formula::Not(x) => format!("(not {})", go(t, seen, x)),
            Formula::And(xs) => {
                let xs: Vec<String> = xs.iter().map(|x| go(t, seen, x)).collect();
                format!("(and {})", xs.join(" "))
            }
            Formula::Implies(a, b) => format!("(=> {} {})", go(t, seen, a), go(t, seen, b)),
            Formula::Forall(vs, x) => {
                let vs: Vec<String> = vs
                    .iter()
                    .map(|v| format!("{}:{}", var(seen, v), t.sort(v.sort).name))
                    .collect();
                format!("(forall ({}) {})", vs.join(" "), go(t, seen, x))
            }
        }
    }
    go(t, &mut Vec::new(), f)
}

/// The equational axioms `∀ vars. l = r` of a theory, printed with `print::equation`
/// after renaming their variables to `x1`, `x2`, ... in binder order.
fn equations(t: &Theory) -> Vec<(String, String)> {
    let mut t = t.clone();
    let mut out = Vec::new();
    for a in t.axioms.clone() {
        let mut vars = Vec::new();
        let mut f = &a.formula;
        while let Formula::Forall(vs, body) = f {
            vars.extend(vs.iter().copied());
            f = body;
        }
        let Formula::Eq(l, r) = f else { continue };
        let map: Vec<(Var, Var)> = vars
            .iter()
            .enumerate()
            .map(|(k, v)| {
                let name = t.intern(&format!("x{}", k + 1));
                (*v, Var { name, sort: v.sort })
            })
            .collect();
        let eq = print::equation(&t, &l.rename(&map), &r.rename(&map));
        out.push((a.name.clone(), eq));
    }
    out
}

#[test]
fn gl_peano_loads_with_the_signature_of_peano() {
    let gl = load("axioms/gl/peano.mpl");
    let peano = load("axioms/peano.mpl");
    assert_eq!(gl.name, "peano_gl");
    let sig = |t: &Theory| -> Vec<String> {
        t.operators
            .iter()
            .map(|o| {
                let args: Vec<&str> = o.args.iter().map(|a| t.sort(*a).name.as_str()).collect();
                format!(
                    "{}({}) -> {} {:?} constructor={}",
                    o.name,
                    args.join(","),
                    t.sort(o.result).name,
                    o.fixity,
                    o.constructor
                )
            })
            .collect()
    };
    assert_eq!(sig(&gl), sig(&peano));
    let sorts = |t: &Theory| -> Vec<(String, Vec<String>)> {
        t.sorts
            .iter()
            .map(|s| {
                let cs = s
                    .constructors
                    .iter()
                    .map(|c| t.op(*c).name.clone())
                    .collect();
                (s.name.clone(), cs)
            })
            .collect()
    };
    assert_eq!(sorts(&gl), sorts(&peano));
    assert!(gl.predicates.is_empty() && gl.conjectures.is_empty());
    let defs: Vec<&str> = gl.definitions().iter().map(|d| d.name.as_str()).collect();
    assert_eq!(defs, ["fXY", "fXYZ"]);
    // The signature axioms declare; they are not axioms of the theory.
    let names: Vec<&str> = gl.axioms.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "succ_ne_zero",
            "succ_inj",
            "add_zero",
            "add_succ",
            "mul_zero",
            "mul_succ"
        ]
    );
}

#[test]
fn gl_peano_equations_are_peanos() {
    let gl = load("axioms/gl/peano.mpl");
    let peano = load("axioms/peano.mpl");
    let (g, p) = (equations(&gl), equations(&peano));
    assert_eq!(g.len(), 4, "{g:?}");
    assert_eq!(g, p);
    assert_eq!(
        g.iter().map(|(_, e)| e.as_str()).collect::<Vec<_>>(),
        [
            "x1 + 0 = x1",
            "x1 + s(x2) = s(x1 + x2)",
            "x1 * 0 = 0",
            "x1 * s(x2) = x1 * x2 + x1"
        ]
    );
}

#[test]
fn gl_peano_axioms_are_peanos_up_to_variable_names() {
    let gl = load("axioms/gl/peano.mpl");
    let peano = load("axioms/peano.mpl");
    for (a, b) in gl.axioms.iter().zip(&peano.axioms) {
        assert_eq!(a.name, b.name);
        assert_eq!(
            canonical(&gl, &a.formula),
            canonical(&peano, &b.formula),
            "{}",
            a.name
        );
    }
    // Here even the names agree.
    for (a, b) in gl.axioms.iter().zip(&peano.axioms) {
        assert_eq!(infix(&gl, &a.formula), infix(&peano, &b.formula));
    }
}

/// The statements of the essential theorems `ergo derive FILE --json` reports.
fn essential(file: &str) -> BTreeSet<String> {
    let out = tempfile::tempdir().unwrap();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let o = Command::new(env!("CARGO_BIN_EXE_ergo"))
        .args(["derive", file, "--out"])
        .arg(out.path())
        .arg("--json")
        .current_dir(&root)
        .output()
        .expect("run ergo");
    assert!(
        o.status.success(),
        "ergo derive {file} failed:\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("one JSON object");
    let theorems = v["theorems"].as_array().expect("theorems");
    theorems
        .iter()
        .filter(|t| t["essential"] == true)
        .map(|t| t["statement"].as_str().expect("statement").to_string())
        .collect()
}

#[test]
fn derive_finds_the_same_essential_theorems_from_both_files() {
    let gl = essential("axioms/gl/peano.mpl");
    let peano = essential("axioms/peano.mpl");
    assert!(gl.len() >= 5, "{gl:?}");
    assert_eq!(gl, peano);
    assert!(gl.contains("x + y = y + x") && gl.contains("x * y = y * x"));
}

#[test]
fn gl_style_prints_relational_chains() {
    let mut t = load("axioms/gl/peano.mpl");
    let cases = [
        ("x + y = y + x", "(>[x,y,v1] (in3[y,x,v1,+]) (in3[x,y,v1,+]))"),
        ("x + 0 = x", "(>[x] (in3[x,0,x,+]))"),
        ("0 = x * 0", "(>[x,v1] (in3[x,0,v1,*]) (=[0,v1]))"),
        ("0 + 0 = 0", "(in3[0,0,0,+])"),
        (
            "(x + y) + z = x + (y + z)",
            "(>[x,y,z,v1,v2] (&(in3[y,z,v1,+]) (in3[x,v1,v2,+])) (>[v3] (in3[x,y,v3,+]) (in3[v3,z,v2,+])))",
        ),
        (
            "s(x) * y = x * y + y",
            "(>[x,y,v1,v2] (&(in3[x,y,v1,*]) (in3[v1,y,v2,+])) (>[v3] (in2[x,v3,s]) (in3[v3,y,v2,*])))",
        ),
    ];
    for (goal, expected) in cases {
        let f = mpl::parse_goal(&mut t, goal).unwrap();
        let mut body = &f;
        while let Formula::Forall(_, b) = body {
            body = b;
        }
        let Formula::Eq(l, r) = body else { panic!() };
        assert_eq!(print::equation_styled(&t, l, r, Style::Gl), expected);
        assert_eq!(
            print::equation_styled(&t, l, r, Style::Infix),
            print::equation(&t, l, r)
        );
        assert_eq!(print::formula_styled(&t, &f, Style::Gl), expected);
    }
    let names: Vec<String> = t
        .axioms
        .iter()
        .map(|a| print::formula_styled(&t, &a.formula, Style::Gl))
        .collect();
    assert_eq!(
        names,
        [
            "(>[a] !(in2[a,0,s]))",
            "(>[a,b,v1] (&(in2[b,v1,s]) (in2[a,v1,s])) (=[a,b]))",
            "(>[a] (in3[a,0,a,+]))",
            "(>[a,b,v1,v2] (&(in3[a,b,v1,+]) (in2[v1,v2,s])) (>[v3] (in2[b,v3,s]) (in3[a,v3,v2,+])))",
            "(>[a] (in3[a,0,0,*]))",
            "(>[a,b,v1,v2] (&(in3[a,b,v1,*]) (in3[v1,a,v2,+])) (>[v3] (in2[b,v3,s]) (in3[a,v3,v2,*])))",
        ]
    );
}

/// Printing in GL form and reading the text back gives the formula printed.
fn round_trips(path: &str) {
    let mut t = load(path);
    let mut formulas: Vec<Formula> = t.axioms.iter().map(|a| a.formula.clone()).collect();
    formulas.extend(t.conjectures.iter().map(|c| c.formula.clone()));
    assert!(!formulas.is_empty());
    for f in formulas {
        let text = print::formula_styled(&t, &f, Style::Gl);
        let back = mpl::parse_goal(&mut t, &text).unwrap_or_else(|d| panic!("{text}:\n{d}"));
        assert_eq!(back, f, "{path}: {text}");
    }
}

#[test]
fn gl_style_reads_back_as_the_formula_printed() {
    round_trips("axioms/peano.mpl");
    round_trips("axioms/gl/peano.mpl");
    round_trips("axioms/gauss.mpl");
    round_trips("tests/cases/good/gl_signatures.mpl");
}

#[test]
fn gl_goals_read_as_equations() {
    let mut t = load("axioms/peano.mpl");
    let read = |t: &mut Theory, g: &str| {
        let f = mpl::parse_goal(&mut *t, g).unwrap_or_else(|d| panic!("{g}:\n{d}"));
        print::formula(t, &f)
    };
    assert_eq!(
        read(&mut t, "(>[x,y,z] (in3[x,y,z,+]) (in3[y,x,z,+]))"),
        "(>[x,y] (=[y + x, x + y]))"
    );
    // Free variables are quantified first, then eliminated like bound ones.
    assert_eq!(
        read(&mut t, "(>[] (in3[x,y,z,*]) (in3[y,x,z,*]))"),
        "(>[x,y] (=[y * x, x * y]))"
    );
    assert_eq!(
        read(&mut t, "(in2[x,s(s(x)),s])"),
        "(>[x] (=[s(x), s(s(x))]))"
    );
    // Memberships only constrain sorts.
    assert_eq!(
        read(&mut t, "(>[x] (in[x,N]) (in3[0,x,x,+]))"),
        "(>[x] (=[0 + x, x]))"
    );
    // A formula without relations keeps its premises (no one-point rule).
    assert_eq!(
        read(&mut t, "(>[] (=[x, 0]) (=[x + x, 0]))"),
        "(>[x] (=[x, 0]) (=[x + x, 0]))"
    );
    let d = mpl::parse_goal(&mut t, "(>[x] (in[x,N]))").unwrap_err();
    assert!(d.to_string().contains("always true"), "{d}");
}

#[test]
fn definitions_expand_capture_avoiding() {
    let mut t = load("tests/cases/good/gl_defs.mpl");
    let conj = |t: &Theory, name: &str| {
        let c = t.conjectures.iter().find(|c| c.name == name).unwrap();
        infix(t, &c.formula)
    };
    // The argument's free x stays free; the body's bound x is renamed.
    assert_eq!(
        conj(&t, "above_x"),
        "(>[x:N,x':N] (<=[x + s(0), x']) (<=[x + s(0), s(x')]))"
    );
    assert_eq!(conj(&t, "add_comm"), "(>[x:N,y:N] (=[x + y, y + x]))");
    // A conjunction of two definition uses: two axioms (see src/mpl/normal.rs).
    assert_eq!(
        infix(&t, axiom(&t, "add_monoid.1")),
        "(>[x:N,y:N,z:N] (=[x + y + z, x + (y + z)]))"
    );
    assert_eq!(
        infix(&t, axiom(&t, "add_monoid.2")),
        "(>[x:N] (=[x + 0, x]))"
    );
    assert_eq!(
        infix(&t, axiom(&t, "le_zero")),
        "(>[x:N] (<=[0, x]) (<=[0, s(x)]))"
    );
    assert_eq!(infix(&t, axiom(&t, "max_zero")), "(=[max(0, 0), 0])");
    // Definitions are available to goals.
    let f = mpl::parse_goal(&mut t, "(assoc[+,N])").unwrap();
    assert_eq!(
        infix(&t, &f),
        "(>[x:N,y:N,z:N] (=[x + y + z, x + (y + z)]))"
    );
    // An error in the body is reported once, with the use.
    let d = mpl::parse_goal(&mut t, "(assoc[max,N])").unwrap_err();
    assert_eq!(d.len(), 1, "{d}");
    assert!(d.to_string().contains("`max` is not declared infix"), "{d}");
    // A binder named like a bound variable of the use is renamed too.
    let f = mpl::parse_goal(&mut t, "(>[y:N] (<=[y, y]) (comm[max]))").unwrap();
    assert_eq!(
        infix(&t, &f),
        "(>[y:N,x:N,y':N] (<=[y, y]) (=[max(x, y'), max(y', x)]))"
    );
}

#[test]
fn signature_axioms_declare_operators_and_constants() {
    let t = load("tests/cases/good/gl_signatures.mpl");
    let show = |name: &str| {
        let o = t.op(t.op_by_name(name).unwrap());
        let args: Vec<&str> = o.args.iter().map(|a| t.sort(*a).name.as_str()).collect();
        format!(
            "{}({}) -> {}",
            o.name,
            args.join(", "),
            t.sort(o.result).name
        )
    };
    assert_eq!(show("len"), "len(L) -> Nat");
    assert_eq!(show("++"), "++(L, L) -> L");
    assert_eq!(show("e0"), "e0() -> E");
    assert!(!t.op(t.op_by_name("len").unwrap()).constructor);
    let names: Vec<&str> = t.axioms.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(
        names,
        ["app_nil", "app_cons", "len_nil", "len_cons", "cons_inj"]
    );
    assert_eq!(
        infix(&t, axiom(&t, "app_cons")),
        "(>[x:E,xs:L,ys:L] (=[cons(x, xs) ++ ys, cons(x, xs ++ ys)]))"
    );
    assert_eq!(
        infix(&t, axiom(&t, "cons_inj")),
        "(>[x:E,y:E,xs:L,ys:L] (=[cons(y, ys), cons(x, xs)]) (=[x, y]))"
    );
    let c = t
        .conjectures
        .iter()
        .find(|c| c.name == "app_assoc")
        .unwrap();
    assert_eq!(
        infix(&t, &c.formula),
        "(>[xs:L,ys:L,zs:L] (=[xs ++ ys ++ zs, (xs ++ ys) ++ zs]))"
    );
}

/// GL's definition of the natural numbers (as in GL's own definition files: N with zero
/// i0 and successor s, + and * total functions with their recursion equations, each
/// stated in both directions), written as one definition with parameters.
const NATURAL_NUMBERS: &str = "
inductive N = 0 | s(N);
def fXY[f,X,Y] := (&(>[x,y] (in2[x,y,f]) (&(in[x,X]) (in[y,Y])))
    (&(>[x] (in[x,X]) !(>[y] (in[y,Y]) !(in2[x,y,f])))
      (>[x] (in[x,X]) (>[y1,y2] (&(in2[x,y1,f]) (in2[x,y2,f])) (=[y1,y2])))));
def fXYZ[f,X,Y,Z] := (&(>[x,y,z] (in3[x,y,z,f]) (&(in[x,X]) (&(in[y,Y]) (in[z,Z]))))
    (&(>[x,y] (&(in[x,X]) (in[y,Y])) !(>[z] (in[z,Z]) !(in3[x,y,z,f])))
      (>[x,y] (&(in[x,X]) (in[y,Y])) (>[z1,z2] (&(in3[x,y,z1,f]) (in3[x,y,z2,f])) (=[z1,z2])))));
def NaturalNumbers[N,i0,s,+,*] := (&
  (&(in[i0,N]) (&(fXY[s,N,N])
     (&(>[n] (in[n,N]) !(in2[n,i0,s]))
       (>[m] (in[m,N]) (>[n1,n2] (&(in2[n1,m,s]) (in2[n2,m,s])) (=[n1,n2]))))))
  (&(&(fXYZ[+,N,N,N])
      (&(&(>[a] (in[a,N]) (>[b] (in3[a,i0,b,+]) (=[a,b])))
          (>[a,b] (&(=[a,b]) (&(in[a,N]) (in[b,N]))) (in3[a,i0,b,+])))
        (>[b] (in[b,N]) (>[a,c,d] (&(in2[b,c,s]) (in3[a,b,d,+]))
          (&(>[e] (in3[a,c,e,+]) (in2[d,e,s])) (>[e] (in2[d,e,s]) (in3[a,c,e,+])))))))
    (&(fXYZ[*,N,N,N])
      (&(>[a] (in[a,N]) (>[b] (in3[a,i0,b,*]) (=[b,i0])))
        (>[b] (in[b,N]) (>[a,c,d] (&(in2[b,c,s]) (in3[a,b,d,*]))
          (&(>[e] (in3[d,a,e,+]) (in3[a,c,e,*])) (>[e] (in3[a,c,e,*]) (in3[d,a,e,+])))))))));
axiom peano: (NaturalNumbers[N,0,s,+,*]);
infixl 6 +;
infixl 7 *;
";

#[test]
fn gls_natural_numbers_definition_reads_as_peano() {
    let t = load_str(NATURAL_NUMBERS);
    let ops: Vec<&str> = t.operators.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(ops, ["0", "s", "+", "*"]);
    // GL's one nested conjunction is split into clauses `peano.1`, ... (src/mpl/normal.rs).
    let names: Vec<&str> = t.axioms.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(
        names,
        (1..=9).map(|k| format!("peano.{k}")).collect::<Vec<_>>()
    );
    let parts: Vec<String> = t.axioms.iter().map(|a| infix(&t, &a.formula)).collect();
    assert_eq!(
        parts,
        [
            "(>[n] !(=[s(n), 0]))",
            "(>[n1,n2] (=[s(n2), s(n1)]) (=[n1, n2]))",
            "(>[a] (=[a, a + 0]))",
            "(>[a] (=[a + 0, a]))",
            "(>[b,a] (=[s(a + b), a + s(b)]))",
            "(>[b,a] (=[a + s(b), s(a + b)]))",
            "(>[a] (=[a * 0, 0]))",
            "(>[b,a] (=[a * s(b), a * b + a]))",
            "(>[b,a] (=[a * b + a, a * s(b)]))",
        ]
    );
}

#[test]
fn relational_errors() {
    let base = "inductive N = 0 | s(N);\nop +(N, N) -> N infixl 6;\n";
    let cases = [
        (
            "axiom a: (>[x] (in[x]));",
            "wrong number of arguments for relation `in`",
        ),
        (
            "axiom a: (>[x] (in[x,s(0)]));",
            "the set of `in[x, X]` must be a sort name",
        ),
        (
            "axiom a: (>[x] (in3[x,x,x,s(0)]));",
            "the last argument of `in3` must name a function",
        ),
        (
            "axiom a: (>[x] (in3[x,x,x,s]));",
            "`in3` needs a binary function, but `s` takes 1 argument",
        ),
        ("axiom a: (in2[0,0,+]);", "`in2` needs a unary function"),
        (
            "axiom a: (>[x] (in2[x,0,-]));",
            "`-` is not declared as a function",
        ),
        ("axiom a: (>[x] (p[x, +]));", "unknown predicate `p`"),
        ("axiom a: (>[x] (=[x, +]));", "expected a term, found `+`"),
        (
            "def d[x] := (=[x, x]);\ndef d[y] := (=[y, y]);",
            "duplicate definition `d`",
        ),
        (
            "pred d(N);\ndef d[y] := (=[y, y]);",
            "duplicate definition `d`",
        ),
        (
            "def d[x] := (=[x, x]);\naxiom a: (d[0, 0]);",
            "wrong number of arguments for definition `d`",
        ),
        (
            "def d[x] := (=[f(x), x]);",
            "unknown operator `f` in definition `d`",
        ),
        (
            "def d[x] := (q[x]);",
            "unknown predicate or definition `q` in definition `d`",
        ),
        (
            "axiom a: (d[0]);\ndef d[x] := (=[x, x]);",
            "`d` is declared later",
        ),
        ("infixl 6 s;", "only binary operators can be infix"),
        ("infixl 6 +;", "`+` already has a fixity"),
        ("axiom bad: !(in2[0,s(0),s]);", "always false"),
    ];
    for (text, expected) in cases {
        let out = load_err(&format!("{base}{text}\n"));
        assert!(
            out.contains(expected),
            "{text}\nexpected `{expected}` in:\n{out}"
        );
    }
}

#[test]
fn user_symbols_hide_the_builtin_relations() {
    // A declared predicate `in` is the user's, not GL's membership: its atom is read as
    // the user's predicate (an equation `in(x, s(x)) = ⊤`, see src/mpl/predicate.rs).
    let t = load_str("inductive N = 0 | s(N);\npred in(N, N);\naxiom a: (>[x] (in[x, s(x)]));\n");
    assert!(matches!(
        axiom(&t, "a"),
        Formula::Forall(_, b)
            if matches!(&**b, Formula::Eq(ergo::mpl::Term::App(p, _), _) if t.op(*p).name == "in")
    ));
}

#[test]
fn huge_expansions_are_an_error_not_a_hang() {
    let mut text = String::from("inductive N = 0 | s(N);\ndef d0[x] := (=[x, x]);\n");
    for k in 1..20 {
        text.push_str(&format!(
            "def d{k}[x] := (&(d{}[x]) (d{}[s(x)]));\n",
            k - 1,
            k - 1
        ));
    }
    text.push_str("axiom big: (d19[0]);\n");
    let out = load_err(&text);
    assert!(out.contains("definition uses to expand"), "{out}");
}
