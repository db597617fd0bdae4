//! Time formats used by apimachinery's JSON: `metav1.Time` (RFC 3339, seconds), `MicroTime`
//! (RFC 3339 with 6 fraction digits), both in UTC, and Go's `time.Duration` text form.

const NANOS: u64 = 1_000_000_000;

/// Days since 1970-01-01 of a proleptic Gregorian date.
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = i64::from((m + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day count since 1970-01-01.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// Formats Unix `secs` + `nanos` as RFC 3339 in UTC; `micro` adds six fraction digits.
/// `None` when the year is outside 0..=9999 (Go's encoder refuses those).
pub fn format_time(secs: i64, nanos: i32, micro: bool) -> Option<String> {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, mo, d) = civil_from_days(days);
    if !(0..=9999).contains(&y) {
        return None;
    }
    let (h, mi, s) = (rem / 3600, rem / 60 % 60, rem % 60);
    let mut out = format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}");
    if micro {
        out.push_str(&format!(".{:06}", nanos.clamp(0, 999_999_999) / 1000));
    }
    out.push('Z');
    Some(out)
}

fn num(s: &str, range: std::ops::RangeInclusive<u32>) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok().filter(|v| range.contains(v))
}

/// Parses RFC 3339 (`2006-01-02T15:04:05[.frac](Z|±hh:mm)`) into Unix seconds and nanos.
pub fn parse_time(s: &str) -> Option<(i64, i32)> {
    let b = s.as_bytes();
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't') {
        return None;
    }
    if b[13] != b':' || b[16] != b':' {
        return None;
    }
    let y = num(s.get(0..4)?, 0..=9999)?;
    let mo = num(s.get(5..7)?, 1..=12)?;
    let d = num(s.get(8..10)?, 1..=31)?;
    let h = num(s.get(11..13)?, 0..=23)?;
    let mi = num(s.get(14..16)?, 0..=59)?;
    let sec = num(s.get(17..19)?, 0..=59)?;
    let mut rest = s.get(19..)?;
    let mut nanos = 0i32;
    if let Some(frac) = rest.strip_prefix('.') {
        let n = frac.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 || n > 9 {
            return None;
        }
        let digits = num(&frac[..n], 0..=999_999_999)?;
        nanos = (digits * 10u32.pow(9 - n as u32)) as i32;
        rest = &frac[n..];
    }
    let offset = match rest {
        "Z" | "z" => 0,
        _ if rest.len() == 6 && rest.as_bytes()[3] == b':' => {
            let sign = match rest.as_bytes()[0] {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let oh = i64::from(num(&rest[1..3], 0..=23)?);
            let om = i64::from(num(&rest[4..6], 0..=59)?);
            sign * (oh * 3600 + om * 60)
        }
        _ => return None,
    };
    let days = days_from_civil(i64::from(y), mo, d);
    let secs = days * 86_400 + i64::from(h * 3600 + mi * 60 + sec) - offset;
    Some((secs, nanos))
}

/// `digits` with trailing zeros dropped, after a dot (empty when all zero).
fn frac(v: u64, width: usize) -> String {
    if v == 0 {
        return String::new();
    }
    let s = format!("{v:0width$}");
    format!(".{}", s.trim_end_matches('0'))
}

/// Go's `time.Duration.String()`: `72h3m0.5s`, `1.5µs`, `0s`.
pub fn format_duration(d: i64) -> String {
    if d == 0 {
        return "0s".to_string();
    }
    let sign = if d < 0 { "-" } else { "" };
    let u = d.unsigned_abs();
    if u < NANOS {
        return match u {
            0..1_000 => format!("{sign}{u}ns"),
            1_000..1_000_000 => format!("{sign}{}{}µs", u / 1_000, frac(u % 1_000, 3)),
            _ => format!("{sign}{}{}ms", u / 1_000_000, frac(u % 1_000_000, 6)),
        };
    }
    let secs = u / NANOS;
    let tail = format!("{}{}s", secs % 60, frac(u % NANOS, 9));
    let (m, h) = (secs / 60 % 60, secs / 3600);
    match (h, m) {
        (0, 0) => format!("{sign}{tail}"),
        (0, m) => format!("{sign}{m}m{tail}"),
        (h, m) => format!("{sign}{h}h{m}m{tail}"),
    }
}

/// Go's `time.ParseDuration`: `[-+]` then `<number><unit>` pairs, units ns us µs ms s m h.
pub fn parse_duration(s: &str) -> Option<i64> {
    let (neg, mut rest) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    if rest == "0" {
        return Some(0);
    }
    if rest.is_empty() {
        return None;
    }
    let mut total: u64 = 0;
    while !rest.is_empty() {
        let int_len = rest.bytes().take_while(u8::is_ascii_digit).count();
        let int: u64 = if int_len == 0 {
            0
        } else {
            rest[..int_len].parse().ok()?
        };
        rest = &rest[int_len..];
        let mut frac_digits = "";
        if let Some(f) = rest.strip_prefix('.') {
            let n = f.bytes().take_while(u8::is_ascii_digit).count();
            frac_digits = &f[..n];
            rest = &f[n..];
        }
        if int_len == 0 && frac_digits.is_empty() {
            return None;
        }
        let unit_len = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let unit: u64 = match &rest[..unit_len] {
            "ns" => 1,
            "us" | "µs" | "μs" => 1_000,
            "ms" => 1_000_000,
            "s" => NANOS,
            "m" => 60 * NANOS,
            "h" => 3600 * NANOS,
            _ => return None,
        };
        rest = &rest[unit_len..];
        let mut v = int.checked_mul(unit)?;
        let mut scale = unit;
        for c in frac_digits.bytes().take(19) {
            scale /= 10;
            v = v.checked_add(u64::from(c - b'0') * scale)?;
        }
        total = total.checked_add(v)?;
    }
    let total = i64::try_from(total).ok()?;
    Some(if neg { -total } else { total })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times() {
        assert_eq!(format_time(0, 0, false).unwrap(), "1970-01-01T00:00:00Z");
        assert_eq!(
            format_time(1_199_149_261, 5, false).unwrap(),
            "2008-01-01T01:01:01Z"
        );
        assert_eq!(
            format_time(1_199_149_261, 123_456_789, true).unwrap(),
            "2008-01-01T01:01:01.123456Z"
        );
        assert_eq!(
            format_time(-62_135_596_800, 0, false).unwrap(),
            "0001-01-01T00:00:00Z"
        );
        assert_eq!(format_time(i64::MAX / 2, 0, false), None);
        assert_eq!(parse_time("2008-01-01T01:01:01Z"), Some((1_199_149_261, 0)));
        assert_eq!(
            parse_time("2008-01-01T02:01:01.5+01:00"),
            Some((1_199_149_261, 500_000_000))
        );
        assert_eq!(parse_time("2008-01-01 01:01:01Z"), None);
        assert_eq!(parse_time("2008-13-01T01:01:01Z"), None);
    }

    #[test]
    fn durations() {
        let cases = [
            (0, "0s"),
            (1, "1ns"),
            (1_500, "1.5µs"),
            (2_000_000, "2ms"),
            (1_000_000_000, "1s"),
            (90 * NANOS as i64, "1m30s"),
            (3600 * NANOS as i64, "1h0m0s"),
            (3_723_500_000_000, "1h2m3.5s"),
            (-1_500_000_000, "-1.5s"),
        ];
        for (d, s) in cases {
            assert_eq!(format_duration(d), s);
            assert_eq!(parse_duration(s), Some(d), "{s}");
        }
        assert_eq!(parse_duration("1x"), None);
        assert_eq!(parse_duration(""), None);
        assert_eq!(parse_duration(".s"), None);
    }
}
