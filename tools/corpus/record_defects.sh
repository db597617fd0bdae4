#!/usr/bin/env bash
# Records what the real Helm v4.2.3 prints for corpus cases that cannot reproduce their
# golden on the stored corpus (see defects/*.json for the reason), so the corpus runner
# can hold tug to Helm's actual behaviour on them.
#   tools/corpus/record_defects.sh CORPUS_DIR
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
corpus=$(cd "${1:?usage: record_defects.sh CORPUS_DIR}" && pwd)
helm="$("$root/tools/oracle/install.sh" 2>/dev/null)/helm"
file="$root/tools/corpus/defects/missing-vendored-deps.json"
python3 - "$corpus" "$helm" "$file" <<'PY'
import json, subprocess, sys
corpus, helm, path = sys.argv[1:]
d = json.load(open(path))
for key in sorted(d["cases"]):
    chart, case = key.split("/")
    p = subprocess.run([helm, "template", "corpus", "charts/" + chart, "-n", "default",
                        "-f", "cases/%s/%s.values.yaml" % (chart, case)],
                       cwd=corpus, capture_output=True, text=True)
    d["cases"][key] = {"stderr": p.stderr, "exit": p.returncode}
json.dump(d, open(path, "w"), indent=1, sort_keys=True)
print("recorded %d cases" % len(d["cases"]))
PY
