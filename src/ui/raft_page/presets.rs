//! The fault presets bar: kill or isolate the leader, split the cluster, a bridge node, heal all, and +0.5 s.

use yew::prelude::*;

use crate::sim::NodeId;
use crate::ui::i18n::raft::{t, Key};
use crate::ui::i18n::{t as shell_t, use_lang, Key as ShellKey};

/// A preset the bar asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Preset {
    /// Crash the leader.
    KillLeader,
    /// Cut the leader off.
    IsolateLeader,
    /// Leader in a minority, the rest a majority.
    Split,
    /// Two halves and one node that sees both.
    Bridge,
    /// Repair every link.
    HealAll,
    /// Run 500 ms of virtual time.
    Advance,
}

/// Properties of [`Presets`].
#[derive(Properties, PartialEq)]
pub struct PresetsProps {
    /// The current leader.
    pub leader: Option<NodeId>,
    /// A preset was chosen.
    pub on_preset: Callback<Preset>,
    /// Why the last preset did nothing, if it did nothing (shown beside the buttons).
    #[prop_or_default]
    pub notice: Option<AttrValue>,
}

/// The bar of presets.
#[component]
pub fn Presets(props: &PresetsProps) -> Html {
    let lang = use_lang();
    let button = |preset: Preset, testid: &'static str, label: &str, title: &str, class: &'static str| {
        let onclick = props.on_preset.reform(move |_: MouseEvent| preset);
        html! {
            <button type="button" class={classes!("btn", class)} data-testid={testid} title={title.to_string()} {onclick}>
                { label.to_string() }
            </button>
        }
    };
    let leader = props.leader.map_or_else(|| t(lang, Key::NoLeaderNow).to_string(), |l| format!("N{l}"));
    html! {
        <div class="presets" role="toolbar" aria-label={t(lang, Key::Faults)}>
            <span class="leader-chip" data-testid="leader" data-leader={props.leader.map(|l| l.to_string())}>
                { format!("{}: {leader}", t(lang, Key::LeaderIs)) }
            </span>
            { button(Preset::Advance, "advance", shell_t(lang, ShellKey::Advance), shell_t(lang, ShellKey::AdvanceTitle), "") }
            { button(Preset::KillLeader, "kill-leader", t(lang, Key::KillLeader), t(lang, Key::KillLeader), "danger") }
            { button(Preset::IsolateLeader, "isolate-leader", t(lang, Key::IsolateLeader), t(lang, Key::IsolateLeader), "") }
            { button(Preset::Split, "split", t(lang, Key::SplitMajority), t(lang, Key::SplitTitle), "") }
            { button(Preset::Bridge, "bridge", t(lang, Key::Bridge), t(lang, Key::BridgeTitle), "") }
            { button(Preset::HealAll, "heal", shell_t(lang, ShellKey::HealAll), shell_t(lang, ShellKey::HealAll), "") }
            if let Some(notice) = props.notice.clone() {
                <p class="preset-notice" role="status" data-testid="preset-notice">{ notice }</p>
            }
        </div>
    }
}
