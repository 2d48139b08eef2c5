//! The distributed transactions lab page: the TX Manager, the participant services and the
//! application on the cluster view; each service's local database as tables (account or stock
//! with available and frozen, the orders, the barrier or fence table); the manager's transaction
//! log with each global transaction's state; the counters; the fault controls that cause the
//! classic failures (empty rollback, hanging, repeated calls, a crashed manager) on purpose; the
//! pattern and protection switches; and the named scenarios, in English and Chinese.

mod compare_panel;
mod counters_panel;
mod faults_panel;
mod follow;
mod frame;
mod legend;
mod manager_panel;
mod messages_panel;
mod scenario_picker;
mod services_panel;
pub mod setup;
mod switches_panel;

use yew::prelude::*;

use crate::lab::txn::scenarios::Named;
use crate::lab::txn::view::inspect::node_rows;
use crate::sim::{ms, Action, Retention, SimTime};
use crate::txn::{TxnInput, LAB, MANAGER};
use crate::ui::i18n::txn::{t, txn_word, violation_text, Key};
use crate::ui::i18n::{note_rows, use_lang};
use crate::ui::replay::replayable::{transport, use_lab_run, LabRun};
use crate::ui::replay::sequence_diagram::SequenceDiagram;
use crate::ui::replay::share_panel::SharePanel;
use crate::ui::shell::cluster_view::ClusterView;
use crate::ui::shell::event_log::EventLog;
use crate::ui::shell::invariant_panel::{ExplainIn, InvariantPanel, NameIn};
use crate::ui::shell::keys_help::use_keys_help;
use crate::ui::shell::lab_layout::{node_inspector, use_page_wiring, LabHead, LabLayout, PageWiring};
use crate::ui::shell::legend::Legend;
use crate::ui::shell::network_controls::NetworkControls;
use crate::ui::shell::node_list::NodeList;
use crate::ui::shell::playback::{AdvanceButton, ADVANCE};
use crate::ui::shell::run::RunAction;
use crate::ui::shell::run_frame::use_run_frame;
use crate::ui::shell::scenario_choice::{use_scenario_choice, ScenarioPicker};
use crate::ui::shell::shortcuts::{shortcut_of, use_page_keys, Shortcut};
use compare_panel::ComparePanel;
use counters_panel::CountersPanel;
use faults_panel::FaultsPanel;
use frame::frame;
use legend::TxnLegend;
use manager_panel::ManagerPanel;
use messages_panel::MessagesPanel;
use services_panel::ServicesPanel;
use setup::{default_run, switched, Switch, DEFAULT_SPEED, TRACE_WINDOW};
use switches_panel::SwitchesPanel;

/// Virtual time the sequence diagram spans.
const SEQUENCE_SPAN: SimTime = ms(300);
/// Most messages the sequence diagram draws.
const SEQUENCE_LIMIT: usize = 120;

/// The distributed transactions lab page.
#[component]
pub fn TxnPage() -> Html {
    let lang = use_lang();
    let (run, replay) = use_lab_run(LabRun {
        lab: LAB,
        retention: Retention::Window(TRACE_WINDOW),
        speed: DEFAULT_SPEED,
        fresh: default_run,
    });
    let PageWiring { dispatch, on_fault, on_select, on_hover, hovered, sequence } =
        use_page_wiring(&run, SEQUENCE_SPAN, SEQUENCE_LIMIT);
    let (frame, _) = use_run_frame(&run, frame);
    // The global transaction followed: its lane, its log row and its messages stand out.
    let followed = use_state(|| None::<u64>);
    let on_follow = {
        let followed = followed.setter();
        use_callback((), move |gid: Option<u64>, _| followed.set(gid))
    };
    let (tags, followed_msg) = follow::tags(&frame.cluster, *followed);
    let first_call = follow::first_call(&frame, *followed);
    let choice = use_scenario_choice(&run, scenario_picker::runs());
    let app = frame.apps.first().map(|a| a.node);
    let on_act = dispatch.reform(RunAction::Act);
    let keys = use_keys_help(vec![
        ("C", t(lang, Key::KeyCrash).into()),
        ("P", t(lang, Key::KeyPay).into()),
        ("A", t(lang, Key::KeyAdvance).into()),
    ]);
    {
        let (dispatch, playing, manager_down) =
            (dispatch.clone(), run.playing, frame.manager.status == crate::sim::NodeStatus::Down);
        use_page_keys(Callback::from(move |key: String| {
            let action = match (shortcut_of(&key), key.as_str()) {
                (Some(Shortcut::TogglePlay), _) => RunAction::SetPlaying(!playing),
                (Some(Shortcut::Step), _) => RunAction::Step,
                (None, "c" | "C") if manager_down => RunAction::Act(Action::Restart { node: MANAGER }),
                (None, "c" | "C") => RunAction::Act(Action::Crash { node: MANAGER }),
                (None, "p" | "P") => match app {
                    Some(node) => {
                        RunAction::Act(Action::Input { node, input: TxnInput::Pay { amount: 100, quantity: 1 } })
                    }
                    None => return false,
                },
                (None, "a" | "A") => RunAction::Advance(ADVANCE),
                _ => return false,
            };
            dispatch.emit(action);
            true
        }));
    }

    let on_switch = {
        let (on_config, config) = (choice.on_config.clone(), frame.config.clone());
        on_config.reform(move |switch: Switch| switched((*config).clone(), switch))
    };
    let (count, actions) = {
        let timeline = run.timeline.borrow();
        (timeline.world().node_count(), timeline.scenario().actions.len())
    };
    let inspector = {
        let timeline = run.timeline.borrow();
        let rows = |node| note_rows(lang, &node_rows(timeline.world(), node));
        node_inspector(run.selected, count, rows, &on_fault, &dispatch)
    };

    let head = html! {
        <LabHead title={t(lang, Key::Title)}
                 subtitle={t(lang, if frame.config.pattern.by_message() { Key::SubtitleMessages } else { Key::Subtitle })}>
            { keys.button }
            <ScenarioPicker<Named> current={choice.current} on_choose={choice.on_choose.clone()}
                                   default_label={t(lang, Key::Default)} />
        </LabHead>
    };
    html! {
        <LabLayout class="txn-page" {head} overlay={keys.overlay}
            error={replay.banner(lang, run.error.as_ref())} on_dismiss_error={replay.on_dismiss_error.clone()}
            transport={transport(&run, frame.now, choice.on_reset.clone(), &replay, &dispatch)}
            start_hint={(frame.now == 0 && !run.playing).then(|| AttrValue::from(t(lang, Key::Start)))}
            controls={html! {
                <div class="presets">
                    <AdvanceButton on_advance={dispatch.reform(RunAction::Advance)} />
                    <span class="action-count" data-testid="action-count" data-value={actions.to_string()}>
                        { format!("{}: {actions}", crate::ui::i18n::t(lang, crate::ui::i18n::Key::Actions)) }
                    </span>
                </div>
            }}
            cluster={html! {
                <ClusterView model={frame.cluster.clone()} selected={run.selected}
                             on_select={on_select.clone()} on_fault={on_fault.clone()} flagged={frame.flagged.clone()}
                             highlight={hovered.or(followed_msg)} on_hover_message={on_hover.clone()} {tags} />
            }}
            legend={html! {
                <>
                    <TxnLegend />
                    <Legend />
                    <p class="hint scaled" data-testid="scaled">
                        { t(lang, if frame.config.pattern.by_message() { Key::ScaledMessages } else { Key::Scaled }) }
                    </p>
                </>
            }}
            side={html! {
                <>
                    <InvariantPanel invariants={frame.invariants.clone()} name={txn_word as NameIn} explain={violation_text as ExplainIn} />
                    <FaultsPanel manager={frame.manager.status} pattern={frame.config.pattern} services={frame.services.clone()} {app} {count}
                                 network={frame.network.clone()} reply={frame.reply} {first_call}
                                 first_op={frame.config.pattern.first_op().name()} {on_act} />
                    { inspector }
                    <CountersPanel counters={frame.counters.clone()} by_message={frame.config.pattern.by_message()} />
                </>
            }}
            sequence={html! {
                <SequenceDiagram model={sequence} highlight={hovered} {on_hover} group_word={AttrValue::from(t(lang, Key::GlobalTxn))}
                                 selected_group={*followed} on_select_group={on_follow.clone()} />
            }}>
            <div class="lower txn-lower">
                <ServicesPanel services={frame.services.clone()} />
                if frame.config.pattern.by_message() {
                    <MessagesPanel broker={frame.broker.clone()} relay={frame.relay.clone()} apps={frame.apps.clone()} />
                } else {
                    <ManagerPanel manager={frame.manager.clone()} apps={frame.apps.clone()} selected={*followed} on_select={on_follow} />
                }
                <SwitchesPanel config={frame.config.clone()} {on_switch} />
            </div>
            <div class="lower txn-lower">
                <ComparePanel />
            </div>
            <div class="lower txn-lower">
                <EventLog lines={frame.log.clone()} />
                <NetworkControls config={frame.network.clone()} on_fault={on_fault.clone()} />
                <NodeList nodes={frame.nodes.clone()} selected={run.selected} {on_select} {on_fault} />
                <SharePanel ..replay.share.clone() />
            </div>
        </LabLayout>
    }
}
