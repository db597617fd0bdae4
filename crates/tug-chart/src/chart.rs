//! The loaded chart (`chart.Chart`): metadata, templates, default values, schema, other
//! files and subcharts, plus the template-facing `.Chart` map.

use std::sync::Arc;

use tug_value::{ElemType, List, Map, Value};

use crate::metadata::{Dependency, Lock, Metadata};

/// A file of a chart: its path relative to the chart root (`/`-separated) and bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    /// Path relative to the chart root, e.g. `templates/deployment.yaml`.
    pub name: String,
    /// Content (a UTF-8 BOM already removed).
    pub data: Arc<[u8]>,
}

impl File {
    /// A file from a name and bytes.
    pub fn new(name: impl Into<String>, data: impl Into<Arc<[u8]>>) -> File {
        File {
            name: name.into(),
            data: data.into(),
        }
    }

    /// The content as text (invalid UTF-8 replaced).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.data).into_owned()
    }
}

/// `chart.Chart`.
#[derive(Clone, Default)]
pub struct Chart {
    /// `Chart.yaml` (plus `requirements.yaml` dependencies for v1 charts).
    pub metadata: Metadata,
    /// `Chart.lock` / `requirements.lock`.
    pub lock: Option<Lock>,
    /// Every file as loaded (`Raw`).
    pub raw: Vec<File>,
    /// `templates/**`.
    pub templates: Vec<File>,
    /// Default values (`values.yaml`, all documents merged).
    pub values: Map,
    /// `values.schema.json`.
    pub schema: Option<Arc<[u8]>>,
    /// All other files (`crds/`, README, `.prov` in `charts/` …).
    pub files: Vec<File>,
    /// Subcharts, sorted by directory / archive name at load time.
    pub dependencies: Vec<Chart>,
}

impl std::fmt::Debug for Chart {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Chart")
            .field("metadata", &self.metadata)
            .field("templates", &self.templates.len())
            .field("files", &self.files.len())
            .field("values", &tug_value::Value::Map(self.values.clone()))
            .field("dependencies", &self.dependencies)
            .finish()
    }
}

impl Chart {
    /// `Metadata.Name`.
    pub fn name(&self) -> &str {
        &self.metadata.name
    }

    /// Whether this is a library chart (`type: library`).
    pub fn is_library(&self) -> bool {
        self.metadata.chart_type == "library"
    }

    /// CRD files (`crds/*.yaml|yml|json`) of this chart and all subcharts, with file
    /// names under `full_path` (`<chart>` for the root, `<parent>/charts/<sub>` below).
    pub fn crd_objects(&self, full_path: &str) -> Vec<tug_manifest::output::CrdFile> {
        let mut out: Vec<_> = self
            .files
            .iter()
            .filter(|f| {
                f.name.starts_with("crds/")
                    && [".yaml", ".yml", ".json"]
                        .iter()
                        .any(|e| f.name.ends_with(e))
            })
            .map(|f| tug_manifest::output::CrdFile {
                filename: format!("{full_path}/{}", f.name),
                content: f.text(),
            })
            .collect();
        for d in &self.dependencies {
            out.extend(d.crd_objects(&format!("{full_path}/charts/{}", d.name())));
        }
        out
    }

    /// The `.Chart` map templates see (Helm v4): Metadata with Go field names, plus
    /// `IsRoot`. Absent slices are empty lists, absent annotations a nil
    /// `map[string]string`.
    pub fn chart_map(&self, is_root: bool) -> Value {
        let md = &self.metadata;
        let s = |x: &str| Value::from(x);
        let strings = |xs: &[String]| Value::list(xs.iter().map(|x| s(x)).collect());
        let annotations = Map::typed(ElemType::String);
        if let Some(a) = &md.annotations {
            for (k, v) in a {
                annotations.insert(k.as_str(), s(v));
            }
        }
        let maintainers = md
            .maintainers
            .iter()
            .map(|m| match m {
                None => Value::Nil,
                Some(m) => map(vec![
                    ("Name", s(&m.name)),
                    ("Email", s(&m.email)),
                    ("URL", s(&m.url)),
                ]),
            })
            .collect();
        let deps = md
            .dependencies
            .iter()
            .map(|d| d.as_ref().map_or(Value::Nil, dependency_map))
            .collect();
        map(vec![
            ("Name", s(&md.name)),
            ("Home", s(&md.home)),
            ("Sources", strings(&md.sources)),
            ("Version", s(&md.version)),
            ("Description", s(&md.description)),
            ("Keywords", strings(&md.keywords)),
            ("Maintainers", Value::list(maintainers)),
            ("Icon", s(&md.icon)),
            ("APIVersion", s(&md.api_version)),
            ("Condition", s(&md.condition)),
            ("Tags", s(&md.tags)),
            ("AppVersion", s(&md.app_version)),
            ("Deprecated", Value::Bool(md.deprecated)),
            // Helm has a nil map here when absent (`null` in toJson); an empty typed map
            // keeps `index`/`range` working the same way.
            ("Annotations", Value::Map(annotations)),
            ("KubeVersion", s(&md.kube_version)),
            ("Dependencies", Value::list(deps)),
            ("Type", s(&md.chart_type)),
            ("IsRoot", Value::Bool(is_root)),
        ])
    }
}

fn map(pairs: Vec<(&str, Value)>) -> Value {
    Value::Map(pairs.into_iter().map(|(k, v)| (k.into(), v)).collect())
}

fn dependency_map(d: &Dependency) -> Value {
    map(vec![
        ("Name", Value::from(d.name.as_str())),
        ("Version", Value::from(d.version.as_str())),
        ("Repository", Value::from(d.repository.as_str())),
        ("Condition", Value::from(d.condition.as_str())),
        (
            "Tags",
            Value::List(List::new(
                d.tags.iter().map(|t| Value::from(t.as_str())).collect(),
            )),
        ),
        ("Enabled", Value::Bool(d.enabled)),
        ("ImportValues", Value::list(d.import_values.clone())),
        ("Alias", Value::from(d.alias.as_str())),
    ])
}

impl tug_values::ChartNode for Chart {
    fn name(&self) -> &str {
        &self.metadata.name
    }

    fn values(&self) -> &Map {
        &self.values
    }

    fn dependencies(&self) -> Vec<&dyn tug_values::ChartNode> {
        self.dependencies
            .iter()
            .map(|c| c as &dyn tug_values::ChartNode)
            .collect()
    }

    fn schema(&self) -> Option<&[u8]> {
        self.schema.as_deref()
    }
}
