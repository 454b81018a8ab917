//! When a thread's native steps keep the GIL: the policy `python/gil.rs` applies.
//!
//! A page's long native steps (the decoders' checks, the walk and its depth scan, the dump
//! splitter, measure, jieba's cuts, selection) release the GIL, so that threads cleaning pages
//! at once run them in parallel. Taking the GIL back waits for the thread that holds it. A
//! thread cleaning another page lets it go at its own next step; a thread running Python
//! without a break (a loop, a parser in pure Python) keeps it until CPython makes it let go,
//! `sys.getswitchinterval()` after the ask (5 ms by default). Each step of a page would then
//! wait that long (the "convoy": beside such a thread a pass over the dev pages took 17 times
//! its time alone when every step let the GIL go, where sharing the GIL in turns, as Python
//! code does, takes about 2). So a thread that waited
//! [`CONVOY`] or more [`CONVOY_WAITS`] times in a row keeps the GIL through its steps for
//! [`HOLD`]: it then shares the GIL with that thread as Python code does, and tries again
//! afterwards. Only timing depends on this, never what a step computes.

use std::time::{Duration, Instant};

/// A wait to take the GIL back this long or longer is likely a forced switch (a step of another
/// page lets the GIL go after tens or hundreds of microseconds).
pub const CONVOY: Duration = Duration::from_millis(4);

/// A convoy is taken as seen after this many long waits in a row: a wait this long also happens
/// now and then when more threads clean pages than there are cores.
pub const CONVOY_WAITS: u32 = 3;

/// How long a thread keeps the GIL through its steps once it has seen a convoy.
pub const HOLD: Duration = Duration::from_millis(200);

/// A thread's state: its long waits in a row, and until when its steps keep the GIL.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct State {
    pub long_waits: u32,
    pub hold_until: Option<Instant>,
}

impl State {
    /// A thread that has seen nothing yet.
    pub const NEW: State = State { long_waits: 0, hold_until: None };

    /// Whether a step at `now` keeps the GIL.
    pub fn holds(&self, now: Instant) -> bool {
        self.hold_until.is_some_and(|until| now < until)
    }

    /// The state once taking the GIL back after a step took `waited`, at `now`.
    pub fn after(self, waited: Duration, now: Instant) -> State {
        if waited < CONVOY {
            return State::NEW;
        }
        match self.long_waits + 1 {
            CONVOY_WAITS.. => State { long_waits: 0, hold_until: Some(now + HOLD) },
            long_waits => State { long_waits, hold_until: None },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHORT: Duration = Duration::from_micros(300);

    #[test]
    fn short_waits_never_hold() {
        let now = Instant::now();
        let mut state = State::NEW;
        for k in 0..1000u32 {
            state = state.after(SHORT * (k % 13), now);
            assert_eq!(state, State::NEW);
            assert!(!state.holds(now));
        }
    }

    #[test]
    fn a_run_of_long_waits_holds_for_a_while() {
        let now = Instant::now();
        let mut state = State::NEW;
        for _ in 1..CONVOY_WAITS {
            state = state.after(CONVOY, now);
            assert!(!state.holds(now));
        }
        state = state.after(Duration::from_millis(5), now);
        assert!(state.holds(now) && state.holds(now + HOLD - Duration::from_millis(1)));
        assert!(!state.holds(now + HOLD));
    }

    #[test]
    fn a_short_wait_breaks_the_run() {
        let now = Instant::now();
        let mut state = State::NEW;
        for k in 0..100 {
            let waited = if k % CONVOY_WAITS == CONVOY_WAITS - 1 { SHORT } else { CONVOY };
            state = state.after(waited, now);
            assert!(!state.holds(now), "step {k}");
        }
    }

    #[test]
    fn after_a_hold_the_count_starts_again() {
        let now = Instant::now();
        let mut state = State::NEW;
        for _ in 0..CONVOY_WAITS {
            state = state.after(CONVOY, now);
        }
        let later = now + HOLD;
        assert!(!state.holds(later));
        state = state.after(CONVOY, later);
        assert!(!state.holds(later), "one long wait after a hold is not yet a convoy");
        assert_eq!(state.long_waits, 1);
    }
}
