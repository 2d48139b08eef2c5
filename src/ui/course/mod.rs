//! The course in the page: the table of contents, the lesson panel beside the lab, and the one
//! observer through which every lab page's run reaches the panel.

pub mod contents;
pub mod nav;
pub mod observer;
pub mod panel;
pub mod progress;
