#!/usr/bin/env python3
"""Records what the real helm v4.2.3 prints and writes for `helm template` command lines over
our fixture charts (crates/tug/tests/fixtures), into crates/tug/tests/golden/template/*.json:
args, stdout, stderr, exit code and, for --output-dir, every written file (path relative to
the output dir, content). Paths of the temporary output dir are written as <OUT>.

    python3 tools/oracle/cli/gen_template.py
"""
import json, os, shutil, subprocess, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
HELM = os.path.join(subprocess.run([os.path.join(ROOT, "tools/oracle/install.sh")], capture_output=True,
                                   text=True, check=True).stdout.strip(), "helm")
FIX = os.path.join(ROOT, "crates/tug/tests/fixtures")
OUT = os.path.join(ROOT, "crates/tug/tests/golden/template")
CASES = {
    "full": ["template", "rel", "full"],
    "full-set": ["template", "full", "--set", "replicaCount=3", "-n", "ns1"],
    "full-show-only": ["template", "rel", "full", "-s", "templates/*"],
    "full-include-crds": ["template", "rel", "full", "--include-crds", "--skip-tests"],
    "output-dir": ["template", "rel", "full", "--output-dir", "<OUT>"],
    "output-dir-release": ["template", "rel", "full", "--output-dir", "<OUT>", "--release-name", "--include-crds"],
    "onlycrds": ["template", "rel", "onlycrds", "--include-crds"],
    "library": ["template", "rel", "library"],
    "missingdeps": ["template", "rel", "missingdeps"],
    "schema": ["template", "rel", "schema"],
    "badtpl": ["template", "rel", "badtpl"],
    "no-chart": ["template", "rel", "nope"],
}


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, args in CASES.items():
        work = tempfile.mkdtemp()
        shutil.copytree(FIX, os.path.join(work, "fx"), symlinks=True)
        out_dir = os.path.join(work, "out")
        real = [a.replace("<OUT>", out_dir) for a in args]
        env = {"HOME": "/tmp/tughome", "PATH": "/usr/bin:/bin"}
        p = subprocess.run([HELM] + real, cwd=os.path.join(work, "fx"), env=env,
                           capture_output=True, text=True)
        files = {}
        if os.path.isdir(out_dir):
            for d, _, fs in os.walk(out_dir):
                for f in fs:
                    full = os.path.join(d, f)
                    files[os.path.relpath(full, out_dir)] = open(full).read()
        rec = {"args": args, "stdout": p.stdout.replace(out_dir, "<OUT>"),
               "stderr": p.stderr.replace(out_dir, "<OUT>"), "code": p.returncode, "files": files}
        json.dump(rec, open(os.path.join(OUT, name + ".json"), "w"), indent=1, sort_keys=True)
        shutil.rmtree(work)
        print(name, p.returncode)


if __name__ == "__main__":
    main()
