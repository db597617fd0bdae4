#!/usr/bin/env python3
"""Regenerates the "funcs-ext" conformance goldens from the real Helm v4.2.3.

Reads `ext_cases.txt` (beside this script): `## <group>` headers, then one case per
line, `<function><TAB><template text>`; blank lines and `#` comments are ignored. Each
case's template is rendered alone as `ext/templates/case.txt` of a chart whose
values.yaml is `ext_values.yaml`, through the Helm Go library (pip `helm-python-sdk`,
module `helm_python`, which embeds Helm v4.2.3), with TZ=UTC so that "Local" is UTC.
Output: `crates/tug-funcs/tests/goldens/ext/<group>.jsonl`, one JSON object per case,
{"fn", "tpl", "out"} or {"fn", "tpl", "err"}; `err` is the Go template error text with
Helm's multi-line re-formatting undone (`required`/`fail` keep Helm's
`execution error at (...)` form). `values.json` holds the values as templates see them.

Usage: python3 tools/oracle/funcs/ext_gen.py
"""

import json
import os
import re
import shutil
import sys
import tempfile

os.environ["TZ"] = "UTC"

from helm_python import Chart, HelmRenderError  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
OUT = os.path.join(ROOT, "crates", "tug-funcs", "tests", "goldens", "ext")
TEMPLATE = "ext/templates/case.txt"


def read_cases(path):
    groups, group = {}, None
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if line.startswith("## "):
                group = line[3:].strip()
                groups.setdefault(group, [])
            elif line.strip() and not line.startswith("#"):
                if "\t" not in line or group is None:
                    sys.exit(f"{path}:{lineno}: expected '<fn>\\t<template>' under '## group'")
                fn, tpl = line.split("\t", 1)
                groups[group].append((fn.strip(), tpl))
    return groups


def go_error_text(msg):
    """Undo Helm's `LOC\\n  executing "NAME" at <NODE>:\\n    MSG` layout."""
    m = re.match(r'^(\S+:\d+:\d+)\n  executing "([^"]*)" at <(.*)>:\n    (.*)$', msg, re.S)
    if m:
        return f'template: {m.group(1)}: executing "{m.group(2)}" at <{m.group(3)}>: {m.group(4)}'
    return msg


def render(chart_dir, tpl):
    with open(os.path.join(chart_dir, "templates", "case.txt"), "w", encoding="utf-8") as f:
        f.write(tpl)
    try:
        out = Chart.load(chart_dir).render(name="ext")
        return {"out": out[TEMPLATE]}
    except HelmRenderError as e:
        return {"err": go_error_text(str(e))}


AES_PLAINTEXTS = ["", "x", "exactly16bytes!!", "ünïcødé: more than one block of text"]
FIXTURES = (
    '{{ $ca := genCA "go-ca" 3650 }}{{ $aes := list }}'
    + "".join(
        '{{ $aes = append $aes (list "%s" "%s" (encryptAES "%s" "%s")) }}' % (pw, p, pw, p)
        for pw in ["k", "a-password-longer-than-thirty-two-bytes"]
        for p in AES_PLAINTEXTS
    )
    + '{{ toJson (dict "ca" (dict "Cert" $ca.Cert "Key" $ca.Key) "aes" $aes) }}'
)


def main():
    groups = read_cases(os.path.join(HERE, "ext_cases.txt"))
    tmp = tempfile.mkdtemp()
    try:
        chart_dir = os.path.join(tmp, "ext")
        os.makedirs(os.path.join(chart_dir, "templates"))
        with open(os.path.join(chart_dir, "Chart.yaml"), "w") as f:
            f.write("apiVersion: v2\nname: ext\nversion: 0.1.0\n")
        shutil.copy(os.path.join(HERE, "ext_values.yaml"), os.path.join(chart_dir, "values.yaml"))
        os.makedirs(OUT, exist_ok=True)
        total = 0
        for group, cases in groups.items():
            with open(os.path.join(OUT, f"{group}.jsonl"), "w", encoding="utf-8") as f:
                for fn, tpl in cases:
                    rec = {"fn": fn, "tpl": tpl}
                    rec.update(render(chart_dir, tpl))
                    f.write(json.dumps(rec, ensure_ascii=False) + "\n")
                    total += 1
        res = render(chart_dir, "{{ toJson .Values }}")
        if "err" in res:
            sys.exit(res["err"])
        with open(os.path.join(OUT, "values.json"), "w", encoding="utf-8") as f:
            f.write(res["out"] + "\n")
        # Interop fixtures made by Go: a CA (cert + key) and AES ciphertexts, which the
        # property tests feed to tug (genSignedCert with Go's CA, decryptAES).
        res = render(chart_dir, FIXTURES)
        if "err" in res:
            sys.exit(res["err"])
        with open(os.path.join(OUT, "go_fixtures.json"), "w", encoding="utf-8") as f:
            f.write(res["out"] + "\n")
        print(f"{total} cases in {len(groups)} groups written to {OUT}")
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
