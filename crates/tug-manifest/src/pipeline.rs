//! The whole post-render path of `helm template` in one call, for the CLI layer:
//! NOTES extraction → `SortManifests` (install order) → release manifest → stdout.

use std::collections::BTreeMap;

use crate::Error;
use crate::hooks::Hook;
use crate::order::INSTALL_ORDER;
use crate::output::{
    CrdFile, ManifestOptions, TemplateOptions, extract_notes, release_manifest, template_stdout,
};
use crate::sort::{Manifest, sort_manifests};

/// Everything `helm template` / a dry-run install derives from a render map.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// What `helm template` prints on stdout.
    pub stdout: String,
    /// The release manifest (`---\n# Source: …` per document).
    pub manifest: String,
    /// The root chart's NOTES text (empty when none).
    pub notes: String,
    /// Hooks in stored (kind) order.
    pub hooks: Vec<Hook>,
    /// Ordinary manifests in install order.
    pub manifests: Vec<Manifest>,
    /// Helm's INFO log lines (`skipping unknown hooks` …).
    pub notices: Vec<String>,
}

/// Runs the post-render pipeline on a render map (`{<chart>/templates/x: text}`).
pub fn finish_render(
    mut files: BTreeMap<String, String>,
    chart_name: &str,
    crds: &[CrdFile],
    manifest_opts: &ManifestOptions,
    template_opts: &TemplateOptions,
    subchart_notes: bool,
) -> Result<Rendered, Error> {
    let notes = extract_notes(&mut files, chart_name, subchart_notes);
    let sorted = sort_manifests(&files, INSTALL_ORDER)?;
    let manifest = release_manifest(&sorted.manifests, crds, manifest_opts);
    let stdout = template_stdout(&manifest, &sorted.hooks, template_opts)?;
    Ok(Rendered {
        stdout,
        manifest,
        notes,
        hooks: sorted.hooks,
        manifests: sorted.manifests,
        notices: sorted.notices,
    })
}
