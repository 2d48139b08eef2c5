//! Roving focus: a group of many small controls (the link directions) is one Tab stop, and the
//! arrow keys move the focus inside it (the WAI-ARIA toolbar pattern).

/// The index the focus moves to from `at` among `len` items on `key` (arrows step and wrap around,
/// Home and End jump to the ends), or `None` when the key does not move it.
pub fn step(key: &str, at: usize, len: usize) -> Option<usize> {
    if len == 0 {
        return None;
    }
    let at = at.min(len - 1);
    match key {
        "ArrowRight" | "ArrowDown" => Some((at + 1) % len),
        "ArrowLeft" | "ArrowUp" => Some((at + len - 1) % len),
        "Home" => Some(0),
        "End" => Some(len - 1),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::step;

    #[test]
    fn arrows_step_and_wrap_home_and_end_jump_other_keys_do_nothing() {
        assert_eq!(step("ArrowRight", 0, 20), Some(1));
        assert_eq!(step("ArrowDown", 19, 20), Some(0));
        assert_eq!(step("ArrowLeft", 0, 20), Some(19));
        assert_eq!(step("ArrowUp", 5, 20), Some(4));
        assert_eq!(step("Home", 7, 20), Some(0));
        assert_eq!(step("End", 7, 20), Some(19));
        assert_eq!(step("Enter", 7, 20), None);
        assert_eq!(step("ArrowRight", 0, 0), None);
        // A remembered position past a shrunken group starts from its last item.
        assert_eq!(step("ArrowRight", 30, 12), Some(0));
    }
}
