//! Serde shapes shared by the result types (with the `serde` feature).

/// `Range<usize>` as the two-element array `[start, end]`, the shape of
/// [`crate::Span`], so that sentence index ranges and byte spans read alike in
/// JSON. Reading also accepts serde's default `{"start": s, "end": e}`, the shape
/// `bitext` 0.1 wrote; both refuse `start > end`.
///
/// Use with `#[serde(with = "crate::serde_util::range")]`.
pub(crate) mod range {
    use std::fmt;
    use std::ops::Range;

    use serde::de::{self, MapAccess, SeqAccess, Visitor};
    use serde::{Deserializer, Serialize, Serializer};

    pub(crate) fn serialize<S: Serializer>(r: &Range<usize>, s: S) -> Result<S::Ok, S::Error> {
        [r.start, r.end].serialize(s)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Range<usize>, D::Error> {
        // Self-describing formats (JSON) may hold either shape; others, such as
        // bincode, only what `serialize` wrote.
        if d.is_human_readable() {
            d.deserialize_any(RangeVisitor)
        } else {
            d.deserialize_tuple(2, RangeVisitor)
        }
    }

    struct RangeVisitor;

    fn checked<E: de::Error>(start: usize, end: usize) -> Result<Range<usize>, E> {
        if start > end {
            return Err(E::custom(format!("range start {start} after end {end}")));
        }
        Ok(start..end)
    }

    impl<'de> Visitor<'de> for RangeVisitor {
        type Value = Range<usize>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a range as `[start, end]`")
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let start: usize = seq
                .next_element()?
                .ok_or_else(|| de::Error::invalid_length(0, &self))?;
            let end: usize = seq
                .next_element()?
                .ok_or_else(|| de::Error::invalid_length(1, &self))?;
            if seq.next_element::<de::IgnoredAny>()?.is_some() {
                return Err(de::Error::invalid_length(3, &self));
            }
            checked(start, end)
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let (mut start, mut end) = (None, None);
            while let Some(key) = map.next_key::<String>()? {
                match key.as_str() {
                    "start" => start = Some(map.next_value::<usize>()?),
                    "end" => end = Some(map.next_value::<usize>()?),
                    _ => {
                        map.next_value::<de::IgnoredAny>()?;
                    }
                }
            }
            let start = start.ok_or_else(|| de::Error::missing_field("start"))?;
            let end = end.ok_or_else(|| de::Error::missing_field("end"))?;
            checked(start, end)
        }
    }
}

#[cfg(test)]
mod tests {
    use std::ops::Range;

    #[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
    struct Holder {
        #[serde(with = "super::range")]
        r: Range<usize>,
    }

    #[test]
    fn ranges_are_arrays_and_old_maps_still_read() {
        let h = Holder { r: 2..4 };
        let json = serde_json::to_string(&h).unwrap_or_default();
        assert_eq!(json, r#"{"r":[2,4]}"#);
        let back: Option<Holder> = serde_json::from_str(&json).ok();
        assert_eq!(back, Some(Holder { r: 2..4 }));
        let old: Option<Holder> = serde_json::from_str(r#"{"r":{"start":2,"end":4}}"#).ok();
        assert_eq!(old, Some(Holder { r: 2..4 }));
        for bad in [
            r#"{"r":[4,2]}"#,
            r#"{"r":[1]}"#,
            r#"{"r":[1,2,3]}"#,
            r#"{"r":{"end":2}}"#,
        ] {
            assert!(serde_json::from_str::<Holder>(bad).is_err(), "{bad}");
        }
    }
}
