//! `.Files`: the chart's non-template files, with Helm's accessor methods.
//!
//! Go type `engine.files` (a `map[string][]byte`): `Get`, `GetBytes`, `Glob`, `Lines`,
//! `AsConfig` and `AsSecrets`. Templates may also index it like a map.

use std::borrow::Cow;
use std::sync::Arc;

use base64::Engine as _;
use tug_value::{Map, MethodError, Object, Str, Value};

mod glob;

/// A chart's files as the template sees them.
pub struct Files {
    map: Map,
}

impl Files {
    /// Files from `(path, contents)` pairs (paths relative to the chart root, `/`-separated).
    pub fn new<I: IntoIterator<Item = (String, Arc<[u8]>)>>(files: I) -> Files {
        let map = Map::new();
        for (name, data) in files {
            map.insert(name, Value::Bytes(data));
        }
        Files { map }
    }

    /// The template value.
    pub fn into_value(self) -> Value {
        Value::Object(Arc::new(self))
    }

    fn bytes(&self, name: &str) -> Arc<[u8]> {
        match self.map.get(name) {
            Some(Value::Bytes(b)) => b,
            _ => Arc::from(&[][..]),
        }
    }

    fn glob(&self, pattern: &str) -> Files {
        let g = glob::Glob::new(pattern).unwrap_or_else(glob::Glob::any);
        let map = Map::new();
        for (name, data) in self.map.entries() {
            if g.matches(&name) {
                map.insert(name, data);
            }
        }
        Files { map }
    }

    fn lines(&self, name: &str) -> Result<Value, MethodError> {
        let strings =
            |v: Vec<Value>| Value::List(tug_value::List::typed(tug_value::ElemType::String, v));
        let Some(Value::Bytes(b)) = self.map.get(name) else {
            return Ok(strings(Vec::new()));
        };
        if b.is_empty() {
            return Err(MethodError("runtime error: index out of range [-1]".into()));
        }
        let text = String::from_utf8_lossy(&b);
        let text = text.strip_suffix('\n').unwrap_or(&text);
        Ok(strings(text.split('\n').map(Value::from).collect()))
    }

    /// `map[basename] = contents` rendered with `toYaml`, as Helm's `AsConfig`/`AsSecrets`.
    fn as_yaml(&self, encode: impl Fn(&[u8]) -> String) -> Result<Value, MethodError> {
        let map = Map::new();
        for (name, data) in self.map.entries() {
            let base = name.rsplit('/').next().unwrap_or(&name).to_string();
            let Value::Bytes(b) = data else { continue };
            map.insert(base, Value::from(encode(&b)));
        }
        let text = tug_yaml::to_string(&Value::Map(map)).unwrap_or_default();
        Ok(Value::from(
            text.strip_suffix('\n').unwrap_or(&text).to_string(),
        ))
    }
}

fn one_string<'a>(name: &str, args: &'a [Value]) -> Result<&'a str, MethodError> {
    match args {
        [Value::String(s)] => Ok(s),
        [other] => Err(MethodError(format!(
            "wrong type for value; expected string; got {}",
            other.type_name()
        ))),
        _ => Err(MethodError(format!(
            "wrong number of args for {name}: want 1 got {}",
            args.len()
        ))),
    }
}

impl Object for Files {
    fn type_name(&self) -> Cow<'static, str> {
        "engine.files".into()
    }

    fn field(&self, name: &str) -> Option<Value> {
        Some(self.map.get(name).unwrap_or(Value::Nil))
    }

    fn has_method(&self, name: &str) -> bool {
        matches!(
            name,
            "Get" | "GetBytes" | "Glob" | "Lines" | "AsConfig" | "AsSecrets"
        )
    }

    fn call_method(&self, name: &str, args: &[Value]) -> Option<Result<Value, MethodError>> {
        let r = match name {
            "Get" => one_string(name, args)
                .map(|p| Value::from(String::from_utf8_lossy(&self.bytes(p)).into_owned())),
            "GetBytes" => one_string(name, args).map(|p| Value::Bytes(self.bytes(p))),
            "Glob" => one_string(name, args).map(|p| self.glob(p).into_value()),
            "Lines" => one_string(name, args).and_then(|p| self.lines(p)),
            "AsConfig" => self.as_yaml(|b| String::from_utf8_lossy(b).into_owned()),
            "AsSecrets" => self.as_yaml(|b| base64::engine::general_purpose::STANDARD.encode(b)),
            _ => return None,
        };
        Some(r)
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

    fn files() -> Files {
        Files::new([
            ("a.txt".to_string(), Arc::from(&b"one\ntwo\n"[..])),
            ("conf/b.ini".to_string(), Arc::from(&b"x=1"[..])),
            ("empty".to_string(), Arc::from(&b""[..])),
        ])
    }

    fn call(f: &Files, m: &str, args: &[Value]) -> Result<Value, MethodError> {
        f.call_method(m, args).expect("method exists")
    }

    #[test]
    fn get_and_lines() {
        let f = files();
        assert_eq!(
            call(&f, "Get", &["a.txt".into()]).unwrap().as_str(),
            Some("one\ntwo\n")
        );
        assert_eq!(
            call(&f, "Get", &["nope".into()]).unwrap().as_str(),
            Some("")
        );
        let lines = call(&f, "Lines", &["a.txt".into()]).unwrap();
        assert_eq!(lines.as_list().map(|l| l.len()), Some(2));
        assert!(call(&f, "Lines", &["empty".into()]).is_err());
        assert_eq!(
            call(&f, "Lines", &["nope".into()])
                .unwrap()
                .as_list()
                .map(|l| l.len()),
            Some(0)
        );
    }

    #[test]
    fn glob_filters_by_path() {
        let f = files();
        let g = call(&f, "Glob", &["conf/*".into()]).unwrap();
        assert_eq!(
            g.as_map().map(|m| m.keys()),
            Some(vec![Str::from("conf/b.ini")])
        );
        let all = call(&f, "Glob", &["**".into()]).unwrap();
        assert_eq!(all.as_map().map(|m| m.len()), Some(3));
        let none = call(&f, "Glob", &["*.ini".into()]).unwrap();
        assert_eq!(none.as_map().map(|m| m.len()), Some(0));
    }
}
