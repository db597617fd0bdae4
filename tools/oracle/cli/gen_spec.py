#!/usr/bin/env python3
"""Regenerates tug's command specification and help goldens from the real Helm v4.2.3.

    python3 tools/oracle/cli/gen_spec.py

Walks `helm --help` and every subcommand's `--help` (run with a clean environment and
HOME=/tmp/tughome), then writes:
- crates/tug/src/commands/spec.rs: every command's name, aliases, descriptions, usage
  arguments, examples and flags (types, shorthands, defaults, optional values) as Rust
  data, with home-relative defaults turned back into lookups;
- crates/tug/tests/golden/help/<command path>.txt: the exact help output.
The help text is Helm's observable behaviour: tug must print the same bytes.
"""
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
HOME = "/tmp/tughome"
helm_dir = subprocess.run([os.path.join(ROOT, "tools/oracle/install.sh")], capture_output=True,
                          text=True, check=True).stdout.strip()
HELM = os.path.join(helm_dir, "helm")
ENV = {"HOME": HOME, "PATH": "/usr/bin:/bin"}
STANDARD = {"": "Bool", "string": "String", "strings": "Strings", "stringArray": "StringArray",
            "int": "Int", "float32": "Float32", "duration": "Duration",
            "stringToString": "StringToString"}


def helm_help(path):
    p = subprocess.run([HELM] + path + ["--help"], env=ENV, capture_output=True, text=True)
    return p.stdout


def sections(text):
    head, _, rest = text.partition("Usage:\n")
    out = {"text": head[:-2] if head.endswith("\n\n") else head}
    parts = re.split(r"\n\n(Aliases|Examples|Available Commands|Flags|Global Flags):\n", "\n\n" + "Usage:\n" + rest)
    out["Usage"] = parts[0][len("\n\nUsage:\n"):]
    for i in range(1, len(parts), 2):
        out[parts[i]] = parts[i + 1]
    return out


FLAG_RE = re.compile(r"^  (?:-(\S), )?\s*--([\w-]+)(?: (\S+?))?(?:\[=(\"?)(.*?)\4\])?\s{2,}(.*)$")


def parse_flags(block):
    flags = []
    for line in block.split("\n"):
        if not line.strip() or line.startswith("Use \""):
            break
        m = FLAG_RE.match(line)
        if not m:
            sys.exit("cannot parse flag line: %r" % line)
        short, name, typ, _, noopt, usage = m.groups()
        typ = typ or ""
        default = None
        dm = re.search(r' \(default (".*"|.*)\)$', usage)
        if dm:
            default = dm.group(1)
            usage = usage[:dm.start()]
            if default.startswith('"'):
                default = default[1:-1]
        flags.append(dict(short=short, name=name, type=typ, noopt=noopt, usage=usage, default=default))
    return flags


def rust_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def rust_default(d):
    for prefix, var in ((HOME + "/.cache/helm", "{cache}"), (HOME + "/.config/helm", "{config}"),
                        (HOME + "/.local/share/helm", "{data}"), (HOME, "{home}")):
        if d.startswith(prefix):
            return "crate::paths::expand(%s)" % rust_str(var + d[len(prefix):])
    return rust_str(d)


def flag_code(f):
    kind = STANDARD.get(f["type"])
    kind = "Kind::%s" % kind if kind else "Kind::Custom(%s)" % rust_str(f["type"])
    code = "Flag::new(%s, %s, %s)" % (rust_str(f["name"]), kind, rust_str(f["usage"]))
    if f["short"]:
        code += ".short('%s')" % f["short"]
    if f["default"] is not None:
        code += ".default(%s)" % rust_default(f["default"])
    if f["noopt"] is not None:
        code += ".no_opt(%s)" % rust_str(f["noopt"])
    return code


def walk(path, out, goldens):
    text = helm_help(path)
    goldens["_".join(path) or "root"] = text
    s = sections(text)
    name = path[-1] if path else "helm"
    use_line = s["Usage"].split("\n")[0].strip()
    runnable = use_line.endswith("[flags]") and not use_line.endswith("[command]")
    use_args = ""
    if runnable:
        words = use_line[:-len(" [flags]")].split(" ")
        use_args = " ".join(words[len(path) + 1:])
    children = []
    for line in s.get("Available Commands", "").split("\n"):
        m = re.match(r"^  (\S+)\s+(.*)$", line)
        if m and m.group(1) != "help":
            children.append((m.group(1), m.group(2)))
    aliases = s.get("Aliases", "").strip().split(", ")[1:] if "Aliases" in s else []
    local = [f for f in parse_flags(s.get("Flags", "")) if f["name"] != "help"]
    cmd = dict(path=path, name=name, text=s["text"], use_args=use_args, runnable=runnable,
               example=s.get("Examples", ""), aliases=aliases, flags=local,
               children=[c for c, _ in children], shorts=dict(children))
    out.append(cmd)
    for c, _ in children:
        walk(path + [c], out, goldens)


def main():
    cmds, goldens = [], {}
    walk([], cmds, goldens)
    shorts = {}
    for c in cmds:
        for child, short in c["shorts"].items():
            shorts[tuple(c["path"] + [child])] = short
    lines = ["//! Helm v4.2.3's command tree: names, descriptions, usage and flags.",
             "//!",
             "//! GENERATED by `tools/oracle/cli/gen_spec.py` from the real helm's `--help` output;",
             "//! do not edit by hand. Behaviour is attached in `commands/mod.rs`.",
             "",
             "#![allow(clippy::too_many_lines)]",
             "",
             "use crate::cli::Command;",
             "use crate::cli::flags::{Flag, Kind};",
             ""]
    for c in cmds:
        fn = "cmd_" + ("_".join(p.replace("-", "_") for p in c["path"]) or "root")
        short = shorts.get(tuple(c["path"]), "")
        text = c["text"]
        long = text if text.strip() != short else ""
        lines.append("pub(crate) fn %s() -> Command {" % fn)
        lines.append("    let mut c = Command::new(%s, %s);" % (rust_str(c["name"]), rust_str(short)))
        if long:
            lines.append("    c.long = %s;" % rust_str(long))
        if c["use_args"]:
            lines.append("    c.use_args = %s;" % rust_str(c["use_args"]))
        if c["aliases"]:
            lines.append("    c.aliases = &[%s];" % ", ".join(rust_str(a) for a in c["aliases"]))
        if c["example"]:
            lines.append("    c.example = %s;" % rust_str(c["example"]))
        target = "persistent" if not c["path"] else "flags"
        if c["flags"]:
            lines.append("    c.%s = vec![" % target)
            for f in c["flags"]:
                lines.append("        %s," % flag_code(f))
            lines.append("    ];")
        for child in c["children"]:
            cfn = "cmd_" + "_".join(p.replace("-", "_") for p in c["path"] + [child])
            lines.append("    c.children.push(%s());" % cfn)
        lines.append("    c")
        lines.append("}")
        lines.append("")
    spec = os.path.join(ROOT, "crates/tug/src/commands/spec.rs")
    open(spec, "w").write("\n".join(lines))
    gdir = os.path.join(ROOT, "crates/tug/tests/golden/help")
    os.makedirs(gdir, exist_ok=True)
    for k, v in goldens.items():
        open(os.path.join(gdir, k + ".txt"), "w").write(v)
    print("wrote %d commands to %s and %d help goldens" % (len(cmds), spec, len(goldens)))


if __name__ == "__main__":
    main()
