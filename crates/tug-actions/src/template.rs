//! `helm template`: render a chart locally, as `helm install --dry-run=client` would,
//! and produce what `helm template` prints.

use std::path::{Path, PathBuf};

use tug_chart::Chart;
use tug_manifest::output::{ManifestOptions, TemplateOptions};
use tug_render::{Capabilities, Options, Release};
use tug_values::ValueOptions;

use crate::Error;
use crate::values_source::LocalFiles;

/// The options of `helm template` (one field per flag that changes the result).
#[derive(Debug, Clone, Default)]
pub struct Template {
    /// Release name (`release-name` when not given).
    pub release_name: String,
    /// `--namespace`.
    pub namespace: String,
    /// The value flags.
    pub values: ValueOptions,
    /// `--show-only`.
    pub show_only: Vec<String>,
    /// `--include-crds`.
    pub include_crds: bool,
    /// `--skip-crds`.
    pub skip_crds: bool,
    /// `--skip-tests`.
    pub skip_tests: bool,
    /// `--no-hooks`.
    pub no_hooks: bool,
    /// `--is-upgrade`.
    pub is_upgrade: bool,
    /// `--kube-version`.
    pub kube_version: Option<String>,
    /// `--api-versions`.
    pub api_versions: Vec<String>,
    /// `--skip-schema-validation`.
    pub skip_schema_validation: bool,
    /// `--enable-dns`.
    pub enable_dns: bool,
    /// `--output-dir`.
    pub output_dir: Option<PathBuf>,
    /// `--release-name`: put files under `<output-dir>/<release>/`.
    pub use_release_name: bool,
}

/// What `helm template` produced.
#[derive(Debug, Default)]
pub struct TemplateOutput {
    /// Text for stdout.
    pub stdout: String,
    /// Warnings Helm logs to stderr (`level=INFO msg="warning: …"` lines).
    pub warnings: Vec<String>,
}

impl Template {
    /// Renders the chart at `chart_path`.
    pub fn run(&self, chart_path: &Path) -> Result<TemplateOutput, Error> {
        let mut warnings = Vec::new();
        let mut chart = crate::show::load_located(chart_path)?;
        let user = self
            .values
            .merge_values(&LocalFiles)
            .map_err(|e| Error::Setup(e.to_string()))?;
        tug_chart::deps::check_installable(&chart).map_err(|e| Error::Setup(e.to_string()))?;
        tug_chart::deps::check_dependencies(&chart).map_err(|e| Error::Setup(e.to_string()))?;
        let mut warn = |w: String| warnings.push(w);
        tug_chart::deps::process_dependencies(&mut chart, &user, &mut warn)
            .map_err(|e| Error::Setup(e.to_string()))?;
        let caps = self.capabilities()?;
        let values = tug_values::coalesce_values(&chart, &user, &mut warn)
            .map_err(|e| Error::Setup(e.to_string()))?;
        if !self.skip_schema_validation {
            tug_values::schema::validate_values(
                &chart,
                &values,
                &tug_values::schema::BoonValidator,
            )
            .map_err(|e| Error::Setup(e.to_string()))?;
        }
        let release = Release {
            name: self.release_name.clone(),
            namespace: self.namespace.clone(),
            revision: 1,
            is_install: !self.is_upgrade,
            is_upgrade: self.is_upgrade,
        };
        self.check_kube_version(&chart, &caps)?;
        let opts = Options {
            capabilities: caps,
            enable_dns: self.enable_dns,
            ..Options::default()
        };
        let mut files = tug_render::render(&chart, &values, &release, &opts)
            .map_err(|e| Error::Render(e.to_string()))?;
        tug_manifest::output::extract_notes(&mut files, chart.name(), false);
        let sorted = tug_manifest::sort_manifests(&files, tug_manifest::INSTALL_ORDER)
            .map_err(|e| Error::Render(e.to_string()))?;
        let crds = chart.crd_objects(chart.name());
        let manifest = tug_manifest::output::release_manifest(
            &sorted.manifests,
            &crds,
            &ManifestOptions {
                include_crds: self.include_crds,
                hide_secret: false,
            },
        );
        if let Some(dir) = &self.output_dir {
            let opts = tug_manifest::output::OutputDirOptions {
                include_crds: self.include_crds,
                no_hooks: self.no_hooks,
                skip_tests: self.skip_tests,
                release_name: self.use_release_name.then(|| self.release_name.clone()),
            };
            let log = tug_manifest::output::write_output_dir(
                dir,
                &crds,
                &sorted.manifests,
                &sorted.hooks,
                &opts,
            )
            .map_err(|e| Error::Setup(e.to_string()))?;
            // Helm prints a line per written file, then the (now empty) manifest.
            let mut stdout: String = log.iter().map(|l| format!("{l}\n")).collect();
            stdout.push('\n');
            return Ok(TemplateOutput { stdout, warnings });
        }
        let stdout = tug_manifest::output::template_stdout(
            &manifest,
            &sorted.hooks,
            &TemplateOptions {
                no_hooks: self.no_hooks,
                skip_tests: self.skip_tests,
                show_only: self.show_only.clone(),
            },
        )
        .map_err(|e| Error::Setup(e.to_string()))?;
        Ok(TemplateOutput { stdout, warnings })
    }

    fn capabilities(&self) -> Result<Capabilities, Error> {
        let extra = self.api_versions.clone();
        match &self.kube_version {
            None => Ok(Capabilities::new("v1.36.0", "1", "36", extra)),
            Some(v) => {
                let (version, major, minor) =
                    Capabilities::parse_kube_version(v).ok_or_else(|| {
                        Error::Setup(format!(
                            "invalid kube version '{v}': Invalid Semantic Version"
                        ))
                    })?;
                Ok(Capabilities::new(&version, &major, &minor, extra))
            }
        }
    }

    fn check_kube_version(&self, chart: &Chart, caps: &Capabilities) -> Result<(), Error> {
        let req = chart.metadata.kube_version.as_str();
        if req.is_empty() {
            return Ok(());
        }
        if tug_chart::deps::is_compatible_range(req, caps.kube_version()) {
            return Ok(());
        }
        Err(Error::Render(format!(
            "chart requires kubeVersion: {req} which is incompatible with Kubernetes {}",
            caps.kube_version()
        )))
    }
}
