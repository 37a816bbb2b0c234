//! The minijinja environment: built-in templates with the user's overrides laid over them,
//! strict about undefined values, bounded in work, escaping by file type.

use std::sync::Arc;

use minijinja::{AutoEscape, Environment, Error, ErrorKind, UndefinedBehavior, Value};

use crate::model::Language;
use crate::render::builtin;
use crate::render::overrides::Overrides;
use crate::render::text::{escape_markdown, format_number};

/// The prefix that reaches a built-in template even when the user overrides it, so an
/// override can extend the original: `{% extends "builtin/html/base.html" %}`.
pub const BUILTIN_PREFIX: &str = "builtin/";

/// Instructions one page may execute: generous for a 2,000-step model, finite for a loop
/// a template author got wrong.
const FUEL: u64 = 200_000_000;

/// The auto-escape mode of Markdown templates.
const MARKDOWN: AutoEscape = AutoEscape::Custom("markdown");

/// The environment every page of one build is rendered in.
pub fn environment(overrides: &Overrides, language: Language) -> Environment<'static> {
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
    env.set_fuel(Some(FUEL));
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
    env
}
