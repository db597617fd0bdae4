//! The function library Helm gives templates: Sprig v3.3.0 (minus `env` and
//! `expandenv`) and Helm's own functions.
//!
//! Each module is one Sprig group and registers its functions as
//! [`tug_template::func::Function`] declarations; [`sprig`] collects Sprig's,
//! [`helm`] adds Helm's own on top (what a chart sees).

use tug_template::func::Function;

mod cast;
mod crypto;
mod dates;
mod defaults;
mod dicts;
mod encoding;
mod helm;
mod lists;
mod math;
mod network;
mod paths;
mod random;
mod reflect;
mod regex;
mod semver;
mod strings;
mod url;

pub use helm::{HelmOptions, Lookup, OfflineLookup};

/// Every Sprig function Helm exposes (all but `env` and `expandenv`).
pub fn sprig() -> Vec<Function> {
    let mut out = Vec::new();
    strings::register(&mut out);
    lists::register(&mut out);
    dicts::register(&mut out);
    defaults::register(&mut out);
    math::register(&mut out);
    cast::register(&mut out);
    reflect::register(&mut out);
    paths::register(&mut out);
    url::register(&mut out);
    regex::register(&mut out);
    encoding::register(&mut out);
    semver::register(&mut out);
    dates::register(&mut out);
    crypto::register(&mut out);
    random::register(&mut out);
    network::register(&mut out);
    out
}

/// Sprig plus Helm's own functions (`toYaml`, `include`, `tpl`, `required`, …), with
/// Helm's overrides applied: the function map a chart template sees.
pub fn helm() -> Vec<Function> {
    let mut out = sprig();
    helm::register(&mut out);
    out
}

/// [`helm`] with engine settings: the `lookup` source, `--enable-dns` and lint mode.
pub fn helm_with(options: HelmOptions) -> Vec<Function> {
    let mut out = sprig();
    helm::register_with(&mut out, &options);
    out
}
