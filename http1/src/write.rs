//! Head writers (RFC 9112 §3, §4, §5): request line, status line and field lines into a
//! caller's buffer; and trailer sections (§7.1.2), whose field lines are checked the same way.
//!
//! Every element is checked before a byte of it is written, and anything that the strict
//! parser of this crate would refuse or read differently is refused, never escaped, stripped
//! or repaired. So for every head the writers accept, parsing the written bytes gives the head
//! back: the same method, target, version, status, reason and field lines in order, and a
//! `head_len` equal to the bytes written (within the parser's [`Limits`](crate::Limits), which
//! are the reader's business: target length, head size and field count are not checked here).
//!
//! # What is refused, and why
//!
//! | element | refused | why |
//! | --- | --- | --- |
//! | method | empty; any byte that is not a `tchar` | RFC 9110 §9.1: `method = token` |
//! | request-target | empty; any byte but VCHAR (SP, CTL, DEL, >= 0x80) | RFC 9112 §3.2; SP would end the target early |
//! | request-target | `#` anywhere | a fragment is never sent (RFC 9110 §7.1) |
//! | request-target | a form that does not fit the method: CONNECT without `host:port`, `*` without OPTIONS, anything not starting with `/`, `scheme:` or `*` | RFC 9112 §3.2.1–3.2.4; the parser refuses these too |
//! | reason phrase | CR, LF, NUL, other CTL but HTAB, DEL | RFC 9112 §4, checked by `status_lines` |
//! | field name | empty; any byte that is not a `tchar` (`:`, SP, CTL, >= 0x80, ...) | RFC 9110 §5.1; whitespace before the colon is a smuggling vector |
//! | field value | CR, LF, NUL (header injection: `a\r\nSet-Cookie: x` would add a field) | RFC 9110 §5.5 |
//! | field value | any other CTL but HTAB, and DEL | RFC 9110 §5.5 `field-content`; the strict parser refuses them |
//! | field value | SP or HTAB as its first or last byte | the parser strips them as OWS (RFC 9112 §5.1), so they would not round trip |
//!
//! obs-text (bytes 0x80–0xFF) is accepted in values and reason phrases, and SP/HTAB inside a
//! value. Versions are any `HTTP/DIGIT.DIGIT` ([`Version`] holds only those). The writers are
//! syntactic: they do not judge framing (`Content-Length` against `Transfer-Encoding` and the
//! like).
//!
//! # Sinks
//!
//! The writers put bytes into a [`HeadSink`]:
//!
//! * `&mut [u8]`, which advances past what was written, like `std::io::Write` for slices;
//! * `Vec<u8>` (feature `alloc`), which grows (fallibly: a failed allocation is
//!   [`WriteError::BufferTooSmall`]);
//! * `bytes::BytesMut` and any `bytes::BufMut` through `BufMutSink` (feature `bytes`),
//!   bounded by `remaining_mut()`.
//!
//! Each call (a whole head for [`write_request_head`] / [`write_response_head`], a whole trailer
//! section for [`write_trailer_section`], one line for [`HeadWriter`]) checks its input,
//! measures itself, makes sure the sink can take that many bytes, and only then writes: a failed
//! call writes nothing.
//!
//! ```
//! use http1::write::{write_request_head, RequestHead, WriteError};
//! use http1::{Field, Version};
//!
//! let head = RequestHead {
//!     method: b"GET",
//!     target: b"/index.html",
//!     version: Version::HTTP_11,
//!     fields: &[Field { name: b"Host", value: b"example.com" }],
//! };
//! let mut buf = [0u8; 64];
//! let n = write_request_head(&mut buf[..], &head).unwrap();
//! assert_eq!(&buf[..n], b"GET /index.html HTTP/1.1\r\nHost: example.com\r\n\r\n");
//!
//! // Header injection is refused, not escaped.
//! let evil = RequestHead {
//!     fields: &[Field { name: b"X", value: b"a\r\nSet-Cookie: x" }],
//!     ..head
//! };
//! assert_eq!(
//!     write_request_head(&mut buf[..], &evil),
//!     Err(WriteError::InvalidFieldValue { index: 0, offset: 1 })
//! );
//! ```

use crate::classify::{is_field_value_byte, is_target_byte, is_tchar};
use crate::head::Field;
use status_lines::{StatusCode, Version};

pub use status_lines::Reason;

/// Why a head (or one line of it) could not be written. Nothing of the failed call was written.
///
/// Offsets count from the start of the offending element (method, target, reason, name or
/// value); `index` is the position of the field line in the head, from 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum WriteError {
    /// The sink cannot take the bytes of the call (a slice too short, a `BufMut` without
    /// enough `remaining_mut()`, a `Vec` that could not grow).
    BufferTooSmall {
        /// Bytes the failed call needed: the whole head for [`write_request_head`] and
        /// [`write_response_head`], the one line (or the empty line) for a [`HeadWriter`] step.
        needed: usize,
    },
    /// The method is empty (offset 0) or holds a byte that is not a `tchar`.
    InvalidMethod {
        /// Offset of the first bad byte within the method.
        offset: usize,
    },
    /// The request-target is empty (offset 0), holds a byte that is not VCHAR or a `#`, or its
    /// form does not fit the method (see the [module docs](self)).
    InvalidTarget {
        /// Offset within the target of the first byte that does not fit (the target's length
        /// when it ended too early, e.g. `CONNECT host` without a port).
        offset: usize,
    },
    /// The custom reason phrase holds a control character other than HTAB, or DEL.
    InvalidReason {
        /// Offset of the first bad byte within the reason.
        offset: usize,
    },
    /// A field name is empty (offset 0) or holds a byte that is not a `tchar`.
    InvalidFieldName {
        /// Which field line, from 0.
        index: usize,
        /// Offset of the first bad byte within the name.
        offset: usize,
    },
    /// A field value holds CR, LF, NUL, another control character but HTAB, or DEL.
    InvalidFieldValue {
        /// Which field line, from 0.
        index: usize,
        /// Offset of the first bad byte within the value.
        offset: usize,
    },
    /// A field value starts or ends with SP or HTAB, which a reader strips (RFC 9112 §5.1).
    FieldValueWhitespace {
        /// Which field line, from 0.
        index: usize,
        /// Offset of the whitespace byte within the value (0, or the last byte).
        offset: usize,
    },
}

impl core::fmt::Display for WriteError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match *self {
            WriteError::BufferTooSmall { needed } => {
                write!(f, "buffer too small: {needed} bytes needed")
            }
            WriteError::InvalidMethod { offset } => {
                write!(f, "method must be a non-empty token (byte {offset})")
            }
            WriteError::InvalidTarget { offset } => {
                write!(f, "invalid request-target for this method (byte {offset})")
            }
            WriteError::InvalidReason { offset } => {
                write!(f, "reason phrase holds a forbidden byte (byte {offset})")
            }
            WriteError::InvalidFieldName { index, offset } => write!(
                f,
                "field {index}: name must be a non-empty token (byte {offset})"
            ),
            WriteError::InvalidFieldValue { index, offset } => write!(
                f,
                "field {index}: value holds CR, LF, NUL or another forbidden byte (byte {offset})"
            ),
            WriteError::FieldValueWhitespace { index, offset } => write!(
                f,
                "field {index}: value starts or ends with whitespace (byte {offset})"
            ),
        }
    }
}

impl core::error::Error for WriteError {}

impl From<status_lines::WriteError> for WriteError {
    fn from(e: status_lines::WriteError) -> WriteError {
        match e {
            status_lines::WriteError::BufferTooSmall { needed } => {
                WriteError::BufferTooSmall { needed }
            }
            status_lines::WriteError::InvalidReason { offset } => {
                WriteError::InvalidReason { offset }
            }
        }
    }
}

/// Where the writers put bytes.
///
/// The writers call [`reserve`](HeadSink::reserve) with the length of what they are about to
/// write and, once it has succeeded, write exactly that many bytes with
/// [`put`](HeadSink::put) and [`put_status_line`](HeadSink::put_status_line). An
/// implementation must refuse in `reserve` (leaving itself unchanged) whatever it cannot take,
/// so that a failed call writes nothing.
pub trait HeadSink {
    /// Makes sure `additional` more bytes can be put, or refuses with
    /// [`WriteError::BufferTooSmall`]` { needed: additional }`, changing nothing.
    fn reserve(&mut self, additional: usize) -> Result<(), WriteError>;

    /// Appends `bytes`. Fails (writing nothing) only when the sink cannot take them, which a
    /// successful `reserve` rules out.
    fn put(&mut self, bytes: &[u8]) -> Result<(), WriteError>;

    /// Appends a status line written by [`status_lines::write_status_line`] and returns its
    /// length.
    ///
    /// The provided method lets status-lines write into a small stack buffer and [`put`]s the
    /// result; sinks with contiguous memory override it to let status-lines write in place.
    ///
    /// [`put`]: HeadSink::put
    fn put_status_line(
        &mut self,
        version: Version,
        status: StatusCode,
        reason: Reason<'_>,
    ) -> Result<usize, WriteError> {
        // Registered phrases are at most a few dozen bytes; only long custom reasons miss.
        let mut stage = [0u8; 128];
        match status_lines::write_status_line(&mut stage, version, status, reason) {
            Ok(n) => {
                self.put(stage.get(..n).unwrap_or_default())?;
                Ok(n)
            }
            Err(status_lines::WriteError::BufferTooSmall { needed }) => {
                let Reason::Custom(text) = reason else {
                    return Err(WriteError::BufferTooSmall { needed });
                };
                // Too long for the stage: status-lines writes the line with an empty reason
                // (`HTTP/x.y NNN ` then CRLF) and the checked reason goes between the two.
                if let Err(offset) = status_lines::validate_reason(text) {
                    return Err(WriteError::InvalidReason { offset });
                }
                let n =
                    status_lines::write_status_line(&mut stage, version, status, Reason::Empty)?;
                let line = stage.get(..n).unwrap_or_default();
                let (start, crlf) = line.split_at(line.len().saturating_sub(2));
                self.put(start)?;
                self.put(text)?;
                self.put(crlf)?;
                Ok(n + text.len())
            }
            Err(e) => Err(e.into()),
        }
    }
}

impl<S: HeadSink + ?Sized> HeadSink for &mut S {
    #[inline]
    fn reserve(&mut self, additional: usize) -> Result<(), WriteError> {
        (**self).reserve(additional)
    }

    #[inline]
    fn put(&mut self, bytes: &[u8]) -> Result<(), WriteError> {
        (**self).put(bytes)
    }

    #[inline]
    fn put_status_line(
        &mut self,
        version: Version,
        status: StatusCode,
        reason: Reason<'_>,
    ) -> Result<usize, WriteError> {
        (**self).put_status_line(version, status, reason)
    }
}

/// A slice sink: writes at the front and moves past what it wrote (so after a head is written,
/// the slice is what is left of the buffer).
impl HeadSink for &mut [u8] {
    #[inline]
    fn reserve(&mut self, additional: usize) -> Result<(), WriteError> {
        if additional <= self.len() {
            Ok(())
        } else {
            Err(WriteError::BufferTooSmall { needed: additional })
        }
    }

    #[inline]
    fn put(&mut self, bytes: &[u8]) -> Result<(), WriteError> {
        // Checked before the buffer is taken out of `self`: a refused put leaves the sink as
        // it was.
        if bytes.len() > self.len() {
            return Err(WriteError::BufferTooSmall {
                needed: bytes.len(),
            });
        }
        let (dst, rest) = core::mem::take(self).split_at_mut(bytes.len());
        dst.copy_from_slice(bytes);
        *self = rest;
        Ok(())
    }

    #[inline]
    fn put_status_line(
        &mut self,
        version: Version,
        status: StatusCode,
        reason: Reason<'_>,
    ) -> Result<usize, WriteError> {
        let n = status_lines::write_status_line(self, version, status, reason)?;
        // write_status_line returned Ok, so the line fits: the split cannot fail.
        if let Some((_, rest)) = core::mem::take(self).split_at_mut_checked(n) {
            *self = rest;
        }
        Ok(n)
    }
}

#[cfg(feature = "alloc")]
impl HeadSink for alloc::vec::Vec<u8> {
    #[inline]
    fn reserve(&mut self, additional: usize) -> Result<(), WriteError> {
        self.try_reserve(additional)
            .map_err(|_| WriteError::BufferTooSmall { needed: additional })
    }

    #[inline]
    fn put(&mut self, bytes: &[u8]) -> Result<(), WriteError> {
        HeadSink::reserve(self, bytes.len())?;
        self.extend_from_slice(bytes);
        Ok(())
    }

    fn put_status_line(
        &mut self,
        version: Version,
        status: StatusCode,
        reason: Reason<'_>,
    ) -> Result<usize, WriteError> {
        let start = self.len();
        let len = status_lines::status_line_len(version, status, reason);
        HeadSink::reserve(self, len)?;
        self.resize(start + len, 0);
        let tail = self.get_mut(start..).unwrap_or_default();
        match status_lines::write_status_line(tail, version, status, reason) {
            Ok(n) => {
                self.truncate(start + n);
                Ok(n)
            }
            Err(e) => {
                self.truncate(start);
                Err(e.into())
            }
        }
    }
}

#[cfg(feature = "bytes")]
impl HeadSink for bytes::BytesMut {
    #[inline]
    fn reserve(&mut self, additional: usize) -> Result<(), WriteError> {
        if additional <= bytes::BufMut::remaining_mut(self) {
            bytes::BytesMut::reserve(self, additional);
            Ok(())
        } else {
            Err(WriteError::BufferTooSmall { needed: additional })
        }
    }

    #[inline]
    fn put(&mut self, bytes: &[u8]) -> Result<(), WriteError> {
        HeadSink::reserve(self, bytes.len())?;
        self.extend_from_slice(bytes);
        Ok(())
    }
}

/// A sink over any [`bytes::BufMut`], bounded by its `remaining_mut()` (feature `bytes`).
///
/// `BytesMut` is a sink by itself; this wrapper is for the other buffers, e.g. a
/// `bytes::buf::Limit` or a `&mut BytesMut` behind a generic `B: BufMut`.
///
/// ```
/// use bytes::BufMut;
/// use http1::write::{BufMutSink, HeadWriter, WriteError};
/// use http1::Version;
///
/// let mut sink = BufMutSink::new(Vec::new().limit(20));
/// let w = HeadWriter::request(&mut sink, b"GET", b"/", Version::HTTP_11).unwrap();
/// assert_eq!(w.finish(), Ok(18));
/// assert_eq!(sink.get_ref().get_ref(), b"GET / HTTP/1.1\r\n\r\n");
/// assert_eq!(
///     HeadWriter::request(&mut sink, b"GET", b"/", Version::HTTP_11).err(),
///     Some(WriteError::BufferTooSmall { needed: 16 })
/// );
/// ```
#[cfg(feature = "bytes")]
#[derive(Debug, Clone, Default)]
pub struct BufMutSink<B>(B);

#[cfg(feature = "bytes")]
impl<B: bytes::BufMut> BufMutSink<B> {
    /// Wraps `buf`.
    pub const fn new(buf: B) -> Self {
        BufMutSink(buf)
    }

    /// The buffer.
    pub const fn get_ref(&self) -> &B {
        &self.0
    }

    /// The buffer, mutably.
    pub fn get_mut(&mut self) -> &mut B {
        &mut self.0
    }

    /// Unwraps the buffer.
    pub fn into_inner(self) -> B {
        self.0
    }
}

#[cfg(feature = "bytes")]
impl<B: bytes::BufMut> HeadSink for BufMutSink<B> {
    #[inline]
    fn reserve(&mut self, additional: usize) -> Result<(), WriteError> {
        if additional <= self.0.remaining_mut() {
            Ok(())
        } else {
            Err(WriteError::BufferTooSmall { needed: additional })
        }
    }

    #[inline]
    fn put(&mut self, bytes: &[u8]) -> Result<(), WriteError> {
        // `put_slice` panics when the bytes do not fit; check first.
        self.reserve(bytes.len())?;
        self.0.put_slice(bytes);
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// Checks. Each returns the length of the line it checked, so that a caller can reserve first.

/// `a + b`, or a length no sink can take.
#[inline(always)]
const fn add(a: usize, b: usize) -> usize {
    match a.checked_add(b) {
        Some(n) => n,
        None => usize::MAX,
    }
}

/// The length of `method SP target SP HTTP/x.y CRLF`; nothing is checked.
#[inline]
pub const fn request_line_len(method: &[u8], target: &[u8]) -> usize {
    add(add(method.len(), target.len()), 1 + 1 + 8 + 2)
}

/// The length of the field line `name: value CRLF` (`name:` CRLF when the value is empty);
/// nothing is checked.
#[inline]
pub const fn field_line_len(name: &[u8], value: &[u8]) -> usize {
    let sep = if value.is_empty() { 1 } else { 2 };
    add(add(name.len(), value.len()), sep + 2)
}

fn check_method(method: &[u8]) -> Result<(), WriteError> {
    if method.is_empty() {
        return Err(WriteError::InvalidMethod { offset: 0 });
    }
    match method.iter().position(|&b| !is_tchar(b)) {
        Some(offset) => Err(WriteError::InvalidMethod { offset }),
        None => Ok(()),
    }
}

/// The request-target: VCHAR only, no fragment, and a form that fits the method, as the strict
/// parser requires (RFC 9112 §3.2): authority-form (`host:port`, port required) exactly for
/// CONNECT, asterisk-form only for OPTIONS, otherwise origin-form (`/...`) or absolute-form
/// (`scheme:...`).
fn check_target(method: &[u8], target: &[u8]) -> Result<(), WriteError> {
    let bad = |offset| Err(WriteError::InvalidTarget { offset });
    if target.is_empty() {
        return bad(0);
    }
    if let Some(i) = target.iter().position(|&b| !is_target_byte(b)) {
        return bad(i);
    }
    // The form and the fragment rule: the parser's own check, so the two cannot drift.
    crate::target::target_form(method, target)
        .map(|_| ())
        .or_else(bad)
}

/// Checks a request line and returns its length.
fn check_request_line(method: &[u8], target: &[u8]) -> Result<usize, WriteError> {
    check_method(method)?;
    check_target(method, target)?;
    Ok(request_line_len(method, target))
}

/// Checks a reason phrase and returns the status line's length.
fn check_status_line(
    version: Version,
    status: StatusCode,
    reason: Reason<'_>,
) -> Result<usize, WriteError> {
    if let Reason::Custom(text) = reason
        && let Err(offset) = status_lines::validate_reason(text)
    {
        return Err(WriteError::InvalidReason { offset });
    }
    Ok(status_lines::status_line_len(version, status, reason))
}

/// Checks field line number `index` and returns its length.
fn check_field(index: usize, name: &[u8], value: &[u8]) -> Result<usize, WriteError> {
    if name.is_empty() {
        return Err(WriteError::InvalidFieldName { index, offset: 0 });
    }
    if let Some(offset) = name.iter().position(|&b| !is_tchar(b)) {
        return Err(WriteError::InvalidFieldName { index, offset });
    }
    if let Some(offset) = value.iter().position(|&b| !is_field_value_byte(b)) {
        return Err(WriteError::InvalidFieldValue { index, offset });
    }
    // A reader strips OWS around the value (RFC 9112 §5.1), so it would not come back.
    if let [b' ' | b'\t', ..] = value {
        return Err(WriteError::FieldValueWhitespace { index, offset: 0 });
    }
    if let [.., b' ' | b'\t'] = value {
        let offset = value.len() - 1;
        return Err(WriteError::FieldValueWhitespace { index, offset });
    }
    Ok(field_line_len(name, value))
}

/// Checks all fields and returns the length of their lines.
fn check_fields(fields: &[Field<'_>]) -> Result<usize, WriteError> {
    let mut len = 0usize;
    for (index, f) in fields.iter().enumerate() {
        len = add(len, check_field(index, f.name, f.value)?);
    }
    Ok(len)
}

// ---------------------------------------------------------------------------------------------
// Unchecked puts: the caller has checked the element and reserved its length.

fn put_request_line<S: HeadSink + ?Sized>(
    sink: &mut S,
    method: &[u8],
    target: &[u8],
    version: Version,
) -> Result<(), WriteError> {
    sink.put(method)?;
    sink.put(b" ")?;
    sink.put(target)?;
    let v = version.wire();
    sink.put(&[
        b' ', v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], b'\r', b'\n',
    ])
}

fn put_field<S: HeadSink + ?Sized>(
    sink: &mut S,
    name: &[u8],
    value: &[u8],
) -> Result<(), WriteError> {
    sink.put(name)?;
    if value.is_empty() {
        sink.put(b":\r\n")
    } else {
        sink.put(b": ")?;
        sink.put(value)?;
        sink.put(b"\r\n")
    }
}

// ---------------------------------------------------------------------------------------------
// Whole heads.

/// A request head to write: borrowed parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RequestHead<'a> {
    /// The method token (`GET`).
    pub method: &'a [u8],
    /// The request-target, in a form that fits the method.
    pub target: &'a [u8],
    /// The version.
    pub version: Version,
    /// The field lines, in order.
    pub fields: &'a [Field<'a>],
}

impl RequestHead<'_> {
    /// Checks the head and returns how many bytes [`write_request_head`] would write.
    ///
    /// ```
    /// use http1::write::RequestHead;
    /// use http1::{Field, Version};
    /// let head = RequestHead {
    ///     method: b"GET",
    ///     target: b"/",
    ///     version: Version::HTTP_11,
    ///     fields: &[Field { name: b"Host", value: b"a" }],
    /// };
    /// assert_eq!(head.encoded_len(), Ok(b"GET / HTTP/1.1\r\nHost: a\r\n\r\n".len()));
    /// ```
    pub fn encoded_len(&self) -> Result<usize, WriteError> {
        let line = check_request_line(self.method, self.target)?;
        Ok(add(add(line, check_fields(self.fields)?), 2))
    }
}

/// A response head to write: borrowed parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResponseHead<'a> {
    /// The version.
    pub version: Version,
    /// The status code.
    pub status: StatusCode,
    /// Which reason phrase to write.
    pub reason: Reason<'a>,
    /// The field lines, in order.
    pub fields: &'a [Field<'a>],
}

impl ResponseHead<'_> {
    /// Checks the head and returns how many bytes [`write_response_head`] would write.
    pub fn encoded_len(&self) -> Result<usize, WriteError> {
        let line = check_status_line(self.version, self.status, self.reason)?;
        Ok(add(add(line, check_fields(self.fields)?), 2))
    }
}

/// Writes a whole request head (request line, field lines, empty line) and returns its length.
///
/// The head is checked and measured first; if anything is refused or the sink cannot take the
/// whole head, nothing is written and `BufferTooSmall::needed` is the head's length.
///
/// ```
/// use http1::write::{write_request_head, RequestHead};
/// use http1::{Field, Version};
///
/// let head = RequestHead {
///     method: b"POST",
///     target: b"/upload",
///     version: Version::HTTP_11,
///     fields: &[
///         Field { name: b"Host", value: b"example.com" },
///         Field { name: b"Content-Length", value: b"0" },
///     ],
/// };
/// let wire = b"POST /upload HTTP/1.1\r\nHost: example.com\r\nContent-Length: 0\r\n\r\n";
/// assert_eq!(head.encoded_len(), Ok(wire.len()));
///
/// // Into a growing Vec (feature `alloc`)...
/// # #[cfg(feature = "alloc")] {
/// let mut out = Vec::new();
/// let n = write_request_head(&mut out, &head).unwrap();
/// assert_eq!(&out[..n], wire);
/// # }
/// // ... or into a fixed buffer, which a failed call leaves as it was.
/// let mut buf = [0u8; 64];
/// let n = write_request_head(&mut buf[..], &head).unwrap();
/// assert_eq!(&buf[..n], wire);
/// assert_eq!(
///     write_request_head(&mut buf[..10], &head),
///     Err(http1::write::WriteError::BufferTooSmall { needed: wire.len() })
/// );
/// ```
pub fn write_request_head<S: HeadSink>(
    mut sink: S,
    head: &RequestHead<'_>,
) -> Result<usize, WriteError> {
    let len = head.encoded_len()?;
    sink.reserve(len)?;
    put_request_line(&mut sink, head.method, head.target, head.version)?;
    for f in head.fields {
        put_field(&mut sink, f.name, f.value)?;
    }
    sink.put(b"\r\n")?;
    Ok(len)
}

/// Writes a whole response head (status line through status-lines, field lines, empty line)
/// and returns its length; see [`write_request_head`].
///
/// ```
/// use http1::write::{write_response_head, Reason, ResponseHead};
/// use http1::{Field, StatusCode, Version};
///
/// let head = ResponseHead {
///     version: Version::HTTP_11,
///     status: StatusCode::new(404).unwrap(),
///     reason: Reason::Canonical,
///     fields: &[Field { name: b"Content-Length", value: b"0" }],
/// };
/// let mut buf = [0u8; 64];
/// let n = write_response_head(&mut buf[..], &head).unwrap();
/// assert_eq!(&buf[..n], b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
/// ```
pub fn write_response_head<S: HeadSink>(
    mut sink: S,
    head: &ResponseHead<'_>,
) -> Result<usize, WriteError> {
    let len = head.encoded_len()?;
    sink.reserve(len)?;
    sink.put_status_line(head.version, head.status, head.reason)?;
    for f in head.fields {
        put_field(&mut sink, f.name, f.value)?;
    }
    sink.put(b"\r\n")?;
    Ok(len)
}

// ---------------------------------------------------------------------------------------------
// Trailer sections.

/// Writes a trailer section (RFC 9112 §7.1.2): the field lines, then the empty line that ends
/// the section, and returns its length (`2` for no fields: just CRLF).
///
/// The field lines are checked exactly as in a head (see the [module docs](self)) and the whole
/// section is measured and [reserved](HeadSink::reserve) at once before a byte is written: a
/// refused field or a sink that cannot take the whole section writes nothing, and
/// `BufferTooSmall::needed` is the section's length. The check is syntactic: whether a field
/// may be sent as a trailer at all (RFC 9110 §6.5.1) is the caller's business (the chunked
/// encoder of `httpwire-chunked` refuses framing, routing, authentication and the like by
/// default). The last chunk (`0` CRLF) that comes before a trailer section is not written
/// here.
///
/// ```
/// use http1::write::{write_trailer_section, WriteError};
/// use http1::Field;
///
/// let mut buf = [0u8; 64];
/// let fields = [Field { name: b"Server-Timing", value: b"total;dur=12" }];
/// let n = write_trailer_section(&mut buf[..], &fields).unwrap();
/// assert_eq!(&buf[..n], b"Server-Timing: total;dur=12\r\n\r\n");
///
/// // No fields: only the empty line.
/// assert_eq!(write_trailer_section(&mut buf[..], &[]), Ok(2));
///
/// // Checked like a head's field lines, and nothing is written on error.
/// let evil = [Field { name: b"X", value: b"a\r\nSet-Cookie: x" }];
/// assert_eq!(
///     write_trailer_section(&mut buf[..], &evil),
///     Err(WriteError::InvalidFieldValue { index: 0, offset: 1 })
/// );
/// ```
pub fn write_trailer_section<S: HeadSink>(
    mut sink: S,
    fields: &[Field<'_>],
) -> Result<usize, WriteError> {
    let len = add(check_fields(fields)?, 2);
    sink.reserve(len)?;
    for f in fields {
        put_field(&mut sink, f.name, f.value)?;
    }
    sink.put(b"\r\n")?;
    Ok(len)
}

// ---------------------------------------------------------------------------------------------
// Line by line.

/// Writes a head line by line: the start line when it is made, then any number of
/// [`field`](HeadWriter::field)s, then [`finish`](HeadWriter::finish) writes the empty line.
///
/// Each step is checked and measured before it writes; a refused step writes nothing and the
/// writer can go on (e.g. with another field). Pass the sink by `&mut` to keep using it after
/// the writer is gone.
///
/// ```
/// use http1::write::HeadWriter;
/// use http1::Version;
///
/// let mut buf = [0u8; 128];
/// let mut out = &mut buf[..];
/// let mut w = HeadWriter::request(&mut out, b"GET", b"/", Version::HTTP_11).unwrap();
/// w.field(b"Host", b"example.com").unwrap();
/// assert!(w.field(b"Bad Name", b"x").is_err()); // refused, nothing written
/// w.field(b"Accept", b"*/*").unwrap();
/// let n = w.finish().unwrap();
/// assert_eq!(&buf[..n], b"GET / HTTP/1.1\r\nHost: example.com\r\nAccept: */*\r\n\r\n");
/// ```
#[derive(Debug)]
pub struct HeadWriter<S> {
    sink: S,
    written: usize,
    fields: usize,
}

impl<S: HeadSink> HeadWriter<S> {
    /// Writes the request line `method SP target SP HTTP/x.y CRLF`.
    pub fn request(
        mut sink: S,
        method: &[u8],
        target: &[u8],
        version: Version,
    ) -> Result<Self, WriteError> {
        let len = check_request_line(method, target)?;
        sink.reserve(len)?;
        put_request_line(&mut sink, method, target, version)?;
        Ok(HeadWriter {
            sink,
            written: len,
            fields: 0,
        })
    }

    /// Writes the status line through [`status_lines::write_status_line`].
    ///
    /// ```
    /// use http1::write::{HeadWriter, Reason};
    /// use http1::{StatusCode, Version};
    /// let mut buf = [0u8; 32];
    /// let code = StatusCode::new(204).unwrap();
    /// let w = HeadWriter::response(&mut buf[..], Version::HTTP_11, code, Reason::Canonical).unwrap();
    /// let n = w.finish().unwrap();
    /// assert_eq!(&buf[..n], b"HTTP/1.1 204 No Content\r\n\r\n");
    /// ```
    pub fn response(
        mut sink: S,
        version: Version,
        status: StatusCode,
        reason: Reason<'_>,
    ) -> Result<Self, WriteError> {
        let len = check_status_line(version, status, reason)?;
        sink.reserve(len)?;
        let written = sink.put_status_line(version, status, reason)?;
        Ok(HeadWriter {
            sink,
            written,
            fields: 0,
        })
    }

    /// Writes the field line `name: value CRLF` (`name:` CRLF for an empty value).
    pub fn field(&mut self, name: &[u8], value: &[u8]) -> Result<&mut Self, WriteError> {
        let len = check_field(self.fields, name, value)?;
        self.sink.reserve(len)?;
        put_field(&mut self.sink, name, value)?;
        self.written = add(self.written, len);
        self.fields += 1;
        Ok(self)
    }

    /// Bytes written so far.
    pub const fn written(&self) -> usize {
        self.written
    }

    /// Field lines written so far.
    pub const fn fields(&self) -> usize {
        self.fields
    }

    /// Writes the empty line that ends the head and returns the head's length.
    pub fn finish(mut self) -> Result<usize, WriteError> {
        self.sink.reserve(2)?;
        self.sink.put(b"\r\n")?;
        Ok(add(self.written, 2))
    }
}
