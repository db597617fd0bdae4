//! `Chart.yaml` (`chart.Metadata`), its dependencies and `Chart.lock`, decoded with
//! `sigs.k8s.io/yaml` typing and validated with Helm's rules and messages.

use std::collections::BTreeMap;

use tug_value::{Map, Value};

use crate::Error;
use crate::typed::{Fields, json_typed, parse_yaml_typed, sanitize};

/// `chart.Maintainer`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Maintainer {
    /// `name`
    pub name: String,
    /// `email`
    pub email: String,
    /// `url`
    pub url: String,
}

/// `chart.Dependency` (an entry of `dependencies:`).
#[derive(Debug, Clone, Default)]
pub struct Dependency {
    /// `name`
    pub name: String,
    /// `version` (a semver range)
    pub version: String,
    /// `repository`
    pub repository: String,
    /// `condition` (comma-separated value paths)
    pub condition: String,
    /// `tags`
    pub tags: Vec<String>,
    /// `enabled` (set by dependency processing)
    pub enabled: bool,
    /// `import-values` (strings or `{child, parent}` maps; JSON typing)
    pub import_values: Vec<Value>,
    /// `alias`
    pub alias: String,
}

/// `chart.Metadata`.
#[derive(Debug, Clone, Default)]
pub struct Metadata {
    /// `name`
    pub name: String,
    /// `home`
    pub home: String,
    /// `sources`
    pub sources: Vec<String>,
    /// `version`
    pub version: String,
    /// `description`
    pub description: String,
    /// `keywords`
    pub keywords: Vec<String>,
    /// `maintainers` (`None` entries are YAML nulls, rejected by validation)
    pub maintainers: Vec<Option<Maintainer>>,
    /// `icon`
    pub icon: String,
    /// `apiVersion`
    pub api_version: String,
    /// `condition`
    pub condition: String,
    /// `tags`
    pub tags: String,
    /// `appVersion`
    pub app_version: String,
    /// `deprecated`
    pub deprecated: bool,
    /// `annotations` (`None` when absent)
    pub annotations: Option<BTreeMap<String, String>>,
    /// `kubeVersion`
    pub kube_version: String,
    /// `dependencies` (`None` entries are YAML nulls, rejected by validation)
    pub dependencies: Vec<Option<Dependency>>,
    /// `type`
    pub chart_type: String,
}

/// `chart.Lock` (`Chart.lock` / `requirements.lock`).
#[derive(Debug, Clone, Default)]
pub struct Lock {
    /// `generated` (as written)
    pub generated: String,
    /// `digest`
    pub digest: String,
    /// `dependencies`
    pub dependencies: Vec<Dependency>,
}

const METADATA: &str = "Metadata";

impl Metadata {
    /// Decodes `Chart.yaml` text.
    pub fn from_yaml(src: &str) -> Result<Metadata, String> {
        let mut md = Metadata::default();
        md.apply_yaml(src)?;
        Ok(md)
    }

    /// Decodes YAML onto `self` (fields absent from the document keep their values, as
    /// with Go's `yaml.Unmarshal` into an existing struct — used for `requirements.yaml`).
    pub fn apply_yaml(&mut self, src: &str) -> Result<(), String> {
        match parse_yaml_typed(src)? {
            Value::Nil => Ok(()),
            Value::Map(m) => self.apply(&m),
            other => Err(format!(
                "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal {} into Go value of type chart.Metadata",
                crate::typed::json_kind(&other)
            )),
        }
    }

    fn apply(&mut self, m: &Map) -> Result<(), String> {
        let f = Fields {
            map: m,
            strct: METADATA,
        };
        let has = |k: &str| f.get(k).is_some();
        macro_rules! string_fields {
            ($($field:ident => $key:literal),*) => {$(
                if has($key) { self.$field = f.string($key)?; }
            )*};
        }
        string_fields!(name => "name", home => "home", version => "version",
            description => "description", icon => "icon", api_version => "apiVersion",
            condition => "condition", tags => "tags", app_version => "appVersion",
            kube_version => "kubeVersion", chart_type => "type");
        if has("sources") {
            self.sources = f.strings("sources")?;
        }
        if has("keywords") {
            self.keywords = f.strings("keywords")?;
        }
        if let Some(b) = f.bool("deprecated")? {
            self.deprecated = b;
        }
        if has("annotations") {
            self.annotations = f.string_map("annotations")?;
        }
        if has("maintainers") {
            self.maintainers = f
                .list("maintainers")?
                .iter()
                .map(|v| decode_struct(v, "Metadata.maintainers", maintainer))
                .collect::<Result<_, _>>()?;
        }
        if has("dependencies") {
            self.dependencies = f
                .list("dependencies")?
                .iter()
                .map(|v| decode_struct(v, "Metadata.dependencies", dependency))
                .collect::<Result<_, _>>()?;
        }
        Ok(())
    }

    /// `Metadata.Validate`: sanitises strings and checks Helm's rules.
    pub fn validate(&mut self) -> Result<(), Error> {
        for s in [
            &mut self.name,
            &mut self.description,
            &mut self.home,
            &mut self.icon,
            &mut self.condition,
            &mut self.tags,
            &mut self.app_version,
            &mut self.kube_version,
        ] {
            *s = sanitize(s);
        }
        for s in self.sources.iter_mut().chain(self.keywords.iter_mut()) {
            *s = sanitize(s);
        }
        let invalid = |m: String| Err(Error::Validation(m));
        if self.api_version.is_empty() {
            return invalid("chart.metadata.apiVersion is required".into());
        }
        if self.name.is_empty() {
            return invalid("chart.metadata.name is required".into());
        }
        if self.name == "." || self.name == ".." {
            return invalid(format!(
                "chart.metadata.name {:?} is not allowed",
                self.name
            ));
        }
        if self.name.contains('/') {
            return invalid(format!("chart.metadata.name {:?} is invalid", self.name));
        }
        if self.version.is_empty() {
            return invalid("chart.metadata.version is required".into());
        }
        if tug_semver::Version::parse(&self.version).is_err() {
            return invalid(format!(
                "chart.metadata.version {:?} is invalid",
                self.version
            ));
        }
        if !matches!(self.chart_type.as_str(), "" | "application" | "library") {
            return invalid("chart.metadata.type must be application or library".into());
        }
        for m in &mut self.maintainers {
            let Some(m) = m else {
                return invalid("maintainers must not contain empty or null nodes".into());
            };
            for s in [&mut m.name, &mut m.email, &mut m.url] {
                *s = sanitize(s);
            }
        }
        self.validate_dependencies()
    }

    fn validate_dependencies(&mut self) -> Result<(), Error> {
        let mut seen = std::collections::HashSet::new();
        for d in &mut self.dependencies {
            let Some(d) = d else {
                return Err(Error::Validation(
                    "dependencies must not contain empty or null nodes".into(),
                ));
            };
            for s in [
                &mut d.name,
                &mut d.version,
                &mut d.repository,
                &mut d.condition,
            ] {
                *s = sanitize(s);
            }
            for t in &mut d.tags {
                *t = sanitize(t);
            }
            let alias_ok = d
                .alias
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
            if !d.alias.is_empty() && !alias_ok {
                return Err(Error::Validation(format!(
                    "dependency {:?} has disallowed characters in the alias",
                    d.name
                )));
            }
            let key = if d.alias.is_empty() {
                &d.name
            } else {
                &d.alias
            };
            if !seen.insert(key.clone()) {
                return Err(Error::Validation(format!(
                    "more than one dependency with name or alias {key:?}"
                )));
            }
        }
        Ok(())
    }

    /// The declared dependencies (null entries skipped).
    pub fn deps(&self) -> impl Iterator<Item = &Dependency> {
        self.dependencies.iter().flatten()
    }
}

fn decode_struct<T>(
    v: &Value,
    strct: &'static str,
    f: fn(&Fields<'_>) -> Result<T, String>,
) -> Result<Option<T>, String> {
    match v {
        Value::Nil => Ok(None),
        Value::Map(m) => f(&Fields { map: m, strct }).map(Some),
        other => Err(format!(
            "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal {} into Go struct field {strct} of type chart.{}",
            crate::typed::json_kind(other),
            if strct.ends_with("maintainers") {
                "Maintainer"
            } else {
                "Dependency"
            }
        )),
    }
}

fn maintainer(f: &Fields<'_>) -> Result<Maintainer, String> {
    Ok(Maintainer {
        name: f.string("name")?,
        email: f.string("email")?,
        url: f.string("url")?,
    })
}

fn dependency(f: &Fields<'_>) -> Result<Dependency, String> {
    Ok(Dependency {
        name: f.string("name")?,
        version: f.string("version")?,
        repository: f.string("repository")?,
        condition: f.string("condition")?,
        tags: f.strings("tags")?,
        enabled: f.bool("enabled")?.unwrap_or(false),
        import_values: f.list("import-values")?.iter().map(json_typed).collect(),
        alias: f.string("alias")?,
    })
}

impl Lock {
    /// Decodes `Chart.lock` text.
    pub fn from_yaml(src: &str) -> Result<Lock, String> {
        let v = parse_yaml_typed(src)?;
        let Value::Map(m) = v else {
            return Ok(Lock::default());
        };
        let f = Fields {
            map: &m,
            strct: "Lock",
        };
        let dependencies = f
            .list("dependencies")?
            .iter()
            .map(|v| decode_struct(v, "Lock.dependencies", dependency))
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .flatten()
            .collect();
        Ok(Lock {
            generated: f.string("generated")?,
            digest: f.string("digest")?,
            dependencies,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chart_yaml_typing_and_requirements_overlay() {
        let mut md =
            Metadata::from_yaml("apiVersion: v1\nname: c\nversion: 1.0\nappVersion: 1.10\n")
                .unwrap();
        assert_eq!((md.version.as_str(), md.app_version.as_str()), ("1", "1.1"));
        md.apply_yaml("dependencies:\n  - name: d\n    version: ~1\n    import-values: [x, {child: a, parent: b}]\n")
            .unwrap();
        assert_eq!(
            md.name, "c",
            "fields absent from requirements.yaml are kept"
        );
        let d = md.deps().next().unwrap();
        assert_eq!(
            (d.name.as_str(), d.version.as_str(), d.import_values.len()),
            ("d", "~1", 2)
        );
        assert!(md.validate().is_ok());
    }

    #[test]
    fn chart_lock() {
        let lock = Lock::from_yaml(
            "dependencies:\n- name: a\n  repository: https://x\n  version: 1.2.3\ndigest: sha256:abc\ngenerated: \"2024-01-01T00:00:00Z\"\n",
        )
        .unwrap();
        assert_eq!(lock.digest, "sha256:abc");
        assert_eq!(lock.generated, "2024-01-01T00:00:00Z");
        assert_eq!(lock.dependencies[0].version, "1.2.3");
    }

    #[test]
    fn type_errors_name_the_field() {
        let e = Metadata::from_yaml("name: [a]\n").unwrap_err();
        assert!(
            e.ends_with("cannot unmarshal array into Go struct field Metadata.name of type string"),
            "{e}"
        );
    }
}
