"""Reads the pack's Word files with python-docx, independently of the Rust writer.

Every job description of the views (`build --dump-context`) has its .docx; its sections are Word headings (style
"heading 1", so the navigation pane and a contents field find them), every duty the view
lists is a paragraph of it, every table with column headings has them marked to repeat on each page, and
the footer carries the document's code and the page fields. Every regulation has its
steps as "heading 2" paragraphs and its map as a picture fitted to a landscape page; the matrix is on landscape pages with a repeating header
row holding every role; every checklist has a box for each item. The handbook holds
contents with a page reference per document, the organisation chart, a section per
document and the amendment record.

usage: python check_docx.py PACK CONTEXT   (CONTEXT: what `build --dump-context` printed)
"""
import json
import sys
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn


def texts(document):
    """Every paragraph's text, in the body and in table cells."""
    found = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                found.extend(p.text for p in cell.paragraphs)
    return found


def word(pack, code):
    """The Word file of the document with `code`, named for its code and title."""
    found = sorted((pack / "docx").glob(f"{code} *.docx"))
    return found[0] if len(found) == 1 else pack / "docx" / f"{code} (no single file)"


def main(pack, context):
    pack = Path(pack)
    model = json.loads(Path(context).read_text(encoding="utf-8"))["pack"]
    problems = []
    checked = 0
    for role in model["roles"]:
        path = word(pack, role["identity"]["code"])
        if not path.is_file():
            problems.append(f"{path}: missing")
            continue
        document = Document(str(path))
        headings = [p.text for p in document.paragraphs if p.style.name.lower() == "heading 1"]
        if len(headings) < 4:
            problems.append(f"{path}: {len(headings)} headings: {headings}")
        lines = texts(document)
        for group in role["duties"]:
            for duty in group["duties"]:
                if duty["listed"] and not any(duty["text"] in line for line in lines):
                    problems.append(f"{path}: duty not found: {duty['text']}")
        for number, table in enumerate(document.tables, 1):
            if len(table.rows) == 1:
                continue  # a row of signatures («Разработал», «Согласовано»), not data
            first = table.rows[0]._tr
            if first.find(".//" + qn("w:b")) is None:
                continue  # a table of facts (an English header: job title, department), no column headings
            properties = first.find(qn("w:trPr"))
            if properties is None or properties.find(qn("w:tblHeader")) is None:
                problems.append(f"{path}: table {number}'s first row does not repeat")
        footer = document.sections[0].footer._element.xml
        code = role["identity"]["code"]
        if code not in footer or "PAGE" not in footer or "NUMPAGES" not in footer:
            problems.append(f"{path}: footer lacks {code} or the page fields")
        checked += 1
    for process in model["processes"]:
        path = word(pack, process["identity"]["code"])
        document = Document(str(path))
        steps = [p.text for p in document.paragraphs if p.style.name.lower() == "heading 2"]
        for step in process["steps"]:
            if not any(step["name"] in s for s in steps):
                problems.append(f"{path}: step not a heading: {step['name']}")
        pictures = document.inline_shapes
        landscape = [s for s in document.sections if s.orientation == 1]
        # A map too tall for one page at 7 pt is a picture a page, in one landscape section.
        if len(pictures) < 1 or len(landscape) != 1:
            problems.append(f"{path}: {len(pictures)} pictures, {len(landscape)} landscape sections, not the map on pages of its own")
        else:
            page = landscape[0]
            room = page.page_width - page.left_margin - page.right_margin
            for picture in pictures:
                if picture.width > room or picture.height > page.page_height:
                    problems.append(f"{path}: the map does not fit its page")
        checked += 1
    path = word(pack, model["raci"]["identity"]["code"])
    document = Document(str(path))
    if document.sections[0].orientation != 1:  # WD_ORIENT.LANDSCAPE
        problems.append(f"{path}: not landscape")
    header = document.tables[0].rows[0]
    if header._tr.find(qn("w:trPr")).find(qn("w:tblHeader")) is None:
        problems.append(f"{path}: the header row does not repeat")
    names = [cell.text for cell in header.cells]
    for role in model["raci"]["roles"]:
        if role["name"] not in names:
            problems.append(f"{path}: no column for {role['name']}")
    checked += 1
    for checklist in model["checklists"]:
        path = word(pack, checklist["identity"]["code"])
        lines = texts(Document(str(path)))
        for period in checklist["periods"]:
            for step in period["steps"]:
                # A step done a few times a period has its items numbered over a log with a
                # row a time; one done many times is counted, its items a memo.
                if step["log_rows"]:
                    numbered = {item: f"{i}. {item}" for i, item in enumerate(step["items"], 1)}
                    want = lambda item, numbered=numbered: numbered[item]
                elif step["repeats"]:
                    want = lambda item: item
                else:
                    want = lambda item: "☐ " + item
                for item in step["items"]:
                    if want(item) not in lines:
                        problems.append(f"{path}: no box for {item}")
        checked += 1
    files = list((pack / "docx").glob("*.docx"))
    # The handbook holds every other document: it is the largest file.
    handbook = Document(str(max(files, key=lambda f: f.stat().st_size)))
    sections = len(handbook.sections)
    documents = len(files) - 1
    maps = len(model["processes"])
    # A Russian regulation is three sections: its body, its map's landscape pages, its
    # sheets; an English procedure ends with its map (its revision history is in its body).
    # The front matter and the closing amendment record are a section each.
    per_map = 1 if model["meta"]["language"] == "en" else 2
    if sections != documents + 2 + per_map * maps:
        problems.append(f"handbook.docx: {sections} sections for {documents} documents, {maps} maps, the front matter and the amendment record")
    # A picture a map, and the organisation chart.
    if len(handbook.inline_shapes) != maps + 1:
        problems.append(f"handbook.docx: {len(handbook.inline_shapes)} pictures for {maps} maps and the organisation chart")
    # The contents: a page reference per document (and the chart, and the glossary).
    references = handbook.element.body.xml.count(" PAGEREF _raciflow_doc")
    if references != documents:
        problems.append(f"handbook.docx: {references} page references in the contents for {documents} documents")
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems or not checked:
        sys.exit(1)
    print(f"python-docx: {checked} Word files: headings, duties, steps, repeated header rows, footers, boxes")


if __name__ == "__main__":
    main(*sys.argv[1:])
