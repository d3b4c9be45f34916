//! A per-document time budget, checked cooperatively.
//!
//! A worker sets a deadline before it extracts a document; the long loops of the pipeline
//! (the HTML tokenizer, the block walk, the segmenter) call [`over`] now and then and stop
//! early once the deadline has passed, and the worker then reports the document as timed
//! out. Without a deadline set, [`over`] is always false, so the pipeline stays a pure function
//! of its input for every document that finishes in time.

use std::cell::Cell;
use std::time::Instant;

thread_local! {
    static DEADLINE: Cell<Option<Instant>> = const { Cell::new(None) };
    static TICKS: Cell<u32> = const { Cell::new(0) };
    static HIT: Cell<bool> = const { Cell::new(false) };
}

/// Start a budget on this thread (or clear it with `None`).
pub fn set(deadline: Option<Instant>) {
    DEADLINE.with(|d| d.set(deadline));
    TICKS.with(|t| t.set(0));
    HIT.with(|h| h.set(false));
}

/// Has this thread's budget run out? Cheap: the clock is read every 1024 calls.
pub fn over() -> bool {
    if HIT.with(Cell::get) {
        return true;
    }
    let Some(deadline) = DEADLINE.with(Cell::get) else {
        return false;
    };
    let n = TICKS.with(|t| {
        let n = t.get().wrapping_add(1);
        t.set(n);
        n
    });
    if n.is_multiple_of(1024) && Instant::now() >= deadline {
        HIT.with(|h| h.set(true));
        return true;
    }
    false
}

/// Did the budget run out during the last document?
pub fn exceeded() -> bool {
    HIT.with(Cell::get)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn no_deadline_never_runs_out() {
        set(None);
        assert!((0..5000).all(|_| !over()));
        assert!(!exceeded());
    }

    #[test]
    fn a_past_deadline_runs_out_within_1024_checks() {
        set(Some(Instant::now() - Duration::from_secs(1)));
        assert!((0..1024).any(|_| over()));
        assert!(exceeded());
        set(None);
        assert!(!exceeded());
    }
}
