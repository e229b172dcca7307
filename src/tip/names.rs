//! TIP names made MPL identifiers, reversibly: the naming scheme of `ergo import tip`.
//!
//! TIP (SMT-LIB) symbols may hold almost any character (`++`, `proj1-S`, `|-2|`); MPL
//! identifiers are ASCII letters, digits and `_` (grammars/mpl.ebnf). The scheme:
//!
//! - a *plain* name — an ASCII letter, then letters and digits, in groups joined by single
//!   underscores (`x`, `Nat`, `take_while2`), and not an MPL keyword or a name the
//!   translation itself uses (the Bool prelude's `Bool`, `true`, `false`, `ite`, `notb`,
//!   `andb`, `orb`, `implb`; `Prop`; GL's `in`, `in2`, `in3`) — is kept as it is;
//! - any other name `s` becomes `m__` followed by `s` with every ASCII letter and digit
//!   kept and every other byte written `_` and two lower-case hex digits (`++` is
//!   `m___2b_2b`, `proj1-S` is `m__proj1_2dS`, `notb` is `m__notb`);
//! - a bound variable whose name so made is also the name of an operator (MPL reads a
//!   bare identifier declared as a constant as that constant) is written `v__` and that
//!   name.
//!
//! Invariants: plain names contain no `__`, and every mangled name does, so the scheme is
//! injective and [`demangle`] inverts it; names the translation invents itself start with
//! `_` (`_eq`), which no TIP name becomes.
//!
//! ```
//! use ergo::tip::names::{demangle, mangle};
//! assert_eq!(mangle("plus"), "plus");
//! assert_eq!(mangle("++"), "m___2b_2b");
//! assert_eq!(mangle("sort"), "m__sort");
//! assert_eq!(demangle("m___2b_2b").as_deref(), Some("++"));
//! assert_eq!(demangle("plus").as_deref(), Some("plus"));
//! ```

/// Names a plain TIP name may not keep besides MPL's keywords
/// ([`crate::mpl::ast::KEYWORDS`]): the names the translation and the MPL front end give a
/// meaning of their own.
const RESERVED: &[&str] = &[
    "Bool", "true", "false", "ite", "notb", "andb", "orb", "implb", "Prop", "in", "in2", "in3",
];

/// Whether `s` is kept as it is (see the module documentation).
pub fn is_plain(s: &str) -> bool {
    let starts_with_letter = s.as_bytes().first().is_some_and(u8::is_ascii_alphabetic);
    starts_with_letter
        && s.split('_')
            .all(|g| !g.is_empty() && g.bytes().all(|c| c.is_ascii_alphanumeric()))
        && !RESERVED.contains(&s)
        && !crate::mpl::ast::KEYWORDS.contains(&s)
}

/// The MPL identifier of the TIP name `s`.
pub fn mangle(s: &str) -> String {
    if is_plain(s) {
        return s.to_string();
    }
    let mut out = String::from("m__");
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() {
            out.push(b as char);
        } else {
            out.push_str(&format!("_{b:02x}"));
        }
    }
    out
}

/// The TIP name that [`mangle`] made `s` from (a variable's `v__` prefix dropped), or
/// `None` if `s` is no name the scheme makes.
pub fn demangle(s: &str) -> Option<String> {
    let s = s.strip_prefix("v__").unwrap_or(s);
    let Some(rest) = s.strip_prefix("m__") else {
        return is_plain(s).then(|| s.to_string());
    };
    let mut bytes = Vec::new();
    let mut it = rest.bytes();
    while let Some(b) = it.next() {
        if b == b'_' {
            let hex = [it.next()?, it.next()?];
            let hex = std::str::from_utf8(&hex).ok()?;
            if hex.bytes().any(|c| c.is_ascii_uppercase()) {
                return None;
            }
            bytes.push(u8::from_str_radix(hex, 16).ok()?);
        } else if b.is_ascii_alphanumeric() {
            bytes.push(b);
        } else {
            return None;
        }
    }
    let name = String::from_utf8(bytes).ok()?;
    (mangle(&name) == s).then_some(name)
}

/// A TIP name as a comment can show it: printable ASCII kept, anything else `\u{..}`.
pub fn for_comment(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_graphic() || c == ' ' {
                c.to_string()
            } else {
                format!("\\u{{{:x}}}", c as u32)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        for s in [
            "x",
            "Nat",
            "take_while2",
            "++",
            "proj1-S",
            "-2",
            "<=2",
            "==",
            "a_",
            "_a",
            "a__b",
            "sort",
            "ite",
            "x'",
            "é",
            "m__x",
            "v__y",
            "0",
        ] {
            let m = mangle(s);
            assert!(
                m.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_'),
                "{m}"
            );
            assert_eq!(demangle(&m).as_deref(), Some(s), "{s} -> {m}");
        }
        assert_eq!(mangle("proj1-S"), "m__proj1_2dS");
        assert_eq!(mangle("a__b"), "m__a_5f_5fb");
        assert_eq!(demangle("m__A_2B"), None);
        assert_eq!(demangle("a__b"), None);
    }

    #[test]
    fn distinct_names_stay_distinct() {
        let names = ["a_b", "a-b", "a__b", "m__a_2db", "a_2db"];
        let mangled: std::collections::BTreeSet<String> = names.iter().map(|s| mangle(s)).collect();
        assert_eq!(mangled.len(), names.len());
    }
}
