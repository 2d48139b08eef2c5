//! The distributed-locks lab page: lock servers and clients on the cluster view, the lock state on
//! each server, every client's state and fencing token, the stock, a timeline of who was in the
//! critical section when, the counters, the recipe's switches and the named failure scenarios, in
//! English and Chinese.

mod clients_panel;
mod frame;
mod legend;
mod recipe_panel;
mod resource_panel;
mod scenario_picker;
mod sections_view;
mod servers_panel;
pub mod setup;

use std::rc::Rc;

use yew::prelude::*;

use crate::lab::locks::scenarios::Named;
use crate::lab::locks::view::node_rows;
use crate::lock::{Service, LAB};
use crate::sim::{ms, NodeId, Retention, SimTime};
use crate::ui::i18n::locks::{lock_word, t, violation_text, Key};
use crate::ui::i18n::{note_rows, t as shell_t, use_lang, Key as ShellKey};
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
use crate::ui::shell::panel_tabs::{PanelTabs, Tab};
use crate::ui::shell::playback::AdvanceButton;
use crate::ui::shell::run::RunAction;
use crate::ui::shell::run_frame::use_run_frame;
use crate::ui::shell::scenario_choice::{use_scenario_choice, Choice, ScenarioPicker, ScenarioWatch};
use crate::ui::shell::shortcuts::{use_shortcuts, Shortcut};
use clients_panel::ClientsPanel;
use frame::frame;
use legend::LocksLegend;
use recipe_panel::RecipePanel;
use resource_panel::ResourcePanel;
use sections_view::SectionsView;
use servers_panel::ServersPanel;
use setup::{default_run, switched, Switch, DEFAULT_SPEED, TRACE_WINDOW};

/// Virtual time the sequence diagram spans.
const SEQUENCE_SPAN: SimTime = ms(300);
/// Most messages the sequence diagram draws.
const SEQUENCE_LIMIT: usize = 120;

/// The requests a service's clients send, as the real system names them (the legend's examples).
fn requests_of(service: Service) -> &'static str {
    match service {
        Service::Redis => "SET NX PX, EVAL unlock, read, write",
        Service::ZooKeeper => "create -e -s, getChildren, exists, delete, read, write",
        Service::Etcd => "LeaseGrant, Txn, Range, Watch, read, write",
    }
}

/// The distributed-locks lab page.
#[component]
pub fn LocksPage() -> Html {
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
    let keys = use_keys_help(Vec::new());
    let choice = use_scenario_choice(&run, scenario_picker::runs());
    {
        let (dispatch, playing) = (dispatch.clone(), run.playing);
        use_shortcuts(Callback::from(move |shortcut: Shortcut| match shortcut {
            Shortcut::TogglePlay => dispatch.emit(RunAction::SetPlaying(!playing)),
            Shortcut::Step => dispatch.emit(RunAction::Step),
        }));
    }

    let on_switch = {
        let (on_config, config) = (choice.on_config.clone(), frame.config.clone());
        on_config.reform(move |switch: Switch| switched((*config).clone(), switch))
    };
    let clients: Rc<Vec<NodeId>> = Rc::new(frame.clients.iter().map(|c| c.node).collect());
    let inspector = {
        let timeline = run.timeline.borrow();
        let rows = |node| note_rows(lang, &node_rows(timeline.world(), node));
        node_inspector(run.selected, timeline.world().node_count(), rows, &on_fault, &dispatch)
    };

    let head = html! {
        <LabHead title={t(lang, Key::Title)} subtitle={t(lang, Key::Subtitle)}>
            <ScenarioPicker<Named> current={choice.current} on_choose={choice.on_choose.clone()}
                                   default_label={t(lang, Key::Default)} />
            { keys.button }
        </LabHead>
    };
    html! {
        <LabLayout class="locks-page" {head} overlay={keys.overlay}
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
                <ClusterView model={frame.cluster.clone()} selected={run.selected}
                             on_select={on_select.clone()} on_fault={on_fault.clone()} flagged={frame.flagged.clone()}
                             tags={frame.tags.clone()} highlight={hovered} on_hover_message={on_hover.clone()} />
            }}
            legend={html! {
                <>
                    <Legend requests={AttrValue::from(requests_of(frame.config.service))} />
                    <LocksLegend service={frame.config.service} />
                    <p class="hint scaled" data-testid="scaled">{ t(lang, Key::Scaled) }</p>
                </>
            }}
            side={html! {
                <>
                    { inspector }
                    <InvariantPanel invariants={frame.invariants.clone()} name={lock_word as NameIn} explain={violation_text as ExplainIn} />
                    <ResourcePanel resource={frame.resource.clone()} counters={frame.counters.clone()} />
                    <ServersPanel servers={frame.servers.clone()} lease={frame.config.recipe.ttl}
                                  on_act={dispatch.reform(RunAction::Act)} />
                    <NodeList nodes={frame.nodes.clone()} selected={run.selected} {on_select} on_fault={on_fault.clone()} />
                </>
            }}
            sequence={html! { <SequenceDiagram model={sequence} highlight={hovered} {on_hover} /> }}>
            <PanelTabs tabs={vec![
                Tab { id: "sections", label: t(lang, Key::TabSections).into(), content: html! {
                    <div class="lower locks-lower">
                        <SectionsView bars={frame.bars.clone()} {clients} now={frame.now} />
                        <ClientsPanel clients={frame.clients.clone()} />
                    </div>
                } },
                Tab { id: "recipe", label: t(lang, Key::TabRecipe).into(), content: html! {
                    <RecipePanel config={frame.config.clone()} {on_switch} on_lesson={choice.on_choose.reform(Choice::Named)} />
                } },
                Tab { id: "events", label: shell_t(lang, ShellKey::EventLog).into(), content: html! {
                    <EventLog lines={frame.log.clone()} />
                } },
                Tab { id: "network", label: shell_t(lang, ShellKey::TabNetwork).into(), content: html! {
                    <div class="lower locks-lower">
                        <NetworkControls config={frame.network.clone()} {on_fault} />
                        <SharePanel ..replay.share.clone() />
                    </div>
                } },
            ]} />
        </LabLayout>
    }
}
