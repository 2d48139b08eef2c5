//! Browser tests of the distributed-locks page: mount it in headless Chromium, drive virtual time
//! with its "+0.5 s" control (never the wall clock), click it, and check the DOM's stable hooks.
#![cfg(target_arch = "wasm32")]

use distlab::ui::i18n::Lang;
use distlab::ui::locks_page::LocksPage;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

mod browser_support;
use browser_support::{all, attr, click, find, fire, settle};

async fn mount() -> Element {
    browser_support::mount::<LocksPage>().await
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

fn value(root: &Element, testid: &str) -> i64 {
    attr(root, &format!("[data-testid=\"{testid}\"]"), "data-value").parse().unwrap()
}

fn roles(root: &Element) -> Vec<String> {
    all(root, "[data-node][data-role]").iter().map(|e| e.get_attribute("data-role").unwrap()).collect()
}

#[wasm_bindgen_test]
async fn the_page_mounts_with_storage_redis_and_clients_who_buy() {
    let root = mount().await;
    assert_eq!(roles(&root), ["storage", "redis", "client", "client", "client", "client"]);
    assert_eq!(value(&root, "stock"), 100);
    assert_eq!(attr(&root, "[data-testid=\"invariants\"]", "data-state"), "green");
    advance(&root, 2).await;
    assert!(value(&root, "stock") < 100, "the stock goes down");
    assert!(value(&root, "acquisitions") > 0);
    assert!(!all(&root, "[data-testid=\"section\"]").is_empty(), "the resource timeline has bars");
    assert_eq!(attr(&root, "[data-testid=\"invariants\"]", "data-state"), "green");
}

#[wasm_bindgen_test]
async fn a_lease_shorter_than_the_critical_section_turns_the_invariants_red_with_an_overlap() {
    let root = mount().await;
    choose(&root, "scenario", "lease-too-short").await;
    assert!(!find(&root, "[data-testid=\"scenario-what\"]").text_content().unwrap_or_default().is_empty());
    for _ in 0..10 {
        advance(&root, 1).await;
        if attr(&root, "[data-testid=\"invariants\"]", "data-state") == "red" {
            break;
        }
    }
    assert_eq!(attr(&root, "[data-testid=\"invariants\"]", "data-state"), "red");
    assert_eq!(attr(&root, "[data-testid=\"invariant\"][data-name=\"Mutual Exclusion\"]", "data-ok"), "false");
    assert_eq!(attr(&root, "[data-testid=\"sections\"]", "data-overlap"), "true");
    assert!(!all(&root, "[data-testid=\"section\"][data-overlap=\"true\"]").is_empty());
}

#[wasm_bindgen_test]
async fn a_recipe_switch_restarts_the_run_with_it() {
    let root = mount().await;
    advance(&root, 2).await;
    let watchdog: HtmlInputElement = find(&root, "[data-testid=\"switch-watchdog\"]").dyn_into().unwrap();
    assert!(!watchdog.checked());
    click(&root, "[data-testid=\"switch-watchdog\"]").await;
    let watchdog: HtmlInputElement = find(&root, "[data-testid=\"switch-watchdog\"]").dyn_into().unwrap();
    assert!(watchdog.checked(), "the new run has the watchdog");
    assert_eq!(value(&root, "stock"), 100, "a fresh run");
    let select: HtmlSelectElement = find(&root, "[data-testid=\"scenario\"]").dyn_into().unwrap();
    assert_eq!(select.value(), "custom");
    choose(&root, "switch-service", "3").await;
    assert_eq!(roles(&root)[1], "zookeeper");
    advance(&root, 2).await;
    assert!(!all(&root, "[data-testid=\"znode\"]").is_empty() || value(&root, "acquisitions") > 0);
}

#[wasm_bindgen_test]
async fn pausing_a_client_shows_it_paused() {
    let root = mount().await;
    advance(&root, 1).await;
    click(&root, "[data-testid=\"pause-2\"]").await;
    assert_eq!(attr(&root, "[data-node=\"2\"][data-role]", "data-state"), "paused");
    assert_eq!(attr(&root, "[data-testid=\"client\"][data-node=\"2\"]", "data-state"), "paused");
    click(&root, "[data-testid=\"resume-2\"]").await;
    assert_ne!(attr(&root, "[data-testid=\"client\"][data-node=\"2\"]", "data-state"), "paused");
}

#[wasm_bindgen_test]
async fn a_server_clock_jump_is_recorded_and_shown() {
    let root = mount().await;
    click(&root, "[data-testid=\"jump-1\"]").await;
    let skew: i64 = attr(&root, "[data-server=\"1\"] [data-skew]", "data-skew").parse().unwrap();
    assert_eq!(skew, 20_000_000);
}

/// The page under a Chinese language context.
#[component]
fn ChineseLocks() -> Html {
    html! { <ContextProvider<Lang> context={Lang::Zh}><LocksPage /></ContextProvider<Lang>> }
}

#[wasm_bindgen_test]
async fn the_page_reads_in_chinese_with_the_same_hooks() {
    let root = browser_support::mount::<ChineseLocks>().await;
    advance(&root, 1).await;
    assert!(find(&root, "h1").text_content().unwrap().contains("分布式锁"));
    assert_eq!(roles(&root)[0], "storage");
    let lines: String = all(&root, "[data-node] .line").iter().filter_map(|e| e.text_content()).collect();
    assert!(lines.contains("库存"), "{lines}");
    assert!(!all(&root, "[data-event=\"send\"]").is_empty(), "the event log's hooks stay in English");
    let recipe = find(&root, "[data-testid=\"recipe\"]").text_content().unwrap();
    assert!(recipe.contains("看门狗") && recipe.contains("防护令牌"), "{recipe}");
}

#[wasm_bindgen_test]
async fn the_app_has_a_locks_tab_that_mounts_the_page() {
    let root = browser_support::mount::<distlab::ui::App>().await;
    click(&root, "[data-testid=\"lab-locks\"]").await;
    assert_eq!(attr(&root, "[data-testid=\"app\"]", "data-lab"), "locks");
    find(&root, "[data-testid=\"locks-page\"]");
    click(&root, "[data-testid=\"lab-network\"]").await;
}

#[wasm_bindgen_test]
async fn the_etcd_queue_shows_members_with_raft_roles_keys_by_create_revision_and_leases() {
    let root = mount().await;
    choose(&root, "scenario", "etcd-queue").await;
    assert_eq!(&roles(&root)[1..4], ["follower", "follower", "follower"], "three etcd members boot as followers");
    let mut queued = 0;
    for _ in 0..12 {
        advance(&root, 1).await;
        queued = all(&root, "[data-server] [data-testid=\"znode\"]").len();
        if queued >= 3 * 3 {
            break;
        }
    }
    let r = roles(&root);
    assert_eq!(r[1..4].iter().filter(|r| *r == "leader").count(), 1, "one leader: {r:?}");
    assert!(queued >= 9, "each member shows a queue of three or more keys: {queued}");
    let leader = all(&root, "[data-server]")
        .into_iter()
        .find(|s| s.query_selector("[data-raft-role=\"leader\"]").unwrap().is_some());
    let leader = leader.expect("the leader's card");
    let revisions: Vec<u64> = all(&leader, "[data-revision]")
        .iter()
        .map(|e| e.get_attribute("data-revision").unwrap().parse().unwrap())
        .collect();
    assert!(revisions.windows(2).all(|w| w[0] < w[1]), "ordered by create revision: {revisions:?}");
    let queue = all(&leader, "[data-testid=\"znode\"]");
    assert!(queue[0].get_attribute("data-watches").is_none(), "the first holds");
    assert_eq!(queue[1].get_attribute("data-watches"), queue[0].get_attribute("data-znode"), "the next watches it");
    assert!(!all(&leader, "[data-testid=\"lease\"][data-left]").is_empty(), "the leader's lessor drains the leases");
    assert_eq!(attr(&root, "[data-testid=\"invariants\"]", "data-state"), "green");
}

#[wasm_bindgen_test]
async fn clicking_a_node_opens_the_inspector_with_every_field_and_closing_it_returns_the_hint() {
    let root = mount().await;
    find(&root, "[data-testid=\"inspector-hint\"]");
    advance(&root, 1).await;
    click(&root, "[data-node=\"2\"][data-role]").await;
    assert_eq!(attr(&root, "[data-testid=\"inspector\"]", "data-inspected"), "2");
    let text = find(&root, "[data-testid=\"inspector\"]").text_content().unwrap();
    for label in ["phase", "token", "acquisitions", "messages sent"] {
        assert!(text.contains(label), "client rows name {label}: {text}");
    }
    click(&root, "[data-node=\"0\"][data-role]").await;
    let text = find(&root, "[data-testid=\"inspector\"]").text_content().unwrap();
    assert!(text.contains("initial stock") && text.contains("sales"), "{text}");
    click(&root, "[data-testid=\"inspector-close\"]").await;
    find(&root, "[data-testid=\"inspector-hint\"]");
}

#[wasm_bindgen_test]
async fn the_inspector_shows_an_etcd_members_raft_and_mvcc_state() {
    let root = mount().await;
    choose(&root, "scenario", "etcd-queue").await;
    advance(&root, 6).await;
    click(&root, "[data-node=\"1\"][data-role]").await;
    let text = find(&root, "[data-testid=\"inspector\"]").text_content().unwrap();
    assert!(text.contains("revision") && text.contains("lease") && text.contains("create"), "{text}");
}

#[wasm_bindgen_test]
async fn the_legend_explains_roles_queue_arrows_leases_and_overlaps() {
    let root = mount().await;
    let entries = |root: &Element| -> Vec<String> {
        all(root, "[data-testid=\"locks-legend\"] [data-legend]")
            .iter()
            .map(|e| e.get_attribute("data-legend").unwrap())
            .collect()
    };
    // Redis: no etcd roles, no queue arrows, since the page draws none.
    assert_eq!(entries(&root), ["storage", "server", "client", "paused", "flagged", "ttl", "overlap"]);
    for item in all(&root, "[data-testid=\"locks-legend\"] [data-legend]") {
        assert!(!item.text_content().unwrap_or_default().is_empty());
    }
    find(&root, ".legend .msg");
    choose(&root, "switch-service", "4").await;
    assert_eq!(
        entries(&root),
        ["storage", "etcd-leader", "etcd-follower", "client", "paused", "flagged", "watch", "ttl", "overlap"]
    );
}

#[wasm_bindgen_test]
async fn the_etcd_service_is_offered_by_the_recipe_with_its_session_switch() {
    let root = mount().await;
    choose(&root, "switch-service", "4").await;
    assert_eq!(roles(&root).len(), 1 + 3 + 4, "storage, three members, four clients");
    find(&root, "[data-testid=\"switch-session\"]");
    find(&root, "[data-testid=\"switch-herd\"]");
    assert!(root.query_selector("[data-testid=\"switch-watchdog\"]").unwrap().is_none());
    advance(&root, 6).await;
    assert!(value(&root, "acquisitions") > 0, "the Mutex grants the lock once a leader is elected");
}

#[wasm_bindgen_test]
async fn the_keys_list_opens_with_a_question_mark_and_lists_the_shell_keys() {
    let root = browser_support::mount::<LocksPage>().await;
    let f = js_sys::Function::new_with_args(
        "key",
        "document.body.dispatchEvent(new KeyboardEvent('keydown', {key, bubbles: true}))",
    );
    f.call1(&wasm_bindgen::JsValue::NULL, &"?".into()).unwrap();
    settle().await;
    let list = find(&root, "[data-testid=\"keys-help\"]");
    assert_eq!(list.query_selector_all(".row").unwrap().length(), 3, "play, step, help");
    click(&root, "[data-testid=\"keys-close\"]").await;
    assert!(root.query_selector("[data-testid=\"keys-help\"]").unwrap().is_none());
}

/// The node ids drawn with role `role`.
fn nodes_of_role(root: &Element, role: &str) -> Vec<String> {
    all(root, &format!("[data-node][data-role=\"{role}\"]"))
        .iter()
        .map(|e| e.get_attribute("data-node").unwrap())
        .collect()
}

#[wasm_bindgen_test]
async fn picking_a_scenario_plays_it_and_after_its_overlap_the_invariants_agree_with_the_counters() {
    let root = mount().await;
    choose(&root, "scenario", "lease-too-short").await;
    assert_eq!(attr(&root, "[data-testid=\"play\"], .play-toggle", "aria-pressed"), "true", "a picked scenario starts");
    // Two holders overlap first; the stale write that oversells comes after.
    for _ in 0..40 {
        advance(&root, 1).await;
        if value(&root, "oversold") > 0 {
            break;
        }
    }
    assert!(value(&root, "oversold") > 0, "the lesson oversells");
    assert_eq!(attr(&root, "[data-testid=\"invariant\"][data-name=\"Mutual Exclusion\"]", "data-ok"), "false");
    assert_eq!(
        attr(&root, "[data-testid=\"invariant\"][data-name=\"No Oversell\"]", "data-ok"),
        "false",
        "\"Oversold items\" above zero and \"No Oversell: holds\" never sit side by side"
    );
    advance(&root, 4).await;
    assert_eq!(
        attr(&root, "[data-testid=\"invariant\"][data-name=\"No Oversell\"]", "data-ok"),
        "false",
        "it stays broken"
    );
    // Rewound with the scrub bar to before the overlap, every invariant holds again.
    let scrub: HtmlInputElement = find(&root, "[data-testid=\"scrub\"]").dyn_into().unwrap();
    scrub.set_value("100000");
    fire(&scrub, "Event", "input");
    settle().await;
    assert_eq!(attr(&root, "[data-testid=\"invariants\"]", "data-state"), "green");
}

#[wasm_bindgen_test]
async fn the_legend_and_the_drawing_show_the_locks_lab_own_marks() {
    let root = mount().await;
    let legend = find(&root, "[data-testid=\"legend\"]").text_content().unwrap();
    assert!(legend.contains("SET NX PX"), "{legend}");
    assert!(!legend.contains("suspects"), "no failure detector on this page: {legend}");
    // Clients talk to the servers and the storage, never to each other.
    let clients = nodes_of_role(&root, "client");
    assert_eq!(clients.len(), 4);
    for link in all(&root, "[data-link]").iter().map(|l| l.get_attribute("data-link").unwrap()) {
        let (from, to) = link.split_once('-').unwrap();
        assert!(!(clients.contains(&from.to_string()) && clients.contains(&to.to_string())), "client link {link}");
    }
    assert!(!all(&root, "[data-link]").is_empty());
    // Every message in flight carries its command's name.
    let mut seen = 0;
    for _ in 0..6 {
        click(&root, "[data-testid=\"step\"]").await;
        for m in all(&root, "[data-msg]") {
            let label = m.text_content().unwrap_or_default();
            assert!(!label.trim().is_empty(), "an unlabelled message");
            seen += 1;
        }
    }
    assert!(seen > 0, "messages were in flight");
}

#[wasm_bindgen_test]
async fn the_chinese_inspector_has_no_raw_engine_values() {
    let root = browser_support::mount::<ChineseLocks>().await;
    advance(&root, 3).await;
    for node in ["1", "2", "3"] {
        click(&root, &format!("[data-node=\"{node}\"]")).await;
        let text = find(&root, "[data-testid=\"inspector\"]").text_content().unwrap();
        for raw in ["None", "Thinking", "Acquiring", "Idle", "Reading", "Writing", "AofAlways", "Some("] {
            assert!(!text.contains(raw), "node {node}: {raw} in {text}");
        }
    }
    let timers = all(&root, "[data-event=\"timer\"] .detail");
    assert!(!timers.is_empty(), "timers fired");
    for timer in timers.iter().map(|e| e.text_content().unwrap()) {
        assert!(!timer.chars().any(|c| c.is_ascii_lowercase()), "an untranslated timer: {timer}");
    }
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
async fn every_failure_scenario_opens_just_before_its_violation_and_plays_slowly_into_it() {
    use distlab::lab::lesson::LEAD;
    use distlab::lab::locks::scenarios::Named;
    use distlab::ui::i18n::locks::watch_text;
    let root = mount().await;
    let lessons: Vec<Named> = Named::ALL.into_iter().filter(|n| watch_text(Lang::En, *n).is_some()).collect();
    assert_eq!(lessons.len(), 11, "every scenario that breaks an invariant is a lesson");
    for named in lessons {
        let what = named.id();
        choose(&root, "scenario", what).await;
        landed(&root).await;
        let opened: u64 = attr(&root, "[data-testid=\"time\"]", "data-us").parse().unwrap();
        assert_eq!(attr(&root, "[data-testid=\"invariants\"]", "data-state"), "green", "{what}: clean when it opens");
        assert_eq!(attr(&root, ".play-toggle", "aria-pressed"), "true", "{what}: it plays");
        // A quarter of real time; slower still for a failure within the first 1.5 s (it opens at 0 s).
        let speed = find(&root, "[data-testid=\"speed-value\"]").text_content().unwrap();
        assert!(speed.starts_with("1/") && (opened < LEAD || speed == "1/4×"), "{what}: slowly, at {speed}");
        assert_eq!(attr(&root, "[data-testid=\"lesson-watch\"]", "data-lesson"), what, "{what}: says what to watch");
        // It breaks within the lead it opened before (the "+0.5 s" control stops at the violation).
        for _ in 0..4 {
            advance(&root, 1).await;
            if attr(&root, "[data-testid=\"invariants\"]", "data-state") == "red" {
                break;
            }
        }
        assert_eq!(attr(&root, "[data-testid=\"invariants\"]", "data-state"), "red", "{what}: it breaks");
        let broke: u64 = attr(&root, "[data-testid=\"time\"]", "data-us").parse().unwrap();
        assert!(broke > opened && broke <= opened + LEAD + 500_000, "{what}: opened at {opened}, broke by {broke}");
    }
}

#[wasm_bindgen_test]
async fn a_safeguards_play_the_failure_button_opens_its_failure_just_before_it_breaks() {
    use distlab::lab::lesson::LEAD;
    let root = mount().await;
    click(&root, "[data-testid=\"tab-recipe\"]").await;
    click(&root, "[data-testid=\"lesson-compare-delete\"]").await;
    landed(&root).await;
    let picked: HtmlSelectElement = find(&root, "[data-testid=\"scenario\"]").dyn_into().unwrap();
    assert_eq!(picked.value(), "plain-del", "the picker says which scenario plays");
    assert_eq!(attr(&root, "[data-testid=\"lesson-watch\"]", "data-lesson"), "plain-del");
    let opened: u64 = attr(&root, "[data-testid=\"time\"]", "data-us").parse().unwrap();
    assert_eq!(attr(&root, "[data-testid=\"invariants\"]", "data-state"), "green");
    for _ in 0..4 {
        advance(&root, 1).await;
        if attr(&root, "[data-testid=\"invariants\"]", "data-state") == "red" {
            break;
        }
    }
    assert_eq!(attr(&root, "[data-testid=\"invariant\"][data-name=\"Mutual Exclusion\"]", "data-ok"), "false");
    let broke: u64 = attr(&root, "[data-testid=\"time\"]", "data-us").parse().unwrap();
    assert!(broke <= opened + LEAD + 500_000, "opened at {opened}, broke by {broke}");
    // The lesson slowed the run (its failure comes at 0.19 s); the default run gets its speed back.
    assert_ne!(find(&root, "[data-testid=\"speed-value\"]").text_content().unwrap(), "1/4×");
    choose(&root, "scenario", "default").await;
    assert_eq!(find(&root, "[data-testid=\"speed-value\"]").text_content().unwrap(), "1/4×");
}
