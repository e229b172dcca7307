//! Coq identifiers for MPL and certificate names.
//!
//! Invariants:
//! - every name a [`Namer`] hands out is a Coq identifier: an ASCII letter, then ASCII
//!   letters, digits, `_` and `'`; it is never a Coq keyword ([`KEYWORDS`]) nor one of the
//!   global names the generated proofs rely on ([`RESERVED`]), so no declaration can
//!   shadow `eq_trans`, `f_equal`, ... and no binder can capture the congruence hole;
//! - within one [`Namer`], names are injective: a name is handed out at most once;
//! - allocation is deterministic and readable: [`Namer::assign`] first keeps every
//!   requested name that is already a free Coq identifier (first request wins), then
//!   translates the others with [`readable`] (the [`SYMBOLS`] table, else a spelled-out
//!   escape) and resolves collisions by the first free suffix `_1`, `_2`, ...

use std::collections::BTreeSet;

/// Coq keywords (and vernacular words that cannot name a constant), never handed out.
pub const KEYWORDS: &[&str] = &[
    "_",
    "as",
    "at",
    "Axiom",
    "by",
    "cofix",
    "CoFixpoint",
    "Definition",
    "discriminated",
    "else",
    "end",
    "exists",
    "exists2",
    "fix",
    "Fixpoint",
    "for",
    "forall",
    "fun",
    "Hypothesis",
    "if",
    "IF",
    "in",
    "lazymatch",
    "let",
    "match",
    "mod",
    "multimatch",
    "Parameter",
    "Prop",
    "return",
    "Set",
    "SProp",
    "then",
    "Theorem",
    "Type",
    "using",
    "Variable",
    "where",
    "with",
];

/// Global names of Coq's prelude that the generated file uses or that readers expect to
/// mean Coq's own, plus `hole`, the binder of every congruence context.
pub const RESERVED: &[&str] = &[
    "all",
    "and",
    "bool",
    "eq",
    "eq_ind",
    "eq_rect",
    "eq_refl",
    "eq_sym",
    "eq_trans",
    "ex",
    "f_equal",
    "False",
    "False_ind",
    "hole",
    "iff",
    "list",
    "nat",
    "not",
    "option",
    "or",
    "prod",
    "sum",
    "True",
    "unit",
];

/// Readable Coq names for common operator symbols; other names go through [`readable`].
pub const SYMBOLS: &[(&str, &str)] = &[
    ("0", "zero"),
    ("1", "one"),
    ("2", "two"),
    ("+", "add"),
    ("*", "mul"),
    ("-", "sub"),
    ("/", "div"),
    ("^", "pow"),
    ("%", "modulo"),
    ("<", "lt"),
    ("<=", "le"),
    (">", "gt"),
    (">=", "ge"),
    ("==", "eqb"),
    ("++", "append"),
    ("::", "cons"),
    ("&&", "andb"),
    ("||", "orb"),
    ("~", "neg"),
    ("!", "bang"),
    // The truth value of the implicit sort `Prop` of a theory with predicates (whose
    // name, a Coq keyword, gets a suffix: `Prop_1`).
    ("⊤", "top"),
];

/// Words for single symbol characters in the generic escape.
const CHARS: &[(char, &str)] = &[
    ('+', "plus"),
    ('-', "minus"),
    ('*', "star"),
    ('/', "slash"),
    ('\\', "backslash"),
    ('<', "lt"),
    ('>', "gt"),
    ('=', "eq"),
    ('!', "bang"),
    ('?', "qmark"),
    ('&', "amp"),
    ('|', "bar"),
    ('^', "caret"),
    ('%', "percent"),
    ('~', "tilde"),
    ('.', "dot"),
    (',', "comma"),
    (':', "colon"),
    (';', "semi"),
    ('@', "at"),
    ('#', "hash"),
    ('$', "dollar"),
    ('[', "lbrack"),
    (']', "rbrack"),
    ('{', "lbrace"),
    ('}', "rbrace"),
    ('"', "quote"),
    ('`', "backtick"),
    ('\'', "prime"),
];

/// Whether `s` is an identifier as the generated file writes them (ASCII letter, then
/// ASCII letters, digits, `_`, `'`), keywords included.
pub fn is_ident(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '\'')
}

/// A readable Coq identifier for `name` (not necessarily free): the name itself if it is
/// an identifier; its [`SYMBOLS`] entry; `n` and the digits for other numbers; else the
/// name with every other character spelled out (`<=>` becomes `lt_eq_gt`), prefixed by
/// `x_` unless it then starts with a letter.
pub fn readable(name: &str) -> String {
    if is_ident(name) {
        return name.to_string();
    }
    if let Some((_, word)) = SYMBOLS.iter().find(|(sym, _)| *sym == name) {
        return word.to_string();
    }
    if !name.is_empty() && name.bytes().all(|b| b.is_ascii_digit()) {
        return format!("n{name}");
    }
    let mut parts: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            word.push(c);
            continue;
        }
        if !word.is_empty() {
            parts.push(std::mem::take(&mut word));
        }
        match CHARS.iter().find(|(ch, _)| *ch == c) {
            Some((_, w)) => parts.push(w.to_string()),
            None => parts.push(format!("u{:x}", c as u32)),
        }
    }
    if !word.is_empty() {
        parts.push(word);
    }
    let joined = parts.join("_");
    if is_ident(&joined) {
        joined
    } else {
        format!("x_{}", joined.trim_start_matches('_'))
    }
}

/// The Coq name wanted for a sort variable: `'a` becomes `A`, `'elem` becomes `Elem`
/// (the apostrophe dropped, the first letter upper case, as Coq's libraries name type
/// parameters); anything that is then not an identifier goes through [`readable`].
pub fn sort_variable(name: &str) -> String {
    let bare = name.trim_start_matches('\'');
    let mut chars = bare.chars();
    let cased: String = match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    };
    readable(&cased)
}

/// An allocator of distinct Coq identifiers (see the module invariants).
#[derive(Debug, Clone)]
pub struct Namer {
    taken: BTreeSet<String>,
}

impl Default for Namer {
    fn default() -> Self {
        Namer::new()
    }
}

impl Namer {
    /// A namer with the keywords and reserved names already taken.
    pub fn new() -> Namer {
        let taken = KEYWORDS.iter().chain(RESERVED).map(|s| s.to_string());
        Namer {
            taken: taken.collect(),
        }
    }

    #[cfg(test)]
    fn reserve(&mut self, name: &str) {
        self.taken.insert(name.to_string());
    }

    /// Names a batch of requests, one Coq identifier each, in order: requests that are
    /// free identifiers keep their name (earlier requests first), the others get the
    /// first free name among `readable(request)`, `readable(request)_1`, ...
    pub fn assign(&mut self, wanted: &[&str]) -> Vec<String> {
        let mut out: Vec<Option<String>> = vec![None; wanted.len()];
        for (slot, w) in out.iter_mut().zip(wanted) {
            if is_ident(w) && !self.taken.contains(*w) {
                self.taken.insert(w.to_string());
                *slot = Some(w.to_string());
            }
        }
        for (slot, w) in out.iter_mut().zip(wanted) {
            if slot.is_none() {
                let name = self.fresh(&readable(w));
                *slot = Some(name);
            }
        }
        out.into_iter().flatten().collect()
    }

    /// Names one request together with the derived names `<name>_<suffix>` that Coq
    /// will define with it (an inductive type's `_ind`, `_rect`, ...): the first of
    /// `readable(wanted)`, `readable(wanted)_1`, ... that is free with all its derived
    /// names; marks them all taken.
    pub fn assign_family(&mut self, wanted: &str, suffixes: &[&str]) -> String {
        let base = readable(wanted);
        let family = |name: &str| -> Vec<String> {
            let derived = suffixes.iter().map(|s| format!("{name}_{s}"));
            std::iter::once(name.to_string()).chain(derived).collect()
        };
        let mut name = base.clone();
        let mut k = 0u64;
        while family(&name).iter().any(|n| self.taken.contains(n)) {
            k += 1;
            name = format!("{base}_{k}");
        }
        self.taken.extend(family(&name));
        name
    }

    /// `base` if free, else the first free `base_1`, `base_2`, ...; marks it taken.
    fn fresh(&mut self, base: &str) -> String {
        self.assign_family(base, &[])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbols_and_escapes_are_identifiers() {
        assert_eq!(readable("0"), "zero");
        assert_eq!(readable("+"), "add");
        assert_eq!(readable("s"), "s");
        assert_eq!(readable("42"), "n42");
        assert_eq!(readable("<=>"), "lt_eq_gt");
        assert_eq!(readable("x'"), "x'");
        assert_eq!(readable("'x"), "prime_x");
        assert_eq!(readable("_a"), "x_a");
        assert_eq!(readable("é"), "ue9");
        assert_eq!(readable("⊤"), "top");
        assert_eq!(Namer::new().assign(&["Prop", "⊤"]), ["Prop_1", "top"]);
        assert_eq!(sort_variable("'a"), "A");
        assert_eq!(sort_variable("'elem"), "Elem");
        assert_eq!(sort_variable("'a1"), "A1");
        assert!(is_ident(&sort_variable("'_x")));
        for s in ["<=>", "'x", "_a", "é", "0a", "a-b", "+x"] {
            assert!(is_ident(&readable(s)), "{s} -> {}", readable(s));
        }
    }

    #[test]
    fn assignment_keeps_free_names_and_suffixes_collisions() {
        let mut n = Namer::new();
        assert_eq!(
            n.assign(&["+", "add", "0", "Type"]),
            ["add_1", "add", "zero", "Type_1"]
        );
        assert_eq!(
            n.assign(&["eq_trans", "hole", "add"]),
            ["eq_trans_1", "hole_1", "add_2"]
        );
        n.reserve("N_ind");
        assert_eq!(n.assign(&["N_ind"]), ["N_ind_1"]);
        let principles = ["ind", "rect"];
        assert_eq!(n.assign_family("N", &principles), "N_1");
        assert_eq!(n.assign(&["N_1_ind", "N_1"]), ["N_1_ind_1", "N_1_1"]);
    }
}
