//! The grid across processes and machines: an [`Executor`] on timely-dataflow.
//!
//! Design (replicated driver, partitioned blocks): every process of a [`Cluster`] runs
//! the same deterministic exploration with a [`TimelyExecutor`]; only the block work is
//! divided. Round `r` is timely epoch `r`. Block `i` of the round belongs to the worker
//! `i mod P` of the `P` workers of the cluster (a stable hash of its position); that
//! worker runs it against the round's snapshot and sends the outcome (as JSON) to the
//! leader worker of every process (worker 0 of each process), through timely's exchange.
//! When the epoch is complete (a timely probe), each leader hands the outcomes, put back
//! in block order, to its process's driver, which admits them at the barrier exactly as
//! the single-process run does.
//!
//! Invariants:
//! - *byte-identical results*: every process computes the same rounds with the same
//!   blocks against the same snapshot (the exploration is deterministic given its
//!   outcomes, and outcomes do not depend on where a block ran), so by induction on the
//!   rounds every process sees the outcome vector the single-process run sees; the
//!   certificate written by process 0 is that of `--threads 1`;
//! - *agreed stopping*: wall-clock cancellation (time limit, Ctrl-C) is read in process 0
//!   only, once per round, and sent with the round (a control record) to every process,
//!   which raises its [`TimelyExecutor::stop_flag`]; every driver therefore stops after
//!   the same round;
//! - *faults end the run*: a process that dies closes its sockets; the workers of the
//!   other processes see it (timely's communication threads fail and poison the
//!   workers' queues) and the round returns "stopped" outcomes for every block, raises
//!   the stop flag and records the [`GridError`] ([`TimelyExecutor::fault`]); nothing
//!   of that round is admitted. A process that neither answers nor closes its sockets
//!   (a silent network partition) is only noticed by TCP itself.
//!
//! Example: a one-process, two-worker grid proves what the rayon pool proves.
//!
//! ```
//! use ergo::engine::grid_cluster::Cluster;
//! use ergo::engine::grid_timely::TimelyExecutor;
//! use ergo::engine::{Block, Cancel, Executor, Goal, Outcome, Snapshot};
//! use std::time::Duration;
//! let mut theory = ergo::mpl::load(std::path::Path::new("axioms/peano.mpl")).unwrap();
//! let goal = Goal::from_formula(&ergo::mpl::parse_goal(&mut theory, "0 + x = x").unwrap());
//! let blocks = vec![Block::prove(goal.unwrap())];
//! let cluster = Cluster {
//!     addresses: vec!["127.0.0.1:0".into()],
//!     process: 0,
//!     workers: 2,
//!     connect_timeout: Duration::from_secs(5),
//!     fingerprint: String::new(),
//! };
//! let grid = TimelyExecutor::start(&cluster, Cancel::never()).unwrap();
//! let outcomes = grid.round(&Snapshot::of_axioms(&theory), &blocks);
//! assert!(matches!(outcomes[0], Outcome::Proved(_)));
//! grid.shutdown().unwrap();
//! ```

use super::block::Block;
use super::cancel::{Cancel, StopReason};
use super::failure::Failure;
use super::grid::Executor;
use super::grid_cluster::{connect, Cluster, GridError};
use super::outcome::Outcome;
use super::snapshot::Snapshot;
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use timely::communication::allocator::zero_copy::initialize::initialize_networking_from_sockets;
use timely::communication::allocator::ProcessBuilder;
use timely::communication::{AllocatorBuilder, Hooks, WorkerGuards};
use timely::dataflow::operators::{Exchange, Inspect, Probe};
use timely::dataflow::{InputHandleVec, ProbeHandle};

/// One round as the workers of a process see it.
struct Job {
    round: u64,
    snapshot: Snapshot,
    blocks: Vec<Block>,
    /// Process 0's cancellation, read once for this round.
    stop: bool,
}

/// What travels between workers: addressed to a leader worker, tagged with its round.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct Record {
    /// The leader worker it goes to.
    to: u64,
    round: u64,
    body: Body,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
enum Body {
    /// Block `index`'s outcome, as JSON.
    Outcome { index: u64, json: String },
    /// From process 0: the number of blocks, and whether to stop after this round.
    Control { blocks: u64, stop: bool },
}

/// What a leader hands its driver after a round: the records, or the failure it saw.
type Gathered = Result<Vec<Body>, String>;

/// A timely-dataflow executor: one process of a [`Cluster`] (see the module
/// documentation for the design and its invariants).
pub struct TimelyExecutor {
    jobs: Mutex<Vec<Sender<Arc<Job>>>>,
    gathered: Mutex<Receiver<Gathered>>,
    guards: Mutex<Option<WorkerGuards<()>>>,
    process: usize,
    workers: usize,
    peers: usize,
    rounds: AtomicUsize,
    cancel: Cancel,
    stop: Arc<AtomicBool>,
    stopped_because: Mutex<Option<StopReason>>,
    fault: Mutex<Option<GridError>>,
    busy: Mutex<Duration>,
}

impl TimelyExecutor {
    /// Connects to the other processes of `cluster` (within its deadline) and starts
    /// this process's timely workers. `cancel` is read in process 0 only, once per
    /// round (see [`TimelyExecutor::stop_flag`]).
    pub fn start(cluster: &Cluster, cancel: Cancel) -> Result<TimelyExecutor, GridError> {
        let sockets = connect(cluster)?;
        let workers = cluster.workers;
        let process = cluster.process;
        let processes = cluster.processes();
        let hooks = Hooks::default();
        let local =
            ProcessBuilder::new_typed_vector(workers, hooks.refill.clone(), hooks.spill.clone());
        let builders: Vec<AllocatorBuilder> = if processes == 1 {
            local.into_iter().map(AllocatorBuilder::Process).collect()
        } else {
            let (tcp, comms) =
                initialize_networking_from_sockets(local, sockets, process, workers, hooks)
                    .map_err(|e| GridError::Start(e.to_string()))?;
            return Self::spawn(
                tcp.into_iter().map(AllocatorBuilder::Tcp).collect(),
                Box::new(comms),
                cluster,
                cancel,
            );
        };
        Self::spawn(builders, Box::new(()), cluster, cancel)
    }

    fn spawn(
        builders: Vec<AllocatorBuilder>,
        others: Box<dyn std::any::Any + Send>,
        cluster: &Cluster,
        cancel: Cancel,
    ) -> Result<TimelyExecutor, GridError> {
        let workers = cluster.workers;
        let processes = cluster.processes();
        let (mut senders, mut receivers) = (Vec::new(), Vec::new());
        for _ in 0..workers {
            let (s, r) = channel::<Arc<Job>>();
            senders.push(s);
            receivers.push(Some(r));
        }
        let receivers = Arc::new(Mutex::new(receivers));
        let (to_driver, gathered) = channel::<Gathered>();
        let to_driver = Arc::new(Mutex::new(to_driver));
        let first = cluster.process * workers;
        let guards = timely::execute::execute_from(
            builders,
            others,
            timely::WorkerConfig::default(),
            move |worker| {
                let local = worker.index() - first;
                let jobs = receivers.lock().expect("not poisoned")[local]
                    .take()
                    .expect("each worker takes its own job channel");
                let report = to_driver.lock().expect("not poisoned").clone();
                work(worker, jobs, (report, local == 0), processes, workers);
            },
        )
        .map_err(GridError::Start)?;
        Ok(TimelyExecutor {
            jobs: Mutex::new(senders),
            gathered: Mutex::new(gathered),
            guards: Mutex::new(Some(guards)),
            process: cluster.process,
            workers,
            peers: cluster.peers(),
            rounds: AtomicUsize::new(0),
            cancel,
            stop: Arc::new(AtomicBool::new(false)),
            stopped_because: Mutex::new(None),
            fault: Mutex::new(None),
            busy: Mutex::new(Duration::ZERO),
        })
    }

    /// Raised (in every process, after the same round) when process 0's cancellation
    /// said stop, or when the run failed: give it to the exploration's [`Cancel`].
    pub fn stop_flag(&self) -> Arc<AtomicBool> {
        self.stop.clone()
    }

    /// Why process 0's cancellation stopped the run, if it did (process 0 only).
    pub fn stopped_because(&self) -> Option<StopReason> {
        *self.stopped_because.lock().expect("not poisoned")
    }

    /// The failure that ended the run, if one did.
    pub fn fault(&self) -> Option<GridError> {
        self.fault.lock().expect("not poisoned").clone()
    }

    /// Wall-clock time spent inside rounds (blocks, exchange and waiting).
    pub fn busy(&self) -> Duration {
        *self.busy.lock().expect("not poisoned")
    }

    /// Worker threads in this process.
    pub fn workers(&self) -> usize {
        self.workers
    }

    /// Ends the run cleanly: the workers stop, and this process waits for the others to
    /// close their connections. After a fault nothing is waited for (the threads are
    /// left to the process's exit), and the fault is the error.
    pub fn shutdown(self) -> Result<(), GridError> {
        self.jobs.lock().expect("not poisoned").clear();
        let guards = self.guards.lock().expect("not poisoned").take();
        if let Some(fault) = self.fault() {
            std::mem::forget(guards);
            return Err(fault);
        }
        if let Some(g) = guards {
            for r in g.join() {
                r.map_err(|cause| GridError::Lost {
                    round: self.rounds.load(Ordering::SeqCst),
                    cause,
                })?;
            }
        }
        Ok(())
    }

    fn fail(&self, error: GridError, n: usize) -> Vec<Outcome> {
        self.stop.store(true, Ordering::SeqCst);
        let mut fault = self.fault.lock().expect("not poisoned");
        if fault.is_none() {
            *fault = Some(error);
        }
        stopped(n)
    }

    /// Waits for the leader's records, watching the worker threads meanwhile.
    fn wait(&self, round: usize) -> Result<Vec<Body>, GridError> {
        let gathered = self.gathered.lock().expect("not poisoned");
        loop {
            match gathered.recv_timeout(Duration::from_millis(200)) {
                Ok(Ok(records)) => return Ok(records),
                Ok(Err(cause)) => return Err(GridError::Lost { round, cause }),
                Err(RecvTimeoutError::Disconnected) => {
                    return Err(GridError::Lost {
                        round,
                        cause: "the leader worker stopped".into(),
                    })
                }
                Err(RecvTimeoutError::Timeout) => {
                    let guards = self.guards.lock().expect("not poisoned");
                    let ended = guards
                        .as_ref()
                        .is_some_and(|g| g.guards().iter().any(|h| h.is_finished()));
                    if ended {
                        return Err(GridError::Lost {
                            round,
                            cause: "a worker thread of this process stopped".into(),
                        });
                    }
                }
            }
        }
    }

    /// Puts the records of a round back in block order, checking that the processes
    /// agree on the round.
    fn assemble(
        &self,
        round: usize,
        n: usize,
        records: Vec<Body>,
    ) -> Result<Vec<Outcome>, GridError> {
        let diverged = |what: String| GridError::Diverged { round, what };
        let mut slots: Vec<Option<Outcome>> = (0..n).map(|_| None).collect();
        let mut control = None;
        for body in records {
            match body {
                Body::Control { blocks, stop } => {
                    if blocks as usize != n {
                        return Err(diverged(format!(
                            "process 0 has {blocks} blocks, process {} has {n}",
                            self.process
                        )));
                    }
                    control = Some(stop);
                }
                Body::Outcome { index, json } => {
                    let slot = slots
                        .get_mut(index as usize)
                        .ok_or_else(|| diverged(format!("an outcome for block {index} of {n}")))?;
                    let outcome = serde_json::from_str(&json)
                        .map_err(|e| diverged(format!("an unreadable outcome: {e}")))?;
                    *slot = Some(outcome);
                }
            }
        }
        let stop = control.ok_or_else(|| diverged("no control record from process 0".into()))?;
        if stop {
            self.stop.store(true, Ordering::SeqCst);
        }
        slots
            .into_iter()
            .enumerate()
            .map(|(i, o)| o.ok_or_else(|| diverged(format!("no outcome for block {i}"))))
            .collect()
    }
}

impl Executor for TimelyExecutor {
    fn round(&self, snapshot: &Snapshot, blocks: &[Block]) -> Vec<Outcome> {
        let n = blocks.len();
        if self.fault().is_some() {
            return stopped(n);
        }
        let started = Instant::now();
        let round = self.rounds.fetch_add(1, Ordering::SeqCst);
        let stop = self.process == 0 && {
            let why = self.cancel.check();
            if why.is_some() {
                *self.stopped_because.lock().expect("not poisoned") = why;
            }
            why.is_some()
        };
        snapshot.rewrites();
        let job = Arc::new(Job {
            round: round as u64,
            snapshot: snapshot.clone(),
            blocks: blocks.to_vec(),
            stop,
        });
        let sent = self
            .jobs
            .lock()
            .expect("not poisoned")
            .iter()
            .all(|s| s.send(job.clone()).is_ok());
        let result = if sent {
            self.wait(round)
                .and_then(|records| self.assemble(round, n, records))
        } else {
            Err(GridError::Lost {
                round,
                cause: "a worker thread of this process stopped".into(),
            })
        };
        *self.busy.lock().expect("not poisoned") += started.elapsed();
        result.unwrap_or_else(|e| self.fail(e, n))
    }

    fn threads(&self) -> usize {
        self.peers
    }
}

impl Drop for TimelyExecutor {
    /// Without [`TimelyExecutor::shutdown`] (an error path), nothing is waited for.
    fn drop(&mut self) {
        if let Ok(mut g) = self.guards.lock() {
            std::mem::forget(g.take());
        }
    }
}

fn stopped(n: usize) -> Vec<Outcome> {
    (0..n)
        .map(|_| Outcome::Unproved(Failure::Stopped(StopReason::Interrupted)))
        .collect()
}

/// One worker's life: for each job, run its share of the blocks, send their outcomes to
/// every leader, and step the dataflow until the round's epoch is complete; a leader then
/// hands the round's records to its driver. Any worker that fails (a lost connection
/// poisons its queues; a block that panics) reports why to the driver.
fn work(
    worker: &mut timely::worker::Worker,
    jobs: Receiver<Arc<Job>>,
    (report, leader): (Sender<Gathered>, bool),
    processes: usize,
    workers: usize,
) {
    let me = worker.index();
    let peers = worker.peers();
    let leaders: Vec<u64> = (0..processes).map(|p| (p * workers) as u64).collect();
    let inbox: Rc<RefCell<BTreeMap<u64, Vec<Body>>>> = Rc::default();
    let mut input = InputHandleVec::<u64, Record>::new();
    let probe = ProbeHandle::new();
    {
        let inbox = inbox.clone();
        worker.dataflow::<u64, _, _>(|scope| {
            use timely::dataflow::operators::vec::Input;
            scope
                .input_from(&mut input)
                .exchange(|r: &Record| r.to)
                .inspect(move |r: &Record| {
                    inbox
                        .borrow_mut()
                        .entry(r.round)
                        .or_default()
                        .push(r.body.clone())
                })
                .probe_with(&probe);
        });
    }
    let run = std::panic::AssertUnwindSafe(|| {
        while let Ok(job) = jobs.recv() {
            if me == 0 {
                for &to in &leaders {
                    let body = Body::Control {
                        blocks: job.blocks.len() as u64,
                        stop: job.stop,
                    };
                    input.send(Record {
                        to,
                        round: job.round,
                        body,
                    });
                }
            }
            for (i, block) in job.blocks.iter().enumerate().skip(me).step_by(peers) {
                let outcome = block.run(&job.snapshot);
                let json = serde_json::to_string(&outcome).expect("an outcome serialises");
                for &to in &leaders {
                    let body = Body::Outcome {
                        index: i as u64,
                        json: json.clone(),
                    };
                    input.send(Record {
                        to,
                        round: job.round,
                        body,
                    });
                }
                worker.step();
            }
            let next = job.round + 1;
            input.advance_to(next);
            while probe.less_than(&next) {
                worker.step_or_park(Some(Duration::from_millis(50)));
            }
            let records = inbox.borrow_mut().remove(&job.round).unwrap_or_default();
            if leader && report.send(Ok(records)).is_err() {
                break;
            }
        }
    });
    if let Err(panic) = std::panic::catch_unwind(run) {
        let cause = panic
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_else(|| "a worker panicked".into());
        // A broken connection poisons the workers' queues: say what that means.
        let cause =
            if cause.contains("MergeQueue poisoned") || cause.contains("timely communication") {
                "the connection to another process broke (it exited, crashed or was killed)".into()
            } else {
                cause
            };
        let _ = report.send(Err(cause));
        // The dataflow is unusable now: leave the thread without tearing timely down
        // (its queues are poisoned; the process exits on its own terms).
        std::mem::forget(input);
        std::mem::forget(probe);
        loop {
            std::thread::park();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{explore, DeriveConfig, RayonExecutor};

    fn free_port() -> String {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("127.0.0.1:{}", l.local_addr().unwrap().port())
    }

    fn names(ex: &crate::engine::Exploration) -> Vec<String> {
        ex.theorems
            .iter()
            .map(|d| {
                let mut p = d.proved.clone();
                p.elapsed = Duration::ZERO;
                format!("{p:?} {}", d.essential)
            })
            .collect()
    }

    #[test]
    fn two_processes_explore_as_one_thread_does() {
        let theory = crate::mpl::load(std::path::Path::new("axioms/peano.mpl")).unwrap();
        let mut config = DeriveConfig::default();
        config.conjecturer.max_size = 5;
        config.conditional = None;
        let alone = explore(
            &theory,
            config.clone(),
            &RayonExecutor::new(1),
            &Cancel::never(),
            &mut |_| {},
        );
        let addresses = vec![free_port(), free_port()];
        let run = |process: usize| {
            let (theory, config, addresses) = (theory.clone(), config.clone(), addresses.clone());
            std::thread::spawn(move || {
                let cluster = Cluster {
                    addresses,
                    process,
                    workers: 2,
                    connect_timeout: Duration::from_secs(10),
                    fingerprint: "t".into(),
                };
                let grid = TimelyExecutor::start(&cluster, Cancel::never()).unwrap();
                let cancel = Cancel::never().with_flag(grid.stop_flag());
                let ex = explore(&theory, config, &grid, &cancel, &mut |_| {});
                grid.shutdown().unwrap();
                ex
            })
        };
        let (a, b) = (run(1), run(0));
        let (a, b) = (a.join().unwrap(), b.join().unwrap());
        assert!(!alone.theorems.is_empty());
        assert_eq!(names(&a), names(&alone));
        assert_eq!(names(&b), names(&alone));
        assert_eq!(a.rounds, alone.rounds);
    }
}
