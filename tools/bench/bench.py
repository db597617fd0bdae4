#!/usr/bin/env python3
"""End-to-end speed: `tug template` against `helm template` on a chart corpus, in one run.

    python3 tools/bench/bench.py CORPUS_DIR --tug PATH --helm PATH [--runs 3] [--only SUBSTR]

For every case of CORPUS_DIR/golden/index.json the two commands are run alternately
(tug, helm, tug, helm, …) as whole processes, `--runs` times each, from CORPUS_DIR:

    <tool> template corpus charts/<chart> -n default -f cases/<chart>/<case>.values.yaml

It records the median wall time and the peak resident memory (from wait4's rusage) of
each, and prints a table (slowest helm cases first) and the totals: summed median time,
the ratio helm/tug, the number of cases where tug was slower, and peak memory on the
largest chart. Nothing is asserted: the figures go to BENCHMARKS.md.
"""
import argparse
import json
import os
import statistics
import subprocess
import time


def run(cmd, cwd):
    start = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    elapsed = time.perf_counter() - start
    p.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss / 1024.0, p.returncode


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("--tug", required=True)
    ap.add_argument("--helm", required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--only", default="")
    ap.add_argument("--json", help="write per-case figures here")
    args = ap.parse_args()
    corpus = os.path.abspath(args.corpus)
    index = json.load(open(os.path.join(corpus, "golden", "index.json")))
    rows = []
    for key, e in sorted(index.items()):
        if args.only not in key:
            continue
        tail = ["template", "corpus", "charts/" + e["chart"], "-n", "default",
                "-f", "cases/%s/%s.values.yaml" % (e["chart"], e["case"])]
        t, h = [], []
        for _ in range(args.runs):
            t.append(run([args.tug] + tail, corpus))
            h.append(run([args.helm] + tail, corpus))
        rows.append({
            "case": key,
            "bytes": e.get("rendered_bytes", 0),
            "tug_s": statistics.median(x[0] for x in t),
            "helm_s": statistics.median(x[0] for x in h),
            "tug_rss_mib": max(x[1] for x in t),
            "helm_rss_mib": max(x[1] for x in h),
            "tug_rc": t[0][2], "helm_rc": h[0][2],
        })
    rows.sort(key=lambda r: -r["helm_s"])
    print("%-58s %9s %9s %7s %9s %9s" % ("case", "helm ms", "tug ms", "ratio", "helm MiB", "tug MiB"))
    for r in rows:
        print("%-58s %9.1f %9.1f %6.1fx %9.1f %9.1f" % (
            r["case"][:58], r["helm_s"] * 1e3, r["tug_s"] * 1e3, r["helm_s"] / r["tug_s"],
            r["helm_rss_mib"], r["tug_rss_mib"]))
    th = sum(r["helm_s"] for r in rows)
    tt = sum(r["tug_s"] for r in rows)
    slower = [r["case"] for r in rows if r["tug_s"] > r["helm_s"]]
    big = max(rows, key=lambda r: r["bytes"]) if rows else None
    print()
    print("cases: %d, runs each: %d" % (len(rows), args.runs))
    print("summed median time: helm %.2f s, tug %.2f s, ratio %.1fx" % (th, tt, th / max(tt, 1e-9)))
    print("cases where tug was slower: %d %s" % (len(slower), slower[:10]))
    if big:
        print("largest chart %s: peak RSS helm %.1f MiB, tug %.1f MiB (ratio %.1fx)" % (
            big["case"], big["helm_rss_mib"], big["tug_rss_mib"],
            big["helm_rss_mib"] / max(big["tug_rss_mib"], 1e-9)))
    if args.json:
        json.dump(rows, open(args.json, "w"), indent=1)


if __name__ == "__main__":
    main()
