//! Share links: a scenario's JSON deflated and written in URL-safe base64, the page query that
//! carries it (`?lab=raft&scenario=<code>&t=<µs>`), and the way back to a playing timeline.
//!
//! No web types here: the codec and the query are tested natively (`tests/share.rs`).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use miniz_oxide::inflate::TINFLStatus;
use serde::Serialize;

use crate::sim::{
    secs, Checker, ClusterConfig, Process, Retention, Scenario, ScenarioError, ScenarioOf, SimTime, Timeline,
};

/// Largest scenario JSON a share code may unpack to, in bytes (refuses zip bombs).
pub const MAX_JSON_BYTES: usize = 1 << 20;

/// How far past its last action a link may ask to land (a longer replay would freeze the page).
pub const MAX_LANDING_AFTER_SCRIPT: SimTime = secs(600);

/// miniz's best compression level.
const LEVEL: u8 = 9;

/// Why a share code cannot be opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareError {
    /// The code has characters a share code never has (a mangled or mistyped link).
    NotBase64(String),
    /// The code is the start of a share code that stops before its scenario ends (a link cut short).
    Truncated,
    /// The code is base64 but not a compressed scenario (random text, or a code from elsewhere).
    NotDeflate(String),
    /// It unpacks to more than [`MAX_JSON_BYTES`].
    TooLarge,
    /// It unpacks to bytes that are not UTF-8 text.
    NotText,
    /// The text is not a valid scenario of this lab: the scenario's own error, naming the field.
    Scenario(ScenarioError),
}

impl std::fmt::Display for ShareError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ShareError::NotBase64(e) => write!(f, "the code is not URL-safe base64 ({e})"),
            ShareError::Truncated => write!(f, "the code stops before its scenario ends (the link was cut short)"),
            ShareError::NotDeflate(e) => write!(f, "the code is not a compressed scenario ({e})"),
            ShareError::TooLarge => write!(f, "the code unpacks to more than {MAX_JSON_BYTES} bytes"),
            ShareError::NotText => write!(f, "the code unpacks to bytes that are not UTF-8 text"),
            ShareError::Scenario(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for ShareError {}

/// The share code of a scenario: its compact JSON, deflated, in URL-safe base64 without padding.
pub fn encode<C: Serialize, I: Serialize>(scenario: &Scenario<C, I>) -> String {
    encode_json(&serde_json::to_string(scenario).unwrap_or_default())
}

/// The share code of any text (normally a scenario's JSON).
pub fn encode_json(json: &str) -> String {
    URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(json.as_bytes(), LEVEL))
}

/// The text inside a share code, refused if it is not base64, not deflate, too large or not UTF-8.
/// A code cut short (its base64 or its deflate stream ends early) is told apart from random text.
pub fn decode_json(code: &str) -> Result<String, ShareError> {
    let code = code.trim();
    let bytes = match URL_SAFE_NO_PAD.decode(code) {
        Ok(bytes) => bytes,
        Err(e) => {
            // A cut in the middle of a base64 quantum: the whole quanta before it may still be
            // the start of a deflate stream, which then says whether the code was cut short.
            let whole = &code[..code.len() / 4 * 4];
            let cut = whole.len() < code.len()
                && matches!(inflate(&URL_SAFE_NO_PAD.decode(whole).unwrap_or_default()), Err(ShareError::Truncated));
            return Err(if cut { ShareError::Truncated } else { ShareError::NotBase64(e.to_string()) });
        }
    };
    let text = inflate(&bytes)?;
    String::from_utf8(text).map_err(|_| ShareError::NotText)
}

/// The bytes a deflate stream unpacks to, at most [`MAX_JSON_BYTES`]; a stream that needs more
/// input than it has is [`ShareError::Truncated`].
fn inflate(bytes: &[u8]) -> Result<Vec<u8>, ShareError> {
    miniz_oxide::inflate::decompress_to_vec_with_limit(bytes, MAX_JSON_BYTES).map_err(|e| match e.status {
        TINFLStatus::HasMoreOutput => ShareError::TooLarge,
        TINFLStatus::FailedCannotMakeProgress if !bytes.is_empty() => ShareError::Truncated,
        status => ShareError::NotDeflate(format!("{status:?}")),
    })
}

/// The scenario of lab `lab` inside a share code, checked field by field.
pub fn decode<P: Process>(code: &str, lab: &str) -> Result<ScenarioOf<P>, ShareError>
where
    P::Config: ClusterConfig,
{
    ScenarioOf::<P>::from_json(&decode_json(code)?, lab).map_err(ShareError::Scenario)
}

/// Open a share code as a timeline of lab `lab`: its scenario replayed to `at` (by default the time
/// of its last action; at most [`MAX_LANDING_AFTER_SCRIPT`] past it), every event due by then handled.
pub fn open<P, C>(
    code: &str,
    lab: &str,
    retention: Retention,
    at: Option<SimTime>,
) -> Result<Timeline<P, C>, ShareError>
where
    P: Process,
    P::Config: ClusterConfig,
    C: Checker<P>,
{
    let (mut timeline, target) = open_at_start::<P, C>(code, lab, retention, at)?;
    timeline.seek(target);
    Ok(timeline)
}

/// Open a share code as a timeline of lab `lab` at 0 s, with the time [`open`] would land at: the
/// page replays to it in slices, showing progress, so that a far time does not freeze the tab.
pub fn open_at_start<P, C>(
    code: &str,
    lab: &str,
    retention: Retention,
    at: Option<SimTime>,
) -> Result<(Timeline<P, C>, SimTime), ShareError>
where
    P: Process,
    P::Config: ClusterConfig,
    C: Checker<P>,
{
    let scenario = decode::<P>(code, lab)?;
    let timeline = Timeline::<P, C>::new(scenario, retention).map_err(ShareError::Scenario)?;
    let target = landing_time(&timeline, at);
    Ok((timeline, target))
}

/// Where a timeline opened from a link or a file lands: the time asked for, else the scenario's
/// `until` (where an exported run was, where a named lesson is shown), else its last action; at
/// most [`MAX_LANDING_AFTER_SCRIPT`] past the last action.
pub fn landing_time<P, C>(timeline: &Timeline<P, C>, at: Option<SimTime>) -> SimTime
where
    P: Process,
    P::Config: ClusterConfig,
    C: Checker<P>,
{
    let end = timeline.script_end();
    at.or(timeline.scenario().until).unwrap_or(end).min(end.saturating_add(MAX_LANDING_AFTER_SCRIPT))
}

/// What a page URL's query asks for: which lab, which shared scenario, which time to land at.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageLink {
    /// `lab=`: the lab to show ("network", "raft").
    pub lab: Option<String>,
    /// `scenario=`: a share code.
    pub scenario: Option<String>,
    /// `t=`: virtual microseconds to land at.
    pub t: Option<SimTime>,
}

impl PageLink {
    /// Parse a query like `?lab=raft&scenario=...&t=12000` (the `?` is optional, unknown
    /// parameters and a `t` that is not a number are ignored).
    pub fn parse(query: &str) -> Self {
        let mut link = PageLink::default();
        for pair in query.trim_start_matches('?').split('&') {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            match name {
                "lab" if !value.is_empty() => link.lab = Some(value.to_string()),
                "scenario" => link.scenario = Some(value.to_string()),
                "t" => link.t = value.parse().ok(),
                _ => {}
            }
        }
        link
    }

    /// The plain link to lab `lab` (no scenario).
    pub fn of_lab(lab: &str) -> Self {
        Self { lab: Some(lab.to_string()), ..Self::default() }
    }

    /// The link to a shared scenario of `lab` landing at `t`.
    pub fn shared(lab: &str, code: String, t: SimTime) -> Self {
        Self { lab: Some(lab.to_string()), scenario: Some(code), t: Some(t) }
    }

    /// The run this link asks lab `lab` to open: `None` when it carries no scenario or names
    /// another lab. The app opens `?scenario=` links with it (and so do the tests).
    pub fn open<P, C>(&self, lab: &str, retention: Retention) -> Option<Result<Timeline<P, C>, ShareError>>
    where
        P: Process,
        P::Config: ClusterConfig,
        C: Checker<P>,
    {
        self.open_at_start::<P, C>(lab, retention).map(|opened| {
            opened.map(|(mut timeline, target)| {
                timeline.seek(target);
                timeline
            })
        })
    }

    /// Like [`PageLink::open`], but the timeline is at 0 s, with the time to land at.
    pub fn open_at_start<P, C>(
        &self,
        lab: &str,
        retention: Retention,
    ) -> Option<Result<(Timeline<P, C>, SimTime), ShareError>>
    where
        P: Process,
        P::Config: ClusterConfig,
        C: Checker<P>,
    {
        if self.lab.as_deref().is_some_and(|wanted| wanted != lab) {
            return None;
        }
        self.scenario.as_deref().map(|code| open_at_start::<P, C>(code, lab, retention, self.t))
    }

    /// The query for this link, `?` first (share codes need no escaping: they are URL-safe).
    pub fn to_query(&self) -> String {
        let mut parts = Vec::new();
        if let Some(lab) = &self.lab {
            parts.push(format!("lab={lab}"));
        }
        if let Some(code) = &self.scenario {
            parts.push(format!("scenario={code}"));
        }
        if let Some(t) = self.t {
            parts.push(format!("t={t}"));
        }
        format!("?{}", parts.join("&"))
    }
}
