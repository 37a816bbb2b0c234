//! `DocumentView`: a document or information object, where it is produced and used; for a
//! report or form, also its blank form.

use serde::Serialize;

use crate::graph::ArtifactUses;
use crate::model::{
    ArtifactKind, Field, FieldPlace, FieldType, Frequency, Letter, Period, VolumePeriod,
};
use crate::resolve::{ArtifactId, Kpi, Resolved, RoleId, StepId};
use crate::views::indicator::IndicatorView;
use crate::views::links::{ArtifactLink, Linker, RoleLink, StepLink};
use crate::views::register::{DocKind, Identity, Registrar};

/// One artifact as the pack's list of documents and its blank form show it.
#[derive(Clone, Debug, Serialize)]
pub struct DocumentView {
    /// The artifact.
    pub artifact: ArtifactLink,
    /// The code, title and version of its blank form or template, when the pack has one.
    pub identity: Option<Identity>,
    /// What sort of object it is.
    pub kind: ArtifactKind,
    /// What it contains or is for.
    pub description: Option<String>,
    /// The paragraph an outgoing letter opens with, after the greeting.
    pub opening: Option<String>,
    /// The paragraph an outgoing letter closes with, before the signature.
    pub closing: Option<String>,
    /// Whether it comes from outside the organisation.
    pub external: bool,
    /// Whether the organisation sends it out (a proposal, an invoice): it draws it up itself
    /// and a process hands it to an outside party.
    pub outgoing: bool,
    /// Whether its blank prints on the organisation's letterhead, with no internal register
    /// code on the page: an outgoing document with fields.
    pub letterhead: bool,
    /// Whether it is laid out as an outgoing letter (reference, addressee, greeting, the
    /// model's opening and closing, "Yours faithfully"): a letterhead document the model
    /// gives an `opening` or `closing`. A delivery note goes out without either, as a
    /// document on the letterhead.
    pub letter: bool,
    /// Who signs an outgoing document: whoever answers for the step that draws it up (A),
    /// or its performer when the step names nobody else.
    pub signed_by: Option<RoleLink>,
    /// How often it is produced.
    pub frequency: Option<Frequency>,
    /// Its columns or fields (the blank form's columns).
    pub fields: Vec<Field>,
    /// The widths of its blank form's table, in percent of the table: the number column
    /// first, then each `row` field. Text gets room to write in; figures, dates and ticks
    /// little; and no column is narrower than the longest word of its heading, so a
    /// heading is never broken inside a word.
    pub column_widths: Vec<u32>,
    /// Whether its blank form's table is too wide for a portrait page.
    pub landscape: bool,
    /// The period a blank of a table filled in every day, week, month or quarter is for,
    /// printed as a line to fill in under its title («за период с … по …», "Week
    /// commencing"), unless a dated header field already names it.
    pub period: Option<Frequency>,
    /// The cells of the table's closing «Итого» row, the number column first: empty when
    /// no column is added up (`sum: true`).
    pub total_row: Vec<TotalCell>,
    /// How many rows its blank form has: the model's `rows`, or as many as the steps that
    /// fill it come round in the form's period; at least 10, and no more than a sheet
    /// holds (`continued` says when the period needs more).
    pub rows: u32,
    /// Whether a period's entries need more rows than a sheet holds: they go on as many
    /// copies of the sheet as needed, each numbered and naming its filler, rather than a
    /// blank of five pages (70 calls a day are not 70 printed rows).
    pub continued: bool,
    /// The indicators measured by it: the plan its totals are compared with. A form filled
    /// in every day, week or month shows only the plans of that period: a weekly report's
    /// totals are not compared with a monthly target.
    pub plans: Vec<IndicatorView>,
    /// The steps that produce it, with who fills it in there.
    pub produced_at: Vec<Producer>,
    /// The one position that fills the document in and hands it over, or draws the report
    /// up, when one position does at every step: its sign-off line names it.
    pub handed_by: Option<RoleLink>,
    /// The one position that receives or checks it at every step that uses it, other than
    /// the one handing it over: named on the receiving line.
    pub received_by: Option<RoleLink>,
    /// Who checks it once filled in: the one position that answers for drawing it up (A),
    /// other than the one filling it in, or else that position's superior. A report's
    /// «Проверил» names it (not whoever reads the report: a manager's subordinate may), and
    /// so does an English form's "Checked by" when no single position takes the form in
    /// (the Sales Lead checks each order). None at the top: whoever approves the documents.
    pub checked_by: Option<RoleLink>,
    /// The steps that use it.
    pub used_at: Vec<StepLink>,
    /// Where it is kept, as the model says: a document without a blank form of its own
    /// says so on its page.
    pub kept: Option<String>,
    /// How long it is kept.
    pub retention: Option<String>,
}

/// A cell of a blank's «Итого» row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TotalCell {
    /// The row's label: in the first column of text before the first added-up column, or
    /// in the number column when a table starts with figures.
    Label,
    /// Room for the total of a column that is added up.
    Sum,
    /// Crossed out: a column that has no total («Х» in Russian practice).
    Void,
    /// Left empty: the number column when the label stands beside it.
    Empty,
}

/// The «Итого» row of a table of `columns` (the `row` fields), or none when no column is
/// added up.
fn total_row(columns: &[&Field]) -> Vec<TotalCell> {
    let Some(first_sum) = columns.iter().position(|f| f.sum) else {
        return Vec::new();
    };
    let mut cells = vec![if first_sum == 0 {
        TotalCell::Label
    } else {
        TotalCell::Empty
    }];
    cells.extend(columns.iter().enumerate().map(|(i, f)| {
        if f.sum {
            TotalCell::Sum
        } else if i == 0 {
            TotalCell::Label
        } else {
            TotalCell::Void
        }
    }));
    cells
}

/// The period a blank's table is filled in for, when it has one and no dated header field
/// names it.
fn period(frequency: Option<Frequency>, fields: &[Field]) -> Option<Frequency> {
    let table = fields.iter().any(|f| f.place == FieldPlace::Row);
    let dated = fields
        .iter()
        .any(|f| f.place == FieldPlace::Header && f.field_type == FieldType::Date);
    frequency.filter(|&f| table && !dated && f != Frequency::PerEvent)
}

/// A step producing a document and the roles performing it.
#[derive(Clone, Debug, Serialize)]
pub struct Producer {
    /// The step.
    pub step: StepLink,
    /// Its R roles: who fills the document in.
    pub roles: Vec<RoleLink>,
}

impl DocumentView {
    /// The view of every artifact, in the order written, from the index of where each is
    /// written and read.
    pub fn all(
        model: &Resolved,
        uses: &ArtifactUses,
        links: &Linker<'_>,
        registrar: &Registrar<'_>,
    ) -> Vec<Self> {
        // Steps in the order the pack lists them: processes as written, steps along the flow.
        let in_order = |steps: &[StepId]| {
            let mut steps = steps.to_vec();
            steps.sort_by_key(|&step| (step.process, links.number(step)));
            steps
        };
        let produced: Vec<Vec<StepId>> = uses.producers.iter().map(|s| in_order(s)).collect();
        let used: Vec<Vec<StepId>> = uses.consumers.iter().map(|s| in_order(s)).collect();
        let mut forms = 0;
        model
            .artifacts
            .iter()
            .enumerate()
            .map(|(index, artifact)| {
                let link = links.artifact(ArtifactId(index));
                let producers: Vec<Producer> = produced[index]
                    .iter()
                    .map(|&step| Producer {
                        step: links.step(step),
                        roles: links.roles(&model.step(step).raci.r),
                    })
                    .collect();
                let identity = link.form.then(|| {
                    forms += 1;
                    registrar.identity(
                        DocKind::Form,
                        forms - 1,
                        &artifact.name,
                        crate::layout::form(&link.file),
                        producers
                            .iter()
                            .flat_map(|p| p.roles.first())
                            .next()
                            .cloned(),
                    )
                });
                let outgoing = !artifact.external
                    && matches!(
                        artifact.kind,
                        ArtifactKind::Document | ArtifactKind::Contract
                    )
                    && goes_out(model, ArtifactId(index));
                let letterhead = outgoing && !artifact.fields.is_empty();
                let layout = layout(&artifact.fields, letterhead);
                let plans = plans(model, links, ArtifactId(index));
                let needed = artifact.rows.unwrap_or_else(|| {
                    rows_for(model, links, artifact.frequency, &produced[index])
                });
                let sheet = sheet_rows(&artifact.fields, layout.landscape, plans.len());
                let handed_by = only_role(model, links, &produced[index], Letter::R);
                DocumentView {
                    artifact: link,
                    identity,
                    kind: artifact.kind,
                    description: artifact.description.clone(),
                    opening: artifact.opening.clone(),
                    closing: artifact.closing.clone(),
                    kept: artifact.kept.clone(),
                    retention: artifact.retention.clone(),
                    external: artifact.external,
                    outgoing,
                    letterhead,
                    letter: letterhead
                        && (artifact.opening.is_some() || artifact.closing.is_some()),
                    signed_by: produced[index].first().and_then(|&step| {
                        let raci = &model.step(step).raci;
                        raci.a
                            .first()
                            .or(raci.r.first())
                            .map(|r| links.role(r.target))
                    }),
                    frequency: artifact.frequency,
                    column_widths: layout.widths,
                    landscape: layout.landscape,
                    period: period(artifact.frequency, &artifact.fields),
                    total_row: total_row(
                        &artifact
                            .fields
                            .iter()
                            .filter(|f| f.place == FieldPlace::Row)
                            .collect::<Vec<_>>(),
                    ),
                    fields: artifact.fields.clone(),
                    rows: artifact.rows.unwrap_or(needed.max(MIN_ROWS)).min(sheet),
                    continued: needed > sheet,
                    plans,
                    produced_at: producers,
                    received_by: only_role(model, links, &used[index], Letter::R)
                        .filter(|r| handed_by.as_ref().is_none_or(|h| h.id != r.id)),
                    checked_by: checker(model, links, &produced[index]),
                    handed_by,
                    used_at: used[index].iter().map(|&step| links.step(step)).collect(),
                }
            })
            .collect()
    }
}

/// Who checks the document `steps` fill in: the one position answering for them (A) other
/// than the one filling it in, or else the filler's superior.
fn checker(model: &Resolved, links: &Linker, steps: &[StepId]) -> Option<RoleLink> {
    let filler = only_id(model, steps, Letter::R);
    only_id(model, steps, Letter::A)
        .filter(|&a| Some(a) != filler)
        .or_else(|| filler.and_then(|r| model.role(r).reports_to.map(|boss| boss.target)))
        .map(|role| links.role(role))
}

/// The position holding `letter` on every one of `steps`, when exactly one does.
fn only_role(
    model: &Resolved,
    links: &Linker,
    steps: &[StepId],
    letter: Letter,
) -> Option<RoleLink> {
    only_id(model, steps, letter).map(|role| links.role(role))
}

/// The id of the position holding `letter` on every one of `steps`, when exactly one does.
fn only_id(model: &Resolved, steps: &[StepId], letter: Letter) -> Option<RoleId> {
    let mut roles: Vec<RoleId> = steps
        .iter()
        .flat_map(|&step| {
            model
                .step(step)
                .raci
                .holders(letter)
                .iter()
                .map(|r| r.target)
        })
        .collect();
    roles.sort_unstable();
    roles.dedup();
    match roles.as_slice() {
        [only] => Some(*only),
        _ => None,
    }
}

/// Whether a process hands an artifact to an outside party (`outputs: [{artifact, to:
/// [client]}]`). Taking part in a step that reads a document is not receiving it: a client
/// consulted on a sales programme does not get the account plan behind it.
fn goes_out(model: &Resolved, id: ArtifactId) -> bool {
    model.processes.iter().any(|process| {
        process.outputs.iter().any(|output| {
            output.artifact.target == id
                && output.parties.iter().any(|r| model.role(r.target).external)
        })
    })
}

/// The plans a blank of `id` compares its totals with: the indicators it measures in its
/// own period, when they are one position's. A report that measures indicators of several
/// positions (a plan/fact summary) is a general one: each position's plans are on its own
/// plan/fact form, not printed over everybody's blank.
fn plans(model: &Resolved, links: &Linker<'_>, id: ArtifactId) -> Vec<IndicatorView> {
    let measured: Vec<_> = model
        .kpis
        .iter()
        .filter(|k| k.measured_by.is_some_and(|m| m.target == id))
        .collect();
    let position = |k: &&Kpi| k.role.map(|r| r.target);
    let one_position = measured
        .windows(2)
        .all(|w| position(&w[0]) == position(&w[1]));
    if !one_position {
        return Vec::new();
    }
    let frequency = model.artifact(id).frequency;
    measured
        .into_iter()
        .filter(|k| same_period(frequency, k.period))
        .map(|k| IndicatorView::of(k, links))
        .collect()
}

/// Whether a plan of `period` can be compared with the totals of a form filled in
/// `frequency`: any, when the form has no fixed period; none, when it is filled in once
/// per event (one order's totals are not a month's revenue).
fn same_period(frequency: Option<Frequency>, period: Period) -> bool {
    match frequency {
        Some(Frequency::Daily) => period == Period::Day,
        Some(Frequency::Weekly) => period == Period::Week,
        Some(Frequency::Monthly) => period == Period::Month,
        Some(Frequency::Quarterly) => period == Period::Quarter,
        Some(Frequency::PerEvent) => false,
        None => true,
    }
}

/// A blank form with more columns than this is printed on a landscape page.
const PORTRAIT_COLUMNS: usize = 5;

/// How a blank form's table is laid out: its columns' widths and whether the page turns.
/// Both come from one count of the `row` fields, so they cannot disagree.
struct Layout {
    /// See `DocumentView::column_widths`.
    widths: Vec<u32>,
    /// See `DocumentView::landscape`.
    landscape: bool,
}

/// Lays out a blank form's table, counting room in characters (about 75 to a portrait
/// line, 115 to a landscape one). Each column wants room: figures, dates, ticks and choices
/// what their entries take, a text column its `length`, and free text an equal share of
/// what the others leave. No column gets less than the longest word of its heading and the
/// cell's padding, so a heading never breaks inside a word; when the wants exceed the line,
/// the columns above that minimum share what is left in proportion to their wants. What
/// goes out on the `letterhead` (a quotation) is a letter, always portrait.
fn layout(fields: &[Field], letterhead: bool) -> Layout {
    let longest = |text: &str| text.split_whitespace().map(|w| w.chars().count()).max();
    let columns: Vec<&Field> = fields
        .iter()
        .filter(|f| f.place == FieldPlace::Row)
        .collect();
    let landscape = !letterhead && columns.len() > PORTRAIT_COLUMNS;
    if columns.is_empty() {
        return Layout {
            widths: Vec::new(),
            landscape,
        };
    }
    let line: usize = if landscape { 115 } else { 75 };
    let fixed = |field: &Field| match field.field_type {
        FieldType::Text => field.length.map(|n| usize::from(n) + 2),
        FieldType::Choice => Some(
            field
                .options
                .iter()
                .filter_map(|o| longest(o))
                .max()
                .unwrap_or(0)
                + 3,
        ),
        FieldType::Number | FieldType::Bool => Some(7),
        FieldType::Money | FieldType::Date => Some(11),
    };
    // No column narrower than its heading's longest word; free text no narrower than a
    // name, however many figures share the line.
    let least = |field: &Field| {
        let word = longest(&field.name).unwrap_or(0) + 3;
        match fixed(field) {
            Some(_) => word,
            None => word.max(FREE_TEXT),
        }
    };
    let number = 5;
    let taken: usize = number
        + columns
            .iter()
            .filter_map(|f| fixed(f).map(|c| c.max(least(f))))
            .sum::<usize>();
    let free = columns.iter().filter(|f| fixed(f).is_none()).count().max(1);
    let share = line.saturating_sub(taken) / free;
    // (least, wanted) for the number column, then each column.
    let wants: Vec<(usize, usize)> = std::iter::once((number, number))
        .chain(columns.iter().map(|f| {
            let least = least(f);
            (least, fixed(f).unwrap_or(share).max(least))
        }))
        .collect();
    Layout {
        widths: fit(&wants, line),
        landscape,
    }
}

/// The widths, in percent, of columns that each want `(least, wanted)` characters on a
/// line of `line`: what they want when it fits; otherwise every column its least, and the
/// rest of the line shared in proportion to what each wants beyond it.
fn fit(wants: &[(usize, usize)], line: usize) -> Vec<u32> {
    let wanted: usize = wants.iter().map(|&(_, want)| want).sum();
    let least: usize = wants.iter().map(|&(least, _)| least).sum();
    let room: Vec<usize> = if wanted <= line {
        wants.iter().map(|&(_, want)| want).collect()
    } else if least >= line {
        wants.iter().map(|&(least, _)| least).collect()
    } else {
        let spare = line - least;
        let beyond = wanted - least;
        wants
            .iter()
            .map(|&(least, want)| least + (want - least) * spare / beyond)
            .collect()
    };
    let total: usize = room.iter().sum::<usize>().max(1);
    room.iter()
        .map(|&chars| u32::try_from(chars * 100 / total).unwrap_or(100))
        .collect()
}

/// The least room, in characters, a free-text column wants however many figures share the
/// line: a name («Кузнецова М. Р.») or a client's, not the width of a count.
const FREE_TEXT: usize = 16;

/// The fewest rows a blank form has: a sheet with a handful of rows is not worth printing.
const MIN_ROWS: u32 = 10;

/// About the lines an A4 page holds for a blank form's rows, header fields, totals and
/// plans under its title and above its signatures, portrait and landscape.
const SHEET_LINES_PORTRAIT: u32 = 26;
const SHEET_LINES_LANDSCAPE: u32 = 14;

/// The most rows a sheet of a blank form with `fields` has, on a `landscape` page with
/// `plans` lines of plans under it: the page's lines less the lines its header fields,
/// totals, plans, the legends of its choices and the note on further sheets take, and
/// never fewer than a handful.
fn sheet_rows(fields: &[Field], landscape: bool, plans: usize) -> u32 {
    let lines = if landscape {
        SHEET_LINES_LANDSCAPE
    } else {
        SHEET_LINES_PORTRAIT
    };
    let fields_lines: u32 = fields
        .iter()
        .filter(|f| f.place != FieldPlace::Row)
        .map(|f| f.lines.map_or(1, |n| u32::from(n.get())))
        .sum();
    let legends = fields
        .iter()
        .filter(|f| f.place == FieldPlace::Row && !f.options.is_empty())
        .count();
    let others = fields_lines
        + u32::from(fields.iter().any(|f| f.sum))
        + u32::try_from(plans + legends + 1).unwrap_or(u32::MAX);
    lines.saturating_sub(others).max(5)
}

/// The rows a blank form of `frequency` needs for the steps `producers` that fill it: the
/// busiest step's volume over the form's period, in working days; none for a form filled
/// in each time (its blank has the fewest rows).
fn rows_for(
    model: &Resolved,
    links: &Linker<'_>,
    frequency: Option<Frequency>,
    producers: &[StepId],
) -> u32 {
    let month = links.days_per_month();
    let days = |period: VolumePeriod| match period {
        VolumePeriod::Day => 1.0,
        VolumePeriod::Week => 5.0,
        VolumePeriod::Month => month,
    };
    let form_days = match frequency {
        Some(Frequency::Daily) => 1.0,
        Some(Frequency::Weekly) => 5.0,
        Some(Frequency::Monthly) => month,
        Some(Frequency::Quarterly) => 3.0 * month,
        Some(Frequency::PerEvent) | None => return 0,
    };
    producers
        .iter()
        .filter_map(|&step| model.step(step).volume)
        .map(|v| (v.count / days(v.per) * form_days).ceil() as u32)
        .max()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::{TotalCell, layout, total_row};
    use crate::model::{Field, FieldPlace, FieldType};

    fn field(name: &str, field_type: FieldType) -> Field {
        Field {
            name: name.to_owned(),
            field_type,
            options: Vec::new(),
            place: FieldPlace::Row,
            length: None,
            lines: None,
            sum: false,
        }
    }

    #[test]
    fn the_total_row_labels_the_text_before_the_figures_and_crosses_out_the_rest() {
        let mut amount = field("Сумма, ₽", FieldType::Money);
        amount.sum = true;
        let client = field("Клиент", FieldType::Text);
        let due = field("Срок оплаты", FieldType::Date);
        let row = total_row(&[&client, &amount, &due]);
        assert_eq!(
            row,
            [
                TotalCell::Empty,
                TotalCell::Label,
                TotalCell::Sum,
                TotalCell::Void
            ]
        );
        // A table that starts with figures is labelled in its number column.
        let row = total_row(&[&amount, &due]);
        assert_eq!(row, [TotalCell::Label, TotalCell::Sum, TotalCell::Void]);
        // Nothing added up, no total row.
        assert!(total_row(&[&client, &due]).is_empty());
    }

    #[test]
    fn text_gets_the_room_and_no_heading_word_is_squeezed() {
        let fields = [
            field("Наименование товара", FieldType::Text),
            field("Кол-во", FieldType::Number),
            field("Цена, руб.", FieldType::Money),
            field("Сумма, руб.", FieldType::Money),
            Field {
                place: FieldPlace::Total,
                ..field("Итого", FieldType::Money)
            },
        ];
        let widths = layout(&fields, false).widths;
        // The number column, then the four row fields (the total is not a column).
        assert_eq!(widths.len(), 5, "{widths:?}");
        assert!(widths.iter().sum::<u32>() <= 100, "{widths:?}");
        assert!(widths[1] > 2 * widths[3], "{widths:?}");
        // On a portrait line of about 75 characters, «Наименование» (12) with its padding
        // needs 15: a fifth of the table.
        assert!(widths[1] >= 20, "{widths:?}");
        // A short heading over a text column still gets a text column's room.
        let widths = layout(
            &[
                field("Компания", FieldType::Text),
                field("ИНН", FieldType::Text),
                field("Дата следующего контакта", FieldType::Date),
            ],
            false,
        )
        .widths;
        assert_eq!(widths[1], widths[2], "{widths:?}");
        assert!(widths[3] < widths[2], "{widths:?}");
        assert!(layout(&[], false).widths.is_empty());
    }

    #[test]
    fn lengths_share_a_crowded_line_and_no_heading_word_is_squeezed() {
        let sized = |name: &str, length| Field {
            length: Some(length),
            ..field(name, FieldType::Text)
        };
        let fields = [
            sized("Компания", 20),
            sized("ИНН", 12),
            sized("ЛПР (ФИО, должность)", 20),
            sized("Телефон", 16),
            Field {
                options: vec!["Перезвонить".to_owned(), "Отказ".to_owned()],
                ..field("Результат", FieldType::Choice)
            },
            sized("Возражение дословно", 40),
            sized("Следующий шаг", 20),
            field("Дата следующего контакта", FieldType::Date),
        ];
        let widths = layout(&fields, false).widths;
        assert!(widths.iter().sum::<u32>() <= 100, "{widths:?}");
        // The longest text gets the most room, the short code the least of the texts.
        assert!(widths[6] > widths[1] && widths[6] > widths[7], "{widths:?}");
        assert!(widths[2] < widths[4], "{widths:?}");
        // «Результат» (9 letters) and «следующего» (10) keep a landscape line's room for
        // their heading word and padding: about 12 and 13 of 115 characters.
        assert!(widths[5] >= 10 && widths[8] >= 11, "{widths:?}");
    }

    #[test]
    fn a_name_column_among_many_figures_keeps_room_for_a_name() {
        // A weekly funnel by manager: the manager's name, then eleven counts whose headings
        // alone fill a landscape line. The name still gets more room than a count.
        let mut fields = vec![field("Менеджер", FieldType::Text)];
        for heading in [
            "Контакты с ЛПР",
            "Лиды",
            "Встречи",
            "КП",
            "Счета",
            "Оплаты, шт.",
            "Оплаты, ₽",
            "Конверсия лид → встреча, %",
            "Конверсия встреча → КП, %",
            "Конверсия КП → оплата, %",
        ] {
            fields.push(field(heading, FieldType::Number));
        }
        let widths = layout(&fields, false).widths;
        assert!(widths.iter().sum::<u32>() <= 100, "{widths:?}");
        assert!(widths[2..].iter().all(|&w| widths[1] > w), "{widths:?}");
    }
}
