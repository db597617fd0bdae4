//! Go's `time.Duration` text form: `String()` (`1h2m3s`, `1.5s`, `2ms`, `0s`) and
//! `time.ParseDuration` with its error texts.

const NS: u64 = 1;
const US: u64 = 1_000;
const MS: u64 = 1_000_000;
const SEC: u64 = 1_000_000_000;

/// Go's `Duration.String()` for a duration in nanoseconds.
pub(crate) fn format_duration(d: i64) -> String {
    let neg = d < 0;
    let mut u = d.unsigned_abs();
    let mut out = String::new();
    if u < SEC {
        let (prec, unit) = match u {
            0 => return "0s".to_string(),
            x if x < US => (0, "ns"),
            x if x < MS => (3, "µs"),
            _ => (6, "ms"),
        };
        let (frac, int) = frac_part(u, prec);
        out.push_str(&int.to_string());
        out.push_str(&frac);
        out.push_str(unit);
    } else {
        let (frac, secs) = frac_part(u, 9);
        u = secs;
        let s = format!("{}{frac}s", u % 60);
        u /= 60;
        if u > 0 {
            let m = format!("{}m", u % 60);
            u /= 60;
            if u > 0 {
                out.push_str(&format!("{u}h"));
            }
            out.push_str(&m);
        }
        out.push_str(&s);
    }
    if neg {
        out.insert(0, '-');
    }
    out
}

/// Splits `v` into its last `prec` decimal digits (as `.ddd` without trailing zeros,
/// empty when zero) and the integer rest.
fn frac_part(v: u64, prec: u32) -> (String, u64) {
    let scale = 10u64.pow(prec);
    let frac = v % scale;
    if frac == 0 {
        return (String::new(), v / scale);
    }
    let digits = format!("{frac:0width$}", width = prec as usize);
    (format!(".{}", digits.trim_end_matches('0')), v / scale)
}

fn unit_nanos(unit: &str) -> Option<u64> {
    Some(match unit {
        "ns" => NS,
        "us" | "µs" | "μs" => US,
        "ms" => MS,
        "s" => SEC,
        "m" => 60 * SEC,
        "h" => 3600 * SEC,
        _ => return None,
    })
}

/// Go's `time.ParseDuration`: a sequence of decimal numbers with units, optional sign.
pub(crate) fn parse_duration(text: &str) -> Result<i64, String> {
    let invalid = || format!("time: invalid duration {}", go_quote(text));
    let mut s = text;
    let mut neg = false;
    if let Some(c) = s.chars().next()
        && (c == '-' || c == '+')
    {
        neg = c == '-';
        s = &s[1..];
    }
    if s == "0" {
        return Ok(0);
    }
    if s.is_empty() {
        return Err(invalid());
    }
    let mut total: u64 = 0;
    while !s.is_empty() {
        let int_len = s.bytes().take_while(u8::is_ascii_digit).count();
        let int_part = &s[..int_len];
        s = &s[int_len..];
        let mut frac_part = "";
        if let Some(rest) = s.strip_prefix('.') {
            let n = rest.bytes().take_while(u8::is_ascii_digit).count();
            frac_part = &rest[..n];
            s = &rest[n..];
            if int_len == 0 && n == 0 {
                return Err(invalid());
            }
        } else if int_len == 0 {
            return Err(invalid());
        }
        let unit_len = s
            .char_indices()
            .find(|(_, c)| *c == '.' || c.is_ascii_digit())
            .map_or(s.len(), |(i, _)| i);
        let unit = &s[..unit_len];
        s = &s[unit_len..];
        if unit.is_empty() {
            return Err(format!("time: missing unit in duration {}", go_quote(text)));
        }
        let Some(scale) = unit_nanos(unit) else {
            return Err(format!(
                "time: unknown unit {} in duration {}",
                go_quote(unit),
                go_quote(text)
            ));
        };
        let whole: u64 = if int_part.is_empty() {
            0
        } else {
            int_part.parse().map_err(|_| invalid())?
        };
        let mut v = whole.checked_mul(scale).ok_or_else(invalid)?;
        if !frac_part.is_empty() {
            let mut f = 0f64;
            let mut scale_f = 1f64;
            for b in frac_part.bytes().take(18) {
                f = f * 10.0 + f64::from(b - b'0');
                scale_f *= 10.0;
            }
            v = v
                .checked_add((f * (scale as f64 / scale_f)) as u64)
                .ok_or_else(invalid)?;
        }
        total = total.checked_add(v).ok_or_else(invalid)?;
        if total > 1u64 << 63 {
            return Err(invalid());
        }
    }
    if neg {
        return Ok((total as i64).wrapping_neg());
    }
    if total > i64::MAX as u64 {
        return Err(invalid());
    }
    Ok(total as i64)
}

/// Go's `%q`/`strconv.Quote` (as the time package's own `quote` prints ASCII text).
pub(crate) fn go_quote(s: &str) -> String {
    tug_value::fmt::quote(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_like_go() {
        let cases = [
            (0, "0s"),
            (1, "1ns"),
            (1_100, "1.1µs"),
            (2_200_000, "2.2ms"),
            (1_500_000_000, "1.5s"),
            (3_723_000_000_000, "1h2m3s"),
            (-60_000_000_000, "-1m0s"),
            (i64::MIN, "-2562047h47m16.854775808s"),
        ];
        for (d, want) in cases {
            assert_eq!(format_duration(d), want);
        }
    }

    #[test]
    fn parses_like_go() {
        assert_eq!(parse_duration("1h30m"), Ok(5_400_000_000_000));
        assert_eq!(parse_duration("-1.5s"), Ok(-1_500_000_000));
        assert_eq!(parse_duration("0"), Ok(0));
        assert_eq!(parse_duration("2µs"), Ok(2_000));
        assert_eq!(
            parse_duration("x").err().as_deref(),
            Some("time: invalid duration \"x\"")
        );
        assert_eq!(
            parse_duration("1").err().as_deref(),
            Some("time: missing unit in duration \"1\"")
        );
        assert_eq!(
            parse_duration("1d").err().as_deref(),
            Some("time: unknown unit \"d\" in duration \"1d\"")
        );
    }
}
