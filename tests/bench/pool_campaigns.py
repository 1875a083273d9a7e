#!/usr/bin/python3
"""Ratios of feedd to the curl floor in pollbench campaigns (tests/bench/poll_campaigns.sh).

usage: pool_campaigns.py CAMPAIGN/results.tsv...

Each results.tsv holds one campaign's rows from pollbench's bench_cmd.sh, with the labels
feedd, curl-floor-p16 and curl-floor-p16-again. Prints, for each campaign, feedd's median over
each floor's median (wall and CPU, against the first floor / the second), then the medians of
every poll of every campaign (the two floors pooled) and their ratios, next to issue 4's targets;
the RSS column there is the largest peak of those polls.
"""
import csv
import statistics
import sys
from collections import defaultdict

FLOORS = ("curl-floor-p16", "curl-floor-p16-again")
TARGETS = {"cold": (2.0, 3.0), "warm": (2.0, None)}  # wall, CPU; peak RSS 40 MB at 5000


def median(rows, column):
    return statistics.median(float(row[column]) for row in rows)


def read_campaign(path):
    groups = defaultdict(list)
    with open(path, newline="") as file:
        for row in csv.DictReader(file, delimiter="\t"):
            groups[(row["label"], int(row["N"]), row["phase"])].append(row)
    return groups


def ratio_text(feedd, floors, column):
    return "/".join(f"{median(feedd, column) / median(floor, column):.2f}" for floor in floors)


def main(paths):
    if not paths:
        sys.exit(__doc__)
    campaigns = [read_campaign(path) for path in paths]
    keys = sorted({(n, phase) for groups in campaigns for (_, n, phase) in groups},
                  key=lambda key: (key[0], key[1] != "cold"))
    print("feedd / floor, each campaign (first floor / second floor):")
    for path, groups in zip(paths, campaigns):
        parts = []
        for n, phase in keys:
            feedd = groups.get(("feedd", n, phase))
            floors = [groups.get((label, n, phase)) for label in FLOORS]
            if not feedd or not all(floors):
                continue
            parts.append(f"{n} {phase} wall {ratio_text(feedd, floors, 'wall_s')}"
                         f" CPU {ratio_text(feedd, floors, 'cpu_s')}")
        print(f"  {path}: " + "; ".join(parts))

    print("\nmedians of every poll (floors pooled):")
    print("| N | phase | poller | polls | wall s | CPU s (user + sys) | largest peak RSS MB | 304 |"
          " conditional | conns | wall ratio | CPU ratio |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for n, phase in keys:
        feedd = [row for groups in campaigns for row in groups.get(("feedd", n, phase), [])]
        floor = [row for groups in campaigns for label in FLOORS
                 for row in groups.get((label, n, phase), [])]
        if not feedd or not floor:
            continue
        wall_target, cpu_target = TARGETS.get(phase, (None, None))
        for name, rows in (("curl floor (p16)", floor), ("feedd", feedd)):
            cells = [str(n), phase, name, str(len(rows)), f"{median(rows, 'wall_s'):.2f}",
                     f"{median(rows, 'cpu_s'):.2f} ({median(rows, 'user_s'):.2f} + "
                     f"{median(rows, 'sys_s'):.2f})",
                     f"{max(float(row['peak_rss_mb']) for row in rows):.0f}",
                     f"{median(rows, 's304'):.0f}", f"{median(rows, 'cond'):.0f}",
                     f"{median(rows, 'conns'):.0f}"]
            if rows is feedd:
                wall = median(feedd, "wall_s") / median(floor, "wall_s")
                cpu = median(feedd, "cpu_s") / median(floor, "cpu_s")
                cells.append(f"{wall:.2f}" + (f" (target {wall_target:g})" if wall_target else ""))
                cells.append(f"{cpu:.2f}" + (f" (target {cpu_target:g})" if cpu_target else ""))
            else:
                cells += ["", ""]
            print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main(sys.argv[1:])
