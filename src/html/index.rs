//! A theory's index page (statistics, axioms, theorems, the whole dependency graph) and
//! the list of theories of a site holding several.
//!
//! Invariants:
//! - every axiom has a row with id [`axiom_id`], the target of the axiom links of the
//!   theorem pages; every accepted theorem has a row linking to its page;
//! - the search box is `hidden` in the HTML and shown by the script, which filters the
//!   theorem rows by their text (name and statement); without the script the whole
//!   table is simply shown;
//! - nothing run-dependent is shown unless the caller passes it (the run time): the same
//!   certificate gives the same bytes.

use super::graph_svg::{self, Graph, GraphNode, NodeKind};
use super::ground;
use super::model::{Cited, Status, TheoremModel, TheoryModel};
use super::names::{axiom_id, theorem_file};
use super::page;
use super::signature;
use super::term::Printer;
use crate::proof::tree::Block;
use maud::{html, Markup};
use std::time::Duration;

/// Where a theory index sits and what it says about its certificate.
pub struct IndexContext<'s> {
    /// From the index to the site root (`""` or `"../"`).
    pub root: &'s str,
    /// Breadcrumbs before the theory (the list of theories, on a multi-theory site).
    pub crumbs: &'s [(String, String)],
    /// The run time to show, if the caller measured one.
    pub run_time: Option<Duration>,
    /// How to name the certificate (its path relative to what was rendered), if known.
    pub certificate: Option<&'s str>,
}

/// The theory index.
pub fn render(m: &TheoryModel, p: &Printer, cx: &IndexContext) -> String {
    let IndexContext {
        root,
        crumbs,
        run_time,
        certificate,
    } = *cx;
    let cert = m.loaded.verified.certificate();
    let source = m
        .loaded
        .source
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    let used = m.axioms_used();
    let inductions = m
        .theorems
        .iter()
        .filter(|t| matches!(&t.proof, Block::Induction(i) if !i.split))
        .count();
    let rejected = m.loaded.verified.report().theorems.len() - m.theorems.len();
    let essential = m
        .theorems
        .iter()
        .filter(|t| t.status == Status::Essential)
        .count();
    let ground = m
        .theorems
        .iter()
        .filter(|t| ground::is_ground(&t.cert.name))
        .count();
    let body = html! {
        h1 { "Theory " (m.theory.name) }
        p.src {
            @if let Some(c) = certificate { "Certificate " code { (c) } ". " }
            "Axioms and signature from " code { (source) }
            " (digest " code.digest title=(cert.digest) { (short_digest(&cert.digest)) } "), identical to the certificate's. "
            "Every proof below was replayed and accepted by the ergo kernel."
            @if rejected > 0 {
                " " strong.warn { (rejected) " theorem(s) of this certificate were rejected and are not shown." }
            }
        }
        ul.stats {
            li { b { (m.theorems.len()) } " theorems" }
            li { b { (inductions) } " by induction" }
            li { b { (m.total_steps()) } " rewrite steps" }
            @if essential > 0 { li { b { (essential) } " essential" } }
            li { b { (used.len()) } " of " (m.theory.axioms.len()) " axioms used" }
            li {
                @match run_time {
                    Some(d) => { "run time " b { (format!("{:.2} s", d.as_secs_f64())) } },
                    None => { span title="Certificates hold no timings, so that the same proofs always give the same files." { "run time not recorded" } },
                }
            }
        }
        @if let Some(sig) = signature::render(p) { (sig) }
        section #axioms {
            h2 { "Axioms" }
            div.tw { table.list {
                thead { tr { th { "name" } th { "statement" } th.n { "used by" } } }
                tbody {
                    @for a in &m.theory.axioms {
                        tr id=(axiom_id(&a.name)) {
                            td { b { (a.name) } }
                            td.t { code { (p.formula(&a.formula)) } }
                            td.n { (m.users(&a.name).len()) }
                        }
                    }
                }
            } }
        }
        section #theorems {
            h2 { "Theorems" }
            p.search {
                input #q type="search" placeholder="Filter by name or statement, e.g. add or x + 0" aria-label="Filter theorems" hidden;
                " " span #qn {}
            }
            div.tw { table.list #thms {
                thead { tr {
                    th { "name" } th { "statement" } th { "method" } th.n { "steps" }
                    th { "status" } th.n { "used by" }
                } }
                tbody {
                    @for t in m.theorems.iter().filter(|t| !ground::is_ground(&t.cert.name)) {
                        tr {
                            td { a href=(theorem_file(&t.cert.name)) { (t.cert.name) } }
                            td.t { code { (p.clause(&t.statement)) } }
                            td { (t.method(&m.theory)) }
                            td.n { (t.report.steps) }
                            td { span class={ "badge " (t.status.label()) } { (t.status.label()) } }
                            td.n { (m.users(&t.cert.name).len()) }
                        }
                    }
                }
            } }
        }
        @if ground > 0 {
            p.note {
                (ground) " ground facts over the numerals are not listed here: see "
                a href=(ground::PAGE) { "the ground facts' tables" } "."
            }
        }
        section #graph {
            h2 { "Dependency graph" }
            p.note {
                "Axioms on top; each theorem sits below everything its proof cites; arrows point from what is used to what uses it. "
                "A citation that also follows from a longer path gets no arrow of its own; the long arrows leaving one box share one line, which branches off where its users sit. "
                "Hover over or focus a box to highlight everything it cites; click it to open it."
            }
            (graph(m, p))
        }
    };
    page::page(
        root,
        &format!("Theory {} — ergo", m.theory.name),
        crumbs,
        &format!("theory {}", m.theory.name),
        body,
    )
}

/// Above this many nodes the index draws no picture (it would be unreadable); every
/// theorem page still draws its own ancestors.
pub const MAX_GRAPH_NODES: usize = 300;

fn graph(m: &TheoryModel, p: &Printer) -> Markup {
    // The ground facts have their own page and cite only axioms and each other.
    let shown: Vec<&TheoremModel> = m
        .theorems
        .iter()
        .filter(|t| !ground::is_ground(&t.cert.name))
        .collect();
    let n = m.theory.axioms.len() + shown.len();
    if n > MAX_GRAPH_NODES {
        return html! { p.note { "The graph has " (n) " nodes, too many to draw legibly; each theorem page shows what that theorem rests on." } };
    }
    let mut g = Graph::default();
    for a in &m.theory.axioms {
        g.nodes.push(GraphNode {
            label: a.name.clone(),
            href: format!("#{}", axiom_id(&a.name)),
            title: p.formula(&a.formula),
            kind: NodeKind::Axiom,
        });
    }
    let axioms = m.theory.axioms.len();
    for t in &shown {
        g.nodes.push(GraphNode {
            label: t.cert.name.clone(),
            href: theorem_file(&t.cert.name),
            title: p.clause(&t.statement),
            kind: NodeKind::Theorem,
        });
    }
    for (k, t) in shown.iter().enumerate() {
        for c in &t.uses {
            let to = match c {
                Cited::Axiom(a) => m.theory.axioms.iter().position(|x| &x.name == a),
                Cited::Theorem(n) => shown
                    .iter()
                    .position(|u| u.cert.name == *n)
                    .map(|i| axioms + i),
            };
            if let Some(to) = to {
                g.edges.push((axioms + k, to));
            }
        }
    }
    html! { div.gw { (graph_svg::svg(&g, "g")) } }
}

fn short_digest(d: &str) -> String {
    let hex = d.strip_prefix("sha256:").unwrap_or(d);
    format!("sha256:{}…", hex.get(..12).unwrap_or(hex))
}

/// One theory in the list of a multi-theory site.
pub struct TheoryEntry {
    /// The theory's folder, relative to the site root (ends with `/`).
    pub folder: String,
    /// The theory's name.
    pub name: String,
    /// The certificate (its path relative to what was rendered), or the theory's name.
    pub certificate: String,
    /// The file name of the theory's MPL source.
    pub source: String,
    /// Accepted theorems.
    pub theorems: usize,
    /// Rewrite steps of the accepted theorems.
    pub steps: usize,
}

/// The root page of a site with several theories: one row per theory.
pub fn render_list(entries: &[TheoryEntry]) -> String {
    let body = html! {
        h1 { "Theories" }
        p { "Each theory's proofs were replayed and accepted by the ergo kernel." }
        div.tw { table.list {
            thead { tr { th { "theory" } th { "certificate" } th { "source" } th.n { "theorems" } th.n { "steps" } } }
            tbody {
                @for e in entries {
                    tr {
                        td { a href=(format!("{}index.html", e.folder)) { (e.name) } }
                        td { code { (e.certificate) } }
                        td { code { (e.source) } }
                        td.n { (e.theorems) }
                        td.n { (e.steps) }
                    }
                }
            }
        } }
    };
    page::page("", "Theories — ergo", &[], "theories", body)
}
