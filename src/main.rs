//! The browser app's entry point (built by trunk).

fn main() {}
