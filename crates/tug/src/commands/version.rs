//! `helm version`: the Helm build tug is compatible with.

use crate::cli::{Failure, Invocation};

/// The Helm release tug reproduces.
pub const HELM_VERSION: &str = "v4.2.3";
const GIT_COMMIT: &str = "43e8b7feece8beb0fcba47059ec9b522fd929a64";
const GO_VERSION: &str = "go1.26.5";
const KUBE_CLIENT_VERSION: &str = "v1.36";

pub(crate) fn run(inv: &Invocation) -> Result<(), Failure> {
    if let Some(t) = inv.flags.last("template") {
        let out = t
            .replace("{{.Version}}", HELM_VERSION)
            .replace("{{.GitCommit}}", GIT_COMMIT)
            .replace("{{.GitTreeState}}", "clean")
            .replace("{{.GoVersion}}", GO_VERSION)
            .replace("{{.KubeClientVersion}}", KUBE_CLIENT_VERSION);
        print!("{out}");
        return Ok(());
    }
    if inv.flags.bool("short") {
        println!("{HELM_VERSION}+g{}", &GIT_COMMIT[..7]);
        return Ok(());
    }
    println!(
        "version.BuildInfo{{Version:\"{HELM_VERSION}\", GitCommit:\"{GIT_COMMIT}\", GitTreeState:\"clean\", GoVersion:\"{GO_VERSION}\", KubeClientVersion:\"{KUBE_CLIENT_VERSION}\"}}"
    );
    Ok(())
}
