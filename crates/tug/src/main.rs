//! The `tug` binary: a thin dispatcher over tug's library crates.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code = match args.first().map(String::as_str) {
        Some("cluster") => tug_cluster::cli::main(args[1..].to_vec()),
        _ => {
            eprintln!("Error: unknown command");
            1
        }
    };
    std::process::exit(code);
}
