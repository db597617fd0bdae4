//! `tug template` (run as `helm`) against the real helm v4.2.3 on our fixture charts:
//! stdout, stderr, exit code and the files `--output-dir` writes. Goldens recorded by
//! `tools/oracle/cli/gen_template.py`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read fixtures").flatten() {
        let target = to.join(e.file_name());
        let meta = std::fs::symlink_metadata(e.path()).expect("stat");
        if meta.file_type().is_symlink() {
            let link = std::fs::read_link(e.path()).expect("readlink");
            std::os::unix::fs::symlink(link, &target).expect("symlink");
        } else if meta.is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).expect("copy");
        }
    }
}

fn files_under(dir: &Path, base: &Path, out: &mut BTreeMap<String, String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        if e.path().is_dir() {
            files_under(&e.path(), base, out);
        } else {
            let rel = e
                .path()
                .strip_prefix(base)
                .expect("under base")
                .to_string_lossy()
                .into_owned();
            out.insert(rel, std::fs::read_to_string(e.path()).expect("read"));
        }
    }
}

fn str_field<'a>(v: &'a serde_json::Value, k: &str) -> &'a str {
    v[k].as_str().unwrap_or_default()
}

#[test]
fn template_matches_helm_on_fixtures() {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let golden = crate_dir.join("tests/golden/template");
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&golden)
        .expect("goldens")
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    let (mut passed, mut failed) = (0, Vec::new());
    for path in entries {
        let case: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).expect("golden")).expect("json");
        let work = std::env::temp_dir().join(format!(
            "tug-template-test-{}-{}",
            std::process::id(),
            path.file_stem().unwrap_or_default().to_string_lossy()
        ));
        let _ = std::fs::remove_dir_all(&work);
        copy_dir(&crate_dir.join("tests/fixtures"), &work.join("fx"));
        let out_dir = work.join("out");
        let out_s = out_dir.to_string_lossy().into_owned();
        let args: Vec<String> = case["args"]
            .as_array()
            .expect("args")
            .iter()
            .map(|a| a.as_str().unwrap_or_default().replace("<OUT>", &out_s))
            .collect();
        std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_tug"), work.join("helm")).expect("link");
        let out = Command::new(work.join("helm"))
            .args(&args)
            .current_dir(work.join("fx"))
            .env_clear()
            .env("HOME", "/tmp/tughome")
            .env("PATH", "/usr/bin:/bin")
            .output()
            .expect("run tug");
        let stdout = String::from_utf8_lossy(&out.stdout).replace(&out_s, "<OUT>");
        let stderr = String::from_utf8_lossy(&out.stderr).replace(&out_s, "<OUT>");
        let mut files = BTreeMap::new();
        files_under(&out_dir, &out_dir, &mut files);
        let want_files: BTreeMap<String, String> = case["files"]
            .as_object()
            .map(|m| {
                m.iter()
                    .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().into()))
                    .collect()
            })
            .unwrap_or_default();
        let same = stdout == str_field(&case, "stdout")
            && stderr == str_field(&case, "stderr")
            && i64::from(out.status.code().unwrap_or(-1)) == case["code"].as_i64().unwrap_or(-2)
            && files == want_files;
        if same {
            passed += 1;
        } else {
            eprintln!(
                "MISMATCH {}:\n  stdout: {stdout:?}\n  stderr: {stderr:?}",
                path.display()
            );
            failed.push(path.display().to_string());
        }
        let _ = std::fs::remove_dir_all(&work);
    }
    println!("template: {passed} passed, {} failed", failed.len());
    assert!(passed > 0);
    assert!(failed.is_empty(), "differs from helm: {failed:?}");
}
