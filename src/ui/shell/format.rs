//! Number formatting for the page: virtual times, speeds, probabilities.

use crate::sim::{SimTime, PPM};

/// Virtual time as seconds with millisecond precision ("12.345 s").
pub fn seconds(t: SimTime) -> String {
    format!("{}.{:03} s", t / 1_000_000, (t / 1000) % 1000)
}

/// Virtual time as milliseconds with one decimal ("312.4").
pub fn millis(t: SimTime) -> String {
    format!("{}.{}", t / 1000, (t % 1000) / 100)
}

/// A signed duration in microseconds as milliseconds ("+100 ms").
pub fn signed_ms(us: i64) -> String {
    format!("{:+} ms", us / 1000)
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
    fn formats() {
        assert_eq!(seconds(12_345_678), "12.345 s");
        assert_eq!(millis(312_450), "312.4");
        assert_eq!(speed(speed_from_slider(-13)), "1/20×");
        assert_eq!(speed(speed_from_slider(0)), "1×");
        assert_eq!(speed(speed_from_slider(20)), "100×");
        assert_eq!(speed(speed_from_slider(-30)), "1/1000×");
        assert_eq!(slider_from_speed(0.05), -13);
        assert_eq!(percent_to_ppm(25), 250_000);
        assert_eq!(ppm_to_percent(250_000), 25);
        assert_eq!(signed_ms(-100_000), "-100 ms");
    }
}
