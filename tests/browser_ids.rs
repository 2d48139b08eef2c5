//! Browser tests of the distributed IDs page: mount it in headless Chromium, drive virtual time with
//! its "+0.5 s" control (never the wall clock), open a lesson and see its duplicate marked, use a
//! clock control, and reopen a share link of the run in the app to the same state.
#![cfg(target_arch = "wasm32")]

use distlab::ui::ids_page::IdsPage;
use distlab::ui::App;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlInputElement, HtmlSelectElement};

wasm_bindgen_test_configure!(run_in_browser);

mod browser_support;
use browser_support::{all, attr, click, find, fire, settle};

async fn mount() -> Element {
    browser_support::mount::<IdsPage>().await
}

/// Put `query` in the address bar ("" for none), as a link opened from outside would.
fn set_query(query: &str) {
    let window = web_sys::window().unwrap();
    let path = window.location().pathname().unwrap();
    window.history().unwrap().replace_state_with_url(&JsValue::NULL, "", Some(&format!("{path}{query}"))).unwrap();
}

async fn choose(root: &Element, testid: &str, value: &str) {
    let select: HtmlSelectElement = find(root, &format!("[data-testid=\"{testid}\"]")).dyn_into().unwrap();
    select.set_value(value);
    fire(&select, "Event", "change");
    settle().await;
}

/// Run `half_seconds` × 500 ms of virtual time with the "+0.5 s" control.
async fn advance(root: &Element, half_seconds: usize) {
    for _ in 0..half_seconds {
        click(root, "[data-testid=\"advance\"]").await;
    }
}

fn value(root: &Element, testid: &str) -> u64 {
    attr(root, &format!("[data-testid=\"{testid}\"]"), "data-value").parse().unwrap()
}

fn invariants(root: &Element) -> String {
    attr(root, "[data-testid=\"invariants\"]", "data-state")
}

/// Advance until the invariants turn red, at most `half_seconds` times.
async fn until_red(root: &Element, half_seconds: usize) {
    for _ in 0..half_seconds {
        if invariants(root) == "red" {
            return;
        }
        advance(root, 1).await;
    }
}

#[wasm_bindgen_test]
async fn the_page_mounts_three_snowflake_servers_and_decodes_their_ids() {
    let root = mount().await;
    let roles: Vec<String> =
        all(&root, "g[data-node][data-role]").iter().map(|e| e.get_attribute("data-role").unwrap()).collect();
    assert_eq!(roles, ["app", "app", "app"]);
    assert_eq!(invariants(&root), "green");
    advance(&root, 1).await;
    assert!(value(&root, "issued") > 0, "IDs are issued");
    assert_eq!(attr(&root, "[data-testid=\"id-picture\"]", "data-format"), "snowflake");
    let widths: Vec<String> = all(&root, "[data-testid=\"id-field\"][data-node=\"0\"]")
        .iter()
        .map(|e| e.get_attribute("data-bits").unwrap())
        .collect();
    assert_eq!(widths, ["1", "41", "5", "5", "12"], "the lecture's picture: 1 | 41 | 10 | 12");
    assert!(!all(&root, "[data-testid=\"stream\"]").is_empty());
    assert_eq!(attr(&root, "[data-testid=\"duplicates\"]", "data-count"), "0");
    assert_eq!(invariants(&root), "green");
}

#[wasm_bindgen_test]
async fn rollback_ignored_marks_the_duplicate_with_both_origins_and_breaks_unique_ids() {
    let root = mount().await;
    choose(&root, "scenario", "rollback-ignored").await;
    assert!(!find(&root, "[data-testid=\"scenario-what\"]").text_content().unwrap_or_default().is_empty());
    assert_eq!(attr(&root, "[data-testid=\"scenario-outcome\"]", "data-outcome"), "duplicate");
    until_red(&root, 6).await;
    assert_eq!(invariants(&root), "red");
    assert_eq!(attr(&root, "[data-testid=\"invariant\"][data-name=\"Unique IDs\"]", "data-ok"), "false");
    let story =
        find(&root, "[data-testid=\"invariant\"][data-name=\"Unique IDs\"] .explanation").text_content().unwrap();
    assert!(story.contains("issued twice"), "{story}");
    assert!(value(&root, "duplicate-count") > 0);
    let marks = all(&root, "[data-testid=\"plot-duplicate\"]");
    assert!(!marks.is_empty(), "the duplicate is marked on the plot");
    assert!(marks[0].query_selector("circle.second").unwrap().is_some());
    let row = find(&root, "[data-testid=\"duplicate\"]");
    let node = attr(&root, "[data-testid=\"clock-row\"]", "data-node");
    assert_eq!(
        (row.get_attribute("data-first").unwrap(), row.get_attribute("data-second").unwrap()),
        (node.clone(), node)
    );
    assert!(!find(&root, "g.node.flagged").get_attribute("data-node").unwrap().is_empty(), "the issuer is flagged");
}

#[wasm_bindgen_test]
async fn a_clock_jump_back_under_twitters_check_makes_requests_fail_not_duplicates() {
    let root = mount().await;
    advance(&root, 1).await;
    let node = attr(&root, "[data-testid=\"clock-row\"]", "data-node");
    assert_eq!(attr(&root, &format!("[data-testid=\"clock-row\"][data-node=\"{node}\"]"), "data-skew"), "0");
    let failed = value(&root, "failed");
    click(&root, &format!("[data-testid=\"jump-back-10ms-{node}\"]")).await;
    assert_eq!(attr(&root, &format!("[data-testid=\"clock-row\"][data-node=\"{node}\"]"), "data-skew"), "-10000");
    advance(&root, 1).await;
    assert!(value(&root, "failed") > failed, "Twitter's Snowflake refuses while its clock is behind");
    assert_eq!(value(&root, "duplicate-count"), 0);
    assert_eq!(invariants(&root), "green");
}

/// What a run looks like from outside: time, fingerprint, counters, invariants.
fn snapshot(root: &Element) -> Vec<String> {
    let mut seen = vec![
        attr(root, "[data-testid=\"time\"]", "data-us"),
        find(root, "[data-testid=\"fingerprint\"]").text_content().unwrap(),
        invariants(root),
    ];
    for name in ["issued", "failed", "duplicate-count", "distinct"] {
        seen.push(value(root, name).to_string());
    }
    seen.push(attr(root, "[data-testid=\"duplicates\"]", "data-count"));
    seen
}

#[wasm_bindgen_test]
async fn a_share_link_of_the_run_reopens_the_same_state_in_the_app() {
    set_query("?lab=ids");
    let root = browser_support::mount::<App>().await;
    assert_eq!(attr(&root, "[data-testid=\"app\"]", "data-lab"), "ids", "the IDs page is registered");
    choose(&root, "scenario", "rollback-ignored").await;
    until_red(&root, 6).await;
    let node = attr(&root, "[data-testid=\"clock-row\"]", "data-node");
    click(&root, &format!("[data-testid=\"jump-back-2s-{node}\"]")).await;
    advance(&root, 1).await;
    click(&root, "[data-testid=\"share\"]").await;
    let link = find(&root, "[data-testid=\"share-link\"]").dyn_into::<HtmlInputElement>().unwrap().value();
    let query = format!("?{}", link.split_once('?').expect("the link has a query").1);
    assert!(query.starts_with("?lab=ids&scenario="), "{query}");
    let shared = snapshot(&root);
    assert_eq!(shared[2], "red");
    set_query(&query);
    let reopened = browser_support::mount::<App>().await;
    settle().await;
    assert_eq!(snapshot(&reopened), shared);
    assert!(reopened.query_selector("[data-testid=\"error\"]").unwrap().is_none());
    // The duplicates are listed again with both origins (the plot marks only those inside its window).
    let listed = attr(&reopened, "[data-testid=\"duplicates\"]", "data-count");
    assert!(listed.parse::<u64>().unwrap() > 0, "the duplicates are listed again: {listed}");
    set_query("");
}

#[wasm_bindgen_test]
async fn the_promote_button_makes_the_replica_the_master_and_a_share_link_replays_it() {
    set_query("?lab=ids");
    let root = browser_support::mount::<App>().await;
    choose(&root, "switch-generator", "8").await;
    click(&root, "[data-testid=\"switch-replica\"]").await;
    advance(&root, 1).await;
    let master = attr(&root, "[data-testid=\"redis\"][data-role=\"redis\"]", "data-node");
    let replica = attr(&root, "[data-testid=\"redis\"][data-role=\"replica\"]", "data-node");
    assert!(find(&root, "[data-testid=\"switch-replica\"]").dyn_into::<HtmlInputElement>().unwrap().checked());
    click(&root, &format!("[data-testid=\"kill-{master}\"]")).await;
    click(&root, &format!("[data-testid=\"promote-{replica}\"]")).await;
    let role = |root: &Element| attr(root, &format!("[data-testid=\"redis\"][data-node=\"{replica}\"]"), "data-role");
    assert_eq!(role(&root), "redis", "the replica is the master now");
    let promote = format!("[data-testid=\"promote-{replica}\"]");
    assert!(root.query_selector(&promote).unwrap().is_none(), "no promote button on a master");
    advance(&root, 3).await;
    assert!(value(&root, "issued") > 0);
    click(&root, "[data-testid=\"share\"]").await;
    let link = find(&root, "[data-testid=\"share-link\"]").dyn_into::<HtmlInputElement>().unwrap().value();
    let shared = snapshot(&root);
    set_query(&format!("?{}", link.split_once('?').unwrap().1));
    let reopened = browser_support::mount::<App>().await;
    settle().await;
    assert_eq!(snapshot(&reopened), shared, "the promotion is an action of the scenario");
    assert_eq!(role(&reopened), "redis");
    set_query("");
}

#[wasm_bindgen_test]
async fn the_raft_segment_store_shows_roles_and_terms_and_elects_a_new_leader_after_a_kill() {
    let root = mount().await;
    choose(&root, "scenario", "raft-segment-leader-kill").await;
    advance(&root, 4).await;
    let roles = |root: &Element| -> Vec<String> {
        all(root, "[data-testid=\"store-member\"]").iter().map(|e| e.get_attribute("data-role").unwrap()).collect()
    };
    let before = roles(&root);
    assert_eq!(before.len(), 3, "{before:?}");
    assert_eq!(before.iter().filter(|r| *r == "leader").count(), 1, "{before:?}");
    let leader = attr(&root, "[data-testid=\"store-member\"][data-role=\"leader\"]", "data-node");
    let term: u64 = attr(&root, "[data-testid=\"store-member\"][data-role=\"leader\"]", "data-term").parse().unwrap();
    assert_eq!(attr(&root, &format!("g[data-node=\"{leader}\"]"), "data-role"), "leader", "drawn with its role");
    let max_id: u64 = attr(
        &root,
        "[data-testid=\"store-member\"][data-role=\"leader\"] [data-testid=\"store-max-id\"]",
        "data-value",
    )
    .parse()
    .unwrap();
    assert!(max_id > 1, "segments were taken: max_id {max_id}");
    let issued = value(&root, "issued");
    advance(&root, 4).await;
    let after = roles(&root);
    assert_eq!(attr(&root, &format!("[data-testid=\"store-member\"][data-node=\"{leader}\"]"), "data-role"), "down");
    let new_term: u64 =
        attr(&root, "[data-testid=\"store-member\"][data-role=\"leader\"]", "data-term").parse().unwrap();
    assert!(new_term > term, "a new leader in a higher term: {after:?}");
    assert!(value(&root, "issued") > issued + 500, "IDs flow again");
    assert_eq!(invariants(&root), "green");
    let latency = attr(&root, "[data-testid=\"latency\"]", "data-value");
    assert_eq!(latency.split(" · ").count(), 3, "p50 · p99 · max: {latency}");
    assert!(!attr(&root, "[data-testid=\"out-of-order\"]", "data-value").is_empty());
}

/// Wait for a replay in progress (a lesson landing) to end.
async fn landed(root: &Element) {
    for _ in 0..100 {
        if all(root, "[data-testid=\"landing\"]").is_empty() {
            return;
        }
        gloo_timers::future::TimeoutFuture::new(50).await;
        settle().await;
    }
}

#[wasm_bindgen_test]
async fn each_bug_toggle_plays_its_failure_from_just_before_the_duplicate() {
    use distlab::lab::lesson::LEAD;
    let root = mount().await;
    for (toggle, scenario) in [
        ("duplicate-worker-id", "duplicate-worker-id"),
        ("added-database", "added-database"),
        ("non-atomic-segment", "segment-non-atomic"),
    ] {
        // The toggle shows where its generator is chosen: open its scenario first, then play it
        // from the toggle's own button.
        choose(&root, "scenario", scenario).await;
        landed(&root).await;
        click(&root, &format!("[data-testid=\"lesson-{toggle}\"]")).await;
        landed(&root).await;
        let opened: u64 = attr(&root, "[data-testid=\"time\"]", "data-us").parse().unwrap();
        // A quarter of real time; slower still for a failure within the first 1.5 s (it opens at 0 s).
        let speed = find(&root, "[data-testid=\"speed-value\"]").text_content().unwrap();
        assert!(speed.starts_with("1/") && (opened < LEAD || speed == "1/4×"), "{toggle}: slowly, at {speed}");
        assert_eq!(attr(&root, "[data-testid=\"lesson-watch\"]", "data-lesson"), scenario, "{toggle}: what to watch");
        // A duplicate in the first milliseconds opens at 0 s (and may already have stopped the run).
        if opened >= 100_000 {
            assert_eq!(invariants(&root), "green", "{toggle}: clean when it opens at {opened}");
            assert_eq!(attr(&root, ".play-toggle", "aria-pressed"), "true", "{toggle}: it plays");
        }
        for _ in 0..4 {
            advance(&root, 1).await;
            if invariants(&root) == "red" {
                break;
            }
        }
        assert_eq!(invariants(&root), "red", "{toggle}: an ID issued twice");
        let broke: u64 = attr(&root, "[data-testid=\"time\"]", "data-us").parse().unwrap();
        assert!(broke <= opened + LEAD + 500_000, "{toggle}: opened at {opened}, broke by {broke}");
    }
}
