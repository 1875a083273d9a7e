#!/usr/bin/env python3
"""extract_conformance: run shared/tools/extract-eval on a dataset and fail below an F1 floor.

The harness has no floor flag of its own; this wrapper passes every other argument through,
adds --json, reads the summary back and compares F1 with --min-f1.

  extract_floor.py --min-f1 0.98 --harness .../extract_eval.py -- --dataset D --name feedd \
      --batch-cmd 'feedd extract --batch {list}'
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--harness", required=True, help="path of extract_eval.py")
    parser.add_argument("--min-f1", type=float, required=True, help="fail below this F1")
    parser.add_argument("harness_args", nargs=argparse.REMAINDER,
                        help="arguments for the harness (after --)")
    args = parser.parse_args()
    passthrough = [a for a in args.harness_args if a != "--"]
    with tempfile.TemporaryDirectory() as scratch:
        summary_path = os.path.join(scratch, "summary.json")
        command = [sys.executable, args.harness, *passthrough, "--json", summary_path]
        completed = subprocess.run(command)
        if completed.returncode != 0:
            print("extract_floor: harness exited with %d" % completed.returncode)
            return 1
        with open(summary_path, encoding="utf-8") as f:
            rows = json.load(f)
    if not rows:
        print("extract_floor: the harness reported no results")
        return 1
    failed = False
    for row in rows:
        verdict = "ok" if row["f1"] >= args.min_f1 else "BELOW FLOOR"
        print("extract_floor: %s on %s: F1 %.4f (floor %.4f), %.1f pages/s: %s" % (
            row["extractor"], row["dataset"], row["f1"], args.min_f1, row["pages_per_s"], verdict))
        failed = failed or row["f1"] < args.min_f1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
