//! Many small drawings kept by key, written as markup: an item is parsed (in one batch with every
//! other new or changed item of the frame) when it appears or its look changes, left alone while it
//! stays the same, and removed when it goes. For pictures where dozens of items come and go every
//! frame (the sequence diagram's arrows): one parse instead of hundreds of DOM calls from wasm.

use std::collections::BTreeMap;

use web_sys::Element;
use yew::prelude::*;

use super::markup::Markup;

/// One drawn item: what it looks like and its element.
struct Drawn<T> {
    look: T,
    element: Element,
    /// The patch that last saw it.
    seen: u64,
}

/// The items drawn in one container element (which holds nothing else).
struct KeyedMarkup<T> {
    container: Option<Element>,
    drawn: BTreeMap<u64, Drawn<T>>,
    patches: u64,
}

impl<T> Default for KeyedMarkup<T> {
    fn default() -> Self {
        Self { container: None, drawn: BTreeMap::new(), patches: 0 }
    }
}

impl<T: PartialEq> KeyedMarkup<T> {
    /// Make the container show `items`; `write` writes one item as exactly one element, `update`
    /// changes a drawn element from one look to another in place if it can (else false).
    fn patch(&mut self, container: Element, items: Vec<(u64, T)>, write: fn(&T, &mut Markup), update: Update<T>) {
        if self.container.as_ref() != Some(&container) {
            container.set_inner_html("");
            *self = Self { container: Some(container.clone()), ..Self::default() };
        }
        self.patches += 1;
        let patch = self.patches;
        let mut batch = Markup::default();
        let mut added = Vec::new();
        for (key, look) in items {
            if let Some(d) = self.drawn.get_mut(&key) {
                if d.look == look || update(&d.look, &look, &d.element) {
                    d.look = look;
                    d.seen = patch;
                    continue;
                }
            }
            if let Some(old) = self.drawn.remove(&key) {
                old.element.remove();
            }
            write(&look, &mut batch);
            added.push((key, look));
        }
        self.drawn.retain(|_, d| {
            let keep = d.seen == patch;
            if !keep {
                d.element.remove();
            }
            keep
        });
        if added.is_empty() || container.insert_adjacent_html("beforeend", batch.as_str()).is_err() {
            return;
        }
        // The new items are the container's last children, in order.
        let mut next = container.last_element_child();
        for (key, look) in added.into_iter().rev() {
            let Some(element) = next else { break };
            next = element.previous_element_sibling();
            self.drawn.insert(key, Drawn { look, element, seen: patch });
        }
    }
}

/// Changes a drawn element from the first look to the second in place, or says it cannot (false).
pub type Update<T> = fn(&T, &T, &Element) -> bool;

/// Draw `items` (key, look) into the element of `container` after every render of the calling
/// component; `write` writes one look as exactly one element, `update` changes one in place when it
/// can. The container holds no Yew children.
#[hook]
pub fn use_keyed_markup<T: PartialEq + 'static>(
    container: NodeRef,
    items: Vec<(u64, T)>,
    write: fn(&T, &mut Markup),
    update: Update<T>,
) {
    let drawn = use_mut_ref(KeyedMarkup::<T>::default);
    use_effect(move || {
        if let Some(element) = container.cast::<Element>() {
            drawn.borrow_mut().patch(element, items, write, update);
        }
    });
}
