//! The browser APIs replaying needs: the address bar, the clipboard, downloads, file reading,
//! local storage. Every function does nothing (or returns nothing) where the API is missing.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use yew::Callback;

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// The page URL's query, `?` included ("" when there is none).
pub fn query() -> String {
    window().and_then(|w| w.location().search().ok()).unwrap_or_default()
}

/// The page's full URL.
pub fn href() -> String {
    window().and_then(|w| w.location().href().ok()).unwrap_or_default()
}

/// Query parameters a page's own rewrites of the address bar keep: the course's place.
const KEPT: [&str; 2] = ["lesson", "step"];

/// Replace the address bar's query by `query` (starting with `?`, or empty) without reloading;
/// the course's place (`lesson=`, `step=`) stays.
pub fn replace_query(query: &str) {
    let current = self::query();
    let kept: Vec<&str> = query_pairs(&current).filter(|pair| is_kept(pair)).collect();
    let mut pairs: Vec<String> = query_pairs(query).filter(|pair| !is_kept(pair)).map(str::to_string).collect();
    pairs.extend(kept.iter().map(|pair| pair.to_string()));
    write_query(&pairs);
}

/// Set the course's place in the address bar (`lesson=...&step=...`, or nothing), keeping the rest.
pub fn replace_course_query(params: &str) {
    let current = self::query();
    let mut pairs: Vec<String> = query_pairs(&current).filter(|pair| !is_kept(pair)).map(str::to_string).collect();
    pairs.extend(query_pairs(params).map(str::to_string));
    write_query(&pairs);
}

fn query_pairs(query: &str) -> impl Iterator<Item = &str> {
    query.trim_start_matches('?').split('&').filter(|pair| !pair.is_empty())
}

fn is_kept(pair: &str) -> bool {
    KEPT.contains(&pair.split_once('=').map_or(pair, |(name, _)| name))
}

fn write_query(pairs: &[String]) {
    let query = if pairs.is_empty() { String::new() } else { format!("?{}", pairs.join("&")) };
    let Some(window) = window() else { return };
    let path = window.location().pathname().unwrap_or_default();
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&format!("{path}{query}")));
    }
}

/// Ask the clipboard to take `text`; false when the page has no clipboard API (plain http, old browsers).
pub fn copy(text: &str) -> bool {
    let Some(window) = window() else { return false };
    let clipboard = js_sys::Reflect::get(&window.navigator(), &"clipboard".into()).unwrap_or(JsValue::UNDEFINED);
    let write =
        js_sys::Reflect::get(&clipboard, &"writeText".into()).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let Some(write) = write else { return false };
    match write.call1(&clipboard, &text.into()).map(js_sys::Promise::from) {
        Ok(promise) => {
            // A refusal (no focus, no permission) is fine: the link is shown in a field anyway.
            let ignore = Closure::<dyn FnMut(JsValue)>::new(|_: JsValue| {});
            let _ = promise.catch(&ignore);
            ignore.forget();
            true
        }
        Err(_) => false,
    }
}

/// Offer `text` as a file named `filename` of type `mime` (a Blob behind an object URL).
pub fn download(filename: &str, mime: &str, text: &str) {
    let Some(document) = window().and_then(|w| w.document()) else { return };
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    if let Some(anchor) =
        document.create_element("a").ok().and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        anchor.set_href(&url);
        anchor.set_download(filename);
        anchor.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Read the first file chosen in a file input as text, then call `done` with it.
pub fn read_chosen_file(input: &web_sys::HtmlInputElement, done: Callback<String>) {
    let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
    let Ok(reader) = web_sys::FileReader::new() else { return };
    let source = reader.clone();
    let onload = Closure::once_into_js(move |_: JsValue| {
        done.emit(source.result().ok().and_then(|r| r.as_string()).unwrap_or_default());
    });
    reader.set_onload(Some(onload.unchecked_ref()));
    let _ = reader.read_as_text(&file);
    // Choosing the same file again must fire `change` again.
    input.set_value("");
}

fn storage() -> Option<web_sys::Storage> {
    window().and_then(|w| w.local_storage().ok().flatten())
}

/// The value kept under `key` in local storage.
pub fn stored(key: &str) -> Option<String> {
    storage().and_then(|s| s.get_item(key).ok().flatten())
}

/// Keep `value` under `key` in local storage.
pub fn store(key: &str, value: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(key, value);
    }
}
