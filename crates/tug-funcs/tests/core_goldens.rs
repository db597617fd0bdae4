//! Conformance of the Sprig core functions (strings, math, defaults, encoding,
//! reflection, paths, url, lists, dicts, regex) against real Helm v4.2.3.
//!
//! Every case in `tests/goldens/core/<group>.jsonl` is one template rendered by Helm
//! (`tools/oracle/funcs/core_gen.py`) as `core/templates/case.txt` with the values in
//! `values.json`; `out` is Helm's output, `err` Helm's Go template error. Here each
//! template runs through tug's engine with `tug_funcs::helm()` and must produce the same
//! text (after Helm's `<no value>` removal) or the same error.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;

use tug_template::{MissingKey, Templates};
use tug_value::{Map, Object, Str, Value};

const NAME: &str = "core/templates/case.txt";

/// Helm's `.Values` type: a named map type printed as `common.Values`.
struct Values(Map);

impl Object for Values {
    fn type_name(&self) -> Cow<'static, str> {
        "common.Values".into()
    }
    fn field(&self, name: &str) -> Option<Value> {
        Some(self.0.get(name).unwrap_or_default())
    }
    fn as_map(&self) -> Option<&Map> {
        Some(&self.0)
    }
}

fn from_json(j: &serde_json::Value) -> Value {
    match j {
        serde_json::Value::Null => Value::Nil,
        serde_json::Value::Bool(b) => Value::Bool(*b),
        serde_json::Value::Number(n) => Value::Float(n.as_f64().unwrap_or(0.0)),
        serde_json::Value::String(s) => Value::from(s.as_str()),
        serde_json::Value::Array(a) => Value::list(a.iter().map(from_json).collect()),
        serde_json::Value::Object(o) => Value::Map(Map::from_entries(
            o.iter()
                .map(|(k, v)| (Str::from(k.as_str()), from_json(v)))
                .collect::<BTreeMap<_, _>>(),
        )),
    }
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Renders one case the way Helm does: a fresh set, `missingkey=zero`, the chart's
/// values as `.Values`, `<no value>` removed from the output.
fn render(template: &str, values: &serde_json::Value) -> Result<String, String> {
    let mut set = Templates::new();
    set.add_functions(tug_funcs::helm());
    set.set_missing_key(MissingKey::Zero);
    set.parse(NAME, template).map_err(|e| e.to_string())?;
    let Value::Map(vals) = from_json(values) else {
        return Err("values.json is not an object".into());
    };
    let top = Map::new();
    top.insert("Values", Value::Object(std::sync::Arc::new(Values(vals))));
    set.execute(NAME, &Value::Map(top))
        .map(|out| out.replace("<no value>", ""))
        .map_err(|e| e.to_string())
}

#[test]
fn core_functions_match_helm() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/goldens/core");
    let values: serde_json::Value =
        serde_json::from_str(&read(&dir.join("values.json"))).expect("values.json");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("goldens dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    let (mut passed, mut failed) = (0, 0);
    for file in &files {
        for line in read(file).lines().filter(|l| !l.trim().is_empty()) {
            let case: serde_json::Value = serde_json::from_str(line).expect("golden line");
            let tpl = case["tpl"].as_str().unwrap_or_default();
            let want = match (case["out"].as_str(), case["err"].as_str()) {
                (Some(out), _) => Ok(out.to_string()),
                (None, Some(err)) => Err(err.to_string()),
                _ => panic!("golden without out/err: {line}"),
            };
            let got = render(tpl, &values);
            if got == want {
                passed += 1;
            } else {
                failed += 1;
                eprintln!(
                    "MISMATCH [{}] {tpl}\n  want: {want:?}\n  got:  {got:?}",
                    file.file_stem().unwrap_or_default().to_string_lossy()
                );
            }
        }
    }
    println!("{passed} passed, {failed} failed");
    assert!(passed > 0, "no golden cases found");
    assert_eq!(failed, 0, "{failed} core function cases differ from Helm");
}
