//! HTTP status codes and status lines (RFC 9110 §15, RFC 9112 §4).
//!
//! This crate is the bottom layer of httpwire. It owns:
//!
//! * the IANA status-code [registry](REGISTRY) with RFC 9110 reason phrases
//!   ([`canonical_reason`], [`registration`]);
//! * `&'static [u8]` pre-built status lines such as `HTTP/1.1 200 OK\r\n`, found by direct
//!   indexing and usable in `const` context ([`status_line`]);
//! * an allocation-free [writer](write_status_line) for any code 100–999 into a caller's
//!   buffer, with the registered reason, no reason, or a custom reason validated against
//!   RFC 9112;
//! * a strict status-line [parser](parse_status_line) returning the version digits, the code,
//!   the reason bytes (borrowed from the input) and the line length, or an error kind with the
//!   offset of the first bad byte. Leniencies are named in [`ParseOptions`].
//!
//! Nothing here allocates; the crate is `no_std`.
//!
//! ```
//! use status_lines::{parse_status_line, status_line, write_status_line, Outcome, Reason,
//!                    StatusCode, Version};
//!
//! // A pre-built line, resolved at compile time.
//! const NOT_FOUND: &[u8] = match status_line(Version::HTTP_11, 404) {
//!     Some(line) => line,
//!     None => panic!(),
//! };
//! assert_eq!(NOT_FOUND, b"HTTP/1.1 404 Not Found\r\n");
//!
//! // Any code, into a stack buffer.
//! let mut buf = [0u8; 64];
//! let code = StatusCode::new(599).unwrap();
//! let n = write_status_line(&mut buf, Version::HTTP_11, code, Reason::Canonical).unwrap();
//! assert_eq!(&buf[..n], b"HTTP/1.1 599 \r\n");
//!
//! // And back.
//! let Outcome::Complete(line) = parse_status_line(&buf[..n]).unwrap() else { panic!() };
//! assert_eq!((line.code.as_u16(), line.reason, line.len), (599, &b""[..], n));
//! ```
#![no_std]
#![deny(unsafe_code)]

#[cfg(test)]
extern crate std;

mod code;
mod line;
mod parse;
mod registry;
mod write;

pub use code::{Class, StatusCode, Version};
pub use line::status_line;
pub use parse::{
    Outcome, ParseError, ParseErrorKind, ParseOptions, StatusLine, parse_status_line,
    parse_status_line_with,
};

/// Not part of the public API: what httpwire-http1 reads of this crate's parser, kept here so
/// that the status line has one definition. It may change in any release.
///
/// * [`common_prefix`](hooks::common_prefix): the fixed 13 bytes of the common status line,
///   for http1's straight-line path;
/// * [`parse_status_prefix`](hooks::parse_status_prefix) and
///   [`StatusPrefix`](hooks::StatusPrefix): the line up to its reason phrase, for http1's
///   resumable status line, which waits for a control byte before parsing the line again.
#[doc(hidden)]
pub mod hooks {
    pub use crate::parse::{StatusPrefix, common_prefix, parse_status_prefix};
}
pub use registry::{
    MAX_CODE, MIN_CODE, REGISTRY, Registration, RegistrationStatus, canonical_reason, registration,
};
pub use write::{
    Reason, WriteError, is_reason_byte, status_line_len, validate_reason, write_status_line,
};
