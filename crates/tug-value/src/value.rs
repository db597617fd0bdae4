//! The dynamic value every template, function and YAML document in tug works on.
//!
//! It mirrors the handful of Go types that Helm charts actually see through
//! `interface{}`: nil, `bool`, `int`, `int64`, `uint64`, `float64`, `string`, `[]byte`,
//! slices, `map[string]…` and host objects (structs with fields and methods such as
//! `.Capabilities` or `.Files`).
//!
//! Sharing is cheap: strings, lists and maps are behind `Arc`, so cloning a `Value` is at
//! most one reference-count increment. Maps are *shared mutable* exactly like Go maps:
//! Sprig's `set` and `merge` mutate a map and every holder of that map sees the change.
//! Lists are immutable (every Sprig list function returns a new slice).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};

/// A cheaply clonable immutable string.
pub type Str = Arc<str>;

/// The Go type of the elements of a typed slice or the values of a typed map.
///
/// Almost everything is `interface {}`; a few functions return typed collections
/// (`splitList` → `[]string`, `until` → `[]int`) and the difference shows in `%T`,
/// `typeOf` and in the zero value of a missing map key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum ElemType {
    /// `interface {}`
    #[default]
    Any,
    /// `string`
    String,
    /// `int`
    Int,
    /// `int64`
    Int64,
    /// `float64`
    Float64,
    /// `bool`
    Bool,
}

impl ElemType {
    /// The Go spelling of the type, as `%T` prints it.
    pub fn go_name(self) -> &'static str {
        match self {
            ElemType::Any => "interface {}",
            ElemType::String => "string",
            ElemType::Int => "int",
            ElemType::Int64 => "int64",
            ElemType::Float64 => "float64",
            ElemType::Bool => "bool",
        }
    }

    /// The zero value of the type (what a missing key of a typed map yields).
    pub fn zero(self) -> Value {
        match self {
            ElemType::Any => Value::Nil,
            ElemType::String => Value::from(""),
            ElemType::Int => Value::Int(0),
            ElemType::Int64 => Value::Int64(0),
            ElemType::Float64 => Value::Float(0.0),
            ElemType::Bool => Value::Bool(false),
        }
    }
}

/// A Go value seen through `interface {}`.
#[derive(Clone, Default)]
pub enum Value {
    /// Go's untyped nil: a nil interface, a missing map key, YAML `null`.
    #[default]
    Nil,
    /// `bool`
    Bool(bool),
    /// `int` (template literals, `len`, `.Release.Revision`, `atoi`).
    Int(i64),
    /// `int64` (`--set` numbers, Sprig math results, `lookup` results).
    Int64(i64),
    /// `uint64` (YAML integers above `i64::MAX`).
    Uint(u64),
    /// `float64` (every number from a YAML or JSON document).
    Float(f64),
    /// `string`
    String(Str),
    /// `[]byte`
    Bytes(Arc<[u8]>),
    /// A slice.
    List(List),
    /// A map with string keys.
    Map(Map),
    /// A host object: a struct or named type with fields and methods.
    Object(Arc<dyn Object>),
}

/// An immutable, shared slice.
#[derive(Clone, Default)]
pub struct List(Arc<ListData>);

#[derive(Default)]
struct ListData {
    elem: ElemType,
    items: Vec<Value>,
}

impl List {
    /// A `[]interface {}` holding `items`.
    pub fn new(items: Vec<Value>) -> List {
        List::typed(ElemType::Any, items)
    }

    /// A slice of the given element type.
    pub fn typed(elem: ElemType, items: Vec<Value>) -> List {
        List(Arc::new(ListData { elem, items }))
    }

    /// The element type.
    pub fn elem(&self) -> ElemType {
        self.0.elem
    }

    /// The elements.
    pub fn items(&self) -> &[Value] {
        &self.0.items
    }

    /// Number of elements.
    pub fn len(&self) -> usize {
        self.0.items.len()
    }

    /// Whether the slice is empty.
    pub fn is_empty(&self) -> bool {
        self.0.items.is_empty()
    }

    /// Whether two handles share the same storage.
    pub fn ptr_eq(&self, other: &List) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// A shared, mutable map with string keys, iterated in byte order of its keys.
///
/// Cloning a `Map` clones the handle: both clones see every mutation, as with Go maps.
#[derive(Clone, Default)]
pub struct Map(Arc<MapData>);

#[derive(Default)]
struct MapData {
    elem: ElemType,
    entries: RwLock<BTreeMap<Str, Value>>,
}

impl Map {
    /// An empty `map[string]interface {}`.
    pub fn new() -> Map {
        Map::default()
    }

    /// An empty map of the given value type.
    pub fn typed(elem: ElemType) -> Map {
        Map(Arc::new(MapData {
            elem,
            entries: RwLock::default(),
        }))
    }

    /// A `map[string]interface {}` holding `entries`.
    pub fn from_entries(entries: BTreeMap<Str, Value>) -> Map {
        Map(Arc::new(MapData {
            elem: ElemType::Any,
            entries: RwLock::new(entries),
        }))
    }

    /// The value type.
    pub fn elem(&self) -> ElemType {
        self.0.elem
    }

    /// Read access to the entries. Do not call back into code that may mutate this map
    /// while the guard is held; take [`Map::entries`] for that.
    pub fn read(&self) -> RwLockReadGuard<'_, BTreeMap<Str, Value>> {
        self.0.entries.read().unwrap_or_else(|e| e.into_inner())
    }

    /// Write access to the entries.
    pub fn write(&self) -> RwLockWriteGuard<'_, BTreeMap<Str, Value>> {
        self.0.entries.write().unwrap_or_else(|e| e.into_inner())
    }

    /// The value stored under `key`.
    pub fn get(&self, key: &str) -> Option<Value> {
        self.read().get(key).cloned()
    }

    /// Whether `key` is present.
    pub fn contains_key(&self, key: &str) -> bool {
        self.read().contains_key(key)
    }

    /// Stores `value` under `key`, returning the previous value.
    pub fn insert(&self, key: impl Into<Str>, value: Value) -> Option<Value> {
        self.write().insert(key.into(), value)
    }

    /// Removes `key`.
    pub fn remove(&self, key: &str) -> Option<Value> {
        self.write().remove(key)
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.read().len()
    }

    /// Whether the map is empty.
    pub fn is_empty(&self) -> bool {
        self.read().is_empty()
    }

    /// A snapshot of the entries in key order (safe to hold while the map is mutated).
    pub fn entries(&self) -> Vec<(Str, Value)> {
        self.read()
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    }

    /// A snapshot of the keys in order.
    pub fn keys(&self) -> Vec<Str> {
        self.read().keys().cloned().collect()
    }

    /// Whether two handles share the same storage.
    pub fn ptr_eq(&self, other: &Map) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl FromIterator<(Str, Value)> for Map {
    fn from_iter<I: IntoIterator<Item = (Str, Value)>>(iter: I) -> Map {
        Map::from_entries(iter.into_iter().collect())
    }
}

/// An error returned by a host method; printed as Go prints a returned `error`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct MethodError(pub String);

/// A host object: a Go struct or named type exposed to templates.
///
/// Field access `.X` on an object asks [`Object::call_method`] first (methods win, as in
/// Go) with no arguments, then [`Object::field`].
pub trait Object: Send + Sync {
    /// The Go type name printed by `%T` and `typeOf`, e.g. `*common.Capabilities`.
    fn type_name(&self) -> Cow<'static, str>;

    /// A field (for structs) or a key (for named map types). `None` when there is no
    /// such field; named map types return `Some(zero value)` for a missing key.
    fn field(&self, name: &str) -> Option<Value>;

    /// Calls the method `name`; `None` when the type has no such method.
    fn call_method(&self, name: &str, args: &[Value]) -> Option<Result<Value, MethodError>> {
        let _ = (name, args);
        None
    }

    /// Whether the type has a method `name` (used to decide "has arguments" errors).
    fn has_method(&self, name: &str) -> bool {
        let _ = name;
        false
    }

    /// For named map types (Helm's `Values`, `files`): the underlying map, so that
    /// `index`, `range`, `len`, printing and Sprig's dict functions treat it as a map.
    fn as_map(&self) -> Option<&Map> {
        None
    }

    /// For named slice types (`VersionSet`): the underlying slice.
    fn as_list(&self) -> Option<&List> {
        None
    }

    /// `String()` or `Error()` for types implementing `fmt.Stringer` / `error`.
    fn stringer(&self) -> Option<String> {
        None
    }

    /// The exported fields in declaration order, for `%v` (`{a b}`) and `%+v` printing.
    fn fields(&self) -> Vec<(Str, Value)> {
        Vec::new()
    }

    /// Truthiness: structs are always true; nil pointers are false.
    fn is_true(&self) -> bool {
        true
    }

    /// What `encoding/json` (hence `toJson`, `toYaml`) marshals this object as, for Go
    /// types with a `MarshalJSON`/`MarshalText` method: `time.Time` is an RFC 3339
    /// string, `*semver.Version` its version string. `None` (the default) means the
    /// exported [`Object::fields`] are marshalled as an object.
    fn json_value(&self) -> Option<Value> {
        None
    }
}

impl Value {
    /// Go's truthiness as used by `if`, `with`, `and`, `or` and `not`.
    pub fn is_true(&self) -> bool {
        match self {
            Value::Nil => false,
            Value::Bool(b) => *b,
            Value::Int(i) | Value::Int64(i) => *i != 0,
            Value::Uint(u) => *u != 0,
            Value::Float(f) => *f != 0.0,
            Value::String(s) => !s.is_empty(),
            Value::Bytes(b) => !b.is_empty(),
            Value::List(l) => !l.is_empty(),
            Value::Map(m) => !m.is_empty(),
            Value::Object(o) => match (o.as_map(), o.as_list()) {
                (Some(m), _) => !m.is_empty(),
                (_, Some(l)) => !l.is_empty(),
                _ => o.is_true(),
            },
        }
    }

    /// Whether this is Go's untyped nil.
    pub fn is_nil(&self) -> bool {
        matches!(self, Value::Nil)
    }

    /// The Go type name as `%T` prints it (`<nil>` for nil).
    pub fn type_name(&self) -> Cow<'static, str> {
        match self {
            Value::Nil => "<nil>".into(),
            Value::Bool(_) => "bool".into(),
            Value::Int(_) => "int".into(),
            Value::Int64(_) => "int64".into(),
            Value::Uint(_) => "uint64".into(),
            Value::Float(_) => "float64".into(),
            Value::String(_) => "string".into(),
            Value::Bytes(_) => "[]uint8".into(),
            Value::List(l) => format!("[]{}", l.elem().go_name()).into(),
            Value::Map(m) => format!("map[string]{}", m.elem().go_name()).into(),
            Value::Object(o) => o.type_name(),
        }
    }

    /// The string inside, if this is a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The map inside, if this is a map or a named map type.
    pub fn as_map(&self) -> Option<&Map> {
        match self {
            Value::Map(m) => Some(m),
            Value::Object(o) => o.as_map(),
            _ => None,
        }
    }

    /// The slice inside, if this is a slice or a named slice type.
    pub fn as_list(&self) -> Option<&List> {
        match self {
            Value::List(l) => Some(l),
            Value::Object(o) => o.as_list(),
            _ => None,
        }
    }

    /// A `[]interface {}` value.
    pub fn list(items: Vec<Value>) -> Value {
        Value::List(List::new(items))
    }

    /// A new empty `map[string]interface {}` value.
    pub fn empty_map() -> Value {
        Value::Map(Map::new())
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::String(Str::from(s))
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::String(Str::from(s))
    }
}

impl From<Str> for Value {
    fn from(s: Str) -> Value {
        Value::String(s)
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}

impl From<f64> for Value {
    fn from(f: f64) -> Value {
        Value::Float(f)
    }
}

impl From<Map> for Value {
    fn from(m: Map) -> Value {
        Value::Map(m)
    }
}

impl From<List> for Value {
    fn from(l: List) -> Value {
        Value::List(l)
    }
}

impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Nil => f.write_str("nil"),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Int(i) => write!(f, "{i}"),
            Value::Int64(i) => write!(f, "int64({i})"),
            Value::Uint(u) => write!(f, "uint64({u})"),
            Value::Float(x) => write!(f, "float64({x:?})"),
            Value::String(s) => write!(f, "{s:?}"),
            Value::Bytes(b) => write!(f, "bytes({b:?})"),
            Value::List(l) => f.debug_list().entries(l.items()).finish(),
            Value::Map(m) => f.debug_map().entries(m.entries()).finish(),
            Value::Object(o) => write!(f, "<{}>", o.type_name()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_is_24_bytes() {
        assert_eq!(std::mem::size_of::<Value>(), 24);
    }

    #[test]
    fn maps_are_shared_like_go_maps() {
        let a = Map::new();
        let b = a.clone();
        b.insert("k", Value::Int(1));
        assert!(matches!(a.get("k"), Some(Value::Int(1))));
    }

    #[test]
    fn truthiness_follows_go() {
        assert!(!Value::Nil.is_true());
        assert!(!Value::Float(0.0).is_true());
        assert!(Value::Float(0.5).is_true());
        assert!(!Value::from("").is_true());
        assert!(!Value::list(vec![]).is_true());
        assert!(Value::list(vec![Value::Nil]).is_true());
        assert!(!Value::empty_map().is_true());
    }

    #[test]
    fn type_names_follow_go() {
        assert_eq!(Value::empty_map().type_name(), "map[string]interface {}");
        assert_eq!(Value::list(vec![]).type_name(), "[]interface {}");
        assert_eq!(
            Value::List(List::typed(ElemType::String, vec![])).type_name(),
            "[]string"
        );
        assert_eq!(Value::Float(1.0).type_name(), "float64");
        assert_eq!(Value::Nil.type_name(), "<nil>");
    }
}
