//! `tug cluster …`: `serve` (foreground), `up` / `down` / `status` / `kubeconfig` for
//! everyday use with a background server on a default data dir.

use crate::server::{ServeOptions, serve};
use serde_json::{Value, json};
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const USAGE: &str = "Usage:
  tug cluster serve --data-dir DIR [--port N] [--bind ADDR]
  tug cluster up [--data-dir DIR] [--port N]
  tug cluster down [--data-dir DIR]
  tug cluster status [--data-dir DIR]
  tug cluster kubeconfig [--data-dir DIR]";

/// Runs `tug cluster <args>`; `args` excludes the leading `tug cluster`. Returns the exit code.
pub fn main(args: Vec<String>) -> i32 {
    match run(&args) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("Error: {e}");
            1
        }
    }
}

struct Flags {
    data_dir: Option<PathBuf>,
    port: u16,
    bind: Option<IpAddr>,
}

fn parse_flags(args: &[String]) -> Result<Flags, String> {
    let mut f = Flags {
        data_dir: None,
        port: 0,
        bind: None,
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let (name, inline) = match a.split_once('=') {
            Some((n, v)) => (n, Some(v.to_string())),
            None => (a.as_str(), None),
        };
        let mut value = || {
            inline
                .clone()
                .or_else(|| it.next().cloned())
                .ok_or(format!("flag needs an argument: {name}"))
        };
        match name {
            "--data-dir" => f.data_dir = Some(PathBuf::from(value()?)),
            "--port" => f.port = value()?.parse().map_err(|_| "invalid --port".to_string())?,
            "--bind" => f.bind = Some(value()?.parse().map_err(|_| "invalid --bind".to_string())?),
            other => return Err(format!("unknown flag: {other}\n{USAGE}")),
        }
    }
    Ok(f)
}

/// tug's default cluster data dir: `$XDG_DATA_HOME/tug/cluster` (or `~/.local/share/tug/cluster`).
pub fn default_data_dir() -> PathBuf {
    let base = std::env::var_os("XDG_DATA_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".local/share")
        });
    base.join("tug").join("cluster")
}

fn run(args: &[String]) -> Result<i32, String> {
    let (cmd, rest) = match args.split_first() {
        Some((c, r)) => (c.as_str(), r),
        None => {
            eprintln!("{USAGE}");
            return Ok(1);
        }
    };
    if matches!(cmd, "-h" | "--help" | "help") {
        println!("{USAGE}");
        return Ok(0);
    }
    let f = parse_flags(rest)?;
    let dir = f.data_dir.clone().unwrap_or_else(default_data_dir);
    match cmd {
        "serve" => {
            let Some(dir) = f.data_dir else {
                return Err(format!("serve needs --data-dir\n{USAGE}"));
            };
            let mut o = ServeOptions::new(dir);
            o.port = f.port;
            if let Some(b) = f.bind {
                o.bind = b;
            }
            serve(&o).map_err(|e| e.to_string())?;
            Ok(0)
        }
        "up" => up(&dir, f.port),
        "down" => down(&dir),
        "status" => status(&dir),
        "kubeconfig" => {
            let text = std::fs::read_to_string(dir.join("kubeconfig"))
                .map_err(|_| "the cluster is not running (no kubeconfig)".to_string())?;
            print!("{text}");
            Ok(0)
        }
        other => Err(format!("unknown command {other:?}\n{USAGE}")),
    }
}

fn pid_alive(pid: u32) -> bool {
    Path::new(&format!("/proc/{pid}")).exists()
}

fn read_pid(dir: &Path) -> Option<u32> {
    std::fs::read_to_string(dir.join("pid"))
        .ok()?
        .trim()
        .parse()
        .ok()
}

fn up(dir: &Path, port: u16) -> Result<i32, String> {
    if let Some(pid) = read_pid(dir).filter(|p| pid_alive(*p)) {
        println!("tug cluster is already running (pid {pid})");
        return Ok(0);
    }
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    let _ = std::fs::remove_file(dir.join("kubeconfig"));
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let log = std::fs::File::create(dir.join("server.log")).map_err(|e| e.to_string())?;
    let log2 = log.try_clone().map_err(|e| e.to_string())?;
    let child = std::process::Command::new(exe)
        .args(["cluster", "serve", "--data-dir"])
        .arg(dir)
        .args(["--port", &port.to_string()])
        .stdin(std::process::Stdio::null())
        .stdout(log)
        .stderr(log2)
        .spawn()
        .map_err(|e| e.to_string())?;
    std::fs::write(dir.join("pid"), child.id().to_string()).map_err(|e| e.to_string())?;
    let start = Instant::now();
    while !dir.join("kubeconfig").exists() {
        if start.elapsed() > Duration::from_secs(30) || !pid_alive(child.id()) {
            return Err(format!(
                "the cluster did not start; see {}",
                dir.join("server.log").display()
            ));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let cfg = std::fs::read_to_string(dir.join("kubeconfig")).map_err(|e| e.to_string())?;
    let target = merge_user_kubeconfig(&cfg)?;
    println!(
        "tug cluster is up (pid {}); context \"tug\" added to {}",
        child.id(),
        target.display()
    );
    Ok(0)
}

fn user_kubeconfig_path() -> PathBuf {
    match std::env::var("KUBECONFIG")
        .ok()
        .and_then(|k| k.split(':').next().map(str::to_string))
        .filter(|k| !k.is_empty())
    {
        Some(p) => PathBuf::from(p),
        None => PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".kube/config"),
    }
}

fn upsert(list: &mut Value, entry: &Value) {
    let name = entry.get("name").cloned();
    if !list.is_array() {
        *list = json!([]);
    }
    if let Value::Array(a) = list {
        a.retain(|e| e.get("name") != name.as_ref());
        a.push(entry.clone());
    }
}

/// Adds the `tug` cluster, user and context to the user's kubeconfig and selects it.
fn merge_user_kubeconfig(ours: &str) -> Result<PathBuf, String> {
    merge_into(&user_kubeconfig_path(), ours)
}

fn merge_into(path: &Path, ours: &str) -> Result<PathBuf, String> {
    let path = path.to_path_buf();
    let ours: Value = serde_json::from_str(ours).map_err(|e| e.to_string())?;
    let mut cfg: Value = match std::fs::read_to_string(&path) {
        Ok(t) if !t.trim().is_empty() => serde_saphyr::from_str(&t)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?,
        _ => json!({"apiVersion": "v1", "kind": "Config", "preferences": {}}),
    };
    for section in ["clusters", "users", "contexts"] {
        if let Some(Value::Array(items)) = ours.get(section) {
            for it in items {
                upsert(
                    cfg.as_object_mut()
                        .map(|m| m.entry(section).or_insert(json!([])))
                        .ok_or("kubeconfig is not a map")?,
                    it,
                );
            }
        }
    }
    cfg["current-context"] = json!("tug");
    if let Some(p) = path.parent() {
        std::fs::create_dir_all(p).map_err(|e| e.to_string())?;
    }
    std::fs::write(
        &path,
        serde_json::to_string_pretty(&cfg).map_err(|e| e.to_string())? + "\n",
    )
    .map_err(|e| e.to_string())?;
    Ok(path)
}

fn down(dir: &Path) -> Result<i32, String> {
    let Some(pid) = read_pid(dir).filter(|p| pid_alive(*p)) else {
        println!("tug cluster is not running");
        return Ok(0);
    };
    let _ = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status();
    let start = Instant::now();
    while pid_alive(pid) && start.elapsed() < Duration::from_secs(15) {
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = std::fs::remove_file(dir.join("pid"));
    let _ = std::fs::remove_file(dir.join("kubeconfig"));
    println!("tug cluster stopped");
    Ok(0)
}

fn status(dir: &Path) -> Result<i32, String> {
    match read_pid(dir).filter(|p| pid_alive(*p)) {
        Some(pid) => {
            let server = std::fs::read_to_string(dir.join("kubeconfig"))
                .ok()
                .and_then(|t| serde_json::from_str::<Value>(&t).ok())
                .and_then(|v| {
                    v.pointer("/clusters/0/cluster/server")
                        .and_then(Value::as_str)
                        .map(str::to_string)
                })
                .unwrap_or_default();
            println!(
                "tug cluster is running (pid {pid}) at {server}; data dir {}",
                dir.display()
            );
            Ok(0)
        }
        None => {
            println!("tug cluster is not running; data dir {}", dir.display());
            Ok(3)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_on_a_stopped_cluster() {
        let dir = tempfile::tempdir().expect("tempdir");
        let d = dir.path().to_string_lossy().to_string();
        let args = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(main(args(&["status", "--data-dir", &d])), 3);
        assert_eq!(main(args(&["kubeconfig", "--data-dir", &d])), 1);
        assert_eq!(main(args(&["down", "--data-dir", &d])), 0);
        assert_eq!(main(args(&["serve"])), 1, "serve needs --data-dir");
        assert_eq!(main(args(&["bogus"])), 1);
        assert_eq!(main(args(&["status", "--port"])), 1);
    }

    #[test]
    fn user_kubeconfig_gets_the_tug_context() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("config");
        std::fs::write(&path, "apiVersion: v1\nkind: Config\ncontexts:\n- name: other\n  context: {cluster: x}\ncurrent-context: other\n").expect("write");
        let pki = crate::certs::generate().expect("pki");
        let ours = crate::certs::kubeconfig(&pki, "https://127.0.0.1:1", "tug");
        let merged = merge_into(&path, &ours).expect("merge");
        assert_eq!(merged, path);
        let v: Value =
            serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("json");
        assert_eq!(v["current-context"], "tug");
        let names: Vec<&str> = v["contexts"]
            .as_array()
            .expect("contexts")
            .iter()
            .filter_map(|c| c["name"].as_str())
            .collect();
        assert_eq!(names, vec!["other", "tug"]);
    }
}
