//! Lessons: a recorded failure opened a little before it happens and played slowly enough to
//! narrate. Every lab's lessons (Raft's bug toggles, the locks and IDs failure scenarios) open and
//! play the same way.

use crate::sim::{ms, secs, SimTime};

/// How long before the failure a lesson opens.
pub const LEAD: SimTime = ms(1_500);

/// Virtual seconds per wall second a lesson plays at (1.5 s of run in six wall seconds).
pub const LESSON_SPEED: f64 = 0.25;

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
}
