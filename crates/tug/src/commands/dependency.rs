//! `helm dependency list [CHART]`: prints [`tug_actions::dependency::DependencyList`]'s
//! table and warnings.

use std::io::Write;

use tug_actions::dependency::DependencyList;

use crate::cli::{Failure, Invocation};

pub(crate) fn list(inv: &Invocation) -> Result<(), Failure> {
    let width = inv
        .flags
        .last("max-col-width")
        .and_then(|w| w.parse().ok())
        .unwrap_or(80);
    let chart = inv.args.first().map(String::as_str).unwrap_or(".");
    let out = DependencyList {
        max_col_width: width,
    }
    .run(chart)
    .map_err(|e| Failure::new(e.to_string()))?;
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    Ok(())
}
