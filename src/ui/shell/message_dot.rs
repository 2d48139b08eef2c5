//! A message in flight (click to drop it) and the fading mark where one vanished.

use yew::prelude::*;

use super::fault::Fault;
use super::geometry::along;
use super::palette;
use crate::lab::view::{drop_reason_name, DropMark, MessageModel};
use crate::sim::{Action, MsgId};
use crate::ui::i18n::{self, use_lang, Key};

/// Properties of [`MessageDot`].
#[derive(Properties, PartialEq)]
pub struct MessageDotProps {
    /// The message.
    pub message: MessageModel,
    /// Nodes in the cluster.
    pub count: u32,
    /// Drawn as a reply (a diamond) rather than a request (a disc).
    pub reply: bool,
    /// Asks to drop it.
    pub on_fault: Callback<Fault>,
    /// A short label drawn beside it and its tone ("ok", "fail" or ""), if the lab gives one.
    #[prop_or_default]
    pub tag: Option<(String, &'static str)>,
    /// Drawn emphasised (hovered elsewhere, e.g. in a sequence diagram).
    #[prop_or_default]
    pub highlighted: bool,
    /// The mouse entered (`Some(id)`) or left (`None`) it.
    #[prop_or_default]
    pub on_hover: Callback<Option<MsgId>>,
    /// When set, a click inspects the message instead of dropping it.
    #[prop_or_default]
    pub on_inspect: Option<Callback<MsgId>>,
}

/// A message at its fraction of the way: a disc for requests, a diamond for replies, in the sender's colour.
#[component]
pub fn MessageDot(props: &MessageDotProps) -> Html {
    let lang = use_lang();
    let m = &props.message;
    let id = m.id;
    let at = along(m.from, m.to, props.count, m.progress);
    let onclick = match props.on_inspect.clone() {
        Some(inspect) => Callback::from(move |e: MouseEvent| {
            e.stop_propagation();
            inspect.emit(id);
        }),
        None => props.on_fault.reform(move |e: MouseEvent| {
            e.stop_propagation();
            Action::DropMessage { id }
        }),
    };
    let onmouseenter = props.on_hover.reform(move |_: MouseEvent| Some(id));
    let onmouseleave = props.on_hover.reform(|_: MouseEvent| None);
    let opacity = if m.doomed { (1.0 - 1.6 * m.progress).clamp(0.25, 1.0) } else { 1.0 };
    let title = i18n::fill(
        i18n::t(lang, Key::MessageTitle),
        &[("kind", m.kind), ("from", &m.from.to_string()), ("to", &m.to.to_string())],
    );
    html! {
        <g class={classes!("msg", m.doomed.then_some("doomed"), m.buffered.then_some("buffered"), m.duplicate.then_some("duplicate"), props.highlighted.then_some("highlighted"))}
           data-msg={id.to_string()} data-kind={m.kind}
           transform={format!("translate({:.1},{:.1})", at.x, at.y)} opacity={format!("{opacity:.2}")} {onclick} {onmouseenter} {onmouseleave}>
            <title>{ title }</title>
            <circle class="hit" r="13" />
            if m.duplicate {
                <circle class="copy-ring" r="10" />
            }
            if props.reply {
                <rect class="body" x="-5.5" y="-5.5" width="11" height="11" transform="rotate(45)" fill={palette::fill(m.from)} />
            } else {
                <circle class="body" r="6.5" fill={palette::fill(m.from)} />
            }
            if let Some((text, tone)) = &props.tag {
                <text class={classes!("tag", *tone)} x="9" y="-8">{ text.clone() }</text>
            }
        </g>
    }
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
