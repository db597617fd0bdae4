//! `helm show chart|values|readme|crds|all`: prints [`tug_actions::show::Show`]'s text.

use std::io::Write;
use std::path::Path;

use tug_actions::show::{Show, ShowFormat};

use crate::cli::{Failure, Invocation};

fn show(inv: &Invocation, format: ShowFormat) -> Result<(), Failure> {
    let json_path = inv.flags.last("jsonpath").map(str::to_string);
    let action = Show { format, json_path };
    let chart = inv.args.first().map(String::as_str).unwrap_or_default();
    let out = action
        .run(Path::new(chart))
        .map_err(|e| Failure::new(e.to_string()))?;
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    Ok(())
}

pub(crate) fn all(inv: &Invocation) -> Result<(), Failure> {
    show(inv, ShowFormat::All)
}

pub(crate) fn chart(inv: &Invocation) -> Result<(), Failure> {
    show(inv, ShowFormat::Chart)
}

pub(crate) fn values(inv: &Invocation) -> Result<(), Failure> {
    show(inv, ShowFormat::Values)
}

pub(crate) fn readme(inv: &Invocation) -> Result<(), Failure> {
    show(inv, ShowFormat::Readme)
}

pub(crate) fn crds(inv: &Invocation) -> Result<(), Failure> {
    show(inv, ShowFormat::Crds)
}
