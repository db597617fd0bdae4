//! Reading `-f` files and `--set-file` paths for the values layer.

use tug_value::Map;
use tug_values::options::ValueSource;

/// Values files from the local filesystem (`-` reads standard input).
pub(crate) struct LocalFiles;

impl ValueSource for LocalFiles {
    fn read(&self, path: &str) -> Result<Vec<u8>, String> {
        if path == "-" {
            let mut buf = Vec::new();
            std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf)
                .map_err(|e| e.to_string())?;
            return Ok(buf);
        }
        std::fs::read(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => format!("open {path}: no such file or directory"),
            _ => format!("open {path}: {e}"),
        })
    }

    fn load_values(&self, data: &[u8]) -> Result<Map, String> {
        tug_chart::loader::load_values(&String::from_utf8_lossy(data))
    }
}
