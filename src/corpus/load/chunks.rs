//! Reading a corpus on every core: the files are dealt out in chunks, in file order, to a rayon
//! pool made for the load (so that what its threads keep per thread, the quote engine's regex
//! caches among it, goes when the load ends), while a few plain threads read files ahead of them
//! (disk waits overlap the cleaning), and each chunk's result comes back to the calling thread as
//! soon as it is done.

use std::ops::Range;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use rayon::iter::{ParallelBridge, ParallelIterator};

use crate::corpus::store::Source;

/// Files taken at a time: small, so the first batch comes quickly.
const CHUNK: usize = 32;
/// Threads reading files ahead of the pool (with more reads in flight a cold disk delivers faster:
/// 100k small files read in 8 s one at a time, 2.8 s eight at a time), and how far ahead they may
/// go.
const READERS: usize = 4;
const READ_AHEAD: usize = 8 * CHUNK;

/// Runs `f` with a rayon pool of one thread per core (at most eight) whose threads have ended,
/// with everything they kept per thread, by the time this returns. `None` when the system gives no
/// thread: the work then runs on this thread.
pub(super) fn with_pool<R>(f: impl FnOnce(Option<&rayon::ThreadPool>) -> R) -> R {
    std::thread::scope(|scope| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(crate::corpus::cpu_threads())
            .thread_name(|_| "load".into())
            .spawn_handler(|thread| {
                let mut builder = std::thread::Builder::new();
                if let Some(name) = thread.name() {
                    builder = builder.name(name.to_owned());
                }
                if let Some(size) = thread.stack_size() {
                    builder = builder.stack_size(size);
                }
                builder.spawn_scoped(scope, || thread.run())?;
                Ok(())
            })
            .build()
            .ok();
        let result = f(pool.as_ref());
        // Told to end here; the scope then waits for its threads.
        drop(pool);
        result
    })
}

/// Runs `work` over every file of `source`, [`CHUNK`] files at a time, on `pool` (with threads
/// reading ahead when the files are on disk), and hands each chunk's result to `take` on this
/// thread as it comes; `take` returns false to stop early. Chunks are dealt out in file order, so
/// the first files come first and the readers ahead stay ahead; results come in the order they
/// are done. Without a pool, it all runs here.
pub(super) fn in_chunks<P: Send>(
    pool: Option<&rayon::ThreadPool>,
    source: &Source,
    cached: impl Fn(usize) -> bool + Sync,
    work: impl Fn(Range<usize>) -> P + Sync,
    mut take: impl FnMut(P) -> bool,
) {
    let next = AtomicUsize::new(0);
    let (fetched, stop) = (AtomicUsize::new(0), AtomicBool::new(false));
    let claim = || {
        let start = next.fetch_add(CHUNK, Ordering::Relaxed);
        (start < source.len() && !stop.load(Ordering::Relaxed))
            .then(|| start..(start + CHUNK).min(source.len()))
    };
    let Some(pool) = pool else {
        while let Some(files) = claim() {
            if !take(work(files)) {
                break;
            }
        }
        return;
    };
    std::thread::scope(|scope| {
        if source.on_disk() {
            for _ in 0..READERS {
                let (next, fetched, stop, cached) = (&next, &fetched, &stop, &cached);
                // A reader ahead that cannot start is only a little speed lost.
                let _ = std::thread::Builder::new()
                    .name("read-ahead".into())
                    .spawn_scoped(scope, move || {
                        read_ahead(source, cached, next, fetched, stop);
                    });
            }
        }
        // Made here, so that stopping early drops the receiver and the pool's next send fails.
        let (parts_tx, parts) = mpsc::channel::<P>();
        let (work, claim, stop) = (&work, &claim, &stop);
        pool.in_place_scope(|jobs| {
            jobs.spawn(move |_| {
                std::iter::from_fn(claim)
                    .par_bridge()
                    .for_each_with(parts_tx, |tx, files| {
                        if tx.send(work(files)).is_err() {
                            stop.store(true, Ordering::Relaxed);
                        }
                    });
            });
            for part in parts {
                if !take(part) {
                    stop.store(true, Ordering::Relaxed);
                    break;
                }
            }
        });
    });
}

/// Reads files ahead of the pool (at most [`READ_AHEAD`] past the next one it takes) until every
/// file is read or `stop` is set; files the corpus cache knows (`cached`) are left alone: their
/// record is read instead. Stands down when file descriptors run short: the pool needs them
/// more.
fn read_ahead(
    source: &Source,
    cached: &(impl Fn(usize) -> bool + Sync),
    next: &AtomicUsize,
    fetched: &AtomicUsize,
    stop: &AtomicBool,
) {
    loop {
        let i = fetched.fetch_add(1, Ordering::Relaxed);
        if i >= source.len() || stop.load(Ordering::Relaxed) {
            return;
        }
        while i >= next.load(Ordering::Relaxed) + READ_AHEAD {
            if stop.load(Ordering::Relaxed) {
                return;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        // Files the pool has already taken are read by it.
        if i >= next.load(Ordering::Relaxed) && !cached(i) && !source.prefetch(i) {
            return;
        }
    }
}
