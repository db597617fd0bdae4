//! Helm's commands: the generated specification ([`spec`]) plus what each one does.
//!
//! Every command of Helm v4.2 exists with Helm's help and flags. Commands tug does not
//! implement yet fail with a clear error instead of pretending.

mod create;
mod dependency;
mod env;
mod lint;
mod package;
mod show;
mod template;
#[rustfmt::skip]
mod spec;
mod version;

use crate::cli::{Args, Command, Failure, Invocation, RunFn};

/// The full command tree, with the root named after the binary.
pub fn tree(bin: &str) -> Command {
    let mut root = spec::cmd_root();
    root.name = Box::leak(bin.to_string().into_boxed_str());
    attach(&mut root, &[]);
    let mut cluster = cluster();
    // tug's own addition: listed when run as `tug`, invisible when run as `helm`.
    cluster.hidden = bin == "helm";
    root.children.push(cluster);
    root
}

/// Attaches behaviour and argument rules by command path.
fn attach(cmd: &mut Command, parent: &[&str]) {
    let mut path: Vec<&str> = parent.to_vec();
    path.push(cmd.name);
    let key = path[1..].join(" ");
    let (args, run): (Args, Option<RunFn>) = match key.as_str() {
        "version" => (Args::None, Some(version::run)),
        "env" => (Args::AtMost(1), Some(env::run)),
        "template" => (Args::AtLeast(1), Some(template::run)),
        "show all" => (Args::Exact(1), Some(show::all)),
        "show chart" => (Args::Exact(1), Some(show::chart)),
        "show values" => (Args::Exact(1), Some(show::values)),
        "show readme" => (Args::Exact(1), Some(show::readme)),
        "show crds" => (Args::Exact(1), Some(show::crds)),
        "create" => (Args::Exact(1), Some(create::run)),
        "package" => (Args::Any, Some(package::run)),
        "lint" => (Args::Any, Some(lint::run)),
        "dependency list" => (Args::AtMost(1), Some(dependency::list)),
        _ if cmd.children.is_empty() && !path.is_empty() => (Args::Any, Some(not_implemented)),
        _ => (Args::Any, None),
    };
    cmd.args = args;
    cmd.run = run;
    let names: Vec<&str> = path.clone();
    for child in &mut cmd.children {
        attach(child, &names);
    }
}

fn not_implemented(inv: &Invocation) -> Result<(), Failure> {
    Err(Failure::new(format!(
        "{:?} is not implemented by tug yet",
        inv.path
    )))
}

/// `tug cluster …`: tug's embedded local cluster (not part of Helm, hidden when tug runs
/// as `helm`).
fn cluster() -> Command {
    let mut c = Command::new(
        "cluster",
        "run and manage tug's embedded local Kubernetes cluster",
    );
    c.use_args = "[serve|up|down|status|kubeconfig] [flags]";
    c.raw_args = true;
    c.run = Some(|inv| match tug_cluster::cli::main(inv.args.clone()) {
        0 => Ok(()),
        code => std::process::exit(code),
    });
    c.flags = Vec::new();
    c
}
