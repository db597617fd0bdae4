//! The chart-side steps of `helm install/template` before rendering, in Helm's order,
//! with Helm's error wrapping: installability, declared dependencies present,
//! `kubeVersion`, dependency processing, coalescing and schema validation.
//!
//! ```no_run
//! # use tug_value::Map;
//! let mut chart = tug_chart::load(std::path::Path::new("mychart"))?;
//! let user = Map::new(); // from tug_values::ValueOptions::merge_values
//! let opts = tug_chart::prepare::PrepareOptions::default();
//! let values = tug_chart::prepare::prepare(&mut chart, &user, &opts, &mut |w| eprintln!("{w}"))?;
//! # Ok::<(), tug_chart::Error>(())
//! ```

use tug_value::Map;
use tug_values::coalesce::Warn;
use tug_values::{BoonValidator, SchemaValidator, coalesce_values, validate_values};

use crate::Error;
use crate::chart::Chart;
use crate::deps::{
    check_dependencies, check_installable, is_compatible_range, process_dependencies,
};

/// Options of [`prepare`].
#[derive(Debug, Clone)]
pub struct PrepareOptions {
    /// `--skip-schema-validation`.
    pub skip_schema_validation: bool,
    /// The Kubernetes version to check `kubeVersion` against (`v1.36.0` offline).
    pub kube_version: String,
}

impl Default for PrepareOptions {
    fn default() -> Self {
        PrepareOptions {
            skip_schema_validation: false,
            kube_version: "v1.36.0".into(),
        }
    }
}

/// `chart requires kubeVersion: <c> which is incompatible with Kubernetes <v>`.
pub fn check_kube_version(chart: &Chart, kube_version: &str) -> Result<(), Error> {
    let c = &chart.metadata.kube_version;
    if c.is_empty() || is_compatible_range(c, kube_version) {
        return Ok(());
    }
    Err(Error::Dependency(format!(
        "chart requires kubeVersion: {c} which is incompatible with Kubernetes {kube_version}"
    )))
}

/// Runs the pre-render steps and returns the coalesced values of the root chart (the
/// `.Values` of the root; each subchart's `.Values` is the table under its name).
/// `chart` is mutated (disabled subcharts removed, aliases applied, imports pulled up).
pub fn prepare(
    chart: &mut Chart,
    user: &Map,
    opts: &PrepareOptions,
    warn: Warn<'_>,
) -> Result<Map, Error> {
    prepare_with(chart, user, opts, &BoonValidator, warn)
}

/// [`prepare`] with a chosen schema validator.
pub fn prepare_with(
    chart: &mut Chart,
    user: &Map,
    opts: &PrepareOptions,
    validator: &dyn SchemaValidator,
    warn: Warn<'_>,
) -> Result<Map, Error> {
    check_installable(chart)?;
    check_dependencies(chart)?;
    check_kube_version(chart, &opts.kube_version)?;
    process_dependencies(chart, user, warn)
        .map_err(|e| Error::Dependency(format!("chart dependencies processing failed: {e}")))?;
    let values = coalesce_values(chart, user, warn)?;
    if !opts.skip_schema_validation {
        validate_values(chart, &values, validator)?;
    }
    Ok(values)
}
