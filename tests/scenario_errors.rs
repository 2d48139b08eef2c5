//! A bad scenario or an impossible action is refused with an error naming the field; nothing changes.

mod common;

use common::{play, scenario_file};
use distlab::lab::network::{self, Heartbeat, HeartbeatInput, NetworkScenario};
use distlab::sim::{secs, Action, Retention, Timeline, TraceEvent};
use serde_json::{json, Value};

/// The golden scenario as JSON, changed by `edit`.
fn golden_with(edit: impl FnOnce(&mut Value)) -> String {
    let mut value: Value = serde_json::from_str(&scenario_file("network_golden.json")).unwrap();
    edit(&mut value);
    value.to_string()
}

fn push_action(value: &mut Value, action: Value) {
    value["actions"].as_array_mut().unwrap().push(json!({ "at": 9_500_000, "action": action }));
}

/// What the page's world looks like: time, fingerprint, trace length, script length.
fn snapshot(t: &Timeline<Heartbeat>) -> (u64, u64, u64, usize, usize) {
    let w = t.world();
    (t.now(), w.fingerprint(), w.trace().total(), t.scenario().actions.len(), t.checkpoint_count())
}

#[test]
fn every_kind_of_bad_scenario_names_its_field_and_leaves_the_running_world_alone() {
    let table: Vec<(&str, String, &str)> = vec![
        ("malformed JSON", "{\"lab\": \"network\",".into(), ""),
        ("not an object", "[1, 2, 3]".into(), ""),
        ("unknown top-level field", golden_with(|v| v["speed"] = json!(2)), "speed"),
        ("missing seed", golden_with(|v| drop(v.as_object_mut().unwrap().remove("seed"))), "seed"),
        ("seed not a number", golden_with(|v| v["seed"] = json!("abc")), "seed"),
        ("wrong lab", golden_with(|v| v["lab"] = json!("raft")), "lab"),
        ("missing actions", golden_with(|v| drop(v.as_object_mut().unwrap().remove("actions"))), "actions"),
        (
            "unknown action type",
            golden_with(|v| push_action(v, json!({"type": "explode", "node": 1}))),
            "actions[14].action",
        ),
        ("action without type", golden_with(|v| push_action(v, json!({"node": 1}))), "actions[14].action.type"),
        (
            "unknown action field",
            golden_with(|v| push_action(v, json!({"type": "crash", "node": 1, "hard": true}))),
            "actions[14].action.hard",
        ),
        ("unknown timed field", golden_with(|v| v["actions"][0]["when"] = json!(1)), "actions[0].when"),
        ("node out of range", scenario_file("bad_node_out_of_range.json"), "actions[1].action.node"),
        (
            "link from out of range",
            golden_with(|v| push_action(v, json!({"type": "link_down", "from": 5, "to": 1}))),
            "actions[14].action.from",
        ),
        (
            "link to out of range",
            golden_with(|v| push_action(v, json!({"type": "link_up", "from": 1, "to": 9}))),
            "actions[14].action.to",
        ),
        ("a node in two groups", scenario_file("bad_partition_two_groups.json"), "actions[0].action.groups[1][0]"),
        (
            "partition node out of range",
            golden_with(|v| push_action(v, json!({"type": "partition", "groups": [[0], [1, 8]]}))),
            "actions[14].action.groups[1][1]",
        ),
        ("times out of order", scenario_file("bad_times_out_of_order.json"), "actions[2].at"),
        ("negative time", golden_with(|v| v["actions"][0]["at"] = json!(-1)), "actions[0].at"),
        (
            "loss above certainty",
            golden_with(|v| v["config"]["network"]["loss_ppm"] = json!(1_000_001)),
            "config.network.loss_ppm",
        ),
        (
            "duplication above certainty",
            golden_with(|v| v["config"]["network"]["duplicate_ppm"] = json!(2_000_000)),
            "config.network.duplicate_ppm",
        ),
        (
            "reordering above certainty",
            golden_with(|v| v["config"]["network"]["reorder_ppm"] = json!(1_000_001)),
            "config.network.reorder_ppm",
        ),
        (
            "scripted loss above certainty",
            golden_with(|v| push_action(v, json!({"type": "set_loss", "ppm": 1_000_001}))),
            "actions[14].action.ppm",
        ),
        (
            "latency min above max",
            golden_with(|v| v["config"]["network"]["latency_min"] = json!(50_000)),
            "config.network.latency_min",
        ),
        (
            "scripted latency min above max",
            golden_with(|v| push_action(v, json!({"type": "set_latency", "min": 9, "max": 1}))),
            "actions[14].action.min",
        ),
        (
            "drift out of range",
            golden_with(|v| push_action(v, json!({"type": "clock_drift", "node": 1, "ppm": 600_000}))),
            "actions[14].action.ppm",
        ),
        ("no nodes", golden_with(|v| v["config"]["nodes"] = json!(0)), "config.nodes"),
        (
            "suspect_after not above interval",
            golden_with(|v| v["config"]["suspect_after"] = json!(300_000)),
            "config.suspect_after",
        ),
        ("bad input target", scenario_file("bad_input_target.json"), "actions[1].action.input"),
        (
            "input to a node out of range",
            golden_with(|v| push_action(v, json!({"type": "input", "node": 6, "input": {"kind": "ping", "to": 1}}))),
            "actions[14].action.node",
        ),
    ];
    let mut running = play(
        NetworkScenario::from_json(&scenario_file("network_golden.json"), network::LAB).unwrap(),
        secs(3),
        Retention::Window(50),
    );
    let before = snapshot(&running);
    for (what, json, field) in table {
        let error = match network::load(&json, Retention::Window(0)) {
            Ok(_) => panic!("{what}: accepted"),
            Err(e) => e,
        };
        assert_eq!(error.field, field, "{what}: {error}");
        assert!(!error.message.is_empty(), "{what}");
        assert_eq!(snapshot(&running), before, "{what}: the running world changed");
    }
    running.run_until(secs(4));
    assert!(running.world().trace().total() > before.2, "the running world goes on");
}

#[test]
fn impossible_acts_return_errors_and_change_nothing() {
    let table: [(&str, Action<HeartbeatInput>); 14] = [
        ("restart a node that is up", Action::Restart { node: 0 }),
        ("resume a node that is not paused", Action::Resume { node: 0 }),
        ("resume a node that is down", Action::Resume { node: 2 }),
        ("crash a node that is down", Action::Crash { node: 2 }),
        ("pause a node that is paused", Action::Pause { node: 3 }),
        ("input to a paused node", Action::Input { node: 3, input: HeartbeatInput::Ping { to: 0 } }),
        ("drop a message not in flight", Action::DropMessage { id: u64::MAX }),
        ("node that does not exist", Action::Crash { node: 5 }),
        ("link to a node that does not exist", Action::LinkDown { from: 0, to: 99 }),
        ("link to itself", Action::LinkDown { from: 1, to: 1 }),
        ("input naming a node that does not exist", Action::Input { node: 0, input: HeartbeatInput::Ping { to: 9 } }),
        ("latency min above max", Action::SetLatency { min: 10, max: 5 }),
        ("probability above certainty", Action::SetDuplication { ppm: 1_000_001 }),
        ("a node in two groups", Action::Partition { groups: vec![vec![0, 1], vec![1, 2]] }),
    ];
    let mut timeline = play(network::default_scenario(8), secs(1), Retention::Window(50));
    timeline.act(Action::Crash { node: 2 }).unwrap();
    timeline.act(Action::Pause { node: 3 }).unwrap();
    timeline.run_until(secs(4));
    timeline.seek(secs(2));
    let before = snapshot(&timeline);
    for (what, action) in table {
        assert!(timeline.act(action.clone()).is_err(), "{what}: accepted");
        assert_eq!(snapshot(&timeline), before, "{what}: something changed");
        assert!(timeline.world().check(&action).is_err(), "{what}");
    }
    timeline.run_until(secs(4));
    assert_eq!(timeline.scenario().actions.len(), 2, "failed acts did not fork the script");
}

#[test]
fn a_scripted_action_impossible_at_its_time_is_recorded_as_refused_and_the_run_goes_on() {
    let mut timeline = network::load(&scenario_file("refused_at_runtime.json"), Retention::All).unwrap();
    timeline.run_until(secs(6));
    let refused: Vec<(u64, String)> = timeline
        .world()
        .trace()
        .entries()
        .filter_map(|e| match &e.event {
            TraceEvent::Refused { reason } => Some((e.t, reason.clone())),
            _ => None,
        })
        .collect();
    let times: Vec<u64> = refused.iter().map(|r| r.0).collect();
    assert_eq!(times, vec![1_000_000, 2_000_000, 2_500_000, 3_500_000, 4_000_000], "{refused:?}");
    for (reason, words) in
        refused.iter().zip(["not down", "not paused", "not in flight", "already down", "cannot take input"])
    {
        assert!(reason.1.contains(words), "{reason:?} should say {words}");
    }
    assert_eq!(timeline.world().status(3), Some(distlab::sim::NodeStatus::Down), "the valid crash applied");
    let last = timeline.world().trace().entries().last().unwrap().t;
    assert!(last > secs(5), "the run went on after the refusals (last event at {last})");
}

#[test]
fn dropping_a_message_due_at_this_very_instant_after_a_single_step_fails_and_changes_nothing() {
    // Fixed latency: a node's pings of one round all arrive at the same instant.
    let mut scenario = network::default_scenario(2);
    scenario.config.network.latency_min = 10_000;
    scenario.config.network.latency_max = 10_000;
    let mut timeline = Timeline::<Heartbeat>::new(scenario, Retention::Window(10)).unwrap();
    let due_now = loop {
        assert!(timeline.step(), "ran out of events");
        let now = timeline.now();
        let delivered_now = matches!(timeline.world().trace().entries().last().map(|e| (&e.event, e.t)), Some((TraceEvent::Deliver { .. }, t)) if t == now);
        let pending = timeline.world().network().in_flight().find(|m| m.arrives_at == now).map(|m| m.id);
        if let (true, Some(id)) = (delivered_now, pending) {
            break id;
        }
    };
    let before = snapshot(&timeline);
    // A replay handles every event due now before an action recorded now: the message is gone by then.
    assert!(timeline.act(Action::DropMessage { id: due_now }).is_err());
    assert_eq!(snapshot(&timeline), before, "a failed act changed the world");
    assert!(timeline.world().network().get(due_now).is_some(), "still in flight");
}
