//! The client history as the page shows it: every client operation with its invocation and
//! return times, judged for linearizability, the operation that breaks it marked.

use super::clients::result_text;
use crate::raft::history::{ClientOp, History, Judgement, OpKind, OpStatus};
use crate::sim::{SimTime, Violation};

/// Most operations the checker is given: a page run's history is judged whole up to this size.
pub const JUDGED_OPS: usize = 400;

/// One operation of the history, as drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct OpRow {
    /// Its index in the history.
    pub index: usize,
    /// The client and its request number.
    pub client: u32,
    /// The request number.
    pub seq: u64,
    /// What it does: `put x=1`, `get x`, `read x`.
    pub text: String,
    /// How a read is served: `log` for operations through the log, else the read mode's name.
    pub path: &'static str,
    /// When it was first sent.
    pub invoke: SimTime,
    /// When its answer came (done operations only).
    pub returned: Option<SimTime>,
    /// `done`, `pending` or `failed`.
    pub status: &'static str,
    /// Its result as language-neutral text.
    pub result: String,
    /// The server that answered.
    pub answered_by: Option<u32>,
    /// The operation the checker cannot place.
    pub broken: bool,
}

/// The verdict on the whole history.
#[derive(Clone, Debug, PartialEq)]
pub enum Verdict {
    /// No operations yet.
    Empty,
    /// Linearizable: this many operations checked.
    Linearizable(usize),
    /// Not linearizable: the violation names the operation.
    Broken(Violation),
    /// The search gave up (too many concurrent operations).
    Unknown(usize),
    /// The history is longer than the page judges.
    TooLong(usize),
}

/// The client history and its verdict.
#[derive(Clone, Debug, PartialEq)]
pub struct LinearizabilityView {
    /// The verdict.
    pub verdict: Verdict,
    /// The last operations, oldest first (the broken one always among them).
    pub rows: Vec<OpRow>,
}

/// Judge `history` (every operation, local reads included: the lesson is that they are not
/// linearizable) and keep the last `limit` rows, plus the broken operation if it is older.
pub fn linearizability_view(history: &History, limit: usize) -> LinearizabilityView {
    let (verdict, broken) = match history.ops.len() {
        0 => (Verdict::Empty, None),
        n if n > JUDGED_OPS => (Verdict::TooLong(n), None),
        _ => match history.judge(|_| true) {
            Judgement::Linearizable { ops } => (Verdict::Linearizable(ops), None),
            Judgement::Broken { op, violation } => (Verdict::Broken(violation), Some(op)),
            Judgement::Unknown { ops } => (Verdict::Unknown(ops), None),
        },
    };
    LinearizabilityView { verdict, rows: rows(history, limit, broken) }
}

/// The last `limit` operations of the last part of a history too long to judge, `total` in all.
pub fn unjudged_view(recent: &History, limit: usize, total: usize) -> LinearizabilityView {
    LinearizabilityView { verdict: Verdict::TooLong(total), rows: rows(recent, limit, None) }
}

/// The last `limit` rows, plus the `broken` one if it is older.
fn rows(history: &History, limit: usize, broken: Option<usize>) -> Vec<OpRow> {
    let first = history.ops.len().saturating_sub(limit);
    let marked = |i: usize| Some(i) == broken;
    history
        .ops
        .iter()
        .enumerate()
        .filter(|&(i, _)| i >= first || marked(i))
        .map(|(i, op)| row(i, op, marked(i)))
        .collect()
}

fn row(index: usize, op: &ClientOp, broken: bool) -> OpRow {
    let (text, path) = match &op.kind {
        OpKind::Log { op } => (op.to_string(), "log"),
        OpKind::Read { key, mode } => (format!("read {key}"), mode.name()),
    };
    OpRow {
        index,
        client: op.client,
        seq: op.seq,
        text,
        path,
        invoke: op.invoke,
        returned: op.returned,
        status: match op.status {
            OpStatus::Done => "done",
            OpStatus::Pending => "pending",
            OpStatus::Failed => "failed",
        },
        result: op.result.as_ref().map(result_text).unwrap_or_default(),
        answered_by: op.answered_by,
        broken,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::raft::history::Reply;
    use crate::raft::{ClientOutcome, KvOp, KvResult, RaftInput, ReadMode};
    use crate::sim::ms;

    fn reply(t: SimTime, node: u32, seq: u64, result: KvResult) -> Reply {
        Reply { t, pos: t, node, client: 1, seq, outcome: ClientOutcome::Ok { result } }
    }

    #[test]
    fn a_stale_local_read_after_a_write_returned_is_the_marked_operation() {
        let put = RaftInput::Client { client: 1, seq: 1, op: KvOp::Put { key: "x".into(), value: "1".into() } };
        let read = RaftInput::Read { client: 1, seq: 2, key: "x".into(), mode: ReadMode::Local };
        let inputs = [(ms(10), 0, &put), (ms(100), 2, &read)];
        let replies = [reply(ms(40), 0, 1, KvResult::Ok), reply(ms(101), 2, 2, KvResult::Value { value: None })];
        let view = linearizability_view(&History::build(inputs, &replies), 10);
        let Verdict::Broken(violation) = &view.verdict else { panic!("{:?}", view.verdict) };
        assert_eq!(violation.code, "not_linearizable");
        let marked: Vec<(&str, &str)> =
            view.rows.iter().filter(|r| r.broken).map(|r| (r.text.as_str(), r.path)).collect();
        assert_eq!(marked, [("read x", "local")]);

        let fresh =
            [reply(ms(40), 0, 1, KvResult::Ok), reply(ms(101), 2, 2, KvResult::Value { value: Some("1".into()) })];
        assert_eq!(linearizability_view(&History::build(inputs, &fresh), 10).verdict, Verdict::Linearizable(2));
    }

    #[test]
    fn only_the_last_rows_are_kept_but_the_broken_one_stays() {
        let puts: Vec<RaftInput> = (1..=6)
            .map(|seq| RaftInput::Client { client: 1, seq, op: KvOp::Put { key: "x".into(), value: seq.to_string() } })
            .collect();
        let read = RaftInput::Read { client: 1, seq: 7, key: "x".into(), mode: ReadMode::Local };
        let mut inputs: Vec<(SimTime, u32, &RaftInput)> = vec![(ms(5), 1, &read)];
        inputs.extend(puts.iter().enumerate().map(|(i, p)| (ms(100 * (i as u64 + 1)), 0, p)));
        let mut replies = vec![reply(ms(6), 1, 7, KvResult::Value { value: Some("6".into()) })];
        replies.extend((1..=6).map(|seq| reply(ms(100 * seq + 20), 0, seq, KvResult::Ok)));
        let view = linearizability_view(&History::build(inputs, &replies), 3);
        assert!(matches!(view.verdict, Verdict::Broken(_)), "a read of 6 before 6 was written");
        assert_eq!(view.rows.len(), 4, "the last three and the broken read");
        assert!(view.rows[0].broken && view.rows[0].text == "read x");
    }
}
