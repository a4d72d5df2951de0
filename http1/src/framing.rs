//! Message body framing (RFC 9112 §6) and connection semantics (RFC 9112 §9, RFC 9110 §7.6.1, §7.8, §10.1.1).
//!
//! [`request_framing`] and [`response_framing`] are pure functions of a parsed head (plus the
//! request method, for a response). They say how the body is delimited ([`BodyFraming`]),
//! whether the connection persists afterwards, whether a protocol upgrade is requested or
//! granted and whether the client waits for `100 Continue`, or refuse the head with a
//! [`FramingError`] that names the field and the byte offset at fault.
//!
//! # Rules
//!
//! Versions (RFC 9110 §2.5): major version 1 only; `HTTP/1.0` has 1.0 semantics and every
//! `HTTP/1.x` with x ≥ 1 is treated as `HTTP/1.1` (the highest minor version implemented).
//! Any other major version (`HTTP/0.9`, `HTTP/2.0`, ...) is [`UnsupportedVersion`]: a server
//! answers 505.
//!
//! Body of a request (RFC 9112 §6.3, checked in this order):
//!
//! 1. `Transfer-Encoding` in an HTTP/1.0 message is faulty framing (§6.1), refused even when a
//!    `Content-Length` is present: [`TransferEncodingInHttp10`].
//! 2. `Transfer-Encoding` together with `Content-Length` is refused (§6.1 allows it; strict
//!    mode does, see [`FramingOptions::transfer_encoding_with_content_length`]):
//!    [`TransferEncodingWithContentLength`].
//! 3. `Transfer-Encoding` (a list over every field line of that name, §6.1): every element must
//!    be a bare token (no empty element, no parameters: no registered transfer coding takes
//!    any); `chunked` at most once ([`ChunkedRepeated`], RFC 9112 §7); the other codings must
//!    be registered ones (`compress`, `deflate`, `gzip`, `x-compress`, `x-gzip`), else
//!    [`UnknownTransferCoding`] (a server answers 501, §6.1); and `chunked` must be the final
//!    coding ([`ChunkedNotFinal`], §6.3 rule 4: a server answers 400). Result:
//!    [`BodyFraming::Chunked`].
//! 4. `Content-Length` (§6.3 rule 5, RFC 9110 §8.6): each value is `1*DIGIT` within `u64`
//!    ([`InvalidContentLength`], [`ContentLengthTooLarge`]). Several field lines, or a
//!    comma-separated list in one line, are collapsed into one length when every member is
//!    byte-for-byte identical (`5, 5`); members that differ, even only by leading zeros
//!    (`5, 05`), are [`ConflictingContentLength`]. Result: [`BodyFraming::ContentLength`].
//! 5. Neither: [`BodyFraming::None`] (§6.3 rule 7, a body of length zero).
//! 6. Then the `Host` rules of the [`authority`](crate::authority) module: a missing (HTTP/1.1),
//!    repeated or invalid `Host`, or one that disagrees with an absolute-form target, is
//!    refused; [`request_authority`](crate::authority::request_authority) gives the authority.
//!
//! Body of a response (RFC 9112 §6.3, in this order):
//!
//! 1. `101 Switching Protocols`: [`BodyFraming::Tunnel`] (the connection switches protocols
//!    after the empty line, RFC 9110 §15.2.2).
//! 2. A response to `HEAD`, or a 1xx, 204 or 304: [`BodyFraming::None`], whatever the framing
//!    fields say (§6.3 rule 1: they are ignored, not even checked, since a `HEAD` or 304
//!    response legitimately carries the `Content-Length` the body would have had).
//! 3. A 2xx to `CONNECT`: [`BodyFraming::Tunnel`], framing fields ignored (§6.3 rule 2).
//! 4. `Transfer-Encoding` in HTTP/1.0, or with `Content-Length`: refused as for requests.
//!    Elements must be bare tokens and `chunked` must not repeat, but unknown codings are
//!    accepted: the framing does not depend on them. `chunked` final:
//!    [`BodyFraming::Chunked`]; otherwise [`BodyFraming::CloseDelimited`] (§6.3 rule 4).
//! 5. `Content-Length`: as for requests.
//! 6. Neither: [`BodyFraming::CloseDelimited`] (§6.3 rule 8).
//!
//! Method names are compared case-sensitively (`HEAD`, `CONNECT`, RFC 9110 §9.1); field names,
//! connection options, transfer codings and expectations case-insensitively.
//!
//! Connection persistence (RFC 9112 §9.3): the `Connection` field is a list of options over
//! every field line of that name (RFC 9110 §7.6.1). `close` ends the connection after this
//! message; otherwise HTTP/1.1 persists and HTTP/1.0 persists only with `keep-alive`. A
//! close-delimited or tunnelled body, or a message accepted under
//! [`FramingOptions::transfer_encoding_with_content_length`], never persists. For a response
//! the caller must also honour the request's own `close`.
//!
//! Upgrade (RFC 9110 §7.8): a request asks for one when it is HTTP/1.1, has a non-empty
//! `Upgrade` field and lists the `upgrade` connection option (an HTTP/1.0 `Upgrade` is
//! ignored); a response grants one with 101.
//!
//! Expect (RFC 9110 §10.1.1): `100-continue` (any case) among the `Expect` list of an HTTP/1.1
//! request; HTTP/1.0 expectations are ignored. Other expectations are not reported.
//!
//! [`UnsupportedVersion`]: FramingErrorKind::UnsupportedVersion
//! [`TransferEncodingInHttp10`]: FramingErrorKind::TransferEncodingInHttp10
//! [`TransferEncodingWithContentLength`]: FramingErrorKind::TransferEncodingWithContentLength
//! [`ChunkedRepeated`]: FramingErrorKind::ChunkedRepeated
//! [`UnknownTransferCoding`]: FramingErrorKind::UnknownTransferCoding
//! [`ChunkedNotFinal`]: FramingErrorKind::ChunkedNotFinal
//! [`InvalidContentLength`]: FramingErrorKind::InvalidContentLength
//! [`ContentLengthTooLarge`]: FramingErrorKind::ContentLengthTooLarge
//! [`ConflictingContentLength`]: FramingErrorKind::ConflictingContentLength

use crate::authority::HostLines;
use crate::classify::is_tchar;
use crate::head::{FieldIter, Fields, Request, Response};
use status_lines::Version;

/// How a message body is delimited (RFC 9112 §6.3).
///
/// To read the body, whatever its framing, hand this value to the `BodyDecoder` of the
/// `httpwire-chunked` crate: one Sans-IO loop for a `Content-Length` body (never a byte past
/// it), a chunked one (with its trailers), a close-delimited one, none, or a tunnel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BodyFraming {
    /// No body: the next message starts right after the head.
    None,
    /// Exactly this many bytes of body follow the head.
    ContentLength(u64),
    /// The body is in the chunked transfer coding (RFC 9112 §7.1), ended by the last chunk and
    /// the trailer section.
    Chunked,
    /// Responses only: the body is everything until the server closes the connection.
    CloseDelimited,
    /// The connection stops carrying HTTP/1 after the head: a 2xx to `CONNECT`, or 101.
    Tunnel,
}

impl BodyFraming {
    /// A `snake_case` name, stable for tools: `none`, `content_length`, `chunked`,
    /// `close_delimited`, `tunnel`.
    pub const fn name(self) -> &'static str {
        match self {
            BodyFraming::None => "none",
            BodyFraming::ContentLength(_) => "content_length",
            BodyFraming::Chunked => "chunked",
            BodyFraming::CloseDelimited => "close_delimited",
            BodyFraming::Tunnel => "tunnel",
        }
    }
}

/// What the head says about its body and its connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct MessageInfo {
    /// How the body is delimited.
    pub body: BodyFraming,
    /// Whether the connection may carry another message after this one (RFC 9112 §9.3);
    /// always `false` for a close-delimited or tunnelled body. For a 1xx other than 101 it
    /// describes the connection as the interim response leaves it: the final response follows.
    pub keep_alive: bool,
    /// Request: an upgrade is asked for (HTTP/1.1, `Upgrade` present and `Connection:
    /// upgrade`). Response: 101, the upgrade is granted.
    pub upgrade: bool,
    /// Request only: HTTP/1.1 with `Expect: 100-continue`; the client may wait for a
    /// `100 Continue` before it sends the body.
    pub expect_continue: bool,
    /// `Transfer-Encoding` lists codings besides `chunked` (`gzip, chunked`): once the
    /// framing is removed, the body is still coded and the caller must decode it (or answer
    /// 501).
    pub other_codings: bool,
}

/// Why a head's framing was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FramingErrorKind {
    /// The major version is not 1 (RFC 9110 §2.5; a server answers 505).
    UnsupportedVersion,
    /// A `Content-Length` value is not `1*DIGIT`: empty, a sign, hex, inner whitespace, an
    /// empty list element (RFC 9110 §8.6).
    InvalidContentLength,
    /// A `Content-Length` value does not fit in a `u64`.
    ContentLengthTooLarge,
    /// `Content-Length` values that differ (RFC 9112 §6.3 rule 5).
    ConflictingContentLength,
    /// `Transfer-Encoding` and `Content-Length` both present (RFC 9112 §6.1, §6.3 rule 3).
    TransferEncodingWithContentLength,
    /// `Transfer-Encoding` in an HTTP/1.0 message: faulty framing (RFC 9112 §6.1).
    TransferEncodingInHttp10,
    /// A `Transfer-Encoding` element is empty or not a bare token (RFC 9112 §6.1, §7).
    InvalidTransferEncoding,
    /// `chunked` listed more than once (RFC 9112 §7).
    ChunkedRepeated,
    /// Request: `chunked` is not the final transfer coding (RFC 9112 §6.3 rule 4).
    ChunkedNotFinal,
    /// Request: a transfer coding that is not registered (RFC 9112 §6.1; a server answers 501).
    UnknownTransferCoding,
    /// Request: a `CONNECT` that declares content (`Content-Length` other than 0, or
    /// `Transfer-Encoding`): RFC 9110 §9.3.6 gives CONNECT none, and peers disagree on whether
    /// such bytes are a body or the tunnel's first bytes.
    ConnectWithContent,
    /// Request: HTTP/1.1 without `Host` (RFC 9112 §3.2; a server answers 400). The offset is
    /// the empty line that ends the head.
    MissingHost,
    /// Request: more than one `Host` field line (RFC 9112 §3.2), at the second.
    DuplicateHost,
    /// Request: a `Host` value that is not `uri-host [ ":" port ]` (RFC 9112 §3.2, RFC 9110
    /// §7.2; see [`authority`](crate::authority)), at the first byte that does not fit.
    InvalidHost,
    /// Request: an absolute-form target's authority and `Host` disagree (see
    /// [`authority`](crate::authority) and
    /// [`FramingOptions::absolute_form_host_mismatch`]), at the `Host` value.
    HostMismatch,
    /// Request: the target does not fit its [`TargetForm`](crate::TargetForm). The parser
    /// refuses such targets; only a [`Request`] altered after parsing holds one.
    InvalidTarget,
}

impl FramingErrorKind {
    /// A `snake_case` name, stable for tools.
    pub const fn name(self) -> &'static str {
        match self {
            FramingErrorKind::UnsupportedVersion => "unsupported_version",
            FramingErrorKind::InvalidContentLength => "invalid_content_length",
            FramingErrorKind::ContentLengthTooLarge => "content_length_too_large",
            FramingErrorKind::ConflictingContentLength => "conflicting_content_length",
            FramingErrorKind::TransferEncodingWithContentLength => {
                "transfer_encoding_with_content_length"
            }
            FramingErrorKind::TransferEncodingInHttp10 => "transfer_encoding_in_http10",
            FramingErrorKind::InvalidTransferEncoding => "invalid_transfer_encoding",
            FramingErrorKind::ChunkedRepeated => "chunked_repeated",
            FramingErrorKind::ChunkedNotFinal => "chunked_not_final",
            FramingErrorKind::UnknownTransferCoding => "unknown_transfer_coding",
            FramingErrorKind::ConnectWithContent => "connect_with_content",
            FramingErrorKind::MissingHost => "missing_host",
            FramingErrorKind::DuplicateHost => "duplicate_host",
            FramingErrorKind::InvalidHost => "invalid_host",
            FramingErrorKind::HostMismatch => "host_mismatch",
            FramingErrorKind::InvalidTarget => "invalid_target",
        }
    }

    /// A sentence for people.
    pub const fn message(self) -> &'static str {
        match self {
            FramingErrorKind::UnsupportedVersion => "HTTP major version is not 1",
            FramingErrorKind::InvalidContentLength => "Content-Length must be 1*DIGIT",
            FramingErrorKind::ContentLengthTooLarge => "Content-Length does not fit in 64 bits",
            FramingErrorKind::ConflictingContentLength => "Content-Length values differ",
            FramingErrorKind::TransferEncodingWithContentLength => {
                "Transfer-Encoding together with Content-Length"
            }
            FramingErrorKind::TransferEncodingInHttp10 => {
                "Transfer-Encoding in an HTTP/1.0 message"
            }
            FramingErrorKind::InvalidTransferEncoding => {
                "Transfer-Encoding element is empty or not a token"
            }
            FramingErrorKind::ChunkedRepeated => "chunked applied more than once",
            FramingErrorKind::ChunkedNotFinal => "chunked is not the final transfer coding",
            FramingErrorKind::UnknownTransferCoding => "unknown transfer coding",
            FramingErrorKind::ConnectWithContent => "CONNECT request declares content",
            FramingErrorKind::MissingHost => "HTTP/1.1 request without Host",
            FramingErrorKind::DuplicateHost => "more than one Host field line",
            FramingErrorKind::InvalidHost => "Host is not uri-host [ \":\" port ]",
            FramingErrorKind::HostMismatch => "Host disagrees with the target's authority",
            FramingErrorKind::InvalidTarget => "request-target does not fit its form",
        }
    }
}

/// A refusal: what was wrong, where, and in which field line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FramingError {
    /// What was wrong.
    pub kind: FramingErrorKind,
    /// Offset from the start of the head of the first byte at fault: the offending byte of a
    /// value, the start of the list element, the start of the field name when the field's mere
    /// presence is the problem, or the version in the start line.
    pub offset: usize,
    /// Index in [`Request::fields`] / [`Response::fields`] of the field line at fault (for a
    /// conflict, the later of the two); `None` for the version.
    pub field: Option<usize>,
}

impl FramingError {
    #[inline]
    pub(crate) const fn new(
        kind: FramingErrorKind,
        offset: usize,
        field: Option<usize>,
    ) -> FramingError {
        FramingError {
            kind,
            offset,
            field,
        }
    }
}

impl core::fmt::Display for FramingError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{} (at byte {})", self.kind.message(), self.offset)
    }
}

impl core::error::Error for FramingError {}

/// Framing leniencies, all off by default. Each says what it risks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct FramingOptions {
    /// Accept `Transfer-Encoding` together with `Content-Length`: the transfer coding decides
    /// and the `Content-Length` is ignored (not even checked), as RFC 9112 §6.3 rule 3 says,
    /// and [`MessageInfo::keep_alive`] is `false` because §6.1 requires closing the connection
    /// after such a message. `Transfer-Encoding` in HTTP/1.0 stays refused.
    ///
    /// Risk: request smuggling (CL.TE / TE.CL): a peer in front of or behind this one that
    /// frames by the `Content-Length` sees another message boundary. Closing the connection
    /// limits the damage to this connection; a proxy must still never forward both fields.
    pub transfer_encoding_with_content_length: bool,
    /// Accept empty elements in `Transfer-Encoding` (`, chunked`, `chunked,`, an empty field
    /// line), skipping them as RFC 9110 §5.6.1.2 asks of recipients.
    ///
    /// Risk: a peer that does not see `, chunked` as `chunked` (it compares the whole value,
    /// or takes the first element) frames the message differently: request smuggling
    /// (CVE-2022-32213 class).
    pub transfer_encoding_empty_elements: bool,
    /// Accept a `CONNECT` request that declares content, framed as declared (the bytes before
    /// the tunnel are then a body).
    ///
    /// Risk: RFC 9110 §9.3.6 gives CONNECT no content, and peers differ: one that takes those
    /// bytes as the tunnel's first bytes and this one see different streams (a smuggling
    /// vector through a proxy).
    pub connect_with_content: bool,
    /// Accept an absolute-form request whose `Host` names another authority than the target
    /// (or is empty): the target's authority is the request's, and `Host` is ignored, as RFC
    /// 9112 §3.2.2 has an origin server do. `Host` must still be present (HTTP/1.1), single
    /// and valid.
    ///
    /// Risk: a front end or cache that goes by `Host` and this server, which goes by the
    /// target, disagree on which site the request is for: routing bypass and cache poisoning.
    /// Use it only where no such peer sits in front.
    pub absolute_form_host_mismatch: bool,
}

impl FramingOptions {
    /// Strict: every leniency off.
    pub const STRICT: FramingOptions = FramingOptions {
        transfer_encoding_with_content_length: false,
        transfer_encoding_empty_elements: false,
        connect_with_content: false,
        absolute_form_host_mismatch: false,
    };

    /// The option names, as [`FramingOptions::enable`] takes them.
    pub const NAMES: &'static [&'static str] = &[
        "transfer_encoding_with_content_length",
        "transfer_encoding_empty_elements",
        "connect_with_content",
        "absolute_form_host_mismatch",
    ];

    /// Strict: every leniency off (same as [`FramingOptions::STRICT`]).
    pub const fn new() -> FramingOptions {
        FramingOptions::STRICT
    }

    /// Every leniency on.
    pub const fn all() -> FramingOptions {
        FramingOptions {
            transfer_encoding_with_content_length: true,
            transfer_encoding_empty_elements: true,
            connect_with_content: true,
            absolute_form_host_mismatch: true,
        }
    }

    /// Turns on the leniency called `name`; `false` if there is none by that name.
    pub fn enable(&mut self, name: &str) -> bool {
        let flag = match name {
            "transfer_encoding_with_content_length" => {
                &mut self.transfer_encoding_with_content_length
            }
            "transfer_encoding_empty_elements" => &mut self.transfer_encoding_empty_elements,
            "connect_with_content" => &mut self.connect_with_content,
            "absolute_form_host_mismatch" => &mut self.absolute_form_host_mismatch,
            _ => return false,
        };
        *flag = true;
        true
    }
}

/// The framing of a request, in strict mode; see the [module docs](self) for the rules.
///
/// ```
/// use http1::framing::{request_framing, BodyFraming, FramingErrorKind};
/// use http1::{parse_request, Config, FieldStorage};
///
/// let wire = b"POST /upload HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello";
/// let mut storage = FieldStorage::<16>::new();
/// let req = parse_request(wire, &mut storage, &Config::new()).unwrap().complete().unwrap();
/// let info = request_framing(&req).unwrap();
/// assert_eq!(info.body, BodyFraming::ContentLength(5));
/// assert!(info.keep_alive);
///
/// let wire = b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n";
/// let req = parse_request(wire, &mut storage, &Config::new()).unwrap().complete().unwrap();
/// let err = request_framing(&req).unwrap_err();
/// assert_eq!(err.kind, FramingErrorKind::TransferEncodingWithContentLength);
/// assert_eq!((err.field, err.offset), (Some(1), 45));
/// ```
pub fn request_framing(req: &Request<'_, '_>) -> Result<MessageInfo, FramingError> {
    request_framing_with(req, &FramingOptions::STRICT)
}

/// The framing of a request, with leniencies; see [`request_framing`].
pub fn request_framing_with(
    req: &Request<'_, '_>,
    opts: &FramingOptions,
) -> Result<MessageInfo, FramingError> {
    let Some(http11) = http11_semantics(req.version) else {
        return Err(FramingError::new(
            FramingErrorKind::UnsupportedVersion,
            request_version_offset(req),
            None,
        ));
    };
    let scan = Scan::run(&req.fields, true, opts);
    let mut keep_alive = scan.persistent(http11);
    let body = match scan.te {
        Some(te) => {
            scan.check_transfer_encoding(te, http11, opts, &mut keep_alive)?;
            if !scan.last_chunked {
                let (offset, field) = scan.te_last;
                return Err(FramingError::new(
                    FramingErrorKind::ChunkedNotFinal,
                    offset,
                    Some(field),
                ));
            }
            BodyFraming::Chunked
        }
        None => match scan.content_length()? {
            Some(n) => BodyFraming::ContentLength(n),
            None => BodyFraming::None,
        },
    };
    if req.method == b"CONNECT" && !opts.connect_with_content {
        // The field that declares the content: Transfer-Encoding, or a non-zero length.
        let declared = match body {
            BodyFraming::Chunked => scan.te,
            BodyFraming::ContentLength(n) if n > 0 => scan.cl_field,
            _ => None,
        };
        if let Some((offset, field)) = declared {
            return Err(FramingError::new(
                FramingErrorKind::ConnectWithContent,
                offset,
                Some(field),
            ));
        }
    }
    crate::authority::resolve(req, http11, &scan.hosts, opts)?;
    Ok(MessageInfo {
        body,
        keep_alive,
        upgrade: http11 && scan.upgrade_field && scan.upgrade_option,
        expect_continue: http11 && scan.expect_continue,
        other_codings: scan.other_codings,
    })
}

/// The framing of a response to a request with method `request_method` (case-sensitive, as
/// received: `b"HEAD"`), in strict mode; see the [module docs](self) for the rules.
///
/// ```
/// use http1::framing::{response_framing, BodyFraming};
/// use http1::{parse_response, Config, FieldStorage};
///
/// let mut storage = FieldStorage::<16>::new();
/// let wire = b"HTTP/1.1 200 OK\r\nContent-Length: 120\r\n\r\n";
/// let resp = parse_response(wire, &mut storage, &Config::new()).unwrap().complete().unwrap();
/// // The same head frames differently depending on the request.
/// assert_eq!(response_framing(&resp, b"GET").unwrap().body, BodyFraming::ContentLength(120));
/// assert_eq!(response_framing(&resp, b"HEAD").unwrap().body, BodyFraming::None);
/// assert_eq!(response_framing(&resp, b"CONNECT").unwrap().body, BodyFraming::Tunnel);
///
/// let wire = b"HTTP/1.0 200 OK\r\nServer: old\r\n\r\n";
/// let resp = parse_response(wire, &mut storage, &Config::new()).unwrap().complete().unwrap();
/// let info = response_framing(&resp, b"GET").unwrap();
/// assert_eq!(info.body, BodyFraming::CloseDelimited);
/// assert!(!info.keep_alive);
/// ```
pub fn response_framing(
    resp: &Response<'_, '_>,
    request_method: &[u8],
) -> Result<MessageInfo, FramingError> {
    response_framing_with(resp, request_method, &FramingOptions::STRICT)
}

/// The framing of a response, with leniencies; see [`response_framing`].
pub fn response_framing_with(
    resp: &Response<'_, '_>,
    request_method: &[u8],
    opts: &FramingOptions,
) -> Result<MessageInfo, FramingError> {
    // The status line starts the head, and the version starts the status line.
    let Some(http11) = http11_semantics(resp.version) else {
        return Err(FramingError::new(
            FramingErrorKind::UnsupportedVersion,
            0,
            None,
        ));
    };
    let scan = Scan::run(&resp.fields, false, opts);
    let mut keep_alive = scan.persistent(http11);
    let code = resp.status.as_u16();
    let mut info = MessageInfo {
        body: BodyFraming::None,
        keep_alive: false,
        upgrade: false,
        expect_continue: false,
        other_codings: false,
    };
    if code == 101 {
        info.body = BodyFraming::Tunnel;
        info.upgrade = true;
        return Ok(info);
    }
    if resp.status.is_informational() || code == 204 || code == 304 || request_method == b"HEAD" {
        info.keep_alive = keep_alive;
        return Ok(info);
    }
    if request_method == b"CONNECT" && resp.status.is_success() {
        info.body = BodyFraming::Tunnel;
        return Ok(info);
    }
    info.body = match scan.te {
        Some(te) => {
            scan.check_transfer_encoding(te, http11, opts, &mut keep_alive)?;
            info.other_codings = scan.other_codings;
            if scan.last_chunked {
                BodyFraming::Chunked
            } else {
                BodyFraming::CloseDelimited
            }
        }
        None => match scan.content_length()? {
            Some(n) => BodyFraming::ContentLength(n),
            None => BodyFraming::CloseDelimited,
        },
    };
    info.keep_alive = keep_alive && info.body != BodyFraming::CloseDelimited;
    Ok(info)
}

/// `Some(true)` for HTTP/1.1 semantics (1.1 and later 1.x), `Some(false)` for HTTP/1.0,
/// `None` for another major version.
#[inline]
pub(crate) fn http11_semantics(v: Version) -> Option<bool> {
    if v.major() == 1 {
        Some(v.minor() >= 1)
    } else {
        None
    }
}

/// Where the version starts in a request line: after the target and the SP(s) that follow it.
pub(crate) fn request_version_offset(req: &Request<'_, '_>) -> usize {
    let buf = req.fields.buf;
    let target_start = req.target.as_ptr().addr().wrapping_sub(buf.as_ptr().addr());
    let mut i = target_start.saturating_add(req.target.len());
    while buf.get(i) == Some(&b' ') {
        i += 1;
    }
    i.min(buf.len())
}

/// Transfer codings a request may list before `chunked` (the IANA registry, RFC 9112 §7 and
/// RFC 9110 §8.4.1; `trailers` is reserved for the `TE` field and `identity` was removed).
const KNOWN_CODINGS: &[&[u8]] = &[b"compress", b"deflate", b"gzip", b"x-compress", b"x-gzip"];

/// What one pass over the field lines found.
struct Scan<'b> {
    // Content-Length: the first value (collapsed with identical ones) or the first error.
    /// Name offset and index of the first Content-Length field line.
    cl_field: Option<(usize, usize)>,
    cl_first: Option<(&'b [u8], u64)>,
    cl_error: Option<FramingError>,
    // Transfer-Encoding: name offset and index of the first field line.
    te: Option<(usize, usize)>,
    te_error: Option<FramingError>,
    chunked_seen: bool,
    last_chunked: bool,
    /// Offset and field of the last non-empty element (or of the value of the last field line
    /// when it had none).
    te_last: (usize, usize),
    other_codings: bool,
    // Connection options.
    close: bool,
    keep_alive: bool,
    upgrade_option: bool,
    // Upgrade, Expect.
    upgrade_field: bool,
    expect_continue: bool,
    /// Requests: the Host field lines.
    hosts: HostLines<'b>,
}

impl<'b> Scan<'b> {
    fn run(fields: &Fields<'b, '_>, request: bool, opts: &FramingOptions) -> Scan<'b> {
        let mut s = Scan {
            cl_field: None,
            cl_first: None,
            cl_error: None,
            te: None,
            te_error: None,
            chunked_seen: false,
            last_chunked: false,
            te_last: (0, 0),
            other_codings: false,
            close: false,
            keep_alive: false,
            upgrade_option: false,
            upgrade_field: false,
            expect_continue: false,
            hosts: HostLines::NONE,
        };
        let buf = fields.buf;
        for (i, raw) in fields.raw.iter().enumerate() {
            let (ns, nl) = (raw.name_start as usize, raw.name_len as usize);
            let (vs, vl) = (raw.value_start as usize, raw.value_len as usize);
            let (Some(name), Some(value)) = (
                buf.get(ns..ns.saturating_add(nl)),
                buf.get(vs..vs.saturating_add(vl)),
            ) else {
                continue;
            };
            let is = |want: &[u8]| name_is(name, want);
            match name.len() {
                14 if is(b"content-length") => s.content_length_line(value, vs, i, ns),
                17 if is(b"transfer-encoding") => {
                    s.transfer_encoding_line(value, vs, i, ns, request, opts)
                }
                10 if is(b"connection") => s.connection_line(value),
                7 if is(b"upgrade") => {
                    s.upgrade_field |= list_elements(value).any(|e| !e.is_empty());
                }
                4 if request && is(b"host") => s.hosts.add(fields, i),
                6 if is(b"expect") => {
                    s.expect_continue |= list_elements(value).any(|e| name_is(e, b"100-continue"));
                }
                _ => {}
            }
        }
        s
    }

    /// The options of a `Connection` line (RFC 9110 §7.6.1).
    fn connection_line(&mut self, value: &[u8]) {
        // Most values are one option, which the parser has trimmed: compare them whole.
        if name_is(value, b"keep-alive") {
            self.keep_alive = true;
        } else if name_is(value, b"close") {
            self.close = true;
        } else {
            for e in list_elements(value) {
                if name_is(e, b"close") {
                    self.close = true;
                } else if name_is(e, b"keep-alive") {
                    self.keep_alive = true;
                } else if name_is(e, b"upgrade") {
                    self.upgrade_option = true;
                }
            }
        }
    }

    fn content_length_line(
        &mut self,
        value: &'b [u8],
        value_offset: usize,
        field: usize,
        name_offset: usize,
    ) {
        if self.cl_field.is_none() {
            self.cl_field = Some((name_offset, field));
        }
        if self.cl_error.is_some() {
            return;
        }
        let mut it = list_elements(value);
        while let Some((start, end)) = it.next_span() {
            let elem = value.get(start..end).unwrap_or_default();
            let at = value_offset + start;
            match content_length(elem) {
                Err((kind, pos)) => {
                    self.cl_error = Some(FramingError::new(kind, at + pos, Some(field)));
                    return;
                }
                Ok(n) => match self.cl_first {
                    None => self.cl_first = Some((elem, n)),
                    Some((first, _)) if first == elem => {}
                    Some(_) => {
                        self.cl_error = Some(FramingError::new(
                            FramingErrorKind::ConflictingContentLength,
                            at,
                            Some(field),
                        ));
                        return;
                    }
                },
            }
        }
    }

    fn transfer_encoding_line(
        &mut self,
        value: &[u8],
        value_offset: usize,
        field: usize,
        name_offset: usize,
        request: bool,
        opts: &FramingOptions,
    ) {
        if self.te.is_none() {
            self.te = Some((name_offset, field));
            // Until an element says otherwise.
            self.te_last = (value_offset, field);
        }
        let mut it = list_elements(value);
        while let Some((start, end)) = it.next_span() {
            let elem = value.get(start..end).unwrap_or_default();
            let at = value_offset + start;
            if elem.is_empty() {
                if !opts.transfer_encoding_empty_elements {
                    self.te_fail(FramingErrorKind::InvalidTransferEncoding, at, field);
                }
                continue;
            }
            self.te_last = (at, field);
            if let Some(bad) = elem.iter().position(|&b| !is_tchar(b)) {
                self.te_fail(FramingErrorKind::InvalidTransferEncoding, at + bad, field);
                self.last_chunked = false;
                continue;
            }
            if name_is(elem, b"chunked") {
                if self.chunked_seen {
                    self.te_fail(FramingErrorKind::ChunkedRepeated, at, field);
                }
                self.chunked_seen = true;
                self.last_chunked = true;
            } else {
                self.last_chunked = false;
                self.other_codings = true;
                if request && !KNOWN_CODINGS.iter().any(|k| name_is(elem, k)) {
                    self.te_fail(FramingErrorKind::UnknownTransferCoding, at, field);
                }
            }
        }
    }

    /// Records the first Transfer-Encoding error.
    fn te_fail(&mut self, kind: FramingErrorKind, offset: usize, field: usize) {
        if self.te_error.is_none() {
            self.te_error = Some(FramingError::new(kind, offset, Some(field)));
        }
    }

    /// The checks shared by requests and responses once `Transfer-Encoding` is present (`te`:
    /// name offset and index of its first field line).
    fn check_transfer_encoding(
        &self,
        te: (usize, usize),
        http11: bool,
        opts: &FramingOptions,
        keep_alive: &mut bool,
    ) -> Result<(), FramingError> {
        if !http11 {
            return Err(FramingError::new(
                FramingErrorKind::TransferEncodingInHttp10,
                te.0,
                Some(te.1),
            ));
        }
        if let Some(cl) = self.cl_field {
            if !opts.transfer_encoding_with_content_length {
                // Point at whichever of the two came second.
                let (offset, field) = if cl.1 > te.1 { cl } else { te };
                return Err(FramingError::new(
                    FramingErrorKind::TransferEncodingWithContentLength,
                    offset,
                    Some(field),
                ));
            }
            *keep_alive = false;
        }
        match self.te_error {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// The collapsed Content-Length, if any.
    fn content_length(&self) -> Result<Option<u64>, FramingError> {
        match self.cl_error {
            Some(e) => Err(e),
            None => Ok(self.cl_first.map(|(_, n)| n)),
        }
    }

    /// Persistence from the connection options alone (RFC 9112 §9.3).
    fn persistent(&self, http11: bool) -> bool {
        !self.close && (http11 || self.keep_alive)
    }
}

/// Whether `name` is `lower` ignoring ASCII case, where `lower` holds lower-case letters,
/// digits and `-`, and `name` is a token or (part of) a field value, as the parser guarantees.
///
/// Compares whole words with the 0x20 bit set. For a letter that bit is the case bit; every
/// other byte of `lower` already has it, and the only other byte that reads the same with it
/// set is 0x20 lower, a control byte (CR for `-`, 0x10 to 0x19 for the digits), which neither
/// a token nor a field value holds (HTAB, the one control byte a value may hold, reads as `)`,
/// which `lower` never holds). So the comparison is exact on such input.
#[inline(always)]
fn name_is(name: &[u8], lower: &[u8]) -> bool {
    debug_assert!(
        lower
            .iter()
            .all(|&b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    );
    let n = name.len();
    if n != lower.len() {
        return false;
    }
    macro_rules! word {
        ($t:ty, $s:expr, $i:expr) => {
            match $s.get($i..$i + core::mem::size_of::<$t>()) {
                Some(w) => {
                    let mut a = [0u8; core::mem::size_of::<$t>()];
                    a.copy_from_slice(w);
                    <$t>::from_le_bytes(a)
                }
                None => return false,
            }
        };
    }
    if n >= 8 {
        // Every 8 bytes, the last word overlapping the one before.
        let case = u64::from_ne_bytes([0x20; 8]);
        let mut i = 0;
        while i + 8 < n {
            if (word!(u64, name, i) | case) != word!(u64, lower, i) {
                return false;
            }
            i += 8;
        }
        (word!(u64, name, n - 8) | case) == word!(u64, lower, n - 8)
    } else if n >= 4 {
        let case = u32::from_ne_bytes([0x20; 4]);
        (word!(u32, name, 0) | case) == word!(u32, lower, 0)
            && (word!(u32, name, n - 4) | case) == word!(u32, lower, n - 4)
    } else {
        name.iter().zip(lower).all(|(&a, &b)| a | 0x20 == b)
    }
}

/// Parses a `Content-Length` value strictly: `1*DIGIT` (RFC 9110 §8.6), leading zeros
/// allowed, no sign, no whitespace, no list, and the value must fit in a `u64`.
///
/// ```
/// use http1::framing::parse_content_length;
/// assert_eq!(parse_content_length(b"42"), Some(42));
/// assert_eq!(parse_content_length(b"0042"), Some(42));
/// assert_eq!(parse_content_length(b"18446744073709551615"), Some(u64::MAX));
/// for bad in [&b""[..], b"+5", b"-1", b"0x10", b"1 2", b" 1", b"5, 5", b"18446744073709551616"] {
///     assert_eq!(parse_content_length(bad), None);
/// }
/// ```
pub fn parse_content_length(value: &[u8]) -> Option<u64> {
    content_length(value).ok()
}

/// [`parse_content_length`] with the reason and the offset of the first byte at fault.
fn content_length(value: &[u8]) -> Result<u64, (FramingErrorKind, usize)> {
    if value.is_empty() {
        return Err((FramingErrorKind::InvalidContentLength, 0));
    }
    let mut n: u64 = 0;
    let mut overflow = None;
    for (i, &b) in value.iter().enumerate() {
        if !b.is_ascii_digit() {
            return Err((FramingErrorKind::InvalidContentLength, i));
        }
        if overflow.is_none() {
            match n
                .checked_mul(10)
                .and_then(|m| m.checked_add(u64::from(b - b'0')))
            {
                Some(m) => n = m,
                None => overflow = Some(i),
            }
        }
    }
    match overflow {
        Some(i) => Err((FramingErrorKind::ContentLengthTooLarge, i)),
        None => Ok(n),
    }
}

/// Whether `s` is a `token` (RFC 9110 §5.6.2): one or more `tchar`.
///
/// ```
/// use http1::framing::is_token;
/// assert!(is_token(b"chunked"));
/// assert!(is_token(b"x-gzip"));
/// assert!(!is_token(b""));
/// assert!(!is_token(b"chunked;q=1"));
/// assert!(!is_token(b"\"close\""));
/// ```
pub const fn is_token(s: &[u8]) -> bool {
    if s.is_empty() {
        return false;
    }
    let mut i = 0;
    while i < s.len() {
        if !is_tchar(s[i]) {
            return false;
        }
        i += 1;
    }
    true
}

/// The elements of one comma-separated field value (RFC 9110 §5.6.1), each with the
/// whitespace around it removed. Empty elements are yielded too (as empty slices), so that a
/// strict caller can refuse them; [`field_list`] skips them. A comma inside a quoted-string
/// (RFC 9110 §5.6.4, backslash escapes included) does not split; an unterminated quote runs to
/// the end of the value. Elements are not validated: check them with [`is_token`] where the
/// grammar wants a token.
///
/// SP, HTAB, CR and LF count as whitespace, so that a value holding an obs-fold (only possible
/// with the `obs_fold` leniency, see [`Field::is_folded`](crate::Field::is_folded)) reads as if
/// each fold were SP (RFC 9112 §5.2).
///
/// ```
/// use http1::framing::list_elements;
/// let v: Vec<&[u8]> = list_elements(b"gzip ,\tchunked").collect();
/// assert_eq!(v, [&b"gzip"[..], b"chunked"]);
/// let v: Vec<&[u8]> = list_elements(b", a,,b, ").collect();
/// assert_eq!(v, [&b""[..], b"a", b"", b"b", b""]);
/// let v: Vec<&[u8]> = list_elements(br#"a;q="x, y", b"#).collect();
/// assert_eq!(v, [&br#"a;q="x, y""#[..], b"b"]);
/// ```
pub fn list_elements(value: &[u8]) -> ListElements<'_> {
    ListElements {
        value,
        pos: 0,
        done: false,
    }
}

/// Iterator over the elements of one field value; see [`list_elements`].
#[derive(Debug, Clone)]
pub struct ListElements<'a> {
    value: &'a [u8],
    pos: usize,
    done: bool,
}

#[inline]
const fn is_list_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

impl ListElements<'_> {
    /// The next element as a range of the value, whitespace trimmed.
    fn next_span(&mut self) -> Option<(usize, usize)> {
        if self.done {
            return None;
        }
        let v = self.value;
        let start = self.pos;
        let mut i = start;
        let mut quoted = false;
        while let Some(&b) = v.get(i) {
            if quoted {
                if b == b'\\' {
                    i += 1;
                } else if b == b'"' {
                    quoted = false;
                }
            } else if b == b'"' {
                quoted = true;
            } else if b == b',' {
                break;
            }
            i += 1;
        }
        let end = i.min(v.len());
        if end == v.len() {
            self.done = true;
        } else {
            self.pos = end + 1;
        }
        let mut s = start.min(end);
        let mut e = end;
        while s < e && v.get(s).is_some_and(|&b| is_list_ws(b)) {
            s += 1;
        }
        while e > s && v.get(e - 1).is_some_and(|&b| is_list_ws(b)) {
            e -= 1;
        }
        Some((s, e))
    }
}

impl<'a> Iterator for ListElements<'a> {
    type Item = &'a [u8];

    #[inline]
    fn next(&mut self) -> Option<&'a [u8]> {
        let (s, e) = self.next_span()?;
        Some(self.value.get(s..e).unwrap_or_default())
    }
}

impl core::iter::FusedIterator for ListElements<'_> {}

/// The elements of a list-valued field over every field line named `name` (ASCII
/// case-insensitive), in order, as if the lines were joined with commas (RFC 9110 §5.3).
/// Empty elements are skipped (RFC 9110 §5.6.1.2); otherwise as [`list_elements`].
///
/// ```
/// use http1::framing::field_list;
/// use http1::{parse_request, Config, FieldStorage};
///
/// let wire = b"GET / HTTP/1.1\r\nConnection: keep-alive, \r\nHost: a\r\nconnection: Upgrade\r\n\r\n";
/// let mut storage = FieldStorage::<16>::new();
/// let req = parse_request(wire, &mut storage, &Config::new()).unwrap().complete().unwrap();
/// let options: Vec<&[u8]> = field_list(&req.fields, b"Connection").collect();
/// assert_eq!(options, [&b"keep-alive"[..], b"Upgrade"]);
/// assert!(field_list(&req.fields, b"connection").any(|o| o.eq_ignore_ascii_case(b"upgrade")));
/// ```
pub fn field_list<'b, 's, 'n>(fields: &Fields<'b, 's>, name: &'n [u8]) -> FieldList<'b, 's, 'n> {
    FieldList {
        fields: fields.iter(),
        name,
        current: None,
    }
}

/// Iterator over the list elements of every field line of one name; see [`field_list`].
#[derive(Debug, Clone)]
pub struct FieldList<'b, 's, 'n> {
    fields: FieldIter<'b, 's>,
    name: &'n [u8],
    current: Option<ListElements<'b>>,
}

impl<'b> Iterator for FieldList<'b, '_, '_> {
    type Item = &'b [u8];

    fn next(&mut self) -> Option<&'b [u8]> {
        loop {
            if let Some(cur) = &mut self.current {
                for e in cur.by_ref() {
                    if !e.is_empty() {
                        return Some(e);
                    }
                }
            }
            let name = self.name;
            let field = self.fields.find(|f| f.name.eq_ignore_ascii_case(name))?;
            self.current = Some(list_elements(field.value));
        }
    }
}

impl core::iter::FusedIterator for FieldList<'_, '_, '_> {}

#[cfg(test)]
mod tests {
    use super::*;

    /// `name_is` agrees with `eq_ignore_ascii_case` on every byte a token or a field value may
    /// hold (VCHAR, SP, HTAB, obs-text), at every position of every name it is used with.
    ///
    /// Under miri (about 7 ms a probe there, 150 s for the whole sweep) every position of every
    /// name still, but of the bytes only every 17th (0x22, 0x33, ... 0xff) and the two that
    /// match (the name's byte in either case), so that both answers and every word path run:
    /// miri looks for UB in the word reads, which do not depend on the byte values. The full
    /// sweep runs natively and under qemu.
    #[test]
    fn name_is_is_exact_on_field_bytes() {
        let field_byte = |b: u8| b == b'\t' || b >= 0x20 && b != 0x7f;
        let probed =
            |b: u8, at: u8| !cfg!(miri) || b.is_multiple_of(17) || b.eq_ignore_ascii_case(&at);
        let names: [&[u8]; 11] = [
            b"content-length",
            b"transfer-encoding",
            b"connection",
            b"upgrade",
            b"expect",
            b"keep-alive",
            b"close",
            b"100-continue",
            b"chunked",
            b"x-compress",
            b"gzip",
        ];
        for lower in names {
            for k in 0..lower.len() {
                for b in (0..=255u8).filter(|&b| field_byte(b) && probed(b, lower[k])) {
                    let mut probe = lower.to_vec();
                    probe[k] = b;
                    assert_eq!(
                        name_is(&probe, lower),
                        probe.eq_ignore_ascii_case(lower),
                        "{:?} vs {:?}",
                        probe,
                        core::str::from_utf8(lower)
                    );
                }
            }
            assert!(!name_is(&lower[1..], lower));
        }
    }
}
