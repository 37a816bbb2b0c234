//! The translation tables: every text label of the pack, in Russian and in English.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::Language;
use crate::render::overrides::Overrides;
use crate::render::{RenderError, builtin};

/// One label: a text, or a list of texts (standard clauses of a job description).
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(untagged)]
pub enum Label {
    /// A text.
    Text(String),
    /// Several texts, printed as a list.
    List(Vec<String>),
}

/// The labels of one language, by key.
pub type Labels = BTreeMap<String, Label>;

/// The table's name among the templates.
pub fn table_name(language: Language) -> &'static str {
    match language {
        Language::En => "i18n/en.yaml",
        Language::Ru => "i18n/ru.yaml",
    }
}

/// The labels of `language`: the built-in table, with any keys of the user's table of the
/// same name laid over it.
pub fn labels(language: Language, overrides: &Overrides) -> Result<Labels, RenderError> {
    let name = table_name(language);
    let mut labels = parse(name, builtin::builtin(name).unwrap_or_default())?;
    if let Some(text) = overrides.get(name) {
        labels.extend(parse(name, text)?);
    }
    Ok(labels)
}

/// Parses a label table.
pub fn parse(name: &str, text: &str) -> Result<Labels, RenderError> {
    serde_saphyr::from_str(text).map_err(|e| RenderError::Labels {
        name: name.to_owned(),
        reason: e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_label_the_same_things_the_same_way() {
        let en = labels(Language::En, &Overrides::default()).unwrap();
        let ru = labels(Language::Ru, &Overrides::default()).unwrap();
        assert_eq!(en.keys().collect::<Vec<_>>(), ru.keys().collect::<Vec<_>>());
        for (key, label) in &en {
            let same_shape = matches!(
                (label, &ru[key]),
                (Label::Text(_), Label::Text(_)) | (Label::List(_), Label::List(_))
            );
            assert!(
                same_shape,
                "{key} is a text in one table and a list in the other"
            );
        }
    }

    #[test]
    fn the_russian_labels_hold_no_english_words() {
        // RACI is the matrix's name in Russian practice too; everything else is Russian.
        let allowed = ["RACI"];
        let ru = labels(Language::Ru, &Overrides::default()).unwrap();
        for (key, label) in &ru {
            let texts = match label {
                Label::Text(text) => vec![text.as_str()],
                Label::List(list) => list.iter().map(String::as_str).collect(),
            };
            for text in texts {
                for word in text.split(|c: char| !c.is_ascii_alphabetic()) {
                    assert!(
                        word.len() < 2 || allowed.contains(&word),
                        "{key}: `{word}` in «{text}»"
                    );
                }
            }
        }
    }

    #[test]
    fn a_users_table_overrides_single_labels() {
        let mut overrides = Overrides::default();
        overrides
            .files
            .insert("i18n/ru.yaml".into(), "raci_matrix: Матрица РАСИ\n".into());
        let ru = labels(Language::Ru, &overrides).unwrap();
        assert_eq!(ru["raci_matrix"], Label::Text("Матрица РАСИ".into()));
        assert_eq!(ru["roles"], Label::Text("Должности".into()));
    }
}
