#!/usr/bin/env python3
"""extract_metadata: `feedd extract --batch --format json` against each Readability test page's
expected-metadata.json; fails when the match rate of title, byline and published date is
below --min-rate.

A field counts when the reference has a value: feedd reads more places than Readability does
(itemprop, <time pubdate>, ...), so a value where the reference has null is not a mismatch.
Titles and bylines match after whitespace is collapsed; dates match when they name the same
instant (or, when either has no time of day, the same calendar day).
"""
import argparse
import datetime
import json
import os
import re
import subprocess
import sys
import tempfile

PAGE_URL = "http://fakehost/test/page.html"


def collapse(text):
    return re.sub(r"\s+", " ", text or "").strip()


def parse_instant(text):
    text = (text or "").strip()
    if not text:
        return None
    # feedd keeps dates to the second (feeds::TimePoint): compare at that precision.
    candidate = re.sub(r"(T\d\d:\d\d:\d\d)\.\d+", r"\1", text).replace("Z", "+00:00")
    candidate = re.sub(r"([+-]\d\d)(\d\d)$", r"\1:\2", candidate)
    try:
        value = datetime.datetime.fromisoformat(candidate)
    except ValueError:
        match = re.match(r"(\d{4}-\d{2}-\d{2})", text)
        return match.group(1) if match else text
    if value.tzinfo is None:
        return value.date().isoformat() if len(text) <= 10 else value.replace(
            tzinfo=datetime.timezone.utc)
    return value


def same_date(expected, actual):
    a, b = parse_instant(expected), parse_instant(actual)
    if a is None or b is None:
        return False
    if isinstance(a, str) or isinstance(b, str):
        day = lambda v: v if isinstance(v, str) else v.astimezone(datetime.timezone.utc).date().isoformat()
        return day(a)[:10] == day(b)[:10]
    return a == b


def run_feedd(feedd, cases, scratch):
    list_path = os.path.join(scratch, "pages.tsv")
    with open(list_path, "w", encoding="utf-8") as f:
        for case in cases:
            f.write("%s\t%s\t%s\t%s\n" % (case["id"], case["source"], PAGE_URL,
                                          os.path.join(scratch, case["id"] + ".json")))
    subprocess.run([feedd, "extract", "--batch", list_path, "--format", "json"],
                   stderr=subprocess.DEVNULL, check=False)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feedd", required=True)
    parser.add_argument("--dataset", required=True)
    parser.add_argument("--min-rate", type=float, required=True)
    parser.add_argument("--verbose", "-v", action="store_true")
    args = parser.parse_args()
    cases = []
    for name in sorted(os.listdir(args.dataset)):
        folder = os.path.join(args.dataset, name)
        expected = os.path.join(folder, "expected-metadata.json")
        if os.path.isfile(expected) and os.path.isfile(os.path.join(folder, "source.html")):
            cases.append({"id": name, "source": os.path.join(folder, "source.html"),
                          "expected": json.load(open(expected, encoding="utf-8"))})
    if not cases:
        print("extract_metadata: no pages in %s" % args.dataset)
        return 1
    checked = matched = 0
    with tempfile.TemporaryDirectory() as scratch:
        run_feedd(args.feedd, cases, scratch)
        for case in cases:
            out_path = os.path.join(scratch, case["id"] + ".json")
            actual = json.load(open(out_path, encoding="utf-8")) if os.path.isfile(out_path) else {}
            expected = case["expected"]
            fields = [("title", expected.get("title"), actual.get("title"), collapse),
                      ("byline", expected.get("byline"), actual.get("byline"), collapse),
                      ("published", expected.get("publishedTime"), actual.get("published"), None)]
            for field, want, got, normalize in fields:
                if not want:
                    continue
                checked += 1
                ok = same_date(want, got) if normalize is None else normalize(want) == normalize(got)
                matched += ok
                if not ok and args.verbose:
                    print("  %s %s: expected %r, got %r" % (case["id"], field, want, got))
    rate = matched / checked if checked else 0.0
    verdict = "ok" if rate >= args.min_rate else "BELOW FLOOR"
    print("extract_metadata: %d of %d fields match (%.4f, floor %.4f): %s" % (
        matched, checked, rate, args.min_rate, verdict))
    return 0 if rate >= args.min_rate else 1


if __name__ == "__main__":
    sys.exit(main())
