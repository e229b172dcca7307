//! `ergo html PATH --out DIR`: render kernel-checked certificates as a static site.
//!
//! PATH is a certificate or a folder searched for `*.proof.json`, as for `ergo verify`.
//! Every certificate is replayed by the kernel and compared with its MPL source; only
//! accepted theorems of accepted certificates are rendered ([`ergo::html`] takes
//! [`Loaded`] certificates, which only the kernel path can produce). Exit 0 when
//! everything was accepted and rendered; 1 when a certificate or theorem was rejected
//! (the accepted ones are still rendered, the rejected ones are named); 2 for bad input.

use super::{bad_input, emit_json, say, Exit};
use clap::Args;
use ergo::html::SiteOptions;
use ergo::proof::load::{certificate_files, verify_file, Loaded};
use std::path::{Path, PathBuf};

/// Arguments of `ergo html`.
#[derive(Args, Debug)]
pub struct HtmlArgs {
    /// A certificate file, or a folder searched for `*.proof.json`.
    pub path: PathBuf,
    /// The folder to write the site into (created if needed).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Print one JSON summary on stdout.
    #[arg(long)]
    pub json: bool,
}

/// Runs `ergo html`.
pub fn run(args: HtmlArgs) -> std::io::Result<Exit> {
    let json = args.json;
    // The folder must take the site before any certificate is replayed.
    let manifest = args.out.join(super::site::MANIFEST);
    let out = super::output::Output::new(manifest, super::output::Origin::Named, true);
    if let Err(e) = out.check() {
        return Ok(bad_input("output", &e.to_string()));
    }
    let files = match certificate_files(&args.path) {
        Ok(f) if !f.is_empty() => f,
        Ok(_) => {
            let message = format!("no *.proof.json certificate under {}", args.path.display());
            return Ok(bad_input("no-certificate", &message));
        }
        Err(e) => {
            let message = format!("cannot read {}: {e}", args.path.display());
            return Ok(bad_input("io", &message));
        }
    };
    let mut loaded: Vec<Loaded> = Vec::new();
    let mut names: Vec<String> = Vec::new();
    let mut rejected: Vec<serde_json::Value> = Vec::new();
    for file in &files {
        match verify_file(file) {
            Err(why) => {
                say(
                    json,
                    &format!("{}: REJECTED, not rendered: {why}", file.display()),
                );
                rejected.push(serde_json::json!({
                    "file": file.display().to_string(), "theorem": null, "error": why,
                }));
            }
            Ok(l) => {
                for t in &l.verified.report().theorems {
                    if let Err(e) = &t.result {
                        say(
                            json,
                            &format!(
                                "{}: theorem {} REJECTED, not rendered: {e} [{}]",
                                file.display(),
                                t.name,
                                e.code()
                            ),
                        );
                        rejected.push(serde_json::json!({
                            "file": file.display().to_string(), "theorem": t.name,
                            "error": e.to_string(),
                        }));
                    }
                }
                loaded.push(l);
                names.push(display_name(&args.path, file));
            }
        }
    }
    let stats = if loaded.is_empty() {
        say(json, "nothing to render: no certificate was accepted");
        None
    } else {
        let options = SiteOptions {
            run_time: None,
            certificates: names,
        };
        let site = match ergo::html::build_site(&loaded, &options) {
            Ok(site) => site,
            Err(why) => {
                say(json, &format!("error: cannot render: {why}"));
                return Ok(Exit::Failed);
            }
        };
        let stats = match super::site::write_site(&site, &args.out) {
            Ok(stats) => stats,
            Err(e) => return Ok(bad_input("io", &e.to_string())),
        };
        say(
            json,
            &format!(
                "{}: {} pages ({} theorem pages, median {} bytes, largest {} bytes), {} bytes in all; open {}",
                args.out.display(),
                stats.pages,
                stats.theorems,
                stats.median_theorem_page().unwrap_or(0),
                stats.max_theorem_page().unwrap_or(0),
                stats.bytes,
                args.out.join("index.html").display()
            ),
        );
        Some(stats)
    };
    if json {
        let s = stats.clone().unwrap_or_default();
        emit_json(&serde_json::json!({
            "out": args.out.display().to_string(),
            "certificates": files.len(),
            "rendered": loaded.len(),
            "pages": s.pages,
            "theorems": s.theorems,
            "bytes": s.bytes,
            "median_theorem_page_bytes": s.median_theorem_page(),
            "max_theorem_page_bytes": s.max_theorem_page(),
            "rejected": rejected,
        }));
    }
    Ok(if rejected.is_empty() {
        Exit::Success
    } else {
        Exit::Failed
    })
}

/// How the pages name a certificate: its path below the folder given on the command line
/// (`/`-separated), or its file name when a file was given; never a machine-specific path.
fn display_name(given: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(given).unwrap_or(file);
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.is_empty() || rel.is_absolute() || rel == file {
        file.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    } else {
        parts.join("/")
    }
}
