//! Writing a rendered HTML site into a folder the user named, without touching what ergo
//! did not write there.
//!
//! Invariants:
//! - every file of the site is written with [`super::output::write_atomically`] (never
//!   through a link or over a non-regular file);
//! - the folder keeps a list of the files ergo wrote there, `.ergo-site` (one relative
//!   path a line, sorted); a later render removes exactly the files of that list that it
//!   no longer writes, and nothing else: a page the user put into `thm/` stays;
//! - the list is written last, so an interrupted render leaves the old list, which still
//!   names every file of the earlier render.
//!
//! Example: `ergo html proofs --out site` twice, the second time with one certificate
//! fewer: the second run deletes that certificate's pages (they are in `.ergo-site`) and
//! leaves `site/thm/notes.html`, which the user wrote.

use super::output::{write_atomically, OutputError};
use ergo::html::{Site, SiteStats};
use std::collections::BTreeSet;
use std::path::{Component, Path};

/// The name of the list of written files inside the site folder.
pub const MANIFEST: &str = ".ergo-site";

/// Writes `site` into `out`; removes the files of the previous render that this one no
/// longer has.
pub fn write_site(site: &Site, out: &Path) -> Result<SiteStats, OutputError> {
    let previous = read_manifest(out);
    for (path, bytes) in &site.files {
        write_atomically(&out.join(path), bytes)?;
    }
    for stale in previous.iter().filter(|p| !site.files.contains_key(*p)) {
        let path = out.join(stale);
        let regular = std::fs::symlink_metadata(&path)
            .map(|m| m.file_type().is_file())
            .unwrap_or(false);
        if regular {
            std::fs::remove_file(&path).map_err(|source| OutputError::Io {
                path: path.clone(),
                doing: "remove a page of the previous render",
                source,
            })?;
        }
    }
    let mut list: String = site.files.keys().map(|p| format!("{p}\n")).collect();
    if list.is_empty() {
        list.push('\n');
    }
    write_atomically(&out.join(MANIFEST), list.as_bytes())?;
    Ok(site.stats())
}

/// The files the previous render wrote: relative paths inside the folder only (an entry
/// with `..`, a root or a prefix is ignored, so an edited list cannot reach outside).
fn read_manifest(out: &Path) -> BTreeSet<String> {
    let Ok(text) = std::fs::read_to_string(out.join(MANIFEST)) else {
        return BTreeSet::new();
    };
    text.lines()
        .filter(|l| !l.is_empty())
        .filter(|l| {
            Path::new(l)
                .components()
                .all(|c| matches!(c, Component::Normal(_)))
        })
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn site(files: &[&str]) -> Site {
        Site {
            files: files
                .iter()
                .map(|f| (f.to_string(), b"<p>".to_vec()))
                .collect::<BTreeMap<_, _>>(),
            theorem_pages: files
                .iter()
                .filter(|f| f.starts_with("thm/"))
                .map(|f| f.to_string())
                .collect(),
        }
    }

    #[test]
    fn removes_only_what_it_wrote() {
        let d = tempfile::tempdir().unwrap();
        write_site(&site(&["index.html", "thm/a.html", "thm/b.html"]), d.path()).unwrap();
        std::fs::write(d.path().join("thm/mine.html"), b"user's").unwrap();
        write_site(&site(&["index.html", "thm/a.html"]), d.path()).unwrap();
        assert!(d.path().join("thm/a.html").exists());
        assert!(!d.path().join("thm/b.html").exists());
        assert!(d.path().join("thm/mine.html").exists());
    }

    #[test]
    fn an_edited_list_cannot_reach_outside() {
        let d = tempfile::tempdir().unwrap();
        let outside = d.path().join("keep.html");
        std::fs::write(&outside, b"x").unwrap();
        let out = d.path().join("site");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join(MANIFEST), "../keep.html\n/etc/passwd\n").unwrap();
        write_site(&site(&["index.html"]), &out).unwrap();
        assert!(outside.exists());
    }
}
