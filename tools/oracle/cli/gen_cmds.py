#!/usr/bin/env python3
"""Records the real Helm v4.2.3's answers for the chart commands (show, create, package,
lint, dependency list) over tug's own fixture charts.

Each case runs in a fresh copy of crates/tug/tests/fixtures (the working directory), with
HOME=/tmp/tughome and a clean environment. The golden JSON holds args, stdout, stderr, code
and, for create/package, the files produced (path -> text), with the temp dir replaced by
"<TMP>". Usage: tools/oracle/cli/gen_cmds.py   (writes crates/tug/tests/golden/<cmd>/*.json)
"""
import json, os, re, shutil, subprocess, sys, tarfile, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
FIX = os.path.join(ROOT, "crates/tug/tests/fixtures")
OUT = os.path.join(ROOT, "crates/tug/tests/golden")

CASES = {
    "show": [
        ["show", "chart", "full"], ["show", "chart", "v1chart"], ["show", "chart", "library"],
        ["show", "chart", "badchart"], ["show", "chart", "nope"],
        ["show", "values", "full"], ["show", "values", "onlycrds"], ["show", "values", "schema"],
        ["show", "values", "full", "--jsonpath", "{.image.repo}"],
        ["show", "values", "full", "--jsonpath", "{.list}"],
        ["show", "readme", "full"], ["show", "readme", "v1chart"], ["show", "readme", "library"],
        ["show", "crds", "full"], ["show", "crds", "onlycrds"], ["show", "crds", "library"],
        ["show", "all", "full"], ["show", "all", "v1chart"], ["show", "all", "onlycrds"],
        ["show", "all", "library"], ["show", "all", "missingdeps"],
        ["show", "chart"], ["show", "chart", "a", "b"],
        ["show", "values", "full", "--jsonpath", "{.replicas}"], ["show", "readme", "full/"],
    ],
    "create": [
        ["create", "mychart"], ["create", "dir/other"], ["create", "full"],
        ["create", "full/Chart.yaml"], ["create", "bad_name!"], ["create", "x", "--starter", "nope"],
        ["create", "fromstarter", "--starter", os.path.join("<CWD>", "library")],
    ],
    "package": [
        ["package", "full"], ["package", "library", "--version", "9.9.9", "--app-version", "2.0"],
        ["package", "v1chart", "-d", "out"], ["package", "onlycrds", "schema"],
        ["package", "badchart"], ["package", "full", "--app-version", "3.0", "-d", "library"], ["package", "nope"], ["package", "missingdeps"],
    ],
    "lint": [
        ["lint", "full"], ["lint", "library"], ["lint", "onlycrds"], ["lint", "v1chart"],
        ["lint", "schema"], ["lint", "missingdeps"], ["lint", "badchart"], ["lint", "badtpl"],
        ["lint", "full", "--strict"], ["lint", "full", "--with-subcharts"],
        ["lint", "full", "--quiet"], ["lint", "full", "schema", "--quiet"],
        ["lint", "schema", "--set", "port=5"], ["lint", "nope"], ["lint", "lintbits"],
        ["lint", "lintbits", "full", "--strict"],
    ],
    "dependency": [
        ["dependency", "list", "full"], ["dependency", "list", "v1chart"],
        ["dependency", "list", "depstates"], ["dependency", "list", "depstates", "--max-col-width", "20"],
        ["dependency", "list", "library"], ["dependency", "list", "missingdeps"],
        ["dependency", "list", "nope"], ["dependency", "list", "full/", "--max-col-width", "4"],
    ],
}


def snapshot(d):
    out = {}
    for base, _, files in os.walk(d):
        for f in files:
            p = os.path.join(base, f)
            out[os.path.relpath(p, d)] = open(p, "rb").read()
    return out


def produced(before, tmp):
    """Files new since `before`; archives listed by entry."""
    res = {}
    for rel, data in sorted(snapshot(tmp).items()):
        if before.get(rel) == data:
            continue
        if rel.endswith(".tgz"):
            with tarfile.open(os.path.join(tmp, rel)) as t:
                for m in t.getmembers():
                    res[rel + "!" + m.name] = t.extractfile(m).read().decode("utf-8", "replace")
        else:
            res[rel] = data.decode("utf-8", "replace")
    return res


def main():
    helm = subprocess.check_output([os.path.join(ROOT, "tools/oracle/install.sh")],
                                   stderr=subprocess.DEVNULL, text=True).strip() + "/helm"
    os.makedirs("/tmp/tughome", exist_ok=True)
    for cmd, cases in CASES.items():
        gdir = os.path.join(OUT, cmd)
        shutil.rmtree(gdir, ignore_errors=True)
        os.makedirs(gdir)
        for i, args in enumerate(cases):
            tmp = tempfile.mkdtemp(prefix="tugcmds")
            cwd = os.path.join(tmp, "w")
            shutil.copytree(FIX, cwd, symlinks=True)
            before = snapshot(cwd)
            real = [a.replace("<CWD>", cwd) for a in args]
            env = {"HOME": "/tmp/tughome", "PATH": "/usr/bin:/bin", "SOURCE_DATE_EPOCH": "1700000000"}
            p = subprocess.run([helm] + real, cwd=cwd, env=env, capture_output=True, text=True)
            norm = lambda s: s.replace(cwd, "<CWD>").replace(tmp, "<TMP>")
            case = {"args": args, "stdout": norm(p.stdout), "stderr": norm(p.stderr),
                    "code": p.returncode}
            if cmd in ("create", "package"):
                case["files"] = produced(before, cwd)
            shutil.rmtree(tmp)
            name = "%02d_%s" % (i, re.sub(r"[^A-Za-z0-9._-]", "-", "_".join(a.strip("-") for a in args[1:]))[:60])
            with open(os.path.join(gdir, name + ".json"), "w") as f:
                json.dump(case, f, indent=1, sort_keys=True)
                f.write("\n")
        print(cmd, len(cases), file=sys.stderr)


if __name__ == "__main__":
    main()
