//! `IdList`: a field that takes one id or a list of ids (`R: telemarketer` or
//! `R: [telemarketer, sales-manager]`), every id with its span.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::Visitor;
use serde::{Deserialize, Deserializer, Serialize};

use crate::model::one_or_many::{Element, OneOrMany};
use crate::model::written::{non_text_scalars, scalar_id};
use crate::model::{Span, Spanned};

/// One id or a list of ids, each with its span.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct IdList(pub Vec<Spanned<String>>);

impl IdList {
    /// The ids in the order written.
    pub fn iter(&self) -> impl Iterator<Item = &Spanned<String>> {
        self.0.iter()
    }

    /// Whether no id was given.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<'de> Deserialize<'de> for IdList {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(IdList(
            match OneOrMany::<SpannedId>::deserialize(deserializer)? {
                OneOrMany::One(id) => vec![id],
                OneOrMany::Many(ids) => ids.into_iter().map(|SpannedId(id)| id).collect(),
            },
        ))
    }
}

/// A list element: an id kept as written, with its span.
struct SpannedId(Spanned<String>);

impl Element for SpannedId {
    const EXPECTING: &'static str = "an id or a list of ids";
}

impl<'de> Deserialize<'de> for SpannedId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ScalarVisitor;
        impl<'de> Visitor<'de> for ScalarVisitor {
            type Value = Option<String>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an id")
            }

            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Option<String>, E> {
                Ok(Some(v.to_owned()))
            }

            non_text_scalars!(Option<String>, None);
        }
        struct Scalar(Option<String>);
        impl<'de> Deserialize<'de> for Scalar {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_any(ScalarVisitor).map(Scalar)
            }
        }
        let scalar = serde_saphyr::Spanned::<Scalar>::deserialize(deserializer)?;
        let span = Span::from_location(scalar.referenced);
        Ok(SpannedId(Spanned::new(
            scalar_id(scalar.value.0, span)?,
            span,
        )))
    }
}

impl JsonSchema for IdList {
    fn schema_name() -> Cow<'static, str> {
        "IdList".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "One id, or a list of ids.",
            "anyOf": [
                { "type": "string" },
                { "type": "array", "items": { "type": "string" } }
            ]
        })
    }
}
