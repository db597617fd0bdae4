#!/usr/bin/env python3
"""Regenerates the "funcs-core" conformance goldens from the real Helm v4.2.3.

Reads `core_cases.txt` (beside this script): `## <group>` headers, then one case per
line, `<function><TAB><template text>`; blank lines and lines starting with `#` (but not
`##`) are ignored. Each case's template is rendered alone as
`core/templates/case.txt` of a chart whose values.yaml is `core_values.yaml`, through
the Helm Go library (pip `helm-python-sdk`, module `helm_python`, which embeds Helm
v4.2.3). The result goes to `crates/tug-funcs/tests/goldens/core/<group>.jsonl`, one
JSON object per case: {"fn", "tpl", "out"} or {"fn", "tpl", "err"} where `err` is
Helm's raw Go template error text. The values are copied next to the goldens as
`values.json` (the JSON form the harness loads; numbers are float64 like Helm's).

Usage: python3 tools/oracle/funcs/core_gen.py
"""

import json
import re
import os
import shutil
import sys
import tempfile

from helm_python import Chart, HelmRenderError

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
OUT = os.path.join(ROOT, "crates", "tug-funcs", "tests", "goldens", "core")
TEMPLATE = "core/templates/case.txt"


def read_cases(path):
    groups = {}
    group = None
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if line.startswith("## "):
                group = line[3:].strip()
                groups.setdefault(group, [])
                continue
            if not line.strip() or line.startswith("#"):
                continue
            if "\t" not in line or group is None:
                sys.exit(f"{path}:{lineno}: expected '<fn>\\t<template>' under a '## group'")
            fn, tpl = line.split("\t", 1)
            groups[group].append((fn.strip(), tpl))
    return groups


def render(chart_dir, tpl):
    with open(os.path.join(chart_dir, "templates", "case.txt"), "w", encoding="utf-8") as f:
        f.write(tpl)
    chart = Chart.load(chart_dir)
    try:
        out = chart.render(name="core")
        return {"out": out[TEMPLATE]}
    except HelmRenderError as e:
        return {"err": go_error_text(str(e))}


def go_error_text(msg):
    """The Go `text/template` error text. Helm re-formats some execution errors into
    `LOC\n  executing "NAME" at <NODE>:\n    MSG`; undo that so every golden holds the
    engine's own `template: LOC: executing "NAME" at <NODE>: MSG` form."""
    m = re.match(r'^(\S+:\d+:\d+)\n  executing "([^"]*)" at <(.*)>:\n    (.*)$', msg, re.S)
    if m:
        return f'template: {m.group(1)}: executing "{m.group(2)}" at <{m.group(3)}>: {m.group(4)}'
    return msg


def main():
    groups = read_cases(os.path.join(HERE, "core_cases.txt"))
    values_yaml = os.path.join(HERE, "core_values.yaml")
    tmp = tempfile.mkdtemp()
    try:
        chart_dir = os.path.join(tmp, "core")
        os.makedirs(os.path.join(chart_dir, "templates"))
        with open(os.path.join(chart_dir, "Chart.yaml"), "w") as f:
            f.write("apiVersion: v2\nname: core\nversion: 0.1.0\n")
        shutil.copy(values_yaml, os.path.join(chart_dir, "values.yaml"))
        os.makedirs(OUT, exist_ok=True)
        total = 0
        for group, cases in groups.items():
            with open(os.path.join(OUT, f"{group}.jsonl"), "w", encoding="utf-8") as f:
                for fn, tpl in cases:
                    rec = {"fn": fn, "tpl": tpl}
                    rec.update(render(chart_dir, tpl))
                    f.write(json.dumps(rec, ensure_ascii=False) + "\n")
                    total += 1
        # values.json: the values as Helm's templates see them (via toJson).
        res = render(chart_dir, "{{ toJson .Values }}")
        if "err" in res:
            sys.exit(res["err"])
        with open(os.path.join(OUT, "values.json"), "w", encoding="utf-8") as f:
            f.write(res["out"] + "\n")
        print(f"{total} cases in {len(groups)} groups written to {OUT}")
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
