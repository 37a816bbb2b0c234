//! Turning a step's name, written as an instruction, into a duty of a job description.

/// `text` with its first letter in lower case, unless the first word is an abbreviation
/// (its second letter is a capital too: «ЛПР», «CRM») or the text is written in title case
/// ("Sales Lead", "Head of Sales": a name that keeps its capitals): a title or a duty
/// continuing a sentence.
pub fn lower_first(text: &str) -> String {
    if title_case(text) {
        return text.to_owned();
    }
    let mut chars = text.chars();
    match (chars.next(), chars.clone().next()) {
        (Some(first), Some(second)) if !second.is_uppercase() => {
            first.to_lowercase().chain(chars).collect()
        }
        _ => text.to_owned(),
    }
}

/// `text` with a capital first letter: a heading, a column title.
pub fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Whether `text` has two or more words longer than three letters and each of them starts
/// with a capital: an English title such as "Head of Sales". A Russian title capitalises
/// its first word only («Руководитель отдела продаж», «Контакты с ЛПР»).
fn title_case(text: &str) -> bool {
    let long: Vec<&str> = text
        .split_whitespace()
        .filter(|w| w.chars().count() > 3)
        .collect();
    long.len() > 1
        && long
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// An English instruction ("Prepare a quote") as a duty in the third person ("Prepares a
/// quote"), the way English job descriptions list duties. The leading verb changes, and
/// so do the verbs joined to it ("Pick, pack and ship" → "Picks, packs and ships").
/// English makes the third person by rule, so no dictionary is needed; a name that does
/// not start with a verb needs the model's own `duty` wording.
pub fn third_person(text: &str) -> String {
    let mut words = text.split(' ').peekable();
    let mut out: Vec<String> = Vec::new();
    while let Some(word) = words.next() {
        let (stem, comma) = match word.strip_suffix(',') {
            Some(stem) => (stem, ","),
            None => (word, ""),
        };
        out.push(format!("{}{comma}", verb(stem)));
        if !comma.is_empty() {
            continue;
        }
        match words.peek() {
            Some(&joint) if joint == "and" || joint == "or" => {
                out.push(joint.to_owned());
                words.next();
            }
            _ => break,
        }
    }
    out.extend(words.map(str::to_owned));
    out.join(" ")
}

/// One verb in the third person singular; a word that is not plain letters (an
/// abbreviation such as "CRM", a number) stays as it is.
fn verb(word: &str) -> String {
    let lower = word.to_lowercase();
    if word.is_empty()
        || !word.chars().all(|c| c.is_ascii_alphabetic())
        || (word.len() > 1 && word.chars().all(|c| c.is_ascii_uppercase()))
    {
        return word.to_owned();
    }
    let irregular = match lower.as_str() {
        "be" => Some("is"),
        "have" => Some("has"),
        _ => None,
    };
    let third = match irregular {
        Some(form) => form.to_owned(),
        None if ["s", "x", "z", "ch", "sh", "o"]
            .iter()
            .any(|end| lower.ends_with(end)) =>
        {
            format!("{lower}es")
        }
        None if lower.ends_with('y')
            && !lower[..lower.len() - 1].ends_with(['a', 'e', 'i', 'o', 'u']) =>
        {
            format!("{}ies", &lower[..lower.len() - 1])
        }
        None => format!("{lower}s"),
    };
    if word.starts_with(|c: char| c.is_ascii_uppercase()) {
        let mut chars = third.chars();
        chars
            .next()
            .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
            .unwrap_or_default()
    } else {
        third
    }
}

#[cfg(test)]
mod tests {
    use super::{lower_first, third_person};

    #[test]
    fn a_duty_continues_the_sentence_in_lower_case_but_abbreviations_stay() {
        assert_eq!(lower_first("Определить сегменты"), "определить сегменты");
        assert_eq!(
            lower_first("ЛПР: выявить потребность"),
            "ЛПР: выявить потребность"
        );
        assert_eq!(lower_first("A"), "A");
        // A title-case name keeps its capitals; a Russian title lowers its first word.
        assert_eq!(lower_first("Head of Sales"), "Head of Sales");
        assert_eq!(lower_first("Sales Lead"), "Sales Lead");
        assert_eq!(
            lower_first("Руководитель отдела продаж"),
            "руководитель отдела продаж"
        );
        assert_eq!(
            lower_first("Отправить отчёт в Telegram"),
            "отправить отчёт в Telegram"
        );
        assert_eq!(lower_first("Контакты с ЛПР"), "контакты с ЛПР");
    }

    #[test]
    fn an_english_instruction_becomes_a_duty_in_the_third_person() {
        for (instruction, duty) in [
            (
                "Prepare a quote from the price list",
                "Prepares a quote from the price list",
            ),
            ("Qualify the lead", "Qualifies the lead"),
            ("Pay the invoice", "Pays the invoice"),
            ("Dispatch the parcel", "Dispatches the parcel"),
            ("Finish the day", "Finishes the day"),
            ("Go to the client", "Goes to the client"),
            ("Fix the price", "Fixes the price"),
            ("Have the contract signed", "Has the contract signed"),
            ("Pick and pack the order", "Picks and packs the order"),
            (
                "Pick, pack and ship the order",
                "Picks, packs and ships the order",
            ),
            ("CRM update", "CRM update"),
            ("Record", "Records"),
        ] {
            assert_eq!(third_person(instruction), duty, "{instruction}");
        }
    }
}
