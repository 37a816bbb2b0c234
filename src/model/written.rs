//! Ids exactly as written, even where YAML would read a number or a boolean.
//!
//! Fields that take either one id or a list (`R: telemarketer` or `R: [a, b]`) must look at
//! the node before choosing, so they are read with `deserialize_any`, and YAML then reads
//! `010` as the number 10 and `1e3` as 1000. The format promises that ids stay as written,
//! so such a scalar's text is read back from the file being parsed, by its span. The loader
//! makes the text available for the duration of one parse with [`with_source`].

use std::cell::RefCell;

use crate::model::Span;

thread_local! {
    static SOURCE: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Runs `parse` with `text` available to [`written`].
pub fn with_source<T>(text: &str, parse: impl FnOnce() -> T) -> T {
    SOURCE.with(|source| *source.borrow_mut() = Some(text.to_owned()));
    let result = parse();
    SOURCE.with(|source| *source.borrow_mut() = None);
    result
}

/// The text of the file being parsed at `span`, if known.
pub(crate) fn written(span: Span) -> Option<String> {
    if !span.is_known() {
        return None;
    }
    SOURCE.with(|source| {
        source
            .borrow()
            .as_deref()
            .and_then(|text| text.get(span.start..span.end))
            .map(str::to_owned)
    })
}

/// Declares the visitor methods for scalars YAML did not read as text; they yield `None`,
/// meaning "take the text from the source".
macro_rules! non_text_scalars {
    ($value:ty, $wrap:expr) => {
        fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<$value, E> {
            Ok($wrap)
        }
        fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<$value, E> {
            Ok($wrap)
        }
        fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<$value, E> {
            Ok($wrap)
        }
        fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<$value, E> {
            Ok($wrap)
        }
    };
}

pub(crate) use non_text_scalars;

/// The id a scalar node holds: the text YAML gave, or else the text as written.
pub(crate) fn scalar_id<E: serde::de::Error>(
    text: Option<String>,
    span: Span,
) -> Result<String, E> {
    text.or_else(|| written(span))
        .ok_or_else(|| E::custom("expected an id"))
}
