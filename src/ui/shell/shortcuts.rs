//! Keyboard shortcuts for presenting: Space plays or pauses, "s" or → steps one event.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// A shortcut the page reacts to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shortcut {
    /// Space.
    TogglePlay,
    /// "s" or the right arrow.
    Step,
}

fn shortcut_of(e: &KeyboardEvent) -> Option<Shortcut> {
    if e.ctrl_key() || e.meta_key() || e.alt_key() {
        return None;
    }
    let target = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
    let interactive = target.is_some_and(|el| {
        matches!(el.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA" | "BUTTON") || el.has_attribute("tabindex")
    });
    if interactive {
        return None;
    }
    match e.key().as_str() {
        " " => Some(Shortcut::TogglePlay),
        "s" | "S" | "ArrowRight" => Some(Shortcut::Step),
        _ => None,
    }
}

/// Call `on_shortcut` for shortcuts pressed anywhere on the page (not while typing in a control).
#[hook]
pub fn use_shortcuts(on_shortcut: Callback<Shortcut>) {
    let latest = use_mut_ref(|| on_shortcut.clone());
    *latest.borrow_mut() = on_shortcut;
    use_effect_with((), move |_| {
        let listener = Closure::<dyn Fn(KeyboardEvent)>::new(move |e: KeyboardEvent| {
            if let Some(shortcut) = shortcut_of(&e) {
                e.prevent_default();
                latest.borrow().emit(shortcut);
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
