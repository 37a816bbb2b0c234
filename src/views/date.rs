//! Dates as the pack's readers write them: `31.12.2026` in Russian documents, `31 December
//! 2026` in English ones. The model writes them as ISO dates (`2026-12-31`).

use crate::model::{Language, calendar_date};

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The months as a Russian heading names one, in the nominative («ноябрь 2026»).
const MONTHS_RU: [&str; 12] = [
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
];

/// `iso` (`YYYY-MM`) as `language` names a month: «ноябрь 2026», "November 2026"; none
/// for text that is not a month.
pub fn month_written(iso: &str, language: Language) -> Option<String> {
    let (year, month, _) = calendar_date(&format!("{iso}-01"))?;
    let names = match language {
        Language::Ru => MONTHS_RU,
        Language::En => MONTHS,
    };
    Some(format!("{} {year}", names[month as usize - 1]))
}

/// `iso` (`YYYY-MM-DD`) as `language` writes a date; text that is not a calendar date
/// (which `check` reports) is left as written.
pub fn written(iso: &str, language: Language) -> String {
    let Some((year, month, day)) = calendar_date(iso) else {
        return iso.to_owned();
    };
    match language {
        Language::Ru => format!("{day:02}.{month:02}.{year}"),
        Language::En => format!("{day} {} {year}", MONTHS[month as usize - 1]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_as_each_language_writes_them() {
        assert_eq!(written("2026-12-31", Language::Ru), "31.12.2026");
        assert_eq!(written("2026-03-01", Language::En), "1 March 2026");
        assert_eq!(written("2026-13-45", Language::Ru), "2026-13-45");
        assert_eq!(written("soon", Language::En), "soon");
    }

    #[test]
    fn months_read_as_a_heading_names_them() {
        assert_eq!(
            month_written("2026-11", Language::Ru).as_deref(),
            Some("ноябрь 2026")
        );
        assert_eq!(
            month_written("2027-01", Language::En).as_deref(),
            Some("January 2027")
        );
        assert_eq!(month_written("2026-13", Language::Ru), None);
        assert_eq!(month_written("2026-11-03", Language::En), None);
    }
}
