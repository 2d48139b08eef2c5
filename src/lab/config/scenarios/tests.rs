//! Each named scenario's outcome, checked from its scenario file alone: the page's view of the run
//! at the moment the lesson is about, and the batch run's verdict at its end.

use super::*;
use crate::config_center::Mode;
use crate::lab::config::view::{view, ConfigView};
use crate::lab::config::{in_mode, timeline, ConfigTimeline};
use crate::sim::{secs, SimTime};

/// `named` played to `at` (its end when `None`).
fn play(named: Named, at: Option<SimTime>) -> ConfigTimeline {
    let scenario = named.scenario();
    let until = at.unwrap_or(scenario.end());
    let mut run = timeline(scenario, 0);
    run.run_until(until);
    run
}

/// Each server's version of the lesson key.
fn versions(v: &ConfigView) -> Vec<u64> {
    v.servers.iter().map(|s| s.copies[0].version).collect()
}

/// Each client's (version, value) of the lesson key.
fn clients(v: &ConfigView) -> Vec<(u64, Option<String>)> {
    v.clients.iter().map(|c| (c.config[0].1, c.config[0].2.clone())).collect()
}

fn same(version: u64, value: &str) -> Vec<(u64, Option<String>)> {
    vec![(version, Some(value.to_string())); 3]
}

#[test]
fn cp_partition_the_minority_refuses_writes_and_reads_the_majority_goes_on_then_catches_up() {
    let v = view(&play(Named::CpPartition, Some(secs(69))), 0);
    assert_eq!(v.partition.as_ref().map(|p| p.1), Some(true), "the partition is in force");
    let (minority, majority) = (&v.measures.sides[0], &v.measures.sides[1]);
    assert_eq!((minority.servers.clone(), minority.clients.clone()), (vec![0], vec![3]));
    assert_eq!(versions(&v)[0], 1, "server 0 keeps the version before the cut");
    assert_eq!(&versions(&v)[1..], [3, 3], "the majority committed both writes");
    assert_eq!((minority.tally.writes_acked, minority.tally.writes_failed), (0, 1), "{minority:?}");
    assert!(minority.tally.reads_failed >= 1, "ReadIndex refuses: {minority:?}");
    assert_eq!(minority.tally.stale_reads, 0, "never stale");
    assert_eq!((majority.tally.writes_acked, majority.tally.writes_failed), (3, 0), "{majority:?}");
    let end = view(&play(Named::CpPartition, None), 0);
    assert_eq!(end.invariants.iter().filter(|i| i.1.is_some()).count(), 0);
    assert_eq!(versions(&end), [3, 3, 3], "server 0 caught up through Raft");
    assert_eq!(clients(&end), same(3, "majority-2"));
}

#[test]
fn ap_partition_both_sides_accept_diverge_and_converge_after_the_heal() {
    let v = view(&play(Named::ApPartition, Some(secs(69))), 0);
    let (minority, majority) = (&v.measures.sides[0], &v.measures.sides[1]);
    assert_eq!((minority.tally.writes_acked, minority.tally.writes_failed), (1, 0), "{minority:?}");
    assert_eq!((majority.tally.writes_acked, majority.tally.writes_failed), (3, 0), "{majority:?}");
    assert_eq!(versions(&v), [2, 3, 3], "the copies diverged");
    assert_eq!(v.servers[0].copies[0].value, "minority");
    assert_eq!(minority.tally.stale_reads, 1, "client 3 reads its own side's older version: {minority:?}");
    assert!(minority.tally.staleness_max > 0);
    let end = view(&play(Named::ApPartition, None), 0);
    assert!(end.measures.violation.is_none(), "{:?}", end.measures.violation);
    assert_eq!(versions(&end), [3, 3, 3]);
    assert_eq!(clients(&end), same(3, "majority-2"), "the higher version won everywhere");
    assert!(end.measures.convergence.count >= 1 && end.measures.convergence.max < secs(15), "{:?}", end.measures);
    assert_eq!(end.measures.lost_to_clock_skew, 0);
}

#[test]
fn ap_clock_skew_last_writer_wins_loses_the_later_write_a_named_violation() {
    let run = play(Named::ApClockSkew, None);
    let v = view(&run, 0);
    let violation = v.measures.violation.clone().expect("the lost write is a violation here");
    assert_eq!((violation.invariant, violation.code), ("No Lost Write", "lost_to_lww"));
    assert_eq!(violation.nodes, vec![4], "client 4 wrote later and lost");
    assert_eq!(v.flagged, vec![4]);
    assert_eq!(clients(&v), same(1, "left"), "the earlier write won on its server's clock");
    assert_eq!(v.measures.lost_to_clock_skew, 1);
}

#[test]
fn cache_start_a_client_starts_from_its_disk_cache_while_every_server_is_down() {
    for mode in [Mode::Cp, Mode::Ap] {
        let mut run = timeline(in_mode(&Named::CacheStart.scenario(), mode), 0);
        run.run_until(Named::CacheStart.scenario().end());
        let v = view(&run, 0);
        assert!(v.servers.iter().all(|s| s.status == crate::sim::NodeStatus::Down));
        assert_eq!(v.clients[2].from_cache, Some(true), "{mode:?}");
        assert_eq!(clients(&v)[2], (1, Some("v1".into())), "{mode:?}");
        assert_eq!(v.measures.started_from_cache, 1);
    }
}

#[test]
fn long_polling_delivers_the_publish_to_every_client_within_a_round_trip() {
    let v = view(&play(Named::LongPolling, None), 0);
    assert_eq!(clients(&v), same(1, "v1"));
    let p = v.measures.propagation;
    assert_eq!(p.count, 3, "{p:?}");
    assert!(p.max < secs(1), "well under the 29.5 s hold: {p:?}");
}

#[test]
fn gray_release_reaches_the_chosen_client_only_until_the_full_publish() {
    let v = view(&play(Named::GrayRelease, Some(secs(25))), 0);
    assert_eq!(clients(&v), vec![(2, Some("v1".into())), (2, Some("canary".into())), (2, Some("v1".into()))]);
    let last = v.releases.last().expect("releases");
    assert_eq!((last.kind, last.gray.clone()), ("gray", Some(("canary".into(), vec![4]))));
    let end = view(&play(Named::GrayRelease, None), 0);
    assert_eq!(clients(&end), same(3, "v3"));
    assert_eq!(end.releases.iter().map(|r| r.kind).collect::<Vec<_>>(), ["publish", "gray", "publish"]);
}

#[test]
fn rollback_returns_every_client_to_the_previous_release_and_the_second_is_refused() {
    let v = view(&play(Named::Rollback, None), 0);
    assert_eq!(clients(&v), same(3, "v1"));
    let kinds: Vec<&str> = v.releases.iter().map(|r| r.kind).collect();
    assert_eq!(kinds, ["publish", "publish", "rollback"]);
    assert!(v.releases.last().is_some_and(|r| r.current && r.value == "v1"));
    let client = v.clients[0].tally;
    assert_eq!((client.writes_acked, client.writes_failed), (3, 1), "nothing before v1: {client:?}");
}

#[test]
fn the_batch_run_finds_each_scenarios_outcome() {
    for named in Named::ALL {
        let report = crate::lab::runner::run_json(named.json(), None).expect("valid");
        let found = report.violation.map(|v| Outcome::Breaks { invariant: v.invariant, code: v.code });
        assert_eq!(found.unwrap_or(Outcome::Holds), named.outcome(), "{}", named.id());
    }
}

#[test]
fn the_mode_switch_keeps_the_lesson_and_pairs_the_two_partitions() {
    for named in Named::ALL {
        assert_eq!(Named::from_id(named.id()), Some(named));
        assert_eq!(Named::of(&named.scenario()), Some(named));
        let other = if named.scenario().config.mode == Mode::Cp { Mode::Ap } else { Mode::Cp };
        let switched = Named::of(&in_mode(&named.scenario(), other));
        let expected = match named {
            Named::CpPartition => Named::ApPartition,
            Named::ApPartition => Named::CpPartition,
            n => n,
        };
        assert_eq!(switched, Some(expected), "{}", named.id());
    }
    assert_eq!(Named::CpPartition.lesson(Mode::Cp).0, Cap::Availability);
    assert_eq!(Named::ApPartition.lesson(Mode::Ap), (Cap::Consistency, Base::EventuallyConsistent));
}
