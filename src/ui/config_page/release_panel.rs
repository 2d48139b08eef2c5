//! The release history of the lesson's key (Apollo's publish, gray release and rollback, each a
//! new version) and the controls that make releases from a chosen client.

use std::rc::Rc;

use yew::prelude::*;

use crate::config_center::ConfigInput;
use crate::lab::config::view::ReleaseRow;
use crate::sim::{Action, NodeId};
use crate::ui::i18n::config::{t, Key};
use crate::ui::i18n::{fill, use_lang};

use super::sides_view::version;

/// Properties of [`ReleasePanel`].
#[derive(Properties, PartialEq)]
pub struct ReleasePanelProps {
    /// The key the controls change.
    pub key_name: AttrValue,
    /// Its releases, oldest first.
    pub releases: Rc<Vec<ReleaseRow>>,
    /// The client node ids.
    pub clients: Rc<Vec<NodeId>>,
    /// An input to act now.
    pub on_act: Callback<Action<ConfigInput>>,
}

/// The value the next publish writes ("v4" after version 3).
pub fn next_value(releases: &[ReleaseRow]) -> String {
    format!("v{}", releases.last().map_or(0, |r| r.version) + 1)
}

/// The history table and the publish, rollback and gray release buttons.
#[component]
pub fn ReleasePanel(props: &ReleasePanelProps) -> Html {
    let lang = use_lang();
    let first = props.clients.first().copied().unwrap_or(0);
    let actor = use_state(|| first);
    let actor_id = if props.clients.contains(&*actor) { *actor } else { first };
    let target = props.clients.iter().copied().find(|&c| c != actor_id).unwrap_or(actor_id);
    let key = props.key_name.to_string();
    let value = next_value(&props.releases);
    let kind = |k: &str| {
        t(
            lang,
            match k {
                "gray" => Key::KindGray,
                "rollback" => Key::KindRollback,
                _ => Key::KindPublish,
            },
        )
    };
    let act = |input: ConfigInput| {
        let on_act = props.on_act.clone();
        Callback::from(move |_: MouseEvent| on_act.emit(Action::Input { node: actor_id, input: input.clone() }))
    };
    let publish = act(ConfigInput::Publish { key: key.clone(), value: value.clone() });
    let rollback = act(ConfigInput::Rollback { key: key.clone() });
    let gray =
        act(ConfigInput::GrayRelease { key: key.clone(), value: format!("{value}-gray"), clients: vec![target] });
    let onchange = {
        let actor = actor.setter();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Ok(id) = select.value().parse::<NodeId>() {
                actor.set(id);
            }
        })
    };
    let client = actor_id.to_string();
    html! {
        <section class="panel config-releases" data-testid="releases">
            <h2>{ fill(t(lang, Key::Releases), &[("key", &key)]) }</h2>
            <div class="release-controls">
                <label>
                    <span>{ t(lang, Key::ReleaseFrom) }</span>
                    <select data-testid="release-client" {onchange}>
                        { for props.clients.iter().map(|&c| html! {
                            <option value={c.to_string()} selected={c == actor_id}>{ format!("C{c}") }</option>
                        }) }
                    </select>
                </label>
                <button type="button" class="btn primary" data-testid="publish" onclick={publish}
                        title={fill(t(lang, Key::PublishTitle), &[("client", &client), ("key", &key)])}>
                    { fill(t(lang, Key::Publish), &[("value", &value)]) }
                </button>
                <button type="button" class="btn" data-testid="rollback" onclick={rollback} title={t(lang, Key::RollbackTitle)}>
                    { t(lang, Key::Rollback) }
                </button>
                <button type="button" class="btn" data-testid="gray-release" onclick={gray}
                        title={fill(t(lang, Key::GrayTitle), &[("client", &target.to_string())])}>
                    { fill(t(lang, Key::Gray), &[("client", &target.to_string())]) }
                </button>
            </div>
            if props.releases.is_empty() {
                <p class="hint">{ t(lang, Key::NoReleases) }</p>
            } else {
                <table class="release-history" data-testid="release-history">
                    <thead>
                        <tr>
                            <th scope="col">{ t(lang, Key::ReleaseVersion) }</th>
                            <th scope="col">{ t(lang, Key::ReleaseKind) }</th>
                            <th scope="col">{ t(lang, Key::ReleaseValue) }</th>
                            <th scope="col">{ t(lang, Key::ReleaseGray) }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for props.releases.iter().rev().map(|r| html! {
                            <tr data-testid="release" data-version={r.version.to_string()} data-kind={r.kind}
                                data-current={r.current.to_string()} class={classes!(r.current.then_some("current"))}>
                                <td>
                                    { version(r.version) }
                                    if r.current { <small class="tag">{ t(lang, Key::Current) }</small> }
                                </td>
                                <td>{ kind(r.kind) }</td>
                                <td>{ r.value.clone() }</td>
                                <td>{ r.gray.as_ref().map(|(v, c)| format!("{v} → {}", c.iter().map(|n| format!("C{n}")).collect::<Vec<_>>().join(" "))).unwrap_or_default() }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            }
        </section>
    }
}
