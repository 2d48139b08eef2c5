//! The share panel: share link, scenario export and import, trace export, the run's fingerprint.

use yew::prelude::*;

use super::browser;
use crate::ui::i18n::replay::{t, Key};
use crate::ui::i18n::use_lang;

/// A link made by the Share button.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SharedLink {
    /// The page URL carrying the scenario.
    pub url: String,
    /// Whether the clipboard took it.
    pub copied: bool,
}

/// Properties of [`SharePanel`].
#[derive(Properties, PartialEq, Clone)]
pub struct SharePanelProps {
    /// The last link made by Share (shown in a text field).
    #[prop_or_default]
    pub link: Option<SharedLink>,
    /// The run's trace fingerprint (shown in hex, in `data-testid="fingerprint"`).
    pub fingerprint: u64,
    /// Share was clicked.
    pub on_share: Callback<()>,
    /// Export the scenario as JSON.
    pub on_export_scenario: Callback<()>,
    /// A file was chosen for import: its text.
    pub on_import: Callback<String>,
    /// Export the trace as NDJSON.
    pub on_export_trace: Callback<()>,
    /// Why the last file could not be imported, shown under the import button.
    #[prop_or_default]
    pub import_error: Option<super::replayable::ReplayError>,
}

/// Buttons to share, export and import the run.
#[component]
pub fn SharePanel(props: &SharePanelProps) -> Html {
    let lang = use_lang();
    let on_import = props.on_import.clone();
    let onchange = Callback::from(move |e: Event| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        browser::read_chosen_file(&input, on_import.clone());
    });
    let select_all = Callback::from(|e: FocusEvent| e.target_unchecked_into::<web_sys::HtmlInputElement>().select());
    let link = props.link.as_ref().map(|link| {
        let status = if link.copied { Key::Copied } else { Key::CopyByHand };
        html! {
            <div class="share-result">
                <input type="text" readonly=true class="share-link" data-testid="share-link" value={link.url.clone()}
                       aria-label={t(lang, Key::ShareLink)} onfocus={select_all} />
                <p class="hint" role="status">{ t(lang, status) }</p>
            </div>
        }
    });
    html! {
        <section class="panel share-panel" data-testid="share-panel">
            <h2>{ t(lang, Key::ReplayTitle) }</h2>
            <div class="share-buttons">
                <button type="button" class={classes!("btn", "primary")} data-testid="share" title={t(lang, Key::ShareTitle)}
                        onclick={props.on_share.reform(|_: MouseEvent| ())}>{ t(lang, Key::Share) }</button>
                <button type="button" class="btn" data-testid="export-scenario" title={t(lang, Key::ExportScenarioTitle)}
                        onclick={props.on_export_scenario.reform(|_: MouseEvent| ())}>{ t(lang, Key::ExportScenario) }</button>
                <label class="btn file-button" title={t(lang, Key::ImportScenarioTitle)}>
                    { t(lang, Key::ImportScenario) }
                    <input type="file" accept=".json,application/json" data-testid="import-scenario" {onchange} />
                </label>
                <button type="button" class="btn" data-testid="export-trace" title={t(lang, Key::ExportTraceTitle)}
                        onclick={props.on_export_trace.reform(|_: MouseEvent| ())}>{ t(lang, Key::ExportTrace) }</button>
            </div>
            if let Some(error) = &props.import_error {
                <p class="import-error" role="alert" data-testid="import-error">{ error.text(lang) }</p>
            }
            { for link }
            <p class="fingerprint" title={t(lang, Key::FingerprintTitle)}>
                <span>{ t(lang, Key::Fingerprint) }</span>
                <code data-testid="fingerprint">{ format!("{:016x}", props.fingerprint) }</code>
            </p>
        </section>
    }
}
