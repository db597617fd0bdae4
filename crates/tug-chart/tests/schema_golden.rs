//! `values.schema.json` validation against the real Helm
//! (`tools/oracle/chart/gen.py schema`): the fixture `schema-parent` (draft-07 schema
//! with most keywords, a `$ref`, a subchart with its own schema) under value sets that
//! violate it in different ways; Helm's full message is compared.

mod common;

use common::*;
use tug_chart::prepare::{PrepareOptions, prepare};

fn run(args: &[String]) -> Result<(), String> {
    let mut chart = tug_chart::load(&crate_dir().join("tests/fixtures/schema-parent"))
        .map_err(|e| e.to_string())?;
    let user = options(args)
        .merge_values(&Disk)
        .map_err(|e| e.to_string())?;
    prepare(&mut chart, &user, &PrepareOptions::default(), &mut |_| {})
        .map(|_| ())
        .map_err(|e| e.to_string().trim_end().to_string())
}

#[test]
fn schema_cases_match_helm() {
    let cases = golden("schema.json");
    let mut failures = Vec::new();
    for (name, case) in cases.entries() {
        let case = case.as_map().cloned().unwrap_or_default();
        let got = run(&strings(&case.get("args")));
        let want = match case.get("error") {
            Some(e) => Err(s(&Some(e))),
            None => Ok(()),
        };
        if got != want {
            failures.push(format!("{name}:\n   got: {got:?}\n  want: {want:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(cases.len() >= 15);
}
