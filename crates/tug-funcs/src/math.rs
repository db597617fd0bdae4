//! Sprig's math and conversion functions: `int`, `int64`, `float64`, `atoi`,
//! `toDecimal`, the int64 arithmetic (`add`, `div`, `max`, … through spf13/cast's
//! `ToInt64`), the float functions (`addf`, `divf`, … through shopspring/decimal),
//! `ceil`/`floor`/`round` and the integer ranges `until`/`untilStep`.

mod decimal;

use tug_template::func::{FuncError, Function, Param};
use tug_value::{ElemType, List, Value, fmt as gofmt};

use crate::cast::{func, int_arg, str_arg, to_float64, to_int, to_int64};
use crate::strings::until_step;
use decimal::Decimal;

const A: Param = Param::Any;
const I: Param = Param::Int;

/// Registers this group's functions.
pub(crate) fn register(out: &mut Vec<Function>) {
    register_conversions(out);
    register_int_math(out);
    register_float_math(out);
}

fn register_conversions(out: &mut Vec<Function>) {
    out.push(func("atoi", &[Param::String], None, |a| {
        Ok(Value::Int(atoi(str_arg(a, 0))))
    }));
    out.push(func("int", &[A], None, |a| Ok(Value::Int(to_int(&a[0])))));
    out.push(func("int64", &[A], None, |a| {
        Ok(Value::Int64(to_int64(&a[0])))
    }));
    out.push(func("float64", &[A], None, |a| {
        Ok(Value::Float(to_float64(&a[0])))
    }));
    out.push(func("toDecimal", &[A], None, |a| {
        let text = gofmt::sprint(std::slice::from_ref(&a[0]));
        Ok(Value::Int64(parse_octal(&text).unwrap_or(0)))
    }));
    out.push(func("until", &[I], None, |a| {
        let count = int_arg(a, 0);
        let step = if count < 0 { -1 } else { 1 };
        Ok(int_list(until_step(0, count, step)?))
    }));
    out.push(func("untilStep", &[I, I, I], None, |a| {
        Ok(int_list(until_step(
            int_arg(a, 0),
            int_arg(a, 1),
            int_arg(a, 2),
        )?))
    }));
}

fn register_int_math(out: &mut Vec<Function>) {
    out.push(func("add1", &[A], None, |a| {
        Ok(Value::Int64(to_int64(&a[0]).wrapping_add(1)))
    }));
    out.push(func("add", &[], Some(A), |a| {
        Ok(Value::Int64(
            a.iter().fold(0i64, |acc, v| acc.wrapping_add(to_int64(v))),
        ))
    }));
    out.push(func("sub", &[A, A], None, |a| {
        Ok(Value::Int64(to_int64(&a[0]).wrapping_sub(to_int64(&a[1]))))
    }));
    out.push(func("div", &[A, A], None, |a| {
        checked_div(to_int64(&a[0]), to_int64(&a[1]), i64::wrapping_div)
    }));
    out.push(func("mod", &[A, A], None, |a| {
        checked_div(to_int64(&a[0]), to_int64(&a[1]), i64::wrapping_rem)
    }));
    out.push(func("mul", &[A], Some(A), |a| {
        Ok(Value::Int64(
            a[1..]
                .iter()
                .fold(to_int64(&a[0]), |acc, v| acc.wrapping_mul(to_int64(v))),
        ))
    }));
    for name in ["biggest", "max"] {
        out.push(func(name, &[A], Some(A), |a| {
            Ok(Value::Int64(a.iter().map(to_int64).max().unwrap_or(0)))
        }));
    }
    out.push(func("min", &[A], Some(A), |a| {
        Ok(Value::Int64(a.iter().map(to_int64).min().unwrap_or(0)))
    }));
}

fn register_float_math(out: &mut Vec<Function>) {
    out.push(func("add1f", &[A], None, |a| {
        decimal_op(&a[0], &[Value::Int(1)], Decimal::add)
    }));
    out.push(func("addf", &[], Some(A), |a| {
        decimal_op(&Value::Float(0.0), a, Decimal::add)
    }));
    out.push(func("subf", &[A], Some(A), |a| {
        decimal_op(&a[0], &a[1..], Decimal::sub)
    }));
    out.push(func("mulf", &[A], Some(A), |a| {
        decimal_op(&a[0], &a[1..], Decimal::mul)
    }));
    out.push(func("divf", &[A], Some(A), |a| {
        decimal_op(&a[0], &a[1..], Decimal::div)
    }));
    out.push(func("maxf", &[A], Some(A), |a| {
        Ok(Value::Float(
            a[1..]
                .iter()
                .fold(to_float64(&a[0]), |m, v| go_max(m, to_float64(v))),
        ))
    }));
    out.push(func("minf", &[A], Some(A), |a| {
        Ok(Value::Float(
            a[1..]
                .iter()
                .fold(to_float64(&a[0]), |m, v| go_min(m, to_float64(v))),
        ))
    }));
    out.push(func("ceil", &[A], None, |a| {
        Ok(Value::Float(to_float64(&a[0]).ceil()))
    }));
    out.push(func("floor", &[A], None, |a| {
        Ok(Value::Float(to_float64(&a[0]).floor()))
    }));
    out.push(func("round", &[A, I], Some(Param::Float64), |a| {
        let round_on = a.get(2).map_or(0.5, to_float64);
        Ok(Value::Float(round(
            to_float64(&a[0]),
            int_arg(a, 1),
            round_on,
        )))
    }));
}

/// `strconv.Atoi` with the error ignored: 0 on a syntax error, the clamped value on
/// a range error (what `Atoi` returns beside its error).
fn atoi(s: &str) -> i64 {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return 0;
    }
    s.parse().unwrap_or(if s.starts_with('-') {
        i64::MIN
    } else {
        i64::MAX
    })
}

/// `strconv.ParseInt(s, 8, 64)`.
fn parse_octal(s: &str) -> Option<i64> {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || digits.contains('_') {
        return None;
    }
    i64::from_str_radix(s, 8).ok()
}

fn int_list(items: Vec<i64>) -> Value {
    Value::List(List::typed(
        ElemType::Int,
        items.into_iter().map(Value::Int).collect(),
    ))
}

fn checked_div(a: i64, b: i64, op: fn(i64, i64) -> i64) -> Result<Value, FuncError> {
    if b == 0 {
        return Err(FuncError::msg("runtime error: integer divide by zero"));
    }
    Ok(Value::Int64(op(a, b)))
}

/// Go's `math.Max` (NaN wins, +0 beats -0).
fn go_max(a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() {
        f64::NAN
    } else if a == 0.0 && b == 0.0 {
        if a.is_sign_negative() { b } else { a }
    } else if a > b {
        a
    } else {
        b
    }
}

/// Go's `math.Min`.
fn go_min(a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() {
        f64::NAN
    } else if a == 0.0 && b == 0.0 {
        if a.is_sign_negative() { a } else { b }
    } else if a < b {
        a
    } else {
        b
    }
}

/// Sprig's `round`: scale by 10^places, ceil when the fraction reaches `round_on`.
fn round(val: f64, places: i64, round_on: f64) -> f64 {
    let pow = 10f64.powf(places as f64);
    let digit = pow * val;
    let frac = digit - digit.trunc();
    let r = if frac >= round_on {
        digit.ceil()
    } else {
        digit.floor()
    };
    r / pow
}

/// Sprig's `execDecimalOp`: each operand through `ToFloat64` and
/// `decimal.NewFromFloat`, folded with `op`, back to float64.
fn decimal_op(
    first: &Value,
    rest: &[Value],
    op: fn(&Decimal, &Decimal) -> Result<Decimal, FuncError>,
) -> Result<Value, FuncError> {
    let mut acc = Decimal::from_f64(to_float64(first))?;
    for v in rest {
        acc = op(&acc, &Decimal::from_f64(to_float64(v))?)?;
    }
    Ok(Value::Float(acc.to_f64()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atoi_is_strict() {
        assert_eq!(atoi("42"), 42);
        assert_eq!(atoi("+5"), 5);
        assert_eq!(atoi(" 4"), 0);
        assert_eq!(atoi("1_000"), 0);
        assert_eq!(atoi("99999999999999999999"), i64::MAX);
        assert_eq!(atoi("-99999999999999999999"), i64::MIN);
    }

    #[test]
    fn octal_and_round() {
        assert_eq!(parse_octal("0777"), Some(511));
        assert_eq!(parse_octal("8"), None);
        assert_eq!(round(123.5555, 3, 0.5), 123.556);
        assert_eq!(round(-1.5, 0, 0.5), -2.0);
        assert_eq!(round(123.45, 1, 0.6), 123.4);
    }
}
