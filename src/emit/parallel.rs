//! Spreading independent work (one relation's members, say, or whole targets) over the
//! machine's cores; results are placed by input position, so output stays byte-for-byte
//! deterministic.

/// Below this many items the work runs on the calling thread: starting threads costs more.
const MIN_ITEMS: usize = 64;

/// `items.iter().map(f).collect()`, on up to four threads for long lists.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    // Asking is not free (it reads the cgroup's CPU quota): once per run.
    static THREADS: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    let threads = *THREADS.get_or_init(|| {
        std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(4)
    });
    if threads < 2 || items.len() < MIN_ITEMS {
        return items.iter().map(f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(f).collect::<Vec<R>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| match h.join() {
                Ok(v) => v,
                // A panic in a worker is a bug; re-raise it on the calling thread.
                Err(p) => std::panic::resume_unwind(p),
            })
            .collect()
    })
}

/// The stack of a thread started by [`each`]: as big as a main thread's, so that deep
/// (bounded) recursion behaves the same wherever the work runs.
const STACK: usize = 8 << 20;

/// Runs `work` on every item, on as many threads as the machine has cores (items taken in
/// the order given), and calls `done` on the calling thread with each item and its result as
/// soon as it is ready (in completion order). Threads start with a main thread's stack (see
/// [`STACK`]); when none can be started, the work runs on the calling thread.
pub fn queue<T: Sync, R: Send>(
    items: &[T],
    work: impl Fn(&T) -> R + Sync,
    mut done: impl FnMut(&T, R),
) {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len());
    let next = std::sync::atomic::AtomicUsize::new(0);
    let take = || {
        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        items.get(i).map(|item| (i, item))
    };
    let (work, take) = (&work, &take);
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::channel::<(usize, R)>();
        let mut started = 0;
        for _ in 0..threads {
            let tx = tx.clone();
            let worker = move || {
                while let Some((i, item)) = take() {
                    // The receiver lives until every worker is done.
                    let _ = tx.send((i, work(item)));
                }
            };
            if std::thread::Builder::new()
                .stack_size(STACK)
                .spawn_scoped(scope, worker)
                .is_ok()
            {
                started += 1;
            }
        }
        drop(tx);
        if started == 0 {
            while let Some((_, item)) = take() {
                done(item, work(item));
            }
        }
        // Ends when every worker has stopped (a panicking worker drops its sender; the scope
        // then re-raises its panic).
        for (i, result) in rx {
            done(&items[i], result);
        }
    });
}

#[cfg(test)]
mod tests {
    #[test]
    fn queue_hands_every_result_to_done_once() {
        let items: Vec<u32> = (0..6).collect();
        let mut seen = Vec::new();
        super::queue(&items, |i| i * 2, |i, r| seen.push((*i, r)));
        seen.sort();
        assert_eq!(seen, (0..6).map(|i| (i, i * 2)).collect::<Vec<_>>());
    }

    #[test]
    fn keeps_input_order() {
        let items: Vec<u32> = (0..1000).collect();
        let out = super::map(&items, |i| i * 2);
        assert_eq!(out, items.iter().map(|i| i * 2).collect::<Vec<_>>());
    }
}
