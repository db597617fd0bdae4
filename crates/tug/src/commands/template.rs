//! `helm template [NAME] [CHART]`: binds the flags onto [`tug_actions::Template`] and prints
//! the result as Helm does.

use std::io::Write;
use std::path::Path;

use tug_actions::{Error, Template};
use tug_values::ValueOptions;

use crate::cli::{Failure, Invocation};

/// The hint Helm appends to errors raised after the release was built.
const DEBUG_HINT: &str = "\n\nUse --debug flag to render out invalid YAML";

pub(crate) fn run(inv: &Invocation) -> Result<(), Failure> {
    let f = &inv.flags;
    let (name, chart) = names(inv)?;
    let action = Template {
        release_name: name,
        namespace: namespace(inv),
        values: value_options(inv),
        show_only: f.all("show-only"),
        include_crds: f.bool("include-crds"),
        skip_crds: f.bool("skip-crds"),
        skip_tests: f.bool("skip-tests"),
        no_hooks: f.bool("no-hooks"),
        is_upgrade: f.bool("is-upgrade"),
        kube_version: f
            .last("kube-version")
            .filter(|v| !v.is_empty())
            .map(str::to_string),
        api_versions: f
            .all("api-versions")
            .iter()
            .flat_map(|v| v.split(','))
            .map(str::to_string)
            .collect(),
        skip_schema_validation: f.bool("skip-schema-validation"),
        enable_dns: f.bool("enable-dns"),
        output_dir: f.last("output-dir").map(Into::into),
        use_release_name: f.bool("release-name"),
    };
    match action.run(Path::new(&chart)) {
        Ok(out) => {
            let mut err = std::io::stderr().lock();
            for w in &out.warnings {
                let _ = writeln!(err, "level=INFO msg={}", tug_value::fmt::quote(w));
            }
            let mut stdout = std::io::stdout().lock();
            let _ = stdout.write_all(out.stdout.as_bytes());
            Ok(())
        }
        Err(Error::Render(m)) if !f.bool("debug") => Err(Failure::new(format!("{m}{DEBUG_HINT}"))),
        Err(e) => Err(Failure::new(e.to_string())),
    }
}

/// `[NAME] [CHART]`, `--generate-name` and the `release-name` default.
fn names(inv: &Invocation) -> Result<(String, String), Failure> {
    let args = &inv.args;
    if args.len() > 2 {
        return Err(Failure::new(format!(
            "expected at most two arguments, unexpected arguments: {}",
            args[2..].join(", ")
        )));
    }
    if args.len() == 2 {
        return Ok((args[0].clone(), args[1].clone()));
    }
    let chart = args[0].clone();
    if inv.flags.bool("generate-name") {
        let base = Path::new(&chart)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        return Ok((format!("{base}-{secs}"), chart));
    }
    Ok(("release-name".into(), chart))
}

/// `-n/--namespace`, else `HELM_NAMESPACE`, else `default`.
pub(crate) fn namespace(inv: &Invocation) -> String {
    inv.flags
        .last("namespace")
        .map(str::to_string)
        .or_else(|| {
            std::env::var("HELM_NAMESPACE")
                .ok()
                .filter(|v| !v.is_empty())
        })
        .unwrap_or_else(|| "default".into())
}

/// The value flags.
pub(crate) fn value_options(inv: &Invocation) -> ValueOptions {
    let f = &inv.flags;
    ValueOptions {
        value_files: f.all("values"),
        values: f.all("set"),
        string_values: f.all("set-string"),
        file_values: f.all("set-file"),
        json_values: f.all("set-json"),
        literal_values: f.all("set-literal"),
    }
}
