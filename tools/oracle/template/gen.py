#!/usr/bin/env python3
"""Regenerates the template-engine conformance goldens from the real Helm v4.2.3.

    python3 tools/oracle/template/gen.py                # everything, 2 Helm processes
    python3 tools/oracle/template/gen.py --only hand    # just handwritten.jsonl
    python3 tools/oracle/template/gen.py --count 100    # fewer generated cases

Writes `crates/tug-template/tests/conformance/{handwritten,generated,focused,chains}.jsonl`: one JSON
object per line with `name`, `template`, `values_yaml`, `set`, `values` (the `.Values`
tree Helm builds, numbers typed: `1.0`-style numbers are float64, integers int64) and
either `output` (the raw rendered text of the case's file, `<no value>` already removed by
Helm) or `error` (Helm's message after `Error: `). See README.md beside this file.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import fixtures  # noqa: E402
import hand_compare  # noqa: E402
import hand_funcs  # noqa: E402
import hand_regressions  # noqa: E402
import hand_syntax  # noqa: E402
import oracle  # noqa: E402
import randgen  # noqa: E402
import values  # noqa: E402

OUT_DIR = os.path.normpath(os.path.join(HERE, "..", "..", "..", "crates", "tug-template", "tests", "conformance"))
GENERATED_COUNT = 2200
FOCUS_COUNT = 1800
CHAINS_COUNT = 600
SEED = 20261121


def hand_cases() -> list[dict]:
    out = []
    for module in (hand_syntax, hand_funcs, hand_compare, hand_regressions):
        for entry in module.CASES:
            name, template = entry[0], entry[1]
            extra = entry[2] if len(entry) > 2 else {}
            out.append(
                {
                    "name": name,
                    "template": template,
                    "values": extra.get("values", fixtures.VALUES),
                    "set": extra.get("set", fixtures.SETS),
                }
            )
    names = [c["name"] for c in out]
    dupes = {n for n in names if names.count(n) > 1}
    if dupes:
        raise SystemExit(f"duplicate case names: {sorted(dupes)}")
    return out


def finish(cases: list[dict], results: list[dict]) -> list[dict]:
    records = []
    for case, res in zip(cases, results):
        if res is None:
            print(f"dropped {case['name']}: Helm timed out", file=sys.stderr)
            continue
        rec = {
            "name": case["name"],
            "template": case["template"],
            "values_yaml": values.to_yaml(case["values"]),
            "set": case["set"],
            "values": values.merged(case["values"], case["set"]),
        }
        rec.update(res)
        if not deterministic(rec):
            print(f"dropped {case['name']}: not reproducible or too large", file=sys.stderr)
            continue
        records.append(rec)
    return records


# Printing the whole top-level data shows `.Capabilities`, a Go pointer: its address
# (`Capabilities:0xc000123456`) or its dump changes from run to run, so such cases are
# not reproducible and are left out.
NONDETERMINISTIC = re.compile(r"Capabilities(?:%3A|:)0x[0-9a-f]+|\*common\.Capabilities|%2Acommon\.Capabilities")


# Outputs of a megabyte (a width or precision of 1000000) bloat the goldens without
# testing more than their `| len` forms do; such cases are left out too.
MAX_TEXT = 200_000


def deterministic(rec: dict) -> bool:
    text = rec.get("output", "") + rec.get("error", "")
    return len(text) <= MAX_TEXT and not NONDETERMINISTIC.search(text)


def write(path: str, records: list[dict]) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for rec in records:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")


def run(label: str, cases: list[dict], jobs: int) -> list[dict]:
    for c in cases:
        c["values_yaml"] = values.to_yaml(c["values"])
    start = time.time()
    results = oracle.render_all(cases, jobs=jobs)
    errors = sum(1 for r in results if r is not None and "error" in r)
    print(f"{label}: {len(cases)} cases ({errors} errors) in {time.time() - start:.0f}s", file=sys.stderr)
    return finish(cases, results)


def merge(path: str, cases: list[dict], fresh: list[dict]) -> list[dict]:
    """The records of `path` in case order, with `fresh` ones replacing or adding."""
    with open(path, encoding="utf-8") as f:
        old = {r["name"]: r for r in map(json.loads, f)}
    old.update({r["name"]: r for r in fresh})
    missing = [c["name"] for c in cases if c["name"] not in old]
    if missing:
        raise SystemExit(f"no recorded result for {missing[:5]}: run without --names")
    return [old[c["name"]] for c in cases]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", choices=["hand", "gen", "focus", "chains"], help="regenerate one file only")
    ap.add_argument("--count", type=int, default=GENERATED_COUNT, help="number of generated cases")
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--jobs", type=int, default=2, help="parallel Helm processes")
    ap.add_argument("--names", help="with --only hand: re-render only these cases (comma-separated) and keep the rest of handwritten.jsonl")
    args = ap.parse_args()
    os.makedirs(OUT_DIR, exist_ok=True)
    if args.only in (None, "hand"):
        path = os.path.join(OUT_DIR, "handwritten.jsonl")
        cases = hand_cases()
        if args.names:
            wanted = set(args.names.split(","))
            write(path, merge(path, cases, run("handwritten", [c for c in cases if c["name"] in wanted], args.jobs)))
        else:
            write(path, run("handwritten", cases, args.jobs))
    if args.only in (None, "gen"):
        cases = randgen.generate(args.count, args.seed)
        write(os.path.join(OUT_DIR, "generated.jsonl"), run("generated", cases, args.jobs))
    if args.only in (None, "focus"):
        cases = randgen.generate_focus(FOCUS_COUNT, args.seed)
        write(os.path.join(OUT_DIR, "focused.jsonl"), run("focused", cases, args.jobs))
    if args.only in (None, "chains"):
        cases = randgen.generate_chains(CHAINS_COUNT, args.seed)
        write(os.path.join(OUT_DIR, "chains.jsonl"), run("chains", cases, args.jobs))


if __name__ == "__main__":
    main()
