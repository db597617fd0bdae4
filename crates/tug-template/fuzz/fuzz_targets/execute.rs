//! Fuzz the executor: whatever parses must execute to output or an error, never
//! panic, with a few functions (including `include`/`tpl` through the Context) and a
//! small data tree.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tug_template::func::{Function, Param, Signature};
use tug_template::{MissingKey, Templates};
use tug_value::{List, Map, Value};

fn functions() -> Vec<Function> {
    let two = Signature { params: &[Param::String, Param::Any], variadic: None };
    let one = Signature { params: &[Param::String], variadic: None };
    vec![
        Function::new("include", two, |ctx, a| {
            let name = a[0].as_str().unwrap_or("");
            Ok(Value::from(ctx.execute_named(name, &a[1])?))
        }),
        Function::new("tpl", two, |ctx, a| {
            let text = a[0].as_str().unwrap_or("");
            Ok(Value::from(ctx.execute_text(text, &a[1])?))
        }),
        Function::new("upper", one, |_, a| Ok(Value::from(a[0].as_str().unwrap_or("").to_uppercase()))),
    ]
}

fn data() -> Value {
    let m = Map::new();
    m.insert("s", Value::from("str"));
    m.insert("f", Value::Float(1.5));
    m.insert("i", Value::Int(3));
    m.insert("n", Value::Nil);
    m.insert("l", Value::List(List::new(vec![Value::Int(1), Value::from("x"), Value::Nil])));
    let inner = Map::new();
    inner.insert("k", Value::from("v"));
    m.insert("m", Value::Map(inner));
    Value::Map(m)
}

fuzz_target!(|data_in: &[u8]| {
    let Ok(text) = std::str::from_utf8(data_in) else {
        return;
    };
    let mut set = Templates::new();
    set.add_functions(functions());
    set.set_missing_key(MissingKey::Zero);
    set.set_max_output(1 << 20);
    set.set_max_depth(2000);
    if set.parse("fuzz.yaml", text).is_ok() {
        let _ = set.execute("fuzz.yaml", &data());
    }
});
