//! Helm's `releaseutil.SortManifests`: the render map → hooks and ordinary manifests,
//! both sorted by kind.

use std::collections::BTreeMap;

use crate::Error;
use crate::head::{Head, parse_head};
use crate::hooks::{Hook, HookKind, hook_kind, make_hook};
use crate::order::sort_by_kind;
use crate::split::split_manifests;

/// One ordinary (non-hook) document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Manifest {
    /// The template path (`<chart>/templates/x.yaml`).
    pub name: String,
    /// The document text.
    pub content: String,
    /// Its parsed head.
    pub head: Head,
}

/// The result of sorting: hooks and manifests, plus Helm's informational messages
/// (`skipping unknown hooks` …) for the caller to log.
#[derive(Debug, Clone, Default)]
pub struct Sorted {
    /// Hooks, sorted by kind.
    pub hooks: Vec<Hook>,
    /// Ordinary manifests, sorted by kind.
    pub manifests: Vec<Manifest>,
    /// Log lines Helm would emit at INFO level.
    pub notices: Vec<String>,
}

/// `SortManifests(files, ordering)`: files in byte order of their paths, partials (`_*`)
/// and blank files skipped, each split into documents whose heads are parsed.
pub fn sort_manifests(files: &BTreeMap<String, String>, order: &[&str]) -> Result<Sorted, Error> {
    let mut out = Sorted::default();
    for (path, content) in files {
        let base = path.rsplit('/').next().unwrap_or(path);
        if base.starts_with('_') || content.trim().is_empty() {
            continue;
        }
        for doc in split_manifests(content) {
            let head = parse_head(doc).map_err(|message| Error::Yaml {
                path: path.clone(),
                message,
            })?;
            match hook_kind(&head) {
                HookKind::NotAHook => out.manifests.push(Manifest {
                    name: path.clone(),
                    content: doc.to_string(),
                    head,
                }),
                HookKind::Unknown(types) => out.notices.push(format!(
                    "level=INFO msg=\"skipping unknown hooks\" hookTypes={types}"
                )),
                HookKind::Events(events) => out.hooks.push(make_hook(&head, path, doc, events)),
            }
        }
    }
    sort_by_kind(&mut out.hooks, order, |h| h.kind.as_str());
    sort_by_kind(&mut out.manifests, order, |m| m.head.kind.as_str());
    Ok(out)
}
