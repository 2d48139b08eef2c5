//! Browser tests of the Raft page: mount it in headless Chromium, drive virtual time with its
//! controls (never the wall clock), click it, and check the DOM's stable hooks.
#![cfg(target_arch = "wasm32")]

use distlab::ui::raft_page::RaftPage;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlInputElement, HtmlSelectElement};

wasm_bindgen_test_configure!(run_in_browser);

mod browser_support;
use browser_support::{all, attr, click, find, fire, settle};

async fn mount() -> Element {
    browser_support::mount::<RaftPage>().await
}

async fn choose(root: &Element, testid: &str, value: &str) {
    let select: HtmlSelectElement = find(root, &format!("[data-testid=\"{testid}\"]")).dyn_into().unwrap();
    select.set_value(value);
    fire(&select, "Event", "change");
    settle().await;
}

/// Press `key` on the page, as a keyboard would.
fn press(key: &str) {
    let f = js_sys::Function::new_with_args(
        "key",
        "document.body.dispatchEvent(new KeyboardEvent('keydown', {key, bubbles: true}))",
    );
    f.call1(&wasm_bindgen::JsValue::NULL, &key.into()).unwrap();
}

/// Run `half_seconds` × 500 ms of virtual time with the "+0.5 s" control.
async fn advance(root: &Element, half_seconds: usize) {
    for _ in 0..half_seconds {
        click(root, "[data-testid=\"advance\"]").await;
    }
}

fn leaders(root: &Element) -> Vec<u32> {
    all(root, "[data-node][data-role=\"leader\"]")
        .iter()
        .map(|e| e.get_attribute("data-node").unwrap().parse().unwrap())
        .collect()
}

fn term_of(root: &Element, node: u32) -> u64 {
    attr(root, &format!("[data-node=\"{node}\"]"), "data-term").parse().unwrap()
}

/// Advance until exactly one node leads (at most 5 s of virtual time); its id.
async fn one_leader(root: &Element) -> u32 {
    for _ in 0..10 {
        advance(root, 1).await;
        if let [leader] = leaders(root)[..] {
            return leader;
        }
    }
    panic!("no single leader: {:?}", leaders(root));
}

fn lane_states(root: &Element, node: u32) -> Vec<String> {
    all(root, &format!("[data-lane=\"{node}\"] [data-state]"))
        .iter()
        .map(|e| e.get_attribute("data-state").unwrap())
        .collect()
}

fn newest_outcome(root: &Element) -> String {
    attr(root, "[data-testid=\"request\"]", "data-outcome")
}

#[wasm_bindgen_test]
async fn a_leader_is_elected_and_the_lanes_show_it() {
    let root = mount().await;
    assert_eq!(all(&root, "[data-node]").len(), 5);
    assert!(leaders(&root).is_empty(), "nobody leads at time 0");
    assert!(all(&root, "[data-node]").iter().all(|n| n.get_attribute("data-state").as_deref() == Some("up")));
    let leader = one_leader(&root).await;
    assert!(term_of(&root, leader) >= 1);
    assert_eq!(attr(&root, "[data-testid=\"leader\"]", "data-leader"), leader.to_string());
    let lane = lane_states(&root, leader);
    assert!(lane.contains(&"candidate".to_string()) && lane.last().map(String::as_str) == Some("leader"), "{lane:?}");
}

#[wasm_bindgen_test]
async fn killing_the_leader_elects_another_in_a_higher_term() {
    let root = mount().await;
    let old = one_leader(&root).await;
    let old_term = term_of(&root, old);
    click(&root, "[data-testid=\"kill-leader\"]").await;
    assert_eq!(attr(&root, &format!("[data-node=\"{old}\"]"), "data-state"), "down");
    let new = one_leader(&root).await;
    assert_ne!(new, old);
    assert!(term_of(&root, new) > old_term, "term {} after {old_term}", term_of(&root, new));
    assert!(lane_states(&root, old).contains(&"down".to_string()), "the old leader's lane shows it down");
    assert!(lane_states(&root, new).contains(&"leader".to_string()));
}

#[wasm_bindgen_test]
async fn an_isolated_node_raises_its_term_and_healing_leaves_one_leader() {
    let root = mount().await;
    let leader = one_leader(&root).await;
    let cut = (leader + 1) % 5;
    let before = term_of(&root, cut);
    for other in (0..5).filter(|&n| n != cut) {
        click(&root, &format!("[data-link=\"{cut}-{other}\"]")).await;
        click(&root, &format!("[data-link=\"{other}-{cut}\"]")).await;
    }
    assert_eq!(all(&root, "[data-link][data-up=\"false\"]").len(), 8);
    advance(&root, 4).await;
    assert!(term_of(&root, cut) > before + 1, "the cut-off node keeps starting elections");
    assert_eq!(leaders(&root), vec![leader], "the majority keeps its leader");
    click(&root, "[data-testid=\"heal\"]").await;
    assert!(all(&root, "[data-link][data-up=\"false\"]").is_empty());
    advance(&root, 4).await;
    let _ = one_leader(&root).await;
    assert_eq!(leaders(&root).len(), 1);
}

#[wasm_bindgen_test]
async fn a_put_through_a_follower_is_redirected_then_committed_at_the_leader() {
    let root = mount().await;
    let leader = one_leader(&root).await;
    let follower = (leader + 2) % 5;
    choose(&root, "client-node", &follower.to_string()).await;
    let key: HtmlInputElement = find(&root, "[data-testid=\"client-key\"]").dyn_into().unwrap();
    key.set_value("color");
    fire(&key, "Event", "change");
    settle().await;
    click(&root, "[data-testid=\"client-send\"]").await;
    assert_eq!(newest_outcome(&root), "redirected", "a follower answers at once with the leader's id");
    click(&root, "[data-testid=\"client-retry\"]").await;
    assert_eq!(newest_outcome(&root), "pending", "the leader answers once the entry commits");
    advance(&root, 1).await;
    assert_eq!(all(&root, "[data-testid=\"request\"]").len(), 2);
    assert_eq!(newest_outcome(&root), "ok");
    for n in 0..5 {
        let kv = find(&root, &format!("[data-testid=\"kv-{n}\"]")).text_content().unwrap();
        assert!(kv.contains("color=1"), "node {n} applied: {kv}");
    }
    assert!(all(&root, "[data-log-node]").iter().all(|r| r.get_attribute("data-commit").as_deref() == Some("2")));
}

/// Cut off a follower, commit a put without it, heal; true if the invariant panel turned red.
async fn stale_follower_returns(root: &Element) -> bool {
    let leader = one_leader(root).await;
    let stale = (leader + 1) % 5;
    click(root, &format!("[data-node=\"{stale}\"]")).await;
    click(root, "[data-testid=\"isolate\"]").await;
    click(root, "[data-testid=\"client-send\"]").await;
    advance(root, 2).await;
    assert_eq!(newest_outcome(root), "ok");
    assert_eq!(attr(root, "[data-testid=\"invariants\"]", "data-state"), "green");
    click(root, "[data-testid=\"heal\"]").await;
    advance(root, 4).await;
    attr(root, "[data-testid=\"invariants\"]", "data-state") == "red"
}

#[wasm_bindgen_test]
async fn voting_without_the_log_check_turns_the_invariant_panel_red() {
    let root = mount().await;
    assert!(!stale_follower_returns(&root).await, "correct Raft keeps every invariant");
    let root = mount().await;
    click(&root, "[data-testid=\"bug-vote_without_log_check\"]").await;
    let checkbox: HtmlInputElement = find(&root, "[data-testid=\"bug-vote_without_log_check\"]").dyn_into().unwrap();
    assert!(checkbox.checked());
    assert!(stale_follower_returns(&root).await, "the stale node's election breaks an invariant");
    assert!(!all(&root, "[data-testid=\"invariant\"][data-ok=\"false\"]").is_empty());
    assert!(!all(&root, "[data-node].flagged").is_empty(), "the nodes involved are highlighted");
    assert!(!all(&root, ".entry.flagged").is_empty(), "and the log entry at fault");
}

#[wasm_bindgen_test]
async fn keys_pause_play_and_show_the_list() {
    let root = mount().await;
    press(".");
    settle().await;
    assert!(root.query_selector("[data-testid=\"pause\"]").unwrap().is_some(), "'.' plays");
    press(" ");
    settle().await;
    assert!(root.query_selector("[data-testid=\"play\"]").unwrap().is_some(), "space pauses");
    press("?");
    settle().await;
    assert!(root.query_selector("[data-testid=\"keys-help\"]").unwrap().is_some());
}

#[wasm_bindgen_test]
async fn a_message_can_be_inspected_then_dropped_and_k_kills_the_leader() {
    let root = mount().await;
    let leader = one_leader(&root).await;
    choose(&root, "message-click", "inspect").await;
    let msg = find(&root, "[data-msg]").get_attribute("data-msg").unwrap();
    click(&root, &format!("[data-msg=\"{msg}\"]")).await;
    assert_eq!(attr(&root, "[data-testid=\"message-inspector\"]", "data-inspected-msg"), msg);
    let text = find(&root, "[data-testid=\"message-inspector\"]").text_content().unwrap();
    assert!(text.contains("term"), "every field is listed: {text}");
    click(&root, "[data-testid=\"drop-message\"]").await;
    assert!(root.query_selector(&format!("[data-msg=\"{msg}\"]")).unwrap().is_none(), "dropped");
    press("k");
    settle().await;
    assert_eq!(attr(&root, &format!("[data-node=\"{leader}\"]"), "data-state"), "down");
}

#[wasm_bindgen_test]
async fn with_pre_vote_and_check_quorum_an_isolated_node_keeps_its_term() {
    let root = mount().await;
    for feature in ["pre-vote", "check-quorum"] {
        let input: HtmlInputElement = find(&root, &format!("[data-testid=\"{feature}\"]")).dyn_into().unwrap();
        assert!(!input.checked());
        input.click();
        settle().await;
        let input: HtmlInputElement = find(&root, &format!("[data-testid=\"{feature}\"]")).dyn_into().unwrap();
        assert!(input.checked(), "{feature} is on in the fresh run");
    }
    let leader = one_leader(&root).await;
    let cut = (leader + 1) % 5;
    let before = term_of(&root, cut);
    for other in (0..5).filter(|&n| n != cut) {
        click(&root, &format!("[data-link=\"{cut}-{other}\"]")).await;
        click(&root, &format!("[data-link=\"{other}-{cut}\"]")).await;
    }
    advance(&root, 4).await;
    assert_eq!(term_of(&root, cut), before, "pre-votes fail alone: the term does not rise");
    let role = attr(&root, &format!("[data-node=\"{cut}\"]"), "data-role");
    assert!(role == "pre_candidate" || role == "follower", "{role}");
    click(&root, "[data-testid=\"heal\"]").await;
    advance(&root, 2).await;
    assert_eq!(leaders(&root), vec![leader], "the leader was never disturbed");
}

#[wasm_bindgen_test]
async fn leadership_moves_to_the_inspected_node_with_make_leader() {
    let root = mount().await;
    let leader = one_leader(&root).await;
    let term = term_of(&root, leader);
    let target = (leader + 3) % 5;
    click(&root, &format!("[data-node=\"{target}\"]")).await;
    click(&root, "[data-testid=\"transfer\"]").await;
    advance(&root, 1).await;
    assert_eq!(leaders(&root), vec![target]);
    assert_eq!(term_of(&root, target), term + 1, "the next term, with no split vote");
}

#[wasm_bindgen_test]
async fn pre_vote_and_append_entries_replies_are_drawn_as_replies_and_requests_as_discs() {
    let root = mount().await;
    let input: HtmlInputElement = find(&root, "[data-testid=\"pre-vote\"]").dyn_into().unwrap();
    input.click();
    settle().await;
    let advance =
        js_sys::Function::new_with_args("us", "window.dispatchEvent(new CustomEvent('distlab-advance', {detail: us}))");
    let mut seen = std::collections::BTreeSet::new();
    // 5 ms of virtual time at a time through the first election and a few heartbeats.
    for _ in 0..200 {
        advance.call1(&wasm_bindgen::JsValue::NULL, &5_000.0.into()).unwrap();
        settle().await;
        for group in all(&root, "[data-msg][data-kind]") {
            let kind = group.get_attribute("data-kind").unwrap();
            let diamond = group.query_selector("rect.body").unwrap().is_some();
            let disc = group.query_selector("circle.body").unwrap().is_some();
            assert_eq!((diamond, disc), (kind.ends_with("Reply"), !kind.ends_with("Reply")), "{kind}");
            seen.insert(kind);
        }
    }
    for kind in ["PreVote", "PreVoteReply", "RequestVote", "RequestVoteReply", "AppendEntriesReply"] {
        assert!(seen.contains(kind), "{kind} never seen in flight: {seen:?}");
    }
}

/// Press `key` with the focus on `target`, as a keyboard would.
fn press_on(target: &Element, key: &str) {
    let f = js_sys::Function::new_with_args(
        "target, key",
        "target.focus(); target.dispatchEvent(new KeyboardEvent('keydown', {key, bubbles: true}))",
    );
    f.call2(&wasm_bindgen::JsValue::NULL, target, &key.into()).unwrap();
}

#[wasm_bindgen_test]
async fn keys_work_with_the_focus_on_a_clicked_button_or_switch_but_not_in_a_text_field() {
    let root = mount().await;
    // After a click on "heal all", Space plays: it is not handed to the focused button.
    click(&root, "[data-testid=\"heal\"]").await;
    press_on(&find(&root, "[data-testid=\"heal\"]"), " ");
    settle().await;
    assert!(root.query_selector("[data-testid=\"pause\"]").unwrap().is_some(), "space played with a button focused");
    press_on(&find(&root, "[data-testid=\"pre-vote\"]"), " ");
    settle().await;
    assert!(root.query_selector("[data-testid=\"play\"]").unwrap().is_some(), "space paused with a switch focused");
    // Typing in the client's value field types: no shortcut.
    press_on(&find(&root, "[data-testid=\"client-value\"]"), " ");
    settle().await;
    assert!(root.query_selector("[data-testid=\"play\"]").unwrap().is_some(), "space in a text field is text");
    press_on(&find(&root, "[data-testid=\"client-value\"]"), "?");
    settle().await;
    assert!(root.query_selector("[data-testid=\"keys-help\"]").unwrap().is_none(), "'?' in a text field is text");
    press_on(&find(&root, "[data-testid=\"heal\"]"), "?");
    settle().await;
    assert!(root.query_selector("[data-testid=\"keys-help\"]").unwrap().is_some(), "'?' lists the keys");
}

#[wasm_bindgen_test]
async fn a_value_typed_and_sent_at_once_is_the_value_sent() {
    let root = mount().await;
    one_leader(&root).await;
    // The field shows 0 but has not lost the focus: no change event has reached the page yet.
    let value: HtmlInputElement = find(&root, "[data-testid=\"client-value\"]").dyn_into().unwrap();
    value.set_value("0");
    click(&root, "[data-testid=\"client-send\"]").await;
    advance(&root, 1).await;
    assert_eq!(newest_outcome(&root), "ok");
    let kv = find(&root, "[data-testid=\"kv-0\"]").text_content().unwrap();
    assert!(kv.contains("x=0"), "the value the field showed was sent: {kv}");
    assert_eq!(value.value(), "0", "and the field still shows it");
}

#[wasm_bindgen_test]
async fn killing_the_leader_when_there_is_none_says_why() {
    let root = mount().await;
    assert!(leaders(&root).is_empty(), "no leader at 0 s");
    click(&root, "[data-testid=\"kill-leader\"]").await;
    let notice = find(&root, "[data-testid=\"preset-notice\"]").text_content().unwrap();
    assert!(notice.contains("no leader"), "{notice}");
    one_leader(&root).await;
    assert!(all(&root, "[data-testid=\"preset-notice\"]").is_empty(), "gone once a leader is shown");
}

#[wasm_bindgen_test]
async fn the_page_opens_with_what_to_try_first_until_it_plays() {
    let root = mount().await;
    let hint = find(&root, "[data-testid=\"start-hint\"]").text_content().unwrap();
    assert!(hint.contains("Play") && hint.contains("Kill the leader"), "{hint}");
    // Played with this page's own button (Space would reach every page the tests mounted).
    click(&root, ".play-toggle").await;
    assert!(all(&root, "[data-testid=\"start-hint\"]").is_empty(), "gone once the run plays");
    click(&root, ".play-toggle").await;
    assert_eq!(attr(&root, ".play-toggle", "aria-pressed"), "false");
}

/// The leaders the cluster draws, as (node, term).
fn drawn_leaders(root: &Element) -> Vec<(String, String)> {
    all(root, "[data-role=\"leader\"][data-node]")
        .iter()
        .map(|n| (n.get_attribute("data-node").unwrap(), n.get_attribute("data-term").unwrap_or_default()))
        .collect()
}

/// Each of these toggles' lessons opens before its failure, plays slowly, says what to watch,
/// shows its tab, and plays into its damage (a page per few lessons: each replays seconds of run).
async fn lessons_open_before_their_failure_and_play_into_it(bugs: &[distlab::raft::Bug]) {
    use distlab::lab::raft::lessons::{BugLesson, Damage};
    let root = mount().await;
    for lesson in bugs.iter().map(|&bug| BugLesson::of(bug).expect("every toggle has a lesson")) {
        click(&root, &format!("[data-testid=\"lesson-{}\"]", lesson.bug.name())).await;
        for _ in 0..200 {
            if all(&root, "[data-testid=\"landing\"]").is_empty() {
                break;
            }
            gloo_timers::future::TimeoutFuture::new(50).await;
            settle().await;
        }
        let what = lesson.bug.name();
        let now: u64 = attr(&root, "[data-testid=\"time\"]", "data-us").parse().unwrap();
        assert!(now >= lesson.opens_at() && now < lesson.breaks_at, "{what}: opens before the failure, at {now}");
        assert_eq!(attr(&root, "[data-testid=\"invariants\"]", "data-state"), "green", "{what}");
        assert_eq!(attr(&root, ".play-toggle", "aria-pressed"), "true", "{what}: it plays");
        assert!(find(&root, "[data-testid=\"speed-value\"]").text_content().unwrap().contains("1/4"), "{what}: slowly");
        assert_eq!(attr(&root, "[data-testid=\"lesson-watch\"]", "data-lesson"), what, "{what}: says what to watch");
        assert_eq!(all(&root, &format!("[data-testid=\"bug-{what}\"]:checked")).len(), 1, "{what}: its toggle is on");
        assert_eq!(attr(&root, &format!("[data-testid=\"tab-{}\"]", lesson.tab()), "aria-selected"), "true", "{what}");
        let leaders_then = drawn_leaders(&root);
        match lesson.damage {
            Damage::Invariant(invariant) => {
                advance(&root, 4).await;
                assert_eq!(attr(&root, "[data-testid=\"invariants\"]", "data-state"), "red", "{what}: it breaks");
                let broken = attr(&root, &format!("[data-testid=\"invariant\"][data-name=\"{invariant}\"]"), "data-ok");
                assert_eq!(broken, "false", "{what}: {invariant} breaks");
            }
            Damage::NoNewLeader => {
                advance(&root, 3).await;
                let now: u64 = attr(&root, "[data-testid=\"time\"]", "data-us").parse().unwrap();
                assert!(now >= lesson.breaks_at, "{what}: at {now}");
                let leaders = drawn_leaders(&root);
                assert!(leaders.iter().all(|l| leaders_then.contains(l)), "{what}: {leaders:?} after {leaders_then:?}");
            }
            Damage::StaleRead => {
                assert_ne!(attr(&root, "[data-testid=\"history\"]", "data-verdict"), "broken", "{what}: fresh first");
                advance(&root, 4).await;
                assert_eq!(attr(&root, "[data-testid=\"history\"]", "data-verdict"), "broken", "{what}: a stale read");
            }
        }
    }
}

#[wasm_bindgen_test]
async fn the_figure_8_and_forgotten_vote_lessons_play_into_their_violations() {
    use distlab::raft::Bug;
    lessons_open_before_their_failure_and_play_into_it(&[Bug::CommitOldTermByCount, Bug::ForgetVoteOnRestart]).await;
}

#[wasm_bindgen_test]
async fn the_log_check_and_consistency_check_lessons_play_into_their_violations() {
    use distlab::raft::Bug;
    lessons_open_before_their_failure_and_play_into_it(&[Bug::VoteWithoutLogCheck, Bug::SkipConsistencyCheck]).await;
}

#[wasm_bindgen_test]
async fn the_membership_lesson_and_the_equal_timeouts_lesson_play_into_their_failures() {
    use distlab::raft::Bug;
    lessons_open_before_their_failure_and_play_into_it(&[
        Bug::ConfigChangeBeforeTermCommit,
        Bug::NoTimeoutRandomization,
    ])
    .await;
}

#[wasm_bindgen_test]
async fn the_read_index_and_pre_candidate_lessons_show_a_stale_read_and_a_stalled_election() {
    use distlab::raft::Bug;
    lessons_open_before_their_failure_and_play_into_it(&[Bug::ReadIndexWithoutHeartbeat, Bug::PreCandidateKeepsLeader])
        .await;
}

#[wasm_bindgen_test]
async fn the_sequence_diagram_shares_the_first_row_and_the_other_panels_are_one_click_away() {
    let root = mount().await;
    find(&root, ".stage > .replay-row [data-testid=\"sequence-diagram\"]");
    find(&root, ".stage > .side [data-testid=\"invariants\"]");
    let hidden = |id: &str| find(&root, &format!("#tabpanel-{id}")).has_attribute("hidden");
    assert!(!hidden("logs") && hidden("client") && hidden("settings"), "the logs first, the rest behind tabs");
    click(&root, "[data-testid=\"tab-client\"]").await;
    assert!(hidden("logs") && !hidden("client"));
    assert_eq!(attr(&root, "[data-testid=\"tab-client\"]", "aria-selected"), "true");
    find(&root, "#tabpanel-client [data-testid=\"client-send\"]");
}

#[wasm_bindgen_test]
async fn a_broadcast_in_the_sequence_diagram_carries_one_label_not_one_per_arrow() {
    let root = mount().await;
    one_leader(&root).await;
    advance(&root, 1).await;
    let arrows = all(&root, ".seq-arrow");
    let labels: Vec<(String, String, String)> = all(&root, ".seq-arrow .kind")
        .iter()
        .map(|l| (l.get_attribute("x").unwrap(), l.get_attribute("y").unwrap(), l.text_content().unwrap()))
        .collect();
    assert!(labels.len() < arrows.len(), "{} labels for {} arrows", labels.len(), arrows.len());
    assert!(labels.iter().any(|l| l.2.contains('×')), "a heartbeat to four followers says ×4: {labels:?}");
    for (i, a) in labels.iter().enumerate() {
        assert!(labels[i + 1..].iter().all(|b| (&a.0, &a.1) != (&b.0, &b.1)), "two labels at one place: {a:?}");
    }
}

#[wasm_bindgen_test]
async fn the_role_lanes_span_the_run_and_letter_each_role() {
    let root = mount().await;
    let leader = one_leader(&root).await;
    advance(&root, 1).await;
    let end = find(&root, "[data-testid=\"role-lanes\"] .axis-label.end").text_content().unwrap();
    let now: u64 = attr(&root, "[data-testid=\"time\"]", "data-us").parse().unwrap();
    assert!(now <= 5_000_000 && (end == "2.000 s" || end == "5.000 s"), "a short run fills the lanes: {end} at {now}");
    let letters: Vec<String> = all(&root, &format!("[data-lane=\"{leader}\"] .seg.leader .role-letter"))
        .iter()
        .map(|e| e.text_content().unwrap())
        .collect();
    assert_eq!(letters, ["L"], "the leader's lane says L, not only by colour");
}

#[wasm_bindgen_test]
async fn the_client_history_fits_its_card() {
    let root = mount().await;
    let leader = one_leader(&root).await;
    click(&root, "[data-testid=\"tab-client\"]").await;
    let key: HtmlInputElement = find(&root, "[data-testid=\"client-key\"]").dyn_into().unwrap();
    key.set_value("a-rather-long-key-name-that-a-student-typed");
    choose(&root, "client-node", &((leader + 1) % 5).to_string()).await;
    for _ in 0..3 {
        click(&root, "[data-testid=\"client-send\"]").await;
    }
    advance(&root, 1).await;
    let card = find(&root, "[data-testid=\"client-panel\"]");
    let table = find(&root, "[data-testid=\"client-history\"]");
    let (card_width, table_width) = (card.client_width(), table.scroll_width());
    assert!(card_width > 0, "the tab shows the card");
    assert!(table_width <= card_width, "the history table ({table_width} px) overflows its card ({card_width} px)");
}

/// An element's box on the page: left, top, right, bottom.
fn rect(e: &Element) -> [f64; 4] {
    let f = js_sys::Function::new_with_args(
        "e",
        "const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom];",
    );
    let v: js_sys::Array = f.call1(&wasm_bindgen::JsValue::NULL, e).unwrap().into();
    [0, 1, 2, 3].map(|i| v.get(i).as_f64().unwrap())
}

/// The drawn boxes of the sequence diagram's labels, and the diagram's own box.
fn label_boxes(root: &Element) -> (Vec<(String, [f64; 4])>, [f64; 4]) {
    // The arrows' labels and the time labels in the window's corners.
    let labels =
        all(root, ".seq-arrow .kind, .sequence .time-label").into_iter().map(|l| (l.text_content().unwrap(), rect(&l)));
    (labels.collect(), rect(&find(root, "[data-testid=\"sequence-diagram\"]")))
}

#[wasm_bindgen_test]
async fn the_sequence_diagrams_labels_neither_overlap_nor_leave_the_drawing_in_either_mode() {
    browser_support::load_styles();
    let root = mount().await;
    choose(&root, "nodes", "5").await;
    one_leader(&root).await;
    // A client's writes make AppendEntries and their replies beside the heartbeats.
    for _ in 0..6 {
        click(&root, "[data-testid=\"tab-client\"]").await;
        click(&root, "[data-testid=\"client-send\"]").await;
        click(&root, "[data-testid=\"step\"]").await;
    }
    for (mode, class) in [("normal", "app"), ("presentation", "app presentation")] {
        root.set_class_name(class);
        for _ in 0..3 {
            click(&root, "[data-testid=\"step\"]").await;
            let (labels, svg) = label_boxes(&root);
            assert!(labels.len() >= 4, "{mode}: labels drawn: {}", labels.len());
            let [left, top, right, bottom] = svg;
            let plot_top = top + (bottom - top) * 26.0 / 470.0;
            for (i, (text, a)) in labels.iter().enumerate() {
                let inside =
                    a[0] >= left - 0.5 && a[2] <= right + 0.5 && a[1] >= plot_top - 1.0 && a[3] <= bottom + 0.5;
                assert!(inside, "{mode}: {text} at {a:?} leaves {svg:?} (plot from {plot_top})");
                for (other, b) in &labels[i + 1..] {
                    let apart = a[2] <= b[0] || b[2] <= a[0] || a[3] <= b[1] || b[3] <= a[1];
                    assert!(apart, "{mode}: {text} {a:?} and {other} {b:?} overlap");
                }
            }
        }
    }
    root.set_class_name("");
}
