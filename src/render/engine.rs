//! The minijinja environment: built-in templates with the user's overrides laid over them,
//! strict about undefined values, bounded in work, escaping by file type.

use std::sync::Arc;

use minijinja::{AutoEscape, Environment, Error, ErrorKind, UndefinedBehavior, Value};

use crate::model::Language;
use crate::render::builtin;
use crate::render::overrides::Overrides;
use crate::render::text::{escape_markdown, format_money, format_number, inner_quotes};

/// The prefix that reaches a built-in template even when the user overrides it, so an
/// override can extend the original: `{% extends "builtin/html/base.html" %}`.
pub const BUILTIN_PREFIX: &str = "builtin/";

/// Instructions one page may execute, before the model's size adds to them: finite for a
/// loop a template author got wrong.
const FUEL: u64 = 50_000_000;

/// Instructions a page may execute per part of the model (`Pack::parts`): a generated
/// model of 40,000 steps renders its largest page, the handbook, in under 50 million, so
/// 2,000 a part is twenty times that, and no model is too large for its budget.
const FUEL_PER_PART: u64 = 2_000;

/// The auto-escape mode of Markdown templates.
const MARKDOWN: AutoEscape = AutoEscape::Custom("markdown");

/// The environment every page of one build is rendered in, for a model of `parts` parts.
pub fn environment(
    overrides: &Overrides,
    language: Language,
    parts: usize,
) -> Environment<'static> {
    let mut env = Environment::new();
    let files = Arc::new(overrides.files.clone());
    env.set_loader(move |name| {
        if let Some(original) = name.strip_prefix(BUILTIN_PREFIX) {
            return Ok(builtin::builtin(original).map(str::to_owned));
        }
        match files.get(name) {
            Some(text) => Ok(Some(text.clone())),
            None => Ok(builtin::builtin(name).map(str::to_owned)),
        }
    });
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_fuel(Some(
        FUEL.saturating_add(FUEL_PER_PART.saturating_mul(parts as u64)),
    ));
    env.set_keep_trailing_newline(true);
    // Escaping follows what the file is, not only its last extension: SVG and BPMN are XML.
    env.set_auto_escape_callback(|name| match name.rsplit('.').next().unwrap_or_default() {
        "html" | "htm" | "xml" | "svg" | "bpmn" => AutoEscape::Html,
        "md" => MARKDOWN,
        _ => AutoEscape::None,
    });
    env.set_formatter(|out, state, value| {
        if state.auto_escape() == MARKDOWN && !value.is_safe() {
            if value.is_undefined() {
                return Err(Error::new(ErrorKind::UndefinedError, "undefined value"));
            }
            out.write_str(&escape_markdown(&value.to_string()))
                .map_err(|e| Error::new(ErrorKind::WriteFailure, e.to_string()))
        } else {
            minijinja::escape_formatter(out, state, value)
        }
    });
    env.add_filter("num", move |value: Value| -> Result<String, Error> {
        let number = f64::try_from(value)?;
        Ok(format_number(number, language))
    });
    env.add_filter("money", move |value: Value| -> Result<String, Error> {
        let number = f64::try_from(value)?;
        Ok(format_money(number, language))
    });
    // A CSS string literal, for the running headers of printed pages (`@page` margin
    // boxes take their text from the stylesheet, not from the page).
    env.add_filter("css_string", |text: String| -> Value {
        let mut out = String::from('"');
        for c in text.chars() {
            match c {
                '"' | '\\' | '<' | '>' | '&' | '\n' => out.push_str(&format!("\\{:X} ", c as u32)),
                _ => out.push(c),
            }
        }
        out.push('"');
        Value::from_safe_string(out)
    });
    // A page's path in a link (`roles/telemarketer`): its `/` must reach the link as it
    // is, not as HTML's `&#x2f;`, and anything that is not a letter, digit, `-`, `_`, `.`
    // or `/` is percent-encoded, so the result is safe in an HTML attribute and in a
    // Markdown link alike.
    env.add_filter("path", |text: String| -> Value {
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '/') {
                out.push(c);
            } else {
                let mut bytes = [0; 4];
                for byte in c.encode_utf8(&mut bytes).bytes() {
                    out.push_str(&format!("%{byte:02X}"));
                }
            }
        }
        Value::from_safe_string(out)
    });
    env.add_filter("lower_first", |text: String| {
        crate::views::lower_first(&text)
    });
    env.add_filter("upper_first", |text: String| {
        crate::views::upper_first(&text)
    });
    env.add_filter("inner_quotes", move |text: String| {
        inner_quotes(&text, language)
    });
    env.add_filter("bind_short_words", |text: String| bind_short_words(&text));
    env.add_filter("names", |list: Value| -> Result<String, Error> {
        let names = list
            .try_iter()?
            .map(|item| match item.get_attr("name") {
                Ok(name) if !name.is_undefined() => name.to_string(),
                _ => item.to_string(),
            })
            .collect::<Vec<_>>();
        Ok(names_in_list(&names))
    });
    env.add_filter(
        "plural",
        move |forms: Value, count: f64| -> Result<Value, Error> {
            if forms.as_str().is_some() {
                return Ok(forms);
            }
            let index = language.plural_form(count);
            let length = forms.len().unwrap_or_default();
            forms.get_item(&Value::from(index.min(length.saturating_sub(1))))
        },
    );
    env
}

/// `names` as a list in running text or a table cell: «Лист обзвона, речевые модули»,
/// "Sales Lead, customer". Names after the first are common nouns there and lose their
/// capital; a title ("Sales Representative") or an abbreviation («КП») keeps it.
pub(crate) fn names_in_list(names: &[String]) -> String {
    names
        .iter()
        .enumerate()
        .map(|(index, name)| {
            if index == 0 {
                name.clone()
            } else {
                crate::views::lower_first(name)
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `text` with a no-break space after each word of one or two letters («на», «и», "a",
/// "of"), so that a title never ends a line on a preposition: «выход на ЛПР» wraps before
/// «на», not after it.
fn bind_short_words(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut words = text.split(' ').peekable();
    while let Some(word) = words.next() {
        out.push_str(word);
        if words.peek().is_some() {
            let short =
                (1..=2).contains(&word.chars().count()) && word.chars().all(char::is_alphabetic);
            out.push(if short { '\u{00A0}' } else { ' ' });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{bind_short_words, names_in_list};

    #[test]
    fn a_short_word_stays_with_the_word_after_it() {
        assert_eq!(
            bind_short_words("Холодный обзвон и выход на ЛПР"),
            "Холодный обзвон и\u{00A0}выход на\u{00A0}ЛПР"
        );
        assert_eq!(
            bind_short_words("From enquiry to order"),
            "From enquiry to\u{00A0}order"
        );
        // A number or a sign is not a word to bind; the last word has nothing after it.
        assert_eq!(bind_short_words("Шаг 10 — итог"), "Шаг 10 — итог");
        assert_eq!(bind_short_words("в"), "в");
    }

    #[test]
    fn names_after_the_first_of_a_list_are_common_nouns() {
        let names =
            |list: &[&str]| names_in_list(&list.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(
            names(&["Лист обзвона", "Речевые модули", "КП"]),
            "Лист обзвона, речевые модули, КП"
        );
        // An English title keeps its capitals; a common noun loses its own.
        assert_eq!(
            names(&["Quote", "Sales Representative", "Customer"]),
            "Quote, Sales Representative, customer"
        );
        assert_eq!(names(&[]), "");
    }
}
