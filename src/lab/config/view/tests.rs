//! The view model against runs whose state is known.

use super::*;
use crate::lab::config::scenarios::Named;
use crate::lab::config::{default_config, timeline, ConfigScenario, LAB};
use crate::sim::secs;

#[test]
fn the_default_run_draws_three_servers_and_three_clients_and_a_cp_leader() {
    let mut run = timeline(ConfigScenario::new(LAB, 1, default_config(Mode::Cp)), 100);
    run.run_until(secs(15));
    let v = view(&run, 20);
    let roles: Vec<&str> = v.cluster.nodes.iter().map(|n| n.role).collect();
    assert_eq!(roles.iter().filter(|r| **r == "leader").count(), 1, "{roles:?}");
    assert_eq!(&roles[3..], ["config_client"; 3]);
    assert_eq!(v.partition, None);
    assert_eq!(v.measures.sides.len(), 1, "no partition: one side");
    assert!(v.clients.iter().all(|c| c.from_cache != Some(true)), "nothing cached yet");
    assert!(!v.log.is_empty());
    assert_eq!(v.invariants.len(), 3);
}

#[test]
fn the_partition_is_shown_in_force_then_healed_and_its_sides_kept_for_the_measures() {
    let mut run = timeline(Named::ApPartition.scenario(), 0);
    run.run_until(secs(30));
    let v = view(&run, 0);
    assert_eq!(v.partition, Some((vec![vec![0, 3], vec![1, 2, 4, 5]], true)));
    assert_eq!(v.servers.iter().map(|s| s.side).collect::<Vec<_>>(), [0, 1, 1]);
    assert_eq!(v.servers[0].role, "distro_member");
    run.run_until(secs(80));
    let healed = view(&run, 0);
    assert_eq!(healed.partition.map(|p| p.1), Some(false), "healed, the sides stay for the measures");
    assert_eq!(healed.measures.sides.len(), 2);
}

#[test]
fn both_modes_are_measured_side_by_side_on_the_same_scenario() {
    let both = both_modes(&Named::CpPartition.scenario());
    assert_eq!(both.iter().map(|m| m.mode).collect::<Vec<_>>(), [Mode::Cp, Mode::Ap]);
    let minority = |m: &ModeMeasures| m.sides[0].tally;
    assert_eq!(minority(&both[0]).writes_failed, 1, "CP refuses the minority's write");
    assert_eq!(minority(&both[1]).writes_failed, 0, "AP accepts it");
    assert_eq!(minority(&both[1]).stale_reads, 1, "and serves it a stale read");
    assert!(both[1].convergence.count >= 1);
}

#[test]
fn every_event_has_a_name() {
    let mut run = timeline(Named::CpPartition.scenario(), 100_000);
    run.run_until(secs(110));
    let names: std::collections::BTreeSet<&str> = run
        .world()
        .trace()
        .entries()
        .filter_map(|e| match &e.event {
            crate::sim::TraceEvent::Engine(ev) => Some(describe_event(ev).0),
            _ => None,
        })
        .collect();
    for expected in ["role_change", "accepted", "write_refused", "write_acked", "write_failed", "read_failed", "seen"] {
        assert!(names.contains(expected), "{expected} not in {names:?}");
    }
}

#[test]
fn both_modes_measure_a_scenario_acted_on_past_its_end() {
    let mut scenario = Named::Rollback.scenario();
    let end = scenario.end();
    let publish =
        crate::config_center::ConfigInput::Publish { key: crate::lab::config::lesson_key(), value: "v4".into() };
    scenario
        .actions
        .push(crate::sim::TimedAction { at: end + secs(1), action: Action::Input { node: 3, input: publish } });
    let both = both_modes(&scenario);
    assert_eq!(both.len(), 2);
    assert!(both.iter().all(|m| m.at == end + secs(1)), "played to the late action");
}
