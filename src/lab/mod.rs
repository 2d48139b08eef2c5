//! Labs: one per algorithm family, each a scenario, a world, its checkers and its view model.

pub mod catalog;
pub mod config;
pub mod course;
pub mod fuzz;
pub mod ids;
pub mod lesson;
pub mod locks;
pub mod network;
pub mod raft;
pub mod runner;
pub mod share;
pub mod txn;
pub mod view;
