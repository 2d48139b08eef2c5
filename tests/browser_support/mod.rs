//! Helpers shared by the browser tests: mount a component, let it settle, find and click things.
#![allow(dead_code)]

use gloo_timers::future::TimeoutFuture;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement};
use yew::BaseComponent;

/// Mount a fresh `C` in a new div appended to the body and wait until it has rendered.
pub async fn mount<C: BaseComponent<Properties = ()>>() -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<C>::with_root(root.clone()).render();
    settle().await;
    root
}

/// Let events dispatch and the app re-render.
pub async fn settle() {
    yew::scheduler::flush().await;
    TimeoutFuture::new(10).await;
    yew::scheduler::flush().await;
}

/// The first element matching `selector` (panics, naming it, if none does).
pub fn find(root: &Element, selector: &str) -> Element {
    root.query_selector(selector).unwrap().unwrap_or_else(|| panic!("nothing matches {selector}"))
}

/// Every element matching `selector`.
pub fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length()).map(|i| list.item(i).unwrap().dyn_into().unwrap()).collect()
}

/// An attribute of the first element matching `selector` (panics if absent).
pub fn attr(root: &Element, selector: &str, name: &str) -> String {
    find(root, selector).get_attribute(name).unwrap_or_else(|| panic!("{selector} has no {name}"))
}

/// Fire a bubbling DOM event `new constructor(type, {bubbles: true})` at `target`.
pub fn fire(target: &Element, constructor: &str, event: &str) {
    let body = format!("el.dispatchEvent(new {constructor}(type, {{bubbles: true}}))");
    let f = js_sys::Function::new_with_args("el, type", &body);
    f.call2(&JsValue::NULL, target, &event.into()).unwrap();
}

/// Click anything, SVG shapes included: a bubbling `click` like a real one, then settle.
pub async fn click(root: &Element, selector: &str) {
    let target = find(root, selector);
    match target.dyn_ref::<HtmlElement>() {
        Some(html) => html.click(),
        None => fire(&target, "MouseEvent", "click"),
    }
    settle().await;
}

/// Load the app's stylesheets into the test page once (layout tests measure what users see).
#[allow(dead_code)]
pub fn load_styles() {
    let document = web_sys::window().unwrap().document().unwrap();
    if document.get_element_by_id("distlab-test-styles").is_some() {
        return;
    }
    let style = document.create_element("style").unwrap();
    style.set_id("distlab-test-styles");
    style.set_text_content(Some(
        &[
            include_str!("../../styles/app.css"),
            include_str!("../../styles/raft.css"),
            include_str!("../../styles/raft-ext.css"),
            include_str!("../../styles/locks.css"),
            include_str!("../../styles/replay.css"),
            include_str!("../../styles/txn.css"),
            include_str!("../../styles/ids.css"),
            include_str!("../../styles/polish.css"),
        ]
        .concat(),
    ));
    document.head().unwrap().append_child(&style).unwrap();
}
