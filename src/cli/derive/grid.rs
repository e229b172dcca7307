//! Where `ergo derive`'s blocks run: the rayon pool (default), N local processes over
//! loopback (`--processes N`), or one process of a multi-machine run (`--hosts FILE
//! --process I`), the last two on the timely executor ([`ergo::engine::grid_timely`]).
//!
//! `--processes N`: this process is process 0; it picks N free loopback ports, starts
//! processes 1..N-1 as children (this binary, `derive` with the hidden flags
//! `--peer-addresses` and `--process`), each in its own process group (Ctrl-C reaches only
//! the parent, which stops them all after the same round). Process 0 alone writes the
//! certificate and prints the report; the others only work.
//!
//! Faults: a process that dies ends the run at the next round in every other process
//! ("a worker process stopped or a connection was lost in round R"); process 0 writes
//! the certificate of what was admitted before (as a stopped run), kills and reaps its
//! children and exits 1. A process that cannot be reached ends the start within
//! `--connect-timeout` (30 s by default), exit 1, nothing written.

use super::super::{bad_input, Exit};
use super::DeriveArgs;
use ergo::engine::grid_timely::TimelyExecutor;
use ergo::engine::{Block, Exploration, Outcome, Snapshot};
use ergo::engine::{Executor, RayonExecutor};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The most processes `--processes` starts.
pub const MAX_PROCESSES: usize = 64;

/// The default `--connect-timeout`.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(30);

/// Where the blocks run (validated flags).
#[derive(Clone, Debug)]
pub enum Grid {
    /// The rayon pool with this many threads (0: one per core).
    Rayon(usize),
    /// `--processes N`: N local processes over loopback, this one being process 0.
    Local {
        /// N.
        processes: usize,
        /// Workers per process.
        workers: usize,
        /// `--connect-timeout`.
        timeout: Duration,
        /// Test hook: process I aborts at its executor round R.
        abort: Option<(usize, usize)>,
    },
    /// One process of a cluster (`--hosts FILE --process I`, or a child of
    /// `--processes`).
    Member {
        /// Every process's address.
        addresses: Vec<String>,
        /// This process.
        process: usize,
        /// Workers per process.
        workers: usize,
        /// `--connect-timeout`.
        timeout: Duration,
        /// Test hook: abort at this executor round.
        abort: Option<usize>,
    },
}

impl Grid {
    /// Validates the grid flags (usage errors are exit 2 with a message).
    pub fn from_args(args: &DeriveArgs) -> Result<Grid, Exit> {
        let usage = |m: &str| bad_input("usage", m);
        let distributed =
            args.processes.is_some() || args.hosts.is_some() || args.peer_addresses.is_some();
        if args.processes.is_some() && (args.hosts.is_some() || args.process.is_some()) {
            return Err(usage(
                "--processes starts local processes; --hosts with --process joins a multi-machine run: give one or the other",
            ));
        }
        if args.hosts.is_some() && args.peer_addresses.is_some() {
            return Err(usage("--hosts and --peer-addresses exclude each other"));
        }
        if (args.hosts.is_some() || args.peer_addresses.is_some()) != args.process.is_some() {
            return Err(usage("--hosts FILE and --process I go together"));
        }
        if distributed && args.threads.is_some() {
            return Err(usage(
                "--threads sizes the default rayon pool; with --processes or --hosts give --workers (threads per process)",
            ));
        }
        if !distributed {
            if args.workers.is_some() || args.connect_timeout.is_some() {
                return Err(usage(
                    "--workers and --connect-timeout need --processes or --hosts (the default pool's size is --threads)",
                ));
            }
            if args.test_abort.is_some() || args.abort_after_round.is_some() {
                return Err(usage("the abort test hooks need --processes"));
            }
            return Ok(Grid::Rayon(args.threads.unwrap_or(0)));
        }
        let workers = args.workers.unwrap_or(1);
        if workers == 0 || workers > super::super::bounds::MAX_THREADS {
            return Err(usage(&format!(
                "--workers must be between 1 and {}",
                super::super::bounds::MAX_THREADS
            )));
        }
        let timeout = args.connect_timeout.unwrap_or(CONNECT_TIMEOUT);
        if let Some(n) = args.processes {
            if n == 0 || n > MAX_PROCESSES {
                return Err(usage(&format!(
                    "--processes must be between 1 and {MAX_PROCESSES}"
                )));
            }
            let abort = match &args.test_abort {
                None => None,
                Some(text) => Some(
                    parse_abort(text, n)
                        .ok_or_else(|| usage("--test-abort takes I:R with 0 < I < --processes"))?,
                ),
            };
            return Ok(Grid::Local {
                processes: n,
                workers,
                timeout,
                abort,
            });
        }
        let addresses = match (&args.hosts, &args.peer_addresses) {
            (Some(file), _) => read_hosts(file)?,
            (None, Some(list)) => list.split(',').map(str::to_string).collect(),
            (None, None) => unreachable!("distributed without processes has hosts or peers"),
        };
        let process = args.process.unwrap_or(0);
        if process >= addresses.len() {
            return Err(usage(&format!(
                "--process {process} is not in the hosts file ({} line(s): processes 0 to {})",
                addresses.len(),
                addresses.len() - 1
            )));
        }
        Ok(Grid::Member {
            addresses,
            process,
            workers,
            timeout,
            abort: args.abort_after_round,
        })
    }

    /// Whether this process writes the certificate and prints the report.
    pub fn writes(&self) -> bool {
        !matches!(self, Grid::Member { process, .. } if *process != 0)
    }
}

fn parse_abort(text: &str, n: usize) -> Option<(usize, usize)> {
    let (i, r) = text.split_once(':')?;
    let (i, r) = (i.trim().parse().ok()?, r.trim().parse().ok()?);
    (i > 0 && i < n).then_some((i, r))
}

/// Reads timely's host-file convention: one `host:port` per line, process 0 first
/// (blank lines and `#` comments skipped).
fn read_hosts(file: &Path) -> Result<Vec<String>, Exit> {
    let text = std::fs::read_to_string(file).map_err(|e| {
        bad_input(
            "usage",
            &format!("--hosts {}: cannot read: {e}", file.display()),
        )
    })?;
    let hosts: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect();
    if hosts.is_empty() {
        return Err(bad_input(
            "usage",
            &format!("--hosts {}: no host:port line", file.display()),
        ));
    }
    Ok(hosts)
}

/// Silences the panic messages of timely's threads when a connection drops: the run
/// reports the fault itself, once, in words.
pub fn quiet_timely_panics() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let timely_thread = std::thread::current()
            .name()
            .is_some_and(|n| n.starts_with("timely"));
        if !timely_thread {
            default(info);
        }
    }));
}

/// Free loopback addresses for `n` processes (bound and released at once; the
/// processes bind them again within a moment).
pub fn loopback_addresses(n: usize) -> std::io::Result<Vec<String>> {
    let listeners = (0..n)
        .map(|_| std::net::TcpListener::bind("127.0.0.1:0"))
        .collect::<std::io::Result<Vec<_>>>()?;
    listeners
        .iter()
        .map(|l| Ok(format!("127.0.0.1:{}", l.local_addr()?.port())))
        .collect()
}

/// The children of `--processes`: processes 1..N-1, killed and reaped when dropped.
pub struct Children(Vec<Child>);

impl Children {
    /// Starts processes 1..N-1 of `addresses`.
    pub fn spawn(
        args: &DeriveArgs,
        addresses: &[String],
        workers: usize,
        timeout: Duration,
        abort: Option<(usize, usize)>,
    ) -> std::io::Result<Children> {
        use std::os::unix::process::CommandExt;
        let exe = std::env::current_exe()?;
        let mut children = Children(Vec::new());
        for i in 1..addresses.len() {
            let mut cmd = Command::new(&exe);
            cmd.arg("derive");
            if let Some(f) = &args.file {
                cmd.arg(f);
            }
            cmd.args(["--max-size", &args.max_size.to_string()])
                .args(["--workers", &workers.to_string()])
                .args(["--peer-addresses", &addresses.join(",")])
                .args(["--process", &i.to_string()])
                .args(["--connect-timeout", &timeout.as_secs_f64().to_string()]);
            if let Some((_, r)) = abort.filter(|(p, _)| *p == i) {
                cmd.args(["--abort-after-round", &r.to_string()]);
            }
            cmd.stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::inherit())
                .process_group(0);
            children.0.push(cmd.spawn()?);
        }
        Ok(children)
    }

    /// Waits up to `grace` for the children to exit on their own, then kills the rest.
    pub fn finish(mut self, grace: Duration) {
        let until = Instant::now() + grace;
        while Instant::now() < until {
            if self
                .0
                .iter_mut()
                .all(|c| matches!(c.try_wait(), Ok(Some(_))))
            {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Children {
    /// The children that have exited, waiting up to `grace` for at least one: `process
    /// I exited with STATUS` lines (to say which process a fault came from).
    pub fn exited(&mut self, grace: Duration) -> Vec<String> {
        let until = Instant::now() + grace;
        loop {
            let gone: Vec<String> = self
                .0
                .iter_mut()
                .enumerate()
                .filter_map(|(i, c)| match c.try_wait() {
                    Ok(Some(status)) => Some(format!("process {} exited ({status})", i + 1)),
                    _ => None,
                })
                .collect();
            if !gone.is_empty() || Instant::now() >= until {
                return gone;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Children {
    fn drop(&mut self) {
        for c in &mut self.0 {
            if matches!(c.try_wait(), Ok(None)) {
                let _ = c.kill();
            }
            let _ = c.wait();
        }
    }
}

/// An executor that remembers when each round ran (for the serial fraction), and, as a
/// test hook, aborts the process at a given round.
pub struct Tally<'a> {
    inner: &'a dyn Executor,
    calls: Mutex<Vec<(Instant, Duration)>>,
    count: AtomicUsize,
    abort: Option<usize>,
    created: Instant,
}

impl<'a> Tally<'a> {
    /// Tallies `inner`'s rounds.
    pub fn new(inner: &'a dyn Executor, abort: Option<usize>) -> Tally<'a> {
        Tally {
            inner,
            calls: Mutex::new(Vec::new()),
            count: AtomicUsize::new(0),
            abort,
            created: Instant::now(),
        }
    }

    /// The serial fraction of each phase, from the rounds' times and the phases.
    pub fn serial(&self, ex: &Exploration) -> Serial {
        let ph = &ex.phases;
        // The phases run in this order: equations, conditional facts, compression (its
        // first pass of checks runs on the executor), ground facts (with its own pool).
        // The exploration started just after this tally was made.
        let start = self.created;
        let conditional = if ph.conditional.is_zero() {
            start + ph.compress_at
        } else {
            start + ph.conditional_at
        };
        let compression = start + ph.compress_at;
        let calls = self.calls.lock().expect("not poisoned");
        let (mut eq, mut cond, mut compress) = (Duration::ZERO, Duration::ZERO, Duration::ZERO);
        for (at, d) in calls.iter() {
            if *at < conditional {
                eq += *d;
            } else if *at < compression {
                cond += *d;
            } else {
                compress += *d;
            }
        }
        let eq_wall = ph.conjecture + ph.prune + ph.blocks + ph.barrier;
        let fraction = |par: Duration, wall: Duration| {
            if wall.is_zero() {
                0.0
            } else {
                1.0 - (par.as_secs_f64() / wall.as_secs_f64()).min(1.0)
            }
        };
        Serial {
            in_rounds: eq + cond + compress,
            equations: fraction(eq, eq_wall),
            conditional: fraction(cond, ph.conditional),
            overall: fraction(eq + cond + compress, ex.elapsed),
        }
    }
}

/// The part of the run's time spent outside the executor's rounds (1.0: all serial).
#[derive(Clone, Copy, Debug, Default)]
pub struct Serial {
    /// Time inside rounds (blocks and checks, on the executor).
    pub in_rounds: Duration,
    /// Serial fraction of the equation phase (conjecturing, pruning, rounds, barriers).
    pub equations: f64,
    /// Serial fraction of the conditional-facts phase.
    pub conditional: f64,
    /// Serial fraction of the whole exploration (compression's second pass is serial).
    pub overall: f64,
}

impl Executor for Tally<'_> {
    fn round(&self, snapshot: &Snapshot, blocks: &[Block]) -> Vec<Outcome> {
        if self.abort == Some(self.count.fetch_add(1, Ordering::SeqCst)) {
            std::process::abort();
        }
        let at = Instant::now();
        let out = self.inner.round(snapshot, blocks);
        self.calls
            .lock()
            .expect("not poisoned")
            .push((at, at.elapsed()));
        out
    }

    fn threads(&self) -> usize {
        self.inner.threads()
    }
}

/// The rayon executor, or this process's timely executor.
pub enum Running {
    /// The rayon pool.
    Rayon(RayonExecutor),
    /// The timely executor, and the children of `--processes`.
    Timely(Box<TimelyExecutor>, Option<Children>),
}

impl Running {
    /// The executor.
    pub fn executor(&self) -> &dyn Executor {
        match self {
            Running::Rayon(r) => r,
            Running::Timely(t, _) => t.as_ref(),
        }
    }

    /// How the report names it.
    pub fn label(&self, grid: &Grid) -> String {
        let processes = match grid {
            Grid::Local { processes, .. } => *processes,
            Grid::Member { addresses, .. } => addresses.len(),
            Grid::Rayon(_) => 1,
        };
        match self {
            Running::Rayon(r) => format!("{} thread(s)", r.threads()),
            Running::Timely(t, _) => {
                format!(
                    "{processes} process(es) x {} worker(s) (timely)",
                    t.workers()
                )
            }
        }
    }
}
