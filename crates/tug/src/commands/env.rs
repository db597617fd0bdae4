//! `helm env`: the client environment, as `KEY="value"` lines or one value.

use crate::cli::{Failure, Invocation};
use crate::paths;

pub(crate) fn run(inv: &Invocation) -> Result<(), Failure> {
    let vars = variables(inv);
    match inv.args.first() {
        Some(name) => {
            if let Some((_, v)) = vars.iter().find(|(k, _)| k == name) {
                println!("{v}");
            }
        }
        None => {
            for (k, v) in &vars {
                println!("{k}={v:?}");
            }
        }
    }
    Ok(())
}

fn variables(inv: &Invocation) -> Vec<(String, String)> {
    let f = &inv.flags;
    let path = |p: std::path::PathBuf| p.to_string_lossy().into_owned();
    let bin = std::env::current_exe().map(path).unwrap_or_default();
    let cache = paths::cache_home();
    let config = paths::config_home();
    let data = paths::data_home();
    let flag = |name: &str, env: &str, default: &str| {
        f.last(name)
            .map(str::to_string)
            .unwrap_or_else(|| paths::env_or(env, default))
    };
    let mut vars = vec![
        ("HELM_BIN", bin),
        (
            "HELM_BURST_LIMIT",
            flag("burst-limit", "HELM_BURST_LIMIT", "100"),
        ),
        ("HELM_CACHE_HOME", path(cache.clone())),
        ("HELM_CONFIG_HOME", path(config.clone())),
        (
            "HELM_CONTENT_CACHE",
            flag(
                "content-cache",
                "HELM_CONTENT_CACHE",
                &path(cache.join("content")),
            ),
        ),
        ("HELM_DATA_HOME", path(data.clone())),
        ("HELM_DEBUG", f.bool("debug").to_string()),
        (
            "HELM_KUBEAPISERVER",
            flag("kube-apiserver", "HELM_KUBEAPISERVER", ""),
        ),
        ("HELM_KUBEASGROUPS", f.all("kube-as-group").join(",")),
        (
            "HELM_KUBEASUSER",
            flag("kube-as-user", "HELM_KUBEASUSER", ""),
        ),
        (
            "HELM_KUBECAFILE",
            flag("kube-ca-file", "HELM_KUBECAFILE", ""),
        ),
        (
            "HELM_KUBECONTEXT",
            flag("kube-context", "HELM_KUBECONTEXT", ""),
        ),
        (
            "HELM_KUBEINSECURE_SKIP_TLS_VERIFY",
            f.bool("kube-insecure-skip-tls-verify").to_string(),
        ),
        (
            "HELM_KUBETLS_SERVER_NAME",
            flag("kube-tls-server-name", "HELM_KUBETLS_SERVER_NAME", ""),
        ),
        ("HELM_KUBETOKEN", flag("kube-token", "HELM_KUBETOKEN", "")),
        ("HELM_MAX_HISTORY", paths::env_or("HELM_MAX_HISTORY", "10")),
        (
            "HELM_NAMESPACE",
            flag("namespace", "HELM_NAMESPACE", "default"),
        ),
        (
            "HELM_PLUGINS",
            paths::env_or("HELM_PLUGINS", &path(data.join("plugins"))),
        ),
        (
            "HELM_QPS",
            format!(
                "{:.2}",
                flag("qps", "HELM_QPS", "0").parse::<f32>().unwrap_or(0.0)
            ),
        ),
        (
            "HELM_REGISTRY_CONFIG",
            flag(
                "registry-config",
                "HELM_REGISTRY_CONFIG",
                &path(config.join("registry/config.json")),
            ),
        ),
        (
            "HELM_REPOSITORY_CACHE",
            flag(
                "repository-cache",
                "HELM_REPOSITORY_CACHE",
                &path(cache.join("repository")),
            ),
        ),
        (
            "HELM_REPOSITORY_CONFIG",
            flag(
                "repository-config",
                "HELM_REPOSITORY_CONFIG",
                &path(config.join("repositories.yaml")),
            ),
        ),
    ];
    vars.sort();
    vars.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
}
