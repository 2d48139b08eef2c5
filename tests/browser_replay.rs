//! Browser tests of replaying: scrubbing, forking, share links, import, the lab tabs, presentation
//! mode and the sequence diagram, on the real app, with virtual time driven by the step button.
#![cfg(target_arch = "wasm32")]

use distlab::lab::network::default_scenario;
use distlab::lab::share;
use distlab::sim::{Action, TimedAction};
use distlab::ui::App;
use gloo_timers::future::TimeoutFuture;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

mod browser_support;
use browser_support::settle;

/// Put `query` in the address bar ("" for none), as a link opened from outside would.
fn set_query(query: &str) {
    let window = web_sys::window().unwrap();
    let path = window.location().pathname().unwrap();
    window.history().unwrap().replace_state_with_url(&JsValue::NULL, "", Some(&format!("{path}{query}"))).unwrap();
}

/// Mount a fresh app in a new div, the address bar carrying `query`.
async fn open(query: &str) -> Element {
    set_query(query);
    let root = browser_support::mount::<App>().await;
    settle().await;
    root
}

fn el(root: &Element, testid: &str) -> Element {
    let selector = if testid.starts_with('[') { testid.to_string() } else { format!("[data-testid=\"{testid}\"]") };
    root.query_selector(&selector).unwrap().unwrap_or_else(|| panic!("nothing matches {selector}"))
}

fn data(root: &Element, testid: &str, name: &str) -> String {
    el(root, testid).get_attribute(name).unwrap_or_default()
}

fn text(root: &Element, testid: &str) -> String {
    el(root, testid).text_content().unwrap_or_default()
}

/// Fire a DOM event built by the JS expression `make` (with `el` and `arg` in scope) at `target`.
fn fire(target: &Element, make: &str, arg: &JsValue) {
    let body = format!("el.dispatchEvent({make})");
    js_sys::Function::new_with_args("el, arg", &body).call2(&JsValue::NULL, target, arg).unwrap();
}

async fn press(root: &Element, testid: &str) {
    el(root, testid).dyn_into::<HtmlElement>().unwrap().click();
    settle().await;
}

async fn steps(root: &Element, n: usize) {
    for _ in 0..n {
        press(root, "step").await;
    }
}

async fn scrub_to(root: &Element, us: u64) {
    let input: HtmlInputElement = el(root, "scrub").dyn_into().unwrap();
    input.set_value(&us.to_string());
    fire(&input, "new Event('input', {bubbles: true})", &JsValue::NULL);
    settle().await;
}

async fn key_on_scrub(root: &Element, key: &str) {
    fire(&el(root, "scrub"), "new KeyboardEvent('keydown', {key: arg, bubbles: true})", &key.into());
    settle().await;
}

/// What a run looks like from outside: time, fingerprint, counters, node states, action count.
fn snapshot(root: &Element) -> Vec<String> {
    let mut seen =
        vec![data(root, "time", "data-us"), text(root, "fingerprint"), data(root, "action-count", "data-value")];
    for name in ["sent", "delivered", "lost", "dropped-link"] {
        seen.push(data(root, &format!("counter-{name}"), "data-value"));
    }
    for node in 0..5 {
        seen.push(data(root, &format!("[data-node=\"{node}\"]"), "data-state"));
    }
    seen
}

/// A fresh app stepped `before` times, node `node` killed, then stepped `after` times.
async fn killed_mid_run(node: u32, before: usize, after: usize) -> Element {
    let root = open("").await;
    steps(&root, before).await;
    press(&root, &format!("[data-testid=\"kill-{node}\"]")).await;
    steps(&root, after).await;
    root
}

fn now(root: &Element) -> u64 {
    data(root, "time", "data-us").parse().unwrap()
}

#[wasm_bindgen_test]
async fn scrubbing_back_then_forward_restores_the_same_state() {
    let root = killed_mid_run(3, 25, 25).await;
    key_on_scrub(&root, "End").await; // finish every event due now: the state a replay reaches
    let before = snapshot(&root);
    assert_eq!(before[10], "down", "node 3 is down");
    scrub_to(&root, 0).await;
    assert_eq!((now(&root), data(&root, "counter-sent", "data-value")), (0, "0".to_string()));
    assert_eq!(data(&root, "[data-node=\"3\"]", "data-state"), "up", "before the kill");
    assert_eq!(data(&root, "scrub-end", "data-us"), before[0], "the furthest time is kept");
    key_on_scrub(&root, "ArrowRight").await;
    assert_eq!(now(&root), before[0].parse::<u64>().unwrap().min(100_000));
    key_on_scrub(&root, "End").await;
    assert_eq!(snapshot(&root), before);
    scrub_to(&root, now(&root) / 2).await;
    scrub_to(&root, before[0].parse().unwrap()).await;
    assert_eq!(snapshot(&root), before);
}

#[wasm_bindgen_test]
async fn acting_after_scrubbing_back_forks_the_run_and_says_so() {
    let root = open("").await;
    press(&root, "[data-testid=\"pause-4\"]").await;
    steps(&root, 40).await;
    press(&root, "[data-testid=\"resume-4\"]").await;
    steps(&root, 10).await;
    let furthest = now(&root);
    assert!(root.query_selector("[data-testid=\"fork-notice\"]").unwrap().is_none());
    scrub_to(&root, 1_000).await;
    press(&root, "[data-testid=\"kill-0\"]").await;
    let notice = el(&root, "fork-notice");
    assert_eq!(notice.get_attribute("data-at").unwrap(), "1000");
    assert!(notice.text_content().unwrap().contains("later actions dropped: 1"), "{:?}", notice.text_content());
    assert_eq!(data(&root, "action-count", "data-value"), "2", "pause kept, resume discarded, kill added");
    assert_eq!(data(&root, "scrub-end", "data-us"), "1000", "the discarded future is gone from the bar");
    assert!(furthest > 1_000);
}

#[wasm_bindgen_test]
async fn a_share_link_made_by_the_page_reopens_the_same_run() {
    let root = killed_mid_run(2, 30, 15).await;
    press(&root, "share").await;
    let link = el(&root, "share-link").dyn_into::<HtmlInputElement>().unwrap().value();
    let query = format!("?{}", link.split_once('?').expect("the link has a query").1);
    assert_eq!(web_sys::window().unwrap().location().search().unwrap(), query, "the address bar holds the link");
    assert!(query.starts_with("?lab=network&scenario="), "{query}");
    let shared = snapshot(&root);
    let reopened = open(&query).await;
    assert_eq!(snapshot(&reopened), shared);
    assert!(reopened.query_selector("[data-testid=\"error\"]").unwrap().is_none());
    press(&reopened, "reset").await;
    assert_eq!(
        web_sys::window().unwrap().location().search().unwrap(),
        "?lab=network",
        "a new run drops the stale link"
    );
    set_query("");
}

#[wasm_bindgen_test]
async fn a_malformed_link_shows_an_error_and_the_default_run() {
    let fresh = snapshot(&open("").await);
    for (query, says) in [
        ("?lab=network&scenario=not*base64".to_string(), "mangled".to_string()),
        ("?scenario=SGVsbG8gd29ybGQ".to_string(), "not a distlab share code".to_string()),
        (format!("?scenario={}", &share::encode(&default_scenario(1))[..40]), "cut short".to_string()),
        (format!("?lab=network&scenario={}", share::encode_json("{\"lab\":\"raft\"}")), "raft".to_string()),
    ] {
        let root = open(&query).await;
        let error = text(&root, "error");
        assert!(error.contains(&says), "{query}: {error}");
        assert_eq!(snapshot(&root), fresh, "{query}: the default run, untouched");
    }
    let mut bad = default_scenario(1);
    bad.actions.push(TimedAction { at: 10, action: Action::Crash { node: 42 } });
    let root = open(&format!("?scenario={}", share::encode(&bad))).await;
    assert!(text(&root, "error").contains("actions[0].action.node"), "{}", text(&root, "error"));
    press(&root, "error-dismiss").await;
    assert!(root.query_selector("[data-testid=\"error\"]").unwrap().is_none());
    set_query("");
}

/// Choose a file with this text in the import control.
async fn import(root: &Element, json: &str) {
    let make = "(() => { const d = new DataTransfer(); d.items.add(new File([arg], 's.json')); el.files = d.files; \
                return new Event('change', {bubbles: true}); })()";
    fire(&el(root, "import-scenario"), make, &json.into());
    TimeoutFuture::new(50).await;
    settle().await;
}

#[wasm_bindgen_test]
async fn importing_a_bad_file_names_the_field_and_changes_nothing_a_good_one_replays() {
    let root = killed_mid_run(1, 20, 0).await;
    let before = snapshot(&root);
    let mut scenario = default_scenario(1);
    scenario.actions.push(TimedAction { at: 700_000, action: Action::Crash { node: 4 } });
    scenario.actions.push(TimedAction { at: 900_000, action: Action::Restart { node: 9 } });
    import(&root, &scenario.to_json()).await;
    // Told under the import button, where the user is, not in a banner above the page.
    assert!(text(&root, "import-error").contains("actions[1].action.node"), "{}", text(&root, "import-error"));
    assert!(root.query_selector("[data-testid=\"error\"]").unwrap().is_none(), "no banner off-screen");
    assert_eq!(snapshot(&root), before);
    import(&root, "{ not json").await;
    assert!(text(&root, "import-error").contains("not valid JSON"), "{}", text(&root, "import-error"));
    assert_eq!(snapshot(&root), before);
    scenario.actions.pop();
    import(&root, &scenario.to_json()).await;
    assert!(root.query_selector("[data-testid=\"import-error\"]").unwrap().is_none());
    assert_eq!((now(&root), data(&root, "action-count", "data-value")), (700_000, "1".to_string()));
    assert_eq!(data(&root, "[data-node=\"4\"]", "data-state"), "down");
}

/// Click Export scenario and return the file's text (the download is caught before it leaves).
async fn exported_scenario(root: &Element) -> String {
    let catch = "window.__exported = null; URL.createObjectURL = b => { b.text().then(t => window.__exported = t); return 'blob:caught'; }; \
                 URL.revokeObjectURL = () => {}; HTMLAnchorElement.prototype.click = function () {};";
    js_sys::Function::new_no_args(catch).call0(&JsValue::NULL).unwrap();
    press(root, "export-scenario").await;
    TimeoutFuture::new(50).await;
    let window: JsValue = web_sys::window().unwrap().into();
    js_sys::Reflect::get(&window, &"__exported".into()).unwrap().as_string().expect("a file was exported")
}

#[wasm_bindgen_test]
async fn an_exported_run_imported_again_comes_back_at_the_same_time() {
    let root = killed_mid_run(3, 25, 17).await;
    let exported = snapshot(&root);
    assert!(now(&root) > 0);
    let json = exported_scenario(&root).await;
    press(&root, "reset").await;
    assert_ne!(snapshot(&root), exported);
    import(&root, &json).await;
    assert_eq!(snapshot(&root), exported, "the same time, state and fingerprint as when it was exported");
}

#[wasm_bindgen_test]
async fn a_link_to_a_far_time_replays_in_slices_with_progress_and_stops_where_cancelled() {
    // 25 servers with 1 ms heartbeats: a minute of virtual time is many seconds of replay.
    let scenario = heavy_raft();
    let target = 60_000_000u64;
    let root = open(&format!("?lab=raft&scenario={}&t={target}", share::encode(&scenario))).await;
    assert_eq!(data(&root, "landing", "data-target"), target.to_string(), "the replay shows where it goes");
    let started = js_sys::Date::now();
    TimeoutFuture::new(400).await;
    settle().await;
    let waited = js_sys::Date::now() - started;
    assert!(waited < 1_500.0, "the page answered while replaying: a 0.4 s wait took {waited:.0} ms");
    let reached = now(&root);
    assert!(reached > 0 && reached < target, "part of the way: {reached}");
    assert!(text(&root, "landing").contains('%'), "{}", text(&root, "landing"));
    press(&root, "landing-cancel").await;
    assert!(root.query_selector("[data-testid=\"landing\"]").unwrap().is_none(), "cancelled");
    let stopped = now(&root);
    assert!(stopped >= reached && stopped < target, "stopped where it was: {stopped}");
    TimeoutFuture::new(100).await;
    settle().await;
    assert_eq!(now(&root), stopped, "and stays there, paused");
    set_query("");
}

#[wasm_bindgen_test]
async fn lab_tabs_switch_pages_and_presentation_mode_toggles_its_class() {
    let root = open("").await;
    assert_eq!(data(&root, "app", "data-lab"), "network");
    press(&root, "lab-raft").await;
    assert!(root.query_selector("[data-testid=\"raft-page\"]").unwrap().is_some());
    assert!(root.query_selector(".network-page").unwrap().is_none());
    assert_eq!(web_sys::window().unwrap().location().search().unwrap(), "?lab=raft");
    press(&root, "lab-network").await;
    assert!(root.query_selector(".network-page").unwrap().is_some());
    let presenting = || el(&root, "app").class_list().contains("presentation");
    assert!(!presenting());
    press(&root, "presentation").await;
    assert!(presenting() && data(&root, "presentation", "aria-pressed") == "true");
    press(&root, "presentation").await;
    assert!(!presenting());
    assert!(open("?lab=raft").await.query_selector("[data-testid=\"raft-page\"]").unwrap().is_some());
    set_query("");
}

#[wasm_bindgen_test]
async fn the_sequence_diagram_draws_messages_and_highlights_the_hovered_one() {
    let root = open("").await;
    assert_eq!(data(&root, "sequence-diagram", "data-arrows"), "0");
    steps(&root, 30).await;
    let arrows: u32 = data(&root, "sequence-diagram", "data-arrows").parse().unwrap();
    assert!(arrows > 0);
    assert!(root.query_selector("[data-fate=\"delivered\"]").unwrap().is_some());
    // The pointer moving onto an arrow: `mouseover` bubbles from its line to the diagram's listener.
    let id = data(&root, "[data-msg-arrow]", "data-msg-arrow");
    let arrow = el(&root, &format!("[data-msg-arrow=\"{id}\"] line"));
    fire(&arrow, "new MouseEvent('mouseover', {bubbles: true})", &JsValue::NULL);
    settle().await;
    assert!(el(&root, &format!("[data-msg-arrow=\"{id}\"]")).class_list().contains("highlight"));
    let dot = root.query_selector(&format!("[data-msg=\"{id}\"]")).unwrap();
    assert!(dot.is_none_or(|d| d.class_list().contains("highlighted")), "the cluster view emphasises the same message");
    fire(&el(&root, "[data-testid=\"sequence-diagram\"] .arrows"), "new MouseEvent('mouseleave')", &JsValue::NULL);
    settle().await;
    assert!(root.query_selector(".seq-arrow.highlight").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn a_link_landing_before_its_last_action_scrubs_to_it_and_acting_forks_it() {
    let code = share::encode_json(include_str!("scenarios/network_golden.json"));
    let root = open(&format!("?lab=network&scenario={code}&t=1000000")).await;
    assert_eq!((now(&root), data(&root, "scrub-end", "data-us")), (1_000_000, "9000000".to_string()));
    scrub_to(&root, 9_000_000).await;
    assert_eq!(now(&root), 9_000_000);
    scrub_to(&root, 1_000_000).await;
    press(&root, "[data-testid=\"heal-all\"]").await;
    let notice = text(&root, "fork-notice");
    assert!(notice.contains("9.000 s") && notice.contains("dropped: 13"), "{notice}");
    assert_eq!(data(&root, "action-count", "data-value"), "2");
    set_query("");
}

/// The Raft page from outside: time, fingerprint, action count, and each node's role, term and state.
fn raft_snapshot(root: &Element) -> Vec<String> {
    let mut seen =
        vec![data(root, "time", "data-us"), text(root, "fingerprint"), data(root, "action-count", "data-value")];
    for node in 0..5 {
        for attribute in ["data-role", "data-term", "data-state"] {
            seen.push(data(root, &format!("[data-node=\"{node}\"]"), attribute));
        }
    }
    seen
}

#[wasm_bindgen_test]
async fn a_raft_share_link_reopens_the_same_run_and_a_bad_one_changes_nothing() {
    let root = open("?lab=raft").await;
    for _ in 0..3 {
        press(&root, "advance").await;
    }
    assert!(!data(&root, "leader", "data-leader").is_empty(), "a leader after 1.5 s");
    press(&root, "kill-leader").await;
    press(&root, "advance").await;
    press(&root, "client-send").await;
    press(&root, "advance").await;
    press(&root, "share").await;
    let link = el(&root, "share-link").dyn_into::<HtmlInputElement>().unwrap().value();
    let query = format!("?{}", link.split_once('?').expect("the link has a query").1);
    assert!(query.starts_with("?lab=raft&scenario="), "{query}");
    let shared = raft_snapshot(&root);
    let reopened = open(&query).await;
    assert_eq!(raft_snapshot(&reopened), shared, "same run, same trace fingerprint");

    let fresh = raft_snapshot(&open("?lab=raft").await);
    let bad = open("?lab=raft&scenario=AAAA-not-a-scenario").await;
    assert!(!text(&bad, "error").is_empty(), "a bad link says so");
    assert_eq!(raft_snapshot(&bad), fresh, "and leaves the default run");
    set_query("");
}

#[wasm_bindgen_test]
async fn a_heavy_run_slows_down_and_says_so_instead_of_freezing_the_page() {
    // Played at 100×: far more events per frame than a frame's budget can simulate.
    let scenario = heavy_raft();
    let root = open(&format!("?lab=raft&scenario={}", share::encode(&scenario))).await;
    let speed: HtmlInputElement = el(&root, "speed").dyn_into().unwrap();
    speed.set_value(&speed.max());
    fire(&speed, "new Event('input', {bubbles: true})", &JsValue::NULL);
    settle().await;
    press(&root, "play").await;
    let started = js_sys::Date::now();
    TimeoutFuture::new(1_500).await;
    let waited = js_sys::Date::now() - started;
    // The page kept answering: a 1.5 s wait took about 1.5 s, not the seconds a frozen frame takes.
    assert!(waited < 3_000.0, "the page froze: a 1.5 s wait took {waited:.0} ms");
    let slowdown: f64 = data(&root, "heavy-run", "data-slowdown").parse().unwrap();
    assert!(slowdown >= 2.0, "slowdown {slowdown}");
    assert!(text(&root, "heavy-run").contains("this run is heavy"), "{}", text(&root, "heavy-run"));
    press(&root, "pause").await;
    assert!(root.query_selector("[data-testid=\"heavy-run\"]").unwrap().is_none(), "paused: no notice");
    // A scenario asking for microsecond heartbeats is refused, naming the field and the range.
    let tiny = distlab::raft::RaftConfig { heartbeat_interval: 5, ..Default::default() };
    let refused =
        open(&format!("?lab=raft&scenario={}", share::encode(&distlab::lab::raft::RaftScenario::new("raft", 3, tiny))))
            .await;
    let banner = refused.text_content().unwrap_or_default();
    assert!(banner.contains("config.heartbeat_interval") && banner.contains("1000 µs"), "{banner}");
}

/// 25 servers, 1 ms heartbeats (the least a scenario may ask for) and links of 0-1 ms: the heaviest
/// Raft run a link may carry.
fn heavy_raft() -> distlab::lab::raft::RaftScenario {
    let network = distlab::sim::NetworkConfig { latency_min: 0, latency_max: 1_000, ..Default::default() };
    let config = distlab::raft::RaftConfig {
        nodes: 25,
        network,
        heartbeat_interval: 1_000,
        election_timeout_min: 10_000,
        election_timeout_max: 20_000,
        ..Default::default()
    };
    distlab::lab::raft::RaftScenario::new("raft", 3, config)
}
