//! go-yaml v2's "natural" key order (`sorter.go`): letters by code point, non-letters
//! before letters, digit runs compared by value.

use std::cmp::Ordering;

fn is_digit(c: char) -> bool {
    c.is_ascii_digit()
}

/// go-yaml v2's `keyList.Less` for two string keys.
pub(crate) fn less(a: &str, b: &str) -> bool {
    less_with(a, b, false)
}

/// `keyList.Less`; `v3` adds go-yaml v3's rule that after an equal digit a letter sorts
/// first.
pub(crate) fn less_with(a: &str, b: &str, v3: bool) -> bool {
    let ar: Vec<char> = a.chars().collect();
    let br: Vec<char> = b.chars().collect();
    let n = ar.len().min(br.len());
    let mut digits = false;
    for i in 0..n {
        if ar[i] == br[i] {
            digits = is_digit(ar[i]);
            continue;
        }
        let al = ar[i].is_alphabetic();
        let bl = br[i].is_alphabetic();
        if al && bl {
            return ar[i] < br[i];
        }
        if al || bl {
            return if v3 && digits { al } else { bl };
        }
        let (mut an, mut bn): (i64, i64) = (0, 0);
        if ar[i] == '0' || br[i] == '0' {
            let mut j = i;
            while j > 0 && is_digit(ar[j - 1]) {
                j -= 1;
                if ar[j] != '0' {
                    an = 1;
                    bn = 1;
                    break;
                }
            }
        }
        let mut ai = i;
        while ai < ar.len() && is_digit(ar[ai]) {
            an = an
                .wrapping_mul(10)
                .wrapping_add(i64::from(ar[ai] as u8 - b'0'));
            ai += 1;
        }
        let mut bi = i;
        while bi < br.len() && is_digit(br[bi]) {
            bn = bn
                .wrapping_mul(10)
                .wrapping_add(i64::from(br[bi] as u8 - b'0'));
            bi += 1;
        }
        if an != bn {
            return an < bn;
        }
        if ai != bi {
            return ai < bi;
        }
        return ar[i] < br[i];
    }
    ar.len() < br.len()
}

/// An `Ordering` view of [`less`] for `sort_by`.
pub(crate) fn compare(a: &str, b: &str) -> Ordering {
    if less(a, b) {
        Ordering::Less
    } else if less(b, a) {
        Ordering::Greater
    } else {
        Ordering::Equal
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natural_order() {
        let mut keys = vec!["b10", "a", "B1", "b2", "_x", "9", "10", "b"];
        keys.sort_by(|a, b| compare(a, b));
        assert_eq!(keys, vec!["_x", "9", "10", "B1", "a", "b", "b2", "b10"]);
    }
}
