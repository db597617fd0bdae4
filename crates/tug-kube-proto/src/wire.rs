//! Protobuf wire format primitives: a bounds-checked reader and a growable writer.

use crate::error::Error;

/// Wire type 0: varint.
pub const VARINT: u64 = 0;
/// Wire type 1: 64-bit little endian.
pub const FIXED64: u64 = 1;
/// Wire type 2: length-delimited.
pub const LEN: u64 = 2;
/// Wire type 5: 32-bit little endian.
pub const FIXED32: u64 = 5;

/// A cursor over protobuf bytes; every read is bounds-checked.
pub struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
    ctx: &'a str,
}

/// One decoded field value, still untyped.
pub enum Raw<'a> {
    Varint(u64),
    Fixed64(u64),
    /// A 32-bit value (no Kubernetes field uses one; kept only to be skipped).
    Fixed32,
    Bytes(&'a [u8]),
}

impl Raw<'_> {
    /// The wire type number this value arrived with.
    pub fn wire(&self) -> u64 {
        match self {
            Raw::Varint(_) => VARINT,
            Raw::Fixed64(_) => FIXED64,
            Raw::Fixed32 => FIXED32,
            Raw::Bytes(_) => LEN,
        }
    }
}

impl<'a> Reader<'a> {
    /// A reader over `buf`; `ctx` names the message for error messages.
    pub fn new(buf: &'a [u8], ctx: &'a str) -> Self {
        Reader { buf, pos: 0, ctx }
    }

    /// True once every byte was consumed.
    pub fn done(&self) -> bool {
        self.pos >= self.buf.len()
    }

    fn truncated(&self) -> Error {
        Error::Truncated(self.ctx.to_string())
    }

    /// Reads a base-128 varint (at most 10 bytes).
    pub fn varint(&mut self) -> Result<u64, Error> {
        let mut out = 0u64;
        for i in 0..10 {
            let b = *self.buf.get(self.pos).ok_or_else(|| self.truncated())?;
            self.pos += 1;
            out |= u64::from(b & 0x7f) << (7 * i);
            if b & 0x80 == 0 {
                return Ok(out);
            }
        }
        Err(Error::BadVarint(self.ctx.to_string()))
    }

    /// Reads 8 little-endian bytes.
    pub fn fixed64(&mut self) -> Result<u64, Error> {
        let b = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(u64::from_le_bytes(a))
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], Error> {
        let end = self.pos.checked_add(n).ok_or_else(|| self.truncated())?;
        let s = self
            .buf
            .get(self.pos..end)
            .ok_or_else(|| self.truncated())?;
        self.pos = end;
        Ok(s)
    }

    /// Reads the next field: its tag number and raw value.
    pub fn field(&mut self) -> Result<(u64, Raw<'a>), Error> {
        let key = self.varint()?;
        let (tag, wire) = (key >> 3, key & 7);
        let raw = match wire {
            VARINT => Raw::Varint(self.varint()?),
            FIXED64 => Raw::Fixed64(self.fixed64()?),
            LEN => {
                let n = self.varint()?;
                let n = usize::try_from(n).map_err(|_| self.truncated())?;
                Raw::Bytes(self.take(n)?)
            }
            FIXED32 => {
                self.take(4)?;
                Raw::Fixed32
            }
            _ => {
                return Err(Error::BadWireType {
                    msg: self.ctx.to_string(),
                    tag,
                    wire,
                });
            }
        };
        Ok((tag, raw))
    }
}

/// Appends protobuf fields to a byte vector.
#[derive(Default)]
pub struct Writer {
    /// The bytes written so far.
    pub buf: Vec<u8>,
}

impl Writer {
    /// Appends a raw varint.
    pub fn varint(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.buf.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.buf.push(v as u8);
    }

    /// Appends a field key.
    pub fn key(&mut self, tag: u32, wire: u64) {
        self.varint((u64::from(tag) << 3) | wire);
    }

    /// Appends a varint field.
    pub fn varint_field(&mut self, tag: u32, v: u64) {
        self.key(tag, VARINT);
        self.varint(v);
    }

    /// Appends a length-delimited field.
    pub fn bytes_field(&mut self, tag: u32, b: &[u8]) {
        self.key(tag, LEN);
        self.varint(b.len() as u64);
        self.buf.extend_from_slice(b);
    }

    /// Appends a fixed64 field.
    pub fn fixed64_field(&mut self, tag: u32, v: u64) {
        self.key(tag, FIXED64);
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varint_round_trip() {
        for v in [0u64, 1, 127, 128, 300, u64::MAX, (-1i64) as u64] {
            let mut w = Writer::default();
            w.varint(v);
            let mut r = Reader::new(&w.buf, "t");
            assert_eq!(r.varint().unwrap(), v);
            assert!(r.done());
        }
    }

    #[test]
    fn truncated_and_overlong() {
        assert!(matches!(
            Reader::new(&[0x80], "t").varint(),
            Err(Error::Truncated(_))
        ));
        assert!(matches!(
            Reader::new(&[0xff; 11], "t").varint(),
            Err(Error::BadVarint(_))
        ));
        // field 1, LEN, claims 5 bytes but has 1
        assert!(matches!(
            Reader::new(&[0x0a, 5, 1], "t").field(),
            Err(Error::Truncated(_))
        ));
        // wire type 3 (group start) is rejected
        assert!(matches!(
            Reader::new(&[0x0b], "t").field(),
            Err(Error::BadWireType { .. })
        ));
    }
}
