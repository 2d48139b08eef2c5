//! Long Raft runs used by the benchmarks (seeking, memory), natively and in the browser.

use super::{default_scenario, RaftScenario};
use crate::raft::{KvOp, RaftInput};
use crate::sim::{ms, Action, TimedAction};

/// Client writes in the ten-minute run: one every 100 ms of virtual time.
const WRITES: u64 = 6_000;

/// Every this many writes, one server crashes and restarts 2 s later.
const CRASH_EVERY: u64 = 300;

/// Ten minutes of a five-server cluster: a write every 100 ms to each server in turn (followers
/// redirect), and a crash and restart of each server in turn every 30 s.
pub fn ten_minute_scenario(seed: u64) -> RaftScenario {
    let mut scenario = default_scenario(seed);
    for step in 1..WRITES {
        let at = ms(100) * step;
        let op = KvOp::Put { key: format!("k{}", step % 8), value: step.to_string() };
        let input = RaftInput::Client { client: 1, seq: step, op };
        scenario.actions.push(TimedAction { at, action: Action::Input { node: (step % 5) as u32, input } });
        if step % CRASH_EVERY == 0 {
            let node = ((step / CRASH_EVERY) % 5) as u32;
            scenario.actions.push(TimedAction { at, action: Action::Crash { node } });
            scenario.actions.push(TimedAction { at: at + ms(2_000), action: Action::Restart { node } });
        }
    }
    scenario.actions.sort_by_key(|a| a.at);
    scenario
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::raft::RaftChecker;
    use crate::sim::{secs, Retention, Timeline};

    #[test]
    fn the_ten_minute_run_is_valid_and_commits_under_its_crashes() {
        let scenario = ten_minute_scenario(1);
        assert!(scenario.actions.windows(2).all(|w| w[0].at <= w[1].at));
        let mut timeline = Timeline::<_, RaftChecker>::new(scenario, Retention::Window(0)).unwrap();
        timeline.seek(secs(60));
        assert_eq!(timeline.violation(), None);
        let committed = timeline.world().processes().filter_map(|(_, p)| p.map(|p| p.commit_index)).max();
        assert!(committed.unwrap_or(0) > 100, "committed {committed:?} in the first minute");
    }
}
