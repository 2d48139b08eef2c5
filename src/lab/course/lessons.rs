//! The course: every lesson, in the lecture's order. Each step's texts are keyed by its id in the
//! course's translation table (`ui::i18n::course`).

use super::check::{Check, Reply};
use super::figure8::FIGURE_END;
use super::lesson::{Lesson, Section, Setup, Step};
use crate::raft::Bug;
use crate::sim::secs;

const fn step(id: &'static str, setup: Option<Setup>, check: Check) -> Step {
    Step { id, setup, enter: None, check, choices: 0 }
}

const fn question(id: &'static str, setup: Option<Setup>, choices: u8, right: u8) -> Step {
    Step { id, setup, enter: None, check: Check::Answer(right), choices }
}

/// Every lesson, in the lecture's order.
pub const LESSONS: [Lesson; 16] = [
    Lesson {
        id: "fallacies",
        section: Section::Basics,
        lab: "network",
        steps: &[
            step("fal-watch", Some(Setup::Network), Check::Played(secs(2))),
            step("fal-latency", None, Check::Acted("set_latency")).entered(Setup::Network),
            step("fal-loss", None, Check::Acted("set_loss")).entered(Setup::Network),
            step("fal-reorder", None, Check::Acted("set_reordering")).entered(Setup::Network),
            step("fal-cut", None, Check::Acted("link_down")).entered(Setup::Network),
            question("fal-q", None, 3, 1),
        ],
    },
    Lesson {
        id: "cap",
        section: Section::Theory,
        lab: "config",
        steps: &[
            step("cap-cp", Some(Setup::Config("cp-partition", secs(38))), Check::CleanUntil(secs(76))),
            step("cap-ap", Some(Setup::Config("ap-partition", secs(38))), Check::CleanUntil(secs(80))),
            question("cap-q", None, 3, 2),
            step("cap-skew", Some(Setup::Config("ap-clock-skew", secs(38))), Check::Violation("No Lost Write")),
            question("base-q", None, 3, 0),
        ],
    },
    Lesson {
        id: "ids",
        section: Section::Ids,
        lab: "ids",
        steps: &[
            step("ids-rollback", Some(Setup::Ids("rollback-ignored")), Check::Violation("Unique IDs")),
            step("ids-refused", Some(Setup::Ids("rollback-refused")), Check::CleanUntil(secs(2))),
            question("ids-q", Some(Setup::Ids("redis-rdb-restart")), 3, 1),
        ],
    },
    Lesson {
        id: "locks",
        section: Section::Locks,
        lab: "locks",
        steps: &[
            step("lk-ttl", Some(Setup::Locks("lease-too-short")), Check::Violation("Mutual Exclusion")),
            step("lk-watchdog", Some(Setup::Locks("watchdog-saves")), Check::CleanUntil(secs(3))),
            step("lk-redlock", Some(Setup::Locks("redlock-restart")), Check::Violation("Mutual Exclusion")),
            step("lk-delayed", Some(Setup::Locks("redlock-delayed-restart")), Check::CleanUntil(secs(6))),
            question("lk-herd", Some(Setup::Locks("zk-herd")), 3, 2),
        ],
    },
    Lesson {
        id: "transactions",
        section: Section::Transactions,
        lab: "txn",
        steps: &[
            step("tx-tcc", Some(Setup::Txn("happy-path")), Check::CleanUntil(secs(1))),
            step("tx-empty", Some(Setup::Txn("empty-rollback")), Check::Violation("Money Conserved")),
            step("tx-barrier", Some(Setup::Txn("empty-rollback-barrier")), Check::CleanUntil(secs(3))),
            question("tx-saga", Some(Setup::Txn("saga-compensation")), 3, 1),
        ],
    },
    Lesson {
        id: "messages",
        section: Section::Transactions,
        lab: "txn",
        steps: &[
            step("ms-resend", Some(Setup::Txn("local-message-resend")), Check::Violation("Applied Once")),
            step("ms-idempotent", Some(Setup::Txn("local-message-resend-idempotent")), Check::CleanUntil(secs(4))),
            step("ms-checkback", Some(Setup::Txn("producer-crash-after-commit")), Check::CleanUntil(secs(4))),
            step("ms-redeliver", Some(Setup::Txn("consumer-retry")), Check::Violation("Applied Once")),
            question("ms-q", None, 3, 0),
        ],
    },
    Lesson {
        id: "raft-basics",
        section: Section::Raft,
        lab: "raft",
        steps: &[
            step("rb-elect", Some(Setup::Raft(5)), Check::NewLeader),
            step("rb-write", None, Check::Replied(Reply::Ok)).entered(Setup::RaftLed),
            step("rb-kill", None, Check::CrashedLeader).entered(Setup::RaftLed),
            step("rb-reelect", None, Check::NewLeader).entered(Setup::RaftLed),
            question("rb-q", None, 3, 0),
        ],
    },
    Lesson {
        id: "raft-follower-write",
        section: Section::Raft,
        lab: "raft",
        steps: &[step("fw-send", Some(Setup::RaftLed), Check::Replied(Reply::Redirect)), question("fw-q", None, 3, 1)],
    },
    Lesson {
        id: "raft-heartbeats",
        section: Section::Raft,
        lab: "raft",
        steps: &[
            step("hb-watch", Some(Setup::RaftLed), Check::Delivered("AppendEntriesReply")),
            step("hb-cut", None, Check::CutToLeader).entered(Setup::RaftLed),
            question("hb-q", None, 3, 1),
        ],
    },
    Lesson {
        id: "raft-membership",
        section: Section::Raft,
        lab: "raft",
        steps: &[
            step(
                "mb-remove",
                Some(Setup::RaftLed),
                Check::All(&[Check::Acted("input/remove_server"), Check::Reconfigured]),
            ),
            question("mb-q", None, 3, 1),
        ],
    },
    Lesson {
        id: "config-center",
        section: Section::ConfigCenter,
        lab: "config",
        steps: &[
            step("cc-poll", Some(Setup::Config("long-polling", secs(19))), Check::Delivered("changed keys")),
            step("cc-rollback", None, Check::All(&[Check::Acted("input/publish"), Check::Acted("input/rollback")]))
                .entered(Setup::Config("long-polling", secs(25))),
            step("cc-gray", Some(Setup::Config("gray-release", secs(19))), Check::CleanUntil(secs(34))),
            step("cc-cache", Some(Setup::Config("cache-start", secs(24))), Check::CleanUntil(secs(40))),
            question("cc-q", None, 3, 1),
        ],
    },
    Lesson {
        id: "raft-log-matching",
        section: Section::Homework,
        lab: "raft",
        steps: &[
            question("lm-q", None, 3, 0),
            step("lm-repair", Some(Setup::RaftDiverged), Check::Truncated),
            step("lm-bug", Some(Setup::RaftBug(Bug::SkipConsistencyCheck)), Check::Violation("State Machine Safety")),
            step("lm-fixed", Some(Setup::RaftFixed(Bug::SkipConsistencyCheck)), Check::CleanUntil(1_800_000)),
        ],
    },
    Lesson {
        id: "raft-split-votes",
        section: Section::Homework,
        lab: "raft",
        steps: &[
            step("sv-bug", Some(Setup::RaftNoRandom(4)), Check::NoLeaderByTerm(5)),
            step("sv-fixed", Some(Setup::Raft(4)), Check::NewLeader),
            question("sv-q", None, 3, 2),
        ],
    },
    Lesson {
        id: "raft-figure8",
        section: Section::Homework,
        lab: "raft",
        steps: &[
            question("f8-q", None, 3, 1),
            step("f8-drawn", Some(Setup::Figure8(true)), Check::Violation("Leader Completeness")),
            step("f8-rule", Some(Setup::Figure8(false)), Check::CleanUntil(FIGURE_END)),
        ],
    },
    Lesson {
        id: "raft-majority",
        section: Section::Homework,
        lab: "raft",
        steps: &[
            step("mj-commit", Some(Setup::RaftWrite), Check::LeaderHolds("x", "1")),
            step(
                "mj-minority",
                None,
                Check::All(&[Check::CrashedLeader, Check::Down(2, 2), Check::NewLeader, Check::LeaderHolds("x", "1")]),
            )
            .entered(Setup::RaftWritten),
            step(
                "mj-majority",
                None,
                Check::All(&[Check::Down(3, 5), Check::Acted("input/client"), Check::Stalled(secs(2))]),
            )
            .entered(Setup::RaftWritten),
        ],
    },
    Lesson {
        id: "homework-lock",
        section: Section::Homework,
        lab: "locks",
        steps: &[
            step("hw-del", Some(Setup::Locks("plain-del")), Check::Violation("Mutual Exclusion")),
            step("hw-fenced", Some(Setup::Locks("lease-too-short-fenced")), Check::Violation("Mutual Exclusion")),
            question("hw-q", None, 3, 2),
        ],
    },
];

/// The lesson named `id`.
pub fn lesson(id: &str) -> Option<&'static Lesson> {
    LESSONS.iter().find(|l| l.id == id)
}
