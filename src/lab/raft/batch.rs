//! The Raft lab outside the page: its batch run (`distlab-sim run`) and its fuzz schedule
//! (`distlab-sim fuzz --lab raft`), as the lab catalog offers them.

use std::io::Write;

use serde_json::Value;

use super::LAB as RAFT;
use crate::lab::fuzz::{FuzzOptions, FuzzOutcome, FuzzSchedule};
use crate::lab::runner::{report_of, RunError, RunReport, TraceSink};
use crate::raft::fuzz::{fuzz_seed, judge_liveness, CheckedRun, Probe};
use crate::raft::history::{History, Judgement, WithHistory};
use crate::raft::{Bug, RaftChecker, RaftNode};
use crate::sim::{ScenarioOf, SimTime};

/// A Raft scenario: every invariant after every event; from `liveness_from` on, the fuzzer's
/// liveness phase (a leader, then the probe write committed, where the run then ends); then the
/// clients' history judged for linearizability (every operation but the read kinds
/// `config.unjudged_reads` leaves out: a stale local read breaks it unless a fuzz recording says so).
pub fn run(value: Value, trace: Option<&mut dyn Write>) -> Result<RunReport, RunError> {
    let scenario = ScenarioOf::<RaftNode>::from_value(value, RAFT).map_err(|e| RunError::BadInput(e.to_string()))?;
    let (liveness_from, end) = (scenario.liveness_from, scenario.end());
    let mut sink = TraceSink::new(trace);
    let mut timeline = sink.start::<RaftNode, WithHistory<RaftChecker>>(scenario, REPLY_WINDOW)?;
    let mut liveness = None;
    match liveness_from {
        Some(healed_at) => {
            sink.play_to(&mut timeline, healed_at);
            if timeline.violation().is_none() {
                let mut play = |run: &mut CheckedRun, t: SimTime| sink.play_to(run, t);
                liveness = judge_liveness(&mut timeline, healed_at, Probe::Scripted, &mut play);
            }
        }
        None => sink.play_to(&mut timeline, end),
    }
    sink.finish()?;
    let mut report = report_of(&timeline);
    if let Some(finding) = liveness.filter(|_| report.violation.is_none()) {
        report.violation = Some(finding.violation().clone());
    }
    if report.violation.is_none() {
        if let Judgement::Broken { violation, .. } =
            History::of(&timeline).judge_as_configured(&timeline.scenario().config)
        {
            report.violation = Some(violation);
        }
    }
    Ok(report)
}

/// Trace entries a Raft run keeps at least, so that its checker reads every client reply.
const REPLY_WINDOW: usize = 1_024;

/// The Raft fuzz schedule: 3, 5 and 7 servers in turn; `--bug` names a mistake to switch on.
pub const SCHEDULE: FuzzSchedule =
    FuzzSchedule { variants: bug_names, sizes: &[3, 5, 7], size_range: Some((1, 25)), run: fuzz };

fn bug_names() -> Vec<&'static str> {
    Bug::ALL.iter().map(|b| b.name()).collect()
}

/// Fuzz one seed with [`fuzz_seed`]: the outcome and its recording.
fn fuzz(seed: u64, options: &FuzzOptions) -> Result<FuzzOutcome, String> {
    let nodes = SCHEDULE.size_of(seed, options);
    let bugs: Vec<Bug> = options.variant.and_then(Bug::from_name).into_iter().collect();
    let run = fuzz_seed(seed, nodes, &bugs).map_err(|e| e.to_string())?;
    Ok(FuzzOutcome {
        finding: run.finding.map(|f| f.violation().clone()),
        recording: run.scenario.to_json(),
        nodes,
        events: run.events,
        fingerprint: run.fingerprint,
    })
}
