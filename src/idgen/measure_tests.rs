//! The checker's measures (not invariants): latency percentiles per request and how far from time
//! order the merged stream of every generator's IDs is.

use super::checker::{IdChecker, Measured};
use super::{Generator, IdConfig, IdNode, LAB};
use crate::sim::{ms, secs, Retention, Scenario, SimTime, Timeline};

fn measure(config: IdConfig, until: SimTime) -> Measured {
    let mut run = Timeline::<IdNode, IdChecker>::new(Scenario::new(LAB, 7, config), Retention::Window(0)).unwrap();
    run.set_checkpoint_every(SimTime::MAX);
    run.run_until(until);
    assert!(run.violation().is_none(), "{:?}", run.violation());
    run.checker().measured()
}

fn of(generator: Generator, apps: u32, rate: u32) -> IdConfig {
    IdConfig { generator, apps, rate, ..IdConfig::default() }
}

#[test]
fn in_process_ids_cost_nothing_until_the_sequence_runs_out_and_remote_ones_a_round_trip() {
    let m = measure(of(Generator::Snowflake, 3, 1_000), secs(1));
    assert_eq!((m.latency_p50, m.latency_p99, m.latency_max), (0, 0, 0), "in process, no wait");
    // 5,000 asked per ms of a 4,096-per-ms sequence: 904 a millisecond more wait each time, so
    // after 50 ms the last ones waited about 50 * 904 / 4,096 = 11 ms.
    let m = measure(of(Generator::Snowflake, 1, 5_000_000), ms(50));
    assert!(m.latency_p50 > ms(2) && (ms(8)..=ms(12)).contains(&m.latency_max), "{m:?}");
    // One database, links of 1 to 3 ms each way: a round trip of 2 to 6 ms.
    let m = measure(of(Generator::Database, 3, 200), secs(1));
    assert!((1_800..=4_500).contains(&m.latency_p50), "{m:?}");
    assert!(m.latency_p99 <= m.latency_max && m.latency_max <= 6_000, "{m:?}");
}

#[test]
fn one_snowflake_server_is_in_time_order_and_random_uuids_are_not() {
    let m = measure(of(Generator::Snowflake, 1, 1_000), secs(1));
    assert_eq!((m.out_of_order, m.max_late), (0, 0), "{m:?}");
    // Three workers in the same millisecond: worker 0's IDs sort below worker 2's of that ms.
    let m = measure(of(Generator::Snowflake, 3, 1_000), secs(1));
    assert!(m.out_of_order > 0 && m.max_late < ms(1), "late by less than a millisecond: {m:?}");
    let m = measure(of(Generator::UuidV4, 3, 1_000), secs(1));
    assert!(m.out_of_order_ppm > 900_000, "{m:?}");
}

#[test]
fn two_segment_servers_interleave_segments_seconds_apart() {
    let config = IdConfig { generator: Generator::Segment, rate: 300, step: 1_000, ..IdConfig::default() };
    let m = measure(config, secs(3));
    assert!(m.out_of_order_ppm > 300_000 && m.max_late > secs(1), "{m:?}");
}
