//! Which of the glossary's terms a document uses, so that it can explain them where the
//! reader meets them (a regulation's «Термины и сокращения», a job description's).

use crate::model::Term;
use crate::resolve::Resolved;

/// The glossary's terms that `texts` use, in the glossary's order.
pub fn terms_used<'a>(model: &Resolved, texts: impl IntoIterator<Item = &'a str>) -> Vec<Term> {
    let texts: Vec<&str> = texts.into_iter().collect();
    model
        .info
        .iter()
        .flat_map(|info| &info.glossary)
        .filter(|term| texts.iter().any(|t| uses_term(t, &term.term)))
        .cloned()
        .collect()
}

/// Whether `text` uses `term`: a word of it starts with the term, whatever the case
/// («Лид» is used by «лидов»).
fn uses_term(text: &str, term: &str) -> bool {
    let term = term.to_lowercase();
    let text = text.to_lowercase();
    text.match_indices(&term).any(|(at, _)| {
        text[..at]
            .chars()
            .next_back()
            .is_none_or(|before| !before.is_alphanumeric())
    })
}

#[cfg(test)]
mod tests {
    use super::uses_term;

    #[test]
    fn a_term_is_found_at_the_start_of_a_word_in_any_case() {
        assert!(uses_term("Передать горячий лид менеджеру", "Лид"));
        assert!(uses_term("Выйти на ЛПР", "ЛПР"));
        assert!(!uses_term("Калидовый отчёт", "лид"));
    }
}
