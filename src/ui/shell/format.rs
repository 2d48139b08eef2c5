//! Number formatting for the page: virtual times (with their units in the page's language),
//! speeds, probabilities.

use crate::sim::{SimTime, MICROS_PER_MS, MICROS_PER_SEC, PPM};
use crate::ui::i18n::{t, Key, Lang};

/// A number and its unit in `lang` ("12.345 s", "12.345 秒").
fn with_unit(lang: Lang, number: String, unit: Key) -> String {
    format!("{number} {}", t(lang, unit))
}

/// Virtual time as seconds with millisecond precision ("12.345 s", "12.345 秒").
pub fn seconds(lang: Lang, t: SimTime) -> String {
    with_unit(lang, format!("{}.{:03}", t / 1_000_000, (t / 1000) % 1000), Key::Sec)
}

/// Virtual time as milliseconds with one decimal and the unit ("312.4 ms", "312.4 毫秒").
pub fn ms(lang: Lang, t: SimTime) -> String {
    with_unit(lang, millis(t), Key::Ms)
}

/// A whole duration as a setting names it: whole seconds when it is some ("2 s", "2 秒"), else
/// whole milliseconds ("300 ms", "300 毫秒").
pub fn duration(lang: Lang, t: SimTime) -> String {
    match t {
        t if t >= MICROS_PER_SEC && t % MICROS_PER_SEC == 0 => {
            with_unit(lang, (t / MICROS_PER_SEC).to_string(), Key::Sec)
        }
        t => with_unit(lang, (t / MICROS_PER_MS).to_string(), Key::Ms),
    }
}

/// Virtual time as milliseconds with one decimal ("312.4").
pub fn millis(t: SimTime) -> String {
    format!("{}.{}", t / 1000, (t % 1000) / 100)
}

/// A signed duration in microseconds as milliseconds ("+100 ms", "+100 毫秒").
pub fn signed_ms(lang: Lang, us: i64) -> String {
    with_unit(lang, format!("{:+}", us / 1000), Key::Ms)
}

/// A speed factor as people say it: "1/20×", "1×", "25×".
pub fn speed(factor: f64) -> String {
    if factor < 0.999 {
        format!("1/{}×", (1.0 / factor).round())
    } else {
        format!("{}×", (factor * 10.0).round() / 10.0)
    }
}

/// Slider position (tenths of a decade) to speed factor.
pub fn speed_from_slider(position: i32) -> f64 {
    10f64.powf(f64::from(position) / 10.0)
}

/// Speed factor to slider position (tenths of a decade).
pub fn slider_from_speed(factor: f64) -> i32 {
    (factor.log10() * 10.0).round() as i32
}

/// Parts per million to whole percent for a slider.
pub fn ppm_to_percent(ppm: u32) -> u32 {
    (ppm + 5_000) / 10_000
}

/// Whole percent from a slider to parts per million.
pub fn percent_to_ppm(percent: u32) -> u32 {
    percent.min(100) * (PPM / 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_carry_their_units_in_chinese_too() {
        assert_eq!(seconds(Lang::Zh, 12_345_678), "12.345 秒");
        assert_eq!(ms(Lang::Zh, 312_450), "312.4 毫秒");
        assert_eq!(ms(Lang::En, 312_450), "312.4 ms");
        assert_eq!(signed_ms(Lang::Zh, 100_000), "+100 毫秒");
        assert_eq!(duration(Lang::Zh, 2_000_000), "2 秒");
        assert_eq!(duration(Lang::En, 300_000), "300 ms");
        assert_eq!(duration(Lang::En, 1_500_000), "1500 ms");
        for t in [0, 999, 1_000_000, 61_250_000] {
            assert!(!seconds(Lang::Zh, t).ends_with(" s") && !ms(Lang::Zh, t).ends_with("ms"), "{t}");
        }
    }

    #[test]
    fn formats() {
        assert_eq!(seconds(Lang::En, 12_345_678), "12.345 s");
        assert_eq!(millis(312_450), "312.4");
        assert_eq!(speed(speed_from_slider(-13)), "1/20×");
        assert_eq!(speed(speed_from_slider(0)), "1×");
        assert_eq!(speed(speed_from_slider(20)), "100×");
        assert_eq!(speed(speed_from_slider(-30)), "1/1000×");
        assert_eq!(slider_from_speed(0.05), -13);
        assert_eq!(percent_to_ppm(25), 250_000);
        assert_eq!(ppm_to_percent(250_000), 25);
        assert_eq!(signed_ms(Lang::En, -100_000), "-100 ms");
    }
}
