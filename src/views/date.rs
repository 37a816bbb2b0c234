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
}
