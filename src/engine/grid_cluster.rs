//! A cluster of processes for the timely executor: who takes part, and how they connect.
//!
//! A [`Cluster`] names every process's address in process order (timely's host-file
//! convention: line `i` is process `i`'s `host:port`), this process's index, the worker
//! threads per process (the same in every process), a connection deadline and a
//! *fingerprint* of the exploration (the theory and the options that decide what is
//! derived). [`connect`] opens one TCP connection to every other process: process `i`
//! connects to each `j < i` and accepts from each `j > i`; every connection starts with a
//! handshake carrying the connector's index and fingerprint, and the acceptor answers
//! whether they agree.
//!
//! Invariants: connecting never takes longer than [`Cluster::connect_timeout`] (an
//! unreachable host is an error, [`GridError::Unreachable`], never a hang); two processes
//! whose fingerprints differ never run together ([`GridError::Mismatch`]); the sockets
//! come back in process order with `None` at this process's own position, blocking, as
//! timely's networking expects.
//!
//! Example: a one-process cluster needs no connection at all.
//!
//! ```
//! use ergo::engine::grid_cluster::{connect, Cluster};
//! use std::time::Duration;
//! let cluster = Cluster {
//!     addresses: vec!["127.0.0.1:0".into()],
//!     process: 0,
//!     workers: 1,
//!     connect_timeout: Duration::from_secs(1),
//!     fingerprint: "peano/size 6".into(),
//! };
//! let sockets = connect(&cluster).unwrap();
//! assert_eq!(sockets.len(), 1);
//! assert!(sockets[0].is_none());
//! ```

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream, ToSocketAddrs};
use std::time::{Duration, Instant};

/// The processes of a distributed run, as seen from one of them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cluster {
    /// `host:port` of every process, in process order.
    pub addresses: Vec<String>,
    /// This process's index into `addresses`.
    pub process: usize,
    /// Worker threads per process (the same everywhere).
    pub workers: usize,
    /// How long to wait for every other process to be reached.
    pub connect_timeout: Duration,
    /// What must agree between the processes (theory, options): compared at connection.
    pub fingerprint: String,
}

impl Cluster {
    /// The number of processes.
    pub fn processes(&self) -> usize {
        self.addresses.len()
    }

    /// The number of workers in the whole cluster.
    pub fn peers(&self) -> usize {
        self.addresses.len() * self.workers
    }
}

/// What went wrong with a distributed run.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum GridError {
    /// The cluster's description is not usable.
    #[error("bad cluster: {0}")]
    Invalid(String),
    /// This process could not listen at its own address.
    #[error("process {process} cannot listen at {address}: {cause}")]
    Listen {
        /// This process.
        process: usize,
        /// Its address.
        address: String,
        /// The operating system's message.
        cause: String,
    },
    /// Some processes were not reached before the deadline.
    #[error(
        "process(es) {missing:?} could not be reached within {:.0} s (addresses: {addresses})",
        .timeout.as_secs_f64()
    )]
    Unreachable {
        /// The processes that never connected.
        missing: Vec<usize>,
        /// Their addresses.
        addresses: String,
        /// The deadline.
        timeout: Duration,
    },
    /// A process runs a different exploration (theory or options differ).
    #[error("process {process} runs a different exploration (its theory, options or cluster size differ)")]
    Mismatch {
        /// The other process.
        process: usize,
    },
    /// Timely could not be started on the connected sockets.
    #[error("cannot start the timely workers: {0}")]
    Start(String),
    /// A process died or a connection broke while the run was going on.
    #[error("a worker process stopped or a connection was lost in round {round}: {cause}")]
    Lost {
        /// The executor round (counting checks) that was running.
        round: usize,
        /// What the workers saw.
        cause: String,
    },
    /// The processes disagree about a round (a different binary or input).
    #[error("the processes disagree in round {round}: {what}")]
    Diverged {
        /// The executor round.
        round: usize,
        /// What differed.
        what: String,
    },
}

const MAGIC: &[u8; 8] = b"ERGOGRID";
const POLL: Duration = Duration::from_millis(20);

/// Connects to every other process of `cluster` (see the module documentation), within
/// its deadline.
pub fn connect(cluster: &Cluster) -> Result<Vec<Option<TcpStream>>, GridError> {
    let n = cluster.processes();
    let me = cluster.process;
    if n == 0 || me >= n || cluster.workers == 0 {
        return Err(GridError::Invalid(format!(
            "process {me} of {n} with {} worker(s)",
            cluster.workers
        )));
    }
    let deadline = Instant::now() + cluster.connect_timeout;
    let mut sockets: Vec<Option<TcpStream>> = (0..n).map(|_| None).collect();
    let listener = if me + 1 < n {
        let address = &cluster.addresses[me];
        let l = TcpListener::bind(address).map_err(|e| GridError::Listen {
            process: me,
            address: address.clone(),
            cause: e.to_string(),
        })?;
        l.set_nonblocking(true).map_err(|e| GridError::Listen {
            process: me,
            address: address.clone(),
            cause: e.to_string(),
        })?;
        Some(l)
    } else {
        None
    };
    let hello = handshake_bytes(me, &cluster.fingerprint);
    loop {
        for (j, socket) in sockets.iter_mut().enumerate().take(me) {
            if socket.is_none() {
                *socket = try_connect(&cluster.addresses[j], &hello, j)?;
            }
        }
        if let Some(l) = &listener {
            while let Ok((stream, _)) = l.accept() {
                if let Some((j, s)) = accept_one(stream, cluster)? {
                    sockets[j] = Some(s);
                }
            }
        }
        let missing: Vec<usize> = (0..n)
            .filter(|&j| j != me && sockets[j].is_none())
            .collect();
        if missing.is_empty() {
            break;
        }
        if Instant::now() >= deadline {
            let addresses = missing
                .iter()
                .map(|&j| cluster.addresses[j].as_str())
                .collect::<Vec<_>>()
                .join(", ");
            return Err(GridError::Unreachable {
                missing,
                addresses,
                timeout: cluster.connect_timeout,
            });
        }
        std::thread::sleep(POLL);
    }
    for s in sockets.iter().flatten() {
        let _ = s.set_read_timeout(None);
        let _ = s.set_nodelay(true);
    }
    Ok(sockets)
}

fn handshake_bytes(me: usize, fingerprint: &str) -> Vec<u8> {
    let mut bytes = MAGIC.to_vec();
    bytes.extend((me as u64).to_le_bytes());
    bytes.extend((fingerprint.len() as u64).to_le_bytes());
    bytes.extend(fingerprint.as_bytes());
    bytes
}

/// One attempt to connect to process `j`: `None` when it is not listening yet.
fn try_connect(address: &str, hello: &[u8], j: usize) -> Result<Option<TcpStream>, GridError> {
    let Some(addr) = address.to_socket_addrs().ok().and_then(|mut a| a.next()) else {
        return Ok(None);
    };
    let Ok(mut stream) = TcpStream::connect_timeout(&addr, Duration::from_millis(500)) else {
        return Ok(None);
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    if stream.write_all(hello).is_err() {
        return Ok(None);
    }
    let mut answer = [0u8; 1];
    match stream.read_exact(&mut answer) {
        Ok(()) if answer[0] == 1 => Ok(Some(stream)),
        Ok(()) => Err(GridError::Mismatch { process: j }),
        Err(_) => Ok(None),
    }
}

/// Reads a connector's handshake; answers whether its fingerprint agrees. `None` for a
/// stray connection (not a grid process), which is dropped.
fn accept_one(
    mut stream: TcpStream,
    cluster: &Cluster,
) -> Result<Option<(usize, TcpStream)>, GridError> {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut head = [0u8; 24];
    if stream.read_exact(&mut head).is_err() || &head[..8] != MAGIC {
        return Ok(None);
    }
    let word = |k: usize| {
        let mut w = [0u8; 8];
        w.copy_from_slice(&head[k..k + 8]);
        u64::from_le_bytes(w)
    };
    let (j, len) = (word(8) as usize, word(16) as usize);
    if j <= cluster.process || j >= cluster.processes() || len > 1 << 16 {
        return Ok(None);
    }
    let mut theirs = vec![0u8; len];
    if stream.read_exact(&mut theirs).is_err() {
        return Ok(None);
    }
    let agree = theirs == cluster.fingerprint.as_bytes();
    let _ = stream.write_all(&[u8::from(agree)]);
    if !agree {
        return Err(GridError::Mismatch { process: j });
    }
    Ok(Some((j, stream)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn free_port() -> String {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        format!("127.0.0.1:{}", l.local_addr().unwrap().port())
    }

    fn cluster(addresses: &[String], process: usize, fingerprint: &str) -> Cluster {
        Cluster {
            addresses: addresses.to_vec(),
            process,
            workers: 1,
            connect_timeout: Duration::from_secs(5),
            fingerprint: fingerprint.into(),
        }
    }

    #[test]
    fn two_processes_connect_over_loopback() {
        let a = vec![free_port(), free_port()];
        let c1 = cluster(&a, 1, "same");
        let t = std::thread::spawn(move || {
            connect(&c1).map(|s| s.iter().map(Option::is_some).collect::<Vec<_>>())
        });
        let s0 = connect(&cluster(&a, 0, "same")).unwrap();
        assert!(s0[0].is_none() && s0[1].is_some());
        assert_eq!(t.join().unwrap().unwrap(), vec![true, false]);
    }

    #[test]
    fn different_fingerprints_are_refused() {
        let a = vec![free_port(), free_port()];
        let c1 = cluster(&a, 1, "theirs");
        let t = std::thread::spawn(move || connect(&c1));
        let mine = connect(&cluster(&a, 0, "mine"));
        assert_eq!(mine.unwrap_err(), GridError::Mismatch { process: 1 });
        assert_eq!(
            t.join().unwrap().unwrap_err(),
            GridError::Mismatch { process: 0 }
        );
    }

    #[test]
    fn an_unreachable_process_is_an_error_within_the_deadline() {
        let a = vec![free_port(), free_port()];
        let mut c = cluster(&a, 1, "x");
        c.connect_timeout = Duration::from_millis(300);
        let t = Instant::now();
        let err = connect(&c).unwrap_err();
        assert!(matches!(err, GridError::Unreachable { ref missing, .. } if missing == &[0]));
        assert!(t.elapsed() < Duration::from_secs(3));
    }
}
