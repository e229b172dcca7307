//! End-to-end tests of the `ergo` binary: what a user runs and what CI relies on.

mod common;
use common::{ergo, root, scratch_with, stderr, stdout};
use std::process::{Command, Output};

/// A scratch copy of the repository layout with `axioms/peano.mpl`.
fn scratch() -> tempfile::TempDir {
    scratch_with(&["axioms/peano.mpl"])
}

#[test]
fn prove_peano_proves_all_twelve_and_writes_a_verifiable_certificate() {
    let dir = scratch();
    let o = ergo(&["prove", "axioms/peano.mpl", "--json"], dir.path());
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("one JSON object");
    let ths = v["theorems"].as_array().unwrap();
    let names: Vec<&str> = ths.iter().map(|t| t["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        [
            "add_zero_l",
            "add_succ_l",
            "add_comm",
            "add_assoc",
            "mul_zero_l",
            "mul_one_l",
            "mul_one_r",
            "mul_succ_l",
            "distrib_l",
            "distrib_r",
            "mul_comm",
            "mul_assoc"
        ]
    );
    for t in ths {
        assert_eq!(t["proved"], true, "{t}");
        assert!(t["steps"].as_u64().unwrap() > 0, "{t}");
        assert!(t["ms"].is_number());
    }
    assert_eq!(ths[2]["statement"], "x + y = y + x");
    assert!(v["elapsed_ms"].is_number());
    let cert = dir.path().join("proofs/peano.proof.json");
    assert!(cert.is_file());
    let o = ergo(&["verify", "proofs", "--json"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["checked"], 12);
    assert_eq!(v["rejected"], 0);
    assert!(v["steps"].as_u64().unwrap() > 12);
    let add_zero_l = &v["theorems"][0];
    assert_eq!(add_zero_l["name"], "add_zero_l");
    assert_eq!(add_zero_l["ok"], true);
    assert_eq!(
        add_zero_l["axioms"],
        serde_json::json!(["add_succ", "add_zero"])
    );
}

#[test]
fn proving_twice_gives_byte_identical_certificates_equal_to_the_committed_ones() {
    let (a, b) = (scratch(), scratch());
    for d in [&a, &b] {
        let o = ergo(&["prove", "axioms/peano.mpl"], d.path());
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
    let read =
        |d: &tempfile::TempDir| std::fs::read(d.path().join("proofs/peano.proof.json")).unwrap();
    assert_eq!(read(&a), read(&b));
    let committed = std::fs::read(root().join("proofs/peano.proof.json")).unwrap();
    assert!(
        read(&a) == committed,
        "re-proving changed proofs/peano.proof.json: run `ergo prove axioms/peano.mpl` and commit"
    );
}

#[test]
fn verify_accepts_the_committed_proofs() {
    let o = ergo(&["verify", "proofs/"], &root());
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("0 rejected"));
}

fn committed_certificate() -> serde_json::Value {
    let text = std::fs::read_to_string(root().join("proofs/peano.proof.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Writes `cert` into a scratch layout and runs `ergo verify` on it.
fn verify_value(cert: &serde_json::Value) -> Output {
    let dir = scratch();
    std::fs::create_dir_all(dir.path().join("proofs")).unwrap();
    std::fs::write(
        dir.path().join("proofs/peano.proof.json"),
        serde_json::to_string_pretty(cert).unwrap(),
    )
    .unwrap();
    let o = ergo(&["verify", "proofs"], dir.path());
    drop(dir);
    o
}

#[test]
fn verify_rejects_a_tampered_step_with_exit_1() {
    let mut cert = committed_certificate();
    let step = &mut cert["theorems"][2]["proof"]["cases"][1]["proof"]["steps"][0];
    assert!(step.is_object(), "fixture shape changed: {step}");
    step["dir"] = if step["dir"] == "lr" {
        "rl".into()
    } else {
        "lr".into()
    };
    let o = verify_value(&cert);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stdout(&o).contains("REJECTED"));
}

#[test]
fn verify_rejects_axioms_smuggled_in_with_a_matching_digest() {
    let mut cert = committed_certificate();
    // Replace an axiom by a false "axiom" and recompute the digest, so the certificate is
    // internally consistent; only the comparison with the MPL source can catch it.
    cert["theory"]["axioms"][2]["statement"] = "(forall ((a N)) (= (+ a 0) 0))".into();
    let section: ergo_kernel::format::TheorySection =
        serde_json::from_value(cert["theory"].clone()).unwrap();
    cert["digest"] = ergo_kernel::theory_digest(&section).unwrap().into();
    let o = verify_value(&cert);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("differs from its source"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn verify_of_a_missing_path_is_bad_input() {
    let o = ergo(&["verify", "no/such/dir"], &root());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no/such/dir"));
}

#[test]
fn check_reports_bad_input_with_position_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bad.mpl"),
        "inductive N = 0 | s(N);\naxiom a: (>[x] (=[f(x), x]));\n",
    )
    .unwrap();
    let o = ergo(&["check", "bad.mpl"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("bad.mpl:2:"), "{err}");
    assert!(err.contains('^'), "{err}");
    let o = ergo(&["check", "axioms/peano.mpl", "--json"], &root());
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["axioms"], 6);
    assert_eq!(v["conjectures"], 12);
}

#[test]
fn a_goal_given_on_the_command_line_is_proved() {
    let dir = scratch();
    let o = ergo(
        &[
            "prove",
            "axioms/peano.mpl",
            "--goal",
            "x + s(0) = s(x)",
            "--out",
            "g.proof.json",
            "--json",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["theorems"][0]["method"], "direct");
    let o = ergo(&["verify", "g.proof.json"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn no_induction_answers_whether_rewriting_alone_suffices() {
    let dir = scratch();
    let o = ergo(
        &[
            "prove",
            "axioms/peano.mpl",
            "--no-induction",
            "--goal",
            "0 + x = x",
            "--out",
            "g.proof.json",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stdout(&o).contains("unproved"), "{}", stdout(&o));
}

#[test]
fn a_goal_beyond_the_budget_ends_with_exit_1_and_a_reason() {
    let dir = scratch();
    let o = ergo(
        &[
            "prove",
            "axioms/peano.mpl",
            "--goal",
            "x * y = y * x",
            "--timeout",
            "0.001",
            "--out",
            "g.proof.json",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stdout(&o).contains("out of budget"), "{}", stdout(&o));
}

#[test]
fn a_malformed_goal_is_bad_input_with_its_position() {
    let dir = scratch();
    let o = ergo(
        &["prove", "axioms/peano.mpl", "--goal", "x + = y"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("<goal>:1:"), "{}", stderr(&o));
}

#[test]
fn derive_with_no_file_explores_the_embedded_peano_axioms_and_the_result_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let o = ergo(&["derive", "--json"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let names: Vec<&str> = v["theorems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    for n in ["add_comm", "add_assoc", "mul_comm", "mul_assoc"] {
        assert!(names.contains(&n), "{n} missing: {names:?}");
    }
    for t in v["theorems"].as_array().unwrap() {
        for key in ["name", "statement", "method", "essential", "ms"] {
            assert!(!t[key].is_null(), "{key} missing in {t}");
        }
    }
    assert!(v["rounds"].as_u64().unwrap() > 0);
    assert!(v["conjectures"].as_u64().unwrap() > 0);
    assert!(v["elapsed_ms"].is_number());
    // No axioms/peano.mpl here, so the embedded text is written beside the certificate.
    assert!(dir.path().join("proofs/peano/peano.mpl").is_file());
    let o = ergo(&["verify", "proofs/peano"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn derive_stopped_by_its_time_limit_keeps_a_valid_certificate() {
    let dir = scratch();
    let o = ergo(
        &[
            "derive",
            "axioms/peano.mpl",
            "--time-limit",
            "0.000001",
            "--out",
            "out",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("stopped early"), "{}", stdout(&o));
    let o = ergo(&["verify", "out"], dir.path());
    // A certificate with no theorems proves nothing: `ergo verify` fails it (issue 18).
    let cert = std::fs::read_to_string(dir.path().join("out/peano.proof.json")).unwrap();
    let cert: serde_json::Value = serde_json::from_str(&cert).unwrap();
    if cert["theorems"].as_array().unwrap().is_empty() {
        assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
        assert!(stdout(&o).contains("[no-theorems]"), "{}", stdout(&o));
    } else {
        assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    }
}

#[test]
fn derive_rejects_bad_options_with_exit_2() {
    let dir = scratch();
    for args in [
        &["derive", "--max-size", "1"][..],
        &["derive", "--time-limit", "-1"][..],
        &["derive", "no/such.mpl"][..],
    ] {
        let o = ergo(args, dir.path());
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
    }
}

#[test]
fn the_committed_derive_output_is_reproduced_byte_for_byte() {
    let dir = scratch();
    let o = ergo(
        &["derive", "axioms/peano.mpl", "--threads", "1"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let fresh = std::fs::read(dir.path().join("proofs/peano/peano.proof.json")).unwrap();
    let committed = std::fs::read(root().join("proofs/peano/peano.proof.json")).unwrap();
    assert!(
        fresh == committed,
        "ergo derive changed proofs/peano/peano.proof.json: re-run `ergo derive axioms/peano.mpl` and commit"
    );
}

/// Every theorem citation inside the proofs of goal `g` names `g.<lemma>` or an axiom:
/// the goal was proved from the axioms alone, with lemmas found for it.
fn assert_independent(cert: &serde_json::Value) {
    fn walk(p: &serde_json::Value, out: &mut Vec<String>) {
        if let Some(steps) = p["steps"].as_array() {
            for s in steps.iter().filter(|s| s["kind"] == "theorem") {
                out.push(s["rule"].as_str().unwrap().to_string());
            }
        }
        if let Some(cases) = p["cases"].as_array() {
            cases.iter().for_each(|c| walk(&c["proof"], out));
        }
    }
    for t in cert["theorems"].as_array().unwrap() {
        let name = t["name"].as_str().unwrap();
        let goal = name.split('.').next().unwrap();
        let mut cited = Vec::new();
        walk(&t["proof"], &mut cited);
        for c in cited {
            assert!(c.starts_with(&format!("{goal}.")), "{name} cites {c}");
        }
    }
}

fn prove_independently(file: &str) {
    let dir = scratch_with(&[file]);
    let o = ergo(
        &[
            "prove",
            file,
            "--independent",
            "--out",
            "out/c.proof.json",
            "--json",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let ths = v["theorems"].as_array().unwrap();
    assert_eq!(ths.len(), 12);
    assert!(ths.iter().all(|t| t["proved"] == true), "{v}");
    // The hard goals needed lemmas, and found them.
    let mul_comm = ths.iter().find(|t| t["name"] == "mul_comm").unwrap();
    assert!(
        !mul_comm["lemmas"].as_array().unwrap().is_empty(),
        "{mul_comm}"
    );
    let text = std::fs::read_to_string(dir.path().join("out/c.proof.json")).unwrap();
    assert_independent(&serde_json::from_str(&text).unwrap());
    let o = ergo(&["verify", "out"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn prove_independent_proves_peano_12_from_the_axioms_alone() {
    prove_independently("axioms/peano.mpl");
}

#[test]
fn prove_independent_with_recursion_on_the_first_argument() {
    prove_independently("axioms/peano_first.mpl");
}

#[test]
fn a_false_goal_is_refuted_with_a_counterexample() {
    let dir = scratch();
    let o = ergo(
        &["prove", "axioms/peano.mpl", "--goal", "x + y = x", "--json"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let t = &v["theorems"][0];
    assert_eq!(t["proved"], false);
    assert_eq!(
        t["counterexample"],
        serde_json::json!({"x": "0", "y": "s(0)"})
    );
    let o = ergo(
        &["prove", "axioms/peano.mpl", "--goal", "x * y = x + y"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("false: fails at x = 0, y = s(0)"),
        "{}",
        stdout(&o)
    );
    // Many variables: fewer values each, still a counterexample.
    let o = ergo(
        &[
            "prove",
            "axioms/peano.mpl",
            "--goal",
            "a + b + c + d + e + f + g = g",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("refuted"), "{}", stdout(&o));
}

#[test]
fn lemmas_from_a_certificate_are_used_and_copied_into_the_new_one() {
    let dir = scratch();
    std::fs::create_dir_all(dir.path().join("proofs")).unwrap();
    std::fs::copy(
        root().join("proofs/peano.proof.json"),
        dir.path().join("proofs/peano.proof.json"),
    )
    .unwrap();
    let goal = "x * (y * z) = y * (x * z)";
    let o = ergo(
        &[
            "prove",
            "axioms/peano.mpl",
            "--goal",
            goal,
            "--no-induction",
            "--out",
            "g/g.proof.json",
        ],
        dir.path(),
    );
    assert_eq!(
        o.status.code(),
        Some(1),
        "without lemmas rewriting alone cannot: {}",
        stdout(&o)
    );
    let o = ergo(
        &[
            "prove",
            "axioms/peano.mpl",
            "--goal",
            goal,
            "--no-induction",
            "--lemmas",
            "proofs",
            "--out",
            "g/g.proof.json",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("direct"), "{}", stdout(&o));
    let o = ergo(&["verify", "g"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("13 theorems checked"), "{}", stdout(&o));
}

#[test]
fn derive_html_renders_the_derived_theorems() {
    let dir = scratch();
    let o = ergo(
        &[
            "derive",
            "axioms/peano.mpl",
            "--out",
            "out",
            "--html",
            "site",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let index = std::fs::read_to_string(dir.path().join("site/index.html")).unwrap();
    assert!(
        index.contains("add_comm") && index.contains("essential"),
        "{index}"
    );
    assert!(dir.path().join("site/thm").read_dir().unwrap().count() >= 5);
}

#[test]
fn gauss_sum_is_proved_with_lemmas_ergo_finds_itself() {
    let dir = scratch_with(&["axioms/peano.mpl", "axioms/gauss.mpl"]);
    // Alone from the axioms: the lemmas about + and * must be discovered.
    let o = ergo(
        &[
            "prove",
            "axioms/gauss.mpl",
            "--goal",
            "s(s(0)) * sum(n) = n * s(n)",
            "--out",
            "g.proof.json",
            "--json",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(
        !v["theorems"][0]["lemmas"].as_array().unwrap().is_empty(),
        "{v}"
    );
    let o = ergo(&["verify", "g.proof.json"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn derive_on_gauss_finds_the_sum_law_goal_free() {
    let dir = scratch_with(&["axioms/peano.mpl", "axioms/gauss.mpl"]);
    // Values such as sum(sum(sum(x))) are large: evaluation must stay bounded.
    let o = ergo(
        &["derive", "axioms/gauss.mpl", "--out", "out", "--json"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let stmts: Vec<&str> = v["theorems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["statement"].as_str().unwrap())
        .collect();
    assert!(
        stmts.contains(&"sum(x) + sum(x) = s(x) * x"),
        "Gauss's law not found: {stmts:?}"
    );
    let o = ergo(&["verify", "out"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn derive_interrupted_by_ctrl_c_keeps_what_it_proved() {
    let dir = scratch();
    // Term size 9 keeps the exploration busy for about 2 s in a release build and much
    // longer in a debug build; the interrupt arrives after 1 s.
    let child = Command::new(env!("CARGO_BIN_EXE_ergo"))
        .args([
            "derive",
            "axioms/peano.mpl",
            "--max-size",
            "9",
            "--out",
            "out",
        ])
        .current_dir(dir.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1000));
    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let o = child.wait_with_output().unwrap();
    // Ctrl-C exits 130, after writing what was proved.
    assert_eq!(o.status.code(), Some(130), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("stopped early (interrupted)"),
        "{}",
        stdout(&o)
    );
    let o = ergo(&["verify", "out"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn style_gl_prints_results_in_generative_logic_form() {
    let dir = scratch();
    let o = ergo(
        &[
            "prove",
            "axioms/peano.mpl",
            "--goal",
            "x + y = y + x",
            "--style",
            "gl",
            "--json",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        v["theorems"][0]["statement"],
        "(>[x,y,v1] (in3[y,x,v1,+]) (in3[x,y,v1,+]))"
    );
}

#[test]
fn lists_append_length_and_reverse_are_proved_and_false_laws_refuted() {
    let dir = scratch_with(&["axioms/lists.mpl"]);
    let o = ergo(
        &[
            "prove",
            "axioms/lists.mpl",
            "--independent",
            "--out",
            "out/l.proof.json",
            "--json",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let rev_rev = &v["theorems"][2];
    assert_eq!(rev_rev["name"], "rev_rev");
    assert_eq!(rev_rev["proved"], true);
    assert!(
        !rev_rev["lemmas"].as_array().unwrap().is_empty(),
        "{rev_rev}"
    );
    let o = ergo(&["verify", "out"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    // Lists built from numbers are tested on lists with different elements.
    let o = ergo(
        &[
            "prove",
            "axioms/lists.mpl",
            "--goal",
            "app(k, l) = app(l, k)",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("false: fails at k = cons(0, nil), l = cons(s(0), nil)"),
        "{}",
        stdout(&o)
    );
    let o = ergo(
        &["prove", "axioms/lists.mpl", "--goal", "rev(l) = l"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("refuted"), "{}", stdout(&o));
}

#[test]
fn lemma_discovery_gives_the_same_certificate_on_one_and_two_threads() {
    let dir = scratch_with(&["axioms/peano.mpl"]);
    for threads in ["1", "2"] {
        let out = format!("t{threads}/c.proof.json");
        let o = ergo(
            &[
                "prove",
                "axioms/peano.mpl",
                "--independent",
                "--threads",
                threads,
                "--out",
                &out,
            ],
            dir.path(),
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
    let read = |t: &str| std::fs::read(dir.path().join(format!("t{t}/c.proof.json"))).unwrap();
    assert!(read("1") == read("2"), "1 and 2 threads differ");
}

/// The only thing on stdout is one JSON object; returns it.
fn the_one_json_object(o: &Output) -> serde_json::Value {
    let out = stdout(o);
    let values: Vec<serde_json::Value> = serde_json::Deserializer::from_str(&out)
        .into_iter::<serde_json::Value>()
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {out}"));
    assert_eq!(
        values.len(),
        1,
        "not exactly one JSON value on stdout: {out}"
    );
    assert!(values[0].is_object(), "not an object: {out}");
    values.into_iter().next().unwrap()
}

/// A scratch folder holding a copy of `tests/cases/bad/NAME.mpl` at the same path.
fn scratch_bad_case(name: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let rel = format!("tests/cases/bad/{name}.mpl");
    std::fs::create_dir_all(dir.path().join("tests/cases/bad")).unwrap();
    std::fs::copy(root().join(&rel), dir.path().join(&rel)).unwrap();
    (dir, rel)
}

#[test]
fn json_reports_each_mpl_diagnostic_with_its_position_and_code() {
    let (dir, file) = scratch_bad_case("unknown_op");
    let o = ergo(&["check", &file, "--json"], dir.path());
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let v = the_one_json_object(&o);
    assert_eq!(v["ok"], false);
    assert_eq!(v["exit"], 2);
    assert_eq!(
        v["errors"],
        serde_json::json!([{
            "file": "tests/cases/bad/unknown_op.mpl",
            "line": 3,
            "column": 19,
            "message": "unknown operator `f`",
            "code": "unknown-operator",
        }])
    );
    // The same place as the human text shows.
    assert!(stderr(&o).contains("--> tests/cases/bad/unknown_op.mpl:3:19"));

    // Every diagnostic, in order, each with its own code.
    let (dir, file) = scratch_bad_case("many_errors");
    let o = ergo(&["check", &file, "--json"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    let v = the_one_json_object(&o);
    let codes: Vec<(&str, u64, u64)> = v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["code"].as_str().unwrap(),
                e["line"].as_u64().unwrap(),
                e["column"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        codes,
        [
            ("unknown-operator", 3, 19),
            ("unbound-variable", 4, 13),
            ("unknown-predicate", 5, 17),
            ("duplicate-name", 6, 7),
        ]
    );

    // An error without a position: file, line and column are null.
    let o = ergo(&["check", "no/such.mpl", "--json"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    let v = the_one_json_object(&o);
    let e = &v["errors"][0];
    assert_eq!(e["code"], "cannot-read");
    assert!(e["file"].is_null() && e["line"].is_null() && e["column"].is_null());
}

#[test]
fn prove_and_derive_print_one_json_object_on_bad_mpl() {
    let (dir, file) = scratch_bad_case("unknown_op");
    for cmd in ["prove", "derive"] {
        let o = ergo(&[cmd, &file, "--json"], dir.path());
        assert_eq!(o.status.code(), Some(2), "{cmd}: {}", stderr(&o));
        let v = the_one_json_object(&o);
        assert_eq!(v["ok"], false, "{cmd}");
        assert_eq!(v["exit"], 2, "{cmd}");
        assert!(v["errors"].is_array(), "{cmd}: {v}");
        assert!(stderr(&o).contains("unknown operator `f`"), "{cmd}");
        // Nothing is written for a rejected file.
        assert!(!dir.path().join("proofs").exists(), "{cmd} wrote proofs/");
    }
}
