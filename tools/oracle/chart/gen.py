#!/usr/bin/env python3
"""Regenerates the chart/values goldens of tug-chart and tug-values from the REAL Helm.

    python3 tools/oracle/chart/gen.py            # uses tools/oracle/install.sh

Every golden file carries its inputs (flags, Chart.yaml text, archive entries) next to
Helm's output, so the Rust tests rebuild the same inputs and compare. Outputs come from
`helm template` only; nothing here is produced by tug.
"""
import io, json, os, re, subprocess, sys, tarfile, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
CHART_TESTS = os.path.join(ROOT, "crates/tug-chart/tests")
VALUES_TESTS = os.path.join(ROOT, "crates/tug-values/tests")
FIX = os.path.join(CHART_TESTS, "fixtures")

HELPERS = '''{{- define "t" -}}
{{- if kindIs "map" . -}}{ {{- range $k, $v := . }}{{ $k }}:{{ include "t" $v }} {{ end -}} }
{{- else if kindIs "slice" . -}}[ {{- range . }}{{ include "t" . }} {{ end -}} ]
{{- else -}}{{ printf "%T(%v)" . . }}{{- end -}}
{{- end -}}
'''


def helm_bin():
    out = subprocess.run([os.path.join(ROOT, "tools/oracle/install.sh")], capture_output=True, text=True, check=True)
    return os.path.join(out.stdout.strip(), "helm")


HELM = helm_bin()


def helm_template(chart, args, cwd=None):
    p = subprocess.run([HELM, "template", "x", chart, *args], capture_output=True, text=True, cwd=cwd)
    if p.returncode != 0:
        err = p.stderr.strip().splitlines()
        msg = "\n".join(err)
        msg = msg[msg.index("Error: ") + 7:] if "Error: " in msg else msg
        return {"error": msg}
    files = {}
    for m in re.finditer(r"^---\n# Source: (.*)\n", p.stdout, re.M):
        start = m.end()
        nxt = p.stdout.find("\n---\n# Source: ", start)
        body = p.stdout[start: nxt if nxt >= 0 else len(p.stdout)]
        body = body.rstrip("\n")
        files[m.group(1)] = body[2:] if body.startswith("# ") and "\n" not in body else body
    warnings = [l for l in p.stderr.splitlines() if l.strip()]
    return {"files": files, "warnings": warnings}


def write_json(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(data, f, indent=1, sort_keys=True, ensure_ascii=False)
        f.write("\n")
    print("wrote", os.path.relpath(path, ROOT))


def tgz(entries, top=None):
    """entries: list of (name, bytes); deterministic gzip+tar."""
    buf = io.BytesIO()
    import gzip
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0) as gz:
        with tarfile.open(fileobj=gz, mode="w", format=tarfile.GNU_FORMAT) as tf:
            for name, data in entries:
                ti = tarfile.TarInfo(name)
                ti.size = len(data)
                ti.mtime = 0
                ti.mode = 0o644
                tf.addfile(ti, io.BytesIO(data))
    return buf.getvalue()


def tree_entries(src, prefix):
    out = []
    for d, _, fs in sorted(os.walk(src)):
        for f in sorted(fs):
            p = os.path.join(d, f)
            out.append((prefix + "/" + os.path.relpath(p, src), open(p, "rb").read()))
    return out


# --------------------------------------------------------------------------- strvals
SET_CASES = [
    ["--set", "a=1,b=true,c=NULL,d=007,e=1.5,f=0,g=-3,h=,i=+7,j=1e3,k=TRUE,l=False,m=0x10"],
    ["--set", "big=9223372036854775807,over=9223372036854775808,neg=-0"],
    ["--set", "a.b.c=x,a.b.d=y"],
    ["--set", "list[0]=a,list[2]=c"],
    ["--set", "l[0].name=x,l[0].v=1,l[1][1]=deep"],
    ["--set", "l={a,1,true,}"],
    ["--set", "l={}"],
    ["--set", r"a\.b=x\,y,c=\{no\}"],
    ["--set", "name=val=ue"],
    ["--set", "a=1", "--set", "a=2"],
    ["--set", "a.b=1", "--set", "a.c=2"],
    ["--set", "a={x,y},b=z"],
    ["--set-string", "a=1,b=true,c=null,d={1,2}"],
    ["--set-literal", r"a.b=x,y=\z{1}"],
    ["--set-literal", "l[1]=v"],
    ["--set-json", 'a={"x":[1,2.5,"s",null,true]},b=5,c="str"'],
    ["--set-json", '{"m":{"k":[1]},"n":null}'],
    ["--set-json", "a=null,b="],
    ["--set-json", "l[1]={\"k\":1}"],
    ["--set", "a=1", "--set-string", "a=2"],
    ["--set-string", "a=2", "--set", "a=1"],
    ["--set", "x=1", "--set-json", "x=2"],
    ["--set", "a=x", "--set", "a=null"],
    ["--set", "a"],
    ["--set", "a,b=1"],
    ["--set", "a={x,y"],
    ["--set", "a[-1]=x"],
    ["--set", "a[65537]=x"],
    ["--set", "a[65536]=x"],
    ["--set", "a[x]=1"],
    ["--set", "a[1"],
    ["--set", "a=1,a.b=2"],
    ["--set", "a=1,a[0]=2"],
    ["--set", "a[0]b=1"],
    ["--set", "a.=1"],
    ["--set", "=1"],
    ["--set", ".".join("k%d" % i for i in range(31)) + "=1"],
    ["--set", ".".join("k%d" % i for i in range(30)) + "=1"],
    ["--set-json", "a={bad"],
    ["--set-json", "{bad"],
    ["--set-string", "a"],
    ["--set-literal", "a"],
    ["--set", "a.b[0]=1,a.b[0].c=2"],
    ["--set", "a[0].b=1,a[0]=2"],
    ["--set", "a=é,ü=1"],
]


def gen_strvals():
    with tempfile.TemporaryDirectory() as d:
        c = os.path.join(d, "sv")
        os.makedirs(os.path.join(c, "templates"))
        open(os.path.join(c, "Chart.yaml"), "w").write("apiVersion: v2\nname: sv\nversion: 0.1.0\n")
        open(os.path.join(c, "templates/_helpers.tpl"), "w").write(HELPERS)
        open(os.path.join(c, "templates/v.yaml"), "w").write('# {{ include "t" .Values }}\n')
        cases = []
        for args in SET_CASES:
            r = helm_template(c, args)
            out = {"args": args}
            if "error" in r:
                out["error"] = r["error"]
            else:
                out["values"] = r["files"]["sv/templates/v.yaml"]
            cases.append(out)
    write_json(os.path.join(VALUES_TESTS, "golden/strvals.json"), cases)


# --------------------------------------------------------------------------- deps
DEPS_CASES = {
    "default": [],
    "alpha-off": ["--set", "alpha.enabled=false"],
    "global-alpha-on": ["--set", "alpha.enabled=null,global.alphaOn=true,tags.front=false"],
    "tags": ["--set", "tags.front=true,tags.back=false"],
    "tags-all-false": ["--set", "tags.front=false"],
    "beta2-on": ["--set", "beta2.on=true,global.region=us"],
    "nested-on": ["--set", "alpha.delta.enabled=true"],
    "nulls-file": ["-f", "VALUES/nulls.yaml"],
    "type-mismatch": ["--set", "alpha=5"],
    "non-bool-condition": ["--set", "alpha.enabled=yes"],
    "table-over-scalar": ["--set-json", 'alpha.size={"x":1}'],
    "scalar-under-table": ["--set-json", 'beta1={"exports":{"data":{"n":{"deep":1}}}}', "--set", "top.x=1"],
    "global-not-table": ["--set", "global=5"],
    "set-file": ["--set-file", "alpha.name=VALUES/name.txt,extra=VALUES/name.txt"],
    "set-file-missing": ["--set-file", "x=VALUES/nope.txt"],
    "multi-doc-file": ["-f", "VALUES/multi.yaml", "-f", "VALUES/nulls.yaml"],
    "broken-file": ["-f", "VALUES/broken.yaml"],
    "list-file": ["-f", "VALUES/list.yaml"],
    "precedence": ["--set", "top=1", "--set-json", "top=2", "--set-string", "top=3", "-f", "VALUES/multi.yaml"],
}


def gen_deps():
    chart = os.path.join(FIX, "deps-umbrella")
    g = os.path.join(chart, "charts/gamma-2.1.0.tgz")
    src = os.path.join(FIX, "src/gamma")
    open(g, "wb").write(tgz(tree_entries(src, "gamma")))
    out = {}
    for name, args in DEPS_CASES.items():
        args = [a.replace("VALUES/", os.path.join(CHART_TESTS, "values") + "/") for a in args]
        r = helm_template(chart, args)
        vdir = os.path.join(CHART_TESTS, "values") + "/"
        r["args"] = [a.replace(vdir, "VALUES/") for a in args]
        if "error" in r:
            r["error"] = r["error"].replace(vdir, "VALUES/")
        out[name] = r
    write_json(os.path.join(CHART_TESTS, "golden/deps.json"), out)


# --------------------------------------------------------------------------- Chart.yaml
CHART_YAMLS = {
    "typed-fields": "apiVersion: v2\nname: c\nversion: 1.0\nappVersion: 1.10\nkeywords: [a, 1.5, true]\nannotations:\n  n: 5\n  k: v\nmaintainers:\n  - name: me\n    email: e\nsources: [s]\ndeprecated: yes\nkubeVersion: '>=1.0.0-0'\ntype: application\n",
    "case-insensitive-keys": "APIVersion: v2\nName: c\nVERSION: 0.1.0\n",
    "no-api-version": "name: c\nversion: 0.1.0\n",
    "missing-name": "apiVersion: v2\nversion: 0.1.0\n",
    "missing-version": "apiVersion: v2\nname: c\n",
    "bad-version": "apiVersion: v2\nname: c\nversion: one\n",
    "lenient-version": "apiVersion: v2\nname: c\nversion: v1.2\n",
    "bad-type": "apiVersion: v2\nname: c\nversion: 0.1.0\ntype: plugin\n",
    "library": "apiVersion: v2\nname: c\nversion: 0.1.0\ntype: library\n",
    "dotdot-name": "apiVersion: v2\nname: ..\nversion: 0.1.0\n",
    "slash-name": "apiVersion: v2\nname: a/b\nversion: 0.1.0\n",
    "bad-alias": "apiVersion: v2\nname: c\nversion: 0.1.0\ndependencies:\n  - name: d\n    version: 1.0.0\n    alias: bad.alias\n",
    "duplicate-alias": "apiVersion: v2\nname: c\nversion: 0.1.0\ndependencies:\n  - name: d\n    alias: x\n  - name: x\n",
    "null-dependency": "apiVersion: v2\nname: c\nversion: 0.1.0\ndependencies:\n  -\n",
    "null-maintainer": "apiVersion: v2\nname: c\nversion: 0.1.0\nmaintainers:\n  - ~\n",
    "missing-dependency": "apiVersion: v2\nname: c\nversion: 0.1.0\ndependencies:\n  - name: nothere\n    version: 1.0.0\n  - name: neither\n",
    "version-list": "apiVersion: v2\nname: c\nversion: [1]\n",
    "not-yaml": "apiVersion: v2\nname: c\nversion: 0.1.0\n  bad: indent\n",
    "control-chars": "apiVersion: v2\nname: c\nversion: 0.1.0\ndescription: \"a\\tb\\u0007c\"\n",
    "bom": "\ufeffapiVersion: v2\nname: c\nversion: 0.1.0\n",
    "unsupported-api": "apiVersion: v9\nname: c\nversion: 0.1.0\n",
    "kube-version-too-old": "apiVersion: v2\nname: c\nversion: 0.1.0\nkubeVersion: '<1.20.0'\n",
    "kube-version-ok": "apiVersion: v2\nname: c\nversion: 0.1.0\nkubeVersion: '>=1.20.0-0 <2'\n",
}


def gen_chartyaml():
    out = {}
    with tempfile.TemporaryDirectory() as d:
        for name, text in CHART_YAMLS.items():
            c = os.path.join(d, name)
            os.makedirs(os.path.join(c, "templates"))
            with open(os.path.join(c, "Chart.yaml"), "w", encoding="utf-8") as f:
                f.write(text)
            open(os.path.join(c, "templates/c.yaml"), "w").write("{{ toJson .Chart }}\n")
            r = helm_template(c, [])
            res = {"chart_yaml": text}
            if "error" in r:
                res["error"] = r["error"].replace(c, "CHART")
            else:
                res["chart"] = r["files"].get(next(iter(r["files"]), ""), "") if r["files"] else ""
            out[name] = res
    write_json(os.path.join(CHART_TESTS, "golden/chartyaml.json"), out)


# --------------------------------------------------------------------------- archives
CHART_YAML = b"apiVersion: v2\nname: arc\nversion: 0.1.0\n"
TPL = b"kind: ConfigMap\n"
ARCHIVES = {
    "ok": [["arc/Chart.yaml", "t:chart"], ["arc/templates/cm.yaml", "t:tpl"]],
    "absolute": [["arc/Chart.yaml", "t:chart"], ["arc//etc/passwd", "t:tpl"]],
    "parent": [["arc/Chart.yaml", "t:chart"], ["arc/../../evil.yaml", "t:tpl"]],
    "outside": [["arc/Chart.yaml", "t:chart"], ["arc", "t:tpl"]],
    "drive": [["arc/Chart.yaml", "t:chart"], ["arc/c:/x.yaml", "t:tpl"]],
    "chart-yaml-top": [["Chart.yaml/x", "t:chart"]],
    "oversized-file": [["arc/Chart.yaml", "t:chart"], ["arc/big.txt", "z:5242881"]],
    "max-file": [["arc/Chart.yaml", "t:chart"], ["arc/big.txt", "z:5242880"]],
    "backslashes": [["arc\\Chart.yaml", "t:chart"], ["arc\\templates\\cm.yaml", "t:tpl"]],
    "bom": [["arc/Chart.yaml", "t:bomchart"], ["arc/templates/cm.yaml", "t:tpl"]],
    "no-chart-yaml": [["arc/templates/cm.yaml", "t:tpl"]],
}
# Non-archive inputs: raw bytes descriptions.
RAW = {
    "not-gzip": "text:apiVersion: v2\n",
    "binary": "bin:0001020304",
    "truncated": "truncate:ok:60",
    "empty-archive": "empty",
}


def entry_bytes(spec):
    kind, _, arg = spec.partition(":")
    if kind == "z":
        return b"\0" * int(arg)
    return {"chart": CHART_YAML, "tpl": TPL, "bomchart": b"\xef\xbb\xbf" + CHART_YAML}[arg]


def raw_bytes(spec):
    kind, _, arg = spec.partition(":")
    if kind == "text":
        return arg.encode()
    if kind == "bin":
        return bytes.fromhex(arg)
    if kind == "truncate":
        name, _, n = arg.partition(":")
        return tgz([(e, entry_bytes(s)) for e, s in ARCHIVES[name]])[: int(n)]
    if kind == "empty":
        return tgz([])
    raise ValueError(spec)


def gen_archives():
    out = {}
    with tempfile.TemporaryDirectory() as d:
        for name, entries in ARCHIVES.items():
            p = os.path.join(d, name + ".tgz")
            open(p, "wb").write(tgz([(e, entry_bytes(s)) for e, s in entries]))
            r = helm_template(p, [])
            out[name] = {"entries": entries, **({"error": r["error"].replace(d + "/", "DIR/")} if "error" in r else {"files": sorted(r["files"])})}
        for name, spec in RAW.items():
            p = os.path.join(d, name + ".tgz")
            open(p, "wb").write(raw_bytes(spec))
            r = helm_template(p, [])
            out[name] = {"raw": spec, **({"error": r["error"].replace(d + "/", "DIR/")} if "error" in r else {"files": sorted(r["files"])})}
    write_json(os.path.join(CHART_TESTS, "golden/archives.json"), out)


# --------------------------------------------------------------------------- schema
SCHEMA_CASES = {
    "valid": [],
    "missing-and-min": ["--set", "name=null,port=0"],
    "types": ["--set", "name=5,port=x,mode=slow"],
    "pattern-length": ["--set", "name=A"],
    "additional": ["--set", "strict.a=true,strict.b=1,strict.c=2"],
    "max-properties-and-type": ["--set", "labels.x=1,labels.y=b"],
    "exclusive-and-null": ["--set", "ratio=1"],
    "ratio-null-ok": ["--set-json", "ratio=null"],
    "unique-items": ["--set-json", "tags=[1,1]"],
    "min-items": ["--set-json", "tags=[]"],
    "one-of-none": ["--set-json", "choice=[1]"],
    "ref": ["--set", "ref=-1"],
    "sub-max": ["--set", "sub.level=9"],
    "sub-not-map": ["--set", "sub=5"],
    "both-charts": ["--set", "port=70000,sub.level=6"],
    "float-for-integer": ["--set-json", "port=1.5"],
}


def gen_schema():
    chart = os.path.join(FIX, "schema-parent")
    out = {}
    for name, args in SCHEMA_CASES.items():
        r = helm_template(chart, args)
        out[name] = {"args": args, **({"error": r["error"]} if "error" in r else {"ok": True})}
    write_json(os.path.join(CHART_TESTS, "golden/schema.json"), out)


# --------------------------------------------------------------------------- .helmignore
def gen_ignore():
    chart = os.path.join(FIX, "ignore-chart")
    r = helm_template(chart, [])
    write_json(os.path.join(CHART_TESTS, "golden/ignore.json"), r)


# --------------------------------------------------------------------------- manifests
MANIFEST_TESTS = os.path.join(ROOT, "crates/tug-manifest/tests")
MANIFEST_CASES = {
    "default": [],
    "show-only-file": ["--show-only", "templates/a.yaml"],
    "show-only-glob": ["--show-only", "templates/*", "--show-only", "charts/sub/templates/s.yaml"],
    "show-only-missing": ["--show-only", "templates/nope.yaml"],
    "skip-tests": ["--skip-tests"],
    "no-hooks": ["--no-hooks"],
    "include-crds": ["--include-crds"],
    "output-dir": ["--output-dir", "OUT"],
    "output-dir-release-name": ["--output-dir", "OUT", "--release-name"],
}


def gen_manifests():
    chart = os.path.join(MANIFEST_TESTS, "fixtures/manifest-chart")
    out = {}
    for name, args in MANIFEST_CASES.items():
        with tempfile.TemporaryDirectory() as d:
            real = [a.replace("OUT", d) for a in args]
            p = subprocess.run([HELM, "template", "x", chart, *real], capture_output=True, text=True)
            res = {"args": args, "stdout": p.stdout.replace(d, "OUT")}
            if p.returncode != 0:
                err = p.stderr
                res["error"] = err[err.index("Error: ") + 7:].strip()
            if "OUT" in args:
                tree = {}
                for dd, _, fs in os.walk(d):
                    for f in fs:
                        fp = os.path.join(dd, f)
                        tree[os.path.relpath(fp, d)] = open(fp).read()
                res["tree"] = tree
            out[name] = res
    write_json(os.path.join(MANIFEST_TESTS, "golden/manifests.json"), out)


if __name__ == "__main__":
    which = sys.argv[1:] or ["strvals", "deps", "chartyaml", "archives", "schema", "ignore", "manifests"]
    for w in which:
        globals()["gen_" + w]()
