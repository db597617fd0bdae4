//! The `tug` binary: a drop-in `helm`. Thin: it builds the command tree, runs it and
//! exits with its code. Invoked through a symlink named `helm`, it names itself `helm`.

mod cli;
mod commands;
mod paths;

fn main() {
    let mut argv = std::env::args();
    let bin = argv
        .next()
        .and_then(|a| {
            std::path::Path::new(&a)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
        })
        .unwrap_or_else(|| "tug".into());
    let tree = cli::Tree::new(bin.clone(), commands::tree(&bin));
    std::process::exit(tree.execute(argv.collect()));
}
