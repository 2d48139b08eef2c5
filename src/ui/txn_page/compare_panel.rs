//! The comparison view: TCC, Saga, the local message table and transactional messages on the same
//! workload under the same faults, side by side (messages per transfer, time to consistency,
//! resources held, what each lost with and without its protection). Computed on request, not per
//! frame: eight short runs that do not touch the page's own.

use std::rc::Rc;

use yew::prelude::*;

use super::switches_panel::pattern_name;
use crate::lab::txn::compare::{compare, Compared};
use crate::ui::i18n::txn::{t, txn_word, Key};
use crate::ui::i18n::{fill, use_lang, Lang};
use crate::ui::shell::format;

/// The comparison, run when asked.
#[component]
pub fn ComparePanel() -> Html {
    let lang = use_lang();
    let rows = use_state(|| None::<Rc<Vec<Compared>>>);
    let onclick = {
        let rows = rows.clone();
        Callback::from(move |_: MouseEvent| rows.set(Some(Rc::new(compare()))))
    };
    html! {
        <section class="panel txn-compare" data-testid="compare">
            <h2>{ t(lang, Key::Compare) }</h2>
            <p class="hint">{ t(lang, Key::CompareHint) }</p>
            <button type="button" class="btn primary" data-testid="compare-run" {onclick}>{ t(lang, Key::CompareRun) }</button>
            if let Some(rows) = &*rows {
                <table class="tx-log compare">
                    <thead><tr>
                        <th>{ t(lang, Key::ComparePattern) }</th>
                        <th>{ t(lang, Key::CompareCompleted) }</th>
                        <th>{ t(lang, Key::CompareMessages) }</th>
                        <th>{ t(lang, Key::CompareConsistency) }</th>
                        <th>{ t(lang, Key::CompareHeld) }</th>
                        <th>{ t(lang, Key::CompareProtected) }</th>
                        <th>{ t(lang, Key::CompareUnprotected) }</th>
                    </tr></thead>
                    <tbody>{ for rows.iter().map(|r| row(lang, r)) }</tbody>
                </table>
            }
        </section>
    }
}

fn lost(lang: Lang, verdict: Option<(&'static str, &'static str)>) -> Html {
    match verdict {
        None => html! { <span class="chip ok">{ t(lang, Key::CompareNothing) }</span> },
        Some((invariant, code)) => {
            html! { <span class="chip bad" data-code={code}>{ txn_word(lang, invariant) }</span> }
        }
    }
}

fn row(lang: Lang, r: &Compared) -> Html {
    let ms = |t: u64| format::ms(lang, t);
    let consistency = match r.consistency.mean() {
        Some(mean) => format!("{} / {}", ms(mean), ms(r.consistency.max)),
        None => "–".to_string(),
    };
    let held = fill(
        t(lang, Key::CompareHeldValue),
        &[("frozen", &r.peak_frozen.to_string()), ("waiting", &r.peak_waiting.to_string())],
    );
    html! {
        <tr data-testid="compare-row" data-pattern={format!("{:?}", r.pattern)}
            data-messages={format!("{}.{}", r.messages_x10 / 10, r.messages_x10 % 10)}
            data-lost={r.unprotected.map_or("", |v| v.1)}>
            <td>{ t(lang, pattern_name(r.pattern)) }</td>
            <td class="num">{ format!("{} / {}", r.completed, r.started) }</td>
            <td class="num">{ format!("{}.{}", r.messages_x10 / 10, r.messages_x10 % 10) }</td>
            <td class="num">{ consistency }</td>
            <td>{ held }</td>
            <td>{ lost(lang, r.protected) }</td>
            <td>{ lost(lang, r.unprotected) }</td>
        </tr>
    }
}
