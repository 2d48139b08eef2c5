//! The course: guided lessons over the labs, following the lecture. Lessons are data (steps, the
//! run each loads, when each is done), and completion is tested on the run itself ([`facts`]).
//! No web dependency: the page's course panel (`ui::course`) draws and drives it.

pub mod check;
pub mod facts;
pub mod figure8;
pub mod lesson;
pub mod lessons;
pub mod raft_runs;

#[cfg(test)]
mod tests;

pub use check::{Check, Reply};
pub use facts::{observe, RunFacts};
pub use lesson::{Lesson, Section, Setup, Step, StepRun};
pub use lessons::{lesson, LESSONS};
