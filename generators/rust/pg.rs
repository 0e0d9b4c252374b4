// The support code of database.rs, module `pg`: serde adapters that read and write values
// exactly as PostgreSQL's `to_jsonb` (and so PostgREST) writes them, and (with
// rust.tokio_postgres) decoders of PostgreSQL's binary format. gen-types copies the sections
// the generated types use (between `// @section` lines) into `pub mod pg`; a section named
// `a+b` is copied when both `a` and `b` are. Date/time code is one shared section
// (`datetime`) plus one small section per crate (`chrono`, `time`), of which the file gets
// the chosen one. A `macro_rules!` definition (from its line to the next line `}`) is copied
// as it is written here (prettyplease would print its body as a stream of tokens).

// @section fields
/// How the generated structs (Row, Insert, Update, composites) are read and written: each
/// gets its `Serialize`, `Deserialize` and `Fields` impls from one [`fields!`] invocation,
/// whose impls call [`serialize_struct`], [`deserialize_struct`] and, per field, the
/// functions of the field's kind (modules [`req`], [`null`], [`skip`], [`patch`] and their
/// `_as` forms). gen-types writes these rather than deriving the impls: serde's derive makes
/// `cargo check` of a big schema's file take minutes and GBs, these functions are checked
/// once. The JSON read and written is what `#[derive(Serialize, Deserialize)]` with the
/// same field attributes (`rename`, `default`, `skip_serializing_if = "Option::is_none"`,
/// `serde_as` with the [`Adapted`] adapters) reads and writes: unknown keys are ignored, a
/// key given twice is an error, a missing key is an error unless the field is an `Option`
/// (then `None`) or optional (Insert and Update: then `None`), and an optional field that
/// is `None` is left out. Structs are read from JSON objects, not arrays.
pub trait Fields: ::std::marker::Sized {
    /// The struct's name.
    const NAME: &'static str;
    /// The JSON key of each field, in field order.
    const FIELDS: &'static [&'static str];

    /// Writes every field (optional ones that are `None` as `skip_field`).
    fn write<S: ::serde::ser::SerializeStruct>(&self, s: &mut S) -> ::std::result::Result<(), S::Error>;

    /// Reads the struct from the entries of a map.
    fn from_map<'de, A: ::serde::de::MapAccess<'de>>(map: A) -> ::std::result::Result<Self, A::Error>;

    /// Reads a key: the number of the field it names (`usize::MAX` for any other key), or
    /// `None` after the last entry.
    fn next_key<'de, A: ::serde::de::MapAccess<'de>>(
        map: &mut A,
    ) -> ::std::result::Result<::std::option::Option<usize>, A::Error> {
        map.next_key_seed(Key(Self::FIELDS))
    }

    /// Checks that field number `field`, which is always there and not an `Option`, was
    /// read: returns the error of an earlier field's missing key (`missing`), else that of
    /// this field's missing key, if any.
    fn present<V, E: ::serde::de::Error>(
        slot: &::std::option::Option<V>,
        field: usize,
        missing: ::std::option::Option<E>,
    ) -> ::std::option::Option<E> {
        match (missing, slot) {
            (::std::option::Option::None, ::std::option::Option::None) => {
                ::std::option::Option::Some(E::missing_field(Self::FIELDS[field]))
            }
            (missing, _) => missing,
        }
    }
}

/// The `Serialize`, `Deserialize` and [`Fields`] impls of a generated struct:
/// `pg::fields! { Name { 0 ident "key" kind, 1 ... } [0 ...] }` lists each field, in order,
/// as its number, its identifier, its JSON key and its kind (the module whose functions
/// read and write it: its empty slot `None`, `write`, `read` and `value`, which makes the
/// field of its slot), then the numbers of the fields whose key must be there.
///
/// `from_map` reads the keys into one tuple of slots (field number `n` into slot `f.n`:
/// `macro_rules!` cannot count, so the numbers are written out), checks the required slots,
/// then builds the struct. The slots are one value, and the one return for a missing key
/// comes before any slot is moved, so that each early return drops one value (with a
/// variable per slot, or a `?` per struct-literal field, each return drops every slot filled
/// so far, which makes the function's MIR, and rustc's time and memory, quadratic in its
/// fields). For the same reason, and because each `?` is a branch rustc checks, `write` and
/// the checks carry their first error along instead of returning it at once.
macro_rules! fields {
    ($name:ident {} []) => {
        pg::fields!(@serde $name);
        impl pg::Fields for $name {
            const NAME: &'static str = ::std::stringify!($name);
            const FIELDS: &'static [&'static str] = &[];
            fn write<S: ::serde::ser::SerializeStruct>(
                &self,
                _: &mut S,
            ) -> ::std::result::Result<(), S::Error> {
                ::std::result::Result::Ok(())
            }
            fn from_map<'de, A: ::serde::de::MapAccess<'de>>(
                mut map: A,
            ) -> ::std::result::Result<Self, A::Error> {
                while Self::next_key(&mut map)?.is_some() {
                    pg::skip_value(&mut map)?;
                }
                ::std::result::Result::Ok(Self {})
            }
        }
    };
    (
        $name:ident { $($i:tt $field:ident $key:literal $kind:ident),+ }
        [$($required:tt)*]
    ) => {
        pg::fields!(@serde $name);
        impl pg::Fields for $name {
            const NAME: &'static str = ::std::stringify!($name);
            const FIELDS: &'static [&'static str] = &[$($key),+];
            fn write<S: ::serde::ser::SerializeStruct>(
                &self,
                s: &mut S,
            ) -> ::std::result::Result<(), S::Error> {
                let mut result = ::std::result::Result::Ok(());
                $(pg::$kind::write(s, &mut result, $key, &self.$field);)+
                result
            }
            fn from_map<'de, A: ::serde::de::MapAccess<'de>>(
                mut map: A,
            ) -> ::std::result::Result<Self, A::Error> {
                let mut f = ($(pg::$kind::None,)+);
                while let ::std::option::Option::Some(key) = Self::next_key(&mut map)? {
                    match key {
                        $($i => pg::$kind::read(&mut map, &mut f.$i, $key),)+
                        _ => pg::skip_value(&mut map),
                    }?;
                }
                let missing = ::std::option::Option::None;
                $(let missing = Self::present(&f.$required, $required, missing);)*
                if let ::std::option::Option::Some(e) = missing {
                    return ::std::result::Result::Err(e);
                }
                ::std::result::Result::Ok(Self { $($field: pg::$kind::value(f.$i)),+ })
            }
        }
    };
    (@serde $name:ident) => {
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                pg::serialize_struct(self, serializer)
            }
        }
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                pg::deserialize_struct(deserializer)
            }
        }
    };
}
pub(crate) use fields;

/// A field that is always there and not an `Option`: its key is required.
pub mod req {
    /// An empty slot.
    pub use ::std::option::Option::None;

    /// Writes the field, unless writing an earlier one failed (`result`).
    pub fn write<S: ::serde::ser::SerializeStruct, V: ::serde::Serialize>(
        s: &mut S,
        result: &mut ::std::result::Result<(), S::Error>,
        key: &'static str,
        value: &V,
    ) {
        if result.is_ok() {
            *result = s.serialize_field(key, value);
        }
    }

    /// Reads the field's value into its slot; a key seen twice is an error.
    pub fn read<'de, A: ::serde::de::MapAccess<'de>, V: ::serde::Deserialize<'de>>(
        map: &mut A,
        slot: &mut ::std::option::Option<V>,
        key: &'static str,
    ) -> ::std::result::Result<(), A::Error> {
        if slot.is_some() {
            return ::std::result::Result::Err(::serde::de::Error::duplicate_field(key));
        }
        *slot = ::std::option::Option::Some(map.next_value()?);
        ::std::result::Result::Ok(())
    }

    /// The field, from its slot, which [`super::Fields::present`] found filled.
    pub fn value<V>(slot: ::std::option::Option<V>) -> V {
        match slot {
            ::std::option::Option::Some(v) => v,
            ::std::option::Option::None => ::std::unreachable!("from_map checks a required field before it reads it"),
        }
    }
}

/// [`req`] through the field type's [`Adapted`] adapter.
pub mod req_as {
    use super::Adapted;

    /// An empty slot.
    pub use ::std::option::Option::None;

    /// Writes the field, unless writing an earlier one failed (`result`).
    pub fn write<S: ::serde::ser::SerializeStruct, V: Adapted>(
        s: &mut S,
        result: &mut ::std::result::Result<(), S::Error>,
        key: &'static str,
        value: &V,
    ) where
        V::As: ::serde_with::SerializeAs<V>,
    {
        if result.is_ok() {
            *result = s.serialize_field(key, &::serde_with::ser::SerializeAsWrap::<V, V::As>::new(value));
        }
    }

    /// Reads the field's value into its slot; a key seen twice is an error.
    pub fn read<'de, A: ::serde::de::MapAccess<'de>, V: Adapted>(
        map: &mut A,
        slot: &mut ::std::option::Option<V>,
        key: &'static str,
    ) -> ::std::result::Result<(), A::Error>
    where
        V::As: ::serde_with::DeserializeAs<'de, V>,
    {
        if slot.is_some() {
            return ::std::result::Result::Err(::serde::de::Error::duplicate_field(key));
        }
        let value: ::serde_with::de::DeserializeAsWrap<V, V::As> = map.next_value()?;
        *slot = ::std::option::Option::Some(value.into_inner());
        ::std::result::Result::Ok(())
    }

    pub use super::req::value;
}

/// A field of type `Option<T>` that is always written (`None` as `null`); a missing key
/// reads as `None`.
pub mod null {
    /// An empty slot.
    pub use ::std::option::Option::None;

    pub use super::req::{read, write};

    /// The field, from its slot: `None` when the key is missing.
    pub fn value<V: ::std::default::Default>(slot: ::std::option::Option<V>) -> V {
        slot.unwrap_or_default()
    }
}

/// [`null`] through the field type's [`Adapted`] adapter.
pub mod null_as {
    /// An empty slot.
    pub use ::std::option::Option::None;

    pub use super::null::value;
    pub use super::req_as::{read, write};
}

/// An optional field of type `Option<T>` (Insert, Update): left out when `None`; a missing
/// key or `null` reads as `None`.
pub mod skip {
    /// An empty slot.
    pub use ::std::option::Option::None;

    pub use super::null::value;
    pub use super::req::read;

    /// Writes the field, or leaves it out when it is `None`, unless writing an earlier one
    /// failed (`result`).
    pub fn write<S: ::serde::ser::SerializeStruct, V: ::serde::Serialize>(
        s: &mut S,
        result: &mut ::std::result::Result<(), S::Error>,
        key: &'static str,
        value: &::std::option::Option<V>,
    ) {
        if result.is_ok() {
            *result = match value {
                ::std::option::Option::Some(_) => s.serialize_field(key, value),
                ::std::option::Option::None => s.skip_field(key),
            };
        }
    }
}

/// [`skip`] through the field type's [`Adapted`] adapter.
pub mod skip_as {
    use super::Adapted;

    /// An empty slot.
    pub use ::std::option::Option::None;

    pub use super::null::value;
    pub use super::req_as::read;

    /// Writes the field, or leaves it out when it is `None`, unless writing an earlier one
    /// failed (`result`).
    pub fn write<S: ::serde::ser::SerializeStruct, V: Adapted>(
        s: &mut S,
        result: &mut ::std::result::Result<(), S::Error>,
        key: &'static str,
        value: &::std::option::Option<V>,
    ) where
        V::As: ::serde_with::SerializeAs<V>,
    {
        match value {
            ::std::option::Option::Some(v) => super::req_as::write(s, result, key, v),
            ::std::option::Option::None => {
                if result.is_ok() {
                    *result = s.skip_field(key);
                }
            }
        }
    }
}

/// An Update field of type `Option<Option<T>>`: left out when `None` (the column is left
/// unchanged), `null` when `Some(None)` (it is set NULL); `null` reads as `Some(None)`, a
/// missing key as `None`.
pub mod patch {
    /// An empty slot.
    pub use ::std::option::Option::None;

    pub use super::req::read;
    pub use super::skip::write;

    /// The field: its slot.
    pub fn value<V>(slot: ::std::option::Option<V>) -> ::std::option::Option<V> {
        slot
    }
}

/// [`patch`] through the field type's [`Adapted`] adapter.
pub mod patch_as {
    /// An empty slot.
    pub use ::std::option::Option::None;

    pub use super::patch::value;
    pub use super::req_as::read;
    pub use super::skip_as::write;
}

/// The `serde_with` adapter that reads and writes a field type whose JSON form is not what
/// its own serde impls read and write (`f64` as [`Float`], date/time types as PostgreSQL
/// writes them, ...), through `Option` and `Vec`.
pub trait Adapted {
    /// The adapter.
    type As;
}

impl<T: Adapted> Adapted for ::std::option::Option<T> {
    type As = ::std::option::Option<T::As>;
}

impl<T: Adapted> Adapted for ::std::vec::Vec<T> {
    type As = ::std::vec::Vec<T::As>;
}

/// `oid`: `to_jsonb` writes it as a string.
impl Adapted for u32 {
    type As = ::serde_with::DisplayFromStr;
}

/// `Serialize::serialize` of a struct that implements [`Fields`].
pub fn serialize_struct<T: Fields, S: ::serde::Serializer>(
    value: &T,
    serializer: S,
) -> ::std::result::Result<S::Ok, S::Error> {
    // The number of fields written, which `serialize_struct` takes first.
    let mut count = Count(0);
    value.write(&mut count).map_err(::serde::ser::Error::custom)?;
    let mut s = serializer.serialize_struct(T::NAME, count.0)?;
    value.write(&mut s)?;
    ::serde::ser::SerializeStruct::end(s)
}

/// Counts the fields a struct writes.
struct Count(usize);

impl ::serde::ser::SerializeStruct for Count {
    type Ok = ();
    type Error = ::serde::de::value::Error;
    fn serialize_field<V: ?::std::marker::Sized + ::serde::Serialize>(
        &mut self,
        _: &'static str,
        _: &V,
    ) -> ::std::result::Result<(), Self::Error> {
        self.0 += 1;
        ::std::result::Result::Ok(())
    }
    fn end(self) -> ::std::result::Result<(), Self::Error> {
        ::std::result::Result::Ok(())
    }
}

/// `Deserialize::deserialize` of a struct that implements [`Fields`].
pub fn deserialize_struct<'de, T: Fields, D: ::serde::Deserializer<'de>>(
    deserializer: D,
) -> ::std::result::Result<T, D::Error> {
    struct V<T>(::std::marker::PhantomData<T>);
    impl<'de, T: Fields> ::serde::de::Visitor<'de> for V<T> {
        type Value = T;
        fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            ::std::write!(f, "struct {}", T::NAME)
        }
        fn visit_map<A: ::serde::de::MapAccess<'de>>(self, map: A) -> ::std::result::Result<T, A::Error> {
            T::from_map(map)
        }
    }
    deserializer.deserialize_struct(T::NAME, T::FIELDS, V(::std::marker::PhantomData))
}

/// Skips the value of a key that is not a field.
pub fn skip_value<'de, A: ::serde::de::MapAccess<'de>>(map: &mut A) -> ::std::result::Result<(), A::Error> {
    map.next_value::<::serde::de::IgnoredAny>().map(|_| ())
}

/// A key read as the number of the field it names, in a struct's keys.
struct Key(&'static [&'static str]);

impl<'de> ::serde::de::DeserializeSeed<'de> for Key {
    type Value = usize;
    fn deserialize<D: ::serde::Deserializer<'de>>(self, d: D) -> ::std::result::Result<usize, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl<'de> ::serde::de::Visitor<'de> for Key {
    type Value = usize;
    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str("a field name")
    }
    fn visit_str<E: ::serde::de::Error>(self, v: &str) -> ::std::result::Result<usize, E> {
        ::std::result::Result::Ok(self.0.iter().position(|n| *n == v).unwrap_or(usize::MAX))
    }
    fn visit_bytes<E: ::serde::de::Error>(self, v: &[u8]) -> ::std::result::Result<usize, E> {
        ::std::result::Result::Ok(self.0.iter().position(|n| n.as_bytes() == v).unwrap_or(usize::MAX))
    }
    fn visit_u64<E: ::serde::de::Error>(self, v: u64) -> ::std::result::Result<usize, E> {
        ::std::result::Result::Ok(usize::try_from(v).unwrap_or(usize::MAX))
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


impl Adapted for f64 {
    type As = Float;
}

impl Adapted for f32 {
    type As = Float;
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

impl Adapted for ::rust_decimal::Decimal {
    type As = Decimal;
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

// @section datetime
/// A date or time as PostgreSQL stores it. `Finite(days, nanos)` counts days from
/// 2000-01-01 and nanoseconds from midnight (in UTC for `timestamptz`); a `date` has no
/// nanoseconds, a `time` no days, and `time`'s 24:00:00 is 86,400 s.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Parts {
    /// `-infinity`.
    NegInfinity,
    /// A finite value: days from 2000-01-01, nanoseconds from midnight.
    Finite(i64, i64),
    /// `infinity`.
    Infinity,
}

/// The PostgreSQL type a Rust date/time type holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TemporalKind {
    /// `date`.
    Date,
    /// `time` (without time zone).
    Time,
    /// `timestamp` (without time zone).
    Timestamp,
    /// `timestamptz`.
    TimestampTz,
}

impl TemporalKind {
    /// The PostgreSQL type's name.
    pub fn name(self) -> &'static str {
        match self {
            TemporalKind::Date => "date",
            TemporalKind::Time => "time",
            TemporalKind::Timestamp => "timestamp",
            TemporalKind::TimestampTz => "timestamptz",
        }
    }
}

/// A Rust date/time type that holds PostgreSQL values of one type. Implemented for the
/// date/time crate the file was generated for; the text and binary formats are shared.
/// `infinity` and `-infinity` are the type's `MAX` and `MIN`, so they compare as
/// PostgreSQL's infinities do; a finite value that would land on `MAX`/`MIN` does not fit.
pub trait Temporal: Sized {
    /// The PostgreSQL type.
    const KIND: TemporalKind;
    /// The value's parts.
    fn to_parts(&self) -> Parts;
    /// The value, or `None` when it does not fit the type (out of its range, or its `MAX`
    /// or `MIN`, which stand for the infinities).
    fn from_parts(parts: Parts) -> ::std::option::Option<Self>;
}

/// Nanoseconds in a day.
const NANOS_PER_DAY: i64 = 86_400_000_000_000;

/// Days from 2000-01-01 to the proleptic Gregorian date (year 0 is 1 BC).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468 - 10_957
}

/// (year, month, day) of a day counted from 2000-01-01 (year 0 is 1 BC).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 10_957 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

fn parse_number(s: &str, min_len: usize, max_len: usize) -> ::std::option::Option<i64> {
    if s.len() < min_len || s.len() > max_len || !s.bytes().all(|b| b.is_ascii_digit()) {
        return ::std::option::Option::None;
    }
    s.parse().ok()
}

/// `YYYY-MM-DD` (`BC` already split off) as days from 2000-01-01.
fn parse_date_text(s: &str, bc: bool) -> ::std::option::Option<i64> {
    let mut parts = s.splitn(3, '-');
    let year = parse_number(parts.next()?, 4, 9)?;
    let month = parse_number(parts.next()?, 2, 2)?;
    let day = parse_number(parts.next()?, 2, 2)?;
    let year = if bc { 1 - year } else { year };
    if year > 0 || bc {
        let days = days_from_civil(year, month, day);
        (civil_from_days(days) == (year, month, day)).then_some(days)
    } else {
        ::std::option::Option::None
    }
}

/// `HH:MM:SS[.fraction]` as nanoseconds from midnight (24:00:00 included).
fn parse_time_text(s: &str) -> ::std::option::Option<i64> {
    let (hms, fraction) = match s.split_once('.') {
        ::std::option::Option::Some((hms, f)) => (hms, f),
        ::std::option::Option::None => (s, ""),
    };
    let mut parts = hms.splitn(3, ':');
    let h = parse_number(parts.next()?, 2, 2)?;
    let m = parse_number(parts.next()?, 2, 2)?;
    let sec = parse_number(parts.next()?, 2, 2)?;
    let nanos = if s.contains('.') {
        let digits = parse_number(fraction, 1, 9)?;
        digits * 10i64.pow(9 - fraction.len() as u32)
    } else {
        0
    };
    let total = ((h * 60 + m) * 60 + sec) * 1_000_000_000 + nanos;
    (m < 60 && sec < 60 && total <= NANOS_PER_DAY).then_some(total)
}

/// `+HH`, `+HH:MM` or `+HH:MM:SS` (or `-`) as seconds east of UTC.
fn parse_offset(s: &str) -> ::std::option::Option<i64> {
    let sign = match s.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return ::std::option::Option::None,
    };
    let mut secs = 0;
    for (i, part) in s[1..].split(':').enumerate() {
        secs += parse_number(part, 2, 2)? * [3600, 60, 1].get(i)?;
    }
    ::std::option::Option::Some(sign * secs)
}

/// Parses text as `to_jsonb` writes values of `kind`.
fn parse_temporal(kind: TemporalKind, s: &str) -> ::std::option::Option<Parts> {
    match (kind, s) {
        (TemporalKind::Time, _) => return parse_time_text(s).map(|n| Parts::Finite(0, n)),
        (_, "infinity") => return ::std::option::Option::Some(Parts::Infinity),
        (_, "-infinity") => return ::std::option::Option::Some(Parts::NegInfinity),
        _ => {}
    }
    let (body, bc) = match s.strip_suffix(" BC") {
        ::std::option::Option::Some(rest) => (rest, true),
        ::std::option::Option::None => (s, false),
    };
    if kind == TemporalKind::Date {
        return parse_date_text(body, bc).map(|d| Parts::Finite(d, 0));
    }
    let (date, rest) = body.split_once('T')?;
    let days = parse_date_text(date, bc)?;
    let (time, offset) = match kind {
        TemporalKind::TimestampTz => {
            let at = rest.rfind(['+', '-'])?;
            (&rest[..at], parse_offset(&rest[at..])?)
        }
        _ => (rest, 0),
    };
    let nanos = parse_time_text(time)?;
    if nanos == NANOS_PER_DAY {
        return ::std::option::Option::None;
    }
    let total = i128::from(days) * i128::from(NANOS_PER_DAY) + i128::from(nanos)
        - i128::from(offset) * 1_000_000_000;
    let day = i64::try_from(total.div_euclid(i128::from(NANOS_PER_DAY))).ok()?;
    let nanos = i64::try_from(total.rem_euclid(i128::from(NANOS_PER_DAY))).ok()?;
    ::std::option::Option::Some(Parts::Finite(day, nanos))
}

fn format_date_text(days: i64) -> (::std::string::String, bool) {
    let (year, month, day) = civil_from_days(days);
    let bc = year <= 0;
    let year = if bc { 1 - year } else { year };
    (::std::format!("{year:04}-{month:02}-{day:02}"), bc)
}

fn format_time_text(nanos: i64) -> ::std::string::String {
    let secs = nanos / 1_000_000_000;
    let mut s = ::std::format!("{:02}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60);
    let micros = nanos % 1_000_000_000 / 1000;
    if micros > 0 {
        let frac = ::std::format!("{micros:06}");
        s.push('.');
        s.push_str(frac.trim_end_matches('0'));
    }
    s
}

/// Writes `parts` as `to_jsonb` writes values of `kind` (timestamptz in UTC, `+00:00`).
fn format_temporal(kind: TemporalKind, parts: Parts) -> ::std::string::String {
    let (days, nanos) = match parts {
        Parts::Infinity => return "infinity".into(),
        Parts::NegInfinity => return "-infinity".into(),
        Parts::Finite(days, nanos) => (days, nanos),
    };
    if kind == TemporalKind::Time {
        return format_time_text(nanos);
    }
    let (date, bc) = format_date_text(days);
    let mut s = match kind {
        TemporalKind::Date => date,
        TemporalKind::TimestampTz => ::std::format!("{date}T{}+00:00", format_time_text(nanos)),
        _ => ::std::format!("{date}T{}", format_time_text(nanos)),
    };
    if bc {
        s.push_str(" BC");
    }
    s
}

/// `T` from `parts`, or an error saying why it does not fit.
fn temporal_from_parts<T: Temporal>(parts: Parts) -> ::std::result::Result<T, ::std::string::String> {
    T::from_parts(parts).ok_or_else(|| {
        ::std::format!(
            "{} {} does not fit {} (out of its range, or its MAX/MIN, which stand for infinity)",
            T::KIND.name(),
            format_temporal(T::KIND, parts),
            ::std::any::type_name::<T>()
        )
    })
}

/// The `serde_with` adapter for the date/time types (through [`Temporal`]): reads and
/// writes the text `to_jsonb` writes. `'infinity'` and `'-infinity'` are the type's `MAX`
/// and `MIN`; BC dates (`"0044-03-15 BC"`) are proleptic years (1 BC is year 0); years past
/// 9999 keep all their digits; `timestamptz` reads any offset and writes UTC (`+00:00`).
pub struct DateTimeText;
/// `date` (see [`DateTimeText`]).
pub type Date = DateTimeText;
/// `time` (see [`DateTimeText`]).
pub type Time = DateTimeText;
/// `timestamp` (see [`DateTimeText`]).
pub type Timestamp = DateTimeText;
/// `timestamptz` (see [`DateTimeText`]).
pub type TimestampTz = DateTimeText;

impl<T: Temporal> ::serde_with::SerializeAs<T> for DateTimeText {
    fn serialize_as<S: ::serde::Serializer>(value: &T, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(&format_temporal(T::KIND, value.to_parts()))
    }
}

impl<'de, T: Temporal> ::serde_with::DeserializeAs<'de, T> for DateTimeText {
    fn deserialize_as<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<T, D::Error> {
        let s: ::std::borrow::Cow<'de, str> = ::serde::Deserialize::deserialize(deserializer)?;
        let parts = parse_temporal(T::KIND, &s).ok_or_else(|| {
            ::serde::de::Error::custom(::std::format!("invalid {}: {s:?}", T::KIND.name()))
        })?;
        temporal_from_parts(parts).map_err(::serde::de::Error::custom)
    }
}

// @section chrono
/// 2000-01-01 in chrono's count of days from the Common Era.
const CHRONO_EPOCH_CE: i64 = 730_120;

impl Temporal for ::chrono::NaiveDate {
    const KIND: TemporalKind = TemporalKind::Date;
    fn to_parts(&self) -> Parts {
        use ::chrono::Datelike;
        if *self == Self::MAX {
            Parts::Infinity
        } else if *self == Self::MIN {
            Parts::NegInfinity
        } else {
            Parts::Finite(i64::from(self.num_days_from_ce()) - CHRONO_EPOCH_CE, 0)
        }
    }
    fn from_parts(parts: Parts) -> ::std::option::Option<Self> {
        match parts {
            Parts::Infinity => ::std::option::Option::Some(Self::MAX),
            Parts::NegInfinity => ::std::option::Option::Some(Self::MIN),
            Parts::Finite(days, 0) => {
                let ce = i32::try_from(days + CHRONO_EPOCH_CE).ok()?;
                Self::from_num_days_from_ce_opt(ce).filter(|d| *d != Self::MAX && *d != Self::MIN)
            }
            Parts::Finite(..) => ::std::option::Option::None,
        }
    }
}

/// 24:00:00 is chrono's leap second 23:59:60 (nanoseconds past 1e9), which PostgreSQL
/// reads back as 24:00:00.
impl Temporal for ::chrono::NaiveTime {
    const KIND: TemporalKind = TemporalKind::Time;
    fn to_parts(&self) -> Parts {
        use ::chrono::Timelike;
        Parts::Finite(0, i64::from(self.num_seconds_from_midnight()) * 1_000_000_000 + i64::from(self.nanosecond()))
    }
    fn from_parts(parts: Parts) -> ::std::option::Option<Self> {
        let Parts::Finite(0, nanos @ 0..=NANOS_PER_DAY) = parts else {
            return ::std::option::Option::None;
        };
        let (secs, frac) = match nanos {
            NANOS_PER_DAY => (86_399, 1_000_000_000),
            _ => (nanos / 1_000_000_000, nanos % 1_000_000_000),
        };
        Self::from_num_seconds_from_midnight_opt(u32::try_from(secs).ok()?, u32::try_from(frac).ok()?)
    }
}

impl Temporal for ::chrono::NaiveDateTime {
    const KIND: TemporalKind = TemporalKind::Timestamp;
    fn to_parts(&self) -> Parts {
        if *self == Self::MAX {
            return Parts::Infinity;
        }
        if *self == Self::MIN {
            return Parts::NegInfinity;
        }
        match (self.date().to_parts(), self.time().to_parts()) {
            (Parts::Finite(days, _), Parts::Finite(_, nanos)) => Parts::Finite(days, nanos),
            (date, _) => date,
        }
    }
    fn from_parts(parts: Parts) -> ::std::option::Option<Self> {
        match parts {
            Parts::Infinity => ::std::option::Option::Some(Self::MAX),
            Parts::NegInfinity => ::std::option::Option::Some(Self::MIN),
            Parts::Finite(days, nanos) => {
                let date = ::chrono::NaiveDate::from_parts(Parts::Finite(days, 0))?;
                let time = ::chrono::NaiveTime::from_parts(Parts::Finite(0, nanos))?;
                ::std::option::Option::Some(date.and_time(time))
            }
        }
    }
}

impl Temporal for ::chrono::DateTime<::chrono::Utc> {
    const KIND: TemporalKind = TemporalKind::TimestampTz;
    fn to_parts(&self) -> Parts {
        self.naive_utc().to_parts()
    }
    fn from_parts(parts: Parts) -> ::std::option::Option<Self> {
        ::chrono::NaiveDateTime::from_parts(parts).map(|t| t.and_utc())
    }
}

impl Adapted for ::chrono::NaiveDate {
    type As = DateTimeText;
}

impl Adapted for ::chrono::NaiveTime {
    type As = DateTimeText;
}

impl Adapted for ::chrono::NaiveDateTime {
    type As = DateTimeText;
}

impl Adapted for ::chrono::DateTime<::chrono::Utc> {
    type As = DateTimeText;
}

// @section time
/// 2000-01-01 as a Julian day number (the `time` crate's day count).
const TIME_EPOCH_JULIAN: i64 = 2_451_545;

impl Temporal for ::time::Date {
    const KIND: TemporalKind = TemporalKind::Date;
    fn to_parts(&self) -> Parts {
        if *self == Self::MAX {
            Parts::Infinity
        } else if *self == Self::MIN {
            Parts::NegInfinity
        } else {
            Parts::Finite(i64::from(self.to_julian_day()) - TIME_EPOCH_JULIAN, 0)
        }
    }
    fn from_parts(parts: Parts) -> ::std::option::Option<Self> {
        match parts {
            Parts::Infinity => ::std::option::Option::Some(Self::MAX),
            Parts::NegInfinity => ::std::option::Option::Some(Self::MIN),
            Parts::Finite(days, 0) => {
                let julian = i32::try_from(days + TIME_EPOCH_JULIAN).ok()?;
                Self::from_julian_day(julian).ok().filter(|d| *d != Self::MAX && *d != Self::MIN)
            }
            Parts::Finite(..) => ::std::option::Option::None,
        }
    }
}

/// 24:00:00, which `time::Time` cannot hold, is 23:59:59.999999999, a value PostgreSQL's
/// microseconds never produce; it writes back as 24:00:00.
impl Temporal for ::time::Time {
    const KIND: TemporalKind = TemporalKind::Time;
    fn to_parts(&self) -> Parts {
        let (h, m, s, ns) = self.as_hms_nano();
        let nanos = (i64::from(h) * 3600 + i64::from(m) * 60 + i64::from(s)) * 1_000_000_000 + i64::from(ns);
        Parts::Finite(0, if nanos == NANOS_PER_DAY - 1 { NANOS_PER_DAY } else { nanos })
    }
    fn from_parts(parts: Parts) -> ::std::option::Option<Self> {
        let Parts::Finite(0, nanos @ 0..=NANOS_PER_DAY) = parts else {
            return ::std::option::Option::None;
        };
        let nanos = nanos.min(NANOS_PER_DAY - 1);
        let secs = nanos / 1_000_000_000;
        Self::from_hms_nano(
            u8::try_from(secs / 3600).ok()?,
            u8::try_from(secs / 60 % 60).ok()?,
            u8::try_from(secs % 60).ok()?,
            u32::try_from(nanos % 1_000_000_000).ok()?,
        )
        .ok()
    }
}

impl Temporal for ::time::PrimitiveDateTime {
    const KIND: TemporalKind = TemporalKind::Timestamp;
    fn to_parts(&self) -> Parts {
        if *self == Self::MAX {
            return Parts::Infinity;
        }
        if *self == Self::MIN {
            return Parts::NegInfinity;
        }
        match (self.date().to_parts(), self.time().to_parts()) {
            (Parts::Finite(days, _), Parts::Finite(_, nanos)) => Parts::Finite(days, nanos),
            (date, _) => date,
        }
    }
    fn from_parts(parts: Parts) -> ::std::option::Option<Self> {
        match parts {
            Parts::Infinity => ::std::option::Option::Some(Self::MAX),
            Parts::NegInfinity => ::std::option::Option::Some(Self::MIN),
            Parts::Finite(_, NANOS_PER_DAY) => ::std::option::Option::None,
            Parts::Finite(days, nanos) => {
                let date = ::time::Date::from_parts(Parts::Finite(days, 0))?;
                let time = ::time::Time::from_parts(Parts::Finite(0, nanos))?;
                ::std::option::Option::Some(Self::new(date, time))
            }
        }
    }
}

impl Temporal for ::time::OffsetDateTime {
    const KIND: TemporalKind = TemporalKind::TimestampTz;
    fn to_parts(&self) -> Parts {
        if *self == ::time::PrimitiveDateTime::MAX.assume_utc() {
            return Parts::Infinity;
        }
        if *self == ::time::PrimitiveDateTime::MIN.assume_utc() {
            return Parts::NegInfinity;
        }
        // From the instant, so that no offset conversion can overflow.
        let nanos = self.unix_timestamp_nanos();
        let day = nanos.div_euclid(i128::from(NANOS_PER_DAY));
        let rest = nanos.rem_euclid(i128::from(NANOS_PER_DAY));
        match (i64::try_from(day), i64::try_from(rest)) {
            (::std::result::Result::Ok(day), ::std::result::Result::Ok(rest)) => Parts::Finite(day - 10_957, rest),
            _ => Parts::Infinity,
        }
    }
    fn from_parts(parts: Parts) -> ::std::option::Option<Self> {
        ::time::PrimitiveDateTime::from_parts(parts).map(|t| t.assume_utc())
    }
}

impl Adapted for ::time::Date {
    type As = DateTimeText;
}

impl Adapted for ::time::Time {
    type As = DateTimeText;
}

impl Adapted for ::time::PrimitiveDateTime {
    type As = DateTimeText;
}

impl Adapted for ::time::OffsetDateTime {
    type As = DateTimeText;
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

// @section sql
/// An error decoding a value received from PostgreSQL.
pub type SqlError = ::std::boxed::Box<dyn ::std::error::Error + ::std::marker::Sync + ::std::marker::Send>;

/// Decoding from PostgreSQL's binary format, which tokio-postgres receives: implemented for
/// every type a Row field can have when its column is read directly (the Row types'
/// `TryFrom<&tokio_postgres::Row>` use it through [`Sql`]). Values are the ones the serde
/// path (`to_jsonb`) gives: infinite dates are `MAX`/`MIN`, numerics exact, arrays of any
/// dimension nested `Vec`s.
pub trait FromPg: ::std::marker::Sized {
    /// A non-NULL value of type `ty`.
    fn from_pg(ty: &::tokio_postgres::types::Type, raw: &[u8]) -> ::std::result::Result<Self, SqlError>;

    /// NULL: an error unless `Self` is an `Option`.
    fn from_pg_null(ty: &::tokio_postgres::types::Type) -> ::std::result::Result<Self, SqlError> {
        let _ = ty;
        ::std::result::Result::Err(::std::boxed::Box::new(::tokio_postgres::types::WasNull))
    }

    /// The part of an array at the remaining dimensions `dims` (an element when empty).
    fn from_pg_element(
        elem: &::tokio_postgres::types::Type,
        dims: &[usize],
        values: &mut ArrayValues<'_>,
    ) -> ::std::result::Result<Self, SqlError> {
        if !dims.is_empty() {
            return ::std::result::Result::Err(::std::format!("the array has more dimensions than {}", ::std::any::type_name::<Self>()).into());
        }
        match values.next_value()? {
            ::std::option::Option::Some(raw) => Self::from_pg(elem, raw),
            ::std::option::Option::None => Self::from_pg_null(elem),
        }
    }
}

/// The type a domain stands on (the type itself when it is not a domain).
pub fn base_type(ty: &::tokio_postgres::types::Type) -> &::tokio_postgres::types::Type {
    match ty.kind() {
        ::tokio_postgres::types::Kind::Domain(base) => base_type(base),
        _ => ty,
    }
}

/// The error for a value of the wrong PostgreSQL type.
pub fn wrong_type<T>(ty: &::tokio_postgres::types::Type) -> SqlError {
    ::std::format!(
        "cannot read a PostgreSQL {} value as {}: select the column as the Row type's SQL_COLUMNS do",
        ty.name(),
        ::std::any::type_name::<T>()
    )
    .into()
}

fn read_be<const N: usize>(buf: &mut &[u8]) -> ::std::result::Result<[u8; N], SqlError> {
    if buf.len() < N {
        return ::std::result::Result::Err("truncated binary value".into());
    }
    let (head, rest) = buf.split_at(N);
    *buf = rest;
    let mut out = [0u8; N];
    out.copy_from_slice(head);
    ::std::result::Result::Ok(out)
}

fn read_i32(buf: &mut &[u8]) -> ::std::result::Result<i32, SqlError> {
    read_be::<4>(buf).map(i32::from_be_bytes)
}

/// A length-prefixed value: `None` for NULL (length -1).
fn read_value<'a>(buf: &mut &'a [u8]) -> ::std::result::Result<::std::option::Option<&'a [u8]>, SqlError> {
    let len = read_i32(buf)?;
    if len < 0 {
        return ::std::result::Result::Ok(::std::option::Option::None);
    }
    let len = len as usize;
    if buf.len() < len {
        return ::std::result::Result::Err("truncated binary value".into());
    }
    let (value, rest) = buf.split_at(len);
    *buf = rest;
    ::std::result::Result::Ok(::std::option::Option::Some(value))
}

/// The elements of a binary array, in order.
pub struct ArrayValues<'a>(&'a [u8]);

impl<'a> ArrayValues<'a> {
    /// The next element: `None` for NULL.
    pub fn next_value(&mut self) -> ::std::result::Result<::std::option::Option<&'a [u8]>, SqlError> {
        read_value(&mut self.0)
    }
}

/// The fields of a binary composite value, read in order (for the generated composite types).
pub struct Record<'a> {
    fields: &'a [::tokio_postgres::types::Field],
    raw: &'a [u8],
    next: usize,
}

impl<'a> Record<'a> {
    /// Starts reading a composite value of type `ty` that must have `count` fields.
    pub fn new(ty: &'a ::tokio_postgres::types::Type, raw: &'a [u8], count: usize) -> ::std::result::Result<Self, SqlError> {
        let ty = base_type(ty);
        let ::tokio_postgres::types::Kind::Composite(fields) = ty.kind() else {
            return ::std::result::Result::Err(::std::format!("{} is not a composite type", ty.name()).into());
        };
        let mut raw = raw;
        let n = read_i32(&mut raw)?;
        if fields.len() != count || usize::try_from(n).ok() != ::std::option::Option::Some(count) {
            return ::std::result::Result::Err(::std::format!("composite {} has {n} fields, its Rust type {count}", ty.name()).into());
        }
        ::std::result::Result::Ok(Record { fields, raw, next: 0 })
    }

    /// The next field.
    pub fn field<T: FromPg>(&mut self) -> ::std::result::Result<T, SqlError> {
        let field = self.fields.get(self.next).ok_or("composite value has too few fields")?;
        self.next += 1;
        let _oid = read_be::<4>(&mut self.raw)?;
        match read_value(&mut self.raw)? {
            ::std::option::Option::Some(raw) => T::from_pg(field.type_(), raw),
            ::std::option::Option::None => T::from_pg_null(field.type_()),
        }
    }
}

macro_rules! from_pg_through_from_sql {
    ($($t:ty),*) => {$(
        impl FromPg for $t {
            fn from_pg(ty: &::tokio_postgres::types::Type, raw: &[u8]) -> ::std::result::Result<Self, SqlError> {
                let ty = base_type(ty);
                if !<$t as ::tokio_postgres::types::FromSql>::accepts(ty) {
                    return ::std::result::Result::Err(wrong_type::<$t>(ty));
                }
                <$t as ::tokio_postgres::types::FromSql>::from_sql(ty, raw)
            }
        }
    )*};
}

from_pg_through_from_sql!(bool, i16, i32, i64, f32, f64, u32);

/// Text types (text, varchar, char(n), name, citext, ltree, ...), `xml` and `"char"`, as
/// the text PostgreSQL writes for them.
impl FromPg for ::std::string::String {
    fn from_pg(ty: &::tokio_postgres::types::Type, raw: &[u8]) -> ::std::result::Result<Self, SqlError> {
        let ty = base_type(ty);
        if *ty == ::tokio_postgres::types::Type::CHAR {
            // The single-byte "char": empty for 0, octal escapes for non-ASCII (PostgreSQL 15+).
            return ::std::result::Result::Ok(match raw {
                [0] => ::std::string::String::new(),
                [b] if b.is_ascii() => char::from(*b).to_string(),
                [b] => ::std::format!("\\{b:03o}"),
                _ => return ::std::result::Result::Err("a \"char\" value is one byte".into()),
            });
        }
        if *ty == ::tokio_postgres::types::Type::XML {
            return ::std::result::Result::Ok(::std::str::from_utf8(raw)?.to_string());
        }
        if !<::std::string::String as ::tokio_postgres::types::FromSql>::accepts(ty) {
            return ::std::result::Result::Err(wrong_type::<::std::string::String>(ty));
        }
        <::std::string::String as ::tokio_postgres::types::FromSql>::from_sql(ty, raw)
    }
}

/// The JSON text of a json or jsonb value.
fn json_text<'a>(ty: &::tokio_postgres::types::Type, raw: &'a [u8]) -> ::std::result::Result<&'a [u8], SqlError> {
    match *base_type(ty) {
        ::tokio_postgres::types::Type::JSON => ::std::result::Result::Ok(raw),
        ::tokio_postgres::types::Type::JSONB => match raw.split_first() {
            ::std::option::Option::Some((1, text)) => ::std::result::Result::Ok(text),
            _ => ::std::result::Result::Err("unsupported jsonb version".into()),
        },
        ref other => ::std::result::Result::Err(::std::format!(
            "a column of type {} is read as JSON: select it as to_jsonb(column), as the Row type's SQL_COLUMNS do",
            other.name()
        )
        .into()),
    }
}

impl FromPg for ::serde_json::Value {
    fn from_pg(ty: &::tokio_postgres::types::Type, raw: &[u8]) -> ::std::result::Result<Self, SqlError> {
        ::std::result::Result::Ok(::serde_json::from_slice(json_text(ty, raw)?)?)
    }
}

impl<T: FromPg> FromPg for ::std::option::Option<T> {
    fn from_pg(ty: &::tokio_postgres::types::Type, raw: &[u8]) -> ::std::result::Result<Self, SqlError> {
        T::from_pg(ty, raw).map(::std::option::Option::Some)
    }

    fn from_pg_null(_: &::tokio_postgres::types::Type) -> ::std::result::Result<Self, SqlError> {
        ::std::result::Result::Ok(::std::option::Option::None)
    }

    fn from_pg_element(
        elem: &::tokio_postgres::types::Type,
        dims: &[usize],
        values: &mut ArrayValues<'_>,
    ) -> ::std::result::Result<Self, SqlError> {
        if !dims.is_empty() {
            return T::from_pg_element(elem, dims, values).map(::std::option::Option::Some);
        }
        match values.next_value()? {
            ::std::option::Option::Some(raw) => T::from_pg(elem, raw).map(::std::option::Option::Some),
            ::std::option::Option::None => ::std::result::Result::Ok(::std::option::Option::None),
        }
    }
}

/// Arrays of any dimension: one `Vec` per dimension (an empty array is an empty `Vec`).
impl<T: FromPg> FromPg for ::std::vec::Vec<T> {
    fn from_pg(ty: &::tokio_postgres::types::Type, raw: &[u8]) -> ::std::result::Result<Self, SqlError> {
        let ty = base_type(ty);
        let ::tokio_postgres::types::Kind::Array(elem) = ty.kind() else {
            return ::std::result::Result::Err(wrong_type::<Self>(ty));
        };
        let mut buf = raw;
        let ndim = read_i32(&mut buf)?;
        let _flags = read_i32(&mut buf)?;
        let _oid = read_i32(&mut buf)?;
        let mut dims = ::std::vec::Vec::new();
        for _ in 0..ndim {
            dims.push(usize::try_from(read_i32(&mut buf)?)?);
            let _lower_bound = read_i32(&mut buf)?;
        }
        if dims.is_empty() {
            return ::std::result::Result::Ok(::std::vec::Vec::new());
        }
        let mut values = ArrayValues(buf);
        let out = Self::from_pg_element(elem, &dims, &mut values)?;
        if !values.0.is_empty() {
            return ::std::result::Result::Err("array has more elements than its dimensions".into());
        }
        ::std::result::Result::Ok(out)
    }

    fn from_pg_element(
        elem: &::tokio_postgres::types::Type,
        dims: &[usize],
        values: &mut ArrayValues<'_>,
    ) -> ::std::result::Result<Self, SqlError> {
        let ::std::option::Option::Some((len, rest)) = dims.split_first() else {
            return ::std::result::Result::Err(::std::format!("the array has fewer dimensions than {}", ::std::any::type_name::<Self>()).into());
        };
        (0..*len).map(|_| T::from_pg_element(elem, rest, values)).collect()
    }
}

/// A column of a `tokio_postgres::Row` read as `T` through [`FromPg`]:
/// `row.try_get::<_, pg::Sql<T>>("column")?.0`.
pub struct Sql<T>(pub T);

impl<'a, T: FromPg> ::tokio_postgres::types::FromSql<'a> for Sql<T> {
    fn from_sql(ty: &::tokio_postgres::types::Type, raw: &'a [u8]) -> ::std::result::Result<Self, SqlError> {
        T::from_pg(ty, raw).map(Sql)
    }

    fn from_sql_null(ty: &::tokio_postgres::types::Type) -> ::std::result::Result<Self, SqlError> {
        T::from_pg_null(ty).map(Sql)
    }

    fn accepts(_: &::tokio_postgres::types::Type) -> bool {
        true
    }
}

/// A column selected as `to_jsonb(column)` (or a json/jsonb column) read as `T` through the
/// serde adapter `A`, exactly as the Row type's `Deserialize` reads the column: for the
/// types whose binary format gen-types does not decode (intervals, ranges, money, network,
/// geometric and text-search types, ...). Reading such a column without `to_jsonb` is an
/// error that says so.
pub struct Json<T, A>(pub T, ::std::marker::PhantomData<A>);

impl<'a, T, A: for<'de> ::serde_with::DeserializeAs<'de, T>> ::tokio_postgres::types::FromSql<'a> for Json<T, A> {
    fn from_sql(ty: &::tokio_postgres::types::Type, raw: &'a [u8]) -> ::std::result::Result<Self, SqlError> {
        let mut de = ::serde_json::Deserializer::from_slice(json_text(ty, raw)?);
        let value = A::deserialize_as(&mut de)?;
        de.end()?;
        ::std::result::Result::Ok(Json(value, ::std::marker::PhantomData))
    }

    fn from_sql_null(_: &::tokio_postgres::types::Type) -> ::std::result::Result<Self, SqlError> {
        let mut de = ::serde_json::Deserializer::from_str("null");
        ::std::result::Result::Ok(Json(A::deserialize_as(&mut de)?, ::std::marker::PhantomData))
    }

    fn accepts(_: &::tokio_postgres::types::Type) -> bool {
        true
    }
}

// @section sql+uuid
impl FromPg for ::uuid::Uuid {
    fn from_pg(ty: &::tokio_postgres::types::Type, raw: &[u8]) -> ::std::result::Result<Self, SqlError> {
        if *base_type(ty) != ::tokio_postgres::types::Type::UUID {
            return ::std::result::Result::Err(wrong_type::<Self>(ty));
        }
        ::std::result::Result::Ok(::uuid::Uuid::from_slice(raw)?)
    }
}

// @section sql+datetime
/// Binary dates and times: days (`date`) or microseconds (`timestamp`, `timestamptz`) from
/// 2000-01-01 and microseconds from midnight (`time`); the largest and smallest values are
/// the infinities.
impl<T: Temporal> FromPg for T {
    fn from_pg(ty: &::tokio_postgres::types::Type, raw: &[u8]) -> ::std::result::Result<Self, SqlError> {
        use ::tokio_postgres::types::Type;
        let ty = base_type(ty);
        let expected = match T::KIND {
            TemporalKind::Date => Type::DATE,
            TemporalKind::Time => Type::TIME,
            TemporalKind::Timestamp => Type::TIMESTAMP,
            TemporalKind::TimestampTz => Type::TIMESTAMPTZ,
        };
        if *ty != expected {
            return ::std::result::Result::Err(wrong_type::<T>(ty));
        }
        let mut buf = raw;
        let parts = match T::KIND {
            TemporalKind::Date => match read_i32(&mut buf)? {
                i32::MAX => Parts::Infinity,
                i32::MIN => Parts::NegInfinity,
                days => Parts::Finite(i64::from(days), 0),
            },
            kind => {
                let micros = read_be::<8>(&mut buf).map(i64::from_be_bytes)?;
                const PER_DAY: i64 = NANOS_PER_DAY / 1000;
                match micros {
                    _ if kind == TemporalKind::Time => Parts::Finite(0, micros.saturating_mul(1000)),
                    i64::MAX => Parts::Infinity,
                    i64::MIN => Parts::NegInfinity,
                    _ => Parts::Finite(micros.div_euclid(PER_DAY), micros.rem_euclid(PER_DAY) * 1000),
                }
            }
        };
        ::std::result::Result::Ok(temporal_from_parts(parts)?)
    }
}

// @section sql+decimal
/// The text PostgreSQL writes for a binary `numeric` (`NaN` and the infinities included).
fn numeric_text(ty: &::tokio_postgres::types::Type, raw: &[u8]) -> ::std::result::Result<::std::string::String, SqlError> {
    use ::std::fmt::Write;
    if *base_type(ty) != ::tokio_postgres::types::Type::NUMERIC {
        return ::std::result::Result::Err(wrong_type::<Numeric>(ty));
    }
    let mut buf = raw;
    let mut word = || read_be::<2>(&mut buf).map(u16::from_be_bytes);
    let ndigits = word()?;
    let weight = i32::from(word()? as i16);
    let sign = word()?;
    let dscale = usize::from(word()?);
    let mut digits = ::std::vec::Vec::with_capacity(usize::from(ndigits));
    for _ in 0..ndigits {
        digits.push(word()?);
    }
    let mut s = ::std::string::String::new();
    match sign {
        0xC000 => return ::std::result::Result::Ok("NaN".into()),
        0xD000 => return ::std::result::Result::Ok("Infinity".into()),
        0xF000 => return ::std::result::Result::Ok("-Infinity".into()),
        0x4000 => s.push('-'),
        0x0000 => {}
        _ => return ::std::result::Result::Err("invalid numeric sign".into()),
    }
    let digit = |i: i32| usize::try_from(i).ok().and_then(|i| digits.get(i)).copied().unwrap_or(0);
    if weight < 0 {
        s.push('0');
    }
    for i in 0..=weight {
        if i == 0 {
            write!(s, "{}", digit(i))?;
        } else {
            write!(s, "{:04}", digit(i))?;
        }
    }
    if dscale > 0 {
        let mut fraction = ::std::string::String::new();
        let mut i = weight + 1;
        while fraction.len() < dscale {
            write!(fraction, "{:04}", digit(i))?;
            i += 1;
        }
        fraction.truncate(dscale);
        s.push('.');
        s.push_str(&fraction);
    }
    ::std::result::Result::Ok(s)
}

impl FromPg for ::rust_decimal::Decimal {
    fn from_pg(ty: &::tokio_postgres::types::Type, raw: &[u8]) -> ::std::result::Result<Self, SqlError> {
        let text = numeric_text(ty, raw)?;
        ::rust_decimal::Decimal::from_str_exact(&text).map_err(|e| {
            ::std::format!("numeric {text} does not fit rust_decimal::Decimal ({e}); type the column pg::Numeric").into()
        })
    }
}

impl FromPg for Numeric {
    fn from_pg(ty: &::tokio_postgres::types::Type, raw: &[u8]) -> ::std::result::Result<Self, SqlError> {
        numeric_text(ty, raw).map(Numeric)
    }
}

// @section sql+bytea
impl FromPg for Bytea {
    fn from_pg(ty: &::tokio_postgres::types::Type, raw: &[u8]) -> ::std::result::Result<Self, SqlError> {
        if *base_type(ty) != ::tokio_postgres::types::Type::BYTEA {
            return ::std::result::Result::Err(wrong_type::<Self>(ty));
        }
        ::std::result::Result::Ok(Bytea(raw.to_vec()))
    }
}

// @section sql+json
impl FromPg for RawJson {
    fn from_pg(ty: &::tokio_postgres::types::Type, raw: &[u8]) -> ::std::result::Result<Self, SqlError> {
        let text = ::std::str::from_utf8(json_text(ty, raw)?)?;
        ::std::result::Result::Ok(RawJson(::serde_json::value::RawValue::from_string(text.to_string())?))
    }
}
