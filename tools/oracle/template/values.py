"""Values for conformance cases: values.yaml text, `--set` parsing and the typed JSON tree.

Cases describe their chart values as Python data. This module writes that data as YAML
(what the oracle chart's values.yaml contains), applies `--set` strings the way Helm does
for the simple `a.b=v` forms the cases use, and produces the merged tree the harness
hands to the engine as `.Values`, encoded as JSON whose numbers carry their Go type:
a number written with `.` or an exponent is a float64 (every YAML number), an integer
literal is an int64 (a `--set` number).
"""

from __future__ import annotations

import json
import re

_INT64 = re.compile(r"^[+-]?[0-9]+$")


def _scalar_yaml(v) -> str:
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    raise TypeError(f"unsupported value {v!r}")


def _yaml_lines(v, indent: int) -> list[str]:
    pad = " " * indent
    out = []
    if isinstance(v, dict):
        for k, item in v.items():
            key = json.dumps(str(k), ensure_ascii=False)
            if isinstance(item, (dict, list)) and item:
                out.append(f"{pad}{key}:")
                out.extend(_yaml_lines(item, indent + 2))
            else:
                out.append(f"{pad}{key}: {_inline(item)}")
    else:
        for item in v:
            if isinstance(item, (dict, list)) and item:
                sub = _yaml_lines(item, indent + 2)
                out.append(f"{pad}- {sub[0].lstrip()}")
                out.extend(sub[1:])
            else:
                out.append(f"{pad}- {_inline(item)}")
    return out


def _inline(v) -> str:
    if isinstance(v, dict):
        return "{}"
    if isinstance(v, list):
        return "[]"
    return _scalar_yaml(v)


def to_yaml(values: dict) -> str:
    """Block YAML for a values dict (keys and strings double-quoted, numbers plain)."""
    if not values:
        return ""
    return "\n".join(_yaml_lines(values, 0)) + "\n"


def _from_yaml_numbers(v, in_list: bool = False):
    """What sigs.k8s.io/yaml makes of the data: every number a float64. Helm's coalescing
    of chart defaults drops nil entries of maps reached through maps (not inside lists)."""
    if isinstance(v, bool) or v is None or isinstance(v, str):
        return v
    if isinstance(v, (int, float)):
        return float(v)
    if isinstance(v, dict):
        return {
            str(k): _from_yaml_numbers(x, in_list)
            for k, x in v.items()
            if x is not None or in_list
        }
    return [_from_yaml_numbers(x, True) for x in v]


def parse_set_value(text: str):
    """Helm's `--set` typing: bools, null, 0, base-10 int64 not starting with 0, else string."""
    low = text.lower()
    if low == "true":
        return True
    if low == "false":
        return False
    if low == "null":
        return None
    if text == "0":
        return 0
    if text and text[0] != "0" and _INT64.match(text):
        n = int(text, 10)
        if -(2**63) <= n < 2**63:
            return n
    return text


def apply_set(tree: dict, item: str) -> None:
    """Applies one `a.b=v` (no lists, no escapes, no commas) to `tree` in place."""
    key, _, raw = item.partition("=")
    path = key.split(".")
    node = tree
    for part in path[:-1]:
        nxt = node.get(part)
        if not isinstance(nxt, dict):
            nxt = {}
            node[part] = nxt
        node = nxt
    val = parse_set_value(raw)
    if val is None:
        node.pop(path[-1], None)
    else:
        node[path[-1]] = val


def merged(values: dict, sets: list[str]) -> dict:
    """The `.Values` tree Helm builds from values.yaml data plus `--set` strings."""
    tree = _from_yaml_numbers(values or {})
    for item in sets:
        apply_set(tree, item)
    return tree


def typed_json(tree) -> str:
    """JSON of the tree; floats always keep a `.` or an exponent, ints never have one."""

    def enc(v):
        if isinstance(v, float):
            r = repr(v)
            if r in ("inf", "-inf", "nan"):
                raise ValueError("non-finite value")
            return r
        if isinstance(v, bool) or v is None or isinstance(v, (int, str)):
            return json.dumps(v, ensure_ascii=False)
        if isinstance(v, dict):
            return "{" + ",".join(f"{json.dumps(k, ensure_ascii=False)}:{enc(x)}" for k, x in v.items()) + "}"
        return "[" + ",".join(enc(x) for x in v) + "]"

    return enc(tree)
