#!/usr/bin/env python3
"""Real-world check: every values.yaml of the shared corpus through Helm's
`fromYaml | toYaml` and `toJson` (REAL helm binary), written to an output directory that
the `corpus` test of tug-yaml compares against (too large to commit).

    python3 tools/oracle/yaml/corpus.py /tmp/tug-yaml-corpus
    TUG_YAML_CORPUS=/tmp/tug-yaml-corpus cargo test -p tug-yaml --test corpus
"""
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[2]
CORPUS = ROOT.parent / "shared/corpus/charts"
sys.path.insert(0, str(HERE))
from gen import HELPERS, helm  # noqa: E402

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
@@types
{{ include "types" $m }}
{{ end -}}
@@end
'''


def main() -> None:
    out = pathlib.Path(sys.argv[1])
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    files = sorted(CORPUS.rglob("values.yaml")) + sorted(
        (CORPUS.parent / "cases").rglob("*.values.yaml"))
    with tempfile.TemporaryDirectory() as tmp:
        chart = pathlib.Path(tmp) / "c"
        (chart / "templates").mkdir(parents=True)
        (chart / "docs").mkdir()
        (chart / "Chart.yaml").write_text("apiVersion: v2\nname: c\nversion: 0.1.0\n")
        (chart / "templates/_helpers.tpl").write_text(HELPERS)
        (chart / "templates/zz_force_raw.yaml").write_text(": :\n")
        names = []
        for i, f in enumerate(files):
            name = f"v{i:03d}"
            names.append(name)
            data = f.read_bytes()
            (chart / "docs" / f"{name}.yaml").write_bytes(data)
            (out / f"{name}.yaml").write_bytes(data)
            (out / f"{name}.path").write_text(str(f.relative_to(CORPUS.parent)))
            (chart / "templates" / f"{name}.yaml").write_text(TEMPLATE.replace("NAME", name))
        raw = subprocess.run([helm(), "template", "x", str(chart), "--debug"],
                             capture_output=True).stdout.decode("utf-8", "surrogateescape")
    for name in names:
        m = re.search(r"\n# Source: c/templates/%s\.yaml\n(@@begin\n.*?\n@@end\n)" % name, raw, re.S)
        if not m:
            sys.exit(f"no output for {name}")
        (out / f"{name}.txt").write_bytes(m.group(1).encode("utf-8", "surrogateescape"))
    print(f"{len(names)} corpus values files written to {out}")


if __name__ == "__main__":
    main()
