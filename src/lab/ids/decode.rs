//! An ID split into the bit fields the page draws (the lecture's Snowflake picture), from the most
//! significant bit down, for every generator's format.

use crate::idgen::layout::{Layout, Preset};
use crate::idgen::Generator;

/// The format an ID is drawn in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IdFormat {
    /// Twitter's Snowflake: sign, 41 bits of ms, 5 datacenter, 5 worker, 12 sequence.
    Twitter,
    /// Sonyflake: sign, 39 bits of 10 ms, 8 sequence, 16 machine.
    Sonyflake,
    /// Baidu uid-generator: sign, 28 bits of seconds, 22 worker, 13 sequence.
    Baidu,
    /// UUID version 4 (RFC 9562 section 5.4).
    UuidV4,
    /// UUID version 7 (RFC 9562 section 5.7).
    UuidV7,
    /// A 64-bit counter (database, segment, Redis).
    Counter,
}

impl IdFormat {
    /// The format of `generator`'s IDs.
    pub fn of(generator: Generator) -> Self {
        match generator {
            Generator::Snowflake => IdFormat::Twitter,
            Generator::Sonyflake => IdFormat::Sonyflake,
            Generator::Baidu => IdFormat::Baidu,
            Generator::UuidV4 => IdFormat::UuidV4,
            Generator::UuidV7 => IdFormat::UuidV7,
            Generator::Database | Generator::Segment | Generator::Redis | Generator::RaftSegment => IdFormat::Counter,
        }
    }

    /// Its vocabulary name (the page translates it).
    pub fn name(self) -> &'static str {
        match self {
            IdFormat::Twitter => "snowflake",
            IdFormat::Sonyflake => "sonyflake",
            IdFormat::Baidu => "baidu_uid",
            IdFormat::UuidV4 => "uuid_v4",
            IdFormat::UuidV7 => "uuid_v7",
            IdFormat::Counter => "counter",
        }
    }

    /// Total bits.
    pub fn bits(self) -> u32 {
        match self {
            IdFormat::UuidV4 | IdFormat::UuidV7 => 128,
            _ => 64,
        }
    }

    /// The fields from the most significant bit down: vocabulary name and width.
    pub fn fields(self) -> Vec<(&'static str, u32)> {
        match self {
            IdFormat::Twitter => {
                vec![("sign", 1), ("timestamp", 41), ("datacenter", 5), ("worker", 5), ("sequence", 12)]
            }
            IdFormat::Sonyflake => vec![("sign", 1), ("timestamp", 39), ("sequence", 8), ("machine", 16)],
            IdFormat::Baidu => vec![("sign", 1), ("delta_seconds", 28), ("worker", 22), ("sequence", 13)],
            IdFormat::UuidV4 => {
                vec![("random", 48), ("version", 4), ("random", 12), ("variant", 2), ("random", 62)]
            }
            IdFormat::UuidV7 => {
                vec![("unix_ms", 48), ("version", 4), ("rand_a", 12), ("variant", 2), ("rand_b", 62)]
            }
            IdFormat::Counter => vec![("value", 64)],
        }
    }

    /// The Snowflake-family layout, if the format has one (for the time field's meaning).
    pub fn layout(self) -> Option<Layout> {
        match self {
            IdFormat::Twitter => Some(Preset::Twitter.layout()),
            IdFormat::Sonyflake => Some(Preset::Sonyflake.layout()),
            IdFormat::Baidu => Some(Preset::Baidu.layout()),
            _ => None,
        }
    }
}

/// One drawn field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    /// Vocabulary name ("timestamp", "worker", "sequence"...).
    pub name: &'static str,
    /// Width in bits.
    pub bits: u32,
    /// Its value.
    pub value: u128,
}

/// An ID and its fields.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodedId {
    /// The ID.
    pub id: u128,
    /// Its decimal text (IDs exceed JavaScript's safe integers).
    pub text: String,
    /// Its format.
    pub format: IdFormat,
    /// The fields from the most significant bit down; their widths add up to the format's bits.
    pub fields: Vec<Field>,
    /// The Unix millisecond its time field stands for, if it has one.
    pub unix_ms: Option<u64>,
}

/// Split `id` into `format`'s fields.
pub fn decode(id: u128, format: IdFormat) -> DecodedId {
    let mut left = format.bits();
    let fields = format
        .fields()
        .into_iter()
        .map(|(name, bits)| {
            left -= bits;
            Field { name, bits, value: (id >> left) & ((1u128 << bits) - 1) }
        })
        .collect();
    let unix_ms = match format.layout() {
        Some(layout) => Some(layout.unit_start_us(layout.decode(id as u64).time) / 1_000),
        None if format == IdFormat::UuidV7 => Some(crate::idgen::uuid::v7_unix_ms(id)),
        None => None,
    };
    let text = match format {
        IdFormat::UuidV4 | IdFormat::UuidV7 => crate::idgen::uuid::to_string(id),
        _ => id.to_string(),
    };
    DecodedId { id, text, format, fields, unix_ms }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::idgen::layout::{twitter_node, Decoded};

    #[test]
    fn every_format_covers_its_bits_exactly() {
        use IdFormat::*;
        for format in [Twitter, Sonyflake, Baidu, UuidV4, UuidV7, Counter] {
            let total: u32 = format.fields().iter().map(|f| f.1).sum();
            assert_eq!(total, format.bits(), "{format:?}");
        }
    }

    #[test]
    fn a_twitter_id_decodes_into_the_lectures_fields() {
        let layout = Preset::Twitter.layout();
        let id = layout.encode(Decoded { time: 1_000, node: twitter_node(3, 7), seq: 42 });
        let d = decode(u128::from(id), IdFormat::Twitter);
        let values: Vec<(&str, u128)> = d.fields.iter().map(|f| (f.name, f.value)).collect();
        assert_eq!(values, [("sign", 0), ("timestamp", 1_000), ("datacenter", 3), ("worker", 7), ("sequence", 42)]);
        assert_eq!(d.unix_ms, Some(1_288_834_974_657 + 1_000));
    }

    #[test]
    fn a_sonyflake_id_puts_the_sequence_above_the_machine() {
        let id = Preset::Sonyflake.layout().encode(Decoded { time: 5, node: 9, seq: 2 });
        let d = decode(u128::from(id), IdFormat::Sonyflake);
        let values: Vec<u128> = d.fields.iter().map(|f| f.value).collect();
        assert_eq!(values, [0, 5, 2, 9]);
    }

    #[test]
    fn a_v7_uuid_shows_its_version_variant_and_millisecond() {
        let id = crate::idgen::uuid::v7(1_704_067_200_123, 5, 6);
        let d = decode(id, IdFormat::UuidV7);
        assert_eq!(d.fields[0].value, 1_704_067_200_123);
        assert_eq!((d.fields[1].value, d.fields[3].value), (7, 0b10));
        assert_eq!(d.unix_ms, Some(1_704_067_200_123));
        assert_eq!(d.text.len(), 36);
    }
}
