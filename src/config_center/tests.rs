//! Behaviour of the configuration center, each test named after what Nacos or Apollo does (or
//! what a classic mistake breaks).

use super::checker::ConfigChecker;
use super::config::{Bug, ConfigCenterConfig, Mode};
use super::measures::Measured;
use super::store::key_of;
use super::{ConfigInput, ConfigNode, LAB};
use crate::sim::{secs, Action, NodeId, Retention, Scenario, SimTime, TimedAction, Timeline};

type Run = Timeline<ConfigNode, ConfigChecker>;

fn key() -> String {
    key_of("application", "db.url")
}

fn config(mode: Mode) -> ConfigCenterConfig {
    ConfigCenterConfig { mode, ..ConfigCenterConfig::default() }
}

/// Play `config` with `actions` until `until` (or the first violation).
fn run(config: ConfigCenterConfig, actions: Vec<(SimTime, Action<ConfigInput>)>, until: SimTime) -> Run {
    let mut scenario = Scenario::new(LAB, 7, config);
    scenario.actions = actions.into_iter().map(|(at, action)| TimedAction { at, action }).collect();
    let mut run = Run::new(scenario, Retention::Window(0)).expect("valid scenario");
    run.set_checkpoint_every(SimTime::MAX);
    run.run_until(until);
    run
}

fn publish(at: SimTime, client: NodeId, value: &str) -> (SimTime, Action<ConfigInput>) {
    (at, Action::Input { node: client, input: ConfigInput::Publish { key: key(), value: value.into() } })
}

fn read(at: SimTime, client: NodeId) -> (SimTime, Action<ConfigInput>) {
    (at, Action::Input { node: client, input: ConfigInput::Read { key: key() } })
}

fn measured(run: &Run) -> Measured {
    run.checker().measured().clone()
}

/// What client `node` uses for the key: (version, value).
fn client_sees(run: &Run, node: NodeId) -> (u64, Option<String>) {
    let client = run.world().node(node).and_then(|n| n.process).and_then(ConfigNode::client).expect("a client");
    client.config.get(&key()).cloned().unwrap_or((0, None))
}

/// Each server's version of the key.
fn versions(run: &Run) -> Vec<u64> {
    (0..run.world().config().servers)
        .map(|s| {
            run.world().node(s).and_then(|n| n.process).and_then(ConfigNode::server).map_or(0, |p| p.store().version(&key()))
        })
        .collect()
}

#[test]
fn cp_publish_commits_through_raft_and_every_client_sees_it_by_long_polling() {
    let r = run(config(Mode::Cp), vec![publish(secs(15), 3, "v1")], secs(25));
    assert_eq!(r.violation(), None);
    assert_eq!(versions(&r), vec![1, 1, 1]);
    for c in 3..6 {
        assert_eq!(client_sees(&r, c), (1, Some("v1".into())), "client {c}");
    }
    let m = measured(&r);
    assert_eq!(m.writes_acked, 1);
    assert_eq!(m.propagation.count, 3, "{m:?}");
}

#[test]
fn ap_publish_is_accepted_by_the_responsible_server_and_replicated() {
    let r = run(config(Mode::Ap), vec![publish(secs(1), 3, "v1")], secs(10));
    assert_eq!(r.violation(), None);
    assert_eq!(versions(&r), vec![1, 1, 1]);
    for c in 3..6 {
        assert_eq!(client_sees(&r, c), (1, Some("v1".into())), "client {c}");
    }
}
