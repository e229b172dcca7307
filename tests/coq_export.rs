//! `ergo export coq`: the exported proofs are re-checked by Coq (`coqc`, `coqchk`), rest
//! on exactly the theory's axioms and parameters, use no tactics, and only kernel-checked
//! certificates are ever exported.
//!
//! The tests that run Coq print a reason and return early when `coqc` is not on PATH;
//! CI installs Coq, so there they always run. The export-only checks always run.
mod common;
use common::{ergo, root};

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::{Command, Output};
use std::time::Instant;

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Whether a Coq tool runs; if not, fails under `CI=true` and otherwise says why the
/// caller skips.
fn have(tool: &str, test: &str) -> bool {
    common::tool_runs(
        tool,
        test,
        "install Coq (Debian: apt-get install coq) to run it",
    )
}

/// Runs `coqc -Q . Ergo FILE` in `dir`.
fn coqc(dir: &Path, file: &str) -> Output {
    Command::new("coqc")
        .args(["-Q", ".", "Ergo", file])
        .current_dir(dir)
        .output()
        .expect("run coqc")
}

/// A scratch layout: `axioms/peano.mpl` and `proofs/peano.proof.json`.
fn scratch() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in ["axioms/peano.mpl", "proofs/peano.proof.json"] {
        std::fs::create_dir_all(dir.path().join(f).parent().unwrap()).unwrap();
        std::fs::copy(root().join(f), dir.path().join(f)).unwrap();
    }
    dir
}

/// Exports the committed Peano certificate with `--json`; returns the summary row.
fn export_peano(out: &Path) -> Value {
    let o = ergo(
        &["export", "coq", "proofs/peano.proof.json", "--out"],
        &root(),
    );
    assert_eq!(o.status.code(), Some(2), "--out needs a value");
    let out = out.to_str().unwrap();
    let args = [
        "export",
        "coq",
        "proofs/peano.proof.json",
        "--out",
        out,
        "--json",
    ];
    let o = ergo(&args, &root());
    assert_eq!(o.status.code(), Some(0), "stderr: {}", text(&o.stderr));
    let v: Value = serde_json::from_str(&text(&o.stdout)).expect("one JSON object");
    assert_eq!(v["rejected"].as_array().unwrap().len(), 0);
    v["exported"][0].clone()
}

/// The blocks of `Print Assumptions` output, in order: the names each one lists.
fn assumptions(stdout: &str) -> Vec<Vec<String>> {
    let mut blocks: Vec<Vec<String>> = Vec::new();
    for line in stdout.lines() {
        if line == "Axioms:" || line.starts_with("Closed under the global context") {
            blocks.push(Vec::new());
        } else if !line.starts_with(char::is_whitespace) && !line.is_empty() {
            // `name : type`, or `name` alone with the type on the next, indented line.
            let name = line.split_once(" : ").map_or(line, |(n, _)| n);
            let ident = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '\'';
            assert!(
                name.chars().all(ident),
                "unexpected line in Print Assumptions: {line}"
            );
            let block = blocks.last_mut().expect("an entry before any header");
            block.push(name.to_string());
        }
    }
    blocks
}

/// The MPL-to-Coq names of an export summary, by kind.
fn names(row: &Value, kinds: &[&str]) -> BTreeMap<String, String> {
    row["names"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| kinds.contains(&n["kind"].as_str().unwrap()))
        .map(|n| {
            let s = |k: &str| n[k].as_str().unwrap().to_string();
            (s("mpl"), s("coq"))
        })
        .collect()
}

/// Checks the `Print Assumptions` output of `coqc` against an export summary: one block
/// per theorem, listing exactly the axioms the kernel says the theorem rests on, plus
/// parameters of the theory (non-constructor operators, predicates, sorts without
/// constructors), and nothing else.
fn check_assumptions(row: &Value, stdout: &str) {
    let axioms = names(row, &["axiom"]);
    let params: BTreeSet<String> = names(row, &["operator", "predicate", "sort"])
        .into_values()
        .collect();
    let coq_axioms: BTreeSet<String> = axioms.values().cloned().collect();
    let theorems = row["theorems"].as_array().unwrap();
    let blocks = assumptions(stdout);
    assert_eq!(
        blocks.len(),
        theorems.len(),
        "one Print Assumptions per theorem:\n{stdout}"
    );
    for (t, listed) in theorems.iter().zip(&blocks) {
        let expected: BTreeSet<&str> = t["axioms"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| axioms[a.as_str().unwrap()].as_str())
            .collect();
        let found: BTreeSet<&str> = listed
            .iter()
            .filter(|n| coq_axioms.contains(*n))
            .map(String::as_str)
            .collect();
        assert_eq!(found, expected, "axioms of {}", t["name"]);
        for n in listed {
            assert!(
                coq_axioms.contains(n) || params.contains(n),
                "{} rests on `{n}`, which is not of the theory",
                t["name"]
            );
        }
    }
}

#[test]
fn peano_export_passes_coqc_and_coqchk_and_rests_only_on_the_theory() {
    let dir = tempfile::tempdir().unwrap();
    let v_file = dir.path().join("peano.v");
    let row = export_peano(&v_file);
    let bytes = std::fs::metadata(&v_file).unwrap().len();
    assert_eq!(row["bytes"].as_u64(), Some(bytes));
    assert_eq!(row["theorems"].as_array().unwrap().len(), 12);
    if !have("coqc", "coqc on the Peano export") {
        return;
    }
    let started = Instant::now();
    let o = coqc(dir.path(), "peano.v");
    let took = started.elapsed();
    let stdout = text(&o.stdout);
    assert!(
        o.status.success(),
        "coqc failed:\n{}\n{stdout}",
        text(&o.stderr)
    );
    eprintln!("coqc on the Peano export: {took:.2?}; file size {bytes} bytes");
    check_assumptions(&row, &stdout);
    assert!(!stdout.contains("classic") && !stdout.contains("functional_extensionality"));
    coqchk(dir.path(), "peano", &row);
}

#[test]
fn every_committed_certificate_passes_coqc_and_coqchk() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    let o = ergo(
        &["export", "coq", "proofs", "--out", out, "--json"],
        &root(),
    );
    assert_eq!(o.status.code(), Some(0), "stderr: {}", text(&o.stderr));
    let v: Value = serde_json::from_str(&text(&o.stdout)).unwrap();
    let rows = v["exported"].as_array().unwrap();
    assert!(!rows.is_empty());
    if !have("coqc", "coqc on every committed certificate") {
        return;
    }
    for row in rows {
        let file = Path::new(row["out"].as_str().unwrap());
        let (dir, name) = (file.parent().unwrap(), file.file_name().unwrap());
        let o = coqc(dir, name.to_str().unwrap());
        assert!(
            o.status.success(),
            "coqc {}:\n{}",
            file.display(),
            text(&o.stderr)
        );
        check_assumptions(row, &text(&o.stdout));
        let module = name.to_str().unwrap().strip_suffix(".v").unwrap();
        coqchk(dir, module, row);
    }
}

/// Runs `coqchk` on the compiled `Ergo.<module>` in `dir` (skipped without coqchk) and
/// checks its own summary: every axiom it lists is a theory axiom or parameter.
fn coqchk(dir: &Path, module: &str, row: &Value) {
    if !have("coqchk", "coqchk") {
        return;
    }
    let library = format!("Ergo.{module}");
    let o = Command::new("coqchk")
        .args(["-silent", "-o", "-Q", ".", "Ergo", &library])
        .current_dir(dir)
        .output()
        .expect("run coqchk");
    let out = format!("{}{}", text(&o.stdout), text(&o.stderr));
    assert!(o.status.success(), "coqchk failed:\n{out}");
    let allowed: BTreeSet<String> = names(row, &["axiom", "operator", "predicate", "sort"])
        .into_values()
        .collect();
    let section = out
        .split("* Axioms:")
        .nth(1)
        .expect("coqchk lists the axioms");
    let section = section.split("\n*").next().unwrap();
    let listed: Vec<&str> = section.split_whitespace().collect();
    assert!(!listed.is_empty());
    for name in listed {
        let short = name.strip_prefix(&format!("{library}.")).unwrap_or(name);
        assert!(allowed.contains(short), "coqchk lists `{name}`");
    }
}

#[test]
fn nested_inductions_and_other_shapes_pass_coqc() {
    let dir = scratch();
    let proofs = dir.path().join("proofs");
    std::fs::copy(
        root().join("src/kernel/tests/fixtures/peano_nested.proof.json"),
        proofs.join("nested.proof.json"),
    )
    .unwrap();
    std::fs::write(proofs.join("reverted.proof.json"), reverted_hypothesis()).unwrap();
    // A second theory: an uninterpreted sort, two recursive arguments, predicates, every
    // connective in axioms, and names that collide in Coq (`add` and `+`).
    std::fs::write(dir.path().join("axioms/lists.mpl"), LISTS).unwrap();
    let o = ergo(
        &["prove", "axioms/lists.mpl", "--timeout", "20"],
        dir.path(),
    );
    assert!(
        proofs.join("lists.proof.json").exists(),
        "{}",
        text(&o.stderr)
    );
    let o = ergo(
        &["export", "coq", "proofs", "--out", "out", "--json"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0), "stderr: {}", text(&o.stderr));
    let v: Value = serde_json::from_str(&text(&o.stdout)).unwrap();
    let rows = v["exported"].as_array().unwrap();
    let outs: Vec<&str> = rows.iter().map(|r| r["out"].as_str().unwrap()).collect();
    assert_eq!(
        outs,
        [
            "out/lists.v",
            "out/nested.v",
            "out/peano.v",
            "out/reverted.v"
        ]
    );
    let lists = std::fs::read_to_string(dir.path().join("out/lists.v")).unwrap();
    for decl in [
        "Parameter E : Type.",
        "| cons : E -> L -> L.",
        "| node : T -> T -> T.",
        "Parameter add : N -> N -> N.",
        "Parameter add_1 : N -> N -> N.",
        // The predicate `lt` is an operator into the implicit sort `Prop` (a Coq
        // keyword, hence `Prop_1`), and its atoms are equations with `⊤` (`top`).
        "Parameter Prop_1 : Type.",
        "Parameter top : Prop_1.",
        "Parameter lt : N -> N -> Prop_1.",
        "Axiom lt_irrefl : forall a : N, lt a a <> top.",
        // A conjunctive axiom is split into clauses at load time (src/mpl/normal.rs).
        "Axiom conj_dot_1 : forall a : N, lt a (s a) = top.",
        "Axiom conj_dot_2 : forall a : N, a <> s a.",
        "Axiom conj_dot_3 : forall a b : N, lt a b = top -> lt a (s b) = top.",
    ] {
        assert!(lists.contains(decl), "missing `{decl}` in:\n{lists}");
    }
    let nested = std::fs::read_to_string(dir.path().join("out/nested.v")).unwrap();
    let inductions = strip_comments(&nested).matches("N_ind").count();
    assert_eq!(
        inductions, 4,
        "three inductions in add_comm, one in mul_zero_l"
    );
    // The inner induction of `reverted` reverts the outer hypothesis ih_x: its motive
    // has it as a premise, each case re-introduces it, and it is passed to N_ind.
    let reverted = std::fs::read_to_string(dir.path().join("out/reverted.v")).unwrap();
    for part in [
        "(fun (x : N) => add zero x = x -> add zero (s x) = s x)",
        "(fun (ih_x : add zero zero = zero) =>",
        "(fun (y : N) (ih_y : add zero y = y -> add zero (s y) = s y) (ih_x : add zero (s y) = s y) =>",
        "           x\n           ih_x)",
    ] {
        assert!(reverted.contains(part), "missing `{part}` in:\n{reverted}");
    }
    if !have("coqc", "coqc on nested inductions") {
        return;
    }
    for row in rows {
        let f = row["out"].as_str().unwrap().strip_prefix("out/").unwrap();
        let o = coqc(&dir.path().join("out"), f);
        assert!(o.status.success(), "coqc {f}:\n{}", text(&o.stderr));
        check_assumptions(row, &text(&o.stdout));
        coqchk(&dir.path().join("out"), f.strip_suffix(".v").unwrap(), row);
    }
}

#[test]
fn a_certificate_the_kernel_rejects_is_never_exported() {
    let dir = scratch();
    let good = dir.path().join("proofs/peano.proof.json");
    let mut cert: Value = serde_json::from_str(&std::fs::read_to_string(&good).unwrap()).unwrap();
    let theorems = cert["theorems"].as_array_mut().unwrap();
    let t = theorems
        .iter_mut()
        .find(|t| t["name"] == "mul_one_r")
        .unwrap();
    assert_eq!(t["proof"]["steps"][1]["rule"], "mul_zero");
    t["proof"]["steps"][1]["rule"] = Value::from("add_zero");
    let bad = dir.path().join("bad/peano.proof.json");
    std::fs::create_dir_all(bad.parent().unwrap()).unwrap();
    std::fs::write(&bad, serde_json::to_string_pretty(&cert).unwrap()).unwrap();

    let o = ergo(&["verify", "bad/peano.proof.json"], dir.path());
    assert_eq!(
        o.status.code(),
        Some(1),
        "the kernel rejects the tampered proof"
    );
    let o = ergo(&["export", "coq", "bad/peano.proof.json"], dir.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty(), "no Coq text: {}", text(&o.stdout));
    assert!(text(&o.stderr).contains("REJECTED"), "{}", text(&o.stderr));
    let o = ergo(
        &["export", "coq", "bad/peano.proof.json", "--out", "bad.v"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(!dir.path().join("bad.v").exists());

    // A tampered axiom: the digest no longer matches; nothing is exported either.
    let mut cert: Value = serde_json::from_str(&std::fs::read_to_string(&good).unwrap()).unwrap();
    cert["theory"]["axioms"][2]["statement"] = Value::from("(forall ((a N)) (= (+ a 0) 0))");
    std::fs::write(&bad, serde_json::to_string_pretty(&cert).unwrap()).unwrap();
    let o = ergo(
        &["export", "coq", "bad/peano.proof.json", "--json"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    let v: Value = serde_json::from_str(&text(&o.stdout)).unwrap();
    assert_eq!(v["exported"].as_array().unwrap().len(), 0);
    assert_eq!(v["rejected"][0]["certificate"], "bad/peano.proof.json");

    // In a folder, the good certificate is exported and the bad one is not.
    std::fs::copy(&good, dir.path().join("bad/good.proof.json")).unwrap();
    let o = ergo(&["export", "coq", "bad", "--out", "out"], dir.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(dir.path().join("out/good.v").exists());
    assert!(!dir.path().join("out/peano.v").exists());
}

#[test]
fn a_broken_proof_term_is_rejected_by_coqc() {
    let dir = tempfile::tempdir().unwrap();
    export_peano(&dir.path().join("peano.v"));
    let good = std::fs::read_to_string(dir.path().join("peano.v")).unwrap();
    let body_start = good.find("Definition ").unwrap();
    let (decls, body) = good.split_at(body_start);
    let mutants = [
        // another axiom of the same arity in one application
        ("(mul_zero zero)", "(add_zero zero)"),
        // a flipped step: eq_sym dropped once
        ("(eq_sym (add_zero y))", "(add_zero y)"),
        // a wrong instance
        ("(add_succ zero x)", "(add_succ x zero)"),
        // the induction hypothesis at the wrong argument
        ("(ih_x y z)", "(ih_x z y)"),
    ];
    let mut files = Vec::new();
    for (k, (from, to)) in mutants.iter().enumerate() {
        assert!(body.contains(from), "`{from}` not in the export");
        let mutant = format!("{decls}{}", body.replacen(from, to, 1));
        assert_ne!(mutant, good);
        let name = format!("mutant{k}.v");
        std::fs::write(dir.path().join(&name), mutant).unwrap();
        files.push(name);
    }
    if !have("coqc", "coqc on mutated proof terms") {
        return;
    }
    assert!(coqc(dir.path(), "peano.v").status.success());
    for f in &files {
        let o = coqc(dir.path(), f);
        assert!(!o.status.success(), "coqc accepted the broken {f}");
        assert!(text(&o.stderr).contains("Error"), "{}", text(&o.stderr));
    }
}

#[test]
fn exports_are_deterministic_and_json_carries_the_text() {
    let run = |path| ergo(&["export", "coq", path], &root());
    let (a, b) = (
        run("proofs/peano.proof.json"),
        run("proofs/peano.proof.json"),
    );
    assert_eq!(a.status.code(), Some(0), "{}", text(&a.stderr));
    assert!(!a.stdout.is_empty());
    assert_eq!(a.stdout, b.stdout, "two exports are byte-identical");
    let (c, d) = (run("proofs"), run("proofs"));
    assert_eq!(c.status.code(), Some(0), "{}", text(&c.stderr));
    assert_eq!(
        c.stdout, d.stdout,
        "two exports of a folder are byte-identical"
    );
    assert!(text(&c.stdout).contains(&text(&a.stdout)));
    let j = ergo(
        &["export", "coq", "proofs/peano.proof.json", "--json"],
        &root(),
    );
    let v: Value = serde_json::from_str(&text(&j.stdout)).unwrap();
    assert_eq!(
        v["exported"][0]["text"].as_str().unwrap().as_bytes(),
        a.stdout
    );
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.v");
    export_peano(&out);
    assert_eq!(std::fs::read(&out).unwrap(), a.stdout);
}

#[test]
fn generated_proofs_are_terms_without_tactics() {
    let o = ergo(&["export", "coq", "proofs/peano.proof.json"], &root());
    let v = text(&o.stdout);
    let code = strip_comments(&v);
    const TACTICS: &[&str] = &[
        "Proof",
        "Qed",
        "Defined",
        "Admitted",
        "Abort",
        "Ltac",
        "Require",
        "intro",
        "intros",
        "rewrite",
        "auto",
        "eauto",
        "apply",
        "exact",
        "induction",
        "elim",
        "destruct",
        "reflexivity",
        "symmetry",
        "transitivity",
        "simpl",
        "trivial",
        "congruence",
        "lia",
        "omega",
        "tauto",
        "firstorder",
        "assumption",
        "by",
        "now",
        "easy",
        "f_equal_tac",
    ];
    let words: BTreeSet<&str> = code
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .collect();
    for t in TACTICS {
        assert!(!words.contains(t), "tactic or command `{t}` in the export");
    }
    // Every sentence is a declaration, a definition by term, or Print Assumptions.
    let sentences: Vec<&str> = code
        .split(".\n")
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for s in &sentences {
        let kind = s.split_whitespace().next().unwrap();
        *kinds.entry(kind).or_default() += 1;
        if kind == "Definition" {
            assert!(s.contains(" :=\n"), "a definition by an explicit term: {s}");
        }
    }
    let expected = BTreeMap::from([
        ("Inductive", 1),
        ("Parameter", 2),
        ("Axiom", 6),
        ("Definition", 12),
        ("Print", 12),
    ]);
    assert_eq!(kinds, expected);
}

#[test]
fn bad_input_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let o = ergo(&["export", "coq", "missing.proof.json"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    let o = ergo(&["export", "coq", "."], dir.path());
    assert_eq!(
        o.status.code(),
        Some(2),
        "no certificate in an empty folder"
    );
}

/// Coq text without its comments (which nest).
fn strip_comments(v: &str) -> String {
    let (mut out, mut depth, mut rest) = (String::new(), 0usize, v);
    while !rest.is_empty() {
        if rest.starts_with("(*") {
            depth += 1;
            rest = &rest[2..];
        } else if depth > 0 && rest.starts_with("*)") {
            depth -= 1;
            rest = &rest[2..];
        } else {
            let c = rest.chars().next().unwrap();
            if depth == 0 {
                out.push(c);
            }
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// A Peano certificate whose inner induction re-inducts on the variable of the outer
/// one: the outer induction hypothesis is simple (no variables, no premises), so the
/// kernel reverts it: each inner case re-introduces it for its value, and the inner
/// induction hypothesis has it as a premise.
fn reverted_hypothesis() -> String {
    let text = std::fs::read_to_string(root().join("proofs/peano.proof.json")).unwrap();
    let mut cert: Value = serde_json::from_str(&text).unwrap();
    cert["version"] = Value::from(2);
    cert["theorems"] = serde_json::from_str(REVERTED).unwrap();
    serde_json::to_string_pretty(&cert).unwrap()
}

const REVERTED: &str = r#"[{"name": "zero_add_twice", "statement": "(forall ((x N)) (= (+ 0 x) x))",
 "proof": {"method": "induction", "var": "x", "cases": [
  {"constructor": "0", "fresh": [], "proof": {"method": "chain", "steps": [
   {"kind": "axiom", "rule": "add_zero", "dir": "lr", "pos": [], "subst": {"a": "0"}, "term": "0"}]}},
  {"constructor": "s", "fresh": ["x"], "proof": {"method": "induction", "var": "x", "cases": [
   {"constructor": "0", "fresh": [], "proof": {"method": "chain", "steps": [
    {"kind": "axiom", "rule": "add_succ", "dir": "lr", "pos": [], "subst": {"a": "0", "b": "0"}, "term": "(s (+ 0 0))"},
    {"kind": "hyp", "rule": "ih_x", "dir": "lr", "pos": [0], "subst": {}, "term": "(s 0)"}]}},
   {"constructor": "s", "fresh": ["y"], "proof": {"method": "chain", "steps": [
    {"kind": "axiom", "rule": "add_succ", "dir": "lr", "pos": [], "subst": {"a": "0", "b": "(s y)"}, "term": "(s (+ 0 (s y)))"},
    {"kind": "hyp", "rule": "ih_x", "dir": "lr", "pos": [0], "subst": {}, "term": "(s (s y))"}]}}]}}]}}]"#;

const LISTS: &str = "theory lists;
sort E;
inductive L = nil | cons(E, L);
inductive T = leaf | node(T, T);
inductive N = 0 | s(N);
op ++(L, L) -> L infixr 5;
op rev(L) -> L;
op mirror(T) -> T;
op add(N, N) -> N;
op +(N, N) -> N infixl 6;
op size(T) -> N;
pred lt(N, N);
axiom app_nil: (>[l] (=[nil ++ l, l]));
axiom app_cons: (>[x,l,m] (=[cons(x, l) ++ m, cons(x, l ++ m)]));
axiom rev_nil: (=[rev(nil), nil]);
axiom rev_cons: (>[x,l] (=[rev(cons(x, l)), rev(l) ++ cons(x, nil)]));
axiom mirror_leaf: (=[mirror(leaf), leaf]);
axiom mirror_node: (>[a,b] (=[mirror(node(a, b)), node(mirror(b), mirror(a))]));
axiom add_def: (>[a,b] (=[add(a,b), a + b]));
axiom plus_zero: (>[a] (=[a + 0, a]));
axiom plus_succ: (>[a,b] (=[a + s(b), s(a + b)]));
axiom size_leaf: (=[size(leaf), 0]);
axiom size_node: (>[a,b] (=[size(node(a,b)), s(size(a) + size(b))]));
axiom lt_irrefl: (>[a] !(lt[a, a]));
axiom conj: (>[a,b] (& (lt[a, s(a)]) !(=[a, s(a)]) (>[] (lt[a,b]) (lt[a, s(b)]))));
conjecture app_nil_r: (=[l ++ nil, l]);
conjecture app_assoc: (=[(l ++ m) ++ n, l ++ (m ++ n)]);
conjecture rev_app: (=[rev(l ++ m), rev(m) ++ rev(l)]);
conjecture rev_rev: (=[rev(rev(l)), l]);
conjecture mirror_mirror: (=[mirror(mirror(t)), t]);
conjecture zero_plus: (=[0 + x, x]);
conjecture plus_comm: (=[x + y, y + x]);
conjecture add_comm: (=[add(x, y), add(y, x)]);
conjecture size_mirror: (=[size(mirror(t)), size(t)]);
";

/// The version 2 fixture: clause statements (a negation, premises), case splits,
/// contradictions, conditional steps with premise proofs, conditional induction
/// hypotheses. `source` points at the repository's `axioms/peano.mpl`.
const CONDITIONAL: &str = "tests/fixtures/peano_conditional.proof.json";

/// Exports [`CONDITIONAL`] into `out`; returns the summary row.
fn export_conditional(out: &Path) -> Value {
    let args = [
        "export",
        "coq",
        CONDITIONAL,
        "--out",
        out.to_str().unwrap(),
        "--json",
    ];
    let o = ergo(&args, &root());
    assert_eq!(o.status.code(), Some(0), "stderr: {}", text(&o.stderr));
    let v: Value = serde_json::from_str(&text(&o.stdout)).expect("one JSON object");
    assert_eq!(v["rejected"].as_array().unwrap().len(), 0);
    v["exported"][0].clone()
}

#[test]
fn clauses_case_splits_and_contradictions_pass_coqc_and_coqchk() {
    let dir = tempfile::tempdir().unwrap();
    let v_file = dir.path().join("conditional.v");
    let row = export_conditional(&v_file);
    let names: Vec<&str> = row["theorems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "succ_ne_self",
            "add_cancel_r",
            "add_eq_zero_r",
            "succ_add_zero_ne_self",
            "add_one_cancel"
        ]
    );
    let v = std::fs::read_to_string(&v_file).unwrap();
    for part in [
        // Clause axioms, as written.
        "Axiom succ_ne_zero : forall a : N, s a <> zero.",
        "Axiom succ_inj : forall a b : N, s a = s b -> a = b.",
        // A negation: its equation is the hypothesis h1, the goal False.
        "Definition succ_ne_self : forall x : N, ~ (s x = x) :=",
        "fun (x : N) (h1 : s x = x) =>",
        // Induction reverts h1: the motive has it as a premise, the goal is False.
        "(fun (x : N) => s x = x -> False)",
        "(fun (h1 : s zero = zero) => succ_ne_zero zero h1)",
        "(ih_m : s m = m -> False) (h1 : s (s m) = s m) => ih_m (succ_inj (s m) m h1)",
        // Premises: a conditional induction hypothesis applied to a premise proof.
        "Definition add_cancel_r : forall a b c : N, add b a = add c a -> b = c :=",
        "(ih_m : forall b c : N, add b m = add c m -> b = c)",
        // A case split: T_ind with the induction hypothesis unused; a contradiction
        // proving an equation.
        "(_ : forall a : N, add a m = zero -> m = zero)",
        "False_ind (s m = zero) (succ_ne_zero (add a m)",
        // A theorem concluding falsity used as a contradiction; one with premises used
        // as a conditional step.
        "succ_ne_self x (eq_trans",
        "add_cancel_r (s zero) b c h1",
    ] {
        assert!(v.contains(part), "missing `{part}` in:\n{v}");
    }
    if !have("coqc", "coqc on clauses, case splits and contradictions") {
        return;
    }
    let o = coqc(dir.path(), "conditional.v");
    let stdout = text(&o.stdout);
    assert!(
        o.status.success(),
        "coqc failed:\n{}\n{stdout}",
        text(&o.stderr)
    );
    check_assumptions(&row, &stdout);
    // Exactly the axioms the kernel reports, e.g. succ_ne_self on the two clauses.
    let blocks = assumptions(&stdout);
    assert_eq!(blocks[0], ["succ_ne_zero", "succ_inj"], "{stdout}");
    coqchk(dir.path(), "conditional", &row);

    // Single-step mutations of contradictions and conditional steps: each is rejected.
    let body_start = v.find("Definition ").unwrap();
    let (decls, body) = v.split_at(body_start);
    let mutants = [
        // a contradiction at the wrong instance
        ("succ_ne_zero zero h1", "succ_ne_zero (s zero) h1"),
        // a contradiction without its premise proof
        ("ih_m (succ_inj (s m) m h1)", "ih_m (succ_inj (s m) m)"),
        // a conditional step without its premise proof
        ("add_cancel_r (s zero) b c h1", "add_cancel_r (s zero) b c"),
        // a premise proof of the wrong equation
        (
            "(eq_trans h1 (add_succ c m))",
            "(eq_trans h1 (add_succ m c))",
        ),
        // a contradiction claimed to prove another equation
        ("False_ind (s m = zero)", "False_ind (m = zero)"),
        // a conditional induction hypothesis used at the wrong instance
        (
            "ih_m\n           b\n           c",
            "ih_m\n           c\n           b",
        ),
    ];
    let mut files = Vec::new();
    for (k, (from, to)) in mutants.iter().enumerate() {
        assert!(body.contains(from), "`{from}` not in the export");
        let mutant = format!("{decls}{}", body.replacen(from, to, 1));
        let name = format!("mutant{k}.v");
        std::fs::write(dir.path().join(&name), mutant).unwrap();
        files.push(name);
    }
    for f in &files {
        let o = coqc(dir.path(), f);
        assert!(!o.status.success(), "coqc accepted the broken {f}");
        assert!(text(&o.stderr).contains("Error"), "{}", text(&o.stderr));
    }
}

#[test]
fn clause_exports_are_deterministic_and_use_no_tactics() {
    let run = || ergo(&["export", "coq", CONDITIONAL], &root());
    let (a, b) = (run(), run());
    assert_eq!(a.status.code(), Some(0), "{}", text(&a.stderr));
    assert_eq!(a.stdout, b.stdout, "two exports are byte-identical");
    let code = strip_comments(&text(&a.stdout));
    let words: BTreeSet<&str> = code
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .collect();
    for t in [
        "Proof",
        "Qed",
        "Admitted",
        "intro",
        "exact",
        "destruct",
        "contradiction",
        "discriminate",
        "injection",
        "elim",
        "apply",
    ] {
        assert!(!words.contains(t), "tactic or command `{t}` in the export");
    }
    assert_eq!(code.matches("Definition ").count(), 5);
    assert_eq!(code.matches("Print Assumptions ").count(), 5);
}

/// A theory with a declared predicate (`axioms/order_pred.mpl`): proved, exported and
/// re-checked by Coq. The predicate is an operator into the implicit sort `Prop`, which
/// must not be Coq's `Prop`, and `⊤` gets an ASCII name.
#[test]
fn predicate_theories_export_and_pass_coqc_and_coqchk() {
    let dir = scratch();
    std::fs::copy(
        root().join("axioms/order_pred.mpl"),
        dir.path().join("axioms/order_pred.mpl"),
    )
    .unwrap();
    let o = ergo(
        &[
            "prove",
            "axioms/order_pred.mpl",
            "--out",
            "proofs/order_pred.proof.json",
        ],
        dir.path(),
    );
    assert!(
        dir.path().join("proofs/order_pred.proof.json").exists(),
        "{}",
        text(&o.stderr)
    );
    let o = ergo(
        &[
            "export",
            "coq",
            "proofs/order_pred.proof.json",
            "--out",
            "out/order_pred.v",
            "--json",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0), "stderr: {}", text(&o.stderr));
    let v: Value = serde_json::from_str(&text(&o.stdout)).unwrap();
    let row = &v["exported"][0];
    let theorems: Vec<&str> = row["theorems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert!(
        theorems.contains(&"le_trans") && theorems.contains(&"le_antisym"),
        "{theorems:?}"
    );
    let names = names(row, &["sort", "operator"]);
    assert_eq!(names["Prop"], "Prop_1");
    assert_eq!(names["⊤"], "top");
    let out = std::fs::read_to_string(dir.path().join("out/order_pred.v")).unwrap();
    for decl in [
        "Parameter Prop_1 : Type.",
        "Parameter top : Prop_1.",
        "Parameter le : N -> N -> Prop_1.",
        "Axiom le_succ : forall a b : N, le a b = top -> le (s a) (s b) = top.",
        "Axiom le_succ_zero : forall a : N, le (s a) zero <> top.",
        // The MPL shown in comments is the user's notation.
        "(* le_succ_zero: (>[a:N] !(le[s(a), 0])) *)",
    ] {
        assert!(out.contains(decl), "missing `{decl}` in:\n{out}");
    }
    assert!(!out.contains(": Prop."), "no Coq Prop:\n{out}");
    if !have("coqc", "coqc on a predicate theory") {
        return;
    }
    let out_dir = dir.path().join("out");
    let o = coqc(&out_dir, "order_pred.v");
    assert!(o.status.success(), "coqc:\n{}", text(&o.stderr));
    check_assumptions(row, &text(&o.stdout));
    coqchk(&out_dir, "order_pred", row);
}

mod poly_theory;
use poly_theory as poly;

/// What the proof builder writes for these citations (see `src/export/proof.rs`): a
/// scheme cited at explicit sorts, an instance axiom as its scheme, a theorem scheme
/// over its own sort variables, induction on an instance sort with `List_ind N`.
const POLY_PROOFS: &str = "
Definition app_nil_n : forall l : List N, @app N (@nil N) l = l :=
  fun (l : List N) => @app_nil N l.
Definition map_cons_n : forall (f : N -> N) (x : N) (l : List N),
  @map N N f (@cons N x l) = @cons N (f x) (@map N N f l) :=
  fun (f : N -> N) (x : N) (l : List N) => @map_cons N N f x l.
Definition refl_list : forall {A : Type}, forall l : List A, l = l :=
  fun (A : Type) (l : List A) =>
    List_ind A (fun (l : List A) => l = l) (@eq_refl (List A) (@nil A))
      (fun (x : A) (l : List A) (ih_l : l = l) => @eq_refl (List A) (@cons A x l)) l.
Definition refl_list_n : forall l : List N, l = l := fun (l : List N) => @refl_list N l.
Definition ite_n : @ite N true zero (s zero) = zero := @ite_true N zero (s zero).
Print Assumptions map_cons_n.
";

#[test]
fn a_polymorphic_theory_exports_families_schemes_and_arrows_that_coqc_accepts() {
    let theory = poly::theory();
    let file = ergo::export::coq::export_theory(&theory);
    let v = &file.text;
    for line in [
        "Inductive List (A : Type) : Type :=\n| nil : List A\n| cons : A -> List A -> List A.",
        "Arguments nil {A}.",
        "Arguments cons {A} _ _.",
        "Parameter app : forall {A : Type}, List A -> List A -> List A.",
        "Parameter map : forall {A B : Type}, (A -> B) -> List A -> List B.",
        "Parameter ite : forall {A : Type}, Bool -> A -> A -> A.",
        "Axiom app_nil : forall {A : Type}, forall l : List A, @app A (@nil A) l = l.",
        "Axiom map_cons : forall {A B : Type}, forall (f : A -> B) (x : A) (l : List A), \
         @map A B f (@cons A x l) = @cons B (f x) (@map A B f l).",
        "Inductive Bool : Type :=\n| true : Bool\n| false : Bool.",
    ] {
        assert!(v.contains(line), "missing {line:?} in\n{v}");
    }
    // Instances are never declared: one `nil`, one `app_nil`, no `@`.
    assert_eq!(v.matches("| nil :").count(), 1, "{v}");
    assert_eq!(v.matches("Axiom app_nil").count(), 1, "{v}");
    assert!(
        !v.contains("app_nil_N") && !v.contains("Parameter at"),
        "{v}"
    );
    let kinds: Vec<(&str, &str, &str)> = file
        .names
        .iter()
        .map(|e| (e.kind, e.mpl.as_str(), e.coq.as_str()))
        .collect();
    assert!(kinds.contains(&("sort variable", "'a", "A")), "{kinds:?}");
    assert!(kinds.contains(&("inductive", "List", "List")), "{kinds:?}");
    assert_eq!(ergo::export::coq::export_theory(&theory), file);

    let test = "a_polymorphic_theory_exports_families_schemes_and_arrows_that_coqc_accepts";
    if !have("coqc", test) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("poly.v"), format!("{v}{POLY_PROOFS}")).unwrap();
    let o = coqc(dir.path(), "poly.v");
    let stdout = text(&o.stdout);
    assert!(o.status.success(), "{}\n{stdout}", text(&o.stderr));
    assert!(
        stdout.contains(": forall (A B : Type) (f : A -> B)"),
        "{stdout}"
    );
    if !have("coqchk", test) {
        return;
    }
    let chk = Command::new("coqchk")
        .args(["-silent", "-Q", ".", "Ergo", "Ergo.poly"])
        .current_dir(dir.path())
        .output()
        .expect("run coqchk");
    assert!(chk.status.success(), "{}", text(&chk.stderr));
}

#[test]
fn a_sort_variable_named_like_a_sort_gets_a_fresh_coq_name() {
    let mut sig = poly::signature();
    let n = sig.sorts.iter().position(|s| s.name == "N").unwrap();
    sig.sorts[n].name = "A".to_string();
    let theory = poly::from_signature(sig);
    let file = ergo::export::coq::export_theory(&theory);
    assert!(
        file.text
            .contains("Axiom app_nil : forall {A_1 : Type}, forall l : List A_1,"),
        "{}",
        file.text
    );
    assert!(file.text.contains("Inductive A : Type :="), "{}", file.text);
}

/// The hand-written certificate whose theorems are proved by case splits on terms (the
/// `split` method), and its theory `tests/fixtures/split.mpl`.
const SPLIT: &str = "src/kernel/tests/fixtures/split.proof.json";

#[test]
fn splits_on_terms_are_dependent_eliminations_that_coqc_and_coqchk_accept() {
    let dir = tempfile::tempdir().unwrap();
    let v_file = dir.path().join("split.v");
    let out = v_file.to_str().unwrap();
    let o = ergo(&["export", "coq", SPLIT, "--out", out, "--json"], &root());
    assert_eq!(o.status.code(), Some(0), "stderr: {}", text(&o.stderr));
    let v: Value = serde_json::from_str(&text(&o.stdout)).expect("one JSON object");
    assert_eq!(v["rejected"].as_array().unwrap().len(), 0);
    let row = v["exported"][0].clone();
    let v = std::fs::read_to_string(&v_file).unwrap();
    for part in [
        // A split on the Bool condition: Bool_ind with the motive remembering the term.
        "Bool_ind\n      (fun (hole : Bool) =>\n         eqn n x = hole -> count n (@cons N x l) = ",
        "(fun (c1 : eqn n x = true) =>",
        "(fun (c1 : eqn n x = false) =>",
        "(eqn n x)\n      (@eq_refl Bool (eqn n x)).",
        // A split on a list instance term: the family's principle at its parameter, an
        // unused induction hypothesis for the recursive argument.
        "List_ind A\n        (fun (hole : List A) =>\n           @app A k l = hole -> ",
        "(fun (c1 : @app A k l = @nil A) =>",
        "(fun (y : A) (ys : List A) (_ : @app A k l = ys -> ",
        "(c1 : @app A k l = @cons A y ys) =>",
        "(@eq_refl (List A) (@app A k l))",
        // Nested in an induction's step case, next to the induction hypothesis.
        "(ih_ys : forall (n : N) (l : List N), count n (@app N ys l) = add (count n ys) (count n l)) (n : N) (l : List N) =>",
        "Bool_ind\n",
        // A contradiction in one case, from the case hypothesis and the premise.
        "bool_distinct (eq_trans (eq_sym c1) (eq_sym h1))",
    ] {
        assert!(v.contains(part), "missing `{part}` in:\n{v}");
    }
    assert!(!v.contains("match") && !v.contains("Proof."), "{v}");
    if !have("coqc", "coqc on splits on terms") {
        return;
    }
    let o = coqc(dir.path(), "split.v");
    let stdout = text(&o.stdout);
    assert!(
        o.status.success(),
        "coqc failed:\n{}\n{stdout}",
        text(&o.stderr)
    );
    check_assumptions(&row, &stdout);
    coqchk(dir.path(), "split", &row);

    // A case hypothesis stating the other constructor, the term remembered as another
    // one, a case proof moved to the other case: each is rejected.
    let body_start = v.find("Definition ").unwrap();
    let (decls, body) = v.split_at(body_start);
    let mutants = [
        (
            "(fun (c1 : eqn n x = true) =>",
            "(fun (c1 : eqn n x = false) =>",
        ),
        ("(@eq_refl Bool (eqn n x)).", "(@eq_refl Bool (eqn x n))."),
        (
            "(fun (c1 : @app A k l = @nil A) =>",
            "(fun (c1 : @app A k l = @app A k l) =>",
        ),
    ];
    let mut files = Vec::new();
    for (k, (from, to)) in mutants.iter().enumerate() {
        assert!(body.contains(from), "`{from}` not in the export");
        let mutant = format!("{decls}{}", body.replacen(from, to, 1));
        let name = format!("mutant{k}.v");
        std::fs::write(dir.path().join(&name), mutant).unwrap();
        files.push(name);
    }
    for f in &files {
        let o = coqc(dir.path(), f);
        assert!(!o.status.success(), "coqc accepted the broken {f}");
        assert!(text(&o.stderr).contains("Error"), "{}", text(&o.stderr));
    }
}
