//! Named scenarios: one per lesson of the configuration-center lab, each a JSON scenario file in
//! `scenarios/` (configuration, timed actions, and `until`, where a batch run stops), with the
//! letter of CAP it gives up and the BASE property it shows, in either mode.
//!
//! Three servers (0, 1, 2) and three clients (3, 4, 5); a client long-polls server `id - 3` first.
//! The timings are Nacos's own (JRaft election 5 s, Distro sync delay 1 s, verify every 5 s,
//! long polls held 29.5 s), so a scenario takes tens of virtual seconds.

use super::ConfigScenario;
use super::LAB;
use crate::config_center::Mode;

/// A named scenario of the configuration-center lab.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Named {
    /// CP: server 0 and client 3 are cut off; the minority refuses writes, the majority goes on.
    CpPartition,
    /// The same partition in AP: both sides accept, diverge, and converge after the heal.
    ApPartition,
    /// AP: server 0's clock runs 10 s ahead; last-writer-wins keeps its earlier write.
    ApClockSkew,
    /// Every server down: a restarted client starts from its local disk cache.
    CacheStart,
    /// A publish reaches every client through a held long poll, within a round trip.
    LongPolling,
    /// A gray release reaches client 4 only, until the full publish.
    GrayRelease,
    /// Two rollbacks: the first goes back one release, the second finds nothing before it.
    Rollback,
}

/// The letter of CAP a scenario gives up.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Cap {
    /// Consistency: some client sees or keeps an older value than another.
    Consistency,
    /// Availability: some requests are refused.
    Availability,
    /// Nothing: no partition, no choice to make.
    Nothing,
}

impl Cap {
    /// The vocabulary key (`data-cap`, translation).
    pub fn name(self) -> &'static str {
        match self {
            Cap::Consistency => "gives_up_c",
            Cap::Availability => "gives_up_a",
            Cap::Nothing => "gives_up_nothing",
        }
    }
}

/// The BASE property a scenario shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Base {
    /// Basically available: a part fails, the rest answers (perhaps with older data).
    BasicallyAvailable,
    /// Soft state: copies change without anyone asking (replication, pushes), and may differ meanwhile.
    SoftState,
    /// Eventually consistent: once the faults heal, every copy becomes the same.
    EventuallyConsistent,
    /// None: strong consistency instead (the CP side of the trade).
    Strong,
}

impl Base {
    /// The vocabulary key (`data-base`, translation).
    pub fn name(self) -> &'static str {
        match self {
            Base::BasicallyAvailable => "basically_available",
            Base::SoftState => "soft_state",
            Base::EventuallyConsistent => "eventually_consistent",
            Base::Strong => "strong_consistency",
        }
    }
}

/// What the batch run (`distlab-sim run`) says of a named scenario.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Every invariant holds.
    Holds,
    /// An invariant breaks, with this violation code.
    Breaks {
        /// The invariant's name.
        invariant: &'static str,
        /// The violation's code.
        code: &'static str,
    },
}

impl Named {
    /// Every named scenario, in the order the page lists them.
    pub const ALL: [Named; 7] = [
        Named::CpPartition,
        Named::ApPartition,
        Named::ApClockSkew,
        Named::CacheStart,
        Named::LongPolling,
        Named::GrayRelease,
        Named::Rollback,
    ];

    /// The stable id (select values, share links, test hooks).
    pub fn id(self) -> &'static str {
        match self {
            Named::CpPartition => "cp-partition",
            Named::ApPartition => "ap-partition",
            Named::ApClockSkew => "ap-clock-skew",
            Named::CacheStart => "cache-start",
            Named::LongPolling => "long-polling",
            Named::GrayRelease => "gray-release",
            Named::Rollback => "rollback",
        }
    }

    /// The scenario named `id`, if there is one.
    pub fn from_id(id: &str) -> Option<Named> {
        Named::ALL.into_iter().find(|n| n.id() == id)
    }

    /// Its scenario file.
    fn json(self) -> &'static str {
        match self {
            Named::CpPartition => include_str!("scenarios/cp_partition.json"),
            Named::ApPartition => include_str!("scenarios/ap_partition.json"),
            Named::ApClockSkew => include_str!("scenarios/ap_clock_skew.json"),
            Named::CacheStart => include_str!("scenarios/cache_start.json"),
            Named::LongPolling => include_str!("scenarios/long_polling.json"),
            Named::GrayRelease => include_str!("scenarios/gray_release.json"),
            Named::Rollback => include_str!("scenarios/rollback.json"),
        }
    }

    /// The scenario: configuration and timed actions (its `until` is where the lesson is shown).
    pub fn scenario(self) -> ConfigScenario {
        ConfigScenario::from_json(self.json(), LAB).expect("the named scenario files are valid")
    }

    /// The named scenario `scenario` is, in its own mode or switched to the other one (the same
    /// actions): the exact file first, else the lesson whose actions it plays.
    pub fn of(scenario: &ConfigScenario) -> Option<Named> {
        let exact = Named::ALL.into_iter().find(|n| n.scenario() == *scenario);
        exact.or_else(|| {
            Named::ALL.into_iter().find(|n| super::in_mode(&n.scenario(), scenario.config.mode) == *scenario)
        })
    }

    /// What the batch run finds.
    pub fn outcome(self) -> Outcome {
        match self {
            Named::ApClockSkew => Outcome::Breaks { invariant: "No Lost Write", code: "lost_to_lww" },
            _ => Outcome::Holds,
        }
    }

    /// The letter of CAP it gives up and the BASE property it shows, with its servers in `mode`.
    pub fn lesson(self, mode: Mode) -> (Cap, Base) {
        match (self, mode) {
            (Named::CpPartition | Named::ApPartition | Named::ApClockSkew, Mode::Cp) => {
                (Cap::Availability, Base::Strong)
            }
            (Named::CpPartition | Named::ApPartition, Mode::Ap) => (Cap::Consistency, Base::EventuallyConsistent),
            (Named::ApClockSkew, Mode::Ap) => (Cap::Consistency, Base::EventuallyConsistent),
            (Named::CacheStart, _) => (Cap::Consistency, Base::BasicallyAvailable),
            (Named::LongPolling | Named::GrayRelease, _) => (Cap::Nothing, Base::SoftState),
            (Named::Rollback, _) => (Cap::Nothing, Base::EventuallyConsistent),
        }
    }
}

/// The CAP letter a run gives up and the BASE property it shows: its named scenario's lesson in
/// `mode`, else what its mode does under a partition if it had one, else nothing to give up.
pub fn lesson(named: Option<Named>, mode: Mode, partitioned: bool) -> (Cap, Base) {
    match (named, mode, partitioned) {
        (Some(named), _, _) => named.lesson(mode),
        (None, Mode::Cp, true) => (Cap::Availability, Base::Strong),
        (None, Mode::Ap, true) => (Cap::Consistency, Base::EventuallyConsistent),
        (None, _, false) => (Cap::Nothing, Base::SoftState),
    }
}

#[cfg(test)]
mod tests;
