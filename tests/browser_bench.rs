//! The kernel benchmark in the browser (ignored by default): run it with
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test --release --target wasm32-unknown-unknown --test browser_bench -- --include-ignored --nocapture`
#![cfg(all(target_arch = "wasm32", feature = "web"))]

use distlab::sim::bench::run_kernel_bench;
use wasm_bindgen_test::{console_log, wasm_bindgen_test};

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

/// Events per timed run.
const EVENTS: u64 = 2_000_000;

#[wasm_bindgen_test]
#[ignore = "a benchmark: run with --include-ignored in release mode"]
fn kernel_events_per_second_in_the_browser() {
    let mut best = f64::INFINITY;
    let mut result = None;
    for _ in 0..3 {
        let start = js_sys::Date::now();
        result = Some(run_kernel_bench(EVENTS, 1));
        best = best.min((js_sys::Date::now() - start) / 1000.0);
    }
    let r = result.unwrap();
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
