//! The organisation chart: who reports to whom, drawn top-down as a standalone SVG in the
//! style of the process maps.
//!
//! Each position is a box, its reports in a row under it and the box centred above them,
//! joined by orthogonal lines through a bus between the rows. Subtrees never share a
//! column of the drawing: each takes a band as wide as its widest row, so no box can meet
//! another. When that makes the chart wider than a page, the positions with no reports of
//! their own fold, as org charts usually do: stacked in an indented column under their
//! head instead of side by side.

use std::fmt::Write as _;

use crate::diagram::layout::{INSET, LINE, Rect, TEXT_SIZE, Text};
use crate::diagram::svg::{Align, TEXT_RULE, box_with_text, fmt, lines, scoped};
use crate::diagram::wrap::{widest, width, wrap};
use crate::diagram::xml::escape;

/// One position of the organisation chart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrgUnit {
    /// The position's title, e.g. «Руководитель отдела продаж».
    pub name: String,
    /// How many people hold it; 0 for a department rather than a position, drawn shaded.
    pub headcount: u32,
    /// What the box says under the title of a position more than one person holds, in the
    /// chart's language: «3 штатные единицы», "2 posts".
    pub count: Option<String>,
    /// The index (into the same slice) of the unit it reports to.
    pub parent: Option<usize>,
    /// Where its box links to (an href such as `roles/head-of-sales.html`), if anywhere.
    pub href: Option<String>,
}

/// The chart's styles, in the process maps' colours: boxes as their task boxes, lines as
/// their flows, the headcount muted as their branch labels.
const STYLE: &[&str] = &[
    TEXT_RULE,
    ".box{fill:#fff;stroke:#1f4e79;stroke-width:1.5}",
    "a:hover .box{fill:#eef3f9}",
    ".department{fill:#e4ebf4}",
    ".count{fill:#5b6573}",
    ".link{fill:none;stroke:#5b6573;stroke-width:1.3}",
];

/// The width a title wraps to, and the least width of a box's text: boxes of one width
/// read as a chart; a longer word widens its box.
const TITLE_WIDTH: f64 = 170.0;
/// The gap between two neighbouring subtrees; and between two rows, where the bus runs.
const GAP: (f64, f64) = (16.0, 36.0);
/// The gap between the trees of two positions that report to nobody, wider than `GAP` so
/// that the trees read apart.
const ROOT_GAP: f64 = 40.0;
/// The margin around everything.
const PAD: f64 = 8.0;
/// Where the line to a folded column leaves its head's box, from the box's left.
const INDENT: f64 = 20.0;
/// The length of the line from a folded column's spine to each of its boxes.
const STUB: f64 = 16.0;
/// The gap between two boxes of a folded column.
const STACK_GAP: f64 = 10.0;
/// The widest chart drawn with every row side by side: about a landscape page at the
/// maps' readable size.
const MAX_WIDTH: f64 = 1100.0;

/// The chart of `units` as an SVG document: a top-down tree per root (a unit reporting to
/// nobody), the roots side by side in the order given, each unit's reports under it in
/// the order given. A parent that is out of range, the unit itself or on a cycle is taken
/// as none, so every unit is drawn exactly once whatever the model says (its `check`
/// reports the cycles). Boxes with an `href` link there.
pub fn org_chart(units: &[OrgUnit]) -> String {
    let cards: Vec<Card> = units.iter().map(card).collect();
    let chart = place(&Forest::of(units), &cards);
    let (w, h) = (chart.width.ceil(), chart.height.ceil());
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<svg class=\"raciflow-org\" xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" \
         viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" font-size=\"{TEXT_SIZE}\">"
    );
    let _ = writeln!(
        out,
        "<defs><style>{}</style></defs>",
        scoped("raciflow-org", STYLE)
    );
    for link in &chart.links {
        let _ = writeln!(out, "<path class=\"link\" d=\"{link}\"/>");
    }
    for ((unit, card), rect) in units.iter().zip(&cards).zip(&chart.boxes) {
        let close = match &unit.href {
            Some(href) => {
                let href = escape(href);
                let _ = write!(
                    out,
                    "<a class=\"unit\" href=\"{href}\" xlink:href=\"{href}\">"
                );
                "</a>"
            }
            None => {
                out.push_str("<g class=\"unit\">");
                "</g>"
            }
        };
        draw_card(&mut out, card, rect);
        let _ = writeln!(out, "{close}");
    }
    out.push_str("</svg>\n");
    out
}

/// What a box says and the least room it takes.
#[derive(Clone, Debug)]
struct Card {
    /// The title, wrapped at spaces.
    lines: Vec<String>,
    /// The headcount's line, when more than one person holds the position.
    count: Option<String>,
    /// Whether it is a unit of the organisation (a department) rather than a position.
    department: bool,
    /// The box's width: the text's and room either side.
    w: f64,
    /// The box's least height: its lines (at least one, for an empty title) and room
    /// above and below.
    h: f64,
}

impl Card {
    /// The number of lines the box holds.
    fn rows(&self) -> usize {
        self.lines.len().max(1) + usize::from(self.count.is_some())
    }
}

/// The box of `unit`, sized around its text.
fn card(unit: &OrgUnit) -> Card {
    let lines = wrap(&unit.name, TEXT_SIZE, TITLE_WIDTH);
    let count = unit.count.clone();
    let text = widest(&lines, TEXT_SIZE)
        .max(count.as_deref().map_or(0.0, |c| width(c, TEXT_SIZE)))
        .max(TITLE_WIDTH);
    let mut card = Card {
        lines,
        count,
        department: unit.headcount == 0,
        w: text + 2.0 * INSET.0,
        h: 0.0,
    };
    card.h = card.rows() as f64 * LINE + 2.0 * INSET.1;
    card
}

/// `card` drawn in `rect`, its lines centred across and down.
fn draw_card(out: &mut String, card: &Card, rect: &Rect) {
    let rows = card.rows() as f64;
    let text = Text {
        lines: card.lines.clone(),
        rect: Rect {
            x: rect.x + INSET.0,
            y: rect.y + (rect.h - rows * LINE) / 2.0,
            w: rect.w - 2.0 * INSET.0,
            h: rows * LINE,
        },
    };
    box_with_text(
        out,
        rect,
        Some(&text),
        if card.department {
            "box department"
        } else {
            "box"
        },
    );
    if let Some(count) = &card.count {
        let place = Rect {
            y: text.rect.bottom() - LINE,
            h: LINE,
            ..text.rect
        };
        lines(
            out,
            std::slice::from_ref(count),
            &place,
            Align::Centre,
            Some("count"),
        );
    }
}

/// Who reports to whom, made a forest: every unit under its parent or a root.
#[derive(Debug)]
struct Forest {
    /// Each unit's parent, where it has a sound one.
    parent: Vec<Option<usize>>,
    /// Each unit's reports, in the order given.
    children: Vec<Vec<usize>>,
    /// The units that report to nobody, in the order given.
    roots: Vec<usize>,
    /// Each unit's distance from its root.
    depth: Vec<usize>,
    /// Every unit once, each after its parent: root by root, row by row.
    order: Vec<usize>,
}

impl Forest {
    /// The forest of `units`.
    fn of(units: &[OrgUnit]) -> Forest {
        let parent = sound_parents(units);
        let n = units.len();
        let mut children = vec![Vec::new(); n];
        for (unit, p) in parent.iter().enumerate() {
            if let Some(p) = p {
                children[*p].push(unit);
            }
        }
        let roots: Vec<usize> = (0..n).filter(|&u| parent[u].is_none()).collect();
        let mut depth = vec![0; n];
        let mut order = roots.clone();
        // Breadth first: each unit's reports join the queue after it.
        let mut next = 0;
        while let Some(&unit) = order.get(next) {
            for &child in &children[unit] {
                depth[child] = depth[unit] + 1;
                order.push(child);
            }
            next += 1;
        }
        Forest {
            parent,
            children,
            roots,
            depth,
            order,
        }
    }

    /// The reports of `unit` that have no reports of their own, which can fold.
    fn leaves(&self, unit: usize) -> impl Iterator<Item = usize> + '_ {
        self.children[unit]
            .iter()
            .copied()
            .filter(|&c| self.children[c].is_empty())
    }
}

/// How far a unit's walk up its parents has got.
#[derive(Clone, Copy, PartialEq)]
enum Walk {
    Unseen,
    OnPath,
    Done,
}

/// Each unit's parent, or none where it is out of range or the unit is on a cycle (its
/// own parent is the shortest): a cycle has no top to draw from, so each of its units
/// becomes a root, and the units below them stay under them.
fn sound_parents(units: &[OrgUnit]) -> Vec<Option<usize>> {
    let mut parent: Vec<Option<usize>> = units
        .iter()
        .map(|u| u.parent.filter(|&p| p < units.len()))
        .collect();
    let mut walk = vec![Walk::Unseen; units.len()];
    for start in 0..units.len() {
        let mut path = Vec::new();
        let mut at = Some(start);
        while let Some(unit) = at {
            match walk[unit] {
                Walk::Done => break,
                Walk::OnPath => {
                    // The walk came back onto itself: from `unit` on, the path is a cycle.
                    let from = path.iter().position(|&u| u == unit).unwrap_or(0);
                    for &u in &path[from..] {
                        parent[u] = None;
                    }
                    break;
                }
                Walk::Unseen => {
                    walk[unit] = Walk::OnPath;
                    path.push(unit);
                    at = parent[unit];
                }
            }
        }
        for u in path {
            walk[u] = Walk::Done;
        }
    }
    parent
}

/// Where everything goes.
#[derive(Debug)]
struct Chart {
    /// Each unit's box.
    boxes: Vec<Rect>,
    /// The lines from each head to its reports, as SVG path data.
    links: Vec<String>,
    /// The drawing's width.
    width: f64,
    /// The drawing's height.
    height: f64,
}

/// The chart with every row side by side, or, when that is wider than `MAX_WIDTH`, with
/// as many heads' leaves folded as it takes, those with the most leaves first.
fn place(forest: &Forest, cards: &[Card]) -> Chart {
    let mut folded = vec![false; cards.len()];
    loop {
        let chart = arrange(forest, cards, &folded);
        if chart.width <= MAX_WIDTH {
            return chart;
        }
        let next = (0..cards.len())
            .filter(|&u| !folded[u])
            .map(|u| (forest.leaves(u).count(), std::cmp::Reverse(u)))
            .filter(|&(leaves, _)| leaves > 1)
            .max();
        match next {
            Some((_, std::cmp::Reverse(unit))) => folded[unit] = true,
            None => return chart,
        }
    }
}

/// Each subtree's shape, in coordinates from the left of its band.
#[derive(Debug)]
struct Shape {
    /// The width of each unit's band: its box, its reports' bands and the gaps between.
    band: Vec<f64>,
    /// The left of each unit's box, from the left of its band.
    x: Vec<f64>,
    /// The left of each unit's band from the left of its parent's band; the left of its
    /// box for a unit stacked in a column.
    offset: Vec<f64>,
    /// Where the line to each unit's reports leaves its box, from the box's left.
    hook: Vec<f64>,
    /// Whether the unit is stacked in its parent's column.
    stacked: Vec<bool>,
}

/// The shape of every subtree, leaves first: a head's reports side by side, the `folded`
/// heads' leaves as one column where the first of them would go; the head centred above
/// the first and last of them, or hooked at `INDENT` above a column of all its reports.
fn shape(forest: &Forest, cards: &[Card], folded: &[bool]) -> Shape {
    let n = cards.len();
    let mut s = Shape {
        band: cards.iter().map(|c| c.w).collect(),
        x: vec![0.0; n],
        offset: vec![0.0; n],
        hook: cards.iter().map(|c| c.w / 2.0).collect(),
        stacked: vec![false; n],
    };
    for &unit in forest.order.iter().rev() {
        let children = &forest.children[unit];
        if children.is_empty() {
            continue;
        }
        if folded[unit] {
            for leaf in forest.leaves(unit) {
                s.stacked[leaf] = true;
            }
        }
        let column = children
            .iter()
            .filter(|&&c| s.stacked[c])
            .map(|&c| cards[c].w)
            .fold(None, |w: Option<f64>, c| Some(w.map_or(c, |w| w.max(c))));
        // The slots left to right; `anchors` are where the bus meets each.
        let (mut right, mut anchors, mut spine) = (0.0, Vec::new(), None);
        for &child in children {
            if !s.stacked[child] {
                s.offset[child] = right;
                anchors.push(right + s.x[child] + cards[child].w / 2.0);
                right += s.band[child] + GAP.0;
            } else if let Some(x) = spine {
                s.offset[child] = x + STUB;
            } else {
                spine = Some(right);
                s.offset[child] = right + STUB;
                anchors.push(right);
                right += STUB + column.unwrap_or(0.0) + GAP.0;
            }
        }
        if anchors.len() == 1 && spine.is_some() {
            s.hook[unit] = INDENT;
        }
        let mid = (anchors[0] + anchors[anchors.len() - 1]) / 2.0;
        let x = mid - s.hook[unit];
        let left = x.min(0.0);
        s.x[unit] = x - left;
        s.band[unit] = (x + cards[unit].w).max(right - GAP.0) - left;
        for &child in children {
            s.offset[child] -= left;
        }
    }
    s
}

/// The chart with the `folded` heads' leaves stacked: the roots' bands side by side, each
/// band in the place its shape gives it; the rows one under another, each as tall as its
/// tallest box, and every box of a row stretched to it so the row reads as one.
fn arrange(forest: &Forest, cards: &[Card], folded: &[bool]) -> Chart {
    let s = shape(forest, cards, folded);
    let n = cards.len();
    let mut left = vec![PAD; n];
    let mut x = PAD;
    for &root in &forest.roots {
        left[root] = x;
        x += s.band[root] + ROOT_GAP;
    }
    for &unit in &forest.order {
        if let Some(p) = forest.parent[unit] {
            left[unit] = left[p] + s.offset[unit];
        }
    }
    let rows = forest.depth.iter().max().map_or(0, |d| d + 1);
    let mut height = vec![0.0f64; rows];
    for unit in (0..n).filter(|&u| !s.stacked[u]) {
        height[forest.depth[unit]] = height[forest.depth[unit]].max(cards[unit].h);
    }
    let mut top = Vec::with_capacity(rows);
    let mut y = PAD;
    for h in &height {
        top.push(y);
        y += h + GAP.1;
    }
    let mut boxes: Vec<Rect> = (0..n)
        .map(|u| Rect {
            x: left[u] + s.x[u],
            y: top[forest.depth[u]],
            w: cards[u].w,
            h: height[forest.depth[u]],
        })
        .collect();
    for unit in 0..n {
        let mut y = top.get(forest.depth[unit] + 1).copied().unwrap_or(0.0);
        for &child in forest.children[unit].iter().filter(|&&c| s.stacked[c]) {
            boxes[child].y = y;
            boxes[child].h = cards[child].h;
            y += cards[child].h + STACK_GAP;
        }
    }
    let links = (0..n)
        .filter(|&u| !forest.children[u].is_empty())
        .map(|u| link(&forest.children[u], &boxes, &s, u))
        .collect();
    Chart {
        width: boxes.iter().map(Rect::right).fold(PAD, f64::max) + PAD,
        height: boxes.iter().map(Rect::bottom).fold(PAD, f64::max) + PAD,
        boxes,
        links,
    }
}

/// The lines from `head` to its `children`, as path data: down from the head's hook to
/// the bus halfway to the next row, along the bus, and down from it to the top of each
/// report side by side, or down the spine of the column and across to each stacked box.
fn link(children: &[usize], boxes: &[Rect], s: &Shape, head: usize) -> String {
    let from = boxes[head];
    let hook = from.x + s.hook[head];
    let bus = from.bottom() + GAP.1 / 2.0;
    let stacked: Vec<Rect> = children
        .iter()
        .filter(|&&c| s.stacked[c])
        .map(|&c| boxes[c])
        .collect();
    let spine = stacked.first().map(|b| b.x - STUB);
    let side: Vec<Rect> = children
        .iter()
        .filter(|&&c| !s.stacked[c])
        .map(|&c| boxes[c])
        .collect();
    let xs = side.iter().map(Rect::cx).chain(spine).chain([hook]);
    let (lo, hi) = xs.fold((hook, hook), |(lo, hi), x| (lo.min(x), hi.max(x)));
    let mut d = format!("M{},{} V{}", fmt(hook), fmt(from.bottom()), fmt(bus));
    if hi > lo {
        let _ = write!(d, " M{},{} H{}", fmt(lo), fmt(bus), fmt(hi));
    }
    for b in &side {
        let _ = write!(d, " M{},{} V{}", fmt(b.cx()), fmt(bus), fmt(b.y));
    }
    if let (Some(spine), Some(last)) = (spine, stacked.last()) {
        let _ = write!(d, " M{},{} V{}", fmt(spine), fmt(bus), fmt(last.cy()));
        for b in &stacked {
            let _ = write!(d, " M{},{} H{}", fmt(spine), fmt(b.cy()), fmt(b.x));
        }
    }
    d
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// A unit titled `name` with `headcount` people, under `parent`.
    fn unit(name: &str, headcount: u32, parent: Option<usize>) -> OrgUnit {
        OrgUnit {
            name: name.to_owned(),
            headcount,
            count: (headcount > 1).then(|| format!("× {headcount}")),
            parent,
            href: None,
        }
    }

    /// A department is shaded and a position is not: the department's style applies to
    /// its box alone, not to the groups every box is drawn in.
    #[test]
    fn a_department_is_shaded_and_positions_are_not() {
        let units = vec![
            unit("Генеральный директор", 1, None),
            unit("Бухгалтерия", 0, Some(0)),
            unit("Бухгалтер", 1, Some(1)),
        ];
        let svg = org_chart(&units);
        assert_eq!(svg.matches(r#"<rect class="box department""#).count(), 1);
        assert_eq!(svg.matches(r#"<rect class="box""#).count(), 2);
        let rule = svg
            .split(".raciflow-org .department{")
            .nth(1)
            .expect("a department rule");
        assert!(!svg.contains(r#"<g class="department""#), "{svg}");
        assert!(!rule.starts_with("stroke-dasharray"), "{rule}");
    }

    /// The example organisation: the sales department's internal roles.
    fn sales() -> Vec<OrgUnit> {
        let mut units = vec![
            unit("Коммерческий директор", 1, None),
            unit("Руководитель отдела продаж", 1, Some(0)),
        ];
        for (name, headcount) in [
            ("Телемаркетолог (оператор холодных звонков)", 3),
            ("Менеджер по активным продажам", 3),
            ("Менеджер по работе с ключевыми клиентами", 1),
            ("Менеджер по развитию клиентской базы", 1),
            ("Технический ассистент отдела продаж", 2),
            ("Администратор (контролёр) отдела продаж", 1),
        ] {
            units.push(unit(name, headcount, Some(1)));
        }
        for name in ["Бухгалтер по расчётам с покупателями", "Логист", "Юрист"]
        {
            units.push(unit(name, 1, None));
        }
        units
    }

    /// Whether the open interiors of two boxes meet.
    fn overlap(a: &Rect, b: &Rect) -> bool {
        a.x < b.right() && b.x < a.right() && a.y < b.bottom() && b.y < a.bottom()
    }

    /// Every promise of the layout of `units`, checked.
    fn assert_sound(units: &[OrgUnit]) -> Result<(), TestCaseError> {
        let forest = Forest::of(units);
        let cards: Vec<Card> = units.iter().map(card).collect();
        let chart = place(&forest, &cards);
        prop_assert_eq!(chart.boxes.len(), units.len());
        let mut order = forest.order.clone();
        order.sort_unstable();
        prop_assert_eq!(order, (0..units.len()).collect::<Vec<_>>());
        for (a, ra) in chart.boxes.iter().enumerate() {
            prop_assert!(ra.x >= PAD && ra.right() <= chart.width - PAD + 1e-9);
            prop_assert!(ra.y >= PAD && ra.bottom() <= chart.height - PAD + 1e-9);
            for (b, rb) in chart.boxes.iter().enumerate().skip(a + 1) {
                prop_assert!(!overlap(ra, rb), "{a} {ra:?} and {b} {rb:?} overlap");
            }
            if let Some(p) = forest.parent[a] {
                prop_assert_eq!(units[a].parent, Some(p));
                prop_assert!(ra.y >= chart.boxes[p].bottom() + GAP.1 - 1e-9);
            }
            let card = &cards[a];
            let words: Vec<&str> = units[a].name.split_whitespace().collect();
            prop_assert_eq!(card.lines.join(" "), words.join(" "));
            for line in &card.lines {
                prop_assert!(width(line, TEXT_SIZE) <= ra.w - 2.0 * INSET.0 + 1e-9);
            }
            prop_assert!(card.rows() as f64 * LINE + 2.0 * INSET.1 <= ra.h + 1e-9);
        }
        Ok(())
    }

    #[test]
    fn the_example_organisation_folds_its_sales_team_into_a_column() {
        let units = sales();
        assert_sound(&units).unwrap();
        let forest = Forest::of(&units);
        let cards: Vec<Card> = units.iter().map(card).collect();
        let chart = place(&forest, &cards);
        assert!(chart.width <= MAX_WIDTH, "{}", chart.width);
        let b = &chart.boxes;
        // The sales team hangs in one column under its head, in the order given.
        for k in 3..8 {
            assert_eq!(b[k].x, b[2].x);
            assert!(b[k].y > b[k - 1].bottom());
        }
        assert!(b[2].x > b[1].x);
        // The director sits centred above the head; the other roots stand to the right,
        // in the order given, level with the director.
        assert!((b[0].cx() - b[1].cx()).abs() < 1e-9);
        for k in 8..11 {
            assert_eq!(b[k].y, b[0].y);
            assert!(b[k].x > b[k - 1].x);
        }
        assert!(b[8].x > b[2].right());
    }

    #[test]
    fn a_narrow_chart_sets_reports_side_by_side_under_a_centred_head() {
        let units = vec![
            unit("Руководитель", 1, None),
            unit("Менеджер", 2, Some(0)),
            unit("Ассистент", 1, Some(0)),
            unit("Стажёр", 1, Some(1)),
        ];
        assert_sound(&units).unwrap();
        let cards: Vec<Card> = units.iter().map(card).collect();
        let chart = place(&Forest::of(&units), &cards);
        let b = &chart.boxes;
        assert_eq!(b[1].y, b[2].y);
        assert!(b[1].right() < b[2].x);
        assert!((b[0].cx() - (b[1].cx() + b[2].cx()) / 2.0).abs() < 1e-9);
        assert_eq!(chart.links.len(), 2);
    }

    #[test]
    fn a_long_word_widens_its_box_and_stays_whole() {
        let long =
            "Заместитель генерального директора по информационно-коммуникационным технологиям";
        let units = vec![unit(long, 12, None)];
        assert_sound(&units).unwrap();
        let c = card(&units[0]);
        assert!(
            c.lines
                .contains(&"информационно-коммуникационным".to_owned())
        );
        assert!(c.w > TITLE_WIDTH + 2.0 * INSET.0);
        assert_eq!(c.count.as_deref(), Some("× 12"));
    }

    #[test]
    fn bad_parents_make_roots_and_every_unit_is_drawn_once() {
        let units = vec![
            unit("Сам себе начальник", 1, Some(0)),
            unit("Вне списка", 1, Some(99)),
            unit("Первый в кругу", 1, Some(3)),
            unit("Второй в кругу", 1, Some(2)),
            unit("Под кругом", 1, Some(2)),
        ];
        assert_sound(&units).unwrap();
        let forest = Forest::of(&units);
        assert_eq!(forest.roots, [0, 1, 2, 3]);
        assert_eq!(forest.parent[4], Some(2));
        let svg = org_chart(&units);
        assert_eq!(svg.matches("<rect").count(), units.len());
        for u in &units {
            assert_eq!(
                svg.matches(&format!(">{}<", u.name)).count(),
                1,
                "{}",
                u.name
            );
        }
    }

    #[test]
    fn an_empty_organisation_is_a_small_empty_drawing() {
        let svg = org_chart(&[]);
        assert!(svg.contains("viewBox=\"0 0 16 16\" width=\"16\" height=\"16\""));
        assert!(!svg.contains("<rect"));
        assert_well_formed(&svg);
    }

    #[test]
    fn the_drawing_is_well_formed_deterministic_escaped_and_linked() {
        let mut units = sales();
        units[1].href = Some("roles/head-of-sales.html?a=1&b=\"2\"".to_owned());
        units[10].name = "Юрист <внешний> & \"партнёр\"".to_owned();
        let svg = org_chart(&units);
        assert_eq!(svg, org_chart(&units));
        assert_well_formed(&svg);
        assert!(svg.contains(
            "<a class=\"unit\" href=\"roles/head-of-sales.html?a=1&amp;b=&quot;2&quot;\""
        ));
        assert_eq!(svg.matches("<a ").count(), 1);
        assert!(svg.contains("&lt;внешний&gt; &amp;"));
        assert!(svg.contains(">× 3</text>"));
        assert!(svg.contains("font-family:'DejaVu Sans','Segoe UI',Arial,sans-serif"));
        assert!(svg.contains("font-size=\"12\""));
    }

    /// Every text line of `svg` is a whole-word slice of one of the titles or a headcount.
    #[test]
    fn every_text_line_is_whole_words_of_a_title_or_a_headcount() {
        let units = sales();
        let svg = org_chart(&units);
        let texts: Vec<&str> = svg
            .split("</text>")
            .filter_map(|part| part.rsplit_once("<text"))
            .filter_map(|(_, element)| element.split_once('>').map(|(_, text)| text))
            .collect();
        assert!(texts.len() > units.len());
        for text in texts {
            let whole = units.iter().any(|u| {
                let words: Vec<&str> = u.name.split_whitespace().collect();
                let line: Vec<&str> = text.split(' ').collect();
                words.windows(line.len()).any(|w| w == line.as_slice())
            });
            assert!(whole || text.starts_with("× "), "{text}");
        }
    }

    /// The tags of `xml` balance, its attributes are quoted and no `&` or `<` stands bare.
    fn assert_well_formed(xml: &str) {
        let mut open: Vec<&str> = Vec::new();
        let mut rest = xml;
        while let Some(at) = rest.find('<') {
            assert_no_bare_ampersand(&rest[..at]);
            let end = rest[at..].find('>').expect("an unclosed tag") + at;
            let tag = &rest[at + 1..end];
            assert!(!tag.contains('<'), "{tag}");
            assert_eq!(tag.matches('"').count() % 2, 0, "{tag}");
            assert_no_bare_ampersand(tag);
            let name = tag
                .trim_start_matches('/')
                .split([' ', '/'])
                .next()
                .unwrap_or_default();
            if let Some(closing) = tag.strip_prefix('/') {
                assert_eq!(open.pop(), Some(closing.trim()), "{tag}");
            } else if !tag.ends_with('/') {
                open.push(name);
            }
            rest = &rest[end + 1..];
        }
        assert_no_bare_ampersand(rest);
        assert!(open.is_empty(), "unclosed: {open:?}");
        assert!(xml.starts_with("<svg "));
    }

    /// Each `&` of `text` starts an entity.
    fn assert_no_bare_ampersand(text: &str) {
        for (at, _) in text.match_indices('&') {
            let entity = &text[at..];
            assert!(
                ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"]
                    .iter()
                    .any(|e| entity.starts_with(e)),
                "{entity}"
            );
        }
    }

    /// Organisations of up to 40 units with any parents, many of them bad, and titles of
    /// words short and long.
    fn organisations() -> impl Strategy<Value = Vec<OrgUnit>> {
        let word = prop::sample::select(vec![
            "Менеджер",
            "по",
            "продажам",
            "Руководитель",
            "отдела",
            "информационно-коммуникационным",
            "A",
            "",
        ]);
        let unit = (
            prop::collection::vec(word, 0..8),
            0u32..5,
            prop::option::of(0usize..45),
        )
            .prop_map(|(words, headcount, parent)| unit(&words.join(" "), headcount, parent));
        prop::collection::vec(unit, 0..40)
    }

    proptest! {
        #[test]
        fn any_organisation_lays_out_soundly(units in organisations()) {
            assert_sound(&units)?;
            let svg = org_chart(&units);
            prop_assert_eq!(svg.matches("<rect").count(), units.len());
            assert_well_formed(&svg);
        }

        #[test]
        fn a_wide_organisation_folds_under_the_page_width(leaves in 12usize..30) {
            let mut units = vec![unit("Руководитель отдела продаж", 1, None)];
            units.extend((0..leaves).map(|_| unit("Менеджер по активным продажам", 2, Some(0))));
            assert_sound(&units)?;
            let cards: Vec<Card> = units.iter().map(card).collect();
            prop_assert!(place(&Forest::of(&units), &cards).width <= MAX_WIDTH);
        }
    }
}
