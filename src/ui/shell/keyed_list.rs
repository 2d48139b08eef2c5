//! A list written as markup and kept by key, in order: items that stay the same keep their
//! elements, items that go are removed, and new or changed items are parsed in one batch per gap
//! between kept ones. For lists that gain a few rows at the top every frame (a client history):
//! a whole list written anew every frame costs a parse of every row and garbage for the browser.

use web_sys::Element;
use yew::prelude::*;

/// The items drawn in one container, in order: key, markup, element (found when first needed).
#[derive(Default)]
struct KeyedList {
    container: Option<Element>,
    items: Vec<(u64, String)>,
    elements: Option<Vec<Element>>,
}

impl KeyedList {
    /// Make the container show `items` (key, markup of exactly one element), in order.
    fn patch(&mut self, container: Element, items: Vec<(u64, String)>) {
        if self.container.as_ref() != Some(&container) || self.patch_kept(&container, &items).is_none() {
            let mut all = String::with_capacity(items.iter().map(|(_, m)| m.len()).sum());
            items.iter().for_each(|(_, m)| all.push_str(m));
            container.set_inner_html(&all);
            self.elements = None;
        }
        self.container = Some(container);
        self.items = items;
    }

    /// Keep what stays, in place; `None` when nothing stays or the order changed (write it all).
    fn patch_kept(&mut self, container: &Element, items: &[(u64, String)]) -> Option<()> {
        let stays = |(key, markup): &(u64, String)| items.iter().any(|(k, m)| k == key && m == markup);
        let kept: Vec<bool> = self.items.iter().map(stays).collect();
        if !kept.contains(&true) {
            return None;
        }
        let elements = match self.elements.take() {
            Some(elements) => elements,
            None => children(container),
        };
        if elements.len() != self.items.len() {
            return None;
        }
        let mut stay = Vec::new();
        for ((item, element), keep) in self.items.iter().zip(elements).zip(kept) {
            match keep {
                true => stay.push((item.0, element)),
                false => element.remove(),
            }
        }
        let mut placed = Vec::with_capacity(items.len());
        let mut batch = (String::new(), 0);
        let mut next = stay.into_iter().peekable();
        for (key, markup) in items {
            match next.peek() {
                Some((k, _)) if k == key => {
                    let (_, element) = next.next()?;
                    insert(&element, "beforebegin", &mut batch, &mut placed)?;
                    placed.push(element);
                }
                _ if self.items.iter().any(|(k, m)| k == key && m == markup) => return None,
                _ => {
                    batch.0.push_str(markup);
                    batch.1 += 1;
                }
            }
        }
        insert(container, "beforeend", &mut batch, &mut placed)?;
        self.elements = Some(placed);
        Some(())
    }
}

/// Parse the batch (its markup, how many elements) at `position` of `at`, and add its elements,
/// which end right before `at` ("beforebegin") or at its end ("beforeend"), to `placed`.
fn insert(at: &Element, position: &str, batch: &mut (String, usize), placed: &mut Vec<Element>) -> Option<()> {
    if batch.1 == 0 {
        return Some(());
    }
    at.insert_adjacent_html(position, &batch.0).ok()?;
    let mut element = if position == "beforeend" { at.last_element_child() } else { at.previous_element_sibling() };
    let mut added = Vec::with_capacity(batch.1);
    for _ in 0..batch.1 {
        let e = element?;
        element = e.previous_element_sibling();
        added.push(e);
    }
    placed.extend(added.into_iter().rev());
    *batch = (String::new(), 0);
    Some(())
}

/// The element children of `container`, in order.
fn children(container: &Element) -> Vec<Element> {
    let mut out = Vec::new();
    let mut child = container.first_element_child();
    while let Some(c) = child {
        child = c.next_element_sibling();
        out.push(c);
    }
    out
}

/// Draw `items` (key, markup of exactly one element) in order into the element of `container`
/// after every render of the calling component. The container holds no Yew children.
#[hook]
pub fn use_keyed_list(container: NodeRef, items: Vec<(u64, String)>) {
    let list = use_mut_ref(KeyedList::default);
    use_effect(move || {
        if let Some(element) = container.cast::<Element>() {
            list.borrow_mut().patch(element, items);
        }
    });
}
