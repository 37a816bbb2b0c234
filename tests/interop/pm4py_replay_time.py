"""The time pm4py takes to replay a log on a process's BPMN, for `cargo bench --bench conform`.

    python pm4py_replay_time.py PROCESS.bpmn LOG.csv

Prints one line: the seconds to read the net and the log, to replay it, both together,
and the log fitness. The map's task numbers are taken off the labels, as in
check_conform.py.
"""

import re
import sys
import time

import pandas
import pm4py


def main():
    started = time.time()
    net, initial, final = pm4py.convert_to_petri_net(pm4py.read_bpmn(sys.argv[1]))
    for transition in net.transitions:
        if transition.label:
            transition.label = re.sub(r"^\d+\. ", "", transition.label)
    frame = pandas.read_csv(sys.argv[2], dtype=str)
    frame["timestamp"] = pandas.to_datetime(frame["timestamp"], utc=True)
    frame = pm4py.format_dataframe(
        frame, case_id="case", activity_key="activity", timestamp_key="timestamp"
    )
    read = time.time()
    fitness = pm4py.fitness_token_based_replay(frame, net, initial, final)["log_fitness"]
    done = time.time()
    print(f"read {read - started:.2f} replay {done - read:.2f} total {done - started:.2f} fitness {fitness:.4f}")


if __name__ == "__main__":
    main()
