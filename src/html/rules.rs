//! The rules reference page: what each kind of proof step means, with one anchor per
//! kind. Every step of every theorem page links here (its kind label), so the anchors
//! [`ANCHORS`] must stay.
//!
//! Invariant: the page is static text; it says only what the kernel checks
//! (`grammars/certificate.md`), in plain words.

use super::page;
use maud::html;

/// The anchors of this page that other pages link to.
pub const ANCHORS: [&str; 14] = [
    "reading",
    "axiom",
    "lemma",
    "hyp",
    "ih",
    "premises",
    "congruence",
    "direction",
    "induction",
    "cases",
    "contradiction",
    "witness",
    "obtain",
    "chain",
];

/// Renders `rules.html` (at the site root); `home` names the site's index page.
pub fn render(home: &str) -> String {
    let body = html! {
        h1 { "How to read a proof" }
        p {
            "Every proof on this site is a certificate that the ergo kernel replayed: the kernel "
            "redid each step itself and accepted it. A proof is a chain of equalities, an "
            "induction or a case split whose cases are proofs again, or a contradiction. A "
            "theorem may have premises (" code { "P → l = r" } ") or be a negation ("
            code { "l ≠ r" } "): its premises are the hypotheses " code { "h1" } ", "
            code { "h2" } ", ... of its proof."
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
        section #hyp {
            h2 { "Hypothesis" }
            p {
                "A step may use a hypothesis in scope, stated above the proof or at the top of "
                "its case, exactly like an axiom. The premises of the theorem are the hypotheses "
                code { "h1" } ", " code { "h2" } ", ...: to prove " code { "P → l = r" } ", the "
                "proof shows " code { "l = r" } " assuming " code { "P" } ". A negation "
                code { "l ≠ r" } " is proved by assuming " code { "l = r" } " (the last hypothesis) "
                "and deriving falsity, " code { "⊥" } ", with a " a href="#contradiction" { "contradiction" } "."
            }
            p {
                "A hypothesis marked " i { "re-introduced" } " is one of these, restated inside a "
                "case split or induction with the variable replaced by the case's value."
            }
        }
        section #ih {
            h2 { "Induction hypothesis" }
            p {
                "Inside the step case of an induction, the statement for the smaller value may be "
                "used: the hypothesis stated at the top of the case, named " code { "ih_" } " and the "
                "smaller value's name. Its variables listed after \"for all\" may be instantiated "
                "freely; the others stand for the case's fixed values. When the theorem has "
                "hypotheses, they are part of the induction hypothesis: it is then conditional, "
                code { "H → goal" } ", and using it needs proofs of its premises for the "
                "smaller value."
            }
        }
        section #premises {
            h2 { "Premises of a conditional rule" }
            p {
                "A rule with premises (" code { "s(a) = s(b) → a = b" } ", a theorem with "
                "hypotheses, a conditional induction hypothesis) may rewrite only when its "
                "premises hold for the instance used. The step then carries one sub-proof per "
                "premise, shown below its line; each proves the premise's instance in the same "
                "context, by any kind of proof."
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
                "gets an " a href="#ih" { "induction hypothesis" } " for each such argument, named "
                code { "ih_" } " and the argument's name: the goal for that argument, under the "
                "theorem's hypotheses. The kernel builds the cases and hypotheses from the "
                "statement itself, never from the prover's data."
            }
        }
        section #cases {
            h2 { "Case split" }
            p {
                "Like an induction, one case per constructor, with the variable replaced by the "
                "constructor applied to fresh variables, but without induction hypotheses: each "
                "case is proved on its own. The hypotheses that are plain equations (such as "
                code { "h1" } ") are re-introduced in each case, with the variable replaced by the "
                "case's value."
            }
            p {
                "A case analysis on a term, such as " code { "eqn(n, x)" } ", works the same way "
                "on the term's value: one case per constructor of its sort (" code { "true" } ", "
                code { "false" } "), each with one more hypothesis stating which one it is, say "
                code { "c1: eqn(n, x) = true" } ". Nothing is replaced: the goal and the other "
                "hypotheses stay as they are, and the steps use " code { "c1" } " to rewrite the term."
            }
        }
        section #contradiction {
            h2 { "Contradiction" }
            p {
                "A clause concluding falsity, such as the axiom " code { "s(a) ≠ 0" } " (read: "
                code { "s(a) = 0" } " is impossible), is instantiated, and each of its premises is "
                "proved for that instance (the sub-proofs below it). Together they give falsity, "
                code { "⊥" } ", from which anything follows: a contradiction proves any goal, an "
                "equation as well as falsity. It is how a negation "
                code { "l ≠ r" } " is proved, and how a case that cannot happen is closed."
            }
        }
        section #witness {
            h2 { "Witness (there exists)" }
            p {
                "A goal " code { "∃y. P(y)" } " is proved by naming a term " code { "t" }
                " for " code { "y" } " (" i { "Take y := t" } ") and proving " code { "P(t)" }
                ": one sub-proof per conjunct of " code { "P" } ", each with " code { "t" }
                " in place of " code { "y" } ". The kernel checks that the term has the sort of "
                code { "y" } "."
            }
        }
        section #obtain {
            h2 { "Obtain (using a there-exists)" }
            p {
                "A fact " code { "∃y. P(y)" } " (an axiom, an earlier theorem or a hypothesis such "
                "as an induction hypothesis, instantiated, with its premises proved) is used by "
                "naming a new variable for " code { "y" } ", say " code { "y0" } ", and taking "
                code { "P(y0)" } " as hypotheses (" code { "h" } ", or " code { "h.1" } ", "
                code { "h.2" } ", ... for a conjunction). The name is new: it occurs nowhere "
                "in the goal or the other hypotheses, so nothing is assumed about " code { "y0" }
                " but " code { "P(y0)" } ", and the goal is proved as before."
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
