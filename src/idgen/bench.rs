//! A benchmark workload: in-process Snowflake IDs issued and checked. It returns counts only;
//! the caller (the command-line runner) times it.

use super::checker::IdChecker;
use super::{Generator, IdConfig, IdNode, LAB};
use crate::sim::{ms, Retention, Scenario, SimTime, Timeline};

/// What a benchmark run did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BenchCounts {
    /// IDs issued to applications.
    pub issued: u64,
    /// Distinct IDs the checker holds (equal to `issued` when nothing was duplicated).
    pub checked: u64,
    /// Events the world handled.
    pub events: u64,
}

/// Run `apps` application servers with in-process Snowflake at `rate` IDs per second each for
/// `span` of virtual time, every ID checked for uniqueness and inserted into the index model.
pub fn snowflake_in_process(apps: u32, rate: u32, span: SimTime) -> BenchCounts {
    let config = IdConfig { generator: Generator::Snowflake, apps, rate, tick: ms(1), ..IdConfig::default() };
    let scenario = Scenario::new(LAB, 1, config);
    let mut run = Timeline::<IdNode, IdChecker>::new(scenario, Retention::Window(0)).expect("a valid configuration");
    run.set_checkpoint_every(SimTime::MAX);
    run.run_until(span);
    let measured = run.checker().measured();
    BenchCounts { issued: measured.issued, checked: run.checker().distinct(), events: run.world().events_handled() }
}
