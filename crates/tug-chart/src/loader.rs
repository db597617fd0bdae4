//! Helm's chart loader (`pkg/chart/v2/loader`): a path (directory or archive), an
//! archive stream or a list of files → [`Chart`].

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use tug_value::{Map, Value};

use crate::Error;
use crate::archive::{self, BufferedFile, MAX_DECOMPRESSED_FILE_SIZE, strip_bom};
use crate::chart::{Chart, File};
use crate::ignore::{HELM_IGNORE, Rules};
use crate::metadata::{Lock, Metadata};

/// Deepest directory nesting followed (protects against symlink loops).
const MAX_DEPTH: usize = 64;

/// `loader.Load`: a chart directory or a chart archive, with the checks and messages of
/// Helm's version-dispatching loader (`path "x" not found`, `unable to detect chart …`,
/// `unsupported chart version`).
pub fn load(path: &Path) -> Result<Chart, Error> {
    let Ok(meta) = std::fs::metadata(path) else {
        return Err(Error::load(format!(
            "path {:?} not found",
            path.display().to_string()
        )));
    };
    if !meta.is_dir() {
        return load_file(path);
    }
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let chart_yaml = abs.join("Chart.yaml");
    let text = std::fs::read(&chart_yaml).map_err(|e| {
        Error::load(format!(
            "unable to detect chart at {}: open {}: {}",
            chart_yaml.display(),
            chart_yaml.display(),
            go_io_reason(&e)
        ))
    })?;
    check_api_version(&text)?;
    load_dir(path)
}

fn go_io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

fn go_stat_err(path: &Path, e: &std::io::Error) -> String {
    format!("stat {}: {}", path.display(), go_io_reason(e))
}

/// Helm's dispatch on `Chart.yaml`'s `apiVersion`: v1, v2 and empty load as chart v2.
fn check_api_version(chart_yaml: &[u8]) -> Result<(), Error> {
    let text = String::from_utf8_lossy(strip_bom(chart_yaml.to_vec()).as_slice()).into_owned();
    let md = Metadata::from_yaml(&text)
        .map_err(|e| Error::load(format!("cannot load Chart.yaml: {e}")))?;
    match md.api_version.as_str() {
        "" | "v1" | "v2" => Ok(()),
        _ => Err(Error::load("unsupported chart version")),
    }
}

/// `loader.LoadFile`: a `.tgz` chart archive on disk.
pub fn load_file(path: &Path) -> Result<Chart, Error> {
    let data = std::fs::read(path).map_err(|e| Error::load(go_stat_err(path, &e)))?;
    let name = path.display().to_string();
    let ty = archive::detect_content_type(&data);
    if ty != "application/x-gzip" {
        if name.ends_with(".yml") || name.ends_with(".yaml") {
            return Err(Error::load(format!(
                "file '{name}' seems to be a YAML file, but expected a gzipped archive"
            )));
        }
        return Err(Error::load(format!(
            "file '{name}' does not appear to be a gzipped archive; got '{ty}'"
        )));
    }
    let files =
        archive::load_archive_files(data.as_slice()).map_err(|e| Error::Archive(e.detail()))?;
    let Some(chart_yaml) = files.iter().find(|f| f.name == "Chart.yaml") else {
        return Err(Error::load(
            "unable to detect chart version, no Chart.yaml found",
        ));
    };
    check_api_version(&chart_yaml.data)?;
    load_files(files)
}

/// `loader.LoadArchive`: a chart from a gzipped tar stream (errors keep their detail,
/// as for archived subcharts).
pub fn load_archive(input: impl Read) -> Result<Chart, Error> {
    load_files(archive::load_archive_files(input)?)
}

/// `loader.LoadDir`: a chart directory, honouring `.helmignore`.
pub fn load_dir(dir: &Path) -> Result<Chart, Error> {
    let mut rules = match std::fs::read_to_string(dir.join(HELM_IGNORE)) {
        Ok(text) => Rules::parse(&text).map_err(Error::Load)?,
        Err(_) => Rules::empty(),
    };
    rules.add_defaults();
    let mut files = Vec::new();
    walk(dir, "", &rules, &mut files, 0)?;
    load_files(files)
}

fn walk(
    dir: &Path,
    rel: &str,
    rules: &Rules,
    out: &mut Vec<BufferedFile>,
    depth: usize,
) -> Result<(), Error> {
    if depth > MAX_DEPTH {
        return Err(Error::load(format!(
            "too many levels of symbolic links: {}",
            dir.display()
        )));
    }
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| Error::load(format!("{}: {e}", dir.display())))?
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect();
    names.sort();
    for name in names {
        let path = dir.join(&name);
        let n = if rel.is_empty() {
            name.clone()
        } else {
            format!("{rel}/{name}")
        };
        // Follows symlinks, like Helm's sympath.Walk.
        let meta = std::fs::metadata(&path).map_err(|e| Error::load(go_stat_err(&path, &e)))?;
        if meta.is_dir() {
            if !rules.ignore(&n, true) {
                walk(&path, &n, rules, out, depth + 1)?;
            }
            continue;
        }
        if rules.ignore(&n, false) {
            continue;
        }
        if !meta.is_file() {
            return Err(Error::load(format!(
                "cannot load irregular file {} as it has file mode type bits set",
                path.display()
            )));
        }
        if meta.len() > MAX_DECOMPRESSED_FILE_SIZE {
            return Err(Error::load(format!(
                "chart file {name:?} is larger than the maximum file size {MAX_DECOMPRESSED_FILE_SIZE}"
            )));
        }
        let data =
            std::fs::read(&path).map_err(|e| Error::load(format!("error reading {n}: {e}")))?;
        out.push(BufferedFile {
            name: n,
            data: strip_bom(data),
        });
    }
    Ok(())
}

/// `loader.LoadFiles`: classifies files into a chart and loads subcharts recursively.
pub fn load_files(files: Vec<BufferedFile>) -> Result<Chart, Error> {
    let mut c = Chart::default();
    let mut have_metadata = false;
    for f in files.iter().filter(|f| f.name == "Chart.yaml") {
        let mut md = Metadata::from_yaml(&String::from_utf8_lossy(&f.data))
            .map_err(|e| Error::load(format!("cannot load Chart.yaml: {e}")))?;
        if md.api_version.is_empty() {
            md.api_version = "v1".into();
        }
        c.metadata = md;
        have_metadata = true;
    }
    let mut subcharts: BTreeMap<String, Vec<BufferedFile>> = BTreeMap::new();
    for f in files {
        let file = File::new(f.name.clone(), f.data.clone());
        c.raw.push(file.clone());
        let text = || String::from_utf8_lossy(&f.data).into_owned();
        match f.name.as_str() {
            "Chart.yaml" => {}
            "Chart.lock" => {
                c.lock = Some(
                    Lock::from_yaml(&text())
                        .map_err(|e| Error::load(format!("cannot load Chart.lock: {e}")))?,
                );
            }
            "values.yaml" => {
                c.values = load_values(&text())
                    .map_err(|e| Error::load(format!("cannot load values.yaml: {e}")))?;
            }
            "values.schema.json" => c.schema = Some(file.data.clone()),
            "requirements.yaml" => {
                have_metadata = true;
                c.metadata
                    .apply_yaml(&text())
                    .map_err(|e| Error::load(format!("cannot load requirements.yaml: {e}")))?;
                if c.metadata.api_version == "v1" {
                    c.files.push(file);
                }
            }
            "requirements.lock" => {
                c.lock = Some(
                    Lock::from_yaml(&text())
                        .map_err(|e| Error::load(format!("cannot load requirements.lock: {e}")))?,
                );
                have_metadata = true;
                if c.metadata.api_version == "v1" {
                    c.files.push(file);
                }
            }
            n if n.starts_with("templates/") => c.templates.push(file),
            n if n.starts_with("charts/") => {
                if n.ends_with(".prov") {
                    c.files.push(file);
                    continue;
                }
                let fname = &n["charts/".len()..];
                let cname = fname.split('/').next().unwrap_or("").to_string();
                subcharts.entry(cname).or_default().push(BufferedFile {
                    name: fname.to_string(),
                    data: f.data,
                });
            }
            _ => c.files.push(file),
        }
    }
    if !have_metadata {
        return Err(Error::load("Chart.yaml file is missing"));
    }
    c.metadata.validate()?;
    for (n, files) in subcharts {
        if n.starts_with(['_', '.']) {
            continue;
        }
        let sub = load_subchart(&n, files).map_err(|e| {
            Error::load(format!("error unpacking subchart {n} in {}: {e}", c.name()))
        })?;
        c.dependencies.push(sub);
    }
    Ok(c)
}

fn load_subchart(n: &str, files: Vec<BufferedFile>) -> Result<Chart, Error> {
    if n.ends_with(".tgz") {
        let Some(file) = files.into_iter().next() else {
            return Err(Error::load("no files in chart archive"));
        };
        if file.name != n {
            return Err(Error::load(format!("expected {n}, got {}", file.name)));
        }
        return load_archive(file.data.as_slice());
    }
    let buff = files
        .into_iter()
        .filter_map(|f| {
            let (_, rest) = f.name.split_once('/')?;
            Some(BufferedFile {
                name: rest.to_string(),
                data: f.data,
            })
        })
        .collect();
    load_files(buff)
}

/// Helm v4's `LoadValues`: every document of a values file, deep-merged in order.
pub fn load_values(text: &str) -> Result<Map, String> {
    let docs = tug_yaml::from_str_documents(text)
        .map_err(|e| format!("cannot unmarshal yaml document: {e}"))?;
    let mut out = Map::new();
    for d in docs {
        match d {
            Value::Nil => {}
            Value::Map(m) => out = tug_values::merge_maps(&out, &m),
            other => {
                return Err(format!(
                    "cannot unmarshal yaml document: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal {} into Go value of type map[string]interface {{}}",
                    crate::typed::json_kind(&other)
                ));
            }
        }
    }
    Ok(out)
}

/// The values source of the `helm` CLI: files from disk (`-` is stdin) with Go's error
/// texts, documents parsed with [`load_values`]. URLs are not handled here.
#[derive(Debug, Default, Clone, Copy)]
pub struct FileValueSource;

impl tug_values::options::ValueSource for FileValueSource {
    fn read(&self, path: &str) -> Result<Vec<u8>, String> {
        if path == "-" {
            let mut buf = Vec::new();
            std::io::stdin()
                .read_to_end(&mut buf)
                .map_err(|e| format!("read -: {e}"))?;
            return Ok(buf);
        }
        std::fs::read(path).map_err(|e| format!("open {path}: {}", go_io_reason(&e)))
    }

    fn load_values(&self, data: &[u8]) -> Result<Map, String> {
        load_values(&String::from_utf8_lossy(data))
    }
}
