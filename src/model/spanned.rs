//! Values that remember where in their file they were written.
//!
//! The loader keeps a byte range for every value a diagnostic may point at (ids,
//! references, RACI letters, `next` targets). The range is relative to the file the value
//! came from; which file that is, the loader records per element (see `load`), so that this
//! module knows nothing of files.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A byte range within one model file. `Span::UNKNOWN` marks a value with no source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte (equal to `start` for an empty span).
    pub end: usize,
}

impl Span {
    /// A span for values that do not come from a file (defaults, generated values).
    pub const UNKNOWN: Span = Span {
        start: usize::MAX,
        end: usize::MAX,
    };

    /// Whether this span points into a file.
    pub fn is_known(&self) -> bool {
        self.start != usize::MAX
    }

    pub(crate) fn from_location(location: serde_saphyr::Location) -> Span {
        let span = location.span();
        match (span.byte_offset(), span.byte_len()) {
            (Some(offset), Some(len)) if location.line() > 0 => {
                let start = usize::try_from(offset).unwrap_or(usize::MAX);
                let len = usize::try_from(len).unwrap_or(0);
                Span {
                    start,
                    end: start.saturating_add(len),
                }
            }
            _ => Span::UNKNOWN,
        }
    }
}

/// A value together with the span of the YAML node it was read from.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Spanned<T> {
    /// The value as written.
    pub value: T,
    /// Where it was written.
    pub span: Span,
}

impl<T> Spanned<T> {
    /// Pairs a value with a span.
    pub fn new(value: T, span: Span) -> Self {
        Spanned { value, span }
    }
}

impl<T: fmt::Display> fmt::Display for Spanned<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.value.fmt(f)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Spanned<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // `referenced` is where the value is used: for an alias, the alias itself, which is
        // where a user looks for the mistake.
        let inner = serde_saphyr::Spanned::<T>::deserialize(deserializer)?;
        Ok(Spanned {
            value: inner.value,
            span: Span::from_location(inner.referenced),
        })
    }
}

impl<T: Serialize> Serialize for Spanned<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(serializer)
    }
}

impl<T: JsonSchema> JsonSchema for Spanned<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }

    fn schema_name() -> Cow<'static, str> {
        T::schema_name()
    }

    fn schema_id() -> Cow<'static, str> {
        T::schema_id()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        T::json_schema(generator)
    }
}
