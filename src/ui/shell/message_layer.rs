//! Messages in flight, drawn by hand outside Yew's diff: one SVG group per message, made once when
//! the message appears, moved every frame through its transform (numbers, no strings), removed when
//! it is delivered or dropped. Hundreds move at once; a virtual DOM diff of them cost most of a frame.

use std::collections::BTreeMap;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{Element, SvgGraphicsElement, SvgTransform};
use yew::prelude::*;

use super::geometry::along;
use super::palette;
use crate::lab::view::{ClusterModel, MessageModel};
use crate::sim::MsgId;

/// The messages a layer draws and how.
#[derive(Clone, PartialEq)]
pub struct MessageDraw {
    /// The cluster model: the layer draws its own share of `messages`.
    pub model: Rc<ClusterModel>,
    /// Per message of `messages`, same order: a label and its tone ("ok", "fail", ""), if the lab gives them.
    pub tags: Rc<Vec<(String, &'static str)>>,
    /// Nodes in the cluster.
    pub count: u32,
    /// The message drawn emphasised, if any.
    pub highlight: Option<MsgId>,
}

/// What never changes while a message travels: if any of it differs, its group is drawn anew
/// (a new run reuses message ids).
#[derive(PartialEq)]
struct Identity {
    from: u32,
    to: u32,
    kind: &'static str,
    reply: bool,
    duplicate: bool,
    doomed: bool,
    tag: Option<(String, &'static str)>,
}

/// One message's group, the parts of it that change from message to message, and what was last
/// written to them (a group reused for another message is written only where the two differ).
struct Parts {
    element: Element,
    /// The group's `translate`, moved in place.
    transform: SvgTransform,
    title: Element,
    body: Element,
    /// The sender's id written on the body: who sent it, not by colour alone.
    sender: Element,
    tag: Element,
    written: Written,
}

/// What a group last showed.
#[derive(Default)]
struct Written {
    class: String,
    kind: &'static str,
    title: String,
    fill: &'static str,
    sender: String,
    tag_class: String,
    tag: String,
    /// Opacity in hundredths (0 before the first write).
    opacity: i32,
}

/// A drawn message and what was last written to it.
struct Drawn {
    identity: Identity,
    parts: Parts,
    /// Position written, in tenths of a unit.
    at: (i32, i32),
    highlighted: bool,
    /// The patch that last saw it in the model.
    seen: u64,
}

/// Most unused groups kept for reuse.
const SPARE: usize = 256;

/// The groups of one layer.
#[derive(Default)]
struct Layer {
    /// The `<g>` they live in (a new container means a new drawing).
    container: Option<Element>,
    drawn: BTreeMap<MsgId, Drawn>,
    /// Unused groups, detached, by shape: requests, replies.
    spare: [Vec<Parts>; 2],
    /// An empty group of each shape, cloned when no spare one is left.
    prototypes: [Option<Element>; 2],
    patches: u64,
}

/// Draw the messages of `draw` that are `buffered` (or not) into the element of `container`, after
/// every render of the calling component. The container holds no Yew children; it keeps the
/// listeners, which find a message by its `data-msg` (see [`super::message_dot::message_at`]).
#[hook]
pub fn use_message_layer(container: NodeRef, draw: MessageDraw, buffered: bool) {
    let layer = use_mut_ref(Layer::default);
    use_effect(move || {
        if let Some(element) = container.cast::<Element>() {
            layer.borrow_mut().patch(element, &draw, buffered);
        }
    });
}

impl Layer {
    fn patch(&mut self, container: Element, draw: &MessageDraw, buffered: bool) {
        if self.container.as_ref() != Some(&container) {
            *self = Layer { container: Some(container.clone()), ..Layer::default() };
        }
        self.patches += 1;
        let patch = self.patches;
        for (i, m) in draw.model.messages.iter().enumerate().filter(|(_, m)| m.buffered == buffered) {
            let at = along(m.from, m.to, draw.count, m.progress);
            let at = ((at.x * 10.0).round() as i32, (at.y * 10.0).round() as i32);
            let opacity = if m.doomed { (1.0 - 1.6 * m.progress).clamp(0.25, 1.0) } else { 1.0 };
            let opacity = (opacity * 100.0).round() as i32;
            let highlighted = draw.highlight == Some(m.id);
            let identity = Identity {
                from: m.from,
                to: m.to,
                kind: m.kind.name,
                reply: m.kind.is_reply(),
                duplicate: m.duplicate,
                doomed: m.doomed,
                tag: draw.tags.get(i).cloned(),
            };
            if self.drawn.get(&m.id).is_some_and(|d| d.identity != identity) {
                if let Some(old) = self.drawn.remove(&m.id) {
                    self.retire(old);
                }
            }
            if let Some(d) = self.drawn.get_mut(&m.id) {
                d.seen = patch;
                if d.at != at {
                    d.at = at;
                    let _ = d.parts.transform.set_translate(at.0 as f32 / 10.0, at.1 as f32 / 10.0);
                }
                d.parts.set_opacity(opacity);
                if d.highlighted != highlighted {
                    d.highlighted = highlighted;
                    let Parts { element, written, .. } = &mut d.parts;
                    set_if_changed(element, "class", &mut written.class, &message_class(m, highlighted));
                }
                continue;
            }
            let Some(mut parts) = self.take(&container, identity.reply) else { continue };
            dress(&mut parts, m, &identity, highlighted);
            let _ = parts.transform.set_translate(at.0 as f32 / 10.0, at.1 as f32 / 10.0);
            parts.set_opacity(opacity);
            let _ = container.append_child(&parts.element);
            self.drawn.insert(m.id, Drawn { identity, parts, at, highlighted, seen: patch });
        }
        let gone: Vec<MsgId> = self.drawn.iter().filter(|(_, d)| d.seen != patch).map(|(&id, _)| id).collect();
        for id in gone {
            if let Some(d) = self.drawn.remove(&id) {
                self.retire(d);
            }
        }
    }

    /// Detach a message's group and keep it for the next message of its shape.
    fn retire(&mut self, drawn: Drawn) {
        drawn.parts.element.remove();
        let spare = &mut self.spare[usize::from(drawn.identity.reply)];
        if spare.len() < SPARE {
            spare.push(drawn.parts);
        }
    }

    /// A group of the shape wanted: a spare one, else a copy of the prototype.
    fn take(&mut self, container: &Element, reply: bool) -> Option<Parts> {
        let shape = usize::from(reply);
        if let Some(parts) = self.spare[shape].pop() {
            return Some(parts);
        }
        if self.prototypes[shape].is_none() {
            let markup = if reply { REPLY_MARKUP } else { REQUEST_MARKUP };
            container.insert_adjacent_html("beforeend", markup).ok()?;
            let prototype = container.last_element_child()?;
            prototype.remove();
            self.prototypes[shape] = Some(prototype);
        }
        let element: Element = self.prototypes[shape].as_ref()?.clone_node_with_deep(true).ok()?.dyn_into().ok()?;
        let transform = element.dyn_ref::<SvgGraphicsElement>()?.transform().base_val().get_item(0).ok()?;
        let title = element.first_element_child()?;
        let ring = title.next_element_sibling()?.next_element_sibling()?;
        let body = ring.next_element_sibling()?;
        let sender = body.next_element_sibling()?;
        let tag = sender.next_element_sibling()?;
        Some(Parts { element, transform, title, body, sender, tag, written: Written::default() })
    }
}

impl Parts {
    /// Write the opacity (in hundredths) if it changed.
    fn set_opacity(&mut self, opacity: i32) {
        if self.written.opacity != opacity {
            self.written.opacity = opacity;
            let _ = self.element.set_attribute("opacity", &hundredths(opacity));
        }
    }
}

/// Set `attribute` of `element` to `value` unless `written` already says so.
fn set_if_changed(element: &Element, attribute: &str, written: &mut String, value: &str) {
    if written != value {
        let _ = element.set_attribute(attribute, value);
        written.clear();
        written.push_str(value);
    }
}

/// Set the text of `element` to `value` unless `written` already says so.
fn set_text_if_changed(element: &Element, written: &mut String, value: &str) {
    if written != value {
        element.set_text_content(Some(value));
        written.clear();
        written.push_str(value);
    }
}

/// A message group's class attribute.
fn message_class(m: &MessageModel, highlighted: bool) -> String {
    let flags =
        [(m.doomed, " doomed"), (m.buffered, " buffered"), (m.duplicate, " duplicate"), (highlighted, " highlighted")];
    let mut class = String::from("msg");
    flags.iter().filter(|(on, _)| *on).for_each(|(_, flag)| class.push_str(flag));
    class
}

/// Write a message's own look into a group (only what differs from what it showed).
fn dress(parts: &mut Parts, m: &MessageModel, identity: &Identity, highlighted: bool) {
    use std::fmt::Write as _;
    let mut text = message_class(m, highlighted);
    let Parts { element, title, body, sender, tag, written, .. } = parts;
    set_if_changed(element, "class", &mut written.class, &text);
    let _ = element.set_attribute("data-msg", &m.id.to_string());
    if written.kind != m.kind.name {
        written.kind = m.kind.name;
        let _ = element.set_attribute("data-kind", m.kind.name);
    }
    text.clear();
    let _ = write!(text, "{} {}→{}", m.kind, m.from, m.to);
    set_text_if_changed(title, &mut written.title, &text);
    let fill = palette::fill(m.from);
    if written.fill != fill {
        written.fill = fill;
        let _ = body.set_attribute("fill", fill);
        let _ = sender.set_attribute("fill", palette::ink(m.from));
    }
    text.clear();
    let _ = write!(text, "{}", m.from);
    set_text_if_changed(sender, &mut written.sender, &text);
    let (label, tone) = identity.tag.as_ref().map_or(("", ""), |(text, tone)| (text.as_str(), *tone));
    text.clear();
    text.push_str("tag");
    if !tone.is_empty() {
        text.push(' ');
        text.push_str(tone);
    }
    set_if_changed(tag, "class", &mut written.tag_class, &text);
    set_text_if_changed(tag, &mut written.tag, label);
}

/// A request's group: a disc in the sender's colour with the sender's id on it; a dashed ring
/// shows on a network copy (CSS).
const REQUEST_MARKUP: &str = "<g class=\"msg\" transform=\"translate(0,0)\"><title></title><circle class=\"hit\" r=\"13\"/>\
    <circle class=\"copy-ring\" r=\"11\"/><circle class=\"body\" r=\"7.5\"/><text class=\"sender\" dy=\"0.35em\"></text>\
    <text class=\"tag\" x=\"10\" y=\"-9\"></text></g>";

/// A reply's group: a diamond, the sender's id on it.
const REPLY_MARKUP: &str =
    "<g class=\"msg\" transform=\"translate(0,0)\"><title></title><circle class=\"hit\" r=\"13\"/>\
    <circle class=\"copy-ring\" r=\"12\"/><rect class=\"body\" x=\"-6.5\" y=\"-6.5\" width=\"13\" height=\"13\" \
    transform=\"rotate(45)\"/><text class=\"sender\" dy=\"0.35em\"></text><text class=\"tag\" x=\"10\" y=\"-9\"></text></g>";

/// Hundredths as a decimal ("0.25", "1.00").
fn hundredths(v: i32) -> String {
    format!("{}.{:02}", v / 100, v % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opacity_is_written_in_hundredths() {
        assert_eq!(hundredths(100), "1.00");
        assert_eq!(hundredths(25), "0.25");
    }
}
