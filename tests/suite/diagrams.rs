//! Process maps: the layout keeps boxes apart and edges on their boxes, and every text
//! whole, inside its place and clear of the edges, for every example process and for
//! generated processes with loops, decisions and parallel paths; every example map prints
//! readably on A4; the four formats of the quickstart processes match their snapshots.

use std::collections::BTreeSet;

use proptest::prelude::*;

use raciflow::diagram::{
    Layout, NodeKind, Notation, ProcessMap, Rect, Style, TEXT_SIZE, Text, Words, fitted, layout,
    printed, text_width, write,
};
use raciflow::resolve::{FileNames, ProcessId};

use crate::harness::{MANIFEST, Test, repo_path};

/// Whether the open interiors of two boxes meet.
fn overlap(a: &Rect, b: &Rect) -> bool {
    a.x < b.right() && b.x < a.right() && a.y < b.bottom() && b.y < a.bottom()
}

/// Whether the segment from `p` to `q` (horizontal or vertical) passes through the inside
/// of `r` (touching its border is fine).
fn crosses(p: (f64, f64), q: (f64, f64), r: &Rect) -> bool {
    let (x0, x1) = (p.0.min(q.0), p.0.max(q.0));
    let (y0, y1) = (p.1.min(q.1), p.1.max(q.1));
    let e = 0.01;
    x0 < r.right() - e && x1 > r.x + e && y0 < r.bottom() - e && y1 > r.y + e
}

/// Every promise of the layout, checked on one map.
fn assert_sound(map: &ProcessMap, placed: &Layout) -> Result<(), String> {
    let boxes = &placed.nodes;
    for a in 0..boxes.len() {
        for b in a + 1..boxes.len() {
            if overlap(&boxes[a], &boxes[b]) {
                return Err(format!(
                    "{}: {} and {} overlap",
                    map.id, map.nodes[a].id, map.nodes[b].id
                ));
            }
        }
        let band = placed.lanes[map.nodes[a].lane];
        if boxes[a].y < band.y || boxes[a].bottom() > band.y + band.h {
            return Err(format!("{}: {} leaves its lane", map.id, map.nodes[a].id));
        }
    }
    for (edge, route) in map.edges.iter().zip(&placed.edges) {
        let (from, to) = (boxes[edge.from], boxes[edge.to]);
        let name = format!(
            "{}: {} → {}",
            map.id, map.nodes[edge.from].id, map.nodes[edge.to].id
        );
        let (first, last) = (route.points[0], route.points[route.points.len() - 1]);
        if first.0 != from.right() || first.1 < from.y || first.1 > from.bottom() {
            return Err(format!("{name} does not start on its source's right side"));
        }
        if last.0 != to.x || last.1 < to.y || last.1 > to.bottom() {
            return Err(format!("{name} does not end on its target's left side"));
        }
        for pair in route.points.windows(2) {
            let (p, q) = (pair[0], pair[1]);
            if p.0 != q.0 && p.1 != q.1 {
                return Err(format!("{name} has a diagonal segment"));
            }
            if let Some(hit) = boxes.iter().position(|r| crosses(p, q, r)) {
                return Err(format!("{name} crosses {}", map.nodes[hit].id));
            }
        }
    }
    Ok(())
}

/// Whether edges of different sources and targets keep off each other's lines: two edges
/// run on one line only as a fork (one source) or a join (one target), otherwise a reader
/// cannot tell where either goes. `across` also checks the segments into and out of
/// boxes: two edges that cross between one column and the next (one from row 1 to row 2,
/// the other from row 2 to row 1) cannot keep them apart on the tracks of one gap, which
/// generated processes have and the examples must not.
fn assert_lines_apart(map: &ProcessMap, placed: &Layout, across: bool) -> Result<(), String> {
    for (a, (edge, route)) in map.edges.iter().zip(&placed.edges).enumerate() {
        for (other, other_route) in map.edges.iter().zip(&placed.edges).skip(a + 1) {
            if edge.from == other.from || edge.to == other.to {
                continue;
            }
            for p in route.points.windows(2) {
                if let Some(q) = other_route
                    .points
                    .windows(2)
                    .find(|q| collinear_overlap((p[0], p[1]), (q[0], q[1]), across))
                {
                    return Err(format!(
                        "{}: {} → {} and {} → {} share a line at {:?}",
                        map.id,
                        map.nodes[edge.from].id,
                        map.nodes[edge.to].id,
                        map.nodes[other.from].id,
                        map.nodes[other.to].id,
                        q
                    ));
                }
            }
        }
    }
    Ok(())
}

/// Whether two vertical segments, or with `across` two horizontal ones, lie on one line
/// and share more than a point.
fn collinear_overlap(
    a: ((f64, f64), (f64, f64)),
    b: ((f64, f64), (f64, f64)),
    across: bool,
) -> bool {
    let e = 0.01;
    let span = |p: f64, q: f64| (p.min(q), p.max(q));
    let shared = |(a0, a1): (f64, f64), (b0, b1): (f64, f64)| a0.max(b0) < a1.min(b1) - e;
    let vertical = |s: ((f64, f64), (f64, f64))| (s.0.0 - s.1.0).abs() < e;
    let horizontal = |s: ((f64, f64), (f64, f64))| (s.0.1 - s.1.1).abs() < e;
    if vertical(a) && vertical(b) && (a.0.0 - b.0.0).abs() < e {
        shared(span(a.0.1, a.1.1), span(b.0.1, b.1.1))
    } else if across && horizontal(a) && horizontal(b) && (a.0.1 - b.0.1).abs() < e {
        shared(span(a.0.0, a.1.0), span(b.0.0, b.1.0))
    } else {
        false
    }
}

/// Whether `inner` lies within `outer`, give or take a rounding error.
fn within(inner: &Rect, outer: &Rect) -> bool {
    let e = 0.01;
    inner.x >= outer.x - e
        && inner.y >= outer.y - e
        && inner.right() <= outer.right() + e
        && inner.bottom() <= outer.bottom() + e
}

/// Every promise of the layout about text, checked on one map: a text's lines are its
/// words in order, broken only where the original has a space; each line fits the text's
/// box by the estimate; the box lies within its place (a task's name in its box, a lane's
/// title in its title strip, a question or a branch label in its lane); no two texts
/// overlap; and no edge crosses a text.
fn assert_text_placed(map: &ProcessMap, placed: &Layout) -> Result<(), String> {
    let lane = |index: usize| {
        let band = placed.lanes[index];
        Rect {
            x: placed.left,
            y: band.y,
            w: placed.width - 2.0 * placed.left,
            h: band.h,
        }
    };
    // Each text with what it says, its place, and whether it is set turned (a title).
    let mut texts: Vec<(&Text, &str, Rect, bool)> = Vec::new();
    for (index, (title, band)) in placed.titles.iter().zip(&placed.lanes).enumerate() {
        let strip = Rect {
            x: placed.left,
            y: band.y,
            w: placed.header,
            h: band.h,
        };
        texts.push((title, &map.lanes[index].name, strip, true));
    }
    for (index, text) in placed.text.iter().enumerate() {
        if let Some(text) = text {
            let node = &map.nodes[index];
            let place = match node.kind {
                NodeKind::Decision => lane(node.lane),
                _ => placed.nodes[index],
            };
            texts.push((text, &node.label, place, false));
        }
    }
    for (edge, route) in map.edges.iter().zip(&placed.edges) {
        if let (Some(label), Some(words)) = (&route.label, &edge.label) {
            texts.push((label, words, lane(map.nodes[edge.to].lane), false));
        }
    }
    for (k, (text, words, place, turned)) in texts.iter().enumerate() {
        let words: Vec<&str> = words.split_whitespace().collect();
        if text.lines.join(" ") != words.join(" ") || text.lines.iter().any(|l| l.is_empty()) {
            return Err(format!(
                "{}: {:?} is not broken at spaces of {words:?}",
                map.id, text.lines
            ));
        }
        let room = if *turned { text.rect.h } else { text.rect.w };
        if let Some(line) = text
            .lines
            .iter()
            .find(|l| text_width(l, TEXT_SIZE) > room + 0.01)
        {
            return Err(format!("{}: `{line}` is wider than its box", map.id));
        }
        if !within(&text.rect, place) {
            return Err(format!("{}: {:?} leaves its place", map.id, text.lines));
        }
        for (other, ..) in &texts[k + 1..] {
            if overlap(&text.rect, &other.rect) {
                return Err(format!(
                    "{}: {:?} and {:?} overlap",
                    map.id, text.lines, other.lines
                ));
            }
        }
        for route in &placed.edges {
            if route
                .points
                .windows(2)
                .any(|p| crosses(p[0], p[1], &text.rect))
            {
                return Err(format!("{}: an edge crosses {:?}", map.id, text.lines));
            }
        }
    }
    Ok(())
}

/// The top and height of an SVG drawing's view box.
fn view_of(svg: &str) -> (f64, f64) {
    let view = &svg[svg.find("viewBox=\"0 ").unwrap() + 11..];
    let numbers: Vec<f64> = view
        .split(['"'])
        .next()
        .unwrap()
        .split(' ')
        .map(|n| n.parse().unwrap())
        .collect();
    (numbers[0], numbers[2])
}

/// The size in points at which the smallest text of an SVG map prints when the drawing
/// is scaled to fit a map's box on A4 landscape: 283 mm × 188 mm, within 7 mm margins
/// and under the appendix's title.
fn printed_size(svg: &str) -> f64 {
    let number = |at: &str| -> f64 {
        let digits: String = at
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        digits.parse().unwrap()
    };
    let view = &svg[svg.find("viewBox=\"0 ").unwrap() + 11..];
    let (_, rest) = view.split_once(' ').unwrap();
    let (width, rest) = rest.split_once(' ').unwrap();
    let (width, height) = (number(width), number(rest));
    let smallest = svg
        .match_indices("font-size")
        .map(|(at, _)| number(svg[at + 9..].trim_start_matches(['=', ':', '"'])))
        .fold(f64::INFINITY, f64::min);
    assert!(smallest.is_finite(), "the map sets its font size");
    smallest * (283.0 / width).min(188.0 / height) * 72.0 / 25.4
}

fn maps_of(root: &std::path::Path) -> Vec<ProcessMap> {
    let checked = raciflow::check_model(root).unwrap();
    let files = FileNames::of(&checked.model);
    (0..checked.model.processes.len())
        .map(|p| {
            ProcessMap::of(
                &checked.model,
                &files,
                &checked.graphs.flows[p],
                ProcessId(p),
            )
        })
        .collect()
}

#[test]
fn every_example_process_is_laid_out_soundly_in_svg_and_bpmn_spacing() {
    for example in [
        "processes/sales-department",
        "processes/quickstart",
        "tests/fixtures/maps",
    ] {
        for map in maps_of(&repo_path(example)) {
            let svg = fitted(&map);
            assert_sound(&map, &svg).unwrap();
            assert_lines_apart(&map, &svg, true).unwrap();
            assert_text_placed(&map, &svg).unwrap();
            let bpmn = map.with_gateways();
            let below = vec![40.0; bpmn.nodes.len()];
            let placed = layout(&bpmn, &Style::BPMN, &below);
            assert_sound(&bpmn, &placed).unwrap();
            assert_lines_apart(&bpmn, &placed, true).unwrap();
            assert_text_placed(&bpmn, &placed).unwrap();
        }
    }
}

#[test]
fn a_decisions_branches_leave_it_on_one_line() {
    // Three answers to «Какую скидку просит клиент?», two into the head of sales' lane and
    // one on to the presentation: one line leaves the decision and forks, each branch
    // labelled where it enters its step.
    for map in maps_of(&repo_path("processes/sales-department")) {
        let placed = fitted(&map);
        for (node, name) in map.nodes.iter().enumerate() {
            let turns: BTreeSet<String> = map
                .edges
                .iter()
                .zip(&placed.edges)
                .filter(|(edge, route)| edge.from == node && route.points.len() > 2)
                .map(|(_, route)| format!("{:.2}", route.points[1].0))
                .collect();
            assert!(
                turns.len() <= 1,
                "{}: {} forks at {turns:?}",
                map.id,
                name.id
            );
        }
    }
}

#[test]
fn the_soundness_check_catches_overlaps_and_crossings() {
    let map = maps_of(&repo_path("processes/quickstart")).remove(0);
    let mut placed = layout(&map, &Style::SVG, &[]);
    assert_sound(&map, &placed).unwrap();
    let mut moved = placed.clone();
    moved.nodes[2] = moved.nodes[1];
    assert!(assert_sound(&map, &moved).unwrap_err().contains("overlap"));
    // A straight line from the first to the last node runs through the ones between.
    let (first, last) = (placed.nodes[0], placed.nodes[placed.nodes.len() - 1]);
    placed.edges[0].points = vec![(first.right(), first.cy()), (last.x, first.cy())];
    assert!(assert_sound(&map, &placed).is_err());
}

#[test]
fn the_text_check_catches_broken_words_and_crossed_questions() {
    let map = maps_of(&repo_path("processes/sales-department"))
        .into_iter()
        .find(|m| m.id == "deal-work")
        .unwrap();
    let placed = fitted(&map);
    assert_text_placed(&map, &placed).unwrap();
    // The branch line of the first decision, through its own question.
    let decision = (0..map.nodes.len())
        .find(|&n| map.nodes[n].kind == NodeKind::Decision)
        .unwrap();
    let mut crossed = placed.clone();
    let route = map.edges.iter().position(|e| e.from == decision).unwrap();
    let question = crossed.text[decision].as_ref().unwrap().rect;
    crossed.edges[route].points = vec![
        (question.x - 5.0, question.cy()),
        (question.right() + 5.0, question.cy()),
    ];
    let problem = assert_text_placed(&map, &crossed).unwrap_err();
    assert!(problem.contains("crosses"), "{problem}");
    // A word cut in two, as a label once was: «корректировк / а».
    let mut cut = placed.clone();
    let text = cut.text[decision].as_mut().unwrap();
    let last = text.lines.last_mut().unwrap();
    let tail = last.pop().unwrap();
    text.lines.push(tail.to_string());
    let problem = assert_text_placed(&map, &cut).unwrap_err();
    assert!(problem.contains("not broken at spaces"), "{problem}");
}

#[test]
fn every_example_map_prints_at_7_pt_or_more_on_a4_landscape() {
    for example in ["processes/sales-department", "processes/quickstart"] {
        for map in maps_of(&repo_path(example)) {
            for (page, svg) in printed(&map).iter().enumerate() {
                let size = printed_size(svg);
                assert!(
                    size >= 7.0,
                    "{} page {}: text prints at {size:.2} pt",
                    map.id,
                    page + 1
                );
            }
        }
    }
}

#[test]
fn a_map_too_tall_for_one_page_is_cut_between_its_lanes_into_pages_that_tile_it() {
    let words = Words {
        start: "Start",
        end: "End",
    };
    // A decision whose sixteen answers go to sixteen roles: a few columns wide, sixteen
    // lanes tall.
    let roles: String = (0..16)
        .map(|i| format!("  - {{ id: r{i}, name: Role {i} }}\n"))
        .collect();
    let mut steps = String::from(
        "processes:\n  - id: p\n    name: P\n    owner: r0\n    defaults: { A: r0 }\n    steps:\n      - { id: pick, name: \"Which?\", kind: decision, raci: { R: r0 }, next: [",
    );
    steps.push_str(
        &(0..16)
            .map(|i| format!("{{ to: s{i}, when: \"case {i}\" }}"))
            .collect::<Vec<_>>()
            .join(", "),
    );
    steps.push_str("] }\n");
    for i in 0..16 {
        steps.push_str(&format!(
            "      - {{ id: s{i}, name: \"Handle case {i}\", raci: {{ R: r{i} }}, next: end }}\n"
        ));
    }
    let model = Test::new()
        .file("model.yaml", MANIFEST)
        .file("roles.yaml", format!("roles:\n{roles}"))
        .file("processes/p.yaml", &steps);
    let tall = &maps_of(model.root())[0];
    let whole = write(tall, Notation::Svg, &words);
    // On one page its text would print too small: that is why it is cut.
    assert!(printed_size(&whole) < 7.0);
    let pages = printed(tall);
    assert!(pages.len() > 1, "{} drawing(s)", pages.len());
    let (_, height) = view_of(&whole);
    let mut top = 0.0;
    for page in &pages {
        let (y, h) = view_of(page);
        assert_eq!(y, top, "the pages follow each other without gap or overlap");
        // Each cut runs along a lane's top edge, so no box or title is cut in two.
        assert!(
            y == 0.0
                || whole.contains(&format!("<rect class=\"lane alt\" x=\"8\" y=\"{y}\""))
                || whole.contains(&format!("<rect class=\"lane\" x=\"8\" y=\"{y}\"")),
            "page cut at {y} is not a lane's edge"
        );
        top = y + h;
    }
    assert_eq!(top, height);
    // A map that fits is one drawing, the same as its file.
    let maps = maps_of(&repo_path("processes/sales-department"));
    let short = maps.iter().find(|m| m.id == "lead-base").unwrap();
    let file = write(short, Notation::Svg, &words);
    assert_eq!(printed(short), vec![file.replace("arrow", "arrow-1")]);
}

/// A process of `steps` steps in a chain, some of them decisions or parallel splits
/// whose extra branch jumps anywhere (back for a loop), spread over four roles.
fn process(steps: usize, shapes: &[(u8, usize, usize)]) -> String {
    let mut yaml = String::from(
        "processes:\n  - id: p\n    name: P\n    owner: r0\n    defaults: { A: r0 }\n    steps:\n",
    );
    for i in 0..steps {
        let (shape, jump, role) = shapes[i % shapes.len()];
        let next = if i + 1 == steps {
            "end".to_owned()
        } else {
            format!("s{}", i + 1)
        };
        let jump = format!("s{}", jump % steps);
        let (kind, nexts) = match shape % 4 {
            0 => (
                "decision",
                format!(
                    "[{{ to: {next}, when: \"yes {i}\" }}, {{ to: {jump}, when: \"no {i}\" }}]"
                ),
            ),
            1 if i + 1 < steps => ("task", format!("[{next}, {jump}]")),
            _ => ("task", format!("[{next}]")),
        };
        yaml.push_str(&format!(
            "      - {{ id: s{i}, name: \"Step {i} with a name long enough to wrap\", kind: {kind}, raci: {{ R: r{} }}, next: {nexts} }}\n",
            role % 4
        ));
    }
    yaml
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn generated_processes_with_loops_and_decisions_are_laid_out_soundly(
        steps in 2usize..32,
        shapes in prop::collection::vec((0u8..6, 0usize..64, 0usize..4), 1..32),
    ) {
        let roles = "roles:\n  - { id: r0, name: R0 }\n  - { id: r1, name: R1 }\n  - { id: r2, name: R2 }\n  - { id: r3, name: R3 }\n";
        let model = Test::new()
            .file("model.yaml", MANIFEST)
            .file("roles.yaml", roles)
            .file("processes/p.yaml", process(steps, &shapes));
        let bare = raciflow::check_model(model.root())
            .unwrap()
            .model
            .processes
            .iter()
            .flat_map(|p| p.bare_decisions())
            .filter(|&b| b)
            .count();
        for map in maps_of(model.root()) {
            // Every step is drawn, numbered as its regulation numbers it: «3. Step 2»; a
            // bare decision, asked inside the step before it, is drawn without a number.
            let numbered = |n: &&raciflow::diagram::Node| {
                n.label.split_once(". ").is_some_and(|(number, name)| {
                    number.parse::<usize>().is_ok_and(|k| (1..=steps - bare).contains(&k)) && name.starts_with("Step")
                })
            };
            prop_assert_eq!(map.nodes.iter().filter(numbered).count(), steps - bare);
            prop_assert_eq!(
                map.nodes.iter().filter(|n| n.label.starts_with("Step")).count(),
                bare
            );
            let svg = fitted(&map);
            if let Err(problem) = assert_sound(&map, &svg)
                .and(assert_lines_apart(&map, &svg, false))
                .and(assert_text_placed(&map, &svg))
            {
                prop_assert!(false, "{}", problem);
            }
            let bpmn = map.with_gateways();
            let placed = layout(&bpmn, &Style::BPMN, &[]);
            if let Err(problem) = assert_sound(&bpmn, &placed)
                .and(assert_lines_apart(&bpmn, &placed, false))
                .and(assert_text_placed(&bpmn, &placed))
            {
                prop_assert!(false, "{}", problem);
            }
        }
    }
}

#[test]
fn the_quickstart_maps_match_their_snapshots() {
    let model = repo_path("processes/quickstart");
    for process in ["quote-to-order", "fulfilment"] {
        for format in ["svg", "mermaid", "dot", "bpmn"] {
            let outcome = crate::harness::run_raciflow(
                &[
                    "graph".into(),
                    "--process".into(),
                    process.into(),
                    "--format".into(),
                    format.into(),
                    model.display().to_string(),
                ],
                &model,
            );
            assert_eq!(outcome.code, 0, "{}", outcome.stderr);
            insta::assert_snapshot!(format!("{process}.{format}"), outcome.stdout);
        }
    }
}

#[test]
fn a_subprocess_links_to_its_regulation_in_every_format() {
    let model = repo_path("tests/fixtures/maps");
    let draw = |format: &str| {
        let args = ["graph", "--process", "order", "--format", format].map(String::from);
        let mut args = args.to_vec();
        args.push(model.display().to_string());
        let outcome = crate::harness::run_raciflow(&args, &model);
        assert_eq!(outcome.code, 0, "{}", outcome.stderr);
        outcome.stdout
    };
    assert!(
        draw("svg").contains("<a class=\"node\" id=\"step_7\" href=\"../processes/shipping.html\"")
    );
    assert!(draw("mermaid").contains("click step_7 href \"../processes/shipping.html\""));
    assert!(draw("dot").contains("URL=\"../processes/shipping.html\""));
    let bpmn = draw("bpmn");
    assert!(bpmn.contains(
        "<bpmn:callActivity id=\"step_7\" name=\"6. Ship it\" calledElement=\"Process_shipping\">"
    ));
    assert_eq!(
        bpmn.matches("<bpmn:parallelGateway").count(),
        2,
        "a split and its join"
    );
    assert!(bpmn.contains("name=\"Clerk &quot;front&quot; &amp; &lt;desk&gt;\""));
}

#[test]
fn graph_refuses_a_model_with_errors() {
    let model = Test::new()
        .file("model.yaml", MANIFEST)
        .file("processes/p.yaml", "processes:\n  - id: p\n    name: P\n    owner: nobody\n    steps:\n      - { id: s, name: S, raci: { R: nobody } }\n");
    let outcome = model.run_with(&["graph", "--process", "p"]);
    assert_eq!(outcome.code, 1);
    assert!(
        outcome.stderr.contains("unknown role `nobody`"),
        "{}",
        outcome.stderr
    );
    assert!(outcome.stdout.is_empty());
}

#[test]
fn graph_names_the_processes_when_the_id_is_wrong() {
    let model = Test::copy_of("processes/quickstart");
    let outcome = model.run_with(&["graph", "--process", "quote-to-ordr"]);
    assert_eq!(outcome.code, 2);
    assert!(
        outcome.stderr.contains("no process `quote-to-ordr`"),
        "{}",
        outcome.stderr
    );
    assert!(
        outcome.stderr.contains("did you mean `quote-to-order`?"),
        "{}",
        outcome.stderr
    );
}

/// Every XML id and reference to one in a BPMN file: attribute values of `id`, `*Ref`,
/// `bpmnElement`, `calledElement`, `default`, and the text of `flowNodeRef`, `incoming`,
/// `outgoing`, `sourceRef` and `targetRef` elements.
fn bpmn_ids(xml: &str) -> (Vec<String>, Vec<String>) {
    let attribute = |name: &str| -> Vec<String> {
        let key = format!(" {name}=\"");
        xml.match_indices(&key)
            .map(|(at, _)| {
                let rest = &xml[at + key.len()..];
                rest[..rest.find('"').unwrap()].to_owned()
            })
            .collect()
    };
    let ids = attribute("id");
    let mut refs = Vec::new();
    for name in ["processRef", "bpmnElement", "calledElement", "default"] {
        refs.extend(attribute(name));
    }
    for tag in [
        "flowNodeRef",
        "incoming",
        "outgoing",
        "sourceRef",
        "targetRef",
    ] {
        let open = format!("<bpmn:{tag}>");
        for (at, _) in xml.match_indices(&open) {
            let rest = &xml[at + open.len()..];
            refs.push(rest[..rest.find('<').unwrap()].to_owned());
        }
    }
    (ids, refs)
}

#[test]
fn bpmn_ids_are_ascii_unique_and_stable_whatever_the_model_ids_are() {
    let ncname = |id: &str| {
        let mut chars = id.chars();
        chars
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
    };
    let model = Test::copy_of("tests/fixtures/maps-cyrillic");
    let mut processes = Vec::new();
    for process in ["п1", "к1"] {
        let outcome = model.run_with(&["graph", "--process", process, "--format", "bpmn"]);
        assert_eq!(outcome.code, 0, "{}", outcome.stderr);
        let again = model.run_with(&["graph", "--process", process, "--format", "bpmn"]);
        assert_eq!(outcome.stdout, again.stdout);
        let (ids, refs) = bpmn_ids(&outcome.stdout);
        let unique: std::collections::BTreeSet<&String> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len(), "{ids:?}");
        for id in ids.iter().chain(&refs) {
            assert!(ncname(id), "{process}: `{id}` is not an ASCII id");
        }
        // The user's id is kept, as the process's documentation.
        assert!(
            outcome.stdout.contains(&format!(
                "<bpmn:documentation>{process}</bpmn:documentation>"
            )),
            "{process}"
        );
        let own = ids
            .iter()
            .find(|i| i.starts_with("Process_"))
            .unwrap()
            .clone();
        processes.push((own, outcome.stdout));
    }
    // `п1` and `к1` differ only in what an ASCII id cannot hold: their ids still differ,
    // and the call from one to the other names the other's id.
    assert_ne!(processes[0].0, processes[1].0);
    assert!(
        processes[0]
            .1
            .contains(&format!("calledElement=\"{}\"", processes[1].0))
    );
}

#[test]
fn graph_without_a_process_lists_the_processes() {
    let model = Test::copy_of("processes/quickstart");
    let outcome = model.run_with(&["graph"]);
    assert_eq!(outcome.code, 2);
    assert!(
        outcome.stderr.contains("--process ID"),
        "{}",
        outcome.stderr
    );
    for id in ["quote-to-order", "fulfilment"] {
        assert!(outcome.stderr.contains(id), "{}", outcome.stderr);
    }
}

#[test]
fn graph_names_its_formats_as_build_does() {
    let model = repo_path("processes/quickstart");
    let graph = |format: &str| {
        crate::harness::run_raciflow(
            &[
                "graph".into(),
                "--process".into(),
                "fulfilment".into(),
                "--format".into(),
                format.into(),
                model.display().to_string(),
            ],
            &model,
        )
    };
    // `mmd`, as `build --format` and the file extension write it; `mermaid` still works.
    let mmd = graph("mmd");
    assert_eq!(mmd.code, 0, "{}", mmd.stderr);
    assert!(mmd.stdout.starts_with("flowchart"), "{}", mmd.stdout);
    assert_eq!(mmd.stdout, graph("mermaid").stdout);
    // A format that is not a map is refused with the ones that are.
    let html = graph("html");
    assert_eq!(html.code, 2);
    assert!(
        html.stderr.contains("svg, mmd, dot or bpmn"),
        "{}",
        html.stderr
    );
}

#[test]
fn a_map_numbers_its_steps_as_the_regulation_does() {
    // The regulation numbers the steps as work; a decision it asks inside the step before
    // it has no number, so the map's boxes carry the same numbers and its diamonds none.
    let root = repo_path("processes/sales-department");
    let out = tempfile::TempDir::new().unwrap();
    let outcome = crate::build::build(&root, out.path(), &["--format", "json"]);
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.path().join("model.json")).unwrap())
            .unwrap();
    for (map, process) in maps_of(&root)
        .iter()
        .zip(json["processes"].as_array().unwrap())
    {
        let labels: Vec<&str> = map.nodes.iter().map(|n| n.label.as_str()).collect();
        let steps = process["steps"].as_array().unwrap();
        // `model.json` has every step of the flow; the regulation numbers those it writes
        // as work, and a decision it asks as a condition has no number there or on the map.
        for step in steps {
            let name = step["name"].as_str().unwrap();
            let label = match step.get("number") {
                Some(number) => format!("{number}. {name}"),
                None => name.to_owned(),
            };
            assert!(labels.contains(&label.as_str()), "{label}: {labels:?}");
        }
        let steps: Vec<&serde_json::Value> =
            steps.iter().filter(|s| s.get("number").is_some()).collect();
        let numbered = map
            .nodes
            .iter()
            .filter(|n| {
                n.step.is_some()
                    && n.label
                        .split_once(". ")
                        .is_some_and(|(n, _)| n.parse::<usize>().is_ok())
            })
            .count();
        assert_eq!(numbered, steps.len(), "{labels:?}");
    }
    // The example asks eight questions inside steps: their diamonds are drawn, unnumbered.
    let questions: usize = maps_of(&root)
        .iter()
        .flat_map(|m| &m.nodes)
        .filter(|n| matches!(n.kind, NodeKind::Decision) && !n.label.starts_with(char::is_numeric))
        .count();
    assert_eq!(questions, 8);
}
