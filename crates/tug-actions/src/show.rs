//! `helm show chart|values|readme|crds|all`: a chart's metadata, values file, README and
//! CRDs, joined with Helm's separators.

use std::path::Path;

use tug_chart::{Chart, Dependency, Maintainer, Metadata};
use tug_value::{Map, Value};

use crate::Error;

/// What `helm show` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShowFormat {
    /// `show all`.
    All,
    /// `show chart`.
    Chart,
    /// `show values`.
    Values,
    /// `show readme`.
    Readme,
    /// `show crds`.
    Crds,
}

/// The `helm show` action.
#[derive(Debug, Clone)]
pub struct Show {
    /// Which part to print.
    pub format: ShowFormat,
    /// `--jsonpath` (values only).
    pub json_path: Option<String>,
}

/// README names Helm recognises, matched case-insensitively against top-level files.
const README_NAMES: [&str; 3] = ["readme.md", "readme.txt", "readme"];

impl Show {
    /// The text `helm show` prints for the chart at `path`.
    pub fn run(&self, path: &Path) -> Result<String, Error> {
        let chart = load_located(path)?;
        let f = self.format;
        let all = f == ShowFormat::All;
        let mut out = String::new();
        if all || f == ShowFormat::Chart {
            out.push_str(&metadata_yaml(&chart.metadata)?);
            out.push('\n');
        }
        let values = chart.raw.iter().find(|r| r.name == "values.yaml");
        if let (true, Some(values)) = (all || f == ShowFormat::Values, values) {
            if all {
                out.push_str("---\n");
            }
            match self.json_path.as_deref().filter(|p| !p.is_empty() && !all) {
                Some(jp) => out.push_str(&crate::jsonpath::eval(jp, &chart.values)?),
                None => {
                    out.push_str(&values.text());
                    out.push('\n');
                }
            }
        }
        if (all || f == ShowFormat::Readme)
            && let Some(readme) = find_readme(&chart)
        {
            if all {
                out.push_str("---\n");
            }
            out.push_str(&readme.text());
            out.push('\n');
        }
        if all || f == ShowFormat::Crds {
            for crd in chart.crd_objects(chart.name()) {
                let text = crd.content;
                if !text.starts_with("---") {
                    out.push_str("---\n");
                }
                out.push_str(&text);
                out.push('\n');
            }
        }
        Ok(out)
    }
}

/// Loads a chart named on the command line the way `LocateChart` resolves a local path.
pub(crate) fn load_located(path: &Path) -> Result<Chart, Error> {
    if !path.exists() {
        let name = path.display().to_string();
        if path.is_absolute() || name.starts_with('.') {
            return Err(Error::Setup(format!("path {name:?} not found")));
        }
        if !name.contains('/') {
            return Err(Error::Setup(format!(
                "non-absolute URLs should be in form of repo_name/path_to_chart, got: {name}"
            )));
        }
        return Err(Error::Setup(format!(
            "repo {} not found",
            name.split('/').next().unwrap_or("")
        )));
    }
    tug_chart::load(path).map_err(|e| Error::Setup(e.to_string()))
}

fn find_readme(chart: &Chart) -> Option<&tug_chart::File> {
    chart
        .files
        .iter()
        .find(|f| README_NAMES.iter().any(|n| f.name.eq_ignore_ascii_case(n)))
}

/// `Chart.Metadata` marshalled as Helm does (JSON tags, `omitempty`, sorted keys).
pub fn metadata_yaml(m: &Metadata) -> Result<String, Error> {
    let v = Value::Map(metadata_map(m));
    tug_yaml::to_string(&v).map_err(|e| Error::Setup(e.to_string()))
}

fn metadata_map(m: &Metadata) -> Map {
    let map = Map::new();
    put_str(&map, "name", &m.name);
    put_str(&map, "home", &m.home);
    put_list(&map, "sources", &m.sources);
    put_str(&map, "version", &m.version);
    put_str(&map, "description", &m.description);
    put_list(&map, "keywords", &m.keywords);
    if !m.maintainers.is_empty() {
        let items = m
            .maintainers
            .iter()
            .map(|x| maintainer(x.as_ref()))
            .collect();
        map.insert("maintainers", Value::list(items));
    }
    put_str(&map, "icon", &m.icon);
    map.insert("apiVersion", Value::from(m.api_version.as_str()));
    put_str(&map, "condition", &m.condition);
    put_str(&map, "tags", &m.tags);
    put_str(&map, "appVersion", &m.app_version);
    if m.deprecated {
        map.insert("deprecated", Value::Bool(true));
    }
    if let Some(a) = m.annotations.as_ref().filter(|a| !a.is_empty()) {
        let am = Map::new();
        for (k, v) in a {
            am.insert(k.as_str(), Value::from(v.as_str()));
        }
        map.insert("annotations", Value::Map(am));
    }
    put_str(&map, "kubeVersion", &m.kube_version);
    if !m.dependencies.is_empty() {
        let items = m
            .dependencies
            .iter()
            .map(|d| dependency(d.as_ref()))
            .collect();
        map.insert("dependencies", Value::list(items));
    }
    put_str(&map, "type", &m.chart_type);
    map
}

fn maintainer(m: Option<&Maintainer>) -> Value {
    let Some(m) = m else { return Value::Nil };
    let map = Map::new();
    put_str(&map, "name", &m.name);
    put_str(&map, "email", &m.email);
    put_str(&map, "url", &m.url);
    Value::Map(map)
}

fn dependency(d: Option<&Dependency>) -> Value {
    let Some(d) = d else { return Value::Nil };
    let map = Map::new();
    map.insert("name", Value::from(d.name.as_str()));
    put_str(&map, "version", &d.version);
    map.insert("repository", Value::from(d.repository.as_str()));
    put_str(&map, "condition", &d.condition);
    put_list(&map, "tags", &d.tags);
    if d.enabled {
        map.insert("enabled", Value::Bool(true));
    }
    if !d.import_values.is_empty() {
        map.insert("import-values", Value::list(d.import_values.clone()));
    }
    put_str(&map, "alias", &d.alias);
    Value::Map(map)
}

fn put_str(map: &Map, key: &str, v: &str) {
    if !v.is_empty() {
        map.insert(key, Value::from(v));
    }
}

fn put_list(map: &Map, key: &str, v: &[String]) {
    if !v.is_empty() {
        let items = v.iter().map(|s| Value::from(s.as_str())).collect();
        map.insert(key, Value::list(items));
    }
}
