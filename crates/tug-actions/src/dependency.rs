//! `helm dependency list`: the declared dependencies with their status in `charts/`
//! (`ok`, `missing`, `wrong version`, `too many matches`, `unpacked`, `corrupt`, …), laid
//! out like gosuri/uitable.

use std::path::Path;

use tug_chart::{Chart, Dependency};

use crate::Error;

/// The `helm dependency list` action.
#[derive(Debug, Clone)]
pub struct DependencyList {
    /// `--max-col-width` (0: unlimited).
    pub max_col_width: usize,
}

impl DependencyList {
    /// The text printed for the chart at `chart_path` (as given on the command line).
    pub fn run(&self, chart_path: &str) -> Result<String, Error> {
        let path = clean(chart_path);
        if std::fs::metadata(&path).is_err() {
            return Err(Error::Setup(format!(
                "stat {path}: no such file or directory"
            )));
        }
        let chart = tug_chart::load(Path::new(&path)).map_err(|e| Error::Setup(e.to_string()))?;
        if chart.metadata.dependencies.is_empty() {
            return Ok(format!(
                "WARNING: no dependencies at {}\n",
                join(&path, "charts")
            ));
        }
        let mut rows = vec![["NAME", "VERSION", "REPOSITORY", "STATUS"].map(String::from)];
        for dep in chart.metadata.deps() {
            let status = status(&path, dep, &chart);
            rows.push([
                dep.name.clone(),
                dep.version.clone(),
                dep.repository.clone(),
                status,
            ]);
        }
        let mut out = table(&rows, self.max_col_width);
        out.push_str("\n\n");
        out.push_str(&missing(&path, &chart));
        Ok(out)
    }
}

/// `filepath.Clean` for the simple cases (trailing and doubled slashes).
fn clean(p: &str) -> String {
    if p.is_empty() {
        return ".".into();
    }
    let abs = p.starts_with('/');
    let parts: Vec<&str> = p
        .split('/')
        .filter(|s| !s.is_empty() && *s != ".")
        .collect();
    let body = parts.join("/");
    match (abs, body.is_empty()) {
        (true, _) => format!("/{body}"),
        (false, true) => ".".into(),
        (false, false) => body,
    }
}

fn join(base: &str, name: &str) -> String {
    if base == "." {
        name.to_string()
    } else {
        format!("{base}/{name}")
    }
}

/// The entries of `<chart>/charts` (sorted like `filepath.Glob`).
fn charts_entries(path: &str) -> Vec<String> {
    let Ok(rd) = std::fs::read_dir(join(path, "charts")) else {
        return Vec::new();
    };
    let mut names: Vec<String> = rd
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn status(path: &str, dep: &Dependency, parent: &Chart) -> String {
    let prefix = format!("{}-", dep.name);
    let archives: Vec<String> = charts_entries(path)
        .into_iter()
        .filter(|n| n.starts_with(&prefix) && n.ends_with(".tgz"))
        .map(|n| join(&join(path, "charts"), &n))
        .collect();
    if archives.len() > 1 {
        let found: Vec<&String> = archives
            .iter()
            .filter(|a| {
                let base = a.rsplit('/').next().unwrap_or("").trim_end_matches(".tgz");
                let ver = base.strip_prefix(&prefix).unwrap_or(base);
                tug_semver::Version::parse_strict(ver).is_ok()
            })
            .collect();
        match found.as_slice() {
            [one] => {
                if let Some(s) = archive_status(one, dep) {
                    return s;
                }
            }
            [] => {}
            _ => return "too many matches".into(),
        }
    } else if let [one] = archives.as_slice()
        && let Some(s) = archive_status(one, dep)
    {
        return s;
    }
    let Some(sub) = parent
        .dependencies
        .iter()
        .rev()
        .find(|c| c.name() == dep.name)
    else {
        return "missing".into();
    };
    version_status(&sub.metadata.version, dep).unwrap_or_else(|| "unpacked".into())
}

fn archive_status(archive: &str, dep: &Dependency) -> Option<String> {
    std::fs::metadata(archive).ok()?;
    let Ok(c) = tug_chart::load(Path::new(archive)) else {
        return Some("corrupt".into());
    };
    if c.name() != dep.name {
        return Some("misnamed".into());
    }
    Some(version_status(&c.metadata.version, dep).unwrap_or_else(|| "ok".into()))
}

/// `None` when the version satisfies the dependency, else the status word.
fn version_status(version: &str, dep: &Dependency) -> Option<String> {
    if version == dep.version {
        return None;
    }
    let (Ok(c), Ok(v)) = (
        tug_semver::Constraints::parse(&dep.version),
        tug_semver::Version::parse(version),
    ) else {
        return Some("invalid version".into());
    };
    (!c.matches(&v)).then(|| "wrong version".into())
}

/// The warnings about `charts/` entries that are not charts or not declared.
fn missing(path: &str, chart: &Chart) -> String {
    let mut out = String::new();
    for name in charts_entries(path) {
        let f = join(&join(path, "charts"), &name);
        let is_dir = std::fs::metadata(&f).map(|m| m.is_dir()).unwrap_or(false);
        if !is_dir && !name.ends_with(".tgz") {
            continue;
        }
        match tug_chart::load(Path::new(&f)) {
            Err(_) => out.push_str(&format!("WARNING: {f:?} is not a chart.\n")),
            Ok(c) if !chart.metadata.deps().any(|d| d.name == c.name()) => {
                out.push_str(&format!("WARNING: {f:?} is not in Chart.yaml.\n"));
            }
            Ok(_) => {}
        }
    }
    out
}

/// gosuri/uitable: cells padded to the column width, separated by tabs, cells longer than
/// `max` cut to `max-3` characters plus `...`.
fn table(rows: &[[String; 4]], max: usize) -> String {
    let cut = |s: &str| -> String {
        let n = s.chars().count();
        if max > 0 && n > max {
            let keep: String = s.chars().take(max.saturating_sub(3)).collect();
            format!("{keep}...")
        } else {
            s.to_string()
        }
    };
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| cut(c)).collect())
        .collect();
    let widths: Vec<usize> = (0..4)
        .map(|i| {
            cells
                .iter()
                .map(|r| r[i].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let lines: Vec<String> = cells
        .iter()
        .map(|r| {
            let padded: Vec<String> = r
                .iter()
                .zip(&widths)
                .map(|(c, w)| format!("{c:<w$}", w = *w))
                .collect();
            padded.join("\t")
        })
        .collect();
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_pads_and_cuts() {
        let rows = [
            ["NAME", "V", "R", "S"].map(String::from),
            ["abcdefghij", "1", "", "ok"].map(String::from),
        ];
        assert_eq!(table(&rows, 6), "NAME  \tV\tR\tS \nabc...\t1\t \tok");
    }

    #[test]
    fn cleans_paths() {
        assert_eq!(clean("a//b/"), "a/b");
        assert_eq!(clean("./"), ".");
        assert_eq!(join(".", "charts"), "charts");
    }
}
