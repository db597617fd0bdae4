//! The registry of served resources: every built-in kind of Kubernetes 1.37 (generated
//! `data/resources.tsv`) plus the custom resources of established CRDs.

use serde_json::Value;
use std::sync::{Arc, RwLock};

/// One served resource (a group, version and plural).
#[derive(Debug, Clone, Default)]
pub struct ResourceInfo {
    pub group: String,
    pub version: String,
    pub kind: String,
    pub plural: String,
    pub singular: String,
    pub namespaced: bool,
    /// False for create-only kinds (reviews, bindings).
    pub listable: bool,
    pub subresources: Vec<String>,
    pub short_names: Vec<String>,
    pub categories: Vec<String>,
    /// The schema definition name of built-in kinds.
    pub definition: Option<String>,
    /// The `openAPIV3Schema` of a custom resource version.
    pub crd_schema: Option<Value>,
    /// `additionalPrinterColumns` of a custom resource version.
    pub printer_columns: Vec<Value>,
    /// The CRD name serving this resource.
    pub crd: Option<String>,
}

impl ResourceInfo {
    pub fn api_version(&self) -> String {
        if self.group.is_empty() {
            self.version.clone()
        } else {
            format!("{}/{}", self.group, self.version)
        }
    }
    pub fn verbs(&self) -> Vec<&'static str> {
        if self.listable {
            vec![
                "create",
                "delete",
                "deletecollection",
                "get",
                "list",
                "patch",
                "update",
                "watch",
            ]
        } else {
            vec!["create"]
        }
    }
    pub fn has_status(&self) -> bool {
        self.subresources.iter().any(|s| s == "status")
    }
}

/// Built-in and dynamic resources.
#[derive(Debug, Default)]
pub struct Registry {
    builtin: Vec<Arc<ResourceInfo>>,
    custom: RwLock<Vec<Arc<ResourceInfo>>>,
}

fn list(s: &str) -> Vec<String> {
    if s == "-" {
        Vec::new()
    } else {
        s.split(',').map(str::to_string).collect()
    }
}

/// Kubernetes version priority: GA > beta > alpha, higher numbers first.
pub fn version_rank(v: &str) -> (u8, u32, u32) {
    let rest = v.strip_prefix('v').unwrap_or(v);
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let major = digits.parse().unwrap_or(0);
    let tail = &rest[digits.len()..];
    let (stab, num) = if let Some(n) = tail.strip_prefix("beta") {
        (1, n.parse().unwrap_or(0))
    } else if let Some(n) = tail.strip_prefix("alpha") {
        (0, n.parse().unwrap_or(0))
    } else if tail.is_empty() {
        (2, 0)
    } else {
        (0, 0)
    };
    (stab, major, num)
}

impl Registry {
    /// The built-in table.
    pub fn builtin() -> Registry {
        let mut builtin = Vec::new();
        for line in include_str!("../data/resources.tsv").lines() {
            if line.starts_with('#') {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 10 {
                continue;
            }
            builtin.push(Arc::new(ResourceInfo {
                group: if f[0] == "-" {
                    String::new()
                } else {
                    f[0].to_string()
                },
                version: f[1].to_string(),
                kind: f[2].to_string(),
                plural: f[3].to_string(),
                singular: f[2].to_lowercase(),
                namespaced: f[4] == "N",
                listable: f[5] == "L",
                subresources: list(f[6]),
                short_names: list(f[7]),
                categories: list(f[8]),
                definition: (f[9] != "-").then(|| f[9].to_string()),
                ..ResourceInfo::default()
            }));
        }
        Registry {
            builtin,
            custom: RwLock::new(Vec::new()),
        }
    }

    /// Every served resource, built-in first.
    pub fn all(&self) -> Vec<Arc<ResourceInfo>> {
        let mut v = self.builtin.clone();
        if let Ok(c) = self.custom.read() {
            v.extend(c.iter().cloned());
        }
        v
    }

    /// The resource at `/apis/<group>/<version>/<plural>`.
    pub fn lookup(&self, group: &str, version: &str, plural: &str) -> Option<Arc<ResourceInfo>> {
        self.all()
            .into_iter()
            .find(|r| r.group == group && r.version == version && r.plural == plural)
    }

    /// The resource for a kind in a group-version.
    pub fn by_kind(&self, group: &str, version: &str, kind: &str) -> Option<Arc<ResourceInfo>> {
        self.all()
            .into_iter()
            .find(|r| r.group == group && r.version == version && r.kind == kind)
    }

    /// The group-versions served, grouped by group in discovery order, preferred version first.
    pub fn groups(&self) -> Vec<(String, Vec<String>)> {
        let mut out: Vec<(String, Vec<String>)> = Vec::new();
        for r in self.all() {
            match out.iter_mut().find(|(g, _)| *g == r.group) {
                Some((_, vs)) if !vs.contains(&r.version) => vs.push(r.version.clone()),
                Some(_) => {}
                None => out.push((r.group.clone(), vec![r.version.clone()])),
            }
        }
        for (_, vs) in &mut out {
            vs.sort_by_key(|v| std::cmp::Reverse(version_rank(v)));
        }
        out
    }

    /// Replaces the resources served for the CRD `crd_name`.
    pub fn set_custom(&self, crd_name: &str, infos: Vec<ResourceInfo>) {
        if let Ok(mut c) = self.custom.write() {
            c.retain(|r| r.crd.as_deref() != Some(crd_name));
            c.extend(infos.into_iter().map(Arc::new));
        }
    }

    /// Stops serving the resources of the CRD `crd_name`.
    pub fn remove_custom(&self, crd_name: &str) {
        if let Ok(mut c) = self.custom.write() {
            c.retain(|r| r.crd.as_deref() != Some(crd_name));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_table_has_the_common_kinds() {
        let r = Registry::builtin();
        let d = r.lookup("apps", "v1", "deployments").expect("deployments");
        assert_eq!(d.kind, "Deployment");
        assert!(d.namespaced);
        assert_eq!(d.short_names, vec!["deploy"]);
        assert!(d.subresources.contains(&"scale".to_string()));
        let ns = r.lookup("", "v1", "namespaces").expect("namespaces");
        assert!(!ns.namespaced);
        let ssar = r
            .lookup("authorization.k8s.io", "v1", "selfsubjectaccessreviews")
            .expect("ssar");
        assert!(!ssar.listable);
        assert!(r.all().len() > 90);
    }

    #[test]
    fn versions_rank_like_kubernetes() {
        let mut v = vec!["v1beta1", "v1", "v1alpha1", "v2", "v1beta2"];
        v.sort_by_key(|x| std::cmp::Reverse(version_rank(x)));
        assert_eq!(v, vec!["v2", "v1", "v1beta2", "v1beta1", "v1alpha1"]);
    }
}
