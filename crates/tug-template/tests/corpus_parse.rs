//! Every template file of every chart in the shared corpus (real-world charts that
//! Helm renders) must parse, with Helm's function names registered. Skipped when the
//! corpus is not present.

use std::path::{Path, PathBuf};

use tug_template::Templates;
use tug_template::func::{Function, Param, Signature};

include!("../benches/support/sprig_names.rs");

const CORPUS: &str = "/work/shared/corpus/charts";

fn template_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            template_files(&p, out);
        } else if p.components().any(|c| c.as_os_str() == "templates")
            && p.extension()
                .is_some_and(|x| x == "yaml" || x == "tpl" || x == "txt" || x == "yml")
        {
            out.push(p);
        }
    }
}

#[test]
fn every_corpus_template_parses() {
    let mut files = Vec::new();
    template_files(Path::new(CORPUS), &mut files);
    if files.is_empty() {
        eprintln!("corpus not found, skipping");
        return;
    }
    let sig = Signature {
        params: &[],
        variadic: Some(Param::Any),
    };
    let fns: Vec<Function> = HELM_FUNCTION_NAMES
        .iter()
        .map(|n| Function::new(n, sig, |_, _| Ok(tug_value::Value::Nil)))
        .collect();
    let mut failures = Vec::new();
    for f in &files {
        let Ok(text) = std::fs::read_to_string(f) else {
            continue;
        };
        let mut set = Templates::new();
        set.add_functions(fns.iter().cloned());
        if let Err(e) = set.parse(&f.to_string_lossy(), &text) {
            failures.push(e.to_string());
        }
    }
    eprintln!("{} files parsed", files.len());
    assert!(
        failures.is_empty(),
        "{} failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
