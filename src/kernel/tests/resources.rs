//! Hostile sizes (issue 18): certificates built to exhaust memory or time are rejected by
//! a named limit, or checked in time linear in their size; never an abort.

mod common;
#[path = "common/hostile.rs"]
mod hostile;

use std::time::{Duration, Instant};

/// (a) A variable repeated 2^14 times, instantiated with a 2^15-node term: the instance
/// (about 2^29 nodes) is rejected with `term-too-large` before it is built. Before the
/// kernel computed sizes first, this aborted the process (out of memory).
#[test]
fn a_huge_instance_is_rejected_before_it_is_built() {
    let cert = hostile::repeated_variable(&common::mini());
    let text = serde_json::to_string(&cert).unwrap();
    assert!(text.len() > 250_000, "{}", text.len());
    let start = Instant::now();
    let report = ergo_kernel::check_json(&text).unwrap();
    let elapsed = start.elapsed();
    assert_eq!(report.theorems[0].result, Ok(()), "big itself is true");
    let e = report.theorems[1].result.as_ref().unwrap_err();
    assert_eq!(e.code(), "term-too-large", "{e}");
    // Debug builds are slower; the release figure is in the report.
    assert!(elapsed < Duration::from_secs(10), "{elapsed:?}");
}

/// (b) 500 citations of a theorem with a 2^18-node premise: accepted, each citation
/// sharing the premise instead of copying it (parsed terms are hash-consed, so the
/// premise's two equal sides are one node). Before, this took minutes.
#[test]
fn many_citations_of_a_large_premise_are_checked_in_linear_time() {
    let citations = 500;
    let cert = hostile::large_premise(&common::mini(), citations);
    let text = serde_json::to_string(&cert).unwrap();
    assert!(text.len() > 1_000_000, "{}", text.len());
    let start = Instant::now();
    let report = ergo_kernel::check_json(&text).unwrap();
    let elapsed = start.elapsed();
    assert!(
        report.all_ok(),
        "{:?}",
        report.theorems.iter().find(|t| t.result.is_err())
    );
    assert_eq!(report.theorems.len(), citations + 1);
    let bound = if cfg!(debug_assertions) { 30 } else { 5 };
    assert!(elapsed < Duration::from_secs(bound), "{elapsed:?}");
}

/// Over the certificate byte limit: rejected with its own code, before parsing.
#[test]
fn an_oversized_certificate_is_rejected_by_its_limit() {
    let limit = ergo_kernel::limits::MAX_CERTIFICATE_BYTES as usize;
    let text = " ".repeat(limit + 1);
    let e = ergo_kernel::check_json(&text).unwrap_err();
    assert_eq!(e.code(), "certificate-too-large");
}

/// A certificate with no theorems is bound to nothing: `no-theorems`.
#[test]
fn a_certificate_without_theorems_is_rejected_when_bound() {
    let mut cert = common::mini();
    cert.theorems.clear();
    let trusted = ergo_kernel::binding::TrustedTheory {
        path: "peano.mpl".into(),
        sha256: String::new(),
        name: cert.theory.name.clone(),
        digest: cert.digest.clone(),
        conjectures: vec![],
    };
    let e = ergo_kernel::binding::check_bound(&cert, &[trusted]).unwrap_err();
    assert_eq!(e.code(), "no-theorems");
}
