//! `helm lint PATH…`: runs [`tug_actions::lint::Lint`] and prints its report.

use std::io::Write;

use tug_actions::lint::Lint;

use crate::cli::{Failure, Invocation};

pub(crate) fn run(inv: &Invocation) -> Result<(), Failure> {
    let f = &inv.flags;
    let action = Lint {
        strict: f.bool("strict"),
        with_subcharts: f.bool("with-subcharts"),
        quiet: f.bool("quiet"),
        values: super::template::value_options(inv),
        namespace: super::template::namespace(inv),
        skip_schema_validation: f.bool("skip-schema-validation"),
    };
    let paths = if inv.args.is_empty() {
        vec![".".to_string()]
    } else {
        inv.args.clone()
    };
    let report = action
        .run(&paths)
        .map_err(|e| Failure::new(e.to_string()))?;
    let _ = std::io::stdout().lock().write_all(report.stdout.as_bytes());
    match report.failure {
        Some(summary) => Err(Failure::new(summary)),
        None => Ok(()),
    }
}
