//! One node driven by hand, one handler call at a time, so that a test can pin a single rule of a
//! protocol (a reply to one RPC, what a timer does) by the effects it writes, as raft-rs's paper
//! tests do, without a network or a world around it.

use super::process::{Ctx, DurableState, Effect, Process};
use super::rng::SimRng;
use super::time::{NodeId, SimTime};

/// A node outside any world: its clock is set by the test, its effects are returned as data, and
/// its persists are applied to its own durable state (what a restart would see).
#[derive(Debug)]
pub struct SingleNode<P: Process> {
    /// The node's id.
    pub id: NodeId,
    /// The process under test.
    pub node: P,
    /// What survives a crash, after every persist so far.
    pub durable: P::Durable,
    /// The node's clock reading for the next handler call.
    pub now: SimTime,
    node_count: u32,
    rng: SimRng,
}

impl<P: Process> SingleNode<P> {
    /// Boot node `id` of a `node_count`-node cluster from `durable` (a first life if `None`); returns
    /// the node and the effects of its boot.
    pub fn boot(
        id: NodeId,
        node_count: u32,
        config: &P::Config,
        durable: Option<P::Durable>,
        seed: u64,
    ) -> (Self, Vec<Effect<P>>) {
        let mut rng = SimRng::new(seed);
        let mut effects = Vec::new();
        let node = {
            let mut ctx = Ctx::new(id, 0, node_count, &mut rng, &mut effects);
            P::boot(id, config, durable.as_ref(), &mut ctx)
        };
        let mut single = Self { id, node, durable: durable.unwrap_or_default(), now: 0, node_count, rng };
        single.keep_persists(&effects);
        (single, effects)
    }

    /// Deliver `message` from `from`; returns the effects written.
    pub fn message(&mut self, from: NodeId, message: P::Message) -> Vec<Effect<P>> {
        self.handle(|node, ctx| node.on_message(from, message, ctx))
    }

    /// Fire `timer`; returns the effects written.
    pub fn timer(&mut self, timer: P::Timer) -> Vec<Effect<P>> {
        self.handle(|node, ctx| node.on_timer(timer, ctx))
    }

    /// Hand the node `input` from outside; returns the effects written.
    pub fn input(&mut self, input: P::Input) -> Vec<Effect<P>> {
        self.handle(|node, ctx| node.on_input(input, ctx))
    }

    fn handle(&mut self, f: impl FnOnce(&mut P, &mut Ctx<P>)) -> Vec<Effect<P>> {
        let mut effects = Vec::new();
        let mut ctx = Ctx::new(self.id, self.now, self.node_count, &mut self.rng, &mut effects);
        f(&mut self.node, &mut ctx);
        self.keep_persists(&effects);
        effects
    }

    fn keep_persists(&mut self, effects: &[Effect<P>]) {
        for effect in effects {
            if let Effect::Persist { write } = effect {
                self.durable.write(write.clone());
            }
        }
    }
}

/// The messages among `effects`, with their destinations, in order.
pub fn sent<P: Process>(effects: &[Effect<P>]) -> Vec<(NodeId, &P::Message)> {
    effects
        .iter()
        .filter_map(|effect| match effect {
            Effect::Send { to, message } => Some((*to, message)),
            _ => None,
        })
        .collect()
}

/// Whether `effects` write anything to stable storage.
pub fn persists<P: Process>(effects: &[Effect<P>]) -> bool {
    effects.iter().any(|effect| matches!(effect, Effect::Persist { .. }))
}
