//! What `helm template` prints and what a release stores as its manifest
//! (`pkg/action/action.go renderResources`, `pkg/cmd/template.go`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::Error;
use crate::hooks::{Hook, HookEvent};
use crate::sort::Manifest;
use crate::split::split_manifests;

/// The suffix that marks NOTES files.
pub const NOTES_SUFFIX: &str = "NOTES.txt";

/// Removes every `*NOTES.txt` entry from the render map and returns the notes text:
/// only `<chart>/templates/NOTES.txt` unless `subchart_notes` (then all of them, joined
/// with `\n`, the root's first).
pub fn extract_notes(
    files: &mut BTreeMap<String, String>,
    chart_name: &str,
    subchart_notes: bool,
) -> String {
    let root = format!("{chart_name}/templates/{NOTES_SUFFIX}");
    let keys: Vec<String> = files
        .keys()
        .filter(|k| k.ends_with(NOTES_SUFFIX))
        .cloned()
        .collect();
    let mut notes = files.get(&root).cloned().unwrap_or_default();
    for k in keys {
        if let Some(v) = files.remove(&k)
            && k != root
            && subchart_notes
        {
            if !notes.is_empty() {
                notes.push('\n');
            }
            notes.push_str(&v);
        }
    }
    notes
}

/// A CRD file of the chart or a subchart (`Chart.CRDObjects()`): its full file name
/// (`<chart path>/crds/x.yaml`) and raw content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrdFile {
    /// `<chart full path>/crds/<file>`.
    pub filename: String,
    /// The file's content, not templated.
    pub content: String,
}

/// Options for building the release manifest.
#[derive(Debug, Clone, Default)]
pub struct ManifestOptions {
    /// `--include-crds`: CRD files first.
    pub include_crds: bool,
    /// `--hide-secret`: `v1` Secrets replaced by a notice.
    pub hide_secret: bool,
}

fn frame(out: &mut String, path: &str, body: &str) {
    out.push_str("---\n# Source: ");
    out.push_str(path);
    out.push('\n');
    out.push_str(body);
    out.push('\n');
}

/// The release manifest: `---\n# Source: <path>\n<doc>\n` per document.
pub fn release_manifest(
    manifests: &[Manifest],
    crds: &[CrdFile],
    opts: &ManifestOptions,
) -> String {
    let mut b = String::new();
    if opts.include_crds {
        for c in crds {
            frame(&mut b, &c.filename, &c.content);
        }
    }
    for m in manifests {
        if opts.hide_secret && m.head.kind == "Secret" && m.head.api_version == "v1" {
            frame(
                &mut b,
                &m.name,
                "# HIDDEN: The Secret output has been suppressed",
            );
        } else {
            frame(&mut b, &m.name, &m.content);
        }
    }
    b
}

/// Options of `helm template` that shape stdout.
#[derive(Debug, Clone, Default)]
pub struct TemplateOptions {
    /// `--no-hooks`.
    pub no_hooks: bool,
    /// `--skip-tests`.
    pub skip_tests: bool,
    /// `--show-only` patterns (Go `filepath.Match` against the path without chart name).
    pub show_only: Vec<String>,
}

/// Whether a hook is a test hook.
pub fn is_test_hook(h: &Hook) -> bool {
    h.events.contains(&HookEvent::Test)
}

/// `helm template` stdout: the trimmed manifest plus a newline, the hooks framed like
/// manifests, then `--show-only` filtering.
pub fn template_stdout(
    manifest: &str,
    hooks: &[Hook],
    opts: &TemplateOptions,
) -> Result<String, Error> {
    let mut all = String::from(manifest.trim());
    all.push('\n');
    if !opts.no_hooks {
        for h in hooks {
            if opts.skip_tests && is_test_hook(h) {
                continue;
            }
            frame(&mut all, &h.path, &h.manifest);
        }
    }
    if opts.show_only.is_empty() {
        return Ok(all);
    }
    show_only(&all, &opts.show_only)
}

/// `--show-only`: re-splits the output and keeps documents whose `# Source:` path (chart
/// name removed) matches a pattern, pattern by pattern.
pub fn show_only(all: &str, patterns: &[String]) -> Result<String, Error> {
    let docs = split_manifests(all);
    let mut out = String::new();
    for pat in patterns {
        let pat = pat.replace('\\', "/");
        let mut missing = true;
        for doc in &docs {
            let Some(name) = source_name(doc) else {
                continue;
            };
            if glob_match(&pat, name).unwrap_or(false) {
                out.push_str("---\n");
                out.push_str(doc);
                out.push('\n');
                missing = false;
            }
        }
        if missing {
            return Err(Error::ShowOnly(pat));
        }
    }
    Ok(out)
}

/// First match of `# Source: [^/]+/(.+)`.
fn source_name(doc: &str) -> Option<&str> {
    let mut rest = doc;
    while let Some(i) = rest.find("# Source: ") {
        let after = &rest[i + 10..];
        let line = after.split('\n').next().unwrap_or("");
        if let Some(slash) = line.find('/')
            && slash > 0
            && slash + 1 < line.len()
        {
            return Some(&line[slash + 1..]);
        }
        rest = after;
    }
    None
}

/// Go's `path/filepath.Match` with `/` as separator.
pub fn glob_match(pattern: &str, name: &str) -> Result<bool, Error> {
    crate::output::glob::matches(pattern, name)
}

/// `writeToFile` for `--output-dir`: writes (or appends) `---\n# Source: <name>\n<data>\n`
/// to `<dir>/<name>` and returns the path written (Helm prints `wrote <path>`).
pub fn write_to_file(dir: &Path, name: &str, data: &str, append: bool) -> Result<PathBuf, Error> {
    use std::io::Write;
    let path = PathBuf::from(format!("{}/{name}", dir.display()));
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::Io(e.to_string()))?;
    }
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .write(true)
        .append(append)
        .truncate(!append)
        .open(&path)
        .map_err(|e| Error::Io(e.to_string()))?;
    write!(f, "---\n# Source: {name}\n{data}\n").map_err(|e| Error::Io(e.to_string()))?;
    Ok(path)
}

/// Options of `--output-dir`.
#[derive(Debug, Clone, Default)]
pub struct OutputDirOptions {
    /// `--include-crds`.
    pub include_crds: bool,
    /// `--no-hooks`.
    pub no_hooks: bool,
    /// `--skip-tests`.
    pub skip_tests: bool,
    /// `--release-name`: write under `<dir>/<release>`.
    pub release_name: Option<String>,
}

/// `helm template --output-dir`: CRDs (with `--include-crds`), manifests, then hooks are
/// written to `<dir>[/<release>]/<path>`, further documents of the same path appended
/// with their own `---` framing. Returns the stdout lines Helm prints (`wrote <path>`),
/// after which the caller prints the (now empty) manifest, i.e. a single newline.
pub fn write_output_dir(
    dir: &Path,
    crds: &[CrdFile],
    manifests: &[Manifest],
    hooks: &[Hook],
    opts: &OutputDirOptions,
) -> Result<Vec<String>, Error> {
    let base = match &opts.release_name {
        Some(r) => dir.join(r),
        None => dir.to_path_buf(),
    };
    let mut written = std::collections::HashSet::new();
    let mut log = Vec::new();
    let mut write = |root: &Path, name: &str, data: &str, append: bool| -> Result<(), Error> {
        let p = write_to_file(root, name, data, append)?;
        log.push(format!("wrote {}", p.display()));
        Ok(())
    };
    if opts.include_crds {
        // CRDs go to the top directory, never under the release name.
        for c in crds {
            let append = written.contains(&c.filename);
            write(dir, &c.filename, &c.content, append)?;
            written.insert(c.filename.clone());
        }
    }
    for m in manifests {
        let append = written.contains(&m.name);
        write(&base, &m.name, &m.content, append)?;
        written.insert(m.name.clone());
    }
    if !opts.no_hooks {
        for h in hooks {
            if opts.skip_tests && is_test_hook(h) {
                continue;
            }
            let append = base.join(&h.path).exists();
            write(&base, &h.path, &h.manifest, append)?;
        }
    }
    Ok(log)
}

mod glob;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::head::Head;

    fn manifest(path: &str, kind: &str, content: &str) -> Manifest {
        Manifest {
            name: path.into(),
            content: content.into(),
            head: Head {
                api_version: "v1".into(),
                kind: kind.into(),
                metadata: None,
            },
        }
    }

    #[test]
    fn notes_only_root_by_default() {
        let mut files: BTreeMap<String, String> = [
            ("c/templates/NOTES.txt", "root"),
            ("c/charts/s/templates/NOTES.txt", "sub"),
            ("c/templates/a.yaml", "a"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        assert_eq!(extract_notes(&mut files, "c", false), "root");
        assert_eq!(files.len(), 1);
    }

    #[test]
    fn framing_and_hidden_secrets() {
        let ms = vec![manifest("c/templates/s.yaml", "Secret", "kind: Secret\n\n")];
        let crds = vec![CrdFile {
            filename: "c/crds/x.yaml".into(),
            content: "kind: CRD".into(),
        }];
        let opts = ManifestOptions {
            include_crds: true,
            hide_secret: true,
        };
        assert_eq!(
            release_manifest(&ms, &crds, &opts),
            "---\n# Source: c/crds/x.yaml\nkind: CRD\n---\n# Source: c/templates/s.yaml\n# HIDDEN: The Secret output has been suppressed\n"
        );
    }

    #[test]
    fn show_only_filters_by_path() {
        let all = "---\n# Source: c/templates/a.yaml\nkind: A\n---\n# Source: c/templates/b.yaml\nkind: B\n";
        let got = show_only(all, &["templates/b.yaml".into()]).unwrap();
        assert_eq!(got, "---\n# Source: c/templates/b.yaml\nkind: B\n\n");
        let e = show_only(all, &["templates/z.yaml".into()]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "could not find template templates/z.yaml in chart"
        );
        assert!(
            show_only(all, &["templates/*".into()])
                .unwrap()
                .contains("kind: A")
        );
    }
}
