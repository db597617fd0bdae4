//! Value reuse on `helm upgrade` (`pkg/action/upgrade.go reuseValues`):
//! `--reset-values`, `--reuse-values` (the new chart's defaults are *replaced* by the old
//! computed values — Helm's behaviour, helm/helm#3775), `--reset-then-reuse-values`, and
//! the default of reusing the previous user values when none are given.

use tug_value::Map;
use tug_values::coalesce::{Warn, coalesce_tables_into, coalesce_values};
use tug_values::merge::deep_copy_map;

use crate::Error;
use crate::chart::Chart;

/// Which upgrade value flag was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ReuseMode {
    /// No flag.
    #[default]
    Default,
    /// `--reset-values`.
    Reset,
    /// `--reuse-values`.
    Reuse,
    /// `--reset-then-reuse-values`.
    ResetThenReuse,
}

/// The previous release's chart and user-supplied values (`config`).
pub struct Previous<'a> {
    /// The chart stored in the previous release.
    pub chart: &'a Chart,
    /// The previous user values.
    pub config: &'a Map,
}

/// Computes the user values for the upgrade; with [`ReuseMode::Reuse`] it also replaces
/// `chart.values` with the old computed values, as Helm does.
pub fn reuse_values(
    chart: &mut Chart,
    previous: &Previous<'_>,
    new_vals: Map,
    mode: ReuseMode,
    warn: Warn<'_>,
) -> Result<Map, Error> {
    match mode {
        ReuseMode::Reset => Ok(new_vals),
        ReuseMode::Reuse => {
            let old = coalesce_values(previous.chart, previous.config, warn)
                .map_err(|e| Error::Load(format!("failed to rebuild old values: {e}")))?;
            coalesce_tables_into(&new_vals, previous.config, warn);
            chart.values = old;
            Ok(new_vals)
        }
        ReuseMode::ResetThenReuse => {
            coalesce_tables_into(&new_vals, previous.config, warn);
            Ok(new_vals)
        }
        ReuseMode::Default if new_vals.is_empty() && !previous.config.is_empty() => {
            Ok(deep_copy_map(previous.config))
        }
        ReuseMode::Default => Ok(new_vals),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tug_value::Value;

    fn m(json: &str) -> Map {
        tug_values::json::decode(json)
            .ok()
            .and_then(|v| v.as_map().cloned())
            .unwrap_or_default()
    }

    fn chart(values: &str) -> Chart {
        let mut c = Chart::default();
        c.metadata.name = "c".into();
        c.values = m(values);
        c
    }

    #[test]
    fn reuse_replaces_new_defaults_with_old_computed_values() {
        let old = chart(r#"{"a":1,"b":1}"#);
        let mut new = chart(r#"{"a":2,"fresh":true}"#);
        let config = m(r#"{"b":5}"#);
        let prev = Previous {
            chart: &old,
            config: &config,
        };
        let vals = reuse_values(
            &mut new,
            &prev,
            m(r#"{"a":9}"#),
            ReuseMode::Reuse,
            &mut |_| {},
        )
        .unwrap();
        assert!(matches!(vals.get("a"), Some(Value::Float(f)) if f == 9.0));
        assert!(matches!(vals.get("b"), Some(Value::Float(f)) if f == 5.0));
        // the new default `fresh` is gone: defaults are the old computed values
        assert!(!new.values.contains_key("fresh"));
        assert!(matches!(new.values.get("b"), Some(Value::Float(f)) if f == 5.0));
    }

    #[test]
    fn default_mode_reuses_config_only_without_new_values() {
        let old = chart("{}");
        let config = m(r#"{"b":5}"#);
        let prev = Previous {
            chart: &old,
            config: &config,
        };
        let mut new = chart("{}");
        let vals =
            reuse_values(&mut new, &prev, Map::new(), ReuseMode::Default, &mut |_| {}).unwrap();
        assert!(vals.contains_key("b"));
        let vals = reuse_values(
            &mut new,
            &prev,
            m(r#"{"x":1}"#),
            ReuseMode::Default,
            &mut |_| {},
        )
        .unwrap();
        assert!(!vals.contains_key("b"));
        let vals = reuse_values(
            &mut new,
            &prev,
            m(r#"{"x":1}"#),
            ReuseMode::ResetThenReuse,
            &mut |_| {},
        )
        .unwrap();
        assert!(vals.contains_key("b") && vals.contains_key("x"));
        let vals =
            reuse_values(&mut new, &prev, Map::new(), ReuseMode::Reset, &mut |_| {}).unwrap();
        assert!(vals.is_empty());
    }
}
