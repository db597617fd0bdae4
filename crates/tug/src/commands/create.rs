//! `helm create NAME`: prints `Creating NAME` and runs [`tug_actions::create::Create`].

use std::path::PathBuf;

use tug_actions::create::Create;

use crate::cli::{Failure, Invocation};

pub(crate) fn run(inv: &Invocation) -> Result<(), Failure> {
    let name = inv.args.first().cloned().unwrap_or_default();
    println!("Creating {name}");
    let action = Create {
        starter: inv.flags.last("starter").map(str::to_string),
        data_home: data_home(),
    };
    let created = action.run(&name).map_err(|e| Failure::new(e.to_string()))?;
    for w in created.warnings {
        println!("{w}");
    }
    Ok(())
}

/// `$HELM_DATA_HOME`, else `$XDG_DATA_HOME/helm`, else `~/.local/share/helm`.
fn data_home() -> PathBuf {
    let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    if let Some(d) = var("HELM_DATA_HOME") {
        return d.into();
    }
    if let Some(d) = var("XDG_DATA_HOME") {
        return PathBuf::from(d).join("helm");
    }
    PathBuf::from(var("HOME").unwrap_or_default()).join(".local/share/helm")
}
