//! `ergo html` end to end in a real browser: headless Chromium loads the index and an
//! induction proof page from `file://` URLs, its DOM (after the script ran) is checked
//! for the statements and steps a reader expects, and screenshots are taken.
//!
//! Skipped, with the reason printed, when no Chromium is installed; under `CI=true` a
//! missing Chromium is a failure (CI installs the Debian package `chromium`, see `.ci/run`).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The Chromium binary, if any.
/// Chromium, or `None` after reporting it missing (a failure under `CI=true`).
fn chromium() -> Option<PathBuf> {
    let found = find_chromium();
    if found.is_none() {
        common::tool_missing(
            "chromium",
            "html_browser",
            "install the Debian package `chromium`, or set CHROMIUM=/path/to/it",
        );
    }
    found
}

fn find_chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| {
            std::env::var_os("PATH")
                .map(|paths| {
                    std::env::split_paths(&paths)
                        .map(|d| d.join(name))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
        .find(|p| p.is_file())
}

/// Runs headless Chromium with a fresh profile and the network-facing features off.
fn run_chromium(bin: &Path, profile: &Path, args: &[String], url: &str) -> String {
    let mut cmd = Command::new(bin);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-default-apps",
        "--disable-extensions",
        "--hide-scrollbars",
    ])
    .arg(format!("--user-data-dir={}", profile.display()))
    .args(args)
    .arg(url);
    let child = cmd
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start chromium");
    // Never hang the test suite on a stuck browser.
    let out = wait_with_timeout(child, Duration::from_secs(90));
    String::from_utf8_lossy(&out).into_owned()
}

fn wait_with_timeout(mut child: std::process::Child, limit: Duration) -> Vec<u8> {
    use std::io::Read;
    let mut stdout = child.stdout.take().expect("piped stdout");
    let reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = stdout.read_to_end(&mut buf);
        buf
    });
    let mut stderr = child.stderr.take().expect("piped stderr");
    std::thread::spawn(move || {
        let mut sink = Vec::new();
        let _ = stderr.read_to_end(&mut sink);
    });
    let start = std::time::Instant::now();
    loop {
        if child.try_wait().expect("wait for chromium").is_some() {
            break;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    reader.join().expect("read chromium output")
}

/// Lays out the repository's proofs and axioms in `dir` and renders the site there.
fn render_site(dir: &Path) -> PathBuf {
    for (from, to) in [
        ("axioms/peano.mpl", "axioms/peano.mpl"),
        ("proofs/peano.proof.json", "proofs/peano.proof.json"),
    ] {
        let to = dir.join(to);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(root().join(from), to).unwrap();
    }
    let o = Command::new(env!("CARGO_BIN_EXE_ergo"))
        .args(["html", "proofs", "--out", "site"])
        .current_dir(dir)
        .output()
        .expect("run ergo");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    dir.join("site")
}

fn url(p: &Path) -> String {
    format!("file://{}", p.canonicalize().unwrap().display())
}

fn assert_png(path: &Path) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(
        bytes.len() > 10_000,
        "screenshot {} too small",
        path.display()
    );
    assert_eq!(
        &bytes[..8],
        b"\x89PNG\r\n\x1a\n",
        "{} is not a PNG",
        path.display()
    );
}

#[test]
fn index_and_induction_page_in_headless_chromium() {
    let Some(bin) = chromium() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let site = render_site(dir.path());
    let profile = dir.path().join("profile");
    let shots = std::env::var_os("ERGO_SCREENSHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| dir.path().join("shots"));
    std::fs::create_dir_all(&shots).unwrap();

    // The index, as the browser built it (after site.js ran).
    let index = run_chromium(
        &bin,
        &profile,
        &["--dump-dom".to_string()],
        &url(&site.join("index.html")),
    );
    assert!(index.contains("Theory peano"), "DOM: {index}");
    for statement in [
        "x + y = y + x",
        "x * (y + z) = x * y + x * z",
        "a + s(b) = s(a + b)",
        "s(a) ≠ 0",
        "1 * x = x",
    ] {
        assert!(index.contains(statement), "index DOM lacks {statement}");
    }
    for name in ["add_zero_l", "mul_assoc", "distrib_r"] {
        assert!(
            index.contains(&format!("href=\"thm/{name}.html\"")),
            "{name}"
        );
    }
    // The script ran: it reveals the search box, which the HTML ships hidden.
    assert!(
        index.contains("<input id=\"q\" type=\"search\""),
        "no search box"
    );
    let search = &index[index.find("<input id=\"q\"").unwrap()..];
    let search = &search[..search.find('>').unwrap()];
    assert!(!search.contains("hidden"), "site.js did not run: {search}");
    assert!(index.contains("<svg class=\"graph\""));

    // An induction proof page.
    let page = run_chromium(
        &bin,
        &profile,
        &["--dump-dom".to_string()],
        &url(&site.join("thm/add_comm.html")),
    );
    assert!(page.contains("<code>x + y = y + x</code>"), "DOM: {page}");
    assert!(page.contains("Base case") && page.contains("Step case"));
    assert!(page.contains("<b>ih_x</b>: <code>x + y = y + x</code>"));
    // The step case's chain: s(x) + y = s(x + y) = s(y + x) = y + s(x).
    let step_case = &page[page.find("Step case").unwrap()..];
    let mut at = 0;
    for line in [
        "<span class=\"rx\">s(x) + y</span>",
        "<span class=\"rs\">s(<span class=\"rx\">x + y</span>)</span>",
        "<span class=\"rx\">s(<span class=\"rs\">y + x</span>)</span>",
        "<span class=\"rs\">y + s(x)</span>",
    ] {
        let found = step_case[at..]
            .find(line)
            .unwrap_or_else(|| panic!("step line {line} missing or out of order"));
        at += found + line.len();
    }
    for rule in ["add_succ_l", "ih_x", "add_succ"] {
        assert!(step_case.contains(&format!(">{rule}</a>")), "{rule}");
    }

    // Screenshots: what a reader sees.
    for (page, file) in [
        ("index.html", "index.png"),
        ("thm/add_comm.html", "add_comm.png"),
        ("thm/distrib_l.html", "distrib_l.png"),
    ] {
        let png = shots.join(file);
        run_chromium(
            &bin,
            &profile,
            &[
                format!("--screenshot={}", png.display()),
                "--window-size=1280,1600".to_string(),
            ],
            &url(&site.join(page)),
        );
        assert_png(&png);
    }
}

#[test]
fn clause_contradiction_and_case_split_pages_in_headless_chromium() {
    let Some(bin) = chromium() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    // The version 2 fixture; its `source` points at the repository's axioms.
    let o = Command::new(env!("CARGO_BIN_EXE_ergo"))
        .args([
            "html",
            "tests/fixtures/peano_conditional.proof.json",
            "--out",
        ])
        .arg(&site)
        .current_dir(root())
        .output()
        .expect("run ergo");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let profile = dir.path().join("profile");
    let shots = std::env::var_os("ERGO_SCREENSHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| dir.path().join("shots"));
    std::fs::create_dir_all(&shots).unwrap();
    let dump = |page: &str| {
        run_chromium(
            &bin,
            &profile,
            &["--dump-dom".to_string()],
            &url(&site.join(page)),
        )
    };

    // A negation proved by induction with contradictions.
    let page = dump("thm/succ_ne_self.html");
    assert!(page.contains("<code>s(x) ≠ x</code>"), "DOM: {page}");
    assert!(page.contains("<b>h1</b>: <code>s(x) = x</code>"));
    assert!(page.contains("<b>ih_m</b>: <code>s(m) ≠ m</code>"));
    let step_case = &page[page.find("Step case").unwrap()..];
    let mut at = 0;
    for part in [
        "<b>h1</b>: <code>s(s(m)) = s(m)</code>",
        ">contradiction</a> with",
        ">ih_m</a>",
        "Premise 1: <code>s(m) = m</code>",
        ">succ_inj</a>",
        "Premise 1: <code>s(s(m)) = s(m)</code>",
        ">h1</a>",
    ] {
        let found = step_case[at..]
            .find(part)
            .unwrap_or_else(|| panic!("{part} missing or out of order"));
        at += found + part.len();
    }
    // Sub-proofs are open details, so the premise proofs are visible.
    assert!(page.contains("<details class=\"sub\" id=\"c1-p0\" open=\"\">"));

    // A case split.
    let page = dump("thm/add_eq_zero_r.html");
    assert!(
        page.contains(">case split</a> on <code>b</code>"),
        "DOM: {page}"
    );
    assert!(page.contains("Case <code>s(m)</code>"));
    assert!(!page.contains("ih_m"));

    for (page, file) in [
        ("thm/succ_ne_self.html", "succ_ne_self.png"),
        ("thm/add_cancel_r.html", "add_cancel_r.png"),
    ] {
        let png = shots.join(file);
        run_chromium(
            &bin,
            &profile,
            &[
                format!("--screenshot={}", png.display()),
                "--window-size=1280,1600".to_string(),
            ],
            &url(&site.join(page)),
        );
        assert_png(&png);
    }
}

/// A probe appended to a copy of a page: records how the pop-up statement of the proof's
/// citation of `href` is displayed before and after the citation link takes keyboard
/// focus, its text, and the style rules that show it on hover, in `body[data-probe]`.
const PROBE: &str = r#"<script>
var out = [], a = document.querySelector('.by .cite a[href="HREF"]');
var t = a.parentNode.querySelector(".tip");
out.push(getComputedStyle(t).display);
a.focus();
var r = t.getBoundingClientRect();
out.push(getComputedStyle(t).display, r.width > 0 && r.height > 0, t.textContent);
var hover = [];
try {
  for (var i = 0; i < document.styleSheets.length; i++) {
    var rs = document.styleSheets[i].cssRules;
    for (var j = 0; j < rs.length; j++) {
      if (rs[j].selectorText && rs[j].selectorText.indexOf(".cite:hover .tip") >= 0) hover.push(rs[j].cssText);
    }
  }
} catch (e) { hover.push("unreadable"); }
out.push(hover.join(" ; "));
document.body.setAttribute("data-probe", out.join("|"));
</script></body>"#;

/// The `data-probe` attribute of a dumped DOM, unescaped.
fn probe_result(dom: &str) -> String {
    let at = dom
        .find("data-probe=\"")
        .unwrap_or_else(|| panic!("the probe did not run: {dom}"));
    let rest = &dom[at + "data-probe=\"".len()..];
    rest[..rest.find('"').unwrap()]
        .replace("&quot;", "\"")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[test]
fn a_cited_lemma_shows_its_statement_on_hover_and_focus_in_headless_chromium() {
    let Some(bin) = chromium() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let site = render_site(dir.path());
    let profile = dir.path().join("profile");
    // add_comm's step case rewrites with the lemma add_succ_l: s(x) + y = s(x + y).
    let page = std::fs::read_to_string(site.join("thm/add_comm.html")).unwrap();
    let probe = site.join("thm/probe.html");
    std::fs::write(
        &probe,
        page.replace("</body>", &PROBE.replace("HREF", "add_succ_l.html")),
    )
    .unwrap();

    // A pointer that hovers (a desktop): hidden, then a pop-up once the link has focus.
    let desktop = probe_result(&run_chromium(
        &bin,
        &profile,
        &[
            "--dump-dom".to_string(),
            "--allow-file-access-from-files".to_string(),
            "--blink-settings=primaryHoverType=2,availableHoverTypes=2,primaryPointerType=4,availablePointerTypes=4".to_string(),
        ],
        &url(&probe),
    ));
    let parts: Vec<&str> = desktop.split('|').collect();
    assert_eq!(parts.len(), 5, "{desktop}");
    assert_eq!(
        parts[0], "none",
        "shown before any hover or focus: {desktop}"
    );
    assert_eq!(parts[1], "block", "not shown on focus: {desktop}");
    assert_eq!(parts[2], "true", "shown but empty: {desktop}");
    assert_eq!(parts[3], " (s(x) + y = s(x + y))");
    // Hover shows it by the same rule as focus.
    assert!(
        parts[4].contains(".cite:hover .tip")
            && parts[4].contains(".cite:focus-within .tip")
            && parts[4].contains("display: block"),
        "no hover rule: {desktop}"
    );

    // A touch screen (nothing hovers; headless Chromium's default): shown inline.
    let touch = probe_result(&run_chromium(
        &bin,
        &profile,
        &["--dump-dom".to_string()],
        &url(&probe),
    ));
    assert!(
        touch.starts_with("inline|inline|true| (s(x) + y = s(x + y))"),
        "{touch}"
    );
}
