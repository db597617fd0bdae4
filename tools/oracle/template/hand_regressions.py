"""Hand-written regression cases: behaviours first seen in generated cases or found while
probing, each named after the behaviour. Entries may carry their own values/--set."""

CASES = [
    ("var_if_body_decl_used_in_else", "{{ if false }}{{ $x := 1 }}{{ else }}{{ $x }}{{ end }}"),
    ("values_null_map_entries_dropped", "{{ len .Values.m }} {{ .Values.m }} {{ .Values.l }}",
     {"values": {"m": {"x": None, "y": 1}, "l": [None, 1]}, "set": []}),
    ("values_set_overrides_yaml_type", "{{ printf \"%T %v\" .Values.n .Values.n }}",
     {"values": {"n": 3}, "set": ["n=4"]}),
    ("values_set_null_deletes", "[{{ .Values.n }}] {{ len .Values }}",
     {"values": {"n": 3, "m": 1}, "set": ["n=null"]}),
    ("values_null_kept_in_maps_inside_lists", "{{ .Values.l }} {{ len (index .Values.l 0) }}",
     {"values": {"l": [{"a": None, "b": 1}], "m": {"n": {"x": None}}}, "set": []}),
    ("values_null_dropped_in_nested_maps", "{{ .Values.m }} {{ len .Values.m.n }}",
     {"values": {"m": {"n": {"x": None, "y": "k"}}}, "set": []}),
    ("values_empty_file", "{{ .Values }} {{ len .Values }}", {"values": {}, "set": []}),
    ("values_set_only", "{{ .Values }}", {"values": {}, "set": ["a=1", "b.c=x"]}),
]
