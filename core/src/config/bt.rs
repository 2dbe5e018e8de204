//! Strict bencoding for config messages (groups-and-config.md §1.2–§1.3).
//!
//! Only canonical encodings are read: integers without leading zeros or `-0`, string lengths
//! without leading zeros, dict keys strictly increasing. Every read is bounds-checked and
//! nesting is limited to [`MAX_DEPTH`], so hostile bytes give an error, never a panic.
//! The writer emits exactly what the official library's producer emits.

use super::ConfigError;

/// How deep lists and dicts may nest anywhere in a message (the outer dict is level 1). Real
/// configs nest four or five levels; this only stops hostile input from exhausting the stack.
pub const MAX_DEPTH: usize = 32;

fn bad(why: &'static str) -> ConfigError {
    ConfigError::Malformed(why)
}

/// A cursor over bencoded bytes.
#[derive(Debug, Clone)]
pub struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    /// A reader at the start of `buf`.
    pub fn new(buf: &'a [u8]) -> Reader<'a> {
        Reader { buf, pos: 0 }
    }

    /// How many bytes have been read.
    pub fn pos(&self) -> usize {
        self.pos
    }

    /// The next byte, not consumed.
    pub fn peek(&self) -> Option<u8> {
        self.buf.get(self.pos).copied()
    }

    /// Consumes `byte` or fails.
    pub fn expect(&mut self, byte: u8, why: &'static str) -> Result<(), ConfigError> {
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(bad(why))
        }
    }

    /// Consumes the `e` that ends a list or dict if it is next; whether it was.
    pub fn at_end(&mut self) -> bool {
        if self.peek() == Some(b'e') {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// Whether every byte has been read.
    pub fn is_done(&self) -> bool {
        self.pos >= self.buf.len()
    }

    /// Reads canonical decimal digits up to `end`: no sign, no leading zero (except `0`
    /// itself), at least one digit; the value must fit in a u64.
    fn digits(&mut self, end: u8) -> Result<u64, ConfigError> {
        let start = self.pos;
        let mut value: u64 = 0;
        loop {
            match self.peek() {
                Some(c @ b'0'..=b'9') => {
                    if self.pos > start && self.buf.get(start) == Some(&b'0') {
                        return Err(bad("number with a leading zero"));
                    }
                    value = value
                        .checked_mul(10)
                        .and_then(|v| v.checked_add(u64::from(c - b'0')))
                        .ok_or(bad("number out of range"))?;
                    self.pos += 1;
                }
                Some(c) if c == end && self.pos > start => {
                    self.pos += 1;
                    return Ok(value);
                }
                _ => return Err(bad("invalid number")),
            }
        }
    }

    /// Reads `i…e` whose value fits in an i64, or (when `allow_u64`) any u64.
    fn integer(&mut self, allow_u64: bool) -> Result<i128, ConfigError> {
        self.expect(b'i', "expected an integer")?;
        let negative = self.peek() == Some(b'-');
        if negative {
            self.pos += 1;
        }
        let magnitude = i128::from(self.digits(b'e')?);
        let value = if negative {
            if magnitude == 0 {
                return Err(bad("negative zero"));
            }
            -magnitude
        } else {
            magnitude
        };
        let max = if allow_u64 {
            i128::from(u64::MAX)
        } else {
            i128::from(i64::MAX)
        };
        if value < i128::from(i64::MIN) || value > max {
            return Err(bad("integer out of range"));
        }
        Ok(value)
    }

    /// Reads a signed 64-bit integer.
    pub fn int(&mut self) -> Result<i64, ConfigError> {
        let v = self.integer(false)?;
        i64::try_from(v).map_err(|_| bad("integer out of range"))
    }

    /// Reads a byte string.
    pub fn bytes(&mut self) -> Result<&'a [u8], ConfigError> {
        if !matches!(self.peek(), Some(b'0'..=b'9')) {
            return Err(bad("expected a string"));
        }
        let len = self.digits(b':')?;
        let len = usize::try_from(len).map_err(|_| bad("string too long"))?;
        let end = self
            .pos
            .checked_add(len)
            .filter(|&end| end <= self.buf.len())
            .ok_or(bad("string runs past the end"))?;
        let s = &self.buf[self.pos..end];
        self.pos = end;
        Ok(s)
    }

    /// The next dict key, checked to sort strictly after `prev` (which it then becomes);
    /// `None` when the dict's closing `e` was consumed instead.
    pub fn key(&mut self, prev: &mut Option<&'a [u8]>) -> Result<Option<&'a [u8]>, ConfigError> {
        if self.at_end() {
            return Ok(None);
        }
        let k = self.bytes()?;
        if let Some(p) = prev {
            if k <= *p {
                return Err(bad("dict keys unsorted or repeated"));
            }
        }
        *prev = Some(k);
        Ok(Some(k))
    }

    /// Skips one canonical value of any type (integers may also be u64, as the library keeps
    /// unknown top-level integers); the bytes it occupied.
    pub fn raw_value(&mut self, depth: usize) -> Result<&'a [u8], ConfigError> {
        let start = self.pos;
        self.skip(depth)?;
        Ok(&self.buf[start..self.pos])
    }

    fn skip(&mut self, depth: usize) -> Result<(), ConfigError> {
        match self.peek() {
            Some(b'i') => self.integer(true).map(|_| ()),
            Some(b'0'..=b'9') => self.bytes().map(|_| ()),
            Some(b'l') => {
                let depth = deeper(depth)?;
                self.pos += 1;
                while !self.at_end() {
                    self.skip(depth)?;
                }
                Ok(())
            }
            Some(b'd') => {
                let depth = deeper(depth)?;
                self.pos += 1;
                let mut prev = None;
                while self.key(&mut prev)?.is_some() {
                    self.skip(depth)?;
                }
                Ok(())
            }
            _ => Err(bad("invalid bencoded value")),
        }
    }
}

/// `depth + 1`, or an error past [`MAX_DEPTH`].
pub fn deeper(depth: usize) -> Result<usize, ConfigError> {
    if depth >= MAX_DEPTH {
        Err(bad("nested too deeply"))
    } else {
        Ok(depth + 1)
    }
}

/// Appends `i<v>e`.
pub fn put_int(out: &mut Vec<u8>, v: i64) {
    out.push(b'i');
    out.extend_from_slice(v.to_string().as_bytes());
    out.push(b'e');
}

/// Appends `<len>:<bytes>`.
pub fn put_bytes(out: &mut Vec<u8>, b: &[u8]) {
    out.extend_from_slice(b.len().to_string().as_bytes());
    out.push(b':');
    out.extend_from_slice(b);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn int(s: &str) -> Result<i64, ConfigError> {
        Reader::new(s.as_bytes()).int()
    }

    #[test]
    fn integers_must_be_canonical() {
        assert_eq!(int("i0e"), Ok(0));
        assert_eq!(int("i-42e"), Ok(-42));
        assert_eq!(int("i9223372036854775807e"), Ok(i64::MAX));
        assert_eq!(int("i-9223372036854775808e"), Ok(i64::MIN));
        for bad in [
            "i-0e",
            "i01e",
            "ie",
            "i-e",
            "i+1e",
            "i9223372036854775808e",
            "i-9223372036854775809e",
            "i99999999999999999999999e",
            "i1",
            "",
        ] {
            assert!(int(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn strings_must_be_canonical_and_in_bounds() {
        assert_eq!(Reader::new(b"0:").bytes(), Ok(&b""[..]));
        assert_eq!(Reader::new(b"3:abc").bytes(), Ok(&b"abc"[..]));
        for bad in [
            &b"03:abc"[..],
            b"4:abc",
            b":",
            b"3abc",
            b"18446744073709551615:x",
        ] {
            assert!(Reader::new(bad).bytes().is_err());
        }
    }

    #[test]
    fn raw_values_check_order_and_depth() {
        assert!(Reader::new(b"d1:ai1e1:bli-1e2:xyee").raw_value(0).is_ok());
        assert!(Reader::new(b"d1:bi1e1:ai1ee").raw_value(0).is_err());
        assert!(Reader::new(b"d1:ai1e1:ai1ee").raw_value(0).is_err());
        assert!(Reader::new(b"i18446744073709551615e").raw_value(0).is_ok());
        let deep = format!("{}{}", "l".repeat(MAX_DEPTH + 1), "e".repeat(MAX_DEPTH + 1));
        assert!(Reader::new(deep.as_bytes()).raw_value(0).is_err());
        let ok = format!("{}{}", "l".repeat(MAX_DEPTH), "e".repeat(MAX_DEPTH));
        assert!(Reader::new(ok.as_bytes()).raw_value(0).is_ok());
    }

    #[test]
    fn writer_matches_bencoding() {
        let mut out = Vec::new();
        put_int(&mut out, -7);
        put_bytes(&mut out, b"hi");
        put_int(&mut out, i64::MIN);
        assert_eq!(out, b"i-7e2:hii-9223372036854775808e");
    }
}
