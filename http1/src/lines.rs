//! Pre-built field lines for response heads: `Content-Type` for the common media types
//! (RFC 9110 §8.3), `Connection: close` / `keep-alive` (RFC 9112 §9.3, §9.6),
//! `Transfer-Encoding: chunked` (RFC 9112 §6.1) as `&'static [u8]`, and `Content-Length: N`
//! (RFC 9110 §8.6) written without allocation or `core::fmt`.
//!
//! A server writes a response head as a status line, its field lines and the empty line that
//! ends the head: [`status_lines::status_line`] gives the first as bytes, this module the most
//! common field lines, and the caller copies them into its own buffer one after the other.
//! Each line here is a whole field line, `name: value` then CRLF, exactly as
//! [`HeadWriter::field`](crate::write::HeadWriter::field) would write it (the tests check
//! that), so nothing is checked or measured at run time but the digits of a content length.
//! Other fields go through the checked writers of [`write`](crate::write).
//!
//! ```
//! use http1::lines::{ContentLength, MediaType, CONNECTION_KEEP_ALIVE};
//! use status_lines::{status_line, Version};
//!
//! let body = b"<h1>hello</h1>";
//! let mut head = Vec::with_capacity(128); // reused for every response
//! head.extend_from_slice(status_line(Version::HTTP_11, 200).unwrap());
//! head.extend_from_slice(MediaType::TextHtml.content_type_line());
//! head.extend_from_slice(ContentLength::new(body.len() as u64).as_bytes());
//! head.extend_from_slice(CONNECTION_KEEP_ALIVE);
//! head.extend_from_slice(b"\r\n");
//! assert_eq!(
//!     head,
//!     b"HTTP/1.1 200 OK\r\n\
//!       Content-Type: text/html; charset=utf-8\r\n\
//!       Content-Length: 14\r\n\
//!       Connection: keep-alive\r\n\
//!       \r\n"
//! );
//! ```
//!
//! Into any [`HeadSink`] (a fixed `&mut [u8]`, a `Vec<u8>`, a `BytesMut`), where a call that
//! does not fit writes nothing:
//!
//! ```
//! use http1::lines::{write_content_length, MediaType, CONNECTION_CLOSE};
//! use http1::write::{HeadSink, WriteError};
//!
//! let mut buf = [0u8; 128];
//! let mut out = &mut buf[..];
//! out.put(b"HTTP/1.1 200 OK\r\n")?;
//! out.put(MediaType::ApplicationJson.content_type_line())?;
//! write_content_length(&mut out, 2)?;
//! out.put(CONNECTION_CLOSE)?;
//! out.put(b"\r\n")?;
//! let n = 128 - out.len();
//! assert_eq!(
//!     &buf[..n],
//!     b"HTTP/1.1 200 OK\r\n\
//!       Content-Type: application/json\r\n\
//!       Content-Length: 2\r\n\
//!       Connection: close\r\n\
//!       \r\n"
//! );
//! # Ok::<(), WriteError>(())
//! ```

use crate::classify::{is_field_value_byte, is_ows, is_tchar};
use crate::write::{HeadSink, WriteError};

/// `Connection: close` CRLF: the connection closes after this response (RFC 9112 §9.6).
///
/// An HTTP/1.1 server sends it on the response after which it closes the connection; a
/// close-delimited body (no `Content-Length`, not chunked) needs it too.
///
/// ```
/// assert_eq!(http1::lines::CONNECTION_CLOSE, b"Connection: close\r\n");
/// ```
pub const CONNECTION_CLOSE: &[u8] = b"Connection: close\r\n";

/// `Connection: keep-alive` CRLF: the connection stays open after this response.
///
/// HTTP/1.1 connections persist by default (RFC 9112 §9.3), so an HTTP/1.1 response needs no
/// such line; an HTTP/1.0 client that asked for `keep-alive` expects it back.
///
/// ```
/// assert_eq!(http1::lines::CONNECTION_KEEP_ALIVE, b"Connection: keep-alive\r\n");
/// ```
pub const CONNECTION_KEEP_ALIVE: &[u8] = b"Connection: keep-alive\r\n";

/// `Transfer-Encoding: chunked` CRLF: the body that follows the head is chunked (RFC 9112
/// §7.1), for a body whose length is not known when the head is sent. Not with
/// `Content-Length` (RFC 9112 §6.2), and only to HTTP/1.1 clients.
///
/// ```
/// assert_eq!(http1::lines::TRANSFER_ENCODING_CHUNKED, b"Transfer-Encoding: chunked\r\n");
/// ```
pub const TRANSFER_ENCODING_CHUNKED: &[u8] = b"Transfer-Encoding: chunked\r\n";

// ---------------------------------------------------------------------------------------------
// Content-Type.

/// The table of media types, written once: each variant with the field value of its
/// `Content-Type` line and the file extensions that map to it. The macro makes the enum and
/// `TABLE` (the value and extensions of each variant, in the enum's order) from it; the lines
/// and essences are derived from `TABLE` at compile time.
macro_rules! media_types {
    (
        $(#[$meta:meta])*
        pub enum MediaType {
            $( $(#[$doc:meta])* $variant:ident = $value:literal, [$($ext:literal),*]; )*
        }
    ) => {
        $(#[$meta])*
        pub enum MediaType {
            $( $(#[$doc])* $variant, )*
        }

        /// Each media type's field value and extensions, indexed by `MediaType as usize`.
        const TABLE: &[Entry] = &[ $( Entry { value: $value, extensions: &[$($ext),*] }, )* ];

        impl MediaType {
            /// Every media type, in declaration order.
            ///
            /// ```
            /// use http1::lines::MediaType;
            /// assert!(MediaType::ALL.contains(&MediaType::TextPlain));
            /// ```
            pub const ALL: &'static [MediaType] = &[ $( MediaType::$variant, )* ];
        }
    };
}

/// One row of the table.
struct Entry {
    /// The field value, e.g. `text/plain; charset=utf-8`.
    value: &'static str,
    /// File extensions (lowercase, without the dot).
    extensions: &'static [&'static str],
}

media_types! {
    /// A common media type (RFC 9110 §8.3.1), with its pre-built `Content-Type` line.
    ///
    /// Textual types carry `charset=utf-8`; `application/json` does not (it is UTF-8 by
    /// definition, RFC 8259 §11, which defines no charset parameter).
    ///
    /// ```
    /// use http1::lines::MediaType;
    ///
    /// let t = MediaType::from_extension("HTML").unwrap();
    /// assert_eq!(t, MediaType::TextHtml);
    /// assert_eq!(t.essence(), "text/html");
    /// assert_eq!(t.content_type_line(), b"Content-Type: text/html; charset=utf-8\r\n");
    /// ```
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    #[non_exhaustive]
    pub enum MediaType {
        /// `text/plain; charset=utf-8` (`.txt`).
        TextPlain = "text/plain; charset=utf-8", ["txt"];
        /// `text/html; charset=utf-8` (`.html`, `.htm`).
        TextHtml = "text/html; charset=utf-8", ["html", "htm"];
        /// `text/css; charset=utf-8` (`.css`).
        TextCss = "text/css; charset=utf-8", ["css"];
        /// `text/javascript; charset=utf-8` (`.js`, `.mjs`), the type RFC 9239 registers for
        /// JavaScript.
        TextJavascript = "text/javascript; charset=utf-8", ["js", "mjs"];
        /// `application/json` (`.json`).
        ApplicationJson = "application/json", ["json"];
        /// `application/octet-stream` (`.bin`): bytes of no particular type.
        ApplicationOctetStream = "application/octet-stream", ["bin"];
        /// `application/x-www-form-urlencoded`: HTML form data.
        ApplicationFormUrlencoded = "application/x-www-form-urlencoded", [];
        /// `image/png` (`.png`).
        ImagePng = "image/png", ["png"];
        /// `image/jpeg` (`.jpg`, `.jpeg`).
        ImageJpeg = "image/jpeg", ["jpg", "jpeg"];
        /// `image/gif` (`.gif`).
        ImageGif = "image/gif", ["gif"];
        /// `image/svg+xml` (`.svg`).
        ImageSvg = "image/svg+xml", ["svg"];
        /// `image/webp` (`.webp`).
        ImageWebp = "image/webp", ["webp"];
        /// `application/pdf` (`.pdf`).
        ApplicationPdf = "application/pdf", ["pdf"];
        /// `application/wasm` (`.wasm`): what browsers require for streaming compilation.
        ApplicationWasm = "application/wasm", ["wasm"];
        /// `text/event-stream`: server-sent events.
        TextEventStream = "text/event-stream", [];
    }
}

/// How many media types there are.
const COUNT: usize = TABLE.len();

/// The name and separator of a `Content-Type` line.
const CONTENT_TYPE: &[u8] = b"Content-Type: ";

/// The length of media type `i`'s line.
const fn line_len(i: usize) -> usize {
    CONTENT_TYPE.len() + TABLE[i].value.len() + 2
}

/// The length of all the lines, one after the other.
const LINES_LEN: usize = {
    let mut len = 0;
    let mut i = 0;
    while i < COUNT {
        len += line_len(i);
        i += 1;
    }
    len
};

/// Every `Content-Type` line, one after the other, in the table's order.
const LINES_BLOB: [u8; LINES_LEN] = {
    let mut blob = [0u8; LINES_LEN];
    let mut at = 0;
    let mut i = 0;
    while i < COUNT {
        let value = TABLE[i].value.as_bytes();
        let mut k = 0;
        while k < CONTENT_TYPE.len() {
            blob[at] = CONTENT_TYPE[k];
            at += 1;
            k += 1;
        }
        k = 0;
        while k < value.len() {
            blob[at] = value[k];
            at += 1;
            k += 1;
        }
        blob[at] = b'\r';
        blob[at + 1] = b'\n';
        at += 2;
        i += 1;
    }
    blob
};

/// Each media type's line, a slice of [`LINES_BLOB`].
const LINES: [&[u8]; COUNT] = {
    let mut lines: [&[u8]; COUNT] = [&[]; COUNT];
    let mut rest: &[u8] = &LINES_BLOB;
    let mut i = 0;
    while i < COUNT {
        let (line, tail) = rest.split_at(line_len(i));
        lines[i] = line;
        rest = tail;
        i += 1;
    }
    lines
};

/// The essence of a field value: what comes before its first `;`, without whitespace.
const fn essence_of(value: &'static str) -> &'static str {
    let bytes = value.as_bytes();
    let mut end = 0;
    while end < bytes.len() && bytes[end] != b';' && !is_ows(bytes[end]) {
        end += 1;
    }
    let (essence, _) = bytes.split_at(end);
    match core::str::from_utf8(essence) {
        Ok(s) => s,
        Err(_) => panic!("an essence is ASCII"),
    }
}

/// Each media type's essence.
const ESSENCES: [&str; COUNT] = {
    let mut out = [""; COUNT];
    let mut i = 0;
    while i < COUNT {
        out[i] = essence_of(TABLE[i].value);
        i += 1;
    }
    out
};

/// Whether two ASCII strings are equal ignoring case (usable in `const`).
const fn eq_ignore_case(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if !a[i].eq_ignore_ascii_case(&b[i]) {
            return false;
        }
        i += 1;
    }
    true
}

/// The table checked against the RFCs at compile time: each line is a field line that the
/// writers accept and the strict parser reads back unchanged (a value of field-vchar, SP and
/// HTAB, neither starting nor ending with whitespace, RFC 9110 §5.5); each essence is
/// `type "/" subtype`, tokens in lowercase (RFC 9110 §8.3.1); each extension is lowercase
/// ASCII letters and digits and maps to one media type only.
const _: () = {
    let mut i = 0;
    while i < COUNT {
        let value = TABLE[i].value.as_bytes();
        assert!(!value.is_empty() && !is_ows(value[0]) && !is_ows(value[value.len() - 1]));
        let mut k = 0;
        while k < value.len() {
            assert!(is_field_value_byte(value[k]));
            k += 1;
        }
        let essence = ESSENCES[i].as_bytes();
        let mut slashes = 0;
        k = 0;
        while k < essence.len() {
            let b = essence[k];
            if b == b'/' {
                assert!(k > 0 && k + 1 < essence.len());
                slashes += 1;
            } else {
                assert!(is_tchar(b) && !b.is_ascii_uppercase());
            }
            k += 1;
        }
        assert!(slashes == 1);
        let exts = TABLE[i].extensions;
        let mut e = 0;
        while e < exts.len() {
            let ext = exts[e].as_bytes();
            assert!(!ext.is_empty());
            k = 0;
            while k < ext.len() {
                assert!(ext[k].is_ascii_lowercase() || ext[k].is_ascii_digit());
                k += 1;
            }
            // No other row (nor this one, twice) holds it.
            let mut j = 0;
            while j < COUNT {
                let others = TABLE[j].extensions;
                let mut f = 0;
                while f < others.len() {
                    assert!((j == i && f == e) || !eq_ignore_case(exts[e], others[f]));
                    f += 1;
                }
                j += 1;
            }
            e += 1;
        }
        i += 1;
    }
};

impl MediaType {
    /// The whole field line `Content-Type: <value>` CRLF, ready to be copied into a head.
    ///
    /// ```
    /// use http1::lines::MediaType;
    /// assert_eq!(
    ///     MediaType::TextPlain.content_type_line(),
    ///     b"Content-Type: text/plain; charset=utf-8\r\n"
    /// );
    /// assert_eq!(MediaType::ImagePng.content_type_line(), b"Content-Type: image/png\r\n");
    /// ```
    #[inline]
    pub const fn content_type_line(self) -> &'static [u8] {
        LINES[self as usize]
    }

    /// The field value, parameters included (`text/plain; charset=utf-8`): for a writer that
    /// takes a name and a value, such as [`HeadWriter::field`](crate::write::HeadWriter::field).
    ///
    /// ```
    /// use http1::lines::MediaType;
    /// assert_eq!(MediaType::TextCss.value(), "text/css; charset=utf-8");
    /// assert_eq!(MediaType::ApplicationWasm.value(), "application/wasm");
    /// ```
    #[inline]
    pub const fn value(self) -> &'static str {
        TABLE[self as usize].value
    }

    /// The essence, `type/subtype` without parameters (`text/plain`), in lowercase: what a
    /// comparison with a received `Content-Type` looks at (case-insensitively, RFC 9110
    /// §8.3.1).
    ///
    /// ```
    /// use http1::lines::MediaType;
    /// assert_eq!(MediaType::TextPlain.essence(), "text/plain");
    /// assert_eq!(MediaType::ImageSvg.essence(), "image/svg+xml");
    /// ```
    #[inline]
    pub const fn essence(self) -> &'static str {
        ESSENCES[self as usize]
    }

    /// The file extensions (lowercase, without the dot) that [`from_extension`] maps to this
    /// type; empty for types that have none here (form data, event streams).
    ///
    /// [`from_extension`]: MediaType::from_extension
    ///
    /// ```
    /// use http1::lines::MediaType;
    /// assert_eq!(MediaType::ImageJpeg.extensions(), &["jpg", "jpeg"]);
    /// assert!(MediaType::TextEventStream.extensions().is_empty());
    /// ```
    #[inline]
    pub const fn extensions(self) -> &'static [&'static str] {
        TABLE[self as usize].extensions
    }

    /// The media type of a file extension, given without the dot and in any case (`html`,
    /// `HTM`, `js`, `mjs`, `json`, `png`, `jpg`, `jpeg`, `gif`, `svg`, `webp`, `pdf`, `wasm`,
    /// `txt`, `css`, `bin`); `None` for any other.
    ///
    /// A static file server picks the `Content-Type` line from the path's extension:
    ///
    /// ```
    /// use http1::lines::MediaType;
    ///
    /// let path = "static/app.MJS";
    /// let ext = path.rsplit_once('.').map_or("", |(_, ext)| ext);
    /// let media = MediaType::from_extension(ext).unwrap_or(MediaType::ApplicationOctetStream);
    /// assert_eq!(media, MediaType::TextJavascript);
    /// assert_eq!(MediaType::from_extension(".html"), None); // without the dot
    /// assert_eq!(MediaType::from_extension("exe"), None);
    /// ```
    pub fn from_extension(ext: &str) -> Option<MediaType> {
        MediaType::ALL
            .iter()
            .zip(TABLE)
            .find(|(_, entry)| entry.extensions.iter().any(|e| e.eq_ignore_ascii_case(ext)))
            .map(|(&media, _)| media)
    }
}

// ---------------------------------------------------------------------------------------------
// Content-Length.

/// The name and separator of a `Content-Length` line.
const CONTENT_LENGTH: &[u8] = b"Content-Length: ";

/// The most decimal digits of a `u64` (`u64::MAX` is 18446744073709551615).
const U64_DIGITS: usize = 20;

/// Digits per block of [`ContentLength::new`]: eight, as `10^8`.
const BLOCK: u64 = 100_000_000;

/// Where the digits of a `Content-Length` line end (and its CRLF starts).
const DIGITS_END: usize = ContentLength::MAX_LEN - 2;

/// `x mod 10^8` in eight decimal digits, leading zeros included, as the bytes of a `u64` in
/// little-endian order (the first digit in the lowest byte), each digit's value (0 to 9), not
/// yet ASCII.
///
/// All eight at once in one register ("SIMD within a register"): the number is split into
/// two halves of four digits, the halves into pairs, the pairs into digits, each split doing
/// every lane with one multiplication. `q = x / d` for a lane `x` is `(x * m) >> k` with
/// `m / 2^k` just above `1 / d`, exact for the lane's range (`10_486 / 2^20` for `x < 10^4`,
/// `103 / 2^10` for `x < 100`); the products stay inside their lane, so no lane disturbs
/// another; the remainder `x - q * d` is shifted into the upper half of the lane, which puts
/// the higher digits first in memory.
#[inline(always)]
const fn eight_digits(x: u32) -> u64 {
    let x = (x % BLOCK as u32) as u64; // no-op for the callers, whose x is below 10^8
    // Two lanes of 32 bits: the high four digits, then the low four.
    let v = (x / 10_000) | ((x % 10_000) << 32);
    // Four lanes of 16 bits, each < 100.
    let q = ((v * 10_486) >> 20) & 0x0000_007F_0000_007F;
    let v = q | ((v - q * 100) << 16);
    // Eight lanes of 8 bits, each < 10.
    let q = ((v * 103) >> 10) & 0x000F_000F_000F_000F;
    q | ((v - q * 10) << 8)
}

/// `x mod 10^4` in four decimal digits, leading zeros included, as the bytes of a `u32` in
/// little-endian order: [`eight_digits`] for one half.
#[inline(always)]
const fn four_digits(x: u32) -> u32 {
    let x = x % 10_000; // no-op for the callers, whose x is below 10^4
    // Two lanes of 16 bits, each < 100.
    let v = (x / 100) | ((x % 100) << 16);
    // Four lanes of 8 bits, each < 10.
    let q = ((v * 103) >> 10) & 0x000F_000F;
    q | ((v - q * 10) << 8)
}

/// `'0'` in every byte: added to [`four_digits`] it makes ASCII.
const ASCII_ZEROS_4: u32 = u32::from_le_bytes([b'0'; 4]);

/// `'0'` in every byte: added to [`eight_digits`] it makes ASCII.
const ASCII_ZEROS: u64 = u64::from_le_bytes([b'0'; 8]);

/// The field line `Content-Length: N` CRLF for a `u64`, in a fixed-size buffer on the stack
/// (RFC 9110 §8.6: `Content-Length = 1*DIGIT`, in decimal without leading zeros).
///
/// Made without allocation and without `core::fmt`: the digits come in blocks of eight from
/// the right, one `u64` division per block, each block's eight digits made at once in one
/// `u64` register (a few multiplications, no table) and stored at a fixed place; the first
/// block takes a shorter path when it has one digit or up to four. (The classic loop, two
/// digits per step from a 200-byte table of pairs, cost more instructions from nine digits
/// on: the `lines_iai` bench of httpwire-benches measures both this and the `itoa` crate.)
///
/// ```
/// use http1::lines::ContentLength;
///
/// let line = ContentLength::new(1256);
/// assert_eq!(line.as_bytes(), b"Content-Length: 1256\r\n");
/// assert_eq!(ContentLength::new(0).as_bytes(), b"Content-Length: 0\r\n");
/// assert_eq!(
///     ContentLength::new(u64::MAX).as_bytes().len(),
///     ContentLength::MAX_LEN
/// );
/// ```
#[derive(Clone, Copy)]
pub struct ContentLength {
    /// The line ends at the end of the buffer; it starts at `start`.
    buf: [u8; ContentLength::MAX_LEN],
    start: u8,
}

impl ContentLength {
    /// The length of the longest line, the one for `u64::MAX`:
    /// `Content-Length: 18446744073709551615` CRLF, 38 bytes.
    ///
    /// ```
    /// use http1::lines::ContentLength;
    /// assert_eq!(ContentLength::MAX_LEN, b"Content-Length: 18446744073709551615\r\n".len());
    /// ```
    pub const MAX_LEN: usize = CONTENT_LENGTH.len() + U64_DIGITS + 2;

    /// Writes the line for a body of `n` bytes.
    ///
    /// ```
    /// use http1::lines::ContentLength;
    /// assert_eq!(ContentLength::new(42).as_bytes(), b"Content-Length: 42\r\n");
    /// ```
    #[inline(always)]
    pub fn new(n: u64) -> ContentLength {
        // Built in place (a line built aside and then moved costs a copy, and a copy of bytes
        // just stored in pieces waits for the stores).
        let mut line = ContentLength {
            buf: [0u8; ContentLength::MAX_LEN],
            start: 0,
        };
        let buf = &mut line.buf;
        buf[DIGITS_END..].copy_from_slice(b"\r\n");
        // Whole blocks of eight digits from the right, at fixed places, while more than eight
        // digits remain (u64::MAX has 20: two blocks and four digits); one u64 division each.
        let (first, first_end) = if n < BLOCK {
            (n as u32, DIGITS_END)
        } else {
            let last = eight_digits((n % BLOCK) as u32) + ASCII_ZEROS;
            buf[DIGITS_END - 8..DIGITS_END].copy_from_slice(&last.to_le_bytes());
            let n = n / BLOCK;
            if n < BLOCK {
                (n as u32, DIGITS_END - 8)
            } else {
                let middle = eight_digits((n % BLOCK) as u32) + ASCII_ZEROS;
                buf[DIGITS_END - 16..DIGITS_END - 8].copy_from_slice(&middle.to_le_bytes());
                ((n / BLOCK) as u32, DIGITS_END - 16)
            }
        };
        // The first (leftmost) block, below 10^8, without leading zeros: one digit (empty
        // bodies are common), up to four, or up to eight. The four or eight are made with
        // their leading zeros, which are counted and then written over by the name: the first
        // digit is the lowest byte, so leading zeros are trailing zero bytes.
        let digits_start = if first < 10 {
            if let Some(d) = buf.get_mut(first_end - 1) {
                *d = b'0' + first as u8;
            }
            first_end - 1
        } else if first < 10_000 {
            let digits = four_digits(first);
            if let Some(dst) = buf.get_mut(first_end - 4..first_end) {
                dst.copy_from_slice(&(digits + ASCII_ZEROS_4).to_le_bytes());
            }
            first_end - 4 + digits.trailing_zeros() as usize / 8
        } else {
            let digits = eight_digits(first);
            if let Some(dst) = buf.get_mut(first_end - 8..first_end) {
                dst.copy_from_slice(&(digits + ASCII_ZEROS).to_le_bytes());
            }
            first_end - 8 + digits.trailing_zeros() as usize / 8
        };
        // At least CONTENT_LENGTH.len(): the line has at most MAX_LEN bytes.
        let start = digits_start.saturating_sub(CONTENT_LENGTH.len());
        if let Some(name) = buf.get_mut(start..start + CONTENT_LENGTH.len()) {
            name.copy_from_slice(CONTENT_LENGTH);
        }
        line.start = start as u8;
        line
    }

    /// The line: `Content-Length: N` CRLF.
    ///
    /// ```
    /// use http1::lines::ContentLength;
    /// let mut head = b"HTTP/1.1 200 OK\r\n".to_vec();
    /// head.extend_from_slice(ContentLength::new(5).as_bytes());
    /// head.extend_from_slice(b"\r\n");
    /// assert_eq!(head, b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n");
    /// ```
    #[inline]
    pub fn as_bytes(&self) -> &[u8] {
        self.buf.get(usize::from(self.start)..).unwrap_or_default()
    }
}

impl AsRef<[u8]> for ContentLength {
    /// [`as_bytes`](ContentLength::as_bytes).
    #[inline]
    fn as_ref(&self) -> &[u8] {
        self.as_bytes()
    }
}

impl PartialEq for ContentLength {
    /// Lines are equal when their bytes are.
    fn eq(&self, other: &ContentLength) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl Eq for ContentLength {}

impl core::fmt::Debug for ContentLength {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        // The line is ASCII: the name, digits and CRLF.
        let line = core::str::from_utf8(self.as_bytes()).unwrap_or_default();
        f.debug_tuple("ContentLength").field(&line).finish()
    }
}

/// Writes the field line `Content-Length: N` CRLF into `sink` (any sink the head writers of
/// [`write`](crate::write) take) and returns its length.
///
/// The line is [reserved](HeadSink::reserve) before it is written: when the sink cannot take
/// it, nothing is written and the error is [`WriteError::BufferTooSmall`] with the line's
/// length. Pass the sink by `&mut` to keep writing into it.
///
/// ```
/// use http1::lines::write_content_length;
/// use http1::write::WriteError;
///
/// let mut buf = [0u8; 32];
/// let n = write_content_length(&mut buf[..], 1256)?;
/// assert_eq!(&buf[..n], b"Content-Length: 1256\r\n");
///
/// // Too small: refused, and the buffer is as it was.
/// let mut small = [0u8; 8];
/// assert_eq!(
///     write_content_length(&mut small[..], 1256),
///     Err(WriteError::BufferTooSmall { needed: 22 })
/// );
/// assert_eq!(small, [0u8; 8]);
/// # Ok::<(), WriteError>(())
/// ```
#[inline]
pub fn write_content_length<S: HeadSink>(mut sink: S, n: u64) -> Result<usize, WriteError> {
    let line = ContentLength::new(n);
    let bytes = line.as_bytes();
    sink.reserve(bytes.len())?;
    sink.put(bytes)?;
    Ok(bytes.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lane divisions are exact on the lanes' ranges.
    #[test]
    fn lane_divisions_are_exact() {
        for x in 0u64..10_000 {
            assert_eq!((x * 10_486) >> 20, x / 100, "{x}");
        }
        for x in 0u64..100 {
            assert_eq!((x * 103) >> 10, x / 10, "{x}");
        }
    }

    fn digit_values(x: u32, width: u32) -> [u8; 8] {
        let mut out = [0u8; 8];
        for (i, d) in out.iter_mut().take(width as usize).enumerate() {
            *d = (x / 10u32.pow(width - 1 - i as u32) % 10) as u8;
        }
        out
    }

    #[test]
    fn four_digits_of_every_value() {
        for x in 0..10_000 {
            let got = four_digits(x).to_le_bytes();
            assert_eq!(got[..], digit_values(x, 4)[..4], "{x}");
        }
    }

    #[test]
    fn eight_digits_of_a_spread_of_values() {
        let step = if cfg!(miri) { 999_983 } else { 9_973 };
        let edges = [
            0, 1, 9, 10, 9_999, 10_000, 99_999_999, 12_345_678, 10_000_001,
        ];
        for x in (0..100_000_000).step_by(step).chain(edges) {
            assert_eq!(eight_digits(x).to_le_bytes(), digit_values(x, 8), "{x}");
        }
    }
}
