//! Ctrl-C: the first press asks the running command to stop at its next safe point (between
//! rounds of blocks, between goals) and keep what it proved; a second press gives up at
//! once, after removing this process's temporary files (exit 130).
//!
//! Invariant: one handler per process, installed on first use; every command polls the
//! same flag, [`stop_flag`].

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

static FLAG: OnceLock<Arc<AtomicBool>> = OnceLock::new();
static PRESSES: AtomicUsize = AtomicUsize::new(0);

/// The process's stop flag, set by Ctrl-C (the handler is installed on the first call).
pub fn stop_flag() -> Arc<AtomicBool> {
    FLAG.get_or_init(|| {
        let flag = Arc::new(AtomicBool::new(false));
        let set = flag.clone();
        // Installing fails only when another handler exists (never in the binary).
        let _ = ctrlc::set_handler(move || {
            if PRESSES.fetch_add(1, Ordering::SeqCst) == 0 {
                set.store(true, Ordering::SeqCst);
                eprintln!(
                    "\ninterrupted: stopping at the next safe point (Ctrl-C again to quit now)"
                );
            } else {
                super::output::remove_pending_temps();
                std::process::exit(130);
            }
        });
        flag
    })
    .clone()
}
