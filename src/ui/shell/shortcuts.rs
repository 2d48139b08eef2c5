//! Keyboard shortcuts for presenting: Space or "." (presenter remotes) plays or pauses, "s" or → steps one
//! event; `use_page_keys` hands any other key to a lab page. Keys work whatever has the focus but a
//! text field: after a click on a button, Space still plays or pauses (and does not press the
//! button again), and a slider keeps its arrows.

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

/// The key pressed, unless a modifier is held or the key belongs to the focused control: any key
/// typed into a text field, an arrow on a slider.
fn page_key(e: &KeyboardEvent) -> Option<String> {
    if e.ctrl_key() || e.meta_key() || e.alt_key() {
        return None;
    }
    let key = e.key();
    let target = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
    let owned = target.is_some_and(|el| match el.tag_name().as_str() {
        "TEXTAREA" => true,
        "INPUT" => match el.get_attribute("type").unwrap_or_default().as_str() {
            "checkbox" | "radio" | "button" | "submit" | "reset" | "file" | "color" => false,
            "range" => key.starts_with("Arrow"),
            _ => true,
        },
        _ => el.has_attribute("contenteditable"),
    });
    (!owned).then_some(key)
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
        // A focused button or checkbox acts on Space's keyup: the shortcut had it already.
        let keyup = Closure::<dyn Fn(KeyboardEvent)>::new(move |e: KeyboardEvent| {
            if e.key() == " " && page_key(&e).is_some() {
                e.prevent_default();
            }
        });
        let document = web_sys::window().and_then(|w| w.document());
        if let Some(d) = &document {
            let _ = d.add_event_listener_with_callback("keydown", listener.as_ref().unchecked_ref());
            let _ = d.add_event_listener_with_callback("keyup", keyup.as_ref().unchecked_ref());
        }
        move || {
            if let Some(d) = &document {
                let _ = d.remove_event_listener_with_callback("keydown", listener.as_ref().unchecked_ref());
                let _ = d.remove_event_listener_with_callback("keyup", keyup.as_ref().unchecked_ref());
            }
        }
    });
}
