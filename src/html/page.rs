//! The frame every page shares: document head, navigation bar, footer.
//!
//! Invariants: links are relative (`root` is the way back from the page to the site's
//! root folder, e.g. `../`), so the site works from any folder, a `file://` URL or a CI
//! artifact; every page loads the one shared style sheet and the one small script, and
//! reads completely without the script; nothing run-dependent (time, machine paths) is
//! written.

use maud::{html, Markup, DOCTYPE};

/// The shared style sheet, written once at the site root.
pub const STYLE: &str = include_str!("assets/style.css");
/// The shared script, written once at the site root: the index's search filter and the
/// hover and focus highlighting of dependencies. Progressive enhancement only.
pub const SCRIPT: &str = include_str!("assets/site.js");

/// A whole page. `root` leads from the page to the site root; `crumbs` is the trail
/// shown in the navigation bar (links first, the page's own name last).
pub fn page(
    root: &str,
    title: &str,
    crumbs: &[(String, String)],
    here: &str,
    body: Markup,
) -> String {
    let doc = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
                link rel="stylesheet" href=(format!("{root}style.css"));
                script src=(format!("{root}site.js")) defer {}
            }
            body {
                nav.top {
                    @for (href, label) in crumbs {
                        a href=(href) { (label) } " › "
                    }
                    span.here { (here) }
                    a.rules href=(format!("{root}rules.html")) { "how to read a proof" }
                }
                main { (body) }
                footer {
                    "Rendered by ergo from kernel-checked certificates: every proof on this site was replayed by the ergo kernel."
                }
            }
        }
    };
    let mut s = doc.into_string();
    s.push('\n');
    s
}
