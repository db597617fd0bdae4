#!/usr/bin/env python3
"""Corpus conformance: `tug template` against Helm v4.2.3's goldens.

    python3 tools/corpus/run.py CORPUS_DIR [--tug PATH] [--min-percent 98] [--jobs 2]
                                [--only SUBSTRING] [--show N]

For every case in CORPUS_DIR/golden/index.json it runs, from CORPUS_DIR,

    tug template corpus charts/<chart> -n default -f cases/<chart>/<case>.values.yaml

and compares with the golden as the corpus README prescribes:
- deterministic cases: stdout byte-identical to <case>.template.yaml;
- cases with `nondeterministic` template paths: every document from other paths
  byte-identical, documents from those paths structurally equal (same keys and
  shape, same non-string scalars);
- error cases: stderr is `Error: <golden message>` (optionally followed by Helm's
  `Use --debug flag` hint) and the exit code is 1;
- corpus defects (tools/corpus/defects/*.json): cases whose golden cannot be reproduced
  from the stored corpus (e.g. vendored dependencies missing). For those the real Helm's
  stderr and exit code on this corpus copy were recorded, and tug must match them; they
  are reported apart and not counted in the percentages.

Prints one line per failing case, then `corpus: N passed, N failed` and the
percentage of identical deterministic cases; exits 1 below --min-percent or if any
error case or nondeterministic case fails.
"""
import argparse
import concurrent.futures as cf
import difflib
import json
import os
import re
import subprocess
import sys

DEBUG_HINT = "\n\nUse --debug flag to render out invalid YAML"


def split_docs(text):
    """Split `helm template` output into (source path, document text) pairs."""
    docs = []
    for chunk in re.split(r"(?m)^---\n", text):
        if not chunk.strip():
            continue
        m = re.match(r"# Source: (.*)\n", chunk)
        docs.append((m.group(1) if m else None, chunk))
    return docs


def shape(text):
    """A structural fingerprint of a YAML document without string values."""
    try:
        import yaml  # type: ignore
    except ImportError:
        return [re.sub(r":\s.*$", ":", line) for line in text.splitlines()]

    def walk(v):
        if isinstance(v, dict):
            return {str(k): walk(x) for k, x in v.items()}
        if isinstance(v, list):
            return [walk(x) for x in v]
        if isinstance(v, str):
            return "<str>"
        return v

    try:
        return walk(yaml.safe_load(text))
    except yaml.YAMLError:
        return text


def compare_nondeterministic(got, want, volatile):
    gd, wd = split_docs(got), split_docs(want)
    if [p for p, _ in gd] != [p for p, _ in wd]:
        return "different documents: %s vs %s" % ([p for p, _ in gd], [p for p, _ in wd])
    for (path, g), (_, w) in zip(gd, wd):
        stripped = path.split("/", 1)[-1] if path else ""
        if any(path == v or stripped == v.split("/", 1)[-1] for v in volatile):
            if shape(g) != shape(w):
                return "structure differs in %s" % path
        elif g != w:
            return "document %s differs" % path
    return None


def load_defects():
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "defects")
    out = {}
    for name in sorted(os.listdir(here)) if os.path.isdir(here) else []:
        if name.endswith(".json"):
            out.update(json.load(open(os.path.join(here, name)))["cases"])
    return out


def run_case(args, key, entry):
    chart, case = entry["chart"], entry["case"]
    cmd = [args.tug, "template", "corpus", "charts/" + chart, "-n", "default",
           "-f", "cases/%s/%s.values.yaml" % (chart, case)]
    p = subprocess.run(cmd, cwd=args.corpus, capture_output=True, text=True,
                       errors="replace", timeout=300)
    defect = args.defects.get(key)
    if defect is not None:
        ok = p.stderr == defect["stderr"] and p.returncode == defect["exit"]
        return key, "defect", ok, None if ok else diff(defect["stderr"], p.stderr)
    gold = os.path.join(args.corpus, "golden", chart)
    err_file = os.path.join(gold, case + ".template.error.txt")
    if os.path.exists(err_file):
        want = open(err_file, encoding="utf-8").read()
        ok = p.returncode == 1 and p.stderr.rstrip("\n") in (
            "Error: " + want.rstrip("\n"), "Error: " + want.rstrip("\n") + DEBUG_HINT)
        return key, "error", ok, None if ok else diff("Error: " + want, p.stderr)
    want = open(os.path.join(gold, case + ".template.yaml"), encoding="utf-8").read()
    if p.returncode != 0:
        return key, "ok", False, "exit %d: %s" % (p.returncode, p.stderr.strip()[:2000])
    volatile = entry.get("nondeterministic") or []
    if volatile:
        why = compare_nondeterministic(p.stdout, want, volatile)
        return key, "random", why is None, why
    ok = p.stdout == want
    return key, "ok", ok, None if ok else diff(want, p.stdout)


def diff(want, got):
    lines = difflib.unified_diff(want.splitlines(True), got.splitlines(True),
                                 "helm", "tug", n=1)
    return "".join(list(lines)[:40])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("--tug", default=None)
    ap.add_argument("--min-percent", type=float, default=98.0)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--only", default="")
    ap.add_argument("--show", type=int, default=20, help="diffs to print")
    args = ap.parse_args()
    args.corpus = os.path.abspath(args.corpus)
    if args.tug is None:
        root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        args.tug = os.path.join(root, "target", "release", "tug")
    index = json.load(open(os.path.join(args.corpus, "golden", "index.json")))
    args.defects = load_defects()
    cases = {k: v for k, v in sorted(index.items()) if args.only in k}
    results = []
    with cf.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        futs = [pool.submit(run_case, args, k, v) for k, v in cases.items()]
        for f in cf.as_completed(futs):
            results.append(f.result())
    results.sort()
    shown = 0
    for key, kind, ok, why in results:
        if not ok:
            print("FAIL %-60s [%s]" % (key, kind))
            if why and shown < args.show:
                print("    " + why.replace("\n", "\n    ").rstrip())
                shown += 1
    count = lambda kind, ok=None: sum(1 for _, k, o, _ in results
                                      if k == kind and (ok is None or o == ok))
    det, det_ok = count("ok"), count("ok", True)
    err, err_ok = count("error"), count("error", True)
    rnd, rnd_ok = count("random"), count("random", True)
    dfc, dfc_ok = count("defect"), count("defect", True)
    passed = det_ok + err_ok + rnd_ok + dfc_ok
    print("deterministic: %d/%d identical (%.1f%%); errors: %d/%d same message; "
          "random-valued: %d/%d structurally equal"
          % (det_ok, det, 100.0 * det_ok / max(det, 1), err_ok, err, rnd_ok, rnd))
    print("corpus defects (not reproducible from the stored corpus; tug matches what real "
          "helm prints on it): %d/%d" % (dfc_ok, dfc))
    print("corpus: %d passed, %d failed" % (passed, len(results) - passed))
    percent = 100.0 * det_ok / max(det, 1)
    if percent < args.min_percent or err_ok < err or rnd_ok < rnd or dfc_ok < dfc:
        sys.exit(1)


if __name__ == "__main__":
    main()
