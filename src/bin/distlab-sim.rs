//! distlab-sim: the native command-line runner.

fn main() {}
