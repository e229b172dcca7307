//! The rules reference page: what each kind of proof step means, with one anchor per
//! kind. Every step of every theorem page links here (its kind label), so the anchors
//! [`ANCHORS`] must stay.
//!
//! Invariant: the page is static text; it says only what the kernel checks
//! (`grammars/certificate.md`), in plain words.

use super::page;
use maud::html;

/// The anchors of this page that other pages link to.
pub const ANCHORS: [&str; 8] = [
    "reading",
    "axiom",
    "lemma",
    "ih",
    "congruence",
    "direction",
    "induction",
    "chain",
];

/// Renders `rules.html` (at the site root); `home` names the site's index page.
pub fn render(home: &str) -> String {
    let body = html! {
        h1 { "How to read a proof" }
        p {
            "Every proof on this site is a certificate that the ergo kernel replayed: the kernel "
            "redid each step itself and accepted it. A proof is a chain of equalities, or an "
            "induction whose cases are chains (or inductions again)."
        }
        section #reading {
            h2 { "Reading a chain" }
            p {
                "A chain starts at the left side of the goal and ends at its right side. "
                "Each line is the whole term after one step, so consecutive lines are equal. "
                "In a line, the part " span.rx { "underlined" } " is what the next step "
                "rewrites, and the part " span.rs { "shaded green" } " is what the step that led "
                "to the line produced. Beside each line: the kind of rule (linking here), the "
                "rule itself (linking to the axiom, the lemma's page or the hypothesis), the "
                "direction and the instance."
            }
            p {
                "Hovering over a line, or moving the keyboard focus into it, highlights what the "
                "step depends on: the line it rewrites and the hypothesis it uses."
            }
        }
        section #axiom {
            h2 { "Axiom" }
            p {
                "The step replaces an instance of one side of an axiom of the theory by the "
                "same instance of its other side. The axiom is listed on the theory's index."
            }
        }
        section #lemma {
            h2 { "Lemma (an earlier theorem)" }
            p {
                "Like an axiom step, with a theorem proved earlier in the same certificate. "
                "Theorems may only cite theorems before them, so there is no circularity; the "
                "lemma's own page has its proof."
            }
        }
        section #ih {
            h2 { "Induction hypothesis" }
            p {
                "Inside the step case of an induction, the statement for the smaller value may be "
                "used: the hypothesis stated at the top of the case. Its variables listed after "
                "\"for all\" may be instantiated freely; the others stand for the case's fixed values."
            }
        }
        section #congruence {
            h2 { "Congruence (rewriting inside a term)" }
            p {
                "A step may rewrite any subterm, not only the whole term: equals may be replaced by "
                "equals anywhere. The highlighted part shows where. This is how congruence is used; "
                "it is not a separate kind of step."
            }
        }
        section #direction {
            h2 { "Direction" }
            p {
                b { "→" } " uses the rule from left to right: an instance of its left side becomes "
                "the instance of its right side. " b { "←" } " uses it from right to left."
            }
        }
        section #instance {
            h2 { "Instance" }
            p {
                code { "a := 0, b := x" } " says which term each variable of the rule stands for in "
                "this step. The kernel checks that the rewritten subterm is exactly the rule's side "
                "under this instance."
            }
        }
        section #induction {
            h2 { "Induction" }
            p {
                "Structural induction on a variable whose sort is built from constructors "
                "(for the natural numbers: " code { "0" } " and " code { "s" } "). There is one case "
                "per constructor: the variable is replaced by the constructor applied to fresh "
                "variables. A case whose constructor has an argument of the same sort (a step case) "
                "gets an induction hypothesis for each such argument, named " code { "ih_" } " and "
                "the argument's name: the goal for that argument. The kernel builds the cases and "
                "hypotheses from the statement itself, never from the prover's data."
            }
        }
        section #chain {
            h2 { "Reflexivity" }
            p {
                "A chain with no step proves that a term equals itself: both sides of its goal are "
                "the same term."
            }
        }
        section #numerals {
            h2 { "Numerals" }
            p {
                "When the theory builds its numbers from " code { "0" } " and " code { "s" } ", "
                code { "s(s(0))" } " is shown as " code { "2" } ". The certificate itself always "
                "writes the constructors."
            }
        }
    };
    let crumbs = [("index.html".to_string(), home.to_string())];
    page::page(
        "",
        "How to read a proof — ergo",
        &crumbs,
        "how to read a proof",
        body,
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_linked_anchor_exists() {
        let page = super::render("theory peano");
        for a in super::ANCHORS {
            assert!(page.contains(&format!("id=\"{a}\"")), "{a}");
        }
    }
}
