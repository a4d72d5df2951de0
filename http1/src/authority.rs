//! The request's authority (RFC 9110 §7.2, RFC 9112 §3.2): the `Host` rules, the
//! `uri-host [ ":" port ]` grammar (RFC 3986 §3.2.2, §3.2.3) and where the authority comes from.
//!
//! This is the one home of these rules. The parser checks the authority inside a target with
//! them (an absolute-form target's, and CONNECT's authority-form), [`request_framing`] applies
//! the `Host` rules to every request, and [`request_authority`] gives the caller the result.
//!
//! # Rules (strict)
//!
//! * An HTTP/1.1 request without `Host` is refused ([`MissingHost`], RFC 9112 §3.2: a server
//!   answers 400); an HTTP/1.0 request may omit it.
//! * More than one `Host` field line is refused ([`DuplicateHost`], RFC 9112 §3.2), whatever
//!   the version and even when the values agree: peers that take the first and peers that take
//!   the last route the request differently.
//! * A `Host` value must be `uri-host [ ":" port ]` ([`InvalidHost`]): a `reg-name`
//!   (`unreserved`, `sub-delims` and valid percent-encodings), an `IPv4address` (which is a
//!   `reg-name` too) or an `IP-literal` (`[` IPv6 or IPvFuture `]`; no zone identifier), and a
//!   port of at most five digits that fits in 16 bits (RFC 3986 allows any `*DIGIT`; no TCP or
//!   UDP port is larger, and peers that wrap or truncate would read another one). An empty
//!   value is valid (a target URI without authority, RFC 9110 §7.2); an empty host with a port
//!   (`:80`) is not.
//! * In a target (checked by the parser, an [`ErrorKind::Target`] there): an `http` or `https`
//!   absolute-form target must have an authority with a non-empty host (`http:///` is refused,
//!   RFC 9110 §4.2.1); no absolute-form target may carry userinfo (`http://user:pw@host/`,
//!   RFC 9110 §4.2.4); CONNECT's authority-form is `uri-host ":" port` with a non-empty host
//!   and port (RFC 9112 §3.2.3).
//!
//! # Where the authority comes from
//!
//! From an absolute-form target when it has one (RFC 9112 §3.2.2: the `Host` field is then
//! ignored, but it must still be present and valid); from CONNECT's authority-form target;
//! otherwise from `Host`. An empty `Host` value, or none in HTTP/1.0, gives no authority.
//!
//! An absolute-form authority and a `Host` that disagree are refused ([`HostMismatch`]). RFC
//! 9112 §3.2.2 has an origin server ignore `Host` then, but a front end that routes or caches
//! by `Host` and a back end that follows the target would then serve one host's response
//! under another's name (routing bypass, cache poisoning), and no honest client sends the two
//! differently: RFC 9112 §3.2.2 has clients send the target's authority in `Host`. They agree
//! when the hosts are equal ignoring ASCII case and the ports are equal, an absent or empty
//! port standing for the scheme's default (80 for `http`, 443 for `https`). The
//! [`FramingOptions::absolute_form_host_mismatch`] leniency follows RFC 9112 §3.2.2 instead.
//! CONNECT's `Host` is not compared: the target names the tunnel's end, and clients differ on
//! what they put in `Host`.
//!
//! [`MissingHost`]: FramingErrorKind::MissingHost
//! [`DuplicateHost`]: FramingErrorKind::DuplicateHost
//! [`InvalidHost`]: FramingErrorKind::InvalidHost
//! [`HostMismatch`]: FramingErrorKind::HostMismatch
//! [`ErrorKind::Target`]: crate::ErrorKind::Target
//! [`request_framing`]: crate::framing::request_framing

use crate::classify::is_reg_name_byte;
use crate::framing::{FramingError, FramingErrorKind, FramingOptions, http11_semantics};
use crate::head::{Fields, Request, TargetForm};

/// Where a request's [`Authority`] came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AuthoritySource {
    /// The request-target: absolute-form, or CONNECT's authority-form.
    Target,
    /// The `Host` field.
    Host,
}

impl AuthoritySource {
    /// A `snake_case` name: `target` or `host`.
    pub const fn name(self) -> &'static str {
        match self {
            AuthoritySource::Target => "target",
            AuthoritySource::Host => "host",
        }
    }
}

/// A request's authority: `uri-host [ ":" port ]`, checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Authority<'b> {
    /// The authority as received, `host[:port]`.
    pub raw: &'b [u8],
    /// The host as received: a `reg-name` (in any case, percent-encodings kept), an IPv4
    /// address, or an IP-literal with its brackets (`[::1]`). Never empty.
    pub host: &'b [u8],
    /// The port, when one is given (`None` when absent or empty: the scheme's default).
    pub port: Option<u16>,
    /// Where it came from.
    pub source: AuthoritySource,
}

/// The authority of a request, in strict mode, after the `Host` rules; `None` when it has none
/// (an empty `Host` value, no `Host` in HTTP/1.0, or an absolute-form target without an
/// authority such as `urn:x`). See the [module docs](self) for the rules.
///
/// [`request_framing`](crate::framing::request_framing) applies the same rules; this function is
/// for callers that need the authority itself (it makes its own pass over the field names).
///
/// ```
/// use http1::authority::{request_authority, AuthoritySource};
/// use http1::framing::FramingErrorKind;
/// use http1::{parse_request, Config, FieldStorage};
///
/// let mut storage = FieldStorage::<16>::new();
/// let wire = b"GET /a HTTP/1.1\r\nHost: Example.com:8080\r\n\r\n";
/// let req = parse_request(wire, &mut storage, &Config::new()).unwrap().complete().unwrap();
/// let authority = request_authority(&req).unwrap().unwrap();
/// assert_eq!((authority.host, authority.port), (&b"Example.com"[..], Some(8080)));
/// assert_eq!(authority.source, AuthoritySource::Host);
///
/// let wire = b"GET http://example.com/a HTTP/1.1\r\nHost: example.com:80\r\n\r\n";
/// let req = parse_request(wire, &mut storage, &Config::new()).unwrap().complete().unwrap();
/// let authority = request_authority(&req).unwrap().unwrap();
/// assert_eq!((authority.raw, authority.source), (&b"example.com"[..], AuthoritySource::Target));
///
/// let wire = b"GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n";
/// let req = parse_request(wire, &mut storage, &Config::new()).unwrap().complete().unwrap();
/// let err = request_authority(&req).unwrap_err();
/// assert_eq!((err.kind, err.offset, err.field), (FramingErrorKind::DuplicateHost, 25, Some(1)));
/// ```
pub fn request_authority<'b>(req: &Request<'b, '_>) -> Result<Option<Authority<'b>>, FramingError> {
    request_authority_with(req, &FramingOptions::STRICT)
}

/// The authority of a request, with leniencies (only
/// [`FramingOptions::absolute_form_host_mismatch`] applies); see [`request_authority`].
pub fn request_authority_with<'b>(
    req: &Request<'b, '_>,
    opts: &FramingOptions,
) -> Result<Option<Authority<'b>>, FramingError> {
    let Some(http11) = http11_semantics(req.version) else {
        return Err(FramingError::new(
            FramingErrorKind::UnsupportedVersion,
            crate::framing::request_version_offset(req),
            None,
        ));
    };
    let mut hosts = HostLines::NONE;
    let buf = req.fields.buf;
    for (i, raw) in req.fields.raw.iter().enumerate() {
        let (ns, nl) = (raw.name_start as usize, raw.name_len as usize);
        if nl == 4
            && buf
                .get(ns..ns + 4)
                .is_some_and(|n| n.eq_ignore_ascii_case(b"host"))
        {
            hosts.add(&req.fields, i);
        }
    }
    resolve(req, http11, &hosts, opts)
}

/// The `Host` field lines of a request, as one pass over its fields found them.
#[derive(Clone, Copy)]
pub(crate) struct HostLines<'b> {
    /// The first: its value, the value's offset and the field's index.
    first: Option<(&'b [u8], usize, usize)>,
    /// The second: its name's offset and the field's index.
    second: Option<(usize, usize)>,
}

impl<'b> HostLines<'b> {
    pub(crate) const NONE: HostLines<'b> = HostLines {
        first: None,
        second: None,
    };

    /// Records field `i`, a `Host` field line.
    #[inline]
    pub(crate) fn add(&mut self, fields: &Fields<'b, '_>, i: usize) {
        let Some(raw) = fields.raw.get(i) else {
            return;
        };
        if self.first.is_none() {
            let (vs, vl) = (raw.value_start as usize, raw.value_len as usize);
            if let Some(value) = fields.buf.get(vs..vs.saturating_add(vl)) {
                self.first = Some((value, vs, i));
            }
        } else if self.second.is_none() {
            self.second = Some((raw.name_start as usize, i));
        }
    }
}

/// Applies the `Host` rules to a request whose `Host` lines are `hosts`, and finds its
/// authority.
pub(crate) fn resolve<'b>(
    req: &Request<'b, '_>,
    http11: bool,
    hosts: &HostLines<'b>,
    opts: &FramingOptions,
) -> Result<Option<Authority<'b>>, FramingError> {
    if let Some((offset, field)) = hosts.second {
        return Err(FramingError::new(
            FramingErrorKind::DuplicateHost,
            offset,
            Some(field),
        ));
    }
    let host = match hosts.first {
        None if http11 => {
            return Err(FramingError::new(
                FramingErrorKind::MissingHost,
                empty_line_offset(req),
                None,
            ));
        }
        None => None,
        Some((value, offset, field)) => {
            let invalid = |at| FramingError::new(FramingErrorKind::InvalidHost, at, Some(field));
            let hp = host_port(value).map_err(|at| invalid(offset + at))?;
            if hp.host_end == 0 && !value.is_empty() {
                return Err(invalid(offset));
            }
            let authority = (!value.is_empty()).then(|| Authority {
                raw: value,
                host: &value[..hp.host_end],
                port: hp.port,
                source: AuthoritySource::Host,
            });
            Some((authority, offset, field))
        }
    };
    let from_host = host.and_then(|(a, _, _)| a);
    let target = req.target;
    let target_error = |at: usize| {
        FramingError::new(
            FramingErrorKind::InvalidTarget,
            target_offset(req, at),
            None,
        )
    };
    match req.target_form {
        TargetForm::Absolute => {
            let scheme_end = memchr::memchr(b':', target).ok_or_else(|| target_error(0))?;
            let Some((start, end, hp)) =
                target_authority(target, scheme_end).map_err(target_error)?
            else {
                return Ok(None);
            };
            let raw = &target[start..end];
            let authority = Authority {
                raw,
                host: &raw[..hp.host_end],
                port: hp.port,
                source: AuthoritySource::Target,
            };
            if let Some((h, offset, field)) = host {
                let default = default_port(&target[..scheme_end]);
                let agree = h.is_some_and(|h| {
                    h.host.eq_ignore_ascii_case(authority.host)
                        && h.port.or(default) == authority.port.or(default)
                });
                if !agree && !opts.absolute_form_host_mismatch {
                    return Err(FramingError::new(
                        FramingErrorKind::HostMismatch,
                        offset,
                        Some(field),
                    ));
                }
            }
            Ok(Some(authority))
        }
        TargetForm::Authority => {
            let hp = connect_authority(target).map_err(target_error)?;
            Ok(Some(Authority {
                raw: target,
                host: &target[..hp.host_end],
                port: hp.port,
                source: AuthoritySource::Target,
            }))
        }
        TargetForm::Origin | TargetForm::Asterisk => Ok(from_host),
    }
}

/// The default port of a scheme this crate knows: 80 for `http`, 443 for `https`.
fn default_port(scheme: &[u8]) -> Option<u16> {
    if scheme.eq_ignore_ascii_case(b"http") {
        Some(80)
    } else if scheme.eq_ignore_ascii_case(b"https") {
        Some(443)
    } else {
        None
    }
}

/// Offset in the head of byte `at` of the target. A request altered after parsing may hold a
/// target from elsewhere: the offset is then meaningless, but it stays inside the head and
/// computing it cannot fail.
fn target_offset(req: &Request<'_, '_>, at: usize) -> usize {
    let start = req
        .target
        .as_ptr()
        .addr()
        .wrapping_sub(req.fields.buf.as_ptr().addr());
    start.saturating_add(at).min(req.head_len.saturating_sub(1))
}

/// Offset of the empty line that ends the head: where a missing field would have been.
fn empty_line_offset(req: &Request<'_, '_>) -> usize {
    let end = req.head_len.min(req.fields.buf.len());
    let crlf = end >= 2 && req.fields.buf.get(end - 2) == Some(&b'\r');
    end.saturating_sub(if crlf { 2 } else { 1 })
}

/// `uri-host [ ":" port ]`, split.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct HostPort {
    /// Where the host ends (0 for an empty `reg-name`).
    pub(crate) host_end: usize,
    /// The port; `None` when absent or empty.
    pub(crate) port: Option<u16>,
}

/// Checks `uri-host [ ":" port ]` (RFC 3986 §3.2.2, §3.2.3; see the module docs for the port's
/// bound); on failure, the offset of the first byte that does not fit.
pub(crate) fn host_port(b: &[u8]) -> Result<HostPort, usize> {
    let host_end = if b.first() == Some(&b'[') {
        // An IP-literal that is never closed is wrong from its `[`.
        let close = memchr::memchr(b']', b).ok_or(0usize)?;
        ip_literal(&b[1..close]).map_err(|at| at + 1)?;
        close + 1
    } else {
        // Eight bytes at a time while all are reg-name bytes (most host names), then byte by
        // byte.
        let mut i = 0;
        while let Some(chunk) = b.get(i..).and_then(|r| r.first_chunk::<8>())
            && chunk.iter().fold(true, |all, &c| all & is_reg_name_byte(c))
        {
            i += 8;
        }
        while let Some(&c) = b.get(i) {
            if is_reg_name_byte(c) {
                i += 1;
            } else if c == b'%' {
                match b.get(i + 1..i + 3) {
                    Some(&[h, l]) if h.is_ascii_hexdigit() && l.is_ascii_hexdigit() => i += 3,
                    _ => return Err(i),
                }
            } else {
                break;
            }
        }
        i
    };
    let port = match b.get(host_end) {
        None => None,
        Some(b':') => port(&b[host_end + 1..]).map_err(|at| host_end + 1 + at)?,
        Some(_) => return Err(host_end),
    };
    Ok(HostPort { host_end, port })
}

/// `port = *DIGIT`, at most five digits and at most 65535; `None` when empty.
fn port(digits: &[u8]) -> Result<Option<u16>, usize> {
    if let Some(i) = digits.iter().position(|b| !b.is_ascii_digit()) {
        return Err(i);
    }
    if digits.is_empty() {
        return Ok(None);
    }
    if digits.len() > 5 {
        return Err(0);
    }
    let n = digits
        .iter()
        .fold(0u32, |n, &d| n * 10 + u32::from(d - b'0'));
    u16::try_from(n).map(Some).map_err(|_| 0)
}

/// The inside of an `IP-literal` (RFC 3986 §3.2.2): `IPv6address / IPvFuture`.
fn ip_literal(s: &[u8]) -> Result<(), usize> {
    match s.first() {
        Some(b'v' | b'V') => ipv_future(s),
        _ => ipv6(s),
    }
}

/// `IPvFuture = "v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" )`.
fn ipv_future(s: &[u8]) -> Result<(), usize> {
    let hex = s[1..].iter().take_while(|b| b.is_ascii_hexdigit()).count();
    let dot = 1 + hex;
    if hex == 0 || s.get(dot) != Some(&b'.') {
        return Err(dot);
    }
    let rest = &s[dot + 1..];
    if rest.is_empty() {
        return Err(s.len());
    }
    match rest.iter().position(|&b| !is_reg_name_byte(b) && b != b':') {
        Some(i) => Err(dot + 1 + i),
        None => Ok(()),
    }
}

/// `IPv6address` (RFC 3986 §3.2.2): eight 16-bit pieces of one to four hex digits, the last
/// two of which may be an IPv4 address, with at most one `::` standing for one or more zero
/// pieces.
fn ipv6(s: &[u8]) -> Result<(), usize> {
    let mut pieces = 0;
    let mut gap = false;
    let mut i = 0;
    if s.starts_with(b"::") {
        gap = true;
        i = 2;
    } else if s.first() == Some(&b':') {
        return Err(0);
    }
    while i < s.len() {
        let end = s[i..]
            .iter()
            .position(|&b| b == b':')
            .map_or(s.len(), |p| i + p);
        let piece = &s[i..end];
        if piece.contains(&b'.') {
            // ls32's IPv4 form ends the address.
            if end != s.len() || pieces > 6 {
                return Err(i);
            }
            ipv4(piece).map_err(|at| i + at)?;
            pieces += 2;
            break;
        }
        if piece.is_empty() || piece.len() > 4 {
            return Err(i);
        }
        if let Some(p) = piece.iter().position(|b| !b.is_ascii_hexdigit()) {
            return Err(i + p);
        }
        pieces += 1;
        if end == s.len() {
            break;
        }
        if s.get(end + 1) == Some(&b':') {
            if gap {
                return Err(end);
            }
            gap = true;
            i = end + 2;
        } else if end + 1 == s.len() {
            // A single ':' at the end.
            return Err(end);
        } else {
            i = end + 1;
        }
    }
    let fits = if gap { pieces <= 7 } else { pieces == 8 };
    if fits { Ok(()) } else { Err(s.len()) }
}

/// `IPv4address = dec-octet "." dec-octet "." dec-octet "." dec-octet`, each `dec-octet` 0 to
/// 255 without leading zeros.
fn ipv4(s: &[u8]) -> Result<(), usize> {
    let mut start = 0;
    for n in 0..4 {
        let len = s[start..].iter().take_while(|b| b.is_ascii_digit()).count();
        if len == 0 || len > 3 {
            return Err(start);
        }
        // At most three digits: no overflow.
        let octet = &s[start..start + len];
        let value = octet
            .iter()
            .fold(0u32, |v, &d| v * 10 + u32::from(d - b'0'));
        if (len > 1 && octet[0] == b'0') || value > 255 {
            return Err(start);
        }
        let end = start + len;
        match (n, s.get(end)) {
            (3, None) => return Ok(()),
            (0..=2, Some(b'.')) => start = end + 1,
            _ => return Err(end),
        }
    }
    Err(s.len())
}

/// The authority of an absolute-form target whose scheme ends at `scheme_end` (its `:`), as a
/// span of `target` with its host and port split: `None` when the target has none (no `//`,
/// or nothing after it, for a scheme other than `http` and `https`). Refuses userinfo (RFC 9110
/// §4.2.4), and an `http` or `https` target without an authority or with an empty host (RFC
/// 9110 §4.2.1, §4.2.2); the authority's syntax is [`host_port`]'s.
pub(crate) fn target_authority(
    target: &[u8],
    scheme_end: usize,
) -> Result<Option<(usize, usize, HostPort)>, usize> {
    let web = default_port(target.get(..scheme_end).unwrap_or_default()).is_some();
    let start = scheme_end + 3;
    if target.get(scheme_end + 1..start) != Some(b"//") {
        return if web { Err(scheme_end + 1) } else { Ok(None) };
    }
    let rest = &target[start..];
    let end = start
        + rest
            .iter()
            .position(|&b| matches!(b, b'/' | b'?'))
            .unwrap_or(rest.len());
    let authority = &target[start..end];
    if memchr::memchr(b'@', authority).is_some() {
        return Err(start);
    }
    let hp = host_port(authority).map_err(|at| start + at)?;
    if hp.host_end == 0 {
        // An empty host: invalid for http and https, and with a port; else no authority
        // (`file:///x`).
        return if web || !authority.is_empty() {
            Err(start)
        } else {
            Ok(None)
        };
    }
    Ok(Some((start, end, hp)))
}

/// CONNECT's authority-form, `uri-host ":" port` (RFC 9112 §3.2.3), with a non-empty host and
/// port; on failure, the offset of the first byte that does not fit.
pub(crate) fn connect_authority(target: &[u8]) -> Result<HostPort, usize> {
    let hp = host_port(target)?;
    if hp.host_end == 0 {
        return Err(0);
    }
    if hp.port.is_none() {
        // No ':' (the end), or an empty port (the ':').
        return Err(hp.host_end.min(target.len()));
    }
    Ok(hp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts() {
        let ok: &[(&[u8], usize, Option<u16>)] = &[
            (b"example.com", 11, None),
            (b"EXAMPLE.com:8080", 11, Some(8080)),
            (b"a:", 1, None),
            (b"a:0", 1, Some(0)),
            (b"a:65535", 1, Some(65535)),
            (b"a:00080", 1, Some(80)),
            (b"127.0.0.1:80", 9, Some(80)),
            (b"999.1.1.1", 9, None), // a reg-name
            (b"%41b", 4, None),
            (b"x!$&'()*+,;=-._~", 16, None),
            (b"[::1]", 5, None),
            (b"[::1]:443", 5, Some(443)),
            (b"[::]", 4, None),
            (b"[1:2:3:4:5:6:7:8]", 17, None),
            (b"[1:2:3:4:5:6:7::]", 17, None),
            (b"[::2:3:4:5:6:7:8]", 17, None),
            (b"[1::8]", 6, None),
            (b"[::ffff:192.0.2.1]", 18, None),
            (b"[1:2:3:4:5:6:1.2.3.4]", 21, None),
            (b"[v1.a:b]", 8, None),
            (b"", 0, None),
        ];
        for &(host, end, port) in ok {
            assert_eq!(
                host_port(host),
                Ok(HostPort {
                    host_end: end,
                    port
                }),
                "{}",
                core::str::from_utf8(host).unwrap_or("?")
            );
        }
        let bad: &[(&[u8], usize)] = &[
            (b"a b", 1),
            (b"a/b", 1),
            (b"a@b", 1),
            (b"a:b", 2),
            (b"a:65536", 2),
            (b"a:000080", 2),
            (b"a:1:2", 3),
            (b"%4", 0),
            (b"%zz", 0),
            (b"a\"", 1),
            (b"[::1", 0),
            (b"[::1]x", 5),
            (b"[1:2:3:4:5:6:7]", 14),
            (b"[1:2:3:4:5:6:7:8:9]", 18),
            (b"[1::2::3]", 5),
            (b"[:1::]", 1),
            (b"[1:]", 2),
            (b"[12345::]", 1),
            (b"[g::]", 1),
            (b"[::1.2.3.04]", 9),
            (b"[::1.2.3]", 8),
            (b"[::256.1.1.1]", 3),
            (b"[::1.2.3.99999999999999999999]", 9),
            (b"[1.2.3.4::]", 1),
            (b"[1:2:3:4:5:6:7:1.2.3.4]", 15),
            (b"[::1%25eth0]", 3),
            (b"[v.a]", 2),
            (b"[v1.]", 4),
            (b"[v1.a/]", 5),
            (b"[]", 1),
        ];
        for &(host, at) in bad {
            assert_eq!(
                host_port(host),
                Err(at),
                "{}",
                core::str::from_utf8(host).unwrap_or("?")
            );
        }
    }

    #[test]
    fn target_authorities() {
        type Span = Result<Option<(usize, usize)>, usize>;
        let cases: &[(&[u8], Span)] = &[
            (b"http://a/b", Ok(Some((7, 8)))),
            (b"HTTPS://a:1?q", Ok(Some((8, 11)))),
            (b"http://a", Ok(Some((7, 8)))),
            (b"http:///", Err(7)),
            (b"http://", Err(7)),
            (b"http://:80/", Err(7)),
            (b"http:/a", Err(5)),
            (b"http:a", Err(5)),
            (b"http://u:p@a/", Err(7)),
            (b"http://@a/", Err(7)),
            (b"ftp://u@a/", Err(6)),
            (b"http://a b/", Err(8)),
            (b"urn:x", Ok(None)),
            (b"file:///x", Ok(None)),
            (b"x://:1/", Err(4)),
        ];
        for (target, want) in cases {
            let colon = target.iter().position(|&b| b == b':').unwrap();
            assert_eq!(
                target_authority(target, colon).map(|a| a.map(|(start, end, _)| (start, end))),
                *want,
                "{}",
                core::str::from_utf8(target).unwrap_or("?")
            );
        }
    }

    #[test]
    fn connect_authorities() {
        assert_eq!(connect_authority(b"a:443").map(|h| h.port), Ok(Some(443)));
        assert_eq!(connect_authority(b"[::1]:1").map(|h| h.host_end), Ok(5));
        assert_eq!(connect_authority(b"a"), Err(1));
        assert_eq!(connect_authority(b"a:"), Err(1));
        assert_eq!(connect_authority(b":1"), Err(0));
        assert_eq!(connect_authority(b"a/b:1"), Err(1));
        assert_eq!(connect_authority(b"a@b:1"), Err(1));
    }
}
