//! Parse and execute the helper-heavy templates of Bitnami's `common` library chart
//! (read from the shared corpus at bench time, never copied into the repository),
//! with placeholder Sprig functions and a Helm-shaped data tree.
//!
//! `cargo bench -p tug-template --bench render`

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use tug_template::func::{Context, FuncError, Function, Param, Signature};
use tug_template::{MissingKey, Templates};
use tug_value::{List, Map, MethodError, Object, Value};

include!("support/sprig_names.rs");
include!("support/placeholders.rs");

const CHART: &str = "/work/shared/corpus/charts/bitnami__common/templates";

/// The driver: the helpers a typical Bitnami workload template calls, 50 times.
const DRIVER: &str = r#"{{- range 50 }}
name: {{ include "common.names.fullname" $ }}
labels: {{ include "common.labels.standard" (dict "customLabels" $.Values.commonLabels "context" $) }}
image: {{ include "common.images.image" (dict "imageRoot" $.Values.image "global" $.Values.global) }}
api: {{ include "common.capabilities.deployment.apiVersion" $ }}
pod: {{ include "common.tplvalues.render" (dict "value" $.Values.podLabels "context" $) }}
{{- end }}"#;

fn tpl_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            tpl_files(&p, out);
        } else if p
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('_'))
        {
            out.push(p);
        }
    }
}

fn sources() -> Vec<(String, String)> {
    let mut files = Vec::new();
    tpl_files(Path::new(CHART), &mut files);
    files.sort();
    files
        .into_iter()
        .filter_map(|p| {
            let text = std::fs::read_to_string(&p).ok()?;
            Some((p.to_string_lossy().into_owned(), text))
        })
        .collect()
}

/// `.Capabilities.APIVersions`: a `[]string` with a `Has` method.
struct ApiVersions(List);

impl Object for ApiVersions {
    fn type_name(&self) -> Cow<'static, str> {
        "common.VersionSet".into()
    }
    fn field(&self, _: &str) -> Option<Value> {
        None
    }
    fn has_method(&self, name: &str) -> bool {
        name == "Has"
    }
    fn call_method(&self, name: &str, args: &[Value]) -> Option<Result<Value, MethodError>> {
        (name == "Has").then(|| {
            let want = args.first().and_then(Value::as_str).unwrap_or("");
            let has = self.0.items().iter().any(|v| v.as_str() == Some(want));
            Ok(Value::Bool(has))
        })
    }
    fn as_list(&self) -> Option<&List> {
        Some(&self.0)
    }
}

fn map(entries: &[(&str, Value)]) -> Value {
    let m = Map::new();
    for (k, v) in entries {
        m.insert(*k, v.clone());
    }
    Value::Map(m)
}

fn data() -> Value {
    let s = |x: &str| Value::from(x);
    let values = map(&[
        (
            "image",
            map(&[
                ("registry", s("docker.io")),
                ("repository", s("bitnami/nginx")),
                ("tag", s("1.25")),
            ]),
        ),
        ("global", map(&[("imageRegistry", s(""))])),
        ("commonLabels", map(&[("team", s("a"))])),
        ("podLabels", map(&[("app", s("x"))])),
    ]);
    let apis = List::new(vec![s("apps/v1"), s("policy/v1")]);
    let caps = map(&[
        (
            "KubeVersion",
            map(&[("Version", s("v1.31.0")), ("GitVersion", s("v1.31.0"))]),
        ),
        ("APIVersions", Value::Object(Arc::new(ApiVersions(apis)))),
    ]);
    map(&[
        ("Values", values),
        (
            "Release",
            map(&[
                ("Name", s("rel")),
                ("Namespace", s("ns")),
                ("Service", s("Helm")),
            ]),
        ),
        (
            "Chart",
            map(&[
                ("Name", s("nginx")),
                ("Version", s("1.0.0")),
                ("AppVersion", s("1.25")),
            ]),
        ),
        ("Capabilities", caps),
        (
            "Template",
            map(&[("Name", s("t.yaml")), ("BasePath", s("nginx/templates"))]),
        ),
    ])
}

fn build(srcs: &[(String, String)]) -> Templates {
    let mut set = Templates::new();
    set.add_functions(placeholder_functions());
    set.set_missing_key(MissingKey::Zero);
    for (name, text) in srcs {
        if let Err(e) = set.parse(name, text) {
            panic!("{name}: {e}");
        }
    }
    if let Err(e) = set.parse("driver.yaml", DRIVER) {
        panic!("driver: {e}");
    }
    set
}

fn bench(c: &mut Criterion) {
    let srcs = sources();
    assert!(!srcs.is_empty(), "corpus chart not found at {CHART}");
    let bytes: usize = srcs.iter().map(|(_, t)| t.len()).sum();
    eprintln!("{} helper files, {bytes} bytes", srcs.len());
    c.bench_function("parse bitnami common helpers", |b| b.iter(|| build(&srcs)));
    let set = build(&srcs);
    let data = data();
    match set.execute("driver.yaml", &data) {
        Ok(out) => eprintln!(
            "driver output: {} bytes, first line: {:?}",
            out.len(),
            out.lines().nth(1)
        ),
        Err(e) => panic!("driver failed: {e}"),
    }
    c.bench_function("execute 250 helper includes", |b| {
        b.iter(|| set.execute("driver.yaml", &data))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
