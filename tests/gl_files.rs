//! GL's own files, read unchanged from `../shared/gl/files`: a batch config (`.json`) is
//! accepted wherever an `.mpl` file is, its anchor is the theory's axiom, and diagnostics
//! point into GL's files.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use ergo::mpl;

const GL: &str = "../shared/gl/files";

fn config(name: &str) -> PathBuf {
    PathBuf::from(GL).join("config").join(name)
}

fn ergo(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ergo"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run ergo")
}

fn path(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

#[test]
fn check_accepts_each_of_gls_three_configs() {
    for (file, theory) in [
        ("ConfigPeano.json", "AnchorPeano"),
        ("ConfigGauss.json", "AnchorGauss"),
        ("ConfigIncubatorPeano.json", "AnchorIncubator"),
    ] {
        let c = config(file);
        let o = ergo(&["check", path(&c), "--json"]);
        assert!(
            o.status.success(),
            "{file}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(v["theory"], theory, "{file}");
        assert_eq!(v["sorts"], 1, "{file}");
        assert_eq!(v["unusable_axioms"], serde_json::json!([]), "{file}");
        assert!(v["axioms"].as_u64().unwrap() >= 9, "{file}: {v}");
    }
}

#[test]
fn the_anchor_is_the_theory_and_naturalnumbers_its_inductive_sort() {
    let t = mpl::load(&config("ConfigPeano.json")).unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(t.name, "AnchorPeano");
    let anchor = t.anchor().expect("an anchor");
    assert_eq!(anchor.name, "AnchorPeano");
    assert_eq!(anchor.params, ["N", "i0", "s", "+", "*", "i1"]);
    let n = t.sort_by_name("N").expect("N");
    let constructors: Vec<&str> = t
        .sort(n)
        .constructors
        .iter()
        .map(|c| t.op(*c).name.as_str())
        .collect();
    assert_eq!(constructors, ["i0", "s"]);
    let ops: Vec<&str> = t.operators.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(ops, ["i0", "s", "+", "*", "i1"]);
    // Every GL definition of the config is kept (for reading GL's goals), the anchor's too.
    let defs: BTreeSet<&str> = t.definitions().iter().map(|d| d.name.as_str()).collect();
    for d in ["fXY", "fXYZ", "NaturalNumbers", "AnchorPeano"] {
        assert!(defs.contains(d), "{defs:?}");
    }
    // The anchor's conjunction is split into clauses named after it.
    assert!(t.axioms.iter().all(|a| a.name.starts_with("AnchorPeano.")));
    // GL's files are in the source map: the config first, then the definitions.
    assert!(t.files()[0].path.ends_with("ConfigPeano.json"));
    assert!(t
        .files()
        .iter()
        .any(|f| f.path.ends_with("definitions/NaturalNumbers.txt")));
}

#[test]
fn gauss_reads_identity_as_an_operator_and_uses_every_part_of_its_anchor() {
    let t = mpl::load(&config("ConfigGauss.json")).unwrap_or_else(|d| panic!("{d}"));
    let ops: Vec<&str> = t.operators.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(ops, ["i0", "s", "+", "*", "i1", "i2", "id"]);
    assert!(t.unusable_axioms().is_empty(), "{:?}", t.unusable_axioms());
    let shown: Vec<String> = t
        .axioms
        .iter()
        .map(|a| mpl::print::formula(&t, &a.formula))
        .collect();
    assert!(shown.iter().any(|s| s == "(=[s(i1), i2])"), "{shown:?}");
    assert!(shown.iter().any(|s| s.contains("id(")), "{shown:?}");
}

/// The essential theorems of `ergo derive FILE --json`, with GL's zero `i0` written `0`.
fn essential(file: &str) -> BTreeSet<String> {
    let out = tempfile::tempdir().unwrap();
    let o = ergo(&["derive", file, "--json", "--out", path(out.path())]);
    assert!(
        o.status.success(),
        "ergo derive {file} failed:\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("one JSON object");
    v["theorems"]
        .as_array()
        .expect("theorems")
        .iter()
        .filter(|t| t["essential"] == true)
        .map(|t| {
            let s = t["statement"].as_str().expect("statement");
            s.replace("i0", "0")
        })
        .collect()
}

/// Statements are compared as printed (`x + y = y + x`), with `i0` read as `0`: GL's
/// symbols keep GL's names, and `0` is `i0` in the config.
#[test]
fn derive_finds_the_same_laws_from_configpeano_as_from_peano_mpl() {
    let gl = essential(path(&config("ConfigPeano.json")));
    let peano = essential("axioms/peano.mpl");
    assert!(
        gl.contains("x + y = y + x") && gl.contains("x * y = y * x"),
        "{gl:?}"
    );
    assert_eq!(gl, peano);
}

#[test]
fn prove_and_verify_from_a_config() {
    let out = tempfile::tempdir().unwrap();
    let cert = out.path().join("c.proof.json");
    let c = config("ConfigPeano.json");
    let o = ergo(&[
        "prove",
        path(&c),
        "--goal",
        "i0 + x = x",
        "--out",
        path(&cert),
    ]);
    assert!(
        o.status.success(),
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    let o = ergo(&["verify", "--theory", path(&c), path(&cert)]);
    assert!(
        o.status.success(),
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}

/// Copies GL's `config/` and `definitions/` folders into `dir`.
fn copy_layout(dir: &Path) {
    for sub in ["config", "definitions"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
        for e in std::fs::read_dir(Path::new(GL).join(sub)).unwrap() {
            let p = e.unwrap().path();
            std::fs::copy(&p, dir.join(sub).join(p.file_name().unwrap())).unwrap();
        }
    }
}

#[test]
fn a_syntax_error_in_a_gl_definition_is_shown_in_gls_file() {
    let dir = tempfile::tempdir().unwrap();
    copy_layout(dir.path());
    let fxy = dir.path().join("definitions/fXY.txt");
    let text = std::fs::read_to_string(&fxy).unwrap();
    // Line 3 of fXY.txt is `\t\t(in2[x,y,f])`: break its bracket.
    assert_eq!(text.lines().nth(2), Some("\t\t(in2[x,y,f])"));
    std::fs::write(&fxy, text.replacen("(in2[x,y,f])", "(in2[x,y,f)", 1)).unwrap();
    let c = dir.path().join("config/ConfigPeano.json");
    let o = ergo(&["check", path(&c)]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.starts_with("error: "), "{err}");
    assert!(err.contains("definitions/fXY.txt:3:"), "{err}");
    assert!(err.contains('^'), "{err}");
    // The same in JSON: GL's file, line and column.
    let o = ergo(&["check", path(&c), "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let e = &v["errors"][0];
    assert!(
        e["file"].as_str().unwrap().ends_with("definitions/fXY.txt"),
        "{v}"
    );
    assert_eq!(e["line"], 3, "{v}");
}

#[test]
fn a_missing_definition_file_is_an_error_at_the_config_entry() {
    let dir = tempfile::tempdir().unwrap();
    copy_layout(dir.path());
    std::fs::remove_file(dir.path().join("definitions/fXYZ.txt")).unwrap();
    let c = dir.path().join("config/ConfigPeano.json");
    let o = ergo(&["check", path(&c)]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("definition `fXYZ`"), "{err}");
    assert!(err.contains("ConfigPeano.json:"), "{err}");
}

#[test]
fn a_definition_the_anchor_does_not_use_and_that_cannot_be_read_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    copy_layout(dir.path());
    // fold is not used by AnchorGauss: make its body name an unknown definition.
    let fold = dir.path().join("definitions/fold.txt");
    let text = std::fs::read_to_string(&fold).unwrap();
    std::fs::write(&fold, text.replacen("(interval[", "(nosuch[", 1)).unwrap();
    let c = dir.path().join("config/ConfigGauss.json");
    let o = ergo(&["check", path(&c), "--json"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("warning: definition `fold` is left out"),
        "{err}"
    );
    // Used by the anchor, the same problem is an error.
    let nat = dir.path().join("definitions/NaturalNumbers.txt");
    let text = std::fs::read_to_string(&nat).unwrap();
    std::fs::write(&nat, text.replacen("(fXY[s,N,N])", "(nosuch[s,N,N])", 1)).unwrap();
    let o = ergo(&["check", path(&c)]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("definitions/NaturalNumbers.txt:"), "{err}");
}
