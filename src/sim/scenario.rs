//! Scenarios: seed + configuration + timed actions, as JSON, checked field by field.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use super::action::{Action, TimedAction};
use super::network::NetworkConfig;
use super::process::Process;
use super::time::{NodeId, SimTime};

/// Most nodes a cluster may have.
pub const MAX_NODES: u32 = 64;

/// Latest time a scenario may name (about eleven and a half days of virtual time).
pub const MAX_TIME: SimTime = 1_000_000 * super::time::MICROS_PER_SEC;

/// What every lab configuration tells the kernel: how many nodes, and the network's behaviour.
pub trait ClusterConfig {
    /// Number of nodes.
    fn nodes(&self) -> u32;
    /// The network at time 0.
    fn network(&self) -> &NetworkConfig;
    /// Check the lab's own fields; `Err((field, message))` names the field under `config`.
    fn validate_lab(&self) -> Result<(), (String, String)> {
        Ok(())
    }
}

/// The fields of a scenario file.
const FIELDS: [&str; 6] = ["lab", "seed", "config", "actions", "until", "liveness_from"];

/// A refused scenario: the field at fault (a JSON path like `actions[3].action.node`) and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioError {
    /// Where: `lab`, `seed`, `config.network.loss_ppm`, `actions[2].at`... (empty for the whole file).
    pub field: String,
    /// Why, in one sentence.
    pub message: String,
}

impl ScenarioError {
    pub(super) fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self { field: field.into(), message: message.into() }
    }
}

impl std::fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.field.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.field, self.message)
        }
    }
}

impl std::error::Error for ScenarioError {}

/// A complete, replayable run: the same scenario gives the same trace, event for event. Written
/// by the derived serializer, read by [`Scenario::from_json`] field by field.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Scenario<C, I> {
    /// Which lab it belongs to ("network", "raft"...).
    pub lab: String,
    /// Seed of the run's random number generator.
    pub seed: u64,
    /// The lab's configuration (node count, network, protocol parameters).
    pub config: C,
    /// What happens, in time order.
    pub actions: Vec<TimedAction<I>>,
    /// How long a batch run lasts (virtual microseconds); absent: one second past the last action.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<SimTime>,
    /// From this time on everything is repaired and the lab must make progress: a fuzz run's
    /// liveness phase, judged again when the recording is replayed (`distlab-sim run`); the run
    /// then ends where the judgement ends. Absent: liveness is not judged.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub liveness_from: Option<SimTime>,
}

/// The scenario type of a process.
pub type ScenarioOf<P> = Scenario<<P as Process>::Config, <P as Process>::Input>;

impl<C, I> Scenario<C, I>
where
    C: ClusterConfig + Serialize + DeserializeOwned,
    I: Serialize + DeserializeOwned,
{
    /// A scenario with no actions.
    pub fn new(lab: impl Into<String>, seed: u64, config: C) -> Self {
        Self { lab: lab.into(), seed, config, actions: Vec::new(), until: None, liveness_from: None }
    }

    /// Parse and check a scenario for lab `lab`. Every error names the field at fault.
    pub fn from_json(text: &str, lab: &str) -> Result<Self, ScenarioError> {
        let value: Value =
            serde_json::from_str(text).map_err(|e| ScenarioError::new("", format!("not valid JSON: {e}")))?;
        Self::from_value(value, lab)
    }

    /// Check and convert an already parsed JSON value.
    pub fn from_value(value: Value, lab: &str) -> Result<Self, ScenarioError> {
        let Value::Object(mut object) = value else {
            return Err(ScenarioError::new("", "a scenario is a JSON object with lab, seed, config and actions"));
        };
        for key in object.keys() {
            if !FIELDS.contains(&key.as_str()) {
                return Err(ScenarioError::new(key.clone(), format!("unknown field (expected {})", FIELDS.join(", "))));
            }
        }
        let mut take = |field: &str| object.remove(field).ok_or_else(|| ScenarioError::new(field, "missing"));
        let found_lab: String = field("lab", take("lab")?)?;
        if found_lab != lab {
            return Err(ScenarioError::new(
                "lab",
                format!("this scenario is for the \"{found_lab}\" lab, not \"{lab}\""),
            ));
        }
        let seed: u64 = field("seed", take("seed")?)?;
        let config: C = field("config", take("config")?)?;
        let Value::Array(raw_actions) = take("actions")? else {
            return Err(ScenarioError::new("actions", "must be an array"));
        };
        let mut actions = Vec::with_capacity(raw_actions.len());
        for (i, raw) in raw_actions.into_iter().enumerate() {
            actions.push(parse_action::<I>(i, raw)?);
        }
        let until = object.remove("until").map(|v| field("until", v)).transpose()?;
        let liveness_from = object.remove("liveness_from").map(|v| field("liveness_from", v)).transpose()?;
        let scenario = Self { lab: found_lab, seed, config, actions, until, liveness_from };
        scenario.validate()?;
        Ok(scenario)
    }

    /// Check the configuration and every action: node ids in range, times in order, sane values.
    pub fn validate(&self) -> Result<(), ScenarioError> {
        let nodes = self.config.nodes();
        if nodes == 0 || nodes > MAX_NODES {
            return Err(ScenarioError::new("config.nodes", format!("{nodes} is not between 1 and {MAX_NODES}")));
        }
        self.config.network().validate().map_err(|(f, m)| ScenarioError::new(format!("config.network.{f}"), m))?;
        self.config.validate_lab().map_err(|(f, m)| ScenarioError::new(format!("config.{f}"), m))?;
        let mut previous = 0;
        for (i, timed) in self.actions.iter().enumerate() {
            if timed.at > MAX_TIME {
                return Err(ScenarioError::new(
                    format!("actions[{i}].at"),
                    format!("{} is past the latest time {MAX_TIME}", timed.at),
                ));
            }
            if timed.at < previous {
                return Err(ScenarioError::new(
                    format!("actions[{i}].at"),
                    format!(
                        "{} is before the previous action's time {previous}: actions must be in time order",
                        timed.at
                    ),
                ));
            }
            previous = timed.at;
            validate_action(i, &timed.action, nodes)?;
        }
        if let Some(from) = self.liveness_from.filter(|&from| from > MAX_TIME) {
            return Err(ScenarioError::new("liveness_from", format!("{from} is past the latest time {MAX_TIME}")));
        }
        match self.until {
            Some(until) if until > MAX_TIME => {
                Err(ScenarioError::new("until", format!("{until} is past the latest time {MAX_TIME}")))
            }
            Some(until) if until < previous => {
                Err(ScenarioError::new("until", format!("{until} is before the last action's time {previous}")))
            }
            _ => Ok(()),
        }
    }

    /// When a batch run of this scenario ends: `until`, or one second past the last action.
    pub fn end(&self) -> SimTime {
        self.until.unwrap_or_else(|| self.actions.last().map_or(0, |a| a.at) + super::time::MICROS_PER_SEC)
    }

    /// This scenario as pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

fn field<T: DeserializeOwned>(name: &str, value: Value) -> Result<T, ScenarioError> {
    serde_json::from_value(value).map_err(|e| ScenarioError::new(name, e.to_string()))
}

fn parse_action<I: DeserializeOwned>(i: usize, raw: Value) -> Result<TimedAction<I>, ScenarioError> {
    let path = format!("actions[{i}]");
    let Value::Object(mut object) = raw else {
        return Err(ScenarioError::new(path, "an action is an object {\"at\": time, \"action\": {...}}"));
    };
    for key in object.keys() {
        if key != "at" && key != "action" {
            return Err(ScenarioError::new(format!("{path}.{key}"), "unknown field (expected at, action)"));
        }
    }
    let at = object.remove("at").ok_or_else(|| ScenarioError::new(format!("{path}.at"), "missing"))?;
    let at = field(&format!("{path}.at"), at)?;
    let action = object.remove("action").ok_or_else(|| ScenarioError::new(format!("{path}.action"), "missing"))?;
    let path = format!("{path}.action");
    let action = super::action_json::parse_action(&path, action)?
        .try_map_input(|input| field(&format!("{path}.input"), input))?;
    Ok(TimedAction { at, action })
}

fn validate_action<I>(i: usize, action: &Action<I>, nodes: u32) -> Result<(), ScenarioError> {
    let path = format!("actions[{i}].action");
    let check = |name: &str, node: NodeId| {
        if node >= nodes {
            Err(ScenarioError::new(
                format!("{path}.{name}"),
                format!("node {node} does not exist (this cluster has nodes 0 to {})", nodes - 1),
            ))
        } else {
            Ok(())
        }
    };
    match action {
        Action::LinkDown { from, to } | Action::LinkUp { from, to } => {
            check("from", *from)?;
            check("to", *to)
        }
        Action::Partition { groups } => {
            let mut seen = vec![false; nodes as usize];
            for (g, members) in groups.iter().enumerate() {
                for (k, &m) in members.iter().enumerate() {
                    check(&format!("groups[{g}][{k}]"), m)?;
                    if std::mem::replace(&mut seen[m as usize], true) {
                        return Err(ScenarioError::new(
                            format!("{path}.groups[{g}][{k}]"),
                            format!("node {m} is in two groups"),
                        ));
                    }
                }
            }
            Ok(())
        }
        Action::SetLatency { min, max } if min > max => {
            Err(ScenarioError::new(format!("{path}.min"), format!("{min} is above max {max}")))
        }
        Action::SetLoss { ppm } | Action::SetDuplication { ppm } | Action::SetReordering { ppm }
            if *ppm > super::time::PPM =>
        {
            Err(ScenarioError::new(format!("{path}.ppm"), format!("{ppm} is above 1000000")))
        }
        Action::ClockDrift { ppm, .. } if !(-500_000..=500_000).contains(ppm) => {
            Err(ScenarioError::new(format!("{path}.ppm"), format!("{ppm} is outside -500000..=500000")))
        }
        other => match other.nodes().first() {
            Some(&node) => check("node", node),
            None => Ok(()),
        },
    }
}
