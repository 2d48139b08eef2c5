//! The frame loop: while active, call back on every animation frame with the wall milliseconds
//! elapsed; and an automation hook that advances virtual time on request.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_render::{request_animation_frame, AnimationFrame};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::sim::SimTime;

/// The window event a script sends to advance the page's run: `new CustomEvent("distlab-advance",
/// {detail: microseconds})` (benchmarks and automation drive frames with it, without the wall clock).
pub const ADVANCE_EVENT: &str = "distlab-advance";

type Slot = Rc<RefCell<Option<AnimationFrame>>>;

fn schedule(slot: Slot, last: Option<f64>, on_frame: Callback<f64>) {
    let next_slot = slot.clone();
    let frame = request_animation_frame(move |timestamp| {
        if let Some(last) = last {
            on_frame.emit(timestamp - last);
        }
        schedule(next_slot, Some(timestamp), on_frame);
    });
    *slot.borrow_mut() = Some(frame);
}

/// Run `on_frame(wall_ms)` on every `requestAnimationFrame` while `active`; stops when inactive or unmounted.
#[hook]
pub fn use_frame_loop(active: bool, on_frame: Callback<f64>) {
    let latest = use_mut_ref(|| on_frame.clone());
    *latest.borrow_mut() = on_frame;
    use_effect_with(active, move |&active| {
        let slot: Slot = Rc::default();
        if active {
            let forward = Callback::from(move |dt: f64| latest.borrow().emit(dt));
            schedule(slot.clone(), None, forward);
        }
        move || drop(slot.borrow_mut().take())
    });
}

/// Call `on_advance(µs)` for every [`ADVANCE_EVENT`] sent to the window while mounted.
#[hook]
pub fn use_advance_requests(on_advance: Callback<SimTime>) {
    let latest = use_mut_ref(|| on_advance.clone());
    *latest.borrow_mut() = on_advance;
    use_effect_with((), move |()| {
        let listener = Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
            let detail = event.dyn_ref::<web_sys::CustomEvent>().and_then(|e| e.detail().as_f64());
            if let Some(us) = detail.filter(|us| us.is_finite() && *us >= 0.0) {
                latest.borrow().emit(us as SimTime);
            }
        });
        let window = web_sys::window();
        if let Some(w) = &window {
            let _ = w.add_event_listener_with_callback(ADVANCE_EVENT, listener.as_ref().unchecked_ref());
        }
        move || {
            if let Some(w) = window {
                let _ = w.remove_event_listener_with_callback(ADVANCE_EVENT, listener.as_ref().unchecked_ref());
            }
        }
    });
}
