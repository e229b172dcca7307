//! `ergo html`: the static proof site rendered from the committed Peano certificate.
//! Every internal link and fragment resolves, the index and theorem pages show what a
//! reader needs, output is byte-identical across runs, rejected proofs never appear, and
//! pages stay light.
mod common;
use common::{ergo, root, scratch_with, stderr, stdout};

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Output;

/// A scratch folder laid out like the repository: `axioms/peano.mpl` and
/// `proofs/peano.proof.json` (whose source is `../axioms/peano.mpl`).
fn scratch() -> tempfile::TempDir {
    scratch_with(&["axioms/peano.mpl", "proofs/peano.proof.json"])
}

/// Renders `path` (relative to `dir`) into `dir/<out>`; returns the command's output.
fn render(dir: &Path, path: &str, out: &str) -> Output {
    ergo(&["html", path, "--out", out, "--json"], dir)
}

fn render_ok(dir: &Path) -> PathBuf {
    let o = render(dir, "proofs", "site");
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(&o));
    dir.join("site")
}

/// Every file under `dir`, by path relative to it (with `/`).
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// The values of attribute `attr` (quoted or not) in an HTML text.
fn attr_values(html: &str, attr: &str) -> Vec<String> {
    let mut out = Vec::new();
    let needle = format!(" {attr}=");
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        rest = &rest[i + needle.len()..];
        let value = if let Some(r) = rest.strip_prefix('"') {
            &r[..r.find('"').expect("closing quote")]
        } else {
            let end = rest
                .find(|c: char| c.is_whitespace() || c == '>')
                .unwrap_or(rest.len());
            &rest[..end]
        };
        out.push(value.replace("&amp;", "&"));
    }
    out
}

fn ids(html: &str) -> BTreeSet<String> {
    attr_values(html, "id").into_iter().collect()
}

/// Joins a relative URL path onto a page's folder, resolving `..` lexically.
fn resolve(page_dir: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = page_dir.split('/').filter(|p| !p.is_empty()).collect();
    for seg in rel.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// Checks every href, src, url(#...) and data-d reference of every page of a site.
/// Returns the number of links checked.
fn check_links(site: &Path) -> usize {
    let all = files(site);
    let pages: BTreeMap<&String, String> = all
        .iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, b)| (p, String::from_utf8(b.clone()).unwrap()))
        .collect();
    assert!(!pages.is_empty());
    let mut checked = 0;
    for (page, html) in &pages {
        let page_dir = page.rsplit_once('/').map_or("", |(d, _)| d);
        let own_ids = ids(html);
        let mut links = attr_values(html, "href");
        links.extend(attr_values(html, "src"));
        for link in links {
            checked += 1;
            assert!(
                !link.contains("://") && !link.starts_with("//") && !link.starts_with('/'),
                "{page}: link `{link}` is not relative"
            );
            let (file, fragment) = match link.split_once('#') {
                Some((f, frag)) => (f, Some(frag)),
                None => (link.as_str(), None),
            };
            let target = if file.is_empty() {
                page.to_string()
            } else {
                resolve(page_dir, file)
                    .unwrap_or_else(|| panic!("{page}: `{link}` leaves the site"))
            };
            assert!(
                all.contains_key(&target),
                "{page}: `{link}` points at missing file {target}"
            );
            if let Some(frag) = fragment {
                let target_ids = if file.is_empty() {
                    own_ids.clone()
                } else {
                    ids(&pages[&target])
                };
                assert!(
                    target_ids.contains(frag),
                    "{page}: `{link}`: no id `{frag}` in {target}"
                );
            }
        }
        for d in attr_values(html, "data-d") {
            for id in d.split_whitespace() {
                checked += 1;
                assert!(
                    own_ids.contains(id),
                    "{page}: data-d names missing id `{id}`"
                );
            }
        }
        for part in html.split("url(#").skip(1) {
            let id = &part[..part.find(')').unwrap()];
            assert!(own_ids.contains(id), "{page}: url(#{id}) is missing");
        }
    }
    checked
}

const THEOREMS: [&str; 12] = [
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
    "mul_assoc",
];

#[test]
fn every_link_and_fragment_resolves() {
    let dir = scratch();
    let site = render_ok(dir.path());
    let all = files(&site);
    for f in ["index.html", "rules.html", "style.css", "site.js"] {
        assert!(all.contains_key(f), "missing {f}");
    }
    for t in THEOREMS {
        assert!(
            all.contains_key(&format!("thm/{t}.html")),
            "missing page of {t}"
        );
    }
    let checked = check_links(&site);
    assert!(checked > 500, "only {checked} links checked");
}

#[test]
fn the_index_lists_every_theorem_and_axiom_readably() {
    let dir = scratch();
    let site = render_ok(dir.path());
    let index = read(&site.join("index.html"));
    assert!(index.contains("Theory peano"));
    for t in THEOREMS {
        assert!(
            index.contains(&format!("<a href=\"thm/{t}.html\">{t}</a>")),
            "{t} not linked"
        );
    }
    for (name, statement) in [
        ("succ_ne_zero", "s(a) ≠ 0"),
        ("succ_inj", "s(a) = s(b) → a = b"),
        ("add_zero", "a + 0 = a"),
        ("add_succ", "a + s(b) = s(a + b)"),
        ("mul_zero", "a * 0 = 0"),
        ("mul_succ", "a * s(b) = a * b + a"),
    ] {
        assert!(index.contains(&format!("id=\"ax-{name}\"")), "{name}");
        assert!(index.contains(statement), "{name}: {statement}");
    }
    for statement in [
        "x + y = y + x",
        "x + y + z = x + (y + z)",
        "x * (y + z) = x * y + x * z",
        "(x + y) * z = x * z + y * z",
        // Numerals: s(0) is shown as 1.
        "1 * x = x",
        "x * 1 = x",
    ] {
        assert!(index.contains(statement), "{statement}");
    }
    assert!(!index.contains("s(0)"), "numerals are shown as numbers");
    // Method, size, status, used-by counts, search box, statistics.
    assert!(index.contains("induction on x") && index.contains(">direct<"));
    assert!(index.contains("<b>12</b> theorems") && index.contains("<b>91</b> rewrite steps"));
    assert!(index.contains("<b>4</b> of 6 axioms used"));
    assert!(index.contains("id=\"q\" type=\"search\""));
    assert!(
        index.contains("<span class=\"badge theorem\">theorem</span>"),
        "status"
    );
    assert!(index.contains("<svg class=\"graph\""), "dependency graph");
}

#[test]
fn an_induction_page_shows_cases_the_hypothesis_and_each_step() {
    let dir = scratch();
    let site = render_ok(dir.path());
    let page = read(&site.join("thm/add_comm.html"));
    assert!(page.contains("<code>x + y = y + x</code>"));
    assert!(page.contains("induction on x"));
    assert!(page.contains("Base case ") && page.contains("Step case "));
    // The induction hypothesis, stated with its anchor, generalised over y.
    assert!(page.contains("id=\"c1-h-ih_x\""), "{page}");
    assert!(page.contains("<b>ih_x</b>: <code>x + y = y + x</code>"));
    assert!(page.contains("for all y"));
    // The step using it links to it and depends on it (hover highlighting).
    assert!(page.contains("href=\"#c1-h-ih_x\">ih_x</a>"));
    assert!(page.contains("data-d=\"c1-s1 c1-h-ih_x\""));
    // Steps: lemma and axiom links, direction, instance, the rules page.
    assert!(page.contains("href=\"add_succ_l.html\">add_succ_l</a>"));
    assert!(page.contains("href=\"../index.html#ax-add_succ\">add_succ</a>"));
    assert!(page.contains("href=\"../rules.html#lemma\""));
    assert!(page.contains("title=\"right to left\">←</a>"));
    assert!(page.contains("a\u{a0}:=\u{a0}y, b\u{a0}:=\u{a0}x"));
    // The first line of the step case: the rewritten subterm is highlighted, and the
    // result of the rewrite is highlighted in the next line.
    assert!(page.contains("<span class=rx>s(x) + y</span>"), "{page}");
    assert!(page.contains("<span class=rs>s(<span class=rx>x + y</span>)</span>"));
    // Used-by backlinks and the axioms it rests on (from the kernel).
    assert!(page.contains("href=\"mul_comm.html\">mul_comm</a>"));
    assert!(page.contains("Rests on"));
    // The ancestors picture: the current theorem and its lemmas.
    assert!(page.contains("class=\"cur\""));
    assert!(page.contains("href=\"add_zero_l.html\""));
}

#[test]
fn output_is_byte_identical_across_runs() {
    let dir = scratch();
    let a = render(dir.path(), "proofs", "one");
    let b = render(dir.path(), "proofs/peano.proof.json", "two");
    assert_eq!(a.status.code(), Some(0));
    assert_eq!(b.status.code(), Some(0));
    let (fa, fb) = (
        files(&dir.path().join("one")),
        files(&dir.path().join("two")),
    );
    assert_eq!(fa.keys().collect::<Vec<_>>(), fb.keys().collect::<Vec<_>>());
    for (k, v) in &fa {
        assert!(v == &fb[k], "{k} differs between runs");
    }
    // Rendering again over an existing site changes nothing.
    let again = render(dir.path(), "proofs", "one");
    assert_eq!(again.status.code(), Some(0));
    assert_eq!(files(&dir.path().join("one")), fa);
}

#[test]
fn a_tampered_theorem_is_not_rendered_and_the_command_fails() {
    let dir = scratch();
    // A site rendered before the tampering: its page of mul_comm must not survive.
    let o = render(dir.path(), "proofs", "site");
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(&o));
    let cert = dir.path().join("proofs/peano.proof.json");
    let mut v: serde_json::Value = serde_json::from_str(&read(&cert)).unwrap();
    // mul_comm's last step now claims a wrong term; mul_assoc cites mul_comm.
    let thms = v["theorems"].as_array_mut().unwrap();
    let mc = thms.iter_mut().find(|t| t["name"] == "mul_comm").unwrap();
    let steps = mc["proof"]["cases"][1]["proof"]["steps"]
        .as_array_mut()
        .unwrap();
    steps.last_mut().unwrap()["term"] = "(* x (s y))".into();
    std::fs::write(&cert, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    let site = dir.path().join("site");
    assert!(site.join("thm/mul_comm.html").exists());
    std::fs::write(site.join("notes.txt"), "mine").unwrap();
    let o = render(dir.path(), "proofs", "site");
    assert_eq!(o.status.code(), Some(1), "stderr: {}", stderr(&o));
    assert_eq!(
        read(&site.join("notes.txt")),
        "mine",
        "other files are left alone"
    );
    std::fs::remove_file(site.join("notes.txt")).unwrap();
    let err = stderr(&o);
    assert!(err.contains("theorem mul_comm REJECTED"), "{err}");
    assert!(err.contains("theorem mul_assoc REJECTED"), "{err}");
    let summary: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(summary["theorems"], 10);
    assert!(!site.join("thm/mul_comm.html").exists());
    assert!(!site.join("thm/mul_assoc.html").exists());
    assert!(site.join("thm/add_comm.html").exists());
    for (path, bytes) in files(&site) {
        let text = String::from_utf8(bytes).unwrap();
        assert!(
            !text.contains("mul_comm") && !text.contains("mul_assoc"),
            "{path} mentions a rejected theorem"
        );
    }
    check_links(&site);
}

#[test]
fn a_certificate_with_foreign_axioms_is_not_rendered_at_all() {
    let dir = scratch();
    let good = dir.path().join("proofs/peano.proof.json");
    let text = read(&good);
    // A second certificate that brings an axiom of its own.
    let bad = text.replace("(= (+ a 0) a)", "(= (+ a 0) 0)");
    assert_ne!(bad, text);
    std::fs::write(dir.path().join("proofs/evil.proof.json"), bad).unwrap();
    let o = render(dir.path(), "proofs", "site");
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("evil.proof.json: REJECTED"),
        "{}",
        stderr(&o)
    );
    let summary: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(summary["rendered"], 1);
    assert_eq!(summary["theorems"], 12);
    // Only the good certificate: a single-theory site.
    let site = dir.path().join("site");
    assert!(site.join("thm/add_comm.html").exists());
    assert!(!site.join("peano").exists());
    // Alone, the bad certificate renders nothing.
    std::fs::remove_file(&good).unwrap();
    let o = render(dir.path(), "proofs", "nothing");
    assert_eq!(o.status.code(), Some(1));
    assert!(!dir.path().join("nothing").exists());
}

#[test]
fn essential_and_derived_marks_are_shown() {
    let dir = scratch();
    let cert = dir.path().join("proofs/peano.proof.json");
    let mut v: serde_json::Value = serde_json::from_str(&read(&cert)).unwrap();
    for t in v["theorems"].as_array_mut().unwrap() {
        match t["name"].as_str().unwrap() {
            "add_comm" => t["essential"] = true.into(),
            "add_zero_l" => t["essential"] = false.into(),
            _ => {}
        }
    }
    std::fs::write(&cert, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    let site = render_ok(dir.path());
    let index = read(&site.join("index.html"));
    assert!(index.contains("<span class=\"badge essential\">essential</span>"));
    assert!(index.contains("<span class=\"badge derived\">derived</span>"));
    assert!(index.contains("<b>1</b> essential"));
    assert_eq!(index.matches("<span class=\"badge theorem\">").count(), 10);
    let page = read(&site.join("thm/add_comm.html"));
    assert!(page.contains("<span class=\"badge essential\">essential</span>"));
}

#[test]
fn several_certificates_get_one_folder_each() {
    let dir = scratch();
    std::fs::copy(
        dir.path().join("proofs/peano.proof.json"),
        dir.path().join("proofs/again.proof.json"),
    )
    .unwrap();
    let o = render(dir.path(), "proofs", "site");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let site = dir.path().join("site");
    // Certificates are taken in sorted order: again.proof.json first.
    assert!(site.join("peano/thm/add_comm.html").exists());
    assert!(site.join("peano~n2/thm/add_comm.html").exists());
    let list = read(&site.join("index.html"));
    assert!(list.contains("href=\"peano/index.html\""));
    assert!(list.contains("href=\"peano~n2/index.html\""));
    // Both theories are called peano: the certificates tell them apart.
    assert!(list.contains("<code>again.proof.json</code>"));
    assert!(list.contains("<code>peano.proof.json</code>"));
    let second = read(&site.join("peano~n2/index.html"));
    assert!(second.contains("Certificate <code>peano.proof.json</code>"));
    check_links(&site);
}

#[test]
fn nested_inductions_state_every_hypothesis() {
    // The kernel's fixture with an induction inside each case of another.
    let dir = scratch();
    let fixture = root().join("src/kernel/tests/fixtures/peano_nested.proof.json");
    std::fs::copy(&fixture, dir.path().join("proofs/peano.proof.json")).unwrap();
    let o = render(dir.path(), "proofs", "site");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let site = dir.path().join("site");
    let page = read(&site.join("thm/add_comm.html"));
    assert!(page.contains("induction on y, nested"));
    // ih_n of the outer step case is used inside the inner cases; ih_m is the inner one.
    assert!(page.contains("id=\"c1-h-ih_n\""));
    assert!(page.contains("id=\"c1-c1-h-ih_m\""));
    assert!(page.contains("href=\"#c1-h-ih_n\""));
    assert!(page.contains("href=\"#c1-c1-h-ih_m\""));
    check_links(&site);
}

#[test]
fn theorem_pages_are_light() {
    let dir = scratch();
    let o = render(dir.path(), "proofs", "site");
    assert_eq!(o.status.code(), Some(0));
    let summary: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let mut sizes: Vec<u64> = THEOREMS
        .iter()
        .map(|t| {
            std::fs::metadata(dir.path().join(format!("site/thm/{t}.html")))
                .unwrap()
                .len()
        })
        .collect();
    sizes.sort_unstable();
    let median = sizes[(sizes.len() - 1) / 2];
    println!(
        "theorem pages: median {median} bytes, max {} bytes",
        sizes.last().unwrap()
    );
    assert!(median < 15_000, "median theorem page {median} bytes");
    assert_eq!(summary["median_theorem_page_bytes"], median);
    assert_eq!(summary["theorems"], 12);
    assert_eq!(summary["pages"], 14);
    // The shared script is small and no page inlines script or style.
    let js = std::fs::metadata(dir.path().join("site/site.js"))
        .unwrap()
        .len();
    assert!(js < 4_000, "site.js is {js} bytes");
    for (path, bytes) in files(&dir.path().join("site")) {
        if path.ends_with(".html") {
            let text = String::from_utf8(bytes).unwrap();
            assert!(
                !text.contains("<script>") && !text.contains("<style"),
                "{path}"
            );
        }
    }
}

#[test]
fn bad_input_exits_2() {
    let dir = scratch();
    let o = render(dir.path(), "no/such/path", "site");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("error:"));
    std::fs::create_dir_all(dir.path().join("empty")).unwrap();
    let o = render(dir.path(), "empty", "site");
    assert_eq!(o.status.code(), Some(2));
    let o = ergo(&["html", "proofs"], dir.path());
    assert_eq!(o.status.code(), Some(2), "--out is required");
}

/// The version 2 fixture (clauses, case splits, contradictions, premise proofs); its
/// `source` points at the repository's `axioms/peano.mpl`.
const CONDITIONAL: &str = "tests/fixtures/peano_conditional.proof.json";

/// Renders [`CONDITIONAL`] from the repository root into `out` (absolute).
fn render_conditional(out: &Path) -> PathBuf {
    let o = ergo(
        &[
            "html",
            CONDITIONAL,
            "--out",
            out.to_str().unwrap(),
            "--json",
        ],
        &root(),
    );
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(&o));
    let summary: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(summary["theorems"], 5);
    out.to_path_buf()
}

#[test]
fn clauses_case_splits_and_contradictions_are_rendered() {
    let dir = tempfile::tempdir().unwrap();
    let site = render_conditional(&dir.path().join("site"));
    let checked = check_links(&site);
    assert!(checked > 100, "only {checked} links checked");

    // The index: clause statements and every method.
    let index = read(&site.join("index.html"));
    for (name, statement, method) in [
        ("succ_ne_self", "s(x) ≠ x", "induction on x"),
        ("add_cancel_r", "b + a = c + a → b = c", "induction on a"),
        ("add_eq_zero_r", "a + b = 0 → b = 0", "case split on b"),
        ("succ_add_zero_ne_self", "s(x + 0) ≠ x", "contradiction"),
        ("add_one_cancel", "b + 1 = c + 1 → b = c", "direct"),
    ] {
        let row = format!("<a href=\"thm/{name}.html\">{name}</a></td><td class=\"t\"><code>{statement}</code></td><td>{method}</td>");
        assert!(index.contains(&row), "{row} not in the index:\n{index}");
    }

    // A negation by induction: h1 and the goal ⊥ at the top; in each case h1
    // re-introduced; the induction hypothesis as a clause; contradictions naming their
    // clause with its instance; nested premise proofs.
    let page = read(&site.join("thm/succ_ne_self.html"));
    assert!(page.contains("<code>s(x) ≠ x</code>"));
    assert!(page.contains("id=\"h-h1\""), "{page}");
    assert!(page.contains("<b>h1</b>: <code>s(x) = x</code><span class=\"q\"> (premise)</span>"));
    assert!(page.contains("Goal: <code>⊥</code>"));
    assert!(page.contains("Hypothesis h1 is re-introduced in each case"));
    assert!(page.contains("id=\"c0-h-h1\"") && page.contains("<b>h1</b>: <code>1 = 0</code>"));
    assert!(
        page.contains("id=\"c1-h-h1\"") && page.contains("<b>h1</b>: <code>s(s(m)) = s(m)</code>")
    );
    assert!(page.contains("<span class=\"q\"> (re-introduced)</span>"));
    assert!(page.contains("id=\"c1-h-ih_m\""));
    assert!(page.contains("<b>ih_m</b>: <code>s(m) ≠ m</code>"));
    assert!(page.contains("href=\"../rules.html#contradiction\">contradiction</a>"));
    assert!(page.contains("href=\"../index.html#ax-succ_ne_zero\">succ_ne_zero</a>"));
    assert!(page.contains("its instance <code>1 ≠ 0</code>"));
    assert!(page.contains("href=\"#c1-h-ih_m\">ih_m</a>"));
    assert!(page.contains("data-d=\"c1-h-ih_m\""));
    // Premise 1 of the contradiction in case 1, and premise 1 of its step 1 (succ_inj).
    assert!(page.contains(
        "<details class=\"sub\" id=\"c1-p0\" open><summary>Premise 1: <code>s(m) = m</code>"
    ));
    assert!(page.contains("<details class=\"sub\" id=\"c1-p0-s1p0\" open><summary>Premise 1: <code>s(s(m)) = s(m)</code>"));
    assert!(page.contains("href=\"../rules.html#premises\">if 1 premise</a>"));
    assert!(page.contains("href=\"#c1-h-h1\">h1</a>"));
    assert!(page.contains("data-d=\"c1-p0-s1p0-s0 c1-h-h1\""));

    // A conditional induction hypothesis, generalised, used with a premise proof.
    let page = read(&site.join("thm/add_cancel_r.html"));
    assert!(
        page.contains(
            "<b>ih_m</b>: <code>b + m = c + m → b = c</code><span class=\"q\"> for all b, c</span>"
        ),
        "{page}"
    );
    assert!(page.contains("<b>h1</b>: <code>b + s(m) = c + s(m)</code>"));
    assert!(page.contains("id=\"c1-s1p0\""));
    assert!(page.contains("Goal: <code>b = c</code>"));

    // A case split: cases without induction hypothesis; a contradiction proving an
    // equation.
    let page = read(&site.join("thm/add_eq_zero_r.html"));
    assert!(page.contains("href=\"../rules.html#cases\">case split</a> on <code>b</code>"));
    assert!(
        page.contains("<summary>Case <code>0</code>")
            && page.contains("<summary>Case <code>s(m)</code>")
    );
    assert!(!page.contains("ih_m") && !page.contains("Step case"));
    assert!(page.contains("Goal: <code>s(m) = 0</code>"));
    assert!(page.contains("its instance <code>s(a + m) ≠ 0</code>"));

    // A lemma as the clause of a contradiction, and as a conditional rule.
    let page = read(&site.join("thm/succ_add_zero_ne_self.html"));
    assert!(page.contains("href=\"../rules.html#lemma\">lemma</a> <span class=\"cite\"><a class=\"r\" href=\"succ_ne_self.html\">succ_ne_self</a><span class=\"tip\" role=\"tooltip\"><span class=\"p\"> (</span><code>s(x) ≠ x</code>"));
    let page = read(&site.join("thm/add_one_cancel.html"));
    assert!(page.contains("href=\"add_cancel_r.html\">add_cancel_r</a>"));
    assert!(page.contains("<tr class=\"sub\">"));

    // The rules page explains hypotheses, premises, case splits and contradictions.
    let rules = read(&site.join("rules.html"));
    for id in ["hyp", "ih", "premises", "cases", "contradiction"] {
        assert!(rules.contains(&format!("id=\"{id}\"")), "{id}");
    }

    // Deterministic.
    let again = render_conditional(&dir.path().join("again"));
    assert_eq!(files(&site), files(&again));
}

/// A cited lemma's, axiom's or hypothesis's statement sits next to its citation in the
/// HTML itself (the style sheet makes it a pop-up; no script needed), link kept.
#[test]
fn a_cited_rule_states_its_statement_next_to_the_citation() {
    let dir = scratch();
    let site = render_ok(dir.path());
    let page = read(&site.join("thm/add_comm.html"));
    for (link, statement) in [
        (
            "<a class=\"r\" href=\"add_succ_l.html\">add_succ_l</a>",
            "s(x) + y = s(x + y)",
        ),
        (
            "<a class=\"r\" href=\"../index.html#ax-add_zero\">add_zero</a>",
            "a + 0 = a",
        ),
        (
            "<a class=\"r\" href=\"#c1-h-ih_x\">ih_x</a>",
            "x + y = y + x",
        ),
    ] {
        let cited = format!(
            "<span class=\"cite\">{link}<span class=\"tip\" role=\"tooltip\"><span class=\"p\"> (</span><code>{statement}</code><span class=\"p\">)</span></span></span>"
        );
        assert!(page.contains(&cited), "{cited} missing");
    }
    // The facts list too: "Cites" and "Rests on".
    let facts = &page[..page.find("id=\"proof\"").unwrap()];
    assert!(facts.contains("add_succ_l</a><span class=\"tip\" role=\"tooltip\"><span class=\"p\"> (</span><code>s(x) + y = s(x + y)</code>"));
    assert!(facts.contains("add_succ</a><span class=\"tip\" role=\"tooltip\"><span class=\"p\"> (</span><code>a + s(b) = s(a + b)</code>"));
}

/// A derived theory of 71 theorems (`ergo derive axioms/order.mpl`), for the index graph.
const DERIVED: &str = "tests/fixtures/order_derived.proof.json";

/// A box of the index's dependency graph.
struct GraphBox {
    id: String,
    x: i64,
    y: i64,
    w: i64,
    h: i64,
    /// The ids of the boxes it cites directly (from `data-d`).
    cites: Vec<String>,
}

/// The boxes and the edges (the points of each path: ends, control points, waypoints)
/// of the graph on a theory index.
fn graph_of(index: &str) -> (Vec<GraphBox>, Vec<Vec<(i64, i64)>>) {
    let svg = &index[index.find("<svg class=\"graph\"").expect("a graph")..];
    let svg = &svg[..svg.find("</svg>").unwrap()];
    let num = |s: &str, attr: &str| -> i64 {
        let at = s.find(&format!(" {attr}=\"")).unwrap() + attr.len() + 3;
        s[at..at + s[at..].find('"').unwrap()].parse().unwrap()
    };
    let mut boxes = Vec::new();
    for chunk in svg.split("<a id=\"").skip(1) {
        let id = chunk[..chunk.find('"').unwrap()].to_string();
        let d = attr_values(&chunk[..chunk.find('>').unwrap() + 1], "data-d");
        let rect = &chunk[chunk.find("<rect").unwrap()..];
        boxes.push(GraphBox {
            cites: d[0]
                .split_whitespace()
                .filter(|x| x.starts_with("gn"))
                .map(str::to_string)
                .collect(),
            id,
            x: num(rect, "x"),
            y: num(rect, "y"),
            w: num(rect, "width"),
            h: num(rect, "height"),
        });
    }
    let mut edges = Vec::new();
    for d in attr_values(svg, "d") {
        if !d.starts_with('M') || d.contains('z') {
            continue; // the arrow head's marker
        }
        let (mut pts, mut last) = (Vec::new(), (0, 0));
        for part in d.split(['M', 'C', ' ']).filter(|p| !p.is_empty()) {
            for (i, seg) in part.split('V').enumerate() {
                if seg.is_empty() {
                    continue;
                }
                last = if i == 0 {
                    let (x, y) = seg.split_once(',').unwrap();
                    (x.parse().unwrap(), y.parse().unwrap())
                } else {
                    (last.0, seg.parse().unwrap())
                };
                pts.push(last);
            }
        }
        edges.push(pts);
    }
    (boxes, edges)
}

#[test]
fn the_graph_of_a_large_theory_is_layered_and_keeps_its_edges_off_the_margins() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let o = ergo(
        &["html", DERIVED, "--out", out.to_str().unwrap(), "--json"],
        &root(),
    );
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(&o));
    let index = read(&out.join("index.html"));
    let (boxes, edges) = graph_of(&index);
    let theorems = boxes
        .iter()
        .filter(|b| index.contains(&format!("<a id=\"{}\" class=\"th\"", b.id)))
        .count();
    assert!(theorems >= 60, "only {theorems} theorems drawn");
    assert!(edges.len() > 100, "only {} edges", edges.len());

    // Layers respect dependencies: each box sits below every box it cites.
    let by_id: BTreeMap<&str, &GraphBox> = boxes.iter().map(|b| (b.id.as_str(), b)).collect();
    for b in &boxes {
        for c in &b.cites {
            let cited = by_id[c.as_str()];
            assert!(
                cited.y + cited.h < b.y,
                "{} is not below {c}, which it cites",
                b.id
            );
        }
    }
    // Every box links to its page or its row.
    for href in attr_values(&index[index.find("<svg").unwrap()..], "href") {
        assert!(
            href.starts_with("thm/") || href.starts_with("#ax-"),
            "{href}"
        );
    }

    // No edge runs along the margin: each stays within the horizontal span of the boxes
    // on the layers it crosses (give or take the gap between two boxes).
    for pts in &edges {
        let (top, bottom) = (
            pts.iter().map(|p| p.1).min().unwrap(),
            pts.iter().map(|p| p.1).max().unwrap(),
        );
        let crossed: Vec<&GraphBox> = boxes
            .iter()
            .filter(|b| b.y + b.h >= top && b.y <= bottom)
            .collect();
        let left = crossed.iter().map(|b| b.x).min().unwrap();
        let right = crossed.iter().map(|b| b.x + b.w).max().unwrap();
        for p in pts {
            assert!(
                p.0 >= left - 14 && p.0 <= right + 14,
                "an edge runs outside its layers ({left}..{right}): {pts:?}"
            );
        }
    }

    // Deterministic: a second render is byte-identical.
    let again = dir.path().join("again");
    let o = ergo(
        &["html", DERIVED, "--out", again.to_str().unwrap()],
        &root(),
    );
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(&o));
    assert_eq!(files(&out), files(&again));
}

/// The hand-written certificate whose theorems are proved by case splits on terms.
const SPLIT: &str = "src/kernel/tests/fixtures/split.proof.json";

#[test]
fn a_split_on_a_term_is_rendered_as_a_case_analysis_with_its_hypotheses() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let o = ergo(
        &["html", SPLIT, "--out", site.to_str().unwrap(), "--json"],
        &root(),
    );
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(&o));
    let summary: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(summary["theorems"], 4);
    let checked = check_links(&site);
    assert!(checked > 50, "only {checked} links checked");

    let index = read(&site.join("index.html"));
    for (name, method) in [
        ("count_cons_split", "case analysis on eqn(n, x)"),
        ("ite_isnil_app", "case analysis on app(k, l)"),
        ("count_app", "induction on k, nested"),
        ("count_cons_false", "case analysis on eqn(n, x)"),
    ] {
        let row = format!("<a href=\"thm/{name}.html\">{name}</a></td>");
        let at = index
            .find(&row)
            .unwrap_or_else(|| panic!("{name} not in {index}"));
        let method = format!("<td>{method}</td>");
        assert!(index[at..].contains(&method), "{method} for {name}");
    }

    // The split, its cases with their hypotheses (stated per case, cited by the steps),
    // the same goal in each case.
    let page = read(&site.join("thm/count_cons_split.html"));
    assert!(
        page.contains(
            "By <a href=\"../rules.html#cases\">case analysis</a> on <code>eqn(n, x)</code>"
        ),
        "{page}"
    );
    assert!(page.contains("<summary>Case <code>true</code></summary>"));
    assert!(page.contains("<summary>Case <code>false</code></summary>"));
    assert!(page.contains(
        "<p class=\"ih\" id=\"c0-h-c1\"><a class=\"k\" href=\"../rules.html#hyp\">hypothesis</a> <b>c1</b>: <code>eqn(n, x) = true</code>"
    ));
    assert!(page.contains("id=\"c1-h-c1\"") && page.contains("<code>eqn(n, x) = false</code>"));
    assert!(page.contains("href=\"#c0-h-c1\">c1</a>") && page.contains("href=\"#c1-h-c1\">c1</a>"));
    let goal = "Goal: <code>count(n, cons(x, l)) = count(n, cons(x, nil)) + count(n, l)</code>";
    assert_eq!(page.matches(goal).count(), 2, "{page}");
    assert!(!page.contains("Base case") && !page.contains("Step case"));

    // On a list term: the constructor applied to the fresh variables.
    let page = read(&site.join("thm/ite_isnil_app.html"));
    assert!(page.contains("<summary>Case <code>cons(y, ys)</code></summary>"));
    assert!(page.contains("<b>c1</b>: <code>app(k, l) = cons(y, ys)</code>"));

    // Nested in an induction's step case, beside the induction hypothesis.
    let page = read(&site.join("thm/count_app.html"));
    assert!(page.contains("<summary>Step case <code>cons(y, ys)</code></summary>"));
    assert!(page.contains("on <code>eqn(n, y)</code>"));
    assert!(page.contains("id=\"c1-c0-h-c1\"") && page.contains("href=\"#c1-h-ih_ys\">ih_ys</a>"));

    // The rules page explains it.
    let rules = read(&site.join("rules.html"));
    assert!(rules.contains("A case analysis on a term"));
}
