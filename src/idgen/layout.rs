//! Bit layouts of time-ordered 64-bit IDs: Twitter's Snowflake, Sonyflake and Baidu's
//! uid-generator as presets of one engine, with encoding, decoding and each layout's capacity.

use serde::{Deserialize, Serialize};

/// Microseconds in a Julian year (365.25 days), for lifetimes.
const MICROS_PER_YEAR: u128 = 31_557_600_000_000;

/// A named layout preset.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Preset {
    /// Twitter: 1 sign bit, 41 bits of ms since 1288834974657, 5 datacenter, 5 worker, 12 sequence.
    #[default]
    Twitter,
    /// Sonyflake: 39 bits of 10 ms units since 2014-09-01, 8 sequence, 16 machine.
    Sonyflake,
    /// Baidu uid-generator: 1 sign bit, 28 bits of seconds since 2016-05-20 (Beijing), 22 worker, 13 sequence.
    Baidu,
}

/// Where the time, node and sequence fields sit in a 64-bit ID.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Layout {
    /// Bits of elapsed time units since the epoch.
    pub time_bits: u32,
    /// Microseconds per time unit (1,000 for milliseconds).
    pub unit_us: u64,
    /// The epoch, Unix milliseconds.
    pub epoch_ms: u64,
    /// Bits of machine (datacenter and worker) id.
    pub node_bits: u32,
    /// Bits of sequence within one time unit.
    pub seq_bits: u32,
    /// Sonyflake puts the sequence above the machine id; the others put it lowest.
    pub seq_above_node: bool,
}

/// An ID split into its fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Decoded {
    /// Time units since the epoch.
    pub time: u64,
    /// Machine id (Twitter: datacenter << 5 | worker).
    pub node: u64,
    /// Sequence within the time unit.
    pub seq: u64,
}

impl Preset {
    /// The preset's layout.
    pub fn layout(self) -> Layout {
        match self {
            Preset::Twitter => Layout {
                time_bits: 41,
                unit_us: 1_000,
                epoch_ms: 1_288_834_974_657,
                node_bits: 10,
                seq_bits: 12,
                seq_above_node: false,
            },
            Preset::Sonyflake => Layout {
                time_bits: 39,
                unit_us: 10_000,
                epoch_ms: 1_409_529_600_000,
                node_bits: 16,
                seq_bits: 8,
                seq_above_node: true,
            },
            Preset::Baidu => Layout {
                time_bits: 28,
                unit_us: 1_000_000,
                epoch_ms: 1_463_673_600_000,
                node_bits: 22,
                seq_bits: 13,
                seq_above_node: false,
            },
        }
    }
}

fn mask(bits: u32) -> u64 {
    (1u64 << bits) - 1
}

impl Layout {
    /// Largest sequence number in one time unit.
    pub fn max_seq(&self) -> u64 {
        mask(self.seq_bits)
    }

    /// How many machine ids there are.
    pub fn node_count(&self) -> u64 {
        1 << self.node_bits
    }

    /// IDs one node can issue per second (sequence numbers per unit times units per second).
    pub fn ids_per_second(&self) -> u64 {
        (1u64 << self.seq_bits) * 1_000_000 / self.unit_us
    }

    /// The last Unix millisecond the time field can hold.
    pub fn end_unix_ms(&self) -> u64 {
        self.epoch_ms + ((1u128 << self.time_bits) * u128::from(self.unit_us) / 1_000) as u64
    }

    /// How long the time field lasts, in years (for drawing only).
    pub fn lifetime_years(&self) -> f64 {
        ((1u128 << self.time_bits) * u128::from(self.unit_us)) as f64 / MICROS_PER_YEAR as f64
    }

    /// Time units since the epoch at Unix time `unix_us`; `None` before the epoch or past the end.
    pub fn units(&self, unix_us: u64) -> Option<u64> {
        let since = unix_us.checked_sub(self.epoch_ms * 1_000)?;
        Some(since / self.unit_us).filter(|&u| u <= mask(self.time_bits))
    }

    /// Unix microseconds at which time unit `units` begins.
    pub fn unit_start_us(&self, units: u64) -> u64 {
        self.epoch_ms * 1_000 + units * self.unit_us
    }

    /// Pack the fields into an ID (each field is masked to its width).
    pub fn encode(&self, d: Decoded) -> u64 {
        let (time, node, seq) = (d.time & mask(self.time_bits), d.node & mask(self.node_bits), d.seq & self.max_seq());
        let low_bits = self.node_bits + self.seq_bits;
        if self.seq_above_node {
            time << low_bits | seq << self.node_bits | node
        } else {
            time << low_bits | node << self.seq_bits | seq
        }
    }

    /// Split an ID into its fields.
    pub fn decode(&self, id: u64) -> Decoded {
        let low_bits = self.node_bits + self.seq_bits;
        let time = (id >> low_bits) & mask(self.time_bits);
        if self.seq_above_node {
            Decoded { time, node: id & mask(self.node_bits), seq: (id >> self.node_bits) & self.max_seq() }
        } else {
            Decoded { time, node: (id >> self.seq_bits) & mask(self.node_bits), seq: id & self.max_seq() }
        }
    }
}

/// Twitter's machine id from its datacenter and worker ids (5 bits each).
pub fn twitter_node(datacenter: u64, worker: u64) -> u64 {
    (datacenter & 31) << 5 | (worker & 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_layout_encodes_and_decodes_its_fields_round_trip() {
        for preset in [Preset::Twitter, Preset::Sonyflake, Preset::Baidu] {
            let l = preset.layout();
            assert_eq!(l.time_bits + l.node_bits + l.seq_bits, 63, "{preset:?}");
            for d in [
                Decoded { time: 0, node: 0, seq: 0 },
                Decoded { time: 123_456, node: 7, seq: 3 },
                Decoded { time: mask(l.time_bits), node: l.node_count() - 1, seq: l.max_seq() },
            ] {
                let id = l.encode(d);
                assert!(id < 1 << 63, "{preset:?}: the sign bit stays clear");
                assert_eq!(l.decode(id), d, "{preset:?}");
            }
        }
    }

    #[test]
    fn twitter_ids_keep_the_published_field_order() {
        let l = Preset::Twitter.layout();
        let id = l.encode(Decoded { time: 1, node: twitter_node(1, 2), seq: 3 });
        assert_eq!(id, 1 << 22 | 1 << 17 | 2 << 12 | 3);
        let sony = Preset::Sonyflake.layout().encode(Decoded { time: 1, node: 2, seq: 3 });
        assert_eq!(sony, 1 << 24 | 3 << 16 | 2, "Sonyflake: time, sequence, machine");
    }

    #[test]
    fn capacities_match_the_real_systems() {
        let (t, s, b) = (Preset::Twitter.layout(), Preset::Sonyflake.layout(), Preset::Baidu.layout());
        assert_eq!((t.node_count(), t.ids_per_second()), (1_024, 4_096_000));
        assert_eq!((s.node_count(), s.ids_per_second()), (65_536, 25_600));
        assert_eq!((b.node_count(), b.ids_per_second()), (4_194_304, 8_192));
        assert_eq!(t.lifetime_years() as u64, 69);
        assert_eq!(s.lifetime_years() as u64, 174);
        assert_eq!(b.lifetime_years() as u64, 8);
        assert_eq!(b.end_unix_ms(), 1_732_109_056_000, "Baidu's default epoch runs out in November 2024");
    }
}
