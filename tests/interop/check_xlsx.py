"""Reads raci.xlsx with openpyxl, independently of the Rust writer: every sheet has a
frozen header and an autofilter, holds no formula, and every matrix cell holds letters
of R, A, C, I, S only, with at least one R in every step row.

usage: python check_xlsx.py raci.xlsx
"""
import re
import sys

from openpyxl import load_workbook

LETTERS = re.compile(r"^[RACIS](/[RACIS])*$")


def main(path):
    book = load_workbook(path)
    problems = []
    cells = 0
    for sheet in book.worksheets:
        if sheet.freeze_panes is None:
            problems.append(f"{sheet.title}: no frozen header")
        if not sheet.auto_filter.ref:
            problems.append(f"{sheet.title}: no autofilter")
        # Role columns follow the fixed ones: the summary has process, №, step; a process
        # sheet has №, step.
        fixed = 3 if sheet is book.worksheets[0] else 2
        for row in sheet.iter_rows(min_row=2, max_row=sheet.max_row):
            values = [c.value for c in row]
            if values[fixed - 1] is None:
                continue  # the process name under a process sheet's matrix
            letters = [v for v in values[fixed:] if v not in (None, "")]
            for cell in row:
                if cell.data_type == "f":
                    problems.append(f"{sheet.title}!{cell.coordinate}: a formula")
            for value in letters:
                cells += 1
                if not LETTERS.match(str(value)):
                    problems.append(f"{sheet.title}: `{value}` is not a RACI cell")
            if not any("R" in str(v) for v in letters):
                problems.append(f"{sheet.title}: row {row[0].row} has no R")
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{len(book.worksheets)} sheets, {cells} letter cells read by openpyxl, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
