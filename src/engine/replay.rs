//! The barrier's kernel replay, one theorem at a time and in parallel.
//!
//! At a barrier the theorems just admitted are replayed by the kernel. Each is checked on
//! its own, against the theory and the theorems admitted *before* the barrier: a
//! certificate holding only it, whose theory section lists those earlier theorems as
//! axioms (with their statements exactly as the full certificate states them) and whose
//! proof cites them as axioms rather than theorems. The checks are independent, so they
//! run on a thread pool; the verdicts come back in admission order and the barrier
//! applies them in that order.
//!
//! Invariants:
//! - the verdict on a theorem is the one the full certificate would give, since every
//!   earlier theorem was accepted at its own barrier (those rejected were dropped) — up
//!   to the kernel's work budget, which a small certificate has to itself;
//! - the blocks of a round see only the theorems admitted before it, so no theorem cites
//!   another of the same barrier; one that did would be rejected (unknown axiom), never
//!   accepted wrongly;
//! - the verdicts do not depend on the number of threads or the schedule.
//!
//! Example: with no earlier theorem, `0 + x = x` (proved by induction) is accepted.
//!
//! ```
//! use ergo::engine::replay::replay_new;
//! use ergo::engine::{Block, Goal, Outcome, Snapshot};
//! let mut theory = ergo::mpl::load(std::path::Path::new("axioms/peano.mpl")).unwrap();
//! let f = ergo::mpl::parse_goal(&mut theory, "0 + x = x").unwrap();
//! let goal = Goal::from_formula(&f).unwrap();
//! let Outcome::Proved(mut p) = Block::prove(goal).run(&Snapshot::of_axioms(&theory)) else {
//!     panic!("proved")
//! };
//! p.name = "add_zero_left".into();
//! let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
//! assert_eq!(replay_new(&theory, &[&*p], 0, &pool), vec![true]);
//! ```

use super::prover::Proved;
use crate::mpl::Theory;
use ergo_kernel::format::{AxiomDecl, Proof, StepKind};
use ergo_kernel::Certificate;
use rayon::prelude::*;

/// The kernel's verdicts on `admitted[before..]`, in order, each checked against the
/// theory and `admitted[..before]` (taken as accepted), on `pool`.
pub fn replay_new(
    theory: &Theory,
    admitted: &[&Proved],
    before: usize,
    pool: &rayon::ThreadPool,
) -> Vec<bool> {
    let fresh = admitted.len().saturating_sub(before);
    let cert = crate::proof::certificate(theory, "", &super::explain::entries(admitted));
    let mut section = cert.theory.clone();
    section
        .axioms
        .extend(cert.theorems[..before].iter().map(|t| AxiomDecl {
            params: t.params.clone(), // a theorem scheme stays a scheme
            name: t.name.clone(),
            statement: t.statement.clone(),
        }));
    let Ok(digest) = ergo_kernel::theory_digest(&section) else {
        return vec![false; fresh];
    };
    pool.install(|| {
        cert.theorems[before..]
            .par_iter()
            .map(|t| {
                let name = t.name.clone();
                let mut t = t.clone();
                cite_theorems_as_axioms(&mut t.proof);
                let one = Certificate {
                    format: cert.format.clone(),
                    version: cert.version,
                    producer: cert.producer.clone(),
                    theory: section.clone(),
                    digest: digest.clone(),
                    theorems: vec![t],
                };
                let verdict = ergo_kernel::check(&one);
                let ok = matches!(&verdict, Ok(report) if report.all_ok());
                if !ok {
                    log::debug!(target: "ergo::replay", "kernel rejected {name}: {verdict:?}");
                }
                ok
            })
            .collect()
    })
}

/// Turns every citation of a theorem in `proof` (steps and contradictions, nested proofs
/// included) into a citation of the axiom of the same name.
fn cite_theorems_as_axioms(proof: &mut Proof) {
    let as_axiom = |kind: &mut StepKind| {
        if *kind == StepKind::Theorem {
            *kind = StepKind::Axiom;
        }
    };
    match proof {
        Proof::Chain { steps } => {
            for s in steps {
                as_axiom(&mut s.kind);
                s.premises.iter_mut().for_each(cite_theorems_as_axioms);
            }
        }
        Proof::Induction { cases, .. }
        | Proof::Cases { cases, .. }
        | Proof::Split { cases, .. } => cases
            .iter_mut()
            .for_each(|c| cite_theorems_as_axioms(&mut c.proof)),
        Proof::Contradiction { kind, premises, .. } => {
            as_axiom(kind);
            premises.iter_mut().for_each(cite_theorems_as_axioms);
        }
        Proof::Witness { proofs, .. } => proofs.iter_mut().for_each(cite_theorems_as_axioms),
        Proof::Obtain {
            kind,
            premises,
            proof,
            ..
        } => {
            as_axiom(kind);
            premises.iter_mut().for_each(cite_theorems_as_axioms);
            cite_theorems_as_axioms(proof);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::replay_new;
    use crate::engine::{Block, Goal, Outcome, Proved, RuleKind, Snapshot};

    fn prove(snapshot: &Snapshot, goal: &Goal, name: &str) -> Proved {
        let Outcome::Proved(mut p) = Block::prove(goal.clone()).run(snapshot) else {
            panic!("{name} proved")
        };
        p.name = name.into();
        *p
    }

    #[test]
    fn each_new_theorem_is_checked_against_the_earlier_ones_only() {
        let mut theory = crate::mpl::load(std::path::Path::new("axioms/peano.mpl")).unwrap();
        let mut goal = |text: &str| {
            Goal::from_formula(&crate::mpl::parse_goal(&mut theory, text).unwrap()).unwrap()
        };
        let (zero_left, comm) = (goal("0 + x = x"), goal("x + 0 = 0 + x"));
        let mut snapshot = Snapshot::of_axioms(&theory);
        let first = prove(&snapshot, &zero_left, "add_zero_left");
        snapshot.push(zero_left.into_equation(RuleKind::Theorem, &first.name));
        let second = prove(&snapshot, &comm, "add_zero_comm");
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        // Admitted at two barriers: both accepted.
        assert_eq!(replay_new(&theory, &[&first], 0, &pool), vec![true]);
        assert_eq!(
            replay_new(&theory, &[&first, &second], 1, &pool),
            vec![true]
        );
        // The second cites the first: in the same barrier it would cite a theorem not
        // admitted before the barrier, so it is rejected (never the case in a round).
        assert_eq!(
            replay_new(&theory, &[&first, &second], 0, &pool),
            vec![true, false]
        );
        // A proof that does not prove its statement is rejected.
        let mut wrong = second.clone();
        wrong.goal = first.goal.clone();
        wrong.name = "wrong".into();
        assert_eq!(
            replay_new(&theory, &[&first, &wrong], 1, &pool),
            vec![false]
        );
        // The same on one thread: the verdicts do not depend on the pool.
        let one = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        let three = [&first, &wrong, &second];
        assert_eq!(replay_new(&theory, &three, 1, &one), vec![false, true]);
    }
}
