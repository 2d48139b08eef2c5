//! Replaying runs: the scrub bar, share links, scenario and trace import/export, the sequence
//! diagram; and the app-level lab switch and presentation mode. Generic over the lab: a page gets
//! everything from [`replayable::use_replayable_run`] and plain-data components.

pub mod browser;
pub mod history;
pub mod lab_tabs;
pub mod presentation;
pub mod replayable;
pub mod scrub_bar;
pub mod sequence;
pub mod sequence_diagram;
pub mod sequence_labels;
pub mod share_panel;
pub mod stash;
