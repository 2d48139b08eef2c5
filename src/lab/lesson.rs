//! Lessons: a recorded failure opened a little before it happens and played slowly enough to
//! narrate. Every lab's lessons (Raft's bug toggles, the locks and IDs failure scenarios) open and
//! play the same way.

use crate::sim::{ms, secs, SimTime};

/// How long before the failure a lesson opens.
pub const LEAD: SimTime = ms(1_500);

/// Virtual seconds per wall second a lesson plays at (1.5 s of run in six wall seconds).
pub const LESSON_SPEED: f64 = 0.25;

/// Wall microseconds the stretch from a lesson's opening to its failure should take to play.
const NARRATION_US: f64 = 6_000_000.0;

/// The slowest a lesson plays (a failure in the first milliseconds).
pub const SLOWEST_LESSON_SPEED: f64 = 0.01;

/// The speed at which `span` of virtual time (opening to failure) plays in about six wall seconds:
/// [`LESSON_SPEED`] for a lesson that opens its full [`LEAD`] before, slower for a failure that
/// comes sooner after 0 s (never below [`SLOWEST_LESSON_SPEED`]).
pub fn speed_for(span: SimTime) -> f64 {
    (span as f64 / NARRATION_US).clamp(SLOWEST_LESSON_SPEED, LESSON_SPEED)
}

/// How far into a scenario a lesson's failure is looked for when it is not recorded.
pub const FIND_WITHIN: SimTime = secs(30);

/// Where a lesson whose failure comes at `breaks_at` opens: [`LEAD`] before it (0 s at the earliest).
pub fn opens_at(breaks_at: SimTime) -> SimTime {
    breaks_at.saturating_sub(LEAD)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lesson_opens_its_lead_before_the_failure_and_never_before_zero() {
        assert_eq!(opens_at(ms(13_165)), ms(11_665));
        assert_eq!(opens_at(ms(900)), 0);
    }

    #[test]
    fn a_failure_soon_after_the_start_plays_slower_so_that_it_still_takes_seconds() {
        assert_eq!(speed_for(LEAD), LESSON_SPEED);
        assert_eq!(speed_for(ms(3_000)), LESSON_SPEED);
        assert!((speed_for(ms(300)) - 0.05).abs() < 1e-12);
        assert_eq!(speed_for(1), SLOWEST_LESSON_SPEED);
    }
}
