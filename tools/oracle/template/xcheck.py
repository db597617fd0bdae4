#!/usr/bin/env python3
"""Cross-checks recorded conformance cases against Helm's Go library (`helm_python`).

The goldens come from the `helm` binary (see oracle.py); this re-renders a random sample
in-process with the same Helm v4.2.3 as a library and reports any disagreement, which
would point at a flaw in how oracle.py extracts outputs or errors. The SDK receives
values as JSON, so cases with integer `--set` values (int64 in Helm) are not sampled.

    python3 tools/oracle/template/xcheck.py [--sample 100] [--file generated.jsonl]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import gen  # noqa: E402
import oracle  # noqa: E402
import values  # noqa: E402


def render_sdk(rec: dict) -> dict:
    from helm_python import Chart, HelmRenderError

    root = tempfile.mkdtemp(prefix="tugxcheck-")
    try:
        chart = oracle._write_chart(root, rec["template"], rec["values_yaml"], extra_bad=False)
        user: dict = {}
        for item in rec["set"]:
            values.apply_set(user, item)
        try:
            out = Chart.load(chart).render(values=user, name=oracle.RELEASE)
            return {"output": out[oracle.CASE_FILE]}
        except HelmRenderError as e:
            return {"error": str(e)}
    finally:
        shutil.rmtree(root, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sample", type=int, default=100)
    ap.add_argument("--file", default="generated.jsonl")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    with open(os.path.join(gen.OUT_DIR, args.file), encoding="utf-8") as f:
        recs = [json.loads(line) for line in f]
    # The SDK takes values as JSON, so --set integers would reach Helm as float64 instead
    # of int64: only cases without integer --set values can be compared.
    recs = [r for r in recs if not any(isinstance(values.parse_set_value(s.partition("=")[2]), int)
                                       and not isinstance(values.parse_set_value(s.partition("=")[2]), bool)
                                       for s in r["set"])]
    random.seed(args.seed)
    sample = random.sample(recs, min(args.sample, len(recs)))
    bad = 0
    for rec in sample:
        want = {k: rec[k] for k in ("output", "error") if k in rec}
        got = render_sdk(rec)
        if got != want:
            bad += 1
            print(f"{rec['name']}: recorded {want!r:.300} sdk {got!r:.300}")
    print(f"xcheck: {len(sample) - bad} of {len(sample)} agree")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
