//! Labs: one per algorithm family, each a scenario, a world, its checkers and its view model.

pub mod network;
pub mod view;
