//! Every fault does exactly what it says, measured on the trace and the network counters.

mod common;

use common::blast::{Blast, Burst};
use distlab::lab::network::{Heartbeat, HeartbeatConfig};
use distlab::sim::{
    ms, secs, Action, DropReason, NetworkConfig, NodeId, NodeStatus, Retention, TraceEvent, World, PPM,
};

fn blast_world(nodes: u32, network: NetworkConfig, seed: u64) -> World<Blast> {
    World::new(nodes, network, (), seed, Retention::All)
}

fn heartbeat_world(nodes: u32, seed: u64) -> World<Heartbeat> {
    let config = HeartbeatConfig { nodes, ..HeartbeatConfig::default() };
    World::new(nodes, NetworkConfig::default(), config, seed, Retention::All)
}

fn burst<P: distlab::sim::Process<Input = Burst>>(world: &mut World<P>, from: NodeId, to: NodeId, count: u64) {
    world.apply(&Action::Input { node: from, input: Burst { to, count } }).unwrap();
}

fn received(world: &World<Blast>, at: NodeId) -> Vec<(NodeId, u64)> {
    world.node(at).unwrap().process.unwrap().received.clone()
}

/// Deliver events `from -> to` in the trace.
fn delivers<E: std::hash::Hash>(
    world: &World<impl distlab::sim::Process<Event = E>>,
    from: NodeId,
    to: NodeId,
) -> usize {
    world
        .trace()
        .entries()
        .filter(|e| matches!(e.event, TraceEvent::Deliver { from: f, to: t, .. } if f == from && t == to))
        .count()
}

#[test]
fn a_link_cut_one_way_delivers_nothing_that_way_and_everything_the_other() {
    let mut world = blast_world(2, NetworkConfig::default(), 1);
    world.apply(&Action::LinkDown { from: 0, to: 1 }).unwrap();
    burst(&mut world, 0, 1, 1_000);
    burst(&mut world, 1, 0, 1_000);
    world.run_until(secs(1));
    assert_eq!(delivers(&world, 0, 1), 0);
    assert_eq!(delivers(&world, 1, 0), 1_000);
    assert_eq!(world.stats().dropped_link, 1_000);
    let link_drops = world
        .trace()
        .entries()
        .filter(|e| matches!(e.event, TraceEvent::Drop { from: 0, to: 1, reason: DropReason::LinkDown, .. }))
        .count();
    assert_eq!(link_drops, 1_000);
}

#[test]
fn a_link_cut_while_messages_fly_drops_them_on_arrival() {
    let mut world = blast_world(2, NetworkConfig::default(), 2);
    burst(&mut world, 0, 1, 100);
    world.apply(&Action::LinkDown { from: 0, to: 1 }).unwrap();
    world.run_until(secs(1));
    assert_eq!(received(&world, 1), vec![]);
    assert_eq!(world.stats().dropped_link, 100);
}

#[test]
fn measured_loss_and_duplication_rates_match_the_configured_ones() {
    const N: u64 = 100_000;
    // (loss ppm, duplication ppm)
    for (loss, dup) in [(100_000, 0), (20_000, 0), (0, 100_000), (0, 300_000), (50_000, 50_000), (0, 0)] {
        let network = NetworkConfig { loss_ppm: loss, duplicate_ppm: dup, ..NetworkConfig::default() };
        let mut world = blast_world(2, network, u64::from(loss + dup));
        burst(&mut world, 0, 1, N);
        world.run_until(secs(10));
        let s = world.stats();
        assert_eq!(s.sent, N);
        let copies = s.sent + s.duplicated;
        assert_eq!(s.delivered + s.lost, copies, "every copy is delivered or lost ({loss}, {dup})");
        let rate = |count: u64, of: u64| count * u64::from(PPM) / of;
        let tolerance = 5_000; // 0.5 percentage points, in ppm
        assert!(rate(s.duplicated, s.sent).abs_diff(u64::from(dup)) <= tolerance, "duplication {s:?} vs {dup}");
        assert!(rate(s.lost, copies).abs_diff(u64::from(loss)) <= tolerance, "loss {s:?} vs {loss}");
        assert_eq!(world.network().in_flight().count(), 0);
    }
}

#[test]
fn links_are_fifo_unless_reordering_is_on() {
    // (reorder ppm, duplication ppm, expect reordering)
    for (reorder, dup, reordered) in [(0, 0, false), (0, 200_000, false), (50_000, 0, true), (PPM, 0, true)] {
        let network = NetworkConfig { reorder_ppm: reorder, duplicate_ppm: dup, ..NetworkConfig::default() };
        let mut world = blast_world(3, network, 7);
        burst(&mut world, 0, 1, 10_000);
        burst(&mut world, 2, 1, 10_000);
        world.run_until(secs(10));
        for from in [0, 2] {
            let seqs: Vec<u64> = received(&world, 1).into_iter().filter(|m| m.0 == from).map(|m| m.1).collect();
            assert!(if dup == 0 { seqs.len() == 10_000 } else { seqs.len() > 10_000 }, "{} from {from}", seqs.len());
            let in_order = seqs.windows(2).all(|w| w[0] <= w[1]);
            assert_eq!(!in_order, reordered, "link {from}->1, reorder {reorder} ppm, dup {dup} ppm");
        }
        assert_eq!(world.stats().reordered > 0, reordered, "reorder {reorder} ppm");
    }
}

#[test]
fn a_crash_drops_volatile_state_keeps_durable_state_and_drops_messages_to_it() {
    let mut world = heartbeat_world(3, 4);
    world.run_until(secs(2));
    let before = world.node(1).unwrap().process.unwrap().clone();
    assert_eq!(before.incarnation, 1);
    assert!(before.pings_sent > 0);
    world.apply(&Action::Crash { node: 1 }).unwrap();
    let down = world.node(1).unwrap();
    assert_eq!((down.status, down.process.is_none(), down.timers.len()), (NodeStatus::Down, true, 0));
    assert_eq!(down.durable.map(|d| d.0), Some(1), "durable state survives");
    let crashed_at = world.trace().total();
    world.run_until(secs(4));
    let after: Vec<_> = world.trace().entries().skip(crashed_at as usize).collect();
    assert!(!after.iter().any(|e| e.node == Some(1)
        && matches!(e.event, TraceEvent::Deliver { .. } | TraceEvent::Timer { .. } | TraceEvent::Send { .. })));
    let node_down = after
        .iter()
        .filter(|e| matches!(e.event, TraceEvent::Drop { to: 1, reason: DropReason::NodeDown, .. }))
        .count();
    assert!(node_down > 0, "pings to the down node are dropped as NodeDown");
    assert_eq!(world.stats().dropped_node as usize, node_down);
    world.apply(&Action::Restart { node: 1 }).unwrap();
    let up = world.node(1).unwrap();
    let p = up.process.unwrap();
    assert_eq!((up.status, up.life, p.incarnation, p.pings_sent, p.pongs_received), (NodeStatus::Up, 2, 2, 0, 0));
    world.run_until(secs(6));
    assert!(world.node(1).unwrap().process.unwrap().pings_sent > 0, "a restarted node runs again");
}

#[test]
fn a_paused_node_handles_nothing_until_resumed_then_handles_its_backlog() {
    let mut world = heartbeat_world(3, 5);
    world.run_until(secs(1));
    world.apply(&Action::Pause { node: 2 }).unwrap();
    let paused_at = world.trace().total() as usize;
    world.run_until(secs(3));
    let while_paused: Vec<_> = world.trace().entries().skip(paused_at).collect();
    assert!(!while_paused.iter().any(|e| e.node == Some(2)
        && matches!(e.event, TraceEvent::Deliver { .. } | TraceEvent::Timer { .. } | TraceEvent::Send { .. })));
    let buffered = while_paused.iter().filter(|e| matches!(e.event, TraceEvent::Buffer { to: 2, .. })).count();
    assert!(buffered > 0);
    let pings_before = world.node(2).unwrap().process.unwrap().pings_sent;
    world.apply(&Action::Resume { node: 2 }).unwrap();
    let resumed_at = world.trace().total() as usize;
    world.run_until(secs(3));
    let at_resume: Vec<_> =
        world.trace().entries().skip(resumed_at).filter(|e| e.t == secs(3) && e.node == Some(2)).collect();
    let delivered = at_resume.iter().filter(|e| matches!(e.event, TraceEvent::Deliver { to: 2, .. })).count();
    let timers = at_resume.iter().filter(|e| matches!(e.event, TraceEvent::Timer { .. })).count();
    assert_eq!(delivered, buffered, "every buffered message is handled at resume");
    assert_eq!(timers, 1, "the late tick fires once at resume");
    assert_eq!(world.node(2).unwrap().process.unwrap().pings_sent, pings_before + 2);
}

#[test]
fn clock_faults_change_only_that_nodes_readings() {
    // (action at t = 1 s, node 1's reading at t = 2 s)
    let table: [(Action<Burst>, u64); 5] = [
        (Action::ClockJump { node: 1, delta: 500_000 }, secs(2) + ms(500)),
        (Action::ClockJump { node: 1, delta: -1_500_000 }, ms(500)),
        (Action::ClockOffset { node: 1, offset: -250_000 }, secs(2) - ms(250)),
        (Action::ClockDrift { node: 1, ppm: 100_000 }, secs(2) + ms(100)),
        (Action::ClockDrift { node: 1, ppm: -200_000 }, secs(2) - ms(200)),
    ];
    for (action, expected) in table {
        let mut world = blast_world(3, NetworkConfig::default(), 1);
        world.run_until(secs(1));
        world.apply(&action).unwrap();
        world.run_until(secs(2));
        assert_eq!(world.now(), secs(2), "{action:?}: true time is untouched");
        assert_eq!(world.local_time(1), Some(expected), "{action:?}");
        assert_eq!((world.local_time(0), world.local_time(2)), (Some(secs(2)), Some(secs(2))), "{action:?}");
    }
}

#[test]
fn drop_message_removes_exactly_that_message() {
    let mut world = blast_world(2, NetworkConfig::default(), 3);
    burst(&mut world, 0, 1, 10);
    let ids: Vec<u64> = world.network().in_flight().map(|m| m.id).collect();
    let victim = ids[4];
    let victim_seq = world.network().get(victim).unwrap().message;
    world.apply(&Action::DropMessage { id: victim }).unwrap();
    let left: Vec<u64> = world.network().in_flight().map(|m| m.id).collect();
    assert_eq!(left, ids.iter().copied().filter(|&id| id != victim).collect::<Vec<_>>());
    world.run_until(secs(1));
    let got: Vec<u64> = received(&world, 1).into_iter().map(|m| m.1).collect();
    assert_eq!(got, (0..10).filter(|&n| n != victim_seq).collect::<Vec<_>>());
    assert_eq!(world.stats().dropped_manual, 1);
}

#[test]
fn delay_message_holds_exactly_that_message_back_and_the_rest_overtake_it() {
    let mut world = blast_world(2, NetworkConfig::default(), 3);
    burst(&mut world, 0, 1, 10);
    let victim = world.network().in_flight().map(|m| m.id).nth(4).unwrap();
    let (victim_seq, due) = world.network().get(victim).map(|m| (m.message, m.arrives_at)).unwrap();
    world.apply(&Action::DelayMessage { id: victim, by: secs(5) }).unwrap();
    assert_eq!(world.network().get(victim).map(|m| m.arrives_at), Some(due + secs(5)));
    assert!(world.apply(&Action::DelayMessage { id: u64::MAX, by: secs(1) }).is_err(), "not in flight");
    assert!(world.apply(&Action::DelayMessage { id: victim, by: 0 }).is_err(), "no delay");
    world.run_until(secs(1));
    let got: Vec<u64> = received(&world, 1).into_iter().map(|m| m.1).collect();
    assert_eq!(got, (0..10).filter(|&n| n != victim_seq).collect::<Vec<_>>(), "everything else on time");
    world.run_until(secs(6));
    assert_eq!(received(&world, 1).last().map(|m| m.1), Some(victim_seq), "the held message, last");
    assert_eq!(world.stats().delivered, 10);
    assert_eq!(delivers(&world, 0, 1), 10, "delivered once");
}

#[test]
fn partition_cuts_exactly_the_cross_group_links_and_heal_all_restores_them() {
    // (groups, nodes of each group index; None = named in no group)
    type GroupOf = [Option<u8>; 5];
    let table: [(Vec<Vec<NodeId>>, GroupOf); 3] = [
        (vec![vec![0, 1], vec![2, 3, 4]], [Some(0), Some(0), Some(1), Some(1), Some(1)]),
        (vec![vec![0, 1], vec![2, 3]], [Some(0), Some(0), Some(1), Some(1), None]),
        (vec![vec![0, 1, 2, 3, 4]], [Some(0); 5]),
    ];
    for (groups, group_of) in table {
        let mut world = blast_world(5, NetworkConfig::default(), 1);
        world.apply(&Action::LinkDown { from: 0, to: 1 }).unwrap();
        world.apply(&Action::Partition { groups: groups.clone() }).unwrap();
        for from in 0..5 {
            for to in (0..5).filter(|&to| to != from) {
                let together = group_of[from as usize].is_some() && group_of[from as usize] == group_of[to as usize];
                assert_eq!(world.network().link_up(from, to), together, "{groups:?}: {from}->{to}");
            }
        }
        world.apply(&Action::HealAll).unwrap();
        assert!((0..5).all(|f| (0..5).all(|t| world.network().link_up(f, t))), "{groups:?}: healed");
    }
}

#[test]
fn crashing_a_paused_node_drops_its_buffered_messages_and_late_timers() {
    let mut world = heartbeat_world(3, 6);
    world.run_until(secs(1));
    world.apply(&Action::Pause { node: 0 }).unwrap();
    world.run_until(secs(2));
    let buffered: Vec<u64> = world.network().in_flight().filter(|m| m.buffered).map(|m| m.id).collect();
    assert!(!buffered.is_empty());
    let dropped_before = world.stats().dropped_node;
    world.apply(&Action::Crash { node: 0 }).unwrap();
    assert_eq!(world.stats().dropped_node - dropped_before, buffered.len() as u64);
    assert!(buffered.iter().all(|&id| world.network().get(id).is_none()));
    let crashed_at = world.trace().total() as usize;
    world.apply(&Action::Restart { node: 0 }).unwrap();
    world.run_until(secs(2) + ms(200));
    let timers = world
        .trace()
        .entries()
        .skip(crashed_at)
        .filter(|e| e.node == Some(0) && matches!(e.event, TraceEvent::Timer { .. }))
        .count();
    assert_eq!(timers, 0, "the old life's late tick does not fire in the new life");
}
