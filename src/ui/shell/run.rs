//! A run in the page: the timeline behind a shared cell, playback state, and the reducer that drives it.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::lab::lesson;
use crate::sim::{ms, Action, Checker, ClusterConfig, NoChecker, NodeId, Process, SimTime, Timeline};

/// Longest wall-clock gap one frame may advance by (a background tab must not leap ahead).
pub const MAX_FRAME_MS: f64 = 100.0;

/// The speed that means "as fast as it goes": each frame simulates for [`FLAT_OUT_BUDGET_MS`].
pub const FLAT_OUT: f64 = f64::INFINITY;

/// Wall milliseconds of simulation per frame at [`FLAT_OUT`] speed (the rest is for drawing).
pub const FLAT_OUT_BUDGET_MS: f64 = 8.0;

/// Virtual time simulated between two looks at the wall clock at [`FLAT_OUT`] speed.
const FLAT_OUT_CHUNK: SimTime = ms(20);

/// Wall milliseconds a frame may spend simulating at a set speed: a run whose events are too dense
/// for that falls behind its speed (and the page says so) instead of freezing the tab.
pub const FRAME_BUDGET_MS: f64 = 12.0;

/// Events handled between two looks at the wall clock.
const EVENTS_PER_LOOK: u32 = 64;

/// Wall milliseconds a run opened at a far time (a link, an imported file) replays before the page
/// is first drawn: a near time lands at once, a far one goes on in slices across frames.
pub const LANDING_FIRST_MS: f64 = 300.0;

/// Wall milliseconds of replay per frame while landing (the page still answers between slices).
pub const LANDING_SLICE_MS: f64 = 30.0;

/// Where a replay lands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Opening {
    /// At this virtual time (a link, a file, a lesson whose failure time is recorded).
    At(SimTime),
    /// [`lesson::LEAD`] before the run's first invariant violation, looked for up to this time
    /// (at 0 s if there is none by then): a lesson whose failure is found by playing it.
    BeforeViolation(SimTime),
}

/// A replay on its way to the time a link or a file asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Landing {
    /// Where the replay started.
    pub from: SimTime,
    /// Where it lands (or, before a violation, how far it looks for one).
    pub target: SimTime,
    /// Whether it lands before the first violation rather than at `target`.
    pub before_violation: bool,
    /// Whether the run plays on from there (a lesson), or waits paused (a link, a file).
    pub then_play: bool,
}

impl Landing {
    /// How far along it is at `now`, in whole percent.
    pub fn percent(&self, now: SimTime) -> u64 {
        let span = self.target.saturating_sub(self.from).max(1);
        (now.saturating_sub(self.from).min(span) as u128 * 100 / span as u128) as u64
    }
}

/// The page's run: one timeline, mutated in place; `version` changes whenever the world does.
/// Playing stops by itself at the first invariant violation the checker `C` finds.
pub struct Run<P: Process, C: Checker<P> = NoChecker> {
    /// The timeline (never cloned per frame).
    pub timeline: Rc<RefCell<Timeline<P, C>>>,
    /// Bumped on every change of the world, for memoised views.
    pub version: u64,
    /// Whether virtual time advances with the wall clock.
    pub playing: bool,
    /// Virtual seconds per wall second.
    pub speed: f64,
    /// The last refused action's reason, until dismissed.
    pub error: Option<String>,
    /// The node shown in the inspector.
    pub selected: Option<NodeId>,
    /// While playing: how many times slower than its speed the run goes because its frames run
    /// out of budget (1: it keeps up), smoothed over frames.
    pub slowdown: f64,
    /// A replay to a far time in progress (sliced across frames, cancellable).
    pub landing: Option<Landing>,
    carry_us: f64,
}

/// What can happen to a run.
pub enum RunAction<P: Process, C: Checker<P> = NoChecker> {
    /// A frame: this many wall milliseconds went by.
    Frame(f64),
    /// Start or stop playing.
    SetPlaying(bool),
    /// Handle exactly one event (and stop playing).
    Step,
    /// Change the speed.
    SetSpeed(f64),
    /// Do something to the world now (recorded in the scenario).
    Act(Action<P::Input>),
    /// Hide the error banner.
    DismissError,
    /// Select a node, or none.
    Select(Option<NodeId>),
    /// Go to a virtual time, back (restore and replay) or forward; stops playing.
    Seek(SimTime),
    /// Play this much virtual time at once, stopping early at a first invariant violation.
    Advance(SimTime),
    /// Replace the run by a fresh timeline.
    Load(Box<Timeline<P, C>>),
    /// Replace the run by a fresh timeline and replay it to where it opens, in slices if that is
    /// far; then play on if the flag says so.
    Land(Box<Timeline<P, C>>, Opening, bool),
    /// Stop a replay in progress at the time it reached.
    CancelLanding,
}

impl<P: Process, C: Checker<P>> Run<P, C> {
    /// A paused run of `timeline` at `speed`.
    pub fn new(timeline: Timeline<P, C>, speed: f64) -> Self {
        Self {
            timeline: Rc::new(RefCell::new(timeline)),
            version: 0,
            playing: false,
            speed,
            error: None,
            selected: None,
            slowdown: 1.0,
            landing: None,
            carry_us: 0.0,
        }
    }

    /// A paused run of `timeline` replayed toward `target`: as far as [`LANDING_FIRST_MS`] takes
    /// it now, the rest in slices on the next frames.
    pub fn landing(timeline: Timeline<P, C>, speed: f64, target: SimTime) -> Self
    where
        P::Config: ClusterConfig,
    {
        let mut run = Self::new(timeline, speed);
        run.land(Opening::At(target), false, LANDING_FIRST_MS);
        run
    }

    /// Start replaying toward `opening` with a first slice of `budget_ms`.
    fn land(&mut self, opening: Opening, then_play: bool, budget_ms: f64)
    where
        P::Config: ClusterConfig,
    {
        let from = self.timeline.borrow().now();
        let (target, before_violation) = match opening {
            Opening::At(t) => (t, false),
            Opening::BeforeViolation(within) => (within, true),
        };
        self.playing = false;
        self.landing = Some(Landing { from, target, before_violation, then_play });
        self.land_slice(budget_ms);
    }

    /// Replay for `budget_ms` toward the landing time; the landing ends when it is reached.
    fn land_slice(&mut self, budget_ms: f64)
    where
        P::Config: ClusterConfig,
    {
        let Some(landing) = self.landing else { return };
        let mut timeline = self.timeline.borrow_mut();
        let landed = match landing.before_violation {
            false => replay_within(&mut timeline, landing.target, budget_ms),
            true => match play_within(&mut timeline, landing.target, budget_ms) {
                Played::OutOfTime(_) => false,
                // Found: back to a little before it (from the nearest checkpoint).
                Played::Violation => {
                    let breaks_at = timeline.violation().map_or(0, |v| v.t);
                    let opens_at = lesson::opens_at(breaks_at);
                    timeline.seek(opens_at);
                    // A failure soon after 0 s opens at 0 s and plays slower, to take seconds still.
                    self.speed = self.speed.min(lesson::speed_for(breaks_at - opens_at));
                    true
                }
                Played::Reached => {
                    timeline.seek(0);
                    true
                }
            },
        };
        if landed {
            self.landing = None;
            self.playing = landing.then_play;
        }
    }

    fn copy(&self) -> Self {
        Self {
            timeline: self.timeline.clone(),
            version: self.version,
            playing: self.playing,
            speed: self.speed,
            error: self.error.clone(),
            selected: self.selected,
            slowdown: self.slowdown,
            landing: self.landing,
            carry_us: self.carry_us,
        }
    }

    fn changed(mut self) -> Rc<Self> {
        self.version += 1;
        Rc::new(self)
    }
}

/// Virtual microseconds to advance for `wall_ms` at `speed`, plus the fraction carried to the next frame.
pub fn advance(wall_ms: f64, speed: f64, carry_us: f64) -> (SimTime, f64) {
    let exact = wall_ms.clamp(0.0, MAX_FRAME_MS) * 1000.0 * speed + carry_us;
    let whole = exact.floor().max(0.0);
    (whole as SimTime, exact - whole)
}

/// Simulate flat out for about [`FLAT_OUT_BUDGET_MS`] of wall time; false if a violation stopped it.
fn run_flat_out<P: Process, C: Checker<P>>(timeline: &mut Timeline<P, C>) -> bool
where
    P::Config: ClusterConfig,
{
    let start = js_sys::Date::now();
    while js_sys::Date::now() - start < FLAT_OUT_BUDGET_MS {
        let target = timeline.now() + FLAT_OUT_CHUNK;
        if !timeline.run_until(target) {
            return false;
        }
    }
    true
}

/// How a budgeted stretch of play ended.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Played {
    /// The target time was reached.
    Reached,
    /// The budget ran out first, at this virtual time.
    OutOfTime(SimTime),
    /// A first invariant violation stopped play.
    Violation,
}

/// Play toward `target` for at most `budget_ms` of wall time, looking at the clock every
/// [`EVENTS_PER_LOOK`] events.
fn play_within<P: Process, C: Checker<P>>(timeline: &mut Timeline<P, C>, target: SimTime, budget_ms: f64) -> Played
where
    P::Config: ClusterConfig,
{
    let start = js_sys::Date::now();
    let clean = timeline.violation().is_none();
    loop {
        for _ in 0..EVENTS_PER_LOOK {
            if !timeline.step_until(target) {
                return if timeline.run_until(target) { Played::Reached } else { Played::Violation };
            }
            if clean && timeline.violation().is_some() {
                return Played::Violation;
            }
        }
        if js_sys::Date::now() - start >= budget_ms {
            return Played::OutOfTime(timeline.now());
        }
    }
}

/// Replay toward `target` for at most `budget_ms` of wall time, going on past violations as a seek
/// does; true once `target` is reached.
fn replay_within<P: Process, C: Checker<P>>(timeline: &mut Timeline<P, C>, target: SimTime, budget_ms: f64) -> bool
where
    P::Config: ClusterConfig,
{
    let start = js_sys::Date::now();
    loop {
        let left = budget_ms - (js_sys::Date::now() - start);
        match play_within(timeline, target, left) {
            Played::Reached => return true,
            Played::OutOfTime(_) => return false,
            Played::Violation if left <= 0.0 => return false,
            Played::Violation => {}
        }
    }
}

/// The smoothed slowdown after a frame that advanced `done` of the `asked` virtual microseconds.
pub fn smoothed_slowdown(previous: f64, asked: SimTime, done: SimTime) -> f64 {
    let now = asked as f64 / (done.max(1) as f64);
    (previous * 0.8 + now.max(1.0) * 0.2).max(1.0)
}

impl<P: Process + 'static, C: Checker<P> + 'static> Reducible for Run<P, C>
where
    P::Config: ClusterConfig,
{
    type Action = RunAction<P, C>;

    fn reduce(self: Rc<Self>, action: RunAction<P, C>) -> Rc<Self> {
        let mut next = self.copy();
        // Whatever the user does next starts from the time the replay reached.
        if !matches!(
            action,
            RunAction::Frame(_)
                | RunAction::SetPlaying(false)
                | RunAction::SetSpeed(_)
                | RunAction::Select(_)
                | RunAction::DismissError
        ) {
            next.landing = None;
        }
        match action {
            RunAction::Frame(_) if next.landing.is_some() => next.land_slice(LANDING_SLICE_MS),
            RunAction::Frame(wall_ms) => {
                if !self.playing {
                    return self;
                }
                let mut timeline = self.timeline.borrow_mut();
                let reached = if self.speed.is_infinite() {
                    run_flat_out(&mut timeline)
                } else {
                    let (us, carry) = advance(wall_ms, self.speed, self.carry_us);
                    next.carry_us = carry;
                    if us == 0 {
                        return Rc::new(next);
                    }
                    let from = timeline.now();
                    let played = play_within(&mut timeline, from + us, FRAME_BUDGET_MS);
                    let done = match played {
                        Played::OutOfTime(at) => at - from,
                        _ => us,
                    };
                    next.slowdown = smoothed_slowdown(self.slowdown, us, done);
                    played != Played::Violation
                };
                // A violation pauses the run right where it happened.
                next.playing = reached;
            }
            RunAction::SetPlaying(playing) => {
                next.playing = playing;
                next.slowdown = 1.0;
                return Rc::new(next);
            }
            RunAction::Step => {
                next.playing = false;
                self.timeline.borrow_mut().step();
            }
            RunAction::Seek(t) => {
                next.playing = false;
                next.carry_us = 0.0;
                self.timeline.borrow_mut().seek(t);
            }
            RunAction::Advance(dt) => {
                next.playing = false;
                let mut timeline = self.timeline.borrow_mut();
                let target = timeline.now() + dt;
                timeline.run_until(target);
            }
            RunAction::SetSpeed(speed) => {
                next.speed = speed;
                next.slowdown = 1.0;
                return Rc::new(next);
            }
            RunAction::Act(action) => {
                // Even a refused action may have handled the events due now (and found a
                // violation among them): the page is drawn again either way.
                next.error = self.timeline.borrow_mut().act(action).err().map(|e| e.0);
            }
            RunAction::DismissError => {
                next.error = None;
                return Rc::new(next);
            }
            RunAction::Select(node) => {
                next.selected = node;
                return Rc::new(next);
            }
            RunAction::Load(timeline) => {
                next.timeline = Rc::new(RefCell::new(*timeline));
                next.selected = None;
                next.error = None;
                next.carry_us = 0.0;
                next.slowdown = 1.0;
            }
            RunAction::Land(timeline, opening, then_play) => {
                next.timeline = Rc::new(RefCell::new(*timeline));
                next.selected = None;
                next.error = None;
                next.carry_us = 0.0;
                next.slowdown = 1.0;
                next.land(opening, then_play, LANDING_FIRST_MS);
            }
            RunAction::CancelLanding => {}
        }
        next.changed()
    }
}

#[cfg(test)]
mod tests {
    use super::{advance, smoothed_slowdown};

    #[test]
    fn the_slowdown_rises_when_frames_fall_short_and_settles_back_to_one() {
        let mut slowdown = 1.0;
        for _ in 0..40 {
            slowdown = smoothed_slowdown(slowdown, 40_000, 1_000);
        }
        assert!((39.0..=40.0).contains(&slowdown), "{slowdown}");
        for _ in 0..60 {
            slowdown = smoothed_slowdown(slowdown, 40_000, 40_000);
        }
        assert!(slowdown < 1.01, "{slowdown}");
    }

    #[test]
    fn advance_scales_caps_and_carries() {
        assert_eq!(advance(20.0, 0.05, 0.0), (1000, 0.0));
        assert_eq!(advance(10_000.0, 1.0, 0.0).0, 100_000);
        let (us, carry) = advance(1.0, 0.0015, 0.0);
        assert_eq!(us, 1);
        assert!((carry - 0.5).abs() < 1e-9);
    }
}
