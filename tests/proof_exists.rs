//! "There exists" outside the kernel: the hand-written certificate
//! `src/kernel/tests/fixtures/exists.proof.json` (theory `tests/fixtures/exists.mpl`)
//! verifies against its MPL theory, reads back into the proof tree (`Block::Witness`,
//! `Block::Obtain` with the fresh variables and the opened hypotheses), writes back to
//! the same bytes, renders as HTML ("take y := t", "Obtain y0 with h: … from RULE") and
//! exports to Coq terms (`ex_intro`, `ex_ind`, `and_ind`) that coqc and coqchk accept,
//! resting only on the theory's axioms; broken terms are rejected by coqc. `ergo prove`
//! finds witnesses among the goals' own terms, and the kernel accepts its certificates.
//!
//! The Coq checks print a reason and return early when `coqc` is not on PATH (and fail
//! under `CI=true`).
mod common;
use common::{ergo, root, stderr, stdout};

use ergo::mpl::print;
use ergo::proof::clause::Goal;
use ergo::proof::load::verify_file;
use ergo::proof::tree::{self, Block, Origin};
use std::process::Command;

const EXISTS: &str = "src/kernel/tests/fixtures/exists.proof.json";
const THEORY: &str = "tests/fixtures/exists.mpl";

#[test]
fn the_fixture_verifies_against_its_mpl_theory() {
    let o = ergo(&["verify", EXISTS, "--theory", THEORY], &root());
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(
        stdout(&o).contains("7 theorems checked, 0 rejected"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn witnesses_and_obtains_read_back_into_the_proof_tree() {
    let loaded = verify_file(&root().join(EXISTS)).expect("the fixture verifies");
    let replayed = tree::replay(&loaded.theory, &loaded.verified).expect("it replays");
    let th = &replayed.theory;
    let t = |name: &str| {
        replayed
            .theorems
            .iter()
            .find(|t| t.theorem.name == name)
            .unwrap()
    };

    // A witness: its term, and the conjunct with the term in.
    let Block::Witness(w) = &t("succ_exists").proof else {
        panic!("a witness")
    };
    assert_eq!(w.terms.len(), 1);
    assert_eq!(print::term(th, &w.terms[0].1), "s(x)");
    assert_eq!(w.proofs.len(), 1);
    assert_eq!(w.proofs[0].path, "w0-");
    let (l, r) = &w.proofs[0].goal;
    assert_eq!(
        (print::term(th, l), print::term(th, r)),
        ("s(x)".into(), "s(x)".into())
    );
    assert!(matches!(t("succ_exists").statement.goal, Goal::Exists(_)));

    // An induction whose hypothesis is existential, opened in the step case.
    let Block::Induction(ind) = &t("pred_exists").proof else {
        panic!("an induction")
    };
    let step = &ind.cases[1];
    assert!(matches!(&step.goal, Goal::Exists(ex) if ex.vars.len() == 1));
    let ih = &step.hyps[0];
    assert_eq!((ih.name.as_str(), ih.origin), ("ih_k", Origin::Induction));
    assert!(matches!(ih.clause.goal, Goal::Exists(_)));
    let Block::Obtain(o) = &step.body else {
        panic!("an obtain")
    };
    assert_eq!(o.rule.name, "ih_k");
    assert_eq!(
        o.rule.hyp.as_ref().map(|h| h.origin),
        Some(Origin::Induction)
    );
    assert_eq!(th.name(o.fresh[0].name), "m0");
    assert_eq!(o.hyps.len(), 1);
    let e = &o.hyps[0];
    assert_eq!((e.name.as_str(), e.origin), ("e", Origin::Obtained));
    assert_eq!(e.scope, "c1-o-");
    let (l, r) = e.clause.goal.eq().unwrap();
    assert_eq!(
        (print::term(th, l), print::term(th, r)),
        ("s(k)".into(), "m0 + s(0)".into())
    );
    assert_eq!(o.goal, step.goal, "an obtain proves the block's own goal");
    let Block::Witness(w) = &o.body else {
        panic!("a witness after the obtain")
    };
    assert_eq!(print::term(th, &w.terms[0].1), "s(m0)");
    // The step citing `e` resolves to the obtained hypothesis.
    let Block::Chain(chain) = &w.proofs[0].body else {
        panic!("a chain")
    };
    let cited = chain.rows[0].rule.hyp.as_ref().unwrap();
    assert_eq!((cited.name.as_str(), cited.scope.as_str()), ("e", "c1-o-"));

    // Two bound variables, two conjuncts: h.1 and h.2 over the fresh p0, q0.
    let Block::Obtain(o) = &t("pred_from_pair").proof else {
        panic!("an obtain")
    };
    let names: Vec<&str> = o.hyps.iter().map(|h| h.name.as_str()).collect();
    assert_eq!(names, ["h.1", "h.2"]);
    let shown: Vec<String> = o
        .hyps
        .iter()
        .map(|h| {
            let (l, r) = h.clause.goal.eq().unwrap();
            format!("{} = {}", print::term(th, l), print::term(th, r))
        })
        .collect();
    assert_eq!(shown, ["s(s(x)) = s(p0)", "p0 + s(0) = q0"]);
    assert_eq!(o.premises.len(), 1);
    assert_eq!(o.premises[0].path, "p0-");
    assert_eq!(t("pred_from_pair").proof.depth(), 0);
}

#[test]
fn the_exists_certificate_writes_back_to_the_same_bytes() {
    common::assert_writes_back_to_the_same_bytes(EXISTS);
}

#[test]
fn witnesses_and_obtains_are_rendered() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let o = ergo(&["html", EXISTS, "--out", site.to_str().unwrap()], &root());
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(&o));
    let read = |name: &str| std::fs::read_to_string(site.join(format!("thm/{name}.html"))).unwrap();
    let page = read("succ_exists");
    assert!(page.contains("<code>∃y. y = s(x)</code>"), "{page}");
    assert!(
        page.contains(
            "<a href=\"../rules.html#witness\">witness</a>: take <code>y\u{a0}:=\u{a0}s(x)</code>"
        ),
        "{page}"
    );
    let page = read("pred_exists");
    assert!(
        page.contains("<b>ih_k</b>: <code>∃m. s(k) = m + 1</code>"),
        "{page}"
    );
    assert!(page.contains("<a href=\"../rules.html#obtain\">Obtain</a> <code>m0</code> with <b>e</b>: <code>s(k) = m0 + 1</code> from"), "{page}");
    assert!(
        page.contains("id=\"c1-o-h-e\"") && page.contains("(obtained)"),
        "{page}"
    );
    let page = read("pred_from_pair");
    assert!(page.contains("<code>p0 q0</code> with <b>h.1</b>: <code>s(s(x)) = s(p0)</code>, <b>h.2</b>: <code>p0 + 1 = q0</code> from"), "{page}");
    let page = read("pred_pair_exists");
    assert!(
        page.contains("Conjunct 1: ") && page.contains("Conjunct 2: "),
        "{page}"
    );
    let rules = std::fs::read_to_string(site.join("rules.html")).unwrap();
    assert!(rules.contains("id=\"witness\"") && rules.contains("id=\"obtain\""));
}

#[test]
fn the_coq_export_uses_ex_intro_and_ex_ind_and_coq_accepts_it() {
    let dir = tempfile::tempdir().unwrap();
    let v_file = dir.path().join("exists.v");
    let o = ergo(
        &["export", "coq", EXISTS, "--out", v_file.to_str().unwrap()],
        &root(),
    );
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(&o));
    let v = std::fs::read_to_string(&v_file).unwrap();
    for part in [
        "Definition succ_exists : forall x : N, exists (y : N), y = s x :=",
        "ex_intro (fun (y : N) => y = s x) (s x) (@eq_refl N (s x))",
        // The IH is existential; the step case opens it with ex_ind.
        "(fun (k : N) (ih_k : exists (m : N), s k = add m (s zero)) =>",
        "(fun (m0 : N) (e : s k = add m0 (s zero)) =>",
        "-> exists (p : N) (q : N), a = s p /\\ add p (s zero) = q :=",
        "(fun (q : N) => a = s (s b) /\\ add (s b) (s zero) = q)",
        "(conj",
        "@and_ind",
        "(fun (h_dot_1 : s (s x) = s p0) (h_dot_2 : add p0 (s zero) = q0) =>",
        "(pred_pair_exists (s (s x)) x (@eq_refl N (s (s x))))",
        // An existential axiom is declared with Coq's `exists`, and opened by ex_ind.
        "Axiom has_succ : forall n : N, exists m : N, m = s n.",
        "(has_succ x).",
    ] {
        assert!(v.contains(part), "missing `{part}` in:\n{v}");
    }
    assert!(!v.contains("match") && !v.contains("Proof."), "{v}");
    let have = |tool: &str| {
        common::tool_runs(
            tool,
            "coqc on there-exists",
            "install Coq (Debian: apt-get install coq) to run it",
        )
    };
    if !have("coqc") {
        return;
    }
    let coqc = |file: &str| {
        Command::new("coqc")
            .args(["-Q", ".", "Ergo", file])
            .current_dir(dir.path())
            .output()
            .expect("run coqc")
    };
    let o = coqc("exists.v");
    assert!(
        o.status.success(),
        "coqc failed:\n{}{}",
        stderr(&o),
        stdout(&o)
    );
    // Every theorem rests on the axioms of the theory only.
    let out = stdout(&o);
    assert!(!out.contains("classic") && !out.contains("choice"), "{out}");
    if have("coqchk") {
        let o = Command::new("coqchk")
            .args(["-silent", "-o", "-Q", ".", "Ergo", "Ergo.exists"])
            .current_dir(dir.path())
            .output()
            .expect("run coqchk");
        let text = format!("{}{}", stdout(&o), stderr(&o));
        assert!(o.status.success(), "coqchk failed:\n{text}");
        let axioms = text.split("* Axioms:").nth(1).unwrap();
        let axioms: Vec<&str> = axioms
            .split("\n*")
            .next()
            .unwrap()
            .split_whitespace()
            .collect();
        assert_eq!(
            axioms,
            [
                "Ergo.exists.add_zero",
                "Ergo.exists.add_succ",
                "Ergo.exists.has_succ",
                "Ergo.exists.add"
            ]
        );
    }
    // A wrong witness, an obtained hypothesis stating something else: coqc rejects both.
    let body_start = v.find("Definition ").unwrap();
    let (decls, body) = v.split_at(body_start);
    for (k, (from, to)) in [
        (
            "(fun (y : N) => y = s x) (s x)",
            "(fun (y : N) => y = s x) x",
        ),
        ("(e : s k = add m0 (s zero))", "(e : s k = add k (s zero))"),
    ]
    .iter()
    .enumerate()
    {
        assert!(body.contains(from), "`{from}` not in the export");
        let name = format!("mutant{k}.v");
        std::fs::write(
            dir.path().join(&name),
            format!("{decls}{}", body.replacen(from, to, 1)),
        )
        .unwrap();
        let o = coqc(&name);
        assert!(!o.status.success(), "coqc accepted the broken {name}");
    }
}

#[test]
fn prove_finds_witnesses_among_the_goals_own_terms_and_the_kernel_accepts_them() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("exists.proof.json");
    let o = ergo(&["prove", THEORY, "--out", out.to_str().unwrap()], &root());
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("7/7 proved"), "{text}");
    for method in [
        "witness y := (s x)",
        "witness p := (s 0)",
        "witness m := n",
        "witness p := (s b), q := a",
    ] {
        assert!(text.contains(method), "{method} in {text}");
    }
    // The existential axiom is skipped by the engine, with its reason.
    assert!(
        stderr(&o).contains("axiom `has_succ` is skipped by the engine: an existential conclusion"),
        "{}",
        stderr(&o)
    );
    // The certificate states the conjectures as written and verifies against the theory.
    let o = ergo(
        &["verify", out.to_str().unwrap(), "--theory", THEORY],
        &root(),
    );
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(
        stdout(&o).contains("7 theorems checked, 0 rejected"),
        "{}",
        stdout(&o)
    );
    // The same bytes on a second run.
    let again = dir.path().join("again.proof.json");
    let o = ergo(
        &["prove", THEORY, "--out", again.to_str().unwrap()],
        &root(),
    );
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(std::fs::read(&out).unwrap(), std::fs::read(&again).unwrap());

    // A witness that needs discovered lemmas (commutativity), and a goal without one:
    // listed as not proved, counted, never a crash.
    let out = dir.path().join("more.proof.json");
    let args = [
        "prove",
        THEORY,
        "--goal",
        "(>[x,y] !(>[z] !(=[x + y, y + z])))",
        "--goal",
        "(>[x] !(>[z] !(=[s(z), 0])))",
        "--out",
        out.to_str().unwrap(),
    ];
    let o = ergo(&args, &root());
    assert_eq!(o.status.code(), Some(1), "{}{}", stdout(&o), stderr(&o));
    let text = stdout(&o);
    assert!(
        text.contains("witness z := x") && text.contains("lemmas:"),
        "{text}"
    );
    assert!(
        text.contains("no witness among the goal's own terms"),
        "{text}"
    );
    let o = ergo(
        &["verify", out.to_str().unwrap(), "--theory", THEORY],
        &root(),
    );
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    // Its Coq export (the witness after its lemmas) is accepted by coqc.
    let v_file = dir.path().join("more.v");
    let args = [
        "export",
        "coq",
        out.to_str().unwrap(),
        "--out",
        v_file.to_str().unwrap(),
    ];
    let o = ergo(&args, &root());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let have = common::tool_runs(
        "coqc",
        "coqc on an engine witness",
        "install Coq (Debian: apt-get install coq) to run it",
    );
    if have {
        let o = Command::new("coqc")
            .args(["-Q", ".", "Ergo", "more.v"])
            .current_dir(dir.path())
            .output()
            .expect("run coqc");
        assert!(
            o.status.success(),
            "coqc failed:\n{}{}",
            stderr(&o),
            stdout(&o)
        );
    }

    // An ordinary goal beside the existential axiom, also with the existential theorems
    // as `--lemmas` (copied, not searched with).
    let out = dir.path().join("with_lemmas.proof.json");
    let args = [
        "prove",
        THEORY,
        "--goal",
        "0 + s(0) = s(0)",
        "--lemmas",
        EXISTS,
        "--out",
        out.to_str().unwrap(),
    ];
    let o = ergo(&args, &root());
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("(8 theorems"), "{}", stdout(&o));
}
