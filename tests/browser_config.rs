//! Browser tests of the CAP and configuration page: mount it in headless Chromium, drive virtual
//! time with its "+5 s" control (never the wall clock), switch CP/AP on a named partition, cut and
//! heal a partition from the page, and publish and roll back releases.
#![cfg(target_arch = "wasm32")]

use distlab::ui::config_page::ConfigPage;
use distlab::ui::i18n::Lang;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlSelectElement};
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

mod browser_support;
use browser_support::{all, attr, click, find, fire, settle};

async fn mount() -> Element {
    browser_support::mount::<ConfigPage>().await
}

async fn choose(root: &Element, testid: &str, value: &str) {
    let select: HtmlSelectElement = find(root, &format!("[data-testid=\"{testid}\"]")).dyn_into().unwrap();
    select.set_value(value);
    fire(&select, "Event", "change");
    settle().await;
}

/// Run `n` × 5 s of virtual time with the "+5 s" control.
async fn advance(root: &Element, n: usize) {
    for _ in 0..n {
        click(root, "[data-testid=\"advance-long\"]").await;
    }
}

fn scenario(root: &Element) -> String {
    find(root, "[data-testid=\"scenario\"]").dyn_into::<HtmlSelectElement>().unwrap().value()
}

/// Server `node`'s version of the lesson key, as the sides view draws it.
fn server_version(root: &Element, node: u32) -> String {
    attr(root, &format!("[data-testid=\"server-copy\"][data-node-copy=\"{node}\"]"), "data-version")
}

fn side(root: &Element, side: u32, name: &str) -> String {
    attr(root, &format!("[data-testid=\"side-measures\"][data-side=\"{side}\"]"), name)
}

fn now(root: &Element) -> String {
    attr(root, "[data-testid=\"time\"]", "data-us")
}

#[wasm_bindgen_test]
async fn the_mode_switch_replays_the_same_partition_in_ap_and_back() {
    let root = mount().await;
    choose(&root, "scenario", "cp-partition").await;
    assert_eq!(attr(&root, "[data-testid=\"mode-switch\"]", "data-mode"), "cp");
    assert_eq!(attr(&root, "[data-testid=\"cap-letter\"]", "data-cap"), "gives_up_a");
    advance(&root, 12).await;
    assert_eq!(attr(&root, "[data-testid=\"sides\"]", "data-partition"), "cut");
    assert_eq!(server_version(&root, 0), "1", "the minority keeps the version before the cut");
    assert_eq!((server_version(&root, 1), server_version(&root, 2)), ("3".into(), "3".into()));
    assert_eq!(side(&root, 0, "data-refused"), "1", "CP refuses the minority's write");
    assert_eq!(side(&root, 1, "data-accepted"), "3");
    // The same actions with the servers in AP: the paired named scenario, from 0 s.
    click(&root, "[data-testid=\"mode-ap\"]").await;
    assert_eq!(attr(&root, "[data-testid=\"mode-switch\"]", "data-mode"), "ap");
    assert_eq!(scenario(&root), "ap-partition");
    assert_eq!(now(&root), "0");
    assert_eq!(attr(&root, "[data-testid=\"cap-letter\"]", "data-cap"), "gives_up_c");
    assert_eq!(attr(&root, "[data-testid=\"base-property\"]", "data-base"), "eventually_consistent");
    advance(&root, 12).await;
    assert_eq!(server_version(&root, 0), "2", "AP accepted the minority's write: the copies diverge");
    assert_eq!(side(&root, 0, "data-refused"), "0");
    assert_eq!(side(&root, 0, "data-stale"), "1", "client 3 read its side's older version");
    advance(&root, 6).await;
    assert_eq!(attr(&root, "[data-testid=\"sides\"]", "data-partition"), "healed");
    assert!((0..3).all(|s| server_version(&root, s) == "3"), "converged after the heal");
    assert_eq!(attr(&root, "[data-testid=\"invariants\"]", "data-state"), "green");
    // Both modes side by side, and the keyboard's M goes back to CP.
    assert_eq!(all(&root, "[data-testid=\"mode-row\"]").len(), 2);
    press_key("m").await;
    assert_eq!(
        (scenario(&root), attr(&root, "[data-testid=\"mode-switch\"]", "data-mode"), now(&root)),
        ("cp-partition".to_string(), "cp".to_string(), "0".to_string())
    );
}

#[wasm_bindgen_test]
async fn partitioning_server_zero_from_the_page_makes_cp_refuse_its_client_until_the_heal() {
    let root = mount().await;
    advance(&root, 3).await;
    assert_eq!(all(&root, "[data-node][data-role=\"leader\"]").len(), 1, "a Raft leader at 15 s");
    click(&root, "[data-testid=\"partition-zero\"]").await;
    assert_eq!(attr(&root, "[data-testid=\"sides\"]", "data-partition"), "cut");
    assert_eq!(attr(&root, "[data-testid=\"cap-letter\"]", "data-cap"), "gives_up_a");
    assert_eq!(all(&root, "[data-testid=\"partition-line\"]").len(), 1);
    advance(&root, 2).await;
    click(&root, "[data-testid=\"publish\"]").await;
    assert_eq!(attr(&root, "[data-testid=\"action-count\"]", "data-value"), "2", "recorded in the scenario");
    advance(&root, 5).await;
    assert_eq!(side(&root, 0, "data-refused"), "1", "client 3 is on the minority side");
    assert_eq!(server_version(&root, 0), "0");
    click(&root, "[data-testid=\"heal\"]").await;
    assert_eq!(attr(&root, "[data-testid=\"sides\"]", "data-partition"), "healed");
    find(&root, "[data-testid=\"partition-zero\"]");
}

#[wasm_bindgen_test]
async fn a_rollback_returns_every_client_to_the_previous_release() {
    let root = mount().await;
    choose(&root, "scenario", "rollback").await;
    advance(&root, 6).await;
    let current = "[data-testid=\"release\"][data-current=\"true\"]";
    assert_eq!(attr(&root, current, "data-kind"), "rollback");
    assert_eq!(attr(&root, current, "data-version"), "3");
    assert!(all(&root, "[data-testid=\"client-copy\"]")
        .iter()
        .all(|c| c.get_attribute("data-version").as_deref() == Some("3")));
    // A new publish, then the page's own rollback: back to the publish before it.
    click(&root, "[data-testid=\"publish\"]").await;
    advance(&root, 1).await;
    assert_eq!(attr(&root, current, "data-kind"), "publish");
    click(&root, "[data-testid=\"rollback\"]").await;
    advance(&root, 1).await;
    assert_eq!(attr(&root, current, "data-kind"), "rollback");
    assert_eq!(attr(&root, current, "data-version"), "5");
    let copies = all(&root, "[data-testid=\"client-copy\"]");
    assert!(copies.iter().all(|c| c.get_attribute("data-version").as_deref() == Some("5")), "every client rolled back");
    assert!(copies[0].text_content().unwrap().contains("v2"), "{:?}", copies[0].text_content());
    // A gray release to the next client reaches it alone.
    click(&root, "[data-testid=\"gray-release\"]").await;
    advance(&root, 1).await;
    assert_eq!(attr(&root, current, "data-kind"), "gray");
    let copies = all(&root, "[data-testid=\"client-copy\"]");
    assert!(copies[1].text_content().unwrap().contains("gray"), "{:?}", copies[1].text_content());
    assert!(!copies[2].text_content().unwrap().contains("gray"));
}

/// Press `key` on the page, as a keyboard would.
async fn press_key(key: &str) {
    let document = web_sys::window().unwrap().document().unwrap();
    let body = "el.dispatchEvent(new KeyboardEvent('keydown', {key: k, bubbles: true}))";
    js_sys::Function::new_with_args("el, k", body)
        .call2(&wasm_bindgen::JsValue::NULL, &document.body().unwrap(), &key.into())
        .unwrap();
    settle().await;
}

/// The page under a Chinese language context.
#[component]
fn ChineseConfig() -> Html {
    html! { <ContextProvider<Lang> context={Lang::Zh}><ConfigPage /></ContextProvider<Lang>> }
}

#[wasm_bindgen_test]
async fn the_page_reads_in_chinese_with_the_same_hooks() {
    let root = browser_support::mount::<ChineseConfig>().await;
    choose(&root, "scenario", "ap-clock-skew").await;
    advance(&root, 16).await;
    assert!(find(&root, "h1").text_content().unwrap().contains("配置中心"));
    assert_eq!(attr(&root, "[data-testid=\"invariants\"]", "data-state"), "red");
    let story = find(&root, "[data-testid=\"invariant\"][data-name=\"No Lost Write\"] .story").text_content().unwrap();
    assert!(story.contains("最后写入者胜"), "{story}");
    assert!(find(&root, "[data-testid=\"simplified\"]").text_content().unwrap().contains("Distro"));
}
