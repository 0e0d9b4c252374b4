//! Spreading independent work (one relation's members, say, or whole targets) over the
//! machine's cores, with the results in input order so output stays byte-for-byte
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

/// `items.iter().map(f).collect()`, each item on a thread of its own (for a few big,
/// independent jobs such as the targets of a run). An item whose thread cannot be started
/// runs on the calling thread instead.
pub fn each<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    if items.len() < 2 {
        return items.iter().map(f).collect();
    }
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .iter()
            .map(|item| {
                std::thread::Builder::new()
                    .stack_size(STACK)
                    .spawn_scoped(scope, move || f(item))
                    .map_err(|_| item)
            })
            .collect();
        handles
            .into_iter()
            .map(|h| match h {
                Ok(h) => match h.join() {
                    Ok(r) => r,
                    // A panic in a worker is a bug; re-raise it on the calling thread.
                    Err(p) => std::panic::resume_unwind(p),
                },
                Err(item) => f(item),
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn each_keeps_input_order() {
        let items: Vec<u32> = (0..6).collect();
        let out = super::each(&items, |i| i * 2);
        assert_eq!(out, [0, 2, 4, 6, 8, 10]);
    }

    #[test]
    fn keeps_input_order() {
        let items: Vec<u32> = (0..1000).collect();
        let out = super::map(&items, |i| i * 2);
        assert_eq!(out, items.iter().map(|i| i * 2).collect::<Vec<_>>());
    }
}
