//! Keyboard shortcuts for presenting: Space or "." (presenter remotes) plays or pauses, "s" or → steps one
//! event; `use_page_keys` hands any other key to a lab page.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// A shortcut the page reacts to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shortcut {
    /// Space or ".".
    TogglePlay,
    /// "s" or the right arrow.
    Step,
}

/// The key pressed, unless a modifier is held or the focus is in a control (typing, or a button's own keys).
fn page_key(e: &KeyboardEvent) -> Option<String> {
    if e.ctrl_key() || e.meta_key() || e.alt_key() {
        return None;
    }
    let target = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
    let interactive = target.is_some_and(|el| {
        matches!(el.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA" | "BUTTON") || el.has_attribute("tabindex")
    });
    (!interactive).then(|| e.key())
}

/// The shell's shortcut for `key`, if it is one.
pub fn shortcut_of(key: &str) -> Option<Shortcut> {
    match key {
        " " | "." => Some(Shortcut::TogglePlay),
        "s" | "S" | "ArrowRight" => Some(Shortcut::Step),
        _ => None,
    }
}

/// Call `on_shortcut` for shortcuts pressed anywhere on the page (not while typing in a control).
#[hook]
pub fn use_shortcuts(on_shortcut: Callback<Shortcut>) {
    use_page_keys(Callback::from(move |key: String| match shortcut_of(&key) {
        Some(shortcut) => {
            on_shortcut.emit(shortcut);
            true
        }
        None => false,
    }));
}

/// Call `on_key(key)` for keys pressed anywhere on the page (not in a control); it returns whether it
/// handled the key (then the browser's default is prevented).
#[hook]
pub fn use_page_keys(on_key: Callback<String, bool>) {
    let latest = use_mut_ref(|| on_key.clone());
    *latest.borrow_mut() = on_key;
    use_effect_with((), move |_| {
        let listener = Closure::<dyn Fn(KeyboardEvent)>::new(move |e: KeyboardEvent| {
            let handled = page_key(&e).is_some_and(|key| latest.borrow().emit(key));
            if handled {
                e.prevent_default();
            }
        });
        let document = web_sys::window().and_then(|w| w.document());
        if let Some(d) = &document {
            let _ = d.add_event_listener_with_callback("keydown", listener.as_ref().unchecked_ref());
        }
        move || {
            if let Some(d) = &document {
                let _ = d.remove_event_listener_with_callback("keydown", listener.as_ref().unchecked_ref());
            }
        }
    });
}
