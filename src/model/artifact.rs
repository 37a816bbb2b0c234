//! `artifacts:` the documents and information objects that flow between steps.

use std::num::NonZeroU32;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::{Allow, Frequency, Spanned};

/// A document, record, report, form or other information object.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Artifact {
    /// Unique among artifacts; becomes the file name of its blank form.
    pub id: Spanned<String>,
    /// The document's name as it appears in the pack.
    pub name: String,
    /// What sort of object it is (default `document`).
    #[serde(default)]
    pub kind: ArtifactKind,
    /// What it contains or is for.
    pub description: Option<String>,
    /// True when it comes from outside the model (a client's request, market data): it is
    /// always available as a step input.
    #[serde(default)]
    pub external: bool,
    /// The act that sets its form, for a document the organisation fills in but does not
    /// design (a УПД: «письмом ФНС России от 21.10.2013 № ММВ-20-3/96@»). The pack makes no
    /// blank and gives no code of its own to such a form.
    pub statutory: Option<String>,
    /// How often it is produced.
    pub frequency: Option<Frequency>,
    /// The columns of a report or form: what the blank form shows.
    #[serde(default)]
    pub fields: Vec<Field>,
    /// How many rows the blank form has (default: as many as the steps that fill it come
    /// round in the form's period, at least 10).
    pub rows: Option<NonZeroU32>,
    /// The paragraph a document the organisation sends out opens with, after the greeting
    /// («Благодарим за встречу. Предлагаем поставку на следующих условиях:»): a letter
    /// says what it offers before its table.
    pub opening: Option<String>,
    /// The paragraph an outgoing letter closes with, before the signature: how to accept
    /// the offer ("To accept this quote, sign and return a copy…").
    pub closing: Option<String>,
    /// Where the filled-in document is kept: a system, a folder, an archive ("CRM, the
    /// customer's card"). The regulation's records table shows it.
    pub kept: Option<String>,
    /// How long it is kept ("6 years", «5 лет»).
    pub retention: Option<String>,
    /// Findings of `check` accepted for this artifact, each with a reason.
    #[serde(default)]
    pub allow: Vec<Allow>,
}

/// The sort of an artifact. Reports and forms need `fields`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ArtifactKind {
    /// A document (the default).
    #[default]
    Document,
    /// A record in a system, such as a CRM entry.
    Record,
    /// A report with fixed columns.
    Report,
    /// A form to fill in, with fixed fields.
    Form,
    /// A script or speech module for conversations.
    Script,
    /// A contract or agreement.
    Contract,
    /// Data: an export, a list, a data set.
    Data,
    /// A message: a letter, a notification.
    Message,
}

impl ArtifactKind {
    /// Whether whoever answers for the step producing it checks and signs it off: a
    /// document, a report, a form or a contract; a CRM record, a script, a data set or a
    /// message is not signed.
    pub fn is_signed(self) -> bool {
        matches!(
            self,
            ArtifactKind::Document
                | ArtifactKind::Report
                | ArtifactKind::Form
                | ArtifactKind::Contract
        )
    }
}

/// A column of a report or a field of a form.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// The column's heading.
    pub name: String,
    /// What the column holds (default `text`).
    #[serde(default, rename = "type")]
    pub field_type: FieldType,
    /// The allowed answers, for `choice` fields.
    #[serde(default)]
    pub options: Vec<String>,
    /// Where the blank form puts it (default `row`: a column of the table).
    #[serde(default)]
    pub place: FieldPlace,
    /// The most characters an entry takes (an ИНН: 12, a phone number: 16): a text column
    /// that needs no more gets that much room, and free text shares the rest of the line.
    pub length: Option<u16>,
    /// How many lines a hand-written entry of a header or footer field takes (an address:
    /// 4; default 1): the blank gives it that much room.
    pub lines: Option<std::num::NonZeroU8>,
    /// Whether a column of figures is added up: the blank then ends its table with an
    /// «Итого» / "Total" row, with room under each such column and the rest crossed out.
    #[serde(default)]
    pub sum: bool,
}

/// Where a field goes on a blank form.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum FieldPlace {
    /// Once, above the table: the date, the employee, the period.
    Header,
    /// A column of the table, filled on every row (the default).
    #[default]
    Row,
    /// Once, below the table: a total, compared with the plan where an indicator is
    /// measured by this document.
    Total,
    /// Once, after the table and its totals: terms, remarks, conclusions.
    Footer,
}

/// The type of a form field.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum FieldType {
    /// Free text (the default).
    #[default]
    Text,
    /// A number.
    Number,
    /// An amount of money.
    Money,
    /// A date.
    Date,
    /// Yes or no.
    Bool,
    /// One of `options`.
    Choice,
}
