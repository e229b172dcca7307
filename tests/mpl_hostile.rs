//! Hostile source text in diagnostics (issue 18): what the file says never reaches the
//! terminal raw, never floods it, and never loses the caret or the position.
//!
//! - terminal escape codes and other control characters are shown escaped;
//! - a 5 MB line renders as one short line cut around the caret, quickly;
//! - the caret sits under the offending text after CJK characters and emoji (two
//!   columns each);
//! - a UTF-8 byte-order mark is skipped, not an error;
//! - a file that is not UTF-8 is an error at `file:line:col` of its first invalid byte,
//!   with the byte offset, and `ergo check` exits 2.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use ergo::mpl;
use unicode_width::UnicodeWidthStr;

const HEADER: &str = "inductive N = 0 | s(N);\n";

fn render(text: &str) -> String {
    match mpl::load_str(Path::new("hostile.mpl"), text) {
        Ok(_) => panic!("accepted: {text:?}"),
        Err(d) => d.to_string(),
    }
}

/// The display column (0-based, after the `N | ` gutter) of the first caret, and the
/// source line shown above it.
fn caret(out: &str) -> (String, usize) {
    let lines: Vec<&str> = out.lines().collect();
    let k = lines
        .iter()
        .position(|l| l.trim_start().starts_with('|') && l.contains('^'))
        .expect("a caret line");
    let source = lines[k - 1].split_once(" | ").expect("a source line").1;
    let under = lines[k].split_once(" | ").expect("a caret line").1;
    (source.to_string(), under.find('^').unwrap())
}

/// The source text shown from display column `col` on.
fn from_column(line: &str, col: usize) -> &str {
    let mut width = 0;
    for (i, c) in line.char_indices() {
        if width >= col {
            return &line[i..];
        }
        width += UnicodeWidthStr::width(c.encode_utf8(&mut [0; 4]) as &str);
    }
    ""
}

#[test]
fn escape_codes_never_reach_the_terminal() {
    let mut controls: String = (0u8..0x20)
        .filter(|b| *b != b'\n')
        .map(char::from)
        .collect();
    controls.push('\u{7f}');
    controls.push('\u{9b}'); // the C1 control sequence introducer
    for hostile in [
        "\u{1b}[2J\u{1b}[31mred".to_string(),
        "\u{1b}]0;title\u{7}".to_string(),
        controls,
        "\u{202e}desrever".to_string(),
    ] {
        for text in [
            format!("{HEADER}axiom a: (>[x] (=[x, {hostile}]));\n"),
            format!("{HEADER}axiom {hostile}: (>[x] (=[x, x]));\n"),
            format!("{HEADER}{hostile}\n"),
        ] {
            let out = render(&text);
            for c in out.chars() {
                assert!(
                    c == '\n' || c == '\t' || !c.is_control(),
                    "raw {c:?} in:\n{out}"
                );
                assert!(
                    !('\u{202a}'..='\u{202e}').contains(&c),
                    "raw {c:?} in:\n{out}"
                );
            }
            assert!(out.contains("hostile.mpl:"), "{out}");
        }
    }
}

#[test]
fn a_five_megabyte_line_renders_short_and_fast() {
    let long = "a".repeat(5_000_000);
    for text in [
        // The error is at the end of the line...
        format!("{HEADER}axiom a: (>[x] (=[x, {long}!]));\n"),
        // ... near its start, in a 5 MB identifier echoed by the message...
        format!("{HEADER}axiom a: (>[x] (=[x, !{long}]));\n"),
        format!("{HEADER}axiom a: (>[x] (=[x, {long}]));\n"),
    ] {
        let start = Instant::now();
        let out = render(&text);
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "{:?}",
            start.elapsed()
        );
        assert!(out.len() < 2_000, "{} bytes of diagnostics", out.len());
        assert!(out.contains(" --> hostile.mpl:2:"), "{out}");
        let (line, col) = caret(&out);
        assert!(line.len() <= 120, "{line}");
        assert!(!from_column(&line, col).is_empty(), "{out}");
    }
    let out = render(&format!("{HEADER}axiom a: (>[x] (=[x, {long}!]));\n"));
    let (line, col) = caret(&out);
    assert!(from_column(&line, col).starts_with('!'), "{out}");
}

#[test]
fn the_caret_follows_wide_characters() {
    for wide in ["名前", "🦀🦀", "e\u{301}te\u{301}", "ｆｕｌｌ"] {
        let text = format!("{HEADER}/* {wide} */ axiom a: (>[x] (=[f(x), x]));\n");
        let out = render(&text);
        let (line, col) = caret(&out);
        assert!(
            from_column(&line, col).starts_with("f(x)"),
            "{wide}: caret at column {col} in\n{out}"
        );
    }
}

#[test]
fn a_byte_order_mark_is_skipped() {
    let plain = format!("{HEADER}axiom a: (>[x] !(=[s(x), 0]));\n");
    let with_bom = format!("\u{feff}{plain}");
    let a = mpl::load_str(Path::new("t.mpl"), &plain).unwrap();
    let b = mpl::load_str(Path::new("t.mpl"), &with_bom).unwrap();
    assert_eq!(a.signature(), b.signature());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.mpl");
    std::fs::write(&path, with_bom.as_bytes()).unwrap();
    let c = mpl::load(&path).unwrap();
    assert_eq!(a.signature(), c.signature());
    // Positions on the first line do not count the mark.
    let bad = "\u{feff}inductive N = 0 | s(N) oops;\n";
    std::fs::write(&path, bad.as_bytes()).unwrap();
    let out = mpl::load(&path).unwrap_err().to_string();
    assert!(out.contains("t.mpl:1:24"), "{out}");
}

#[test]
fn non_utf8_input_is_an_error_at_its_first_invalid_byte() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.mpl");
    let mut bytes = HEADER.as_bytes().to_vec();
    bytes.extend_from_slice(b"axiom caf\xe9: (>[x] (=[x, x]));\n");
    std::fs::write(&path, &bytes).unwrap();
    let out = mpl::load(&path).unwrap_err().to_string();
    assert!(out.contains("latin1.mpl:2:10"), "{out}");
    assert!(out.contains("0xE9"), "{out}");
    assert!(
        out.contains(&format!("offset {}", HEADER.len() + 9)),
        "{out}"
    );
    // The same through the CLI: a diagnostic and exit code 2, for check and derive.
    for args in [vec!["check"], vec!["derive", "--out"]] {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_ergo"));
        cmd.args(&args);
        if args.len() > 1 {
            cmd.arg(dir.path().join("out"));
        }
        let run = cmd.arg(&path).output().unwrap();
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains("latin1.mpl:2:10"), "{args:?}: {stderr}");
    }
}
