//! `helm create NAME`: Helm 4.2's chart scaffold (the files under `create/`, with
//! `<CHARTNAME>` replaced) or a copy of a `--starter` chart.

use std::path::{Path, PathBuf};

use tug_chart::Metadata;

use crate::Error;

/// The scaffold: path inside the chart, text with `<CHARTNAME>` placeholders.
const SCAFFOLD: [(&str, &str); 12] = [
    ("Chart.yaml", include_str!("create/Chart.yaml")),
    ("values.yaml", include_str!("create/values.yaml")),
    (".helmignore", include_str!("create/helmignore")),
    (
        "templates/ingress.yaml",
        include_str!("create/ingress.yaml"),
    ),
    (
        "templates/httproute.yaml",
        include_str!("create/httproute.yaml"),
    ),
    (
        "templates/deployment.yaml",
        include_str!("create/deployment.yaml"),
    ),
    (
        "templates/service.yaml",
        include_str!("create/service.yaml"),
    ),
    (
        "templates/serviceaccount.yaml",
        include_str!("create/serviceaccount.yaml"),
    ),
    ("templates/hpa.yaml", include_str!("create/hpa.yaml")),
    ("templates/NOTES.txt", include_str!("create/NOTES.txt")),
    (
        "templates/_helpers.tpl",
        include_str!("create/_helpers.tpl"),
    ),
    (
        "templates/tests/test-connection.yaml",
        include_str!("create/tests_test-connection.yaml"),
    ),
];

const PLACEHOLDER: &str = "<CHARTNAME>";

/// The `helm create` action.
#[derive(Debug, Clone, Default)]
pub struct Create {
    /// `--starter`: a name under the starters directory or a path.
    pub starter: Option<String>,
    /// Helm's data directory (`$HELM_DATA_HOME`), where `starters/` lives.
    pub data_home: PathBuf,
}

/// What `helm create` did: warnings about overwritten files, in order.
#[derive(Debug, Clone, Default)]
pub struct Created {
    /// `WARNING: File "…" already exists. Overwriting.` lines (without newline).
    pub warnings: Vec<String>,
}

impl Create {
    /// Creates the chart `name` (`dir/name` allowed).
    pub fn run(&self, name: &str) -> Result<Created, Error> {
        let setup = Error::Setup;
        let p = Path::new(name);
        let chart_name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let dir = p
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        if let Some(s) = self.starter.as_deref().filter(|s| !s.is_empty()) {
            return self.create_from_starter(s, &chart_name, dir);
        }
        validate_name(&chart_name)?;
        let base = absolute(dir)?;
        std::fs::metadata(&base).map_err(|_| {
            setup(format!(
                "stat {}: no such file or directory",
                base.display()
            ))
        })?;
        let cdir = base.join(&chart_name);
        if cdir.exists() && !cdir.is_dir() {
            return Err(setup(format!(
                "file {} already exists and is not a directory",
                cdir.display()
            )));
        }
        let mut out = Created::default();
        for (rel, text) in SCAFFOLD {
            let path = cdir.join(rel);
            write(
                &path,
                text.replace(PLACEHOLDER, &chart_name).as_bytes(),
                &mut out,
            )?;
        }
        Ok(out)
    }

    fn create_from_starter(&self, starter: &str, name: &str, dir: &Path) -> Result<Created, Error> {
        let src = if Path::new(starter).is_absolute() {
            PathBuf::from(starter)
        } else {
            self.data_home.join("starters").join(starter)
        };
        if !src.exists() {
            return Err(Error::Setup(format!(
                "could not load {}: stat {}: no such file or directory",
                src.display(),
                src.display()
            )));
        }
        let chart = tug_chart::load(&src)
            .map_err(|e| Error::Setup(format!("could not load {}: {e}", src.display())))?;
        let meta = Metadata {
            api_version: "v2".into(),
            name: name.into(),
            description: "A Helm chart for Kubernetes".into(),
            chart_type: "application".into(),
            version: "0.1.0".into(),
            app_version: "0.1.0".into(),
            ..Metadata::default()
        };
        let cdir = absolute(dir)?.join(name);
        // Helm's SaveDir overwrites silently: no warnings from a starter.
        let mut out = Created::default();
        let yaml = crate::show::metadata_yaml(&meta)?;
        write(&cdir.join("Chart.yaml"), yaml.as_bytes(), &mut out)?;
        if let Some(v) = chart.raw.iter().find(|r| r.name == "values.yaml") {
            write(
                &cdir.join("values.yaml"),
                v.text().replace(PLACEHOLDER, name).as_bytes(),
                &mut out,
            )?;
        }
        if let Some(s) = &chart.schema {
            write(&cdir.join("values.schema.json"), s, &mut out)?;
        }
        for t in &chart.templates {
            write(
                &cdir.join(&t.name),
                t.text().replace(PLACEHOLDER, name).as_bytes(),
                &mut out,
            )?;
        }
        for f in &chart.files {
            write(&cdir.join(&f.name), &f.data, &mut out)?;
        }
        Ok(Created::default())
    }
}

/// `chartutil.validateChartName`.
fn validate_name(name: &str) -> Result<(), Error> {
    let ok = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    if !ok {
        return Err(Error::Setup(
            "chart name must match the regular expression \"^[a-zA-Z0-9._-]+$\"".into(),
        ));
    }
    if name.len() > 250 {
        return Err(Error::Setup(
            "chart name cannot be longer than 250 characters".into(),
        ));
    }
    Ok(())
}

fn absolute(dir: &Path) -> Result<PathBuf, Error> {
    let abs = std::path::absolute(dir).map_err(|e| Error::Setup(e.to_string()))?;
    Ok(abs.components().collect())
}

fn write(path: &Path, data: &[u8], out: &mut Created) -> Result<(), Error> {
    if path.exists() {
        out.warnings.push(format!(
            "WARNING: File {:?} already exists. Overwriting.",
            path.display().to_string()
        ));
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::Setup(e.to_string()))?;
    }
    std::fs::write(path, data).map_err(|e| Error::Setup(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert!(validate_name("my-chart_1.0").is_ok());
        assert!(validate_name("bad!").is_err());
        assert!(validate_name("").is_err());
    }
}
