//! Go's `unicode` package predicates and single-rune case mappings, as far as Sprig's
//! string functions observe them.
//!
//! Go maps case rune by rune (`unicode.ToUpper('ß')` is `'ß'`), while Rust's
//! `to_uppercase` may expand to several characters; these helpers keep Go's one-to-one
//! behaviour.

/// `unicode.IsUpper`.
pub(crate) fn is_upper(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_uppercase()
    } else {
        c.is_uppercase() && to_lower(c) != c
    }
}

/// `unicode.IsLower`.
pub(crate) fn is_lower(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_lowercase()
    } else {
        c.is_lowercase()
    }
}

/// `unicode.IsTitle` (the few titlecase digraphs).
pub(crate) fn is_title(c: char) -> bool {
    matches!(
        c,
        '\u{01C5}' | '\u{01C8}' | '\u{01CB}' | '\u{01F2}' | '\u{1F88}'..='\u{1F8F}'
            | '\u{1F98}'..='\u{1F9F}' | '\u{1FA8}'..='\u{1FAF}' | '\u{1FBC}' | '\u{1FCC}'
            | '\u{1FFC}'
    )
}

/// `unicode.IsSpace`.
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace()
}

/// `unicode.IsLetter`.
pub(crate) fn is_letter(c: char) -> bool {
    c.is_alphabetic()
}

/// `unicode.IsDigit`.
pub(crate) fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || (!c.is_ascii() && c.is_numeric())
}

/// `unicode.IsNumber`.
pub(crate) fn is_number(c: char) -> bool {
    c.is_numeric()
}

/// `unicode.IsPunct` (category P): ASCII exactly, common non-ASCII blocks.
pub(crate) fn is_punct(c: char) -> bool {
    if c.is_ascii() {
        return matches!(
            c,
            '!' | '"'
                | '#'
                | '%'
                | '&'
                | '\''
                | '('
                | ')'
                | '*'
                | ','
                | '-'
                | '.'
                | '/'
                | ':'
                | ';'
                | '?'
                | '@'
                | '['
                | '\\'
                | ']'
                | '_'
                | '{'
                | '}'
        );
    }
    matches!(
        c,
        '\u{00A1}' | '\u{00A7}' | '\u{00AB}' | '\u{00B6}' | '\u{00B7}' | '\u{00BB}' | '\u{00BF}'
            | '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{2043}' | '\u{2045}'..='\u{2051}'
            | '\u{2053}'..='\u{205E}' | '\u{3001}'..='\u{3003}' | '\u{3008}'..='\u{3011}'
            | '\u{FF01}'..='\u{FF03}' | '\u{FF05}'..='\u{FF0A}' | '\u{FF0C}'..='\u{FF0F}'
    )
}

/// `unicode.ToUpper` (one rune to one rune).
pub(crate) fn to_upper(c: char) -> char {
    single(c.to_uppercase()).unwrap_or(c)
}

/// `unicode.ToLower` (one rune to one rune).
pub(crate) fn to_lower(c: char) -> char {
    let mut it = c.to_lowercase();
    match (it.next(), it.next()) {
        (Some(l), None) => l,
        // U+0130 has no one-rune lowercase in Rust's full mapping; Go gives 'i'.
        (Some(l), Some(_)) => l,
        _ => c,
    }
}

/// `unicode.ToTitle`.
pub(crate) fn to_title(c: char) -> char {
    match c {
        '\u{01C4}'..='\u{01C6}' => '\u{01C5}',
        '\u{01C7}'..='\u{01C9}' => '\u{01C8}',
        '\u{01CA}'..='\u{01CC}' => '\u{01CB}',
        '\u{01F1}'..='\u{01F3}' => '\u{01F2}',
        _ => to_upper(c),
    }
}

fn single(mut it: impl Iterator<Item = char>) -> Option<char> {
    match (it.next(), it.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_maps_rune_by_rune() {
        assert_eq!(to_upper('ß'), 'ß');
        assert_eq!(to_upper('é'), 'É');
        assert_eq!(to_lower('İ'), 'i');
        assert_eq!(to_title('ǆ'), 'ǅ');
        assert!(is_title('ǅ'));
    }

    #[test]
    fn punctuation_is_category_p() {
        assert!(is_punct('.'));
        assert!(is_punct('_'));
        assert!(!is_punct('$'));
        assert!(!is_punct('+'));
        assert!(is_punct('«'));
    }
}
