//! Where the student is in the course, as the address bar keeps it: `?lesson=NAME&step=N`
//! (N from 1).

use crate::lab::course::{lesson, Lesson};

/// A lesson and a step of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CourseNav {
    /// The lesson.
    pub lesson: &'static Lesson,
    /// The step, from 0.
    pub step: usize,
}

impl CourseNav {
    /// The place a query names (`?lesson=raft-basics&step=3`): a missing or bad step is the first,
    /// a step past the end is the last; an unknown lesson is none.
    pub fn parse(query: &str) -> Option<Self> {
        let mut found = None;
        let mut step = 1usize;
        for pair in query.trim_start_matches('?').split('&') {
            match pair.split_once('=') {
                Some(("lesson", id)) => found = lesson(id),
                Some(("step", n)) => step = n.parse().unwrap_or(1),
                _ => {}
            }
        }
        found.map(|lesson| Self { lesson, step: step.clamp(1, lesson.steps.len()) - 1 })
    }

    /// The query parameters for this place, without `?`.
    pub fn params(&self) -> String {
        format!("lesson={}&step={}", self.lesson.id, self.step + 1)
    }

    /// Whether this is the lesson's last step.
    pub fn is_last(&self) -> bool {
        self.step + 1 >= self.lesson.steps.len()
    }

    /// The place `by` steps on (or back), kept inside the lesson.
    pub fn moved(&self, by: isize) -> Self {
        let step = self.step.saturating_add_signed(by).min(self.lesson.steps.len() - 1);
        Self { step, ..*self }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_names_a_lesson_and_a_step_clamped_to_the_lesson() {
        let nav = CourseNav::parse("?lab=raft&lesson=raft-basics&step=3").unwrap();
        assert_eq!((nav.lesson.id, nav.step), ("raft-basics", 2));
        assert_eq!(nav.params(), "lesson=raft-basics&step=3");
        assert_eq!(CourseNav::parse("?lesson=raft-basics&step=99").unwrap().step, nav.lesson.steps.len() - 1);
        assert_eq!(CourseNav::parse("?lesson=raft-basics&step=x").unwrap().step, 0);
        assert!(CourseNav::parse("?lesson=paxos").is_none() && CourseNav::parse("?lab=raft").is_none());
        assert_eq!(nav.moved(-5).step, 0);
        assert!(nav.moved(10).is_last());
    }
}
