//! `.Capabilities`: the Kubernetes and Helm versions a chart is rendered for.
//!
//! Offline (as in `helm template`) Helm reports Kubernetes `v1.36.0` and the built-in list of
//! API group/versions of its client libraries; `--kube-version` and `--api-versions`
//! override and extend them.

use std::borrow::Cow;
use std::sync::Arc;

use tug_value::{ElemType, List, MethodError, Object, Str, Value};

/// Group/versions Helm v4.2.3 reports offline, in its order (one per line).
const DEFAULT_API_VERSIONS: &str = include_str!("apiversions.txt");

/// The Helm version tug reports in `.Capabilities.HelmVersion`, as the reference binary.
pub const HELM_VERSION: &str = "v4.2.3";
const HELM_GIT_COMMIT: &str = "43e8b7feece8beb0fcba47059ec9b522fd929a64";
const HELM_GO_VERSION: &str = "go1.26.5";
const KUBE_CLIENT_VERSION: &str = "v1.36";

/// `*common.Capabilities`.
#[derive(Clone)]
pub struct Capabilities {
    kube: Arc<KubeVersion>,
    api_versions: Arc<VersionSet>,
    helm: Arc<HelmVersion>,
}

impl Default for Capabilities {
    fn default() -> Self {
        Capabilities::new("v1.36.0", "1", "36", Vec::new())
    }
}

impl Capabilities {
    /// Capabilities for a Kubernetes version (`v1.36.0`, major `1`, minor `36`) and extra API
    /// versions appended to the built-in list (`--api-versions`).
    pub fn new(version: &str, major: &str, minor: &str, extra_api_versions: Vec<String>) -> Self {
        let mut versions: Vec<Str> = DEFAULT_API_VERSIONS.lines().map(Str::from).collect();
        versions.extend(extra_api_versions.into_iter().map(Str::from));
        Capabilities {
            kube: Arc::new(KubeVersion {
                version: version.into(),
                major: major.into(),
                minor: minor.into(),
            }),
            api_versions: Arc::new(VersionSet::new(versions)),
            helm: Arc::new(HelmVersion),
        }
    }

    /// Parses `--kube-version` as Helm does (`1.30`, `v1.30.1`, `1.30.1-eks-x`).
    pub fn parse_kube_version(text: &str) -> Option<(String, String, String)> {
        let t = text.strip_prefix('v').unwrap_or(text);
        let core = t.split(['-', '+']).next().unwrap_or(t);
        let mut parts = core.split('.');
        let major: u64 = parts.next()?.parse().ok()?;
        let minor: u64 = parts.next().unwrap_or("0").parse().ok()?;
        let patch: u64 = parts.next().unwrap_or("0").parse().ok()?;
        Some((
            format!("v{major}.{minor}.{patch}"),
            major.to_string(),
            minor.to_string(),
        ))
    }

    /// The Kubernetes version string (`v1.36.0`).
    pub fn kube_version(&self) -> &str {
        &self.kube.version
    }

    /// The template value.
    pub fn to_value(&self) -> Value {
        Value::Object(Arc::new(self.clone()))
    }
}

impl Object for Capabilities {
    fn type_name(&self) -> Cow<'static, str> {
        "*common.Capabilities".into()
    }

    fn field(&self, name: &str) -> Option<Value> {
        match name {
            "KubeVersion" => Some(Value::Object(self.kube.clone())),
            "APIVersions" => Some(Value::Object(self.api_versions.clone())),
            "HelmVersion" => Some(Value::Object(self.helm.clone())),
            _ => None,
        }
    }

    fn fields(&self) -> Vec<(Str, Value)> {
        ["KubeVersion", "APIVersions", "HelmVersion"]
            .iter()
            .filter_map(|n| Some((Str::from(*n), self.field(n)?)))
            .collect()
    }
}

/// `common.KubeVersion`.
#[derive(Clone, Debug)]
struct KubeVersion {
    version: String,
    major: String,
    minor: String,
}

impl Object for KubeVersion {
    fn type_name(&self) -> Cow<'static, str> {
        "common.KubeVersion".into()
    }

    fn field(&self, name: &str) -> Option<Value> {
        match name {
            "Version" => Some(self.version.as_str().into()),
            "Major" => Some(self.major.as_str().into()),
            "Minor" => Some(self.minor.as_str().into()),
            _ => None,
        }
    }

    fn has_method(&self, name: &str) -> bool {
        matches!(name, "String" | "GitVersion")
    }

    fn call_method(&self, name: &str, args: &[Value]) -> Option<Result<Value, MethodError>> {
        match name {
            "String" | "GitVersion" => {
                Some(no_args(name, args).map(|()| self.version.as_str().into()))
            }
            _ => None,
        }
    }

    fn stringer(&self) -> Option<String> {
        Some(self.version.clone())
    }

    fn fields(&self) -> Vec<(Str, Value)> {
        vec![
            ("Version".into(), self.version.as_str().into()),
            ("normalizedVersion".into(), self.version.as_str().into()),
            ("Major".into(), self.major.as_str().into()),
            ("Minor".into(), self.minor.as_str().into()),
        ]
    }
}

/// `common.VersionSet`: a `[]string` with a `Has` method.
struct VersionSet {
    list: List,
}

impl VersionSet {
    fn new(versions: Vec<Str>) -> Self {
        VersionSet {
            list: List::typed(
                ElemType::String,
                versions.into_iter().map(Value::String).collect(),
            ),
        }
    }

    fn has(&self, v: &str) -> bool {
        self.list.items().iter().any(|x| x.as_str() == Some(v))
    }
}

impl Object for VersionSet {
    fn type_name(&self) -> Cow<'static, str> {
        "common.VersionSet".into()
    }

    fn field(&self, _name: &str) -> Option<Value> {
        None
    }

    fn has_method(&self, name: &str) -> bool {
        name == "Has"
    }

    fn call_method(&self, name: &str, args: &[Value]) -> Option<Result<Value, MethodError>> {
        if name != "Has" {
            return None;
        }
        Some(match args {
            [Value::String(s)] => Ok(Value::Bool(self.has(s))),
            _ => Err(MethodError(format!(
                "wrong number of args for Has: want 1 got {}",
                args.len()
            ))),
        })
    }

    fn as_list(&self) -> Option<&List> {
        Some(&self.list)
    }
}

/// `common.HelmVersion`: the build information of the Helm tug stands in for.
#[derive(Debug)]
struct HelmVersion;

impl Object for HelmVersion {
    fn type_name(&self) -> Cow<'static, str> {
        "common.HelmVersion".into()
    }

    fn field(&self, name: &str) -> Option<Value> {
        let v = match name {
            "Version" => HELM_VERSION,
            "GitCommit" => HELM_GIT_COMMIT,
            "GitTreeState" => "clean",
            "GoVersion" => HELM_GO_VERSION,
            "KubeClientVersion" => KUBE_CLIENT_VERSION,
            _ => return None,
        };
        Some(v.into())
    }

    fn fields(&self) -> Vec<(Str, Value)> {
        [
            "Version",
            "GitCommit",
            "GitTreeState",
            "GoVersion",
            "KubeClientVersion",
        ]
        .iter()
        .filter_map(|n| Some((Str::from(*n), self.field(n)?)))
        .collect()
    }
}

fn no_args(name: &str, args: &[Value]) -> Result<(), MethodError> {
    if args.is_empty() {
        Ok(())
    } else {
        Err(MethodError(format!(
            "wrong number of args for {name}: want 0 got {}",
            args.len()
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_matches_helm_offline() {
        let c = Capabilities::default();
        assert_eq!(c.kube_version(), "v1.36.0");
        assert!(c.api_versions.has("apps/v1"));
        assert!(!c.api_versions.has("apps/v1/Deployment"));
        assert_eq!(c.api_versions.list.len(), 56);
    }

    #[test]
    fn kube_version_parsing() {
        assert_eq!(
            Capabilities::parse_kube_version("1.30"),
            Some(("v1.30.0".into(), "1".into(), "30".into()))
        );
        assert_eq!(
            Capabilities::parse_kube_version("v1.30.1-eks-x"),
            Some(("v1.30.1".into(), "1".into(), "30".into()))
        );
        assert_eq!(Capabilities::parse_kube_version("x"), None);
    }
}
