//! Every lab as the command-line runner, the fuzzer and share links find it: one entry per lab,
//! each made by the lab's own module. Adding a lab adds one line to [`LABS`].

use std::io::Write;

use serde_json::Value;

use super::fuzz::FuzzSchedule;
use super::runner::{RunError, RunReport};

/// What a lab offers outside the page.
pub struct LabEntry {
    /// Its name: `?lab=NAME`, a scenario's `"lab"`, `--lab NAME`.
    pub name: &'static str,
    /// Play a scenario (parsed JSON) to its end with the lab's checkers, streaming the trace:
    /// `distlab-sim run`.
    pub run: fn(Value, Option<&mut dyn Write>) -> Result<RunReport, RunError>,
    /// Its fuzz schedule, if it has one: `distlab-sim fuzz --lab NAME`.
    pub fuzz: Option<FuzzSchedule>,
}

/// Every lab, in tab order.
pub const LABS: [LabEntry; 6] = [
    super::network::ENTRY,
    super::raft::ENTRY,
    super::locks::ENTRY,
    super::ids::ENTRY,
    super::txn::ENTRY,
    super::config::ENTRY,
];

/// The lab named `name`, if there is one.
pub fn lab(name: &str) -> Option<&'static LabEntry> {
    LABS.iter().find(|entry| entry.name == name)
}

/// Every lab's name, for error messages ("network, raft, locks").
pub fn names() -> String {
    LABS.iter().map(|entry| entry.name).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lab_is_found_by_its_name_and_names_are_unique() {
        for entry in &LABS {
            assert_eq!(lab(entry.name).map(|e| e.name), Some(entry.name));
        }
        assert!(lab("paxos").is_none());
        let mut names: Vec<&str> = LABS.iter().map(|e| e.name).collect();
        names.dedup();
        assert_eq!(names.len(), LABS.len());
    }
}
