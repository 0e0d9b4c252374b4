// The support code of database.rs, module `pg`: serde adapters that read and write values
// exactly as PostgreSQL's `to_jsonb` (and so PostgREST) writes them. gen-types copies the
// sections the generated types use (between `// @section` lines) into `pub mod pg`.

// @section patch
/// A `serde_with` adapter for `Option<Option<T>>` fields of Update (and some Insert) types:
/// `None` leaves the column out, `Some(None)` sends `null` (SQL NULL), `Some(Some(v))` sends
/// the value through the adapter `S`. Use it with `#[serde(default, skip_serializing_if =
/// "Option::is_none")]`.
pub struct Patch<S>(::std::marker::PhantomData<S>);

impl<T, S: ::serde_with::SerializeAs<T>> ::serde_with::SerializeAs<::std::option::Option<::std::option::Option<T>>> for Patch<S> {
    fn serialize_as<Z: ::serde::Serializer>(
        value: &::std::option::Option<::std::option::Option<T>>,
        serializer: Z,
    ) -> ::std::result::Result<Z::Ok, Z::Error> {
        match value {
            ::std::option::Option::Some(::std::option::Option::Some(v)) => {
                S::serialize_as(v, serializer)
            }
            _ => serializer.serialize_none(),
        }
    }
}

impl<'de, T, S: ::serde_with::DeserializeAs<'de, T>> ::serde_with::DeserializeAs<'de, ::std::option::Option<::std::option::Option<T>>> for Patch<S> {
    fn deserialize_as<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<::std::option::Option<::std::option::Option<T>>, D::Error> {
        // Called only when the key is present: `null` is Some(None).
        let inner: ::std::option::Option<T> =
            <::std::option::Option<S> as ::serde_with::DeserializeAs<'de, ::std::option::Option<T>>>::deserialize_as(deserializer)?;
        ::std::result::Result::Ok(::std::option::Option::Some(inner))
    }
}

// @section float
/// A `serde_with` adapter for `f32`/`f64`: a JSON number, or for the non-finite values the
/// strings `"NaN"`, `"Infinity"` and `"-Infinity"` that PostgreSQL writes.
pub struct Float;

impl ::serde_with::SerializeAs<f64> for Float {
    fn serialize_as<S: ::serde::Serializer>(
        value: &f64,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        if value.is_nan() {
            serializer.serialize_str("NaN")
        } else if value.is_infinite() {
            serializer.serialize_str(if *value > 0.0 { "Infinity" } else { "-Infinity" })
        } else {
            serializer.serialize_f64(*value)
        }
    }
}

impl<'de> ::serde_with::DeserializeAs<'de, f64> for Float {
    fn deserialize_as<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<f64, D::Error> {
        struct V;
        impl<'de> ::serde::de::Visitor<'de> for V {
            type Value = f64;
            fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str("a number, \"NaN\", \"Infinity\" or \"-Infinity\"")
            }
            fn visit_f64<E: ::serde::de::Error>(self, v: f64) -> ::std::result::Result<f64, E> {
                ::std::result::Result::Ok(v as f64)
            }
            fn visit_i64<E: ::serde::de::Error>(self, v: i64) -> ::std::result::Result<f64, E> {
                ::std::result::Result::Ok(v as f64)
            }
            fn visit_u64<E: ::serde::de::Error>(self, v: u64) -> ::std::result::Result<f64, E> {
                ::std::result::Result::Ok(v as f64)
            }
            fn visit_str<E: ::serde::de::Error>(self, v: &str) -> ::std::result::Result<f64, E> {
                match v {
                    "NaN" => ::std::result::Result::Ok(<f64>::NAN),
                    "Infinity" => ::std::result::Result::Ok(<f64>::INFINITY),
                    "-Infinity" => ::std::result::Result::Ok(<f64>::NEG_INFINITY),
                    _ => ::std::result::Result::Err(E::invalid_value(::serde::de::Unexpected::Str(v), &self)),
                }
            }
        }
        deserializer.deserialize_any(V)
    }
}

impl ::serde_with::SerializeAs<f32> for Float {
    fn serialize_as<S: ::serde::Serializer>(
        value: &f32,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        if value.is_nan() {
            serializer.serialize_str("NaN")
        } else if value.is_infinite() {
            serializer.serialize_str(if *value > 0.0 { "Infinity" } else { "-Infinity" })
        } else {
            serializer.serialize_f32(*value)
        }
    }
}

impl<'de> ::serde_with::DeserializeAs<'de, f32> for Float {
    fn deserialize_as<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<f32, D::Error> {
        struct V;
        impl<'de> ::serde::de::Visitor<'de> for V {
            type Value = f32;
            fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str("a number, \"NaN\", \"Infinity\" or \"-Infinity\"")
            }
            fn visit_f64<E: ::serde::de::Error>(self, v: f64) -> ::std::result::Result<f32, E> {
                ::std::result::Result::Ok(v as f32)
            }
            fn visit_i64<E: ::serde::de::Error>(self, v: i64) -> ::std::result::Result<f32, E> {
                ::std::result::Result::Ok(v as f32)
            }
            fn visit_u64<E: ::serde::de::Error>(self, v: u64) -> ::std::result::Result<f32, E> {
                ::std::result::Result::Ok(v as f32)
            }
            fn visit_str<E: ::serde::de::Error>(self, v: &str) -> ::std::result::Result<f32, E> {
                match v {
                    "NaN" => ::std::result::Result::Ok(<f32>::NAN),
                    "Infinity" => ::std::result::Result::Ok(<f32>::INFINITY),
                    "-Infinity" => ::std::result::Result::Ok(<f32>::NEG_INFINITY),
                    _ => ::std::result::Result::Err(E::invalid_value(::serde::de::Unexpected::Str(v), &self)),
                }
            }
        }
        deserializer.deserialize_any(V)
    }
}


// @section decimal
/// A `serde_with` adapter for `rust_decimal::Decimal` that keeps every digit: it reads the
/// JSON number's own text (through `serde_json::value::RawValue`, so it needs serde_json's
/// `raw_value` feature but not `arbitrary_precision`) and writes the decimal's text as a
/// JSON number. `"NaN"`, `"Infinity"`, `"-Infinity"` and numbers that do not fit a `Decimal`
/// (more than 28 fractional digits, or beyond ±7.9e28) are errors: type such columns
/// `pg::Numeric` with `overrides`. It reads from JSON text (`serde_json::from_str`,
/// `from_slice`, `from_reader`), not from a `serde_json::Value`, which has already rounded
/// the number.
pub struct Decimal;

impl ::serde_with::SerializeAs<::rust_decimal::Decimal> for Decimal {
    fn serialize_as<S: ::serde::Serializer>(
        value: &::rust_decimal::Decimal,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        let raw = ::serde_json::value::RawValue::from_string(value.to_string())
            .map_err(::serde::ser::Error::custom)?;
        ::serde::Serialize::serialize(&raw, serializer)
    }
}

impl<'de> ::serde_with::DeserializeAs<'de, ::rust_decimal::Decimal> for Decimal {
    fn deserialize_as<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<::rust_decimal::Decimal, D::Error> {
        let raw: ::std::boxed::Box<::serde_json::value::RawValue> =
            ::serde::Deserialize::deserialize(deserializer)?;
        let text = raw.get();
        let text = text.strip_prefix('"').and_then(|t| t.strip_suffix('"')).unwrap_or(text);
        let parsed = if text.contains(['e', 'E']) {
            ::rust_decimal::Decimal::from_scientific(text)
        } else {
            ::rust_decimal::Decimal::from_str_exact(text)
        };
        parsed.map_err(|e| {
            ::serde::de::Error::custom(::std::format!(
                "numeric {text} does not fit rust_decimal::Decimal ({e}); type the column pg::Numeric"
            ))
        })
    }
}

/// A PostgreSQL `numeric` of any size, kept as its exact text: a number, `NaN`, `Infinity`
/// or `-Infinity`. Written back as a JSON number (or the string for non-finite values).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Numeric(::std::string::String);

impl Numeric {
    /// The value as PostgreSQL writes it.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The value as a `Decimal`, when it fits one exactly.
    pub fn to_decimal(&self) -> ::std::result::Result<::rust_decimal::Decimal, ::rust_decimal::Error> {
        ::rust_decimal::Decimal::from_str_exact(&self.0)
    }
}

impl ::std::str::FromStr for Numeric {
    type Err = ::std::string::String;
    fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
        let t = s.trim();
        let finite = t.parse::<f64>().is_ok() && !t.chars().any(|c| c.is_ascii_alphabetic() && c != 'e' && c != 'E');
        if finite || ["NaN", "Infinity", "-Infinity"].contains(&t) {
            ::std::result::Result::Ok(Numeric(t.to_string()))
        } else {
            ::std::result::Result::Err(::std::format!("not a numeric: {s:?}"))
        }
    }
}

impl ::std::fmt::Display for Numeric {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl ::serde::Serialize for Numeric {
    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
        if ["NaN", "Infinity", "-Infinity"].contains(&self.0.as_str()) {
            return serializer.serialize_str(&self.0);
        }
        let raw = ::serde_json::value::RawValue::from_string(self.0.clone())
            .map_err(::serde::ser::Error::custom)?;
        ::serde::Serialize::serialize(&raw, serializer)
    }
}

impl<'de> ::serde::Deserialize<'de> for Numeric {
    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
        let raw: ::std::boxed::Box<::serde_json::value::RawValue> =
            ::serde::Deserialize::deserialize(deserializer)?;
        let text = raw.get();
        let text = text.strip_prefix('"').and_then(|t| t.strip_suffix('"')).unwrap_or(text);
        text.parse().map_err(::serde::de::Error::custom)
    }
}

// @section bytea
/// PostgreSQL `bytea`, written and read as `to_jsonb` writes it: `"\\x"` and lower-case hex.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Bytea(pub ::std::vec::Vec<u8>);

impl ::serde::Serialize for Bytea {
    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
        let mut s = ::std::string::String::with_capacity(2 + 2 * self.0.len());
        s.push_str("\\x");
        for b in &self.0 {
            s.push_str(&::std::format!("{b:02x}"));
        }
        serializer.serialize_str(&s)
    }
}

impl<'de> ::serde::Deserialize<'de> for Bytea {
    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
        let s: ::std::borrow::Cow<'de, str> = ::serde::Deserialize::deserialize(deserializer)?;
        let hex = s
            .strip_prefix("\\x")
            .ok_or_else(|| ::serde::de::Error::custom("bytea must start with \\x"))?;
        if hex.len() % 2 != 0 {
            return ::std::result::Result::Err(::serde::de::Error::custom("bytea hex has an odd length"));
        }
        (0..hex.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&hex[i..i + 2], 16))
            .collect::<::std::result::Result<::std::vec::Vec<u8>, _>>()
            .map(Bytea)
            .map_err(::serde::de::Error::custom)
    }
}

// @section chrono
/// `serde_with` adapters for chrono values as PostgreSQL writes them. `'infinity'` and
/// `'-infinity'` read as the type's `MAX` and `MIN` (`NaiveDate::MAX`,
/// `NaiveDateTime::MAX`, `DateTime::<Utc>::MAX_UTC`, ...) and those write back as
/// `"infinity"`/`"-infinity"`, so they compare as PostgreSQL's infinities do. BC dates
/// (`"0044-03-15 BC"`) use chrono's proleptic year (1 BC is year 0); years past 9999 keep
/// all their digits. A `time` of `24:00:00` reads as chrono's leap second `23:59:60`, which
/// PostgreSQL reads back as 24:00:00.
pub struct Date;
/// See [`Date`]: `timestamp` (without time zone) as `chrono::NaiveDateTime`.
pub struct Timestamp;
/// See [`Date`]: `timestamptz` as `chrono::DateTime<chrono::Utc>`, written with `+00:00`.
pub struct TimestampTz;
/// See [`Date`]: `time` as `chrono::NaiveTime`.
pub struct Time;

fn parse_date(s: &str) -> ::std::option::Option<::chrono::NaiveDate> {
    let (s, bc) = match s.strip_suffix(" BC") {
        ::std::option::Option::Some(rest) => (rest, true),
        ::std::option::Option::None => (s, false),
    };
    let mut parts = s.splitn(3, '-');
    let year: i32 = parts.next()?.parse().ok()?;
    let month: u32 = parts.next()?.parse().ok()?;
    let day: u32 = parts.next()?.parse().ok()?;
    let year = if bc { 1 - year } else { year };
    ::chrono::NaiveDate::from_ymd_opt(year, month, day)
}

fn format_date(d: &::chrono::NaiveDate) -> ::std::string::String {
    use ::chrono::Datelike;
    if d.year() <= 0 {
        ::std::format!("{:04}-{:02}-{:02} BC", 1 - d.year(), d.month(), d.day())
    } else {
        ::std::format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
    }
}

fn parse_time(s: &str) -> ::std::option::Option<::chrono::NaiveTime> {
    if s == "24:00:00" {
        return ::chrono::NaiveTime::from_hms_nano_opt(23, 59, 59, 1_000_000_000);
    }
    ::chrono::NaiveTime::parse_from_str(s, "%H:%M:%S%.f").ok()
}

fn format_time(t: &::chrono::NaiveTime) -> ::std::string::String {
    use ::chrono::Timelike;
    if t.nanosecond() >= 1_000_000_000 && t.hour() == 23 && t.minute() == 59 && t.second() == 59 {
        return "24:00:00".into();
    }
    let mut s = t.format("%H:%M:%S").to_string();
    let micros = t.nanosecond() / 1000;
    if micros > 0 {
        let frac = ::std::format!("{micros:06}");
        s.push('.');
        s.push_str(frac.trim_end_matches('0'));
    }
    s
}

/// `date` part, `T`, time part, and the rest (offset and ` BC`).
fn split_timestamp(s: &str) -> ::std::option::Option<(::chrono::NaiveDate, &str)> {
    let (body, bc) = match s.strip_suffix(" BC") {
        ::std::option::Option::Some(rest) => (rest, true),
        ::std::option::Option::None => (s, false),
    };
    let (date, time) = body.split_once('T')?;
    let date = if bc {
        parse_date(&::std::format!("{date} BC"))?
    } else {
        parse_date(date)?
    };
    ::std::option::Option::Some((date, time))
}

fn invalid<E: ::serde::de::Error>(s: &str, what: &str) -> E {
    E::custom(::std::format!("invalid {what}: {s:?}"))
}

impl ::serde_with::SerializeAs<::chrono::NaiveDate> for Date {
    fn serialize_as<S: ::serde::Serializer>(value: &::chrono::NaiveDate, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
        if *value == ::chrono::NaiveDate::MAX {
            serializer.serialize_str("infinity")
        } else if *value == ::chrono::NaiveDate::MIN {
            serializer.serialize_str("-infinity")
        } else {
            serializer.serialize_str(&format_date(value))
        }
    }
}

impl<'de> ::serde_with::DeserializeAs<'de, ::chrono::NaiveDate> for Date {
    fn deserialize_as<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<::chrono::NaiveDate, D::Error> {
        let s: ::std::borrow::Cow<'de, str> = ::serde::Deserialize::deserialize(deserializer)?;
        match &*s {
            "infinity" => ::std::result::Result::Ok(::chrono::NaiveDate::MAX),
            "-infinity" => ::std::result::Result::Ok(::chrono::NaiveDate::MIN),
            other => parse_date(other).ok_or_else(|| invalid(other, "date")),
        }
    }
}

impl ::serde_with::SerializeAs<::chrono::NaiveDateTime> for Timestamp {
    fn serialize_as<S: ::serde::Serializer>(value: &::chrono::NaiveDateTime, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
        if *value == ::chrono::NaiveDateTime::MAX {
            return serializer.serialize_str("infinity");
        }
        if *value == ::chrono::NaiveDateTime::MIN {
            return serializer.serialize_str("-infinity");
        }
        let date = format_date(&value.date());
        let s = match date.strip_suffix(" BC") {
            ::std::option::Option::Some(d) => ::std::format!("{d}T{} BC", format_time(&value.time())),
            ::std::option::Option::None => ::std::format!("{date}T{}", format_time(&value.time())),
        };
        serializer.serialize_str(&s)
    }
}

impl<'de> ::serde_with::DeserializeAs<'de, ::chrono::NaiveDateTime> for Timestamp {
    fn deserialize_as<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<::chrono::NaiveDateTime, D::Error> {
        let s: ::std::borrow::Cow<'de, str> = ::serde::Deserialize::deserialize(deserializer)?;
        match &*s {
            "infinity" => ::std::result::Result::Ok(::chrono::NaiveDateTime::MAX),
            "-infinity" => ::std::result::Result::Ok(::chrono::NaiveDateTime::MIN),
            other => split_timestamp(other)
                .and_then(|(d, t)| ::std::option::Option::Some(d.and_time(parse_time(t)?)))
                .ok_or_else(|| invalid(other, "timestamp")),
        }
    }
}

impl ::serde_with::SerializeAs<::chrono::DateTime<::chrono::Utc>> for TimestampTz {
    fn serialize_as<S: ::serde::Serializer>(value: &::chrono::DateTime<::chrono::Utc>, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
        if *value == ::chrono::DateTime::<::chrono::Utc>::MAX_UTC {
            return serializer.serialize_str("infinity");
        }
        if *value == ::chrono::DateTime::<::chrono::Utc>::MIN_UTC {
            return serializer.serialize_str("-infinity");
        }
        let naive = value.naive_utc();
        let date = format_date(&naive.date());
        let s = match date.strip_suffix(" BC") {
            ::std::option::Option::Some(d) => ::std::format!("{d}T{}+00:00 BC", format_time(&naive.time())),
            ::std::option::Option::None => ::std::format!("{date}T{}+00:00", format_time(&naive.time())),
        };
        serializer.serialize_str(&s)
    }
}

impl<'de> ::serde_with::DeserializeAs<'de, ::chrono::DateTime<::chrono::Utc>> for TimestampTz {
    fn deserialize_as<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<::chrono::DateTime<::chrono::Utc>, D::Error> {
        let s: ::std::borrow::Cow<'de, str> = ::serde::Deserialize::deserialize(deserializer)?;
        match &*s {
            "infinity" => ::std::result::Result::Ok(::chrono::DateTime::<::chrono::Utc>::MAX_UTC),
            "-infinity" => ::std::result::Result::Ok(::chrono::DateTime::<::chrono::Utc>::MIN_UTC),
            other => (|| {
                let (date, rest) = split_timestamp(other)?;
                let at = rest.rfind(['+', '-'])?;
                let (time, offset) = rest.split_at(at);
                let sign = if offset.starts_with('-') { -1 } else { 1 };
                let mut secs = 0i32;
                for (i, part) in offset[1..].split(':').enumerate() {
                    let n: i32 = part.parse().ok()?;
                    secs += n * [3600, 60, 1].get(i)?;
                }
                let offset = ::chrono::FixedOffset::east_opt(sign * secs)?;
                let local = date.and_time(parse_time(time)?);
                let utc = local.checked_sub_offset(offset)?;
                ::std::option::Option::Some(::chrono::DateTime::<::chrono::Utc>::from_naive_utc_and_offset(utc, ::chrono::Utc))
            })()
            .ok_or_else(|| invalid(other, "timestamptz")),
        }
    }
}

impl ::serde_with::SerializeAs<::chrono::NaiveTime> for Time {
    fn serialize_as<S: ::serde::Serializer>(value: &::chrono::NaiveTime, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(&format_time(value))
    }
}

impl<'de> ::serde_with::DeserializeAs<'de, ::chrono::NaiveTime> for Time {
    fn deserialize_as<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<::chrono::NaiveTime, D::Error> {
        let s: ::std::borrow::Cow<'de, str> = ::serde::Deserialize::deserialize(deserializer)?;
        parse_time(&s).ok_or_else(|| invalid(&s, "time"))
    }
}

// @section json
/// A JSON value kept as its exact text (`serde_json::value::RawValue`): numbers beyond
/// `f64` keep every digit, which `serde_json::Value` (without serde_json's
/// `arbitrary_precision`) does not. Use it for json/jsonb columns through `overrides`.
#[derive(Debug, Clone)]
pub struct RawJson(pub ::std::boxed::Box<::serde_json::value::RawValue>);

impl RawJson {
    /// The JSON text.
    pub fn get(&self) -> &str {
        self.0.get()
    }

    /// The value as any deserializable type.
    pub fn parse<T: ::serde::de::DeserializeOwned>(&self) -> ::serde_json::Result<T> {
        ::serde_json::from_str(self.0.get())
    }
}

impl ::std::cmp::PartialEq for RawJson {
    fn eq(&self, other: &Self) -> bool {
        self.0.get() == other.0.get()
    }
}

impl ::serde::Serialize for RawJson {
    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
        ::serde::Serialize::serialize(&self.0, serializer)
    }
}

impl<'de> ::serde::Deserialize<'de> for RawJson {
    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
        ::std::result::Result::Ok(RawJson(::serde::Deserialize::deserialize(deserializer)?))
    }
}
