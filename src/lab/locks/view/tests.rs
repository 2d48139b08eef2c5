//! The view model on real runs: roles, lock state, counters and the resource timeline.

use super::*;
use crate::lab::locks::scenarios::Named;
use crate::lab::locks::sections::Sections;
use crate::lab::locks::{default_scenario, timeline};
use crate::sim::{ms, secs, Action};

#[test]
fn holder_tokens_name_their_client() {
    assert_eq!(holder_of("c5-12"), Some(5));
    assert_eq!(holder_of("17"), None);
    assert_eq!(holder_of("/locks/lock-0000000001"), None);
}

#[test]
fn the_default_run_shows_roles_a_holder_and_falling_stock() {
    let mut run = timeline(default_scenario(1), 1000);
    let mut sections = Sections::default();
    let mut saw_holder = false;
    for step in 1..=40 {
        run.run_until(ms(25) * step);
        sections.observe(run.world());
        let v = view(&run, 20);
        saw_holder |= v.servers[0].keys.iter().any(|k| k.holder.is_some() && k.ttl.is_some());
    }
    let v = view(&run, 20);
    let roles: Vec<&str> = v.cluster.nodes.iter().map(|n| n.role).collect();
    assert_eq!(roles, ["storage", "redis", "client", "client", "client", "client"]);
    assert!(saw_holder, "a lock key with its holder and TTL");
    assert!(v.resource.segments[0] < 100 && v.resource.sales > 0);
    assert!(v.counters.acquisitions > 0 && v.counters.per_acquisition().is_some());
    assert!(!sections.bars().is_empty() && sections.overlapping().iter().all(|o| !o));
    assert!(v.invariants.iter().all(|(_, v)| v.is_none()));
}

#[test]
fn a_short_lease_draws_overlapping_bars() {
    let mut run = timeline(Named::LeaseTooShort.scenario(), 4000);
    let mut sections = Sections::default();
    while run.violation().is_none() && run.now() < secs(10) {
        run.run_until(run.now() + ms(100));
        sections.observe(run.world());
    }
    assert!(sections.overlapping().iter().any(|&o| o), "{:?}", sections.bars());
    assert!(view(&run, 10).invariants.iter().any(|(_, v)| v.is_some()));
}

#[test]
fn seeking_back_forgets_the_later_bars() {
    let mut run = timeline(default_scenario(1), 1000);
    let mut sections = Sections::default();
    run.run_until(secs(1));
    sections.observe(run.world());
    let later = sections.bars().len();
    run.seek(ms(100));
    sections.observe(run.world());
    assert!(sections.bars().len() < later);
    assert!(sections.bars().iter().all(|b| b.start <= ms(100) && b.end.is_none_or(|e| e <= ms(100))));
}

#[test]
fn zookeeper_shows_the_queue_with_predecessor_watches_and_a_paused_client() {
    let mut run = timeline(Named::ZkPredecessor.scenario(), 1000);
    let mut longest = Vec::new();
    for step in 1..=40 {
        run.run_until(ms(20) * step);
        let queue = view(&run, 0).servers[0].queue.clone();
        if queue.len() > longest.len() {
            longest = queue;
        }
    }
    assert!(longest.len() >= 2);
    assert_eq!(longest[0].watches, None);
    assert_eq!(longest[1].watches.as_deref(), Some(longest[0].znode.as_str()));
    assert!(longest[0].client.is_some(), "{longest:?}");
    let client = run.world().config().first_client();
    run.act(Action::Pause { node: client }).unwrap();
    assert_eq!(view(&run, 0).clients[0].state, "paused");
    assert_eq!(view(&run, 0).servers[0].role, "zookeeper");
}

#[test]
fn etcd_members_show_their_raft_role_the_queue_by_create_revision_and_draining_leases() {
    let mut run = timeline(Named::EtcdQueue.scenario(), 0);
    run.seek(secs(3));
    let v = view(&run, 0);
    let roles: Vec<&str> = v.cluster.nodes.iter().map(|n| n.role).collect();
    assert_eq!(roles[1..4].iter().filter(|r| **r == "leader").count(), 1, "{roles:?}");
    assert!(v.cluster.nodes[1..4].iter().all(|n| n.term.is_some()));
    let leader = v.servers.iter().find(|s| s.raft.is_some_and(|(role, _)| role == "leader")).unwrap();
    assert!(leader.queue.len() >= 3, "{:?}", leader.queue);
    let revisions: Vec<u64> = leader.queue.iter().filter_map(|w| w.revision).collect();
    assert!(revisions.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(leader.queue[0].watches, None, "the lowest create revision holds");
    for pair in leader.queue.windows(2) {
        assert_eq!(pair[1].watches.as_ref(), Some(&pair[0].znode), "each waiter watches its predecessor");
    }
    assert!(leader.leases.iter().all(|l| l.left.is_some_and(|left| left <= l.ttl) && l.client.is_some()));
    let follower = v.servers.iter().find(|s| s.raft.is_some_and(|(role, _)| role == "follower")).unwrap();
    assert!(follower.leases.iter().all(|l| l.left.is_none()), "followers never expire leases");
}

#[test]
fn the_inspector_lists_every_field_of_a_member_and_a_client() {
    let mut run = timeline(Named::EtcdQueue.scenario(), 0);
    run.seek(secs(3));
    let words = |id| node_rows(run.world(), id).iter().map(|n| n.word).collect::<Vec<_>>();
    let member = words(1);
    for w in ["role", "current_term", "commit_index", "last_applied", "revision", "key", "lease"] {
        assert!(member.contains(&w), "{w} in {member:?}");
    }
    let client = words(run.world().config().first_client());
    for w in ["phase", "token", "lease", "key", "revision", "waits_on", "acquisitions"] {
        assert!(client.contains(&w), "{w} in {client:?}");
    }
    assert!(node_rows(run.world(), 99).is_empty());
}
