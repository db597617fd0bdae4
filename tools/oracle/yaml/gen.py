#!/usr/bin/env python3
"""Regenerates tug-yaml's conformance goldens from the REAL Helm v4.2.3 binary.

Every case in cases.py becomes `crates/tug-yaml/tests/yaml/cases/<name>.yaml`. One chart
holds all of them as files; one template per case runs `fromYaml` on the file and prints
`toYaml`, `toJson`, `toRawJson`, `toPrettyJson` and a recursive type dump (or the `Error`
that `fromYaml` reports). A deliberately invalid template makes `helm template --debug`
print the raw render map, which is split into `crates/tug-yaml/tests/yaml/golden/<name>.txt`.

    python3 tools/oracle/yaml/gen.py
"""
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(HERE))
from cases import CASES, TOML_CASES  # noqa: E402

OUT = ROOT / "crates/tug-yaml/tests/yaml"

HELPERS = r'''{{- define "types" -}}
{{- if kindIs "map" . -}}
{ {{- range $k, $v := . -}}{{ printf "%x" $k }}:{{ include "types" $v }},{{- end -}} }
{{- else if kindIs "slice" . -}}
[ {{- range . -}}{{ include "types" . }},{{- end -}} ]
{{- else if kindIs "string" . -}}
string:{{ printf "%x" . }}
{{- else -}}
{{ printf "%T:%v" . . }}
{{- end -}}
{{- end -}}
'''

TEMPLATE = r'''{{- $m := .Files.Get "docs/NAME.yaml" | fromYaml -}}
@@begin
{{ if and (eq (len $m) 1) (hasKey $m "Error") -}}
@@error
{{ $m.Error }}
{{ else -}}
@@toYaml
{{ toYaml $m }}
@@toJson
{{ toJson $m }}
@@toRawJson
{{ toRawJson $m }}
@@toPrettyJson
{{ toPrettyJson $m }}
@@types
{{ include "types" $m }}
@@toToml
{{ toToml $m }}
@@toYamlPretty
{{ toYamlPretty $m }}
{{ if hasKey $m "v" -}}
@@toYamlV
{{ toYaml $m.v }}
@@toJsonV
{{ toJson $m.v }}
{{ end -}}
{{ end -}}
@@end
'''

TOML_TEMPLATE = r'''{{- $m := .Files.Get "tomldocs/NAME.toml" | fromToml -}}
@@begin
{{ if and (eq (len $m) 1) (hasKey $m "Error") -}}
@@error
{{ $m.Error }}
{{ else -}}
@@types
{{ include "types" $m }}
@@toJson
{{ toJson $m }}
@@toToml
{{ toToml $m }}
{{ end -}}
@@end
'''


def helm() -> str:
    bindir = subprocess.run([str(ROOT / "tools/oracle/install.sh")], check=True,
                            capture_output=True, text=True).stdout.strip()
    return os.path.join(bindir, "helm")


def main() -> None:
    names = [n for n, _ in CASES]
    assert len(names) == len(set(names)), "duplicate case names"
    for n in names:
        assert re.fullmatch(r"[a-z0-9_]+", n), n
    shutil.rmtree(OUT, ignore_errors=True)
    (OUT / "cases").mkdir(parents=True)
    (OUT / "golden").mkdir(parents=True)
    (OUT / "toml").mkdir(parents=True)
    with tempfile.TemporaryDirectory() as tmp:
        chart = pathlib.Path(tmp) / "c"
        (chart / "templates").mkdir(parents=True)
        (chart / "docs").mkdir()
        (chart / "tomldocs").mkdir()
        for name, doc in TOML_CASES:
            (chart / "tomldocs" / f"{name}.toml").write_text(doc)
            (OUT / "toml" / f"{name}.toml").write_text(doc)
            (chart / "templates" / f"toml_{name}.yaml").write_text(TOML_TEMPLATE.replace("NAME", name))
        (chart / "Chart.yaml").write_text("apiVersion: v2\nname: c\nversion: 0.1.0\n")
        (chart / "templates/_helpers.tpl").write_text(HELPERS)
        (chart / "templates/zz_force_raw.yaml").write_text(": :\n")
        for name, doc in CASES:
            data = doc.encode("utf-8", "surrogateescape")
            (chart / "docs" / f"{name}.yaml").write_bytes(data)
            (OUT / "cases" / f"{name}.yaml").write_bytes(data)
            (chart / "templates" / f"{name}.yaml").write_text(TEMPLATE.replace("NAME", name))
        res = subprocess.run([helm(), "template", "x", str(chart), "--debug"],
                             capture_output=True)
        raw = res.stdout.decode("utf-8", "surrogateescape")
    found = 0
    for name in names:
        m = re.search(r"\n# Source: c/templates/%s\.yaml\n(@@begin\n.*?\n@@end\n)" % name,
                      raw, re.S)
        if not m:
            sys.exit(f"no output for case {name}")
        (OUT / "golden" / f"{name}.txt").write_bytes(m.group(1).encode("utf-8", "surrogateescape"))
        found += 1
    for name, _ in TOML_CASES:
        m = re.search(r"\n# Source: c/templates/toml_%s\.yaml\n(@@begin\n.*?\n@@end\n)" % name,
                      raw, re.S)
        if not m:
            sys.exit(f"no output for toml case {name}")
        (OUT / "toml" / f"{name}.txt").write_text(m.group(1))
        found += 1
    print(f"{found} goldens written to {OUT}")


if __name__ == "__main__":
    main()
