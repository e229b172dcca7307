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
use ergo::html::{SiteOptions, SiteStats};
use ergo::proof::load::{certificate_files, verify_file_with, Loaded};
use std::path::{Path, PathBuf};

/// Arguments of `ergo html`.
#[derive(Args, Debug)]
pub struct HtmlArgs {
    /// A certificate file, or a folder searched for `*.proof.json`.
    pub path: PathBuf,
    /// The folder to write the site into (created if needed).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// The trusted theories (default: the file each certificate names, in its repository).
    #[command(flatten)]
    pub trust: super::trust::TrustArgs,
    /// Print one JSON summary on stdout.
    #[arg(long)]
    pub json: bool,
}

/// A certificate or theorem that was not rendered.
pub struct Rejected {
    /// The certificate file.
    pub file: PathBuf,
    /// The theorem, when only it was rejected.
    pub theorem: Option<String>,
    /// Why.
    pub error: String,
    /// The kernel's error code, for a theorem.
    pub code: Option<String>,
}

/// What `ergo html` did.
pub struct HtmlReport {
    /// The site's folder.
    pub out: PathBuf,
    /// Certificates found.
    pub certificates: usize,
    /// Certificates accepted and rendered.
    pub rendered: usize,
    /// What was not rendered, in the order met.
    pub rejected: Vec<Rejected>,
    /// The written site's statistics; `None` when nothing was accepted.
    pub stats: Option<SiteStats>,
}

/// Runs `ergo html`.
pub fn run(args: HtmlArgs) -> std::io::Result<Exit> {
    Ok(match html(&args) {
        Ok(report) => print(&report, args.json),
        Err(exit) => exit,
    })
}

/// Checks the output folder, replays every certificate, renders the accepted ones and
/// writes the site. Bad input is reported and given back as `Err`, as is a certificate
/// the renderer cannot read back (exit 1).
pub fn html(args: &HtmlArgs) -> Result<HtmlReport, Exit> {
    // The folder must take the site before any certificate is replayed.
    super::output::check_folder(&args.out).map_err(|e| bad_input("output", &e.to_string()))?;
    let trust = args.trust.trust()?;
    let files = match certificate_files(&args.path) {
        Ok(f) if !f.is_empty() => f,
        Ok(_) => {
            let message = format!("no *.proof.json certificate under {}", args.path.display());
            return Err(bad_input("no-certificate", &message));
        }
        Err(e) => {
            let message = format!("cannot read {}: {e}", args.path.display());
            return Err(bad_input("io", &message));
        }
    };
    let mut loaded: Vec<Loaded> = Vec::new();
    let mut names: Vec<String> = Vec::new();
    let mut rejected = Vec::new();
    for file in &files {
        match verify_file_with(file, &trust) {
            Err(why) => rejected.push(Rejected {
                file: file.clone(),
                theorem: None,
                error: why.to_string(),
                code: None,
            }),
            Ok(l) => {
                for t in &l.verified.report().theorems {
                    if let Err(e) = &t.result {
                        rejected.push(Rejected {
                            file: file.clone(),
                            theorem: Some(t.name.clone()),
                            error: e.to_string(),
                            code: Some(e.code().to_string()),
                        });
                    }
                }
                loaded.push(l);
                names.push(display_name(&args.path, file));
            }
        }
    }
    let stats = if loaded.is_empty() {
        None
    } else {
        let options = SiteOptions {
            run_time: None,
            certificates: names,
        };
        let site = ergo::html::build_site(&loaded, &options).map_err(|why| {
            say(args.json, &format!("error: cannot render: {why}"));
            Exit::Failed
        })?;
        let stats = super::site::write_site(&site, &args.out)
            .map_err(|e| bad_input("io", &e.to_string()))?;
        Some(stats)
    };
    Ok(HtmlReport {
        out: args.out.clone(),
        certificates: files.len(),
        rendered: loaded.len(),
        rejected,
        stats,
    })
}

/// Prints the report as text and, under `--json`, as the one JSON object; exit 0 when
/// everything was rendered, 1 when something was rejected.
pub fn print(r: &HtmlReport, json: bool) -> Exit {
    for x in &r.rejected {
        let line = match (&x.theorem, &x.code) {
            (None, _) => format!("{}: REJECTED, not rendered: {}", x.file.display(), x.error),
            (Some(t), code) => format!(
                "{}: theorem {t} REJECTED, not rendered: {} [{}]",
                x.file.display(),
                x.error,
                code.as_deref().unwrap_or("")
            ),
        };
        say(json, &line);
    }
    match &r.stats {
        None => say(json, "nothing to render: no certificate was accepted"),
        Some(stats) => say(
            json,
            &format!(
                "{}: {} pages ({} theorem pages, median {} bytes, largest {} bytes), {} bytes in all; open {}",
                r.out.display(),
                stats.pages,
                stats.theorems,
                stats.median_theorem_page().unwrap_or(0),
                stats.max_theorem_page().unwrap_or(0),
                stats.bytes,
                r.out.join("index.html").display()
            ),
        ),
    }
    if json {
        let s = r.stats.clone().unwrap_or_default();
        let rejected: Vec<_> = r
            .rejected
            .iter()
            .map(|x| {
                serde_json::json!({
                    "file": x.file.display().to_string(), "theorem": x.theorem, "error": x.error,
                })
            })
            .collect();
        emit_json(&serde_json::json!({
            "out": r.out.display().to_string(),
            "certificates": r.certificates,
            "rendered": r.rendered,
            "pages": s.pages,
            "theorems": s.theorems,
            "bytes": s.bytes,
            "median_theorem_page_bytes": s.median_theorem_page(),
            "max_theorem_page_bytes": s.max_theorem_page(),
            "rejected": rejected,
        }));
    }
    if r.rejected.is_empty() {
        Exit::Success
    } else {
        Exit::Failed
    }
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
