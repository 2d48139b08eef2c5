//! Browser tests of the Raft page's extensions: membership changes, learners and snapshots,
//! driven with the page's own controls and virtual time.
#![cfg(target_arch = "wasm32")]

use distlab::ui::raft_page::RaftPage;
use wasm_bindgen_test::*;
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

mod browser_support;
use browser_support::{all, attr, click, find};

/// Run `half_seconds` × 500 ms of virtual time with the "+0.5 s" control.
async fn advance(root: &Element, half_seconds: usize) {
    for _ in 0..half_seconds {
        click(root, "[data-testid=\"advance\"]").await;
    }
}

fn member(root: &Element, node: u32) -> String {
    attr(root, &format!("[data-member-node=\"{node}\"]"), "data-member")
}

fn leaders(root: &Element) -> Vec<String> {
    all(root, "[data-node][data-role=\"leader\"]").iter().filter_map(|e| e.get_attribute("data-node")).collect()
}

fn term_of(root: &Element, node: u32) -> u64 {
    attr(root, &format!("[data-node=\"{node}\"]"), "data-term").parse().unwrap()
}

/// Start with spares 3 and 4 (and PreVote and CheckQuorum if `contained`), add 4 as a learner and
/// 3 as a voter, promote 4, then remove server 0; the page as it is then.
async fn grow_then_remove_server_0(contained: bool) -> Element {
    let root = browser_support::mount::<RaftPage>().await;
    click(&root, "[data-testid=\"spares\"]").await;
    if contained {
        click(&root, "[data-testid=\"pre-vote\"]").await;
        click(&root, "[data-testid=\"check-quorum\"]").await;
    }
    assert_eq!((member(&root, 3), member(&root, 4)), ("outside".to_string(), "outside".to_string()));
    assert!(find(&root, "[data-testid=\"add-voter-3\"]").has_attribute("disabled"), "no leader yet");
    advance(&root, 4).await;
    assert_eq!(leaders(&root).len(), 1, "a leader among servers 0-2");

    click(&root, "[data-testid=\"add-learner-4\"]").await;
    advance(&root, 1).await;
    assert_eq!(member(&root, 4), "learner");
    // One change at a time; joint consensus: C_old,new then C_new, both committed within a second.
    click(&root, "[data-testid=\"add-voter-3\"]").await;
    advance(&root, 2).await;
    assert_eq!(member(&root, 3), "voter");
    assert_eq!(attr(&root, "[data-testid=\"membership\"]", "data-joint"), "false");
    click(&root, "[data-testid=\"promote-4\"]").await;
    advance(&root, 2).await;
    assert_eq!(member(&root, 4), "voter");

    click(&root, "[data-testid=\"remove-0\"]").await;
    advance(&root, 1).await;
    assert_eq!(member(&root, 0), "outside", "C_new without server 0");
    root
}

#[wasm_bindgen_test]
async fn spares_join_as_learner_and_voter_and_a_removed_server_is_contained_by_prevote() {
    let root = grow_then_remove_server_0(true).await;
    let leader = leaders(&root);
    let term = term_of(&root, leader[0].parse().unwrap());
    advance(&root, 6).await;
    assert_eq!(leaders(&root), leader, "the same leader 3 s later");
    assert_eq!(term_of(&root, leader[0].parse().unwrap()), term, "in the same term");
    assert!(term_of(&root, 0) <= term, "server 0's pre-votes never raised a term");
}

#[wasm_bindgen_test]
async fn without_prevote_a_removed_server_keeps_deposing_leaders() {
    let root = grow_then_remove_server_0(false).await;
    let term = (1..5).map(|n| term_of(&root, n)).max().unwrap();
    advance(&root, 6).await;
    // Server 0 never learns it was removed: it times out, stands with ever higher terms, and each
    // RequestVote makes the members step down (thesis 4.2.3).
    assert!(term_of(&root, 0) >= term + 3, "server 0's term rose from {term} to {}", term_of(&root, 0));
    assert!((1..5).map(|n| term_of(&root, n)).max().unwrap() >= term + 3, "and it dragged the members along");
}

#[wasm_bindgen_test]
async fn snapshot_now_compacts_a_servers_log() {
    let root = browser_support::mount::<RaftPage>().await;
    advance(&root, 4).await;
    let leader: u32 = leaders(&root)[0].parse().unwrap();
    let snapshot_of = |root: &Element| {
        find(root, &format!("[data-member-node=\"{leader}\"] .snapshot-at")).get_attribute("data-snapshot")
    };
    assert_eq!(snapshot_of(&root), None, "no snapshot yet");
    click(&root, &format!("[data-testid=\"snapshot-{leader}\"]")).await;
    advance(&root, 1).await;
    let index: u64 = snapshot_of(&root).expect("a snapshot after the button").parse().unwrap();
    assert!(index >= 1, "the snapshot covers the leader's no-op at least");
    // The logs grid draws the compacted entries hatched, the snapshot's last index marked.
    let edge = attr(&root, &format!("[data-log-node=\"{leader}\"] .entry.compacted.edge"), "data-index");
    assert_eq!(edge, index.to_string());
    let row = find(&root, &format!("[data-log-node=\"{leader}\"] .snapshot"));
    assert_eq!(row.get_attribute("data-snapshot"), Some(index.to_string()));
}

async fn choose(root: &Element, testid: &str, value: &str) {
    use wasm_bindgen::JsCast;
    let select: web_sys::HtmlSelectElement = find(root, &format!("[data-testid=\"{testid}\"]")).dyn_into().unwrap();
    select.set_value(value);
    browser_support::fire(&select, "Event", "change");
    browser_support::settle().await;
}

#[wasm_bindgen_test]
async fn a_local_read_at_an_isolated_old_leader_is_marked_as_breaking_linearizability() {
    let root = browser_support::mount::<RaftPage>().await;
    advance(&root, 4).await;
    let old: u32 = leaders(&root)[0].parse().unwrap();
    // A put of x through the leader, committed.
    click(&root, "[data-testid=\"client-send\"]").await;
    advance(&root, 1).await;
    click(&root, "[data-testid=\"isolate-leader\"]").await;
    advance(&root, 4).await;
    let new: u32 = leaders(&root).iter().map(|l| l.parse().unwrap()).find(|&l| l != old).expect("a new leader");
    // The client's next put, x=2, goes to the new leader, and commits there.
    choose(&root, "client-node", &new.to_string()).await;
    let value: web_sys::HtmlInputElement = {
        use wasm_bindgen::JsCast;
        find(&root, "[data-testid=\"client-value\"]").dyn_into().unwrap()
    };
    value.set_value("2");
    browser_support::fire(&value, "Event", "change");
    browser_support::settle().await;
    click(&root, "[data-testid=\"client-send\"]").await;
    advance(&root, 1).await;
    assert_eq!(attr(&root, "[data-testid=\"history\"]", "data-verdict"), "linearizable");

    // ReadIndex at the old leader never answers (it cannot confirm it still leads).
    choose(&root, "read-node", &old.to_string()).await;
    choose(&root, "read-path", "read_index").await;
    click(&root, "[data-testid=\"read-send\"]").await;
    advance(&root, 1).await;
    assert_eq!(attr(&root, "[data-testid=\"op\"]", "data-status"), "pending", "the newest op: no answer");
    assert_eq!(attr(&root, "[data-testid=\"history\"]", "data-verdict"), "linearizable");

    // A local read there answers at once, with the old value.
    choose(&root, "read-path", "local").await;
    click(&root, "[data-testid=\"read-send\"]").await;
    advance(&root, 1).await;
    assert_eq!(attr(&root, "[data-testid=\"history\"]", "data-verdict"), "broken");
    let broken = find(&root, "[data-testid=\"op\"][data-broken=\"true\"]");
    assert_eq!(broken.get_attribute("data-path").as_deref(), Some("local"));
    let verdict = find(&root, "[data-testid=\"verdict\"]").text_content().unwrap_or_default();
    assert!(verdict.contains("read x (local)"), "{verdict}");
}
