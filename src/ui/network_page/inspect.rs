//! The inspector's rows for a heartbeat node: state, incarnation, suspects, clock.

use crate::lab::network::Heartbeat;
use crate::sim::{NodeId, Timeline};
use crate::ui::i18n::{status_name, t, Key, Lang};
use crate::ui::shell::format;

/// Label/value rows describing node `id` now, or nothing if there is no such node.
pub fn rows(timeline: &Timeline<Heartbeat>, id: NodeId, lang: Lang) -> Vec<(String, String)> {
    let world = timeline.world();
    let Some(node) = world.node(id) else {
        return Vec::new();
    };
    let incarnation = node.process.map_or(u64::from(node.life), |p| p.incarnation);
    let suspects = node.process.map(|p| p.suspects()).unwrap_or_default();
    let suspects = if suspects.is_empty() {
        t(lang, Key::NoOne).to_string()
    } else {
        suspects.iter().map(|s| s.to_string()).collect::<Vec<_>>().join(", ")
    };
    let now = world.now();
    let local = node.clock.local(now);
    let skew = local as i64 - now as i64;
    vec![
        (t(lang, Key::State).into(), status_name(lang, node.status).into()),
        (t(lang, Key::Incarnation).into(), incarnation.to_string()),
        (t(lang, Key::Suspects).into(), suspects),
        (t(lang, Key::LocalClock).into(), format::seconds(lang, local)),
        (t(lang, Key::ClockSkew).into(), format::signed_ms(lang, skew)),
    ]
}
