//! File names and element ids from theorem, axiom and theory names.
//!
//! Certificate names may hold any character but whitespace and parentheses (`+`, `/`,
//! `..`, `é`, upper case ...). [`slug`] maps them to names that are safe everywhere the
//! site may be unpacked or served. Invariants:
//! - the output uses only `a-z`, `0-9`, `_`, `-` and `~`, so it needs no escaping in a URL,
//!   an `id` or a file name, and it never starts with a dot;
//! - it is injective: kept characters stand for themselves and every other byte of the
//!   name's UTF-8 becomes `~` and two lower-case hex digits, so two names never share a
//!   slug, not even on a case-insensitive file system (upper case is escaped);
//! - it is stable: it depends on the name alone, never on the other names of the site;
//! - it is never a reserved device name on Windows (`con`, `nul`, `com1`, ...) and at most
//!   [`MAX_SLUG`] bytes long (a longer one is cut and ends with a hash of the whole name,
//!   which keeps it stable; injectivity then holds up to 64-bit hash collisions).

use std::fmt::Write;

/// The longest slug, in bytes, well under the 255-byte file name limit of common file
/// systems once `.html` is added.
pub const MAX_SLUG: usize = 120;

/// The file-name-safe form of `name` (see the module invariants).
pub fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for b in name.bytes() {
        match b {
            b'a'..=b'z' | b'0'..=b'9' | b'_' | b'-' => out.push(b as char),
            _ => {
                let _ = write!(out, "~{b:02x}");
            }
        }
    }
    if is_reserved_on_windows(&out) {
        // `~` then a non-hex letter cannot come from the escape above.
        out.push_str("~r");
    }
    if out.len() > MAX_SLUG {
        let mut cut = MAX_SLUG - 18;
        // Do not cut an escape in half.
        while out.as_bytes()[cut - 1] == b'~' || out.as_bytes()[cut.saturating_sub(2)] == b'~' {
            cut -= 1;
        }
        out.truncate(cut);
        let _ = write!(out, "~h{:016x}", fnv1a(name.as_bytes()));
    }
    out
}

/// Device names that Windows refuses as file names, with any extension.
fn is_reserved_on_windows(s: &str) -> bool {
    const PLAIN: [&str; 4] = ["con", "prn", "aux", "nul"];
    if PLAIN.contains(&s) {
        return true;
    }
    let b = s.as_bytes();
    b.len() == 4 && (s.starts_with("com") || s.starts_with("lpt")) && b[3].is_ascii_digit()
}

/// 64-bit FNV-1a: a small, fixed hash (the standard library's is not guaranteed stable
/// across releases).
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The file of a theorem's page, relative to its theory's folder.
pub fn theorem_file(name: &str) -> String {
    format!("thm/{}.html", slug(name))
}

/// The id of an axiom's row on the theory index.
pub fn axiom_id(name: &str) -> String {
    format!("ax-{}", slug(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_names_stay_readable() {
        assert_eq!(slug("add_comm"), "add_comm");
        assert_eq!(slug("mul-one-2"), "mul-one-2");
    }

    #[test]
    fn other_characters_are_escaped_and_case_is_kept_apart() {
        assert_eq!(slug("a+b"), "a~2bb");
        assert_eq!(slug(".."), "~2e~2e");
        assert_eq!(slug("a/b"), "a~2fb");
        assert_eq!(slug("Add"), "~41dd");
        assert_ne!(slug("Add").to_lowercase(), slug("add"));
        assert_eq!(slug("é"), "~c3~a9");
        assert!(!slug(".hidden").starts_with('.'));
    }

    #[test]
    fn windows_device_names_are_avoided() {
        assert_eq!(slug("con"), "con~r");
        assert_eq!(slug("com1"), "com1~r");
        assert_eq!(slug("console"), "console");
        assert_ne!(slug("con"), slug("con~r"));
    }

    #[test]
    fn long_names_are_cut_with_a_stable_hash() {
        let a = "x".repeat(500);
        let b = format!("{}y", "x".repeat(499));
        assert!(slug(&a).len() <= MAX_SLUG);
        assert_ne!(slug(&a), slug(&b));
        assert_eq!(slug(&a), slug(&a.clone()));
        let escaped = "+".repeat(200);
        let s = slug(&escaped);
        assert!(s.len() <= MAX_SLUG, "{s}");
        assert!(s.contains("~h"), "{s}");
    }
}
