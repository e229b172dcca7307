//! The README's "Architecture: the seams" example, kept compiling and true.

use ergo::engine::{Block, Executor, Goal, Outcome, RayonExecutor, Snapshot};
use std::path::Path;

#[test]
fn the_readme_example_of_the_seams_runs() -> Result<(), Box<dyn std::error::Error>> {
    // Theory: an Arc-shared signature plus this handle's own fresh names.
    let mut theory = ergo::mpl::load(Path::new("axioms/peano.mpl"))?;
    let goal = Goal::from_formula(&ergo::mpl::parse_goal(&mut theory, "0 + x = x")?).unwrap();

    // A round: Snapshot and Blocks to an Executor, one Outcome per block.
    let snapshot = Snapshot::of_axioms(&theory);
    let outcomes = RayonExecutor::new(2).round(&snapshot, &[Block::prove(goal)]);
    let Outcome::Proved(proved) = &outcomes[0] else {
        panic!("unproved")
    };

    // Certificate: plain entries in, the kernel's format out.
    let cert = ergo::proof::certificate(&theory, "axioms/peano.mpl", &[proved.entry()]);

    // Verified: only the kernel makes one; the proof model replays it into a tree.
    let verified = ergo_kernel::Verified::check(cert)?;
    let tree = ergo::proof::tree::replay(&theory, &verified)?;
    assert_eq!(tree.theorems.len(), 1);
    assert!(verified.report().all_ok());
    Ok(())
}
