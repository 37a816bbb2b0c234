"""Generates event logs from a pack's model.json, for `raciflow conform` and pm4py.

    python conform_logs.py MODEL_JSON OUT_DIR [--seed N] [--cases N]
    python conform_logs.py MODEL_JSON OUT.csv --sample

Writes, for each process, OUT_DIR/PROCESS-KIND.csv (columns case, activity, timestamp,
resource) whose cases are random runs of the process's flow: a decision takes one of its
branches at random, a parallel split runs its branches interleaved. Each kind of
log departs from the flow in one known way:

- fitting: the walks as they are;
- skipped: one event of some cases left out;
- swapped: two neighbouring events of some cases swapped;
- unknown: an activity no step answers to put into some cases;
- repeated: one event of some cases written twice.

The activity is the step's name, as the maps' BPMN names its tasks, so that pm4py can
replay the same logs on raciflow's BPMN export; a decision, which the BPMN draws as a
gateway, is not written.
"""

import argparse
import csv
import datetime
import json
import pathlib
import random

KINDS = ["fitting", "skipped", "swapped", "unknown", "repeated"]

# An activity no step answers to.
UNKNOWN = {"name": "Звонок вне регламента", "raci": {}}


def split(step):
    """Whether `step` is a parallel split: several `next` and no `when`."""
    return len(step.get("next", [])) > 1 and all("when" not in n for n in step["next"])


def joins(process):
    """The steps that are parallel joins, as raciflow decides them: several flows lead in,
    and the step's immediate dominator is a parallel split."""
    steps = {s["id"]: s for s in process["steps"]}
    first = process["steps"][0]["id"]
    into = {id: [] for id in steps}
    for s in process["steps"]:
        for n in s.get("next", []):
            if n.get("step") in steps:
                into[n["step"]].append(s["id"])
    dom = {id: set(steps) for id in steps}
    dom[first] = {first}
    changed = True
    while changed:
        changed = False
        for id in steps:
            if id == first or not into[id]:
                continue
            new = {id} | set.intersection(*(dom[p] for p in into[id]))
            if new != dom[id]:
                dom[id], changed = new, True
    found = set()
    for id in steps:
        strict = dom[id] - {id}
        if len(into[id]) > 1 and strict:
            idom = max(strict, key=lambda d: len(dom[d]))
            if split(steps[idom]):
                found.add(id)
    return found, into


def walk(process, rng):
    """The steps of one random run of `process` to its end, as a token game: a decision
    takes one of its branches to a step at random, a parallel split puts a token on each
    branch,
    a join waits for a token from each flow into it, and the next step to run is drawn
    among those that can, so parallel branches interleave. A run past 60 steps is drawn
    again."""
    steps = {s["id"]: s for s in process["steps"]}
    join, into = joins(process)
    while True:
        # Tokens on flows, as (from, to); the start's flow comes from nowhere.
        tokens = {(None, process["steps"][0]["id"]): 1}
        names = []
        while tokens and len(names) < 60:
            ready = sorted({to for (_, to) in tokens if to not in join or all((f, to) in tokens for f in into[to])})
            # Drawn only where there is a choice, so that a sequential process's runs
            # are the random walks they always were.
            to = rng.choice(ready) if len(ready) > 1 else ready[0]
            taken = [(f, to) for f in into[to]] if to in join else [next(k for k in sorted(tokens, key=str) if k[1] == to)]
            for flow in taken:
                tokens[flow] -= 1
                if tokens[flow] == 0:
                    del tokens[flow]
            step = steps[to]
            # A decision is a gateway of the map, not a task: no CRM records it.
            if step["kind"] != "decision":
                names.append(step)
            following = [n["step"] for n in step.get("next", []) if n.get("step") in steps]
            # A decision takes one of its branches that lead to a step (the end is
            # reached where the flow runs out).
            if following and not split(step):
                following = [rng.choice(following)]
            for n in following:
                tokens[(to, n)] = tokens.get((to, n), 0) + 1
        if not tokens:
            return names


def depart(names, kind, rng):
    """`names` with one departure of `kind`, for about half the cases."""
    names = list(names)
    if kind == "fitting" or rng.random() < 0.5 or len(names) < 2:
        return names
    at = rng.randrange(len(names) - 1)
    if kind == "skipped":
        del names[at + 1]
    elif kind == "swapped":
        names[at], names[at + 1] = names[at + 1], names[at]
    elif kind == "unknown":
        names.insert(at + 1, UNKNOWN)
    elif kind == "repeated":
        names.insert(at + 1, names[at])
    return names


SAMPLE_PROCESSES = ["deal-work", "contracting", "reactivation"]


def sample(model, path, seed):
    """One log as a CRM exports it, with a position column added from the staff list,
    for the README's tour: the deals of three processes, a third of them with one
    departure each; the sales assistant's steps done by a sales manager in about a third
    of the cases; and a row whose date does not read."""
    rng = random.Random(seed)
    start = datetime.datetime(2026, 11, 2, 9, 0, tzinfo=datetime.timezone.utc)
    processes = {p["id"]: p for p in model["processes"]}
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(["case", "activity", "timestamp", "role"])
        roles = sorted({r for p in model["processes"] for s in p["steps"] for r in s.get("raci", {}).get("R", [])})
        number = 1000
        for process_id in SAMPLE_PROCESSES:
            for case in range(40):
                number += 1
                kind = rng.choice(["fitting", "fitting", "skipped", "swapped", "unknown", "repeated"])
                steps = depart(walk(processes[process_id], rng), kind, rng)
                for n, step in enumerate(steps):
                    at = start + datetime.timedelta(days=case % 20, hours=3 * n)
                    role = (step["raci"].get("R") or roles)[0]
                    # The managers do part of the assistant's paperwork themselves.
                    if role == "sales-assistant" and rng.random() < 0.3:
                        role = "sales-manager"
                    writer.writerow([f"Сделка {number}", step["name"], at.strftime("%d.%m.%Y %H:%M"), role])
        writer.writerow([f"Сделка {number}", "Сделка закрыта", "31.11.2026 10:00", roles[0]])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("model_json")
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--cases", type=int, default=200)
    parser.add_argument("--sample", action="store_true", help="write one mixed log to OUT (a file)")
    args = parser.parse_args()
    model = json.loads(pathlib.Path(args.model_json).read_text(encoding="utf-8"))
    if args.sample:
        sample(model, pathlib.Path(args.out), args.seed)
        return
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    start = datetime.datetime(2026, 11, 2, 9, 0, tzinfo=datetime.timezone.utc)
    for process in model["processes"]:
        if not process["steps"]:
            continue
        for kind in KINDS:
            rng = random.Random(f"{args.seed}-{process['id']}-{kind}")
            path = out / f"{process['id']}-{kind}.csv"
            with path.open("w", newline="", encoding="utf-8") as file:
                writer = csv.writer(file)
                writer.writerow(["case", "activity", "timestamp", "resource"])
                for case in range(args.cases):
                    steps = depart(walk(process, rng), kind, rng)
                    for n, step in enumerate(steps):
                        at = start + datetime.timedelta(days=case % 20, minutes=10 * n)
                        writer.writerow([f"{process['id']}-{case}", step["name"], at.isoformat(), "e1"])


if __name__ == "__main__":
    main()
