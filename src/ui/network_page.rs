//! The page "The network is unreliable": heartbeats and a timeout failure detector on a faulty network.

mod inspect;
mod lesson;

use std::rc::Rc;

use yew::prelude::*;

use crate::lab::network::{self, default_scenario, Heartbeat, HeartbeatConfig, LAB};
use crate::lab::view::{ClusterModel, LogLine, NodeModel};
use crate::sim::{ms, NetStats, NetworkConfig, Retention, SimTime, Timeline};
use crate::ui::i18n::{t, use_lang, Key};
use crate::ui::replay::replayable::{transport, use_lab_run, LabRun};
use crate::ui::replay::sequence_diagram::SequenceDiagram;
use crate::ui::replay::share_panel::SharePanel;
use crate::ui::shell::cluster_view::ClusterView;
use crate::ui::shell::counters::Counters;
use crate::ui::shell::event_log::EventLog;
use crate::ui::shell::inspector::Inspector;
use crate::ui::shell::keys_help::use_keys_help;
use crate::ui::shell::lab_layout::{use_page_wiring, InspectorHint, LabLayout, PageWiring};
use crate::ui::shell::legend::Legend;
use crate::ui::shell::network_controls::NetworkControls;
use crate::ui::shell::node_list::NodeList;
use crate::ui::shell::page_head::PageHead;
use crate::ui::shell::panel_tabs::{PanelTabs, Tab};
use crate::ui::shell::run::RunAction;
use crate::ui::shell::shortcuts::{use_shortcuts, Shortcut};
use lesson::Lesson;

/// Nodes at first load.
pub const DEFAULT_NODES: u32 = 5;
/// Node counts offered.
pub const NODE_CHOICES: std::ops::RangeInclusive<u32> = 2..=9;
/// Default speed: 1/20 of real time, so a 10–40 ms message travels for 0.2–0.8 s.
pub const DEFAULT_SPEED: f64 = 0.05;
/// Log lines shown.
const LOG_LIMIT: usize = 40;
/// Trace entries kept in memory (enough for the log and the drop marks).
const TRACE_WINDOW: usize = 2_000;
/// Seed of every run started from the page.
const SEED: u64 = 1;
/// Virtual time the sequence diagram shows (a bit more than one round of heartbeats).
const SEQUENCE_SPAN: SimTime = ms(400);
/// Most arrows in the sequence diagram.
const SEQUENCE_LIMIT: usize = 120;

/// A fresh run of the lesson with `nodes` nodes.
fn fresh(nodes: u32) -> Timeline<Heartbeat> {
    let mut scenario = default_scenario(SEED);
    scenario.config = HeartbeatConfig { nodes, ..HeartbeatConfig::default() };
    Timeline::new(scenario, Retention::Window(TRACE_WINDOW)).expect("the default scenario is valid for 2 to 9 nodes")
}

/// What one frame draws, split so that unchanged parts are not redrawn.
#[derive(PartialEq)]
struct Frame {
    now: SimTime,
    cluster: Rc<ClusterModel>,
    nodes: Rc<Vec<NodeModel>>,
    log: Rc<Vec<LogLine>>,
    stats: NetStats,
    network: NetworkConfig,
    actions: usize,
}

fn frame(timeline: &Timeline<Heartbeat>) -> Frame {
    let view = network::view(timeline, LOG_LIMIT);
    Frame {
        now: view.now,
        nodes: Rc::new(view.cluster.nodes.clone()),
        cluster: Rc::new(view.cluster),
        log: Rc::new(view.log),
        stats: view.stats,
        network: view.network,
        actions: timeline.scenario().actions.len(),
    }
}

/// The lesson page.
#[component]
pub fn NetworkPage() -> Html {
    let lang = use_lang();
    let (run, replay) = use_lab_run(LabRun {
        lab: LAB,
        retention: Retention::Window(TRACE_WINDOW),
        speed: DEFAULT_SPEED,
        fresh: || fresh(DEFAULT_NODES),
    });
    let PageWiring { dispatch, on_fault, on_select, on_hover, hovered, sequence } =
        use_page_wiring(&run, SEQUENCE_SPAN, SEQUENCE_LIMIT);
    let playing = run.playing;
    use_shortcuts(dispatch.reform(move |shortcut| match shortcut {
        Shortcut::TogglePlay => RunAction::SetPlaying(!playing),
        Shortcut::Step => RunAction::Step,
    }));

    let keys = use_keys_help(Vec::new());
    let frame = {
        let timeline = run.timeline.clone();
        use_memo(run.version, move |_| frame(&timeline.borrow()))
    };
    let rows = {
        let timeline = run.timeline.clone();
        use_memo((run.version, run.selected, lang), move |(_, selected, lang)| {
            selected.map(|id| inspect::rows(&timeline.borrow(), id, *lang))
        })
    };

    let count = frame.nodes.len() as u32;
    let on_nodes = dispatch.reform(|n: u32| RunAction::Load(Box::new(fresh(n))));
    let on_reset = dispatch.reform(move |()| RunAction::Load(Box::new(fresh(count))));

    let inspector = match (run.selected, rows.as_ref()) {
        (Some(node), Some(rows)) => html! {
            <Inspector {node} {count} rows={rows.clone()} on_fault={on_fault.clone()}
                       on_close={dispatch.reform(|()| RunAction::Select(None))} />
        },
        _ => html! { <InspectorHint /> },
    };

    html! {
        <LabLayout class="network-page"
            head={html! {
                <PageHead title={t(lang, Key::Title)} subtitle={t(lang, Key::Subtitle)} {count} on_count={on_nodes}
                          choices={NODE_CHOICES.map(|n| (n, AttrValue::from(n.to_string()))).collect::<Vec<_>>()}
                          actions={frame.actions}>
                    { keys.button }
                </PageHead>
            }}
            overlay={keys.overlay}
            error={replay.banner(lang, run.error.as_ref())} on_dismiss_error={replay.on_dismiss_error.clone()}
            transport={transport(&run, frame.now, on_reset, &replay, &dispatch)}
            start_hint={(frame.now == 0 && !run.playing).then(|| AttrValue::from(t(lang, Key::StartNetwork)))}
            cluster={html! {
                <ClusterView model={frame.cluster.clone()} selected={run.selected}
                             on_select={on_select.clone()} on_fault={on_fault.clone()} highlight={hovered}
                             on_hover_message={on_hover.clone()} />
            }}
            legend={html! { <><Legend requests={AttrValue::from("Ping")} suspects=true /><p class="hint">{ t(lang, Key::Hint) }</p></> }}
            side={html! {
                <>
                    { inspector }
                    <NodeList nodes={frame.nodes.clone()} selected={run.selected} {on_select} on_fault={on_fault.clone()} />
                    <NetworkControls config={frame.network.clone()} {on_fault} />
                    <SharePanel ..replay.share.clone() />
                </>
            }}
            sequence={html! { <SequenceDiagram model={sequence} highlight={hovered} {on_hover} /> }}>
            <PanelTabs tabs={vec![
                Tab { id: "lesson", label: t(lang, Key::TabLesson).into(), content: html! {
                    <div class="lower"><Counters stats={frame.stats} /><Lesson /></div>
                } },
                Tab { id: "events", label: t(lang, Key::EventLog).into(), content: html! {
                    <EventLog lines={frame.log.clone()} />
                } },
            ]} />
        </LabLayout>
    }
}
