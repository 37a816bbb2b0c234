//! Organisation rules: the reporting lines.

use petgraph::algo::tarjan_scc;

use crate::check::{Context, Findings, Subject};
use crate::diag::{Diagnostic, Rule};
use crate::model::Level;

/// Reporting lines that form a cycle.
pub static REPORTING_CYCLE: Rule = Rule {
    name: "org/reporting-cycle",
    default_level: Level::Error,
    summary: "`reports_to` lines that form a cycle",
    explanation: "Reporting lines form a tree (or several): nobody is their own manager, \
        directly or through others. The message prints the cycle.\n\n\
        Failing: `head-of-sales` reports to `commercial-director`, who reports to \
        `head-of-sales`.\n\nFix: remove the `reports_to` of the role at the top.",
};

pub fn reporting_cycle(cx: &Context, findings: &mut Findings) {
    let graph = &cx.graphs.reporting;
    for mut component in tarjan_scc(graph) {
        component.sort_unstable();
        let Some(&first) = component.first() else {
            continue;
        };
        let is_cycle = component.len() > 1 || graph.contains_edge(first, first);
        if !is_cycle {
            continue;
        }
        // Each role reports to one role, so following `reports_to` walks the cycle.
        let mut path = vec![first];
        let mut current = first;
        while let Some(next) = graph.neighbors(current).next() {
            if next == first || path.len() > component.len() {
                break;
            }
            path.push(next);
            current = next;
        }
        path.push(first);
        let names: Vec<&str> = path
            .iter()
            .map(|node| cx.model.role(graph[*node]).id.as_str())
            .collect();
        let role = cx.model.role(graph[first]);
        let Some(reports_to) = role.reports_to else {
            continue;
        };
        findings.add(
            Diagnostic::new(&REPORTING_CYCLE, reports_to.at, format!("reporting lines form a cycle: {}", names.join(" → ")))
                .with_help("the role at the top of the organisation reports to nobody: remove its `reports_to`"),
            component.iter().map(|node| Subject::Role(graph[*node])),
        );
    }
}
