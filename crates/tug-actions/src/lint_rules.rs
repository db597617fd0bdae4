//! The individual `helm lint` rules (Helm's `pkg/lint/rules`): Chart.yaml fields,
//! values.yaml and its schema, rendered templates, dependencies.

use std::collections::BTreeMap;
use std::path::Path;

use tug_chart::{Chart, Metadata};
use tug_value::Map;

use crate::lint::{Linter, Severity};

const CHART: &str = "Chart.yaml";

/// The `Chart.yaml` rule.
pub(crate) fn chartfile(l: &mut Linter, path: &Path) {
    if path.is_dir() {
        return l.add(Severity::Error, CHART, "should be a file, not a directory");
    }
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let m = match Metadata::from_yaml(&text) {
        Ok(m) => m,
        Err(e) => {
            return l.add(
                Severity::Error,
                CHART,
                format!("unable to parse YAML\n\t{e}"),
            );
        }
    };
    let e = Severity::Error;
    if m.name.is_empty() {
        l.add(e, CHART, "name is required");
    }
    match m.api_version.as_str() {
        "" => l.add(
            e,
            CHART,
            "apiVersion is required. The value must be either \"v1\" or \"v2\"",
        ),
        "v1" | "v2" => {}
        v => l.add(
            e,
            CHART,
            format!("apiVersion '{v}' is not valid. The value must be either \"v1\" or \"v2\""),
        ),
    }
    if m.version.is_empty() {
        l.add(e, CHART, "version is required");
    } else if tug_semver::Version::parse(&m.version).is_err() {
        l.add(
            e,
            CHART,
            format!("version '{}' is not a valid SemVer", m.version),
        );
    }
    for mt in m.maintainers.iter().flatten() {
        if mt.name.is_empty() {
            l.add(e, CHART, "each maintainer requires a name");
        }
    }
    if m.icon.is_empty() {
        l.add(Severity::Info, CHART, "icon is recommended");
    }
    if m.api_version == "v1" && !m.chart_type.is_empty() {
        l.add(
            e,
            CHART,
            "chart type is not valid in apiVersion 'v1'. It is valid in apiVersion 'v2'",
        );
    }
    if tug_semver::Version::parse_strict(&m.version).is_err() {
        l.add(
            Severity::Warning,
            CHART,
            format!("version '{}' is not a valid SemVerV2", m.version),
        );
    }
}

/// The `values.yaml` rule: present, parsable, and (with the overrides on top) valid
/// against `values.schema.json`.
pub(crate) fn values(l: &mut Linter, dir: &Path, user: &Map) {
    const V: &str = "values.yaml";
    let Ok(text) = std::fs::read_to_string(dir.join(V)) else {
        return l.add(Severity::Info, V, "file does not exist");
    };
    let vals = match tug_chart::loader::load_values(&text) {
        Ok(v) => v,
        Err(e) => return l.add(Severity::Error, V, format!("unable to parse YAML: {e}")),
    };
    let Ok(schema) = std::fs::read(dir.join("values.schema.json")) else {
        return;
    };
    if schema.is_empty() {
        return;
    }
    let merged = Map::new();
    let mut quiet = |_: String| {};
    tug_values::coalesce::coalesce_tables_into(&merged, user, &mut quiet);
    tug_values::coalesce::coalesce_tables_into(&merged, &vals, &mut quiet);
    use tug_values::SchemaValidator;
    if let Err(e) = tug_values::BoonValidator.validate(&schema, &merged) {
        l.add(Severity::Error, V, format!("{e}\n"));
    }
}

/// Per-template checks on the rendered output: allowed extensions, YAML that parses.
pub(crate) fn rendered(l: &mut Linter, chart: &Chart, out: &BTreeMap<String, String>) {
    for t in &chart.templates {
        let ext = t.name.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
        if !matches!(ext, "yaml" | "yml" | "tpl" | "txt") {
            l.add(
                Severity::Error,
                &t.name,
                format!("file extension '.{ext}' not valid. Valid extensions are .yaml, .yml, .tpl, or .txt"),
            );
        }
        if ext != "yaml" {
            continue;
        }
        let Some(text) = out.get(&format!("{}/{}", chart.name(), t.name)) else {
            continue;
        };
        if text.trim().is_empty() {
            continue;
        }
        if let Err(e) = tug_yaml::from_str_documents(text) {
            l.add(
                Severity::Error,
                &t.name,
                format!("unable to parse YAML: {e}"),
            );
            return;
        }
    }
}

/// The dependency rule (messages under the absolute chart directory).
pub(crate) fn dependencies(l: &mut Linter, abs: &Path) {
    let c = match tug_chart::load_dir(abs) {
        Ok(c) => c,
        Err(e) => return l.add(Severity::Error, "", format!("unable to load chart\n\t{e}")),
    };
    let dir = abs.display().to_string();
    let extra: Vec<&str> = c
        .dependencies
        .iter()
        .map(Chart::name)
        .filter(|n| !c.metadata.deps().any(|d| d.name == *n))
        .collect();
    if !extra.is_empty() {
        l.add(
            Severity::Error,
            &dir,
            format!(
                "chart metadata is missing these dependencies: {}",
                extra.join(",")
            ),
        );
    }
    let mut seen = Vec::new();
    for d in c.metadata.deps() {
        let key = if d.alias.is_empty() {
            &d.name
        } else {
            &d.alias
        };
        if seen.contains(&key) {
            l.add(
                Severity::Error,
                &dir,
                format!("multiple dependencies with name or alias {key:?}"),
            );
        }
        seen.push(key);
    }
    let missing: Vec<&str> = c
        .metadata
        .deps()
        .filter(|d| !c.dependencies.iter().any(|s| s.name() == d.name))
        .map(|d| d.name.as_str())
        .collect();
    if !missing.is_empty() {
        l.add(
            Severity::Warning,
            &dir,
            format!(
                "chart directory is missing these dependencies: {}",
                missing.join(",")
            ),
        );
    }
}
