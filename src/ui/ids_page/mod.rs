//! The distributed IDs lab page: application servers and the generator's backends on the cluster
//! view, each server's latest ID decoded into its bit fields (the lecture's Snowflake picture), the
//! stream of IDs against time with duplicates marked, the databases', Redis's, the coordinator's
//! and the segment servers' state, the clocks made prominent, the counters and the index model,
//! the generator's switches and the named lessons, in English and Chinese.

mod backends_panel;
mod clock_panel;
mod counters_panel;
mod frame;
mod generator_panel;
mod id_picture;
mod legend;
mod scenario_picker;
pub mod setup;
mod stream_plot;

use yew::prelude::*;

use crate::idgen::{IdBug, LAB};
use crate::lab::ids::scenarios::Named;
use crate::lab::ids::view::node_rows;
use crate::lab::view::{ClusterModel, Note};
use crate::sim::{ms, Action, Retention, SimTime};
use crate::ui::i18n::ids::{id_note_rows, id_word, t, violation_text, Key};
use crate::ui::i18n::{use_lang, Lang};
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
use crate::ui::shell::scenario_choice::{use_scenario_choice, Choice, ScenarioPicker, ScenarioWatch};
use crate::ui::shell::shortcuts::{shortcut_of, use_page_keys, Shortcut};
use backends_panel::BackendsPanel;
use clock_panel::{ClockPanel, BACK_SMALL};
use counters_panel::{CountersPanel, IndexPanel};
use frame::frame;
use generator_panel::GeneratorPanel;
use id_picture::IdPicture;
use legend::IdsLegend;
use setup::{default_run, switched, Switch, DEFAULT_SPEED, TRACE_WINDOW};
use stream_plot::StreamPlot;

/// Virtual time the sequence diagram spans.
const SEQUENCE_SPAN: SimTime = ms(100);
/// Most messages the sequence diagram draws.
const SEQUENCE_LIMIT: usize = 120;

/// The cluster model with its node notes and roles in this lab's words (where a "segment" is a
/// 号段): the shell's node glyph shows an unknown word as it is.
fn in_words(lang: Lang, model: &ClusterModel) -> ClusterModel {
    let mut model = model.clone();
    for node in &mut model.nodes {
        for note in &mut node.lines {
            *note = Note {
                word: id_word(lang, note.word),
                value: note.value.clone(),
                value_word: note.value_word.map(|v| id_word(lang, v)),
            };
        }
    }
    model
}

/// The distributed IDs lab page.
#[component]
pub fn IdsPage() -> Html {
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
    let keys = use_keys_help(vec![
        ("B", AttrValue::from(t(lang, Key::KeyBack))),
        ("A", AttrValue::from(t(lang, Key::KeyAdvance))),
    ]);
    let choice = use_scenario_choice(&run, scenario_picker::runs());
    {
        let (dispatch, playing, selected) = (dispatch.clone(), run.playing, run.selected);
        let first_app = frame.apps.first().map(|a| a.node);
        use_page_keys(Callback::from(move |key: String| {
            match (shortcut_of(&key), key.as_str()) {
                (Some(Shortcut::TogglePlay), _) => dispatch.emit(RunAction::SetPlaying(!playing)),
                (Some(Shortcut::Step), _) => dispatch.emit(RunAction::Step),
                (None, "b" | "B") => match selected.or(first_app) {
                    Some(node) => dispatch.emit(RunAction::Act(Action::ClockJump { node, delta: -BACK_SMALL })),
                    None => return false,
                },
                (None, "a" | "A") => dispatch.emit(RunAction::Advance(ADVANCE)),
                _ => return false,
            }
            true
        }));
    }

    let on_switch = {
        let (on_config, config) = (choice.on_config.clone(), frame.config.clone());
        on_config.reform(move |switch: Switch| switched((*config).clone(), switch))
    };
    // A mistake's lesson: its failure scenario, chosen as in the picker.
    let on_lesson = choice.on_choose.reform(|bug: IdBug| {
        Choice::Named(match bug {
            IdBug::DuplicateWorkerId => Named::DuplicateWorkerId,
            IdBug::NonAtomicSegment => Named::SegmentNonAtomic,
            IdBug::NoDoubleBuffer => Named::SegmentNoDoubleBuffer,
            IdBug::AddedDatabaseNotRestepped => Named::AddedDatabase,
        })
    });
    let cluster = {
        let frame = frame.clone();
        use_memo((run.version, lang), move |&(_, lang)| in_words(lang, &frame.cluster))
    };
    let inspector = {
        let world = run.timeline.borrow();
        let rows = |node| node_rows(world.world(), node).map(|rows| id_note_rows(lang, &rows)).unwrap_or_default();
        node_inspector(run.selected, world.world().node_count(), rows, &on_fault, &dispatch)
    };

    let head = html! {
        <LabHead title={t(lang, Key::Title)} subtitle={t(lang, Key::Subtitle)}>
            <ScenarioPicker<Named> current={choice.current} on_choose={choice.on_choose.clone()}
                                   default_label={t(lang, Key::Default)} />
            { keys.button }
        </LabHead>
    };
    html! {
        <LabLayout class="ids-page" {head} overlay={keys.overlay}
            error={replay.banner(lang, run.error.as_ref())} on_dismiss_error={replay.on_dismiss_error.clone()}
            transport={transport(&run, frame.now, choice.on_reset.clone(), &replay, &dispatch)}
            start_hint={(frame.now == 0 && !run.playing).then(|| AttrValue::from(t(lang, Key::Start)))}
            controls={html! {
                <>
                    <div class="presets">
                        <AdvanceButton on_advance={dispatch.reform(RunAction::Advance)} />
                    </div>
                    <ScenarioWatch<Named> current={choice.current} />
                </>
            }}
            cluster={html! {
                // The latest IDs decoded beside the cluster: the lesson's picture on the first screen.
                <div class="ids-cluster-row">
                    <ClusterView model={cluster} selected={run.selected}
                                 on_select={on_select.clone()} on_fault={on_fault.clone()} flagged={frame.flagged.clone()}
                                 highlight={hovered} on_hover_message={on_hover.clone()} />
                    <IdPicture format={frame.format} apps={frame.apps.clone()} />
                </div>
            }}
            legend={html! {
                <>
                    <Legend />
                    <IdsLegend />
                    <p class="hint scaled" data-testid="scaled">{ t(lang, Key::Scaled) }</p>
                </>
            }}
            side={html! {
                <>
                    <ClockPanel apps={frame.apps.clone()} on_act={dispatch.reform(RunAction::Act)} />
                    <InvariantPanel invariants={frame.invariants.clone()} name={id_word as NameIn} explain={violation_text as ExplainIn} />
                    <CountersPanel counters={frame.counters} />
                    { inspector }
                    <NodeList nodes={frame.nodes.clone()} selected={run.selected} {on_select} on_fault={on_fault.clone()} />
                </>
            }}
            sequence={html! { <SequenceDiagram model={sequence} highlight={hovered} {on_hover} /> }}>
            <div class="lower ids-lower">
                <StreamPlot now={frame.now} format={frame.format} streams={frame.streams.clone()}
                            duplicates={frame.duplicates.clone()} duplicate_count={frame.counters.duplicates} />
                <BackendsPanel generator={frame.generator} backends={frame.backends.clone()}
                              on_act={dispatch.reform(RunAction::Act)} />
            </div>
            <div class="lower ids-lower">
                <GeneratorPanel config={frame.config.clone()} {on_switch} {on_lesson} />
                <IndexPanel index={frame.index} />
            </div>
            <div class="lower ids-lower">
                <EventLog lines={frame.log.clone()} />
                <NetworkControls config={frame.network.clone()} {on_fault} />
                <SharePanel ..replay.share.clone() />
            </div>
        </LabLayout>
    }
}
