//! Server-side apply and field ownership: `managedFields` entries per (manager, operation,
//! subresource), apply with conflicts, `force` and removal of fields a manager stops
//! applying, and ownership transfer on ordinary updates.

use crate::error::{ApiError, Cause};
use crate::fieldset::{self, Path, Set};
use crate::schema::{Schema, Ty};
use serde_json::{Map, Value, json};

/// One `managedFields` entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub manager: String,
    pub operation: String,
    pub api_version: String,
    pub time: String,
    pub subresource: String,
    pub fields: Set,
}

/// Who is writing, and how.
#[derive(Debug, Clone)]
pub struct Writer<'a> {
    pub manager: &'a str,
    pub api_version: &'a str,
    pub subresource: &'a str,
    pub time: &'a str,
}

/// Reads `metadata.managedFields`.
pub fn read_managed(obj: &Value) -> Vec<Entry> {
    let Some(Value::Array(items)) = obj.pointer("/metadata/managedFields") else {
        return Vec::new();
    };
    items
        .iter()
        .map(|e| {
            let s = |k: &str| e.get(k).and_then(Value::as_str).unwrap_or("").to_string();
            Entry {
                manager: s("manager"),
                operation: s("operation"),
                api_version: s("apiVersion"),
                time: s("time"),
                subresource: s("subresource"),
                fields: e
                    .get("fieldsV1")
                    .map(fieldset::from_fields_v1)
                    .unwrap_or_default(),
            }
        })
        .collect()
}

/// Writes `metadata.managedFields` (entries with no fields are dropped).
pub fn write_managed(obj: &mut Value, entries: &[Entry]) {
    let list: Vec<Value> = entries
        .iter()
        .filter(|e| !e.fields.is_empty())
        .map(|e| {
            let mut m = json!({"manager": e.manager, "operation": e.operation, "apiVersion": e.api_version,
                "time": e.time, "fieldsType": "FieldsV1", "fieldsV1": fieldset::to_fields_v1(&e.fields)});
            if !e.subresource.is_empty() {
                m["subresource"] = json!(e.subresource);
            }
            m
        })
        .collect();
    let meta = crate::util::ensure_obj(obj, &["metadata"]);
    if list.is_empty() {
        meta.remove("managedFields");
    } else {
        meta.insert("managedFields".into(), Value::Array(list));
    }
}

const IGNORED_META: &[&str] = &[
    "name",
    "namespace",
    "uid",
    "resourceVersion",
    "generation",
    "creationTimestamp",
    "managedFields",
    "selfLink",
    "deletionTimestamp",
    "deletionGracePeriodSeconds",
    "generateName",
];

/// The fields of `obj` that ownership tracks, for a write to `subresource` (`""` = main).
pub fn tracked(
    schema: &Schema,
    ty: Ty<'_>,
    obj: &Value,
    subresource: &str,
    status_separate: bool,
) -> Set {
    fieldset::of_value(schema, ty, obj)
        .into_iter()
        .filter(|p| {
            let first = p.first().map(String::as_str).unwrap_or("");
            if first == "f:apiVersion" || first == "f:kind" {
                return false;
            }
            if first == "f:metadata"
                && p.get(1)
                    .is_none_or(|f| IGNORED_META.iter().any(|m| f == &format!("f:{m}")))
            {
                return false;
            }
            match subresource {
                "status" => first == "f:status",
                _ => !(status_separate && first == "f:status"),
            }
        })
        .collect()
}

fn is_item(p: &Path) -> bool {
    p.last().is_some_and(|pe| pe.starts_with("k:"))
}

fn owned_by_others(entries: &[Entry], me: usize, p: &Path) -> bool {
    entries
        .iter()
        .enumerate()
        .any(|(i, e)| i != me && e.fields.iter().any(|q| q.starts_with(p)))
}

/// Merges an applied configuration into the live object following the schema topology.
pub fn merge(schema: &Schema, ty: Ty<'_>, live: &Value, applied: &Value) -> Value {
    match (live, applied) {
        (Value::Object(l), Value::Object(a))
            if !matches!(ty, Ty::Def(d) if d.atomic)
                && !matches!(ty, Ty::Map { atomic: true, .. }) =>
        {
            let mut out = l.clone();
            for (k, v) in a {
                let merged = match l.get(k) {
                    Some(lv) => merge(schema, schema.child(ty, k), lv, v),
                    None => v.clone(),
                };
                out.insert(k.clone(), merged);
            }
            Value::Object(out)
        }
        (Value::Array(l), Value::Array(a)) => match ty {
            Ty::List(info) if info.list_type == "map" && !info.keys.is_empty() => {
                let item_ty = schema.item(ty);
                let mut out = l.clone();
                for item in a {
                    let k = fieldset::key_element(item, &info.keys);
                    let pos = out
                        .iter()
                        .position(|o| k.is_some() && fieldset::key_element(o, &info.keys) == k);
                    match pos {
                        Some(i) => out[i] = merge(schema, item_ty, &out[i], item),
                        None => out.push(item.clone()),
                    }
                }
                Value::Array(out)
            }
            Ty::List(info) if info.list_type == "set" => {
                let mut out = l.clone();
                out.extend(a.iter().filter(|x| !l.contains(x)).cloned());
                Value::Array(out)
            }
            _ => applied.clone(),
        },
        _ => applied.clone(),
    }
}

/// Server-side apply of `applied` onto `live` (None = create) by `w`; `force` takes
/// conflicting fields away from other managers. Returns the new object with managedFields.
pub fn apply(
    schema: &Schema,
    ty: Ty<'_>,
    live: Option<&Value>,
    applied: &Value,
    w: &Writer<'_>,
    force: bool,
    status_separate: bool,
) -> Result<Value, ApiError> {
    let empty = json!({});
    let live_v = live.unwrap_or(&empty);
    let mut entries = read_managed(live_v);
    let new_set = tracked(schema, ty, applied, w.subresource, status_separate);
    let mine = |e: &Entry| {
        e.manager == w.manager && e.operation == "Apply" && e.subresource == w.subresource
    };
    let mut conflicts: Vec<(usize, Path)> = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        if mine(e) {
            continue;
        }
        for p in e.fields.intersection(&new_set) {
            if !is_item(p) && fieldset::get(applied, p) != fieldset::get(live_v, p) {
                conflicts.push((i, p.clone()));
            }
        }
    }
    if !conflicts.is_empty() {
        if !force {
            return Err(conflict_error(&entries, &conflicts));
        }
        for (i, p) in &conflicts {
            entries[*i].fields.remove(p);
        }
    }
    let mut merged = merge(schema, ty, live_v, applied);
    let idx = match entries.iter().position(mine) {
        Some(i) => i,
        None => {
            entries.push(Entry {
                manager: w.manager.to_string(),
                operation: "Apply".into(),
                api_version: w.api_version.to_string(),
                time: String::new(),
                subresource: w.subresource.to_string(),
                fields: Set::new(),
            });
            entries.len() - 1
        }
    };
    let mut removed: Vec<Path> = entries[idx].fields.difference(&new_set).cloned().collect();
    removed.sort_by_key(Vec::len);
    for p in &removed {
        if !owned_by_others(&entries, idx, p) && !new_set.iter().any(|q| q.starts_with(p)) {
            fieldset::remove(&mut merged, p);
        }
    }
    prune_empty_parents(&mut merged, &removed);
    let e = &mut entries[idx];
    e.fields = new_set;
    e.time = w.time.to_string();
    e.api_version = w.api_version.to_string();
    write_managed(&mut merged, &entries);
    Ok(merged)
}

fn prune_empty_parents(obj: &mut Value, removed: &[Path]) {
    for p in removed {
        for n in (1..p.len()).rev() {
            let parent = &p[..n];
            let empty =
                matches!(fieldset::get(obj, parent), Some(Value::Object(m)) if m.is_empty());
            if empty && parent.len() > 1 && parent.last().is_some_and(|x| x.starts_with("f:")) {
                fieldset::remove(obj, parent);
            } else {
                break;
            }
        }
    }
}

fn conflict_error(entries: &[Entry], conflicts: &[(usize, Path)]) -> ApiError {
    let causes: Vec<Cause> = conflicts
        .iter()
        .map(|(i, p)| {
            let e = &entries[*i];
            let sub = if e.subresource.is_empty() {
                String::new()
            } else {
                format!(" with subresource {:?}", e.subresource)
            };
            Cause {
                reason: "FieldManagerConflict".into(),
                message: format!("conflict with {:?} using {}{sub}", e.manager, e.api_version),
                field: fieldset::render(p),
            }
        })
        .collect();
    let n = causes.len();
    let lines: Vec<String> = causes
        .iter()
        .map(|c| format!("- {}: {}", c.message, c.field))
        .collect();
    let message = if n == 1 {
        format!(
            "Apply failed with 1 conflict: {}: {}",
            causes[0].message, causes[0].field
        )
    } else {
        format!("Apply failed with {n} conflicts: {}", lines.join("\n"))
    };
    ApiError::new(409, "Conflict", message).with_causes(causes)
}

/// Records an ordinary write (create, update, non-apply patch) by `w`: the fields it changed
/// move to its `Update` entry and leave the other managers; removed fields leave everyone.
pub fn update(
    schema: &Schema,
    ty: Ty<'_>,
    old: Option<&Value>,
    new: &mut Value,
    w: &Writer<'_>,
    status_separate: bool,
) {
    let empty = json!({});
    let old_v = old.unwrap_or(&empty);
    let mut entries = read_managed(old_v);
    let old_set = tracked(schema, ty, old_v, w.subresource, status_separate);
    let new_set = tracked(schema, ty, new, w.subresource, status_separate);
    let changed: Set = new_set
        .iter()
        .filter(|p| {
            old.is_none()
                || !old_set.contains(*p)
                || (!is_item(p) && fieldset::get(old_v, p) != fieldset::get(new, p))
        })
        .cloned()
        .collect();
    let removed: Set = old_set.difference(&new_set).cloned().collect();
    if changed.is_empty() && removed.is_empty() {
        write_managed(new, &entries);
        return;
    }
    let mine = |e: &Entry| {
        e.manager == w.manager && e.operation == "Update" && e.subresource == w.subresource
    };
    for e in entries.iter_mut() {
        let own = mine(e);
        e.fields
            .retain(|p| (own || !changed.contains(p)) && !removed.iter().any(|r| p.starts_with(r)));
    }
    match entries.iter_mut().find(|e| mine(e)) {
        Some(e) => {
            e.fields.extend(changed);
            e.time = w.time.to_string();
        }
        None => entries.push(Entry {
            manager: w.manager.to_string(),
            operation: "Update".into(),
            api_version: w.api_version.to_string(),
            time: w.time.to_string(),
            subresource: w.subresource.to_string(),
            fields: changed,
        }),
    }
    write_managed(new, &entries);
}

/// An empty map in JSON.
pub fn empty_map() -> Value {
    Value::Object(Map::new())
}
