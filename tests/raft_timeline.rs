//! A timeline with the Raft checker: play stops at the first violation, seeking restores the
//! checker's memory, so the page can pause and jump to what broke.

use distlab::raft::{RaftChecker, RaftNode, LAB};
use distlab::sim::{Retention, ScenarioOf, Timeline};

fn figure_8_with_bug() -> Timeline<RaftNode, RaftChecker> {
    let path = format!("{}/tests/scenarios/raft_figure8_commit_by_count.json", env!("CARGO_MANIFEST_DIR"));
    let scenario = ScenarioOf::<RaftNode>::from_json(&std::fs::read_to_string(path).unwrap(), LAB).unwrap();
    Timeline::new(scenario, Retention::Window(1000)).unwrap()
}

#[test]
fn play_stops_right_after_the_event_that_breaks_an_invariant() {
    let mut timeline = figure_8_with_bug();
    let end = timeline.scenario().end();
    assert!(!timeline.run_until(end), "play must stop at the violation");
    let v = timeline.violation().expect("found").clone();
    assert_eq!(timeline.now(), v.t);
    assert_eq!(timeline.world().trace().total() - 1, v.trace_seq);
    assert!(timeline.run_until(end), "playing on after a violation reaches the end");
    assert_eq!(timeline.violation(), Some(&v), "the first violation is kept");
}

#[test]
fn seeking_back_forgets_the_violation_and_forward_finds_it_again() {
    let mut timeline = figure_8_with_bug();
    let end = timeline.scenario().end();
    timeline.seek(end);
    let v = timeline.violation().expect("found").clone();
    assert_eq!(timeline.now(), end, "seek goes all the way");
    timeline.seek(v.t - 1);
    assert_eq!(timeline.violation(), None);
    timeline.seek(end);
    assert_eq!(timeline.violation(), Some(&v));
}

#[test]
fn the_safe_figure_8_has_no_violation() {
    let path = format!("{}/tests/scenarios/raft_figure8.json", env!("CARGO_MANIFEST_DIR"));
    let scenario = ScenarioOf::<RaftNode>::from_json(&std::fs::read_to_string(path).unwrap(), LAB).unwrap();
    let end = scenario.end();
    let mut timeline = Timeline::<RaftNode, RaftChecker>::new(scenario, Retention::Window(0)).unwrap();
    assert!(timeline.run_until(end));
    assert_eq!(timeline.violation(), None);
}
