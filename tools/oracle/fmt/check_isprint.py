#!/usr/bin/env python3
"""Check print_table.rs against the real Helm: `printf "%q"` of every non-ASCII code
point (surrogates excluded) tells which ones Go's strconv.IsPrint keeps verbatim.

Usage: python3 tools/oracle/fmt/check_isprint.py   (exit status 1 on a mismatch)
"""
import os
import re
import sys
import tempfile

from helm_python import Chart

TABLE = os.path.join("crates", "tug-value", "src", "fmt", "print_table.rs")


def table():
    ranges = re.findall(r"\(0x([0-9A-F]+), 0x([0-9A-F]+)\)", open(TABLE).read())
    ok = set()
    for lo, hi in ranges:
        ok.update(range(int(lo, 16), int(hi, 16) + 1))
    return ok


def main():
    cps = [cp for cp in range(0x80, 0x110000) if not 0xD800 <= cp <= 0xDFFF]
    # One code point per line; the template splits the string again, so every
    # code point is quoted on its own line.
    with tempfile.TemporaryDirectory() as d:
        open(os.path.join(d, "Chart.yaml"), "w").write("apiVersion: v2\nname: p\nversion: 0.1.0\n")
        os.makedirs(os.path.join(d, "files"))
        os.makedirs(os.path.join(d, "templates"))
        # Chart files are limited to 5 MiB: spread the code points over several.
        step = 100000
        names = []
        for n, i in enumerate(range(0, len(cps), step)):
            names.append("files/cps%02d" % n)
            with open(os.path.join(d, names[-1]), "w", encoding="utf-8") as f:
                f.write("\n".join(chr(cp) for cp in cps[i:i + step]))
        with open(os.path.join(d, "templates", "t.txt"), "w") as f:
            f.write('{{ range $f := list %s }}{{ range splitList "\\n" ($.Files.Get $f) }}'
                    '{{ printf "%%q" . }}\n{{ end }}{{ end }}' % " ".join('"%s"' % n for n in names))
        out = Chart.load(d).render(values={}, name="x")["p/templates/t.txt"]
    lines = out.split("\n")[:-1]
    assert len(lines) == len(cps), (len(lines), len(cps))
    mine = table()
    bad = [cp for cp, line in zip(cps, lines) if (not line.startswith('"\\')) != (cp in mine)]
    for cp in bad[:20]:
        print("mismatch U+%04X" % cp)
    print("%d code points checked, %d mismatches" % (len(cps), len(bad)))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
