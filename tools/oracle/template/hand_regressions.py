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

# Probes of lexer/parser corners that real charts hit.
CASES += [
    ("exec_error_column_counts_bytes", "{{ \"\u00e9\u00e9\" }}{{ .Values.nope.x }}"),
    ("exec_error_column_after_tab", "\t{{ .Values.nope.x }}"),
    ("num_float_overflow", "{{ 1e400 }}"),
    ("num_negative_hex", "{{ -0x10 }}"),
    ("num_hex_minus_inside", "{{ 0x-1 }}"),
    ("num_exponent_plus", "{{ 1e+3 }} {{ 2.5E-3 }}"),
    ("num_octal_float_like", "{{ 0755.5 }}"),
    ("num_leading_zero_float", "{{ 00.5 }}"),
    ("var_unicode_name", "{{ $\u00e9t\u00e9 := 1 }}{{ $\u00e9t\u00e9 }}"),
    ("field_unicode_key", "{{ .Values.cl\u00e9 }}", {"values": {"cl\u00e9": "v"}, "set": []}),
    ("field_numeric_name", "{{ .Values.10 }}"),
    ("field_hyphen_key_parses_as_minus", "{{ .Values.a-b }}", {"values": {"a-b": "x", "a": 1}, "set": []}),
    ("field_hyphen_key_via_index", "{{ index .Values \"a-b\" }}", {"values": {"a-b": "x"}, "set": []}),
    ("trim_marker_without_space_comment", "{{-/* c */-}}"),
    ("trim_only_action_error", "{{- }}"),
    ("keyword_as_variable_value", "{{ with $x := 1 }}{{ $x }}{{ end }}"),
    ("keyword_as_function_error", "{{ with := 1 }}"),
    ("end_keyword_in_pipeline", "{{ printf \"%v\" end }}"),
    ("define_name_with_dashes", "{{ define \"my-chart.labels\" }}app: x{{ end }}{{ include \"my-chart.labels\" . }}"),
    ("template_call_in_range_dot", "{{ define \"item\" }}<{{ . }}>{{ end }}{{ range .Values.strs }}{{ template \"item\" . }}{{ end }}"),
    ("include_indent_like_output", "{{ define \"l\" }}a: 1\nb: 2{{ end }}x:\n  {{ include \"l\" . }}"),
    ("tpl_define_shadows_file_define", "{{ define \"h\" }}file{{ end }}{{ tpl \"{{ define \\\"h\\\" }}tpl{{ end }}{{ include \\\"h\\\" . }}\" . }}|{{ include \"h\" . }}"),
    ("with_else_with_binds_dot", "{{ with .Values.nope }}a{{ else with .Values.map }}{{ .a }}{{ end }}"),
    ("range_map_else_with_break", "{{ range $k, $v := .Values.map }}{{ if eq $k \"b\" }}{{ break }}{{ end }}{{ $k }}{{ else }}none{{ end }}"),
    ("crlf_line_counting_error", "a\r\nb\r\n{{ nosuch }}"),
    ("crlf_exec_error_column", "a\r\n  {{ .Values.nope.x }}"),
    ("no_value_from_nested_template_removed", "{{ define \"n\" }}{{ .nope }}{{ end }}[{{ template \"n\" .Values }}]"),
    ("println_then_trim", "{{ println \"a\" -}}\n\nb"),
    ("printf_v_set_nested_map", "{{ printf \"%v %T\" .Values.snested .Values.snested.x }}"),
    ("print_set_negative_in_print", "{{ print .Values.sneg .Values.si }}"),
    ("eq_set_int_vs_len", "{{ eq .Values.si (len .Values.str) }}"),
    ("lt_set_int_vs_int_literal", "{{ lt .Values.sneg 0 }}"),
    ("index_list_with_set_int", "{{ index .Values.strs .Values.sz }}"),
    ("range_over_set_int_with_index", "{{ range $i, $v := .Values.si }}{{ $i }}{{ end }}"),
    ("html_set_int", "{{ html .Values.si .Values.int }}"),
    ("js_float_values", "{{ js .Values.big .Values.small }}"),
    ("urlquery_floats", "{{ urlquery .Values.float .Values.huge }}"),
]

# Distinct engine mismatches first found by the generator (case named in the comment).
CASES += [
    # gen_00217: indexing a string yields a byte (uint8), not an int
    ("index_string_returns_uint8", "{{ printf \"%T %v\" (index \"abc\" 0) (index \"abc\" 0) }}"),
    ("index_map_with_byte_key_error", "{{ index .Values.map (index \"abc\" 0) }}"),
    # gen_00813, gen_01418, gen_00836: .Values is the named type common.Values
    ("values_type_is_common_values", "{{ printf \"%T\" .Values }} {{ printf \"%T\" .Values.map }}"),
    ("index_with_values_as_key_error", "{{ index .Values.map .Values }}"),
    ("eq_values_vs_number_error", "{{ eq .Values 1.5 }}"),
    ("values_passed_to_template_keeps_type", "{{ define \"t\" }}{{ printf \"%T\" . }}{{ end }}{{ template \"t\" .Values }}"),
    # gen_01894: "in action started at" is only added when the action began on an earlier line
    ("parse_bad_char_in_action_same_line", "a\n\n{{ print (index .x{{ end }}) }}"),
    ("parse_bad_char_in_multiline_action", "{{ print\n\n{ }}"),
    ("parse_unclosed_action_multiline", "{{ print\n1\n"),
]

# Distinct mismatches first found by the focused fmt/comparison profile.
CASES += [
    # gen_fmt_00055, gen_fmt_00253, …: complex128 under every verb, not just %v
    ("printf_complex_verbs", "{{ printf \"%f|%.2e|%g|%d|%t|%c|%x\" 2i 2i 2i 2i 2i 2i 2i }}"),
    ("printf_complex_flags", "{{ printf \"%+.1f|% g|%08.2f|%-12g|\" 2i 1i 3i 2i }}"),
    # gen_fmt_00757, gen_fmt_00793: precisions beyond 65535 are legal in Go (up to 1e6)
    ("printf_precision_above_65535", "{{ printf \"%.70000f\" 0.5 | len }}"),
    ("printf_precision_too_large", "{{ printf \"%.1000001f\" 0.5 | len }}"),
    # gen_cmp_00015: the second operand of a non-comparable eq is printed with %v
    ("eq_non_comparable_types_message", "{{ eq .Values.list .Values.map }}"),
    ("eq_non_comparable_types_message_multi", "{{ eq .Values.strs .Values.t .Values.map }}"),
]

# The Go types of Helm's data objects (the harness must build the same).
CASES += [
    ("data_object_types", "{{ printf \"%T|%T|%T|%T|%T|%T\" . .Release .Chart .Template .Values .Files }}"),
    ("data_top_level_keys", "{{ range $k, $v := . }}{{ $k }} {{ end }}"),
]
