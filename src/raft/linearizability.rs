//! Linearizability of a key-value history (Herlihy and Wing): Wing and Gong's search with Lowe's
//! memoization, as in Porcupine (Athalye), one key at a time (a history is linearizable exactly
//! when each key's sub-history is: P-compositionality).
//!
//! An operation with no known answer is pending: it may take effect at any time after its
//! invocation, or never (its return is at infinity and any outcome is accepted).

use std::collections::{BTreeMap, BTreeSet};

use crate::sim::SimTime;

/// What an operation asks of one key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Call {
    /// Set the key.
    Put { value: String },
    /// Remove the key.
    Delete,
    /// Read the key.
    Get,
    /// Set the key to `new` if it holds `expected` (`None`: if absent).
    Cas { expected: Option<String>, new: String },
}

/// What an operation answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ret {
    /// A put or delete was done.
    Done,
    /// The value read (`None`: absent).
    Value(Option<String>),
    /// Compare-and-set: whether it swapped, and the value it found.
    Cas { swapped: bool, found: Option<String> },
}

/// One operation of a history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Operation {
    /// The key it touches.
    pub key: String,
    /// What it asked.
    pub call: Call,
    /// What it answered; `None` while pending.
    pub ret: Option<Ret>,
    /// When it was invoked.
    pub invoke: SimTime,
    /// When it returned; `None` while pending.
    pub returned: Option<SimTime>,
}

/// Where the search failed: the operation that cannot be linearized, at the longest valid order found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Breach {
    /// Index (in the checked slice) of the operation that could not be placed.
    pub op: usize,
    /// The key's value after the longest valid order of the operations before it.
    pub state: Option<String>,
    /// The operation in that order that last wrote the key, if any.
    pub writer: Option<usize>,
    /// How many operations that order holds.
    pub depth: usize,
}

/// The checker's answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Some total order respects real time and the key-value semantics.
    Linearizable,
    /// None does; the operation named could not be placed.
    Broken(Breach),
    /// The search ran out of its step budget before deciding.
    Unknown,
}

/// Check `ops` with at most `budget` search steps per key.
///
/// When several keys break, the breach reported is the one whose operation returned first.
pub fn check(ops: &[Operation], budget: u64) -> Verdict {
    let mut by_key: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, op) in ops.iter().enumerate() {
        by_key.entry(op.key.as_str()).or_default().push(i);
    }
    let mut unknown = false;
    let mut first: Option<Breach> = None;
    for members in by_key.values() {
        match KeySearch::new(ops, members).run(budget) {
            Verdict::Linearizable => {}
            Verdict::Unknown => unknown = true,
            Verdict::Broken(breach) => {
                let when = |b: &Breach| (ops[b.op].returned.unwrap_or(SimTime::MAX), ops[b.op].invoke, b.op);
                if first.as_ref().is_none_or(|f| when(&breach) < when(f)) {
                    first = Some(breach);
                }
            }
        }
    }
    match first {
        Some(breach) => Verdict::Broken(breach),
        None if unknown => Verdict::Unknown,
        None => Verdict::Linearizable,
    }
}

/// A key's state: 0 is absent, v + 1 is interned value v.
type State = u32;

/// An operation with its values interned.
#[derive(Clone, Copy, Debug)]
enum Step {
    Put(State),
    Delete,
    Get(Option<State>),
    Cas { expected: State, new: State, seen: Option<(bool, State)> },
}

impl Step {
    /// The state after this operation from `state`, if its answer allows it.
    fn apply(self, state: State) -> Option<State> {
        match self {
            Step::Put(v) => Some(v),
            Step::Delete => Some(0),
            Step::Get(None) => Some(state),
            Step::Get(Some(v)) => (v == state).then_some(state),
            Step::Cas { expected, new, seen } => {
                let swap = state == expected;
                match seen {
                    Some((swapped, found)) if swapped != swap || found != state => None,
                    _ => Some(if swap { new } else { state }),
                }
            }
        }
    }

    /// Whether it wrote the key when applied to `state`.
    fn writes(self, state: State) -> bool {
        match self {
            Step::Put(_) | Step::Delete => true,
            Step::Get(_) => false,
            Step::Cas { expected, .. } => state == expected,
        }
    }
}

const NIL: u32 = u32::MAX;

/// The search over one key's operations: a doubly linked list of call and return entries in time
/// order (node 0 is the head), a stack of linearized calls, and the cache of (set, state) seen.
struct KeySearch<'a> {
    members: &'a [usize],
    values: Vec<&'a str>,
    steps: Vec<Step>,
    /// Entry `e` (from 1): (op, is_return).
    entries: Vec<(u32, bool)>,
    next: Vec<u32>,
    prev: Vec<u32>,
    /// Per op: the list node of its call and of its return.
    call_at: Vec<u32>,
    ret_at: Vec<u32>,
}

impl<'a> KeySearch<'a> {
    fn new(ops: &'a [Operation], members: &'a [usize]) -> Self {
        let mut search = Self {
            members,
            values: Vec::new(),
            steps: Vec::with_capacity(members.len()),
            entries: vec![(NIL, false)],
            next: Vec::new(),
            prev: Vec::new(),
            call_at: vec![0; members.len()],
            ret_at: vec![0; members.len()],
        };
        for &i in members {
            let step = search.intern_step(&ops[i]);
            search.steps.push(step);
        }
        let mut order: Vec<(SimTime, bool, u32)> = Vec::with_capacity(2 * members.len());
        for (k, &i) in members.iter().enumerate() {
            order.push((ops[i].invoke, false, k as u32));
            order.push((ops[i].returned.unwrap_or(SimTime::MAX), true, k as u32));
        }
        // Calls before returns at equal times: such operations count as concurrent.
        order.sort_unstable();
        for (_, is_return, k) in order {
            let node = search.entries.len() as u32;
            search.entries.push((k, is_return));
            if is_return {
                search.ret_at[k as usize] = node;
            } else {
                search.call_at[k as usize] = node;
            }
        }
        let n = search.entries.len() as u32;
        search.next = (1..=n).map(|x| if x == n { NIL } else { x }).collect();
        search.prev = (0..n).map(|x| x.wrapping_sub(1)).collect();
        search
    }

    fn intern(&mut self, value: &'a Option<String>) -> State {
        match value {
            None => 0,
            Some(v) => self.intern_str(v),
        }
    }

    fn intern_str(&mut self, v: &'a str) -> State {
        match self.values.iter().position(|x| *x == v) {
            Some(p) => p as State + 1,
            None => {
                self.values.push(v);
                self.values.len() as State
            }
        }
    }

    fn intern_step(&mut self, op: &'a Operation) -> Step {
        match (&op.call, &op.ret) {
            (Call::Put { value }, _) => Step::Put(self.intern_str(value)),
            (Call::Delete, _) => Step::Delete,
            (Call::Get, Some(Ret::Value(v))) => Step::Get(Some(self.intern(v))),
            (Call::Get, _) => Step::Get(None),
            (Call::Cas { expected, new }, ret) => {
                let expected = self.intern(expected);
                let new = self.intern_str(new);
                let seen = match ret {
                    Some(Ret::Cas { swapped, found }) => Some((*swapped, self.intern(found))),
                    _ => None,
                };
                Step::Cas { expected, new, seen }
            }
        }
    }

    /// Take op `k`'s call and return out of the list.
    fn lift(&mut self, k: usize) {
        for node in [self.call_at[k], self.ret_at[k]] {
            let (p, n) = (self.prev[node as usize], self.next[node as usize]);
            self.next[p as usize] = n;
            if n != NIL {
                self.prev[n as usize] = p;
            }
        }
    }

    /// Put op `k`'s return and call back, in the reverse order of [`Self::lift`].
    fn unlift(&mut self, k: usize) {
        for node in [self.ret_at[k], self.call_at[k]] {
            let (p, n) = (self.prev[node as usize], self.next[node as usize]);
            self.next[p as usize] = node;
            if n != NIL {
                self.prev[n as usize] = node;
            }
        }
    }

    fn run(mut self, budget: u64) -> Verdict {
        let words = self.members.len().div_ceil(64);
        let mut linearized = vec![0u64; words];
        let mut cache: BTreeSet<(Vec<u64>, State)> = BTreeSet::new();
        // (op, state before it)
        let mut stack: Vec<(usize, State)> = Vec::new();
        let mut state: State = 0;
        let mut best: Option<Breach> = None;
        let mut entry = self.next[0];
        let mut steps = 0u64;
        while entry != NIL {
            steps += 1;
            if steps > budget {
                return Verdict::Unknown;
            }
            let (k, is_return) = self.entries[entry as usize];
            let k = k as usize;
            if !is_return {
                if let Some(after) = self.steps[k].apply(state) {
                    linearized[k / 64] |= 1 << (k % 64);
                    if cache.insert((linearized.clone(), after)) {
                        stack.push((k, state));
                        state = after;
                        self.lift(k);
                        entry = self.next[0];
                        continue;
                    }
                    linearized[k / 64] &= !(1 << (k % 64));
                }
                entry = self.next[entry as usize];
                continue;
            }
            // Op k's return is reached with its call not placed: undo the last placement.
            if best.as_ref().is_none_or(|b| stack.len() > b.depth) {
                best = Some(self.breach(k, state, &stack));
            }
            let Some((top, before)) = stack.pop() else {
                return Verdict::Broken(best.unwrap_or_else(|| self.breach(k, state, &stack)));
            };
            state = before;
            linearized[top / 64] &= !(1 << (top % 64));
            self.unlift(top);
            entry = self.next[self.call_at[top] as usize];
        }
        Verdict::Linearizable
    }

    fn breach(&self, k: usize, state: State, stack: &[(usize, State)]) -> Breach {
        let writer =
            stack.iter().rev().find(|(op, before)| self.steps[*op].writes(*before)).map(|(op, _)| self.members[*op]);
        let value = (state > 0).then(|| self.values[state as usize - 1].to_string());
        Breach { op: self.members[k], state: value, writer, depth: stack.len() }
    }
}

#[cfg(test)]
mod tests;
