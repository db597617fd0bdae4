//! Property tests for the `fmt` port: float output reads back exactly, and the digits
//! match Rust's own shortest / correctly rounded digits (which equal Go's).

use proptest::prelude::*;
use tug_value::Value;
use tug_value::fmt::{format_float, format_float_json, format_float32, quote, sprintf};

/// Splits Go-style `d.ddde±XX` (or Rust-style `d.ddde-X`) into digits and exponent.
fn digits_and_exp(s: &str) -> (String, i32) {
    let (mant, exp) = s.split_once(['e', 'E']).expect("exponent form");
    let digits: String = mant.chars().filter(char::is_ascii_digit).collect();
    (digits, exp.parse().expect("exponent"))
}

fn finite_f64() -> impl Strategy<Value = f64> {
    prop_oneof![
        proptest::num::f64::NORMAL | proptest::num::f64::SUBNORMAL | proptest::num::f64::ZERO,
        (-1e7f64..1e7f64),
        (-30i32..30).prop_map(|e| 10f64.powi(e)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn shortest_g_round_trips(x in finite_f64()) {
        let s = format_float(x, 'g', -1, 64);
        prop_assert_eq!(s.parse::<f64>().expect("parses"), x);
        prop_assert_eq!(sprintf("%v", &[Value::Float(x)]), s);
    }

    #[test]
    fn shortest_digits_match_rust(x in finite_f64()) {
        prop_assume!(x != 0.0);
        let (digits, exp) = digits_and_exp(&format_float(x.abs(), 'e', -1, 64));
        let (want_digits, want_exp) = digits_and_exp(&format!("{:e}", x.abs()));
        prop_assert_eq!(digits, want_digits);
        prop_assert_eq!(exp, want_exp);
    }

    #[test]
    fn fixed_precision_digits_match_rust(x in finite_f64(), prec in 0usize..25) {
        let (digits, exp) = digits_and_exp(&format_float(x.abs(), 'e', prec as i32, 64));
        let (want_digits, want_exp) = digits_and_exp(&format!("{:.prec$e}", x.abs()));
        prop_assert_eq!(digits, want_digits);
        prop_assert_eq!(exp, want_exp);
        prop_assert_eq!(format_float(x, 'f', prec as i32, 64), format!("{x:.prec$}"));
    }

    #[test]
    fn g_with_precision_is_close(x in finite_f64(), prec in 1i32..17) {
        let s = format_float(x, 'g', prec, 64);
        let back: f64 = s.parse().expect("parses");
        let tolerance = x.abs() * 10f64.powi(1 - prec) + f64::MIN_POSITIVE;
        prop_assert!((back - x).abs() <= tolerance, "{} -> {}", x, s);
    }

    #[test]
    fn float32_round_trips(x in proptest::num::f32::NORMAL | proptest::num::f32::SUBNORMAL) {
        prop_assert_eq!(format_float32(x).parse::<f32>().expect("parses"), x);
    }

    #[test]
    fn json_floats_round_trip(x in finite_f64()) {
        let s = format_float_json(x).expect("finite");
        prop_assert_eq!(s.parse::<f64>().expect("parses"), x);
        prop_assert!(!s.contains("e-0") && !s.contains("e+0"), "{}", s);
    }

    #[test]
    fn integers_print_like_rust(n in any::<i64>()) {
        let v = [Value::Int(n)];
        prop_assert_eq!(sprintf("%d", &v), n.to_string());
        prop_assert_eq!(sprintf("%5d|%-5d", &[Value::Int(n), Value::Int(n)]), format!("{n:5}|{n:<5}"));
        let hex = if n < 0 { format!("-{:x}", n.unsigned_abs()) } else { format!("{n:x}") };
        prop_assert_eq!(sprintf("%x", &v), hex);
    }

    #[test]
    fn quoted_strings_keep_printable_text(s in "[a-zA-Z0-9 é日😀.,:;-]*") {
        prop_assert_eq!(quote(&s), format!("\"{s}\""));
    }
}

fn any_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Nil),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::Int),
        any::<i64>().prop_map(Value::Int64),
        any::<u64>().prop_map(Value::Uint),
        any::<f64>().prop_map(Value::Float),
        ".{0,6}".prop_map(Value::from),
        proptest::collection::vec(any::<u8>(), 0..4).prop_map(|b| Value::Bytes(b.into())),
    ];
    leaf.prop_recursive(2, 8, 3, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..3).prop_map(Value::list),
            proptest::collection::btree_map("[a-c]{1,2}", inner, 0..3)
                .prop_map(|m| { Value::Map(m.into_iter().map(|(k, v)| (k.into(), v)).collect()) }),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    /// Arbitrary format strings and operands never panic, and text without `%` is
    /// copied through (followed by the `%!(EXTRA …)` report when operands are left).
    #[test]
    fn sprintf_never_panics(
        format in "([%#0+ .*\\[\\]1-9a-zA-Z%é-]|[0-9]{1,3}){0,12}",
        args in proptest::collection::vec(any_value(), 0..4),
    ) {
        let out = sprintf(&format, &args);
        if !format.contains('%') {
            prop_assert!(out.starts_with(&format));
            prop_assert_eq!(out.len() > format.len(), !args.is_empty());
        }
    }
}
