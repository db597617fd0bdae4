//! Helm's `CoalesceValues` / `MergeValues` (`pkg/chart/common/util/coalesce.go`).
//!
//! User values win over chart defaults; maps merge recursively; each subchart gets its
//! own table (`dest[<sub>]`) into which the parent's `global` table is merged before the
//! subchart's defaults are coalesced in. In *coalesce* mode a user `null` deletes the key;
//! in *merge* mode nulls are kept. The chart tree is seen through [`ChartNode`].
//! Helm's warnings are passed to a callback instead of a logger.

use tug_value::{Map, Value};

use crate::Error;
use crate::merge::{deep_copy, deep_copy_map, is_table};

/// The name of the global values table.
pub const GLOBAL_KEY: &str = "global";

/// What coalescing needs to know about a chart.
pub trait ChartNode {
    /// `Metadata.Name` (after aliasing).
    fn name(&self) -> &str;
    /// The chart's default values (`values.yaml`).
    fn values(&self) -> &Map;
    /// The chart's (enabled) subcharts, in order.
    fn dependencies(&self) -> Vec<&dyn ChartNode>;
    /// The chart's `values.schema.json`, if any.
    fn schema(&self) -> Option<&[u8]> {
        None
    }
}

/// A sink for Helm's warnings, each already formatted as Helm's logger prints it on
/// stderr (`level=INFO msg="warning: …"`).
pub type Warn<'a> = &'a mut dyn FnMut(String);

/// Helm logs coalescing warnings through slog's text handler at INFO level.
fn info(text: String) -> String {
    format!("level=INFO msg={}", crate::strvals::go_quote(&text))
}

/// `CoalesceValues(chart, vals)`: the values a chart is rendered with. `vals` is copied
/// first and left untouched.
pub fn coalesce_values(chart: &dyn ChartNode, vals: &Map, warn: Warn<'_>) -> Result<Map, Error> {
    coalesce(chart, deep_copy_map(vals), "", false, warn)
}

/// `MergeValues(chart, vals)`: like [`coalesce_values`] but keeps nulls.
pub fn merge_values(chart: &dyn ChartNode, vals: &Map, warn: Warn<'_>) -> Result<Map, Error> {
    coalesce(chart, deep_copy_map(vals), "", true, warn)
}

fn coalesce(
    ch: &dyn ChartNode,
    dest: Map,
    prefix: &str,
    merge: bool,
    warn: Warn<'_>,
) -> Result<Map, Error> {
    coalesce_chart_values(ch, &dest, prefix, merge, warn);
    coalesce_deps(ch, dest, prefix, merge, warn)
}

fn concat_prefix(a: &str, b: &str) -> String {
    if a.is_empty() {
        b.to_string()
    } else {
        format!("{a}.{b}")
    }
}

fn coalesce_deps(
    ch: &dyn ChartNode,
    dest: Map,
    prefix: &str,
    merge: bool,
    warn: Warn<'_>,
) -> Result<Map, Error> {
    for sub in ch.dependencies() {
        let name = sub.name();
        let dv = match dest.get(name) {
            None => {
                let m = Map::new();
                dest.insert(name, Value::Map(m.clone()));
                m
            }
            Some(Value::Map(m)) => m,
            Some(other) => {
                return Err(Error::Coalesce(format!(
                    "type mismatch on {name}: {}",
                    bad_verb('t', &other)
                )));
            }
        };
        let sub_prefix = concat_prefix(prefix, ch.name());
        coalesce_globals(&dv, &dest, warn);
        let out = coalesce(sub, dv, &sub_prefix, merge, warn)?;
        dest.insert(name, Value::Map(out));
    }
    Ok(dest)
}

/// Go's `%!verb(type=value)` for a value the verb does not fit.
pub(crate) fn bad_verb(verb: char, v: &Value) -> String {
    match v {
        Value::Bool(b) if verb == 't' => b.to_string(),
        Value::Nil => format!("%!{verb}(<nil>)"),
        other => format!(
            "%!{verb}({}={})",
            other.type_name(),
            tug_value::fmt::format_value(other)
        ),
    }
}

/// `coalesceGlobals`: copies the globals of `src` into `dest` (tables merged top-down).
fn coalesce_globals(dest: &Map, src: &Map, warn: Warn<'_>) {
    let dg = match dest.get(GLOBAL_KEY) {
        None => Map::new(),
        Some(Value::Map(m)) => m,
        Some(_) => {
            warn(info(format!(
                "warning: skipping globals because destination {GLOBAL_KEY} is not a table."
            )));
            return;
        }
    };
    let sg = match src.get(GLOBAL_KEY) {
        None => Map::new(),
        Some(Value::Map(m)) => m,
        Some(_) => {
            warn(info(format!(
                "warning: skipping globals because source {GLOBAL_KEY} is not a table."
            )));
            return;
        }
    };
    for (key, val) in sg.entries() {
        if let Value::Map(vm) = &val {
            let vv = Map::from_entries(vm.read().clone());
            match dg.get(&key) {
                None => {
                    dg.insert(key, Value::Map(vv));
                }
                Some(Value::Map(destv)) => {
                    coalesce_tables(&vv, &destv, &key, true, warn);
                    dg.insert(key, Value::Map(vv));
                }
                Some(_) => {
                    warn(info(format!(
                        "Conflict: cannot merge map onto non-map for {key:?}. Skipping."
                    )));
                }
            }
        } else if matches!(dg.get(&key), Some(Value::Map(_))) {
            warn(info(format!("key {key} is table. Skipping")));
        } else {
            dg.insert(key, val);
        }
    }
    dest.insert(GLOBAL_KEY, Value::Map(dg));
}

/// `coalesceValues`: fills `v` from a copy of the chart's defaults.
fn coalesce_chart_values(ch: &dyn ChartNode, v: &Map, prefix: &str, merge: bool, warn: Warn<'_>) {
    let sub_prefix = concat_prefix(prefix, ch.name());
    let vc = deep_copy_map(ch.values());
    for (key, val) in vc.entries() {
        match v.get(&key) {
            None => {
                insert_default(v, key, val, merge);
            }
            Some(Value::Nil) if !merge => {
                v.remove(&key);
            }
            Some(Value::Map(dest)) => match &val {
                Value::Map(src) => {
                    let is_sub = ch.dependencies().iter().any(|d| d.name() == &*key);
                    let full = concat_prefix(&sub_prefix, &key);
                    coalesce_tables(&dest, src, &full, merge || is_sub, warn);
                }
                Value::Nil => {}
                _ => warn(info(format!(
                    "warning: skipped value for {sub_prefix}.{key}: Not a table."
                ))),
            },
            Some(_) => {}
        }
    }
}

/// `CoalesceTables(dst, src)`: `dst` is authoritative; a `null` in `dst` deletes.
pub fn coalesce_tables_into(dst: &Map, src: &Map, warn: Warn<'_>) {
    let src = deep_copy_map(src);
    coalesce_tables(dst, &src, "", false, warn);
}

/// `MergeTables(dst, src)`: like [`coalesce_tables_into`], keeping nulls.
pub fn merge_tables_into(dst: &Map, src: &Map, warn: Warn<'_>) {
    let src = deep_copy_map(src);
    coalesce_tables(dst, &src, "", true, warn);
}

/// `coalesceTablesFullKey`. Mutates `src` like Helm does (callers pass copies).
fn coalesce_tables(dst: &Map, src: &Map, prefix: &str, merge: bool, warn: Warn<'_>) {
    for (key, val) in dst.entries() {
        if val.is_nil() {
            src.insert(key, Value::Nil);
        }
    }
    for (key, val) in src.entries() {
        let full = concat_prefix(prefix, &key);
        match dst.get(&key) {
            Some(Value::Nil) if !merge => {
                dst.remove(&key);
            }
            None => {
                insert_default(dst, key, val, merge);
            }
            Some(dv) => match (&val, &dv) {
                (Value::Map(sv), Value::Map(dm)) => coalesce_tables(dm, sv, &full, merge, warn),
                (Value::Map(_), _) => warn(info(format!(
                    "warning: cannot overwrite table with non table for {full} ({})",
                    tug_value::fmt::format_value(&val)
                ))),
                (v, Value::Map(_)) if !v.is_nil() => warn(info(format!(
                    "warning: destination for {full} is a table. Ignoring non-table value ({})",
                    tug_value::fmt::format_value(v)
                ))),
                _ => {}
            },
        }
    }
}

/// Copies a chart default into the destination. When coalescing (not merging), Helm v4
/// drops `null` defaults, also inside nested tables (not inside lists).
fn insert_default(dst: &Map, key: tug_value::Str, val: Value, merge: bool) {
    if merge {
        dst.insert(key, val);
    } else if !val.is_nil() {
        dst.insert(key, strip_nils(val));
    }
}

fn strip_nils(v: Value) -> Value {
    match v {
        Value::Map(m) => {
            let out = Map::new();
            for (k, x) in m.entries() {
                if !x.is_nil() {
                    out.insert(k, strip_nils(x));
                }
            }
            Value::Map(out)
        }
        other => other,
    }
}

/// `is_table` re-exported for callers that walk values.
pub fn istable(v: &Value) -> bool {
    is_table(v)
}

/// Deep copy of a value (re-export for the chart layer).
pub fn copy_value(v: &Value) -> Value {
    deep_copy(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Node {
        name: String,
        values: Map,
        deps: Vec<Node>,
    }

    impl ChartNode for Node {
        fn name(&self) -> &str {
            &self.name
        }
        fn values(&self) -> &Map {
            &self.values
        }
        fn dependencies(&self) -> Vec<&dyn ChartNode> {
            self.deps.iter().map(|d| d as &dyn ChartNode).collect()
        }
    }

    fn m(pairs: Vec<(&str, Value)>) -> Map {
        pairs.into_iter().map(|(k, v)| (k.into(), v)).collect()
    }

    /// Helm v4.2.3: defaults `{x: null, a: {b: null, c: 1, d: {e: null}}, l: [null, {k: null}]}`
    /// render as `{"a":{"c":1,"d":{}},"l":[null,{"k":null}]}`; a user `z: null` stays.
    #[test]
    fn null_defaults_are_dropped_when_coalescing() {
        let d = m(vec![("e", Value::Nil)]);
        let a = m(vec![
            ("b", Value::Nil),
            ("c", Value::Int64(1)),
            ("d", Value::Map(d)),
        ]);
        let l = Value::list(vec![Value::Nil, Value::Map(m(vec![("k", Value::Nil)]))]);
        let chart = Node {
            name: "c".into(),
            values: m(vec![("x", Value::Nil), ("a", Value::Map(a)), ("l", l)]),
            deps: vec![],
        };
        let user = m(vec![("z", Value::Nil)]);
        let out = coalesce_values(&chart, &user, &mut |_| {}).unwrap();
        assert!(!out.contains_key("x"));
        assert!(out.contains_key("z"));
        let a = out.get("a").unwrap();
        let a = a.as_map().unwrap();
        assert_eq!(
            a.keys(),
            vec![tug_value::Str::from("c"), tug_value::Str::from("d")]
        );
        assert!(a.get("d").unwrap().as_map().unwrap().is_empty());
        assert_eq!(out.get("l").unwrap().as_list().unwrap().len(), 2);
        let merged = merge_values(&chart, &Map::new(), &mut |_| {}).unwrap();
        assert!(merged.contains_key("x"), "merge mode keeps nulls");
    }

    #[test]
    fn user_null_deletes_default_and_globals_flow_down() {
        let sub = Node {
            name: "sub".into(),
            values: m(vec![("x", Value::Int64(1)), ("y", Value::Int64(2))]),
            deps: vec![],
        };
        let parent = Node {
            name: "top".into(),
            values: m(vec![
                ("a", Value::Int64(1)),
                ("b", Value::Int64(2)),
                ("global", Value::Map(m(vec![("g", Value::from("G"))]))),
            ]),
            deps: vec![sub],
        };
        let user = m(vec![
            ("b", Value::Nil),
            ("sub", Value::Map(m(vec![("y", Value::Nil)]))),
        ]);
        let mut warnings = Vec::new();
        let out = coalesce_values(&parent, &user, &mut |w| warnings.push(w)).unwrap();
        assert!(out.get("b").is_none());
        assert!(matches!(out.get("a"), Some(Value::Int64(1))));
        let sub = out.get("sub").unwrap();
        let sub = sub.as_map().unwrap();
        assert!(sub.get("y").is_none());
        assert!(matches!(sub.get("x"), Some(Value::Int64(1))));
        let g = sub.get("global").unwrap();
        assert_eq!(g.as_map().unwrap().get("g").unwrap().as_str(), Some("G"));
        assert!(warnings.is_empty());
        // user input untouched
        assert!(user.contains_key("b"));
    }

    #[test]
    fn non_table_subchart_value_is_a_type_mismatch() {
        let parent = Node {
            name: "top".into(),
            values: Map::new(),
            deps: vec![Node {
                name: "sub".into(),
                values: Map::new(),
                deps: vec![],
            }],
        };
        let user = m(vec![("sub", Value::from("x"))]);
        let e = coalesce_values(&parent, &user, &mut |_| {})
            .err()
            .unwrap_or(Error::Parse(String::new()));
        assert_eq!(e.to_string(), "type mismatch on sub: %!t(string=x)");
    }

    #[test]
    fn table_over_scalar_warns() {
        let parent = Node {
            name: "top".into(),
            values: m(vec![("t", Value::Map(m(vec![("k", Value::Int64(1))])))]),
            deps: vec![],
        };
        let user = m(vec![("t", Value::from("s"))]);
        let mut warnings = Vec::new();
        let out = coalesce_values(&parent, &user, &mut |w| warnings.push(w)).unwrap();
        assert_eq!(out.get("t").unwrap().as_str(), Some("s"));
        assert!(warnings.is_empty(), "{warnings:?}");
        let user = m(vec![(
            "t",
            Value::Map(m(vec![("k", Value::Map(Map::new()))])),
        )]);
        let mut warnings = Vec::new();
        coalesce_values(&parent, &user, &mut |w| warnings.push(w)).unwrap();
        assert_eq!(
            warnings,
            vec![
                "level=INFO msg=\"warning: destination for top.t.k is a table. Ignoring non-table value (1)\""
            ]
        );
    }
}
