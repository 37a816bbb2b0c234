//! `raciflow rules`: list every rule, or explain one.

use std::io::Write;

use anyhow::bail;
use clap::Args;

use crate::cli::OK;
use raciflow::check::registry;
use raciflow::diag::Severity;

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// A rule to explain, e.g. raci/no-responsible.
    name: Option<String>,
}

fn level_name(rule: &raciflow::diag::Rule) -> &'static str {
    Severity::from_level(rule.default_level).map_or("off", Severity::as_str)
}

pub fn run(args: &RulesArgs) -> anyhow::Result<u8> {
    let text = match &args.name {
        None => {
            let width = registry::rules().map(|r| r.name.len()).max().unwrap_or(0);
            registry::rules()
                .map(|rule| {
                    format!(
                        "{:width$}  {:7}  {}\n",
                        rule.name,
                        level_name(rule),
                        rule.summary
                    )
                })
                .collect::<String>()
        }
        Some(name) => {
            let Some(rule) = registry::find(name) else {
                bail!("no rule named `{name}`; `raciflow rules` lists them");
            };
            format!(
                "{} ({} by default)\n\n{}\n\n{}\n",
                rule.name,
                level_name(rule),
                rule.summary,
                rule.explanation
            )
        }
    };
    std::io::stdout().write_all(text.as_bytes())?;
    Ok(OK)
}
