"""A seeded, grammar-based generator of random Go templates and value trees.

Every case is a random value tree (rendered as values.yaml, so its numbers are float64),
a few `--set` scalars (int64, string, bool) and a template that combines the engine's
constructs: text with trim markers and comments, nested if/else if/with/else with/range
(with `$i, $v`, break, continue), variable declaration and assignment, field chains over
the value tree (mostly valid, sometimes missing or running into nil), literals in every
Go syntax, pipelines and parenthesised calls of the builtins, comparisons between mixed
types, printf with random verbs, define/template/include, and now and then a deliberate
syntax error. The same seed always produces the same cases.
"""

from __future__ import annotations

import random

import values as values_mod

KEYS = ["a", "b", "name", "port", "x1", "Key", "enabled", "items", "cfg", "v"]
ODD_KEYS = ["10", "9", "a-b", "with space"]
WORDS = ["alpha", "beta", "", "Hello World", "x:y", "<b>&", "caf\u00e9", "007", "true", "1e3", "a\"q"]
INT_LITS = ["0", "1", "2", "3", "-1", "42", "0x1F", "0o17", "017", "0b101", "1_000", "'a'", "+7", "1000000"]
FLOAT_LITS = ["0.0", "1.5", "2.0", "-0.5", "1e3", ".5", "1e-7", "1000000.0", "3.25", "1E2", "0x1p-2"]
STR_LITS = ['"abc"', '""', '"a\\tb"', '"x y"', '"<&>"', "`raw`", "`a\\nb`", '"\\u00e9"', '"42"', '"%d"']
VERBS = ["%v", "%d", "%s", "%q", "%x", "%X", "%o", "%b", "%e", "%E", "%f", "%g", "%G", "%t", "%c",
         "%U", "%T", "%5d", "%-5s|", "%05.2f", "%+v", "%#v", "%.3g", "%8.2e", "%[1]v", "%%", "%.1f",
         "%+d", "%x", "% d", "%6.2f", "%-8v|", "%.2s", "%#x", "%3c", "%!", "%z"]
BUILTIN_UNARY = ["len", "not", "html", "js", "urlquery", "print", "println"]
CMP = ["eq", "ne", "lt", "le", "gt", "ge"]


class Scope:
    """Variables visible at a point of the template (name → representative value)."""

    def __init__(self, parent=None):
        self.parent = parent
        self.vars: dict[str, object] = {}

    def all(self) -> dict[str, object]:
        out = dict(self.parent.all()) if self.parent else {}
        out.update(self.vars)
        return out


MISSING = object()


class Gen:
    def __init__(self, seed: int):
        self.r = random.Random(seed)
        self.nvar = 0
        self.ndef = 0
        self.vb = ".Values"

    # --- values ----------------------------------------------------------------------
    def scalar(self):
        r = self.r
        k = r.randrange(8)
        if k == 0:
            return r.choice([0, 1, 2, 3, 5, 10, 100, 123456, 1000000, -4, 7])
        if k == 1:
            return r.choice([0.5, 1.5, 2.25, -1.75, 0.0001, 0.00001, 1e21, 3.0, 1e6 + 0.5])
        if k == 2:
            return r.choice([True, False])
        if k == 3:
            return None
        return r.choice(WORDS)

    def value(self, depth: int):
        r = self.r
        roll = r.random()
        if depth <= 0 or roll < 0.45:
            return self.scalar()
        if roll < 0.75:
            n = r.randrange(0, 4)
            keys = r.sample(KEYS, n) + ([r.choice(ODD_KEYS)] if r.random() < 0.15 else [])
            return {k: self.value(depth - 1) for k in keys}
        return [self.value(depth - 1) for _ in range(r.randrange(0, 4))]

    def values(self) -> dict:
        keys = self.r.sample(KEYS, self.r.randrange(2, 6))
        return {k: self.value(3) for k in keys}

    def sets(self) -> list[str]:
        out = []
        for i in range(self.r.randrange(0, 4)):
            v = self.r.choice(["5", "0", "-3", "1000000", "true", "007", "1.5", "word", "42"])
            key = f"s{i}" if self.r.random() < 0.7 else f"sm.k{i}"
            out.append(f"{key}={v}")
        return out

    # --- expressions -----------------------------------------------------------------
    def literal(self, allow_nil=False) -> str:
        r = self.r
        k = r.randrange(10)
        if k < 3:
            return r.choice(INT_LITS)
        if k < 5:
            return r.choice(FLOAT_LITS)
        if k < 8:
            return r.choice(STR_LITS)
        if k < 9 or not allow_nil:
            return r.choice(["true", "false"])
        return "nil"

    def chain(self, base: str, val, depth: int = 0) -> str:
        """A field chain from `base` following `val` (a Python value or MISSING/unknown)."""
        r = self.r
        text = base
        cur = val
        for _ in range(r.randrange(1, 4)):
            if isinstance(cur, dict) and cur and r.random() < 0.85:
                key = r.choice(list(cur))
                if not key.replace("_", "a").isalnum() or key[0].isdigit():
                    return f"(index {text} {quote(key)})"
                text += "." + key
                cur = cur[key]
            else:
                if text != base and r.random() < 0.92:
                    break
                text += "." + r.choice(KEYS + ["missing"])
                cur = MISSING
                if r.random() < 0.85:
                    break
        if text in (".", "$."):
            return base
        return text.replace("..", ".")

    def operand(self, sc: Scope, dot, root, allow_nil=False) -> str:
        r = self.r
        k = r.random()
        vars_ = sc.all()
        if k < 0.3:
            return self.literal(allow_nil)
        if k < 0.55:
            return self.chain(self.vb, root)
        if k < 0.7 and vars_:
            name = r.choice(list(vars_))
            v = vars_[name]
            if isinstance(v, dict) and r.random() < 0.5:
                return self.chain(name, v)
            return name
        if k < 0.8:
            if isinstance(dot, dict) and dot:
                return self.chain("", dot)
            return "."
        return "(" + self.pipeline(sc, dot, root, 1) + ")"

    def call(self, sc: Scope, dot, root, depth: int) -> str:
        r = self.r
        op = lambda: self.operand(sc, dot, root, allow_nil=True) if depth > 0 else self.literal()
        k = r.choice([0, 0, 1, 1, 2, 3, 4, 5, 6, 6, 7, 8, 9, 10, 11, 11])
        if k == 0:
            return f"{r.choice(BUILTIN_UNARY)} {op()}"
        if k in (1, 2):
            verbs = " ".join(r.choice(VERBS) for _ in range(r.randrange(1, 4)))
            args = " ".join(op() for _ in range(r.randrange(0, 4)))
            return f"printf {quote(verbs)} {args}".rstrip()
        if k == 3:
            return f"print {' '.join(op() for _ in range(r.randrange(1, 4)))}"
        if k in (4, 5):
            name = r.choice(CMP)
            a = op() if r.random() < 0.4 else r.choice(INT_LITS + FLOAT_LITS + STR_LITS)
            b = self.similar(a, sc, dot, root) if r.random() < 0.8 else op()
            extra = f" {op()}" if name == "eq" and r.random() < 0.2 else ""
            return f"{name} {a} {b}{extra}"
        if k == 6:
            return f"{r.choice(['and', 'or'])} {' '.join(op() for _ in range(r.randrange(1, 4)))}"
        if k == 7:
            target, val = self.collection(root)
            if isinstance(val, list) and r.random() < 0.8:
                key = str(r.randrange(len(val) + 1))
            elif isinstance(val, dict) and val and r.random() < 0.8:
                key = quote(r.choice(list(val)))
            else:
                key = r.choice(["0", "1", '"a"', '"name"', "5", "-1", '"missing"', "1.0"])
            return f"index {target} {key}"
        if k == 8:
            return f"len {self.collection(root)[0]}"
        if k == 9:
            return f"not {op()}"
        if k == 10:
            return f"urlquery {op()} {op()}"
        return f"html {op()}"

    def collection(self, root) -> tuple[str, object]:
        """A chain to a list, map or string of the tree when there is one."""
        found = []

        def walk(v, path):
            if isinstance(v, (list, str)) or (isinstance(v, dict) and path):
                found.append((path, v))
            if isinstance(v, dict):
                for k, x in v.items():
                    if k.replace("_", "a").isalnum() and not k[0].isdigit():
                        walk(x, path + "." + k)

        walk(root, "")
        if not found or self.r.random() < 0.1:
            return self.chain(self.vb, root), None
        path, v = self.r.choice(found)
        return self.vb + path, v

    def similar(self, a: str, sc, dot, root) -> str:
        """An operand likely of the same kind as the literal text `a`."""
        r = self.r
        if a.startswith('"') or a.startswith("`"):
            return r.choice(STR_LITS)
        if a in ("true", "false"):
            return r.choice(["true", "false"])
        if any(c in a for c in ".eE") and not a.startswith("0x"):
            return r.choice(FLOAT_LITS + [self.chain(self.vb, root)])
        return r.choice(INT_LITS + ["(len .Values)"])

    def pipeline(self, sc: Scope, dot, root, depth: int) -> str:
        r = self.r
        head = self.call(sc, dot, root, depth) if r.random() < 0.6 else self.operand(sc, dot, root)
        for _ in range(r.choice([0, 0, 0, 1, 1, 2])):
            k = r.choice([0, 0, 1, 1, 1, 2, 3, 3, 4, 5, 5])
            if k == 0:
                head += f" | printf {quote(r.choice(VERBS))}"
            elif k == 1:
                head += f" | {r.choice(['print', 'html', 'js', 'urlquery', 'len', 'not'])}"
            elif k == 2:
                head += f" | {r.choice(CMP)} {self.literal()}"
            elif k == 3:
                head += f" | {r.choice(['and', 'or'])} {self.operand(sc, dot, root)}"
            elif k == 4:
                head += f" | index {self.chain(self.vb, root)}"
            else:
                head += f" | printf \"%v-%v\" {self.literal()}"
        return head

    # --- statements --------------------------------------------------------------------
    def delims(self) -> tuple[str, str]:
        r = self.r
        return ("{{- " if r.random() < 0.25 else "{{ ", " -}}" if r.random() < 0.25 else " }}")

    def text(self) -> str:
        r = self.r
        return r.choice(["", " ", "\n", "x", "key: ", "\n  - ", " | ", "a b", "\t", "\n\n", "- ", "=", ","])

    def block(self, sc: Scope, dot, root, depth: int, in_range: bool) -> str:
        out = []
        for _ in range(self.r.randrange(1, 4 if depth < 2 else 3)):
            out.append(self.text())
            out.append(self.stmt(sc, dot, root, depth, in_range))
        out.append(self.text())
        return "".join(out)

    def stmt(self, sc: Scope, dot, root, depth: int, in_range: bool) -> str:
        r = self.r
        lo, hi = self.delims()
        k = r.random()
        if depth >= 3 or k < 0.35:
            return f"{lo}{self.pipeline(sc, dot, root, 2)}{hi}"
        if k < 0.45:
            name = f"$v{self.nvar}"
            self.nvar += 1
            src = self.chain(self.vb, root) if r.random() < 0.5 else self.pipeline(sc, dot, root, 1)
            sc.vars[name] = lookup(root, src)
            return f"{lo}{name} := {src}{hi}"
        if k < 0.5 and sc.all():
            name = r.choice(list(sc.all()))
            return f"{lo}{name} = {self.pipeline(sc, dot, root, 1)}{hi}"
        if k < 0.6:
            return self.if_stmt(sc, dot, root, depth, in_range)
        if k < 0.7:
            return self.with_stmt(sc, dot, root, depth, in_range)
        if k < 0.82:
            return self.range_stmt(sc, dot, root, depth)
        if k < 0.86 and in_range:
            return f"{lo}{r.choice(['break', 'continue'])}{hi}"
        if k < 0.9:
            lo_c = "{{- " if lo.startswith("{{-") else "{{"
            hi_c = " -}}" if hi.endswith("-}}") else "}}"
            return f"{lo_c}/* {r.choice(['note', 'a{{b}}', ''])} */{hi_c}"
        return f"{lo}{self.pipeline(sc, dot, root, 2)}{hi}"

    def cond(self, sc, dot, root) -> str:
        r = self.r
        if r.random() < 0.5:
            return self.chain(self.vb, root)
        return self.pipeline(sc, dot, root, 1)

    def if_stmt(self, sc, dot, root, depth, in_range) -> str:
        r = self.r
        lo, hi = self.delims()
        out = [f"{lo}if {self.cond(sc, dot, root)}{hi}", self.block(Scope(sc), dot, root, depth + 1, in_range)]
        for _ in range(r.choice([0, 0, 1, 2])):
            lo, hi = self.delims()
            out += [f"{lo}else if {self.cond(sc, dot, root)}{hi}", self.block(Scope(sc), dot, root, depth + 1, in_range)]
        if r.random() < 0.5:
            lo, hi = self.delims()
            out += [f"{lo}else{hi}", self.block(Scope(sc), dot, root, depth + 1, in_range)]
        lo, hi = self.delims()
        out.append(f"{lo}end{hi}")
        return "".join(out)

    def with_stmt(self, sc, dot, root, depth, in_range) -> str:
        r = self.r
        lo, hi = self.delims()
        src = self.chain(self.vb, root) if r.random() < 0.7 else self.pipeline(sc, dot, root, 1)
        inner = lookup(root, src)
        saved, self.vb = self.vb, "$.Values"
        out = [f"{lo}with {src}{hi}", self.block(Scope(sc), inner, root, depth + 1, in_range)]
        for _ in range(r.choice([0, 0, 1])):
            lo, hi = self.delims()
            src2 = self.chain(self.vb, root)
            out += [f"{lo}else with {src2}{hi}", self.block(Scope(sc), lookup(root, src2), root, depth + 1, in_range)]
        if r.random() < 0.4:
            lo, hi = self.delims()
            out += [f"{lo}else{hi}", self.block(Scope(sc), dot, root, depth + 1, in_range)]
        lo, hi = self.delims()
        out.append(f"{lo}end{hi}")
        self.vb = saved
        return "".join(out)

    def range_stmt(self, sc, dot, root, depth) -> str:
        r = self.r
        lo, hi = self.delims()
        k = r.random()
        if k < 0.15:
            src = r.choice(["3", "0", "2", "-1", ".Values.s0", "1.5"])
        elif k < 0.8:
            src = self.collection(root)[0]
        else:
            src = self.chain(self.vb, root)
        val = lookup(root, src)
        if isinstance(val, (int, float)) and not isinstance(val, bool) and val > 8:
            src, val = "3", None  # keep outputs small: no range over 1000000
        elem = None
        if isinstance(val, list) and val:
            elem = val[0]
        elif isinstance(val, dict) and val:
            elem = next(iter(val.values()))
        body_sc = Scope(sc)
        decl = ""
        roll = r.random()
        if roll < 0.3:
            i, v = f"$i{self.nvar}", f"$e{self.nvar}"
            self.nvar += 1
            body_sc.vars[i] = None
            body_sc.vars[v] = elem
            decl = f"{i}, {v} := "
        elif roll < 0.5:
            v = f"$e{self.nvar}"
            self.nvar += 1
            body_sc.vars[v] = elem
            decl = f"{v} := "
        saved, self.vb = self.vb, "$.Values"
        out = [f"{lo}range {decl}{src}{hi}", self.block(body_sc, elem, root, depth + 1, True)]
        if r.random() < 0.3:
            lo, hi = self.delims()
            out += [f"{lo}else{hi}", self.block(Scope(sc), dot, root, depth + 1, False)]
        lo, hi = self.delims()
        out.append(f"{lo}end{hi}")
        self.vb = saved
        return "".join(out)

    def defines(self, sc, root) -> tuple[str, str]:
        """A define and a call of it (template or include)."""
        r = self.r
        name = f"d{self.ndef}"
        self.ndef += 1
        body = self.block(Scope(), None, root, 2, False)
        call = r.choice(["template", "include"])
        arg = r.choice([".", "$", ".", "$", ".", "$", ".Values", self.chain(self.vb, root), "nil", "1"])
        use = f"{{{{ {call} \"{name}\" {arg} }}}}"
        return f"{{{{ define \"{name}\" }}}}{body}{{{{ end }}}}", use

    def mutate(self, text: str) -> str:
        """Introduces one syntax error (a few percent of the cases)."""
        r = self.r
        k = r.randrange(6)
        if k == 0 and "{{ end }}" in text:
            return text.replace("{{ end }}", "", 1)
        if k == 1:
            pos = r.randrange(len(text) + 1)
            return text[:pos] + "{{ end }}" + text[pos:]
        if k == 2:
            return text + "{{ nosuchfunc 1 }}"
        if k == 3:
            return text + "{{ .Values"
        if k == 4:
            return text.replace("}}", "}", 1)
        return text + "{{ else }}"

    def case(self, index: int) -> dict:
        data = self.values()
        sets = self.sets()
        root = values_mod.merged(data, sets)
        self.nvar = 0
        self.ndef = 0
        sc = Scope()
        parts = []
        if self.r.random() < 0.15:
            d, use = self.defines(sc, root)
            parts += [d, use]
        parts.append(self.block(sc, root, root, 0, False))
        text = "".join(parts)
        if self.r.random() < 0.04:
            text = self.mutate(text)
        return {"name": f"gen_{index:05d}", "template": text, "values": data, "set": sets}


def quote(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def lookup(root, expr: str):
    """Best-effort value of a `.Values.a.b` chain in the generator's tree (None if unknown)."""
    expr = expr.removeprefix("$")
    if not expr.startswith(".Values"):
        return None
    cur = {"Values": root}
    for part in expr[1:].split("."):
        if not isinstance(cur, dict) or part not in cur:
            return None
        cur = cur[part]
    return cur


def generate(count: int, seed: int = 20261121) -> list[dict]:
    """`count` cases, deterministic for a given seed (each case has its own sub-seed)."""
    out = []
    for i in range(count):
        g = Gen(seed * 100003 + i)
        out.append(g.case(i))
    return out


# --- focused profiles ------------------------------------------------------------------
# Small single-action cases that hammer one area each: fmt verbs with random flags, widths
# and precisions over values of every Go type; and comparisons between operands of every
# kind (int/float literals, float64 values, int64 --set values, strings, bools, nil, …).

FOCUS_VALUES = {
    "f0": 0.0, "f1": 1.0, "f2": 2.5, "f3": -0.001, "f4": 1e6, "f5": 123456789.0, "f6": 1e-7,
    "f7": 12345678901234567890, "f8": 0.1, "f9": -1e21, "f10": 100.0, "f11": 999999.0,
    "s0": "", "s1": "abc", "s2": "h\u00e9llo", "s3": "tab\there", "s4": "42", "s5": "\u2603 snow",
    "b0": True, "b1": False, "l0": [], "l1": [1, "a", True], "m0": {}, "m1": {"k": 1.5, "j": "v"},
}
FOCUS_SETS = ["i0=0", "i1=7", "i2=-12", "i3=1000000", "i4=9223372036854775807", "t0=true", "w0=word"]
FOCUS_OPERANDS = (
    [f".Values.{k}" for k in FOCUS_VALUES]
    + [".Values." + s.split("=")[0] for s in FOCUS_SETS]
    + ["0", "1", "-1", "7", "42", "255", "1000000", "0x1F", "'a'", "'\u2603'", "1.0", "2.5", "-0.5",
       "1e6", "1e-7", "0.1", '"x"', '""', '"42"', "`raw`", "true", "false", "nil", ".Values.missing",
       "(len .Values.l1)", "(index .Values.l1 1)", "(index \"abc\" 1)", "2i"]
)
FOCUS_VERBS = "vdsqxXobeEfFgGtcUT"


def _fmt_spec(r: random.Random) -> str:
    flags = "".join(r.sample("-+# 0", r.randrange(0, 3)))
    width = r.choice(["", "", "", "1", "5", "8", "12", "*"])
    prec = r.choice(["", "", "", ".0", ".1", ".2", ".3", ".6", ".10", ".*", "."])
    index = r.choice([""] * 8 + ["[1]", "[2]", "[3]"])
    return "%" + flags + width + prec + index + r.choice(FOCUS_VERBS)


LIT_PARTS = ["0", "1", "7", "9", "0x", "0X", "0o", "0b", "_", ".", "e", "E", "p", "+", "-", "i", "f", "A", "8"]


def _literal(r: random.Random) -> str:
    """A random token that may or may not be a valid Go number literal."""
    if r.random() < 0.5:
        return r.choice(INT_LITS + FLOAT_LITS + ["-0", "+.5", "0x1p-2", "1_2.3_4e5_6", "0X1P+2", "0b1_0", "1e+06", "08.5", "0i", "0o7_7"])
    text = r.choice(["0", "1", "9", "0x", "0o", "0b", ".", "-", "+", "'"])
    for _ in range(r.randrange(1, 5)):
        text += r.choice(LIT_PARTS)
    return text


def focus_case(r: random.Random, index: int, profile: str) -> dict:
    if profile == "esc":
        fn = r.choice(["html", "js", "urlquery", "print", "println", "len", "index", "not", "and", "or"])
        args = " ".join(r.choice(FOCUS_OPERANDS) for _ in range(r.randrange(0 if fn in ("print", "println") else 1, 4)))
        text = f"{{{{ {fn} {args} }}}}".replace("  }}", " }}")
    elif profile == "print":
        args = " ".join(r.choice(FOCUS_OPERANDS) for _ in range(r.randrange(1, 5)))
        text = f"[{{{{ {args} }}}}]" if r.random() < 0.3 else f"{{{{ print {args} }}}}|{{{{ println {args} }}}}"
    elif profile == "lit":
        a, b = _literal(r), _literal(r)
        text = f"{{{{ printf \"%T %v\" {a} {b} }}}}" if r.random() < 0.7 else f"{{{{ {a} }}}}"
    elif profile == "fmt":
        fmt = "|".join(_fmt_spec(r) for _ in range(r.randrange(1, 4)))
        args = " ".join(r.choice(FOCUS_OPERANDS) for _ in range(r.randrange(0, 5)))
        text = f"{{{{ printf {quote(fmt)} {args} }}}}".replace("  }}", " }}")
    else:
        name = r.choice(CMP)
        n = 2 if name != "eq" or r.random() < 0.7 else r.randrange(1, 5)
        args = " ".join(r.choice(FOCUS_OPERANDS) for _ in range(n))
        text = f"{{{{ {name} {args} }}}}"
    return {"name": f"gen_{profile}_{index:05d}", "template": text, "values": FOCUS_VALUES, "set": FOCUS_SETS}


def generate_focus(count: int, seed: int = 20261121) -> list[dict]:
    """`count` focused cases: the first 900 two thirds fmt, one third comparisons; then
    escapers/len/index/and/or, print/println spacing, and number-literal lexing in turn."""
    out = []
    for i in range(count):
        r = random.Random(seed * 7919 + i)
        if i < 900:
            profile = "fmt" if i % 3 else "cmp"
        else:
            profile = ("esc", "print", "lit")[i % 3]
        out.append(focus_case(r, i, profile))
    return out


# --- chains profile ----------------------------------------------------------------------
# One action per case over a random value tree: field chains that follow the tree, stray
# into missing keys or through scalars and nil, and the constructs that consume them.

def _tree_chain(r: random.Random, root: dict) -> str:
    text, cur = ".Values", root
    for _ in range(r.randrange(1, 5)):
        if isinstance(cur, dict) and cur and r.random() < 0.85:
            key = r.choice(list(cur))
            if not key.replace("_", "a").isalnum() or key[0].isdigit():
                return f"(index {text} {quote(key)})"
            text, cur = f"{text}.{key}", cur[key]
        elif isinstance(cur, list) and cur and r.random() < 0.7:
            i = r.randrange(len(cur))
            text, cur = f"(index {text} {i})", cur[i]
        else:
            text, cur = f"{text}.{r.choice(KEYS + ['missing'])}", None
            if r.random() < 0.5:
                break
    return text


def chain_case(index: int, seed: int) -> dict:
    r = random.Random(seed * 104729 + index)
    g = Gen(seed * 31 + index)
    data = g.values()
    c = _tree_chain(r, data)
    forms = [
        "{{ %s }}",
        "{{ with %s }}{{ . }}{{ else }}E{{ end }}",
        "{{ range $k, $v := %s }}{{ $k }}={{ $v }};{{ else }}E{{ end }}",
        "{{ index %s " + r.choice(["0", "1", '"a"', '"name"', '"missing"']) + " }}",
        "{{ len %s }}",
        "{{ printf \"%%v|%%T\" %s %s }}",
        "{{ if %s }}T{{ else }}F{{ end }}",
        "{{ and %s true }}|{{ or %s \"d\" }}",
        "{{ eq %s " + r.choice(["1.0", "1", '"alpha"', "true", "nil"]) + " }}",
    ]
    form = r.choice(forms)
    text = form % tuple([c] * form.count("%s"))
    return {"name": f"gen_chain_{index:05d}", "template": text, "values": data, "set": []}


def generate_chains(count: int, seed: int = 20261121) -> list[dict]:
    """`count` single-action field-chain cases over random value trees."""
    return [chain_case(i, seed) for i in range(count)]
