//! Batch runs of scenario files, for any lab, with its checkers on: what `distlab-sim run` does.

use std::io::Write;

use serde_json::Value;

use super::catalog;
use crate::sim::{Checker, ClusterConfig, Process, Retention, ScenarioOf, SimTime, Timeline, Violation, World};

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
    match catalog::lab(&lab) {
        Some(entry) => (entry.run)(value, trace),
        None if lab.is_empty() => {
            Err(RunError::BadInput(format!("lab: missing (a scenario names its lab: {})", catalog::names())))
        }
        None => Err(RunError::BadInput(format!("lab: unknown lab \"{lab}\" (known: {})", catalog::names()))),
    }
}

/// A scenario of a lab whose batch run is plain: every invariant of `C` after every event, to its end.
pub fn run_lab<P, C>(value: Value, lab: &str, trace: Option<&mut dyn Write>) -> Result<RunReport, RunError>
where
    P: Process,
    P::Config: ClusterConfig,
    C: Checker<P>,
{
    let scenario = ScenarioOf::<P>::from_value(value, lab).map_err(|e| RunError::BadInput(e.to_string()))?;
    if scenario.liveness_from.is_some() {
        return Err(RunError::BadInput(format!(
            "liveness_from: the {lab} lab does not judge liveness (only raft does)"
        )));
    }
    run_checked::<P, C>(scenario, trace)
}

/// Play `scenario` to its end under a `C` checker, streaming the trace; stops at the first violation.
pub fn run_checked<P, C>(scenario: ScenarioOf<P>, trace: Option<&mut dyn Write>) -> Result<RunReport, RunError>
where
    P: Process,
    P::Config: ClusterConfig,
    C: Checker<P>,
{
    let end = scenario.end();
    let mut sink = TraceSink::new(trace);
    let mut timeline = sink.start::<P, C>(scenario, 0)?;
    sink.play_to(&mut timeline, end);
    sink.finish()?;
    Ok(report_of(&timeline))
}

/// Where a batch run's NDJSON trace goes, and how much of it was written.
pub(crate) struct TraceSink<'a> {
    out: Option<&'a mut dyn Write>,
    /// The number of the next trace entry to write.
    written: u64,
    /// The first write that failed (the run goes on; the error is reported at the end).
    error: Option<std::io::Error>,
}

impl<'a> TraceSink<'a> {
    /// A sink writing to `out`, if given.
    pub(crate) fn new(out: Option<&'a mut dyn Write>) -> Self {
        Self { out, written: 0, error: None }
    }

    /// A timeline for `scenario` keeping at least `window` trace entries (more when writing the trace).
    pub(crate) fn start<P, C>(&self, scenario: ScenarioOf<P>, window: usize) -> Result<Timeline<P, C>, RunError>
    where
        P: Process,
        P::Config: ClusterConfig,
        C: Checker<P>,
    {
        let retention = Retention::Window(if self.out.is_some() { TRACE_BUFFER.max(window) } else { window });
        Timeline::new(scenario, retention).map_err(|e| RunError::BadInput(e.to_string()))
    }

    /// Play to `t` (events and scripted actions), writing the trace as it grows; stops at the
    /// first violation.
    pub(crate) fn play_to<P, C>(&mut self, timeline: &mut Timeline<P, C>, t: SimTime)
    where
        P: Process,
        P::Config: ClusterConfig,
        C: Checker<P>,
    {
        while timeline.violation().is_none() && timeline.step_until(t) {
            self.write_new_entries(timeline.world());
        }
        if timeline.violation().is_none() {
            timeline.run_until(t);
            self.write_new_entries(timeline.world());
        }
    }

    /// The first write error, if any.
    pub(crate) fn finish(&mut self) -> Result<(), RunError> {
        self.error.take().map_or(Ok(()), |e| Err(RunError::Io(e)))
    }

    /// Write the trace entries not yet written.
    fn write_new_entries<P: Process>(&mut self, world: &World<P>) {
        let Some(out) = self.out.as_mut().filter(|_| self.error.is_none()) else { return };
        let trace = world.trace();
        for entry in trace.entries().filter(|e| e.seq >= self.written) {
            if let Err(e) = writeln!(out, "{}", entry.to_json_line()) {
                self.error = Some(e);
                return;
            }
        }
        self.written = trace.total();
    }
}

/// The report of a run as it ended.
pub(crate) fn report_of<P: Process, C: Checker<P>>(timeline: &Timeline<P, C>) -> RunReport
where
    P::Config: ClusterConfig,
{
    let world = timeline.world();
    RunReport {
        lab: timeline.scenario().lab.clone(),
        nodes: timeline.scenario().config.nodes(),
        reached: world.now(),
        events: world.events_handled(),
        fingerprint: world.fingerprint(),
        violation: timeline.violation().cloned(),
    }
}
