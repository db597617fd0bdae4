//! `tug cluster …`: serve, up, down, status, kubeconfig.

/// Runs `tug cluster <args>`; `args` excludes the leading `tug cluster`. Returns the exit code.
pub fn main(args: Vec<String>) -> i32 {
    let _ = args;
    eprintln!("Error: tug cluster is not implemented yet");
    1
}
