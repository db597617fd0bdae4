//! The 1.37 object schemas in compact form (generated `data/schema.json`): property types,
//! list topology (`x-kubernetes-list-type`, map keys), patch strategies and merge keys.
//! Drives strategic merge patch, server-side apply, strict field validation and OpenAPI.

use serde_json::Value;
use std::collections::HashMap;
use std::sync::OnceLock;

/// An array property: its item type and the metadata that patches and apply need.
#[derive(Debug, Clone, Default)]
pub struct ListInfo {
    pub item: String,
    pub list_type: String,
    pub keys: Vec<String>,
    pub strategy: String,
    pub merge_key: String,
}

/// One property of a definition.
#[derive(Debug, Clone)]
pub enum Prop {
    Obj(String),
    List(ListInfo),
    Map { value: String, atomic: bool },
    Scalar,
}

/// One definition (`io.k8s.api.core.v1.Pod`, …).
#[derive(Debug, Clone, Default)]
pub struct Def {
    pub props: HashMap<String, Prop>,
    pub required: Vec<String>,
    pub atomic: bool,
    /// For definitions without properties: `string`, `object`, `any`, …
    pub scalar: Option<String>,
}

/// A position in a schema while walking an object.
#[derive(Debug, Clone, Copy)]
pub enum Ty<'s> {
    Def(&'s Def),
    Map {
        value: &'s str,
        atomic: bool,
    },
    List(&'s ListInfo),
    Scalar,
    /// No schema (custom resources, `RawExtension`): maps are granular, lists atomic.
    Untyped,
}

/// All definitions.
#[derive(Debug, Default)]
pub struct Schema {
    pub defs: HashMap<String, Def>,
}

static SCHEMA: OnceLock<Schema> = OnceLock::new();

/// The built-in 1.37 schema, parsed once.
pub fn builtin() -> &'static Schema {
    SCHEMA.get_or_init(|| Schema::parse(include_str!("../data/schema.json")))
}

fn strs(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn parse_prop(p: &Value) -> Prop {
    let s = |i: usize| p.get(i).and_then(Value::as_str).unwrap_or("").to_string();
    match p.get(0).and_then(Value::as_str) {
        Some("o") => Prop::Obj(s(1)),
        Some("a") => Prop::List(ListInfo {
            item: s(1),
            list_type: s(2),
            keys: strs(p.get(3)),
            strategy: s(4),
            merge_key: s(5),
        }),
        Some("m") => Prop::Map {
            value: s(1),
            atomic: s(2) == "atomic",
        },
        _ => Prop::Scalar,
    }
}

impl Schema {
    /// Parses the generated compact table; a malformed table yields an empty schema.
    pub fn parse(text: &str) -> Schema {
        let Ok(Value::Object(root)) = serde_json::from_str::<Value>(text) else {
            return Schema::default();
        };
        let mut defs = HashMap::new();
        for (name, d) in root {
            let mut def = Def {
                required: strs(d.get("r")),
                atomic: d.get("t").and_then(Value::as_str) == Some("atomic"),
                scalar: d.get("s").and_then(Value::as_str).map(str::to_string),
                ..Def::default()
            };
            if let Some(Value::Object(props)) = d.get("p") {
                for (k, p) in props {
                    def.props.insert(k.clone(), parse_prop(p));
                }
            }
            defs.insert(name, def);
        }
        Schema { defs }
    }

    /// The type named `name`: a definition or a JSON scalar type.
    pub fn ty(&self, name: &str) -> Ty<'_> {
        match self.defs.get(name) {
            Some(d) if d.scalar.is_none() => Ty::Def(d),
            Some(d) => match d.scalar.as_deref() {
                Some("object") | Some("any") | Some("") | None => Ty::Untyped,
                _ => Ty::Scalar,
            },
            None if name.is_empty() || name == "object" => Ty::Untyped,
            None => Ty::Scalar,
        }
    }

    /// The type of `key` inside a value of type `ty`.
    pub fn child<'s>(&'s self, ty: Ty<'s>, key: &str) -> Ty<'s> {
        match ty {
            Ty::Def(d) => match d.props.get(key) {
                Some(Prop::Obj(t)) => self.ty(t),
                Some(Prop::List(l)) => Ty::List(l),
                Some(Prop::Map { value, atomic }) => Ty::Map {
                    value,
                    atomic: *atomic,
                },
                Some(Prop::Scalar) => Ty::Scalar,
                None => Ty::Untyped,
            },
            Ty::Map { value, .. } => self.ty(value),
            _ => Ty::Untyped,
        }
    }

    /// The type of the items of a list of type `ty`.
    pub fn item<'s>(&'s self, ty: Ty<'s>) -> Ty<'s> {
        match ty {
            Ty::List(l) => self.ty(&l.item),
            _ => Ty::Untyped,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pod_spec_containers_are_a_map_list_keyed_by_name() {
        let s = builtin();
        let pod = s.ty("io.k8s.api.core.v1.Pod");
        let spec = s.child(pod, "spec");
        let Ty::List(l) = s.child(spec, "containers") else {
            panic!("containers not a list")
        };
        assert_eq!(l.list_type, "map");
        assert_eq!(l.keys, vec!["name".to_string()]);
        assert_eq!(l.merge_key, "name");
        assert!(matches!(s.child(pod, "metadata"), Ty::Def(_)));
        let meta = s.child(pod, "metadata");
        assert!(matches!(s.child(meta, "creationTimestamp"), Ty::Scalar));
        assert!(matches!(
            s.child(meta, "labels"),
            Ty::Map { atomic: false, .. }
        ));
    }
}
