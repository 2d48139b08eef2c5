//! The membership panel: the configuration in force (old and new voters during joint consensus,
//! learners, servers outside it), each server's snapshot boundary, and the controls that change them.

use std::rc::Rc;

use yew::prelude::*;

use crate::lab::raft::view::{MemberStatus, MembershipView};
use crate::raft::{ChangeMode, RaftInput};
use crate::sim::NodeId;
use crate::ui::i18n::raft::{t, word, Key};
use crate::ui::i18n::{fill, use_lang, Lang};

/// Properties of [`MembershipPanel`].
#[derive(Properties, PartialEq)]
pub struct MembershipPanelProps {
    /// The configuration in force and every server's part in it.
    pub view: Rc<MembershipView>,
    /// An input for a server: a change for the leader, or a snapshot for the server itself.
    pub on_input: Callback<(NodeId, RaftInput)>,
}

/// The changes a server in `status` can undergo, with their labels and `data-testid` prefixes.
fn changes(status: MemberStatus, node: NodeId) -> Vec<(RaftInput, Key, &'static str)> {
    match status {
        MemberStatus::Outside => vec![
            (RaftInput::AddServer { node }, Key::AddVoter, "add-voter"),
            (RaftInput::AddLearner { node }, Key::AddLearner, "add-learner"),
        ],
        MemberStatus::Learner => vec![
            (RaftInput::PromoteLearner { node }, Key::Promote, "promote"),
            (RaftInput::RemoveServer { node }, Key::Remove, "remove"),
        ],
        MemberStatus::Voter | MemberStatus::Joining => vec![(RaftInput::RemoveServer { node }, Key::Remove, "remove")],
        MemberStatus::Leaving => Vec::new(),
    }
}

/// The line saying whose configuration is shown and whether it is settled.
fn summary(lang: Lang, view: &MembershipView) -> String {
    let Some(source) = view.source else { return t(lang, Key::NoLeaderForChange).to_string() };
    let node = source.to_string();
    let mut parts = vec![if view.config_index == 0 {
        fill(t(lang, Key::ConfigInitial), &[("node", &node)])
    } else {
        fill(t(lang, Key::ConfigFrom), &[("node", &node), ("index", &view.config_index.to_string())])
    }];
    if !view.committed {
        parts.push(t(lang, Key::ConfigPending).to_string());
    }
    if view.joint {
        parts.push(t(lang, Key::ConfigJoint).to_string());
    }
    parts.join(" · ")
}

/// One row per server: its status, its snapshot, and buttons for what can be done to it.
#[component]
pub fn MembershipPanel(props: &MembershipPanelProps) -> Html {
    let lang = use_lang();
    let view = &props.view;
    let leader = view.source.filter(|_| view.from_leader);
    let mode = match view.mode {
        ChangeMode::Joint => t(lang, Key::ModeJoint),
        ChangeMode::SingleServer => t(lang, Key::ModeSingle),
    };
    html! {
        <section class="panel membership" data-testid="membership" data-joint={view.joint.to_string()}>
            <h2>{ t(lang, Key::Membership) }<small class="mode">{ format!(" · {mode}") }</small></h2>
            <p class="hint">{ t(lang, Key::MembershipHint) }</p>
            <p class="config-summary" data-testid="config-summary">{ summary(lang, view) }</p>
            if leader.is_none() {
                <p class="hint warn">{ t(lang, Key::NoLeaderForChange) }</p>
            }
            <table class="members">
                <tbody>
                    { for view.rows.iter().map(|row| {
                        let node = row.node;
                        let status = row.status.as_str();
                        let snapshot = row.snapshot.map_or_else(
                            || t(lang, Key::NoSnapshot).to_string(),
                            |(index, term)| fill(t(lang, Key::SnapshotAt), &[("index", &index.to_string()), ("term", &term.to_string())]),
                        );
                        let snapshot_now = props.on_input.reform(move |_: MouseEvent| (node, RaftInput::Snapshot));
                        html! {
                            <tr key={node} data-member-node={node.to_string()} data-member={status}>
                                <th>{ format!("N{node}") }</th>
                                <td class={classes!("member-status", status)}>{ word(lang, status).unwrap_or(status) }</td>
                                <td class="snapshot-at" data-snapshot={row.snapshot.map(|(i, _)| i.to_string())}>{ snapshot }</td>
                                <td class="member-actions">
                                    { for changes(row.status, node).into_iter().map(|(input, label, testid)| {
                                        let onclick = leader.map(|leader| {
                                            props.on_input.reform(move |_: MouseEvent| (leader, input.clone()))
                                        });
                                        html! {
                                            <button type="button" class="btn small" disabled={onclick.is_none()}
                                                    data-testid={format!("{testid}-{node}")} {onclick}>
                                                { t(lang, label) }
                                            </button>
                                        }
                                    }) }
                                    <button type="button" class="btn small quiet" disabled={!row.up}
                                            data-testid={format!("snapshot-{node}")} onclick={snapshot_now}>
                                        { t(lang, Key::SnapshotNow) }
                                    </button>
                                </td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </section>
    }
}
