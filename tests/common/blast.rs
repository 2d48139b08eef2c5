//! `Blast`: a tiny process that sends a burst of numbered messages on input and logs what it receives.

use distlab::sim::{Ctx, NodeId, Process};
use serde::{Deserialize, Serialize};

/// Send `count` messages numbered `0..count` to `to`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Burst {
    pub to: NodeId,
    pub count: u64,
}

/// A node that only sends bursts and records arrivals.
#[derive(Clone, Debug, Default)]
pub struct Blast {
    /// `(sender, number)` of each message handled, in order.
    pub received: Vec<(NodeId, u64)>,
}

impl Process for Blast {
    type Config = ();
    type Message = u64;
    type Timer = ();
    type Input = Burst;
    type Durable = ();
    type Event = ();

    fn boot(_id: NodeId, _config: &(), _durable: Option<&()>, _ctx: &mut Ctx<Self>) -> Self {
        Self::default()
    }
    fn on_message(&mut self, from: NodeId, message: u64, _ctx: &mut Ctx<Self>) {
        self.received.push((from, message));
    }
    fn on_timer(&mut self, _timer: (), _ctx: &mut Ctx<Self>) {}
    fn on_input(&mut self, burst: Burst, ctx: &mut Ctx<Self>) {
        for n in 0..burst.count {
            ctx.send(burst.to, n);
        }
    }
    fn message_kind(_message: &u64) -> &'static str {
        "Blast"
    }
    fn timer_kind(_timer: &()) -> &'static str {
        "None"
    }
}
