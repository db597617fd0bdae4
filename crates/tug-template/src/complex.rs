//! Go's `complex128` constants (`{{ 1i }}`, `{{ 1+2i }}`) as a host object, since the
//! shared value model has no complex variant. They print as Go prints them
//! (`(0+1i)`), report `complex128` as their type and compare with `eq`.

use std::borrow::Cow;
use std::sync::Arc;

use tug_value::{Object, Value, fmt as gofmt};

/// The Go type name.
pub(crate) const TYPE_NAME: &str = "complex128";

/// A `complex128` value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Complex {
    pub re: f64,
    pub im: f64,
}

impl Complex {
    /// As a template value.
    pub fn value(self) -> Value {
        Value::Object(Arc::new(self))
    }

    /// The real and imaginary parts of a complex value, if `v` is one.
    pub fn parts(v: &Value) -> Option<(f64, f64)> {
        match v {
            Value::Object(o) if o.type_name() == TYPE_NAME => {
                match (o.field("real"), o.field("imag")) {
                    (Some(Value::Float(re)), Some(Value::Float(im))) => Some((re, im)),
                    _ => None,
                }
            }
            _ => None,
        }
    }
}

impl Object for Complex {
    fn type_name(&self) -> Cow<'static, str> {
        Cow::Borrowed(TYPE_NAME)
    }

    fn field(&self, name: &str) -> Option<Value> {
        match name {
            "real" => Some(Value::Float(self.re)),
            "imag" => Some(Value::Float(self.im)),
            _ => None,
        }
    }

    fn stringer(&self) -> Option<String> {
        let re = gofmt::format_float(self.re, 'g', -1, 64);
        let mut im = gofmt::format_float(self.im, 'g', -1, 64);
        if !im.starts_with(['-', '+']) {
            im.insert(0, '+');
        }
        Some(format!("({re}{im}i)"))
    }

    fn is_true(&self) -> bool {
        self.re != 0.0 || self.im != 0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_like_go() {
        let c = Complex { re: 0.0, im: 1.0 };
        assert_eq!(c.stringer().as_deref(), Some("(0+1i)"));
        let c = Complex { re: 1.5, im: -2.0 };
        assert_eq!(c.stringer().as_deref(), Some("(1.5-2i)"));
        assert_eq!(Complex::parts(&c.value()), Some((1.5, -2.0)));
    }
}
