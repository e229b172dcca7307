//! Case splits on terms in the proof model: the hand-written certificate
//! `src/kernel/tests/fixtures/split.proof.json` (theory `tests/fixtures/split.mpl`) reads
//! back into the proof tree as `Block::Split` (the term, the hypothesis, per case the
//! fresh variables, the same goal and the one hypothesis `hyp: term = c(fresh..)`), its
//! bytes are what the writer writes, and the writer's instance rewriting writes a split's
//! term in version-3 form.

mod common;
use common::root;

use ergo::mpl::print;
use ergo::proof::instances::Instances;
use ergo::proof::load::verify_file;
use ergo::proof::tree::{self, Block, Origin};
use ergo_kernel::format::Proof;

const SPLIT: &str = "src/kernel/tests/fixtures/split.proof.json";

#[test]
fn a_split_reads_back_as_a_split_block_with_one_hypothesis_per_case() {
    let loaded = verify_file(&root().join(SPLIT)).expect("the fixture verifies");
    let replayed = tree::replay(&loaded.theory, &loaded.verified).expect("it replays");
    let th = &replayed.theory;
    let names: Vec<&str> = replayed
        .theorems
        .iter()
        .map(|t| t.theorem.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "count_cons_split",
            "ite_isnil_app",
            "count_app",
            "count_cons_false"
        ]
    );

    let Block::Split(split) = &replayed.theorems[0].proof else {
        panic!("a split")
    };
    assert_eq!(print::term(th, &split.term), "eqn(n, x)");
    assert_eq!(split.hyp, "c1");
    assert_eq!(replayed.theorems[0].proof.depth(), 1);
    let goal = split.goal.eq().expect("an equation");
    for (case, value) in split.cases.iter().zip(["true", "false"]) {
        assert!(case.fresh.is_empty() && case.base && case.ihs.is_empty());
        assert_eq!(print::term(th, &case.instance), value);
        // The goal is the block's, unchanged.
        assert_eq!(case.goal.eq(), Some(goal));
        // Exactly one hypothesis introduced: `c1: eqn(n, x) = value`.
        assert_eq!(case.hyps.len(), 1);
        let h = &case.hyps[0];
        assert_eq!((h.name.as_str(), h.origin), ("c1", Origin::Split));
        assert_eq!(h.scope, case.path);
        let (l, r) = h.clause.goal.eq().unwrap();
        assert_eq!(
            (print::term(th, l), print::term(th, r)),
            ("eqn(n, x)".into(), value.into())
        );
        // The steps citing `c1` resolve to this case's hypothesis.
        let Block::Chain(chain) = &case.body else {
            panic!("a chain")
        };
        let cited = chain.rows.iter().filter_map(|r| r.rule.hyp.as_ref());
        assert!(cited.clone().count() == 2 && cited.clone().all(|c| c.scope == case.path));
    }
    assert_eq!(split.cases[0].path, "c0-");
    assert_eq!(split.cases[1].path, "c1-");

    // On a list instance term: the fresh variables get the instance's argument sorts.
    let Block::Split(split) = &replayed.theorems[1].proof else {
        panic!("a split")
    };
    assert_eq!(print::term(th, &split.term), "app(k, l)");
    let cons = &split.cases[1];
    assert_eq!(print::term(th, &cons.instance), "cons(y, ys)");
    assert!(!cons.base, "ys has the term's sort");
    let sorts: Vec<&str> = cons
        .fresh
        .iter()
        .map(|f| th.sort(f.sort).name.as_str())
        .collect();
    assert_eq!(sorts, ["'a", "List('a)"]);

    // In an induction's step case: the split sees the induction hypothesis and adds c1.
    let Block::Induction(ind) = &replayed.theorems[2].proof else {
        panic!("an induction")
    };
    assert_eq!(replayed.theorems[2].proof.depth(), 2);
    let Block::Split(inner) = &ind.cases[1].body else {
        panic!("a split in the step case")
    };
    assert_eq!(inner.cases[0].path, "c1-c0-");
    assert_eq!(inner.goal, ind.cases[1].goal);

    // With a premise: h1 stays in scope next to c1 (a contradiction cites both).
    let t = &replayed.theorems[3];
    let Block::Split(split) = &t.proof else {
        panic!("a split")
    };
    let Block::Contradiction(c) = &split.cases[0].body else {
        panic!("a contradiction")
    };
    let Block::Chain(chain) = &c.premises[0].body else {
        panic!("a chain")
    };
    let cited: Vec<(&str, Origin)> = chain
        .rows
        .iter()
        .map(|r| {
            let h = r.rule.hyp.as_ref().unwrap();
            (h.name.as_str(), h.origin)
        })
        .collect();
    assert_eq!(cited, [("c1", Origin::Split), ("h1", Origin::Premise)]);
}

#[test]
fn a_split_certificate_writes_back_to_the_same_bytes() {
    // As read, and as the kernel-verified proof tree holds it.
    common::assert_writes_back_to_the_same_bytes(SPLIT);
}

#[test]
fn the_writer_writes_a_split_term_with_explicit_instances() {
    let loaded = verify_file(&root().join(SPLIT)).unwrap();
    let instances = Instances::new(&loaded.theory, std::iter::empty());
    // The engine's proofs name instances internally (`app[N]`, `cons[N]`).
    let engine: Proof = serde_json::from_str(
        r#"{"method": "split", "term": "(isnil[N] (app[N] k l))", "hyp": "c1",
            "cases": [{"constructor": "true", "fresh": [], "proof": {"method": "chain", "steps": []}},
                      {"constructor": "false", "fresh": [], "proof":
                        {"method": "split", "term": "(app[N] k l)", "hyp": "c2", "cases": [
                          {"constructor": "nil[N]", "fresh": [], "proof": {"method": "chain", "steps": []}},
                          {"constructor": "cons[N]", "fresh": ["y", "ys"], "proof": {"method": "chain", "steps": []}}]}}]}"#,
    )
    .unwrap();
    let Proof::Split { term, hyp, cases } = instances.proof(&engine).unwrap() else {
        panic!("a split")
    };
    assert_eq!(
        (term.as_str(), hyp.as_str()),
        ("((_ isnil N) ((_ app N) k l))", "c1")
    );
    let inner = &cases[1].proof;
    let Proof::Split { term, cases, .. } = inner else {
        panic!("a split")
    };
    assert_eq!(term, "((_ app N) k l)");
    let constructors: Vec<&str> = cases.iter().map(|c| c.constructor.as_str()).collect();
    assert_eq!(constructors, ["nil", "cons"]);
    // Written once, the split reads the same when written again.
    assert_eq!(&instances.proof(inner).unwrap(), inner);
}
