//! Fixed field lines of a head (`Connection: close\r\n`, `Content-Length: N\r\n`, ...).
//!
//! A placeholder for the `http1::lines` module that is being added to httpwire-http1: the same
//! names with the same signatures, implemented simply here. Every fixed head line the server
//! and the client write goes through this module, so that the switch is one line:
//! `pub use http1::lines::*;` in place of the body of this file.

/// `Connection: close` CRLF.
pub const CONNECTION_CLOSE: &[u8] = b"Connection: close\r\n";

/// `Connection: keep-alive` CRLF.
pub const CONNECTION_KEEP_ALIVE: &[u8] = b"Connection: keep-alive\r\n";

/// `Transfer-Encoding: chunked` CRLF.
pub const TRANSFER_ENCODING_CHUNKED: &[u8] = b"Transfer-Encoding: chunked\r\n";

/// A media type with a pre-built `Content-Type` line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaType {
    /// `text/plain; charset=utf-8`
    TextPlain,
    /// `text/html; charset=utf-8`
    TextHtml,
    /// `text/css; charset=utf-8`
    TextCss,
    /// `text/javascript; charset=utf-8`
    TextJavascript,
    /// `application/json`
    ApplicationJson,
    /// `application/octet-stream`
    ApplicationOctetStream,
    /// `image/png`
    ImagePng,
    /// `image/jpeg`
    ImageJpeg,
    /// `image/gif`
    ImageGif,
    /// `image/svg+xml`
    ImageSvg,
}

impl MediaType {
    /// The whole `Content-Type: ...` CRLF line.
    pub const fn content_type_line(self) -> &'static [u8] {
        match self {
            MediaType::TextPlain => b"Content-Type: text/plain; charset=utf-8\r\n",
            MediaType::TextHtml => b"Content-Type: text/html; charset=utf-8\r\n",
            MediaType::TextCss => b"Content-Type: text/css; charset=utf-8\r\n",
            MediaType::TextJavascript => b"Content-Type: text/javascript; charset=utf-8\r\n",
            MediaType::ApplicationJson => b"Content-Type: application/json\r\n",
            MediaType::ApplicationOctetStream => b"Content-Type: application/octet-stream\r\n",
            MediaType::ImagePng => b"Content-Type: image/png\r\n",
            MediaType::ImageJpeg => b"Content-Type: image/jpeg\r\n",
            MediaType::ImageGif => b"Content-Type: image/gif\r\n",
            MediaType::ImageSvg => b"Content-Type: image/svg+xml\r\n",
        }
    }

    /// The media type of a file name extension (without the dot, ASCII case-insensitive), or
    /// `None` for one it does not know.
    pub fn from_extension(ext: &str) -> Option<MediaType> {
        const TABLE: &[(&str, MediaType)] = &[
            ("txt", MediaType::TextPlain),
            ("text", MediaType::TextPlain),
            ("html", MediaType::TextHtml),
            ("htm", MediaType::TextHtml),
            ("css", MediaType::TextCss),
            ("js", MediaType::TextJavascript),
            ("mjs", MediaType::TextJavascript),
            ("json", MediaType::ApplicationJson),
            ("bin", MediaType::ApplicationOctetStream),
            ("png", MediaType::ImagePng),
            ("jpg", MediaType::ImageJpeg),
            ("jpeg", MediaType::ImageJpeg),
            ("gif", MediaType::ImageGif),
            ("svg", MediaType::ImageSvg),
        ];
        TABLE
            .iter()
            .find(|(e, _)| e.eq_ignore_ascii_case(ext))
            .map(|&(_, m)| m)
    }
}

/// A `Content-Length: N` CRLF line, built inline (no allocation).
#[derive(Debug, Clone, Copy)]
pub struct ContentLength {
    buf: [u8; ContentLength::CAP],
    len: usize,
}

impl ContentLength {
    /// `Content-Length: ` (16 bytes), 20 digits for a `u64`, CRLF.
    const CAP: usize = 16 + 20 + 2;

    /// The line for a body of `n` bytes.
    pub fn new(n: u64) -> ContentLength {
        const PREFIX: &[u8] = b"Content-Length: ";
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        let mut v = n;
        loop {
            at -= 1;
            digits[at] = b'0' + (v % 10) as u8;
            v /= 10;
            if v == 0 {
                break;
            }
        }
        let digits = &digits[at..];
        let mut buf = [0u8; ContentLength::CAP];
        let len = PREFIX.len() + digits.len() + 2;
        buf[..PREFIX.len()].copy_from_slice(PREFIX);
        buf[PREFIX.len()..len - 2].copy_from_slice(digits);
        buf[len - 2..len].copy_from_slice(b"\r\n");
        ContentLength { buf, len }
    }

    /// The line's bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_length_lines() {
        assert_eq!(ContentLength::new(0).as_bytes(), b"Content-Length: 0\r\n");
        assert_eq!(
            ContentLength::new(1234).as_bytes(),
            b"Content-Length: 1234\r\n"
        );
        assert_eq!(
            ContentLength::new(u64::MAX).as_bytes(),
            b"Content-Length: 18446744073709551615\r\n"
        );
    }

    #[test]
    fn media_types() {
        assert_eq!(
            MediaType::from_extension("HTML").map(MediaType::content_type_line),
            Some(&b"Content-Type: text/html; charset=utf-8\r\n"[..])
        );
        assert_eq!(MediaType::from_extension("exe"), None);
    }
}
