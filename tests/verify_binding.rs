//! `ergo verify` binds certificates to trusted theories (issue 18): what a CI gate must
//! reject, and that the standalone `ergo-check` gives the same verdicts.

mod common;
use common::{ergo, root};
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

fn all(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

const THEORIES: [&str; 6] = [
    "axioms/peano.mpl",
    "axioms/gauss.mpl",
    "axioms/lists.mpl",
    "axioms/order.mpl",
    "axioms/order_pred.mpl",
    "axioms/poly_lists.mpl",
];

fn theory_args() -> Vec<&'static str> {
    THEORIES.iter().flat_map(|t| ["--theory", *t]).collect()
}

/// A scratch layout: `axioms/peano.mpl` and `proofs/`, with `cert` at `proofs/NAME`.
fn scratch(cert: &Value, name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("axioms")).unwrap();
    std::fs::create_dir_all(dir.path().join("proofs")).unwrap();
    std::fs::copy(
        root().join("axioms/peano.mpl"),
        dir.path().join("axioms/peano.mpl"),
    )
    .unwrap();
    let path = dir.path().join("proofs").join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, cert.to_string()).unwrap();
    dir
}

fn peano() -> Value {
    let text = std::fs::read_to_string(root().join("proofs/peano.proof.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn redigest(cert: &mut Value) {
    let section: ergo_kernel::format::TheorySection =
        serde_json::from_value(cert["theory"].clone()).unwrap();
    cert["digest"] = ergo_kernel::theory_digest(&section).unwrap().into();
}

#[test]
fn the_committed_proofs_are_accepted_against_the_named_theories() {
    let mut args = vec!["verify", "proofs"];
    args.extend(theory_args());
    let o = ergo(&args, &root());
    assert_eq!(o.status.code(), Some(0), "{}", all(&o));
    let out = all(&o);
    assert!(out.contains("trusted theory peano"), "{out}");
    assert!(out.contains("axioms/peano.mpl sha256:"), "{out}");
    let o = ergo(
        &[
            "verify",
            "proofs",
            "--manifest",
            "proofs/trusted-theories.json",
        ],
        &root(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", all(&o));
}

/// The finding: a certificate under proofs/ with its own `peano.mpl` carrying the axiom
/// `0 = s(0)` passed `ergo verify proofs/`. Against the trusted file it is rejected.
#[test]
fn a_certificate_with_its_own_theory_file_is_rejected() {
    let mut cert = peano();
    cert["theory"]["source"] = "peano.mpl".into();
    let axioms = cert["theory"]["axioms"].as_array_mut().unwrap();
    axioms.push(serde_json::json!({"name": "evil", "statement": "(= 0 (s 0))"}));
    redigest(&mut cert);
    let dir = scratch(&cert, "evil/x.proof.json");
    let mpl = std::fs::read_to_string(root().join("axioms/peano.mpl")).unwrap();
    let evil = format!("{mpl}\naxiom evil: (=[0, s(0)]);\n");
    std::fs::write(dir.path().join("proofs/evil/peano.mpl"), evil).unwrap();
    let o = ergo(
        &["verify", "proofs", "--theory", "axioms/peano.mpl"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(1), "{}", all(&o));
    assert!(all(&o).contains("[theory-mismatch]"), "{}", all(&o));
    // The genuine certificate beside it, bound to the trusted file, is accepted.
    let mut good = peano();
    good["theory"]["source"] = "../axioms/peano.mpl".into();
    let dir = scratch(&good, "peano.proof.json");
    let o = ergo(
        &["verify", "proofs", "--theory", "axioms/peano.mpl"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", all(&o));
    // The same certificate naming another copy of the file: a source mismatch.
    std::fs::copy(
        root().join("axioms/peano.mpl"),
        dir.path().join("proofs/peano.mpl"),
    )
    .unwrap();
    good["theory"]["source"] = "peano.mpl".into();
    std::fs::write(dir.path().join("proofs/peano.proof.json"), good.to_string()).unwrap();
    let o = ergo(
        &["verify", "proofs", "--theory", "axioms/peano.mpl"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(1), "{}", all(&o));
    assert!(all(&o).contains("[source-mismatch]"), "{}", all(&o));
}

/// Sources outside the repository, devices, and look-alike names are rejected by the
/// default rule, quickly, without quoting the file.
#[test]
fn hostile_sources_are_rejected_without_reading_them() {
    for source in [
        "/etc/passwd",
        "/dev/zero",
        "../../../../../../../../etc/passwd",
        "../axioms/pe\u{430}no.mpl",
    ] {
        let mut cert = peano();
        cert["theory"]["source"] = source.into();
        let dir = scratch(&cert, "peano.proof.json");
        std::fs::copy(
            root().join("axioms/peano.mpl"),
            dir.path().join("axioms/pe\u{430}no.mpl"),
        )
        .unwrap();
        let start = std::time::Instant::now();
        let o = ergo(&["verify", "proofs"], dir.path());
        assert!(start.elapsed().as_secs() < 20, "{source}");
        let out = all(&o);
        assert_eq!(o.status.code(), Some(1), "{source}: {out}");
        assert!(out.contains("[source-mismatch]"), "{source}: {out}");
        assert!(!out.contains("root:"), "{source}: {out}");
        assert!(!out.contains('\u{430}'), "printed raw: {out}");
    }
}

/// A theorem named after a conjecture must state it.
#[test]
fn a_conjecture_name_with_another_statement_is_rejected() {
    let mut cert = peano();
    cert["theory"]["source"] = "../axioms/peano.mpl".into();
    let theorems = cert["theorems"].as_array_mut().unwrap();
    theorems.push(serde_json::json!({
        "name": "add_comm_twin", "statement": "(= 0 0)",
        "proof": {"method": "chain", "steps": []}
    }));
    // Replace add_comm by a theorem of that name stating 0 = 0 (nothing cites it later
    // in this file but the name is what a reader trusts).
    let i = theorems
        .iter()
        .position(|t| t["name"] == "add_comm")
        .unwrap();
    theorems[i]["statement"] = "(= 0 0)".into();
    theorems[i]["proof"] = serde_json::json!({"method": "chain", "steps": []});
    let dir = scratch(&cert, "peano.proof.json");
    let o = ergo(
        &["verify", "proofs", "--theory", "axioms/peano.mpl"],
        dir.path(),
    );
    let out = all(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("[conjecture-mismatch]"), "{out}");
    assert!(!out.contains("ok       add_comm "), "{out}");
    assert!(out.contains("ok       add_comm_twin"), "{out}");
}

/// Names with control, invisible or right-to-left characters are rejected and printed
/// escaped: no forged `ok` line, no escape code reaches the terminal.
#[test]
fn hostile_names_are_rejected_and_printed_escaped() {
    for name in [
        "x\n  ok       add_comm",
        "\u{1b}[32mgreen",
        "add\u{200b}comm",
        "add_\u{202e}mmoc",
    ] {
        let mut cert = peano();
        cert["theory"]["source"] = "../axioms/peano.mpl".into();
        cert["theorems"][0]["name"] = name.into();
        let dir = scratch(&cert, "peano.proof.json");
        let o = ergo(&["verify", "proofs"], dir.path());
        let out = all(&o);
        assert_eq!(o.status.code(), Some(1), "{out}");
        assert!(out.contains("[bad-name]"), "{out}");
        assert!(!out.contains(name), "printed raw: {out}");
        assert!(
            !out.chars()
                .any(|c| c == '\u{1b}' || c == '\u{200b}' || c == '\u{202e}'),
            "{out}"
        );
        // add_comm cites the renamed theorem: no `ok add_comm` line, forged or not.
        let forged = out
            .lines()
            .filter(|l| l.starts_with("  ok       add_comm "));
        assert_eq!(forged.count(), 0, "{out}");
    }
}

#[test]
fn a_certificate_without_theorems_fails() {
    let mut cert = peano();
    cert["theory"]["source"] = "../axioms/peano.mpl".into();
    cert["theorems"] = serde_json::json!([]);
    let dir = scratch(&cert, "peano.proof.json");
    let o = ergo(&["verify", "proofs"], dir.path());
    assert_eq!(o.status.code(), Some(1), "{}", all(&o));
    assert!(all(&o).contains("[no-theorems]"), "{}", all(&o));
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_reported() {
    let mut cert = peano();
    cert["theory"]["source"] = "../axioms/peano.mpl".into();
    let dir = scratch(&cert, "peano.proof.json");
    std::os::unix::fs::symlink(dir.path().join("proofs"), dir.path().join("proofs/loop")).unwrap();
    let o = ergo(&["verify", "proofs"], dir.path());
    assert_eq!(o.status.code(), Some(2), "{}", all(&o));
    assert!(all(&o).contains("symlink loop"), "{}", all(&o));
}

/// The verdicts of `ergo verify --manifest --json`: per file, rejected whole (with code)
/// or per theorem (name, accepted, code).
fn ergo_verdicts(path: &Path, manifest: &Path, cwd: &Path) -> (i32, Vec<String>) {
    let o = ergo(
        &[
            "verify",
            path.to_str().unwrap(),
            "--manifest",
            manifest.to_str().unwrap(),
            "--json",
        ],
        cwd,
    );
    let v: Value = serde_json::from_slice(&o.stdout).unwrap_or_else(|_| panic!("{}", all(&o)));
    let rows = v["theorems"].as_array().unwrap();
    let rows = rows
        .iter()
        .map(|r| format!("{} {} {} {}", r["file"], r["name"], r["ok"], r["code"]))
        .collect();
    (o.status.code().unwrap(), rows)
}

/// The same through the kernel's checker (the library behind `ergo-check`).
fn check_verdicts(path: &Path, manifest: &Path, cwd: &Path) -> (i32, Vec<String>) {
    let theories = ergo_kernel::binding::trusted_files(&cwd.join(manifest)).unwrap();
    let files = ergo_kernel::binding::certificate_files(&cwd.join(path)).unwrap();
    let mut rows = Vec::new();
    let mut ok = true;
    for f in files {
        let v = ergo_kernel::binding::check_file(&f, &theories);
        let shown = Value::from(f.strip_prefix(cwd).unwrap().display().to_string());
        match v.result {
            Err(e) => {
                ok = false;
                rows.push(format!("{shown} null false \"{}\"", e.code()));
            }
            Ok((report, _)) => {
                for t in report.theorems {
                    ok &= t.result.is_ok();
                    let code = t
                        .result
                        .as_ref()
                        .err()
                        .map_or(Value::Null, |e| e.code().into());
                    rows.push(format!(
                        "{shown} {} {} {code}",
                        Value::from(t.name.clone()),
                        t.result.is_ok()
                    ));
                }
            }
        }
    }
    (if ok { 0 } else { 1 }, rows)
}

#[test]
fn ergo_check_agrees_with_ergo_verify() {
    let manifest = Path::new("proofs/trusted-theories.json");
    let (code, rows) = ergo_verdicts(Path::new("proofs"), manifest, &root());
    assert_eq!(code, 0);
    assert_eq!(
        (code, rows),
        check_verdicts(Path::new("proofs"), manifest, &root())
    );
    // Mutants: a smuggled axiom, a foreign source, a lying conjecture name, a bad name,
    // no theorems, a tampered step.
    let mut mutants: Vec<Value> = Vec::new();
    let mut m = peano();
    let axioms = m["theory"]["axioms"].as_array_mut().unwrap();
    axioms.push(serde_json::json!({"name": "evil", "statement": "(= 0 (s 0))"}));
    redigest(&mut m);
    mutants.push(m);
    let mut m = peano();
    m["theory"]["source"] = "/etc/passwd".into();
    mutants.push(m);
    let mut m = peano();
    m["theorems"][2]["statement"] = "(= 0 0)".into();
    m["theorems"][2]["proof"] = serde_json::json!({"method": "chain", "steps": []});
    mutants.push(m);
    let mut m = peano();
    m["theorems"][0]["name"] = "a\u{202e}b".into();
    mutants.push(m);
    let mut m = peano();
    m["theorems"] = serde_json::json!([]);
    mutants.push(m);
    let mut m = peano();
    m["theorems"][0]["proof"]["cases"][0]["proof"]["steps"][0]["term"] = "(s 0)".into();
    mutants.push(m);
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("axioms")).unwrap();
    std::fs::create_dir_all(dir.path().join("proofs")).unwrap();
    for t in THEORIES {
        std::fs::copy(root().join(t), dir.path().join(t)).unwrap();
    }
    std::fs::copy(
        root().join("proofs/trusted-theories.json"),
        dir.path().join("proofs/trusted-theories.json"),
    )
    .unwrap();
    for (i, m) in mutants.iter().enumerate() {
        let path = dir.path().join(format!("proofs/m{i}.proof.json"));
        std::fs::write(path, m.to_string()).unwrap();
    }
    let (code, rows) = ergo_verdicts(Path::new("proofs"), manifest, dir.path());
    assert_eq!(code, 1);
    assert!(
        rows.iter().filter(|r| r.contains("false")).count() >= 6,
        "{rows:#?}"
    );
    assert_eq!(
        (code, rows),
        check_verdicts(Path::new("proofs"), manifest, dir.path())
    );
}

/// The binary itself, where the workspace build has made it (it belongs to the kernel
/// package, so `cargo test` of this package alone may not build it).
#[test]
fn the_ergo_check_binary_accepts_the_committed_proofs() {
    let exe = Path::new(env!("CARGO_BIN_EXE_ergo")).with_file_name("ergo-check");
    if !exe.exists() {
        assert!(
            std::env::var_os("CI").is_none(),
            "ergo-check is not built: run `cargo build -p ergo-kernel --bin ergo-check`"
        );
        eprintln!("skipped: {} is not built", exe.display());
        return;
    }
    let o = Command::new(exe)
        .args(["--manifest", "proofs/trusted-theories.json", "proofs"])
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", all(&o));
}

/// A symlink inside the folder that leads out of it is not a trusted source.
#[cfg(unix)]
#[test]
fn a_source_symlinked_out_of_the_repository_is_rejected() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join("axioms/peano.mpl"),
        outside.path().join("peano.mpl"),
    )
    .unwrap();
    let mut cert = peano();
    cert["theory"]["source"] = "../axioms/link.mpl".into();
    let dir = scratch(&cert, "peano.proof.json");
    std::os::unix::fs::symlink(
        outside.path().join("peano.mpl"),
        dir.path().join("axioms/link.mpl"),
    )
    .unwrap();
    let o = ergo(&["verify", "proofs"], dir.path());
    assert_eq!(o.status.code(), Some(1), "{}", all(&o));
    assert!(all(&o).contains("leads outside"), "{}", all(&o));
}

/// A `--theory` that is not a regular file is bad input, read not at all.
#[cfg(unix)]
#[test]
fn a_theory_that_is_a_device_is_bad_input() {
    let o = ergo(&["verify", "proofs", "--theory", "/dev/zero"], &root());
    assert_eq!(o.status.code(), Some(2), "{}", all(&o));
    assert!(all(&o).contains("not a regular file"), "{}", all(&o));
}
