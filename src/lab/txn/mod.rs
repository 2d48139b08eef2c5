//! The distributed transactions lab: TCC (Try/Confirm/Cancel) with its three classic failures and
//! their protections, Saga, and two-phase commit, as scenarios of the transactions engine checked by
//! its invariants; the batch run, the fuzz schedule, the named scenarios and the page's view model.

pub mod batch;
pub mod compare;
pub mod fuzz;
pub mod scenarios;
pub mod view;

use crate::lab::catalog::LabEntry;
use crate::sim::{Retention, ScenarioOf};
use crate::txn::fuzz::TxnRun;
use crate::txn::TxnNode;

pub use crate::txn::LAB;

/// The distributed transactions lab in the catalog.
pub const ENTRY: LabEntry = LabEntry { name: LAB, run: batch::run, fuzz: Some(fuzz::SCHEDULE) };

/// A scenario of the transactions lab.
pub type TxnScenario = ScenarioOf<TxnNode>;

/// A transactions run: the timeline under the transactions checker.
pub type TxnTimeline = TxnRun;

/// A timeline of `scenario` keeping `window` trace entries (the lab's own scenarios are all valid).
pub fn timeline(scenario: TxnScenario, window: usize) -> TxnTimeline {
    TxnTimeline::new(scenario, Retention::Window(window)).expect("the lab builds valid transaction scenarios")
}
