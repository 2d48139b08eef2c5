//! Reading an action from a scenario's JSON by hand: one parser for every lab, instead of a derived,
//! internally tagged deserializer copied for each lab's input type. The input stays JSON, for the
//! lab's own type to read; every error names the field at fault.

use serde_json::{Map, Value};

use super::action::Action;
use super::scenario::ScenarioError;
use super::time::NodeId;

/// Each action's `type` and its fields, as the derived serializer writes them.
const SHAPES: [(&str, &[&str]); 18] = [
    ("crash", &["node"]),
    ("restart", &["node"]),
    ("pause", &["node"]),
    ("resume", &["node"]),
    ("link_down", &["from", "to"]),
    ("link_up", &["from", "to"]),
    ("partition", &["groups"]),
    ("heal_all", &[]),
    ("set_latency", &["min", "max"]),
    ("set_loss", &["ppm"]),
    ("set_duplication", &["ppm"]),
    ("set_reordering", &["ppm"]),
    ("drop_message", &["id"]),
    ("delay_message", &["id", "by"]),
    ("clock_offset", &["node", "offset"]),
    ("clock_drift", &["node", "ppm"]),
    ("clock_jump", &["node", "delta"]),
    ("input", &["node", "input"]),
];

/// Parse the action object at `path` (`actions[3].action`), its input left as JSON.
pub(super) fn parse_action(path: &str, value: Value) -> Result<Action<Value>, ScenarioError> {
    let Value::Object(object) = value else {
        return Err(ScenarioError::new(path, "an action is an object with a \"type\""));
    };
    let kind = match object.get("type") {
        None => return Err(ScenarioError::new(format!("{path}.type"), "missing")),
        Some(Value::String(kind)) => kind.as_str(),
        Some(_) => return Err(ScenarioError::new(format!("{path}.type"), "must be a string")),
    };
    let Some(&(kind, fields)) = SHAPES.iter().find(|(name, _)| *name == kind) else {
        let known: Vec<&str> = SHAPES.iter().map(|(name, _)| *name).collect();
        return Err(ScenarioError::new(
            path,
            format!("unknown action type {kind:?} (expected one of {})", known.join(", ")),
        ));
    };
    if let Some(extra) = object.keys().find(|key| *key != "type" && !fields.contains(&key.as_str())) {
        let expected = if fields.is_empty() { "none".to_string() } else { fields.join(", ") };
        return Err(ScenarioError::new(
            format!("{path}.{extra}"),
            format!("unknown field of {kind} (expected {expected})"),
        ));
    }
    let mut fields = Fields { path, object };
    Ok(match kind {
        "crash" => Action::Crash { node: fields.node("node")? },
        "restart" => Action::Restart { node: fields.node("node")? },
        "pause" => Action::Pause { node: fields.node("node")? },
        "resume" => Action::Resume { node: fields.node("node")? },
        "link_down" => Action::LinkDown { from: fields.node("from")?, to: fields.node("to")? },
        "link_up" => Action::LinkUp { from: fields.node("from")?, to: fields.node("to")? },
        "partition" => Action::Partition { groups: fields.groups("groups")? },
        "heal_all" => Action::HealAll,
        "set_latency" => Action::SetLatency { min: fields.unsigned("min")?, max: fields.unsigned("max")? },
        "set_loss" => Action::SetLoss { ppm: fields.node("ppm")? },
        "set_duplication" => Action::SetDuplication { ppm: fields.node("ppm")? },
        "set_reordering" => Action::SetReordering { ppm: fields.node("ppm")? },
        "drop_message" => Action::DropMessage { id: fields.unsigned("id")? },
        "delay_message" => Action::DelayMessage { id: fields.unsigned("id")?, by: fields.unsigned("by")? },
        "clock_offset" => Action::ClockOffset { node: fields.node("node")?, offset: fields.signed("offset")? },
        "clock_drift" => {
            let node = fields.node("node")?;
            let ppm = fields.signed("ppm")?;
            let ppm = i32::try_from(ppm).map_err(|_| fields.error("ppm", format!("{ppm} is out of range")))?;
            Action::ClockDrift { node, ppm }
        }
        "clock_jump" => Action::ClockJump { node: fields.node("node")?, delta: fields.signed("delta")? },
        _ => Action::Input { node: fields.node("node")?, input: fields.take("input")? },
    })
}

/// An action object's fields, taken one by one.
struct Fields<'a> {
    path: &'a str,
    object: Map<String, Value>,
}

impl Fields<'_> {
    fn error(&self, name: &str, message: impl Into<String>) -> ScenarioError {
        ScenarioError::new(format!("{}.{name}", self.path), message)
    }

    fn take(&mut self, name: &str) -> Result<Value, ScenarioError> {
        self.object.remove(name).ok_or_else(|| self.error(name, "missing"))
    }

    fn unsigned(&mut self, name: &str) -> Result<u64, ScenarioError> {
        let value = self.take(name)?;
        value.as_u64().ok_or_else(|| self.error(name, format!("{value} is not a whole number from 0")))
    }

    fn signed(&mut self, name: &str) -> Result<i64, ScenarioError> {
        let value = self.take(name)?;
        value.as_i64().ok_or_else(|| self.error(name, format!("{value} is not a whole number")))
    }

    /// A node id, or any other field that fits in 32 bits.
    fn node(&mut self, name: &str) -> Result<NodeId, ScenarioError> {
        let n = self.unsigned(name)?;
        NodeId::try_from(n).map_err(|_| self.error(name, format!("{n} is out of range")))
    }

    fn groups(&mut self, name: &str) -> Result<Vec<Vec<NodeId>>, ScenarioError> {
        let not_groups = |fields: &Self| fields.error(name, "must be a list of lists of node ids");
        let Value::Array(groups) = self.take(name)? else { return Err(not_groups(self)) };
        groups
            .iter()
            .map(|group| {
                let Value::Array(members) = group else { return Err(not_groups(self)) };
                members
                    .iter()
                    .map(|m| m.as_u64().and_then(|m| NodeId::try_from(m).ok()).ok_or_else(|| not_groups(self)))
                    .collect()
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Every action, written by the derived serializer, reads back the same.
    #[test]
    fn every_action_reads_back_what_the_serializer_wrote() {
        let actions: Vec<Action<Value>> = vec![
            Action::Crash { node: 1 },
            Action::Restart { node: 2 },
            Action::Pause { node: 3 },
            Action::Resume { node: 4 },
            Action::LinkDown { from: 1, to: 2 },
            Action::LinkUp { from: 2, to: 1 },
            Action::Partition { groups: vec![vec![0, 1], vec![2]] },
            Action::HealAll,
            Action::SetLatency { min: 5, max: 9 },
            Action::SetLoss { ppm: 10 },
            Action::SetDuplication { ppm: 11 },
            Action::SetReordering { ppm: 12 },
            Action::DropMessage { id: 77 },
            Action::DelayMessage { id: 78, by: 2_000_000 },
            Action::ClockOffset { node: 1, offset: -5_000 },
            Action::ClockDrift { node: 1, ppm: -300 },
            Action::ClockJump { node: 2, delta: -2_000_000 },
            Action::Input { node: 3, input: json!({"kind": "put", "key": "x"}) },
        ];
        assert_eq!(actions.len(), SHAPES.len(), "one of each");
        for action in actions {
            let written = serde_json::to_value(&action).unwrap();
            assert_eq!(parse_action("a", written.clone()), Ok(action), "{written}");
        }
    }

    #[test]
    fn a_bad_action_names_its_field() {
        let cases = [
            (json!(3), "a"),
            (json!({"node": 1}), "a.type"),
            (json!({"type": 7}), "a.type"),
            (json!({"type": "explode"}), "a"),
            (json!({"type": "crash", "node": 1, "hard": true}), "a.hard"),
            (json!({"type": "crash"}), "a.node"),
            (json!({"type": "crash", "node": -1}), "a.node"),
            (json!({"type": "crash", "node": 5_000_000_000u64}), "a.node"),
            (json!({"type": "clock_jump", "node": 1, "delta": "back"}), "a.delta"),
            (json!({"type": "clock_drift", "node": 1, "ppm": 3_000_000_000i64}), "a.ppm"),
            (json!({"type": "partition", "groups": [[0], 1]}), "a.groups"),
            (json!({"type": "input", "node": 1}), "a.input"),
        ];
        for (value, field) in cases {
            let error = parse_action("a", value.clone()).unwrap_err();
            assert_eq!(error.field, field, "{value}: {error}");
        }
    }
}
