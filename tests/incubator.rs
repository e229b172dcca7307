//! GL's incubator (issue 14, part 4): `ergo derive` on a theory with numerals 0 … 8 proves
//! the ground arithmetic facts over them as kernel-checked theorems, and `ergo html`
//! shows them as tables whose cells link to their proofs.

mod common;

use common::{ergo, root, stderr};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// GL's incubator batch, read from its own files unchanged.
const THEORY: &str = "../shared/gl/files/config/ConfigIncubatorPeano.json";

/// One derive run: its certificate and its HTML site, file by file.
struct Run {
    _dir: tempfile::TempDir,
    cert: PathBuf,
    site: BTreeMap<String, Vec<u8>>,
    site_dir: PathBuf,
}

fn files(dir: &Path, prefix: &str, out: &mut BTreeMap<String, Vec<u8>>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let name = format!("{prefix}{}", e.file_name().to_string_lossy());
        if e.file_type().unwrap().is_dir() {
            files(&e.path(), &format!("{name}/"), out);
        } else {
            out.insert(name, std::fs::read(e.path()).unwrap());
        }
    }
}

fn derive(threads: &str) -> Run {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let site_dir = dir.path().join("site");
    let theory = root().join(THEORY);
    let o = ergo(
        &[
            "derive",
            theory.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--threads",
            threads,
            // The ground facts do not depend on how far the equational exploration goes;
            // small terms keep the debug-build test short.
            "--max-size",
            "3",
        ],
        &root(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let cert = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().ends_with(".proof.json"))
        .expect("a certificate");
    // `ergo html` (not `derive --html`, whose index shows the run time).
    let o = ergo(
        &[
            "html",
            cert.to_str().unwrap(),
            "--theory",
            theory.to_str().unwrap(),
            "--out",
            site_dir.to_str().unwrap(),
        ],
        &root(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let mut site = BTreeMap::new();
    files(&site_dir, "", &mut site);
    Run {
        _dir: dir,
        cert,
        site,
        site_dir,
    }
}

fn runs() -> &'static (Run, Run) {
    static RUNS: OnceLock<(Run, Run)> = OnceLock::new();
    RUNS.get_or_init(|| (derive("1"), derive("2")))
}

/// The certificate's theorems: name → statement.
fn theorems(cert: &Path) -> Vec<(String, String)> {
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(cert).unwrap()).unwrap();
    v["theorems"]
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

#[test]
fn derive_proves_the_ground_facts_over_0_to_8() {
    let (run, _) = runs();
    let all = theorems(&run.cert);
    let ground: Vec<&(String, String)> = all
        .iter()
        .filter(|(n, _)| n.starts_with("ground."))
        .collect();
    let count = |f: &dyn Fn(&str) -> bool| ground.iter().filter(|(n, _)| f(n)).count();
    let rest = |n: &str| n.strip_prefix("ground.").unwrap().to_string();
    // Disequalities: the 72 of ¬(a = b) over 0 … 8, and those beyond 8 that refutations need.
    let distinct = count(&|n| rest(n).starts_with("ne_"));
    let within = count(&|n| {
        let r = rest(n);
        r.starts_with("ne_") && r[3..].split('_').all(|d| d.parse::<usize>().unwrap() <= 8)
    });
    assert_eq!(within, 72);
    assert_eq!(distinct, 72 + 420);
    // Values: s (8), id (9), + and * (81 each, every pair).
    for (op, values, refuted) in [
        ("s", 8, 73),
        ("id", 9, 72),
        ("add", 81, 684),
        ("mul", 81, 692),
    ] {
        let p = format!("{op}_");
        let v = count(&|n| rest(n).starts_with(&p) && !rest(n).contains("_ne_"));
        let r = count(&|n| rest(n).starts_with(&p) && rest(n).contains("_ne_"));
        assert_eq!((v, r), (values, refuted), "{op}");
    }
    // The facts within 0 … 8 (GL's kind): 99 true equations, 1593 refuted ones.
    let positive_in_range = ground
        .iter()
        // A value beyond 8 is written `s(…s(8))`: its statement ends with `))`.
        .filter(|(n, s)| !rest(n).contains("ne_") && !s.ends_with("))"))
        .count();
    assert_eq!(positive_in_range, 8 + 9 + 45 + 37);
    assert_eq!(ground.len(), 2192);
    let statement = |name: &str| {
        all.iter()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("{name} missing"))
            .1
            .clone()
    };
    assert!(!statement("ground.add_2_3").starts_with("(not"));
    assert!(!statement("ground.mul_2_3").starts_with("(not"));
    assert!(statement("ground.ne_4_5").starts_with("(not (="));
    assert!(statement("ground.add_2_3_ne_6").starts_with("(not (="));
}

#[test]
fn the_certificate_is_verified_against_the_theory() {
    let (run, _) = runs();
    let o = ergo(
        &[
            "verify",
            run.cert.to_str().unwrap(),
            "--theory",
            root().join(THEORY).to_str().unwrap(),
        ],
        &root(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn one_and_two_threads_give_byte_identical_certificates_and_pages() {
    let (one, two) = runs();
    assert_eq!(
        std::fs::read(&one.cert).unwrap(),
        std::fs::read(&two.cert).unwrap()
    );
    assert_eq!(
        one.site.keys().collect::<Vec<_>>(),
        two.site.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &one.site {
        assert!(two.site[path] == *bytes, "{path} differs");
    }
}

#[test]
fn the_ground_page_links_every_fact_to_its_proof() {
    let (run, _) = runs();
    let page = String::from_utf8(run.site["ground.html"].clone()).unwrap();
    // No page per ground fact: the theorem pages are the exploration's theorems only.
    let pages = run.site.keys().filter(|p| p.starts_with("thm/")).count();
    assert!(pages < 100, "{pages} theorem pages");
    let index = String::from_utf8(run.site["index.html"].clone()).unwrap();
    assert!(index.contains("href=\"ground.html\""));
    for (name, _) in theorems(&run.cert)
        .iter()
        .filter(|(n, _)| n.starts_with("ground."))
    {
        let id = ergo::html::names::slug(name);
        assert!(
            page.contains(&format!("<details class=\"fact\" id=\"{id}\">")),
            "no proof block for {name}"
        );
    }
    // Table cells link to the proofs: 2 + 3 in the addition table, ¬(2 + 3 = 6) in its
    // matrix, ¬(4 = 5) in the disequalities.
    for name in [
        "ground.add_2_3",
        "ground.add_2_3_ne_6",
        "ground.ne_4_5",
        "ground.mul_2_3",
    ] {
        let href = format!("href=\"#{}\"", ergo::html::names::slug(name));
        assert!(page.contains(&href), "no cell links to {name}");
    }
    assert!(page.contains("<section id=\"op-add\">") && page.contains("<section id=\"op-mul\">"));
    assert!(run.site_dir.join("ground.html").is_file());
}

#[test]
fn the_committed_theories_have_no_numerals() {
    // So their certificates (proofs/) do not change: the ground phase plans nothing.
    for f in [
        "peano",
        "gauss",
        "lists",
        "order",
        "order_pred",
        "peano_first",
    ] {
        let path = root().join(format!("axioms/{f}.mpl"));
        let theory = ergo::mpl::load(&path).unwrap_or_else(|e| panic!("{f}: {e:?}"));
        assert!(
            ergo::engine::ground::Numerals::find(&theory).is_none(),
            "{f}"
        );
    }
}
