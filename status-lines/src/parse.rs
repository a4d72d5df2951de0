//! A strict status-line parser (RFC 9112 §4, §2.3).
//!
//! ```text
//! status-line   = HTTP-version SP status-code SP [ reason-phrase ] CRLF
//! HTTP-version  = "HTTP" "/" DIGIT "." DIGIT
//! status-code   = 3DIGIT
//! reason-phrase = 1*( HTAB / SP / VCHAR / obs-text )
//! ```
//!
//! The parser borrows the reason from the input and never reads past the slice it is given.
//! It reports [`Outcome::Incomplete`] only while every byte seen so far could still begin a
//! valid line; a prefix that can no longer become valid is an error at once, with the offset
//! of the first byte that makes it so.

use crate::code::{StatusCode, Version};
use crate::write::is_reason_byte;
use httpwire_simd::swar::first_control;

/// The result of a parse that did not fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome<T> {
    /// The whole element was parsed.
    Complete(T),
    /// The input ended first; call again with more bytes.
    Incomplete,
}

impl<T> Outcome<T> {
    /// The parsed value, if complete.
    #[inline]
    pub fn complete(self) -> Option<T> {
        match self {
            Outcome::Complete(t) => Some(t),
            Outcome::Incomplete => None,
        }
    }
}

/// A parsed status line. `reason` borrows the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusLine<'a> {
    /// The version digits as received.
    pub version: Version,
    /// The status code (100..=999).
    pub code: StatusCode,
    /// The reason phrase exactly as received (possibly empty; never trimmed).
    pub reason: &'a [u8],
    /// Bytes consumed, line ending included.
    pub len: usize,
}

/// What was wrong with the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ParseErrorKind {
    /// Not exactly `HTTP/` DIGIT `.` DIGIT.
    Version,
    /// Not exactly one SP between the version and the code, or no SP after the code.
    Whitespace,
    /// Not exactly three digits, or a code below 100.
    StatusCode,
    /// A byte not allowed in a reason phrase (a control character other than HTAB, or DEL).
    Reason,
    /// A CR not followed by LF, or a bare LF without [`ParseOptions::allow_bare_lf`].
    LineEnding,
}

impl ParseErrorKind {
    /// A `snake_case` name, stable for tools (the CLI's JSON uses it).
    pub const fn name(self) -> &'static str {
        match self {
            ParseErrorKind::Version => "version",
            ParseErrorKind::Whitespace => "whitespace",
            ParseErrorKind::StatusCode => "status_code",
            ParseErrorKind::Reason => "reason",
            ParseErrorKind::LineEnding => "line_ending",
        }
    }

    /// A sentence for people.
    pub const fn message(self) -> &'static str {
        match self {
            ParseErrorKind::Version => "HTTP-version must be exactly HTTP/DIGIT.DIGIT",
            ParseErrorKind::Whitespace => "expected exactly one SP between status-line parts",
            ParseErrorKind::StatusCode => "status-code must be three digits from 100 to 999",
            ParseErrorKind::Reason => "reason-phrase holds a control character",
            ParseErrorKind::LineEnding => "line must end with CRLF",
        }
    }
}

/// A refusal: the kind and the offset of the first offending byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ParseError {
    /// What was wrong.
    pub kind: ParseErrorKind,
    /// Offset of the first byte that made the input invalid.
    pub offset: usize,
}

impl core::fmt::Display for ParseError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{} (at byte {})", self.kind.message(), self.offset)
    }
}

impl core::error::Error for ParseError {}

/// Leniencies. [`ParseOptions::strict`] (the default) enables none of them; each one names
/// what it risks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct ParseOptions {
    /// Accept a bare LF as the line ending.
    ///
    /// Risk: a peer that ends lines only at CRLF sees a different message boundary than this
    /// parser, the root of request/response smuggling (CVE-2022-32214 is the request form).
    pub allow_bare_lf: bool,
    /// Accept more than one SP between the version and the status code.
    ///
    /// Risk: small for a status line on its own; parsers that disagree on where the code
    /// begins can disagree on the status, so enable it only when talking to a known-broken
    /// server.
    pub allow_multiple_spaces: bool,
    /// Accept a line with no SP after the status code (`HTTP/1.1 200\r\n`), which some
    /// servers send when they omit the reason.
    ///
    /// Risk: none known for framing; the line is simply not what RFC 9112 requires.
    pub allow_missing_reason_space: bool,
}

impl ParseOptions {
    /// RFC 9112 as written; every leniency off.
    pub const fn strict() -> Self {
        ParseOptions {
            allow_bare_lf: false,
            allow_multiple_spaces: false,
            allow_missing_reason_space: false,
        }
    }

    /// Every leniency on (for tools that want to see as much as possible).
    pub const fn lenient() -> Self {
        ParseOptions {
            allow_bare_lf: true,
            allow_multiple_spaces: true,
            allow_missing_reason_space: true,
        }
    }

    /// Sets [`ParseOptions::allow_bare_lf`].
    pub const fn bare_lf(mut self, on: bool) -> Self {
        self.allow_bare_lf = on;
        self
    }

    /// Sets [`ParseOptions::allow_multiple_spaces`].
    pub const fn multiple_spaces(mut self, on: bool) -> Self {
        self.allow_multiple_spaces = on;
        self
    }

    /// Sets [`ParseOptions::allow_missing_reason_space`].
    pub const fn missing_reason_space(mut self, on: bool) -> Self {
        self.allow_missing_reason_space = on;
        self
    }

    /// The names of the leniencies, as the CLI's `--lenient` takes them.
    pub const NAMES: &'static [&'static str] =
        &["bare_lf", "multiple_spaces", "missing_reason_space"];

    /// Turns on the leniency called `name` (one of [`ParseOptions::NAMES`]); `false` if there is
    /// no such leniency.
    pub fn enable(&mut self, name: &str) -> bool {
        match name {
            "bare_lf" => self.allow_bare_lf = true,
            "multiple_spaces" => self.allow_multiple_spaces = true,
            "missing_reason_space" => self.allow_missing_reason_space = true,
            _ => return false,
        }
        true
    }
}

/// [`parse_status_line_with`] with [`ParseOptions::strict`].
///
/// ```
/// use status_lines::{parse_status_line, Outcome, ParseErrorKind};
/// let line = parse_status_line(b"HTTP/1.1 404 Not Found\r\nServer: x\r\n").unwrap().complete().unwrap();
/// assert_eq!((line.code.as_u16(), line.reason, line.len), (404, &b"Not Found"[..], 24));
///
/// assert_eq!(parse_status_line(b"HTTP/1.1 40").unwrap(), Outcome::Incomplete);
/// let err = parse_status_line(b"HTTP/1.1 2000 OK\r\n").unwrap_err();
/// assert_eq!((err.kind, err.offset), (ParseErrorKind::StatusCode, 12));
/// ```
#[inline]
pub fn parse_status_line(buf: &[u8]) -> Result<Outcome<StatusLine<'_>>, ParseError> {
    parse_status_line_with(buf, ParseOptions::strict())
}

const fn err<T>(kind: ParseErrorKind, offset: usize) -> Result<T, ParseError> {
    Err(ParseError { kind, offset })
}

/// Parses one status line at the start of `buf`.
///
/// The common shape (`HTTP/1.0` or `HTTP/1.1`, one SP, three digits, one SP, a reason of plain
/// bytes, CRLF) takes a fast path that reads the fixed part as whole words and scans the
/// reason eight bytes at a time. Anything else — other versions, leniencies, errors, and input
/// that ends early — goes to the byte-by-byte reference parser, which alone decides what to
/// report; both give the same answer on every input (a property test checks it).
#[inline]
pub fn parse_status_line_with(
    buf: &[u8],
    opts: ParseOptions,
) -> Result<Outcome<StatusLine<'_>>, ParseError> {
    match parse_common(buf) {
        Some(line) => Ok(Outcome::Complete(line)),
        None => parse_reference(buf, opts),
    }
}

/// The fixed part of the common status line: `HTTP/1.1 ` or `HTTP/1.0 `, three digits (the
/// first not 0) and a SP, the reason starting right after; `None` for anything else (which
/// [`parse_status_line_with`] and [`parse_status_prefix`] then judge in full). For fast paths,
/// this crate's and its callers': what it accepts, the full parsers accept alike.
///
/// ```
/// use status_lines::{hooks::common_prefix, Version};
/// let (version, code) = common_prefix(b"HTTP/1.1 404 ").unwrap();
/// assert_eq!((version, code.as_u16()), (Version::HTTP_11, 404));
/// assert_eq!(common_prefix(b"HTTP/1.1 099 "), None);
/// assert_eq!(common_prefix(b"HTTP/2.0 200 "), None);
/// ```
#[inline(always)]
pub fn common_prefix(head: &[u8; 13]) -> Option<(Version, StatusCode)> {
    let [v0, v1, v2, v3, v4, v5, v6, v7, sp1, d0, d1, d2, sp2] = *head;
    let version = match u64::from_le_bytes([v0, v1, v2, v3, v4, v5, v6, v7]) {
        v if v == u64::from_le_bytes(*b"HTTP/1.1") => Version::HTTP_11,
        v if v == u64::from_le_bytes(*b"HTTP/1.0") => Version::HTTP_10,
        _ => return None,
    };
    let (d0, d1, d2) = (
        d0.wrapping_sub(b'0'),
        d1.wrapping_sub(b'0'),
        d2.wrapping_sub(b'0'),
    );
    if sp1 != b' ' || sp2 != b' ' || !(1..=9).contains(&d0) || d1 > 9 || d2 > 9 {
        return None;
    }
    let code = StatusCode::new(u16::from(d0) * 100 + u16::from(d1) * 10 + u16::from(d2))?;
    Some((version, code))
}

/// The fast path for the common shape; `None` hands the input to [`parse_reference`].
#[inline(always)]
fn parse_common(buf: &[u8]) -> Option<StatusLine<'_>> {
    let (version, code) = common_prefix(buf.first_chunk()?)?;

    // The reason: find the first control byte; it must be the CR of CRLF.
    let end = first_control(buf, 13);
    if buf.get(end) != Some(&b'\r') || buf.get(end + 1) != Some(&b'\n') {
        // HTAB inside the reason, a bad byte, or a bare CR: let the reference decide.
        return None;
    }
    Some(StatusLine {
        version,
        code,
        reason: &buf[13..end],
        len: end + 2,
    })
}

/// The part of a status line before the reason phrase, as [`parse_status_prefix`] reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusPrefix {
    /// The version digits as received.
    pub version: Version,
    /// The status code.
    pub code: StatusCode,
    /// Where the reason phrase starts (just after the SP that follows the code; with
    /// [`ParseOptions::allow_missing_reason_space`], possibly at the line ending).
    pub reason_start: usize,
}

/// Parses a status line up to the start of its reason phrase.
///
/// For callers that receive a line in pieces: once this is `Complete`, every later byte up to
/// the line ending is either a reason byte (valid whatever follows) or a control byte, so a
/// caller can wait for a control byte (`httpwire_simd::swar::first_control`) before parsing the whole line
/// again, which keeps the total work linear in the line's length.
///
/// ```
/// use status_lines::{hooks::parse_status_prefix, Outcome, ParseOptions};
/// let p = parse_status_prefix(b"HTTP/1.1 200 Partial reas", ParseOptions::strict()).unwrap();
/// assert_eq!(p.complete().unwrap().reason_start, 13);
/// assert_eq!(parse_status_prefix(b"HTTP/1.1 20", ParseOptions::strict()).unwrap(), Outcome::Incomplete);
/// ```
pub fn parse_status_prefix(
    buf: &[u8],
    opts: ParseOptions,
) -> Result<Outcome<StatusPrefix>, ParseError> {
    // Reads byte `i`, or reports Incomplete: every earlier byte has been validated.
    macro_rules! at {
        ($i:expr) => {
            match buf.get($i) {
                Some(&b) => b,
                None => return Ok(Outcome::Incomplete),
            }
        };
    }

    // HTTP-version.
    for (i, &want) in b"HTTP/".iter().enumerate() {
        if at!(i) != want {
            return err(ParseErrorKind::Version, i);
        }
    }
    let major = at!(5).wrapping_sub(b'0');
    if major > 9 {
        return err(ParseErrorKind::Version, 5);
    }
    if at!(6) != b'.' {
        return err(ParseErrorKind::Version, 6);
    }
    let minor = at!(7).wrapping_sub(b'0');
    if minor > 9 {
        return err(ParseErrorKind::Version, 7);
    }
    let Some(version) = Version::new(major, minor) else {
        return err(ParseErrorKind::Version, 5);
    };

    // SP (or several, when allowed).
    if at!(8) != b' ' {
        return err(ParseErrorKind::Whitespace, 8);
    }
    let mut pos = 9;
    while at!(pos) == b' ' {
        if !opts.allow_multiple_spaces {
            return err(ParseErrorKind::Whitespace, pos);
        }
        pos += 1;
    }

    // status-code: 3DIGIT, first digit 1..=9.
    let mut code: u16 = 0;
    for k in 0..3 {
        let d = at!(pos + k).wrapping_sub(b'0');
        if d > 9 || (k == 0 && d == 0) {
            return err(ParseErrorKind::StatusCode, pos + k);
        }
        code = code * 10 + d as u16;
    }
    pos += 3;
    let Some(code) = StatusCode::new(code) else {
        return err(ParseErrorKind::StatusCode, pos - 3);
    };

    // SP, or the end of the line when the reason and its SP are missing.
    let reason_start = match at!(pos) {
        b' ' => pos + 1,
        b'\r' | b'\n' if opts.allow_missing_reason_space => pos,
        b'0'..=b'9' => return err(ParseErrorKind::StatusCode, pos),
        _ => return err(ParseErrorKind::Whitespace, pos),
    };

    Ok(Outcome::Complete(StatusPrefix {
        version,
        code,
        reason_start,
    }))
}

/// The byte-by-byte reference parser: every shape, every leniency, exact error offsets.
fn parse_reference(buf: &[u8], opts: ParseOptions) -> Result<Outcome<StatusLine<'_>>, ParseError> {
    let StatusPrefix {
        version,
        code,
        reason_start,
    } = match parse_status_prefix(buf, opts)? {
        Outcome::Complete(p) => p,
        Outcome::Incomplete => return Ok(Outcome::Incomplete),
    };
    macro_rules! at {
        ($i:expr) => {
            match buf.get($i) {
                Some(&b) => b,
                None => return Ok(Outcome::Incomplete),
            }
        };
    }

    // reason-phrase, then CRLF.
    let mut i = reason_start;
    loop {
        let b = at!(i);
        if is_reason_byte(b) {
            i += 1;
            continue;
        }
        let len = match b {
            b'\r' => {
                if at!(i + 1) != b'\n' {
                    return err(ParseErrorKind::LineEnding, i);
                }
                i + 2
            }
            b'\n' if opts.allow_bare_lf => i + 1,
            b'\n' => return err(ParseErrorKind::LineEnding, i),
            _ => return err(ParseErrorKind::Reason, i),
        };
        return Ok(Outcome::Complete(StatusLine {
            version,
            code,
            reason: &buf[reason_start..i],
            len,
        }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::vec::Vec;

    fn shaped() -> impl Strategy<Value = Vec<u8>> {
        let byte = prop_oneof![
            Just(b'\r'),
            Just(b'\n'),
            Just(b'\t'),
            Just(0x7f),
            Just(0x00),
            Just(b' '),
            0x20u8..0x7f,
            0x80u8..=0xff,
        ];
        (
            prop_oneof![
                Just(&b"HTTP/1.1 "[..]),
                Just(&b"HTTP/1.0 "[..]),
                Just(&b"HTTP/2.0 "[..])
            ],
            prop_oneof![
                Just(&b"200 "[..]),
                Just(&b"099 "[..]),
                Just(&b"404"[..]),
                Just(&b"999 "[..])
            ],
            proptest::collection::vec(byte, 0..40),
        )
            .prop_map(|(v, c, tail)| [v, c, &tail[..]].concat())
    }

    fn config() -> ProptestConfig {
        let mut config = ProptestConfig {
            cases: if cfg!(miri) { 8 } else { 2048 },
            failure_persistence: None,
            ..ProptestConfig::default()
        };
        // Under miri, the XorShift RNG instead of the default ChaCha: proptest derives a fresh
        // RNG for every arm of a `prop_oneof!` not taken, for every generated byte, and with
        // ChaCha `shaped()` took 15 s a case there. Same cases, cheaper generator.
        if cfg!(miri) {
            config.rng_algorithm = proptest::test_runner::RngAlgorithm::XorShift;
        }
        config
    }

    proptest! {
        #![proptest_config(config())]

        /// The fast path answers only where the reference agrees, on near-valid lines.
        #[test]
        fn fast_path_equals_reference(buf in shaped()) {
            if let Some(line) = parse_common(&buf) {
                prop_assert_eq!(
                    parse_reference(&buf, ParseOptions::strict()),
                    Ok(Outcome::Complete(line))
                );
            }
        }

        /// And on arbitrary bytes.
        #[test]
        fn fast_path_equals_reference_on_any_bytes(buf in proptest::collection::vec(any::<u8>(), 0..40)) {
            if let Some(line) = parse_common(&buf) {
                prop_assert_eq!(
                    parse_reference(&buf, ParseOptions::strict()),
                    Ok(Outcome::Complete(line))
                );
            }
        }
    }

    #[test]
    fn fast_path_takes_the_common_lines() {
        for line in [
            &b"HTTP/1.1 200 OK\r\n"[..],
            b"HTTP/1.0 503 Service Unavailable\r\nX",
            b"HTTP/1.1 599 \r\n",
        ] {
            assert!(parse_common(line).is_some(), "{line:?}");
        }
        for line in [
            &b"HTTP/1.1 200 OK\n"[..],
            b"HTTP/1.1 200 OK\r",
            b"HTTP/2.0 200 OK\r\n",
        ] {
            assert!(parse_common(line).is_none(), "{line:?}");
        }
    }
}
