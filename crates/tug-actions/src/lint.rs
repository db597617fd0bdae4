//! `helm lint`: Helm's chart rules (Chart.yaml, values.yaml, templates, dependencies)
//! with Helm's message wording, severities and summary.

use std::path::Path;

use tug_render::{Options, Release};
use tug_value::Map;
use tug_values::ValueOptions;

use crate::Error;
use crate::values_source::LocalFiles;

/// A message severity (`[INFO]`, `[WARNING]`, `[ERROR]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Informational.
    Info,
    /// A warning (fails with `--strict`).
    Warning,
    /// An error.
    Error,
}

/// One lint finding, printed as `[SEV] path: message`.
#[derive(Debug, Clone)]
pub struct Message {
    /// Severity.
    pub severity: Severity,
    /// The file or directory the message is about.
    pub path: String,
    /// Helm's wording.
    pub text: String,
}

impl std::fmt::Display for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sev = match self.severity {
            Severity::Info => "INFO",
            Severity::Warning => "WARNING",
            Severity::Error => "ERROR",
        };
        write!(f, "[{sev}] {}: {}", self.path, self.text)
    }
}

/// The `helm lint` action.
#[derive(Debug, Clone, Default)]
pub struct Lint {
    /// `--strict`: warnings fail too.
    pub strict: bool,
    /// `--with-subcharts`.
    pub with_subcharts: bool,
    /// `--quiet`: only warnings and errors.
    pub quiet: bool,
    /// Value flags.
    pub values: ValueOptions,
    /// `-n/--namespace`.
    pub namespace: String,
    /// `--skip-schema-validation`.
    pub skip_schema_validation: bool,
}

/// What `helm lint` prints: `stdout`, and the summary as an error when a chart failed.
#[derive(Debug, Clone, Default)]
pub struct LintReport {
    /// Text for standard output.
    pub stdout: String,
    /// `N chart(s) linted, M chart(s) failed` when M > 0 (Helm's `Error:`).
    pub failure: Option<String>,
}

impl Lint {
    /// Lints every chart in `paths` (as given on the command line).
    pub fn run(&self, paths: &[String]) -> Result<LintReport, Error> {
        let user = self
            .values
            .merge_values(&LocalFiles)
            .map_err(|e| Error::Setup(e.to_string()))?;
        let mut all: Vec<String> = paths.to_vec();
        if self.with_subcharts {
            for p in paths {
                all.extend(subchart_paths(p));
            }
        }
        let (mut out, mut failed, mut noisy) = (String::new(), 0, 0);
        for path in &all {
            let (messages, guard) = self.lint_one(path, &user);
            let min = if self.strict {
                Severity::Warning
            } else {
                Severity::Error
            };
            let has_errors = guard.is_some() || messages.iter().any(|m| m.severity >= min);
            let warn_or_err = has_errors || messages.iter().any(|m| m.severity > Severity::Info);
            if warn_or_err {
                noisy += 1;
            }
            if self.quiet && !warn_or_err {
                continue;
            }
            out.push_str(&format!("==> Linting {path}\n"));
            if let (true, Some(g)) = (messages.is_empty(), &guard) {
                out.push_str(&format!("Error {g}\n"));
            }
            for m in messages
                .iter()
                .filter(|m| !self.quiet || m.severity > Severity::Info)
            {
                out.push_str(&format!("{m}\n"));
            }
            if has_errors {
                failed += 1;
            }
            out.push('\n');
        }
        let summary = format!("{} chart(s) linted, {failed} chart(s) failed", all.len());
        if failed > 0 {
            return Ok(LintReport {
                stdout: out,
                failure: Some(summary),
            });
        }
        if !self.quiet || noisy > 0 {
            out.push_str(&summary);
            out.push('\n');
        }
        Ok(LintReport {
            stdout: out,
            failure: None,
        })
    }

    /// The messages for one chart, or the guard error (no `Chart.yaml`).
    fn lint_one(&self, path: &str, user: &Map) -> (Vec<Message>, Option<String>) {
        let dir = Path::new(path);
        let chart_yaml = dir.join("Chart.yaml");
        if std::fs::metadata(&chart_yaml).is_err() {
            let g = format!(
                "unable to check Chart.yaml file in chart: stat {}: no such file or directory",
                chart_yaml.display()
            );
            return (Vec::new(), Some(g));
        }
        let abs = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
        let mut l = Linter::default();
        crate::lint_rules::chartfile(&mut l, &chart_yaml);
        crate::lint_rules::values(&mut l, dir, user);
        self.templates(&mut l, dir, user);
        crate::lint_rules::dependencies(&mut l, &abs);
        (l.messages, None)
    }

    /// The `templates/` rule: the chart loads, values pass the schema, templates render
    /// and every rendered YAML file parses.
    fn templates(&self, l: &mut Linter, dir: &Path, user: &Map) {
        const P: &str = "templates/";
        if !dir.join("templates").is_dir() {
            l.add(Severity::Warning, P, "directory does not exist");
            return;
        }
        let chart = match tug_chart::load(dir) {
            Ok(c) => c,
            Err(e) => return l.add(Severity::Error, P, e.to_string()),
        };
        let mut quiet = |_: String| {};
        let Ok(values) = tug_values::coalesce_values(&chart, user, &mut quiet) else {
            return;
        };
        if !self.skip_schema_validation {
            let v = tug_values::BoonValidator;
            if let Err(e) = tug_values::validate_values(&chart, &values, &v) {
                return l.add(Severity::Error, P, e.to_string());
            }
        }
        let release = Release {
            name: "test-release".into(),
            namespace: self.namespace.clone(),
            revision: 1,
            is_install: true,
            is_upgrade: false,
        };
        let opts = Options {
            lint_mode: true,
            strict: self.strict,
            ..Options::default()
        };
        let rendered = match tug_render::render(&chart, &values, &release, &opts) {
            Ok(r) => r,
            Err(e) => return l.add(Severity::Error, P, e.to_string()),
        };
        crate::lint_rules::rendered(l, &chart, &rendered);
    }
}

/// The collected messages of one chart.
#[derive(Debug, Default)]
pub struct Linter {
    /// Messages in rule order.
    pub messages: Vec<Message>,
}

impl Linter {
    /// Records a message.
    pub fn add(&mut self, severity: Severity, path: &str, text: impl Into<String>) {
        self.messages.push(Message {
            severity,
            path: path.to_string(),
            text: text.into(),
        });
    }
}

/// `<path>/charts/<sub>` for every directory subchart, recursively, sorted like a walk.
fn subchart_paths(path: &str) -> Vec<String> {
    let mut out = Vec::new();
    let charts = Path::new(path).join("charts");
    let Ok(rd) = std::fs::read_dir(&charts) else {
        return out;
    };
    let mut names: Vec<String> = rd
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for n in names {
        let sub = format!("{}/charts/{n}", path.trim_end_matches('/'));
        if Path::new(&sub).join("Chart.yaml").is_file() {
            out.push(sub.clone());
            out.extend(subchart_paths(&sub));
        }
    }
    out
}
