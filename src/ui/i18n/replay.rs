//! Strings of scrubbing, sharing, import and export.

table! {
    ReplayTitle => "Replay", "回放";
}
