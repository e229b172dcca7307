//! Running the recursive parts of the front end on a thread with a large stack.
//!
//! The parser and the resolver recurse once per nesting level of the input, and the
//! input decides the depth. Nesting is capped (`expr::MAX_DEPTH`), but unoptimised
//! builds use several kilobytes of stack per level, more than a test thread's default
//! 2 MiB allows at the cap. [`with_stack`] runs a closure on a scoped thread with
//! [`STACK_SIZE`] bytes of stack (reserved, not committed: only pages touched are used),
//! so the front end behaves the same whatever thread calls it.
//!
//! Invariants: the closure runs exactly once; a panic inside it is resumed in the caller;
//! if the thread cannot be spawned, the closure runs on the caller's thread.

/// Stack reserved for front-end work.
pub const STACK_SIZE: usize = 64 << 20;

/// Runs `f` on a thread with a [`STACK_SIZE`] stack and returns its result.
pub(crate) fn with_stack<R: Send>(f: impl FnOnce() -> R + Send) -> R {
    let mut f = Some(f);
    let outcome = std::thread::scope(|s| {
        let spawned = std::thread::Builder::new()
            .name("mpl-front-end".to_string())
            .stack_size(STACK_SIZE)
            .spawn_scoped(s, || f.take().map(|f| f()));
        spawned.map(|h| h.join())
    });
    match outcome {
        Ok(Ok(Some(r))) => r,
        Ok(Err(panic)) => std::panic::resume_unwind(panic),
        // Could not spawn (or the closure did not run): run here.
        Ok(Ok(None)) | Err(_) => match f.take() {
            Some(f) => f(),
            None => unreachable!("the front-end closure ran but returned nothing"),
        },
    }
}
