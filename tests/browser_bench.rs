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

#[wasm_bindgen_test]
#[ignore = "a benchmark: run with --include-ignored in release mode"]
fn txn_payments_per_second_in_the_browser() {
    let (best, r) = best_of_3(|| distlab::txn::bench::run_txn_bench(80_000, 1));
    assert!(!r.violated && r.ended == r.transactions);
    console_log!(
        "txn (wasm): {} TCC payments, checker on, in {best:.3} s (best of 3): {:.0} transactions per s; {} events; fingerprint {:016x}",
        r.transactions,
        r.transactions as f64 / best,
        r.events,
        r.fingerprint
    );
}

#[wasm_bindgen_test]
#[ignore = "a benchmark: run with --include-ignored in release mode"]
fn snowflake_ids_per_second_in_the_browser() {
    let (best, r) = best_of_3(|| distlab::idgen::bench::snowflake_in_process(4, 25_000, secs(10)));
    assert_eq!((r.issued, r.checked), (1_000_000, 1_000_000));
    console_log!(
        "ids (wasm): 4 apps x 25,000 Snowflake IDs per virtual s for 10 s: {} issued and checked in {best:.3} s (best of 3): {:.2} M per s",
        r.issued,
        r.issued as f64 / best / 1e6
    );
}

/// The 10-minute Raft run of `lab::raft::workloads` under the checker, played to its end.
fn ten_minute_raft_run() -> distlab::sim::Timeline<distlab::raft::RaftNode, distlab::raft::RaftChecker> {
    use distlab::sim::{Retention, Timeline};
    let scenario = distlab::lab::raft::workloads::ten_minute_scenario(1);
    let end = secs(600);
    let mut timeline = Timeline::new(scenario, Retention::Window(2_000)).unwrap();
    timeline.seek(end);
    assert_eq!(timeline.violation(), None);
    timeline
}

#[wasm_bindgen_test]
#[ignore = "a benchmark: run with --include-ignored in release mode"]
fn seeking_anywhere_in_a_ten_minute_raft_run() {
    let build_start = js_sys::Date::now();
    let mut timeline = ten_minute_raft_run();
    let build_ms = js_sys::Date::now() - build_start;
    let mut times = Vec::new();
    let mut rng = distlab::sim::SimRng::new(7);
    for _ in 0..50 {
        let target = rng.range_inclusive(0, secs(600));
        let start = js_sys::Date::now();
        timeline.seek(target);
        times.push(js_sys::Date::now() - start);
        assert_eq!(timeline.now(), target);
    }
    times.sort_by(|a, b| a.partial_cmp(b).unwrap());
    console_log!(
        "seek (wasm): 10-minute Raft run built in {build_ms:.0} ms, {} checkpoints; 50 random seeks: median {:.1} ms, p95 {:.1} ms, max {:.1} ms",
        timeline.checkpoint_count(),
        times[25],
        times[47],
        times[49]
    );
}

/// A Raft scenario with `nodes` servers, slow links (150-250 ms), election timeouts of 1-2 s (so that
/// one leader keeps replicating over the slow links) and a client write every 2 ms to the nodes in
/// turn for 8 s: at 9 nodes, 240 to 290 messages in flight once a leader is elected.
fn busy_raft(nodes: u32) -> distlab::lab::raft::RaftScenario {
    use distlab::raft::{KvOp, RaftInput};
    use distlab::sim::{ms, Action, TimedAction};
    let mut scenario = distlab::lab::raft::default_scenario(1);
    scenario.config.nodes = nodes;
    scenario.config.network.latency_min = ms(150);
    scenario.config.network.latency_max = ms(250);
    scenario.config.election_timeout_min = ms(1_000);
    scenario.config.election_timeout_max = ms(2_000);
    for k in 0..4_000u64 {
        let op = KvOp::Put { key: format!("k{}", k % 8), value: k.to_string() };
        let input = RaftInput::Client { client: 1, seq: k + 1, op };
        scenario.actions.push(TimedAction {
            at: ms(500) + ms(2) * k,
            action: Action::Input { node: (k % u64::from(nodes)) as u32, input },
        });
    }
    scenario
}

/// What [`frame_times`] measured.
struct FrameTimes {
    /// Fewest and most messages in flight seen before a frame.
    in_flight: (u32, u32),
    /// Each frame's script time in ms.
    times: Vec<f64>,
}

/// Frames run before the timed ones: the first frames after mounting build the page's drawings
/// (every message group, the pools of spare ones) and warm up the browser's compiler, a cost paid
/// once per page, not per frame (the first alone takes 20-40 ms).
const WARM_UP_FRAMES: usize = 30;

/// A share link's query of `scenario` in `lab`, landed at 3 s (a leader elected).
fn landed_at_3s<C: serde::Serialize, I: serde::Serialize>(
    lab: &str,
    scenario: &distlab::sim::Scenario<C, I>,
) -> String {
    format!("?lab={lab}&scenario={}&t=3000000", distlab::lab::share::encode(scenario))
}

/// Mount the real app on the share link `query`, run [`WARM_UP_FRAMES`] frames, then time
/// `frames` frames: each advances 1/60 s of virtual time (real-time speed at 60 Hz) and renders.
async fn frame_times(query: &str, frames: usize) -> FrameTimes {
    let window = web_sys::window().unwrap();
    let path = window.location().pathname().unwrap();
    window
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("{path}{query}")))
        .unwrap();
    let document = window.document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let app = yew::Renderer::<distlab::ui::App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    gloo_timers::future::TimeoutFuture::new(50).await;
    yew::scheduler::flush().await;
    let advance =
        js_sys::Function::new_with_args("us", "window.dispatchEvent(new CustomEvent('distlab-advance', {detail: us}))");
    let performance = window.performance().unwrap();
    let mut times = Vec::with_capacity(frames);
    let mut in_flight = (u32::MAX, 0);
    for _ in 0..WARM_UP_FRAMES {
        advance.call1(&wasm_bindgen::JsValue::NULL, &16_667.0.into()).unwrap();
        yew::scheduler::flush().await;
    }
    for _ in 0..frames {
        let count = root.query_selector_all("[data-msg]").unwrap().length();
        in_flight = (in_flight.0.min(count), in_flight.1.max(count));
        let start = performance.now();
        advance.call1(&wasm_bindgen::JsValue::NULL, &16_667.0.into()).unwrap();
        yew::scheduler::flush().await;
        times.push(performance.now() - start);
    }
    // Unmounted, not only removed: a mounted app would go on advancing with the next run's frames.
    app.destroy();
    root.remove();
    window.history().unwrap().replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path)).unwrap();
    FrameTimes { in_flight, times }
}

#[wasm_bindgen_test]
#[ignore = "a benchmark: run with --include-ignored in release mode"]
async fn raft_page_frame_script_time() {
    for nodes in [9, 25] {
        let query = landed_at_3s("raft", &busy_raft(nodes));
        let FrameTimes { in_flight: (fewest, most), mut times } = frame_times(&query, 240).await;
        times.sort_by(|a, b| a.partial_cmp(b).unwrap());
        let (median, p95, max) = (times[times.len() / 2], times[times.len() * 95 / 100], times[times.len() - 1]);
        console_log!(
            "raft page (wasm), {nodes} nodes, {fewest}-{most} messages in flight: 240 frames of 1/60 s virtual; script per frame median {median:.2} ms, p95 {p95:.2} ms, max {max:.2} ms (at p95, {:.0} frames per second of script time)",
            1000.0 / p95
        );
    }
}

/// Median, 95th percentile and maximum of frame times.
fn spread(mut times: Vec<f64>) -> (f64, f64, f64) {
    times.sort_by(|a, b| a.partial_cmp(b).unwrap());
    (times[times.len() / 2], times[times.len() * 95 / 100], times[times.len() - 1])
}

/// The payment under TCC with the barrier over the default 10-40 ms network, eight applications
/// each starting one every 23 ms for 9.2 s: about 50 global transactions in progress at any time.
fn busy_txn() -> distlab::lab::txn::TxnScenario {
    use distlab::sim::ms;
    let config = distlab::txn::TxnConfig {
        clients: 8,
        transactions: 400,
        interval: ms(23),
        amount: 1,
        balance: 1_000_000_000,
        stock: 1_000_000,
        ..distlab::txn::TxnConfig::default()
    };
    distlab::lab::txn::TxnScenario::new(distlab::txn::LAB, 1, config)
}

#[wasm_bindgen_test]
#[ignore = "a benchmark: run with --include-ignored in release mode"]
async fn ids_page_frame_script_time_beside_the_raft_page() {
    use distlab::idgen::{Generator, IdConfig};
    // 4 application servers asking for 25,000 Snowflake IDs per virtual second each: 100,000 a
    // second, 1,667 per frame, every one checked and put in the index model.
    let config = IdConfig { generator: Generator::Snowflake, apps: 4, rate: 25_000, ..IdConfig::default() };
    let ids = distlab::lab::ids::IdScenario::new(distlab::idgen::LAB, 1, config);
    for round in 0..2 {
        let raft = frame_times(&landed_at_3s("raft", &busy_raft(9)), 240).await;
        let (r50, r95, rmax) = spread(raft.times);
        let (i50, i95, imax) = spread(frame_times(&landed_at_3s("ids", &ids), 240).await.times);
        console_log!(
            "round {round}: raft page, 9 nodes, {}-{} messages in flight: median {r50:.2} ms, p95 {r95:.2} ms, max {rmax:.2} ms; ids page, 100,000 Snowflake IDs per virtual s: median {i50:.2} ms, p95 {i95:.2} ms, max {imax:.2} ms (240 frames of 1/60 s virtual each)",
            raft.in_flight.0, raft.in_flight.1
        );
    }
}

#[wasm_bindgen_test]
#[ignore = "a benchmark: run with --include-ignored in release mode"]
async fn txn_page_frame_script_time_beside_the_raft_page() {
    let in_progress = {
        let mut run = distlab::lab::txn::TxnTimeline::new(busy_txn(), distlab::sim::Retention::Window(0)).unwrap();
        run.run_until(secs(3));
        distlab::lab::txn::view::counters(run.world()).in_progress
    };
    assert!((40..=60).contains(&in_progress), "{in_progress} transactions in progress");
    for (page, lab) in [("raft page, 9 nodes", "raft"), ("txn page, 50 transactions", "txn")] {
        let query = match lab {
            "raft" => landed_at_3s(lab, &busy_raft(9)),
            _ => landed_at_3s(lab, &busy_txn()),
        };
        let FrameTimes { in_flight: (fewest, most), times } = frame_times(&query, 240).await;
        let (median, p95, max) = spread(times);
        console_log!(
            "{page} (wasm), {fewest}-{most} messages in flight ({in_progress} transactions in progress at 3 s): 240 frames of 1/60 s virtual; script per frame median {median:.2} ms, p95 {p95:.2} ms, max {max:.2} ms"
        );
    }
}

#[wasm_bindgen_test]
#[ignore = "a benchmark: run with --include-ignored in release mode"]
async fn config_page_frame_script_time_beside_the_raft_page() {
    // The AP partition landed at 25 s: both sides cut, Distro reports and verifies going on, long
    // polls held; the page draws the sides, the measures and the release history every frame.
    let partition = distlab::lab::config::scenarios::Named::ApPartition.scenario();
    let config = format!("?lab=config&scenario={}&t=25000000", distlab::lab::share::encode(&partition));
    for (page, query) in
        [("raft page, 9 nodes", landed_at_3s("raft", &busy_raft(9))), ("config page, AP partition", config)]
    {
        let FrameTimes { in_flight: (fewest, most), times } = frame_times(&query, 240).await;
        let (median, p95, max) = spread(times);
        console_log!(
            "{page} (wasm), {fewest}-{most} messages in flight: 240 frames of 1/60 s virtual; script per frame median {median:.2} ms, p95 {p95:.2} ms, max {max:.2} ms"
        );
    }
}
