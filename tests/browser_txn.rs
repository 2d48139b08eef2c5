//! Browser tests of the distributed transactions page: mount it in headless Chromium, drive
//! virtual time with its "+0.5 s" control (never the wall clock), open named scenarios, cause
//! failures with its fault controls, and reopen a share link of a run.
#![cfg(target_arch = "wasm32")]

use distlab::ui::i18n::Lang;
use distlab::ui::txn_page::TxnPage;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

mod browser_support;
use browser_support::{all, attr, click, find, fire, settle};

async fn mount() -> Element {
    browser_support::mount::<TxnPage>().await
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

/// Advance until the invariants panel turns red (at most `limit` half seconds).
async fn advance_until_red(root: &Element, limit: usize) {
    for _ in 0..limit {
        if attr(root, "[data-testid=\"invariants\"]", "data-state") == "red" {
            return;
        }
        advance(root, 1).await;
    }
}

fn value(root: &Element, testid: &str) -> String {
    attr(root, &format!("[data-testid=\"{testid}\"]"), "data-value")
}

fn roles(root: &Element) -> Vec<String> {
    all(root, "[data-node][data-role]").iter().map(|e| e.get_attribute("data-role").unwrap()).collect()
}

fn invariant_ok(root: &Element, name: &str) -> String {
    attr(root, &format!("[data-testid=\"invariant\"][data-name=\"{name}\"]"), "data-ok")
}

/// Put `query` in the address bar ("" for none), as a link opened from outside would.
fn set_query(query: &str) {
    let window = web_sys::window().unwrap();
    let path = window.location().pathname().unwrap();
    window.history().unwrap().replace_state_with_url(&JsValue::NULL, "", Some(&format!("{path}{query}"))).unwrap();
}

/// Press `key` on the page, as a keyboard would.
async fn press_key(key: &str) {
    let document = web_sys::window().unwrap().document().unwrap();
    let body = "el.dispatchEvent(new KeyboardEvent('keydown', {key: k, bubbles: true}))";
    js_sys::Function::new_with_args("el, k", body)
        .call2(&JsValue::NULL, &document.body().unwrap(), &key.into())
        .unwrap();
    settle().await;
}

#[wasm_bindgen_test]
async fn the_page_draws_the_manager_three_services_and_the_application_and_payments_confirm() {
    let root = mount().await;
    assert_eq!(roles(&root), ["tx_manager", "order_service", "account_service", "stock_service", "application"]);
    assert_eq!(attr(&root, "[data-testid=\"invariants\"]", "data-state"), "green");
    assert_eq!(all(&root, "[data-testid=\"service\"]").len(), 3);
    assert_eq!(
        attr(&root, "[data-testid=\"service\"][data-node=\"2\"] [data-testid=\"holding\"]", "data-available"),
        "1000"
    );
    advance(&root, 2).await;
    assert!(!all(&root, "[data-testid=\"tx\"]").is_empty(), "the manager's log has transactions");
    assert!(value(&root, "confirmed").parse::<u64>().unwrap() >= 1);
    assert!(!all(&root, "[data-testid=\"tx\"][data-state=\"done\"][data-outcome=\"success\"]").is_empty());
    assert_eq!(
        attr(&root, "[data-testid=\"service\"][data-node=\"1\"] [data-testid=\"guard-table\"]", "data-table"),
        "barrier_table"
    );
    assert!(!all(&root, "[data-testid=\"orders\"] [data-status=\"created\"]").is_empty());
    assert_eq!(attr(&root, "[data-testid=\"invariants\"]", "data-state"), "green");
    find(&root, "[data-testid=\"txn-legend\"] [data-legend=\"manager\"]");
}

#[wasm_bindgen_test]
async fn an_empty_rollback_without_protection_breaks_money_conserved_and_flags_the_account() {
    let root = mount().await;
    choose(&root, "scenario", "empty-rollback").await;
    assert!(!find(&root, "[data-testid=\"scenario-what\"]").text_content().unwrap_or_default().is_empty());
    assert_eq!(attr(&root, "[data-testid=\"guard-table\"]", "data-table"), "no_protection");
    advance_until_red(&root, 6).await;
    assert_eq!(attr(&root, "[data-testid=\"invariants\"]", "data-state"), "red");
    assert_eq!(invariant_ok(&root, "Money Conserved"), "false");
    let story =
        find(&root, "[data-testid=\"invariant\"][data-name=\"Money Conserved\"] .story").text_content().unwrap();
    assert!(story.contains("account") && story.contains("empty rollback"), "{story}");
    find(&root, "[data-node=\"2\"][data-role].flagged");
    // With the barrier the same run is caught and counted.
    choose(&root, "scenario", "empty-rollback-barrier").await;
    advance(&root, 4).await;
    assert_eq!(attr(&root, "[data-testid=\"invariants\"]", "data-state"), "green");
    assert_eq!(value(&root, "empty-rollbacks-caught"), "1");
    assert!(root.query_selector("[data-node].flagged").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn hanging_with_a_status_row_is_caught_once_the_run_is_quiet_and_the_fence_prevents_it() {
    let root = mount().await;
    choose(&root, "scenario", "hanging").await;
    advance_until_red(&root, 10).await;
    assert_eq!(invariant_ok(&root, "All Or Nothing"), "false");
    assert_ne!(attr(&root, "[data-testid=\"service\"][data-node=\"2\"] [data-testid=\"holding\"]", "data-frozen"), "0");
    choose(&root, "scenario", "hanging-fence").await;
    advance(&root, 7).await;
    assert_eq!(attr(&root, "[data-testid=\"invariants\"]", "data-state"), "green");
    assert_eq!(
        attr(&root, "[data-testid=\"service\"][data-node=\"2\"] [data-testid=\"guard-table\"]", "data-table"),
        "fence_log"
    );
    assert!(!all(&root, "[data-testid=\"guard-table\"] [data-value=\"suspended\"]").is_empty());
    assert_ne!(value(&root, "hangings-caught"), "0");
}

#[wasm_bindgen_test]
async fn crashing_the_tx_manager_stops_the_log_and_restarting_it_finishes_from_the_log() {
    let root = mount().await;
    choose(&root, "scenario", "happy-path").await;
    click(&root, "[data-testid=\"advance\"]").await;
    click(&root, "[data-testid=\"crash-manager\"]").await;
    assert_eq!(attr(&root, "[data-node=\"0\"][data-role]", "data-state"), "down");
    assert_eq!(attr(&root, "[data-testid=\"tx-log\"]", "data-state"), "down");
    find(&root, "[data-testid=\"manager-down\"]");
    let started = value(&root, "started");
    advance(&root, 1).await;
    assert_eq!(value(&root, "started"), started, "nothing begins while the manager is down");
    click(&root, "[data-testid=\"restart-manager\"]").await;
    advance(&root, 3).await;
    assert_eq!(attr(&root, "[data-node=\"0\"][data-role]", "data-state"), "up");
    assert!(all(&root, "[data-testid=\"tx\"]")
        .iter()
        .all(|r| r.get_attribute("data-state").as_deref() == Some("done")));
    assert_eq!(attr(&root, "[data-testid=\"invariants\"]", "data-state"), "green");
    // Pausing a participant and the keyboard's C do the same through the shell's actions.
    click(&root, "[data-testid=\"pause-service-2\"]").await;
    assert_eq!(attr(&root, "[data-node=\"2\"][data-role]", "data-state"), "paused");
    click(&root, "[data-testid=\"resume-service-2\"]").await;
    assert_eq!(attr(&root, "[data-node=\"2\"][data-role]", "data-state"), "up");
    press_key("c").await;
    assert_eq!(attr(&root, "[data-node=\"0\"][data-role]", "data-state"), "down");
}

#[wasm_bindgen_test]
async fn the_slow_network_and_a_payment_time_the_try_out_and_cancel() {
    let root = mount().await;
    choose(&root, "scenario", "empty-rollback-barrier").await;
    advance(&root, 4).await;
    click(&root, "[data-testid=\"slow-network\"]").await;
    click(&root, "[data-testid=\"pay\"]").await;
    advance(&root, 6).await;
    assert!(
        !all(&root, "[data-testid=\"tx\"][data-outcome=\"failure\"]").is_empty() || value(&root, "in-progress") != "0"
    );
    click(&root, "[data-testid=\"fast-network\"]").await;
    find(&root, "[data-testid=\"slow-network\"]");
}

fn disabled(root: &Element, testid: &str) -> bool {
    find(root, &format!("[data-testid=\"{testid}\"]")).has_attribute("disabled")
}

#[wasm_bindgen_test]
async fn delaying_exactly_one_try_past_its_timeout_makes_it_hang_behind_a_status_row() {
    let root = mount().await;
    choose(&root, "switch-protection", "try_record").await;
    assert!(disabled(&root, "delay-try"), "no Try in flight at time 0");
    for _ in 0..60 {
        if !disabled(&root, "delay-try") {
            break;
        }
        click(&root, "[data-testid=\"step\"]").await;
    }
    let label = find(&root, "[data-testid=\"delay-try\"]").text_content().unwrap();
    assert!(label.contains("Try") && label.contains("#0"), "{label}");
    click(&root, "[data-testid=\"delay-try\"]").await;
    assert_eq!(attr(&root, "[data-testid=\"action-count\"]", "data-value"), "1", "recorded in the scenario");
    let log: String = all(&root, "[data-testid=\"event-log\"] li").iter().filter_map(|e| e.text_content()).collect();
    assert!(log.contains("delay"), "{log}");
    advance_until_red(&root, 16).await;
    assert_eq!(invariant_ok(&root, "All Or Nothing"), "false", "the late Try froze after its Cancel: hanging");
    assert_eq!(attr(&root, "[data-testid=\"tx\"][data-gid=\"0\"]", "data-outcome"), "failure");
}

#[wasm_bindgen_test]
async fn each_global_transaction_is_a_lane_of_the_sequence_diagram_linked_to_the_log_and_the_cluster() {
    let root = mount().await;
    choose(&root, "scenario", "happy-path").await;
    for _ in 0..30 {
        click(&root, "[data-testid=\"step\"]").await;
    }
    let lanes = all(&root, "[data-testid=\"sequence-lane\"]");
    assert!(!lanes.is_empty(), "a lane per global transaction in view");
    let gid = lanes[0].get_attribute("data-group").unwrap();
    assert!(lanes[0].text_content().unwrap().contains(&format!("#{gid}")));
    let grouped = all(&root, &format!("[data-msg-arrow][data-group=\"{gid}\"]"));
    assert!(!grouped.is_empty(), "its Try calls and answers are drawn in it");
    click(&root, &format!("[data-testid=\"sequence-lane\"][data-group=\"{gid}\"] .bar")).await;
    find(&root, &format!("[data-testid=\"sequence-lane\"][data-group=\"{gid}\"].chosen"));
    find(&root, &format!("[data-testid=\"tx\"][data-gid=\"{gid}\"].chosen"));
    assert!(all(&root, "[data-msg-arrow].chosen")
        .iter()
        .all(|a| a.get_attribute("data-group").as_deref() == Some(&gid)));
    let tags: String = all(&root, "[data-msg] .tag").iter().filter_map(|e| e.text_content()).collect();
    assert!(tags.is_empty() || tags.contains(&format!("#{gid}")), "{tags}");
    // Following another transaction from the log moves the lane's emphasis; clicking again stops.
    advance(&root, 1).await;
    let other = all(&root, "[data-testid=\"tx\"]").last().unwrap().get_attribute("data-gid").unwrap();
    click(&root, &format!("[data-testid=\"tx\"][data-gid=\"{other}\"]")).await;
    find(&root, &format!("[data-testid=\"tx\"][data-gid=\"{other}\"].chosen"));
    assert!(root.query_selector(&format!("[data-testid=\"tx\"][data-gid=\"{gid}\"].chosen")).unwrap().is_none());
    click(&root, &format!("[data-testid=\"tx\"][data-gid=\"{other}\"]")).await;
    assert!(root.query_selector("[data-testid=\"tx\"].chosen").unwrap().is_none());
    assert!(root.query_selector("[data-msg-arrow].faded").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn question_mark_lists_the_pages_keys() {
    let root = mount().await;
    press_key("?").await;
    let help = find(&root, "[data-testid=\"keys-help\"]").text_content().unwrap();
    assert!(help.contains("TX Manager") && help.contains("payment"), "{help}");
    press_key("Escape").await;
    assert!(root.query_selector("[data-testid=\"keys-help\"]").unwrap().is_none());
}

/// The page under a Chinese language context.
#[component]
fn ChineseTxn() -> Html {
    html! { <ContextProvider<Lang> context={Lang::Zh}><TxnPage /></ContextProvider<Lang>> }
}

#[wasm_bindgen_test]
async fn the_page_reads_in_chinese_with_the_same_hooks() {
    let root = browser_support::mount::<ChineseTxn>().await;
    choose(&root, "scenario", "empty-rollback").await;
    advance_until_red(&root, 6).await;
    assert!(find(&root, "h1").text_content().unwrap().contains("分布式事务"));
    assert_eq!(roles(&root)[0], "tx_manager");
    let lines: String = all(&root, "[data-node] .line").iter().filter_map(|e| e.text_content()).collect();
    assert!(lines.contains("冻结") && lines.contains("可用"), "{lines}");
    let invariants = find(&root, "[data-testid=\"invariants\"]").text_content().unwrap();
    assert!(
        invariants.contains("资金守恒") && invariants.contains("账户") && invariants.contains("空回滚"),
        "{invariants}"
    );
    let what = find(&root, "[data-testid=\"scenario-what\"]").text_content().unwrap();
    assert!(what.contains("空回滚"), "{what}");
    let page = find(&root, "[data-testid=\"txn-page\"]").text_content().unwrap();
    assert!(page.contains("事务管理器") && page.contains("子事务屏障"), "the switches and faults read in Chinese");
}

/// A run from outside: time, fingerprint, actions, invariants, the manager's log, each node's state.
fn snapshot(root: &Element) -> Vec<String> {
    let text = |selector: &str| find(root, selector).text_content().unwrap_or_default();
    let mut seen = vec![
        attr(root, "[data-testid=\"time\"]", "data-us"),
        text("[data-testid=\"fingerprint\"]"),
        attr(root, "[data-testid=\"action-count\"]", "data-value"),
        attr(root, "[data-testid=\"invariants\"]", "data-state"),
        attr(root, "[data-testid=\"tx-log\"]", "data-rows"),
        value(root, "confirmed"),
        value(root, "cancelled"),
    ];
    for node in 0..5 {
        seen.push(attr(root, &format!("[data-node=\"{node}\"][data-role]"), "data-state"));
    }
    seen
}

#[wasm_bindgen_test]
async fn a_share_link_of_a_txn_run_reopens_the_same_run() {
    set_query("?lab=txn");
    let root = browser_support::mount::<distlab::ui::App>().await;
    assert_eq!(attr(&root, "[data-testid=\"app\"]", "data-lab"), "txn");
    choose(&root, "scenario", "empty-rollback").await;
    advance_until_red(&root, 6).await;
    click(&root, "[data-testid=\"crash-manager\"]").await;
    advance(&root, 1).await;
    click(&root, "[data-testid=\"share\"]").await;
    let link = find(&root, "[data-testid=\"share-link\"]").dyn_into::<HtmlInputElement>().unwrap().value();
    let query = format!("?{}", link.split_once('?').expect("the link has a query").1);
    assert!(query.starts_with("?lab=txn&scenario="), "{query}");
    let shared = snapshot(&root);
    assert_eq!(shared[3], "red");
    assert_eq!(shared[7], "down", "the TX Manager is down");
    set_query(&query);
    let reopened = browser_support::mount::<distlab::ui::App>().await;
    settle().await;
    assert_eq!(snapshot(&reopened), shared, "the same run at the same time");
    find(&reopened, "[data-node=\"2\"][data-role].flagged");
    assert!(reopened.query_selector("[data-testid=\"error\"]").unwrap().is_none());
    set_query("");
}

#[wasm_bindgen_test]
async fn the_app_has_a_txn_tab() {
    set_query("");
    let root = browser_support::mount::<distlab::ui::App>().await;
    click(&root, "[data-testid=\"lab-txn\"]").await;
    assert_eq!(attr(&root, "[data-testid=\"app\"]", "data-lab"), "txn");
    find(&root, "[data-testid=\"txn-page\"]");
    click(&root, "[data-testid=\"lab-network\"]").await;
    set_query("");
}

#[wasm_bindgen_test]
async fn the_local_message_table_shows_its_rows_and_a_resend_without_a_processed_table_credits_twice() {
    let root = mount().await;
    choose(&root, "scenario", "local-message-happy-path").await;
    assert_eq!(roles(&root), ["no_coordinator", "bank_1", "bank_2", "application"]);
    advance(&root, 4).await;
    assert_eq!(attr(&root, "[data-testid=\"relay\"]", "data-rows"), "3");
    assert_eq!(attr(&root, "[data-testid=\"relay\"]", "data-pending"), "0");
    let rows = all(&root, "[data-testid=\"outbox-row\"]");
    assert!(rows.iter().all(|r| r.get_attribute("data-state").as_deref() == Some("acked")));
    assert_eq!(attr(&root, "[data-service=\"bank_2\"] [data-testid=\"guard-table\"]", "data-table"), "processed");
    assert_ne!(value(&root, "consistency-mean"), "–");

    choose(&root, "scenario", "local-message-resend").await;
    assert_eq!(attr(&root, "[data-service=\"bank_2\"] [data-testid=\"guard-table\"]", "data-table"), "no_processed");
    advance_until_red(&root, 6).await;
    assert_eq!(invariant_ok(&root, "Applied Once"), "false");

    choose(&root, "scenario", "local-message-resend-idempotent").await;
    advance(&root, 4).await;
    assert_eq!(attr(&root, "[data-testid=\"invariants\"]", "data-state"), "green");
    assert_ne!(value(&root, "duplicates-skipped"), "0");
}

#[wasm_bindgen_test]
async fn the_broker_shows_half_messages_with_their_check_backs_and_discards_when_checks_run_out() {
    let root = mount().await;
    choose(&root, "scenario", "commit-lost").await;
    assert_eq!(roles(&root), ["broker", "bank_1", "bank_2", "application"]);
    advance(&root, 1).await;
    // The Commit was lost: the message waits half, not deliverable, with no check yet.
    let half = find(&root, "[data-testid=\"broker-message\"]");
    assert_eq!(half.get_attribute("data-state").as_deref(), Some("half"));
    assert_eq!(attr(&root, "[data-testid=\"broker\"]", "data-half"), "1");
    advance(&root, 3).await;
    let done = find(&root, "[data-testid=\"broker-message\"]");
    assert_eq!(done.get_attribute("data-state").as_deref(), Some("consumed"));
    assert_eq!(done.get_attribute("data-checks").as_deref(), Some("1"));
    assert_eq!(value(&root, "check-backs"), "1");

    choose(&root, "scenario", "checks-exhausted").await;
    advance_until_red(&root, 9).await;
    assert_eq!(invariant_ok(&root, "All Or Nothing"), "false");
    let discarded = find(&root, "[data-testid=\"broker-message\"]");
    assert_eq!(discarded.get_attribute("data-state").as_deref(), Some("discarded"));
    assert_eq!(discarded.get_attribute("data-checks").as_deref(), Some("3"));
}

#[wasm_bindgen_test]
async fn the_pattern_switch_offers_both_message_patterns_and_the_idempotency_switch() {
    let root = mount().await;
    choose(&root, "switch-pattern", "local_message").await;
    assert_eq!(roles(&root), ["no_coordinator", "bank_1", "bank_2", "application"]);
    assert!(all(&root, "[data-testid=\"switch-protection\"]").is_empty());
    assert!(find(&root, "[data-testid=\"relay\"]").text_content().unwrap_or_default().contains("every 100 ms"));
    choose(&root, "switch-relay-interval", "500").await;
    assert!(find(&root, "[data-testid=\"relay\"]").text_content().unwrap_or_default().contains("every 500 ms"));
    choose(&root, "switch-retry-policy", "fixed").await;
    let policy: HtmlSelectElement = find(&root, "[data-testid=\"switch-retry-policy\"]").dyn_into().unwrap();
    assert_eq!(policy.value(), "fixed");
    let idempotent: HtmlInputElement = find(&root, "[data-testid=\"switch-idempotent\"]").dyn_into().unwrap();
    assert!(idempotent.checked());
    idempotent.set_checked(false);
    fire(&idempotent, "Event", "change");
    settle().await;
    assert_eq!(attr(&root, "[data-service=\"bank_2\"] [data-testid=\"guard-table\"]", "data-table"), "no_processed");
    // Bank 2's listener fails after crediting: no acknowledgement, the monitor sends the row again.
    click(&root, "[data-testid=\"fail-consume\"]").await;
    click(&root, "[data-testid=\"pay\"]").await;
    advance_until_red(&root, 6).await;
    assert_eq!(invariant_ok(&root, "Applied Once"), "false");
    choose(&root, "switch-pattern", "tx_message").await;
    assert_eq!(roles(&root), ["broker", "bank_1", "bank_2", "application"]);
    assert!(find(&root, "[data-testid=\"broker\"]")
        .text_content()
        .unwrap_or_default()
        .contains("transactionCheckMax 15"));
}

#[wasm_bindgen_test]
async fn the_comparison_runs_four_patterns_side_by_side() {
    let root = mount().await;
    assert!(all(&root, "[data-testid=\"compare-row\"]").is_empty());
    click(&root, "[data-testid=\"compare-run\"]").await;
    let rows = all(&root, "[data-testid=\"compare-row\"]");
    let patterns: Vec<String> = rows.iter().map(|r| r.get_attribute("data-pattern").unwrap()).collect();
    assert_eq!(patterns, ["Tcc", "Saga", "LocalMessage", "TxMessage"]);
    for r in &rows {
        assert_eq!(r.get_attribute("data-lost").as_deref(), Some("applied_twice"));
        assert!(r.get_attribute("data-messages").unwrap().parse::<f64>().unwrap() > 4.0);
    }
}
