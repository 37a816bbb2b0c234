//! The sarif format: SARIF 2.1.0, for code-scanning dashboards (GitHub code scanning,
//! Azure DevOps, SonarQube), with metadata for every rule.

use serde_json::json;
use serde_sarif::sarif::{
    ArtifactLocation, Location as SarifLocation, Message, MultiformatMessageString,
    PhysicalLocation, Region, ReportingConfiguration, ReportingDescriptor, Result as SarifResult,
    ResultLevel, Run, Sarif, Tool, ToolComponent,
};

use crate::diag::json::positions;
use crate::diag::{Location, Report, Rule, Severity, SourceMap};

/// Where the official schema of this format lives.
pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level_name(rule: &Rule) -> &'static str {
    Severity::from_level(rule.default_level).map_or("none", |severity| match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    })
}

fn descriptor(rule: &Rule) -> ReportingDescriptor {
    ReportingDescriptor::builder()
        .id(rule.name)
        .name(rule.name)
        .short_description(
            MultiformatMessageString::builder()
                .text(rule.summary)
                .build(),
        )
        .full_description(
            MultiformatMessageString::builder()
                .text(rule.summary)
                .build(),
        )
        .help(
            MultiformatMessageString::builder()
                .text(format!(
                    "{}\n\nReference: docs/rules.md#{}",
                    rule.explanation,
                    rule.name.replace('/', "")
                ))
                .markdown(format!(
                    "{}\n\nReference: [docs/rules.md](docs/rules.md#{})",
                    rule.explanation,
                    rule.name.replace('/', "")
                ))
                .build(),
        )
        .default_configuration(
            ReportingConfiguration::builder()
                .level(json!(level_name(rule)))
                .build(),
        )
        .build()
}

fn location(sources: &SourceMap, at: Location, message: Option<&str>) -> SarifLocation {
    let uri = sources.display_path(at.file).replace('\\', "/");
    let artifact = ArtifactLocation::builder().uri(uri).build();
    let physical = match positions(sources, at) {
        Some(((line, column), (end_line, end_column))) => PhysicalLocation::builder()
            .artifact_location(artifact)
            .region(
                Region::builder()
                    .start_line(line as i64)
                    .start_column(column as i64)
                    .end_line(end_line as i64)
                    .end_column(end_column as i64)
                    .build(),
            )
            .build(),
        None => PhysicalLocation::builder()
            .artifact_location(artifact)
            .build(),
    };
    match message {
        Some(text) => SarifLocation::builder()
            .physical_location(physical)
            .message(Message::builder().text(text).build())
            .build(),
        None => SarifLocation::builder().physical_location(physical).build(),
    }
}

/// Renders a report as a SARIF 2.1.0 log with one run; `rules` are described in the
/// tool's metadata and results refer to them by index.
pub fn render(report: &Report, sources: &SourceMap, rules: &[&Rule]) -> String {
    let results: Vec<SarifResult> = report
        .diagnostics
        .iter()
        .map(|d| {
            let level = match d.severity {
                Severity::Error => ResultLevel::Error,
                Severity::Warning => ResultLevel::Warning,
                Severity::Info => ResultLevel::Note,
            };
            let mut text = d.message.clone();
            if let Some(help) = &d.help {
                text.push_str(&format!(" ({help})"));
            }
            let related: Vec<SarifLocation> = d
                .related
                .iter()
                .map(|r| location(sources, r.location, Some(&r.message)))
                .collect();
            let mut result = SarifResult::builder()
                .rule_id(d.rule.name)
                .level(level)
                .message(Message::builder().text(text).build())
                .locations(vec![location(sources, d.location, None)])
                .build();
            result.rule_index = rules
                .iter()
                .position(|r| r.name == d.rule.name)
                .map(|i| i as i64);
            result.related_locations = (!related.is_empty()).then_some(related);
            result
        })
        .collect();
    let driver = ToolComponent::builder()
        .name("raciflow")
        .version(env!("CARGO_PKG_VERSION"))
        .rules(
            rules
                .iter()
                .map(|rule| descriptor(rule))
                .collect::<Vec<_>>(),
        )
        .build();
    let log = Sarif::builder()
        .schema(SCHEMA_URI)
        .version(json!("2.1.0"))
        .runs(vec![
            Run::builder()
                .tool(Tool::builder().driver(driver).build())
                .results(results)
                .build(),
        ])
        .build();
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_default();
    text.push('\n');
    text
}
