//! The grid's seams are plain values: a block, a snapshot and an outcome travel as JSON
//! (to a worker on another machine, say) and a round run on what arrived gives the same
//! outcomes as the round run at home, in block order.

use ergo::engine::{
    Block, Executor, Exhausted, Failure, Goal, Limits, Outcome, ProverConfig, RayonExecutor,
    Selection, Snapshot, Task,
};
use std::path::Path;

fn goal(theory: &mut ergo::mpl::Theory, text: &str) -> Goal {
    Goal::from_formula(&ergo::mpl::parse_goal(theory, text).unwrap()).unwrap()
}

fn json_round_trip<T: serde::Serialize + serde::de::DeserializeOwned>(v: &T) -> T {
    serde_json::from_str(&serde_json::to_string(v).unwrap()).unwrap()
}

#[test]
fn blocks_snapshots_and_outcomes_travel_and_give_the_same_round() {
    let mut theory = ergo::mpl::load(Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/axioms/peano.mpl"
    )))
    .unwrap();
    let blocks = vec![
        // Needs induction.
        Block::prove(goal(&mut theory, "0 + x = x")),
        // A clause, by the sequent prover.
        Block {
            goal: goal(&mut theory, "(>[a,b] (=[a + b, 0]) (=[a, 0]))"),
            rules: Selection::Dependencies,
            task: Task::Prove(ProverConfig::block()),
        },
        // False: unproved, with a reason.
        Block {
            goal: goal(&mut theory, "x + y = x"),
            rules: Selection::All,
            task: Task::Prove(ProverConfig::block()),
        },
        // A check: follows by rewriting.
        Block::check(goal(&mut theory, "x + 0 = x")),
        // A check that does not follow without induction.
        Block {
            goal: goal(&mut theory, "x + y = y + x"),
            rules: Selection::All,
            task: Task::Check(Limits::check()),
        },
    ];
    let snapshot = Snapshot::of_axioms(&theory);

    let blocks_back: Vec<Block> = json_round_trip(&blocks);
    assert_eq!(blocks_back, blocks);
    let snapshot_back: Snapshot = json_round_trip(&snapshot);
    assert_eq!(snapshot_back.equations, snapshot.equations);

    let executor = RayonExecutor::new(2);
    let home: Vec<Outcome> = executor.round(&snapshot, &blocks);
    let away: Vec<Outcome> = executor.round(&snapshot_back, &blocks_back);
    let untimed = |os: Vec<Outcome>| os.into_iter().map(Outcome::untimed).collect::<Vec<_>>();
    assert_eq!(untimed(home.clone()), untimed(away));
    // In block order, whatever the schedule: the same as running them one by one.
    let one_by_one: Vec<Outcome> = blocks.iter().map(|b| b.run(&snapshot)).collect();
    assert_eq!(untimed(home.clone()), untimed(one_by_one));

    assert!(matches!(home[0], Outcome::Proved(_)));
    assert!(matches!(home[1], Outcome::Proved(_)));
    assert!(matches!(home[2], Outcome::Unproved(_)));
    assert_eq!(home[3], Outcome::Follows);
    assert!(matches!(
        home[4],
        Outcome::Unproved(Failure::Exhausted(
            Exhausted::Saturated | Exhausted::Iterations(_) | Exhausted::Nodes(_)
        ))
    ));
    // Outcomes travel too, proofs included.
    let outcomes_back: Vec<Outcome> = json_round_trip(&home);
    assert_eq!(outcomes_back, home);
}
