//! The latest ID of each application server decoded into its bit fields, drawn as the lecture's
//! Snowflake picture (1 | 41 bits of time | 10 bits of machine | 12 bits of sequence) with the live
//! values; the other layouts with their own widths, UUIDs with their version and variant.

use std::rc::Rc;

use yew::prelude::*;

use super::generator_panel::grouped;
use crate::lab::ids::decode::{Field, IdFormat};
use crate::lab::ids::view::AppRow;
use crate::ui::i18n::ids::{field_name, id_word, t, Key};
use crate::ui::i18n::{fill, use_lang, Lang};

/// Properties of [`IdPicture`].
#[derive(Properties, PartialEq)]
pub struct IdPictureProps {
    /// The format the IDs are drawn in.
    pub format: IdFormat,
    /// The application servers with their latest IDs.
    pub apps: Rc<Vec<AppRow>>,
}

/// The colour class of a field: time, machine, sequence, fixed or random bits.
fn tone(name: &str) -> &'static str {
    match name {
        "timestamp" | "delta_seconds" | "unix_ms" => "time",
        "datacenter" | "worker" | "machine" => "machine",
        "sequence" | "value" => "sequence",
        "sign" | "version" | "variant" => "fixed",
        _ => "random",
    }
}

/// A field's value as drawn: decimal, or hexadecimal for a UUID's wide fields.
fn value_text(format: IdFormat, f: &Field) -> String {
    match format {
        IdFormat::UuidV4 | IdFormat::UuidV7 if f.bits > 8 && f.name != "unix_ms" => {
            format!("{:0width$x}", f.value, width = f.bits.div_ceil(4) as usize)
        }
        _ => f.value.to_string(),
    }
}

/// Days since 1970-01-01 to (year, month, day) (Howard Hinnant's civil_from_days).
fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// A Unix millisecond as "2024-01-01 00:00:01.234 UTC".
pub fn utc(unix_ms: u64) -> String {
    let ms = unix_ms as i64;
    let (days, rest) = (ms.div_euclid(86_400_000), ms.rem_euclid(86_400_000));
    let (y, m, d) = civil(days);
    let (h, min, s, milli) = (rest / 3_600_000, rest / 60_000 % 60, rest / 1_000 % 60, rest % 1_000);
    format!("{y}-{m:02}-{d:02} {h:02}:{min:02}:{s:02}.{milli:03} UTC")
}

/// The format's facts: a layout's lifetime, rate and machine count; what a UUID or counter is.
fn facts(lang: Lang, format: IdFormat) -> String {
    match format.layout() {
        Some(layout) => fill(
            t(lang, Key::LayoutFacts),
            &[
                ("years", &format!("{:.0}", layout.lifetime_years())),
                ("end", &utc(layout.end_unix_ms())[..4]),
                ("rate", &grouped(layout.ids_per_second())),
                ("nodes", &grouped(layout.node_count())),
            ],
        ),
        None if format == IdFormat::Counter => t(lang, Key::CounterFacts).to_string(),
        None => t(lang, Key::UuidFacts).to_string(),
    }
}

fn bits_label(lang: Lang, bits: u32) -> String {
    if bits == 1 {
        t(lang, Key::Bit).to_string()
    } else {
        fill(t(lang, Key::Bits), &[("n", &bits.to_string())])
    }
}

/// The decoded IDs.
#[component]
pub fn IdPicture(props: &IdPictureProps) -> Html {
    let lang = use_lang();
    let format = props.format;
    let fields = format.fields();
    let columns: Vec<String> = fields
        .iter()
        .map(|&(name, bits)| {
            let least = if bits == 1 {
                "2.2rem"
            } else if tone(name) == "time" {
                "7.5rem"
            } else {
                "3.4rem"
            };
            format!("minmax({least}, {bits}fr)")
        })
        .collect();
    let style = format!("grid-template-columns: 3.4rem {}", columns.join(" "));
    // Twitter's datacenter and worker fields are the lecture's 10-bit machine ID.
    let bracket = (format == IdFormat::Twitter).then(|| {
        html! {
            <>
                <span class="corner" />
                <span class="blank" style="grid-column: span 2" />
                <span class="bracket" style="grid-column: span 2">{ t(lang, Key::MachineBracket) }</span>
                <span class="blank" />
            </>
        }
    });
    html! {
        <section class="panel id-picture" data-testid="id-picture" data-format={format.name()} tabindex="0">
            <h2>{ t(lang, Key::LatestIds) }</h2>
            <p class="format-facts">
                <strong>{ fill("{f} · {b}", &[("f", id_word(lang, format.name())), ("b", &bits_label(lang, format.bits()))]) }</strong>
                { " · " }{ facts(lang, format) }
            </p>
            <div class="id-fields" {style}>
                { for bracket }
                <span class="corner" />
                { for fields.iter().map(|&(name, bits)| html! {
                    <div class={classes!("field-head", tone(name))} data-field={name}>
                        <b>{ bits_label(lang, bits) }</b>
                        <span>{ field_name(lang, format, name) }</span>
                    </div>
                }) }
                { for props.apps.iter().map(|app| row(lang, format, app)) }
            </div>
        </section>
    }
}

/// One server's latest ID: its fields, then the whole ID and the time it stands for.
fn row(lang: Lang, format: IdFormat, app: &AppRow) -> Html {
    let who = html! {
        <div class="who" data-node={app.node.to_string()}>
            <strong>{ format!("N{}", app.node) }</strong>
            <span class={classes!("state-chip", app.status.name())}>{ id_word(lang, app.status.name()) }</span>
        </div>
    };
    let Some((_, id)) = &app.latest else {
        return html! {
            <>
                { who }
                <div class="no-id hint" style="grid-column: 2 / -1">{ t(lang, Key::NoIdYet) }</div>
            </>
        };
    };
    html! {
        <>
            { who }
            { for id.fields.iter().map(|f| {
                let name = field_name(lang, format, f.name);
                let binary = format!("{:0width$b}", f.value, width = f.bits as usize);
                let title = fill(t(lang, Key::FieldTitle), &[("name", name), ("value", &f.value.to_string()), ("bits", &f.bits.to_string()), ("binary", &binary)]);
                html! {
                    <div class={classes!("field-value", tone(f.name))} data-testid="id-field" data-node={app.node.to_string()}
                         data-field={f.name} data-bits={f.bits.to_string()} data-value={f.value.to_string()} {title}>
                        { value_text(format, f) }
                    </div>
                }
            }) }
            <div class="id-text" style="grid-column: 2 / -1" data-testid="latest-id" data-node={app.node.to_string()} data-id={id.text.clone()}>
                <code>{ &id.text }</code>
                if let Some(ms) = id.unix_ms {
                    <span class="id-time">{ format!(" = {}", utc(ms)) }</span>
                }
            </div>
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unix_milliseconds_read_as_utc_dates() {
        assert_eq!(utc(0), "1970-01-01 00:00:00.000 UTC");
        assert_eq!(utc(1_704_067_200_123), "2024-01-01 00:00:00.123 UTC");
        assert_eq!(utc(1_288_834_974_657), "2010-11-04 01:42:54.657 UTC");
        assert_eq!(&utc(4_102_444_800_000)[..10], "2100-01-01");
    }

    #[test]
    fn numbers_are_grouped_by_three() {
        assert_eq!(grouped(4_096_000), "4\u{202f}096\u{202f}000");
        assert_eq!(grouped(100), "100");
    }
}
