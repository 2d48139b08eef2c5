//! The kernel benchmark: five nodes relaying messages to random peers, timed by the caller.
//!
//! No clock is read here, so the same code runs natively and in wasm; the caller measures.

use super::network::NetworkConfig;
use super::process::{Ctx, Process};
use super::time::{ms, NodeId, SimTime};
use super::trace::Retention;
use super::world::World;

/// Nodes in the benchmark cluster.
pub const BENCH_NODES: u32 = 5;

/// Messages each node sends when it boots (they then relay forever).
pub const BENCH_INITIAL_MESSAGES: u64 = 4;

/// What a benchmark run did: how many events, how much virtual time, and its fingerprint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BenchResult {
    /// Events handled (deliveries and losses; this workload sets no timers).
    pub events: u64,
    /// Virtual time reached.
    pub virtual_time: SimTime,
    /// The trace fingerprint (equal on every platform for the same arguments).
    pub fingerprint: u64,
}

/// A node that forwards every message it gets to a random other node.
#[derive(Clone, Debug)]
pub struct Relay {
    /// Messages handled by this node.
    pub relayed: u64,
}

impl Process for Relay {
    type Config = ();
    type Message = u64;
    type Timer = ();
    type Input = u64;
    type Durable = ();
    type Event = ();

    fn boot(id: NodeId, _config: &(), _durable: Option<&()>, ctx: &mut Ctx<Self>) -> Self {
        for k in 0..BENCH_INITIAL_MESSAGES {
            let to = random_peer(id, ctx);
            ctx.send(to, k);
        }
        Self { relayed: 0 }
    }

    fn on_message(&mut self, _from: NodeId, hops: u64, ctx: &mut Ctx<Self>) {
        self.relayed += 1;
        let to = random_peer(ctx.id(), ctx);
        ctx.send(to, hops + 1);
    }

    fn on_timer(&mut self, _timer: (), _ctx: &mut Ctx<Self>) {}

    fn on_input(&mut self, _input: u64, _ctx: &mut Ctx<Self>) {}

    fn message_kind(_message: &u64) -> &'static str {
        "Relay"
    }

    fn timer_kind(_timer: &()) -> &'static str {
        "None"
    }
}

/// A uniformly random node other than `me`.
fn random_peer(me: NodeId, ctx: &mut Ctx<Relay>) -> NodeId {
    let pick = ctx.random_range(0, u64::from(ctx.node_count()) - 2) as NodeId;
    if pick >= me {
        pick + 1
    } else {
        pick
    }
}

/// Run the relay cluster until `events` events are handled (random 1-20 ms latency, trace window 0).
pub fn run_kernel_bench(events: u64, seed: u64) -> BenchResult {
    let network = NetworkConfig { latency_min: ms(1), latency_max: ms(20), ..NetworkConfig::default() };
    let mut world = World::<Relay>::new(BENCH_NODES, network, (), seed, Retention::Window(0));
    while world.events_handled() < events && world.step() {}
    BenchResult { events: world.events_handled(), virtual_time: world.now(), fingerprint: world.fingerprint() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bench_handles_exactly_the_events_asked_for_and_is_deterministic() {
        let a = run_kernel_bench(10_000, 1);
        assert_eq!(a.events, 10_000);
        assert!(a.virtual_time > 0);
        assert_eq!(a, run_kernel_bench(10_000, 1));
        assert_ne!(a.fingerprint, run_kernel_bench(10_000, 2).fingerprint);
    }

    #[test]
    fn relays_never_send_to_themselves() {
        let mut world = World::<Relay>::new(BENCH_NODES, NetworkConfig::default(), (), 3, Retention::All);
        for _ in 0..2_000 {
            world.step();
        }
        assert!(world.trace().entries().all(|e| match e.event {
            crate::sim::TraceEvent::Send { from, to, .. } => from != to && to < BENCH_NODES,
            _ => true,
        }));
    }
}
