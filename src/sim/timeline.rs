//! A timeline plays a scenario on a world under a checker, keeps checkpoints, seeks, and forks
//! when the user acts in the past.

use super::action::{Action, TimedAction};
use super::check::{Checker, NoChecker, Violation};
use super::process::Process;
use super::scenario::{ClusterConfig, ScenarioError, ScenarioOf};
use super::time::{secs, SimTime};
use super::trace::Retention;
use super::world::{ActionError, World};

/// Default spacing of checkpoints, in virtual time.
pub const CHECKPOINT_EVERY: SimTime = secs(1);

/// Most checkpoints kept; beyond it every other one is thinned out.
const MAX_CHECKPOINTS: usize = 256;

#[derive(Clone, Debug)]
struct Checkpoint<P: Process, C> {
    world: World<P>,
    cursor: usize,
    checker: C,
    violation: Option<Violation>,
}

/// A scenario being played: its world now, the script's position, the checker watching every
/// event (with the first violation it found), and snapshots to seek back to.
#[derive(Clone, Debug)]
pub struct Timeline<P: Process, C: Checker<P> = NoChecker> {
    scenario: ScenarioOf<P>,
    world: World<P>,
    cursor: usize,
    checker: C,
    violation: Option<Violation>,
    checkpoints: Vec<Checkpoint<P, C>>,
    checkpoint_every: SimTime,
    next_checkpoint: SimTime,
    retention: Retention,
}

impl<P: Process, C: Checker<P>> Timeline<P, C>
where
    P::Config: ClusterConfig,
{
    /// A run of `scenario` (seed 7) with `actions`, keeping no trace and no checkpoints, played
    /// until `until` or its first violation: what engine tests and sweeps replay a script with.
    pub fn scripted(
        lab: &str,
        config: P::Config,
        actions: Vec<(SimTime, Action<P::Input>)>,
        until: SimTime,
    ) -> Result<Self, ScenarioError> {
        let mut scenario = ScenarioOf::<P>::new(lab, 7, config);
        scenario.actions = actions.into_iter().map(|(at, action)| TimedAction { at, action }).collect();
        let mut run = Self::new(scenario, Retention::Window(0))?;
        run.set_checkpoint_every(SimTime::MAX);
        run.run_until(until);
        Ok(run)
    }

    /// Start playing `scenario` at time 0. Inputs are checked against the process's rules.
    pub fn new(scenario: ScenarioOf<P>, retention: Retention) -> Result<Self, ScenarioError> {
        scenario.validate()?;
        for (i, timed) in scenario.actions.iter().enumerate() {
            if let Action::Input { input, .. } = &timed.action {
                P::validate_input(&scenario.config, input)
                    .map_err(|message| ScenarioError { field: format!("actions[{i}].action.input"), message })?;
            }
        }
        let world = World::new(
            scenario.config.nodes(),
            scenario.config.network().clone(),
            scenario.config.clone(),
            scenario.seed,
            retention,
        );
        let mut timeline = Self {
            scenario,
            world,
            cursor: 0,
            checker: C::default(),
            violation: None,
            checkpoints: Vec::new(),
            checkpoint_every: CHECKPOINT_EVERY,
            next_checkpoint: 0,
            retention,
        };
        timeline.advance_to(0);
        timeline.save_checkpoint();
        Ok(timeline)
    }

    /// Keep a checkpoint every `every` of virtual time from now on; `SimTime::MAX` keeps none
    /// after the first (a batch run that never seeks saves their cost).
    pub fn set_checkpoint_every(&mut self, every: SimTime) {
        self.checkpoint_every = every.max(1);
        self.next_checkpoint =
            (self.now() / self.checkpoint_every).saturating_add(1).saturating_mul(self.checkpoint_every);
    }

    /// The world as of now.
    pub fn world(&self) -> &World<P> {
        &self.world
    }

    /// The first invariant violation seen so far, if any.
    pub fn violation(&self) -> Option<&Violation> {
        self.violation.as_ref()
    }

    /// The checker (its memory of the run so far).
    pub fn checker(&self) -> &C {
        &self.checker
    }

    /// Check the world now; true if this is the first violation of the run.
    fn observe(&mut self) -> bool {
        if !C::WATCHES {
            return false;
        }
        match self.checker.check(&self.world) {
            Some(v) if self.violation.is_none() => {
                self.violation = Some(v);
                true
            }
            _ => false,
        }
    }

    /// Run the world's events due by `t`, checking after each; false if stopped at a first violation.
    fn run_world_until(&mut self, t: SimTime) -> bool {
        if C::WATCHES {
            while self.world.step_until(t) {
                if self.observe() {
                    return false;
                }
            }
        }
        self.world.run_until(t);
        true
    }

    /// The scenario: seed, configuration and every action so far (the user's included).
    pub fn scenario(&self) -> &ScenarioOf<P> {
        &self.scenario
    }

    /// Virtual time now.
    pub fn now(&self) -> SimTime {
        self.world.now()
    }

    /// The time of the last scripted action (the end of the script, for a scrub bar).
    pub fn script_end(&self) -> SimTime {
        self.scenario.actions.last().map_or(0, |a| a.at)
    }

    /// How the trace is kept.
    pub fn retention(&self) -> Retention {
        self.retention
    }

    /// When the next event or scripted action is due, if anything is left.
    pub fn next_time(&self) -> Option<SimTime> {
        let action = self.scenario.actions.get(self.cursor).map(|a| a.at);
        match (action, self.world.next_event_time()) {
            (Some(a), Some(e)) => Some(a.min(e)),
            (a, e) => a.or(e),
        }
    }

    /// Handle the next event or scripted action, whichever comes first (events first on a tie). False when nothing is left.
    pub fn step(&mut self) -> bool {
        self.step_until(SimTime::MAX)
    }

    /// Handle the next event or scripted action if it is due by `limit` (events first on a tie);
    /// false if none is. A stale event at the head of the queue never lets a later one through.
    pub fn step_until(&mut self, limit: SimTime) -> bool {
        let progressed = match self.scenario.actions.get(self.cursor).map(|a| a.at) {
            Some(a) if a <= limit => {
                if !self.world.step_until(a) {
                    self.world.run_until(a);
                    self.apply_due_actions(a);
                }
                true
            }
            _ => self.world.step_until(limit),
        };
        self.observe();
        self.maybe_checkpoint();
        progressed
    }

    /// Play forward to time `t` (events and scripted actions due by then), checkpointing on the way.
    /// Stops early, right after the event, when the run's first violation is found: returns
    /// whether `t` was reached.
    pub fn run_until(&mut self, t: SimTime) -> bool {
        loop {
            let target = t.min(self.next_checkpoint);
            let reached = self.advance_to(target);
            self.maybe_checkpoint();
            if !reached {
                return false;
            }
            if target >= t {
                return true;
            }
        }
    }

    /// Advance world and script together to `t`. An action due at time `a` is applied after every
    /// event due at or before `a`: the same order as a user acting at `a` in the page.
    fn advance_to(&mut self, t: SimTime) -> bool {
        while let Some(at) = self.scenario.actions.get(self.cursor).map(|a| a.at).filter(|&at| at <= t) {
            if !self.run_world_until(at) || !self.apply_due_actions(at) {
                return false;
            }
        }
        self.run_world_until(t)
    }

    /// Apply the scripted actions due by `t`; false if an invariant broke first. Before each
    /// action, the events due by its time are handled, those the previous action made included
    /// (a resumed node's backlog): exactly what [`Timeline::act`] does when a user acts twice at
    /// one instant, so a recorded run replays as it was made.
    fn apply_due_actions(&mut self, t: SimTime) -> bool {
        while let Some(timed) = self.scenario.actions.get(self.cursor).filter(|a| a.at <= t).cloned() {
            if !self.run_world_until(timed.at) {
                return false;
            }
            self.cursor += 1;
            if let Err(e) = self.world.apply(&timed.action) {
                self.world.record_refusal(e.0);
            }
            if self.observe() {
                return false;
            }
        }
        true
    }

    fn maybe_checkpoint(&mut self) {
        if self.now() >= self.next_checkpoint {
            self.save_checkpoint();
        }
    }

    fn save_checkpoint(&mut self) {
        let now = self.now();
        // Checkpoints after now stay: the scenario only changes through `fork_here`, which drops
        // them, so a replay after seeking back passes the same states again. Keeping them lets a
        // later seek forward start from the nearest one instead of replaying from here.
        let at = self.checkpoints.partition_point(|c| c.world.now() < now);
        if self.checkpoints.get(at).is_none_or(|c| c.world.now() != now) {
            let checkpoint = Checkpoint {
                world: self.world.clone(),
                cursor: self.cursor,
                checker: self.checker.clone(),
                violation: self.violation.clone(),
            };
            self.checkpoints.insert(at, checkpoint);
        }
        self.next_checkpoint = (now / self.checkpoint_every + 1) * self.checkpoint_every;
        if self.checkpoints.len() > MAX_CHECKPOINTS {
            let mut keep = 0;
            self.checkpoints.retain(|_| {
                keep += 1;
                keep % 2 == 1
            });
            self.checkpoint_every *= 2;
        }
    }

    /// Go to time `t`: restore the latest checkpoint at or before `t` (when going back, or when it
    /// lies ahead of now) and replay from there.
    pub fn seek(&mut self, t: SimTime) {
        let index = self.checkpoints.iter().rposition(|c| c.world.now() <= t).unwrap_or(0);
        if t < self.now() || self.checkpoints[index].world.now() > self.now() {
            let checkpoint = &self.checkpoints[index];
            self.world = checkpoint.world.clone();
            self.cursor = checkpoint.cursor;
            self.checker = checkpoint.checker.clone();
            self.violation = checkpoint.violation.clone();
            self.next_checkpoint = (self.now() / self.checkpoint_every + 1) * self.checkpoint_every;
        }
        // A first violation on the way stops play once; seeking goes on to `t`.
        if !self.run_until(t) {
            self.run_until(t);
        }
    }

    /// Do `action` now and append it to the scenario. If the timeline was scrubbed back, the later
    /// scripted actions are discarded first (the run forks here). On error the run is as it was,
    /// except when the events due at this instant break an invariant first: they are handled
    /// (the run stops at the violation, as its replay does) and the action is not applied.
    pub fn act(&mut self, action: Action<P::Input>) -> Result<(), ActionError> {
        self.world.check(&action)?;
        let now = self.now();
        // Events due at this very instant may remain (after single steps, or after an action such
        // as a resume that queues a backlog): a replay handles them, every one checked, before an
        // action recorded at this instant, so handle them first here too. They are tried on a
        // copy first: they may make the action impossible, and then nothing may change.
        if self.world.next_event_time().is_some_and(|t| t <= now) {
            let mut ahead = self.world.clone();
            ahead.run_until(now);
            ahead.check(&action)?;
            if !self.run_world_until(now) {
                let invariant = self.violation.as_ref().map_or("an invariant", |v| v.invariant);
                return Err(ActionError(format!("{invariant} broke at this instant, before the action")));
            }
        }
        self.fork_here();
        self.scenario.actions.push(TimedAction { at: now, action: action.clone() });
        self.cursor = self.scenario.actions.len();
        self.world.apply(&action)?;
        self.observe();
        Ok(())
    }

    /// Forget every scripted action after now and every checkpoint after now.
    pub fn fork_here(&mut self) {
        let now = self.now();
        self.scenario.actions.truncate(self.cursor);
        self.checkpoints.retain(|c| c.world.now() <= now);
    }

    /// Number of checkpoints held (for memory measurements).
    pub fn checkpoint_count(&self) -> usize {
        self.checkpoints.len()
    }
}
