//! Validated numeric arguments: every number a user types is checked against a documented
//! range by clap's value parser, so an out-of-range value is a usage error (exit 2) before
//! any work starts, never a panic or a run without end.
//!
//! | argument | range |
//! | --- | --- |
//! | seconds (`--timeout`, `--time-limit`) | more than 0, at most [`MAX_SECONDS`] (one week) |
//! | `--threads` | 0 (one per core) to [`MAX_THREADS`] |
//!
//! Example: `ergo derive --time-limit 1e30` → `error: invalid value '1e30' for
//! '--time-limit <SECS>': at most 604800 seconds (one week)`, exit 2.

use std::time::Duration;

/// The longest time limit accepted: one week.
pub const MAX_SECONDS: f64 = 604_800.0;

/// The most worker threads accepted.
pub const MAX_THREADS: usize = 256;

/// Parses a positive, finite number of seconds of at most [`MAX_SECONDS`].
pub fn seconds(text: &str) -> Result<Duration, String> {
    let s: f64 = text
        .trim()
        .parse()
        .map_err(|_| "expected a number of seconds, e.g. 2.5".to_string())?;
    if !s.is_finite() || s <= 0.0 {
        return Err("must be a positive number of seconds".to_string());
    }
    if s > MAX_SECONDS {
        return Err(format!("at most {MAX_SECONDS} seconds (one week)"));
    }
    Ok(Duration::from_secs_f64(s))
}

/// Parses a thread count: 0 (one per core) up to [`MAX_THREADS`].
pub fn threads(text: &str) -> Result<usize, String> {
    let n: usize = text
        .trim()
        .parse()
        .map_err(|_| "expected a whole number of threads".to_string())?;
    if n > MAX_THREADS {
        return Err(format!("at most {MAX_THREADS} threads (0: one per core)"));
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_are_bounded() {
        assert_eq!(seconds("2.5"), Ok(Duration::from_millis(2500)));
        for bad in ["0", "-1", "nan", "inf", "1e30", "x", ""] {
            assert!(seconds(bad).is_err(), "{bad}");
        }
        assert!(seconds("604800").is_ok());
    }

    #[test]
    fn threads_are_bounded() {
        assert_eq!(threads("0"), Ok(0));
        assert_eq!(threads("256"), Ok(256));
        for bad in ["257", "10000", "-1", "two"] {
            assert!(threads(bad).is_err(), "{bad}");
        }
    }
}
