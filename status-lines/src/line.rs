//! Pre-built status lines for HTTP/1.0 and HTTP/1.1 (RFC 9112 §4).
//!
//! The lines are generated at compile time from [`REGISTRY`] into one byte blob per version;
//! a lookup is the registry's direct index followed by one slice of the blob.

use crate::code::Version;
use crate::registry::{self, REGISTRY};

/// `HTTP/1.1 200 ` before the reason, `\r\n` after it.
const FIXED: usize = 13 + 2;

/// Where each registry row's line starts in a blob, and how long it is. Rows without a
/// reason phrase ("(Unused)") have length 0 and get no line.
const SPANS: [(u16, u8); REGISTRY.len()] = build_spans();
const BLOB_LEN: usize = blob_len();

static HTTP_11: [u8; BLOB_LEN] = build_blob(Version::HTTP_11);
static HTTP_10: [u8; BLOB_LEN] = build_blob(Version::HTTP_10);

const fn blob_len() -> usize {
    let mut total = 0;
    let mut i = 0;
    while i < REGISTRY.len() {
        if let Some(reason) = REGISTRY[i].reason {
            total += FIXED + reason.len();
        }
        i += 1;
    }
    total
}

const fn build_spans() -> [(u16, u8); REGISTRY.len()] {
    let mut spans = [(0u16, 0u8); REGISTRY.len()];
    let mut at = 0usize;
    let mut i = 0;
    while i < REGISTRY.len() {
        if let Some(reason) = REGISTRY[i].reason {
            let len = FIXED + reason.len();
            assert!(at <= u16::MAX as usize && len <= u8::MAX as usize);
            spans[i] = (at as u16, len as u8);
            at += len;
        }
        i += 1;
    }
    spans
}

const fn build_blob(version: Version) -> [u8; BLOB_LEN] {
    let mut blob = [0u8; BLOB_LEN];
    let wire = version.wire();
    let mut i = 0;
    while i < REGISTRY.len() {
        if let Some(reason) = REGISTRY[i].reason {
            let start = SPANS[i].0 as usize;
            let mut j = 0;
            while j < 8 {
                blob[start + j] = wire[j];
                j += 1;
            }
            blob[start + 8] = b' ';
            let code = REGISTRY[i].code;
            blob[start + 9] = b'0' + (code / 100) as u8;
            blob[start + 10] = b'0' + (code / 10 % 10) as u8;
            blob[start + 11] = b'0' + (code % 10) as u8;
            blob[start + 12] = b' ';
            let reason = reason.as_bytes();
            let mut k = 0;
            while k < reason.len() {
                blob[start + 13 + k] = reason[k];
                k += 1;
            }
            blob[start + 13 + reason.len()] = b'\r';
            blob[start + 14 + reason.len()] = b'\n';
        }
        i += 1;
    }
    blob
}

/// The pre-built line `HTTP/1.x CODE REASON\r\n` for a code with a registered reason phrase,
/// for HTTP/1.0 and HTTP/1.1.
///
/// Returns `None` for any other version, for unregistered codes and for codes registered as
/// "(Unused)"; [`write_status_line`](crate::write_status_line) handles those. Usable in
/// `const` context.
///
/// ```
/// use status_lines::{status_line, Version};
/// assert_eq!(status_line(Version::HTTP_11, 200), Some(&b"HTTP/1.1 200 OK\r\n"[..]));
/// assert_eq!(status_line(Version::HTTP_10, 503), Some(&b"HTTP/1.0 503 Service Unavailable\r\n"[..]));
/// assert_eq!(status_line(Version::HTTP_11, 418), None);
/// assert_eq!(status_line(Version::new(2, 0).unwrap(), 200), None);
/// ```
#[inline]
pub const fn status_line(version: Version, code: u16) -> Option<&'static [u8]> {
    let blob: &'static [u8; BLOB_LEN] = if version.major() != 1 {
        return None;
    } else if version.minor() == 1 {
        &HTTP_11
    } else if version.minor() == 0 {
        &HTTP_10
    } else {
        return None;
    };
    let Some(i) = registry::position(code) else {
        return None;
    };
    let (start, len) = SPANS[i];
    if len == 0 {
        return None;
    }
    // `split_at` is usable in const fn; the spans were computed to lie inside the blob.
    let (_, tail) = blob.split_at(start as usize);
    let (line, _) = tail.split_at(len as usize);
    Some(line)
}
