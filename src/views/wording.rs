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

/// `text` with a capital first letter: a heading, a column title, or a duty the model
/// words to continue «обязан:» printed as an instruction of its own.
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
    leading_verbs(text, verb)
}

/// An English duty in the third person ("Ensures every order leaves complete") as the
/// instruction a checklist prints ("Ensure every order leaves complete"): the way back
/// from [`third_person`], by the same rules. A duty already written as an instruction
/// stays as it is.
pub fn imperative(text: &str) -> String {
    leading_verbs(text, base)
}

/// `text` with its leading verb, and the verbs joined to it by commas, "and" or "or",
/// each changed by `change`.
fn leading_verbs(text: &str, change: fn(&str) -> String) -> String {
    let mut words = text.split(' ').peekable();
    let mut out: Vec<String> = Vec::new();
    while let Some(word) = words.next() {
        let (stem, comma) = match word.strip_suffix(',') {
            Some(stem) => (stem, ","),
            None => (word, ""),
        };
        out.push(format!("{}{comma}", change(stem)));
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

/// Whether `word` is plain English letters that can be a verb: not an abbreviation
/// ("CRM"), a number or empty.
fn verb_like(word: &str) -> bool {
    !word.is_empty()
        && word.chars().all(|c| c.is_ascii_alphabetic())
        && !(word.len() > 1 && word.chars().all(|c| c.is_ascii_uppercase()))
}

/// `word` with its first letter a capital when `like`'s is.
fn same_case(word: String, like: &str) -> String {
    if like.starts_with(|c: char| c.is_ascii_uppercase()) {
        let mut chars = word.chars();
        chars
            .next()
            .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
            .unwrap_or_default()
    } else {
        word
    }
}

/// One verb in the third person singular as its base form ("Ensures" → "Ensure",
/// "Carries" → "Carry", "Watches" → "Watch"); a word that is not in the third person
/// ("Process", "Check") stays as it is.
fn base(word: &str) -> String {
    let lower = word.to_lowercase();
    if !verb_like(word)
        || !lower.ends_with('s')
        || ["ss", "us", "is"].iter().any(|end| lower.ends_with(end))
    {
        return match lower.as_str() {
            "is" => same_case("be".to_owned(), word),
            _ => word.to_owned(),
        };
    }
    let stem = &lower[..lower.len() - 1];
    let base = if lower == "has" {
        "have".to_owned()
    } else if let Some(y) = lower.strip_suffix("ies") {
        format!("{y}y")
    } else if let Some(es) = stem.strip_suffix('e').filter(|s| {
        ["ss", "x", "z", "ch", "sh", "o"]
            .iter()
            .any(|end| s.ends_with(end))
    }) {
        es.to_owned()
    } else {
        stem.to_owned()
    };
    same_case(base, word)
}

/// One verb in the third person singular; a word that is not plain letters (an
/// abbreviation such as "CRM", a number) stays as it is.
fn verb(word: &str) -> String {
    let lower = word.to_lowercase();
    if !verb_like(word) {
        return word.to_owned();
    }
    let third = match lower.as_str() {
        "be" => "is".to_owned(),
        "have" => "has".to_owned(),
        _ if ["s", "x", "z", "ch", "sh", "o"]
            .iter()
            .any(|end| lower.ends_with(end)) =>
        {
            format!("{lower}es")
        }
        _ if lower.ends_with('y')
            && !lower[..lower.len() - 1].ends_with(['a', 'e', 'i', 'o', 'u']) =>
        {
            format!("{}ies", &lower[..lower.len() - 1])
        }
        _ => format!("{lower}s"),
    };
    same_case(third, word)
}

#[cfg(test)]
mod tests {
    use super::{imperative, lower_first, third_person};

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

    #[test]
    fn an_english_duty_becomes_an_instruction_again() {
        for (duty, instruction) in [
            (
                "Ensures every order leaves complete and on time",
                "Ensure every order leaves complete and on time",
            ),
            (
                "Approves discounts above 10%",
                "Approve discounts above 10%",
            ),
            ("Qualifies the lead", "Qualify the lead"),
            ("Dispatches the parcel", "Dispatch the parcel"),
            ("Goes to the client", "Go to the client"),
            ("Fixes the price", "Fix the price"),
            ("Closes the month", "Close the month"),
            ("Uses the price list", "Use the price list"),
            ("Agrees the terms", "Agree the terms"),
            ("Has the contract signed", "Have the contract signed"),
            (
                "Picks, packs and ships the order",
                "Pick, pack and ship the order",
            ),
            ("Process the return", "Process the return"),
            ("Check the stock", "Check the stock"),
            ("CRM updates", "CRM updates"),
        ] {
            assert_eq!(imperative(duty), instruction, "{duty}");
        }
    }
}
