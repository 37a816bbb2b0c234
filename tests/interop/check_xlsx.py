"""Reads raci.xlsx with openpyxl, independently of the Rust writer. Every sheet has its
title above a frozen header row with an autofilter, its role headings turned upwards,
holds no formula, and every matrix cell holds letters of R, A, C, I, S only, with at
least one R in every step row. Printed, every sheet is A4 landscape, as wide as one
page, with the title and header rows repeated on every page, and a legend under the
matrix of the letters it holds, no other. Process sheets are named after their
processes, not their ids, and a name cut to Excel's 31 characters does not end on a
joining word («… воронки и») and says it was cut with an ellipsis, unless all it drops
is a bracketed explanation. The summary numbers its rows as the HTML and Word matrices
do (2.3: the second process's third step), under a row naming each process.

usage: python check_xlsx.py raci.xlsx
"""
import re
import json
import sys

from openpyxl import load_workbook

LETTERS = re.compile(r"^[RACIS](/[RACIS])*$")
CODE = re.compile(r"^\w+-\d{2,}$")
HEADER_ROW = 2  # 1-based: the title is row 1


def alnum(text):
    """The letters and digits of `text`: what a sheet name keeps of a process name."""
    return "".join(c for c in text if c.isalnum())


def main(path):
    book = load_workbook(path)
    problems = []
    cells = 0
    *matrices, register = book.worksheets
    codes = [row[0] for row in register.iter_rows(min_row=HEADER_ROW + 1, values_only=True)]
    if not codes or not all(CODE.match(str(code)) for code in codes):
        problems.append(f"{register.title}: the last sheet is not a register of coded documents")
    if len(sys.argv) > 2:
        expected = len(json.load(open(sys.argv[2], encoding="utf-8"))["register"])
        if len(codes) != expected:
            problems.append(f"{register.title}: {len(codes)} documents, model.json has {expected}")
    # The register is of every document and no one's: no code heads its printed pages.
    if (register.oddHeader.right.text or "").strip():
        problems.append(f"{register.title}: printed under the code {register.oddHeader.right.text}")
    for index, sheet in enumerate(matrices):
        name = sheet.title
        if sheet.freeze_panes is None:
            problems.append(f"{name}: no frozen header")
        if not sheet.auto_filter.ref:
            problems.append(f"{name}: no autofilter")
        if sheet.page_setup.orientation != "landscape":
            problems.append(f"{name}: not printed landscape")
        if str(sheet.page_setup.paperSize) != "9":
            problems.append(f"{name}: not printed on A4")
        fit = sheet.sheet_properties.pageSetUpPr
        # fitToWidth defaults to 1 page when the file leaves it out.
        if not (fit and fit.fitToPage and sheet.page_setup.fitToWidth in (None, 1)
                and sheet.page_setup.fitToHeight == 0):
            problems.append(f"{name}: not fitted to the page's width")
        if not sheet.print_title_rows or "2" not in sheet.print_title_rows:
            problems.append(f"{name}: the header row is not repeated on printed pages")
        # Printed, every page says whose document it is and which page of how many.
        if "&P" not in (sheet.oddFooter.right.text or "") or "&N" not in (sheet.oddFooter.right.text or ""):
            problems.append(f"{name}: no page numbers in the printed footer")
        if not (sheet.oddHeader.right.text or "").strip():
            problems.append(f"{name}: no document code in the printed header")
        title = sheet.cell(row=1, column=1).value
        if not title:
            problems.append(f"{name}: no title above the matrix")
        elif index > 0 and not alnum(title).startswith(alnum(name.rstrip("~0123456789"))[:20]):
            problems.append(f"{name}: the sheet is not named after its process `{title}`")
        # Role columns follow the fixed ones, №, step; the summary heads each process's
        # steps with a row of its own.
        fixed = 2
        base = name.rstrip("~0123456789")
        last_word = base.rstrip("…").split()[-1] if base.split() else ""
        if len(last_word) <= 2 and len(name) >= 28:
            problems.append(f"{name}: the cut sheet name ends on `{last_word}`")
        if index > 0 and title and alnum(title) != alnum(base):
            kept = len(base.rstrip("…"))
            if not base.endswith("…") and not title.replace(": ", " — ")[kept:].lstrip().startswith("("):
                problems.append(f"{name}: cut from `{title}` without an ellipsis")
        # Role headings read upwards in narrow columns, in a row high enough for them, so
        # that the matrix prints at a readable size.
        for cell in sheet[HEADER_ROW][fixed:]:
            if cell.value and cell.alignment.textRotation != 90:
                problems.append(f"{name}!{cell.coordinate}: the role heading is not turned upwards")
        for cell in sheet[HEADER_ROW][:fixed]:
            if cell.alignment.textRotation == 90:
                problems.append(f"{name}!{cell.coordinate}: a role heading over the step columns")
        height = sheet.row_dimensions[HEADER_ROW].height or 15
        if height < 60:
            problems.append(f"{name}: the role headings' row is {height} pt high")
        row_number = HEADER_ROW
        used = set()
        for row in sheet.iter_rows(min_row=HEADER_ROW + 1, max_row=sheet.max_row):
            row_number = row[0].row
            values = [c.value for c in row]
            if all(v in (None, "") for v in values):
                break  # the end of the matrix; the legend follows
            if index == 0 and all(v in (None, "") for v in values[1:]):
                if not re.match(r"^\d+\. \S", str(values[0])):
                    problems.append(f"{name}: row {row[0].row} heads no process: `{values[0]}`")
                continue
            letters = [v for v in values[fixed:] if v not in (None, "")]
            used.update(l for v in letters for l in str(v).split("/"))
            if index == 0 and not re.match(r"^\d+\.\d+$", str(values[0])):
                problems.append(f"{name}: row {row[0].row} is numbered `{values[0]}`, not process.step")
            for cell in row:
                if cell.data_type == "f":
                    problems.append(f"{name}!{cell.coordinate}: a formula")
            # Every letter stands under a role's heading.
            for cell in row[fixed:]:
                if cell.value not in (None, "") and not sheet.cell(row=HEADER_ROW, column=cell.column).value:
                    problems.append(f"{name}!{cell.coordinate}: a letter under no role")
            for value in letters:
                cells += 1
                if not LETTERS.match(str(value)):
                    problems.append(f"{name}: `{value}` is not a RACI cell")
            if not any("R" in str(v) for v in letters):
                problems.append(f"{name}: row {row[0].row} has no R")
        expected = [l for l in "RACIS" if l in used]
        legend = [sheet.cell(row=r, column=1).value
                  for r in range(row_number + 1, row_number + 1 + len(expected))]
        after = sheet.cell(row=row_number + 1 + len(expected), column=1).value
        if legend != expected or after not in (None, ""):
            problems.append(f"{name}: the legend under the matrix is {legend}, the matrix holds {expected}")
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{len(book.worksheets)} sheets ({len(codes)} documents in the register), {cells} letter cells read by openpyxl, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
