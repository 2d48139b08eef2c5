//! The transactions lab outside the page: `distlab-sim run` on a transactions scenario.

use std::io::Write;

use serde_json::Value;

use super::{TxnScenario, LAB};
use crate::lab::runner::{report_of, RunError, RunReport, TraceSink};
use crate::txn::checker::TxnChecker;
use crate::txn::fuzz::judge;
use crate::txn::TxnNode;

/// A transactions scenario: every invariant after every event; at the end, if the run has settled,
/// the quiet-state invariants (All Or Nothing, Orders Match); with `liveness_from` set, the run
/// must settle within [`SETTLE_BOUND`](crate::txn::fuzz::SETTLE_BOUND) of that time (Liveness),
/// and ends where that judgement ends.
pub fn run(value: Value, trace: Option<&mut dyn Write>) -> Result<RunReport, RunError> {
    let scenario = TxnScenario::from_value(value, LAB).map_err(|e| RunError::BadInput(e.to_string()))?;
    let mut sink = TraceSink::new(trace);
    let mut timeline = sink.start::<TxnNode, TxnChecker>(scenario, 0)?;
    let finding = judge(&mut timeline, &mut |run, t| sink.play_to(run, t));
    sink.finish()?;
    Ok(RunReport { violation: finding, ..report_of(&timeline) })
}

#[cfg(test)]
mod tests {
    use super::super::scenarios::{Named, APP};
    use crate::lab::runner::run_json;
    use crate::sim::{ms, secs, Action, TimedAction};
    use crate::txn::fuzz::SETTLE_BOUND;
    use crate::txn::{TxnInput, MANAGER};

    /// The happy path with the TX Manager crashed at 600 ms, as the third payment's Begin reaches it.
    fn manager_cut_off() -> super::TxnScenario {
        let mut scenario = Named::HappyPath.scenario();
        scenario.actions.push(TimedAction { at: ms(600), action: Action::Crash { node: MANAGER } });
        scenario
    }

    #[test]
    fn the_quiet_state_is_judged_at_the_end_of_a_settled_run() {
        let hanging = run_json(&Named::Hanging.scenario().to_json(), None).unwrap();
        let v = hanging.violation.expect("hanging is caught once the run is quiet");
        assert_eq!((v.invariant, v.code), ("All Or Nothing", "left_frozen"));
        let unsettled = run_json(&manager_cut_off().to_json(), None).unwrap();
        assert_eq!(unsettled.violation, None, "an unsettled run is not judged for the quiet state");
    }

    #[test]
    fn liveness_from_requires_every_transaction_to_end_within_the_bound() {
        let mut down = manager_cut_off();
        down.liveness_from = Some(secs(1));
        down.until = Some(secs(1));
        let report = run_json(&down.to_json(), None).unwrap();
        let v = report.violation.expect("the manager never returns");
        assert_eq!((v.invariant, v.code), ("Liveness", "not_settled"));
        assert_eq!(report.reached, secs(1) + SETTLE_BOUND);
        let mut back = manager_cut_off();
        back.actions.push(TimedAction { at: secs(1), action: Action::Restart { node: MANAGER } });
        back.actions.push(TimedAction {
            at: secs(1),
            action: Action::Input { node: APP, input: TxnInput::Pay { amount: 100, quantity: 1 } },
        });
        back.liveness_from = Some(secs(1));
        let report = run_json(&back.to_json(), None).unwrap();
        assert_eq!(report.violation, None);
        assert!(report.reached < secs(3), "the run ends once settled, at {} µs", report.reached);
    }

    #[test]
    fn a_bad_scenario_names_its_field() {
        let mut value: serde_json::Value = serde_json::from_str(&Named::HappyPath.scenario().to_json()).unwrap();
        value["config"]["clients"] = 0.into();
        let err = run_json(&value.to_string(), None).unwrap_err().to_string();
        assert!(err.contains("config.clients"), "{err}");
    }
}
