//! The core's long steps without the GIL, as [`crate::convoy`] says when.

use crate::convoy::State;
use pyo3::prelude::*;
use std::cell::Cell;
use std::time::Instant;

thread_local! {
    /// This thread's [`State`].
    static STATE: Cell<State> = const { Cell::new(State::NEW) };
}

/// `work()`, without the GIL unless this thread keeps it after a convoy (`crate::convoy`);
/// what it computes is the same either way.
pub fn without<T: Send>(py: Python<'_>, work: impl Send + FnOnce() -> T) -> T {
    let state = STATE.get();
    if state.holds(Instant::now()) {
        return work();
    }
    let (out, done) = py.detach(|| {
        let out = work();
        (out, Instant::now())
    });
    let back = Instant::now();
    STATE.set(state.after(back.saturating_duration_since(done), back));
    out
}
