#!/usr/bin/env python3
"""parse_corpus_sanitized: every document of a corpus through `feedd parse --batch` in one process.

The sanitizer build's stand-in for parse_conformance. parse-diff starts feedd once per file, which
under ASan+UBSan costs ~150 ms a start (over 300 s for the feedparser corpus); the scores are the
Release build's job. Here one process parses every .xml and .json file, so each document still
runs through the parser under the sanitizers, and the test fails when:
  - the process reports a sanitizer error or dies of a signal;
  - it stops before the end of the list: every document must leave an output file or its own
    "ID: ..." line on stderr (documents that are not feeds do);
  - fewer than --min-parsed of the documents give an output.

  parse_corpus_batch.py --feedd build-asan/feedd --corpus ../shared/corpora/feedparser-tests \
      --min-parsed 0.9
"""
import argparse
import os
import subprocess
import sys
import tempfile

SANITIZER_MARKERS = ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:")


def corpus_files(corpus):
    found = []
    for root, dirs, names in os.walk(corpus):
        dirs.sort()
        found += [os.path.join(root, n) for n in sorted(names) if n.endswith((".xml", ".json"))]
    return found


def write_list(files, corpus, scratch):
    entries = []
    for index, path in enumerate(files):
        rel = os.path.relpath(path, corpus)
        entries.append((f"doc{index}", path, f"http://127.0.0.1:8097/tests/{rel}",
                        os.path.join(scratch, f"doc{index}.json")))
    list_path = os.path.join(scratch, "list.tsv")
    with open(list_path, "w", encoding="utf-8") as out:
        out.writelines("\t".join(entry) + "\n" for entry in entries)
    return list_path, entries


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feedd", required=True)
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--min-parsed", type=float, default=0.9,
                        help="least share of documents that must give an output")
    parser.add_argument("--timeout", type=float, default=900)
    args = parser.parse_args()

    files = corpus_files(args.corpus)
    if not files:
        sys.exit(f"parse_corpus_batch: no .xml or .json file under {args.corpus}")
    with tempfile.TemporaryDirectory() as scratch:
        list_path, entries = write_list(files, args.corpus, scratch)
        run = subprocess.run([args.feedd, "parse", "--batch", list_path], stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True, errors="replace",
                             timeout=args.timeout)
        parsed = [entry for entry in entries if os.path.exists(entry[3])]
    problems = []
    stderr_lines = run.stderr.splitlines()
    reported = {line.split(":", 1)[0] for line in stderr_lines}
    marker = next((line for line in stderr_lines if any(m in line for m in SANITIZER_MARKERS)), None)
    if marker:
        problems.append(f"sanitizer report: {marker}")
    if run.returncode < 0 or run.returncode not in (0, 1):
        problems.append(f"feedd exited with status {run.returncode}")
    parsed_ids = {entry[0] for entry in parsed}
    silent = [entry[1] for entry in entries if entry[0] not in parsed_ids and entry[0] not in reported]
    if silent:
        problems.append(f"{len(silent)} documents left neither output nor error, first {silent[0]}")
    share = len(parsed) / len(entries)
    if share < args.min_parsed:
        problems.append(f"only {len(parsed)} of {len(entries)} documents parsed ({share:.1%})")
    print(f"parse_corpus_batch: {len(parsed)} of {len(entries)} documents parsed, "
          f"{len(entries) - len(parsed)} without output, exit status {run.returncode}")
    if problems:
        sys.stderr.write(run.stderr[-20000:])
        for problem in problems:
            print(f"parse_corpus_batch: FAIL: {problem}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
