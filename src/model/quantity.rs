//! Small value types shared by several sections: numbers, frequencies, effort and volume.
//!
//! Each parses its text while the file is read, so a malformed value is reported at its
//! own line and column like any other schema error.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A finite number. YAML's `.nan` and `.inf` are refused: a target of infinity is a typo.
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd, Serialize)]
#[serde(transparent)]
pub struct Number(pub f64);

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = f64::deserialize(deserializer)?;
        if value.is_finite() {
            Ok(Number(value))
        } else {
            Err(serde::de::Error::custom(format!(
                "expected a finite number, found {value}"
            )))
        }
    }
}

impl JsonSchema for Number {
    fn schema_name() -> Cow<'static, str> {
        "Number".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "number" })
    }
}

/// A finite number above zero: a coefficient or a limit that zero would make meaningless
/// (a norm coefficient of 0 divides by zero).
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd, Serialize)]
#[serde(transparent)]
pub struct Positive(pub f64);

impl<'de> Deserialize<'de> for Positive {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let Number(value) = Number::deserialize(deserializer)?;
        if value > 0.0 {
            Ok(Positive(value))
        } else {
            Err(serde::de::Error::custom(format!(
                "expected a number above 0, found {value}"
            )))
        }
    }
}

impl JsonSchema for Positive {
    fn schema_name() -> Cow<'static, str> {
        "Positive".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "number", "exclusiveMinimum": 0 })
    }
}

/// How often something happens.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Frequency {
    /// Each time the event occurs.
    PerEvent,
    /// Every working day.
    Daily,
    /// Every week.
    Weekly,
    /// Every month.
    Monthly,
    /// Every quarter.
    Quarterly,
}

/// The unit of an `effort`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum EffortUnit {
    /// Minutes (`15m`).
    Minutes,
    /// Hours (`1.5h`).
    Hours,
    /// Working days (`1d`), as long as the model's `hours_per_day`.
    Days,
}

/// Time one occurrence of a step takes: `15m`, `1.5h`, `1d`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Effort {
    /// The amount, in `unit`.
    pub amount: f64,
    /// What `amount` counts.
    pub unit: EffortUnit,
}

/// The longest a step may come after the step before it, in calendar time (a lead is
/// called within `24h`): `30m`, `24h`, `3d` (days of 24 hours), `2w`. `raciflow conform`
/// finds the cases that break it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Deadline {
    /// The amount, in `unit`.
    pub amount: f64,
    /// `m`, `h`, `d` or `w`.
    pub unit: char,
}

impl Deadline {
    /// The deadline in seconds.
    pub fn seconds(self) -> f64 {
        let unit = match self.unit {
            'm' => 60.0,
            'h' => 3600.0,
            'd' => 86_400.0,
            _ => 604_800.0,
        };
        self.amount * unit
    }
}

impl FromStr for Deadline {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let error = || {
            format!(
                "invalid deadline `{text}`: expected a positive number and m, h, d (24 hours) or w, e.g. 24h, 3d"
            )
        };
        let unit = text
            .chars()
            .last()
            .filter(|unit| matches!(unit, 'm' | 'h' | 'd' | 'w'))
            .ok_or_else(error)?;
        let amount = parse_amount(&text[..text.len() - 1]).ok_or_else(error)?;
        Ok(Deadline { amount, unit })
    }
}

impl fmt::Display for Deadline {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.amount, self.unit)
    }
}

impl<'de> Deserialize<'de> for Deadline {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_text(deserializer)
    }
}

impl Serialize for Deadline {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl JsonSchema for Deadline {
    fn schema_name() -> Cow<'static, str> {
        "Deadline".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "The longest a step may come after the step before it: a number and m (minutes), h (hours), d (days of 24 hours) or w (weeks), e.g. 24h, 3d.",
            "pattern": "^[0-9]+(\\.[0-9]+)?[mhdw]$"
        })
    }
}

/// The period of a `volume`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum VolumePeriod {
    /// Per working day.
    Day,
    /// Per week.
    Week,
    /// Per month.
    Month,
}

/// How often a step occurs per person of its performer: `70/day`, `3/week`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Volume {
    /// Occurrences per period.
    pub count: f64,
    /// The period.
    pub per: VolumePeriod,
}

/// The year, month and day of `text` when it is a date `YYYY-MM-DD` that exists in the
/// Gregorian calendar (a SMART goal's `due`).
pub fn calendar_date(text: &str) -> Option<(u32, u32, u32)> {
    let parts: Vec<&str> = text.split('-').collect();
    let [year, month, day] = parts[..] else {
        return None;
    };
    if year.len() != 4 || month.len() != 2 || day.len() != 2 {
        return None;
    }
    let (year, month, day) = (
        year.parse::<u32>().ok()?,
        month.parse::<u32>().ok()?,
        day.parse::<u32>().ok()?,
    );
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days).contains(&day).then_some((year, month, day))
}

fn parse_amount(text: &str) -> Option<f64> {
    let value = f64::from_str(text).ok()?;
    (value.is_finite() && value > 0.0 && text.chars().all(|c| c.is_ascii_digit() || c == '.'))
        .then_some(value)
}

impl FromStr for Effort {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let unit = match text.chars().last() {
            Some('m') => EffortUnit::Minutes,
            Some('h') => EffortUnit::Hours,
            Some('d') => EffortUnit::Days,
            _ => return Err(effort_error(text)),
        };
        let amount = parse_amount(&text[..text.len() - 1]).ok_or_else(|| effort_error(text))?;
        Ok(Effort { amount, unit })
    }
}

fn effort_error(text: &str) -> String {
    format!("invalid effort `{text}`: expected a positive number and m, h or d, e.g. 15m, 1.5h, 1d")
}

impl FromStr for Volume {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let error = || {
            format!("invalid volume `{text}`: expected a count per day, week or month, e.g. 70/day")
        };
        let (count, per) = text.split_once('/').ok_or_else(error)?;
        let per = match per {
            "day" => VolumePeriod::Day,
            "week" => VolumePeriod::Week,
            "month" => VolumePeriod::Month,
            _ => return Err(error()),
        };
        let count = parse_amount(count).ok_or_else(error)?;
        Ok(Volume { count, per })
    }
}

impl fmt::Display for Effort {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unit = match self.unit {
            EffortUnit::Minutes => "m",
            EffortUnit::Hours => "h",
            EffortUnit::Days => "d",
        };
        write!(f, "{}{unit}", self.amount)
    }
}

impl fmt::Display for Volume {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let per = match self.per {
            VolumePeriod::Day => "day",
            VolumePeriod::Week => "week",
            VolumePeriod::Month => "month",
        };
        write!(f, "{}/{per}", self.count)
    }
}

/// Reads a value written as text (`15m`, `70/day`), reporting a parse failure as a schema
/// error at the value.
fn deserialize_text<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: FromStr<Err = String>,
{
    let text = String::deserialize(deserializer)?;
    text.parse().map_err(serde::de::Error::custom)
}

impl<'de> Deserialize<'de> for Effort {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_text(deserializer)
    }
}

impl<'de> Deserialize<'de> for Volume {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_text(deserializer)
    }
}

impl Serialize for Effort {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl Serialize for Volume {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl JsonSchema for Effort {
    fn schema_name() -> Cow<'static, str> {
        "Effort".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "Time per occurrence: a number and m (minutes), h (hours) or d (working days), e.g. 15m, 1.5h, 1d.",
            "pattern": "^[0-9]+(\\.[0-9]+)?[mhd]$"
        })
    }
}

impl JsonSchema for Volume {
    fn schema_name() -> Cow<'static, str> {
        "Volume".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "Occurrences per person of the performer: a number, a slash and day, week or month, e.g. 70/day.",
            "pattern": "^[0-9]+(\\.[0-9]+)?/(day|week|month)$"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn effort_and_volume_parse_their_documented_forms() {
        assert_eq!(
            "1.5h".parse::<Effort>(),
            Ok(Effort {
                amount: 1.5,
                unit: EffortUnit::Hours
            })
        );
        assert_eq!(
            "70/day".parse::<Volume>(),
            Ok(Volume {
                count: 70.0,
                per: VolumePeriod::Day
            })
        );
        for bad in ["", "m", "-5m", "5", "5s", "1e3m", "nanm", "0m"] {
            assert!(bad.parse::<Effort>().is_err(), "{bad}");
        }
        for bad in ["70", "70/year", "/day", "x/day", "-1/day"] {
            assert!(bad.parse::<Volume>().is_err(), "{bad}");
        }
    }
}
