//! Label selectors (`=`, `==`, `!=`, `in`, `notin`, exists, `!`) and field selectors
//! (`metadata.name`, `metadata.namespace` and the per-kind fields the API server supports).

use crate::error::ApiError;
use serde_json::Value;

/// One label requirement.
#[derive(Debug, Clone, PartialEq)]
pub enum Req {
    Eq(String, String),
    Ne(String, String),
    In(String, Vec<String>),
    NotIn(String, Vec<String>),
    Exists(String),
    NotExists(String),
}

/// A parsed label selector (all requirements must hold).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LabelSelector(pub Vec<Req>);

fn split_top(s: &str) -> Vec<String> {
    let (mut out, mut cur, mut depth) = (Vec::new(), String::new(), 0);
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                out.push(std::mem::take(&mut cur));
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    out.push(cur);
    out.into_iter()
        .map(|x| x.trim().to_string())
        .filter(|x| !x.is_empty())
        .collect()
}

fn set_values(s: &str) -> Option<Vec<String>> {
    let inner = s.trim().strip_prefix('(')?.strip_suffix(')')?;
    Some(
        inner
            .split(',')
            .map(|x| x.trim().to_string())
            .filter(|x| !x.is_empty())
            .collect(),
    )
}

impl LabelSelector {
    /// Parses `app=web,tier in (a,b),!old`.
    pub fn parse(s: &str) -> Result<LabelSelector, ApiError> {
        let bad = |r: &str| ApiError::bad_request(format!("unable to parse requirement: {r}"));
        let mut reqs = Vec::new();
        for r in split_top(s) {
            if let Some(k) = r.strip_prefix('!') {
                reqs.push(Req::NotExists(k.trim().to_string()));
            } else if let Some((k, v)) = r.split_once("!=") {
                reqs.push(Req::Ne(k.trim().into(), v.trim().into()));
            } else if let Some((k, v)) = r.split_once("==").or_else(|| r.split_once('=')) {
                reqs.push(Req::Eq(k.trim().into(), v.trim().into()));
            } else if let Some((k, v)) = r.split_once(" notin ") {
                reqs.push(Req::NotIn(
                    k.trim().into(),
                    set_values(v).ok_or_else(|| bad(&r))?,
                ));
            } else if let Some((k, v)) = r.split_once(" in ") {
                reqs.push(Req::In(
                    k.trim().into(),
                    set_values(v).ok_or_else(|| bad(&r))?,
                ));
            } else if r
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c))
            {
                reqs.push(Req::Exists(r));
            } else {
                return Err(bad(&r));
            }
        }
        Ok(LabelSelector(reqs))
    }

    /// Whether an object's labels match.
    pub fn matches(&self, obj: &Value) -> bool {
        let labels = obj.pointer("/metadata/labels");
        let get = |k: &str| labels.and_then(|l| l.get(k)).and_then(Value::as_str);
        self.0.iter().all(|r| match r {
            Req::Eq(k, v) => get(k) == Some(v.as_str()),
            Req::Ne(k, v) => get(k) != Some(v.as_str()),
            Req::In(k, vs) => get(k).is_some_and(|x| vs.iter().any(|v| v == x)),
            Req::NotIn(k, vs) => get(k).is_none_or(|x| !vs.iter().any(|v| v == x)),
            Req::Exists(k) => get(k).is_some(),
            Req::NotExists(k) => get(k).is_none(),
        })
    }
}

/// A parsed field selector.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FieldSelector(pub Vec<(String, bool, String)>);

fn supported(plural: &str, field: &str) -> bool {
    if field == "metadata.name" || field == "metadata.namespace" {
        return true;
    }
    let extra: &[&str] = match plural {
        "pods" => &[
            "spec.nodeName",
            "spec.restartPolicy",
            "spec.schedulerName",
            "spec.serviceAccountName",
            "spec.hostNetwork",
            "status.phase",
            "status.podIP",
            "status.nominatedNodeName",
        ],
        "events" => &[
            "involvedObject.kind",
            "involvedObject.namespace",
            "involvedObject.name",
            "involvedObject.uid",
            "involvedObject.apiVersion",
            "involvedObject.resourceVersion",
            "involvedObject.fieldPath",
            "reason",
            "reportingComponent",
            "source",
            "type",
            "regarding.name",
            "regarding.kind",
            "regarding.namespace",
            "regarding.uid",
            "reportingController",
        ],
        "secrets" => &["type"],
        "namespaces" => &["status.phase"],
        "nodes" => &["spec.unschedulable"],
        "replicasets" | "replicationcontrollers" => &["status.replicas"],
        "jobs" => &["status.successful"],
        "certificatesigningrequests" => &["spec.signerName"],
        _ => &[],
    };
    extra.contains(&field)
}

impl FieldSelector {
    /// Parses `metadata.name=web,status.phase!=Running` for a resource.
    pub fn parse(s: &str, plural: &str) -> Result<FieldSelector, ApiError> {
        let mut out = Vec::new();
        for r in split_top(s) {
            let (k, ne, v) = if let Some((k, v)) = r.split_once("!=") {
                (k, true, v)
            } else if let Some((k, v)) = r.split_once("==").or_else(|| r.split_once('=')) {
                (k, false, v)
            } else {
                return Err(ApiError::bad_request(format!(
                    "invalid selector: '{s}'; can't understand '{r}'"
                )));
            };
            let k = k.trim();
            if !supported(plural, k) {
                return Err(ApiError::bad_request(format!(
                    "field label not supported: {k}"
                )));
            }
            out.push((k.to_string(), ne, v.trim().to_string()));
        }
        Ok(FieldSelector(out))
    }

    /// Whether an object matches.
    pub fn matches(&self, obj: &Value) -> bool {
        self.0.iter().all(|(k, ne, v)| {
            let parts: Vec<&str> = k.split('.').collect();
            let got = crate::util::at(obj, &parts).map(|x| match x {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            });
            let got = got.unwrap_or_default();
            (got == *v) != *ne
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn label_selectors() {
        let o = json!({"metadata": {"labels": {"app": "web", "tier": "fe"}}});
        let t = |s: &str| LabelSelector::parse(s).expect("parse").matches(&o);
        assert!(t("app=web"));
        assert!(t("app==web,tier in (fe, be)"));
        assert!(!t("app!=web"));
        assert!(t("tier notin (be)"));
        assert!(t("app,!old"));
        assert!(!t("old"));
        assert!(t(""));
    }

    #[test]
    fn field_selectors() {
        let o = json!({"metadata": {"name": "a", "namespace": "x"}, "type": "Opaque"});
        assert!(
            FieldSelector::parse("metadata.name=a", "secrets")
                .expect("p")
                .matches(&o)
        );
        assert!(
            FieldSelector::parse("type!=kubernetes.io/tls", "secrets")
                .expect("p")
                .matches(&o)
        );
        assert_eq!(
            FieldSelector::parse("spec.foo=1", "configmaps")
                .err()
                .map(|e| e.code),
            Some(400)
        );
    }
}
