//! Helm's dependency processing (`pkg/chart/v2/util/dependencies.go`).
//!
//! [`process_dependencies`] matches `Chart.yaml` dependencies to loaded subcharts (name
//! and semver range, `alias` copies), enables them by `tags` and then `condition`
//! (evaluated against values coalesced from the root, with a `<parent>.` path prefix for
//! nested charts — Helm's known behaviour), removes disabled ones and finally pulls
//! `import-values` up, bottom-up, in merge mode. Warnings are reported through a callback
//! in Helm's log format.

use tug_value::{Map, Value};
use tug_values::coalesce::{Warn, coalesce_values, merge_tables_into, merge_values};
use tug_values::merge::deep_copy_map;

use crate::Error;
use crate::chart::Chart;
use crate::metadata::Dependency;

/// `IsCompatibleRange(constraint, version)`.
pub fn is_compatible_range(constraint: &str, version: &str) -> bool {
    let (Ok(v), Ok(c)) = (
        tug_semver::Version::parse(version),
        tug_semver::Constraints::parse(constraint),
    ) else {
        return false;
    };
    c.matches(&v)
}

/// `action.CheckDependencies`: every declared dependency must be loaded (by name,
/// before aliasing), whatever its condition. The message is Helm's, as `helm template`
/// and `install` print it.
pub fn check_dependencies(ch: &Chart) -> Result<(), Error> {
    let missing: Vec<&str> = ch
        .metadata
        .deps()
        .filter(|r| !ch.dependencies.iter().any(|d| d.name() == r.name))
        .map(|r| r.name.as_str())
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    Err(Error::Dependency(format!(
        "an error occurred while checking for chart dependencies. You may need to run 'helm dependency build' to fetch missing dependencies: found in Chart.yaml, but missing in charts/ directory: {}",
        missing.join(", ")
    )))
}

/// `checkIfInstallable`: only application charts (type `""` or `application`) can be
/// installed or templated.
pub fn check_installable(ch: &Chart) -> Result<(), Error> {
    match ch.metadata.chart_type.as_str() {
        "" | "application" => Ok(()),
        other => Err(Error::Dependency(format!(
            "{other} charts are not installable"
        ))),
    }
}

/// `ProcessDependencies(chart, values)`: mutates `c` (remove disabled subcharts, apply
/// aliases, import values). Load the chart afresh for another render.
pub fn process_dependencies(c: &mut Chart, vals: &Map, warn: Warn<'_>) -> Result<(), Error> {
    process_enabled(c, vals, "", warn)?;
    process_import_values_tree(c, warn)
}

/// `getAliasDependency`: a copy of the first compatible loaded chart, renamed.
fn alias_dependency(charts: &[Chart], dep: &Dependency) -> Option<Chart> {
    let c = charts
        .iter()
        .find(|c| c.name() == dep.name && is_compatible_range(&dep.version, &c.metadata.version))?;
    let mut out = c.clone();
    if !dep.alias.is_empty() {
        out.metadata.name = dep.alias.clone();
    }
    Some(out)
}

fn process_enabled(c: &mut Chart, vals: &Map, path: &str, warn: Warn<'_>) -> Result<(), Error> {
    if c.metadata.dependencies.is_empty() {
        return Ok(());
    }
    let declared = |existing: &Chart| {
        c.metadata.deps().any(|r| {
            existing.name() == r.name && is_compatible_range(&r.version, &existing.metadata.version)
        })
    };
    let mut chart_deps: Vec<Chart> = c
        .dependencies
        .iter()
        .filter(|e| !declared(e))
        .cloned()
        .collect();
    for req in c.metadata.dependencies.iter_mut().flatten() {
        if let Some(d) = alias_dependency(&c.dependencies, req) {
            chart_deps.push(d);
        }
        if !req.alias.is_empty() {
            req.name = req.alias.clone();
        }
    }
    c.dependencies = chart_deps;
    for r in c.metadata.dependencies.iter_mut().flatten() {
        r.enabled = true;
    }
    let cvals = coalesce_values(c, vals, warn)?;
    process_tags(&mut c.metadata.dependencies, &cvals, warn);
    process_conditions(&mut c.metadata.dependencies, &cvals, path, warn);
    let removed: Vec<String> = c
        .metadata
        .deps()
        .filter(|r| !r.enabled)
        .map(|r| r.name.clone())
        .collect();
    c.dependencies
        .retain(|d| !removed.iter().any(|n| n == d.name()));
    c.metadata
        .dependencies
        .retain(|d| d.as_ref().is_some_and(|d| !removed.contains(&d.name)));
    for t in &mut c.dependencies {
        let sub = format!("{path}{}.", t.name());
        process_enabled(t, &cvals, &sub, warn)?;
    }
    Ok(())
}

/// slog's text quoting of a value.
fn slog_value(s: &str) -> String {
    if s.is_empty()
        || s.chars()
            .any(|c| c.is_whitespace() || c == '"' || c == '=' || !c.is_ascii_graphic())
    {
        tug_values::strvals::go_quote(s)
    } else {
        s.to_string()
    }
}

fn process_tags(reqs: &mut [Option<Dependency>], cvals: &Map, warn: Warn<'_>) {
    let Ok(vt) = table(cvals, "tags") else {
        return;
    };
    for r in reqs.iter_mut().flatten() {
        let (mut has_true, mut has_false) = (false, false);
        for k in &r.tags {
            match vt.get(k) {
                None => {}
                Some(Value::Bool(true)) => has_true = true,
                Some(Value::Bool(false)) => has_false = true,
                Some(_) => warn(format!(
                    "level=WARN msg=\"returned non-bool value\" path={} chart={}",
                    slog_value(k),
                    slog_value(&r.name)
                )),
            }
        }
        if !has_true && has_false {
            r.enabled = false;
        } else if has_true || !has_false {
            r.enabled = true;
        }
    }
}

fn process_conditions(reqs: &mut [Option<Dependency>], cvals: &Map, path: &str, warn: Warn<'_>) {
    for r in reqs.iter_mut().flatten() {
        let cond = r.condition.trim().to_string();
        for c in cond.split(',').filter(|c| !c.is_empty()) {
            match path_value(cvals, &format!("{path}{c}")) {
                Some(Value::Bool(b)) => {
                    r.enabled = b;
                    break;
                }
                Some(_) => warn(format!(
                    "level=WARN msg=\"returned non-bool value\" path={} chart={}",
                    slog_value(c),
                    slog_value(&r.name)
                )),
                None => {}
            }
        }
    }
}

/// `Values.Table(name)`: walks `a.b.c`; the error is `"<key>" is not a table`.
pub fn table(v: &Map, name: &str) -> Result<Map, String> {
    let mut t = v.clone();
    for n in name.split('.') {
        match t.get(n) {
            Some(Value::Map(m)) => t = m,
            _ => return Err(format!("{n:?} is not a table")),
        }
    }
    Ok(t)
}

/// `Values.PathValue(path)`: a non-table value at `a.b.c`, or `None`.
pub fn path_value(v: &Map, path: &str) -> Option<Value> {
    let (head, key) = match path.rsplit_once('.') {
        None => (None, path),
        Some((h, k)) => (Some(h), k),
    };
    let t = match head {
        None => v.clone(),
        Some(h) => table(v, h).ok()?,
    };
    match t.get(key) {
        Some(Value::Map(_)) | None => None,
        Some(x) => Some(x),
    }
}

fn process_import_values_tree(c: &mut Chart, warn: Warn<'_>) -> Result<(), Error> {
    for d in &mut c.dependencies {
        process_import_values_tree(d, warn)?;
    }
    process_import_values(c, warn)
}

/// `pathToMap(parent, data)`.
fn path_to_map(path: &str, data: Map) -> Map {
    if path == "." {
        return data;
    }
    let mut cur = data;
    for p in path.split('.').rev() {
        cur = [(p.into(), Value::Map(cur))].into_iter().collect();
    }
    cur
}

fn process_import_values(c: &mut Chart, warn: Warn<'_>) -> Result<(), Error> {
    if c.metadata.dependencies.is_empty() {
        return Ok(());
    }
    let cvals = merge_values(c, &Map::new(), warn)?;
    let b = Map::new();
    for r in c.metadata.dependencies.iter_mut().flatten() {
        let mut out = Vec::new();
        for riv in &r.import_values {
            let (child, parent, form_map) = match riv {
                Value::Map(iv) => {
                    let get =
                        |k: &str| tug_value::fmt::format_value(&iv.get(k).unwrap_or(Value::Nil));
                    (get("child"), get("parent"), true)
                }
                Value::String(s) => (format!("exports.{s}"), ".".to_string(), false),
                _ => continue,
            };
            let entry: Map = [
                ("child".into(), Value::from(child.as_str())),
                ("parent".into(), Value::from(parent.as_str())),
            ]
            .into_iter()
            .collect();
            out.push(Value::Map(entry));
            match table(&cvals, &format!("{}.{child}", r.name)) {
                Ok(vv) => merge_tables_into(&b, &path_to_map(&parent, vv), warn),
                Err(e) if form_map => warn(format!(
                    "level=WARN msg=\"ImportValues missing table from chart\" chart={} error={}",
                    slog_value(&r.name),
                    slog_value(&e)
                )),
                Err(e) => warn(format!(
                    "level=WARN msg=\"ImportValues missing table\" error={}",
                    slog_value(&e)
                )),
            }
        }
        r.import_values = out;
    }
    let cvals = deep_copy_map(&cvals);
    merge_tables_into(&cvals, &b, warn);
    c.values = cvals;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(json: &str) -> Map {
        tug_values::json::decode(json)
            .ok()
            .and_then(|v| v.as_map().cloned())
            .unwrap_or_default()
    }

    #[test]
    fn path_value_and_table() {
        let v = m(r#"{"a":{"b":{"c":true},"t":{}},"x":1}"#);
        assert!(matches!(path_value(&v, "a.b.c"), Some(Value::Bool(true))));
        assert!(path_value(&v, "a.t").is_none());
        assert!(path_value(&v, "a.zz.c").is_none());
        assert!(matches!(path_value(&v, "x"), Some(Value::Float(_))));
        assert_eq!(
            table(&v, "a.q").err().as_deref(),
            Some("\"q\" is not a table")
        );
    }

    #[test]
    fn path_to_map_nests() {
        let data = m(r#"{"k":1}"#);
        let out = path_to_map("p.q", data);
        assert!(table(&out, "p.q").is_ok());
    }

    #[test]
    fn compatible_ranges() {
        assert!(is_compatible_range("1.x", "1.2.0"));
        assert!(is_compatible_range("^1.0.0", "1.9.9"));
        assert!(!is_compatible_range("~2.0", "1.2.0"));
        assert!(!is_compatible_range("1.x", "not-a-version"));
    }
}
