//! Helm hooks (`pkg/release/v1/hook.go`): the `helm.sh/hook` annotation turns a document
//! into a hook with events, a weight and delete / output-log policies.

use crate::head::Head;

/// `helm.sh/hook`.
pub const HOOK_ANNOTATION: &str = "helm.sh/hook";
/// `helm.sh/hook-weight`.
pub const HOOK_WEIGHT_ANNOTATION: &str = "helm.sh/hook-weight";
/// `helm.sh/hook-delete-policy`.
pub const HOOK_DELETE_ANNOTATION: &str = "helm.sh/hook-delete-policy";
/// `helm.sh/hook-output-log-policy`.
pub const HOOK_OUTPUT_LOG_ANNOTATION: &str = "helm.sh/hook-output-log-policy";

/// A hook event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HookEvent {
    /// `pre-install`
    PreInstall,
    /// `post-install`
    PostInstall,
    /// `pre-delete`
    PreDelete,
    /// `post-delete`
    PostDelete,
    /// `pre-upgrade`
    PreUpgrade,
    /// `post-upgrade`
    PostUpgrade,
    /// `pre-rollback`
    PreRollback,
    /// `post-rollback`
    PostRollback,
    /// `test` (also spelled `test-success`)
    Test,
}

impl HookEvent {
    /// Parses an event name (already trimmed and lower-cased).
    pub fn parse(s: &str) -> Option<HookEvent> {
        Some(match s {
            "pre-install" => HookEvent::PreInstall,
            "post-install" => HookEvent::PostInstall,
            "pre-delete" => HookEvent::PreDelete,
            "post-delete" => HookEvent::PostDelete,
            "pre-upgrade" => HookEvent::PreUpgrade,
            "post-upgrade" => HookEvent::PostUpgrade,
            "pre-rollback" => HookEvent::PreRollback,
            "post-rollback" => HookEvent::PostRollback,
            "test" | "test-success" => HookEvent::Test,
            _ => return None,
        })
    }

    /// The event name as stored in the release record.
    pub fn as_str(self) -> &'static str {
        match self {
            HookEvent::PreInstall => "pre-install",
            HookEvent::PostInstall => "post-install",
            HookEvent::PreDelete => "pre-delete",
            HookEvent::PostDelete => "post-delete",
            HookEvent::PreUpgrade => "pre-upgrade",
            HookEvent::PostUpgrade => "post-upgrade",
            HookEvent::PreRollback => "pre-rollback",
            HookEvent::PostRollback => "post-rollback",
            HookEvent::Test => "test",
        }
    }
}

/// `release.Hook` (the parts known at render time).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hook {
    /// `metadata.name`.
    pub name: String,
    /// `kind`.
    pub kind: String,
    /// The template path it came from.
    pub path: String,
    /// The document text.
    pub manifest: String,
    /// Events, in annotation order.
    pub events: Vec<HookEvent>,
    /// `helm.sh/hook-weight` (`strconv.Atoi`; anything else is 0).
    pub weight: i64,
    /// Delete policies as written (trimmed, lower-cased).
    pub delete_policies: Vec<String>,
    /// Output log policies as written (trimmed, lower-cased).
    pub output_log_policies: Vec<String>,
}

/// What a document's hook annotation says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HookKind {
    /// No `helm.sh/hook` annotation: an ordinary manifest.
    NotAHook,
    /// A hook with these events.
    Events(Vec<HookEvent>),
    /// At least one unknown event: Helm skips the whole document
    /// (`skipping unknown hooks`).
    Unknown(String),
}

/// Classifies a document by its head.
pub fn hook_kind(head: &Head) -> HookKind {
    let Some(types) = head.annotations().and_then(|a| a.get(HOOK_ANNOTATION)) else {
        return HookKind::NotAHook;
    };
    let mut events = Vec::new();
    for t in types.split(',') {
        match HookEvent::parse(&t.trim().to_lowercase()) {
            Some(e) => events.push(e),
            None => return HookKind::Unknown(types.clone()),
        }
    }
    HookKind::Events(events)
}

/// Builds the hook for a document with known events.
pub fn make_hook(head: &Head, path: &str, manifest: &str, events: Vec<HookEvent>) -> Hook {
    let ann = head.annotations();
    let list = |key: &str| -> Vec<String> {
        ann.and_then(|a| a.get(key))
            .map(|v| v.split(',').map(|p| p.trim().to_lowercase()).collect())
            .unwrap_or_default()
    };
    Hook {
        name: head.name().to_string(),
        kind: head.kind.clone(),
        path: path.to_string(),
        manifest: manifest.to_string(),
        events,
        weight: ann
            .and_then(|a| a.get(HOOK_WEIGHT_ANNOTATION))
            .map_or(0, |w| atoi(w).unwrap_or(0)),
        delete_policies: list(HOOK_DELETE_ANNOTATION),
        output_log_policies: list(HOOK_OUTPUT_LOG_ANNOTATION),
    }
}

/// Go's `strconv.Atoi` (optional sign, decimal digits, 64-bit range).
fn atoi(s: &str) -> Option<i64> {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::head::HeadMetadata;
    use std::collections::BTreeMap;

    fn head(ann: &[(&str, &str)]) -> Head {
        let a: BTreeMap<String, String> = ann
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Head {
            api_version: "v1".into(),
            kind: "Pod".into(),
            metadata: Some(HeadMetadata {
                name: "p".into(),
                annotations: Some(a),
            }),
        }
    }

    #[test]
    fn events_are_trimmed_and_case_insensitive() {
        let h = head(&[(HOOK_ANNOTATION, " Pre-Install ,test-success")]);
        assert_eq!(
            hook_kind(&h),
            HookKind::Events(vec![HookEvent::PreInstall, HookEvent::Test])
        );
        let h = head(&[(HOOK_ANNOTATION, "post-install,bogus")]);
        assert_eq!(
            hook_kind(&h),
            HookKind::Unknown("post-install,bogus".into())
        );
        assert_eq!(hook_kind(&head(&[])), HookKind::NotAHook);
    }

    #[test]
    fn weights_and_policies() {
        let h = head(&[
            (HOOK_ANNOTATION, "pre-install"),
            (HOOK_WEIGHT_ANNOTATION, "-5"),
            (
                HOOK_DELETE_ANNOTATION,
                "Hook-Succeeded, before-hook-creation",
            ),
        ]);
        let hook = make_hook(
            &h,
            "c/templates/a.yaml",
            "kind: Pod",
            vec![HookEvent::PreInstall],
        );
        assert_eq!(hook.weight, -5);
        assert_eq!(
            hook.delete_policies,
            vec!["hook-succeeded", "before-hook-creation"]
        );
        let h = head(&[(HOOK_ANNOTATION, "test"), (HOOK_WEIGHT_ANNOTATION, "1.5")]);
        assert_eq!(make_hook(&h, "p", "", vec![]).weight, 0);
    }
}
