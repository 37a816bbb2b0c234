//! The page table: every page of the pack, what it shows and where it goes. Renderers write
//! one file per page and format from it, so adding a format touches no list of pages, and
//! the pages' paths are the ones the views' links carry (`crate::layout`).

use serde::Serialize;

use crate::layout;
use crate::views::{Checklist, DocKind, DocumentView, PlanFact, Regulation, RoleProfile};

/// A page of the pack.
#[derive(Clone, Debug, Serialize)]
pub struct Page {
    /// The document it shows; none for the index, the one page that is not a document.
    pub document: Option<DocKind>,
    /// Where it goes, from the pack's top folder, without extension: `roles/telemarketer`.
    pub path: String,
    /// The item of the pack's list of its kind that it shows: `processes[item]` for a
    /// regulation, `documents[item]` for a form; 0 for the index and the matrix.
    pub item: usize,
}

/// The pages of a pack in the order of its register: the index, the organisation chart
/// (when the model has internal roles), the matrix, the regulations, the job descriptions, the checklists, the forms, the plan/fact forms, the
/// motivation policy (when the pack has one).
pub fn table(
    org_chart: bool,
    processes: &[Regulation],
    roles: &[RoleProfile],
    checklists: &[Checklist],
    documents: &[DocumentView],
    plan_facts: &[PlanFact],
    motivation: bool,
) -> Vec<Page> {
    let page = |kind, path: &str, item| Page {
        document: Some(kind),
        path: path.to_owned(),
        item,
    };
    let mut pages = vec![Page {
        document: None,
        path: layout::INDEX.to_owned(),
        item: 0,
    }];
    if org_chart {
        pages.push(page(DocKind::OrgChart, layout::ORG_CHART, 0));
    }
    pages.push(page(DocKind::Matrix, layout::MATRIX, 0));
    pages.extend(
        processes
            .iter()
            .enumerate()
            .map(|(i, p)| page(DocKind::Regulation, &p.identity.page, i)),
    );
    pages.extend(
        roles
            .iter()
            .enumerate()
            .map(|(i, r)| page(DocKind::JobDescription, &r.identity.page, i)),
    );
    pages.extend(
        checklists
            .iter()
            .enumerate()
            .map(|(i, c)| page(DocKind::Checklist, &c.identity.page, i)),
    );
    pages.extend(documents.iter().enumerate().filter_map(|(i, d)| {
        d.identity
            .as_ref()
            .map(|identity| page(DocKind::Form, &identity.page, i))
    }));
    pages.extend(
        plan_facts
            .iter()
            .enumerate()
            .map(|(i, f)| page(DocKind::PlanFact, &f.identity.page, i)),
    );
    if motivation {
        pages.push(page(DocKind::Motivation, layout::MOTIVATION, 0));
    }
    pages
}
