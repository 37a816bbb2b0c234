//! `model:` and `rules:`, the two sections only model.yaml may hold.

use std::borrow::Cow;
use std::fmt;
use std::num::NonZeroU32;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use crate::model::{Number, Positive, Spanned};

/// What the model is and how its documents are written.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ModelInfo {
    /// A short id for the model.
    pub id: Spanned<String>,
    /// The model's title, shown on the pack's front page.
    pub name: String,
    /// The client the model describes.
    pub client: Option<String>,
    /// The model's version, free text (quote it: "1.10").
    pub version: Option<String>,
    /// The language of generated documents (default `en`).
    #[serde(default)]
    pub language: Language,
    /// Working hours per day, for the workload analysis (default 8; 7.5 for a UK day of
    /// 37.5 hours a week).
    pub hours_per_day: Option<Positive>,
    /// Working days per month, for the workload analysis (default 21).
    pub days_per_month: Option<NonZeroU32>,
    /// The share of the working time a person can spend on the modelled work, for the
    /// headcount the work needs (Квн in Чпл = Тпр / (Фв × Квн); default 1.0).
    pub norm_coefficient: Option<Positive>,
    /// How the model pays for indicators: the default cap and the currency.
    #[serde(default)]
    pub motivation: MotivationDefaults,
    /// The date the documents take effect, as an ISO date (`2026-12-01`): printed on every
    /// document with the version.
    pub date: Option<Spanned<String>>,
    /// Who approves the job descriptions and regulations (default: the general director,
    /// name left blank). A role whose title is this position gets its instruction approved
    /// by the role it reports to instead: nobody approves their own instruction.
    pub approval: Option<Approval>,
    /// The prefixes of document codes, e.g. `regulation: РП` gives РП-01, РП-02…
    #[serde(default)]
    pub codes: Codes,
    /// Terms and abbreviations the documents use, explained in the regulations and the
    /// handbook.
    #[serde(default)]
    pub glossary: Vec<Term>,
    /// The organisation's requisites as its letterhead prints them, a line each (address;
    /// ИНН, КПП, ОГРН; phone, e-mail, website). Without them an outgoing letter leaves
    /// labelled blanks to fill in.
    #[serde(default)]
    pub requisites: Vec<String>,
    /// The city the organisation's documents are issued in, which a Russian title page
    /// prints above the year at its foot («Екатеринбург 2027»).
    pub city: Option<String>,
}

/// The model-wide settings of the КСП motivation scheme.
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MotivationDefaults {
    /// The most an indicator pays, in percent of its plan, where neither the indicator nor
    /// its role sets a cap (default 120).
    pub cap: Option<Spanned<Number>>,
    /// The currency pay is written in: a sign or a code (`₽`, `£`, `EUR`).
    pub currency: Option<String>,
    /// The policy's title as the company names it, which the documents that cite it use:
    /// «Положение о мотивации работников отдела продаж», "Sales bonus scheme" (default
    /// «Положение о мотивации», "Bonus scheme").
    pub title: Option<String>,
}

/// Who signs the approval stamp of the pack's documents.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Approval {
    /// The position, as it heads the stamp: «Генеральный директор».
    pub position: String,
    /// The position in the genitive, for Russian text: «генерального директора» (job
    /// descriptions say who appoints to the position «приказом генерального директора»).
    pub position_genitive: Option<String>,
    /// The position in the dative: «генеральному директору» (a role that reports to no
    /// role of the model «подчиняется непосредственно генеральному директору»).
    pub position_dative: Option<String>,
    /// The name printed on the signature line: «И. И. Иванов».
    pub name: Option<String>,
    /// The position that endorses (визирует) a job description before it is approved,
    /// named on its «Согласовано» line: «Юрист», «Начальник отдела кадров». Without it the
    /// line is left for the position to be written in.
    pub endorsed_by: Option<String>,
}

/// The prefixes of document codes; each kind of document is numbered from 01 in the order
/// written. The defaults follow the pack's language (РП, ДИ, ЧЛ, Ф, ПФ, МО in Russian).
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Codes {
    /// Process regulations (default РП / SOP).
    pub regulation: Option<String>,
    /// Job descriptions (default ДИ / JD).
    pub job_description: Option<String>,
    /// Checklists (default ЧЛ / CL).
    pub checklist: Option<String>,
    /// Blank forms of documents (default Ф / F).
    pub form: Option<String>,
    /// Plan/fact forms (default ПФ / SC).
    pub plan_fact: Option<String>,
    /// The motivation policy (default ПМ / BON).
    pub motivation: Option<String>,
    /// The responsibility matrix (default МО / RM).
    pub matrix: Option<String>,
    /// The organisation chart with its staffing (default ОС / ORG).
    pub org_chart: Option<String>,
}

/// A term or abbreviation of the glossary.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// The term as the documents write it: «ЛПР».
    pub term: String,
    /// What it means: «лицо, принимающее решение о закупке».
    pub definition: String,
}

/// A language of generated documents.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Language {
    /// English (the default).
    #[default]
    En,
    /// Russian.
    Ru,
}

impl Language {
    /// The language's code, as HTML's `lang` takes it.
    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Ru => "ru",
        }
    }

    /// Which plural form fits `count`: English has `[one, other]`, Russian
    /// `[one, few, many]` (1 раз, 2 раза, 5 раз; a fraction takes the "few" form: 1,5
    /// раза).
    pub fn plural_form(self, count: f64) -> usize {
        let whole = count.fract() == 0.0;
        let n = count.abs() as u64;
        match self {
            Language::En => usize::from(!(whole && n == 1)),
            Language::Ru if !whole => 1,
            Language::Ru => match (n % 10, n % 100) {
                (1, 11) => 2,
                (1, _) => 0,
                (2..=4, 12..=14) => 2,
                (2..=4, _) => 1,
                _ => 2,
            },
        }
    }
}

/// How serious a finding of a rule is, or `off` to switch the rule off.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    /// The rule does not run.
    Off,
    /// Reported for information; never fails a check.
    Info,
    /// Reported; fails a check only with `--deny-warnings`.
    Warning,
    /// Reported; fails the check.
    Error,
}

/// The settings of one rule: a level, and for some rules parameters.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleSetting {
    /// The level; the rule's default when omitted.
    pub level: Option<Level>,
    /// For `raci/overloaded-role`: the most steps a role may be A on.
    pub max_accountable: Option<Spanned<u32>>,
    /// For `raci/overloaded-role`: the most steps a role may be R on.
    pub max_responsible: Option<Spanned<u32>>,
    /// For `load/overloaded-role`: the highest share of a person's working time the role's
    /// steps may take (default 1.0).
    pub max_utilisation: Option<Spanned<Positive>>,
    /// For `load/non-selling-share`: the highest share of a selling role's hours that may
    /// sell nothing (default 0.3).
    pub max_non_selling_share: Option<Spanned<Positive>>,
}

/// The `rules:` section: rule names, each with a level or a settings map, in the order written.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(transparent)]
pub struct RulesConfig(pub Vec<(Spanned<String>, RuleSetting)>);

struct SettingVisitor;

impl<'de> Visitor<'de> for SettingVisitor {
    type Value = RuleSetting;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("off, info, warning, error, or a map with `level` and parameters")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<RuleSetting, E> {
        let level = Level::deserialize(serde::de::value::StrDeserializer::<E>::new(v))?;
        Ok(RuleSetting {
            level: Some(level),
            ..RuleSetting::default()
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RuleSetting, A::Error> {
        RuleSetting::deserialize(serde::de::value::MapAccessDeserializer::new(map))
    }
}

struct SettingOrLevel(RuleSetting);

impl<'de> Deserialize<'de> for SettingOrLevel {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_any(SettingVisitor)
            .map(SettingOrLevel)
    }
}

impl<'de> Deserialize<'de> for RulesConfig {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RulesVisitor;
        impl<'de> Visitor<'de> for RulesVisitor {
            type Value = RulesConfig;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map from rule names to levels")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RulesConfig, A::Error> {
                let mut rules = Vec::new();
                while let Some(name) = map.next_key::<Spanned<String>>()? {
                    let SettingOrLevel(setting) = map.next_value()?;
                    rules.push((name, setting));
                }
                Ok(RulesConfig(rules))
            }
        }
        deserializer.deserialize_map(RulesVisitor)
    }
}

impl JsonSchema for RulesConfig {
    fn schema_name() -> Cow<'static, str> {
        "RulesConfig".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let level = generator.subschema_for::<Level>();
        let setting = generator.subschema_for::<RuleSetting>();
        json_schema!({
            "description": "Per-rule levels and parameters, keyed by rule name (see `raciflow rules`).",
            "type": "object",
            "additionalProperties": { "anyOf": [level, setting] }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Language;

    #[test]
    fn russian_counts_take_their_plural_form() {
        let forms = |n| Language::Ru.plural_form(n);
        assert_eq!(
            [1.0, 2.0, 5.0, 11.0, 12.0, 21.0, 22.0, 25.0, 1.5].map(forms),
            [0, 1, 2, 2, 2, 0, 1, 2, 1]
        );
        assert_eq!(
            [1.0, 2.0, 0.5].map(|n| Language::En.plural_form(n)),
            [0, 1, 1]
        );
    }
}
