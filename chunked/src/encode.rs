//! The encoder (RFC 9112 §7.1): chunk framing as pieces that borrow the caller's data, and the
//! last chunk with its trailer section.
//!
//! A chunked body is any number of chunks, then the last chunk and the trailer section:
//!
//! ```text
//! chunk         = chunk-size CRLF chunk-data CRLF        (chunk-size in hex, at least 1)
//! last-chunk    = "0" CRLF
//! trailer-section = *( field-line CRLF ) CRLF
//! ```
//!
//! The data of a chunk is never copied: a [`Chunk`] borrows it and holds only its size line,
//! built in a small inline buffer (a [`ChunkHeader`], no allocation). Its
//! [`pieces`](Chunk::pieces) (size line, data, CRLF) go to a vectored write as they are
//! (`Chunk::io_slices` gives `std::io::IoSlice`s with feature `std`; `Chunk::into_buf` and
//! `chunk_buf` give a `bytes::Buf` with feature `bytes`). [`write_chunk`] copies a chunk into
//! a [`HeadSink`] instead, for small data.
//!
//! An empty chunk would be read as the last chunk and end the body, so there is no framing for
//! empty data: [`Chunk::new`], [`ChunkHeader::new`] and `chunk_buf` return `None` for it, and
//! [`write_chunk`] writes nothing.
//!
//! [`write_last_chunk`] ends the body: `0` CRLF, the trailer field lines, and the empty line,
//! all or nothing. The field lines are checked by http1's writer
//! ([`http1::write::write_trailer_section`]), exactly as in a head, and fields that must not be
//! trailers (framing, routing, authentication, ...: see [`is_forbidden_trailer`]) are refused
//! unless [`TrailerPolicy::AnyField`] says otherwise.
//!
//! ```
//! use chunked::encode::{write_last_chunk, Chunk, Field};
//!
//! let mut wire = Vec::new();
//! for data in [&b"hello"[..], b"", b" world, and more"] {
//!     // `None` for the empty piece: it is skipped, not framed.
//!     if let Some(chunk) = Chunk::new(data) {
//!         for piece in chunk.pieces() {
//!             wire.extend_from_slice(piece);
//!         }
//!     }
//! }
//! let mut end = [0u8; 64];
//! let trailers = [Field { name: b"Server-Timing", value: b"total;dur=3" }];
//! let n = write_last_chunk(&mut end[..], &trailers).unwrap();
//! wire.extend_from_slice(&end[..n]);
//! assert_eq!(
//!     wire,
//!     b"5\r\nhello\r\n10\r\n world, and more\r\n0\r\nServer-Timing: total;dur=3\r\n\r\n"
//! );
//! ```

use http1::write::write_trailer_section;

pub use http1::Field;
pub use http1::write::{HeadSink, WriteError};

/// The CRLF that ends a chunk's data: the third of a chunk's [`pieces`](Chunk::pieces).
pub const CRLF: &[u8] = b"\r\n";

/// The end of a body without trailers: the last chunk (`0` CRLF) and an empty trailer section
/// (CRLF). [`write_last_chunk`] with no fields writes the same bytes.
pub const END_OF_BODY: &[u8] = b"0\r\n\r\n";

/// The last chunk's line, without extensions.
const LAST_CHUNK: &[u8] = b"0\r\n";

/// Hex digits, lowercase, by value.
const HEX_DIGITS: &[u8; 16] = b"0123456789abcdef";

/// Room for the longest size line: 16 hex digits (a `u64`) and CRLF.
const LINE_CAP: usize = 18;

/// Where the size line's CRLF starts in the inline buffer: digits are written right-aligned
/// before it.
const DIGITS_END: usize = LINE_CAP - 2;

// ---------------------------------------------------------------------------------------------
// Errors.

/// Why a chunk or the end of a body could not be written. Nothing of the failed call was
/// written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum EncodeError {
    /// The sink could not take the bytes (`BufferTooSmall`, whose `needed` counts every byte
    /// of the call, the last chunk's `0` CRLF included), or a trailer field line was refused
    /// as a head's field line would be (bad name, bad value byte, surrounding whitespace; its
    /// `index` counts from the first trailer field).
    Write(WriteError),
    /// A trailer field must not be sent as a trailer ([`is_forbidden_trailer`]), and the
    /// policy is [`TrailerPolicy::Strict`].
    ForbiddenTrailer {
        /// Which trailer field, from 0.
        index: usize,
    },
}

impl core::fmt::Display for EncodeError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match *self {
            EncodeError::Write(e) => e.fmt(f),
            EncodeError::ForbiddenTrailer { index } => write!(
                f,
                "trailer field {index} must not be a trailer (framing, routing, request \
                 modifier, authentication, response control or content handling field)"
            ),
        }
    }
}

impl core::error::Error for EncodeError {}

impl From<WriteError> for EncodeError {
    fn from(e: WriteError) -> EncodeError {
        EncodeError::Write(e)
    }
}

// ---------------------------------------------------------------------------------------------
// Chunks.

/// The size line of a chunk: `chunk-size` in lowercase hex without leading zeros, then CRLF
/// (`1a\r\n` for 26 bytes), held inline (19 bytes, no allocation, `Copy`).
///
/// Build one from a length with [`ChunkHeader::new`] when the data is not one slice (a file
/// region, several buffers sent as one chunk); [`Chunk`] builds it for a slice. Either way the
/// chunk's data follows the line and [`CRLF`] follows the data, and the data must be exactly
/// [`chunk_size`](ChunkHeader::chunk_size) bytes long.
///
/// ```
/// use chunked::encode::ChunkHeader;
///
/// assert_eq!(ChunkHeader::new(26).unwrap().as_bytes(), b"1a\r\n");
/// assert_eq!(ChunkHeader::new(4096).unwrap().as_bytes(), b"1000\r\n");
/// assert_eq!(
///     ChunkHeader::new(u64::MAX).unwrap().as_bytes(),
///     b"ffffffffffffffff\r\n"
/// );
/// // No size line for nothing: a zero size is the last chunk.
/// assert_eq!(ChunkHeader::new(0), None);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct ChunkHeader {
    /// The digits right-aligned before the CRLF at the end; bytes before `start` are 0.
    line: [u8; LINE_CAP],
    /// Where the line starts in `line`: `DIGITS_END - digits`.
    start: u8,
}

impl ChunkHeader {
    /// The longest size line, in bytes: 16 hex digits and CRLF.
    pub const MAX_LEN: usize = LINE_CAP;

    /// The size line for a chunk of `chunk_size` bytes; `None` for 0, which is not a chunk but
    /// the last chunk (see [`write_last_chunk`]).
    pub const fn new(chunk_size: u64) -> Option<ChunkHeader> {
        if chunk_size == 0 {
            return None;
        }
        // 1 to 16 digits: one per started nibble.
        let digits = (u64::BITS - chunk_size.leading_zeros()).div_ceil(4) as usize;
        let start = DIGITS_END - digits;
        let mut line = [0u8; LINE_CAP];
        line[DIGITS_END] = b'\r';
        line[DIGITS_END + 1] = b'\n';
        let mut at = DIGITS_END;
        let mut rest = chunk_size;
        while at > start {
            at -= 1;
            line[at] = HEX_DIGITS[(rest & 0xf) as usize];
            rest >>= 4;
        }
        Some(ChunkHeader {
            line,
            start: start as u8,
        })
    }

    /// The size line, CRLF included.
    #[inline]
    pub const fn as_bytes(&self) -> &[u8] {
        self.line.split_at(self.start as usize).1
    }

    /// The size line's length, CRLF included: 3 to [`MAX_LEN`](ChunkHeader::MAX_LEN).
    #[inline]
    pub const fn line_len(&self) -> usize {
        LINE_CAP - self.start as usize
    }

    /// The chunk size this line announces (never 0).
    ///
    /// ```
    /// use chunked::encode::ChunkHeader;
    /// assert_eq!(ChunkHeader::new(300).unwrap().chunk_size(), 300);
    /// ```
    pub const fn chunk_size(&self) -> u64 {
        let mut size = 0u64;
        let mut at = self.start as usize;
        while at < DIGITS_END {
            let d = self.line[at];
            let value = if d <= b'9' { d - b'0' } else { d - b'a' + 10 };
            size = (size << 4) | value as u64;
            at += 1;
        }
        size
    }

    /// The size line as a [`bytes::Buf`] (feature `bytes`), to chain before the chunk's data
    /// and [`CRLF`]; [`chunk_buf`] does all three.
    #[cfg(feature = "bytes")]
    #[inline]
    pub const fn into_buf(self) -> SizeLine {
        SizeLine {
            line: self.line,
            pos: self.start,
        }
    }
}

impl AsRef<[u8]> for ChunkHeader {
    #[inline]
    fn as_ref(&self) -> &[u8] {
        self.as_bytes()
    }
}

impl core::fmt::Debug for ChunkHeader {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("ChunkHeader")
            .field("chunk_size", &self.chunk_size())
            .finish()
    }
}

/// One chunk of a body: the caller's data (never copied, never empty) and its size line.
///
/// ```
/// use chunked::encode::Chunk;
///
/// let chunk = Chunk::new(b"hello world").unwrap();
/// assert_eq!(chunk.pieces(), [&b"b\r\n"[..], b"hello world", b"\r\n"]);
/// assert_eq!(chunk.framed_len(), 3 + 11 + 2);
/// assert_eq!(Chunk::new(b""), None); // an empty chunk would end the body
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Chunk<'a> {
    header: ChunkHeader,
    data: &'a [u8],
}

impl<'a> Chunk<'a> {
    /// The chunk that carries `data`; `None` when `data` is empty, which must not be framed
    /// (a chunk of size 0 is the last chunk: it would end the body). Skip empty data.
    #[inline]
    pub const fn new(data: &'a [u8]) -> Option<Chunk<'a>> {
        match ChunkHeader::new(data.len() as u64) {
            Some(header) => Some(Chunk { header, data }),
            None => None,
        }
    }

    /// The size line.
    #[inline]
    pub const fn header(&self) -> ChunkHeader {
        self.header
    }

    /// The data, as given.
    #[inline]
    pub const fn data(&self) -> &'a [u8] {
        self.data
    }

    /// The length of the framed chunk: size line, data and CRLF.
    #[inline]
    pub const fn framed_len(&self) -> usize {
        // A slice is at most isize::MAX bytes, so this does not overflow.
        self.header.line_len() + self.data.len() + CRLF.len()
    }

    /// The framed chunk in three pieces, to write in order: the size line, the data, CRLF.
    #[inline]
    pub const fn pieces(&self) -> [&[u8]; 3] {
        [self.header.as_bytes(), self.data, CRLF]
    }

    /// The three [`pieces`](Chunk::pieces) as [`std::io::IoSlice`]s for
    /// [`write_vectored`](std::io::Write::write_vectored) (feature `std`).
    ///
    /// `write_vectored` may write less than all of them; carry on from where it stopped, e.g.
    /// with [`IoSlice::advance_slices`](std::io::IoSlice::advance_slices):
    ///
    /// ```
    /// use std::io::{IoSlice, Write};
    /// use chunked::encode::Chunk;
    ///
    /// fn write_chunk(out: &mut impl Write, data: &[u8]) -> std::io::Result<()> {
    ///     let Some(chunk) = Chunk::new(data) else { return Ok(()) };
    ///     let mut slices = chunk.io_slices();
    ///     let mut slices = &mut slices[..];
    ///     while !slices.is_empty() {
    ///         match out.write_vectored(slices)? {
    ///             0 => return Err(std::io::ErrorKind::WriteZero.into()),
    ///             n => IoSlice::advance_slices(&mut slices, n),
    ///         }
    ///     }
    ///     Ok(())
    /// }
    ///
    /// let mut out = Vec::new();
    /// write_chunk(&mut out, b"0123456789abcdef").unwrap();
    /// assert_eq!(out, b"10\r\n0123456789abcdef\r\n");
    /// ```
    #[cfg(feature = "std")]
    #[inline]
    pub fn io_slices(&self) -> [std::io::IoSlice<'_>; 3] {
        self.pieces().map(std::io::IoSlice::new)
    }

    /// The framed chunk as one [`bytes::Buf`] (feature `bytes`) that borrows the data; see
    /// [`chunk_buf`].
    #[cfg(feature = "bytes")]
    #[inline]
    pub fn into_buf(self) -> ChunkBuf<&'a [u8]> {
        use bytes::Buf;
        self.header.into_buf().chain(self.data).chain(CRLF)
    }
}

/// Copies one framed chunk of `data` into `sink` and returns its length, or writes nothing and
/// returns `Ok(0)` when `data` is empty (an empty chunk would end the body).
///
/// The whole chunk is [reserved](HeadSink::reserve) before a byte is written: a sink that
/// cannot take it all gets nothing, and `BufferTooSmall::needed` is the framed length. For
/// large data prefer [`Chunk::pieces`], which does not copy.
///
/// ```
/// use chunked::encode::{write_chunk, EncodeError, WriteError};
///
/// let mut buf = [0u8; 16];
/// let mut out = &mut buf[..];
/// assert_eq!(write_chunk(&mut out, b"hi"), Ok(7));
/// assert_eq!(write_chunk(&mut out, b""), Ok(0));
/// assert_eq!(
///     write_chunk(&mut out, b"too long now"),
///     Err(EncodeError::Write(WriteError::BufferTooSmall { needed: 17 }))
/// );
/// assert_eq!(out.len(), 9); // untouched by the failed call
/// assert_eq!(&buf[..7], b"2\r\nhi\r\n");
/// ```
pub fn write_chunk<S: HeadSink>(mut sink: S, data: &[u8]) -> Result<usize, EncodeError> {
    let Some(chunk) = Chunk::new(data) else {
        return Ok(0);
    };
    let len = chunk.framed_len();
    sink.reserve(len)?;
    for piece in chunk.pieces() {
        sink.put(piece)?;
    }
    Ok(len)
}

// ---------------------------------------------------------------------------------------------
// bytes::Buf.

/// A chunk's size line as a [`bytes::Buf`] (feature `bytes`): the inline bytes of a
/// [`ChunkHeader`] and how far they have been read. Made by [`ChunkHeader::into_buf`].
#[cfg(feature = "bytes")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SizeLine {
    line: [u8; LINE_CAP],
    /// The next byte to read in `line`.
    pos: u8,
}

#[cfg(feature = "bytes")]
impl bytes::Buf for SizeLine {
    #[inline]
    fn remaining(&self) -> usize {
        LINE_CAP - self.pos as usize
    }

    #[inline]
    fn chunk(&self) -> &[u8] {
        self.line.split_at(self.pos as usize).1
    }

    /// # Panics
    ///
    /// When `cnt` is more than [`remaining`](bytes::Buf::remaining), as `Buf` asks.
    #[inline]
    fn advance(&mut self, cnt: usize) {
        assert!(
            cnt <= self.remaining(),
            "cannot advance a size line by {cnt}: only {} bytes remain",
            self.remaining()
        );
        // At most LINE_CAP, so it fits a u8.
        self.pos += cnt as u8;
    }
}

/// A framed chunk as a [`bytes::Buf`] (feature `bytes`): the size line, the data `B`, then
/// [`CRLF`].
#[cfg(feature = "bytes")]
pub type ChunkBuf<B> = bytes::buf::Chain<bytes::buf::Chain<SizeLine, B>, &'static [u8]>;

/// Frames `data` (all of its [`remaining`](bytes::Buf::remaining) bytes) as one chunk without
/// copying it (feature `bytes`); `None` when it is empty, which must not be framed.
///
/// ```
/// use bytes::{Buf, Bytes};
/// use chunked::encode::chunk_buf;
///
/// let mut framed = chunk_buf(Bytes::from_static(b"hello")).unwrap();
/// assert_eq!(framed.remaining(), 3 + 5 + 2);
/// assert_eq!(framed.copy_to_bytes(10), &b"5\r\nhello\r\n"[..]);
/// assert!(chunk_buf(Bytes::new()).is_none());
/// ```
#[cfg(feature = "bytes")]
pub fn chunk_buf<B: bytes::Buf>(data: B) -> Option<ChunkBuf<B>> {
    use bytes::Buf;
    let header = ChunkHeader::new(data.remaining() as u64)?;
    Some(header.into_buf().chain(data).chain(CRLF))
}

// ---------------------------------------------------------------------------------------------
// The last chunk and trailers.

/// Which fields [`write_last_chunk_with`] accepts as trailers. Strict by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum TrailerPolicy {
    /// Refuse every field that [`is_forbidden_trailer`] names (RFC 9110 §6.5.1): fields the
    /// recipient needs before the content, which a trailer would change after the fact.
    #[default]
    Strict,
    /// Accept any well-formed field as a trailer.
    ///
    /// Risk: a recipient that merges trailers into the header section (as RFC 9110 §6.5.2
    /// allows when the field's definition permits it, and as careless ones do for every
    /// field) can be told a different framing (`Content-Length`, `Transfer-Encoding`), host,
    /// authority, cookie or cache policy after it has acted on the header section: a
    /// smuggling and cache-poisoning vector. Use it only to relay trailers from a trusted
    /// source, or for fields this check does not know to be allowed.
    AnyField,
}

/// Fields that must not be sent as trailers (RFC 9110 §6.5.1), lowercase; see
/// [`is_forbidden_trailer`], which also refuses every `If-*` field.
///
/// Framing: `Content-Length`, `Transfer-Encoding`, `Trailer`. Routing and connection
/// management: `Host`, `Connection`, `Keep-Alive`, `Proxy-Connection`, `TE`, `Upgrade`,
/// `Max-Forwards`. Request modifiers: `Expect`, `Range`, `Cache-Control`, `Pragma` (and the
/// conditionals). Authentication: `Authorization`, `Proxy-Authorization`,
/// `WWW-Authenticate`, `Proxy-Authenticate`, `Cookie`, `Set-Cookie`. Response control data:
/// `Age`, `Date`, `Expires`, `Location`, `Retry-After`, `Vary`, `Warning`. Content handling:
/// `Content-Type`, `Content-Encoding`, `Content-Range`.
pub const FORBIDDEN_TRAILERS: &[&[u8]] = &[
    // Message framing.
    b"content-length",
    b"transfer-encoding",
    b"trailer",
    // Routing and connection management.
    b"host",
    b"connection",
    b"keep-alive",
    b"proxy-connection",
    b"te",
    b"upgrade",
    b"max-forwards",
    // Request modifiers (controls; the conditionals are every `If-*`).
    b"expect",
    b"range",
    b"cache-control",
    b"pragma",
    // Authentication.
    b"authorization",
    b"proxy-authorization",
    b"www-authenticate",
    b"proxy-authenticate",
    b"cookie",
    b"set-cookie",
    // Response control data.
    b"age",
    b"date",
    b"expires",
    b"location",
    b"retry-after",
    b"vary",
    b"warning",
    // Content handling.
    b"content-type",
    b"content-encoding",
    b"content-range",
];

/// Whether a field must not be sent as a trailer: one of [`FORBIDDEN_TRAILERS`] or any
/// conditional (`If-` followed by anything), compared ASCII case-insensitively.
///
/// ```
/// use chunked::encode::is_forbidden_trailer;
/// assert!(is_forbidden_trailer(b"Content-Length"));
/// assert!(is_forbidden_trailer(b"SET-COOKIE"));
/// assert!(is_forbidden_trailer(b"If-None-Match"));
/// assert!(!is_forbidden_trailer(b"Server-Timing"));
/// assert!(!is_forbidden_trailer(b"Hostname"));
/// ```
pub fn is_forbidden_trailer(name: &[u8]) -> bool {
    /// For each letter, bit `i` set when `FORBIDDEN_TRAILERS[i]` starts with it: a name is
    /// compared only with the forbidden names of its first letter (none, for most trailers).
    const BY_FIRST_LETTER: [u32; 26] = {
        assert!(FORBIDDEN_TRAILERS.len() <= 32);
        let mut table = [0u32; 26];
        let mut i = 0;
        while i < FORBIDDEN_TRAILERS.len() {
            let first = FORBIDDEN_TRAILERS[i][0];
            assert!(first.is_ascii_lowercase());
            table[(first - b'a') as usize] |= 1 << i;
            i += 1;
        }
        table
    };
    if let Some(prefix) = name.get(..3)
        && prefix.eq_ignore_ascii_case(b"if-")
    {
        return true;
    }
    let Some(letter) = name.first().map(|&b| (b | 0x20).wrapping_sub(b'a')) else {
        return false;
    };
    let mut candidates = BY_FIRST_LETTER
        .get(usize::from(letter))
        .copied()
        .unwrap_or(0);
    while candidates != 0 {
        let i = candidates.trailing_zeros() as usize;
        if FORBIDDEN_TRAILERS
            .get(i)
            .is_some_and(|forbidden| name.eq_ignore_ascii_case(forbidden))
        {
            return true;
        }
        candidates &= candidates - 1;
    }
    false
}

/// Writes the end of a body: the last chunk (`0` CRLF), the `trailers` as field lines, and the
/// empty line; returns its length. Fields that must not be trailers are refused
/// ([`TrailerPolicy::Strict`]); see [`write_last_chunk_with`].
///
/// ```
/// use chunked::encode::{write_last_chunk, EncodeError, Field, END_OF_BODY};
///
/// let mut buf = [0u8; 64];
/// let n = write_last_chunk(&mut buf[..], &[]).unwrap();
/// assert_eq!(&buf[..n], END_OF_BODY);
///
/// let trailers = [Field { name: b"Grpc-Status", value: b"0" }];
/// let n = write_last_chunk(&mut buf[..], &trailers).unwrap();
/// assert_eq!(&buf[..n], b"0\r\nGrpc-Status: 0\r\n\r\n");
///
/// // A trailer cannot change the framing after the fact.
/// let evil = [Field { name: b"Content-Length", value: b"0" }];
/// assert_eq!(
///     write_last_chunk(&mut buf[..], &evil),
///     Err(EncodeError::ForbiddenTrailer { index: 0 })
/// );
/// ```
pub fn write_last_chunk<S: HeadSink>(
    sink: S,
    trailers: &[Field<'_>],
) -> Result<usize, EncodeError> {
    write_last_chunk_with(sink, trailers, TrailerPolicy::Strict)
}

/// [`write_last_chunk`] with a [`TrailerPolicy`].
///
/// All or nothing: the trailers are checked (with http1's field-line check, and against the
/// policy) and the whole end of the body is [reserved](HeadSink::reserve) before a byte is
/// written, so a refused field or a sink too small writes nothing. Errors name the first bad
/// field in order; `BufferTooSmall::needed` is the whole length, `0` CRLF included.
///
/// ```
/// use chunked::encode::{write_last_chunk_with, EncodeError, Field, TrailerPolicy};
///
/// let relayed = [Field { name: b"Expires", value: b"0" }];
/// let mut buf = [0u8; 32];
/// assert_eq!(
///     write_last_chunk_with(&mut buf[..], &relayed, TrailerPolicy::Strict),
///     Err(EncodeError::ForbiddenTrailer { index: 0 })
/// );
/// let n = write_last_chunk_with(&mut buf[..], &relayed, TrailerPolicy::AnyField).unwrap();
/// assert_eq!(&buf[..n], b"0\r\nExpires: 0\r\n\r\n");
/// ```
pub fn write_last_chunk_with<S: HeadSink>(
    sink: S,
    trailers: &[Field<'_>],
    policy: TrailerPolicy,
) -> Result<usize, EncodeError> {
    if policy == TrailerPolicy::Strict
        && let Some(index) = trailers.iter().position(|f| is_forbidden_trailer(f.name))
    {
        // A malformed field before the forbidden one is the first error. Check those fields
        // with the same writer into a sink that takes nothing: it refuses them by what they
        // hold, or else by their length (a section is at least its CRLF).
        let mut nothing: [u8; 0] = [];
        let before = trailers.get(..index).unwrap_or_default();
        return Err(match write_trailer_section(&mut nothing[..], before) {
            Err(WriteError::BufferTooSmall { .. }) | Ok(_) => {
                EncodeError::ForbiddenTrailer { index }
            }
            Err(e) => EncodeError::Write(e),
        });
    }
    let sink = AfterLastChunk {
        sink,
        line_pending: true,
    };
    let section = write_trailer_section(sink, trailers)?;
    Ok(section.saturating_add(LAST_CHUNK.len()))
}

/// A sink that puts the last chunk's line before the first bytes it is given and counts it in
/// every reservation made before then: so the trailer-section writer's one reservation covers
/// `0` CRLF too, and the last chunk and its trailers are written all or nothing.
struct AfterLastChunk<S> {
    sink: S,
    line_pending: bool,
}

impl<S: HeadSink> HeadSink for AfterLastChunk<S> {
    #[inline]
    fn reserve(&mut self, additional: usize) -> Result<(), WriteError> {
        let line = if self.line_pending {
            LAST_CHUNK.len()
        } else {
            0
        };
        self.sink.reserve(additional.saturating_add(line))
    }

    #[inline]
    fn put(&mut self, bytes: &[u8]) -> Result<(), WriteError> {
        if self.line_pending {
            self.sink.put(LAST_CHUNK)?;
            self.line_pending = false;
        }
        self.sink.put(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first-letter table finds what a plain scan of the list finds: every forbidden name
    /// in any case, and no name one byte off.
    #[test]
    fn forbidden_names_by_first_letter_are_the_list() {
        fn scan(name: &[u8]) -> bool {
            name.get(..3)
                .is_some_and(|p| p.eq_ignore_ascii_case(b"if-"))
                || FORBIDDEN_TRAILERS
                    .iter()
                    .any(|f| name.eq_ignore_ascii_case(f))
        }
        for forbidden in FORBIDDEN_TRAILERS {
            let mut name = [0u8; 32];
            let name = &mut name[..forbidden.len()];
            name.copy_from_slice(forbidden);
            assert!(is_forbidden_trailer(name));
            name.make_ascii_uppercase();
            assert!(is_forbidden_trailer(name));
            // (Under miri, the first and last bytes only.)
            let last = name.len() - 1;
            let positions = (0..name.len()).filter(|&at| !cfg!(miri) || at == 0 || at == last);
            for at in positions {
                for b in [b'a', b'z', b'-', b'0', 0x80, b'{', b'@', b'`'] {
                    let keep = name[at];
                    name[at] = b;
                    assert_eq!(is_forbidden_trailer(name), scan(name), "{name:?}");
                    name[at] = keep;
                }
            }
        }
        for name in [
            &b""[..],
            b"x",
            b"@",
            b"{host",
            b"X-Checksum",
            b"Server-Timing",
            b"If",
        ] {
            assert_eq!(is_forbidden_trailer(name), scan(name), "{name:?}");
        }
    }

    #[test]
    fn hex_digits_are_the_alphabet() {
        for (value, &digit) in HEX_DIGITS.iter().enumerate() {
            let want = char::from_digit(value as u32, 16).map(|c| c as u8);
            assert_eq!(Some(digit), want);
        }
    }

    #[test]
    fn every_digit_count_is_right_aligned() {
        for digits in 1..=16u32 {
            let low = 1u64 << (4 * (digits - 1));
            let high = u64::MAX >> (4 * (16 - digits));
            for n in [low, low + 1, high - 1, high] {
                let h = ChunkHeader::new(n).unwrap();
                assert_eq!(h.line_len(), digits as usize + 2, "{n:x}");
                assert_eq!(h.chunk_size(), n);
                assert!(h.line[..h.start as usize].iter().all(|&b| b == 0));
            }
        }
    }

    #[test]
    fn the_last_chunk_line_is_counted_once() {
        let mut buf = [0u8; 8];
        let mut sink = AfterLastChunk {
            sink: &mut buf[..],
            line_pending: true,
        };
        assert_eq!(
            sink.reserve(6),
            Err(WriteError::BufferTooSmall { needed: 9 })
        );
        assert_eq!(sink.reserve(5), Ok(()));
        assert_eq!(sink.put(b"ab"), Ok(()));
        assert!(!sink.line_pending);
        assert_eq!(sink.reserve(3), Ok(()));
        assert_eq!(sink.put(b"cde"), Ok(()));
        assert_eq!(&buf, b"0\r\nabcde");
    }

    #[cfg(feature = "bytes")]
    #[test]
    #[should_panic(expected = "cannot advance a size line")]
    fn a_size_line_does_not_advance_past_its_end() {
        use bytes::Buf;
        let mut line = ChunkHeader::new(1).unwrap().into_buf();
        line.advance(2);
        line.advance(2);
    }
}
