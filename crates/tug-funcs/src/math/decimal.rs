//! The slice of shopspring/decimal v1.4 that Sprig's `addf`, `subf`, `mulf`, `divf`
//! and `add1f` use: exact decimal arithmetic on the shortest decimal form of each
//! float64 (`NewFromFloat`), division rounded half away from zero to 16 places
//! (`DivisionPrecision`), and conversion back to the nearest float64.
//!
//! Values are an `i128` coefficient with a base-10 exponent. Operations whose exact
//! result would not fit fall back to float64 arithmetic (far beyond anything charts
//! compute).

use tug_template::func::FuncError;

/// `coefficient × 10^exponent`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Decimal {
    coef: i128,
    exp: i32,
}

/// shopspring's `DivisionPrecision`.
const DIVISION_PRECISION: i32 = 16;

impl Decimal {
    /// `decimal.NewFromFloat`: the shortest decimal that round-trips to `f`.
    pub(crate) fn from_f64(f: f64) -> Result<Decimal, FuncError> {
        if !f.is_finite() {
            let shown = if f.is_nan() {
                "NaN"
            } else if f > 0.0 {
                "+Inf"
            } else {
                "-Inf"
            };
            return Err(FuncError::msg(format!(
                "Cannot create a Decimal from {shown}"
            )));
        }
        let text = format!("{f:e}");
        let (mantissa, exp) = text.split_once('e').unwrap_or((&text, "0"));
        let exp: i32 = exp.parse().unwrap_or(0);
        let (neg, mantissa) = match mantissa.strip_prefix('-') {
            Some(m) => (true, m),
            None => (false, mantissa),
        };
        let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let digits = format!("{int}{frac}");
        let coef: i128 = digits.parse().unwrap_or(0);
        Ok(Decimal {
            coef: if neg { -coef } else { coef },
            exp: exp - frac.len() as i32,
        })
    }

    /// The nearest float64 (`Decimal.Float64`).
    pub(crate) fn to_f64(self) -> f64 {
        format!("{}e{}", self.coef, self.exp)
            .parse()
            .unwrap_or(f64::NAN)
    }

    fn approx(self) -> f64 {
        self.to_f64()
    }

    fn from_approx(f: f64) -> Result<Decimal, FuncError> {
        if f.is_finite() {
            Decimal::from_f64(f)
        } else {
            Ok(Decimal {
                coef: if f > 0.0 { 1 } else { -1 },
                exp: 400,
            })
        }
    }

    /// The coefficient rescaled to exponent `exp` (which must not exceed `self.exp`).
    fn rescaled(self, exp: i32) -> Option<i128> {
        let shift = u32::try_from(self.exp - exp).ok()?;
        self.coef.checked_mul(10i128.checked_pow(shift)?)
    }

    /// `d1.Add(d2)`.
    pub(crate) fn add(&self, other: &Decimal) -> Result<Decimal, FuncError> {
        let exp = self.exp.min(other.exp);
        match (self.rescaled(exp), other.rescaled(exp)) {
            (Some(a), Some(b)) => match a.checked_add(b) {
                Some(coef) => Ok(Decimal { coef, exp }),
                None => Decimal::from_approx(self.approx() + other.approx()),
            },
            _ => Decimal::from_approx(self.approx() + other.approx()),
        }
    }

    /// `d1.Sub(d2)`.
    pub(crate) fn sub(&self, other: &Decimal) -> Result<Decimal, FuncError> {
        self.add(&Decimal {
            coef: -other.coef,
            exp: other.exp,
        })
    }

    /// `d1.Mul(d2)`.
    pub(crate) fn mul(&self, other: &Decimal) -> Result<Decimal, FuncError> {
        let (a, b) = (self.normalized(), other.normalized());
        match a.coef.checked_mul(b.coef) {
            Some(coef) => Ok(Decimal {
                coef,
                exp: a.exp + b.exp,
            }),
            None => Decimal::from_approx(self.approx() * other.approx()),
        }
    }

    /// `d1.Div(d2)`: `DivRound(d2, 16)`.
    pub(crate) fn div(&self, other: &Decimal) -> Result<Decimal, FuncError> {
        if other.coef == 0 {
            return Err(FuncError::msg("decimal division by 0"));
        }
        let (a, b) = (self.normalized(), other.normalized());
        let shift = a.exp - b.exp + DIVISION_PRECISION;
        let pow = |n: i32| 10i128.checked_pow(n.unsigned_abs());
        let (num, den) = if shift >= 0 {
            (pow(shift).and_then(|p| a.coef.checked_mul(p)), Some(b.coef))
        } else {
            (Some(a.coef), pow(shift).and_then(|p| b.coef.checked_mul(p)))
        };
        let (Some(num), Some(den)) = (num, den) else {
            return Decimal::from_approx(self.approx() / other.approx());
        };
        let mut q = num / den;
        let r = num % den;
        if r.unsigned_abs().saturating_mul(2) >= den.unsigned_abs() {
            q += if (num < 0) != (den < 0) { -1 } else { 1 };
        }
        Ok(Decimal {
            coef: q,
            exp: -DIVISION_PRECISION,
        })
    }

    /// The same value with trailing zeros of the coefficient moved into the exponent.
    fn normalized(self) -> Decimal {
        let mut d = self;
        while d.coef != 0 && d.coef % 10 == 0 {
            d.coef /= 10;
            d.exp += 1;
        }
        d
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(f: f64) -> Decimal {
        Decimal::from_f64(f).unwrap()
    }

    #[test]
    fn sums_are_exact_in_decimal() {
        assert_eq!(d(0.1).add(&d(0.2)).unwrap().to_f64(), 0.3);
        assert_eq!(d(1.1).sub(&d(0.2)).unwrap().to_f64(), 0.9);
        assert_eq!(d(1.1).mul(&d(3.0)).unwrap().to_f64(), 3.3);
        assert_eq!(d(1e20).add(&d(1.0)).unwrap().to_f64(), 1e20);
    }

    #[test]
    fn division_rounds_to_16_places() {
        assert_eq!(d(2.0).div(&d(3.0)).unwrap().to_f64(), 0.6666666666666667);
        assert_eq!(d(-2.0).div(&d(3.0)).unwrap().to_f64(), -0.6666666666666667);
        assert_eq!(d(1e-20).div(&d(3.0)).unwrap().to_f64(), 0.0);
        assert_eq!(
            d(123456789.0).div(&d(7.0)).unwrap().to_f64(),
            1.763668414285714e7
        );
        assert!(d(1.0).div(&d(0.0)).is_err());
    }

    #[test]
    fn overflow_gives_infinity() {
        assert!(d(1e200).mul(&d(1e200)).unwrap().to_f64().is_infinite());
    }
}
