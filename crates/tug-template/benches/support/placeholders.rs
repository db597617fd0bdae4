// Placeholder implementations of Helm's functions for benchmarks and tests: `include`
// and `tpl` are real (they use the engine's Context), `dict`/`list` build values, and
// everything else returns its last argument (or "" when called without one).

fn str_of(v: Option<&Value>) -> String {
    v.and_then(Value::as_str).unwrap_or_default().to_string()
}

fn placeholder_functions() -> Vec<Function> {
    let any = Signature {
        params: &[],
        variadic: Some(Param::Any),
    };
    HELM_FUNCTION_NAMES
        .iter()
        .map(|&name| {
            let f: fn(&mut dyn Context, &[Value]) -> Result<Value, FuncError> = match name {
                "include" => |ctx, a| {
                    let data = a.get(1).cloned().unwrap_or_default();
                    Ok(Value::from(ctx.execute_named(&str_of(a.first()), &data)?))
                },
                "tpl" => |ctx, a| {
                    let data = a.get(1).cloned().unwrap_or_default();
                    Ok(Value::from(ctx.execute_text(&str_of(a.first()), &data)?))
                },
                "dict" => |_, a| {
                    let m = Map::new();
                    for kv in a.chunks(2) {
                        let v = kv.get(1).cloned().unwrap_or_default();
                        m.insert(str_of(kv.first()), v);
                    }
                    Ok(Value::Map(m))
                },
                "regexReplaceAll" => |_, a| Ok(a.get(1).cloned().unwrap_or_default()),
                "list" => |_, a| Ok(Value::List(List::new(a.to_vec()))),
                "default" => |_, a| {
                    let given = a.get(1).filter(|v| v.is_true());
                    Ok(given.or(a.first()).cloned().unwrap_or_default())
                },
                _ => |_, a| Ok(a.last().cloned().unwrap_or_else(|| Value::from(""))),
            };
            Function::new(name, any, f)
        })
        .collect()
}
