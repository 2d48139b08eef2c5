//! One layout for every lab page: the head, the error banner, the stage (the cluster panel: playback
//! and scrub bar, the lab's controls, the cluster view and its legend; the sequence diagram; the side
//! column, side by side on the first screen), then the lab's own panels. A lab fills the slots; the hook [`use_page_wiring`] gives it the
//! callbacks and models every page needs.

use std::rc::Rc;

use yew::prelude::*;

use super::error_banner::ErrorBanner;
use super::fault::{widen, Fault};
use super::inspector::Inspector;
use super::run::{Run, RunAction};
use crate::sim::{Checker, ClusterConfig, MsgId, NodeId, Process, SimTime};
use crate::ui::i18n::{t, use_lang, Key};
use crate::ui::replay::sequence::{sequence, SequenceModel};

/// Properties of [`LabLayout`].
#[derive(Properties, PartialEq)]
pub struct LabLayoutProps {
    /// The page's class and test id ("raft-page").
    pub class: &'static str,
    /// The page's head: title, node count or scenario choice, the lab's own header controls.
    pub head: Html,
    /// Shown over the page under the head (a list of keys, say).
    #[prop_or_default]
    pub overlay: Html,
    /// The error banner's message (a refused action, a bad link or file), if any.
    pub error: Option<String>,
    /// Hide the error banner.
    pub on_dismiss_error: Callback<()>,
    /// Playback and the scrub bar.
    pub transport: Html,
    /// What to try first, shown under the playback bar while the run waits at 0 s (one line).
    #[prop_or_default]
    pub start_hint: Option<AttrValue>,
    /// The lab's controls between the transport and the cluster view (presets).
    #[prop_or_default]
    pub controls: Html,
    /// The cluster view.
    pub cluster: Html,
    /// Under the cluster view: legends and hints.
    #[prop_or_default]
    pub legend: Html,
    /// The side column: inspector, invariants, node list, network, share.
    pub side: Html,
    /// The sequence diagram.
    pub sequence: Html,
    /// The lab's own panels, between the stage and the sequence diagram.
    #[prop_or_default]
    pub children: Html,
}

/// A lab page laid out: the cluster and its controls first, the side column beside it.
#[component]
pub fn LabLayout(props: &LabLayoutProps) -> Html {
    html! {
        <main class={props.class} data-testid={props.class}>
            { props.head.clone() }
            { props.overlay.clone() }
            <ErrorBanner message={props.error.clone()} on_dismiss={props.on_dismiss_error.clone()} />
            <div class="stage">
                <section class="cluster-panel">
                    { props.transport.clone() }
                    if let Some(hint) = props.start_hint.clone() {
                        <p class="start-hint" role="status" data-testid="start-hint">{ hint }</p>
                    }
                    { props.controls.clone() }
                    { props.cluster.clone() }
                    { props.legend.clone() }
                </section>
                <div class="replay-row">{ props.sequence.clone() }</div>
                <aside class="side">{ props.side.clone() }</aside>
            </div>
            { props.children.clone() }
        </main>
    }
}

/// Properties of [`LabHead`].
#[derive(Properties, PartialEq)]
pub struct LabHeadProps {
    /// The page's title.
    pub title: AttrValue,
    /// One line under it.
    pub subtitle: AttrValue,
    /// The page's controls after them (a scenario picker, the keys button).
    #[prop_or_default]
    pub children: Html,
}

/// The head of a lab page that opens on named scenarios: title, subtitle, then its controls.
#[component]
pub fn LabHead(props: &LabHeadProps) -> Html {
    html! {
        <header class="page-head">
            <div>
                <h1>{ props.title.clone() }</h1>
                <p class="subtitle">{ props.subtitle.clone() }</p>
            </div>
            { props.children.clone() }
        </header>
    }
}

/// The inspector's place when no node is selected: how to select one.
#[component]
pub fn InspectorHint() -> Html {
    let lang = use_lang();
    html! {
        <section class="panel inspector empty" data-testid="inspector-hint">
            <p class="hint">{ t(lang, Key::SelectHint) }</p>
        </section>
    }
}

/// The inspector of the selected node, with the label/value rows `rows` makes for it (only when a
/// node is selected), or the hint to select one.
pub fn node_inspector<P: Process + 'static, C: Checker<P> + 'static>(
    selected: Option<NodeId>,
    count: u32,
    rows: impl FnOnce(NodeId) -> Vec<(String, String)>,
    on_fault: &Callback<Fault>,
    dispatch: &Callback<RunAction<P, C>>,
) -> Html {
    match selected {
        Some(node) => html! {
            <Inspector {node} {count} rows={rows(node)} on_fault={on_fault.clone()}
                       on_close={dispatch.reform(|()| RunAction::Select(None))} />
        },
        None => html! { <InspectorHint /> },
    }
}

/// What every lab page wires the same way.
pub struct PageWiring<P: Process, C: Checker<P>> {
    /// The run's actions as a callback.
    pub dispatch: Callback<RunAction<P, C>>,
    /// A fault asked for by a link, a message or a button: acted now.
    pub on_fault: Callback<Fault>,
    /// A node clicked: selected, or unselected when it was.
    pub on_select: Callback<NodeId>,
    /// The pointer entered or left a message (in the cluster view or the sequence diagram).
    pub on_hover: Callback<Option<MsgId>>,
    /// The message under the pointer.
    pub hovered: Option<MsgId>,
    /// The sequence diagram of the last `span` of virtual time.
    pub sequence: Rc<SequenceModel>,
}

/// The callbacks and the sequence model of a page's run. Callbacks handed to the many drawn
/// children are made once (or when what they capture changes), so that a frame redraws only what
/// moved.
#[hook]
pub fn use_page_wiring<P, C>(run: &UseReducerHandle<Run<P, C>>, span: SimTime, limit: usize) -> PageWiring<P, C>
where
    P: Process + 'static,
    P::Config: ClusterConfig,
    C: Checker<P> + 'static,
{
    let reducer = run.dispatcher();
    let dispatch = reducer.to_callback();
    let hovered = use_state(|| None::<MsgId>);
    let on_fault = {
        let reducer = reducer.clone();
        use_callback((), move |fault: Fault, _| reducer.dispatch(RunAction::Act(widen(fault))))
    };
    let on_select = {
        let reducer = reducer.clone();
        use_callback(run.selected, move |id: NodeId, selected| {
            reducer.dispatch(RunAction::Select((*selected != Some(id)).then_some(id)))
        })
    };
    let on_hover = {
        let hovered = hovered.setter();
        use_callback((), move |id: Option<MsgId>, _| hovered.set(id))
    };
    let sequence = {
        let timeline = run.timeline.clone();
        use_memo(run.version, move |_| sequence(timeline.borrow().world(), span, limit))
    };
    PageWiring { dispatch, on_fault, on_select, on_hover, hovered: *hovered, sequence }
}
