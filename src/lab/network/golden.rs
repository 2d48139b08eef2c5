//! The golden run: one fixed scenario whose fingerprint is pinned natively and rechecked in the browser.

use crate::sim::{secs, Retention, ScenarioError, SimTime};

/// How far the golden scenario is played, in virtual time.
pub const GOLDEN_RUN_UNTIL: SimTime = secs(10);

/// Load a network-lab scenario, play it to [`GOLDEN_RUN_UNTIL`] and return its trace fingerprint.
pub fn golden_fingerprint(json: &str) -> Result<u64, ScenarioError> {
    let mut timeline = super::load(json, Retention::Window(0))?;
    timeline.run_until(GOLDEN_RUN_UNTIL);
    Ok(timeline.world().fingerprint())
}

/// A fingerprint as the golden file writes it: 16 lower-case hex digits.
pub fn to_hex(fingerprint: u64) -> String {
    format!("{fingerprint:016x}")
}
