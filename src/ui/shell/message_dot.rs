//! A message in flight and the fading mark where one vanished.

use yew::prelude::*;

use wasm_bindgen::JsCast;

use super::geometry::along;
use super::palette;
use crate::lab::view::{drop_reason_name, DropMark, MessageModel};
use crate::sim::MsgId;

/// How one message is drawn.
pub struct MessageLook<'a> {
    /// The message.
    pub message: &'a MessageModel,
    /// Nodes in the cluster.
    pub count: u32,
    /// Drawn as a reply (a diamond) rather than a request (a disc).
    pub reply: bool,
    /// A short label drawn beside it and its tone ("ok", "fail" or ""), if the lab gives one.
    pub tag: Option<&'a (String, &'static str)>,
    /// Drawn emphasised (hovered elsewhere, e.g. in a sequence diagram).
    pub highlighted: bool,
}

/// A message at its fraction of the way: a disc for requests, a diamond for replies, in the
/// sender's colour. Plain markup, no component and no listeners of its own (hundreds move every
/// frame): the cluster view handles clicks and hovers for all of them, by `data-msg`.
pub fn message_dot(look: MessageLook<'_>) -> Html {
    let m = look.message;
    let at = along(m.from, m.to, look.count, m.progress);
    let opacity = if m.doomed { (1.0 - 1.6 * m.progress).clamp(0.25, 1.0) } else { 1.0 };
    html! {
        <g key={m.id} class={classes!("msg", m.doomed.then_some("doomed"), m.buffered.then_some("buffered"), m.duplicate.then_some("duplicate"), look.highlighted.then_some("highlighted"))}
           data-msg={m.id.to_string()} data-kind={m.kind}
           transform={format!("translate({:.1},{:.1})", at.x, at.y)} opacity={format!("{opacity:.2}")}>
            <title>{ format!("{} {}→{}", m.kind, m.from, m.to) }</title>
            <circle class="hit" r="13" />
            if m.duplicate {
                <circle class="copy-ring" r="10" />
            }
            if look.reply {
                <rect class="body" x="-5.5" y="-5.5" width="11" height="11" transform="rotate(45)" fill={palette::fill(m.from)} />
            } else {
                <circle class="body" r="6.5" fill={palette::fill(m.from)} />
            }
            if let Some((text, tone)) = look.tag {
                <text class={classes!("tag", *tone)} x="9" y="-8">{ text.clone() }</text>
            }
        </g>
    }
}

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
