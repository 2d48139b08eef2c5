//! What each node hands out, kept just long enough for the checker to see it: the IDs of the
//! node's last handler call and its running counters.

/// One ID a node handed out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Issue {
    /// The ID.
    pub id: u128,
    /// An application got it (checked for uniqueness); otherwise a server generated it for a caller.
    pub used: bool,
    /// The generator promises IDs increasing in the order it hands them out (checked per life).
    pub monotonic: bool,
    /// How long the application waited for it, on its own clock (µs; 0 for a server's entries).
    pub latency: u64,
}

/// Running counts of a node's life.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Counters {
    /// IDs an application got.
    pub issued: u64,
    /// Requests that failed (refused, timed out, generator not ready).
    pub failed: u64,
    /// Requests sent over the network for IDs or segments.
    pub round_trips: u64,
}

/// A node's recent IDs: the entries of its latest handler call, numbered from `base`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct IssueLog {
    /// Entries handed out before `recent`.
    pub base: u64,
    /// The latest handler call's entries.
    pub recent: Vec<Issue>,
    /// Running counts.
    pub counters: Counters,
}

impl IssueLog {
    /// Start a handler call: forget the previous call's entries (the checker has seen them).
    pub fn begin(&mut self) {
        self.base += self.recent.len() as u64;
        self.recent.clear();
    }

    /// Entries handed out in this life.
    pub fn total(&self) -> u64 {
        self.base + self.recent.len() as u64
    }

    /// Record an ID an application got after waiting `latency`.
    pub fn used(&mut self, id: u128, monotonic: bool, latency: u64) {
        self.counters.issued += 1;
        self.recent.push(Issue { id, used: true, monotonic, latency });
    }

    /// Record an ID a server generated for a caller.
    pub fn generated(&mut self, id: u128, monotonic: bool) {
        self.recent.push(Issue { id, used: false, monotonic, latency: 0 });
    }
}
