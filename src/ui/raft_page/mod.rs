//! The Raft lab page: a cluster to break on purpose (partitions, crashes, pauses, timeouts), its logs,
//! clients, role lanes and invariants, in English and Chinese.

mod client_panel;
mod frame;
mod history_panel;
mod inspect;
mod legend;
mod logs_grid;
mod logs_panel;
mod membership_panel;
mod presets;
mod role_lanes;
mod settings;
mod setup;

pub use setup::Feature;

use std::rc::Rc;

use yew::prelude::*;

use crate::lab::raft::lessons::BugLesson;
use crate::lab::raft::presets as fault_presets;
use crate::lab::raft::view::{leader_of, membership_view, message_rows, next_seq, node_rows};
use crate::raft::{Bug, KvOp, RaftChecker, RaftConfig, RaftInput, RaftNode, LAB};
use crate::sim::{ms, Action, MsgId, NodeId, Retention, SimTime};
use crate::ui::i18n::note_rows;
use crate::ui::i18n::raft::{invariant_name, t, violation_text, watch_text, Key};
use crate::ui::i18n::{fill, t as shell_t, use_lang, Key as ShellKey};
use crate::ui::replay::replayable::{transport, use_lab_run, LabRun};
use crate::ui::replay::sequence_diagram::SequenceDiagram;
use crate::ui::replay::share_panel::SharePanel;
use crate::ui::shell::cluster_view::ClusterView;
use crate::ui::shell::event_log::EventLog;
use crate::ui::shell::inspector::Inspector;
use crate::ui::shell::invariant_panel::{ExplainIn, InvariantPanel, NameIn};
use crate::ui::shell::keys_help::use_keys_help;
use crate::ui::shell::lab_layout::{use_page_wiring, InspectorHint, LabLayout, PageWiring};
use crate::ui::shell::legend::Legend;
use crate::ui::shell::lesson::{play_lesson, LessonWatch};
use crate::ui::shell::network_controls::NetworkControls;
use crate::ui::shell::node_list::NodeList;
use crate::ui::shell::page_head::PageHead;
use crate::ui::shell::panel_tabs::{PanelTabs, Tab};
use crate::ui::shell::playback::ADVANCE;
use crate::ui::shell::run::{Opening, RunAction};
use crate::ui::shell::run_frame::use_run_frame;
use crate::ui::shell::shortcuts::{shortcut_of, use_page_keys, Shortcut};
use client_panel::{ClientForm, ClientPanel};
use frame::{frame, CLIENT};
use history_panel::{HistoryPanel, ReadPath, ReadRequest};
use inspect::MessageInspector;
use legend::RaftLegend;
use logs_panel::LogsPanel;
use membership_panel::MembershipPanel;
use presets::{Preset, Presets};
use role_lanes::RoleLanes;
use settings::Settings;
use setup::{default_run, fresh, toggled, with_feature_flipped, with_nodes, DEFAULT_SPEED, NODE_CHOICES, TRACE_WINDOW};

type RaftAction = RunAction<RaftNode, RaftChecker>;

/// Virtual time the sequence diagram spans.
const SEQUENCE_SPAN: SimTime = ms(300);
/// Most messages the sequence diagram draws.
const SEQUENCE_LIMIT: usize = 120;

/// Client operations the history panel lists.
const HISTORY_ROWS: usize = 24;
/// The history is judged again at least this often in virtual time.
const HISTORY_REFRESH: SimTime = ms(250);

/// The Raft lab page.
#[component]
pub fn RaftPage() -> Html {
    let lang = use_lang();
    let (run, replay) = use_lab_run(LabRun {
        lab: LAB,
        retention: Retention::Window(TRACE_WINDOW),
        speed: DEFAULT_SPEED,
        fresh: default_run,
    });
    let PageWiring { dispatch, on_fault, on_select, on_hover, hovered, sequence } =
        use_page_wiring(&run, SEQUENCE_SPAN, SEQUENCE_LIMIT);
    let (frame, history) = use_run_frame(&run, frame);
    let membership = {
        let (timeline, leader) = (run.timeline.clone(), frame.leader);
        use_memo(run.version, move |_| {
            let timeline = timeline.borrow();
            Rc::new(membership_view(timeline.world(), leader, timeline.scenario().config.membership_change))
        })
    };
    let linearizability = {
        let (timeline, history) = (run.timeline.clone(), history.clone());
        let answers = history.borrow().answers.replies().len();
        let actions = timeline.borrow().scenario().actions.len();
        // Judged again when an answer or a request comes, and four times a virtual second.
        use_memo((answers, actions, frame.now / HISTORY_REFRESH, Rc::as_ptr(&timeline) as usize), move |_| {
            let timeline = timeline.borrow();
            Rc::new(history.borrow().linearizability(timeline.scenario(), timeline.now(), HISTORY_ROWS))
        })
    };
    let form = use_state(ClientForm::default);
    let keys = use_keys_help(
        [("K", Key::KeyKill), ("H", Key::KeyHeal), ("C", Key::KeyClient)]
            .map(|(k, what)| (k, AttrValue::from(t(lang, what))))
            .to_vec(),
    );
    let inspect_messages = use_state(|| false);
    let message = use_state(|| None::<MsgId>);

    let act = dispatch.reform(RaftAction::Act);
    // Made once per run: the leader and the sequence number are read when sending, not every frame.
    let send = {
        let (reducer, timeline) = (run.dispatcher(), run.timeline.clone());
        use_callback(Rc::as_ptr(&run.timeline) as usize, move |(node, op): (Option<NodeId>, KvOp), _| {
            let (node, seq) = {
                let timeline = timeline.borrow();
                (node.or(leader_of(timeline.world())).unwrap_or(0), next_seq(timeline.scenario(), CLIENT))
            };
            reducer
                .dispatch(RunAction::Act(Action::Input { node, input: RaftInput::Client { client: CLIENT, seq, op } }));
        })
    };
    let on_form = {
        let form = form.setter();
        use_callback((), move |f: ClientForm, _| form.set(f))
    };
    let on_send = use_callback(send.clone(), |form: ClientForm, send| send.emit((form.node, form.op())));
    let on_retry = use_callback(send.clone(), |(node, op): (NodeId, KvOp), send| send.emit((Some(node), op)));
    // Made once per run, like `send`.
    let on_read = {
        let (reducer, timeline) = (run.dispatcher(), run.timeline.clone());
        use_callback(Rc::as_ptr(&run.timeline) as usize, move |read: ReadRequest, _| {
            let seq = next_seq(timeline.borrow().scenario(), CLIENT);
            let ReadRequest { key, path, node } = read;
            let input = match path {
                ReadPath::Log => RaftInput::Client { client: CLIENT, seq, op: KvOp::Get { key } },
                ReadPath::Mode(mode) => RaftInput::Read { client: CLIENT, seq, key, mode },
            };
            reducer.dispatch(RunAction::Act(Action::Input { node, input }));
        })
    };
    let on_member_input = {
        let reducer = run.dispatcher();
        use_callback((), move |(node, input): (NodeId, RaftInput), _| {
            reducer.dispatch(RunAction::Act(Action::Input { node, input }))
        })
    };
    // The history's time axis runs to now only while an operation awaits its answer, so that a
    // settled history is not redrawn every frame.
    let history_axis_end = match linearizability.rows.iter().any(|r| r.status == "pending") {
        true => frame.now,
        false => linearizability.rows.iter().filter_map(|r| r.returned).max().unwrap_or(0),
    };
    // A preset that found nothing to act on says so, until the next preset or a leader appears.
    let leaderless_kill = use_state(|| false);
    let on_preset = {
        let (act, dispatch, frame) = (act.clone(), dispatch.clone(), frame.clone());
        let leaderless_kill = leaderless_kill.setter();
        Callback::from(move |preset: Preset| {
            let (leader, count) = (frame.leader, frame.count);
            leaderless_kill.set(preset == Preset::KillLeader && leader.is_none());
            let actions = match preset {
                Preset::Advance => return dispatch.emit(RunAction::Advance(ADVANCE)),
                Preset::KillLeader => leader.map(|node| vec![Action::Crash { node }]).unwrap_or_default(),
                Preset::IsolateLeader => fault_presets::isolate_leader(leader, count),
                Preset::Split => fault_presets::split(leader, count),
                Preset::Bridge => fault_presets::bridge(leader, count),
                Preset::HealAll => vec![Action::HealAll],
            };
            actions.into_iter().for_each(|a| act.emit(a));
        })
    };
    {
        let (dispatch, on_preset, send, form) = (dispatch.clone(), on_preset.clone(), send.clone(), form.clone());
        let playing = run.playing;
        use_page_keys(Callback::from(move |key: String| {
            match (shortcut_of(&key), key.as_str()) {
                (Some(Shortcut::TogglePlay), _) => dispatch.emit(RunAction::SetPlaying(!playing)),
                (Some(Shortcut::Step), _) => dispatch.emit(RunAction::Step),
                (_, "k" | "K") => on_preset.emit(Preset::KillLeader),
                (_, "h" | "H") => on_preset.emit(Preset::HealAll),
                (_, "c" | "C") => send.emit((form.node, form.op())),
                _ => return false,
            }
            true
        }));
    }

    // Callbacks handed to the many drawn children are made once (or when what they capture
    // changes), so that a frame redraws only what moved, not every link and node.
    let reducer = run.dispatcher();
    // Selecting a node closes the message inspector.
    let on_select = {
        let message = message.setter();
        use_callback(on_select, move |id: NodeId, on_select| {
            message.set(None);
            on_select.emit(id);
        })
    };
    let on_timeout = {
        let reducer = reducer.clone();
        use_callback((), move |node: NodeId, _| {
            reducer.dispatch(RunAction::Act(Action::Input { node, input: RaftInput::Timeout }))
        })
    };
    // A new node count, mistake or feature starts a fresh run with the current run's other settings.
    let load = |config: RaftConfig| RunAction::Load(Box::new(fresh(config)));
    let count = frame.count;
    let on_nodes = {
        let config = frame.config.clone();
        dispatch.reform(move |nodes: u32| load(with_nodes((*config).clone(), nodes)))
    };
    let on_reset = {
        let config = frame.config.clone();
        dispatch.reform(move |()| load((*config).clone()))
    };
    let on_toggle = {
        let config = frame.config.clone();
        dispatch.reform(move |bug: Bug| load(RaftConfig { bugs: toggled(&config.bugs, bug), ..(*config).clone() }))
    };
    let on_feature = {
        let config = frame.config.clone();
        dispatch.reform(move |feature: Feature| load(with_feature_flipped((*config).clone(), feature)))
    };
    // A mistake's lesson: its recorded run replayed to just before the failure, then played slowly.
    let lesson = use_state(|| None::<Bug>);
    let on_lesson = {
        let (dispatch, lesson) = (dispatch.clone(), lesson.setter());
        Callback::from(move |bug: Bug| {
            let Some(recorded) = BugLesson::of(bug) else { return };
            let timeline = recorded.timeline(Retention::Window(TRACE_WINDOW));
            play_lesson(&dispatch, timeline, Opening::At(recorded.opens_at()));
            lesson.set(Some(bug));
        })
    };
    // Its "what to watch" stays while the run is the lesson's.
    let watch = (*lesson).and_then(BugLesson::of).filter(|l| {
        let timeline = run.timeline.borrow();
        let scenario = timeline.scenario();
        scenario.seed == l.seed() && scenario.config.bugs == [l.bug]
    });
    let on_inspect_message = {
        let (message, reducer) = (message.setter(), reducer.clone());
        let inspect = use_callback((), move |id: MsgId, _| {
            reducer.dispatch(RunAction::Select(None));
            message.set(Some(id));
        });
        (*inspect_messages).then_some(inspect)
    };

    let inspector = match (run.selected, *message) {
        (Some(node), _) => {
            let rows = note_rows(lang, &node_rows(run.timeline.borrow().world(), node));
            let timeout = on_timeout.reform(move |_: MouseEvent| node);
            // Leadership transfer (thesis 3.10): asked of the leader, for the inspected node.
            let transfer = frame.leader.filter(|&leader| leader != node).map(|leader| {
                act.reform(move |_: MouseEvent| Action::Input {
                    node: leader,
                    input: RaftInput::TransferLeadership { to: node },
                })
            });
            html! {
                <Inspector {node} {count} {rows} on_fault={on_fault.clone()}
                           on_close={dispatch.reform(|()| RunAction::Select(None))}>
                    <button type="button" class="btn" data-testid="timeout" title={t(lang, Key::TimeoutTitle)} onclick={timeout}>
                        { t(lang, Key::Timeout) }
                    </button>
                    if let Some(onclick) = transfer {
                        <button type="button" class="btn" data-testid="transfer" title={t(lang, Key::TransferTitle)} {onclick}>
                            { t(lang, Key::Transfer) }
                        </button>
                    }
                </Inspector>
            }
        }
        (None, Some(id)) => {
            let rows = note_rows(lang, &message_rows(run.timeline.borrow().world(), id));
            let message = message.clone();
            html! {
                <MessageInspector {id} {rows} on_drop={act.reform(|id| Action::DropMessage { id })}
                                  on_close={Callback::from(move |()| message.set(None))} />
            }
        }
        _ => html! { <InspectorHint /> },
    };
    let click_mode = {
        let inspect_messages = inspect_messages.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            inspect_messages.set(select.value() == "inspect");
        })
    };

    let head = html! {
        <PageHead title={t(lang, Key::RaftTitle)} subtitle={t(lang, Key::RaftSubtitle)} {count} on_count={on_nodes}
                  choices={NODE_CHOICES.iter().map(|&n| {
                      let label = if n > 9 { fill(t(lang, Key::ScaleDemo), &[("n", &n.to_string())]) } else { n.to_string() };
                      (n, AttrValue::from(label))
                  }).collect::<Vec<_>>()}
                  actions={frame.actions}>
            { keys.button }
        </PageHead>
    };
    html! {
        <LabLayout class="raft-page" {head} overlay={keys.overlay}
            error={replay.banner(lang, run.error.as_ref())} on_dismiss_error={replay.on_dismiss_error.clone()}
            transport={transport(&run, frame.now, on_reset, &replay, &dispatch)}
            start_hint={(frame.now == 0 && !run.playing).then(|| AttrValue::from(t(lang, Key::Start)))}
            controls={html! { <>
                <Presets leader={frame.leader} on_preset={on_preset.clone()}
                         notice={(*leaderless_kill && frame.leader.is_none()).then(|| AttrValue::from(t(lang, Key::NoLeaderToKill)))} />
                if let Some(l) = watch {
                    <LessonWatch id={l.bug.name()} text={watch_text(lang, l.bug)} />
                }
            </> }}
            cluster={html! {
                <ClusterView model={frame.cluster.clone()} selected={run.selected}
                             on_select={on_select.clone()} on_fault={on_fault.clone()}
                             timers={frame.timers.clone()} tags={frame.tags.clone()} flagged={frame.flagged.clone()}
                             highlight={hovered} on_hover_message={on_hover.clone()}
                             {on_inspect_message} />
            }}
            legend={html! {
                <>
                    <div class="click-mode">
                        <label>
                            <span>{ t(lang, Key::ClickMessage) }</span>
                            <select data-testid="message-click" onchange={click_mode}>
                                <option value="drop" selected={!*inspect_messages}>{ t(lang, Key::ClickDrops) }</option>
                                <option value="inspect" selected={*inspect_messages}>{ t(lang, Key::ClickInspects) }</option>
                            </select>
                        </label>
                    </div>
                    <Legend requests={AttrValue::from(t(lang, Key::LegendRequests))} />
                    <RaftLegend />
                    <p class="hint">{ t(lang, Key::Hint) }</p>
                </>
            }}
            side={html! {
                <>
                    { inspector }
                    <InvariantPanel invariants={frame.invariants.clone()} name={invariant_name as NameIn} explain={violation_text as ExplainIn} />
                    <NodeList nodes={frame.nodes.clone()} selected={run.selected} {on_select} on_fault={on_fault.clone()}
                              extra={Some((AttrValue::from(t(lang, Key::Timeout)), "timeout", on_timeout))} />
                    <NetworkControls config={frame.network.clone()} {on_fault} />
                    <SharePanel ..replay.share.clone() />
                </>
            }}
            sequence={html! { <SequenceDiagram model={sequence} highlight={hovered} {on_hover} /> }}>
            <PanelTabs show={watch.map(|l| l.tab())} tabs={vec![
                Tab { id: "logs", label: t(lang, Key::Logs).into(), content: html! {
                    <LogsPanel rows={frame.logs.clone()} first={frame.log_first} flagged={frame.flagged_entries.clone()} />
                } },
                Tab { id: "client", label: t(lang, Key::TabClient).into(), content: html! {
                    <div class="lower raft-ext">
                        <ClientPanel form={(*form).clone()} count={count} requests={frame.requests.clone()}
                                     {on_form} {on_send} {on_retry} />
                        <HistoryPanel view={(*linearizability).clone()} now={history_axis_end} {count} leader={frame.leader} {on_read} />
                    </div>
                } },
                Tab { id: "lanes", label: t(lang, Key::RoleLanes).into(), content: html! {
                    <RoleLanes lanes={frame.lanes.clone()} now={frame.now} />
                } },
                Tab { id: "settings", label: t(lang, Key::TabSettings).into(), content: html! {
                    <Settings config={frame.config.clone()} {on_toggle} {on_feature} {on_lesson} />
                } },
                Tab { id: "membership", label: t(lang, Key::Membership).into(), content: html! {
                    <MembershipPanel view={(*membership).clone()} on_input={on_member_input} />
                } },
                Tab { id: "events", label: shell_t(lang, ShellKey::EventLog).into(), content: html! {
                    <EventLog lines={frame.log.clone()} />
                } },
            ]} />
        </LabLayout>
    }
}
