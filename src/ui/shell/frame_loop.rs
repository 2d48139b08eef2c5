//! The frame loop: while active, call back on every animation frame with the wall milliseconds elapsed.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_render::{request_animation_frame, AnimationFrame};
use yew::prelude::*;

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
