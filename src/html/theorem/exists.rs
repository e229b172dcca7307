//! "There exists" on a theorem's page: a witness is "Take y := t", then one block per
//! conjunct (its goal with the witnesses in); an obtain is "Obtain y0 … with h: … from
//! RULE", then the proofs of the rule's premises, the hypotheses it introduces, and the
//! proof of the goal in the extended context.

use super::{block, block_id, cite, hyp_id, hypothesis, instance, rule_link, subs, Links};
use crate::html::term::Printer;
use crate::proof::tree::{Obtain, Witness};
use maud::{html, Markup};

/// A witness block.
pub(super) fn witness(w: &Witness, p: &Printer, links: &Links) -> Markup {
    html! {
        p.method {
            "By " a href=(links.rules("witness")) { "witness" } ": take "
            @for (i, (y, t)) in w.terms.iter().enumerate() {
                @if i > 0 { ", " }
                code { (p.var(y)) "\u{a0}:=\u{a0}" (p.text(t)) }
            }
            @if w.proofs.len() == 1 { "; the goal then holds (proved below)." }
            @else { "; each conjunct of the goal then holds (proved below)." }
        }
        @for (i, s) in w.proofs.iter().enumerate() {
            details.sub id=(block_id(&s.path, links)) open {
                summary {
                    @if w.proofs.len() > 1 { "Conjunct " (i + 1) ": " } @else { "To prove: " }
                    code { (p.equation(&s.goal.0, &s.goal.1)) }
                }
                (block(&s.body, p, links))
            }
        }
    }
}

/// An obtain block.
pub(super) fn obtain(o: &Obtain, p: &Printer, links: &Links) -> Markup {
    let hyp = o.rule.hyp.as_ref().map(|h| hyp_id(h, links));
    let (kind, anchor, href) = rule_link(o.rule.kind, o.rule.name, hyp.as_deref(), links);
    let fresh: Vec<&str> = o.fresh.iter().map(|f| p.var(f)).collect();
    html! {
        p.method data-d=[hyp.as_deref()] {
            a href=(links.rules("obtain")) { "Obtain" } " " code { (fresh.join(" ")) } " with "
            @for (i, h) in o.hyps.iter().enumerate() {
                @if i > 0 { ", " }
                b { (h.name) } ": " code { (p.clause(&h.clause)) }
            }
            " from " a.k href=(links.rules(anchor)) { (kind) } " "
            (cite(html! { a.r href=(href) { (o.rule.name) } }, Some(&p.clause(&o.rule.clause))))
            @if !o.subst.is_empty() { " (" (instance(&o.subst, p)) ")" }
            ": its instance states " code { (p.formula(&o.exists.formula())) }
            @if o.premises.is_empty() { "." } @else { " once its premises hold (proved below)." }
        }
        (subs(&o.premises, p, links))
        @for h in &o.hyps { (hypothesis(h, p, links)) }
        (block(&o.body, p, links))
    }
}
