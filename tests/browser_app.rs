//! Browser tests: mount the real app in headless Chromium, click it, and check the DOM.
#![cfg(target_arch = "wasm32")]

use distlab::ui::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

mod browser_support;
use browser_support::{attr, click, find, fire, settle};

/// Mount a fresh app and wait until it has rendered; returns its root.
async fn mount() -> Element {
    browser_support::mount::<App>().await
}

fn counter(root: &Element, name: &str) -> u64 {
    attr(root, &format!("[data-testid=\"counter-{name}\"]"), "data-value").parse().unwrap()
}

fn dispatch(target: &Element, event: &str) {
    fire(target, "MouseEvent", event);
}

/// Move a range slider to `value` and fire its change event.
async fn slide(root: &Element, testid: &str, value: &str) {
    let input: HtmlInputElement = find(root, &format!("[data-testid=\"{testid}\"]")).dyn_into().unwrap();
    input.set_value(value);
    dispatch(&input, "change");
    settle().await;
}

async fn step(root: &Element, times: usize) {
    for _ in 0..times {
        click(root, "[data-testid=\"step\"]").await;
    }
}

fn state_of(root: &Element, node: u32) -> String {
    attr(root, &format!("[data-node=\"{node}\"]"), "data-state")
}

#[wasm_bindgen_test]
async fn mounts_with_five_nodes_all_up() {
    let root = mount().await;
    let nodes = root.query_selector_all("[data-node]").unwrap();
    assert_eq!(nodes.length(), 5);
    for id in 0..5 {
        assert_eq!(state_of(&root, id), "up");
        assert_eq!(attr(&root, &format!("[data-node=\"{id}\"]"), "data-role"), "node");
    }
    assert_eq!(root.query_selector_all("[data-link]").unwrap().length(), 20);
    assert_eq!(attr(&root, "[data-testid=\"time\"]", "data-us"), "0");
}

#[wasm_bindgen_test]
async fn kill_then_restart_node_two() {
    let root = mount().await;
    click(&root, "[data-testid=\"kill-2\"]").await;
    assert_eq!(state_of(&root, 2), "down");
    assert_eq!(state_of(&root, 1), "up");
    assert!(root.query_selector("[data-testid=\"error\"]").unwrap().is_none());
    click(&root, "[data-testid=\"restart-2\"]").await;
    assert_eq!(state_of(&root, 2), "up");
    assert_eq!(attr(&root, "[data-testid=\"action-count\"]", "data-value"), "2");
}

#[wasm_bindgen_test]
async fn a_button_that_cannot_apply_is_disabled_and_clicking_it_changes_nothing() {
    let root = mount().await;
    assert!(
        find(&root, "[data-testid=\"restart-3\"]").has_attribute("disabled"),
        "a running node has nothing to restart"
    );
    assert!(!find(&root, "[data-testid=\"kill-3\"]").has_attribute("disabled"));
    click(&root, "[data-testid=\"restart-3\"]").await;
    assert!(root.query_selector("[data-testid=\"error\"]").unwrap().is_none());
    assert_eq!(state_of(&root, 3), "up");
    assert_eq!(attr(&root, "[data-testid=\"action-count\"]", "data-value"), "0");
    click(&root, "[data-testid=\"kill-3\"]").await;
    assert!(!find(&root, "[data-testid=\"restart-3\"]").has_attribute("disabled"), "a down node can be restarted");
    assert!(find(&root, "[data-testid=\"kill-3\"]").has_attribute("disabled"));
}

#[wasm_bindgen_test]
async fn the_link_directions_are_one_tab_stop_and_the_arrow_keys_move_inside_it() {
    let root = mount().await;
    let stops = root.query_selector_all(".links [tabindex=\"0\"]").unwrap().length();
    assert_eq!(stops, 1, "one Tab stop for every link direction");
    let first = find(&root, ".links [tabindex=\"0\"]");
    let first_link = first.get_attribute("data-link").unwrap();
    let links = find(&root, ".links");
    let press = js_sys::Function::new_with_args(
        "target",
        "target.focus(); target.dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowRight', bubbles: true}))",
    );
    press.call1(&wasm_bindgen::JsValue::NULL, &first).unwrap();
    settle().await;
    let now = find(&links, "[tabindex=\"0\"]").get_attribute("data-link").unwrap();
    assert_ne!(now, first_link, "the arrow moved the Tab stop to the next direction");
    assert_eq!(root.query_selector_all(".links [tabindex=\"0\"]").unwrap().length(), 1);
    let focused = web_sys::window().unwrap().document().unwrap().active_element().unwrap();
    assert_eq!(focused.get_attribute("data-link").as_deref(), Some(now.as_str()), "and focused it");
}

#[wasm_bindgen_test]
async fn clicking_a_link_cuts_only_that_direction() {
    let root = mount().await;
    assert_eq!(attr(&root, "[data-link=\"0-1\"]", "data-up"), "true");
    click(&root, "[data-link=\"0-1\"]").await;
    assert_eq!(attr(&root, "[data-link=\"0-1\"]", "data-up"), "false");
    assert_eq!(attr(&root, "[data-link=\"1-0\"]", "data-up"), "true");
    click(&root, "[data-testid=\"heal-all\"]").await;
    assert_eq!(attr(&root, "[data-link=\"0-1\"]", "data-up"), "true");
}

#[wasm_bindgen_test]
async fn stepping_sends_messages_and_they_arrive() {
    let root = mount().await;
    assert_eq!(counter(&root, "sent"), 0);
    step(&root, 30).await;
    assert!(counter(&root, "sent") > 0);
    assert!(counter(&root, "delivered") > 0);
    assert!(attr(&root, "[data-testid=\"time\"]", "data-us").parse::<u64>().unwrap() > 0);
}

#[wasm_bindgen_test]
async fn with_total_loss_messages_are_lost_not_delivered() {
    let root = mount().await;
    slide(&root, "loss", "100").await;
    assert_eq!(attr(&root, "[data-testid=\"action-count\"]", "data-value"), "1");
    step(&root, 30).await;
    assert!(counter(&root, "sent") > 0);
    assert!(counter(&root, "lost") > 0);
    assert_eq!(counter(&root, "delivered"), 0);
}

#[wasm_bindgen_test]
async fn language_switch_shows_chinese() {
    let root = mount().await;
    let title = || find(&root, "h1").text_content().unwrap();
    assert_eq!(title(), "The network is unreliable");
    click(&root, "[data-testid=\"lang\"]").await;
    assert_eq!(title(), "网络是不可靠的");
    assert!(find(&root, "[data-testid=\"step\"]").text_content().unwrap().contains("单步"));
    click(&root, "[data-testid=\"lang\"]").await;
    assert_eq!(title(), "The network is unreliable");
}

#[wasm_bindgen_test]
async fn clicking_a_message_in_flight_drops_it() {
    let root = mount().await;
    step(&root, 1).await;
    let id = attr(&root, "[data-msg]", "data-msg");
    assert_eq!(counter(&root, "dropped-manual"), 0);
    click(&root, &format!("[data-msg=\"{id}\"]")).await;
    assert_eq!(counter(&root, "dropped-manual"), 1);
    assert!(root.query_selector(&format!("[data-msg=\"{id}\"]")).unwrap().is_none());
}

#[wasm_bindgen_test]
async fn choosing_seven_nodes_starts_a_seven_node_run() {
    let root = mount().await;
    let select: web_sys::HtmlSelectElement = find(&root, "[data-testid=\"nodes\"]").dyn_into().unwrap();
    select.set_value("7");
    dispatch(&select, "change");
    settle().await;
    assert_eq!(root.query_selector_all("[data-node]").unwrap().length(), 7);
    assert_eq!(root.query_selector_all("[data-link]").unwrap().length(), 42);
    assert!(root.query_selector("[data-testid=\"kill-6\"]").unwrap().is_some());
}

#[wasm_bindgen_test]
async fn pausing_a_node_shows_it_paused_and_resume_brings_it_back() {
    let root = mount().await;
    click(&root, "[data-testid=\"pause-4\"]").await;
    assert_eq!(state_of(&root, 4), "paused");
    click(&root, "[data-node=\"4\"]").await;
    assert_eq!(attr(&root, "[data-testid=\"inspector\"]", "data-inspected"), "4");
    click(&root, "[data-testid=\"resume-node\"]").await;
    assert_eq!(state_of(&root, 4), "up");
}
