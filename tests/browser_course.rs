//! Browser tests of the course: every lesson opens from its URL at every step, and every step is
//! completed by doing what it asks in the real page (and not by something else).
#![cfg(target_arch = "wasm32")]

use distlab::lab::course::{lesson, Check, LESSONS};
use distlab::ui::App;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement};

wasm_bindgen_test_configure!(run_in_browser);

mod browser_support;
use browser_support::{attr, click, find, settle};

/// A mounted app, destroyed when dropped so that runs of earlier tests do not go on in the background.
struct Page {
    root: Element,
    handle: Option<yew::AppHandle<App>>,
}

impl Drop for Page {
    fn drop(&mut self) {
        if let Some(handle) = self.handle.take() {
            handle.destroy();
        }
        self.root.remove();
    }
}

/// Open the app at `query`, as a link from outside would, and wait for the step's run to land.
async fn open(query: &str) -> Page {
    let window = web_sys::window().unwrap();
    let path = window.location().pathname().unwrap();
    window.history().unwrap().replace_state_with_url(&JsValue::NULL, "", Some(&format!("{path}{query}"))).unwrap();
    let document = window.document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let handle = yew::Renderer::<App>::with_root(root.clone()).render();
    let page = Page { root, handle: Some(handle) };
    landed(&page.root).await;
    page
}

/// Wait until no replay toward a far time is in progress.
async fn landed(root: &Element) {
    settle().await;
    for _ in 0..400 {
        if root.query_selector("[data-testid=\"landing\"]").unwrap().is_none() {
            break;
        }
        gloo_timers::future::TimeoutFuture::new(20).await;
    }
    settle().await;
}

fn panel(root: &Element, name: &str) -> String {
    attr(root, "[data-testid=\"course-panel\"]", name)
}

fn done(root: &Element) -> bool {
    panel(root, "data-done") == "true"
}

/// Advance the page's virtual time by `ms` milliseconds, as automation does.
async fn advance(ms: u64) {
    let body = "window.dispatchEvent(new CustomEvent('distlab-advance', {detail: us}))";
    js_sys::Function::new_with_args("us", body).call1(&JsValue::NULL, &JsValue::from_f64((ms * 1000) as f64)).unwrap();
    settle().await;
    settle().await;
}

async fn slide(root: &Element, testid: &str, value: &str) {
    let input: HtmlInputElement = find(root, &format!("[data-testid=\"{testid}\"]")).dyn_into().unwrap();
    input.set_value(value);
    browser_support::fire(&input, "Event", "change");
    settle().await;
}

async fn press(root: &Element, testid: &str) {
    find(root, &format!("[data-testid=\"{testid}\"]")).dyn_into::<HtmlElement>().unwrap().click();
    settle().await;
}

fn leader(root: &Element) -> u32 {
    attr(root, "[data-testid=\"leader\"]", "data-leader").parse().expect("a leader")
}

fn is_down(root: &Element, node: u32) -> bool {
    find(root, &format!("[data-testid=\"kill-{node}\"]")).has_attribute("disabled")
}

/// Send a client put to `node` (None: the leader) from the Raft page's client panel.
async fn send(root: &Element, node: Option<u32>) {
    let select: HtmlSelectElement = find(root, "[data-testid=\"client-node\"]").dyn_into().unwrap();
    select.set_value(&node.map_or("leader".to_string(), |n| n.to_string()));
    browser_support::fire(&select, "Event", "change");
    settle().await;
    press(root, "client-send").await;
}

/// Something else than what step `id` asks, that must leave it undone.
async fn do_something_else(root: &Element, id: &str) {
    match id {
        "fal-latency" => slide(root, "loss", "20").await,
        "fal-loss" | "fal-reorder" => slide(root, "duplication", "20").await,
        "fal-cut" => press(root, "heal-all").await,
        "lm-repair" => advance(1_000).await,
        "mb-remove" => {
            press(root, &format!("snapshot-{}", leader(root))).await;
            advance(300).await;
        }
        "cc-rollback" => press(root, "gray-release").await,
        "rb-kill" => press(root, &format!("kill-{}", (leader(root) + 1) % 5)).await,
        "fw-send" => {
            send(root, None).await;
            advance(300).await;
        }
        "hb-cut" => {
            let l = leader(root);
            click(root, &format!("[data-link=\"{l}-{}\"]", (l + 1) % 5)).await;
        }
        "mj-minority" => {
            let l = leader(root);
            press(root, &format!("kill-{}", (l + 1) % 5)).await;
            advance(1_000).await;
        }
        "mj-majority" => {
            send(root, None).await;
            advance(2_500).await;
        }
        _ => {}
    }
}

/// Do what step `id` asks.
async fn do_the_step(root: &Element, id: &str) {
    match id {
        "fal-latency" => slide(root, "latency-max", "500").await,
        "fal-loss" => slide(root, "loss", "20").await,
        "fal-reorder" => slide(root, "reordering", "20").await,
        "fal-cut" => click(root, "[data-link=\"0-1\"]").await,
        "cc-rollback" => {
            press(root, "publish").await;
            press(root, "rollback").await;
        }
        "cap-cp" | "cap-ap" | "cap-skew" => advance(45_000).await,
        "cc-gray" | "cc-cache" => advance(18_000).await,
        "rb-write" => {
            send(root, None).await;
            advance(500).await;
        }
        "fw-send" => {
            send(root, Some((leader(root) + 1) % 5)).await;
            advance(100).await;
        }
        "rb-kill" => press(root, "kill-leader").await,
        "mb-remove" => {
            press(root, &format!("remove-{}", (leader(root) + 1) % 5)).await;
            advance(300).await;
        }
        "lm-repair" => {
            press(root, "heal").await;
            advance(1_000).await;
        }
        "hb-cut" => {
            let l = leader(root);
            click(root, &format!("[data-link=\"{}-{l}\"]", (l + 1) % 5)).await;
        }
        "mj-minority" => {
            press(root, "kill-leader").await;
            advance(3_000).await;
        }
        "mj-majority" => {
            let l = leader(root);
            let victim = (0..5).find(|&n| n != l && !is_down(root, n)).unwrap();
            press(root, &format!("kill-{victim}")).await;
            send(root, None).await;
            advance(2_500).await;
        }
        "fal-watch" | "sv-fixed" | "hb-watch" | "mj-commit" | "rb-elect" | "rb-reelect" => advance(2_000).await,
        "sv-bug" => advance(3_000).await,
        "f8-drawn" | "f8-rule" => advance(500).await,
        _ => advance(12_000).await,
    }
}

/// Walk lesson `id` from its URL to its end, doing each step, after something else first.
async fn walk(id: &str) {
    let lesson = lesson(id).unwrap();
    let page = open(&format!("?lesson={id}&step=1")).await;
    let root = &page.root;
    for (index, step) in lesson.steps.iter().enumerate() {
        assert_eq!(panel(root, "data-step"), index.to_string(), "{}", step.id);
        assert!(!done(root), "{}: not done when it begins", step.id);
        match step.check {
            Check::Answer(right) => {
                let wrong = (right + 1) % step.choices;
                press(root, &format!("course-choice-{wrong}")).await;
                assert!(!done(root), "{}: a wrong choice", step.id);
                assert!(root.query_selector("[data-testid=\"course-wrong\"]").unwrap().is_some());
                press(root, &format!("course-choice-{right}")).await;
            }
            _ => {
                do_something_else(root, step.id).await;
                assert!(!done(root), "{}: something else does not complete it", step.id);
                do_the_step(root, step.id).await;
            }
        }
        assert!(done(root), "{}: done by doing what it asks", step.id);
        assert!(!find(root, "[data-testid=\"course-done\"]").text_content().unwrap_or_default().is_empty());
        press(root, "course-next").await;
        landed(root).await;
    }
    assert!(
        root.query_selector("[data-testid=\"course-panel\"]").unwrap().is_none(),
        "the last Next closes the lesson"
    );
    assert!(root.query_selector("[data-testid=\"course-contents\"]").unwrap().is_some(), "and shows the contents");
}

#[wasm_bindgen_test]
async fn every_lesson_opens_from_its_url_at_every_step_on_its_lab() {
    for lesson in LESSONS {
        for index in 0..lesson.steps.len() {
            let page = open(&format!("?lesson={}&step={}", lesson.id, index + 1)).await;
            let root = &page.root;
            assert_eq!(attr(root, "[data-testid=\"app\"]", "data-lab"), lesson.lab, "{}", lesson.id);
            assert_eq!(
                (panel(root, "data-lesson"), panel(root, "data-step")),
                (lesson.id.to_string(), index.to_string())
            );
            assert!(!find(root, "[data-testid=\"course-text\"]").text_content().unwrap().is_empty());
            let query = web_sys::window().unwrap().location().search().unwrap();
            assert!(query.contains(&format!("lesson={}&step={}", lesson.id, index + 1)), "{query}");
        }
    }
}

#[wasm_bindgen_test]
async fn the_contents_follow_the_lecture_and_open_a_lesson_and_back_next_restart_keep_the_url() {
    let page = open("?lab=network").await;
    let root = &page.root;
    press(root, "course-open").await;
    let sections: Vec<String> = browser_support::all(root, ".course-section")
        .iter()
        .map(|s| s.get_attribute("data-section").unwrap())
        .collect();
    assert_eq!(sections, ["basics", "theory", "ids", "locks", "transactions", "raft", "config", "homework"]);
    press(root, "lesson-raft-basics").await;
    landed(root).await;
    assert_eq!(attr(root, "[data-testid=\"app\"]", "data-lab"), "raft");
    press(root, "course-next").await;
    press(root, "course-next").await;
    let search = || web_sys::window().unwrap().location().search().unwrap();
    assert!(search().contains("lesson=raft-basics&step=3"), "{}", search());
    press(root, "course-back").await;
    landed(root).await;
    assert!(search().contains("step=2"));
    press(root, "course-restart").await;
    landed(root).await;
    assert_eq!(panel(root, "data-step"), "0");
    press(root, "lab-network").await;
    assert_eq!(attr(root, "[data-testid=\"app\"]", "data-lab"), "network");
    assert!(
        root.query_selector("[data-testid=\"course-elsewhere\"]").unwrap().is_some(),
        "the panel says where the lesson runs"
    );
    press(root, "course-return").await;
    landed(root).await;
    assert_eq!(attr(root, "[data-testid=\"app\"]", "data-lab"), "raft");
    assert!(root.query_selector("[data-testid=\"course-elsewhere\"]").unwrap().is_none());
    press(root, "course-close").await;
    assert!(root.query_selector("[data-testid=\"course-panel\"]").unwrap().is_none());
    assert!(!search().contains("lesson="), "{}", search());
}

#[wasm_bindgen_test]
async fn the_network_lessons_complete_by_doing_what_they_ask() {
    walk("fallacies").await;
}

#[wasm_bindgen_test]
async fn the_configuration_lessons_complete_by_doing_what_they_ask() {
    walk("cap").await;
    walk("config-center").await;
}

#[wasm_bindgen_test]
async fn the_raft_lessons_complete_by_doing_what_they_ask() {
    walk("raft-basics").await;
    walk("raft-follower-write").await;
    walk("raft-heartbeats").await;
    walk("raft-membership").await;
}

#[wasm_bindgen_test]
async fn the_four_raft_questions_complete_by_runs() {
    walk("raft-log-matching").await;
    walk("raft-split-votes").await;
    walk("raft-figure8").await;
    walk("raft-majority").await;
}

#[wasm_bindgen_test]
async fn the_ids_locks_and_transactions_lessons_complete_by_doing_what_they_ask() {
    walk("ids").await;
    walk("locks").await;
    walk("transactions").await;
    walk("messages").await;
    walk("homework-lock").await;
}

#[wasm_bindgen_test]
async fn every_lesson_is_walked_by_one_of_these_tests() {
    let walked = [
        "fallacies",
        "cap",
        "raft-basics",
        "raft-follower-write",
        "raft-heartbeats",
        "raft-membership",
        "raft-log-matching",
        "raft-split-votes",
        "raft-figure8",
        "raft-majority",
        "ids",
        "locks",
        "transactions",
        "messages",
        "config-center",
        "homework-lock",
    ];
    for lesson in LESSONS {
        assert!(walked.contains(&lesson.id), "{} is not walked", lesson.id);
    }
}
