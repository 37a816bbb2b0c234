//! `next:` what follows a step.
//!
//! Three spellings share one field: a step id, a list of step ids (a parallel split), or,
//! on a decision, a list of `{to, when}` branches. The loader keeps every target with its
//! span and leaves judging the combination (branches on a task, a list mixing both) to
//! the flow rules, which can explain it better than a type error could.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use crate::model::one_or_many::{Element, OneOrMany};
use crate::model::written::{non_text_scalars, scalar_id};
use crate::model::{Span, Spanned};

/// The targets of a step's `next`, in the order written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Next(pub Vec<NextTarget>);

/// One target: a plain step id, or a decision branch.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NextTarget {
    /// The id of the following step, or `end`.
    pub to: Spanned<String>,
    /// The branch's condition; `None` for a plain target, and for a branch written
    /// without `when` (which the flow rules report).
    pub when: Option<Spanned<String>>,
    /// Whether it was written as a `{to, when}` branch.
    pub is_branch: bool,
}

struct TargetVisitor;

/// A list element before its span is known: a plain id (its text, or `None` when YAML
/// read it as a number or boolean) or a branch.
enum TargetNode {
    Plain(Option<String>),
    Branch(NextTarget),
}

impl<'de> Visitor<'de> for TargetVisitor {
    type Value = TargetNode;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a step id or a `{to, when}` branch")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(TargetNode::Plain(Some(v.to_owned())))
    }

    non_text_scalars!(TargetNode, TargetNode::Plain(None));

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut to = None;
        let mut when = None;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "to" if to.is_none() => to = Some(map.next_value::<Spanned<String>>()?),
                "when" if when.is_none() => when = Some(map.next_value::<Spanned<String>>()?),
                "to" | "when" => return Err(serde::de::Error::duplicate_field("to or when")),
                other => return Err(serde::de::Error::unknown_field(other, &["to", "when"])),
            }
        }
        let to = to.ok_or_else(|| serde::de::Error::missing_field("to"))?;
        Ok(TargetNode::Branch(NextTarget {
            to,
            when,
            is_branch: true,
        }))
    }
}

/// A list element with the location of its node, so that a plain id keeps its span.
struct SpannedTarget(NextTarget);

impl Element for SpannedTarget {
    const EXPECTING: &'static str =
        "a step id, a list of step ids, or a list of `{to, when}` branches";
}

impl<'de> Deserialize<'de> for SpannedTarget {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Inner(TargetNode);
        impl<'de> Deserialize<'de> for Inner {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_any(TargetVisitor).map(Inner)
            }
        }
        let spanned = serde_saphyr::Spanned::<Inner>::deserialize(deserializer)?;
        let span = Span::from_location(spanned.referenced);
        Ok(SpannedTarget(match spanned.value.0 {
            TargetNode::Branch(target) => target,
            TargetNode::Plain(text) => NextTarget {
                to: Spanned::new(scalar_id(text, span)?, span),
                when: None,
                is_branch: false,
            },
        }))
    }
}

impl<'de> Deserialize<'de> for Next {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Next(
            match OneOrMany::<SpannedTarget>::deserialize(deserializer)? {
                OneOrMany::One(to) => vec![NextTarget {
                    to,
                    when: None,
                    is_branch: false,
                }],
                OneOrMany::Many(targets) => targets.into_iter().map(|SpannedTarget(t)| t).collect(),
            },
        ))
    }
}

impl JsonSchema for Next {
    fn schema_name() -> Cow<'static, str> {
        "Next".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "What follows: a step id or `end`; a list of step ids (all follow); or, on a decision, a list of branches.",
            "anyOf": [
                { "type": "string" },
                {
                    "type": "array",
                    "items": {
                        "anyOf": [
                            { "type": "string" },
                            {
                                "type": "object",
                                "description": "A branch of a decision.",
                                "properties": {
                                    "to": { "type": "string", "description": "The id of the step this branch leads to, or `end`." },
                                    "when": { "type": "string", "description": "The answer that selects this branch." }
                                },
                                "required": ["to"],
                                "additionalProperties": false
                            }
                        ]
                    }
                }
            ]
        })
    }
}
