"""The shared values every hand-written case renders against (unless it brings its own).

`VALUES` becomes the chart's values.yaml (numbers therefore reach templates as float64);
`SETS` are passed as `--set` (numbers reach templates as int64).
"""

VALUES = {
    "int": 5,
    "zero": 0,
    "neg": -3,
    "float": 1.5,
    "negfloat": -2.25,
    "big": 1000000,
    "mid": 123456,
    "million7": 1234567,
    "small": 0.00001,
    "tiny": 0.0001,
    "huge": 12345678901234567890,
    "exp21": 1e21,
    "onefloat": 1.0,
    "third": 0.3333333333333333,
    "str": "hello",
    "empty": "",
    "spaces": "  padded  ",
    "html": "<a href=\"x\">Tom & 'Jerry'</a>",
    "uni": "h\u00e9llo w\u00f6rld \u2603",
    "quote": "say \"hi\"\tnow",
    "nl": "line1\nline2",
    "numstr": "42",
    "t": True,
    "f": False,
    "list": [1, 2, 3],
    "strs": ["b", "a", "c"],
    "mixed": [1, "two", 3.5, True, None, {"k": "v"}, [1, 2]],
    "emptylist": [],
    "map": {"b": 2, "a": 1, "c": {"d": "deep"}},
    "emptymap": {},
    "nested": {"a": {"b": {"c": "found", "n": 7}}},
    "users": [{"name": "ann", "age": 30}, {"name": "bob", "age": 25}],
    "keys": {"10": "ten", "9": "nine", "a": "x", "B": "y", "_u": "u", "a b": "sp"},
    "Upper": {"Name": "cap"},
    "url": "a b&c=d/e?f",
}

SETS = [
    "si=5",
    "sz=0",
    "sneg=-7",
    "sbig=1000000",
    "sstr=007",
    "sbool=true",
    "sfloat=1.5",
    "snested.x=3",
    "snested.y=word",
]
