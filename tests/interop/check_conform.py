"""Checks `raciflow conform` against pm4py's token-based replay on the same logs.

    python check_conform.py RACIFLOW MODEL LOGS_DIR

For each log PROCESS-KIND.csv in LOGS_DIR (written by conform_logs.py), replays it with
`raciflow conform --process PROCESS` and with pm4py on the Petri net pm4py makes of
raciflow's own BPMN export of the process (`raciflow graph --format bpmn`, its tasks' numbers
taken off), and fails when the two log fitnesses differ by more than 0.02. pm4py's BPMN importer fails on a
`callActivity`, so a subprocess call is given to it as a task.

Each log is also written as XES by pm4py (every other one gzipped), and raciflow's replay of
the XES must give the CSV's fitness exactly: the XES reader takes the same events.
"""

import gzip
import shutil
import json
import pathlib
import re
import subprocess
import sys
import tempfile

import pandas
import pm4py

TOLERANCE = 0.02


def main():
    raciflow, model, logs = sys.argv[1], sys.argv[2], pathlib.Path(sys.argv[3])
    failures = []
    rows = []
    for log in sorted(logs.glob("*.csv")):
        process, kind = log.stem.rsplit("-", 1)
        bpmn = subprocess.run(
            [raciflow, "graph", model, "--process", process, "--format", "bpmn"],
            check=True, capture_output=True, text=True,
        ).stdout.replace("bpmn:callActivity", "bpmn:task")
        with tempfile.NamedTemporaryFile("w", suffix=".bpmn", encoding="utf-8", delete=False) as file:
            file.write(bpmn)
        net, initial, final = pm4py.convert_to_petri_net(pm4py.read_bpmn(file.name))
        # The map numbers its tasks as the regulation does («3. Проверить …»); the log
        # names the step.
        for transition in net.transitions:
            if transition.label:
                transition.label = re.sub(r"^\d+\. ", "", transition.label)
        frame = pandas.read_csv(log, dtype=str)
        frame["timestamp"] = pandas.to_datetime(frame["timestamp"], utc=True)
        frame = pm4py.format_dataframe(
            frame, case_id="case", activity_key="activity", timestamp_key="timestamp"
        )
        theirs = pm4py.fitness_token_based_replay(frame, net, initial, final)["log_fitness"]
        report = json.loads(subprocess.run(
            [raciflow, "conform", model, "--log", str(log), "--process", process, "--format", "json"],
            check=True, capture_output=True, text=True,
        ).stdout)
        ours = report["processes"][0]["fitness"]
        xes = pathlib.Path(tempfile.mkdtemp()) / f"{log.stem}.xes"
        pm4py.write_xes(frame, str(xes))
        if len(rows) % 2:
            with open(xes, "rb") as plain, gzip.open(f"{xes}.gz", "wb") as packed:
                shutil.copyfileobj(plain, packed)
            xes = pathlib.Path(f"{xes}.gz")
        from_xes = json.loads(subprocess.run(
            [raciflow, "conform", model, "--log", str(xes), "--process", process, "--format", "json"],
            check=True, capture_output=True, text=True,
        ).stdout)["processes"][0]["fitness"]
        rows.append(f"{log.stem:40} raciflow {ours:.4f}  pm4py {theirs:.4f}  from {xes.name}: {from_xes:.4f}")
        if abs(ours - theirs) > TOLERANCE or abs(ours - from_xes) > 1e-9:
            failures.append(log.stem)
    print("\n".join(rows))
    if failures:
        sys.exit(
            f"fitness differs from pm4py's by more than {TOLERANCE}, or the XES log's from the CSV's: {', '.join(failures)}"
        )
    print(
        f"{len(rows)} logs: raciflow's fitness is within {TOLERANCE} of pm4py's on every one, and the same read from pm4py's XES"
    )


if __name__ == "__main__":
    main()
