"""Runs template cases through the real Helm v4.2.3 binary and records what it produces.

Every case is rendered alone in a throw-away chart (`conf`, release `rel`, template file
`conf/templates/case.yaml`). Two passes:

1. the case text as is: a template error (parse or execution) is Helm's final answer and is
   recorded verbatim (the text after `Error: ` on stderr);
2. for cases that render, the text plus a sentinel suffix, next to a file that renders invalid
   YAML, with `--debug`: Helm then prints the raw render map (`---\\n# Source: <path>\\n<text>\\n`
   per non-blank file, whole blob trimmed). The sentinel keeps trailing whitespace and
   all-blank outputs intact; appending plain text after a template that parses does not
   change what the template itself renders.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor

CHART = "conf"
RELEASE = "rel"
CASE_FILE = f"{CHART}/templates/case.yaml"
SENTINEL = "\u27e6end-of-case-5f3a\u27e7"
BAD_YAML = ": :\n"
DEBUG_HINT = "\n\nUse --debug flag to render out invalid YAML"
CHART_YAML = f"apiVersion: v2\nname: {CHART}\nversion: 0.1.0\nappVersion: \"1.16.0\"\n"


def helm_binary() -> str:
    """Path of the real Helm from tools/oracle/install.sh."""
    here = os.path.dirname(os.path.abspath(__file__))
    script = os.path.join(here, "..", "install.sh")
    out = subprocess.run(["bash", script], check=True, capture_output=True, text=True)
    return os.path.join(out.stdout.strip(), "helm")


def _write_chart(root: str, template: str, values_yaml: str, extra_bad: bool) -> str:
    chart = os.path.join(root, CHART)
    os.makedirs(os.path.join(chart, "templates"))
    with open(os.path.join(chart, "Chart.yaml"), "w", encoding="utf-8") as f:
        f.write(CHART_YAML)
    with open(os.path.join(chart, "values.yaml"), "w", encoding="utf-8") as f:
        f.write(values_yaml)
    with open(os.path.join(chart, "templates", "case.yaml"), "w", encoding="utf-8") as f:
        f.write(template)
    if extra_bad:
        with open(os.path.join(chart, "templates", "zz-invalid.yaml"), "w", encoding="utf-8") as f:
            f.write(BAD_YAML)
    return chart


def _run(helm: str, template: str, values_yaml: str, sets: list[str], debug: bool):
    root = tempfile.mkdtemp(prefix="tugconf-")
    try:
        chart = _write_chart(root, template, values_yaml, extra_bad=debug)
        cmd = [helm, "template", RELEASE, chart, "-n", "default"]
        for s in sets:
            cmd += ["--set", s]
        if debug:
            cmd.append("--debug")
        env = dict(os.environ)
        for k in ("HELM_CACHE_HOME", "HELM_CONFIG_HOME", "HELM_DATA_HOME"):
            env[k] = os.path.join(root, k.lower())
        env["HELM_NAMESPACE"] = "default"
        p = subprocess.run(cmd, capture_output=True, env=env, timeout=60)
        return p.returncode, p.stdout.decode("utf-8", "surrogateescape"), p.stderr.decode(
            "utf-8", "surrogateescape"
        )
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _error_text(stderr: str) -> str:
    idx = stderr.find("Error: ")
    if idx < 0:
        raise RuntimeError(f"no error in stderr: {stderr!r}")
    text = stderr[idx + len("Error: "):]
    text = text[:-1] if text.endswith("\n") else text
    # `helm template` adds this CLI hint when a partial release exists; it is not part of
    # the engine's message.
    return text.removesuffix(DEBUG_HINT)


def _yaml_error(err: str) -> bool:
    return err.startswith("YAML parse error on ")


def _extract(stdout: str, template: str) -> str:
    head = f"# Source: {CASE_FILE}\n"
    start = stdout.find(head)
    if start < 0:
        raise RuntimeError(f"case file missing from debug output: {stdout[:400]!r}")
    start += len(head)
    end = stdout.find(SENTINEL, start)
    if end < 0:
        raise RuntimeError(f"sentinel missing for {template!r}: {stdout[start:start+400]!r}")
    return stdout[start:end]


def render(helm: str, template: str, values_yaml: str, sets: list[str]) -> dict:
    """Renders one case; returns {"output": text} or {"error": message}."""
    code, out, err = _run(helm, template, values_yaml, sets, debug=False)
    if code != 0:
        msg = _error_text(err)
        if not _yaml_error(msg):
            return {"error": msg}
    code, out, err = _run(helm, template + SENTINEL, values_yaml, sets, debug=True)
    if code == 0:
        raise RuntimeError(f"expected the forced YAML error: {out[:300]!r}")
    msg = _error_text(err)
    if not _yaml_error(msg):
        raise RuntimeError(f"sentinel pass failed differently: {msg}")
    return {"output": _extract(out, template)}


def render_all(cases: list[dict], jobs: int = 2) -> list[dict]:
    """Renders every case (dicts with template, values_yaml, set) with `jobs` Helm processes."""
    helm = helm_binary()

    def one(case):
        try:
            return render(helm, case["template"], case["values_yaml"], case.get("set", []))
        except subprocess.TimeoutExpired:
            return None  # Helm did not finish: the case is dropped

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(one, cases))
