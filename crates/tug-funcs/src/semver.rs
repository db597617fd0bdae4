//! Sprig's semver group: `semver` (parse a version into a `*semver.Version` object with
//! its Go methods) and `semverCompare` (check a version against a constraint), both on
//! [`tug_semver`], the Masterminds semver v3 port.

use std::borrow::Cow;
use std::sync::Arc;

use tug_semver::{Constraints, Version};
use tug_template::func::{Context, FuncError, Function, Param, Signature};
use tug_value::{MethodError, Object, Value};

/// Registers this group's functions.
pub(crate) fn register(out: &mut Vec<Function>) {
    out.push(Function::new(
        "semver",
        Signature {
            params: &[Param::String],
            variadic: None,
        },
        |_: &mut dyn Context, args: &[Value]| {
            let text = str_arg(args, 0);
            let v = Version::parse(text).map_err(|e| FuncError::msg(e.to_string()))?;
            Ok(version_value(v, true))
        },
    ));
    out.push(Function::new(
        "semverCompare",
        Signature {
            params: &[Param::String, Param::String],
            variadic: None,
        },
        |_: &mut dyn Context, args: &[Value]| {
            let c =
                Constraints::parse(str_arg(args, 0)).map_err(|e| FuncError::msg(e.to_string()))?;
            let v = Version::parse(str_arg(args, 1)).map_err(|e| FuncError::msg(e.to_string()))?;
            Ok(Value::Bool(c.matches(&v)))
        },
    ));
}

fn str_arg(args: &[Value], i: usize) -> &str {
    args.get(i).and_then(Value::as_str).unwrap_or("")
}

/// Wraps a version as a template object: `*semver.Version` (pointer) or
/// `semver.Version` (the value type the `Inc*` methods return).
fn version_value(v: Version, pointer: bool) -> Value {
    Value::Object(Arc::new(SemverObject { v, pointer }))
}

/// A Masterminds `Version` seen from a template.
struct SemverObject {
    v: Version,
    pointer: bool,
}

impl SemverObject {
    /// Orders this version against the `*semver.Version` argument of a method call.
    fn compare_with(&self, args: &[Value]) -> Result<std::cmp::Ordering, MethodError> {
        let other = match args.first() {
            Some(Value::Object(o)) if o.type_name().ends_with("semver.Version") => {
                o.stringer().and_then(|s| Version::parse(&s).ok())
            }
            _ => None,
        };
        other.map(|o| self.v.cmp(&o)).ok_or_else(|| {
            MethodError(format!(
                "wrong type for value; expected *semver.Version; got {}",
                args.first()
                    .map_or(Cow::Borrowed("<nil>"), Value::type_name)
            ))
        })
    }
}

impl Object for SemverObject {
    fn type_name(&self) -> Cow<'static, str> {
        if self.pointer {
            "*semver.Version".into()
        } else {
            "semver.Version".into()
        }
    }

    fn field(&self, _name: &str) -> Option<Value> {
        None
    }

    fn has_method(&self, name: &str) -> bool {
        match name {
            // Pointer-receiver methods: not callable on a `semver.Version` value.
            "Original" | "Compare" | "LessThan" | "GreaterThan" | "Equal" => self.pointer,
            "Major" | "Minor" | "Patch" | "Prerelease" | "Metadata" | "String" | "IncMajor"
            | "IncMinor" | "IncPatch" | "SetPrerelease" | "SetMetadata" => true,
            _ => false,
        }
    }

    fn call_method(&self, name: &str, args: &[Value]) -> Option<Result<Value, MethodError>> {
        if !self.has_method(name) {
            return None;
        }
        let v = &self.v;
        let text = || args.first().and_then(Value::as_str).unwrap_or("");
        let set = |r: Result<Version, tug_semver::Error>| {
            r.map(|v| version_value(v, false))
                .map_err(|e| MethodError(e.to_string()))
        };
        let r = match name {
            "Major" => Ok(Value::Uint(v.major())),
            "Minor" => Ok(Value::Uint(v.minor())),
            "Patch" => Ok(Value::Uint(v.patch())),
            "Prerelease" => Ok(Value::from(v.prerelease())),
            "Metadata" => Ok(Value::from(v.metadata())),
            "Original" => Ok(Value::from(v.original())),
            "String" => Ok(Value::from(v.to_string())),
            "IncMajor" => Ok(version_value(v.inc_major(), false)),
            "IncMinor" => Ok(version_value(v.inc_minor(), false)),
            "IncPatch" => Ok(version_value(v.inc_patch(), false)),
            "SetPrerelease" => set(v.with_prerelease(text())),
            "SetMetadata" => set(v.with_metadata(text())),
            "Compare" => self.compare_with(args).map(|o| Value::Int(o as i64)),
            "LessThan" => self.compare_with(args).map(|o| Value::Bool(o.is_lt())),
            "GreaterThan" => self.compare_with(args).map(|o| Value::Bool(o.is_gt())),
            "Equal" => self.compare_with(args).map(|o| Value::Bool(o.is_eq())),
            _ => return None,
        };
        Some(r)
    }

    fn stringer(&self) -> Option<String> {
        Some(self.v.to_string())
    }

    /// Masterminds' `MarshalJSON`: the version string.
    fn json_value(&self) -> Option<Value> {
        Some(Value::from(self.v.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obj(s: &str) -> SemverObject {
        SemverObject {
            v: Version::parse(s).unwrap_or_else(|e| panic!("{e}")),
            pointer: true,
        }
    }

    #[test]
    fn methods_follow_go() {
        let o = obj("v1.2.3-beta+m");
        assert!(matches!(
            o.call_method("Major", &[]),
            Some(Ok(Value::Uint(1)))
        ));
        assert_eq!(o.stringer().as_deref(), Some("1.2.3-beta+m"));
        let orig = o.call_method("Original", &[]);
        assert!(matches!(orig, Some(Ok(Value::String(s))) if &*s == "v1.2.3-beta+m"));
        let other = version_value(
            Version::parse("1.2.3").unwrap_or_else(|e| panic!("{e}")),
            true,
        );
        let cmp = o.call_method("Compare", &[other]);
        assert!(matches!(cmp, Some(Ok(Value::Int(-1)))));
    }
}
