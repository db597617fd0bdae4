// Shared by the chart-command golden tests (show, create, package, lint, dependency):
// runs the tug binary as `helm` in a fresh copy of `tests/fixtures` for every case
// recorded from the real Helm by `tools/oracle/cli/gen_cmds.py`, and compares stdout,
// stderr, exit code and the files produced (archives compared entry by entry).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

const HOME: &str = "/tmp/tughome";

fn helm_link() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tug-cmds-bin-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let link = dir.join("helm");
    if !link.exists() {
        std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_tug"), &link).expect("symlink");
    }
    link
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read fixtures").flatten() {
        let target = to.join(e.file_name());
        if e.path().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).expect("copy");
        }
    }
}

fn snapshot(dir: &Path, base: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
    for e in std::fs::read_dir(dir).expect("read").flatten() {
        let p = e.path();
        if p.is_dir() {
            snapshot(&p, base, out);
        } else {
            let rel = p
                .strip_prefix(base)
                .expect("prefix")
                .to_string_lossy()
                .into_owned();
            out.insert(rel, std::fs::read(&p).expect("read file"));
        }
    }
}

/// Files new or changed since `before`; `.tgz` files expanded to `archive!entry`.
fn produced(before: &BTreeMap<String, Vec<u8>>, cwd: &Path) -> BTreeMap<String, String> {
    let mut now = BTreeMap::new();
    snapshot(cwd, cwd, &mut now);
    let mut out = BTreeMap::new();
    for (rel, data) in now {
        if before.get(&rel) == Some(&data) {
            continue;
        }
        if rel.ends_with(".tgz") {
            let gz = flate2::read::GzDecoder::new(data.as_slice());
            let mut ar = tar::Archive::new(gz);
            for entry in ar.entries().expect("tar entries") {
                let mut entry = entry.expect("tar entry");
                let name = entry
                    .path()
                    .expect("entry path")
                    .to_string_lossy()
                    .into_owned();
                let mut text = String::new();
                std::io::Read::read_to_string(&mut entry, &mut text).expect("entry text");
                out.insert(format!("{rel}!{name}"), text);
            }
        } else {
            out.insert(rel, String::from_utf8_lossy(&data).into_owned());
        }
    }
    out
}

/// Runs every golden of `cmd`; returns the names of the cases that differ.
fn run_goldens(cmd: &str) -> (usize, Vec<String>) {
    let gdir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(cmd);
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let bin = helm_link();
    let mut entries: Vec<_> = std::fs::read_dir(&gdir)
        .expect("goldens")
        .flatten()
        .collect();
    entries.sort_by_key(|e| e.file_name());
    let (mut passed, mut failed) = (0, Vec::new());
    for (i, entry) in entries.iter().enumerate() {
        let case: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(entry.path()).expect("golden"))
                .expect("json");
        let tmp = std::env::temp_dir().join(format!("tug-cmds-{cmd}-{}-{i}", std::process::id()));
        let cwd = tmp.join("w");
        copy_dir(&fixtures, &cwd);
        let mut before = BTreeMap::new();
        snapshot(&cwd, &cwd, &mut before);
        let cwd_s = cwd.display().to_string();
        let args: Vec<String> = case["args"]
            .as_array()
            .expect("args")
            .iter()
            .map(|a| a.as_str().expect("arg").replace("<CWD>", &cwd_s))
            .collect();
        std::fs::create_dir_all(HOME).expect("home");
        let out = Command::new(&bin)
            .args(&args)
            .current_dir(&cwd)
            .env_clear()
            .env("HOME", HOME)
            .env("PATH", "/usr/bin:/bin")
            .env("SOURCE_DATE_EPOCH", "1700000000")
            .output()
            .expect("run tug");
        let norm = |b: &[u8]| String::from_utf8_lossy(b).replace(&cwd_s, "<CWD>");
        let mut ok = norm(&out.stdout) == case["stdout"].as_str().unwrap_or_default()
            && norm(&out.stderr) == case["stderr"].as_str().unwrap_or_default()
            && out.status.code().map(i64::from) == case["code"].as_i64();
        if let Some(files) = case.get("files").and_then(|f| f.as_object()) {
            let want: BTreeMap<String, String> = files
                .iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
                .collect();
            ok &= produced(&before, &cwd) == want;
        }
        let _ = std::fs::remove_dir_all(&tmp);
        let name = entry.file_name().to_string_lossy().into_owned();
        if ok {
            passed += 1;
        } else {
            eprintln!(
                "{name}: got code {:?}\n--- stdout\n{}\n--- stderr\n{}",
                out.status.code(),
                norm(&out.stdout),
                norm(&out.stderr)
            );
            failed.push(name);
        }
    }
    (passed, failed)
}
