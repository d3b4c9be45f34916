//! The batch engine: documents processed in parallel, results delivered in input order.
//!
//! Items are pulled from the source one at a time, on the calling thread, and handed to a
//! rayon pool in small chunks; at most `window` documents are in flight or waiting to be
//! written, so memory is bounded by the window, not by the batch. The worker that finishes a
//! chunk writes its results itself when they are next in input order, together with any later
//! results that were waiting for them; results that finish early wait in a small reorder
//! buffer. Output is therefore in input order and repeatable whatever the thread count, and
//! each result is written by the core that made it, while it is still in that core's cache:
//! a separate writing thread, woken for every chunk, cost text batches a quarter more CPU on
//! two threads than on one. With one worker, the calling thread does the work itself.

use std::collections::BTreeMap;
use std::sync::{Condvar, Mutex, MutexGuard};

use crate::error::Error;

/// An item of a batch: work for a worker, or a result already known (a skipped file).
pub enum Item<J, T> {
    Work(J),
    Ready(T),
}

/// Set each of `pool`'s workers compiling a share of the patterns ([`crate::warm_up`]) and
/// return at once, so that the compiling overlaps whatever the caller does next (listing the
/// inputs, reading the first line) instead of one worker compiling while the rest wait.
pub fn warm_up(pool: &rayon::ThreadPool) {
    let workers = pool.current_num_threads();
    if workers > 1 {
        for part in 0..workers {
            pool.spawn(move || crate::warm_up(part, workers));
        }
    }
}

/// Run `work` on every `Work` item of `items` on `pool`, and pass every result (and every
/// `Ready` item) to `emit` in input order. `emit` runs on whichever thread has the next result
/// (one at a time); an error from it stops the run: nothing after it is emitted, and it is
/// returned once the work handed out has ended.
pub fn ordered<J, T, I, W, E>(
    pool: &rayon::ThreadPool,
    window: usize,
    items: I,
    work: W,
    mut emit: E,
) -> Result<(), Error>
where
    J: Send,
    T: Send,
    I: Iterator<Item = Item<J, T>>,
    W: Fn(J) -> T + Sync,
    E: FnMut(T) -> Result<(), Error> + Send,
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
    // Consecutive jobs go to a worker in small chunks, so that many small documents do not
    // cost a hand-off each.
    let chunk = (window / (2 * pool.current_num_threads())).clamp(1, CHUNK);
    let outbox = Outbox::new(emit);
    let (out, work) = (&outbox, &work);
    pool.in_place_scope(|scope| {
        let spawn = |batch: &mut Vec<(usize, J)>| {
            if batch.is_empty() {
                return;
            }
            let jobs = std::mem::replace(batch, Vec::with_capacity(chunk));
            scope.spawn(move |_| {
                let done: Vec<(usize, T)> = jobs.into_iter().map(|(i, j)| (i, work(j))).collect();
                out.deposit(done);
            });
        };
        let mut batch: Vec<(usize, J)> = Vec::with_capacity(chunk);
        let mut next_in = 0;
        let mut items = items.enumerate();
        // Room is made before the next item is read: a source that reads documents (an
        // archive, stdin) holds one only once it may be taken in.
        while out.admit(next_in, window, || spawn(&mut batch)) {
            let Some((i, item)) = items.next() else {
                break;
            };
            match item {
                Item::Work(job) => {
                    batch.push((i, job));
                    if batch.len() == chunk {
                        spawn(&mut batch);
                    }
                }
                Item::Ready(t) => {
                    spawn(&mut batch);
                    out.deposit(vec![(i, t)]);
                }
            }
            next_in = i + 1;
        }
        spawn(&mut batch);
    });
    outbox.finish()
}

/// The most jobs handed to a worker at once.
const CHUNK: usize = 8;

/// Results on their way out: those waiting for an earlier one, and the one `emit` that writes
/// them. Two locks, so that a worker leaving its results never waits while another writes.
struct Outbox<T, E> {
    queue: Mutex<Queue<T>>,
    /// Signalled when `emitted` reaches the queue's `wake_at`, or emitting has failed.
    room: Condvar,
    emitter: Mutex<Emitter<E>>,
}

struct Queue<T> {
    /// Finished results by input index, waiting for every earlier one to be taken.
    pending: BTreeMap<usize, T>,
    /// The index of the next result to take out: every earlier one has been taken out to be
    /// emitted.
    next: usize,
    /// How many results have been emitted (or dropped after a failure): the window counts
    /// from here, as a result taken out is held until it is written.
    emitted: usize,
    /// The `emitted` that the thread taking items in is waiting for, if it is waiting.
    wake_at: Option<usize>,
    /// `emit` has failed. The emitter holds the error; this copy is here because the thread
    /// taking items in reads it under this lock, without waiting for a write to end.
    failed: bool,
}

struct Emitter<E> {
    emit: E,
    error: Option<Error>,
}

impl<T, E: FnMut(T) -> Result<(), Error>> Outbox<T, E> {
    fn new(emit: E) -> Self {
        Outbox {
            queue: Mutex::new(Queue {
                pending: BTreeMap::new(),
                next: 0,
                emitted: 0,
                wake_at: None,
                failed: false,
            }),
            room: Condvar::new(),
            emitter: Mutex::new(Emitter { emit, error: None }),
        }
    }

    fn queue(&self) -> MutexGuard<'_, Queue<T>> {
        self.queue
            .lock()
            .expect("no thread panics holding the queue")
    }

    /// Wait until item `i` may be taken in: until fewer than `window` items before it are
    /// still to be emitted. When it must wait, `before_waiting` runs first, and the wait lasts
    /// until half the window is free, so that the window is refilled in one go rather than a
    /// wake-up per chunk. False when emitting has failed.
    fn admit(&self, i: usize, window: usize, before_waiting: impl FnOnce()) -> bool {
        let q = self.queue();
        if q.failed || i - q.emitted < window {
            return !q.failed;
        }
        drop(q);
        before_waiting();
        let mut q = self.queue();
        let wake_at = i + 1 - window.div_ceil(2);
        q.wake_at = Some(wake_at);
        let mut q = self
            .room
            .wait_while(q, |q| !q.failed && q.emitted < wake_at)
            .expect("no thread panics holding the queue");
        q.wake_at = None;
        !q.failed
    }

    /// Leave finished results, and emit whatever is next in order, unless another thread is
    /// emitting: that thread looks again before it lets go, so nothing is left behind.
    fn deposit(&self, done: Vec<(usize, T)>) {
        self.queue().pending.extend(done);
        while let Ok(mut emitter) = self.emitter.try_lock() {
            loop {
                let ready = self.take_ready();
                if ready.is_empty() {
                    break;
                }
                let (n, e) = (ready.len(), &mut *emitter);
                for t in ready {
                    if e.error.is_none()
                        && let Err(err) = (e.emit)(t)
                    {
                        e.error = Some(err);
                    }
                }
                self.count_emitted(n, e.error.is_some());
            }
            drop(emitter);
            // Results left while this thread was emitting, after its last look.
            let q = self.queue();
            if !q.pending.contains_key(&q.next) {
                return;
            }
        }
    }

    /// Take out the results that are next in order, for the emitter to write.
    fn take_ready(&self) -> Vec<T> {
        let mut q = self.queue();
        let q = &mut *q;
        let mut ready = Vec::new();
        while let Some(t) = q.pending.remove(&q.next) {
            ready.push(t);
            q.next += 1;
        }
        ready
    }

    /// `n` more results are written (or dropped, once `failed`): wake the thread taking items
    /// in if it waits for them.
    fn count_emitted(&self, n: usize, failed: bool) {
        let wake = {
            let mut q = self.queue();
            q.emitted += n;
            q.failed |= failed;
            q.failed || q.wake_at.is_some_and(|w| q.emitted >= w)
        };
        if wake {
            self.room.notify_one();
        }
    }

    /// Every piece of work has ended: the error from `emit`, if there was one.
    fn finish(self) -> Result<(), Error> {
        let emitter = self
            .emitter
            .into_inner()
            .expect("no thread panics holding the emitter");
        match emitter.error {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pool(threads: usize) -> rayon::ThreadPool {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
    }

    /// What `ordered` emits for `items`, each job's result being the job itself.
    fn outputs(pool: &rayon::ThreadPool, window: usize, items: Vec<Item<u32, u32>>) -> Vec<u32> {
        let mut out = Vec::new();
        ordered(
            pool,
            window,
            items.into_iter(),
            |i| i,
            |t| {
                out.push(t);
                Ok(())
            },
        )
        .unwrap();
        out
    }

    #[test]
    fn results_come_in_input_order_whatever_finishes_first() {
        let pool = pool(4);
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
        let pool = pool(2);
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

    #[test]
    fn no_more_than_the_window_is_taken_in_before_it_is_emitted() {
        use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
        let pool = pool(2);
        let (taken, emitted, most) = (
            AtomicUsize::new(0),
            AtomicUsize::new(0),
            AtomicUsize::new(0),
        );
        let window = 6;
        let items = (0..300u64).map(|i| {
            let ahead = taken.fetch_add(1, SeqCst) + 1 - emitted.load(SeqCst);
            most.fetch_max(ahead, SeqCst);
            Item::<u64, u64>::Work(i)
        });
        let mut out = Vec::new();
        ordered(
            &pool,
            window,
            items,
            |i| {
                // Early items finish last, so later results pile up behind them.
                std::thread::sleep(std::time::Duration::from_micros(if i % 5 == 0 {
                    300
                } else {
                    10
                }));
                i
            },
            |t| {
                emitted.fetch_add(1, SeqCst);
                out.push(t);
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(out, (0..300).collect::<Vec<_>>());
        let most = most.load(SeqCst);
        assert!(
            most <= window,
            "{most} items were taken in ahead of the output"
        );
        // The window was used, not only one item at a time.
        assert!(most > 1, "{most}");
    }

    #[test]
    fn a_batch_of_ready_items_only_is_emitted_whole() {
        // Every file skipped: nothing for the workers, and every result left by the thread
        // that takes items in, in a window far smaller than the batch.
        let out = outputs(&pool(2), 3, (0..1000).map(Item::Ready).collect());
        assert_eq!(out, (0..1000).collect::<Vec<_>>());
    }

    #[test]
    fn emit_runs_on_the_workers_that_made_the_results() {
        // Each result is written by a thread of the pool, not by the thread taking items in.
        let pool = pool(2);
        let caller = std::thread::current().id();
        let mut on_caller = 0;
        ordered(
            &pool,
            16,
            (0..200u32).map(Item::<u32, u32>::Work),
            |i| i,
            |_| {
                on_caller += usize::from(std::thread::current().id() == caller);
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(on_caller, 0);
    }

    #[test]
    fn results_finished_at_the_same_moment_are_all_emitted() {
        // Workers that finish together race to emit: one may leave its results while the
        // other is letting go of the emitter. A result left behind would be missing, or, with
        // the window full, would stop the run for good; so the runs go on a thread of their
        // own, and a run that stops fails the test instead of hanging it. Many short runs of
        // instant work, in a window of two, make the race common.
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let pool = pool(2);
            for run in 0..10_000u32 {
                let out = outputs(&pool, 2, (0..40).map(Item::Work).collect());
                if out != (0..40).collect::<Vec<_>>() {
                    let _ = tx.send(Err(format!("run {run}: {out:?}")));
                    return;
                }
            }
            let _ = tx.send(Ok(()));
        });
        match rx.recv_timeout(std::time::Duration::from_secs(60)) {
            Ok(r) => r.unwrap(),
            Err(_) => panic!("a run stopped: a result was left behind with the window full"),
        }
    }
}
