//! Batch runs of scenario files, for any lab, with its checkers on: what `distlab-sim run` does.

use std::io::Write;

use serde_json::Value;

use crate::lab::network::{Heartbeat, LAB as NETWORK};
use crate::lock::checker::LockChecker;
use crate::lock::{LockNode, LAB as LOCKS};
use crate::raft::history::{History, Judgement, WithHistory};
use crate::raft::{RaftChecker, RaftNode, LAB as RAFT};
use crate::sim::{
    Checker, ClusterConfig, NoChecker, Process, Retention, ScenarioOf, SimTime, Timeline, Violation, World,
};

/// Trace entries kept between two writes of the NDJSON trace (far more than one event produces).
const TRACE_BUFFER: usize = 1 << 16;

/// What a batch run did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunReport {
    /// The scenario's lab.
    pub lab: String,
    /// Number of nodes.
    pub nodes: u32,
    /// Virtual time reached.
    pub reached: SimTime,
    /// Events handled.
    pub events: u64,
    /// The run's fingerprint.
    pub fingerprint: u64,
    /// The first violation, if an invariant broke (the run stops there).
    pub violation: Option<Violation>,
}

impl std::fmt::Display for RunReport {
    /// The summary line: `ok raft: ...` or `violation raft: ...`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let head = format!(
            "{} nodes, {:.3} s virtual, {} events, fingerprint {:016x}",
            self.nodes,
            self.reached as f64 / 1e6,
            self.events,
            self.fingerprint
        );
        match &self.violation {
            None => write!(f, "ok {}: {head}; every invariant held", self.lab),
            Some(v) => write!(f, "violation {}: {head}; {v}; nodes {:?}", self.lab, v.nodes),
        }
    }
}

/// Why a batch run could not be made.
#[derive(Debug)]
pub enum RunError {
    /// The scenario is malformed or names something impossible (exit status 2).
    BadInput(String),
    /// Writing the trace failed.
    Io(std::io::Error),
}

impl std::fmt::Display for RunError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RunError::BadInput(m) => write!(f, "bad scenario: {m}"),
            RunError::Io(e) => write!(f, "cannot write the trace: {e}"),
        }
    }
}

/// Run a scenario file of any lab to its end, with every invariant of its lab checked after every
/// event; the trace goes to `trace` as NDJSON, one event a line.
pub fn run_json(json: &str, trace: Option<&mut dyn Write>) -> Result<RunReport, RunError> {
    let value: Value = serde_json::from_str(json).map_err(|e| RunError::BadInput(format!("not valid JSON: {e}")))?;
    let lab = value.get("lab").and_then(Value::as_str).unwrap_or_default().to_string();
    match lab.as_str() {
        NETWORK => run_lab::<Heartbeat, NoChecker>(value, NETWORK, trace),
        RAFT => run_raft(value, trace),
        LOCKS => run_lab::<LockNode, LockChecker>(value, LOCKS, trace),
        "" => Err(RunError::BadInput("lab: missing (a scenario names its lab: network, raft, locks)".into())),
        other => Err(RunError::BadInput(format!("lab: unknown lab \"{other}\" (known: {NETWORK}, {RAFT}, {LOCKS})"))),
    }
}

fn run_lab<P, C>(value: Value, lab: &str, trace: Option<&mut dyn Write>) -> Result<RunReport, RunError>
where
    P: Process,
    P::Config: ClusterConfig,
    C: Checker<P>,
{
    let scenario = ScenarioOf::<P>::from_value(value, lab).map_err(|e| RunError::BadInput(e.to_string()))?;
    run_checked::<P, C>(scenario, trace)
}

/// A Raft scenario: every invariant after every event, then the clients' history judged for
/// linearizability (every operation, reads of every kind included: a stale read breaks it).
fn run_raft(value: Value, trace: Option<&mut dyn Write>) -> Result<RunReport, RunError> {
    let scenario = ScenarioOf::<RaftNode>::from_value(value, RAFT).map_err(|e| RunError::BadInput(e.to_string()))?;
    let (mut report, timeline) = play::<RaftNode, WithHistory<RaftChecker>>(scenario, trace, REPLY_WINDOW)?;
    if report.violation.is_none() {
        if let Judgement::Broken { violation, .. } = History::of(&timeline).judge(|_| true) {
            report.violation = Some(violation);
        }
    }
    Ok(report)
}

/// Trace entries a Raft run keeps at least, so that its checker reads every client reply.
const REPLY_WINDOW: usize = 1_024;

/// Play `scenario` to its end under a `C` checker, streaming the trace; stops at the first violation.
pub fn run_checked<P, C>(scenario: ScenarioOf<P>, trace: Option<&mut dyn Write>) -> Result<RunReport, RunError>
where
    P: Process,
    P::Config: ClusterConfig,
    C: Checker<P>,
{
    play::<P, C>(scenario, trace, 0).map(|(report, _)| report)
}

/// Play `scenario` to its end under a `C` checker keeping at least `window` trace entries,
/// streaming the trace; stops at the first violation. The report, and the timeline as it ended.
fn play<P, C>(
    scenario: ScenarioOf<P>,
    mut trace: Option<&mut dyn Write>,
    window: usize,
) -> Result<(RunReport, Timeline<P, C>), RunError>
where
    P: Process,
    P::Config: ClusterConfig,
    C: Checker<P>,
{
    let end = scenario.end();
    let (lab, nodes) = (scenario.lab.clone(), scenario.config.nodes());
    let retention = Retention::Window(if trace.is_some() { TRACE_BUFFER.max(window) } else { window });
    let mut timeline = Timeline::<P, C>::new(scenario, retention).map_err(|e| RunError::BadInput(e.to_string()))?;
    let mut written = 0;
    while timeline.violation().is_none() && timeline.next_time().is_some_and(|t| t <= end) {
        timeline.step();
        if let Some(out) = trace.as_mut() {
            written = write_new_entries(timeline.world(), written, &mut **out)?;
        }
    }
    if timeline.violation().is_none() {
        timeline.run_until(end);
        if let Some(out) = trace.as_mut() {
            write_new_entries(timeline.world(), written, &mut **out)?;
        }
    }
    let violation = timeline.violation().cloned();
    let world = timeline.world();
    let report = RunReport {
        lab,
        nodes,
        reached: world.now(),
        events: world.events_handled(),
        fingerprint: world.fingerprint(),
        violation,
    };
    Ok((report, timeline))
}

/// Write the trace entries numbered `from` and later; returns the next number to write.
fn write_new_entries<P: Process>(world: &World<P>, from: u64, out: &mut dyn Write) -> Result<u64, RunError> {
    let trace = world.trace();
    for entry in trace.entries().filter(|e| e.seq >= from) {
        writeln!(out, "{}", entry.to_json_line()).map_err(RunError::Io)?;
    }
    Ok(trace.total())
}
