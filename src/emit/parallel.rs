//! Spreading independent work (one relation's members, say, or whole targets) over the
//! machine's cores; results are placed by input position, so output stays byte-for-byte
//! deterministic.

/// Below this many items the work runs on the calling thread: starting threads costs more.
const MIN_ITEMS: usize = 64;

/// `items.iter().map(f).collect()`, on up to four threads for long lists.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    map_with(items, || (), |(), item| f(item))
}

/// [`map`] where `f` also gets a state of its thread's own, made by `init` on that thread
/// (a cache, say): each thread maps a run of consecutive items with one state.
pub fn map_with<T: Sync, S, R: Send>(
    items: &[T],
    init: impl Fn() -> S + Sync,
    f: impl Fn(&mut S, &T) -> R + Sync,
) -> Vec<R> {
    // Asking is not free (it reads the cgroup's CPU quota): once per run.
    static THREADS: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    let threads = *THREADS.get_or_init(|| {
        std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(4)
    });
    let run = |part: &[T]| {
        let mut state = init();
        part.iter()
            .map(|item| f(&mut state, item))
            .collect::<Vec<R>>()
    };
    if threads < 2 || items.len() < MIN_ITEMS {
        return run(items);
    }
    let chunk = items.len().div_ceil(threads);
    let run = &run;
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(move || run(part)))
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

/// What [`queue`] hands on about an item: a part of its result, or the end of its work.
pub enum Event<M, R> {
    /// A part `work` handed on while it ran.
    Part(M),
    /// What `work` returned.
    Done(R),
}

/// Runs `work` on every item, on as many threads as the machine has cores (items taken in
/// the order given), and calls `done` on the calling thread with each item and what it hands
/// on: every part `work` gives to its second argument while it runs, in order, then its
/// result (items' events interleave as they come). Threads start with a main thread's stack
/// (see [`STACK`]); when none can be started, the work runs on the calling thread.
pub fn queue<T: Sync, M: Send, R: Send>(
    items: &[T],
    work: impl Fn(&T, &mut dyn FnMut(M)) -> R + Sync,
    mut done: impl FnMut(&T, Event<M, R>),
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
        let (tx, rx) = std::sync::mpsc::channel::<(usize, Event<M, R>)>();
        let mut started = 0;
        for _ in 0..threads {
            let tx = tx.clone();
            let worker = move || {
                while let Some((i, item)) = take() {
                    // The receiver lives until every worker is done.
                    let result = work(item, &mut |part| {
                        let _ = tx.send((i, Event::Part(part)));
                    });
                    let _ = tx.send((i, Event::Done(result)));
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
                let result = work(item, &mut |part| done(item, Event::Part(part)));
                done(item, Event::Done(result));
            }
        }
        // Ends when every worker has stopped (a panicking worker drops its sender; the scope
        // then re-raises its panic).
        for (i, event) in rx {
            done(&items[i], event);
        }
    });
}

#[cfg(test)]
mod tests {
    #[test]
    fn map_with_keeps_the_order_and_one_state_per_run_of_items() {
        let items: Vec<usize> = (0..500).collect();
        // Each state counts the items it saw; a run's items see 1, 2, 3, ...
        let out = super::map_with(
            &items,
            || 0usize,
            |seen, i| {
                *seen += 1;
                (*i, *seen)
            },
        );
        assert_eq!(out.iter().map(|(i, _)| *i).collect::<Vec<_>>(), items);
        let runs = out.iter().filter(|(_, seen)| *seen == 1).count();
        assert!((1..=4).contains(&runs), "{runs} states");
        assert!(out.windows(2).all(|w| w[1].1 == 1 || w[1].1 == w[0].1 + 1));
    }

    #[test]
    fn queue_hands_every_part_in_order_then_the_result_to_done_once() {
        use super::Event;
        let items: Vec<u32> = (0..6).collect();
        let mut seen: Vec<Vec<String>> = vec![Vec::new(); items.len()];
        super::queue(
            &items,
            |i, part| {
                for k in 0..*i {
                    part(k);
                }
                i * 2
            },
            |i, event| {
                let seen = &mut seen[*i as usize];
                match event {
                    Event::Part(k) => seen.push(format!("part {k}")),
                    Event::Done(r) => seen.push(format!("done {r}")),
                }
            },
        );
        let expected: Vec<Vec<String>> = items
            .iter()
            .map(|i| {
                let parts = (0..*i).map(|k| format!("part {k}"));
                parts.chain([format!("done {}", i * 2)]).collect()
            })
            .collect();
        assert_eq!(seen, expected);
    }

    #[test]
    fn keeps_input_order() {
        let items: Vec<u32> = (0..1000).collect();
        let out = super::map(&items, |i| i * 2);
        assert_eq!(out, items.iter().map(|i| i * 2).collect::<Vec<_>>());
    }
}
