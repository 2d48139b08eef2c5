//! The run's counters: transactions started, confirmed, cancelled and in progress, retries, what the
//! protections caught (empty rollbacks, hangings, repeats), dirty reads, blocked prepares, and the
//! time to settle; under the message patterns the check-backs, redeliveries and discards; and the
//! time to consistency of every pattern.

use std::rc::Rc;

use yew::prelude::*;

use crate::lab::txn::view::Counters;
use crate::ui::i18n::txn::{t, Key};
use crate::ui::i18n::use_lang;
use crate::ui::shell::format;

/// Properties of [`CountersPanel`].
#[derive(Properties, PartialEq)]
pub struct CountersPanelProps {
    /// The counters.
    pub counters: Rc<Counters>,
    /// Whether the run uses a message pattern (its counters replace the manager's times).
    #[prop_or_default]
    pub by_message: bool,
}

/// A grid of labelled numbers, each with `data-testid` and `data-value`.
#[component]
pub fn CountersPanel(props: &CountersPanelProps) -> Html {
    let lang = use_lang();
    let c = &props.counters;
    let n = &c.totals;
    let stat = |testid: &'static str, key: Key, value: String, class: Option<&'static str>| {
        html! {
            <div class={classes!("stat", class)} data-testid={testid} data-value={value.clone()}>
                <dt>{ t(lang, key) }</dt><dd>{ value }</dd>
            </div>
        }
    };
    let time = |t: Option<u64>| t.map_or_else(|| "–".to_string(), |t| format::ms(lang, t));
    let caught = |v: u64| (v > 0).then_some("good");
    let by_message = props.by_message;
    html! {
        <section class="panel txn-counters" data-testid="txn-counters">
            <h2>{ t(lang, Key::Counters) }</h2>
            <dl class="stats">
                { stat("started", Key::Started, n.started.to_string(), None) }
                { stat("confirmed", Key::Confirmed, n.confirmed.to_string(), None) }
                { stat("cancelled", Key::Cancelled, n.cancelled.to_string(), None) }
                { stat("in-progress", Key::InProgress, c.in_progress.to_string(), None) }
                { stat("duplicates-skipped", Key::DupSkipped, n.duplicates_skipped.to_string(), caught(n.duplicates_skipped)) }
                if by_message {
                    { stat("check-backs", Key::CheckBacks, n.check_backs.to_string(), None) }
                    { stat("redelivered", Key::Redelivered, n.redelivered.to_string(), None) }
                    { stat("discarded", Key::DiscardedCount, n.discarded.to_string(), (n.discarded > 0).then_some("bad")) }
                } else {
                    { stat("retries", Key::Retries, n.retries.to_string(), None) }
                    { stat("empty-rollbacks-caught", Key::EmptyCaught, n.empty_rollbacks_caught.to_string(), caught(n.empty_rollbacks_caught)) }
                    { stat("hangings-caught", Key::HangingCaught, n.hangings_caught.to_string(), caught(n.hangings_caught)) }
                    { stat("dirty-reads", Key::DirtyReads, n.dirty_reads.to_string(), (n.dirty_reads > 0).then_some("bad")) }
                    { stat("blocked", Key::Blocked, n.blocked.to_string(), None) }
                    { stat("settle-mean", Key::SettleMean, time(c.settle_mean), None) }
                    { stat("settle-max", Key::SettleMax, time(c.settle_max), None) }
                }
                { stat("consistency-mean", Key::Consistency, time(c.consistency.mean()), None) }
                { stat("consistency-max", Key::ConsistencyMax, time((c.consistency.count > 0).then_some(c.consistency.max)), None) }
                { stat("not-consistent", Key::NotConsistent, c.consistency.open.to_string(), None) }
            </dl>
        </section>
    }
}
