//! The MPL front end of the wider logic (issue 12, docs/logic.md sections 1 and 2):
//! parametric inductive sorts, sort expressions, schemes and their instances, function
//! sorts, application, lambdas, the Bool prelude and monomorphisation.

use std::path::Path;

use ergo::mpl::{self, print, SortExpr, SortShape, Theory};

fn load(text: &str) -> Theory {
    match mpl::load_str(Path::new("t.mpl"), text) {
        Ok(t) => t,
        Err(d) => panic!("{d}"),
    }
}

const LISTS: &str = "
inductive N = 0 | s(N);
inductive List('a) = nil | cons('a, List('a));
op app(List('a), List('a)) -> List('a);
op map('a -> 'b, List('a)) -> List('b);
axiom app_nil: (>[l] (=[app(nil, l), l]));
axiom app_cons: (>[x,l,m] (=[app(cons(x, l), m), cons(x, app(l, m))]));
axiom map_nil: (>[f] (=[map(f, nil), nil]));
axiom map_cons: (>[f,x,l] (=[map(f, cons(x, l)), cons(f(x), map(f, l))]));
conjecture app_assoc: (=[app(app(l, m), n), app(l, app(m, n))]);
conjecture map_s: (=[map(s, cons(0, nil)), cons(s(0), nil)]);
";

#[test]
fn scratch() {
    let t = load(LISTS);
    for (i, s) in t.sorts.iter().enumerate() {
        eprintln!("sort {i} {} {:?} {:?}", s.name, s.shape, s.constructors);
    }
    for (i, o) in t.operators.iter().enumerate() {
        eprintln!("op {i} {} {:?} -> {:?} {:?}", o.name, o.args, o.result, o.instance);
    }
    for a in &t.axioms {
        eprintln!("axiom {} {} {:?}", a.name, print::formula(&t, &a.formula), a.instance);
    }
    for a in &t.conjectures {
        eprintln!("conj {} {}", a.name, print::formula(&t, &a.formula));
    }
    eprintln!("{:?}\n{:?}\n{:?}", t.families, t.op_schemes, t.axiom_schemes);
    let _ = (SortExpr::Name("N".into()), SortShape::Plain);
    panic!();
}
