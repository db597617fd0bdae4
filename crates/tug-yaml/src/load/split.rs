//! Kubernetes' `YAMLReader` document splitting, as Helm applies it to values files:
//! a line starting with `---` ends a document; only spaces or a `#` comment may follow it.

use crate::Error;

/// Splits `src` into documents; empty chunks (nothing between two separators) are
/// dropped, as the reader does.
pub fn split_documents(src: &str) -> Result<Vec<&str>, Error> {
    let mut docs = Vec::new();
    let mut start = 0;
    let mut pos = 0;
    for line in src.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix("---") {
            let trimmed = rest.trim();
            if !trimmed.is_empty() && !trimmed.starts_with('#') {
                return Err(Error::Yaml(format!(
                    "invalid Yaml document separator: {trimmed}"
                )));
            }
            if pos > start {
                docs.push(&src[start..pos]);
            }
            start = pos + line.len();
        }
        pos += line.len();
    }
    if src.len() > start {
        docs.push(&src[start..]);
    }
    Ok(docs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_separator_lines() {
        let docs = split_documents("a: 1\n---\nb: 2\n--- # c\n---\nc: 3").unwrap_or_default();
        assert_eq!(docs, vec!["a: 1\n", "b: 2\n", "c: 3"]);
    }

    #[test]
    fn rejects_text_after_separator() {
        assert!(split_documents("a: 1\n--- x\n").is_err());
    }
}
