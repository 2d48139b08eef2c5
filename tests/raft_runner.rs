//! The batch runner on Raft scenario files: Figure 8 as a script, the NDJSON trace format, bad input.

use std::collections::BTreeSet;

use distlab::lab::runner::{run_json, RunError, RunReport};
use serde_json::Value;

fn scenario(name: &str) -> String {
    let path = format!("{}/tests/scenarios/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn run_with_trace(json: &str) -> (RunReport, Vec<Value>) {
    let mut out = Vec::new();
    let report = run_json(json, Some(&mut out)).expect("valid scenario");
    let lines = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object a line"))
        .collect();
    (report, lines)
}

#[test]
fn figure_8_with_the_current_term_rule_holds_and_never_commits_the_old_entry() {
    let (report, trace) = run_with_trace(&scenario("raft_figure8.json"));
    assert_eq!(report.violation, None);
    assert!(trace.iter().all(|e| e["ev"] != "commit"), "the term-1 entry must not be committed by counting");
    // S5's term-2 entry replaced the term-1 entry on S2, S3 and S4 (step d).
    let truncated: BTreeSet<u64> =
        trace.iter().filter(|e| e["ev"] == "truncate" && e["from"] == 1).map(|e| e["node"].as_u64().unwrap()).collect();
    assert_eq!(truncated, BTreeSet::from([1, 2, 3]));
}

#[test]
fn figure_8_committing_by_counting_is_caught() {
    let report = run_json(&scenario("raft_figure8_commit_by_count.json"), None).unwrap();
    let v = report.violation.clone().expect("a violation");
    assert!(["Leader Completeness", "State Machine Safety"].contains(&v.invariant), "{v}");
    assert!(report.to_string().starts_with("violation raft:"), "{report}");
}

#[test]
fn the_single_server_change_bug_scenario_elects_two_leaders_in_term_3_only_with_the_toggle() {
    let json = scenario("raft_single_server_change_bug.json");
    let (report, trace) = run_with_trace(&json);
    let v = report.violation.expect("a violation");
    assert_eq!((v.invariant, v.nodes.clone()), ("Election Safety", vec![2, 0]), "{v}");
    assert!(trace.iter().any(|e| e["ev"] == "config" && e["node"] == 1), "the configuration change is traced");
    let fixed = json.replace(r#""bugs": ["config_change_before_term_commit"]"#, r#""bugs": []"#);
    let (report, trace) = run_with_trace(&fixed);
    assert_eq!(report.violation, None);
    let refused = trace.iter().find(|e| e["ev"] == "config_refused").expect("the change is refused");
    assert_eq!((refused["node"].as_u64(), refused["reason"].as_str()), (Some(1), Some("term_not_committed")));
}

#[test]
fn the_trace_is_ndjson_with_t_node_and_ev_on_every_line() {
    let (report, trace) = run_with_trace(&scenario("raft_figure8.json"));
    assert_eq!(trace.len() as u64, trace.last().unwrap()["pos"].as_u64().unwrap() + 1);
    for line in &trace {
        assert!(line["t"].is_u64() && line.get("node").is_some() && line["ev"].is_string(), "{line}");
    }
    let names: BTreeSet<&str> = trace.iter().map(|e| e["ev"].as_str().unwrap()).collect();
    for name in ["role", "append", "truncate", "crash", "restart", "send", "deliver", "input", "link"] {
        assert!(names.contains(name), "no {name} event in {names:?}");
    }
    let append = trace.iter().find(|e| e["ev"] == "append").unwrap();
    assert!(append["index"].is_u64() && append["term"].is_u64() && append["cmd"].is_string(), "{append}");
    let role = trace.iter().find(|e| e["ev"] == "role").unwrap();
    assert!(["follower", "candidate", "leader"].contains(&role["role"].as_str().unwrap()));
    assert!(report.to_string().starts_with("ok raft:"));
}

#[test]
fn apply_and_commit_events_carry_their_fields() {
    let json = r#"{"lab":"raft","seed":3,"config":{"nodes":3},"actions":[
        {"at":1000000,"action":{"type":"input","node":0,"input":{"kind":"client","client":1,"seq":1,"op":{"op":"put","key":"x","value":"1"}}}}
    ],"until":2000000}"#;
    let (report, trace) = run_with_trace(json);
    assert_eq!(report.violation, None);
    let commit = trace.iter().find(|e| e["ev"] == "commit").expect("something commits");
    assert!(commit["index"].is_u64());
    let apply = trace.iter().find(|e| e["ev"] == "apply").expect("something applies");
    assert!(apply["index"].is_u64() && apply["term"].is_u64() && apply["cmd"].is_string());
}

#[test]
fn bad_input_is_refused_with_the_field_named() {
    let cases = [
        ("{", "not valid JSON"),
        (r#"{"seed":1,"config":{},"actions":[]}"#, "lab: missing"),
        (r#"{"lab":"paxos","seed":1,"config":{},"actions":[]}"#, "unknown lab"),
        (
            r#"{"lab":"raft","seed":1,"config":{"nodes":3,"heartbeat_interval":0},"actions":[]}"#,
            "config.heartbeat_interval",
        ),
        (r#"{"lab":"raft","seed":1,"config":{"bugs":["nope"]},"actions":[]}"#, "config"),
        (
            r#"{"lab":"raft","seed":1,"config":{"heartbeat_interval":5},"actions":[]}"#,
            "config.heartbeat_interval: must be from 1000 µs",
        ),
        (
            r#"{"lab":"raft","seed":1,"config":{"election_timeout_max":600000000},"actions":[]}"#,
            "config.election_timeout_max",
        ),
        (
            r#"{"lab":"raft","seed":1,"config":{},"actions":[{"at":5,"action":{"type":"crash","node":9}}]}"#,
            "actions[0].action.node",
        ),
        (r#"{"lab":"raft","seed":1,"config":{},"actions":[{"at":5,"action":{"type":"heal_all"}}],"until":1}"#, "until"),
        (r#"{"lab":"raft","seed":1,"config":{},"actions":[],"liveness_from":"soon"}"#, "liveness_from"),
        (r#"{"lab":"raft","seed":1,"config":{},"actions":[],"liveness_from":1000000000000000}"#, "liveness_from"),
        (r#"{"lab":"locks","seed":1,"config":{},"actions":[],"liveness_from":5}"#, "liveness_from: the locks lab"),
        (r#"{"lab":"raft","seed":1,"config":{"unjudged_reads":["stale"]},"actions":[]}"#, "config"),
    ];
    for (json, expected) in cases {
        match run_json(json, None) {
            Err(RunError::BadInput(message)) => assert!(message.contains(expected), "{json}: {message}"),
            other => panic!("{json}: expected bad input, got {other:?}"),
        }
    }
}

#[test]
fn a_locks_scenario_with_a_lease_shorter_than_the_critical_section_breaks_mutual_exclusion() {
    let report = run_json(&scenario("locks_lease_shorter_than_critical_section.json"), None).unwrap();
    assert_eq!(report.violation.map(|v| v.invariant), Some("Mutual Exclusion"));
}

#[test]
fn a_scenario_judges_liveness_from_its_repair_time_and_ends_where_the_judgement_ends() {
    // Three servers, nothing broken, node 1 leading: a leader within 5 s of time 0, then the probe
    // write (scripted, as a fuzz recording has it) applied; the run ends at the 50 ms poll after.
    let with_probe_to = |node: u32| {
        let probe = format!(
            r#"{{"type":"input","node":{node},"input":{{"kind":"client","client":99,"seq":1,"op":{{"op":"put","key":"probe","value":"1"}}}}}}"#
        );
        format!(
            r#"{{"lab":"raft","seed":1,"config":{{"nodes":3}},"actions":[{{"at":5000000,"action":{probe}}}],"liveness_from":0}}"#
        )
    };
    let report = run_json(&with_probe_to(1), None).unwrap();
    assert_eq!((&report.violation, report.reached), (&None, 5_050_000), "{report}");
    // Sent to a follower instead, the probe is redirected, never applied: a liveness finding at the deadline.
    let report = run_json(&with_probe_to(0), None).unwrap();
    let v = report.violation.expect("the probe is never applied");
    assert_eq!((v.invariant, v.code, v.t), ("Liveness", "write_not_committed_after_healing", 15_000_000));
    // Without a leader at all (one server of three), the judgement stops at the leader deadline.
    let alone = r#"{"lab":"raft","seed":1,"config":{"nodes":3},"actions":[{"at":0,"action":{"type":"crash","node":1}},{"at":0,"action":{"type":"crash","node":2}}],"liveness_from":0}"#;
    let report = run_json(alone, None).unwrap();
    let v = report.violation.expect("no leader");
    assert_eq!((v.invariant, v.code, report.reached), ("Liveness", "no_leader_after_healing", 5_000_000), "{v}");
    assert_eq!(v.explanation, "no leader within 5 s of the repair at 0 s");
}
