//! Emitter fuzzing: values built from the input bytes must emit, and load back equal.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tug_value::{List, Map, Value};

mod common;

/// Builds a value tree from bytes: a tiny stack machine over opcodes.
fn build(data: &[u8]) -> Value {
    let mut stack: Vec<Value> = Vec::new();
    let mut i = 0;
    let mut text = |i: &mut usize| {
        let n = usize::from(*data.get(*i).unwrap_or(&0) % 24);
        let end = (*i + 1 + n).min(data.len());
        let s = String::from_utf8_lossy(&data[(*i + 1).min(end)..end]).into_owned();
        *i = end;
        s
    };
    while i < data.len() {
        let op = data[i];
        i += 1;
        match op % 8 {
            0 => stack.push(Value::Nil),
            1 => stack.push(Value::Bool(op & 8 != 0)),
            2 => {
                let mut b = [0u8; 8];
                for (k, x) in b.iter_mut().enumerate() {
                    *x = *data.get(i + k).unwrap_or(&0);
                }
                i += 8;
                let f = f64::from_le_bytes(b);
                stack.push(Value::Float(if f.is_finite() { f } else { 0.5 }));
            }
            3 | 4 => stack.push(Value::from(text(&mut i))),
            5 => {
                let n = usize::from(op >> 4).min(stack.len());
                let items = stack.split_off(stack.len() - n);
                stack.push(Value::List(List::new(items)));
            }
            _ => {
                let n = usize::from(op >> 4).min(stack.len());
                let items = stack.split_off(stack.len() - n);
                let m = Map::new();
                for x in items {
                    m.insert(text(&mut i), x);
                }
                stack.push(Value::Map(m));
            }
        }
    }
    let m = Map::new();
    for (k, x) in stack.into_iter().enumerate() {
        m.insert(k.to_string(), x);
    }
    Value::Map(m)
}

fuzz_target!(|data: &[u8]| {
    let v = build(data);
    let _ = tug_yaml::to_string_pretty(&v);
    let _ = tug_yaml::json::to_string_pretty(&v, true);
    let Ok(text) = tug_yaml::to_string(&v) else {
        return;
    };
    let back = match tug_yaml::from_str(&text) {
        Ok(back) => back,
        Err(e) if common::accepted_reload_failure(&text, &e) => return,
        Err(e) => panic!("{e}\n{text}"),
    };
    // NEL folds in the JSON step; compare against the value after one emit/load.
    let again = tug_yaml::to_string(&back).expect("re-emit");
    assert_eq!(text, again);
    if !format!("{v:?}").contains("\\u{85}") {
        assert!(
            common::same(&v, &back),
            "emitted:\n{text}\nfrom {v:?}\nloaded {back:?}"
        );
    }
});
