"""The motivation workbook, recalculated by LibreOffice, pays what `raciflow score` pays.

Types each scored employee's name and facts into a block of their position's sheet of the
pack's motivation.xlsx (as a head of sales would), saves it with openpyxl (which keeps the
formulas and drops every cached result), has LibreOffice Calc open it, recalculate every
formula and save it again, then reads the figures back and compares each with the JSON of
`raciflow score` for the same facts: completion, paid share and contribution of every
indicator, the index, the variable pay and the pay of every employee, and the summary
sheet. Name, days, salary and fact cells must be the only unlocked cells of protected sheets.

usage: python check_motivation.py motivation.xlsx scores.json WORKDIR
"""
import json
import os
import pathlib
import subprocess
import sys

from openpyxl import load_workbook

# LibreOffice trusts the results an .xlsx file carries unless told to recalculate on load
# (0 = always): a profile of its own says so.
RECALC_ALWAYS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


# The lines of a block's head, by how their label in column A begins: the figure is in B.
HEAD_LINES = {
    "days": ("Days worked", "Отработано"),
    "protected": ("Of which",),
    "salary": ("Basic salary in", "Оклад работника"),
}


def blocks(sheet):
    """The rows of each employee block: (name row, {head line: row}, [(row, indicator
    name)], index row). The label is in column A, the name in B; the head lines below it
    (days worked, in a scheme that protects sickness its days, the employee's salary)
    carry their figure in B; the headings row names the columns; the indicators follow
    it, each with its weight in column E; the index comes next."""
    found = []
    rows = list(sheet.iter_rows(values_only=True))
    for number, row in enumerate(rows, start=1):
        if row[0] in ("Работник", "Employee"):
            headings = number + 1
            head = {}
            while headings <= len(rows) and rows[headings - 1][1] not in ("План на месяц", "Target for the month"):
                label = str(rows[headings - 1][0] or "")
                for line, starts in HEAD_LINES.items():
                    if label.startswith(starts):
                        head[line] = headings
                headings += 1
            indicators = []
            at = headings + 1
            while at <= len(rows) and isinstance(rows[at - 1][4], (int, float)):
                indicators.append((at, rows[at - 1][0]))
                at += 1
            found.append((number, head, indicators, at))
    return found


def main(workbook, scores_path, workdir):
    work = pathlib.Path(workdir)
    work.mkdir(parents=True, exist_ok=True)
    scores = json.load(open(scores_path, encoding="utf-8"))
    employees = scores["employees"]
    problems = []
    book = load_workbook(workbook)
    summary, *positions = book.worksheets
    by_title = {sheet["A1"].value: sheet for sheet in positions}
    # The month's working days, as the scores assumed them, typed once on the summary.
    if employees:
        summary["B3"].value = employees[0]["period_days"]
    placed = []  # (sheet title, name row, indicator rows, index row, employee)
    used = {}
    for employee in employees:
        sheet = by_title.get(employee["role_name"])
        if sheet is None:
            problems.append(f"no sheet for {employee['role_name']}")
            continue
        free = blocks(sheet)[used.get(sheet.title, 0):]
        if not free:
            problems.append(f"{sheet.title}: no free block for {employee['employee']}")
            continue
        used[sheet.title] = used.get(sheet.title, 0) + 1
        name_row, head, indicators, index_row = free[0]
        sheet.cell(name_row, 2).value = employee["employee"]
        typed = {
            "days": employee["worked_days"] if employee["worked_days"] != employee["period_days"] else None,
            "protected": employee.get("protected_days") or None,
            "salary": employee.get("monthly_salary"),
        }
        for line, value in typed.items():
            if value is None:
                continue
            if line not in head:
                problems.append(f"{sheet.title}: no line for {employee['employee']}'s {line}")
                continue
            sheet.cell(head[line], 2).value = value
        facts = {i["name"]: i["fact"] for i in employee["indicators"]}
        for row, kpi in indicators:
            if kpi not in facts:
                problems.append(f"{sheet.title}: {kpi} is not among {employee['employee']}'s scores")
                continue
            sheet.cell(row, 6).value = facts[kpi]
        placed.append((sheet.title, name_row, indicators, index_row, employee))
    # Only the name and the facts may be typed in.
    for sheet in positions:
        if not sheet.protection.sheet:
            problems.append(f"{sheet.title}: the sheet is not protected")
        for row in sheet.iter_rows():
            for cell in row:
                unlocked = cell.protection is not None and not cell.protection.locked
                if unlocked and cell.column not in (2, 3, 4, 5, 6):
                    problems.append(f"{sheet.title}!{cell.coordinate}: unlocked, but it is not a name or a fact")
                if unlocked and isinstance(cell.value, str) and cell.value.startswith("="):
                    problems.append(f"{sheet.title}!{cell.coordinate}: a formula anyone can type over")
    filled = work / "filled.xlsx"
    book.save(filled)

    profile = work / "profile"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(RECALC_ALWAYS, encoding="utf-8")
    out = work / "recalculated"
    out.mkdir(exist_ok=True)
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless",
         "--norestore", "--convert-to", "xlsx", "--outdir", str(out), str(filled)],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300,
    )
    result = load_workbook(out / "filled.xlsx", data_only=True)

    def close(actual, expected, tolerance):
        return isinstance(actual, (int, float)) and abs(actual - expected) <= tolerance

    compared = 0
    for title, name_row, indicators, index_row, employee in placed:
        sheet = result[title]
        who = employee["employee"]
        scored = {i["name"]: i for i in employee["indicators"]}
        for row, kpi in indicators:
            plan = sheet.cell(row, 2).value
            if not close(plan, scored[kpi]["plan"], 0.006):
                problems.append(f"{title} {who} {kpi} plan: LibreOffice {plan}, score {scored[kpi]['plan']}")
            compared += 1
            for column, field in ((7, "completion"), (8, "paid_share"), (9, "contribution")):
                actual = sheet.cell(row, column).value
                # score rounds ratios to four decimals in its JSON.
                if not close(actual, scored[kpi][field], 0.00006):
                    problems.append(f"{title} {who} {kpi} {field}: LibreOffice {actual}, score {scored[kpi][field]}")
                compared += 1
        for offset, field, tolerance in ((0, "index", 0.00006), (1, "bonus", 0.006), (2, "salary", 0.006), (3, "pay", 0.006)):
            actual = sheet.cell(index_row + offset, 9).value
            if not close(actual, employee[field], tolerance):
                problems.append(f"{title} {who} {field}: LibreOffice {actual}, score {employee[field]}")
            compared += 1
    totals = {row[0]: row for row in result.worksheets[0].iter_rows(min_row=7, values_only=True) if row[0]}
    for employee in employees:
        row = totals.get(employee["employee"])
        if row is None or not close(row[5], employee["pay"], 0.006):
            problems.append(f"summary: {employee['employee']} {row}, score pays {employee['pay']}")
        compared += 1
    if compared == 0 or not employees:
        problems.append("nothing was compared")
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        sys.exit(1)
    print(f"motivation.xlsx recalculated by LibreOffice: {compared} figures of {len(employees)} employees equal `raciflow score`'s")


if __name__ == "__main__":
    main(*sys.argv[1:4])
