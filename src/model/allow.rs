//! `allow:` a finding the consultant has reviewed and accepted, with the reason.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::Spanned;

/// Suppresses one rule on the element that carries it.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Allow {
    /// The rule's name, e.g. `data/output-unused`.
    pub rule: Spanned<String>,
    /// Why the finding is acceptable; required, so that a reviewer can judge it.
    pub reason: String,
}
