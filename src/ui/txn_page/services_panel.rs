//! The participant services: each one's local database as tables — the account or stock row
//! (available and frozen, with a bar), the orders table, and its protection's table (the barrier,
//! the fence log, the status rows or XA's prepared branches; under the message patterns bank 1's
//! message table or transaction records and bank 2's processed-message table) — and what its
//! protection caught.

use std::rc::Rc;

use yew::prelude::*;

use crate::lab::txn::view::{GuardTable, Role, ServiceView};
use crate::ui::i18n::txn::{t, txn_word, Key};
use crate::ui::i18n::{fill, status_name, use_lang, Lang};

/// Properties of [`ServicesPanel`].
#[derive(Properties, PartialEq)]
pub struct ServicesPanelProps {
    /// The services, in branch order.
    pub services: Rc<Vec<ServiceView>>,
}

/// One card per service.
#[component]
pub fn ServicesPanel(props: &ServicesPanelProps) -> Html {
    let lang = use_lang();
    html! {
        <section class="panel txn-services" data-testid="services">
            <h2>{ t(lang, Key::Services) }</h2>
            <div class="service-cards">
                { for props.services.iter().map(|s| service(lang, s)) }
            </div>
        </section>
    }
}

fn service(lang: Lang, s: &ServiceView) -> Html {
    let role = Role::Service(s.service).name();
    let c = s.counts;
    let caught = c.empty_rollbacks + c.hangings + c.duplicates > 0;
    html! {
        <article key={s.node} class={classes!("service", s.status.as_str())} data-testid="service"
                 data-node={s.node.to_string()} data-service={role} data-state={s.status.as_str()}>
            <header>
                <strong>{ format!("N{} · {}", s.node, txn_word(lang, role)) }</strong>
                <span class={classes!("status", s.status.as_str())}>{ status_name(lang, s.status) }</span>
            </header>
            if let Some(h) = s.holding {
                { holding(lang, h.available, h.frozen, s.service.is_credit()) }
            } else {
                { orders(lang, s) }
            }
            { guard_table(lang, &s.table, s.table_total) }
            if caught {
                <p class="caught" data-testid="caught" data-empty={c.empty_rollbacks.to_string()}
                   data-hanging={c.hangings.to_string()} data-duplicates={c.duplicates.to_string()}>
                    { fill(t(lang, Key::Caught), &[
                        ("empty", &c.empty_rollbacks.to_string()),
                        ("hanging", &c.hangings.to_string()),
                        ("dup", &c.duplicates.to_string()),
                    ]) }
                </p>
            }
        </article>
    }
}

/// The account or stock row: two numbers and a bar, the frozen part hatched.
fn holding(lang: Lang, available: i64, frozen: i64, credit: bool) -> Html {
    let total = (available.max(0) + frozen.max(0)).max(1) as f64;
    let frozen_pct = frozen.max(0) as f64 / total * 100.0;
    html! {
        <div class="holding" data-testid="holding" data-available={available.to_string()} data-frozen={frozen.to_string()}>
            <dl>
                <div class={classes!("cell", (available < 0).then_some("bad"))}><dt>{ t(lang, Key::Available) }</dt><dd>{ available }</dd></div>
                <div class={classes!("cell", "frozen", (frozen != 0).then_some("hot"), (frozen < 0).then_some("bad"))}>
                    <dt>{ t(lang, if credit { Key::Incoming } else { Key::Frozen }) }</dt><dd>{ frozen }</dd>
                </div>
            </dl>
            <span class="holding-bar" role="img" aria-hidden="true">
                <span class="frozen-part" style={format!("width:{frozen_pct:.0}%")} />
            </span>
        </div>
    }
}

fn orders(lang: Lang, s: &ServiceView) -> Html {
    html! {
        <div class="orders" data-testid="orders" data-count={s.orders_total.to_string()}>
            <h3>{ t(lang, Key::OrdersTable) }</h3>
            if s.orders.is_empty() {
                <p class="hint">{ t(lang, Key::NoOrders) }</p>
            } else {
                <ul class="rows">
                    { for s.orders.iter().map(|(gid, status)| html! {
                        <li key={*gid} class={classes!("row", status.name())} data-gid={gid.to_string()} data-status={status.name()}>
                            <code>{ format!("#{gid}") }</code>{ " " }<span class="chip">{ txn_word(lang, status.name()) }</span>
                        </li>
                    }) }
                </ul>
                { earlier(lang, s.orders_total, s.orders.len()) }
            }
        </div>
    }
}

/// A note of the rows left out, if any.
fn earlier(lang: Lang, total: u64, shown: usize) -> Html {
    match total.saturating_sub(shown as u64) {
        0 => Html::default(),
        n => html! { <p class="hint earlier">{ fill(t(lang, Key::EarlierRows), &[("n", &n.to_string())]) }</p> },
    }
}

fn guard_table(lang: Lang, table: &GuardTable, total: u64) -> Html {
    let rows: Vec<(u64, &'static str, bool)> = match table {
        GuardTable::None => Vec::new(),
        GuardTable::StatusRows(r) | GuardTable::Barrier(r) => r.iter().map(|(g, op)| (*g, op.name(), false)).collect(),
        GuardTable::Fence(r) => r.iter().map(|(g, s)| (*g, s.name(), true)).collect(),
        GuardTable::Xa(r) => r.iter().map(|(g, s)| (*g, s.name(), true)).collect(),
        GuardTable::Outbox(r) => r.iter().map(|(g, row)| (*g, row.status.name(), true)).collect(),
        GuardTable::TxRecords(r) => r.iter().map(|g| (*g, "committed", true)).collect(),
        GuardTable::Processed(r) => r.iter().map(|g| (*g, "consumed", true)).collect(),
        GuardTable::NoProcessed => Vec::new(),
    };
    let name = table.name();
    html! {
        <div class={classes!("guard", name)} data-testid="guard-table" data-table={name} data-rows={total.to_string()}>
            <h3>{ txn_word(lang, name) }</h3>
            if *table == GuardTable::None {
                <p class="hint">{ t(lang, Key::NoTable) }</p>
            } else if *table == GuardTable::NoProcessed {
            } else if rows.is_empty() {
                <p class="hint">{ t(lang, Key::NoRows) }</p>
            } else {
                <ul class="rows">
                    { for rows.iter().map(|&(gid, what, worded)| html! {
                        <li class={classes!("row", what.replace(' ', "-"))} data-gid={gid.to_string()} data-value={what}>
                            <code>{ format!("#{gid}") }</code>{ " " }
                            <span class="chip">{ if worded { txn_word(lang, what) } else { what } }</span>
                        </li>
                    }) }
                </ul>
                { earlier(lang, total, rows.len()) }
            }
        </div>
    }
}
