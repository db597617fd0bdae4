//! `helm package PATH…`: runs [`tug_actions::package::Package`] per chart and prints
//! where each archive went.

use tug_actions::package::Package;

use crate::cli::{Failure, Invocation};

pub(crate) fn run(inv: &Invocation) -> Result<(), Failure> {
    if inv.args.is_empty() {
        return Err(Failure::new(
            "need at least one argument, the path to the chart",
        ));
    }
    let f = &inv.flags;
    let action = Package {
        version: f.last("version").map(str::to_string),
        app_version: f.last("app-version").map(str::to_string),
        destination: f
            .last("destination")
            .filter(|d| !d.is_empty())
            .map(Into::into),
    };
    for path in &inv.args {
        let saved = action.run(path).map_err(|e| Failure::new(e.to_string()))?;
        println!(
            "Successfully packaged chart and saved it to: {}",
            saved.display()
        );
    }
    Ok(())
}
