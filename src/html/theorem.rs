//! One theorem's page: statement, method, facts, the proof line by line, and the picture
//! of what it rests on.
//!
//! Invariants:
//! - only accepted theorems get a page (the page is built from a [`TheoremModel`], which
//!   exists only for them);
//! - every step is one table row: the whole term after the step, with the subterm the
//!   step produced marked `rs` and the subterm the next step rewrites marked `rx`; then
//!   the kind of rule (a link to the rules page), the rule (a link to the axiom's row on
//!   the index, the lemma's page, or the hypothesis on this page), the direction and the
//!   instance; the row's `data-d` lists the ids of the row it rewrites and of the
//!   hypothesis it cites, for hover and focus highlighting;
//! - induction cases, and the cases of a case analysis on a term, are `<details open>`
//!   blocks that state their goal and hypotheses (a term's case its hypothesis
//!   `c: t = constructor(fresh..)`);
//!   long chains are collapsible too; all content is in the HTML (no script needed);
//! - a witness says "Take y := t" and shows one block per conjunct; an obtain says
//!   "Obtain y0 with h: … from RULE", then the proofs of the rule's premises, the
//!   hypotheses it introduces, and the proof of the goal (see `theorem/exists.rs`).

use super::graph_svg::{self, Graph, GraphNode, NodeKind};
use super::model::{Cited, TheoremModel, TheoryModel};
use super::names::{axiom_id, slug};
use super::page;
use super::term::{Mark, Printer};
use crate::mpl::Term;
use crate::proof::clause::Goal;
use crate::proof::tree::{Block, Case, Chain, Contradiction, Hyp, Origin, Row, Sub};

mod exists;
use ergo_kernel::format::{Dir, StepKind};
use maud::{html, Markup};
use std::collections::BTreeSet;

/// Chains longer than this are wrapped in a collapsible block.
const LONG_CHAIN: usize = 12;

/// Above this many nodes a page draws no picture of what the theorem rests on (it would
/// be unreadable and heavy).
pub const MAX_ANCESTOR_NODES: usize = 80;

/// Where the theorem pages of one theory link to.
pub struct Links<'s> {
    /// From a theorem page to the site root (`../` or `../../`).
    pub root: &'s str,
    /// Breadcrumbs before the theory (the list of theories, on a multi-theory site).
    pub crumbs: &'s [(String, String)],
    /// From the page to the theory's folder (`../` from a theorem page, empty from the
    /// ground facts' page).
    pub theory: &'s str,
    /// Prefix of every element id of a proof (empty on a theorem page; a fact's own
    /// prefix where several proofs share a page).
    pub ids: &'s str,
}

impl Links<'_> {
    fn rules(&self, anchor: &str) -> String {
        format!("{}rules.html#{anchor}", self.root)
    }

    fn axiom_href(&self, name: &str) -> String {
        format!("{}index.html#{}", self.theory, axiom_id(name))
    }

    /// A theorem's page; a ground fact's row on the ground facts' page.
    fn theorem_href(&self, name: &str) -> String {
        if super::ground::is_ground(name) {
            format!("{}{}", self.theory, super::ground::href(name))
        } else if self.theory.is_empty() {
            super::names::theorem_file(name)
        } else {
            format!("{}.html", slug(name))
        }
    }

    /// A citation in the facts list: the link and, inline, the cited statement.
    fn cited_link(&self, m: &TheoryModel, c: &Cited, p: &Printer) -> Markup {
        match c {
            Cited::Axiom(a) => {
                let st = m
                    .theory
                    .axioms
                    .iter()
                    .find(|x| &x.name == a)
                    .map(|x| p.formula(&x.formula));
                cite(
                    html! { a.ax href=(self.axiom_href(a)) { (a) } },
                    st.as_deref(),
                )
            }
            Cited::Theorem(t) => {
                let st = m
                    .theorem_index(t)
                    .map(|i| p.clause(&m.theorems[i].statement));
                cite(
                    html! { a href=(self.theorem_href(t)) { (t) } },
                    st.as_deref(),
                )
            }
        }
    }
}

/// A link to a cited rule followed by its statement, in the HTML itself (no script):
/// the style sheet shows the statement as a pop-up on hover and on keyboard focus of
/// the link, and inline on devices that cannot hover (touch screens); without styles it
/// reads "name (statement)".
fn cite(link: Markup, statement: Option<&str>) -> Markup {
    html! {
        span.cite {
            (link)
            @if let Some(st) = statement {
                span.tip role="tooltip" { span.p { " (" } code { (st) } span.p { ")" } }
            }
        }
    }
}

/// Renders the page of theorem `k` of `m`.
pub fn render(m: &TheoryModel, k: usize, p: &Printer, links: &Links) -> String {
    let t = &m.theorems[k];
    let name = &t.cert.name;
    let vars = p.vars(&t.vars);
    let users = m.users(name);
    let (lemmas, axioms): (Vec<&Cited>, Vec<&Cited>) =
        t.uses.iter().partition(|c| matches!(c, Cited::Theorem(_)));
    let mut crumbs = links.crumbs.to_vec();
    crumbs.push((
        "../index.html".to_string(),
        format!("theory {}", m.theory.name),
    ));
    let prev = k.checked_sub(1).map(|i| &m.theorems[i].cert.name);
    let next = m.theorems.get(k + 1).map(|t| &t.cert.name);
    let body = html! {
        header.thm {
            h1 id="top" { (name) " " span class={ "badge " (t.status.label()) } { (t.status.label()) } }
            p.stmt {
                @if !vars.is_empty() { span.q { "for all " (vars.join(", ")) ": " } }
                code { (p.clause(&t.statement)) }
            }
            dl.facts {
                dt { "Method" } dd { (t.method(&m.theory)) }
                dt { "Proof size" } dd {
                    (t.report.steps) @if t.report.steps == 1 { " rewrite step" } @else { " rewrite steps" }
                }
                dt { "Cites" } dd {
                    @if t.uses.is_empty() && t.report.steps == 0 { "nothing (both sides are the same term)" }
                    @if t.uses.is_empty() && t.report.steps > 0 { "only its hypotheses" }
                    @if !lemmas.is_empty() {
                        "lemmas "
                        @for (i, c) in lemmas.iter().enumerate() {
                            @if i > 0 { ", " }
                            (links.cited_link(m, c, p))
                        }
                    }
                    @if !lemmas.is_empty() && !axioms.is_empty() { "; " }
                    @if !axioms.is_empty() {
                        "axioms "
                        @for (i, c) in axioms.iter().enumerate() {
                            @if i > 0 { ", " }
                            (links.cited_link(m, c, p))
                        }
                    }
                }
                dt { "Used by" } dd {
                    @if users.is_empty() { "no later theorem" }
                    @for (i, u) in users.iter().enumerate() {
                        @if i > 0 { ", " }
                        @let n = &m.theorems[*u].cert.name;
                        a href=(links.theorem_href(n)) { (n) }
                    }
                }
                dt { "Rests on" } dd {
                    @if t.report.axioms.is_empty() { "no axiom" }
                    @for (i, a) in t.report.axioms.iter().enumerate() {
                        @if i > 0 { ", " }
                        (links.cited_link(m, &Cited::Axiom(a.clone()), p))
                    }
                    span.note { " (axioms, as reported by the kernel)" }
                }
            }
        }
        section #proof {
            h2 { "Proof" }
            p.legend {
                "Each line is the whole term; "
                span.rx { "underlined" } " is what the next step rewrites, "
                span.rs { "green" } " is what the step produced. "
                a href=(links.rules("reading")) { "How to read a proof" } "."
            }
            (premises(t, p, links))
            (block(&t.proof, p, links))
        }
        section #deps {
            h2 { "What it rests on" }
            p.note {
                "Theorems and axioms this proof depends on, directly or through lemmas; arrows point from what is used to what uses it "
                "(a citation that also follows from a longer path gets no arrow of its own). Click a box to open it."
            }
            @let g = ancestors(m, k, p, links);
            @if g.nodes.len() <= MAX_ANCESTOR_NODES {
                div.gw { (graph_svg::svg(&g, "g")) }
            } @else {
                p.note { (g.nodes.len()) " theorems and axioms: too many to draw legibly; the lists above link to each." }
            }
        }
        nav.pn {
            @if let Some(n) = prev { a rel="prev" href=(links.theorem_href(n)) { "← " (n) } }
            @if let Some(n) = next { a rel="next" href=(links.theorem_href(n)) { (n) " →" } }
        }
    };
    page::page(
        links.root,
        &format!("{name}: {} — {}", p.clause(&t.statement), m.theory.name),
        &crumbs,
        name,
        body,
    )
}

/// A theorem's proof as on its page (its hypotheses and goal, then the proof), for a
/// page that shows several proofs (`links.ids` keeps their element ids apart).
pub fn proof_body(t: &TheoremModel, p: &Printer, links: &Links) -> Markup {
    html! {
        (premises(t, p, links))
        (block(&t.proof, p, links))
    }
}

fn block(b: &Block, p: &Printer, links: &Links) -> Markup {
    match b {
        Block::Chain(c) => chain(c, p, links),
        Block::Induction(ind) => html! {
            p.method {
                @if ind.split {
                    "By " a href=(links.rules("cases")) { "case split" } " on " code { (p.var(&ind.var)) }
                    ": one case per constructor, without induction hypothesis."
                } @else {
                    "By " a href=(links.rules("induction")) { "induction" } " on " code { (p.var(&ind.var)) }
                    ": one case per constructor."
                }
                @let reverted: Vec<&str> = ind.reverted.iter().map(|h| h.name.as_str()).collect();
                @if !reverted.is_empty() {
                    @if ind.reverted.len() == 1 { " Hypothesis " } @else { " Hypotheses " }
                    (reverted.join(", "))
                    @if ind.reverted.len() == 1 { " is" } @else { " are" }
                    " re-introduced in each case, with " code { (p.var(&ind.var)) } " replaced by the case's value"
                    @if !ind.split { ", and " (if ind.reverted.len() == 1 { "is a premise" } else { "are premises" }) " of the induction hypotheses" }
                    "."
                }
            }
            @for case in &ind.cases { (case_view(case, ind.split, p, links)) }
        },
        Block::Split(split) => html! {
            p.method {
                "By " a href=(links.rules("cases")) { "case analysis" } " on " code { (p.text(&split.term)) }
                ": one case per constructor of its sort, each with the hypothesis "
                b { (split.hyp) } " stating which one it is; the goal is the same in every case."
            }
            @for case in &split.cases { (case_view(case, true, p, links)) }
        },
        Block::Contradiction(c) => contradiction(c, p, links),
        Block::Witness(w) => exists::witness(w, p, links),
        Block::Obtain(o) => exists::obtain(o, p, links),
    }
}

fn case_view(c: &Case, split: bool, p: &Printer, links: &Links) -> Markup {
    html! {
        details.case id=(block_id(&c.path, links)) open {
            summary {
                @if split { "Case " } @else if c.base { "Base case " } @else { "Step case " }
                code { (p.text(&c.instance)) }
            }
            @for h in &c.hyps { (hypothesis(h, p, links)) }
            (goal(&c.goal, p))
            (block(&c.body, p, links))
        }
    }
}

fn goal(g: &Goal, p: &Printer) -> Markup {
    html! {
        p.goal {
            "Goal: "
            @match g {
                Goal::Eq((l, r)) => { code { (p.equation(l, r)) } },
                Goal::Falsity => { code { "⊥" } " (falsity: the hypotheses contradict each other)" },
                Goal::Exists(ex) => { code { (p.formula(&ex.formula())) } },
            }
        }
    }
}

/// The hypotheses `h1..hn` of a theorem (its premises) and its goal, above its proof.
fn premises(t: &TheoremModel, p: &Printer, links: &Links) -> Markup {
    if t.hyps.is_empty() {
        return html! {};
    }
    html! {
        div.hyps {
            @for h in &t.hyps { (hypothesis(h, p, links)) }
            (goal(&t.statement.goal, p))
        }
    }
}

fn hypothesis(h: &Hyp, p: &Printer, links: &Links) -> Markup {
    let general = p.vars(&h.clause.vars);
    let anchor = match h.origin {
        Origin::Induction => "ih",
        Origin::Premise | Origin::Reintroduced | Origin::Split | Origin::Obtained => "hyp",
    };
    html! {
        p.ih id=(hyp_id(h, links)) {
            a.k href=(links.rules(anchor)) { "hypothesis" } " "
            b { (h.name) } ": "
            code { (p.clause(&h.clause)) }
            @if !general.is_empty() { span.q { " for all " (general.join(", ")) } }
            @match h.origin {
                Origin::Premise => { span.q { " (premise)" } },
                Origin::Reintroduced => { span.q { " (re-introduced)" } },
                Origin::Split => { span.q { " (this case)" } },
                Origin::Obtained => { span.q { " (obtained)" } },
                Origin::Induction => {},
            }
        }
    }
}

/// Where a cited rule is stated: the axiom's row, the lemma's page, or the hypothesis.
fn rule_link(
    kind: StepKind,
    rule: &str,
    hyp: Option<&str>,
    links: &Links,
) -> (&'static str, &'static str, String) {
    match kind {
        StepKind::Axiom => ("axiom", "axiom", links.axiom_href(rule)),
        StepKind::Theorem => ("lemma", "lemma", links.theorem_href(rule)),
        StepKind::Hyp => ("hypothesis", "hyp", format!("#{}", hyp.unwrap_or("top"))),
    }
}

fn instance(subst: &[(&str, Term)], p: &Printer) -> Markup {
    html! {
        @if !subst.is_empty() {
            span.in {
                @for (i, (v, t)) in subst.iter().enumerate() {
                    @if i > 0 { ", " }
                    (v) "\u{a0}:=\u{a0}" (p.text(t))
                }
            }
        }
    }
}

fn contradiction(c: &Contradiction, p: &Printer, links: &Links) -> Markup {
    let hyp = c.rule.hyp.as_ref().map(|h| hyp_id(h, links));
    let (kind, anchor, href) = rule_link(c.rule.kind, c.rule.name, hyp.as_deref(), links);
    html! {
        p.method data-d=[hyp.as_deref()] {
            "By " a href=(links.rules("contradiction")) { "contradiction" } " with "
            a.k href=(links.rules(anchor)) { (kind) } " "
            (cite(html! { a.r href=(href) { (c.rule.name) } }, Some(&p.clause(&c.rule.clause))))
            @if !c.subst.is_empty() { " (" (instance(&c.subst, p)) ")" }
            ": its instance " code { (p.clause(&c.instance)) }
            " concludes falsity, and its premises hold (proved below); falsity proves any goal."
        }
        (subs(&c.premises, p, links))
    }
}

/// The proofs of the premises of a conditional step or a contradiction.
fn subs(subs: &[Sub], p: &Printer, links: &Links) -> Markup {
    html! {
        @for (i, s) in subs.iter().enumerate() {
            details.sub id=(block_id(&s.path, links)) open {
                summary { "Premise " (i + 1) ": " code { (p.equation(&s.goal.0, &s.goal.1)) } }
                (block(&s.body, p, links))
            }
        }
    }
}

fn chain(c: &Chain, p: &Printer, links: &Links) -> Markup {
    if c.rows.is_empty() {
        return html! {
            p.refl { "Both sides are the same term " code { (p.text(&c.start)) } ": nothing to rewrite ("
                a href=(links.rules("chain")) { "reflexivity" } ")." }
        };
    }
    let table = html! {
        div.tw { table.calc {
            @for k in 0..=c.rows.len() {
                @let term = if k == 0 { &c.start } else { &c.rows[k - 1].term };
                @let marks = marks(c, k);
                @if k == 0 {
                    tr id=(row_id(c, 0, links)) {
                        td.eq {}
                        td.t { (p.html(term, &marks)) }
                        td.by {}
                    }
                } @else {
                    @let row = &c.rows[k - 1];
                    @let deps = match row.rule.hyp.as_ref().map(|h| hyp_id(h, links)) {
                        Some(h) => format!("{} {h}", row_id(c, k - 1, links)),
                        None => row_id(c, k - 1, links),
                    };
                    tr id=(row_id(c, k, links)) data-d=(deps) {
                        td.eq { "=" }
                        td.t { (p.html(term, &marks)) }
                        td.by { (justification(row, p, links)) }
                    }
                    @if !row.premises.is_empty() {
                        tr.sub {
                            td.eq {}
                            td colspan="2" { (subs(&row.premises, p, links)) }
                        }
                    }
                }
            }
        } }
    };
    if c.rows.len() > LONG_CHAIN {
        html! { details.long open { summary { (c.rows.len()) " steps" } (table) } }
    } else {
        table
    }
}

/// The marks of row `k`: what step `k` produced, what step `k + 1` rewrites.
fn marks<'c>(c: &'c Chain, k: usize) -> Vec<(&'c [usize], Mark)> {
    let mut marks = Vec::new();
    if k > 0 {
        marks.push((c.rows[k - 1].step.pos.as_slice(), Mark::Result));
    }
    if let Some(next) = c.rows.get(k) {
        marks.push((next.step.pos.as_slice(), Mark::Redex));
    }
    marks
}

/// The element id of a case or a premise's proof: its path in the proof.
fn block_id(path: &str, links: &Links) -> String {
    format!("{}{}", links.ids, path.trim_end_matches('-'))
}

/// The element id of a hypothesis: `h-<name>` after the path of the case introducing it.
fn hyp_id(h: &Hyp, links: &Links) -> String {
    format!("{}{}h-{}", links.ids, h.scope, slug(&h.name))
}

/// The id of row `k` of a chain (0 is the start term, `k` the term after step `k`).
fn row_id(c: &Chain, k: usize, links: &Links) -> String {
    format!("{}{}s{k}", links.ids, c.path)
}

fn justification(row: &Row, p: &Printer, links: &Links) -> Markup {
    let s = row.step;
    let hyp = row.rule.hyp.as_ref().map(|h| hyp_id(h, links));
    let (kind, anchor, href) = rule_link(s.kind, &s.rule, hyp.as_deref(), links);
    let (arrow, dir) = match s.dir {
        Dir::Lr => ("→", "left to right"),
        Dir::Rl => ("←", "right to left"),
    };
    html! {
        a.k href=(links.rules(anchor)) { (kind) } " "
        (cite(html! { a.r href=(href) { (s.rule) } }, Some(&p.clause(&row.rule.clause)))) " "
        a.d href=(links.rules("direction")) title=(dir) { (arrow) }
        @if !row.subst.is_empty() { " " (instance(&row.subst, p)) }
        @if !row.premises.is_empty() {
            " " a.k href=(links.rules("premises")) {
                @if row.premises.len() == 1 { "if 1 premise" } @else { "if " (row.premises.len()) " premises" }
            }
        }
    }
}

/// The theorem's ancestors (theorems and axioms it rests on, transitively) as a graph.
fn ancestors(m: &TheoryModel, k: usize, p: &Printer, links: &Links) -> Graph {
    // Collect the closure, then list it in theory order: axioms, then theorems.
    let mut seen: BTreeSet<Cited> = BTreeSet::new();
    let mut todo: Vec<usize> = vec![k];
    let mut theorems: BTreeSet<usize> = BTreeSet::new();
    while let Some(i) = todo.pop() {
        if !theorems.insert(i) {
            continue;
        }
        for c in &m.theorems[i].uses {
            if seen.insert(c.clone()) {
                if let Cited::Theorem(t) = c {
                    if let Some(j) = m.theorem_index(t) {
                        todo.push(j);
                    }
                }
            }
        }
    }
    let mut g = Graph::default();
    let mut index: Vec<(Cited, usize)> = Vec::new();
    for a in &m.theory.axioms {
        if seen.contains(&Cited::Axiom(a.name.clone())) {
            index.push((Cited::Axiom(a.name.clone()), g.nodes.len()));
            g.nodes.push(GraphNode {
                label: a.name.clone(),
                href: links.axiom_href(&a.name),
                title: p.formula(&a.formula),
                kind: NodeKind::Axiom,
            });
        }
    }
    for &i in &theorems {
        let t: &TheoremModel = &m.theorems[i];
        index.push((Cited::Theorem(t.cert.name.clone()), g.nodes.len()));
        g.nodes.push(GraphNode {
            label: t.cert.name.clone(),
            href: if i == k {
                "#top".to_string()
            } else {
                links.theorem_href(&t.cert.name)
            },
            title: p.clause(&t.statement),
            kind: if i == k {
                NodeKind::Current
            } else {
                NodeKind::Theorem
            },
        });
    }
    let node_of = |c: &Cited| index.iter().find(|(x, _)| x == c).map(|(_, n)| *n);
    for &i in &theorems {
        let user = node_of(&Cited::Theorem(m.theorems[i].cert.name.clone()));
        for c in &m.theorems[i].uses {
            if let (Some(u), Some(d)) = (user, node_of(c)) {
                g.edges.push((u, d));
            }
        }
    }
    g
}
