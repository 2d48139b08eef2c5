//! One direction of one link: a clickable arrow that cuts or heals it.

use yew::prelude::*;

use super::buttons::on_activate_key;
use super::fault::Fault;
use super::geometry::{along, lane};
use crate::lab::view::LinkModel;
use crate::sim::Action;
use crate::ui::i18n::{self, use_lang, Key};

/// The mark of a cut link: a break across the line (unlike a drop's ×).
pub const CUT_GLYPH: &str = "M-3.5,-8L-3.5,8M3.5,-8L3.5,8";

/// Properties of [`LinkLine`].
#[derive(Properties, PartialEq)]
pub struct LinkLineProps {
    /// The link direction.
    pub link: LinkModel,
    /// Nodes in the cluster.
    pub count: u32,
    /// Asks to cut or heal it.
    pub on_fault: Callback<Fault>,
    /// Whether it is its group's one Tab stop (see [`super::roving`]).
    #[prop_or_default]
    pub tab_stop: bool,
}

/// A link direction: solid with an arrowhead when up, dashed and crossed when cut.
#[component]
pub fn LinkLine(props: &LinkLineProps) -> Html {
    let lang = use_lang();
    let LinkModel { from, to, up } = props.link;
    let (a, b) = lane(from, to, props.count);
    let toggle =
        props.on_fault.reform(move |()| if up { Action::LinkDown { from, to } } else { Action::LinkUp { from, to } });
    let onclick = toggle.reform(|_: MouseEvent| ());
    let onkeydown = on_activate_key(toggle);
    let title = i18n::fill(i18n::t(lang, Key::LinkTitle), &[("from", &from.to_string()), ("to", &to.to_string())]);
    let (x1, y1, x2, y2) = (format!("{:.1}", a.x), format!("{:.1}", a.y), format!("{:.1}", b.x), format!("{:.1}", b.y));
    let mid = along(from, to, props.count, 0.5);
    let angle = (b.y - a.y).atan2(b.x - a.x).to_degrees();
    html! {
        <g class={classes!("link", if up { "up" } else { "down" })} data-link={format!("{from}-{to}")}
           data-up={up.to_string()} tabindex={if props.tab_stop { "0" } else { "-1" }} role="button" aria-label={title.clone()} {onclick} {onkeydown}>
            <title>{ title }</title>
            <line class="hit" x1={x1.clone()} y1={y1.clone()} x2={x2.clone()} y2={y2.clone()} />
            <line class="wire" {x1} {y1} {x2} {y2}
                  marker-end={if up { "url(#arrow-up)" } else { "url(#arrow-down)" }} />
            if !up {
                <path class="cut" transform={format!("translate({:.1},{:.1}) rotate({angle:.1})", mid.x, mid.y)} d={CUT_GLYPH} />
            }
        </g>
    }
}
