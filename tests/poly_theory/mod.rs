//! A polymorphic theory built by hand (until the MPL front end reads `inductive List('a)`):
//! the tables the resolver is to produce for
//!
//! ```text
//! inductive N = 0 | s(N);
//! inductive Bool = true | false;
//! inductive List('a) = nil | cons('a, List('a));
//! op app(List('a), List('a)) -> List('a);
//! op map('a -> 'b, List('a)) -> List('b);
//! op ite(Bool, 'a, 'a) -> 'a;
//! axiom app_nil:  (>[l] (=[app(nil, l), l]));
//! axiom map_cons: (>[f,x,l] (=[map(f, cons(x, l)), cons(f(x), map(f, l))]));
//! axiom ite_true: (>[x,y] (=[ite(true, x, y), x]));
//! ```
//!
//! and two lifted lambdas, `\x. false` and `\x. y`: `lam.1() : 'a -> Bool` with
//! `lam.1.def: @(lam.1, x) = false`, `lam.2(y) : 'a -> 'a` with `lam.2.def: @(lam.2(y),
//! x) = y`.
//!
//! instantiated at `N` (`List(N)`, `N -> N`, `app[N]`, `map[N,N]`, `app_nil[N]`), with
//! `@` the application scheme.
#![allow(dead_code)]

use ergo::mpl::{
    Axiom, Formula, Instance, Name, OpId, Operator, Scheme, Signature, Sort, SortFamily, SortId,
    SortShape, SourceMap, Span, Term, Theory, Var,
};

fn sort(sig: &mut Signature, name: &str, shape: SortShape) -> SortId {
    sig.sorts.push(Sort {
        name: name.to_string(),
        constructors: Vec::new(),
        span: Span::default(),
        shape,
    });
    SortId(sig.sorts.len() as u32 - 1)
}

fn op(
    sig: &mut Signature,
    name: &str,
    args: &[SortId],
    result: SortId,
    scheme: &str,
    sorts: &[SortId],
    constructor: bool,
) -> OpId {
    sig.operators.push(Operator {
        name: name.to_string(),
        args: args.to_vec(),
        result,
        fixity: None,
        constructor,
        span: Span::default(),
        instance: Some(Instance {
            scheme: scheme.to_string(),
            args: sorts.to_vec(),
        }),
    });
    let id = OpId(sig.operators.len() as u32 - 1);
    if constructor {
        sig.sorts[result.0 as usize].constructors.push(id);
    }
    id
}

fn app(f: OpId, args: Vec<Term>) -> Term {
    Term::App(f, args)
}

fn axiom(
    sig: &mut Signature,
    name: &str,
    vars: Vec<Var>,
    l: Term,
    r: Term,
    inst: Option<Instance>,
) {
    sig.axioms.push(Axiom {
        name: name.to_string(),
        formula: Formula::Forall(vars, Box::new(Formula::Eq(l, r))),
        span: Span::default(),
        instance: inst,
    });
}

/// The theory of the module doc.
pub fn theory() -> Theory {
    from_signature(signature())
}

/// A theory of a hand-edited signature.
pub fn from_signature(sig: Signature) -> Theory {
    Theory::new(sig, SourceMap::default())
}

/// The signature of the module doc.
pub fn signature() -> Signature {
    let base = ergo::mpl::load_str(
        std::path::Path::new("poly.mpl"),
        "inductive N = 0 | s(N);\ninductive Bool = true | false;",
    )
    .unwrap();
    let mut sig: Signature = (**base.signature()).clone();
    let th = &mut sig;
    th.name = "poly".to_string();
    let n = th.sort_by_name("N").unwrap();
    let bool_ = th.sort_by_name("Bool").unwrap();
    let t = th.op_by_name("true").unwrap();
    let a = sort(th, "'a", SortShape::Param);
    let b = sort(th, "'b", SortShape::Param);
    let list = |args: Vec<SortId>| SortShape::Instance {
        family: "List".to_string(),
        args,
    };
    let la = sort(th, "List('a)", list(vec![a]));
    let lb = sort(th, "List('b)", list(vec![b]));
    let ln = sort(th, "List(N)", list(vec![n]));
    let fab = sort(th, "'a -> 'b", SortShape::Function { from: a, to: b });
    let fnn = sort(th, "N -> N", SortShape::Function { from: n, to: n });
    let nil_a = op(th, "nil['a]", &[], la, "nil", &[a], true);
    let cons_a = op(th, "cons['a]", &[a, la], la, "cons", &[a], true);
    let _nil_b = op(th, "nil['b]", &[], lb, "nil", &[b], true);
    let cons_b = op(th, "cons['b]", &[b, lb], lb, "cons", &[b], true);
    let nil_n = op(th, "nil[N]", &[], ln, "nil", &[n], true);
    let _cons_n = op(th, "cons[N]", &[n, ln], ln, "cons", &[n], true);
    let app_a = op(th, "app['a]", &[la, la], la, "app", &[a], false);
    let app_n = op(th, "app[N]", &[ln, ln], ln, "app", &[n], false);
    let map_ab = op(th, "map['a,'b]", &[fab, la], lb, "map", &[a, b], false);
    let _map_nn = op(th, "map[N,N]", &[fnn, ln], ln, "map", &[n, n], false);
    let ap_ab = op(th, "@['a,'b]", &[fab, a], b, "@", &[a, b], false);
    let _ap_nn = op(th, "@[N,N]", &[fnn, n], n, "@", &[n, n], false);
    let ite_a = op(th, "ite['a]", &[bool_, a, a], a, "ite", &[a], false);
    let fabool = sort(th, "'a -> Bool", SortShape::Function { from: a, to: bool_ });
    let faa = sort(th, "'a -> 'a", SortShape::Function { from: a, to: a });
    let lam1 = op(th, "lam.1['a]", &[], fabool, "lam.1", &[a], false);
    let lam2 = op(th, "lam.2['a]", &[a], faa, "lam.2", &[a], false);
    let ap_abool = op(
        th,
        "@['a,Bool]",
        &[fabool, a],
        bool_,
        "@",
        &[a, bool_],
        false,
    );
    let ap_aa = op(th, "@['a,'a]", &[faa, a], a, "@", &[a, a], false);
    let f_ = th.op_by_name("false").unwrap();
    th.families.push(SortFamily {
        name: "List".to_string(),
        params: vec![a],
        generic: la,
        span: Span::default(),
    });
    for (name, params) in [
        ("nil", vec![a]),
        ("cons", vec![a]),
        ("app", vec![a]),
        ("map", vec![a, b]),
        ("@", vec![a, b]),
        ("ite", vec![a]),
        ("lam.1", vec![a]),
        ("lam.2", vec![a]),
    ] {
        th.op_schemes.push(Scheme {
            name: name.to_string(),
            params,
        });
    }
    for (name, params) in [
        ("app_nil", vec![a]),
        ("map_cons", vec![a, b]),
        ("ite_true", vec![a]),
        ("lam.1.def", vec![a]),
        ("lam.2.def", vec![a]),
    ] {
        th.axiom_schemes.push(Scheme {
            name: name.to_string(),
            params,
        });
    }
    let mut names: Vec<String> = th.names.to_vec();
    let mut intern = |s: &str| {
        names.push(s.to_string());
        Name(names.len() as u32 - 1)
    };
    let (l, f, x, y) = (intern("l"), intern("f"), intern("x"), intern("y"));
    th.names = names.into();
    let v = |name, sort| Var { name, sort };
    let lv = v(l, la);
    axiom(
        th,
        "app_nil",
        vec![lv],
        app(app_a, vec![app(nil_a, vec![]), Term::Var(lv)]),
        Term::Var(lv),
        None,
    );
    let ln_v = v(l, ln);
    axiom(
        th,
        "app_nil[N]",
        vec![ln_v],
        app(app_n, vec![app(nil_n, vec![]), Term::Var(ln_v)]),
        Term::Var(ln_v),
        Some(Instance {
            scheme: "app_nil".to_string(),
            args: vec![n],
        }),
    );
    let (fv, xv) = (v(f, fab), v(x, a));
    axiom(
        th,
        "map_cons",
        vec![fv, xv, lv],
        app(
            map_ab,
            vec![
                Term::Var(fv),
                app(cons_a, vec![Term::Var(xv), Term::Var(lv)]),
            ],
        ),
        app(
            cons_b,
            vec![
                app(ap_ab, vec![Term::Var(fv), Term::Var(xv)]),
                app(map_ab, vec![Term::Var(fv), Term::Var(lv)]),
            ],
        ),
        None,
    );
    let yv = v(y, a);
    axiom(
        th,
        "ite_true",
        vec![xv, yv],
        app(ite_a, vec![app(t, vec![]), Term::Var(xv), Term::Var(yv)]),
        Term::Var(xv),
        None,
    );
    axiom(
        th,
        "lam.1.def",
        vec![xv],
        app(ap_abool, vec![app(lam1, vec![]), Term::Var(xv)]),
        app(f_, vec![]),
        None,
    );
    axiom(
        th,
        "lam.2.def",
        vec![yv, xv],
        app(ap_aa, vec![app(lam2, vec![Term::Var(yv)]), Term::Var(xv)]),
        Term::Var(yv),
        None,
    );
    sig
}
