//! The two resource-exhaustion certificates of issue 18, generated in code (not committed):
//! both consist of true theorems over a theory with a binary `+` and a constant `0`.
#![allow(dead_code)]

use ergo_kernel::format::{Certificate, Dir, Proof, Step, StepKind, Theorem};
use std::collections::BTreeMap;

/// A complete binary tree of `(+ _ _)` with `leaves` leaves (a power of two), each `leaf`:
/// `2 * leaves - 1` nodes.
pub fn tree(leaves: usize, leaf: &str) -> String {
    if leaves <= 1 {
        return leaf.to_string();
    }
    let half = tree(leaves / 2, leaf);
    format!("(+ {half} {half})")
}

fn theorem(name: &str, statement: String, proof: Proof) -> Theorem {
    Theorem {
        params: Vec::new(),
        name: name.to_string(),
        statement,
        proof,
        essential: None,
    }
}

fn empty_chain() -> Proof {
    Proof::Chain { steps: Vec::new() }
}

/// `name: forall y. y = y`, proved by one step rewriting `y` to `y` with the theorem `big`
/// at the root, under `subst`, with `premises`.
fn cite_big(name: &str, subst: (&str, String), premises: Vec<Proof>) -> Theorem {
    let step = Step {
        sorts: Default::default(),
        kind: StepKind::Theorem,
        rule: "big".into(),
        dir: Dir::Lr,
        pos: vec![],
        subst: BTreeMap::from([(subst.0.to_string(), subst.1)]),
        term: "y".into(),
        premises,
    };
    theorem(
        name,
        "(forall ((y N)) (= y y))".to_string(),
        Proof::Chain { steps: vec![step] },
    )
}

/// (a) `big: forall x. T = T` where `T` repeats `x` 2^14 times (true: an empty chain),
/// then `use: forall y. y = y` citing `big` with `x := S`, a 2^15-node ground term: the
/// instance would have about 2^29 nodes.
pub fn repeated_variable(base: &Certificate) -> Certificate {
    let t = tree(1 << 14, "x");
    let mut cert = base.clone();
    cert.theorems = vec![
        theorem(
            "big",
            format!("(forall ((x N)) (= {t} {t}))"),
            empty_chain(),
        ),
        cite_big("use", ("x", tree(1 << 14, "0")), vec![]),
    ];
    cert
}

/// (b) `big: forall x. B = B -> x = x` with `B` a ground 2^18-node term (less one), then
/// `citations` theorems `u<i>: forall y. y = y`, each rewriting `y` to `y` with `big`, whose
/// premise `B = B` is proved by an empty chain. All true.
pub fn large_premise(base: &Certificate, citations: usize) -> Certificate {
    let b = tree(1 << 17, "0");
    let mut cert = base.clone();
    cert.theorems = vec![theorem(
        "big",
        format!("(forall ((x N)) (=> (= {b} {b}) (= x x)))"),
        empty_chain(),
    )];
    for i in 0..citations {
        cert.theorems.push(cite_big(
            &format!("u{i}"),
            ("x", "y".to_string()),
            vec![empty_chain()],
        ));
    }
    cert
}
