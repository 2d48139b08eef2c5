//! The logs grid kept up to date in place: a busy run appends entries to every log each frame and
//! slides the window of indexes shown, but most cells stay as they were. Each row's cells are keyed
//! by log index: cells that slide out are removed, new ones parsed in one batch per row, and a cell
//! that only became committed or applied gets its class changed. Anything else (another container,
//! other nodes, a window moving back) writes the whole grid anew.

use std::collections::VecDeque;

use web_sys::Element;

use crate::sim::NodeId;
use crate::ui::shell::markup::Markup;

/// One cell of a row (or of the header) as drawn.
#[derive(Clone, PartialEq)]
pub enum Cell {
    /// A header cell: the index.
    Head(u64),
    /// A log entry: its term, and its classes after the term colour (" committed", " flagged"...).
    Entry { index: u64, term: u64, flags: String },
    /// An index compacted into the snapshot; `edge` for the snapshot's last index.
    Compacted { index: u64, edge: bool },
    /// No entry at this index.
    Empty,
}

impl Cell {
    /// The same element with (perhaps) other classes: the class attribute is all that changes.
    fn same_shape(&self, other: &Cell) -> bool {
        match (self, other) {
            (Cell::Entry { index: a, term: s, .. }, Cell::Entry { index: b, term: t, .. }) => a == b && s == t,
            _ => self == other,
        }
    }

    /// The class attribute.
    fn class(&self, out: &mut String) {
        use std::fmt::Write as _;
        match self {
            Cell::Head(_) => out.push_str("index"),
            Cell::Entry { term, flags, .. } => {
                let _ = write!(out, "entry term-{}{flags}", *term as usize % super::logs_panel::TERM_COLOURS);
            }
            Cell::Compacted { edge, .. } => {
                out.push_str(if *edge { "entry compacted edge" } else { "entry compacted" })
            }
            Cell::Empty => out.push_str("entry none"),
        }
    }

    /// The cell as exactly one element.
    pub fn write(&self, out: &mut Markup) {
        use std::fmt::Write as _;
        let mut class = String::new();
        self.class(&mut class);
        out.tag("<span class=\"").tag(&class).tag("\"");
        let _ = match self {
            Cell::Head(i) => write!(out, ">{i}"),
            Cell::Entry { index, term, .. } => write!(out, " data-index=\"{index}\" data-term=\"{term}\">{term}"),
            Cell::Compacted { index, .. } => write!(out, " data-index=\"{index}\">"),
            Cell::Empty => write!(out, ">"),
        };
        out.tag("</span>");
    }
}

/// One row as drawn: the row's own attributes, its label, its cells and its extra line.
pub struct Row {
    /// The node, or `None` for the header.
    pub node: Option<NodeId>,
    /// The row element's class, `data-commit` and `data-applied`.
    pub attrs: (String, u64, u64),
    /// The label cell's inner markup.
    pub who: String,
    /// The cells from the first index shown.
    pub cells: Vec<Cell>,
    /// The extra line's inner markup (progress, snapshot, state machine).
    pub extra: String,
}

/// A row's elements and what was last written to them.
struct Drawn {
    row: Row,
    element: Element,
    who: Element,
    /// The cells' container (label first, then one element per cell).
    strip: Element,
    extra: Option<Element>,
    cells: VecDeque<Element>,
}

/// The grid as drawn in its container.
#[derive(Default)]
pub struct Grid {
    container: Option<Element>,
    /// The first index of the cells drawn.
    first: u64,
    rows: Vec<Drawn>,
}

impl Grid {
    /// Make the container show `rows` (the header first) with cells from index `first`; `write`
    /// writes the whole grid when it cannot be patched.
    pub fn patch(&mut self, container: Element, first: u64, rows: Vec<Row>, write: impl Fn(&[Row]) -> Markup) {
        let same = self.container.as_ref() == Some(&container)
            && first >= self.first
            && self.rows.len() == rows.len()
            && self.rows.iter().zip(&rows).all(|(d, r)| d.row.node == r.node);
        if !(same && self.patch_rows(first, rows.iter()).is_some()) {
            *self = Self::redraw(container, first, rows, write);
            return;
        }
        self.first = first;
        for (d, r) in self.rows.iter_mut().zip(rows) {
            d.row = r;
        }
    }

    /// Patch every row in place; `None` if the DOM is not what was drawn.
    fn patch_rows<'a>(&mut self, first: u64, rows: impl Iterator<Item = &'a Row>) -> Option<()> {
        let slide = (first - self.first) as usize;
        let mut class = String::new();
        for (d, r) in self.rows.iter_mut().zip(rows) {
            if d.row.attrs != r.attrs {
                let (c, commit, applied) = &r.attrs;
                d.element.set_attribute("class", c).ok()?;
                if r.node.is_some() {
                    d.element.set_attribute("data-commit", &commit.to_string()).ok()?;
                    d.element.set_attribute("data-applied", &applied.to_string()).ok()?;
                }
            }
            if d.row.who != r.who {
                d.who.set_inner_html(&r.who);
            }
            if let Some(extra) = d.extra.as_ref().filter(|_| d.row.extra != r.extra) {
                extra.set_inner_html(&r.extra);
            }
            // Cells that slid out of the window go, the rest are kept by index.
            let old = &d.row.cells;
            for _ in 0..slide.min(d.cells.len()) {
                d.cells.pop_front()?.remove();
            }
            let kept = old.len().saturating_sub(slide).min(r.cells.len());
            while d.cells.len() > kept {
                d.cells.pop_back()?.remove();
            }
            for (k, cell) in r.cells[..kept].iter().enumerate() {
                let was = &old[k + slide];
                if was == cell {
                    continue;
                }
                let element = &d.cells[k];
                if was.same_shape(cell) {
                    class.clear();
                    cell.class(&mut class);
                    element.set_attribute("class", &class).ok()?;
                } else {
                    let mut markup = Markup::default();
                    cell.write(&mut markup);
                    element.insert_adjacent_html("afterend", markup.as_str()).ok()?;
                    let new = element.next_element_sibling()?;
                    element.remove();
                    d.cells[k] = new;
                }
            }
            if r.cells.len() > kept {
                let mut markup = Markup::default();
                r.cells[kept..].iter().for_each(|c| c.write(&mut markup));
                d.strip.insert_adjacent_html("beforeend", markup.as_str()).ok()?;
                let mut added = Vec::with_capacity(r.cells.len() - kept);
                let mut next = d.strip.last_element_child();
                for _ in kept..r.cells.len() {
                    let element = next?;
                    next = element.previous_element_sibling();
                    added.push(element);
                }
                d.cells.extend(added.into_iter().rev());
            }
        }
        Some(())
    }

    /// Write the whole grid and find its elements.
    fn redraw(container: Element, first: u64, rows: Vec<Row>, write: impl Fn(&[Row]) -> Markup) -> Self {
        container.set_inner_html(write(&rows).as_str());
        let wanted = rows.len();
        let mut drawn = Vec::with_capacity(rows.len());
        let mut element = container.first_element_child();
        for row in rows {
            let Some(e) = element else { break };
            let strip = if row.node.is_some() { e.first_element_child() } else { Some(e.clone()) };
            let Some(strip) = strip else { break };
            let extra = strip.next_element_sibling().filter(|_| row.node.is_some());
            let Some(who) = strip.first_element_child() else { break };
            let mut cells = VecDeque::with_capacity(row.cells.len());
            let mut cell = who.next_element_sibling();
            while let Some(c) = cell {
                cell = c.next_element_sibling();
                cells.push_back(c);
            }
            if cells.len() != row.cells.len() {
                break;
            }
            element = e.next_element_sibling();
            drawn.push(Drawn { row, element: e, who, strip, extra, cells });
        }
        // A grid whose elements could not all be found is written anew next time.
        let container = (drawn.len() == wanted).then_some(container);
        Self { container, first, rows: drawn }
    }
}
