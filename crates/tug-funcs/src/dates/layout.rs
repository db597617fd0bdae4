//! Go's reference-time layouts (`2006-01-02T15:04:05Z07:00`): splitting a layout into
//! literal text and standard elements exactly as Go's `nextStdChunk` does, formatting
//! broken-down times with them, and parsing (`time.Parse`) the common elements with
//! Go's error texts.

const LONG_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const LONG_DAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

/// A standard layout element.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Std {
    LongMonth,
    Month,
    NumMonth,
    ZeroMonth,
    LongWeekDay,
    WeekDay,
    Day,
    UnderDay,
    ZeroDay,
    UnderYearDay,
    ZeroYearDay,
    Hour,
    Hour12,
    ZeroHour12,
    Minute,
    ZeroMinute,
    Second,
    ZeroSecond,
    LongYear,
    Year,
    PM,
    Pm,
    Tz,
    /// Numeric zone: `z` = ISO form (`Z` for UTC), `colon`, `secs` (with seconds),
    /// `short` (hours only).
    NumTz {
        z: bool,
        colon: bool,
        secs: bool,
        short: bool,
    },
    /// Fractional seconds: separator, digit count, `trim` for the `9` form.
    Frac {
        sep: char,
        digits: usize,
        trim: bool,
    },
}

/// Splits `layout` at its first standard element: (literal prefix, element, element
/// text, rest).
pub(crate) fn next_chunk(layout: &str) -> (&str, Option<(Std, &str)>, &str) {
    let b = layout.as_bytes();
    for i in 0..b.len() {
        if let Some((std, len, lit)) = element_at(layout, i) {
            let start = i + lit;
            return (
                &layout[..start],
                Some((std, &layout[start..i + len])),
                &layout[i + len..],
            );
        }
    }
    (layout, None, "")
}

fn starts_lower(s: &str) -> bool {
    s.bytes().next().is_some_and(|c| c.is_ascii_lowercase())
}

/// The element starting at byte `i` (its length from `i`, and how many leading bytes
/// of it are literal text, for `_2006`).
fn element_at(layout: &str, i: usize) -> Option<(Std, usize, usize)> {
    let s = &layout[i..];
    let b = s.as_bytes();
    let at = |n: usize| b.get(n).copied();
    let found = match b[0] {
        b'J' if s.starts_with("January") => (Std::LongMonth, 7),
        b'J' if s.starts_with("Jan") && !starts_lower(&s[3..]) => (Std::Month, 3),
        b'M' if s.starts_with("Monday") => (Std::LongWeekDay, 6),
        b'M' if s.starts_with("Mon") && !starts_lower(&s[3..]) => (Std::WeekDay, 3),
        b'M' if s.starts_with("MST") => (Std::Tz, 3),
        b'0' if matches!(at(1), Some(b'1'..=b'6')) => {
            let std = [
                Std::ZeroMonth,
                Std::ZeroDay,
                Std::ZeroHour12,
                Std::ZeroMinute,
                Std::ZeroSecond,
                Std::Year,
            ][usize::from(b[1] - b'1')];
            (std, 2)
        }
        b'0' if s.starts_with("002") => (Std::ZeroYearDay, 3),
        b'1' if at(1) == Some(b'5') => (Std::Hour, 2),
        b'1' => (Std::NumMonth, 1),
        b'2' if s.starts_with("2006") => (Std::LongYear, 4),
        b'2' => (Std::Day, 1),
        b'_' if s.starts_with("_2006") => return Some((Std::LongYear, 5, 1)),
        b'_' if s.starts_with("_2") => (Std::UnderDay, 2),
        b'_' if s.starts_with("__2") => (Std::UnderYearDay, 3),
        b'3' => (Std::Hour12, 1),
        b'4' => (Std::Minute, 1),
        b'5' => (Std::Second, 1),
        b'P' if at(1) == Some(b'M') => (Std::PM, 2),
        b'p' if at(1) == Some(b'm') => (Std::Pm, 2),
        b'-' | b'Z' => return num_tz(s).map(|(std, n)| (std, n, 0)),
        b'.' | b',' => return frac(s).map(|(std, n)| (std, n, 0)),
        _ => return None,
    };
    Some((found.0, found.1, 0))
}

fn num_tz(s: &str) -> Option<(Std, usize)> {
    let z = s.starts_with('Z');
    let body = &s[1..];
    let tz = |colon, secs, short| Std::NumTz {
        z,
        colon,
        secs,
        short,
    };
    if body.starts_with("070000") {
        Some((tz(false, true, false), 7))
    } else if body.starts_with("07:00:00") {
        Some((tz(true, true, false), 9))
    } else if body.starts_with("0700") {
        Some((tz(false, false, false), 5))
    } else if body.starts_with("07:00") {
        Some((tz(true, false, false), 6))
    } else if body.starts_with("07") {
        Some((tz(false, false, true), 3))
    } else {
        None
    }
}

fn frac(s: &str) -> Option<(Std, usize)> {
    let b = s.as_bytes();
    let ch = *b.get(1)?;
    if ch != b'0' && ch != b'9' {
        return None;
    }
    let n = b[1..].iter().take_while(|&&c| c == ch).count();
    if b.get(1 + n).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let std = Std::Frac {
        sep: char::from(b[0]),
        digits: n,
        trim: ch == b'9',
    };
    Some((std, 1 + n))
}

/// A broken-down time in one zone.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Parts {
    pub year: i64,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
    pub nanos: u32,
    /// 0 = Sunday.
    pub weekday: u8,
    /// 1-based day of the year.
    pub yday: u16,
    /// Offset east of UTC in seconds.
    pub offset: i32,
    /// Zone abbreviation (`UTC`, `CET`); empty when unknown.
    pub abbrev: String,
}

fn pad(out: &mut String, v: i64, width: usize) {
    if v < 0 {
        out.push('-');
        out.push_str(&format!("{:0width$}", -v));
    } else {
        out.push_str(&format!("{v:0width$}"));
    }
}

/// Go's `Time.Format(layout)`.
pub(crate) fn format(p: &Parts, layout: &str) -> String {
    let mut out = String::new();
    let mut rest = layout;
    loop {
        let (lit, std, tail) = next_chunk(rest);
        out.push_str(lit);
        let Some((std, _)) = std else { break };
        format_std(&mut out, p, std);
        rest = tail;
    }
    out
}

fn format_std(out: &mut String, p: &Parts, std: Std) {
    let hour12 = match p.hour % 12 {
        0 => 12,
        h => h,
    };
    let month = LONG_MONTHS[usize::from(p.month.clamp(1, 12) - 1)];
    let day = LONG_DAYS[usize::from(p.weekday % 7)];
    match std {
        Std::LongYear => pad(out, p.year, 4),
        Std::Year => pad(out, p.year.rem_euclid(100), 2),
        Std::LongMonth => out.push_str(month),
        Std::Month => out.push_str(&month[..3]),
        Std::NumMonth => pad(out, i64::from(p.month), 0),
        Std::ZeroMonth => pad(out, i64::from(p.month), 2),
        Std::LongWeekDay => out.push_str(day),
        Std::WeekDay => out.push_str(&day[..3]),
        Std::Day => pad(out, i64::from(p.day), 0),
        Std::UnderDay => out.push_str(&format!("{:>2}", p.day)),
        Std::ZeroDay => pad(out, i64::from(p.day), 2),
        Std::UnderYearDay => out.push_str(&format!("{:>3}", p.yday)),
        Std::ZeroYearDay => pad(out, i64::from(p.yday), 3),
        Std::Hour => pad(out, i64::from(p.hour), 2),
        Std::Hour12 => pad(out, i64::from(hour12), 0),
        Std::ZeroHour12 => pad(out, i64::from(hour12), 2),
        Std::Minute => pad(out, i64::from(p.minute), 0),
        Std::ZeroMinute => pad(out, i64::from(p.minute), 2),
        Std::Second => pad(out, i64::from(p.second), 0),
        Std::ZeroSecond => pad(out, i64::from(p.second), 2),
        Std::PM => out.push_str(if p.hour >= 12 { "PM" } else { "AM" }),
        Std::Pm => out.push_str(if p.hour >= 12 { "pm" } else { "am" }),
        Std::Tz if !p.abbrev.is_empty() => out.push_str(&p.abbrev),
        Std::Tz => format_offset(out, p.offset, false, false, false),
        Std::NumTz { z: true, .. } if p.offset == 0 => out.push('Z'),
        Std::NumTz {
            colon, secs, short, ..
        } => format_offset(out, p.offset, colon, secs, short),
        Std::Frac { sep, digits, trim } => format_frac(out, p.nanos, sep, digits, trim),
    }
}

fn format_offset(out: &mut String, offset: i32, colon: bool, secs: bool, short: bool) {
    let abs = offset.unsigned_abs();
    out.push(if offset < 0 { '-' } else { '+' });
    let minutes = abs / 60;
    pad(out, i64::from(minutes / 60), 2);
    if colon {
        out.push(':');
    }
    if !short {
        pad(out, i64::from(minutes % 60), 2);
    }
    if secs {
        if colon {
            out.push(':');
        }
        pad(out, i64::from(abs % 60), 2);
    }
}

fn format_frac(out: &mut String, nanos: u32, sep: char, digits: usize, trim: bool) {
    let all = format!("{nanos:09}");
    let mut d = &all[..digits.min(9)];
    if trim {
        d = d.trim_end_matches('0');
        if d.is_empty() {
            return;
        }
    }
    out.push(sep);
    out.push_str(d);
}

/// What `time.Parse` read, before a zone is attached.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Parsed {
    pub year: i64,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
    pub nanos: u32,
    /// Explicit numeric offset (or 0 for `Z`).
    pub offset: Option<i32>,
    /// An explicit `Z` (UTC) was read.
    pub utc: bool,
    /// A zone abbreviation was read (`MST`).
    pub zone_name: Option<String>,
}

/// Go's `ParseError` text.
fn parse_error(layout: &str, value: &str, value_elem: &str, layout_elem: &str) -> String {
    format!(
        "parsing time {} as {}: cannot parse {} as {}",
        super::duration::go_quote(value),
        super::duration::go_quote(layout),
        super::duration::go_quote(value_elem),
        super::duration::go_quote(layout_elem)
    )
}

fn message_error(value: &str, msg: &str) -> String {
    format!("parsing time {}{msg}", super::duration::go_quote(value))
}

/// Go's `skip`: matches the literal `prefix`, where a space matches any run of spaces.
fn skip<'a>(mut value: &'a str, mut prefix: &str) -> Option<&'a str> {
    while let Some(p) = prefix.chars().next() {
        if p == ' ' {
            if !value.is_empty() && !value.starts_with(' ') {
                return None;
            }
            prefix = prefix.trim_start_matches(' ');
            value = value.trim_start_matches(' ');
            continue;
        }
        if !value.starts_with(p) {
            return None;
        }
        prefix = &prefix[p.len_utf8()..];
        value = &value[p.len_utf8()..];
    }
    Some(value)
}

/// Go's `getnum`: one or two digits (`fixed` requires two).
fn getnum(s: &str, fixed: bool) -> Option<(u32, &str)> {
    let b = s.as_bytes();
    let digit = |i: usize| {
        b.get(i)
            .filter(|c| c.is_ascii_digit())
            .map(|c| u32::from(c - b'0'))
    };
    let first = digit(0)?;
    match digit(1) {
        Some(second) => Some((first * 10 + second, &s[2..])),
        None if fixed => None,
        None => Some((first, &s[1..])),
    }
}

/// Case-insensitive prefix lookup of a month or weekday name.
fn lookup<'a>(names: &[&str], s: &'a str, len: Option<usize>) -> Option<(usize, &'a str)> {
    names.iter().enumerate().find_map(|(i, name)| {
        let name = len.map_or(*name, |n| &name[..n]);
        let head = s.get(..name.len())?;
        head.eq_ignore_ascii_case(name)
            .then(|| (i, &s[name.len()..]))
    })
}

fn days_in(month: u8, year: i64) -> u8 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Go's `time.Parse` for the elements charts use; errors are Go's texts.
pub(crate) fn parse(layout: &str, value: &str) -> Result<Parsed, String> {
    let mut p = Parsed {
        month: 1,
        day: 1,
        ..Parsed::default()
    };
    let (mut pm, mut am) = (false, false);
    let mut rest_layout = layout;
    let mut v = value;
    loop {
        let (prefix, std, suffix) = next_chunk(rest_layout);
        v = skip(v, prefix).ok_or_else(|| parse_error(layout, value, v, prefix))?;
        let Some((std, stdstr)) = std else {
            if !v.is_empty() {
                return Err(message_error(
                    value,
                    &format!(": extra text: {}", super::duration::go_quote(v)),
                ));
            }
            break;
        };
        rest_layout = suffix;
        let hold = v;
        let bad = || parse_error(layout, value, hold, stdstr);
        let range = |what: &str| message_error(value, &format!(": {what} out of range"));
        match parse_std(&mut p, std, v, suffix, &mut pm, &mut am) {
            Ok(rest) => v = rest,
            Err(Some(what)) => return Err(range(what)),
            Err(None) => return Err(bad()),
        }
    }
    if pm && p.hour < 12 {
        p.hour += 12;
    } else if am && p.hour == 12 {
        p.hour = 0;
    }
    if p.day < 1 || p.day > days_in(p.month, p.year) {
        return Err(message_error(value, ": day out of range"));
    }
    Ok(p)
}

/// Reads one element; `Err(Some(x))` is "x out of range", `Err(None)` a mismatch.
fn parse_std<'a>(
    p: &mut Parsed,
    std: Std,
    v: &'a str,
    next_layout: &str,
    pm: &mut bool,
    am: &mut bool,
) -> Result<&'a str, Option<&'static str>> {
    let num = |fixed| getnum(v, fixed).ok_or(None);
    let in_range = |n: u32, lo: u32, hi: u32, what| {
        if (lo..=hi).contains(&n) {
            Ok(n as u8)
        } else {
            Err(Some(what))
        }
    };
    Ok(match std {
        Std::Year => {
            let (n, r) = getnum(v, true).ok_or(None)?;
            p.year = i64::from(if n >= 69 { 1900 + n } else { 2000 + n });
            r
        }
        Std::LongYear => {
            let head = v
                .get(..4)
                .filter(|h| h.bytes().all(|c| c.is_ascii_digit()))
                .ok_or(None)?;
            p.year = head.parse().map_err(|_| None)?;
            &v[4..]
        }
        Std::Month | Std::LongMonth => {
            let short = (std == Std::Month).then_some(3);
            let (i, r) = lookup(&LONG_MONTHS, v, short).ok_or(None)?;
            p.month = i as u8 + 1;
            r
        }
        Std::NumMonth | Std::ZeroMonth => {
            let (n, r) = num(std == Std::ZeroMonth)?;
            p.month = in_range(n, 1, 12, "month")?;
            r
        }
        Std::WeekDay | Std::LongWeekDay => {
            let short = (std == Std::WeekDay).then_some(3);
            lookup(&LONG_DAYS, v, short).ok_or(None)?.1
        }
        Std::Day | Std::UnderDay | Std::ZeroDay => {
            let v = if std == Std::UnderDay {
                v.strip_prefix(' ').unwrap_or(v)
            } else {
                v
            };
            let (n, r) = getnum(v, std == Std::ZeroDay).ok_or(None)?;
            p.day = n.min(99) as u8;
            r
        }
        Std::Hour => {
            let (n, r) = num(false)?;
            p.hour = in_range(n, 0, 23, "hour")?;
            r
        }
        Std::Hour12 | Std::ZeroHour12 => {
            let (n, r) = num(std == Std::ZeroHour12)?;
            p.hour = in_range(n, 0, 12, "hour")?;
            r
        }
        Std::Minute | Std::ZeroMinute => {
            let (n, r) = num(std == Std::ZeroMinute)?;
            p.minute = in_range(n, 0, 59, "minute")?;
            r
        }
        Std::Second | Std::ZeroSecond => {
            let (n, mut r) = num(std == Std::ZeroSecond)?;
            p.second = in_range(n, 0, 59, "second")?;
            // A fraction the layout does not mention is still accepted.
            let frac_next = matches!(next_chunk(next_layout).1, Some((Std::Frac { .. }, _)))
                && next_chunk(next_layout).0.is_empty();
            if !frac_next
                && r.len() > 1
                && r.starts_with(['.', ','])
                && r.as_bytes()[1].is_ascii_digit()
            {
                let n = r[1..].bytes().take_while(u8::is_ascii_digit).count();
                p.nanos = frac_nanos(&r[1..=n]);
                r = &r[1 + n..];
            }
            r
        }
        Std::PM | Std::Pm => {
            let head = v.get(..2).ok_or(None)?;
            let (up, low) = if std == Std::PM {
                ("PM", "AM")
            } else {
                ("pm", "am")
            };
            if head == up {
                *pm = true;
            } else if head == low {
                *am = true;
            } else {
                return Err(None);
            }
            &v[2..]
        }
        Std::NumTz {
            z,
            colon,
            secs,
            short,
        } => {
            if z && v.starts_with('Z') {
                p.utc = true;
                p.offset = Some(0);
                return Ok(&v[1..]);
            }
            parse_offset(p, v, colon, secs, short).ok_or(None)?
        }
        Std::Tz => {
            if let Some(rest) = v.strip_prefix("UTC") {
                p.utc = true;
                p.offset = Some(0);
                return Ok(rest);
            }
            let n = v.bytes().take_while(u8::is_ascii_uppercase).count();
            if !(3..=5).contains(&n) {
                return Err(None);
            }
            p.zone_name = Some(v[..n].to_string());
            &v[n..]
        }
        Std::Frac { digits, trim, .. } => {
            if trim {
                if v.len() < 2 || !v.starts_with(['.', ',']) || !v.as_bytes()[1].is_ascii_digit() {
                    return Ok(v);
                }
                let n = v[1..].bytes().take_while(u8::is_ascii_digit).count();
                p.nanos = frac_nanos(&v[1..=n]);
                &v[1 + n..]
            } else {
                let body = v.get(1..=digits).ok_or(None)?;
                if !v.starts_with(['.', ',']) || !body.bytes().all(|c| c.is_ascii_digit()) {
                    return Err(None);
                }
                p.nanos = frac_nanos(body);
                &v[1 + digits..]
            }
        }
        Std::UnderYearDay | Std::ZeroYearDay => return Err(None),
    })
}

fn frac_nanos(digits: &str) -> u32 {
    let mut s: String = digits.chars().take(9).collect();
    while s.len() < 9 {
        s.push('0');
    }
    s.parse().unwrap_or(0)
}

fn parse_offset<'a>(
    p: &mut Parsed,
    v: &'a str,
    colon: bool,
    secs: bool,
    short: bool,
) -> Option<&'a str> {
    let sign = match v.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let mut r = &v[1..];
    let two = |s: &'a str| -> Option<(i32, &'a str)> {
        let h = s
            .get(..2)
            .filter(|h| h.bytes().all(|c| c.is_ascii_digit()))?;
        Some((h.parse().ok()?, &s[2..]))
    };
    let (h, rest) = two(r)?;
    r = rest;
    let mut m = 0;
    let mut sec = 0;
    if !short {
        if colon {
            r = r.strip_prefix(':')?;
        }
        (m, r) = two(r)?;
    }
    if secs {
        if colon {
            r = r.strip_prefix(':')?;
        }
        (sec, r) = two(r)?;
    }
    if h > 24 || m > 60 || sec > 60 {
        return None;
    }
    p.offset = Some(sign * (h * 3600 + m * 60 + sec));
    Some(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Parts {
        Parts {
            year: 2009,
            month: 11,
            day: 10,
            hour: 23,
            minute: 4,
            second: 5,
            nanos: 120_000_000,
            weekday: 2,
            yday: 314,
            offset: -7 * 3600,
            abbrev: "MST".into(),
        }
    }

    #[test]
    fn formats_reference_layouts() {
        let p = sample();
        let cases = [
            ("2006-01-02T15:04:05Z07:00", "2009-11-10T23:04:05-07:00"),
            (
                "Mon Jan _2 15:04:05 MST 2006",
                "Tue Nov 10 23:04:05 MST 2009",
            ),
            ("3:04PM", "11:04PM"),
            ("2006-01-02 15:04:05.000", "2009-11-10 23:04:05.120"),
            ("05.999999999", "05.12"),
            (
                "Monday January 2 06 002 __2",
                "Tuesday November 10 09 314 314",
            ),
            ("-0700 -07 Z07:00:00", "-0700 -07 -07:00:00"),
            ("Janet", "Janet"),
        ];
        for (layout, want) in cases {
            assert_eq!(format(&p, layout), want, "{layout}");
        }
        let utc = Parts {
            offset: 0,
            abbrev: String::new(),
            ..sample()
        };
        assert_eq!(format(&utc, "Z07:00 MST"), "Z +0000");
    }

    #[test]
    fn parses_like_go() {
        let p = parse("2006-01-02", "2024-02-29").unwrap_or_default();
        assert_eq!((p.year, p.month, p.day), (2024, 2, 29));
        let p =
            parse("2006-01-02T15:04:05Z07:00", "2020-05-06T07:08:09.5+02:00").unwrap_or_default();
        assert_eq!((p.hour, p.nanos, p.offset), (7, 500_000_000, Some(7200)));
        assert_eq!(
            parse("2006-01-02", "x").err().as_deref(),
            Some("parsing time \"x\" as \"2006-01-02\": cannot parse \"x\" as \"2006\"")
        );
        assert_eq!(
            parse("2006-01-02", "2023-02-29").err().as_deref(),
            Some("parsing time \"2023-02-29\": day out of range")
        );
        assert_eq!(
            parse("2006-01-02", "2023-13-01").err().as_deref(),
            Some("parsing time \"2023-13-01\": month out of range")
        );
        assert_eq!(
            parse("2006", "2023x").err().as_deref(),
            Some("parsing time \"2023x\": extra text: \"x\"")
        );
    }
}
