//! Following one global transaction across the page: its messages on the cluster view are labelled
//! with its id and one of them emphasised, and "delay one Try" picks its Try when one is in flight.

use std::rc::Rc;

use super::frame::Frame;
use crate::lab::view::ClusterModel;
use crate::sim::MsgId;

/// Up to this many messages in flight, every grouped one is labelled with its transaction's id;
/// beyond it, only the followed transaction's are.
const LABEL_ALL_UP_TO: usize = 12;

/// Per message of `cluster` (same order), its label and tone; and the followed transaction's first
/// message in flight, to emphasise.
pub fn tags(cluster: &ClusterModel, followed: Option<u64>) -> (Rc<Vec<(String, &'static str)>>, Option<MsgId>) {
    let few = cluster.messages.len() <= LABEL_ALL_UP_TO;
    let tags = cluster
        .messages
        .iter()
        .map(|m| match m.kind.group {
            Some(g) if followed == Some(g) => (format!("#{g}"), "ok"),
            Some(g) if few && followed.is_none() => (format!("#{g}"), ""),
            _ => (String::new(), ""),
        })
        .collect();
    let first = cluster.messages.iter().find(|m| followed.is_some() && m.kind.group == followed).map(|m| m.id);
    (Rc::new(tags), first)
}

/// The first call "delay one Try" holds back: the followed transaction's, else the first in flight.
pub fn first_call(frame: &Frame, followed: Option<u64>) -> Option<(MsgId, u64)> {
    let calls = &frame.first_calls;
    calls.iter().find(|c| Some(c.1) == followed).or(calls.first()).copied()
}
