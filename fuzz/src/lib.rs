//! What the fuzz targets share: the request and response parser checks, written once, the
//! chunked decoder's ([`chunked`]), and nghttp2's HPACK inflater as a safe oracle
//! ([`nghttp2`]).

pub mod chunked;
pub mod hpack;
/// The benches' safe wrapper of nghttp2's HPACK inflater and deflater (the same file, not a
/// copy).
#[path = "../../benches/src/nghttp2.rs"]
pub mod nghttp2;

use http1::{
    Config, Error, FieldStorage, Leniency, Outcome, RequestParser, ResponseParser, parse_request,
    parse_response,
};

/// A head as owned values: the start line's parts, the fields, the head length.
type Owned<S> = (S, Vec<u8>, Vec<(Vec<u8>, Vec<u8>)>, usize);

/// One kind of head parser: one-shot, and resumed after a first call on `data[..cut]`.
pub trait HeadParser {
    /// The start line's first part as an owned value (method bytes, or status code).
    type First: Clone + PartialEq + core::fmt::Debug;
    /// The one-shot parse.
    fn one_shot(data: &[u8], cfg: &Config) -> Result<Option<Owned<Self::First>>, Error>;
    /// The resumable parser fed `data[..cut]`, then `data`.
    fn resumed(data: &[u8], cut: usize, cfg: &Config) -> Result<Option<Owned<Self::First>>, Error>;
    /// One resumable parser fed `data[..len]` for each of `lens` in turn (growing or not):
    /// the result of every call.
    fn prefixes(
        data: &[u8],
        lens: &[usize],
        cfg: &Config,
    ) -> Vec<Result<Option<Owned<Self::First>>, Error>>;
}

fn fields(f: &http1::Fields<'_, '_>) -> Vec<(Vec<u8>, Vec<u8>)> {
    f.iter()
        .map(|f| (f.name.to_vec(), f.value.to_vec()))
        .collect()
}

/// Request heads.
pub struct Requests;

impl HeadParser for Requests {
    type First = Vec<u8>;

    fn one_shot(data: &[u8], cfg: &Config) -> Result<Option<Owned<Vec<u8>>>, Error> {
        let mut storage = FieldStorage::<64>::new();
        Ok(parse_request(data, &mut storage, cfg)?
            .complete()
            .map(|r| own_request(&r)))
    }

    fn resumed(data: &[u8], cut: usize, cfg: &Config) -> Result<Option<Owned<Vec<u8>>>, Error> {
        let mut storage = FieldStorage::<64>::new();
        let mut p = RequestParser::new(&mut storage, *cfg);
        if let Outcome::Complete(r) = p.parse(&data[..cut])? {
            return Ok(Some(own_request(&r)));
        }
        Ok(p.parse(data)?.complete().map(|r| own_request(&r)))
    }

    fn prefixes(
        data: &[u8],
        lens: &[usize],
        cfg: &Config,
    ) -> Vec<Result<Option<Owned<Vec<u8>>>, Error>> {
        let mut storage = FieldStorage::<64>::new();
        let mut p = RequestParser::new(&mut storage, *cfg);
        lens.iter()
            .map(|&n| Ok(p.parse(&data[..n])?.complete().map(|r| own_request(&r))))
            .collect()
    }
}

fn own_request(r: &http1::Request<'_, '_>) -> Owned<Vec<u8>> {
    (
        r.method.to_vec(),
        r.target.to_vec(),
        fields(&r.fields),
        r.head_len,
    )
}

/// Response heads.
pub struct Responses;

impl HeadParser for Responses {
    type First = u16;

    fn one_shot(data: &[u8], cfg: &Config) -> Result<Option<Owned<u16>>, Error> {
        let mut storage = FieldStorage::<64>::new();
        Ok(parse_response(data, &mut storage, cfg)?
            .complete()
            .map(|r| own_response(&r)))
    }

    fn resumed(data: &[u8], cut: usize, cfg: &Config) -> Result<Option<Owned<u16>>, Error> {
        let mut storage = FieldStorage::<64>::new();
        let mut p = ResponseParser::new(&mut storage, *cfg);
        if let Outcome::Complete(r) = p.parse(&data[..cut])? {
            return Ok(Some(own_response(&r)));
        }
        Ok(p.parse(data)?.complete().map(|r| own_response(&r)))
    }

    fn prefixes(
        data: &[u8],
        lens: &[usize],
        cfg: &Config,
    ) -> Vec<Result<Option<Owned<u16>>, Error>> {
        let mut storage = FieldStorage::<64>::new();
        let mut p = ResponseParser::new(&mut storage, *cfg);
        lens.iter()
            .map(|&n| Ok(p.parse(&data[..n])?.complete().map(|r| own_response(&r))))
            .collect()
    }
}

fn own_response(r: &http1::Response<'_, '_>) -> Owned<u16> {
    (
        r.status.as_u16(),
        r.reason.to_vec(),
        fields(&r.fields),
        r.head_len,
    )
}

/// The parser `P` on arbitrary bytes, strict and with every leniency, one-shot and resumed at
/// a split point taken from the input. Checks: no panic; a complete head lies inside the input;
/// strict acceptance implies lenient acceptance of the same head; the resumed parse equals the
/// one-shot parse.
pub fn check_head_parser<P: HeadParser>(data: &[u8]) {
    let strict = Config::new();
    let lenient = Config::new().lenient(Leniency::all());
    let s = P::one_shot(data, &strict);
    let l = P::one_shot(data, &lenient);
    for head in [&s, &l].into_iter().flatten().flatten() {
        assert!(head.3 <= data.len());
    }
    if let Ok(Some(head)) = &s {
        assert_eq!(l.as_ref().ok(), Some(&Some(head.clone())));
    }
    let cut = data.first().map_or(0, |&b| b as usize % (data.len() + 1));
    assert_eq!(P::resumed(data, cut, &strict), s);
    assert_eq!(P::resumed(data, cut, &lenient), l);
}

/// The parser `P` at every SIMD level this CPU has, fed prefixes of `data` of the lengths
/// `lens` in turn, growing and shrinking. Checks every call against what the API promises: no
/// panic; after an error, the same error; after `Complete`, the same head, or `Incomplete`
/// for fewer bytes than the head; an incomplete parse given fewer bytes than the last call is
/// `ResumedShorter` at the new length; otherwise the one-shot result on the same prefix.
pub fn check_prefix_sequence<P: HeadParser>(data: &[u8], lens: &[usize], cfg: &Config) {
    for level in http1::simd::Level::ALL
        .into_iter()
        .filter(|l| l.is_available())
    {
        let cfg = cfg.simd(level);
        let got = P::prefixes(data, lens, &cfg);
        // The state the calls so far have left: the last incomplete length, a head, an error.
        let mut last_len = 0;
        let mut done: Option<Result<Owned<P::First>, Error>> = None;
        for (&n, got) in lens.iter().zip(got) {
            let want = match &done {
                Some(Err(e)) => Err(*e),
                Some(Ok(head)) if n >= head.3 => Ok(Some(head.clone())),
                Some(Ok(_)) => Ok(None),
                None if n < last_len => Err(http1::Error {
                    kind: http1::ErrorKind::ResumedShorter,
                    offset: n,
                }),
                None => P::one_shot(&data[..n], &cfg),
            };
            assert_eq!(got, want, "{} after {lens:?} at {n}", level.name());
            match got {
                Ok(None) => last_len = n,
                Ok(Some(head)) if done.is_none() => done = Some(Ok(head)),
                Err(e) => done = Some(Err(e)),
                Ok(Some(_)) => {}
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Host and authority: an independent statement of the rules (RFC 3986 §3.2.2, §3.2.3; RFC 9112
// §3.2), written differently from http1's (string sets, std's IPv6 parser), to check it against.

/// `unreserved / sub-delims` (RFC 3986 §2.2, §2.3), spelled out.
const REG_NAME_CHARS: &[u8] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=";

/// A `reg-name`: `REG_NAME_CHARS` and `%` HEXDIG HEXDIG.
fn oracle_reg_name(s: &[u8]) -> bool {
    let mut rest = s;
    while let Some((&c, tail)) = rest.split_first() {
        if c == b'%' {
            if tail.len() < 2 || !tail[..2].iter().all(u8::is_ascii_hexdigit) {
                return false;
            }
            rest = &tail[2..];
        } else if REG_NAME_CHARS.contains(&c) {
            rest = tail;
        } else {
            return false;
        }
    }
    true
}

/// `[ IPv6address / IPvFuture ]`, brackets included. IPv6 by std's parser, which takes
/// exactly RFC 4291's text forms (dotted IPv4 tail without leading zeros, no zone).
fn oracle_ip_literal(s: &[u8]) -> bool {
    let Some(inner) = s.strip_prefix(b"[").and_then(|s| s.strip_suffix(b"]")) else {
        return false;
    };
    if let Some(v) = inner
        .strip_prefix(b"v")
        .or_else(|| inner.strip_prefix(b"V"))
    {
        let Some(dot) = v.iter().position(|&b| b == b'.') else {
            return false;
        };
        let (hex, rest) = (&v[..dot], &v[dot + 1..]);
        return !hex.is_empty()
            && hex.iter().all(u8::is_ascii_hexdigit)
            && !rest.is_empty()
            && rest
                .iter()
                .all(|b| REG_NAME_CHARS.contains(b) || *b == b':');
    }
    std::str::from_utf8(inner).is_ok_and(|t| t.parse::<std::net::Ipv6Addr>().is_ok())
}

/// `uri-host [ ":" port ]` as http1 defines a valid one: the host (never empty unless the whole
/// value is) and the port (at most five digits, at most 65535; `None` when absent or empty).
pub fn oracle_host_port(value: &[u8]) -> Option<(&[u8], Option<u16>)> {
    let (host, port) = if value.starts_with(b"[") {
        let close = value.iter().position(|&b| b == b']')?;
        let (h, rest) = value.split_at(close + 1);
        if !oracle_ip_literal(h) {
            return None;
        }
        match rest {
            [] => (h, None),
            [b':', p @ ..] => (h, Some(p)),
            _ => return None,
        }
    } else {
        match value.iter().position(|&b| b == b':') {
            Some(c) => (&value[..c], Some(&value[c + 1..])),
            None => (value, None),
        }
    };
    if !host.starts_with(b"[") && !oracle_reg_name(host) {
        return None;
    }
    let port = match port {
        None | Some([]) => None,
        Some(p) => {
            if p.len() > 5 || !p.iter().all(u8::is_ascii_digit) {
                return None;
            }
            Some(u16::try_from(std::str::from_utf8(p).ok()?.parse::<u32>().ok()?).ok()?)
        }
    };
    if host.is_empty() && !value.is_empty() {
        // An empty host is valid only as an empty value (no authority).
        return None;
    }
    Some((host, port))
}

/// Checks a strict `request_framing` verdict on a parsed request against the Host rules, and
/// `request_authority` against both: panics on any disagreement.
pub fn check_host_rules(
    req: &http1::Request<'_, '_>,
    framing: &Result<http1::MessageInfo, http1::FramingError>,
    opts: &http1::FramingOptions,
) {
    use http1::FramingErrorKind as K;
    let authority = http1::authority::request_authority_with(req, opts);
    let host_kinds = [
        K::MissingHost,
        K::DuplicateHost,
        K::InvalidHost,
        K::HostMismatch,
    ];
    match framing {
        Ok(_) => assert!(authority.is_ok(), "{authority:?}"),
        Err(e) if host_kinds.contains(&e.kind) => assert_eq!(authority, Err(*e)),
        Err(_) => {}
    }
    if !(framing.is_ok() || authority.is_ok()) {
        return;
    }
    let Ok(authority) = authority else { return };
    // Authority accepted: every rule holds, as the oracle states it.
    let hosts: Vec<&[u8]> = req
        .fields
        .iter()
        .filter(|f| f.name.eq_ignore_ascii_case(b"host"))
        .map(|f| f.value)
        .collect();
    assert!(hosts.len() <= 1, "{} Host lines", hosts.len());
    if req.version.minor() >= 1 {
        assert_eq!(hosts.len(), 1, "HTTP/1.1 without Host");
    }
    let host = hosts.first().map(|&v| {
        let parsed = oracle_host_port(v);
        assert!(
            parsed.is_some(),
            "invalid Host {:?}",
            String::from_utf8_lossy(v)
        );
        (v, parsed)
    });
    let target_authority = match req.target_form {
        http1::TargetForm::Absolute => {
            let colon = req
                .target
                .iter()
                .position(|&b| b == b':')
                .expect("a scheme");
            let (scheme, rest) = (&req.target[..colon], &req.target[colon + 1..]);
            match rest.strip_prefix(b"//") {
                Some(rest) => {
                    let end = rest.iter().position(|&b| b == b'/' || b == b'?');
                    let a = &rest[..end.unwrap_or(rest.len())];
                    assert!(!a.contains(&b'@'), "userinfo accepted");
                    (!a.is_empty()).then_some((scheme, a))
                }
                None => {
                    let web = scheme.eq_ignore_ascii_case(b"http")
                        || scheme.eq_ignore_ascii_case(b"https");
                    assert!(!web, "http(s) target without authority");
                    None
                }
            }
        }
        http1::TargetForm::Authority => Some((&b""[..], req.target)),
        _ => None,
    };
    match (target_authority, authority) {
        (Some((scheme, raw)), Some(a)) => {
            assert_eq!(a.raw, raw);
            assert_eq!(a.source, http1::AuthoritySource::Target);
            let (h, p) = oracle_host_port(raw).expect("a valid target authority");
            assert!(!h.is_empty());
            assert_eq!((a.host, a.port), (h, p));
            if req.target_form == http1::TargetForm::Absolute && !opts.absolute_form_host_mismatch {
                let default = if scheme.eq_ignore_ascii_case(b"http") {
                    Some(80)
                } else if scheme.eq_ignore_ascii_case(b"https") {
                    Some(443)
                } else {
                    None
                };
                if let Some((_, parsed)) = host {
                    let (hh, hp) = parsed.expect("checked above");
                    assert!(hh.eq_ignore_ascii_case(h), "Host disagrees");
                    assert_eq!(hp.or(default), p.or(default), "Host's port disagrees");
                }
            }
        }
        (Some(_), None) => panic!("the target's authority was lost"),
        (None, got) => {
            let want = host.and_then(|(v, _)| (!v.is_empty()).then_some(v));
            let absolute_without = req.target_form == http1::TargetForm::Absolute;
            if absolute_without {
                assert_eq!(got, None);
            } else {
                assert_eq!(got.map(|a| a.raw), want);
                if let Some(a) = got {
                    assert_eq!(a.source, http1::AuthoritySource::Host);
                }
            }
        }
    }
}
