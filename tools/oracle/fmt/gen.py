#!/usr/bin/env python3
"""Regenerate crates/tug-value/tests/fmt/cases.json from the real Helm v4.2.3.

Every case is one `printf`/`print`/`println` call or one plain action `{{ X }}`.
Arguments are typed ({"int": 3}, {"float64": 1.5}, {"string": "x"}, ...) and turned
into template expressions that yield exactly that Go type:

  int      -> literal `3`                     (text/template constants are int)
  int64    -> `(int64 5)`                     (Sprig, cast.ToInt64)
  float64  -> `.Values.k<case>.a<i>`          (values are float64; NaN/Inf via
              `(float64 "NaN")`, nested ones via `(float64 "<repr>")`)
  string   -> Go-quoted literal
  bool     -> `true` / `false`
  nil      -> `nil`
  bytes    -> `(.Files.GetBytes "files/b<n>")` ([]byte from a chart file)
  list     -> `(list ...)`                    ([]interface {})
  strings  -> `(splitList "," "a,b")`         ([]string)
  until    -> `(until n)`                     ([]int)
  map      -> `(dict "k" v ...)`              (map[string]interface {})

All templates are rendered in one chart with helm_python (the Helm v4.2.3 Go SDK);
the raw render map gives each template's exact output.

Usage: python3 tools/oracle/fmt/gen.py   (from the repository root)
"""

import json
import math
import os
import random
import struct
import sys
import tempfile

from helm_python import Chart

OUT = os.path.join("crates", "tug-value", "tests", "fmt", "cases.json")


def go_quote(s):
    """A Go interpreted string literal for s."""
    out = ['"']
    for ch in s:
        o = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif o < 0x20 or o == 0x7F:
            out.append("\\x%02x" % o)
        elif o >= 0x80 and not ch.isprintable():
            out.append("\\u%04x" % o if o < 0x10000 else "\\U%08x" % o)
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


class Builder:
    def __init__(self):
        self.cases = []
        self.files = {}

    def expr(self, arg, case_values, path, top):
        (kind, v), = arg.items()
        if kind == "int":
            return str(v)
        if kind == "int64":
            return "(int64 %d)" % v
        if kind == "float64":
            if isinstance(v, str):
                return "(float64 %s)" % go_quote(v)
            if top:
                case_values[path] = float(v)
                return ".Values.k%d.%s" % (len(self.cases), path)
            return "(float64 %s)" % go_quote(repr(float(v)))
        if kind == "string":
            return go_quote(v)
        if kind == "bool":
            return "true" if v else "false"
        if kind == "nil":
            return "nil"
        if kind == "bytes":
            name = "files/b%d" % len(self.files)
            self.files[name] = bytes(v)
            return "(.Files.GetBytes %s)" % go_quote(name)
        if kind == "list":
            inner = " ".join(self.expr(a, case_values, path, False) for a in v)
            return "(list %s)" % inner if inner else "(list)"
        if kind == "strings":
            return "(splitList \",\" %s)" % go_quote(",".join(v))
        if kind == "until":
            return "(until %d)" % v
        if kind == "map":
            parts = []
            for k, a in v.items():
                parts.append(go_quote(k))
                parts.append(self.expr(a, case_values, path, False))
            return "(dict %s)" % " ".join(parts) if parts else "dict"
        raise ValueError(kind)

    def add(self, kind, args, fmt=None, name=None):
        values = {}
        exprs = [self.expr(a, values, "a%d" % i, True) for i, a in enumerate(args)]
        if kind == "sprintf":
            tmpl = "{{ printf %s %s }}" % (go_quote(fmt), " ".join(exprs))
        elif kind == "sprint":
            tmpl = "{{ print %s }}" % " ".join(exprs)
        elif kind == "sprintln":
            tmpl = "{{ println %s }}" % " ".join(exprs)
        elif kind == "json":
            tmpl = "{{ toJson %s }}" % exprs[0]
        elif kind == "value":
            assert len(exprs) == 1
            tmpl = "{{ %s }}" % exprs[0]
        else:
            raise ValueError(kind)
        idx = len(self.cases)
        self.cases.append({
            "name": name or "%s-%d" % (kind, idx),
            "kind": kind,
            "format": fmt,
            "args": args,
            "template": tmpl,
            "values": {"k%d" % idx: values} if values else {},
        })


def I(v):
    return {"int": v}


def I64(v):
    return {"int64": v}


def F(v):
    return {"float64": v}


def S(v):
    return {"string": v}


def B(v):
    return {"bool": v}


NIL = {"nil": None}


def L(*v):
    return {"list": list(v)}


def M(**kw):
    return {"map": kw}


def BY(s):
    return {"bytes": list(s.encode("utf-8") if isinstance(s, str) else s)}


def build():
    b = Builder()
    pf = lambda fmt, *args: b.add("sprintf", list(args), fmt)

    # --- floats at the %v thresholds and friends
    floats = [0.0, -0.0, 1.0, 2.0, 1.5, -1.5, 0.1, 0.1 + 0.2, 1 / 3, 2 / 3, 0.0001, 0.00001,
              0.000123456, 999999.0, 1e6, 1234567.0, 123456789.0, 1e20, 1e21, 1e22, 1e-7,
              1e-6, 123456.0, 100.0, 12345.678, 3.14159265358979, 5e-324, 2.2250738585072014e-308,
              1.7976931348623157e308, 9007199254740993.0, 0.5, 2.5, 0.125, 1e100, -1e-100,
              4.35, 0.045, 1.005, 8.5, 299792458.0, 6.02214076e23]
    for x in floats:
        pf("%v", F(x))
    for x in ["NaN", "+Inf", "-Inf"]:
        pf("%v", F(x))
        pf("%5.2f|%-6v|%+v|% v|%010v|%e|%g", *[F(x)] * 7)
    for x in [1.0, 1.5, -1.5, 0.1 + 0.2, 1e6, 123456789.0, 1e21, 1e-7, 0.00001, 1234.5678,
              0.125, 2.5, 5e-324, 1.7976931348623157e308, 0.0, -0.0]:
        pf("%e|%E|%f|%F|%g|%G", *[F(x)] * 6)
        pf("%.0e|%.1e|%.3e|%.0f|%.1f|%.2f|%.3f", *[F(x)] * 7)
        pf("%.0g|%.1g|%.3g|%.10g|%.20g|%.17g", *[F(x)] * 6)
        pf("%#g|%#.3g|%#.0f|%#e|%#v|%#.4x", *[F(x)] * 6)
        pf("%x|%X|%.2x|%b|%.0x", *[F(x)] * 5)
        pf("%8.3f|%-8.3f|%+8.3f|%08.3f|% .3f|%+.2e|%-+12.4g|%012g", *[F(x)] * 8)
    pf("%.30f|%.25e|%.40g", F(0.1), F(0.1), F(1 / 3))
    pf("%6.2f%%", F(99.5))
    pf("%.3v|%10.4v|%-10v|", F(3.14159), F(3.14159), F(2.0))

    # --- integers
    ints = [0, 1, -1, 7, 42, -42, 255, 1000000, 123456789, 2**31, -2**31, 2**63 - 1, -2**63]
    for n in ints:
        pf("%v|%d|%+d|% d|%5d|%-5d|%05d|%x|%X|%#x|%o|%#o|%O|%b|%#b", *[I(n)] * 15)
        pf("%v|%d|%x|%08b|%.3d|%6.3d|%-+6d|%#X", *[I64(n)] * 8)
    for n in [0, 5, -5, 300]:
        pf("%.0d|%5.0d|%-5.0d|%05.2d|%+.3x|% x|%#5o|%#08x|%0-5d|%-05d", *[I(n)] * 10)
    for n in [65, 97, 0x263A, 0x1F600, 0x4E16, 0, 10, 0x7F, 0xA0, 0x10FFFF, 0x110000, -1, 0xD800, 0xFFFD]:
        pf("%c|%q|%U|%#U|%+q|%5c|%-8U|%.6U", *[I(n)] * 8)
    pf("%c%c%c", I(72), I(105), I64(33))

    # --- bools
    for v in [True, False]:
        pf("%v|%t|%5t|%-6t|%d|%s|%q|%x", *[B(v)] * 8)

    # --- strings
    strs = ["", "x", "hello", "héllo wörld", "日本語", "a\"b", "back\\slash", "tab\there",
            "new\nline", "\x00\x01\x7f", "\u00a0nbsp", "zero\u200bwidth", "\ufeffbom", "emoji 😀",
            "\u2028sep", "bell\a", "`tick`", "\U000e0001tag", "\u0378unassigned", "\ue000private",
            "combining e\u0301", "\u3000ideographic space", "\u00ad soft hyphen", "ℝ≠∞"]
    for s in strs:
        pf("%v|%s|%q|%+q|%#q|%x|%X|% x|%# x", *[S(s)] * 9)
    for s in ["abc", "héllo", "日本語"]:
        pf("%5s|%-5s|%.2s|%5.1s|%-8q|%.1q|%05s|%.2x|%10x|%#v", *[S(s)] * 10)
    pf("%s %s", S("a"), S("b"))
    pf("%d", S("x"))
    pf("%f|%e|%g|%t|%c|%U|%o|%b", *[S("str")] * 8)

    # --- nil
    pf("%v|%s|%d|%q|%T|%5v|%-6v|%#v|%+v|%x|%t", *[NIL] * 11)

    # --- mismatches and markers
    pf("%s", I(3))
    pf("%d", F(1e6))
    pf("%d", B(True))
    pf("%s", NIL)
    pf("%d", NIL)
    pf("%z", I(1))
    pf("%!", I(1))
    pf("%5s|%-5s|%+s|%05s", I(3), I(3), I(3), I(3))
    pf("%d|%5d|%+d", F(1.5), F(1.5), F(1.5))
    pf("%s|%x|%q", F(2.5), F(2.5), F(2.5))
    pf("%t", I(1))
    pf("%x", B(True))
    pf("%d", S("x"))
    pf("%v")
    pf("%d %s", I(1))
    pf("%d", I(1), S("x"), I(2))
    pf("x", S("x"), I(2))
    pf("", NIL)
    pf("%d", I(1), NIL, F(1.5), L(I(1)), M(a=I(1)), B(False))
    pf("%*d", S("x"), I(5))
    pf("%.*d", S("x"), I(5))
    pf("%*d|%-*d|%*d", I(5), I(1), I(5), I(2), I(-5), I(3))
    pf("%.*f|%*.*f", I(2), F(3.14159), I(8), I(3), F(3.14159))
    pf("%.*d", I(-1), I(5))
    pf("%*d", I64(4), I(7))
    pf("%*d", F(4.0), I(7))
    pf("%*d", I(10000000), I(7))
    pf("%[2]d %[1]d", I(1), I(2))
    pf("%[3]d", I(1), I(2))
    pf("%[0]d", I(1))
    pf("%[x]d", I(1))
    pf("%[1]d %d %d", I(1), I(2))
    pf("%[2]*[1]d", I(12), I(5))
    pf("%[1]d %[1]x %[1]o %#[1]x", I(64))
    pf("%[1]*.[2]*[3]f", I(10), I(2), F(3.14159))
    pf("%[3]*.[2]*[1]f", F(12.0), I(2), I(6))
    pf("%d %d %#[1]x %#x", I(16), I(17))
    pf("%[2]2d", I(1), I(2))
    pf("%[2].2d", I(1), I(2))
    pf("%[5]d", I(1))
    pf("%[1]", I(1))
    pf("%", I(1))
    pf("%-", I(1))
    pf("%5", I(1))
    pf("%.", I(1))
    pf("%%|%5%|%-%|%d%%", I(3))
    pf("%!d(string=x)")
    pf("%.3.2d", I(1))
    pf("%ä|%☺", I(1), S("x"))
    pf("%10.3%|%#%", I(1))
    pf("%[1]d%[1]d", I(1), I(2))
    pf("%1000001d", I(1))
    pf("%.1000001d", I(1))
    pf("%w", I(1))
    pf("%w", NIL)
    pf("%p", I(1))
    pf("%w|%w|%w|%w", L(I(1), NIL), M(a=I(1)), BY("hi"), L(L(I(1))))

    # --- %T
    pf("%T|%T|%T|%T|%T|%T|%T|%T|%T|%T|%T", I(1), I64(1), F(1.0), S("s"), B(True), NIL,
       L(I(1)), M(a=I(1)), {"strings": ["a"]}, {"until": 2}, BY("hi"))
    pf("%10T|%-10T|", I(1), S("x"))

    # --- lists
    lst = L(I(1), S("a"), F(1.5), B(True), NIL, I64(2))
    for verb in ["%v", "%+v", "%#v", "%d", "%s", "%q", "%x", "%X", "%5v", "%-4v|", "%05d", "%.1f", "%e",
                 "%t", "%c", "%o", "%U", "%T", "%z"]:
        pf(verb, lst)
    pf("%v|%d|%q|%x|%#v|%s|%5v", *[{"strings": ["a", "b c", ""]}] * 7)
    pf("%v|%d|%x|%#v|%s|%q|%03d", *[{"until": 3}] * 7)
    pf("%v|%d|%#v", *[L()] * 3)
    pf("%v", L(L(I(1), I(2)), L(), L(S("x"), L(F(1e6)))))
    pf("%d|%v", L(I(1), I(2)), L(F(0.00001), F(123456789.0)))
    pf("%v|%#v", L(BY("hi"), BY("")), L(BY("hi")))
    pf("%x|%s|%q|%d", *[L(BY("hi"), S("hi"))] * 4)

    # --- maps
    mp = M(b=I(2), a=S("x"), c=F(1e6), d=NIL, e=L(I(1), I(2)), f=M(z=B(True)))
    for verb in ["%v", "%+v", "%#v", "%d", "%s", "%q", "%x", "%5v", "%T", "%t"]:
        pf(verb, mp)
    pf("%v|%#v|%d", *[M()] * 3)
    pf("%v", M(B=I(1), a=I(2), A=I(3), b=I(4), _=I(5), **{"1": I(6), "10": I(7), "2": I(8), "": I(9)}))
    pf("%v", M(k=M(k=M(k=S("deep")))))

    # --- bytes
    for s in ["hi", "", "héllo", b"\x00\xff\x10"]:
        pf("%v|%d|%s|%q|%x|%X|% x|%#x|%# X|%o|%c|%#v|%T", *[BY(s)] * 13)
        pf("%5s|%-5s|%.1s|%.1x|%8x|%5v|%05d", *[BY(s)] * 7)
    pf("%s", BY(b"bad\xffutf8"))
    pf("%v|%s", BY(b"\xe6\x97\xa5"), BY(b"\xe6\x97"))

    # --- %+v %#v of basics
    pf("%#v|%#v|%#v|%#v|%#v|%#v|%#v", I(1), I64(-1), F(1.0), F(1e6), S("a\"b"), B(True), F(0.5))
    pf("%+v|%+v|%+v|%+v", I(1), F(1.5), S("x"), B(False))
    pf("%#v|%#v", F(1e21), F(1e-7))
    pf("%#v", F(123456789.0))

    # --- shapes common in real charts (see the corpus)
    pf("%s-%s", S("release"), S("chart"))
    pf("%s:%d", S("svc"), F(8080.0))
    pf("%s:%v", S("svc"), F(8080.0))
    pf("%.2f|%.0f|%.1f|%.4g|%0.0f", F(0.5), F(1.5), F(99.95), F(1234.5678), F(2.5))
    pf("%.4g|%.4g|%.4g", F(0.000123456), F(123456.0), F(1e6))
    pf("%d", F(3.0))
    pf("%s", F(1.0))
    pf("%v%v", S("a"), I(1))

    # --- seeded random floats and integers across magnitudes
    rng = random.Random(20261121)
    for _ in range(60):
        x = rng.choice([1, -1]) * rng.random() * 10 ** rng.randint(-30, 30)
        if rng.random() < 0.3:
            x = round(x, rng.randint(0, 6))
        pf("%v|%e|%.3e|%g|%.5g|%f|%.2f|%x|%10.4v|%+.0f", *[F(x)] * 10)
    for _ in range(30):
        bits = struct.unpack("<d", rng.getrandbits(64).to_bytes(8, "little"))[0]
        if math.isfinite(bits):
            pf("%v|%.17g|%b|%x", *[F(bits)] * 4)
    for _ in range(20):
        n = rng.randint(-2**63, 2**63 - 1) >> rng.randint(0, 62)
        pf("%v|%+d|%x|%X|%o|%b|%#x|%12d|%-12d|%012d|%q|%U", *[I(n)] * 12)

    # --- print / println / plain actions
    pr = lambda *args: b.add("sprint", list(args))
    pln = lambda *args: b.add("sprintln", list(args))
    val = lambda a: b.add("value", [a])
    pr(I(1), I(2))
    pr(S("a"), I(1))
    pr(I(1), S("a"), I(2))
    pr(S("a"), S("b"))
    pr(F(1e6), F(0.5), I64(3))
    pr(NIL, NIL)
    pr(S("x"), NIL, S("y"))
    pr(L(I(1)), M(a=I(1)), B(True))
    pr(BY("hi"), S("x"), BY("hi"))
    pr(I(1))
    pr(S(""), S(""), I(1), S(""), I(2))
    pr({"strings": ["a"]}, S("x"))
    pln(I(1), I(2))
    pln(S("a"), S("b"), I(3))
    pln(NIL, F(1e21), B(False))
    pln(S(""))
    pln(L(S("a")), M(k=S("v")))
    for x in [0.0, -0.0, 1e6, 999999.0, 1e-5, 0.0001, 1.5, 2.0, 123456789.0, 1e21, 0.1 + 0.2,
              1e-7, 100.0, 1e15, 12345678.9]:
        val(F(x))
    for x in ["NaN", "+Inf", "-Inf"]:
        val(F(x))
    for a in [I(0), I(-5), I(2**63 - 1), I64(-2**63), I64(42), S("plain"), S("日本 😀"), B(True), B(False),
              L(I(1), S("a"), NIL), L(), M(b=I(1), a=F(2.5)), M(), BY("hi"), {"strings": ["x", "y"]},
              {"until": 4}, L(F(1e6), F(1e-5)), M(n=NIL)]:
        val(a)
    # --- encoding/json float layout (toJson): 'f' for 1e-6 <= |x| < 1e21, else 'e'
    for x in [0.0, -0.0, 1.0, 1.5, 1e6, 1e20, 1e21, 1.5e21, 1e-6, 9.99e-7, 1e-7, 1.23e-10, 123456789.0,
              0.1 + 0.2, 5e-324, 1.7976931348623157e308, -1e-7, -2.5e25, 100.0, 1e15, 12345678.9,
              999999999999999999999.0, 0.000001234]:
        b.add("json", [F(x)])
    return b


def render(b):
    with tempfile.TemporaryDirectory() as d:
        with open(os.path.join(d, "Chart.yaml"), "w") as f:
            f.write("apiVersion: v2\nname: fmtcases\nversion: 0.1.0\n")
        os.makedirs(os.path.join(d, "templates"))
        os.makedirs(os.path.join(d, "files"))
        for name, data in b.files.items():
            with open(os.path.join(d, name), "wb") as f:
                f.write(data)
        values = {}
        for i, c in enumerate(b.cases):
            with open(os.path.join(d, "templates", "c%04d.txt" % i), "w", encoding="utf-8") as f:
                f.write(c["template"])
            values.update(c["values"])
        out = Chart.load(d).render(values=values, name="fmt")
    for i, c in enumerate(b.cases):
        c["output"] = out["fmtcases/templates/c%04d.txt" % i]


# Chart.yaml numbers in string fields go through FormatFloat(x, 'g', -1, 32)
# (sigs.k8s.io/yaml converting a YAML float for a Go string field).
APP_VERSIONS = ["1.10", "1.0", "0.1", "1.2345678", "123456789.0", "16777217.0", "3.14159265358979",
                "0.000001", "0.0000001", "10.5", "1.5e10", "99.99", "2.30", "0.3333333333", "1.0e-5",
                "1234567.0", "7.0e+20", "65504.1"]


def render_app_versions(cases):
    for lit in APP_VERSIONS:
        with tempfile.TemporaryDirectory() as d:
            with open(os.path.join(d, "Chart.yaml"), "w") as f:
                f.write("apiVersion: v2\nname: av\nversion: 0.1.0\nappVersion: %s\n" % lit)
            os.makedirs(os.path.join(d, "templates"))
            tmpl = "{{ .Chart.AppVersion }}"
            with open(os.path.join(d, "templates", "t.txt"), "w") as f:
                f.write(tmpl)
            out = Chart.load(d).render(values={}, name="fmt")["av/templates/t.txt"]
        cases.append({
            "name": "float32-appVersion-%s" % lit,
            "kind": "float32",
            "format": None,
            "args": [F(float(lit))],
            "template": tmpl,
            "values": {},
            "chart_yaml": "appVersion: %s" % lit,
            "output": out,
        })


def main():
    b = build()
    render(b)
    render_app_versions(b.cases)
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(b.cases, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print("wrote %d cases to %s" % (len(b.cases), OUT), file=sys.stderr)


if __name__ == "__main__":
    main()
