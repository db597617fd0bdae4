//! Flag definitions and parsing with the rules of spf13/pflag, which Helm's CLI uses.
//!
//! `--name=value`, `--name value`, `-n value`, `-nvalue`, combined boolean shorthands
//! (`-abc`), flags with an optional value (`--dry-run`, `--wait`), `--` ending flag
//! parsing, and flags interspersed with positional arguments. Error texts are pflag's.

use std::collections::BTreeMap;

/// How a flag takes and shows its value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `bool`: no value unless written `--x=false`.
    Bool,
    /// `string`
    String,
    /// `strings`: comma-separated values, repeatable.
    Strings,
    /// `stringArray`: repeatable, no comma splitting.
    StringArray,
    /// `int`
    Int,
    /// `float32`
    Float32,
    /// `duration` (Go syntax: `5m0s`).
    Duration,
    /// `stringToString`: `k=v,k2=v2`, repeatable.
    StringToString,
    /// A custom value type shown under its Go type name (`WaitStrategy`,
    /// `postRendererString`, …); parsed as a string.
    Custom(&'static str),
}

impl Kind {
    /// The type word pflag prints in help.
    pub fn type_word(self) -> &'static str {
        match self {
            Kind::Bool => "",
            Kind::String => "string",
            Kind::Strings => "strings",
            Kind::StringArray => "stringArray",
            Kind::Int => "int",
            Kind::Float32 => "float32",
            Kind::Duration => "duration",
            Kind::StringToString => "stringToString",
            Kind::Custom(t) => t,
        }
    }

    fn repeatable(self) -> bool {
        matches!(
            self,
            Kind::Strings | Kind::StringArray | Kind::StringToString
        )
    }
}

/// A flag definition.
#[derive(Clone, Debug)]
pub struct Flag {
    /// Long name, without `--`.
    pub name: &'static str,
    /// One-letter shorthand.
    pub short: Option<char>,
    /// Value type.
    pub kind: Kind,
    /// Default value as pflag shows it (`DefValue`).
    pub default: String,
    /// Help text.
    pub usage: &'static str,
    /// Value used when the flag is given without one (`NoOptDefVal`).
    pub no_opt: Option<&'static str>,
    /// Not shown in help.
    pub hidden: bool,
}

impl Flag {
    /// A flag with no default.
    pub fn new(name: &'static str, kind: Kind, usage: &'static str) -> Flag {
        let default = match kind {
            Kind::Bool => "false",
            Kind::Int => "0",
            Kind::Float32 => "0",
            Kind::Duration => "0s",
            Kind::Strings | Kind::StringArray => "[]",
            Kind::StringToString => "[]",
            _ => "",
        };
        Flag {
            name,
            short: None,
            kind,
            default: default.into(),
            usage,
            no_opt: None,
            hidden: false,
        }
    }

    /// Sets the shorthand.
    pub fn short(mut self, c: char) -> Flag {
        self.short = Some(c);
        self
    }

    /// Sets the shown default.
    pub fn default(mut self, d: impl Into<String>) -> Flag {
        self.default = d.into();
        self
    }

    /// Sets the value used when no value is given.
    pub fn no_opt(mut self, v: &'static str) -> Flag {
        self.no_opt = Some(v);
        self
    }

    /// Whether the default is the type's zero value (then help omits `(default …)`).
    pub(crate) fn default_is_zero(&self) -> bool {
        match self.kind {
            Kind::Bool => self.default == "false",
            Kind::Int | Kind::Float32 => self.default == "0",
            Kind::Duration => self.default == "0s" || self.default == "0",
            Kind::Strings | Kind::StringArray => self.default == "[]",
            Kind::StringToString => self.default.is_empty(),
            _ => self.default.is_empty(),
        }
    }
}

/// The values given on a command line, by long flag name.
#[derive(Debug, Default, Clone)]
pub struct Values {
    values: BTreeMap<&'static str, Vec<String>>,
}

impl Values {
    /// The last value given for a flag.
    pub fn last(&self, name: &str) -> Option<&str> {
        self.values
            .get(name)
            .and_then(|v| v.last())
            .map(String::as_str)
    }

    /// Every value given for a repeatable flag, comma-split for `strings`.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.values.get(name).cloned().unwrap_or_default()
    }

    /// A boolean flag's value.
    pub fn bool(&self, name: &str) -> bool {
        self.last(name)
            .is_some_and(|v| parse_bool(v).unwrap_or(false))
    }

    fn push(&mut self, flag: &Flag, value: String) {
        let entry = self.values.entry(flag.name).or_default();
        if !flag.kind.repeatable() {
            entry.clear();
        }
        if flag.kind == Kind::Strings {
            if !value.is_empty() {
                entry.extend(value.split(',').map(str::to_string));
            }
        } else {
            entry.push(value);
        }
    }
}

/// Go's `strconv.ParseBool`.
pub fn parse_bool(v: &str) -> Option<bool> {
    match v {
        "1" | "t" | "T" | "true" | "TRUE" | "True" => Some(true),
        "0" | "f" | "F" | "false" | "FALSE" | "False" => Some(false),
        _ => None,
    }
}

/// Parses a command line against `flags`, returning the flag values and the positional
/// arguments, or pflag's error message.
pub fn parse(flags: &[&Flag], args: &[String]) -> Result<(Values, Vec<String>), String> {
    let mut values = Values::default();
    let mut positional = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        i += 1;
        if a == "--" {
            positional.extend(args[i..].iter().cloned());
            break;
        } else if let Some(long) = a.strip_prefix("--") {
            let (name, inline) = match long.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (long, None),
            };
            let flag = flags
                .iter()
                .find(|f| f.name == name)
                .ok_or_else(|| format!("unknown flag: --{name}"))?;
            let value = match inline {
                Some(v) => v,
                None if flag.kind == Kind::Bool => "true".into(),
                None if flag.no_opt.is_some() => flag.no_opt.unwrap_or_default().into(),
                None if i < args.len() => {
                    i += 1;
                    args[i - 1].clone()
                }
                None => return Err(format!("flag needs an argument: --{name}")),
            };
            set(&mut values, flag, value, &format!("--{name}"))?;
        } else if a.len() > 1 && a.starts_with('-') {
            i = parse_shorts(flags, a, args, i, &mut values)?;
        } else {
            positional.push(a.clone());
        }
    }
    Ok((values, positional))
}

fn parse_shorts(
    flags: &[&Flag],
    arg: &str,
    args: &[String],
    mut i: usize,
    values: &mut Values,
) -> Result<usize, String> {
    let shorts: Vec<char> = arg[1..].chars().collect();
    let mut j = 0;
    while j < shorts.len() {
        let c = shorts[j];
        let flag = flags
            .iter()
            .find(|f| f.short == Some(c))
            .ok_or_else(|| format!("unknown shorthand flag: '{c}' in {arg}"))?;
        let rest: String = shorts[j + 1..].iter().collect();
        let value = if let Some(v) = rest.strip_prefix('=') {
            j = shorts.len();
            v.to_string()
        } else if flag.kind == Kind::Bool || flag.no_opt.is_some() {
            j += 1;
            let v = if flag.kind == Kind::Bool {
                "true"
            } else {
                flag.no_opt.unwrap_or_default()
            };
            v.to_string()
        } else if !rest.is_empty() {
            j = shorts.len();
            rest
        } else if i < args.len() {
            j += 1;
            i += 1;
            args[i - 1].clone()
        } else {
            return Err(format!("flag needs an argument: '{c}' in {arg}"));
        };
        set(values, flag, value, &format!("--{}", flag.name))?;
    }
    Ok(i)
}

fn set(values: &mut Values, flag: &Flag, value: String, shown: &str) -> Result<(), String> {
    let invalid = |why: String| format!("invalid argument {value:?} for {shown:?} flag: {why}");
    match flag.kind {
        Kind::Bool if parse_bool(&value).is_none() => {
            return Err(invalid(format!(
                "strconv.ParseBool: parsing {value:?}: invalid syntax"
            )));
        }
        Kind::Int if value.parse::<i64>().is_err() => {
            return Err(invalid(format!(
                "strconv.ParseInt: parsing {value:?}: invalid syntax"
            )));
        }
        Kind::Float32 if value.parse::<f32>().is_err() => {
            return Err(invalid(format!(
                "strconv.ParseFloat: parsing {value:?}: invalid syntax"
            )));
        }
        Kind::Duration if crate::cli::duration::parse(&value).is_none() => {
            return Err(invalid(format!("time: invalid duration {value:?}")));
        }
        _ => {}
    }
    values.push(flag, value);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn defs() -> Vec<Flag> {
        vec![
            Flag::new("set", Kind::StringArray, "set values"),
            Flag::new("values", Kind::Strings, "files").short('f'),
            Flag::new("debug", Kind::Bool, "debug"),
            Flag::new("generate-name", Kind::Bool, "gen").short('g'),
            Flag::new("show-only", Kind::StringArray, "only").short('s'),
            Flag::new("dry-run", Kind::String, "dry").no_opt("unset"),
            Flag::new("timeout", Kind::Duration, "t"),
        ]
    }

    fn run(args: &[&str]) -> Result<(Values, Vec<String>), String> {
        let d = defs();
        let refs: Vec<&Flag> = d.iter().collect();
        parse(
            &refs,
            &args.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
        )
    }

    #[test]
    fn long_short_and_interspersed() {
        let (v, p) = run(&[
            "a",
            "--set",
            "x=1",
            "-f",
            "a.yaml,b.yaml",
            "b",
            "--set=y=2",
            "-gsx",
        ])
        .expect("parses");
        assert_eq!(p, vec!["a", "b"]);
        assert_eq!(v.all("set"), vec!["x=1", "y=2"]);
        assert_eq!(v.all("values"), vec!["a.yaml", "b.yaml"]);
        assert!(v.bool("generate-name"));
        assert_eq!(v.all("show-only"), vec!["x"]);
    }

    #[test]
    fn optional_values_and_terminator() {
        let (v, p) = run(&["--dry-run", "c", "--", "--debug"]).expect("parses");
        assert_eq!(v.last("dry-run"), Some("unset"));
        assert_eq!(p, vec!["c", "--debug"]);
        assert!(!v.bool("debug"));
    }

    #[test]
    fn pflag_error_texts() {
        assert_eq!(run(&["--foo"]).unwrap_err(), "unknown flag: --foo");
        assert_eq!(
            run(&["-x"]).unwrap_err(),
            "unknown shorthand flag: 'x' in -x"
        );
        assert_eq!(
            run(&["--set"]).unwrap_err(),
            "flag needs an argument: --set"
        );
        assert_eq!(
            run(&["-f"]).unwrap_err(),
            "flag needs an argument: 'f' in -f"
        );
        assert_eq!(
            run(&["--timeout", "x"]).unwrap_err(),
            "invalid argument \"x\" for \"--timeout\" flag: time: invalid duration \"x\""
        );
        assert_eq!(
            run(&["--debug=x"]).unwrap_err(),
            "invalid argument \"x\" for \"--debug\" flag: strconv.ParseBool: parsing \"x\": invalid syntax"
        );
    }
}
