//! Finding the message an event happened on, and the fading mark where one vanished.

use yew::prelude::*;

use wasm_bindgen::JsCast;

use super::geometry::along;
use crate::lab::view::{drop_reason_name, DropMark};
use crate::sim::MsgId;

/// The message id of the `data-msg` element an event happened in, if any.
pub fn message_at(event: &web_sys::Event) -> Option<MsgId> {
    message_id_at(event, "data-msg")
}

/// The message id held in `attribute` by the element an event happened in (or its closest
/// ancestor with one): how a drawing with many messages shares one set of listeners.
pub fn message_id_at(event: &web_sys::Event, attribute: &str) -> Option<MsgId> {
    let target = event.target()?.dyn_into::<web_sys::Element>().ok()?;
    target.closest(&format!("[{attribute}]")).ok()??.get_attribute(attribute)?.parse().ok()
}

/// Properties of [`DropCross`].
#[derive(Properties, PartialEq)]
pub struct DropCrossProps {
    /// Where and why.
    pub mark: DropMark,
    /// Nodes in the cluster.
    pub count: u32,
}

/// A fading × where a message vanished.
#[component]
pub fn DropCross(props: &DropCrossProps) -> Html {
    let d = &props.mark;
    let at = along(d.from, d.to, props.count, d.progress);
    let reason = drop_reason_name(d.reason);
    html! {
        <g class={classes!("drop-mark", format!("reason-{reason}"))} data-drop={d.id.to_string()}
           transform={format!("translate({:.1},{:.1})", at.x, at.y)} opacity={format!("{:.2}", d.freshness.clamp(0.0, 1.0))}>
            <path d="M-7,-7L7,7M7,-7L-7,7" />
        </g>
    }
}
