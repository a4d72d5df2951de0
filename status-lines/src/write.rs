//! Writing a status line into a caller's buffer, without allocation (RFC 9112 §4).
//!
//! ```text
//! status-line   = HTTP-version SP status-code SP [ reason-phrase ] CRLF
//! reason-phrase = 1*( HTAB / SP / VCHAR / obs-text )
//! ```

use crate::code::{StatusCode, Version};
use crate::line::status_line;

/// Which reason phrase to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason<'a> {
    /// The registered phrase, or none for unregistered and "(Unused)" codes.
    Canonical,
    /// No phrase: `HTTP/1.1 200 \r\n` (the SP before the empty reason is kept, as RFC 9112
    /// requires).
    Empty,
    /// The caller's phrase, checked with [`validate_reason`] before anything is written.
    Custom(&'a [u8]),
}

/// Why a status line could not be written. The buffer is left untouched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteError {
    /// The buffer is shorter than the line; `needed` is the line's length.
    BufferTooSmall {
        /// Bytes the line needs.
        needed: usize,
    },
    /// The custom reason holds a byte that RFC 9112 forbids (CR, LF, NUL, another control
    /// character but HTAB, or DEL) at `offset` within the reason.
    InvalidReason {
        /// Offset of the first forbidden byte within the reason.
        offset: usize,
    },
}

impl core::fmt::Display for WriteError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match *self {
            WriteError::BufferTooSmall { needed } => {
                write!(f, "buffer too small: the status line needs {needed} bytes")
            }
            WriteError::InvalidReason { offset } => {
                write!(f, "reason phrase holds a forbidden byte at offset {offset}")
            }
        }
    }
}

impl core::error::Error for WriteError {}

/// Whether `byte` may appear in a reason phrase: HTAB, SP, VCHAR (0x21–0x7E) or obs-text
/// (0x80–0xFF). Every other control character, and DEL, is refused.
#[inline]
pub const fn is_reason_byte(byte: u8) -> bool {
    byte == b'\t' || (byte >= 0x20 && byte != 0x7f)
}

/// Checks a reason phrase byte by byte; on failure returns the offset of the first byte that
/// [`is_reason_byte`] refuses.
///
/// ```
/// assert_eq!(status_lines::validate_reason(b"I'm a teapot"), Ok(()));
/// assert_eq!(status_lines::validate_reason(b"OK\r\nSet-Cookie: x"), Err(2));
/// ```
#[inline]
pub fn validate_reason(reason: &[u8]) -> Result<(), usize> {
    match reason.iter().position(|&b| !is_reason_byte(b)) {
        Some(offset) => Err(offset),
        None => Ok(()),
    }
}

fn reason_bytes(code: StatusCode, reason: Reason<'_>) -> &[u8] {
    match reason {
        Reason::Canonical => match code.canonical_reason() {
            Some(r) => r.as_bytes(),
            None => b"",
        },
        Reason::Empty => b"",
        Reason::Custom(r) => r,
    }
}

/// The length of the line [`write_status_line`] would write (a custom reason is not checked).
#[inline]
pub fn status_line_len(_version: Version, code: StatusCode, reason: Reason<'_>) -> usize {
    // "HTTP/x.y" SP 3DIGIT SP reason CRLF
    8 + 1 + 3 + 1 + reason_bytes(code, reason).len() + 2
}

/// Writes `HTTP/x.y CODE REASON\r\n` at the start of `buf` and returns its length.
///
/// Registered codes with [`Reason::Canonical`] in HTTP/1.0 or 1.1 are one copy of a
/// pre-built line. Nothing is written on error.
///
/// ```
/// use status_lines::{write_status_line, Reason, StatusCode, Version, WriteError};
/// let mut buf = [0u8; 40];
/// let teapot = StatusCode::new(418).unwrap();
/// let n = write_status_line(&mut buf, Version::HTTP_11, teapot, Reason::Custom(b"I'm a teapot")).unwrap();
/// assert_eq!(&buf[..n], b"HTTP/1.1 418 I'm a teapot\r\n");
///
/// let err = write_status_line(&mut buf, Version::HTTP_11, teapot, Reason::Custom(b"x\ry"));
/// assert_eq!(err, Err(WriteError::InvalidReason { offset: 1 }));
/// let err = write_status_line(&mut buf[..10], Version::HTTP_11, teapot, Reason::Empty);
/// assert_eq!(err, Err(WriteError::BufferTooSmall { needed: 15 }));
/// ```
#[inline]
pub fn write_status_line(
    buf: &mut [u8],
    version: Version,
    code: StatusCode,
    reason: Reason<'_>,
) -> Result<usize, WriteError> {
    if let Reason::Canonical = reason
        && let Some(line) = status_line(version, code.as_u16())
    {
        return match buf.get_mut(..line.len()) {
            Some(dst) => {
                copy_short(dst, line);
                Ok(line.len())
            }
            None => Err(WriteError::BufferTooSmall { needed: line.len() }),
        };
    }
    let reason = reason_bytes(code, reason);
    if let Err(offset) = validate_reason(reason) {
        return Err(WriteError::InvalidReason { offset });
    }
    let needed = 15 + reason.len();
    let Some(dst) = buf.get_mut(..needed) else {
        return Err(WriteError::BufferTooSmall { needed });
    };
    // "HTTP/x.y NNN " as one 13-byte value, then the reason and CRLF.
    let v = version.wire();
    let d = code.digits();
    let head = [
        v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], b' ', d[0], d[1], d[2], b' ',
    ];
    let (start, tail) = dst.split_at_mut(13);
    start.copy_from_slice(&head);
    let (text, crlf) = tail.split_at_mut(reason.len());
    copy_short(text, reason);
    crlf.copy_from_slice(b"\r\n");
    Ok(needed)
}

/// `dst.copy_from_slice(src)` for the short strings of this crate: up to 64 bytes are moved with
/// two overlapping fixed-size copies (which compile to a few register moves instead of a call
/// to `memcpy`); longer ones fall back to `copy_from_slice`.
#[inline(always)]
fn copy_short(dst: &mut [u8], src: &[u8]) {
    let n = src.len();
    debug_assert_eq!(n, dst.len());
    macro_rules! two {
        ($w:expr) => {{
            dst[..$w].copy_from_slice(&src[..$w]);
            dst[n - $w..].copy_from_slice(&src[n - $w..]);
        }};
    }
    match n {
        0 => {}
        1..=3 => {
            dst[0] = src[0];
            dst[n / 2] = src[n / 2];
            dst[n - 1] = src[n - 1];
        }
        4..=7 => two!(4),
        8..=15 => two!(8),
        16..=31 => two!(16),
        32..=64 => two!(32),
        _ => dst.copy_from_slice(src),
    }
}
