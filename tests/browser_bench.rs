//! The kernel and Raft benchmarks in the browser (ignored by default): run them with
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test --release --target wasm32-unknown-unknown --test browser_bench -- --include-ignored --nocapture`
#![cfg(all(target_arch = "wasm32", feature = "web"))]

use distlab::raft::bench::run_raft_bench;
use distlab::sim::bench::run_kernel_bench;
use distlab::sim::secs;
use wasm_bindgen_test::{console_log, wasm_bindgen_test};

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

/// Events per timed run.
const EVENTS: u64 = 2_000_000;

/// Simulated seconds of the Raft workload per timed run.
const RAFT_SECONDS: u64 = 60;

/// Time `work` three times; the best wall time in seconds and the last result.
fn best_of_3<T>(mut work: impl FnMut() -> T) -> (f64, T) {
    let mut best = f64::INFINITY;
    let mut result = None;
    for _ in 0..3 {
        let start = js_sys::Date::now();
        result = Some(work());
        best = best.min((js_sys::Date::now() - start) / 1000.0);
    }
    (best, result.expect("three runs"))
}

#[wasm_bindgen_test]
#[ignore = "a benchmark: run with --include-ignored in release mode"]
fn kernel_events_per_second_in_the_browser() {
    let (best, r) = best_of_3(|| run_kernel_bench(EVENTS, 1));
    assert_eq!(r.events, EVENTS);
    console_log!(
        "kernel (wasm): {} events in {:.3} s (best of 3): {:.2} M events/s; virtual time {:.1} s; fingerprint {:016x}",
        r.events,
        best,
        r.events as f64 / best / 1e6,
        r.virtual_time as f64 / 1e6,
        r.fingerprint
    );
}

#[wasm_bindgen_test]
#[ignore = "a benchmark: run with --include-ignored in release mode"]
fn raft_simulated_seconds_per_wall_second_in_the_browser() {
    let (best, r) = best_of_3(|| run_raft_bench(secs(RAFT_SECONDS), 1));
    assert!(r.committed > 0);
    console_log!(
        "raft (wasm): {RAFT_SECONDS} s simulated in {best:.4} s (best of 3): {:.0} simulated s per wall s; {} events; fingerprint {:016x}",
        RAFT_SECONDS as f64 / best,
        r.events,
        r.fingerprint
    );
}
