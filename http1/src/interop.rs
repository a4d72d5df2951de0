//! Conversion of parsed heads into the [`http`] crate's types (feature `http`).
//!
//! The parser itself never allocates; these conversions do, because the `http` types own their
//! data:
//!
//! * the URI copies the request-target (except `/` and `*`, which `http` keeps static);
//! * a method other than the standard ones may be copied;
//! * the [`HeaderMap`](http::HeaderMap) allocates its table once, sized for all fields;
//! * each non-standard field name is copied (lowercased), each non-empty value is copied;
//! * a folded value (only with the `obs_fold` leniency) is copied once more, to unfold it;
//! * a reason phrase that differs from the registered one is copied into a [`ReasonPhrase`]
//!   extension (which allocates the extensions map).
//!
//! Nothing is dropped silently: a head that the `http` types cannot hold is an
//! [`InteropError`].
//!
//! ```
//! use http1::{parse_request, Config, FieldStorage};
//! use http1::interop::request_parts;
//!
//! let wire = b"GET /a?b=c HTTP/1.1\r\nHost: example.com\r\nAccept: */*\r\nAccept: text/html\r\n\r\n";
//! let mut storage = FieldStorage::<16>::new();
//! let req = parse_request(wire, &mut storage, &Config::new()).unwrap().complete().unwrap();
//! let parts = request_parts(&req).unwrap();
//! assert_eq!(parts.method, http::Method::GET);
//! assert_eq!(parts.uri.path(), "/a");
//! assert_eq!(parts.version, http::Version::HTTP_11);
//! let accept: Vec<_> = parts.headers.get_all("accept").iter().collect();
//! assert_eq!(accept, ["*/*", "text/html"]);
//! ```

use std::vec::Vec;

use crate::head::{Fields, Request, Response};
use status_lines::Version;

/// Why a parsed head could not be converted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum InteropError {
    /// `http::Method` refused the method.
    Method,
    /// `http::Uri` refused the request-target (it is stricter about some bytes, e.g. `"`,
    /// `<`, `>`, `\`, `^`, `` ` ``, `{`, `|`, `}`, and holds at most 65534 bytes).
    Uri,
    /// The version has no `http::Version` over HTTP/1 syntax: anything but `HTTP/1.x`.
    Version {
        /// The major digit.
        major: u8,
        /// The minor digit.
        minor: u8,
    },
    /// `http::StatusCode` refused the status.
    Status,
    /// `http::HeaderName` refused field line number `index`'s name.
    FieldName {
        /// Which field line, from 0.
        index: usize,
    },
    /// `http::HeaderValue` refused field line number `index`'s value.
    FieldValue {
        /// Which field line, from 0.
        index: usize,
    },
    /// More fields than an `http::HeaderMap` holds.
    TooManyFields,
}

impl core::fmt::Display for InteropError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match *self {
            InteropError::Method => f.write_str("method not accepted by http::Method"),
            InteropError::Uri => f.write_str("request-target not accepted by http::Uri"),
            InteropError::Version { major, minor } => {
                write!(f, "HTTP/{major}.{minor} has no http::Version")
            }
            InteropError::Status => f.write_str("status not accepted by http::StatusCode"),
            InteropError::FieldName { index } => {
                write!(f, "field {index}: name not accepted by http::HeaderName")
            }
            InteropError::FieldValue { index } => {
                write!(f, "field {index}: value not accepted by http::HeaderValue")
            }
            InteropError::TooManyFields => f.write_str("too many fields for http::HeaderMap"),
        }
    }
}

impl core::error::Error for InteropError {}

/// A reason phrase that is not the registered one for its status code, kept in the
/// response's extensions by [`response_parts`] (the `http` types have no field for it).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ReasonPhrase(Vec<u8>);

impl ReasonPhrase {
    /// The phrase as received (possibly empty; may hold obs-text).
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
}

/// The `http::Version` for a parsed version.
///
/// `HTTP/1.0` and `HTTP/1.1` map to themselves. `HTTP/1.2` to `HTTP/1.9` map to
/// `HTTP/1.1`: RFC 9112 §2.3 says to process a higher minor version of a major version one
/// implements as the highest minor version one conforms to. Every other major version is an
/// error: HTTP/0.9 has no head, and HTTP/2 and HTTP/3 do not use HTTP/1 syntax.
///
/// ```
/// use http1::interop::http_version;
/// use http1::Version;
/// assert_eq!(http_version(Version::HTTP_10), Ok(http::Version::HTTP_10));
/// assert_eq!(http_version(Version::new(1, 2).unwrap()), Ok(http::Version::HTTP_11));
/// assert!(http_version(Version::new(2, 0).unwrap()).is_err());
/// ```
pub fn http_version(v: Version) -> Result<http::Version, InteropError> {
    match (v.major(), v.minor()) {
        (1, 0) => Ok(http::Version::HTTP_10),
        (1, _) => Ok(http::Version::HTTP_11),
        (major, minor) => Err(InteropError::Version { major, minor }),
    }
}

/// Converts a parsed request head into `http::request::Parts`.
///
/// The target becomes the URI in whichever form it has (origin, absolute, authority or
/// asterisk); fields keep their order, repeated names included (the map's order per name).
/// See the [module docs](self) for what allocates.
pub fn request_parts(req: &Request<'_, '_>) -> Result<http::request::Parts, InteropError> {
    let (mut parts, ()) = http::Request::new(()).into_parts();
    parts.method = http::Method::from_bytes(req.method).map_err(|_| InteropError::Method)?;
    parts.uri = http::Uri::try_from(req.target).map_err(|_| InteropError::Uri)?;
    parts.version = http_version(req.version)?;
    parts.headers = header_map(&req.fields)?;
    Ok(parts)
}

/// Converts a parsed response head into `http::response::Parts`.
///
/// A reason phrase other than the registered one for the code (a custom one, or an empty one
/// where a phrase is registered) is kept as a [`ReasonPhrase`] extension.
///
/// ```
/// use http1::{parse_response, Config, FieldStorage};
/// use http1::interop::{response_parts, ReasonPhrase};
///
/// let wire = b"HTTP/1.1 200 Fine\r\nContent-Length: 0\r\n\r\n";
/// let mut storage = FieldStorage::<16>::new();
/// let res = parse_response(wire, &mut storage, &Config::new()).unwrap().complete().unwrap();
/// let parts = response_parts(&res).unwrap();
/// assert_eq!(parts.status, http::StatusCode::OK);
/// assert_eq!(parts.headers["content-length"], "0");
/// assert_eq!(parts.extensions.get::<ReasonPhrase>().unwrap().as_bytes(), b"Fine");
/// ```
pub fn response_parts(res: &Response<'_, '_>) -> Result<http::response::Parts, InteropError> {
    let (mut parts, ()) = http::Response::new(()).into_parts();
    parts.status =
        http::StatusCode::from_u16(res.status.as_u16()).map_err(|_| InteropError::Status)?;
    parts.version = http_version(res.version)?;
    parts.headers = header_map(&res.fields)?;
    let canonical = res.status.canonical_reason().unwrap_or("").as_bytes();
    if res.reason != canonical {
        parts.extensions.insert(ReasonPhrase(res.reason.to_vec()));
    }
    Ok(parts)
}

fn header_map(fields: &Fields<'_, '_>) -> Result<http::HeaderMap, InteropError> {
    let mut map = http::HeaderMap::try_with_capacity(fields.len())
        .map_err(|_| InteropError::TooManyFields)?;
    for (index, f) in fields.iter().enumerate() {
        let name =
            http::HeaderName::from_bytes(f.name).map_err(|_| InteropError::FieldName { index })?;
        let value = if f.is_folded() {
            http::HeaderValue::from_bytes(&unfold(f.value))
        } else {
            http::HeaderValue::from_bytes(f.value)
        }
        .map_err(|_| InteropError::FieldValue { index })?;
        map.try_append(name, value)
            .map_err(|_| InteropError::TooManyFields)?;
    }
    Ok(map)
}

/// Replaces each obs-fold (CRLF, or a bare LF under that leniency, and the SP/HTAB after it)
/// with as many SP, as RFC 9112 §5.2 asks before a folded value is interpreted.
fn unfold(value: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(value.len());
    let mut in_fold = false;
    for &b in value {
        in_fold = match b {
            b'\r' | b'\n' => true,
            b' ' | b'\t' => in_fold,
            _ => false,
        };
        out.push(if in_fold { b' ' } else { b });
    }
    out
}
