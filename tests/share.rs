//! Share links: scenarios survive the round trip through a share code exactly (same trace
//! fingerprint), and every kind of bad code is refused with its own error.

mod common;

use common::{mixed_fault_scenario, scenario_file};
use distlab::lab::network::{self, default_scenario, Heartbeat, NetworkScenario};
use distlab::lab::share::{self, PageLink, ShareError, MAX_JSON_BYTES};
use distlab::raft::{RaftChecker, RaftNode};
use distlab::sim::{secs, Action, NoChecker, Retention, ScenarioOf, Timeline};

fn network_scenarios() -> Vec<NetworkScenario> {
    let mut cut = default_scenario(7);
    cut.actions.push(distlab::sim::TimedAction { at: secs(1), action: Action::Crash { node: 2 } });
    vec![default_scenario(1), cut, mixed_fault_scenario(3), mixed_fault_scenario(42)]
}

fn raft_scenario(name: &str) -> ScenarioOf<RaftNode> {
    ScenarioOf::<RaftNode>::from_json(&scenario_file(name), "raft").unwrap()
}

fn deflated_base64(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(bytes, 6))
}

#[test]
fn network_scenarios_round_trip_and_replay_to_the_same_fingerprint() {
    for scenario in network_scenarios() {
        let code = share::encode(&scenario);
        assert!(code.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'), "URL-safe: {code}");
        let decoded = share::decode::<Heartbeat>(&code, network::LAB).unwrap();
        assert_eq!(decoded, scenario);
        let end = scenario.end();
        let mut original = Timeline::<Heartbeat>::new(scenario, Retention::Window(0)).unwrap();
        original.run_until(end);
        let reopened =
            share::open::<Heartbeat, NoChecker>(&code, network::LAB, Retention::Window(0), Some(end)).unwrap();
        assert_eq!(reopened.now(), end);
        assert_eq!(reopened.world().fingerprint(), original.world().fingerprint());
    }
}

#[test]
fn raft_scenarios_round_trip_with_their_checker() {
    for name in ["raft_figure8.json", "raft_figure8_commit_by_count.json"] {
        let scenario = raft_scenario(name);
        let code = share::encode(&scenario);
        assert!(code.len() < scenario.to_json().len() / 2, "{name}: the code compresses ({} chars)", code.len());
        assert_eq!(share::decode::<RaftNode>(&code, "raft").unwrap(), scenario);
        let at = scenario.until.unwrap_or(scenario.actions.last().unwrap().at);
        let mut original = Timeline::<RaftNode, RaftChecker>::new(scenario, Retention::Window(0)).unwrap();
        original.seek(at);
        let reopened = share::open::<RaftNode, RaftChecker>(&code, "raft", Retention::Window(0), None).unwrap();
        assert_eq!(reopened.now(), at, "{name}: lands where the file says (until), else at the last action");
        assert_eq!(reopened.world().fingerprint(), original.world().fingerprint(), "{name}");
        assert_eq!(reopened.violation(), original.violation(), "{name}");
    }
}

#[test]
fn a_landing_time_far_past_the_script_is_capped() {
    let code = share::encode(&default_scenario(1));
    let t = share::open::<Heartbeat, NoChecker>(&code, network::LAB, Retention::Window(0), Some(u64::MAX)).unwrap();
    assert_eq!(t.now(), share::MAX_LANDING_AFTER_SCRIPT);
}

#[test]
fn every_kind_of_bad_code_gets_its_own_error() {
    let decode = |code: &str| share::decode::<Heartbeat>(code, network::LAB).unwrap_err();
    assert!(matches!(decode("not base64!"), ShareError::NotBase64(_)));
    assert!(matches!(decode("A"), ShareError::NotBase64(_)), "a single base64 digit is not a whole byte");
    assert!(matches!(decode(""), ShareError::NotDeflate(_)), "empty");
    assert!(matches!(decode("SGVsbG8gd29ybGQ"), ShareError::NotDeflate(_)), "base64 of plain text");
    let good = share::encode(&default_scenario(1));
    for cut in [good.len() / 8 * 4, good.len() / 2 + 1, good.len() / 2 + 2, good.len() - 3] {
        assert_eq!(decode(&good[..cut]), ShareError::Truncated, "a link cut to {cut} of {} characters", good.len());
    }
    // Random base64 text is not a cut-short code, whatever its length.
    for random in ["q7Zk2LmNpW4xYv9T", "q7Zk2LmNpW4xYv9Tb", "Zm9vYmFyYmF6cXV4"] {
        assert!(matches!(decode(random), ShareError::NotDeflate(_) | ShareError::NotBase64(_)), "{random}");
    }
    assert_eq!(decode(&deflated_base64(&[0xff, 0xfe, 0x00])), ShareError::NotText);
    match decode(&share::encode_json("{\"lab\": ")) {
        ShareError::Scenario(e) => assert!(e.message.contains("not valid JSON"), "{e}"),
        other => panic!("{other:?}"),
    }
    let mut bad = default_scenario(1);
    bad.actions.push(distlab::sim::TimedAction { at: 5, action: Action::Crash { node: 99 } });
    match decode(&share::encode(&bad)) {
        ShareError::Scenario(e) => assert_eq!(e.field, "actions[0].action.node", "{e}"),
        other => panic!("{other:?}"),
    }
    match share::decode::<RaftNode>(&good, "raft").unwrap_err() {
        ShareError::Scenario(e) => assert_eq!(e.field, "lab", "{e}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_zip_bomb_is_refused_by_the_size_cap() {
    let bomb = vec![b' '; MAX_JSON_BYTES + 1];
    let code = deflated_base64(&bomb);
    assert!(code.len() < 4_000, "a megabyte of spaces deflates to {} chars", code.len());
    assert_eq!(share::decode_json(&code), Err(ShareError::TooLarge));
    let just_fits = deflated_base64(&bomb[..MAX_JSON_BYTES]);
    assert_eq!(share::decode_json(&just_fits).map(|t| t.len()), Ok(MAX_JSON_BYTES));
}

#[test]
fn a_bad_code_opens_no_timeline() {
    let result = share::open::<Heartbeat, NoChecker>("%%%", network::LAB, Retention::Window(0), None);
    assert!(matches!(result, Err(ShareError::NotBase64(_))));
}

#[test]
fn page_links_parse_and_print() {
    let link = PageLink::shared("network", "abc-_9".into(), 1_500_000);
    assert_eq!(link.to_query(), "?lab=network&scenario=abc-_9&t=1500000");
    assert_eq!(PageLink::parse(&link.to_query()), link);
    assert_eq!(PageLink::parse("lab=raft&other=1"), PageLink { lab: Some("raft".into()), ..PageLink::default() });
    assert_eq!(PageLink::parse("?t=soon&scenario="), PageLink { scenario: Some(String::new()), ..PageLink::default() });
    assert_eq!(PageLink::parse(""), PageLink::default());
    assert_eq!(PageLink::default().to_query(), "?");
}

#[test]
fn a_page_link_opens_its_own_lab_only() {
    let scenario = mixed_fault_scenario(5);
    let link = PageLink::shared(network::LAB, share::encode(&scenario), secs(4));
    let opened = link.open::<Heartbeat, NoChecker>(network::LAB, Retention::Window(10)).unwrap().unwrap();
    let mut fresh = Timeline::<Heartbeat>::new(scenario, Retention::Window(0)).unwrap();
    fresh.run_until(secs(4));
    assert_eq!((opened.now(), opened.world().fingerprint()), (secs(4), fresh.world().fingerprint()));
    assert!(
        link.open::<RaftNode, RaftChecker>("raft", Retention::Window(10)).is_none(),
        "a network link on the Raft page"
    );
    assert!(PageLink::parse("?lab=network").open::<Heartbeat, NoChecker>(network::LAB, Retention::All).is_none());
    let bad = PageLink::parse("?scenario=%%");
    assert!(matches!(
        bad.open::<Heartbeat, NoChecker>(network::LAB, Retention::All),
        Some(Err(ShareError::NotBase64(_)))
    ));
}

#[test]
fn a_scenario_that_says_until_when_lands_there_as_an_exported_run_does() {
    let mut scenario = mixed_fault_scenario(5);
    let end = Timeline::<Heartbeat>::new(scenario.clone(), Retention::Window(0)).unwrap().script_end();
    scenario.until = Some(end + 1_019_000);
    let code = share::encode(&scenario);
    let (start, target) =
        share::open_at_start::<Heartbeat, NoChecker>(&code, network::LAB, Retention::All, None).unwrap();
    assert_eq!((start.now(), target), (0, end + 1_019_000), "opened at 0 s, to land where the file says");
    let landed = share::open::<Heartbeat, NoChecker>(&code, network::LAB, Retention::All, None).unwrap();
    assert_eq!(landed.now(), end + 1_019_000);
    let asked = share::open::<Heartbeat, NoChecker>(&code, network::LAB, Retention::All, Some(secs(1))).unwrap();
    assert_eq!(asked.now(), secs(1), "a link's own time comes first");
}
