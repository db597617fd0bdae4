//! Versions as Masterminds semver v3 parses them (`NewVersion`): lenient about a `v`
//! prefix, missing minor/patch parts and leading zeros in the numeric parts, strict
//! about pre-release and metadata identifiers. The original text is kept.

use std::cmp::Ordering;
use std::fmt;
use std::sync::LazyLock;

use regex::Regex;

use crate::Error;

/// `v?MAJOR(.MINOR)?(.PATCH)?(-PRE)?(+META)?`, anchored. The numeric parts may carry
/// leading zeros; identifiers are ASCII alphanumerics and hyphens.
static VERSION_RE: LazyLock<Regex> = LazyLock::new(|| {
    let ident = r"[0-9A-Za-z\-]+(?:\.[0-9A-Za-z\-]+)*";
    let pattern = format!(r"^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(?:-({ident}))?(?:\+({ident}))?$");
    Regex::new(&pattern).unwrap_or_else(|e| panic!("version regex: {e}"))
});

/// A parsed semantic version.
///
/// Equality and ordering follow SemVer precedence: build metadata is ignored, a
/// pre-release sorts before its release, pre-release identifiers compare numerically
/// when both are numbers.
#[derive(Clone, Debug)]
pub struct Version {
    major: u64,
    minor: u64,
    patch: u64,
    pre: String,
    metadata: String,
    original: String,
}

impl Version {
    /// Parses `text` leniently (Masterminds `NewVersion`): `v1.2` is 1.2.0, `1` is 1.0.0,
    /// `1.02.3` is 1.2.3.
    pub fn parse(text: &str) -> Result<Version, Error> {
        let caps = VERSION_RE.captures(text).ok_or(Error::InvalidSemVer)?;
        let part = |i: usize| caps.get(i).map_or("", |m| m.as_str());
        let number = |s: &str| -> Result<u64, Error> {
            let digits = s.trim_start_matches('.');
            if digits.is_empty() {
                return Ok(0);
            }
            digits
                .parse::<u64>()
                .map_err(|_| Error::SegmentOutOfRange(digits.to_string()))
        };
        let version = Version {
            major: number(part(1))?,
            minor: number(part(2))?,
            patch: number(part(3))?,
            pre: part(4).to_string(),
            metadata: part(5).to_string(),
            original: text.to_string(),
        };
        validate_prerelease(&version.pre)?;
        validate_metadata(&version.metadata)?;
        Ok(version)
    }

    /// Parses `text` strictly (Masterminds `StrictNewVersion`): exactly
    /// `MAJOR.MINOR.PATCH[-PRE][+META]`, no `v` prefix, no leading zeros.
    pub fn parse_strict(text: &str) -> Result<Version, Error> {
        if text.is_empty() {
            return Err(Error::EmptyString);
        }
        let mut parts = text.splitn(3, '.');
        let (Some(major), Some(minor), Some(rest)) = (parts.next(), parts.next(), parts.next())
        else {
            return Err(Error::InvalidSemVer);
        };
        let (mut patch, mut pre, mut metadata) = (rest, "", "");
        if rest.contains(['-', '+']) {
            if let Some((p, m)) = patch.split_once('+') {
                (patch, metadata) = (p, m);
            }
            if let Some((p, r)) = patch.split_once('-') {
                (patch, pre) = (p, r);
            }
        }
        let mut nums = [0u64; 3];
        for (slot, part) in nums.iter_mut().zip([major, minor, patch]) {
            if !is_numeric(part) {
                return Err(Error::InvalidCharacters);
            }
            if part.len() > 1 && part.starts_with('0') {
                return Err(Error::SegmentStartsZero);
            }
            *slot = part
                .parse()
                .map_err(|_| Error::SegmentOutOfRange(part.to_string()))?;
        }
        validate_prerelease(pre)?;
        validate_metadata(metadata)?;
        Ok(Version {
            major: nums[0],
            minor: nums[1],
            patch: nums[2],
            pre: pre.to_string(),
            metadata: metadata.to_string(),
            original: text.to_string(),
        })
    }

    /// A version from its parts; the original text is its canonical string.
    pub fn new(major: u64, minor: u64, patch: u64) -> Version {
        let mut v = Version {
            major,
            minor,
            patch,
            pre: String::new(),
            metadata: String::new(),
            original: String::new(),
        };
        v.original = v.to_string();
        v
    }

    /// The major number.
    pub fn major(&self) -> u64 {
        self.major
    }

    /// The minor number.
    pub fn minor(&self) -> u64 {
        self.minor
    }

    /// The patch number.
    pub fn patch(&self) -> u64 {
        self.patch
    }

    /// The pre-release identifiers without the `-` (empty when none).
    pub fn prerelease(&self) -> &str {
        &self.pre
    }

    /// The build metadata without the `+` (empty when none).
    pub fn metadata(&self) -> &str {
        &self.metadata
    }

    /// The text the version was parsed from.
    pub fn original(&self) -> &str {
        &self.original
    }

    /// Masterminds `Compare`: -1, 0 or 1.
    pub fn compare(&self, other: &Version) -> i32 {
        match self.cmp(other) {
            Ordering::Less => -1,
            Ordering::Equal => 0,
            Ordering::Greater => 1,
        }
    }

    /// `IncMajor`: next major version, pre-release and metadata dropped.
    pub fn inc_major(&self) -> Version {
        self.derived(self.major.saturating_add(1), 0, 0)
    }

    /// `IncMinor`: next minor version, pre-release and metadata dropped.
    pub fn inc_minor(&self) -> Version {
        self.derived(self.major, self.minor.saturating_add(1), 0)
    }

    /// `IncPatch`: a pre-release or metadata version becomes its release; otherwise the
    /// patch number goes up.
    pub fn inc_patch(&self) -> Version {
        if self.pre.is_empty() && self.metadata.is_empty() {
            self.derived(self.major, self.minor, self.patch.saturating_add(1))
        } else {
            self.derived(self.major, self.minor, self.patch)
        }
    }

    /// `SetPrerelease`: the same version with pre-release `pre` (validated unless empty).
    pub fn with_prerelease(&self, pre: &str) -> Result<Version, Error> {
        validate_prerelease(pre)?;
        let mut v = self.clone();
        v.pre = pre.to_string();
        v.reset_original();
        Ok(v)
    }

    /// `SetMetadata`: the same version with build metadata `meta` (validated unless empty).
    pub fn with_metadata(&self, meta: &str) -> Result<Version, Error> {
        validate_metadata(meta)?;
        let mut v = self.clone();
        v.metadata = meta.to_string();
        v.reset_original();
        Ok(v)
    }

    /// Masterminds rebuilds `Original()` of a derived version as the `v` prefix (if the
    /// source had one) plus the canonical string.
    fn reset_original(&mut self) {
        let prefix = if self.original.starts_with('v') {
            "v"
        } else {
            ""
        };
        self.original = format!("{prefix}{self}");
    }

    fn derived(&self, major: u64, minor: u64, patch: u64) -> Version {
        let mut v = Version::new(major, minor, patch);
        if self.original.starts_with('v') {
            v.original = format!("v{}", v.original);
        }
        v
    }
}

impl fmt::Display for Version {
    /// The canonical form `MAJOR.MINOR.PATCH[-PRE][+META]` (no `v`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)?;
        if !self.pre.is_empty() {
            write!(f, "-{}", self.pre)?;
        }
        if !self.metadata.is_empty() {
            write!(f, "+{}", self.metadata)?;
        }
        Ok(())
    }
}

impl PartialEq for Version {
    fn eq(&self, other: &Version) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Version {}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Version) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Version {
    fn cmp(&self, other: &Version) -> Ordering {
        (self.major, self.minor, self.patch)
            .cmp(&(other.major, other.minor, other.patch))
            .then_with(|| match (self.pre.is_empty(), other.pre.is_empty()) {
                (true, true) => Ordering::Equal,
                (true, false) => Ordering::Greater,
                (false, true) => Ordering::Less,
                (false, false) => compare_prerelease(&self.pre, &other.pre),
            })
    }
}

impl std::str::FromStr for Version {
    type Err = Error;

    fn from_str(s: &str) -> Result<Version, Error> {
        Version::parse(s)
    }
}

/// Compares two pre-release strings identifier by identifier; a missing identifier
/// sorts first, numbers before words, numbers numerically, words bytewise.
pub(crate) fn compare_prerelease(a: &str, b: &str) -> Ordering {
    let mut left = a.split('.');
    let mut right = b.split('.');
    loop {
        let (l, r) = (left.next(), right.next());
        if l.is_none() && r.is_none() {
            return Ordering::Equal;
        }
        let ord = compare_part(l.unwrap_or(""), r.unwrap_or(""));
        if ord != Ordering::Equal {
            return ord;
        }
    }
}

fn compare_part(s: &str, o: &str) -> Ordering {
    if s == o {
        return Ordering::Equal;
    }
    if s.is_empty() {
        return Ordering::Less;
    }
    if o.is_empty() {
        return Ordering::Greater;
    }
    match (s.parse::<u64>(), o.parse::<u64>()) {
        (Err(_), Err(_)) => s.cmp(o),
        (Ok(_), Err(_)) => Ordering::Less,
        (Err(_), Ok(_)) => Ordering::Greater,
        // Equal numbers with different text (never produced by the parser) count as
        // different in Masterminds; keep the order total by falling back to text.
        (Ok(x), Ok(y)) => x.cmp(&y).then_with(|| s.cmp(o)),
    }
}

fn is_numeric(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_digit())
}

fn is_ident(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

fn validate_prerelease(pre: &str) -> Result<(), Error> {
    if pre.is_empty() {
        return Ok(());
    }
    for part in pre.split('.') {
        if is_numeric(part) {
            if part.len() > 1 && part.starts_with('0') {
                return Err(Error::SegmentStartsZero);
            }
        } else if !is_ident(part) {
            return Err(Error::InvalidPrerelease);
        }
    }
    Ok(())
}

fn validate_metadata(meta: &str) -> Result<(), Error> {
    if meta.is_empty() || meta.split('.').all(is_ident) {
        Ok(())
    } else {
        Err(Error::InvalidMetadata)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Version {
        Version::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn lenient_forms() {
        assert_eq!(v("v1.2").to_string(), "1.2.0");
        assert_eq!(v("1").to_string(), "1.0.0");
        assert_eq!(v("1.02.003").to_string(), "1.2.3");
        assert_eq!(v("v1.2").original(), "v1.2");
        assert_eq!(v("1.2.3-beta.1+b5").prerelease(), "beta.1");
        assert_eq!(v("1.2.3-beta.1+b5").metadata(), "b5");
    }

    #[test]
    fn errors_match_masterminds() {
        let err = |s: &str| Version::parse(s).map(|_| ()).unwrap_err().to_string();
        assert_eq!(err("foo"), "invalid semantic version");
        assert_eq!(err(""), "invalid semantic version");
        assert_eq!(err("V1.2.3"), "invalid semantic version");
        assert_eq!(err("1.2.3-01"), "version segment starts with 0");
        assert_eq!(
            err("99999999999999999999"),
            "error parsing version segment: strconv.ParseUint: parsing \"99999999999999999999\": value out of range"
        );
    }

    #[test]
    fn strict_parsing() {
        let ok = |s: &str| Version::parse_strict(s).map(|v| v.to_string());
        let err = |s: &str| {
            Version::parse_strict(s)
                .map(|_| ())
                .unwrap_err()
                .to_string()
        };
        assert_eq!(ok("1.2.3-beta.1+b.2").as_deref(), Ok("1.2.3-beta.1+b.2"));
        assert_eq!(err(""), "version string empty");
        assert_eq!(err("1.2"), "invalid semantic version");
        assert_eq!(err("v1.2.3"), "invalid characters in version");
        assert_eq!(err("1.02.3"), "version segment starts with 0");
        assert_eq!(err("1.2.3-01"), "version segment starts with 0");
        assert_eq!(err("1.2.3-a_b"), "invalid prerelease string");
        assert_eq!(err("1.2.3+a_b"), "invalid metadata string");
    }

    #[test]
    fn precedence() {
        let order = [
            "1.0.0-alpha",
            "1.0.0-alpha.1",
            "1.0.0-alpha.beta",
            "1.0.0-beta",
            "1.0.0-beta.2",
            "1.0.0-beta.11",
            "1.0.0-rc.1",
            "1.0.0",
            "1.0.1",
            "1.10.0",
        ];
        for pair in order.windows(2) {
            assert!(v(pair[0]) < v(pair[1]), "{} < {}", pair[0], pair[1]);
        }
        assert_eq!(v("1.0.0+a"), v("1.0.0+b"));
        assert_eq!(v("1.0.0").compare(&v("1.0.1")), -1);
    }

    #[test]
    fn setters() {
        let v = Version::parse("v1.2.3+m").unwrap_or_else(|e| panic!("{e}"));
        let p = v.with_prerelease("rc.1").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(p.original(), "v1.2.3-rc.1+m");
        assert_eq!(
            v.with_prerelease("01").unwrap_err(),
            Error::SegmentStartsZero
        );
        assert_eq!(v.with_metadata("a_b").unwrap_err(), Error::InvalidMetadata);
        assert_eq!(
            v.with_metadata("").map(|v| v.to_string()),
            Ok("1.2.3".into())
        );
    }

    #[test]
    fn increments() {
        assert_eq!(v("v1.2.3-pre").inc_patch().original(), "v1.2.3");
        assert_eq!(v("1.2.3").inc_patch().to_string(), "1.2.4");
        assert_eq!(v("1.2.3").inc_minor().to_string(), "1.3.0");
        assert_eq!(v("1.2.3").inc_major().to_string(), "2.0.0");
    }
}
