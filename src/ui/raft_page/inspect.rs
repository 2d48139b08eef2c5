//! The inspector for a message in flight, and the translation of the view model's rows for both inspectors.

use yew::prelude::*;

use crate::sim::MsgId;
use crate::ui::i18n::raft::{t, Key};
use crate::ui::i18n::{t as shell_t, use_lang, Key as ShellKey};
use crate::ui::shell::inspector::heading_and_rows;

/// Properties of [`MessageInspector`].
#[derive(Properties, PartialEq)]
pub struct MessageInspectorProps {
    /// The message.
    pub id: MsgId,
    /// Its rows, translated; empty when it is no longer in flight.
    pub rows: Vec<(String, String)>,
    /// Drop it.
    pub on_drop: Callback<MsgId>,
    /// Close the inspector.
    pub on_close: Callback<()>,
}

/// Every field of one message in flight, with a button to drop it.
#[component]
pub fn MessageInspector(props: &MessageInspectorProps) -> Html {
    let lang = use_lang();
    let id = props.id;
    let drop = props.on_drop.reform(move |_: MouseEvent| id);
    html! {
        <section class="panel inspector message" data-testid="message-inspector" data-inspected-msg={id.to_string()}>
            { heading_and_rows(lang, format!("{} #{id}", t(lang, Key::Message)), &props.rows, &props.on_close) }
            if !props.rows.is_empty() {
                <div class="buttons">
                    <button type="button" class={classes!("btn", "danger")} data-testid="drop-message" onclick={drop}>
                        { shell_t(lang, ShellKey::EvDrop) }
                    </button>
                </div>
            }
        </section>
    }
}
