//! Helm's configuration, cache and data directories (`helmpath`), from `HELM_*_HOME`,
//! the XDG variables, or `$HOME` defaults — the same lookup order as Helm on Linux.

use std::path::PathBuf;

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

fn home() -> PathBuf {
    env("HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/"))
}

fn base(helm_var: &str, xdg_var: &str, default_rel: &str) -> PathBuf {
    if let Some(p) = env(helm_var) {
        return PathBuf::from(p);
    }
    match env(xdg_var) {
        Some(x) => PathBuf::from(x).join("helm"),
        None => home().join(default_rel).join("helm"),
    }
}

/// `$HELM_CACHE_HOME`, or `$XDG_CACHE_HOME/helm`, or `~/.cache/helm`.
pub fn cache_home() -> PathBuf {
    base("HELM_CACHE_HOME", "XDG_CACHE_HOME", ".cache")
}

/// `$HELM_CONFIG_HOME`, or `$XDG_CONFIG_HOME/helm`, or `~/.config/helm`.
pub fn config_home() -> PathBuf {
    base("HELM_CONFIG_HOME", "XDG_CONFIG_HOME", ".config")
}

/// `$HELM_DATA_HOME`, or `$XDG_DATA_HOME/helm`, or `~/.local/share/helm`.
pub fn data_home() -> PathBuf {
    base("HELM_DATA_HOME", "XDG_DATA_HOME", ".local/share")
}

/// The value of an environment variable, or `default`.
pub fn env_or(name: &str, default: &str) -> String {
    env(name).unwrap_or_else(|| default.to_string())
}

/// Expands `{cache}`, `{config}`, `{data}` and `{home}` in a default shown in help.
pub fn expand(template: &str) -> String {
    let s = |p: PathBuf| p.to_string_lossy().into_owned();
    template
        .replace("{cache}", &s(cache_home()))
        .replace("{config}", &s(config_home()))
        .replace("{data}", &s(data_home()))
        .replace("{home}", &s(home()))
}
