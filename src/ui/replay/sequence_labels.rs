//! Where the sequence diagram writes its arrows' labels: each beside its arrow's start, moved
//! inside the drawing's edges, and left out when it would cover a label already placed or stick
//! out of the visible window (the diagram then says how many it left out; hovering an arrow still
//! names it).

use std::collections::BTreeMap;

use crate::sim::MsgId;

/// The largest a label's type gets (presentation mode), in the drawing's units: labels are laid
/// out for it, so that they overlap in neither mode.
pub const LABEL_FONT: f64 = 15.0;
/// An over-estimate of a character's advance at [`LABEL_FONT`].
const CHAR_WIDTH: f64 = 0.56 * LABEL_FONT;
/// Least room kept between a label and an edge or another label.
const MARGIN: f64 = 2.0;

/// A label an arrow asks for: its text and where it would like to sit.
#[derive(Clone, Debug, PartialEq)]
pub struct Wanted {
    /// The arrow.
    pub id: MsgId,
    /// Its text ("AppendEntries ×4").
    pub text: String,
    /// The preferred anchor point (the text's baseline).
    pub x: f64,
    /// The preferred baseline.
    pub y: f64,
    /// The arrow runs leftwards: the text ends at `x` rather than starting there.
    pub leftwards: bool,
}

/// A label as drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct Placed {
    /// Its text.
    pub text: String,
    /// Its anchor point's x.
    pub x: f64,
    /// Its baseline.
    pub y: f64,
    /// Anchored at its end (`text-anchor="end"`).
    pub end: bool,
}

/// The part of the drawing labels must stay in: `0..width` across, and `top..bottom` down in the
/// window shown (a label's `y` plus `shift`).
#[derive(Clone, Copy, Debug)]
pub struct Bounds {
    /// The drawing's width.
    pub width: f64,
    /// The highest a label may reach in the window.
    pub top: f64,
    /// The lowest.
    pub bottom: f64,
    /// What the window adds to a label's `y` (the diagram's scroll).
    pub shift: f64,
}

/// A box: left, top, right, bottom.
pub type Box4 = (f64, f64, f64, f64);

/// The box of a text of `chars` characters written from (`x`, `y`) in type of `font` units, in the
/// window (for what the window keeps in place: the time labels).
pub fn fixed_box(chars: usize, x: f64, y: f64, font: f64) -> Box4 {
    (x, y - 0.8 * font, x + chars as f64 * 0.56 * font, y + 0.25 * font)
}

/// The estimated box of `text` anchored at (`x`, `y`).
fn text_box(text: &str, x: f64, y: f64, end: bool) -> Box4 {
    let w = text.chars().count() as f64 * CHAR_WIDTH;
    let left = if end { x - w } else { x };
    (left, y - 0.8 * LABEL_FONT, left + w, y + 0.25 * LABEL_FONT)
}

fn overlap(a: Box4, b: Box4) -> bool {
    a.0 < b.2 + MARGIN && b.0 < a.2 + MARGIN && a.1 < b.3 + MARGIN && b.1 < a.3 + MARGIN
}

/// Place `wanted` labels in order (oldest first, so that a label once shown keeps its place as
/// newer arrows come): each moved inside the drawing's width, dropped if it would cover one
/// already placed, cover a `reserved` box of the window, or leave the window. The placed labels by
/// arrow, and how many were left out.
pub fn place(
    wanted: impl IntoIterator<Item = Wanted>,
    bounds: Bounds,
    reserved: &[Box4],
) -> (BTreeMap<MsgId, Placed>, u32) {
    let mut placed = BTreeMap::new();
    // The reserved boxes, in the labels' (scrolled) coordinates.
    let mut boxes: Vec<Box4> =
        reserved.iter().map(|&(l, t, r, b)| (l, t - bounds.shift, r, b - bounds.shift)).collect();
    let mut left_out = 0;
    for w in wanted {
        let width = w.text.chars().count() as f64 * CHAR_WIDTH;
        // Inside the edges: a text too close to the right runs up to it, not past it.
        let x = match w.leftwards {
            true => w.x.clamp(MARGIN + width, bounds.width - MARGIN),
            false => w.x.clamp(MARGIN, (bounds.width - MARGIN - width).max(MARGIN)),
        };
        let b = text_box(&w.text, x, w.y, w.leftwards);
        let visible = b.1 + bounds.shift >= bounds.top && b.3 + bounds.shift <= bounds.bottom;
        if !visible {
            continue;
        }
        if width + 2.0 * MARGIN > bounds.width || boxes.iter().any(|&o| overlap(o, b)) {
            left_out += 1;
            continue;
        }
        boxes.push(b);
        placed.insert(w.id, Placed { text: w.text, x, y: w.y, end: w.leftwards });
    }
    (placed, left_out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOUNDS: Bounds = Bounds { width: 380.0, top: 26.0, bottom: 470.0, shift: 0.0 };

    fn wanted(id: MsgId, text: &str, x: f64, y: f64, leftwards: bool) -> Wanted {
        Wanted { id, text: text.into(), x, y, leftwards }
    }

    #[test]
    fn labels_that_would_cover_one_another_are_left_out_and_counted() {
        let (placed, left_out) = place(
            [
                wanted(1, "Heartbeat ×4", 60.0, 100.0, false),
                wanted(2, "Heartbeat ×4", 62.0, 104.0, false),
                wanted(3, "AppendEntries", 60.0, 140.0, false),
            ],
            BOUNDS,
            &[],
        );
        assert_eq!(placed.keys().copied().collect::<Vec<_>>(), [1, 3]);
        assert_eq!(left_out, 1);
    }

    #[test]
    fn a_label_near_the_right_edge_is_moved_inside_it() {
        let (placed, _) = place([wanted(1, "AppendEntriesReply", 350.0, 100.0, false)], BOUNDS, &[]);
        let p = &placed[&1];
        let b = text_box(&p.text, p.x, p.y, p.end);
        assert!(b.2 <= 380.0 - MARGIN && b.0 >= 0.0, "{b:?}");
        let (placed, _) = place([wanted(2, "RequestVoteReply", 20.0, 100.0, true)], BOUNDS, &[]);
        let p = &placed[&2];
        assert!(text_box(&p.text, p.x, p.y, p.end).0 >= MARGIN - 1e-9, "{p:?}");
    }

    #[test]
    fn a_label_over_a_reserved_box_of_the_window_is_left_out_wherever_the_window_has_scrolled() {
        let bounds = Bounds { shift: -1000.0, ..BOUNDS };
        let time_label = fixed_box(9, 4.0, 60.0, 11.0);
        let (placed, left_out) = place(
            [wanted(1, "Heartbeat ×4", 50.0, 1060.0, true), wanted(2, "Ping", 200.0, 1060.0, false)],
            bounds,
            &[time_label],
        );
        assert_eq!(placed.keys().copied().collect::<Vec<_>>(), [2]);
        assert_eq!(left_out, 1);
    }

    #[test]
    fn a_label_scrolled_out_of_the_window_is_not_drawn() {
        let bounds = Bounds { shift: -90.0, ..BOUNDS };
        let (placed, left_out) = place([wanted(1, "Ping", 60.0, 100.0, false)], bounds, &[]);
        assert!(placed.is_empty());
        assert_eq!(left_out, 0, "out of sight is not crowded out");
    }
}
