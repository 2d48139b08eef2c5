//! Invariant checking: a checker looks at the world after every event and reports the first
//! violation it sees, with what to show the user.

use serde::Serialize;

use super::process::Process;
use super::time::{NodeId, SimTime};
use super::world::World;

/// A broken invariant: which, when, where, why, and the trace position to jump to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Violation {
    /// The invariant's name ("Election Safety").
    pub invariant: &'static str,
    /// Virtual time it was seen.
    pub t: SimTime,
    /// The nodes involved.
    pub nodes: Vec<NodeId>,
    /// One sentence of explanation, in English (the command line's).
    pub explanation: String,
    /// Which sentence it is, for translations (`"two_leaders"`...).
    pub code: &'static str,
    /// The sentence's values by name (`("node", "2")`, `("term", "5")`...), for translations.
    pub facts: Vec<(&'static str, String)>,
    /// Position in the trace of the event after which it was seen.
    pub trace_seq: u64,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} at t={} µs (trace #{}): {}", self.invariant, self.t, self.trace_seq, self.explanation)
    }
}

/// `template` with each `{name}` replaced by the fact of that name.
pub fn fill_facts(template: &str, facts: &[(&'static str, String)]) -> String {
    facts.iter().fold(template.to_string(), |text, (name, value)| text.replace(&format!("{{{name}}}"), value))
}

/// Something that watches a world event by event.
pub trait Checker<P: Process>: Clone + Default + std::fmt::Debug {
    /// Whether it looks at anything (a timeline skips the per-event loop for checkers that do not).
    const WATCHES: bool = true;
    /// Look at the world after an event; the first violation seen, if any.
    fn check(&mut self, world: &World<P>) -> Option<Violation>;
}

/// The checker of a lab without invariants: never finds anything.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoChecker;

impl<P: Process> Checker<P> for NoChecker {
    const WATCHES: bool = false;

    fn check(&mut self, _world: &World<P>) -> Option<Violation> {
        None
    }
}
