//! `include` and `tpl` built on `func::Context`, the way Helm builds them, and the
//! engine's limits. Expected texts come from real Helm v4.2.3 (see comments).

use tug_template::func::{Context, FuncError, Function, Param, Signature};
use tug_template::{ErrorKind, MissingKey, Templates};
use tug_value::{Map, Value};

const NAME: &str = "oc/templates/t.yaml";

fn helm_like() -> Vec<Function> {
    let sig = Signature {
        params: &[Param::String, Param::Any],
        variadic: None,
    };
    let include = |ctx: &mut dyn Context, a: &[Value]| {
        let name = a[0].as_str().unwrap_or_default();
        Ok(Value::from(ctx.execute_named(name, &a[1])?))
    };
    let tpl = |ctx: &mut dyn Context, a: &[Value]| {
        let text = a[0].as_str().unwrap_or_default();
        let q = tug_value::fmt::quote(text);
        match ctx.execute_text(text, &a[1]) {
            Ok(s) => Ok(Value::from(s.replace("<no value>", ""))),
            Err(e) if e.kind() == ErrorKind::Parse => {
                Err(FuncError::msg(format!("cannot parse template {q}: {e}")))
            }
            Err(e) => Err(FuncError::msg(format!(
                "error during tpl function execution for {q}: {e}"
            ))),
        }
    };
    vec![
        Function::new("include", sig, include),
        Function::new("tpl", sig, tpl),
    ]
}

fn render(tpl: &str) -> Result<String, String> {
    let mut set = Templates::new();
    set.add_functions(helm_like());
    set.set_missing_key(MissingKey::Zero);
    set.parse(NAME, tpl).map_err(|e| e.to_string())?;
    let data = Map::new();
    data.insert("s", Value::from("str"));
    set.execute(NAME, &Value::Map(data))
        .map_err(|e| e.to_string())
}

#[test]
fn include_errors_chain_like_go() {
    // Helm: "…:1:52 … at <include "a" .>: error calling include: …:1:19: executing "a" at <tpl …>"
    let got = render(r#"{{ define "a" }}{{ tpl "{{ .x.y }}" . }}{{ end }}{{ include "a" . }}"#);
    assert_eq!(
        got,
        Err("template: oc/templates/t.yaml:1:52: executing \"oc/templates/t.yaml\" at <include \"a\" .>: \
             error calling include: template: oc/templates/t.yaml:1:19: executing \"a\" at <tpl \"{{ .x.y }}\" .>: \
             error calling tpl: error during tpl function execution for \"{{ .x.y }}\": \
             template: gotpl:1:5: executing \"gotpl\" at <.x.y>: nil pointer evaluating interface {}.y"
            .to_string())
    );
}

#[test]
fn include_of_unknown_template() {
    let got = render(r#"{{ include "a" . }}"#);
    assert_eq!(
        got,
        Err("template: oc/templates/t.yaml:1:3: executing \"oc/templates/t.yaml\" at <include \"a\" .>: \
             error calling include: template: no template \"a\" associated with template \"gotpl\""
            .to_string())
    );
}

#[test]
fn tpl_defines_are_visible_to_includes_within_the_same_tpl_only() {
    let got = render(r#"{{ tpl "{{ define \"d\" }}D{{ . }}{{ end }}{{ include \"d\" .s }}" . }}"#);
    assert_eq!(got, Ok("Dstr".to_string()));
    let got = render(r#"{{ tpl "{{ define \"d\" }}D{{ end }}" . }}{{ include "d" . }}"#);
    assert!(
        got.is_err_and(|e| e.contains("no template \\\"d\\\"") || e.contains("no template \"d\""))
    );
}

#[test]
fn tpl_sees_the_set_and_reuses_parses() {
    let tpl = r#"{{ define "h" }}H{{ end }}{{ range 3 }}{{ tpl "{{ include \"h\" . }}{{ .s }}" $ }}{{ end }}"#;
    assert_eq!(render(tpl), Ok("HstrHstrHstr".to_string()));
}

#[test]
fn tpl_parse_errors() {
    let got = render(r#"{{ tpl "{{ .x " . }}"#);
    let e = got.err().unwrap_or_default();
    assert!(
        e.ends_with("cannot parse template \"{{ .x \": template: gotpl:1: unclosed action"),
        "{e}"
    );
}

#[test]
fn infinite_recursion_is_an_error_not_a_crash() {
    let got = render(r#"{{ define "r" }}{{ template "r" . }}{{ end }}{{ template "r" . }}"#);
    assert_eq!(
        got,
        Err(
            "template: oc/templates/t.yaml:1:28: executing \"r\" at <{{template \"r\" .}}>: \
             exceeded maximum template depth (100000)"
                .to_string()
        )
    );
}

#[test]
fn infinite_include_recursion_is_an_error_not_a_crash() {
    let got = render(r#"{{ define "r" }}{{ include "r" . }}{{ end }}{{ include "r" . }}"#);
    let e = got.err().unwrap_or_default();
    assert!(e.ends_with("exceeded maximum nesting of include/tpl (1500)"));
}

#[test]
fn deep_nesting_executes() {
    let parens = format!("{{{{ {}1{} }}}}", "(".repeat(900), ")".repeat(900));
    assert_eq!(render(&parens), Ok("1".to_string()));
    let ifs = format!("{}x{}", "{{ if 1 }}".repeat(900), "{{ end }}".repeat(900));
    assert_eq!(render(&ifs), Ok("x".to_string()));
}

#[test]
fn output_limit() {
    let mut set = Templates::new();
    set.set_max_output(1000);
    let r = set.parse("t", "{{ range 100000 }}xxxxxxxxxx{{ end }}");
    assert!(r.is_ok());
    let e = set.execute("t", &Value::Nil).err();
    assert_eq!(e.map(|e| e.kind()), Some(ErrorKind::Limit));
}

#[test]
fn alternate_display_points_at_the_column() {
    let mut set = Templates::new();
    set.set_missing_key(MissingKey::Zero);
    assert!(set.parse("a.yaml", "x: 1\ny: {{ .a.b.c }}\n").is_ok());
    let err = set.execute("a.yaml", &Value::empty_map()).err();
    let shown = err.map(|e| format!("{e:#}")).unwrap_or_default();
    assert!(
        shown.ends_with("  --> a.yaml:2:8\n   | y: {{ .a.b.c }}\n   |         ^"),
        "{shown}"
    );
}

#[test]
fn templates_is_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<Templates>();
}

#[test]
fn location_during_a_call_is_the_command() {
    let sig = Signature {
        params: &[Param::Any],
        variadic: None,
    };
    let loc = Function::new("loc", sig, |ctx: &mut dyn Context, _: &[Value]| {
        Ok(Value::from(format!(
            "{}@{}",
            ctx.template_name(),
            ctx.location()
        )))
    });
    let mut set = Templates::new();
    set.add_functions([loc]);
    assert!(set.parse("a.yaml", "x\n  {{ loc .s }}").is_ok());
    assert_eq!(
        set.execute("a.yaml", &Value::empty_map()).ok(),
        Some("x\n  a.yaml@a.yaml:2:5".to_string())
    );
}

#[test]
fn nested_empty_tpl_runs_its_own_text() {
    // Go: the nested clone keeps the outer "gotpl" in its map, but executes the
    // freshly parsed (empty) template, so this prints "ab", not an endless loop.
    let got = render(r#"{{ tpl "a{{ tpl \"\" . }}b" . }}"#);
    assert_eq!(got, Ok("ab".to_string()));
}

#[test]
fn nested_tpl_sees_outer_tpl_defines() {
    // Helm: "XX".
    let got = render(
        r#"{{ tpl "{{ define \"x\" }}X{{ end }}{{ include \"x\" . }}{{ tpl \"{{ include \\\"x\\\" . }}\" . }}" . }}"#,
    );
    assert_eq!(got, Ok("XX".to_string()));
}
