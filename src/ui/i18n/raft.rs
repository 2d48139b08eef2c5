//! The Raft lab's strings.

use super::Lang;

table! {
    RaftTitle => "Raft: consensus you can break", "Raft：可以动手破坏的共识";
}

/// A Raft trace event's name or a Raft note word in `lang`, if it is one.
pub fn word(lang: Lang, word: &str) -> Option<&'static str> {
    let key = match word {
        "raft" => Key::RaftTitle,
        _ => return None,
    };
    Some(t(lang, key))
}
