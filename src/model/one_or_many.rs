//! Fields that take one id or a list (`R: clerk` or `R: [clerk, boss]`; `next: s2` or
//! `next: [s2, s3]`), read without losing spans.
//!
//! Serde's `untagged` enums buffer their input and lose source spans, so the node is read
//! here: a scalar becomes one id with the scalar's span (kept as written, see `written`),
//! a sequence a list of the field's element type.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

use crate::model::written::{non_text_scalars, scalar_id};
use crate::model::{Span, Spanned};

/// The element type of a one-or-many field, and how an error names what was expected.
pub(crate) trait Element {
    /// What the field takes, for "invalid type … expected …" messages.
    const EXPECTING: &'static str;
}

/// A one-or-many field as written.
pub(crate) enum OneOrMany<T> {
    /// A single id, with its span.
    One(Spanned<String>),
    /// A list.
    Many(Vec<T>),
}

enum Raw<T> {
    /// A scalar: its text, or `None` when YAML read it as a number or boolean.
    One(Option<String>),
    Many(Vec<T>),
}

impl<'de, T: Deserialize<'de> + Element> Deserialize<'de> for Raw<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RawVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de> + Element> Visitor<'de> for RawVisitor<T> {
            type Value = Raw<T>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(T::EXPECTING)
            }

            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Raw<T>, E> {
                Ok(Raw::One(Some(v.to_owned())))
            }

            non_text_scalars!(Raw<T>, Raw::One(None));

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Raw<T>, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Raw::Many(items))
            }
        }
        deserializer.deserialize_any(RawVisitor(PhantomData))
    }
}

impl<'de, T: Deserialize<'de> + Element> Deserialize<'de> for OneOrMany<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = serde_saphyr::Spanned::<Raw<T>>::deserialize(deserializer)?;
        let span = Span::from_location(raw.referenced);
        Ok(match raw.value {
            Raw::One(text) => OneOrMany::One(Spanned::new(scalar_id(text, span)?, span)),
            Raw::Many(items) => OneOrMany::Many(items),
        })
    }
}
