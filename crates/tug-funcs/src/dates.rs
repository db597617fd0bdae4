//! Sprig's date group: `now date dateInZone date_in_zone htmlDate htmlDateInZone
//! dateModify date_modify mustDateModify must_date_modify ago unixEpoch duration
//! durationRound toDate mustToDate`.
//!
//! Times are `time.Time` host objects ([`GoTime`]) that print like Go
//! (`2006-01-02 15:04:05.999999999 -0700 MST`, plus ` m=+…` for `now`) and carry the
//! usual methods (`Format`, `Unix`, `Year`, `UTC`, …). Layouts are Go reference-time
//! layouts ([`layout`]); durations print and parse as Go's ([`duration`]). "Local" is the
//! process time zone (the `TZ` variable or the system setting), as in Go.

mod duration;
mod layout;

use std::borrow::Cow;
use std::sync::{Arc, LazyLock};
use std::time::Instant;

use jiff::Timestamp;
use jiff::tz::{Offset, TimeZone};
use tug_template::func::{Context, FuncError, Function, Param, Signature};
use tug_value::{MethodError, Object, Value};

pub(crate) use duration::{format_duration, parse_duration};

/// Go type name of times.
const TIME_TYPE: &str = "time.Time";
/// When the process started (Go's monotonic clock origin for `m=+…`).
static START: LazyLock<Instant> = LazyLock::new(Instant::now);

/// A Go `time.Time`: an instant, its location and possibly a monotonic reading.
#[derive(Clone)]
pub(crate) struct GoTime {
    ts: Timestamp,
    tz: TimeZone,
    /// For fixed zones made by parsing: the zone name Go would print (may be empty).
    fixed_name: Option<String>,
    /// Nanoseconds since process start, for times derived from `now`.
    mono: Option<i128>,
}

impl GoTime {
    fn now() -> GoTime {
        let mono = START.elapsed().as_nanos() as i128;
        GoTime {
            ts: Timestamp::now(),
            tz: TimeZone::system(),
            fixed_name: None,
            mono: Some(mono),
        }
    }

    fn unix(secs: i64) -> GoTime {
        GoTime {
            ts: Timestamp::from_second(secs).unwrap_or(Timestamp::UNIX_EPOCH),
            tz: TimeZone::system(),
            fixed_name: None,
            mono: None,
        }
    }

    /// Go's zero time, `0001-01-01 00:00:00 +0000 UTC`.
    fn zero() -> GoTime {
        let ts = jiff::civil::date(1, 1, 1)
            .at(0, 0, 0, 0)
            .to_zoned(TimeZone::UTC)
            .map(|z| z.timestamp())
            .unwrap_or(Timestamp::MIN);
        GoTime {
            ts,
            tz: TimeZone::UTC,
            fixed_name: None,
            mono: None,
        }
    }

    fn in_zone(&self, tz: TimeZone) -> GoTime {
        GoTime {
            ts: self.ts,
            tz,
            fixed_name: None,
            mono: None,
        }
    }

    fn add_nanos(&self, d: i64) -> GoTime {
        let ts = self
            .ts
            .checked_add(jiff::SignedDuration::from_nanos(d))
            .unwrap_or(self.ts);
        GoTime {
            ts,
            mono: self.mono.map(|m| m + i128::from(d)),
            ..self.clone()
        }
    }

    fn parts(&self) -> layout::Parts {
        let z = self.ts.to_zoned(self.tz.clone());
        let abbrev = match &self.fixed_name {
            Some(name) => name.clone(),
            None => self.tz.to_offset_info(self.ts).abbreviation().to_string(),
        };
        layout::Parts {
            year: i64::from(z.year()),
            month: z.month() as u8,
            day: z.day() as u8,
            hour: z.hour() as u8,
            minute: z.minute() as u8,
            second: z.second() as u8,
            nanos: z.subsec_nanosecond() as u32,
            weekday: z.weekday().to_sunday_zero_offset() as u8,
            yday: z.day_of_year() as u16,
            offset: z.offset().seconds(),
            abbrev,
        }
    }

    pub(crate) fn format(&self, layout_text: &str) -> String {
        layout::format(&self.parts(), layout_text)
    }

    fn unix_seconds(&self) -> i64 {
        self.ts.as_second()
    }

    /// Go's `Time.String()`.
    fn go_string(&self) -> String {
        let mut s = self.format("2006-01-02 15:04:05.999999999 -0700 MST");
        if let Some(m) = self.mono {
            let sign = if m < 0 { '-' } else { '+' };
            let abs = m.unsigned_abs();
            s.push_str(&format!(
                " m={sign}{}.{:09}",
                abs / 1_000_000_000,
                abs % 1_000_000_000
            ));
        }
        s
    }
}

impl Object for GoTime {
    fn type_name(&self) -> Cow<'static, str> {
        TIME_TYPE.into()
    }

    fn field(&self, _name: &str) -> Option<Value> {
        None
    }

    fn has_method(&self, name: &str) -> bool {
        self.call_method(name, &[Value::Nil, Value::Nil, Value::Nil])
            .is_some()
    }

    fn call_method(&self, name: &str, args: &[Value]) -> Option<Result<Value, MethodError>> {
        let p = || self.parts();
        let int = |n: i64| Ok(Value::Int(n));
        Some(match name {
            "Format" => Ok(Value::from(self.format(arg_str(args, 0)))),
            "String" => Ok(Value::from(self.go_string())),
            "Unix" => Ok(Value::Int64(self.unix_seconds())),
            "UnixMilli" => Ok(Value::Int64(self.ts.as_millisecond())),
            "UnixNano" => Ok(Value::Int64(self.ts.as_nanosecond() as i64)),
            "Year" => int(p().year),
            "Month" => Ok(Value::from(self.format("January"))),
            "Day" => int(i64::from(p().day)),
            "Hour" => int(i64::from(p().hour)),
            "Minute" => int(i64::from(p().minute)),
            "Second" => int(i64::from(p().second)),
            "Nanosecond" => int(i64::from(p().nanos)),
            "YearDay" => int(i64::from(p().yday)),
            "Weekday" => Ok(Value::from(self.format("Monday"))),
            "IsZero" => Ok(Value::Bool(self.ts == GoTime::zero().ts)),
            "UTC" => Ok(Value::Object(Arc::new(self.in_zone(TimeZone::UTC)))),
            "Local" => Ok(Value::Object(Arc::new(self.in_zone(TimeZone::system())))),
            "Add" => Ok(Value::Object(Arc::new(
                self.add_nanos(int_of(args.first())),
            ))),
            "Before" | "After" | "Equal" => other_time(args).map(|o| {
                Value::Bool(match name {
                    "Before" => self.ts < o.ts,
                    "After" => self.ts > o.ts,
                    _ => self.ts == o.ts,
                })
            }),
            _ => return None,
        })
    }

    fn stringer(&self) -> Option<String> {
        Some(self.go_string())
    }

    /// Go's `Time.MarshalJSON`: RFC 3339 with trimmed nanoseconds.
    fn json_value(&self) -> Option<Value> {
        Some(Value::from(
            self.format("2006-01-02T15:04:05.999999999Z07:00"),
        ))
    }
}

fn other_time(args: &[Value]) -> Result<GoTime, MethodError> {
    as_time(args.first().unwrap_or(&Value::Nil)).ok_or_else(|| {
        MethodError(format!(
            "wrong type for value; expected time.Time; got {}",
            args.first()
                .map_or(Cow::Borrowed("<nil>"), Value::type_name)
        ))
    })
}

fn arg_str(args: &[Value], i: usize) -> &str {
    args.get(i).and_then(Value::as_str).unwrap_or("")
}

fn int_of(v: Option<&Value>) -> i64 {
    match v {
        Some(Value::Int(n) | Value::Int64(n)) => *n,
        _ => 0,
    }
}

/// The `time.Time` inside a value, if it is one.
fn as_time(v: &Value) -> Option<GoTime> {
    let Value::Object(o) = v else { return None };
    if o.type_name() != TIME_TYPE {
        return None;
    }
    // Rebuild from the object's own answers: Unix seconds, nanoseconds and zone (whole
    // nanoseconds since 1970 overflow for years before 1678, e.g. Go's zero time).
    let secs = match o.call_method("Unix", &[]) {
        Some(Ok(Value::Int64(n))) => n,
        _ => return None,
    };
    let nanos = match o.call_method("Nanosecond", &[]) {
        Some(Ok(Value::Int(n))) => n,
        _ => return None,
    };
    let text = o.stringer().unwrap_or_default();
    let mut t = GoTime::unix(0);
    t.ts = Timestamp::new(secs, i32::try_from(nanos).ok()?).ok()?;
    t.tz = zone_of(o.as_ref()).unwrap_or_else(TimeZone::system);
    t.mono = text
        .split(" m=")
        .nth(1)
        .and_then(|m| m.replace('.', "").parse::<i128>().ok());
    Some(t)
}

/// The zone of a time object (via its `Format` of the numeric offset and name).
fn zone_of(o: &dyn Object) -> Option<TimeZone> {
    let offset = match o.call_method("Format", &[Value::from("-070000")]) {
        Some(Ok(Value::String(s))) => s.to_string(),
        _ => return None,
    };
    let name = match o.call_method("Format", &[Value::from("MST")]) {
        Some(Ok(Value::String(s))) => s.to_string(),
        _ => return None,
    };
    let sign = if offset.starts_with('-') { -1 } else { 1 };
    let digits: i32 = offset[1..].parse().ok()?;
    let secs = sign * ((digits / 10000) * 3600 + (digits / 100 % 100) * 60 + digits % 100);
    let local = TimeZone::system();
    if name == "UTC" && secs == 0 {
        return Some(TimeZone::UTC);
    }
    if local.to_offset(Timestamp::now()).seconds() == secs {
        return Some(local);
    }
    Offset::from_seconds(secs).ok().map(TimeZone::fixed)
}

fn time_value(t: GoTime) -> Value {
    Value::Object(Arc::new(t))
}

/// Sprig's conversion of a `date` argument: times as is, ints as Unix seconds,
/// anything else means "now".
fn date_arg(v: &Value) -> GoTime {
    match v {
        Value::Int(n) | Value::Int64(n) => GoTime::unix(*n),
        other => as_time(other).unwrap_or_else(GoTime::now),
    }
}

/// Go's `time.LoadLocation`, falling back to UTC as Sprig does.
fn load_location(name: &str) -> TimeZone {
    match name {
        "Local" => TimeZone::system(),
        "" | "UTC" => TimeZone::UTC,
        _ => TimeZone::get(name).unwrap_or(TimeZone::UTC),
    }
}

fn date_in_zone(layout_text: &str, date: &Value, zone: &str) -> String {
    date_arg(date)
        .in_zone(load_location(zone))
        .format(layout_text)
}

/// Registers this group's functions.
pub(crate) fn register(out: &mut Vec<Function>) {
    use Param::{Any, String as S};
    push(out, "now", &[], |_| Ok(time_value(GoTime::now())));
    push(out, "date", &[S, Any], |a| {
        Ok(date_in_zone(arg_str(a, 0), &a[1], "Local").into())
    });
    for name in ["dateInZone", "date_in_zone"] {
        push(out, name, &[S, Any, S], |a| {
            Ok(date_in_zone(arg_str(a, 0), &a[1], arg_str(a, 2)).into())
        });
    }
    push(out, "htmlDate", &[Any], |a| {
        Ok(date_in_zone("2006-01-02", &a[0], "Local").into())
    });
    push(out, "htmlDateInZone", &[Any, S], |a| {
        Ok(date_in_zone("2006-01-02", &a[0], arg_str(a, 1)).into())
    });
    const MODIFY: &[Param] = &[Param::String, Param::Named(TIME_TYPE)];
    for name in ["dateModify", "date_modify"] {
        push(out, name, MODIFY, |a| {
            let t = date_arg(&a[1]);
            Ok(time_value(match parse_duration(arg_str(a, 0)) {
                Ok(d) => t.add_nanos(d),
                Err(_) => t,
            }))
        });
    }
    for name in ["mustDateModify", "must_date_modify"] {
        push(out, name, MODIFY, |a| {
            let d = parse_duration(arg_str(a, 0)).map_err(FuncError::msg)?;
            Ok(time_value(date_arg(&a[1]).add_nanos(d)))
        });
    }
    push(out, "ago", &[Any], |a| Ok(ago(&a[0]).into()));
    push(out, "unixEpoch", &[Param::Named(TIME_TYPE)], |a| {
        Ok(date_arg(&a[0]).unix_seconds().to_string().into())
    });
    push(out, "duration", &[Any], |a| {
        Ok(seconds_duration(&a[0]).into())
    });
    push(out, "durationRound", &[Any], |a| {
        Ok(duration_round(&a[0]).into())
    });
    push(out, "toDate", &[S, S], |a| {
        Ok(time_value(
            to_date(arg_str(a, 0), arg_str(a, 1)).unwrap_or_else(|_| GoTime::zero()),
        ))
    });
    push(out, "mustToDate", &[S, S], |a| {
        to_date(arg_str(a, 0), arg_str(a, 1))
            .map(time_value)
            .map_err(FuncError::msg)
    });
}

fn push(
    out: &mut Vec<Function>,
    name: &'static str,
    params: &'static [Param],
    f: fn(&[Value]) -> Result<Value, FuncError>,
) {
    out.push(Function::new(
        name,
        Signature {
            params,
            variadic: None,
        },
        move |_: &mut dyn Context, args: &[Value]| {
            if args.len() < params.len() {
                return Err(FuncError::msg(format!("wrong number of args for {name}")));
            }
            f(args)
        },
    ));
}

/// Sprig's `ago`: time since the date, rounded to the second.
fn ago(date: &Value) -> String {
    let t = match date {
        Value::Int(n) | Value::Int64(n) => GoTime::unix(*n),
        other => as_time(other).unwrap_or_else(GoTime::now),
    };
    let since = Timestamp::now().as_nanosecond() - t.ts.as_nanosecond();
    let since = i64::try_from(since).unwrap_or(i64::MAX);
    format_duration(round_duration(since, 1_000_000_000))
}

/// Go's `Duration.Round(m)`: halves away from zero, saturating.
fn round_duration(d: i64, m: i64) -> i64 {
    let r = d % m;
    if d < 0 {
        let r = -r;
        if r + r < m {
            return d + r;
        }
        d.checked_sub(m - r).unwrap_or(i64::MIN)
    } else {
        if r + r < m {
            return d - r;
        }
        d.checked_add(m - r).unwrap_or(i64::MAX)
    }
}

/// Sprig's `duration`: seconds given as an int64 or a decimal string (anything else,
/// plain `int` included, counts as 0, as Helm v4.2.3 shows) as a Go duration.
fn seconds_duration(v: &Value) -> String {
    let n = match v {
        Value::Int64(n) => *n,
        Value::String(s) => s.parse::<i64>().unwrap_or(0),
        _ => 0,
    };
    format_duration(n.wrapping_mul(1_000_000_000))
}

/// Sprig's `durationRound`: the largest whole unit (`y mo d h m s`), or `0s`.
fn duration_round(v: &Value) -> String {
    let d: i64 = match v {
        Value::String(s) => parse_duration(s).unwrap_or(0),
        Value::Int64(n) => *n,
        other => match as_time(other) {
            Some(t) => {
                let since = Timestamp::now().as_nanosecond() - t.ts.as_nanosecond();
                i64::try_from(since).unwrap_or(i64::MAX)
            }
            None => 0,
        },
    };
    let u = d.unsigned_abs();
    const HOUR: u64 = 3_600_000_000_000;
    let units: [(u64, &str); 6] = [
        (HOUR * 24 * 365, "y"),
        (HOUR * 24 * 30, "mo"),
        (HOUR * 24, "d"),
        (HOUR, "h"),
        (60_000_000_000, "m"),
        (1_000_000_000, "s"),
    ];
    for (size, unit) in units {
        if u > size {
            return format!("{}{unit}", u / size);
        }
    }
    "0s".to_string()
}

/// Go's `time.ParseInLocation(layout, value, time.Local)`.
fn to_date(layout_text: &str, value: &str) -> Result<GoTime, String> {
    let p = layout::parse(layout_text, value)?;
    let civil = jiff::civil::DateTime::new(
        p.year.clamp(-9999, 9999) as i16,
        p.month as i8,
        p.day as i8,
        p.hour as i8,
        p.minute as i8,
        p.second as i8,
        p.nanos as i32,
    )
    .map_err(|e| e.to_string())?;
    let at_utc = civil
        .to_zoned(TimeZone::UTC)
        .map_err(|e| e.to_string())?
        .timestamp();
    let local = TimeZone::system();
    let mut t = GoTime {
        ts: at_utc,
        tz: TimeZone::UTC,
        fixed_name: None,
        mono: None,
    };
    if p.utc {
        return Ok(t);
    }
    if let Some(off) = p.offset {
        t.ts = at_utc
            .checked_sub(jiff::SignedDuration::from_secs(i64::from(off)))
            .map_err(|e| e.to_string())?;
        let info = local.to_offset_info(t.ts);
        let name_ok = p
            .zone_name
            .as_deref()
            .is_none_or(|n| n == info.abbreviation());
        if info.offset().seconds() == off && name_ok {
            t.tz = local;
        } else {
            t.tz = TimeZone::fixed(Offset::from_seconds(off).map_err(|e| e.to_string())?);
            t.fixed_name = Some(p.zone_name.unwrap_or_default());
        }
        return Ok(t);
    }
    if let Some(name) = p.zone_name {
        let info = local.to_offset_info(at_utc);
        if info.abbreviation() == name {
            let off = i64::from(info.offset().seconds());
            t.ts = at_utc
                .checked_sub(jiff::SignedDuration::from_secs(off))
                .map_err(|e| e.to_string())?;
            t.tz = local;
        } else {
            t.fixed_name = Some(name);
        }
        return Ok(t);
    }
    let z = civil.to_zoned(local.clone()).map_err(|e| e.to_string())?;
    t.ts = z.timestamp();
    t.tz = local;
    Ok(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duration_functions_follow_sprig() {
        assert_eq!(seconds_duration(&Value::Int64(90)), "1m30s");
        assert_eq!(seconds_duration(&Value::Int(90)), "0s");
        assert_eq!(seconds_duration(&Value::Float(1e6)), "0s");
        assert_eq!(seconds_duration(&Value::from("3600")), "1h0m0s");
        assert_eq!(duration_round(&Value::from("2h5m")), "2h");
        assert_eq!(duration_round(&Value::Int64(1_000)), "0s");
        assert_eq!(duration_round(&Value::from("-400h")), "16d");
    }

    #[test]
    fn times_format_and_round_trip() {
        let t = GoTime::unix(1_234_567_890).in_zone(TimeZone::UTC);
        assert_eq!(t.go_string(), "2009-02-13 23:31:30 +0000 UTC");
        assert_eq!(
            date_in_zone("2006-01-02 15:04", &Value::Int(0), "UTC"),
            "1970-01-01 00:00"
        );
        let parsed = to_date("2006-01-02T15:04:05Z07:00", "2020-05-06T07:08:09+02:00")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(parsed.unix_seconds(), 1_588_741_689);
        let back = as_time(&time_value(parsed)).map(|t| t.unix_seconds());
        assert_eq!(back, Some(1_588_741_689));
        let zero = as_time(&time_value(GoTime::zero())).map(|t| t.go_string());
        assert_eq!(zero.as_deref(), Some("0001-01-01 00:00:00 +0000 UTC"));
        assert_eq!(GoTime::zero().go_string(), "0001-01-01 00:00:00 +0000 UTC");
        assert_eq!(round_duration(1_500_000_000, 1_000_000_000), 2_000_000_000);
    }
}
