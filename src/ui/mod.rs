//! The browser app (Yew): the lab shell and the lab pages.

pub mod app;
pub mod config_page;
pub mod course;
pub mod i18n;
pub mod ids_page;
pub mod labs;
pub mod locks_page;
pub mod network_page;
pub mod raft_page;
pub mod replay;
pub mod shell;
pub mod txn_page;

pub use app::App;
