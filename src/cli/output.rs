//! Output files of the commands: where a result goes, checked before the work starts and
//! written atomically after it.
//!
//! Invariants:
//! - an existing path that is not a regular file (a symbolic link, a FIFO, a device such as
//!   `/dev/full`, a folder) is never replaced or written through: it is refused with an
//!   error naming the path, before any work is done ([`Output::check`]);
//! - a file is written to a temporary file in the target's folder, synced, then renamed over
//!   the target; the temporary file is removed on every exit path this process controls (an
//!   error, a panic unwinding through [`TempGuard`], Ctrl-C through
//!   [`remove_pending_temps`]); temporary files left by a process that was killed outright
//!   (`kill -9`) are removed by the next write into the same folder;
//! - a *default* output path (one the user did not name) never replaces an existing file
//!   with different content unless `--force` is given: the result goes beside it as
//!   `NAME.new.proof.json`, and the user is told; the result of a *stopped* run (time limit,
//!   Ctrl-C) never replaces an existing different file, named or not: it goes beside it as
//!   `NAME.partial.proof.json`;
//! - errors name the path and what was being done.
//!
//! Example:
//!
//! ```text
//! let out = Output::new(PathBuf::from("proofs/peano.proof.json"), Origin::Default, false);
//! out.check()?;                                        // before proving
//! let written = out.write(&bytes, Completion::Complete)?;  // after
//! // written.path is where the bytes went; written.note says why, if not out.path
//! ```

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Whether the user named the output path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// `--out PATH` was given.
    Named,
    /// The command's default path.
    Default,
}

/// Whether the run that produced the result finished.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Completion {
    /// Every goal or round was attempted.
    Complete,
    /// The run was stopped (time limit, Ctrl-C): the result is a part of what a full run
    /// would write.
    Stopped,
}

/// An output file that could not be checked or written.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The path exists and is not a regular file.
    #[error("{path}: refusing to write: it exists and is {what}, not a regular file")]
    NotRegular {
        /// The path.
        path: PathBuf,
        /// What it is.
        what: &'static str,
    },
    /// A folder of results exists as something other than a folder.
    #[error("{path}: refusing to write into it: it is {what}, not a folder")]
    NotFolder {
        /// The path.
        path: PathBuf,
        /// What it is.
        what: &'static str,
    },
    /// An I/O error while checking or writing.
    #[error("{path}: cannot {doing}: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// What was being done.
        doing: &'static str,
        /// The error.
        source: std::io::Error,
    },
}

/// Where a command's result is to be written, and under which rules.
#[derive(Clone, Debug)]
pub struct Output {
    /// The requested path.
    pub path: PathBuf,
    /// Whether the user named it.
    pub origin: Origin,
    /// `--force`: a default path may replace an existing file with other content.
    pub force: bool,
}

/// Where the bytes went.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Written {
    /// The file written (or left as it was, when it already held these bytes).
    pub path: PathBuf,
    /// Why that is not the requested path, if it is not.
    pub note: Option<String>,
}

impl Output {
    /// An output under the given rules.
    pub fn new(path: PathBuf, origin: Origin, force: bool) -> Output {
        Output {
            path,
            origin,
            force,
        }
    }

    /// Checks, before any work is done, that the result can be written: the path is a
    /// regular file or absent, and its folder exists (or can be created) and is writable.
    pub fn check(&self) -> Result<(), OutputError> {
        check_target(&self.path)?;
        let dir = folder_of(&self.path);
        std::fs::create_dir_all(&dir).map_err(|source| OutputError::Io {
            path: dir.clone(),
            doing: "create the folder",
            source,
        })?;
        probe_writable(&dir, &self.path, &dir)
    }

    /// Writes `bytes` under the rules of the module docs; returns where they went.
    pub fn write(&self, bytes: &[u8], completion: Completion) -> Result<Written, OutputError> {
        let existing = match std::fs::symlink_metadata(&self.path) {
            Ok(m) if m.file_type().is_file() => {
                Some(std::fs::read(&self.path).map_err(|source| OutputError::Io {
                    path: self.path.clone(),
                    doing: "read the existing file",
                    source,
                })?)
            }
            Ok(m) => {
                return Err(OutputError::NotRegular {
                    path: self.path.clone(),
                    what: describe(&m),
                })
            }
            Err(_) => None,
        };
        let Some(existing) = existing else {
            write_atomically(&self.path, bytes)?;
            return Ok(Written {
                path: self.path.clone(),
                note: None,
            });
        };
        if existing == bytes {
            return Ok(Written {
                path: self.path.clone(),
                note: None,
            });
        }
        let beside = match (completion, self.origin, self.force) {
            (Completion::Stopped, _, _) => Some((
                "partial",
                "the run was stopped, and a partial result never replaces a different file",
            )),
            (Completion::Complete, Origin::Default, false) => Some((
                "new",
                "a default output path replaces a different file only with --force",
            )),
            _ => None,
        };
        match beside {
            None => {
                write_atomically(&self.path, bytes)?;
                Ok(Written {
                    path: self.path.clone(),
                    note: None,
                })
            }
            Some((tag, why)) => {
                let path = sibling(&self.path, tag);
                check_target(&path)?;
                write_atomically(&path, bytes)?;
                Ok(Written {
                    note: Some(format!(
                        "{} differs and was kept; written beside it instead ({why})",
                        self.path.display()
                    )),
                    path,
                })
            }
        }
    }
}

/// Checks, before any work, that a folder of results (an HTML site) can be written, without
/// creating it: the folder, or its nearest existing ancestor, must be a folder (not a
/// link to one, not a file) where this process can create a file.
pub fn check_folder(dir: &Path) -> Result<(), OutputError> {
    let mut at = dir.to_path_buf();
    loop {
        match std::fs::symlink_metadata(&at) {
            Ok(m) if m.file_type().is_dir() => break,
            Ok(m) => {
                return Err(OutputError::NotFolder {
                    path: at,
                    what: describe(&m),
                })
            }
            Err(_) => match at.parent() {
                Some(p) if !p.as_os_str().is_empty() => at = p.to_path_buf(),
                _ => {
                    at = PathBuf::from(".");
                    break;
                }
            },
        }
    }
    probe_writable(&at, dir, dir)
}

/// Checks that `dir` accepts a new file: creates and removes this process's probe file
/// for `output` there (never through a link); an error names `shown`.
fn probe_writable(dir: &Path, output: &Path, shown: &Path) -> Result<(), OutputError> {
    let probe = dir.join(probe_name(output));
    check_target(&probe)?;
    std::fs::File::create(&probe)
        .and_then(|_| std::fs::remove_file(&probe))
        .map_err(|source| OutputError::Io {
            path: shown.to_path_buf(),
            doing: "write into the folder",
            source,
        })
}

/// `NAME.TAG.proof.json` beside `NAME.proof.json` (or `FILE.TAG` for other names).
pub fn sibling(path: &Path, tag: &str) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let new = match name.strip_suffix(".proof.json") {
        Some(stem) => format!("{stem}.{tag}.proof.json"),
        None => format!("{name}.{tag}"),
    };
    path.with_file_name(new)
}

fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn describe(m: &std::fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let t = m.file_type();
    if t.is_symlink() {
        "a symbolic link"
    } else if t.is_dir() {
        "a folder"
    } else if t.is_fifo() {
        "a FIFO"
    } else if t.is_char_device() || t.is_block_device() {
        "a device"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_file() {
        "a regular file"
    } else {
        "not a regular file"
    }
}

/// `Ok` when `path` is absent or a regular file (not followed through a link).
fn check_target(path: &Path) -> Result<(), OutputError> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if !m.file_type().is_file() => Err(OutputError::NotRegular {
            path: path.to_path_buf(),
            what: describe(&m),
        }),
        _ => Ok(()),
    }
}

fn temp_prefix(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".to_string());
    format!(".{name}.tmp")
}

fn probe_name(path: &Path) -> String {
    format!("{}{}-probe", temp_prefix(path), std::process::id())
}

/// Temporary files this process has created and not yet renamed or removed.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Removes every temporary file this process has not yet renamed (for Ctrl-C handlers
/// and fatal exits).
pub fn remove_pending_temps() {
    if let Ok(mut pending) = PENDING.lock() {
        for p in pending.drain(..) {
            let _ = std::fs::remove_file(p);
        }
    }
}

/// A registered temporary file, removed when dropped unless it was renamed.
struct TempGuard {
    path: PathBuf,
    done: bool,
}

impl TempGuard {
    fn new(path: PathBuf) -> TempGuard {
        if let Ok(mut pending) = PENDING.lock() {
            pending.push(path.clone());
        }
        TempGuard { path, done: false }
    }
}

impl Drop for TempGuard {
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_file(&self.path);
        }
        if let Ok(mut pending) = PENDING.lock() {
            pending.retain(|p| p != &self.path);
        }
    }
}

/// Removes `.NAME.tmp<pid>` files in `dir` left by processes that no longer run.
fn remove_stale_temps(dir: &Path, path: &Path) {
    let prefix = temp_prefix(path);
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix(&prefix) else {
            continue;
        };
        let pid: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let alive = pid.is_empty() || Path::new("/proc").join(&pid).exists();
        let regular = entry.file_type().map(|t| t.is_file()).unwrap_or(false);
        if !alive && regular {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, synced, then
/// renamed over `path`. Refuses an existing `path` that is not a regular file.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), OutputError> {
    check_target(path)?;
    let dir = folder_of(path);
    let io = |doing: &'static str, p: &Path| {
        let p = p.to_path_buf();
        move |source| OutputError::Io {
            path: p,
            doing,
            source,
        }
    };
    std::fs::create_dir_all(&dir).map_err(io("create the folder", &dir))?;
    remove_stale_temps(&dir, path);
    let tmp = dir.join(format!("{}{}", temp_prefix(path), std::process::id()));
    let mut guard = TempGuard::new(tmp.clone());
    {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
            .or_else(|_| {
                // A temporary file of ours from an earlier write in this process.
                let _ = std::fs::remove_file(&tmp);
                std::fs::OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .open(&tmp)
            })
            .map_err(io("create a temporary file in", &dir))?;
        f.write_all(bytes).map_err(io("write", path))?;
        f.sync_all().map_err(io("write", path))?;
    }
    check_target(path)?;
    std::fs::rename(&tmp, path).map_err(io("replace", path))?;
    guard.done = true;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmpdir() -> tempfile::TempDir {
        tempfile::tempdir().unwrap()
    }

    #[test]
    fn refuses_non_regular_targets() {
        let d = tmpdir();
        let link = d.path().join("link.json");
        std::os::unix::fs::symlink(d.path().join("elsewhere"), &link).unwrap();
        let out = Output::new(link.clone(), Origin::Named, true);
        assert!(matches!(out.check(), Err(OutputError::NotRegular { .. })));
        assert!(matches!(
            out.write(b"x", Completion::Complete),
            Err(OutputError::NotRegular { .. })
        ));
        assert!(!d.path().join("elsewhere").exists());
        let full = Output::new(PathBuf::from("/dev/full"), Origin::Named, true);
        let e = full.check().unwrap_err().to_string();
        assert!(e.contains("/dev/full") && e.contains("device"), "{e}");
    }

    #[test]
    fn default_paths_and_stopped_runs_never_replace_other_content() {
        let d = tmpdir();
        let p = d.path().join("t.proof.json");
        std::fs::write(&p, b"old").unwrap();
        let w = Output::new(p.clone(), Origin::Default, false)
            .write(b"new", Completion::Complete)
            .unwrap();
        assert_eq!(w.path, d.path().join("t.new.proof.json"));
        assert_eq!(std::fs::read(&p).unwrap(), b"old");
        let w = Output::new(p.clone(), Origin::Named, true)
            .write(b"part", Completion::Stopped)
            .unwrap();
        assert_eq!(w.path, d.path().join("t.partial.proof.json"));
        assert_eq!(std::fs::read(&p).unwrap(), b"old");
        // Same content: nothing to do; named and complete: replaced; forced default too.
        let w = Output::new(p.clone(), Origin::Default, false)
            .write(b"old", Completion::Complete)
            .unwrap();
        assert_eq!((w.path.clone(), w.note), (p.clone(), None));
        Output::new(p.clone(), Origin::Named, false)
            .write(b"named", Completion::Complete)
            .unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"named");
        Output::new(p.clone(), Origin::Default, true)
            .write(b"forced", Completion::Complete)
            .unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"forced");
    }

    #[test]
    fn leaves_no_temporary_files_and_removes_stale_ones() {
        let d = tmpdir();
        let p = d.path().join("c.proof.json");
        // A temporary file of a process that no longer runs (pid beyond pid_max).
        let stale = d.path().join(".c.proof.json.tmp99999999");
        std::fs::write(&stale, b"junk").unwrap();
        write_atomically(&p, b"data").unwrap();
        let names: Vec<String> = std::fs::read_dir(d.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, vec!["c.proof.json".to_string()]);
    }

    #[test]
    fn errors_name_the_path() {
        let d = tmpdir();
        let file = d.path().join("plain");
        std::fs::write(&file, b"").unwrap();
        // A folder below a regular file cannot be created.
        let out = Output::new(file.join("x.proof.json"), Origin::Named, false);
        let e = out.check().unwrap_err().to_string();
        assert!(e.contains("plain"), "{e}");
    }
}
