//! Goal-free exploration on IsaPlanner theories (issue 16; the whole suite is
//! benches/explore_tip.rs): `ergo derive` on a problem's definitions finds the general
//! laws a user expects there, named in words (`app`, not the mangled `m___2b_2b`), and
//! the problem's goal then follows by rewriting alone (`prove --lemmas DIR
//! --no-induction`), with a certificate the kernel accepts. Small term sizes keep the
//! debug build fast.

mod common;

use common::{ergo, root, stderr, stdout};
use std::path::Path;

fn problem(name: &str) -> String {
    format!("../shared/benchmarks/tip/isaplanner/{name}.smt2")
}

/// `ergo derive --json` on a problem, on one thread, at term size `max_size` (`None`:
/// the default): its report; the run must succeed.
fn derive_report(name: &str, max_size: Option<usize>, out: &Path) -> serde_json::Value {
    let (file, size) = (problem(name), max_size.map(|n| n.to_string()));
    let mut args = vec!["derive", &file, "--out", out.to_str().unwrap()];
    args.extend(["--threads", "1", "--json"]);
    if let Some(size) = &size {
        args.extend(["--max-size", size]);
    }
    let o = ergo(&args, &root());
    assert!(o.status.success(), "{}", stderr(&o));
    serde_json::from_str(stdout(&o).trim()).unwrap()
}

/// `ergo derive` on a problem at term size `max_size`: (name, statement) of every theorem.
fn derive(name: &str, max_size: usize, out: &Path) -> Vec<(String, String)> {
    derive_report(name, Some(max_size), out)["theorems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["name"].as_str().unwrap().to_string(),
                t["statement"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// Whether the problem's goal follows from the certificates in `lemmas` by rewriting,
/// and the kernel accepts the result.
fn follows(name: &str, lemmas: &Path, out: &Path) -> bool {
    let cert = out.join("goal.proof.json");
    let o = ergo(
        &[
            "prove",
            &problem(name),
            "--lemmas",
            lemmas.to_str().unwrap(),
            "--no-induction",
            "--json",
            "--out",
            cert.to_str().unwrap(),
        ],
        &root(),
    );
    let json: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    let proved = json["proved"] == 1;
    let verified = ergo(
        &["verify", cert.to_str().unwrap(), "--theory", &problem(name)],
        &root(),
    );
    proved && verified.status.success()
}

#[test]
fn max_is_commutative_and_the_goal_follows() {
    let dir = tempfile::tempdir().unwrap();
    let derived = dir.path().join("derived");
    let theorems = derive("prop_23", 3, &derived);
    assert!(
        theorems
            .iter()
            .any(|(n, s)| n == "max_comm" && s == "max(x, y) = max(y, x)"),
        "{theorems:?}"
    );
    // Goal 23 is max(a, b) = max(b, a): an instance of the derived law.
    assert!(follows("prop_23", &derived, dir.path()));
}

#[test]
fn append_laws_are_general_and_named_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let derived = dir.path().join("derived");
    let theorems = derive("prop_01", 5, &derived);
    let has =
        |name: &str, statement: &str| theorems.iter().any(|(n, s)| n == name && s == statement);
    assert!(
        has("app_nil_r", "m___2b_2b(list1, nil) = list1"),
        "{theorems:?}"
    );
    assert!(
        has(
            "app_assoc",
            "m___2b_2b(m___2b_2b(list1, list2), list3) = m___2b_2b(list1, m___2b_2b(list2, list3))"
        ),
        "{theorems:?}"
    );
    assert!(has("drop_nil_r", "drop(nat1, nil) = nil"), "{theorems:?}");
    // The Bool prelude's ite is not explored (no Boolean algebra once per sort), and no
    // theorem names a mangled TIP symbol.
    assert!(theorems
        .iter()
        .all(|(n, s)| !n.contains("m__") && !s.contains("ite(")));
}

/// `butlast` matches deeply (`butlast(cons(y, cons(x, xs)))`), so a conjecture over it
/// gets a case split inside its induction: the law that moves `butlast` out of an
/// append is derived, and goal 51 (`butlast(xs ++ [x]) = xs`) follows by rewriting.
#[test]
fn butlast_over_append_is_derived_and_the_goal_follows() {
    let dir = tempfile::tempdir().unwrap();
    let derived = dir.path().join("derived");
    let theorems = derive("prop_51", 7, &derived);
    assert!(
        theorems.iter().any(|(_, s)| s
            == "m___2b_2b(list1, butlast(cons(x, list2))) = butlast(m___2b_2b(list1, cons(x, list2)))"),
        "{theorems:?}"
    );
    assert!(follows("prop_51", &derived, dir.path()));
}

/// prop_12's `map` takes lists at two sort variables, so `drop` is explored at both: each
/// law about it is derived twice, once per sort variable, and only the first is essential.
#[test]
fn a_law_at_another_sort_variable_is_not_essential_twice() {
    let dir = tempfile::tempdir().unwrap();
    let json = derive_report("prop_12", None, dir.path());
    let theorems = json["theorems"].as_array().unwrap();
    let shown = |t: &serde_json::Value| t["statement"].as_str().unwrap().to_string();
    let nil: Vec<&serde_json::Value> = theorems
        .iter()
        .filter(|t| shown(t) == "drop(nat1, nil) = nil")
        .collect();
    assert_eq!(nil.len(), 2, "{theorems:#?}");
    assert_eq!(nil[0]["essential"], true);
    assert_eq!(nil[1]["essential"], false);
    let essential: Vec<String> = theorems
        .iter()
        .filter(|t| t["essential"] == true)
        .map(shown)
        .collect();
    let mut distinct = essential.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), essential.len(), "{essential:#?}");
}

/// prop_44's `zip` takes lists at two sort variables: the variables of `List('a)` and
/// of `List('b)` are named apart (`list1`, `listb1`), so the law relating `zip` and
/// `zipConcat` is a well-formed clause the kernel accepts (it used to bind `list1`
/// twice and be dropped at the barrier), and the goal follows from it.
#[test]
fn variables_of_two_list_instances_are_named_apart() {
    let dir = tempfile::tempdir().unwrap();
    let derived = dir.path().join("derived");
    let json = derive_report("prop_44", None, &derived);
    let out = json.to_string();
    assert_eq!(json["kernel_rejected"], 0, "{out}");
    assert!(
        json["theorems"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["statement"] == "zip(cons(x, list1), listb1) = zipConcat(x, list1, listb1)"),
        "{out}"
    );
    assert!(follows("prop_44", &derived, dir.path()));
}

/// `max` matches on both arguments, so the step case of the induction waits on the
/// second argument alone (`max(S(a), b)`), and then on the third (`max(S(..), c)`):
/// those case splits are free once the definition has matched its first argument, so
/// associativity is derived within an exploration block's depth and goal 22 follows.
#[test]
fn max_associativity_is_derived_by_forced_case_splits() {
    let dir = tempfile::tempdir().unwrap();
    let derived = dir.path().join("derived");
    let theorems = derive("prop_22", 7, &derived);
    assert!(
        theorems
            .iter()
            .any(|(_, s)| s == "max(max(x, y), z) = max(x, max(y, z))"),
        "{theorems:?}"
    );
    assert!(follows("prop_22", &derived, dir.path()));
}

/// prop_62's premise is a `match` the TIP reader lifts to an operator `_match1`: laws
/// about it are named from `match1` (a theorem's name starts with a letter), so the
/// kernel accepts every one of them instead of dropping them as badly named.
#[test]
fn laws_about_a_lifted_match_are_named_so_the_kernel_accepts_them() {
    let dir = tempfile::tempdir().unwrap();
    let json = derive_report("prop_62", None, dir.path());
    let out = json.to_string();
    assert_eq!(json["kernel_rejected"], 0, "{out}");
    let names: Vec<&str> = json["theorems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert!(names.iter().any(|n| n.starts_with("match1")), "{names:?}");
}

/// prop_12's theory has no closure former, so `f : 'a -> 'b` is tested on sampled
/// functions (finite tables): the law moving `drop` through `map` is derived, with `f`
/// a rigid variable of its induction, and goal 12 follows from it.
#[test]
fn a_law_with_a_function_variable_is_derived_and_the_goal_follows() {
    let dir = tempfile::tempdir().unwrap();
    let derived = dir.path().join("derived");
    let theorems = derive("prop_12", 5, &derived);
    assert!(
        theorems
            .iter()
            .any(|(_, s)| s == "drop(nat1, map(f1, list1)) = map(f1, drop(nat1, list1))"),
        "{theorems:?}"
    );
    assert!(follows("prop_12", &derived, dir.path()));
}

/// prop_14: `p : 'a -> Bool` takes sampled predicates (false on one element only, true
/// on it only, all-true, all-false), so `filter` distributes over append and goal 14
/// follows.
#[test]
fn a_law_with_a_predicate_variable_is_derived_and_the_goal_follows() {
    let dir = tempfile::tempdir().unwrap();
    let derived = dir.path().join("derived");
    let theorems = derive("prop_14", 7, &derived);
    assert!(
        theorems.iter().any(|(_, s)| s
            == "m___2b_2b(filter(f1, list1), filter(f1, list2)) = filter(f1, m___2b_2b(list1, list2))"),
        "{theorems:?}"
    );
    assert!(follows("prop_14", &derived, dir.path()));
}

/// prop_35's goal lifts `\x. false` to the closure former `lam.0`: the conjecturer
/// keeps its closure as a leaf, so the law about `dropWhile` at it is derived (named
/// after `lam`) and the goal follows.
#[test]
fn a_law_at_a_lifted_lambda_is_derived_and_the_goal_follows() {
    let dir = tempfile::tempdir().unwrap();
    let derived = dir.path().join("derived");
    let theorems = derive("prop_35", 3, &derived);
    assert!(
        theorems
            .iter()
            .any(|(n, s)| n == "dropWhile_lam_l" && s == "dropWhile(lam.0, list1) = list1"),
        "{theorems:?}"
    );
    assert!(follows("prop_35", &derived, dir.path()));
}

/// `elem(x, xs)` is a Boolean function that is no relation (a number and a list): its
/// growth law under append is proposed, proved by induction, and goal 26 (`elem x xs
/// -> elem x (xs ++ ys)`) follows from it by rewriting.
#[test]
fn a_growth_law_of_elem_is_derived_and_the_conditional_goal_follows() {
    let dir = tempfile::tempdir().unwrap();
    let derived = dir.path().join("derived");
    let theorems = derive("prop_26", 5, &derived);
    assert!(
        theorems.iter().any(|(_, s)| s
            == "elem(nat1, listnat1) = true -> elem(nat1, m___2b_2b(listnat1, listnat2)) = true"),
        "{theorems:?}"
    );
    assert!(follows("prop_26", &derived, dir.path()));
}
