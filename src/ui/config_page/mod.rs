//! The configuration-center lab page ("CAP and configuration"): the servers and clients on the
//! cluster view; the cluster again by side of the partition, with each server's data and version
//! and each client's cached version; the CP/AP switch that replays the same scenario in the other
//! mode, with the CAP letter the run gives up and the BASE property it shows; availability and
//! staleness per side, and the same scenario measured in both modes side by side; the release
//! history with publish, rollback and gray release; the named scenarios, in English and Chinese.

mod frame;
mod legend;
mod measures_panel;
mod mode_switch;
mod release_panel;
mod scenario_picker;
pub mod setup;
mod sides_view;

use std::rc::Rc;

use yew::prelude::*;

use crate::config_center::{ConfigInput, Mode};
use crate::lab::config::scenarios::Named;
use crate::lab::config::view::{both_modes, inspect::node_rows};
use crate::lab::config::LAB;
use crate::sim::{secs, Action, Retention, SimTime};
use crate::ui::i18n::config::{config_word, t, violation_text, Key};
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
use crate::ui::shell::playback::AdvanceButton;
use crate::ui::shell::run::RunAction;
use crate::ui::shell::run_frame::use_run_frame;
use crate::ui::shell::scenario_choice::{use_scenario_choice, Choice, ScenarioPicker};
use crate::ui::shell::shortcuts::{shortcut_of, use_page_keys, Shortcut};
use frame::frame;
use legend::ConfigLegend;
use measures_panel::MeasuresPanel;
use mode_switch::{LessonLine, ModeSwitch};
use release_panel::{next_value, ReleasePanel};
use setup::{default_run, other, switched, DEFAULT_SPEED, TRACE_WINDOW};
use sides_view::SidesView;

/// Virtual time the sequence diagram spans.
const SEQUENCE_SPAN: SimTime = secs(3);
/// Most messages the sequence diagram draws.
const SEQUENCE_LIMIT: usize = 120;
/// What the "+5 s" button runs.
const ADVANCE_LONG: SimTime = secs(5);

/// The partition of the "Partition server 0" button: server 0 and its client on one side.
fn partition_zero(servers: u32, clients: u32) -> Action<ConfigInput> {
    let minority = vec![0, servers];
    let majority = (1..servers + clients).filter(|n| *n != servers).collect();
    Action::Partition { groups: vec![minority, majority] }
}

/// The configuration-center lab page.
#[component]
pub fn ConfigPage() -> Html {
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
    let choice = use_scenario_choice(&run, scenario_picker::runs());
    let scenario = run.timeline.borrow().scenario().clone();
    // The same scenario to its end in each mode: recomputed when the scenario changes.
    let both = use_memo(scenario.clone(), |s| both_modes(s));
    let on_mode = {
        let (on_scenario, scenario) = (choice.on_scenario.clone(), scenario.clone());
        Callback::from(move |mode: Mode| {
            if mode != scenario.config.mode {
                on_scenario.emit(switched(&scenario, mode));
            }
        })
    };
    // Reset replays the chosen scenario in the mode shown, not the file's own.
    let on_reset = {
        let (on_scenario, on_reset, mode, current) =
            (choice.on_scenario.clone(), choice.on_reset.clone(), frame.config.mode, choice.current);
        Callback::from(move |()| match current {
            Choice::Named(named) => on_scenario.emit(switched(&named.scenario(), mode)),
            _ => on_reset.emit(()),
        })
    };
    let config = frame.config.clone();
    let (servers, client_count) = (config.servers, config.clients);
    let clients: Rc<Vec<u32>> = Rc::new(config.client_ids().collect());
    let key = config.keys.first().cloned().unwrap_or_default();
    let on_act = dispatch.reform(RunAction::Act);
    let partitioned = frame.partition.as_ref().as_ref().is_some_and(|p| p.1);
    let partition_action = if partitioned { Action::HealAll } else { partition_zero(servers, client_count) };
    let keys = use_keys_help(vec![
        ("M", t(lang, Key::KeyMode).into()),
        ("P", t(lang, Key::KeyPublish).into()),
        ("N", t(lang, Key::KeyPartition).into()),
        ("A", t(lang, Key::KeyAdvance).into()),
    ]);
    {
        let (dispatch, playing, on_mode, mode) = (dispatch.clone(), run.playing, on_mode.clone(), config.mode);
        let publish = Action::Input {
            node: servers,
            input: ConfigInput::Publish { key: key.clone(), value: next_value(&frame.releases) },
        };
        let partition_action = partition_action.clone();
        use_page_keys(Callback::from(move |pressed: String| {
            let action = match (shortcut_of(&pressed), pressed.as_str()) {
                (Some(Shortcut::TogglePlay), _) => RunAction::SetPlaying(!playing),
                (Some(Shortcut::Step), _) => RunAction::Step,
                (None, "m" | "M") => {
                    on_mode.emit(other(mode));
                    return true;
                }
                (None, "p" | "P") => RunAction::Act(publish.clone()),
                (None, "n" | "N") => RunAction::Act(partition_action.clone()),
                (None, "a" | "A") => RunAction::Advance(ADVANCE_LONG),
                _ => return false,
            };
            dispatch.emit(action);
            true
        }));
    }

    let (count, actions) = {
        let timeline = run.timeline.borrow();
        (timeline.world().node_count(), timeline.scenario().actions.len())
    };
    let inspector = {
        let timeline = run.timeline.borrow();
        let rows = |node| note_rows(lang, &node_rows(timeline.world(), node));
        node_inspector(run.selected, count, rows, &on_fault, &dispatch)
    };
    let on_select_copy = on_select.clone();
    let head = html! {
        <LabHead title={t(lang, Key::Title)} subtitle={t(lang, Key::Subtitle)}>
            { keys.button }
            <ScenarioPicker<Named> current={choice.current} on_choose={choice.on_choose.clone()}
                                   default_label={t(lang, Key::Default)} />
        </LabHead>
    };
    let act_now = |action: Action<ConfigInput>| {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.emit(RunAction::Act(action.clone())))
    };
    html! {
        <LabLayout class="config-page" {head} overlay={keys.overlay}
            error={replay.banner(lang, run.error.as_ref())} on_dismiss_error={replay.on_dismiss_error.clone()}
            transport={transport(&run, frame.now, on_reset, &replay, &dispatch)}
            start_hint={(frame.now == 0 && !run.playing).then(|| AttrValue::from(t(lang, Key::Start)))}
            controls={html! {
                <div class="presets config-controls">
                    <ModeSwitch mode={config.mode} on_mode={on_mode.clone()} />
                    if partitioned {
                        <button type="button" class="btn" data-testid="heal" title={t(lang, Key::HealTitle)}
                                onclick={act_now(Action::HealAll)}>{ t(lang, Key::Heal) }</button>
                    } else {
                        <button type="button" class="btn danger" data-testid="partition-zero" title={t(lang, Key::PartitionZeroTitle)}
                                onclick={act_now(partition_zero(servers, client_count))}>{ t(lang, Key::PartitionZero) }</button>
                    }
                    <AdvanceButton on_advance={dispatch.reform(RunAction::Advance)} />
                    <button type="button" class="btn" data-testid="advance-long" title={t(lang, Key::AdvanceFiveTitle)}
                            onclick={dispatch.reform(|_: MouseEvent| RunAction::Advance(ADVANCE_LONG))}>{ t(lang, Key::AdvanceFive) }</button>
                    <span class="action-count" data-testid="action-count" data-value={actions.to_string()}>
                        { format!("{}: {actions}", crate::ui::i18n::t(lang, crate::ui::i18n::Key::Actions)) }
                    </span>
                </div>
            }}
            cluster={html! {
                <ClusterView model={frame.cluster.clone()} selected={run.selected}
                             on_select={on_select.clone()} on_fault={on_fault.clone()} flagged={frame.flagged.clone()}
                             highlight={hovered} on_hover_message={on_hover.clone()} />
            }}
            legend={html! {
                <>
                    <ConfigLegend />
                    <Legend />
                </>
            }}
            side={html! {
                <>
                    <SidesView servers={frame.servers.clone()} clients={frame.clients.clone()}
                               partition={frame.partition.clone()} on_select={on_select_copy}>
                        <LessonLine lesson={frame.lesson} />
                    </SidesView>
                    <InvariantPanel invariants={frame.invariants.clone()} name={config_word as NameIn} explain={violation_text as ExplainIn} />
                    { inspector }
                </>
            }}
            sequence={html! {
                <SequenceDiagram model={sequence} highlight={hovered} {on_hover} />
            }}>
            <div class="lower config-lower">
                <MeasuresPanel measures={frame.measures.clone()} both={both} />
                <ReleasePanel key_name={AttrValue::from(key)} releases={frame.releases.clone()} {clients} {on_act} />
            </div>
            <div class="lower config-lower-2">
                <EventLog lines={frame.log.clone()} />
                <NetworkControls config={frame.network.clone()} on_fault={on_fault.clone()} />
                <NodeList nodes={frame.nodes.clone()} selected={run.selected} {on_select} {on_fault} />
                <SharePanel ..replay.share.clone() />
            </div>
        </LabLayout>
    }
}
