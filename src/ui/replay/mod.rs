//! Replaying runs: the scrub bar, share links, scenario and trace import/export, the sequence diagram.
