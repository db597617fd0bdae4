//! Reading chart archives (`.tgz`) as hostile input (Helm's
//! `pkg/chart/loader/archive`): the first path component is stripped, absolute paths,
//! `..`, Windows drive paths and a top-level `Chart.yaml` are refused, and sizes are
//! capped (100 MiB decompressed in total, 5 MiB per file). Nothing is written to disk.

use std::io::Read;

use crate::Error;

/// `MaxDecompressedChartSize`: 100 MiB.
pub const MAX_DECOMPRESSED_CHART_SIZE: u64 = 100 * 1024 * 1024;
/// `MaxDecompressedFileSize`: 5 MiB.
pub const MAX_DECOMPRESSED_FILE_SIZE: u64 = 5 * 1024 * 1024;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// A file read from an archive or directory before classification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BufferedFile {
    /// Path relative to the chart root.
    pub name: String,
    /// Content, BOM removed.
    pub data: Vec<u8>,
}

/// Strips a leading UTF-8 byte order mark.
pub fn strip_bom(mut data: Vec<u8>) -> Vec<u8> {
    if data.starts_with(UTF8_BOM) {
        data.drain(..UTF8_BOM.len());
    }
    data
}

/// `archive.LoadArchiveFiles`: every regular file of a gzipped tar stream.
pub fn load_archive_files(input: impl Read) -> Result<Vec<BufferedFile>, Error> {
    let gz = flate2::read::GzDecoder::new(input);
    let mut tr = tar::Archive::new(gz);
    let mut files = Vec::new();
    let mut remaining = MAX_DECOMPRESSED_CHART_SIZE;
    let entries = tr.entries().map_err(io_err)?;
    for entry in entries {
        let entry = entry.map_err(io_err)?;
        let header = entry.header();
        let kind = header.entry_type();
        if kind.is_dir() || kind.is_pax_global_extensions() || kind.is_pax_local_extensions() {
            continue;
        }
        let raw_name = String::from_utf8_lossy(&entry.path_bytes()).into_owned();
        let name = checked_name(&raw_name)?;
        let size = header.size().map_err(io_err)?;
        if size > remaining {
            return Err(too_large_total());
        }
        if size > MAX_DECOMPRESSED_FILE_SIZE {
            return Err(Error::load(format!(
                "decompressed chart file {raw_name:?} is larger than the maximum file size {MAX_DECOMPRESSED_FILE_SIZE}"
            )));
        }
        let mut data = Vec::new();
        let written = entry
            .take(remaining)
            .read_to_end(&mut data)
            .map_err(io_err)? as u64;
        remaining -= written;
        if written < size || remaining == 0 {
            return Err(too_large_total());
        }
        files.push(BufferedFile {
            name,
            data: strip_bom(data),
        });
    }
    if files.is_empty() {
        return Err(Error::load("no files in chart archive"));
    }
    Ok(files)
}

fn too_large_total() -> Error {
    Error::load(format!(
        "decompressed chart is larger than the maximum size {MAX_DECOMPRESSED_CHART_SIZE}"
    ))
}

fn io_err(e: std::io::Error) -> Error {
    let msg = e.to_string();
    if e.kind() == std::io::ErrorKind::UnexpectedEof || msg.contains("failed to fill whole buffer")
    {
        return Error::load("unexpected EOF");
    }
    if msg.contains("invalid gzip header") {
        return Error::load("gzip: invalid header");
    }
    Error::load(msg)
}

/// Applies Helm's path rules to an entry name and returns the chart-relative path.
fn checked_name(raw: &str) -> Result<String, Error> {
    let delim = if raw.contains('\\') { '\\' } else { '/' };
    let mut parts = raw.split(delim);
    let first = parts.next().unwrap_or("");
    let rest: Vec<&str> = parts.collect();
    let n = rest.join("/");
    if n.starts_with('/') {
        return Err(Error::load("chart illegally contains absolute paths"));
    }
    let n = clean(&n);
    if n == "." {
        return Err(Error::load(format!(
            "chart illegally contains content outside the base directory: {raw:?}"
        )));
    }
    if n.starts_with("..") {
        return Err(Error::load("chart illegally references parent directory"));
    }
    let b = n.as_bytes();
    if b.len() >= 3 && b[0].is_ascii_alphabetic() && b[1] == b':' && b[2] == b'/' {
        return Err(Error::load("chart contains illegally named files"));
    }
    if first == "Chart.yaml" {
        return Err(Error::load("chart yaml not in base directory"));
    }
    Ok(n)
}

/// Go's `path.Clean`.
pub fn clean(p: &str) -> String {
    if p.is_empty() {
        return ".".into();
    }
    let rooted = p.starts_with('/');
    let mut out: Vec<&str> = Vec::new();
    for part in p.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if out.last().is_some_and(|l| *l != "..") {
                    out.pop();
                } else if !rooted {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    let body = out.join("/");
    match (rooted, body.is_empty()) {
        (true, _) => format!("/{body}"),
        (false, true) => ".".into(),
        (false, false) => body,
    }
}

/// Go's `http.DetectContentType` for the cases a chart loader meets.
///
/// Helm sniffs a zero-padded 512-byte buffer, so short files read as binary.
pub fn detect_content_type(data: &[u8]) -> &'static str {
    let mut buf = [0u8; 512];
    let n = data.len().min(512);
    buf[..n].copy_from_slice(&data[..n]);
    let head = &buf[..];
    let sigs: &[(&[u8], &str)] = &[
        (b"\x1f\x8b\x08", "application/x-gzip"),
        (b"PK\x03\x04", "application/zip"),
        (b"%PDF-", "application/pdf"),
        (b"\x89PNG\r\n\x1a\n", "image/png"),
        (b"BZh", "application/x-bzip2"),
        (b"\xFD7zXZ\x00", "application/x-xz"),
        (b"Rar!\x1a\x07", "application/x-rar-compressed"),
    ];
    for (sig, ty) in sigs {
        if head.starts_with(sig) {
            return ty;
        }
    }
    if head.len() > 257 + 5 && &head[257..262] == b"ustar" {
        return "application/x-tar";
    }
    let binary = head
        .iter()
        .any(|&b| matches!(b, 0x00..=0x08 | 0x0B | 0x0E..=0x1A | 0x1C..=0x1F));
    if binary {
        "application/octet-stream"
    } else {
        "text/plain; charset=utf-8"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_rules() {
        assert_eq!(
            checked_name("c/templates/a.yaml").unwrap(),
            "templates/a.yaml"
        );
        assert_eq!(
            checked_name("c\\templates\\a.yaml").unwrap(),
            "templates/a.yaml"
        );
        assert_eq!(
            checked_name("c//etc/passwd").unwrap_err().to_string(),
            "chart illegally contains absolute paths"
        );
        assert_eq!(
            checked_name("c/../../x").unwrap_err().to_string(),
            "chart illegally references parent directory"
        );
        assert_eq!(
            checked_name("c").unwrap_err().to_string(),
            "chart illegally contains content outside the base directory: \"c\""
        );
        assert_eq!(
            checked_name("c/C:/x").unwrap_err().to_string(),
            "chart contains illegally named files"
        );
        assert_eq!(
            checked_name("Chart.yaml/x").unwrap_err().to_string(),
            "chart yaml not in base directory"
        );
    }

    #[test]
    fn go_path_clean() {
        assert_eq!(clean("a/./b/../c"), "a/c");
        assert_eq!(clean("../a"), "../a");
        assert_eq!(clean("a/../.."), "..");
        assert_eq!(clean(""), ".");
    }

    #[test]
    fn content_sniffing() {
        assert_eq!(
            detect_content_type(b"\x1f\x8b\x08rest"),
            "application/x-gzip"
        );
        assert_eq!(
            detect_content_type(&[b'a'; 600]),
            "text/plain; charset=utf-8"
        );
        // Short files are sniffed with zero padding, like Helm does.
        assert_eq!(
            detect_content_type(b"apiVersion: v2\n"),
            "application/octet-stream"
        );
        assert_eq!(detect_content_type(b"\x00\x01"), "application/octet-stream");
    }
}
