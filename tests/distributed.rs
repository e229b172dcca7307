//! `ergo derive` across processes (the timely executor): the same certificate bytes as one
//! thread whatever the number of processes, a clean end when a worker process dies or a
//! host cannot be reached, and usage errors for flags that do not go together. Every run
//! here stays on loopback (127.0.0.1).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

fn ergo() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_ergo"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

fn lists() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("axioms/lists.mpl")
}

/// `ergo derive lists.mpl --max-size 5 --out DIR` with `extra` flags.
fn derive(out: &Path, extra: &[&str]) -> Output {
    ergo()
        .arg("derive")
        .arg(lists())
        .args(["--max-size", "5", "--out"])
        .arg(out)
        .args(extra)
        .output()
        .unwrap()
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn three_processes_write_the_bytes_of_one_thread() {
    let dir = tempfile::tempdir().unwrap();
    let (one, three) = (dir.path().join("one"), dir.path().join("three"));
    let a = derive(&one, &["--threads", "1"]);
    assert!(a.status.success(), "{}", text(&a));
    let b = derive(&three, &["--processes", "3"]);
    assert!(b.status.success(), "{}", text(&b));
    assert!(
        text(&b).contains("3 process(es) x 1 worker(s)"),
        "{}",
        text(&b)
    );
    let bytes = |d: &Path| std::fs::read(d.join("lists.proof.json")).unwrap();
    assert_eq!(bytes(&one), bytes(&three));
}

#[test]
fn a_dead_worker_process_ends_the_run_with_a_verifiable_certificate() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cut");
    let t = Instant::now();
    // Process 2 aborts (as a crash would) at its 20th executor round (the run has fewer
    // than 40 since the explore merge).
    let o = derive(&out, &["--processes", "3", "--test-abort", "2:20"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(t.elapsed() < Duration::from_secs(120));
    let msg = text(&o);
    assert!(
        msg.contains("a worker process stopped or a connection was lost"),
        "{msg}"
    );
    let cert = out.join("lists.proof.json");
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&cert).unwrap()).unwrap();
    assert!(!json["theorems"].as_array().unwrap().is_empty(), "{msg}");
    // No temporary file is left beside it.
    let names: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
    let v = ergo()
        .arg("verify")
        .arg(&cert)
        .arg("--theory")
        .arg(lists())
        .output()
        .unwrap();
    assert!(v.status.success(), "{}", text(&v));
}

#[test]
fn an_unreachable_process_ends_the_start_within_the_timeout() {
    let dir = tempfile::tempdir().unwrap();
    let hosts = dir.path().join("hosts");
    // Two free ports; nobody will listen on process 1's.
    let ports: Vec<u16> = (0..2)
        .map(|_| std::net::TcpListener::bind("127.0.0.1:0").unwrap())
        .collect::<Vec<_>>()
        .iter()
        .map(|l| l.local_addr().unwrap().port())
        .collect();
    std::fs::write(
        &hosts,
        format!("127.0.0.1:{}\n127.0.0.1:{}\n", ports[0], ports[1]),
    )
    .unwrap();
    let out = dir.path().join("none");
    let t = Instant::now();
    let o = derive(
        &out,
        &[
            "--hosts",
            hosts.to_str().unwrap(),
            "--process",
            "0",
            "--connect-timeout",
            "1",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(t.elapsed() < Duration::from_secs(30));
    assert!(
        text(&o).contains("could not be reached within 1 s"),
        "{}",
        text(&o)
    );
    assert!(!out.join("lists.proof.json").exists());
}

#[test]
fn flags_that_do_not_go_together_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    let hosts = dir.path().join("hosts");
    std::fs::write(&hosts, "127.0.0.1:1\n127.0.0.1:2\n").unwrap();
    let h = hosts.to_str().unwrap();
    let out = dir.path().join("x");
    let cases: &[(&[&str], &str)] = &[
        (&["--processes", "2", "--threads", "2"], "--workers"),
        (&["--workers", "2"], "need --processes or --hosts"),
        (&["--connect-timeout", "3"], "need --processes or --hosts"),
        (&["--processes", "0"], "between 1 and 64"),
        (&["--processes", "65"], "between 1 and 64"),
        (&["--processes", "2", "--workers", "0"], "--workers must be"),
        (&["--hosts", h], "go together"),
        (&["--process", "1"], "go together"),
        (&["--hosts", h, "--process", "2"], "not in the hosts file"),
        (
            &["--processes", "2", "--hosts", h, "--process", "0"],
            "one or the other",
        ),
        (&["--processes", "2", "--test-abort", "0:1"], "--test-abort"),
    ];
    for (flags, says) in cases {
        let o = derive(&out, flags);
        assert_eq!(o.status.code(), Some(2), "{flags:?}: {}", text(&o));
        assert!(text(&o).contains(says), "{flags:?}: {}", text(&o));
    }
    assert!(!out.exists());
}
