//! The `gen-types` command: a thin shell over the library.

mod cli;

/// The emitters build and drop millions of small strings and documents on several threads;
/// glibc's allocator spent about 40 % of the Zod target's time at 5,000 tables.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc.h (v2 and v3); its default is 10 ms in v2, 1,000 ms
/// in v3 (`MIMALLOC_VERBOSE=1 gen-types --version` lists the options).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() {
    // Memory a target has freed goes back to the system after 10 ms instead of a second: the
    // peak of every target at 5,000 tables stays near glibc's, 145-160 MB instead of
    // 195-222 MB (1 ms: 145 MB, with 0.1 s more of system time; 100 ms: 170-180 MB). Set
    // only when the option there has a documented default, so that a renumbered option is
    // left alone.
    // SAFETY: plain calls into mimalloc's C API, before any other thread exists.
    unsafe {
        if matches!(
            libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY),
            10 | 1000
        ) {
            libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 10);
        }
    }
    std::process::exit(cli::run());
}
