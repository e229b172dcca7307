//! One source line as a diagnostic shows it, and the text around it made safe for a
//! terminal.
//!
//! Invariants:
//! - nothing of the source reaches the output raw: control characters become their
//!   Unicode control pictures (`ESC` shows as `␛`), other invisible or direction-changing
//!   characters (bidirectional overrides, zero-width spaces, line separators) show as
//!   `<U+202E>`; tabs stay tabs, in the line and under it, so the caret lines up;
//! - the caret is placed by display width, so it sits right after wide characters (CJK,
//!   emoji take two columns) and combining marks take none;
//! - a line wider than [`MAX_WIDTH`] columns is cut around the caret, with `...` where
//!   text was left out, and at most a few hundred characters of it are ever looked at
//!   beyond the caret's own position: a 5 MB line renders as a short one;
//! - messages, labels and paths are escaped the same way and cut at [`MAX_TEXT`]
//!   characters.
//!
//! ```text
//! 1 | axiom 名前: (=[␛[31m, x]);
//!   |                ^ expected a term, found '\u{1b}'
//! ```

use std::borrow::Cow;

use unicode_width::UnicodeWidthChar;

/// The most display columns of a source line shown.
pub(crate) const MAX_WIDTH: usize = 100;
/// Columns kept left of the caret when a line is cut.
const CONTEXT: usize = 40;
/// The most characters of a message, label, note or path shown.
pub(crate) const MAX_TEXT: usize = 300;
/// Characters looked at on either side of the caret (enough for [`MAX_WIDTH`] columns).
const SCAN: usize = 4 * MAX_WIDTH;

/// How one character of the source is shown: its text and width in columns.
fn cell(c: char) -> (Cow<'static, str>, usize) {
    match c {
        '\t' => (Cow::Borrowed("\t"), 4),
        '\u{0}'..='\u{1f}' => {
            let pic = char::from_u32(0x2400 + c as u32).unwrap_or('?');
            (Cow::Owned(pic.to_string()), 1)
        }
        '\u{7f}' => (Cow::Borrowed("\u{2421}"), 1),
        c if hidden(c) => {
            let s = format!("<U+{:04X}>", c as u32);
            let w = s.len();
            (Cow::Owned(s), w)
        }
        c => (Cow::Owned(c.to_string()), c.width().unwrap_or(0)),
    }
}

/// Characters that change or hide what a terminal shows: C1 controls, bidirectional
/// controls, zero-width and line-separating characters, the byte-order mark.
fn hidden(c: char) -> bool {
    matches!(c,
        '\u{80}'..='\u{9f}'
        | '\u{200b}'..='\u{200f}'
        | '\u{2028}'..='\u{202e}'
        | '\u{2060}'..='\u{2069}'
        | '\u{feff}'
        | '\u{fff9}'..='\u{fffb}')
}

/// A message, label, note or path, escaped like source text and cut to [`MAX_TEXT`]
/// characters.
pub(crate) fn clean(s: &str) -> Cow<'_, str> {
    let safe = |c: char| !c.is_control() && !hidden(c);
    if s.chars().all(safe) && s.len() <= MAX_TEXT {
        return Cow::Borrowed(s);
    }
    let mut out = String::new();
    for (k, c) in s.chars().enumerate() {
        if k == MAX_TEXT {
            out.push_str("...");
            break;
        }
        if safe(c) {
            out.push(c);
        } else {
            out.extend(c.escape_unicode());
        }
    }
    Cow::Owned(out)
}

/// A source line and the line under it (spaces or tabs, then carets): `line` is the
/// source line without its newline, `start..end` the byte range of the span within it
/// (clamped to the line, on character boundaries).
pub(crate) fn show(line: &str, start: usize, end: usize) -> (String, String) {
    let start = start.min(line.len());
    let end = end.clamp(start, line.len());
    // Look at no more than SCAN characters on either side of the caret.
    let lo = line[..start]
        .char_indices()
        .rev()
        .nth(SCAN)
        .map_or(0, |(i, _)| i);
    let hi = line[start..]
        .char_indices()
        .nth(SCAN)
        .map_or(line.len(), |(i, _)| start + i);
    let cells: Vec<(usize, Cow<'static, str>, usize)> = line[lo..hi]
        .char_indices()
        .map(|(i, c)| {
            let (text, width) = cell(c);
            (lo + i, text, width)
        })
        .collect();
    let first = cells
        .iter()
        .position(|(i, ..)| *i >= start)
        .unwrap_or(cells.len());
    let caret_col: usize = cells[..first].iter().map(|c| c.2).sum();
    let total: usize = cells.iter().map(|c| c.2).sum();
    // The window of cells shown.
    let (from, to) = if total <= MAX_WIDTH && lo == 0 && hi == line.len() {
        (0, cells.len())
    } else {
        let left = caret_col.saturating_sub(CONTEXT);
        let mut col = 0;
        let mut from = 0;
        while from < first && col + cells[from].2 <= left {
            col += cells[from].2;
            from += 1;
        }
        let mut to = from;
        let mut width = 0;
        while to < cells.len() && (to <= first || width + cells[to].2 <= MAX_WIDTH) {
            width += cells[to].2;
            to += 1;
        }
        (from, to)
    };
    let cut_left = from > 0 || lo > 0;
    let cut_right = to < cells.len() || hi < line.len();
    let mut shown = String::new();
    let mut under = String::new();
    if cut_left {
        shown.push_str("...");
        under.push_str("   ");
    }
    let mut carets = 0;
    for (i, text, width) in &cells[from..to] {
        shown.push_str(text);
        if *i < start {
            if text == "\t" {
                under.push('\t');
            } else {
                under.extend(std::iter::repeat_n(' ', *width));
            }
        } else if *i < end {
            carets += width;
        }
    }
    if cut_right {
        shown.push_str("...");
    }
    under.extend(std::iter::repeat_n('^', carets.max(1)));
    (shown, under)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_control_characters() {
        let (line, under) = show("a \u{1b}[31m b", 2, 3);
        assert_eq!(line, "a \u{241b}[31m b");
        assert_eq!(under, "  ^");
    }

    #[test]
    fn carets_follow_wide_characters() {
        let text = "名前 x";
        let (_, under) = show(text, text.find('x').unwrap(), text.len());
        assert_eq!(under, "     ^");
        let text = "🦀🦀 y";
        let (_, under) = show(text, text.find('y').unwrap(), text.len());
        assert_eq!(under, "     ^");
    }

    #[test]
    fn long_lines_are_cut_around_the_caret() {
        let text = format!("{}X{}", "a".repeat(5_000_000), "b".repeat(5_000_000));
        let at = 5_000_000;
        let (line, under) = show(&text, at, at + 1);
        assert!(line.len() <= MAX_WIDTH + 6, "{}", line.len());
        assert!(line.starts_with("...") && line.ends_with("..."));
        let caret = under.find('^').unwrap();
        assert_eq!(&line[caret..caret + 1], "X");
    }

    #[test]
    fn hidden_characters_show_as_code_points() {
        let (line, _) = show("a\u{202e}b", 0, 1);
        assert_eq!(line, "a<U+202E>b");
        assert_eq!(clean("x\u{1b}y"), "x\\u{1b}y");
        assert!(clean(&"z".repeat(10_000)).len() <= MAX_TEXT + 3);
    }
}
