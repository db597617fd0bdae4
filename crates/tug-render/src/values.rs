//! `common.Values`: Helm's named map type for `.Values`, the top-level render data and
//! `.Template`.
//!
//! It behaves as a `map[string]interface {}` everywhere (indexing, `range`, printing,
//! Sprig's dict functions through [`Object::as_map`]) but has methods, and Go's field
//! lookup tries methods first: `.Values.YAML` calls the method even when the values
//! contain a key `YAML`.

use std::borrow::Cow;
use std::sync::Arc;

use tug_value::{Map, MethodError, Object, Str, Value};

/// A `common.Values` wrapper around a shared map.
pub struct Values {
    map: Map,
}

const METHODS: [&str; 5] = ["YAML", "Table", "AsMap", "Encode", "PathValue"];

impl Values {
    /// Wraps `map` (shared, not copied).
    pub fn new(map: Map) -> Values {
        Values { map }
    }

    /// The template value.
    pub fn value(map: Map) -> Value {
        Value::Object(Arc::new(Values::new(map)))
    }

    /// `Table("a.b")`: the sub-table at a dotted path.
    fn table(&self, path: &str) -> Result<Value, MethodError> {
        let no_table = || MethodError(format!("no table named {path:?}"));
        let mut cur = self.map.clone();
        for part in path.split('.') {
            let next = cur.get(part).ok_or_else(no_table)?;
            cur = next.as_map().cloned().ok_or_else(no_table)?;
        }
        Ok(Values::value(cur))
    }

    /// `PathValue("a.b")`: the non-table value at a dotted path.
    fn path_value(&self, path: &str) -> Result<Value, MethodError> {
        if path.is_empty() {
            return Err(MethodError("YAML path cannot be empty".into()));
        }
        let (table, key) = match path.rsplit_once('.') {
            Some((t, k)) => (Some(t), k),
            None => (None, path),
        };
        let no_value = || MethodError(format!("no value for path {path:?}"));
        let map = match table {
            Some(t) => self
                .table(t)
                .map_err(|_| no_value())?
                .as_map()
                .cloned()
                .ok_or_else(no_value)?,
            None => self.map.clone(),
        };
        match map.get(key) {
            Some(v) if v.as_map().is_none() => Ok(v),
            _ => Err(no_value()),
        }
    }
}

impl Object for Values {
    fn type_name(&self) -> Cow<'static, str> {
        "common.Values".into()
    }

    fn field(&self, name: &str) -> Option<Value> {
        Some(self.map.get(name).unwrap_or(Value::Nil))
    }

    fn has_method(&self, name: &str) -> bool {
        METHODS.contains(&name)
    }

    fn call_method(&self, name: &str, args: &[Value]) -> Option<Result<Value, MethodError>> {
        let want = |n: usize| -> Result<(), MethodError> {
            if args.len() == n {
                Ok(())
            } else {
                Err(MethodError(format!(
                    "wrong number of args for {name}: want {n} got {}",
                    args.len()
                )))
            }
        };
        let string_arg = || -> Result<&str, MethodError> {
            want(1)?;
            args[0].as_str().ok_or_else(|| {
                MethodError(format!(
                    "wrong type for value; expected string; got {}",
                    args[0].type_name()
                ))
            })
        };
        Some(match name {
            "YAML" => want(0).and_then(|()| {
                tug_yaml::to_string(&Value::Map(self.map.clone()))
                    .map(Value::from)
                    .map_err(|e| MethodError(e.to_string()))
            }),
            "AsMap" => want(0).map(|()| Value::Map(self.map.clone())),
            "Table" => string_arg().and_then(|p| self.table(p)),
            "PathValue" => string_arg().and_then(|p| self.path_value(p)),
            "Encode" => Err(MethodError("Encode needs an io.Writer".into())),
            _ => return None,
        })
    }

    fn as_map(&self) -> Option<&Map> {
        Some(&self.map)
    }

    fn fields(&self) -> Vec<(Str, Value)> {
        self.map.entries()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Values {
        let inner = Map::new();
        inner.insert("b", Value::from("x"));
        let m = Map::new();
        m.insert("a", Value::Map(inner));
        m.insert("YAML", Value::from("shadowed"));
        Values::new(m)
    }

    #[test]
    fn methods_shadow_keys() {
        let v = sample();
        assert!(v.has_method("YAML"));
        assert_eq!(
            v.field("a").and_then(|x| x.as_map().map(|m| m.len())),
            Some(1)
        );
    }

    #[test]
    fn table_and_path_value() {
        let v = sample();
        let t = v
            .call_method("Table", &["a".into()])
            .expect("method")
            .expect("table");
        assert_eq!(t.type_name(), "common.Values");
        let p = v
            .call_method("PathValue", &["a.b".into()])
            .expect("method")
            .expect("value");
        assert_eq!(p.as_str(), Some("x"));
        let e = v
            .call_method("Table", &["nope".into()])
            .expect("method")
            .unwrap_err();
        assert_eq!(e.to_string(), "no table named \"nope\"");
    }
}
