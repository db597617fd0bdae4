//! `helm package`: a chart directory saved as `<name>-<version>.tgz` with Helm's layout
//! (`<name>/Chart.yaml` re-marshalled, values, schema, templates, files, then each
//! subchart under `<name>/charts/<sub>/`).

use std::io::Write;
use std::path::{Path, PathBuf};

use tug_chart::Chart;

use crate::Error;

/// The `helm package` action.
#[derive(Debug, Clone, Default)]
pub struct Package {
    /// `--version`.
    pub version: Option<String>,
    /// `--app-version`.
    pub app_version: Option<String>,
    /// `-d/--destination` (default `.`).
    pub destination: Option<PathBuf>,
}

impl Package {
    /// Packages the chart directory at `path`; returns the absolute archive path.
    pub fn run(&self, path: &str) -> Result<PathBuf, Error> {
        let setup = |e: String| Error::Setup(e);
        if std::fs::metadata(path).is_err() {
            return Err(setup(format!("stat {path}: no such file or directory")));
        }
        let mut chart = tug_chart::load_dir(Path::new(path)).map_err(|e| setup(e.to_string()))?;
        if let Some(v) = self.version.as_deref().filter(|v| !v.is_empty()) {
            chart.metadata.version = v.to_string();
        }
        if let Some(v) = self.app_version.as_deref().filter(|v| !v.is_empty()) {
            chart.metadata.app_version = v.to_string();
        }
        check_dependencies(&chart)?;
        // Helm resolves only the default `.`; other destinations are used as given.
        let dest: PathBuf = match self.destination.clone().filter(|d| d.as_os_str() != ".") {
            Some(d) => d.components().collect(),
            None => std::env::current_dir().map_err(|e| setup(e.to_string()))?,
        };
        if !dest.is_dir() {
            return Err(setup(format!(
                "failed to save: stat {}: no such file or directory",
                dest.display()
            )));
        }
        let file = dest.join(format!("{}-{}.tgz", chart.name(), chart.metadata.version));
        let bytes = archive(&chart)?;
        std::fs::write(&file, bytes).map_err(|e| setup(format!("failed to save: {e}")))?;
        Ok(file)
    }
}

/// `CheckDependencies` as `helm package` reports it (no hint about `dependency build`).
fn check_dependencies(chart: &Chart) -> Result<(), Error> {
    let missing: Vec<&str> = chart
        .metadata
        .deps()
        .filter(|d| !chart.dependencies.iter().any(|c| c.name() == d.name))
        .map(|d| d.name.as_str())
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    Err(Error::Setup(format!(
        "found in Chart.yaml, but missing in charts/ directory: {}",
        missing.join(", ")
    )))
}

/// The gzipped tar of `chart`.
pub fn archive(chart: &Chart) -> Result<Vec<u8>, Error> {
    let io = |e: std::io::Error| Error::Setup(format!("failed to save: {e}"));
    let gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    let mut tar = tar::Builder::new(gz);
    let mtime = mtime();
    write_chart(&mut tar, chart, chart.name(), mtime)?;
    let gz = tar.into_inner().map_err(io)?;
    let mut gz = gz;
    gz.flush().map_err(io)?;
    gz.finish().map_err(io)
}

type TarOut = tar::Builder<flate2::write::GzEncoder<Vec<u8>>>;

fn write_chart(tar: &mut TarOut, chart: &Chart, base: &str, mtime: u64) -> Result<(), Error> {
    let meta = crate::show::metadata_yaml(&chart.metadata)?;
    entry(tar, &format!("{base}/Chart.yaml"), meta.as_bytes(), mtime)?;
    if chart.metadata.api_version == "v2"
        && chart.lock.is_some()
        && let Some(l) = chart.raw.iter().find(|r| r.name == "Chart.lock")
    {
        entry(tar, &format!("{base}/Chart.lock"), &l.data, mtime)?;
    }
    if let Some(v) = chart.raw.iter().find(|r| r.name == "values.yaml") {
        entry(tar, &format!("{base}/values.yaml"), &v.data, mtime)?;
    }
    if let Some(s) = &chart.schema {
        entry(tar, &format!("{base}/values.schema.json"), s, mtime)?;
    }
    for f in chart.templates.iter().chain(&chart.files) {
        entry(tar, &format!("{base}/{}", f.name), &f.data, mtime)?;
    }
    for dep in &chart.dependencies {
        write_chart(tar, dep, &format!("{base}/charts/{}", dep.name()), mtime)?;
    }
    Ok(())
}

fn entry(tar: &mut TarOut, name: &str, data: &[u8], mtime: u64) -> Result<(), Error> {
    let mut h = tar::Header::new_gnu();
    h.set_size(data.len() as u64);
    h.set_mode(0o644);
    h.set_mtime(mtime);
    h.set_uid(0);
    h.set_gid(0);
    h.set_entry_type(tar::EntryType::Regular);
    tar.append_data(&mut h, name, data)
        .map_err(|e| Error::Setup(format!("failed to save: {e}")))
}

/// `SOURCE_DATE_EPOCH` when set, else now.
fn mtime() -> u64 {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs())
                .unwrap_or(0)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn archive_layout() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tug/tests/fixtures/library");
        let chart = tug_chart::load_dir(&dir).expect("fixture");
        let bytes = archive(&chart).expect("archive");
        let mut ar = tar::Archive::new(flate2::read::GzDecoder::new(bytes.as_slice()));
        let names: Vec<String> = ar
            .entries()
            .expect("entries")
            .map(|e| {
                e.expect("entry")
                    .path()
                    .expect("path")
                    .display()
                    .to_string()
            })
            .collect();
        assert_eq!(names, ["library/Chart.yaml", "library/templates/_x.tpl"]);
    }
}
