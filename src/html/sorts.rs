//! Sorts as a mathematician writes them: `N`, `List(α)`, `α → Bool`, `(α → β) → List(α)`.
//!
//! Invariants:
//! - the sort variables of one statement (or of one row of the signature table) are
//!   named α, β, γ, ... in order of first occurrence, whatever their MPL names (`'a`,
//!   `'elem`); [`SortNames`] holds that naming, so one page names a variable one way;
//! - a family instance prints as the family applied, `List(N)`; a function sort as an
//!   arrow `→`, right associative, its left operand parenthesized when it is an arrow;
//! - a plain sort prints as its name, so a monomorphic theory prints as it always did.
//!
//! ```text
//! 'a -> List('a)        α → List(α)
//! ('a -> 'b) -> 'b      (α → β) → β
//! ```

use crate::mpl::{SortId, SortShape, Theory, Var};
use std::collections::BTreeMap;

/// The letters given to sort variables, in order (λ is left out: it writes lambdas).
const GREEK: [&str; 20] = [
    "α", "β", "γ", "δ", "ε", "ζ", "η", "θ", "ι", "κ", "μ", "ν", "ξ", "π", "ρ", "σ", "τ", "φ", "χ",
    "ψ",
];

/// The names of the sort variables of one statement or signature row.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SortNames {
    names: BTreeMap<SortId, String>,
}

impl SortNames {
    /// Names these sort variables α, β, ... in this order (repeats ignored).
    pub fn of_params(params: &[SortId]) -> SortNames {
        let mut out = SortNames::default();
        for p in params {
            out.add(*p);
        }
        out
    }

    /// Names the sort variables of these variables' sorts, in order of first occurrence.
    pub fn of_vars<'v>(th: &Theory, vars: impl IntoIterator<Item = &'v Var>) -> SortNames {
        let mut out = SortNames::default();
        for v in vars {
            out.add_sort(th, v.sort);
        }
        out
    }

    /// Names the sort variables of `sort` not named yet, in order of first occurrence.
    pub fn add_sort(&mut self, th: &Theory, sort: SortId) {
        match &th.sort(sort).shape {
            SortShape::Plain => {}
            SortShape::Param => self.add(sort),
            SortShape::Instance { args, .. } => {
                for a in args {
                    self.add_sort(th, *a);
                }
            }
            SortShape::Function { from, to } => {
                self.add_sort(th, *from);
                self.add_sort(th, *to);
            }
        }
    }

    fn add(&mut self, param: SortId) {
        let k = self.names.len();
        self.names.entry(param).or_insert_with(|| {
            let letter = GREEK[k % GREEK.len()];
            match k / GREEK.len() {
                0 => letter.to_string(),
                round => format!("{letter}{round}"),
            }
        });
    }

    /// A sort as text: `List(α)`, `α → Bool`. A sort variable this naming lacks keeps
    /// its MPL name.
    pub fn text(&self, th: &Theory, sort: SortId) -> String {
        let s = th.sort(sort);
        match &s.shape {
            SortShape::Plain => s.name.clone(),
            SortShape::Param => self.names.get(&sort).cloned().unwrap_or(s.name.clone()),
            SortShape::Instance { family, args } => {
                let args: Vec<String> = args.iter().map(|a| self.text(th, *a)).collect();
                format!("{family}({})", args.join(", "))
            }
            SortShape::Function { from, to } => {
                let left = self.text(th, *from);
                let left = match th.sort(*from).shape {
                    SortShape::Function { .. } => format!("({left})"),
                    _ => left,
                };
                format!("{left} → {}", self.text(th, *to))
            }
        }
    }
}

/// Whether a theory has anything polymorphic or higher-order to print: a sort that is
/// not plain or an instance operator. Pages of other theories are printed exactly as
/// before this module existed.
pub fn is_polymorphic(th: &Theory) -> bool {
    th.sorts.iter().any(|s| s.shape != SortShape::Plain)
        || th.operators.iter().any(|o| o.instance.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mpl::Sort;

    #[test]
    fn sort_variables_are_greek_in_order_of_occurrence() {
        let mut th = crate::mpl::peano_for_tests();
        let n = th.sort_by_name("N").unwrap();
        let sig = th.signature_mut();
        let mut add = |name: &str, shape| {
            sig.sorts.push(Sort {
                name: name.to_string(),
                constructors: Vec::new(),
                span: Default::default(),
                shape,
            });
            SortId(sig.sorts.len() as u32 - 1)
        };
        let a = add("'a", SortShape::Param);
        let b = add("'b", SortShape::Param);
        let fba = add("'b -> 'a", SortShape::Function { from: b, to: a });
        let list = add(
            "List('b -> 'a)",
            SortShape::Instance {
                family: "List".to_string(),
                args: vec![fba],
            },
        );
        let f = add("('b -> 'a) -> N", SortShape::Function { from: fba, to: n });
        let mut names = SortNames::default();
        names.add_sort(&th, list);
        assert_eq!(names.text(&th, list), "List(α → β)");
        assert_eq!(names.text(&th, f), "(α → β) → N");
        assert_eq!(names.text(&th, n), "N");
        assert_eq!(SortNames::default().text(&th, a), "'a");
        assert_eq!(SortNames::of_params(&[a, b]).text(&th, fba), "β → α");
        assert!(is_polymorphic(&th));
        assert!(!is_polymorphic(&crate::mpl::peano_for_tests()));
    }
}
