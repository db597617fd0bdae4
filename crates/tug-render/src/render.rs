//! The render itself (Helm's `engine.Render`): every template of a chart and its
//! subcharts in one template set, executed with chart-scoped data.
//!
//! - Template names are full paths: `<chart>/templates/x.yaml`,
//!   `<parent>/charts/<sub>/templates/y.yaml`.
//! - Parse order: deepest paths first, ties by path descending; later definitions
//!   replace earlier ones, so a parent's `define` wins over a subchart's.
//! - Library charts contribute only their `_*` partials; partials are parsed, never
//!   rendered on their own.
//! - Each chart gets one data map `{Capabilities, Chart, Files, Release, Subcharts,
//!   Template, Values}`; `.Template` is set before each file executes, so included
//!   helpers see the top-level file's name.
//! - `<no value>` is deleted from every output.

use std::collections::BTreeMap;
use std::sync::Arc;

use tug_chart::Chart;
use tug_template::{MissingKey, Templates};
use tug_value::{Map, Value};

use crate::error::{Error, exec_error, parse_error};
use crate::{Capabilities, Files, Values};

/// The release a chart is rendered for (`.Release`).
#[derive(Clone, Debug)]
pub struct Release {
    /// Release name.
    pub name: String,
    /// Release namespace.
    pub namespace: String,
    /// Revision (1 on install).
    pub revision: i64,
    /// `IsInstall`.
    pub is_install: bool,
    /// `IsUpgrade`.
    pub is_upgrade: bool,
}

impl Release {
    /// The `.Release` map.
    pub fn to_value(&self) -> Value {
        let m = Map::new();
        m.insert("Name", Value::from(self.name.as_str()));
        m.insert("Namespace", Value::from(self.namespace.as_str()));
        m.insert("IsUpgrade", Value::Bool(self.is_upgrade));
        m.insert("IsInstall", Value::Bool(self.is_install));
        m.insert("Revision", Value::Int(self.revision));
        m.insert("Service", Value::from("Helm"));
        Value::Map(m)
    }
}

/// How to render.
#[derive(Clone, Default)]
pub struct Options {
    /// `missingkey=error` instead of `zero` (`lint --strict`).
    pub strict: bool,
    /// Lint mode: `required` and `fail` do not fail.
    pub lint_mode: bool,
    /// `--enable-dns`.
    pub enable_dns: bool,
    /// `.Capabilities`.
    pub capabilities: Capabilities,
    /// Where `lookup` reads from (offline: always empty).
    pub lookup: Option<Arc<dyn tug_funcs::Lookup>>,
}

/// One template to render.
struct Renderable {
    name: String,
    text: String,
    scope: Map,
    base_path: String,
}

/// Renders `chart` (dependencies already processed) with the coalesced root `values`.
/// Returns template path → rendered text, NOTES.txt and empty outputs included.
pub fn render(
    chart: &Chart,
    values: &Map,
    release: &Release,
    opts: &Options,
) -> Result<BTreeMap<String, String>, Error> {
    let top = Map::new();
    top.insert("Values", Values::value(values.clone()));
    top.insert("Release", release.to_value());
    top.insert("Capabilities", opts.capabilities.to_value());
    let mut list = Vec::new();
    collect(chart, &top, chart.name(), true, &mut list);
    list.sort_by(|a, b| {
        let (ca, cb) = (a.name.matches('/').count(), b.name.matches('/').count());
        cb.cmp(&ca).then_with(|| b.name.cmp(&a.name))
    });

    let mut set = Templates::new();
    set.add_functions(tug_funcs::helm_with(tug_funcs::HelmOptions {
        lookup: opts
            .lookup
            .clone()
            .unwrap_or_else(|| Arc::new(tug_funcs::OfflineLookup)),
        enable_dns: opts.enable_dns,
        lint_mode: opts.lint_mode,
    }));
    set.set_missing_key(if opts.strict {
        MissingKey::Error
    } else {
        MissingKey::Zero
    });
    for r in &list {
        set.parse(&r.name, &r.text)
            .map_err(|e| Error::Template(parse_error(&r.name, e.message())))?;
    }

    let mut out = BTreeMap::new();
    for r in &list {
        let base = r.name.rsplit('/').next().unwrap_or(&r.name);
        if base.starts_with('_') {
            continue;
        }
        let tmpl = Map::new();
        tmpl.insert("Name", Value::from(r.name.as_str()));
        tmpl.insert("BasePath", Value::from(r.base_path.as_str()));
        r.scope.insert("Template", Values::value(tmpl));
        let text = set
            .execute(&r.name, &Values::value(r.scope.clone()))
            .map_err(|e| Error::Template(exec_error(&r.name, e.message())))?;
        out.insert(r.name.clone(), text.replace("<no value>", ""));
    }
    Ok(out)
}

/// Helm's `recAllTpls`: builds each chart's data map and lists its templates. Returns
/// the chart's data map (a parent's `.Subcharts` entry).
fn collect(
    c: &Chart,
    parent: &Map,
    full_path: &str,
    is_root: bool,
    out: &mut Vec<Renderable>,
) -> Map {
    let scope = Map::new();
    scope.insert("Chart", c.chart_map(is_root));
    let files = c.files.iter().map(|f| (f.name.clone(), f.data.clone()));
    scope.insert("Files", Files::new(files).into_value());
    scope.insert("Release", parent.get("Release").unwrap_or_default());
    scope.insert(
        "Capabilities",
        parent.get("Capabilities").unwrap_or_default(),
    );
    let values = if is_root {
        parent.get("Values").unwrap_or_default()
    } else {
        match parent
            .get("Values")
            .as_ref()
            .and_then(Value::as_map)
            .and_then(|m| m.get(c.name()))
        {
            Some(v) if v.as_map().is_some() => {
                Values::value(v.as_map().cloned().unwrap_or_default())
            }
            _ => Values::value(Map::new()),
        }
    };
    scope.insert("Values", values);
    let subcharts = Map::new();
    scope.insert("Subcharts", Value::Map(subcharts.clone()));
    for child in &c.dependencies {
        let child_path = format!("{full_path}/charts/{}", child.name());
        let child_scope = collect(child, &scope, &child_path, false, out);
        subcharts.insert(child.name(), Values::value(child_scope));
    }
    for t in &c.templates {
        if c.is_library() && !t.name.rsplit('/').next().unwrap_or("").starts_with('_') {
            continue;
        }
        out.push(Renderable {
            name: format!("{full_path}/{}", t.name),
            text: String::from_utf8_lossy(&t.data).into_owned(),
            scope: scope.clone(),
            base_path: format!("{full_path}/templates"),
        });
    }
    scope
}
