//! The batch engine: documents processed in parallel, results delivered in input order.
//!
//! Items are pulled from the source one at a time and handed to a rayon pool; at most
//! `window` documents are in flight or waiting to be written, so memory is bounded by the
//! window, not by the batch. Results that finish early wait in a small reorder buffer until
//! every earlier one has been delivered, so output is in input order and repeatable whatever
//! the thread count. Reading a listing, a WARC archive or stdin happens on the calling thread,
//! in order; reading files and all extraction happen on the workers. With one worker, the
//! calling thread does the work itself (no hand-offs for small documents).

use std::collections::BTreeMap;
use std::sync::{Arc, mpsc};

use crate::error::Error;

/// An item of a batch: work for a worker, or a result already known (a skipped file).
pub enum Item<J, T> {
    Work(J),
    Ready(T),
}

/// Run `work` on every `Work` item of `items` on `pool`, and pass every result (and every
/// `Ready` item) to `emit` in input order. `emit` runs on the calling thread; an error from it
/// stops the run.
pub fn ordered<J, T, I, W, E>(
    pool: &rayon::ThreadPool,
    window: usize,
    items: I,
    work: W,
    mut emit: E,
) -> Result<(), Error>
where
    J: Send + 'static,
    T: Send + 'static,
    I: Iterator<Item = Item<J, T>>,
    W: Fn(J) -> T + Send + Sync + 'static,
    E: FnMut(T) -> Result<(), Error>,
{
    let window = window.max(1);
    if pool.current_num_threads() <= 1 {
        // One worker: do the work here, in order, without handing it to another thread.
        for item in items {
            emit(match item {
                Item::Work(job) => work(job),
                Item::Ready(t) => t,
            })?;
        }
        return Ok(());
    }
    let work = Arc::new(work);
    let (tx, rx) = mpsc::channel::<Vec<(usize, T)>>();
    let mut pending: BTreeMap<usize, T> = BTreeMap::new();
    let (mut next_in, mut next_out, mut in_flight) = (0usize, 0usize, 0usize);
    let mut items = items.fuse();
    let mut exhausted = false;
    // Consecutive jobs go to a worker in small chunks, so that many small documents do not
    // cost a hand-off each.
    let chunk = (window / (2 * pool.current_num_threads())).clamp(1, CHUNK);
    let mut batch: Vec<(usize, J)> = Vec::with_capacity(chunk);
    let spawn = |batch: &mut Vec<(usize, J)>, in_flight: &mut usize| {
        if batch.is_empty() {
            return;
        }
        let jobs = std::mem::take(batch);
        *in_flight += jobs.len();
        let (tx, work) = (tx.clone(), Arc::clone(&work));
        pool.spawn(move || {
            let done: Vec<(usize, T)> = jobs.into_iter().map(|(i, j)| (i, work(j))).collect();
            let _ = tx.send(done);
        });
    };
    loop {
        while !exhausted && in_flight + batch.len() + pending.len() < window {
            match items.next() {
                Some(Item::Work(job)) => {
                    batch.push((next_in, job));
                    if batch.len() == chunk {
                        spawn(&mut batch, &mut in_flight);
                    }
                }
                Some(Item::Ready(t)) => {
                    spawn(&mut batch, &mut in_flight);
                    pending.insert(next_in, t);
                }
                None => exhausted = true,
            }
            if !exhausted {
                next_in += 1;
            }
        }
        spawn(&mut batch, &mut in_flight);
        while let Some(t) = pending.remove(&next_out) {
            emit(t)?;
            next_out += 1;
        }
        if exhausted && next_out == next_in {
            return Ok(());
        }
        if in_flight > 0 {
            let done = rx.recv().expect("a worker sends the results of its chunk");
            in_flight -= done.len();
            pending.extend(done);
        }
    }
}

/// The most jobs handed to a worker at once.
const CHUNK: usize = 8;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_input_order_whatever_finishes_first() {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(4)
            .build()
            .unwrap();
        let items = (0..200u64).map(|i| {
            if i % 7 == 0 {
                Item::Ready(i * 10)
            } else {
                Item::Work(i)
            }
        });
        let mut out = Vec::new();
        ordered(
            &pool,
            8,
            items,
            |i: u64| {
                // Later items finish sooner.
                std::thread::sleep(std::time::Duration::from_micros(200 - i));
                i * 10
            },
            |t| {
                out.push(t);
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(out, (0..200u64).map(|i| i * 10).collect::<Vec<_>>());
    }

    #[test]
    fn an_error_from_emit_stops_the_run() {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        let mut seen = 0;
        let r = ordered(
            &pool,
            4,
            (0..100).map(Item::<i32, i32>::Work),
            |i| i,
            |t| {
                seen += 1;
                if t == 3 {
                    Err(Error::usage("stop"))
                } else {
                    Ok(())
                }
            },
        );
        assert!(r.is_err());
        assert_eq!(seen, 4);
    }
}
