//! Browser tests of the Raft page's panels that are patched in place frame after frame (logs grid,
//! client history, event log): after many small steps, what is drawn still agrees with itself and
//! with the rows' own hooks, as a page written anew would.
#![cfg(target_arch = "wasm32")]

use distlab::ui::raft_page::RaftPage;
use wasm_bindgen_test::*;
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

mod browser_support;
use browser_support::{all, click, settle};

/// Press `key` on the page, as a keyboard would.
async fn press(key: &str) {
    let f = js_sys::Function::new_with_args(
        "key",
        "document.body.dispatchEvent(new KeyboardEvent('keydown', {key, bubbles: true}))",
    );
    f.call1(&wasm_bindgen::JsValue::NULL, &key.into()).unwrap();
    settle().await;
}

fn number(e: &Element, name: &str) -> u64 {
    e.get_attribute(name).unwrap_or_else(|| panic!("{name} on {}", e.outer_html())).parse().unwrap()
}

/// The logs grid: every row has one cell per header index, entries sit under their index, and an
/// entry is marked committed / applied exactly when its row's commit / apply index reaches it.
fn check_logs_grid(root: &Element) {
    let head: Vec<u64> =
        all(root, ".log-head .index").iter().map(|e| e.text_content().unwrap().parse().unwrap()).collect();
    assert!(head.windows(2).all(|w| w[1] == w[0] + 1), "header indexes contiguous: {head:?}");
    let rows = all(root, "[data-log-node]");
    assert_eq!(rows.len(), 5);
    for row in rows {
        let (commit, applied) = (number(&row, "data-commit"), number(&row, "data-applied"));
        let cells = all(&row, ".cells .entry");
        assert_eq!(cells.len(), head.len(), "one cell per index in {}", row.outer_html());
        for (cell, index) in cells.iter().zip(&head) {
            let classes = cell.class_list();
            if classes.contains("none") {
                continue;
            }
            assert_eq!(number(cell, "data-index"), *index, "entry under its index");
            if classes.contains("compacted") {
                continue;
            }
            assert_eq!(classes.contains("committed"), *index <= commit, "commit mark of {}", cell.outer_html());
            assert_eq!(classes.contains("applied"), *index <= applied, "apply mark of {}", cell.outer_html());
        }
    }
}

/// The client history, newest first, one row per request; the event log, at most 40 lines.
fn check_lists(root: &Element, sent: u64) {
    let seqs: Vec<u64> = all(root, "[data-testid=\"request\"]").iter().map(|r| number(r, "data-seq")).collect();
    assert_eq!(seqs.len() as u64, sent.min(30), "{seqs:?}");
    assert!(seqs.windows(2).all(|w| w[0] == w[1] + 1), "newest first, none missing: {seqs:?}");
    let lines = all(root, "[data-testid=\"event-log\"] li").len();
    assert!((1..=40).contains(&lines), "{lines} lines");
}

#[wasm_bindgen_test]
async fn patched_panels_agree_with_their_hooks_after_many_steps() {
    let root = browser_support::mount::<RaftPage>().await;
    for _ in 0..6 {
        click(&root, "[data-testid=\"advance\"]").await;
    }
    let mut sent = 0;
    for round in 0..40 {
        // A client request, then a few single events or half a second: small and large patches.
        press("c").await;
        sent += 1;
        if round % 3 == 0 {
            click(&root, "[data-testid=\"advance\"]").await;
        } else {
            for _ in 0..5 {
                press("ArrowRight").await;
            }
        }
        check_logs_grid(&root);
        check_lists(&root, sent);
    }
    click(&root, "[data-testid=\"advance\"]").await;
    check_logs_grid(&root);
    let last = all(&root, ".log-head .index").last().map(|e| e.text_content().unwrap().parse::<u64>().unwrap());
    assert!(last.unwrap_or(0) > 24, "the window slid: last index {last:?}");
}
