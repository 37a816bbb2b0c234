//! `roles:` the positions of the organisation and the external parties (the client).

use std::num::NonZeroU32;

use std::fmt;

use schemars::JsonSchema;
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use crate::model::{Allow, Frequency, Number, Spanned};

/// A position in the organisation, or an external party such as the client.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Role {
    /// Unique among roles; becomes the file name of the role's job description.
    pub id: Spanned<String>,
    /// The position's title as it appears in documents, e.g. "Телемаркетолог".
    pub name: String,
    /// The title in the genitive, for Russian text: «телемаркетолога» (the title
    /// «Должностная инструкция телемаркетолога»). Cases of a free-form title cannot be
    /// guessed; without it the title is printed as a heading of its own.
    pub name_genitive: Option<String>,
    /// The title in the dative, for Russian text: «руководителю отдела продаж» (its
    /// subordinates' instructions say «Подчиняется непосредственно руководителю…»).
    pub name_dative: Option<String>,
    /// The category of the position (default: `manager` when someone reports to it,
    /// `specialist` otherwise).
    pub category: Option<RoleCategory>,
    /// The department the position belongs to.
    pub department: Option<String>,
    /// The id of the role this one reports to. Reporting lines must not form a cycle.
    pub reports_to: Option<Spanned<String>>,
    /// How many people hold the position (default 1).
    pub headcount: Option<NonZeroU32>,
    /// What the position exists for, one or two sentences.
    pub purpose: Option<String>,
    /// The part of the job the model covers, when most of the position's work lies outside
    /// the modelled processes (a lawyer's contract work for the sales department): «в части
    /// договорной работы с клиентами», "in contract work for the sales team". Its job
    /// description then says that it covers that part only.
    pub scope: Option<String>,
    /// The title of the head of the unit (`department`) a position is borrowed from, when
    /// the model does not describe that unit (the position reports to no role and nobody
    /// reports to it): «Главный бухгалтер», "Warehouse Manager". That head endorses its
    /// addendum, checks its checklist and is its superior on the organisation chart;
    /// without it they are «руководитель подразделения «Бухгалтерия»».
    pub unit_head: Option<String>,
    /// Qualification requirements: education, experience, skills.
    #[serde(default)]
    pub requirements: Vec<String>,
    /// What the holder must know: products, prices, regulations, systems.
    #[serde(default)]
    pub knows: Vec<String>,
    /// Where the holder works: an office, a city, a site ("London office, hybrid"). English
    /// job descriptions put it in their header block; Russian ones among the general
    /// provisions.
    pub location: Option<String>,
    /// The working time: full- or part-time, the hours ("Full-time, 37.5 hours a week").
    pub hours: Option<String>,
    /// The id of the role that stands in during the holder's absence.
    pub deputy: Option<Spanned<String>>,
    /// Duties that are not tied to a process step: a text, or a text with the frequency
    /// the duty comes round at, which puts it on the checklist's sheet of that frequency.
    #[serde(default)]
    pub duties: Vec<RoleDuty>,
    /// Rights of the position.
    #[serde(default)]
    pub rights: Vec<String>,
    /// What the holder is liable for.
    #[serde(default)]
    pub liability: Vec<String>,
    /// The position's pay under the КСП scheme: the fixed salary, the variable bonus that
    /// the indicators' index scales, and the cap on any indicator's paid share.
    pub motivation: Option<Motivation>,
    /// True for parties outside the organisation (the client, a supplier): they take part
    /// in RACI but get no job description, checklist or indicators.
    #[serde(default)]
    pub external: bool,
    /// Findings of `check` accepted for this role, each with a reason.
    #[serde(default)]
    pub allow: Vec<Allow>,
}

/// A duty of a position that no process step covers.
#[derive(Clone, Debug, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum RoleDuty {
    /// The duty alone («Готовить претензии по запросу бухгалтера»): the job description
    /// lists it; it comes as it occurs, so no checklist sheet has room for it.
    Text(String),
    /// A duty done on a schedule: the job description lists it, and the checklist ticks it
    /// off on the sheet of its frequency.
    Scheduled(ScheduledDuty),
}

/// A duty done on a schedule: `{ duty: Пересчитывать остатки склада, frequency: weekly }`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScheduledDuty {
    /// The duty, worded as the job description lists it.
    pub duty: String,
    /// How often it comes round.
    pub frequency: Frequency,
    /// The duty as the checklist words it, an instruction ("Count the fast-moving
    /// lines"), where the job description's wording is not one ("Counts the fast-moving
    /// lines…"; default: the duty as written, as a Russian infinitive reads both ways).
    pub check: Option<String>,
}

/// Read by hand rather than as an untagged enum, whose one error for every mistake ("did
/// not match any variant") would hide which key of a mapping is misspelt.
impl<'de> Deserialize<'de> for RoleDuty {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Duty;
        impl<'de> Visitor<'de> for Duty {
            type Value = RoleDuty;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a duty's text, or its `duty` and `frequency`")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<RoleDuty, E> {
                Ok(RoleDuty::Text(text.to_owned()))
            }
            fn visit_map<M: MapAccess<'de>>(self, map: M) -> Result<RoleDuty, M::Error> {
                ScheduledDuty::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(RoleDuty::Scheduled)
            }
        }
        deserializer.deserialize_any(Duty)
    }
}

impl RoleDuty {
    /// The duty's text.
    pub fn text(&self) -> &str {
        match self {
            RoleDuty::Text(text) => text,
            RoleDuty::Scheduled(scheduled) => &scheduled.duty,
        }
    }

    /// The duty with its frequency, when it has one.
    pub fn scheduled(&self) -> Option<&ScheduledDuty> {
        match self {
            RoleDuty::Text(_) => None,
            RoleDuty::Scheduled(scheduled) => Some(scheduled),
        }
    }
}

/// A position's monthly pay: `salary + bonus × index`, where the index weighs the role's
/// indicators (see docs/score.md).
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Motivation {
    /// The fixed monthly pay (оклад), in the model's currency.
    pub salary: Option<Spanned<Number>>,
    /// The variable pay a month at an index of 1, every plan met exactly (целевая премия).
    pub bonus: Option<Spanned<Number>>,
    /// The most any of the role's indicators pays, in percent of its plan (default: the
    /// model's `motivation.cap`, or 120).
    pub cap: Option<Spanned<Number>>,
}

/// The category of a position, as job descriptions state it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum RoleCategory {
    /// A manager: heads people (руководители).
    Manager,
    /// A specialist (специалисты).
    Specialist,
    /// Support staff: technical and clerical work (технические исполнители).
    Technical,
}
