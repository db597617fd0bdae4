//! Inputs the `sprintf` no-panic property found; each must format without panicking and
//! with Go's result shape.

use tug_value::Value;
use tug_value::fmt::sprintf;

#[test]
fn huge_precisions_do_not_panic() {
    // Rust's formatter rejects precisions past u16; Go pads with exact zeros.
    let f = sprintf("%.70000f", &[Value::Float(0.5)]);
    assert_eq!(f.len(), 70002);
    assert!(f.starts_with("0.5000") && f.ends_with('0'));
    let e = sprintf("%.70000e", &[Value::Float(0.5)]);
    assert!(e.starts_with("5.000") && e.ends_with("e-01"));
    let u = sprintf("%.70000U", &[Value::Int(65)]);
    assert_eq!(u.len(), 2 + 70000);
    assert!(u.starts_with("U+000") && u.ends_with("41"));
}
