//! Browser tests of switching labs: a lab's run survives a visit to another lab.
#![cfg(target_arch = "wasm32")]

use distlab::ui::App;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

mod browser_support;
use browser_support::{attr, click, settle};

/// Put `query` in the address bar ("" for none), as a link opened from outside would.
fn set_query(query: &str) {
    let window = web_sys::window().unwrap();
    let path = window.location().pathname().unwrap();
    window.history().unwrap().replace_state_with_url(&JsValue::NULL, "", Some(&format!("{path}{query}"))).unwrap();
}

/// The Raft run from outside: time, fingerprint, action count, and each node's role, term and state.
fn raft_run(root: &Element) -> Vec<String> {
    let text = |selector: &str| browser_support::find(root, selector).text_content().unwrap_or_default();
    let mut seen = vec![
        attr(root, "[data-testid=\"time\"]", "data-us"),
        text("[data-testid=\"fingerprint\"]"),
        attr(root, "[data-testid=\"action-count\"]", "data-value"),
    ];
    for node in 0..5 {
        for attribute in ["data-role", "data-term", "data-state"] {
            seen.push(attr(root, &format!("[data-node=\"{node}\"]"), attribute));
        }
    }
    seen
}

#[wasm_bindgen_test]
async fn switching_labs_and_back_resumes_the_raft_run_where_it_was() {
    set_query("?lab=raft");
    let root = browser_support::mount::<App>().await;
    for _ in 0..3 {
        click(&root, "[data-testid=\"advance\"]").await;
    }
    click(&root, "[data-testid=\"kill-leader\"]").await;
    click(&root, "[data-testid=\"advance\"]").await;
    let before = raft_run(&root);
    assert_ne!(before[0], "0", "the run has moved on");
    assert_eq!(before[2], "1", "one action: the kill");

    click(&root, "[data-testid=\"lab-locks\"]").await;
    assert_eq!(attr(&root, "[data-testid=\"app\"]", "data-lab"), "locks");
    click(&root, "[data-testid=\"lab-raft\"]").await;
    settle().await;
    assert_eq!(raft_run(&root), before, "the same run at the same time, not a fresh one");
    set_query("");
}
