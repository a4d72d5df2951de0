//! String literals (RFC 7541 §5.2): a flag bit H (Huffman-encoded or not), the length as a
//! 7-bit prefix integer, then that many bytes.

use crate::{huffman, int};

/// Why a string literal was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Error {
    /// Its length is too large an integer (see [`int::TooLarge`]).
    Length,
    /// It is longer than the caller's cap, on the wire or decoded.
    TooLong,
    /// Its Huffman encoding is invalid, or the decoded string does not fit the scratch.
    Huffman(huffman::Error),
}

impl core::fmt::Display for Error {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Error::Length => f.write_str("HPACK string length too large"),
            Error::TooLong => f.write_str("HPACK string longer than the limit"),
            Error::Huffman(e) => write!(f, "{e}"),
        }
    }
}

#[cfg(feature = "std")]
impl std::error::Error for Error {}

/// A string literal as it is on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Literal<'a> {
    /// Whether `bytes` are Huffman-encoded.
    pub huffman: bool,
    /// Its bytes, as sent.
    pub bytes: &'a [u8],
    /// The bytes the literal took: its length's and `bytes`.
    pub len: usize,
}

/// The string literal at the start of `buf`, at most `max_len` bytes long on the wire; `None`
/// when `buf` ends first (the caller decides whether more may come).
#[inline]
pub fn split(buf: &[u8], max_len: u32) -> Result<Option<Literal<'_>>, Error> {
    let Some((len, at)) = int::decode(buf, 7).map_err(|_| Error::Length)? else {
        return Ok(None);
    };
    if len > max_len {
        return Err(Error::TooLong);
    }
    let end = at + len as usize;
    Ok(buf.get(at..end).map(|bytes| Literal {
        huffman: buf[0] & 0x80 != 0,
        bytes,
        len: end,
    }))
}

impl<'a> Literal<'a> {
    /// The decoded string: the bytes themselves, or their Huffman decoding written into
    /// `scratch`, at most `max_len` bytes long (`scratch` needs room for the decoded string;
    /// 16 bytes more keep [`huffman::decode`] on its fast path to the end).
    pub fn decode<'s>(&self, scratch: &'s mut [u8], max_len: u32) -> Result<&'s [u8], Error>
    where
        'a: 's,
    {
        if !self.huffman {
            return Ok(self.bytes);
        }
        let n = huffman::decode(self.bytes, scratch).map_err(Error::Huffman)?;
        if n > max_len as usize {
            return Err(Error::TooLong);
        }
        Ok(&scratch[..n])
    }
}

/// Encodes `s` as a string literal into the start of `dst`, Huffman-encoded when that is
/// strictly shorter: the bytes written, or `None` (nothing written past `dst`'s length is
/// promised) when `dst` is too short or `s` is longer than [`int::MAX`].
pub fn encode(s: &[u8], dst: &mut [u8]) -> Option<usize> {
    let raw = u32::try_from(s.len()).ok()?;
    let coded = huffman::encoded_len(s);
    if coded < s.len() {
        let at = int::encode(coded as u32, 7, 0x80, dst)?;
        huffman::encode_exact(s, dst.get_mut(at..at + coded)?);
        return Some(at + coded);
    }
    let at = int::encode(raw, 7, 0, dst)?;
    dst.get_mut(at..at + s.len())?.copy_from_slice(s);
    Some(at + s.len())
}

/// The bytes [`encode`] writes for `s`.
pub fn encoded_len(s: &[u8]) -> usize {
    let coded = huffman::encoded_len(s);
    let body = coded.min(s.len());
    int::encoded_len(u32::try_from(body).unwrap_or(u32::MAX), 7) + body
}
