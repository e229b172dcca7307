//! The static HTML proof site: `ergo html PATH --out DIR`.
//!
//! Layout of the output folder, for one certificate:
//!
//! ```text
//! index.html         the theory: statistics, axioms, theorems (searchable), dependency graph
//! thm/<slug>.html    one page per accepted theorem but the ground facts (names::slug)
//! rules.html         how to read a proof: one anchor per kind of step
//! ground.html        ground facts over the numerals (if any): tables, each cell linking
//!                    to its proof on the same page (see [`ground`])
//! style.css site.js  the one style sheet and the one small script, shared by every page
//! ```
//!
//! With several certificates, each theory gets a folder `<slug>/` holding its
//! `index.html` and `thm/`, and the root `index.html` lists the theories.
//!
//! Invariants:
//! - only kernel-checked proofs are rendered: the input is [`Loaded`] certificates (which
//!   hold an `ergo_kernel::Verified`, constructible only by the kernel) and only the
//!   theorems the kernel accepted are read from them (see [`model`]);
//! - the output is a function of the input: no time stamps, no machine paths, sorted
//!   iteration everywhere, so identical certificates give byte-identical files;
//! - links are relative and resolve inside the site; nothing is loaded from the network;
//!   every page reads completely with JavaScript off;
//! - each file is written atomically (a temporary file, then a rename). Re-rendering
//!   into the same folder removes the theorem pages (`thm/*.html`) that this run does
//!   not produce, so the page of a theorem that is now rejected cannot linger; no other
//!   file of the folder is touched.

pub mod graph_svg;
pub mod ground;
pub mod index;
pub mod model;
pub mod names;
pub mod page;
pub mod rules;
pub mod signature;
pub mod sorts;
pub mod term;
pub mod theorem;

use crate::proof::load::Loaded;
use model::TheoryModel;
use std::collections::BTreeMap;
use std::time::Duration;
use term::Printer;

/// Options of a render beyond the certificates themselves.
#[derive(Clone, Debug, Default)]
pub struct SiteOptions {
    /// The run time to show in the statistics (for `ergo derive --html`); `None` shows
    /// "not recorded" and keeps the output a function of the certificates alone.
    pub run_time: Option<Duration>,
    /// How to name each certificate on the pages, in the order of the `sites` rendered
    /// (e.g. its path relative to the folder given on the command line); missing names
    /// are not shown. Keep them free of machine-specific paths for stable output.
    pub certificates: Vec<String>,
}

/// A rendered site, in memory: every file's path (relative, `/`-separated) and bytes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Site {
    /// The files, by relative path.
    pub files: BTreeMap<String, Vec<u8>>,
    /// The relative paths of the theorem pages.
    pub theorem_pages: Vec<String>,
}

/// What a render produced.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SiteStats {
    /// HTML pages written.
    pub pages: usize,
    /// Theorem pages written (one per accepted theorem).
    pub theorems: usize,
    /// Bytes written, all files.
    pub bytes: u64,
    /// The size in bytes of each theorem page, ascending.
    pub theorem_page_bytes: Vec<u64>,
}

impl SiteStats {
    /// The median theorem page size in bytes (the lower middle for an even count).
    pub fn median_theorem_page(&self) -> Option<u64> {
        let v = &self.theorem_page_bytes;
        (!v.is_empty()).then(|| v[(v.len() - 1) / 2])
    }

    /// The largest theorem page in bytes.
    pub fn max_theorem_page(&self) -> Option<u64> {
        self.theorem_page_bytes.last().copied()
    }
}

impl Site {
    /// The statistics of this site.
    pub fn stats(&self) -> SiteStats {
        let mut sizes: Vec<u64> = self
            .theorem_pages
            .iter()
            .filter_map(|p| self.files.get(p))
            .map(|b| b.len() as u64)
            .collect();
        sizes.sort_unstable();
        SiteStats {
            pages: self.files.keys().filter(|p| p.ends_with(".html")).count(),
            theorems: self.theorem_pages.len(),
            bytes: self.files.values().map(|b| b.len() as u64).sum(),
            theorem_page_bytes: sizes,
        }
    }
}

/// Builds the whole site in memory. `Err` only if a kernel-accepted certificate cannot be
/// read back by the renderer (a bug in ergo, reported rather than rendered wrongly).
pub fn build_site(sites: &[Loaded], options: &SiteOptions) -> Result<Site, String> {
    let mut site = Site::default();
    let single = sites.len() == 1;
    let mut folders: Vec<String> = Vec::new();
    let mut entries = Vec::new();
    for (i, loaded) in sites.iter().enumerate() {
        let certificate = options.certificates.get(i).map(String::as_str);
        let folder = if single {
            String::new()
        } else {
            let base = names::slug(&loaded.theory.name);
            let mut folder = base.clone();
            let mut n = 1;
            while folders.contains(&folder) {
                n += 1;
                folder = format!("{base}~n{n}");
            }
            folders.push(folder.clone());
            format!("{folder}/")
        };
        let model = TheoryModel::new(loaded)?;
        let printer = Printer::new(&model.theory);
        let (index_root, page_root) = if single {
            ("", "../")
        } else {
            ("../", "../../")
        };
        let list_crumbs: Vec<(String, String)> = if single {
            Vec::new()
        } else {
            vec![(format!("{index_root}index.html"), "theories".to_string())]
        };
        let index_html = index::render(
            &model,
            &printer,
            &index::IndexContext {
                root: index_root,
                crumbs: &list_crumbs,
                run_time: options.run_time,
                certificate,
            },
        );
        site.files
            .insert(format!("{folder}index.html"), index_html.into_bytes());
        let page_crumbs: Vec<(String, String)> = if single {
            Vec::new()
        } else {
            vec![(format!("{page_root}index.html"), "theories".to_string())]
        };
        let links = theorem::Links {
            root: page_root,
            crumbs: &page_crumbs,
            theory: "../",
            ids: "",
        };
        for (k, t) in model.theorems.iter().enumerate() {
            if ground::is_ground(&t.cert.name) {
                continue; // on the ground facts' page
            }
            let path = format!("{folder}{}", names::theorem_file(&t.cert.name));
            let html = theorem::render(&model, k, &printer, &links);
            site.files.insert(path.clone(), html.into_bytes());
            site.theorem_pages.push(path);
        }
        if let Some(html) = ground::render(&model, &printer, index_root, &list_crumbs) {
            site.files
                .insert(format!("{folder}{}", ground::PAGE), html.into_bytes());
        }
        entries.push(index::TheoryEntry {
            folder,
            name: model.theory.name.clone(),
            certificate: certificate.unwrap_or(&model.theory.name).to_string(),
            source: loaded
                .source
                .file_name()
                .map(|f| f.to_string_lossy().into_owned())
                .unwrap_or_default(),
            theorems: model.theorems.len(),
            steps: model.total_steps(),
        });
    }
    let home = if single {
        format!("theory {}", sites[0].theory.name)
    } else {
        site.files.insert(
            "index.html".to_string(),
            index::render_list(&entries).into_bytes(),
        );
        "theories".to_string()
    };
    site.files
        .insert("rules.html".to_string(), rules::render(&home).into_bytes());
    site.files
        .insert("style.css".to_string(), page::STYLE.as_bytes().to_vec());
    site.files
        .insert("site.js".to_string(), page::SCRIPT.as_bytes().to_vec());
    Ok(site)
}
