//! Differential tests of httpwire's strict request parser against httparse (a peer, so it
//! lives in the benches crate with the other peers).
//!
//! On generated valid messages both must agree exactly: method, target, version, every field
//! name and value in order, and the head length. Where httpwire is deliberately stricter (or
//! reports more), a test below shows the input, what each parser does, and why.

use http1::{Config, ErrorKind, FieldStorage, Outcome, parse_request};
use proptest::prelude::*;

#[derive(Debug, PartialEq, Eq)]
struct Head {
    method: Vec<u8>,
    target: Vec<u8>,
    minor: u8,
    fields: Vec<(Vec<u8>, Vec<u8>)>,
    len: usize,
}

fn ours(buf: &[u8]) -> Result<Option<Head>, http1::Error> {
    let mut storage = FieldStorage::<64>::new();
    Ok(match parse_request(buf, &mut storage, &Config::new())? {
        Outcome::Complete(r) => Some(Head {
            method: r.method.to_vec(),
            target: r.target.to_vec(),
            minor: r.version.minor(),
            fields: r
                .fields
                .iter()
                .map(|f| (f.name.to_vec(), f.value.to_vec()))
                .collect(),
            len: r.head_len,
        }),
        Outcome::Incomplete => None,
    })
}

fn theirs(buf: &[u8]) -> Result<Option<Head>, httparse::Error> {
    let mut headers = [httparse::EMPTY_HEADER; 64];
    let mut req = httparse::Request::new(&mut headers);
    Ok(match req.parse(buf)? {
        httparse::Status::Complete(len) => Some(Head {
            method: req.method.unwrap().as_bytes().to_vec(),
            target: req.path.unwrap().as_bytes().to_vec(),
            minor: req.version.unwrap(),
            fields: req
                .headers
                .iter()
                .map(|h| (h.name.as_bytes().to_vec(), h.value.to_vec()))
                .collect(),
            len,
        }),
        httparse::Status::Partial => None,
    })
}

fn token() -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(
        prop_oneof![
            b'a'..=b'z',
            b'A'..=b'Z',
            b'0'..=b'9',
            proptest::sample::select(b"!#$%&'*+-.^_`|~".to_vec())
        ],
        1..16,
    )
}

fn value() -> impl Strategy<Value = Vec<u8>> {
    // Field-content: VCHAR, obs-text, and SP/HTAB inside (never at the ends: both trim).
    let byte = prop_oneof![0x21u8..=0x7e, 0x80u8..=0xff, Just(b' '), Just(b'\t')];
    proptest::collection::vec(byte, 0..40).prop_map(|mut v| {
        while v.first().is_some_and(|b| *b == b' ' || *b == b'\t') {
            v.remove(0);
        }
        while v.last().is_some_and(|b| *b == b' ' || *b == b'\t') {
            v.pop();
        }
        v
    })
}

fn target() -> impl Strategy<Value = Vec<u8>> {
    // origin-form: "/" then VCHAR without '#'.
    proptest::collection::vec(prop_oneof![0x21u8..=0x22, 0x24u8..=0x7e], 0..60).prop_map(|t| {
        let mut v = b"/".to_vec();
        v.extend(t);
        v
    })
}

fn message() -> impl Strategy<Value = Vec<u8>> {
    (
        token(),
        target(),
        0u8..=1,
        proptest::collection::vec((token(), value()), 0..20),
        any::<bool>(),
    )
        .prop_map(|(method, target, minor, fields, ows)| {
            let mut m = method;
            m.push(b' ');
            m.extend(target);
            m.extend_from_slice(format!(" HTTP/1.{minor}\r\n").as_bytes());
            for (n, v) in fields {
                m.extend(n);
                m.extend_from_slice(if ows { b": " } else { b":" });
                m.extend(v);
                m.extend_from_slice(b"\r\n");
            }
            m.extend_from_slice(b"\r\n");
            m
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: if cfg!(miri) { 4 } else { 512 }, ..ProptestConfig::default() })]

    #[test]
    fn equal_on_valid_messages(msg in message()) {
        let a = ours(&msg).expect("httpwire accepts a valid message");
        let b = theirs(&msg).expect("httparse accepts a valid message");
        prop_assert!(a.is_some());
        prop_assert_eq!(a, b);
    }

    /// Every prefix: both say incomplete (neither refuses a valid prefix).
    #[test]
    fn equal_on_prefixes(msg in message(), cut in any::<prop::sample::Index>()) {
        let n = cut.index(msg.len());
        prop_assert_eq!(ours(&msg[..n]).map_err(|_| ()), Ok(None));
        prop_assert_eq!(theirs(&msg[..n]).map_err(|_| ()), Ok(None));
    }
}

/// Asserts httpwire refuses with `kind` where httparse accepts: an intended difference.
fn stricter(msg: &[u8], kind: ErrorKind) {
    assert_eq!(
        ours(msg).map_err(|e| e.kind),
        Err(kind),
        "{:?}",
        String::from_utf8_lossy(msg)
    );
    assert!(
        matches!(theirs(msg), Ok(Some(_))),
        "httparse: {:?}",
        theirs(msg)
    );
}

#[test]
fn intended_differences() {
    // Bare LF line endings: httparse accepts them; httpwire only with the `bare_lf` leniency,
    // since a front end that splits lines differently is the root of smuggling (CVE-2022-32214).
    stricter(b"GET / HTTP/1.1\nHost: a\n\n", ErrorKind::LineEnding);
    // Bytes >= 0x80 in the target: no URI form allows them raw (RFC 3986 §2); httparse passes
    // them through for UTF-8 paths.
    stricter(b"GET /caf\xc3\xa9 HTTP/1.1\r\n\r\n", ErrorKind::Target);
    // A fragment is never part of a request-target (RFC 9110 §7.1).
    stricter(b"GET /a#b HTTP/1.1\r\n\r\n", ErrorKind::Target);
    // The target's form must fit the method (RFC 9112 §3.2): `*` is for OPTIONS only, CONNECT
    // takes authority-form only.
    stricter(b"GET * HTTP/1.1\r\n\r\n", ErrorKind::Target);
    stricter(b"CONNECT /x HTTP/1.1\r\n\r\n", ErrorKind::Target);
}

#[test]
fn httpwire_reports_what_httparse_refuses() {
    // Versions other than 1.0 and 1.1 are reported as digits (the framing layer refuses or
    // maps them, RFC 9110 §2.5); httparse refuses them in the parser.
    let m = b"GET / HTTP/1.2\r\n\r\n";
    assert_eq!(ours(m).unwrap().unwrap().minor, 2);
    assert!(theirs(m).is_err());
}

#[test]
fn both_refuse_the_classic_smuggling_shapes() {
    for m in [
        &b"GET / HTTP/1.1\r\nHost : a\r\n\r\n"[..],
        b"GET / HTTP/1.1\r\nA: one\r\n two\r\n\r\n",
        b"GET / HTTP/1.1\r\nFoo: 1\rBar: 2\r\n\r\n",
        b"GET  / HTTP/1.1\r\n\r\n",
        b"GET / HTTP/1.1\r\nA: x\x00y\r\n\r\n",
    ] {
        assert!(ours(m).is_err(), "{:?}", String::from_utf8_lossy(m));
        assert!(theirs(m).is_err(), "{:?}", String::from_utf8_lossy(m));
    }
}
