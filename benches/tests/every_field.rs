//! The harness's proof that every parser pays alike: every bench input (the standard ones and
//! the shapes) parses complete with httpwire (at every SIMD level), httparse and
//! picohttpparser, and each parser's function returns the same sum, the one computed here by
//! hand from the bytes (head length, field count, the start line's parts, and every field's
//! name and value folded in by `fold_field`). A parser that skipped a field, or handed over a
//! name or value other than the others', would differ.
//!
//! Also: the sample files are what their doc comments say (sizes, field counts, the shape
//! each stands for), and plain bytes (printable ASCII, SP, HTAB, and CRLF line endings).

use http1::simd::Level;
use httpwire_benches::{
    FORTY, REQ, REQ_SHORT, REQUESTS, RESP, RESPONSES, SHAPE_BROWSER, SHAPE_CDN, SHAPE_HTAB,
    SHAPE_LONG_COOKIE, SHAPE_LONG_TARGET, SHAPE_NO_SPACE, SHAPE_REDIRECT, SHAPE_TINY_FIELDS,
    fold_field, httparse_request, httparse_response, httpwire_request, httpwire_request_at,
    httpwire_response, httpwire_response_at, pico_request, pico_response,
};

/// A head split by hand: the start line's three parts and the field lines, each value with
/// its OWS (SP / HTAB) trimmed at both ends.
struct Head<'a> {
    start: [&'a [u8]; 3],
    fields: Vec<(&'a [u8], &'a [u8])>,
}

fn trim_ows(mut v: &[u8]) -> &[u8] {
    while let [b' ' | b'\t', rest @ ..] = v {
        v = rest;
    }
    while let [rest @ .., b' ' | b'\t'] = v {
        v = rest;
    }
    v
}

/// Splits `buf`, which must be exactly one head (ending with its empty line).
fn split(buf: &[u8]) -> Head<'_> {
    let end = buf
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a head ends with an empty line");
    assert_eq!(end + 4, buf.len(), "nothing after the head");
    // The last line's CRLF is the start of the final "\r\n\r\n", outside `buf[..end]`.
    let mut lines = buf[..end]
        .split(|&b| b == b'\n')
        .map(|l| l.strip_suffix(b"\r").unwrap_or(l));
    let start_line = lines.next().unwrap();
    let mut parts = start_line.splitn(3, |&b| b == b' ');
    let start = [(); 3].map(|()| parts.next().expect("three parts in the start line"));
    let fields = lines
        .map(|l| {
            let colon = l.iter().position(|&b| b == b':').expect("a colon");
            (&l[..colon], trim_ows(&l[colon + 1..]))
        })
        .collect();
    Head { start, fields }
}

fn folded(head: &Head<'_>, start: usize) -> usize {
    head.fields
        .iter()
        .fold(start, |acc, (n, v)| fold_field(acc, n, v))
}

/// What every request function must return for `buf`.
fn want_request(buf: &[u8]) -> usize {
    let h = split(buf);
    let [method, target, _] = h.start;
    folded(&h, buf.len() + h.fields.len() + method.len() + target.len())
}

/// What every response function must return for `buf`.
fn want_response(buf: &[u8]) -> usize {
    let h = split(buf);
    let [_, code, reason] = h.start;
    let code: usize = std::str::from_utf8(code).unwrap().parse().unwrap();
    folded(&h, buf.len() + h.fields.len() + code + reason.len())
}

#[test]
fn every_parser_returns_the_same_sum_on_every_input() {
    for (name, buf) in REQUESTS {
        let want = want_request(buf);
        assert!(want > 0);
        assert_eq!(httpwire_request(buf), want, "httpwire, {name}");
        assert_eq!(httparse_request(buf), want, "httparse, {name}");
        assert_eq!(pico_request(buf), want, "picohttpparser, {name}");
        for level in Level::ALL {
            assert_eq!(
                httpwire_request_at(level, buf),
                want,
                "httpwire at {}, {name}",
                level.name()
            );
        }
    }
    for (name, buf) in RESPONSES {
        let want = want_response(buf);
        assert!(want > 0);
        assert_eq!(httpwire_response(buf), want, "httpwire, {name}");
        assert_eq!(httparse_response(buf), want, "httparse, {name}");
        assert_eq!(pico_response(buf), want, "picohttpparser, {name}");
        for level in Level::ALL {
            assert_eq!(
                httpwire_response_at(level, buf),
                want,
                "httpwire at {}, {name}",
                level.name()
            );
        }
    }
}

#[test]
fn every_input_parses_complete_with_the_strict_default_and_httparse() {
    for (name, buf) in REQUESTS {
        let mut storage = http1::FieldStorage::<64>::new();
        match http1::parse_request(buf, &mut storage, &http1::Config::new()) {
            Ok(http1::Outcome::Complete(r)) => assert_eq!(r.head_len, buf.len(), "{name}"),
            other => panic!("{name}: {other:?}"),
        }
        let mut headers = [httparse::EMPTY_HEADER; 64];
        let mut req = httparse::Request::new(&mut headers);
        assert_eq!(
            req.parse(buf),
            Ok(httparse::Status::Complete(buf.len())),
            "{name}"
        );
    }
    for (name, buf) in RESPONSES {
        let mut storage = http1::FieldStorage::<64>::new();
        match http1::parse_response(buf, &mut storage, &http1::Config::new()) {
            Ok(http1::Outcome::Complete(r)) => assert_eq!(r.head_len, buf.len(), "{name}"),
            other => panic!("{name}: {other:?}"),
        }
        let mut headers = [httparse::EMPTY_HEADER; 64];
        let mut resp = httparse::Response::new(&mut headers);
        assert_eq!(
            resp.parse(buf),
            Ok(httparse::Status::Complete(buf.len())),
            "{name}"
        );
    }
}

#[test]
fn the_inputs_are_plain_bytes_with_crlf_line_endings() {
    for (name, buf) in REQUESTS.iter().chain(&RESPONSES) {
        for (i, &b) in buf.iter().enumerate() {
            assert!(
                matches!(b, b' '..=b'~' | b'\t' | b'\r' | b'\n'),
                "{name}: byte {b:#04x} at {i}"
            );
            if b == b'\r' {
                assert_eq!(buf.get(i + 1), Some(&b'\n'), "{name}: CR without LF at {i}");
            }
            if b == b'\n' {
                assert_eq!(buf[i - 1], b'\r', "{name}: LF without CR at {i}");
                // No obs-fold: no line starts with SP or HTAB.
                assert!(
                    !matches!(buf.get(i + 1), Some(b' ' | b'\t')),
                    "{name}: obs-fold at {i}"
                );
            }
        }
    }
}

#[test]
fn sizes_and_field_counts_are_as_documented() {
    for (buf, len, fields) in [
        (REQ, 703, 9),
        (REQ_SHORT, 68, 2),
        (FORTY, 1_860, 40),
        (RESP, 314, 10),
        (SHAPE_NO_SPACE, 370, 10),
        (SHAPE_HTAB, 401, 10),
        (SHAPE_LONG_COOKIE, 2_029, 8),
        (SHAPE_LONG_TARGET, 1_572, 8),
        (SHAPE_TINY_FIELDS, 397, 61),
        (SHAPE_BROWSER, 781, 15),
        (SHAPE_CDN, 2_276, 21),
        (SHAPE_REDIRECT, 285, 7),
    ] {
        let head = split(buf);
        assert_eq!(
            (buf.len(), head.fields.len()),
            (len, fields),
            "{:?}",
            String::from_utf8_lossy(&buf[..40])
        );
    }
    assert_eq!(split(REQ).start[0].len(), 3);
    assert_eq!(split(REQ).start[1].len(), 60);
}

/// The values of the fields named `name` (ASCII case-insensitive).
fn values<'a>(head: &Head<'a>, name: &str) -> Vec<&'a [u8]> {
    head.fields
        .iter()
        .filter(|(n, _)| n.eq_ignore_ascii_case(name.as_bytes()))
        .map(|&(_, v)| v)
        .collect()
}

/// The field lines of `buf` as they are (no trimming), without the start line.
fn field_lines(buf: &[u8]) -> Vec<&[u8]> {
    let lines: Vec<&[u8]> = buf.split(|&b| b == b'\n').collect();
    lines[1..lines.len() - 2]
        .iter()
        .map(|l| l.strip_suffix(b"\r").unwrap())
        .collect()
}

#[test]
fn every_request_has_one_host() {
    for (name, buf) in REQUESTS {
        let hosts = values(&split(buf), "host");
        assert_eq!(hosts.len(), 1, "{name}");
        assert!(!hosts[0].is_empty(), "{name}");
    }
}

#[test]
fn each_shape_is_the_shape_it_says() {
    // No SP after the colon, in every field line.
    for l in field_lines(SHAPE_NO_SPACE) {
        let colon = l.iter().position(|&b| b == b':').unwrap();
        assert!(!matches!(l[colon + 1], b' ' | b'\t'), "{l:?}");
    }
    // HTAB as OWS in every field line; some with a trailing HTAB.
    let lines = field_lines(SHAPE_HTAB);
    for l in &lines {
        let colon = l.iter().position(|&b| b == b':').unwrap();
        assert_eq!(l[colon + 1], b'\t');
        assert_ne!(l[colon + 2], b'\t');
        assert!(!l.ends_with(b" "));
    }
    assert_eq!(lines.iter().filter(|l| l.ends_with(b"\t")).count(), 4);

    // A Cookie of 1.2 to 2 KiB.
    let cookie = values(&split(SHAPE_LONG_COOKIE), "cookie");
    assert_eq!(cookie.len(), 1);
    assert_eq!(cookie[0].len(), 1_592);
    assert!((1_229..=2_048).contains(&cookie[0].len()));

    // A GET whose query is over 1 KiB, percent-encoded.
    let h = split(SHAPE_LONG_TARGET);
    assert_eq!(h.start[0], b"GET");
    let target = h.start[1];
    let query = &target[target.iter().position(|&b| b == b'?').unwrap() + 1..];
    assert_eq!(query.len(), 1_194);
    assert!(query.len() > 1_024);
    assert!(query.windows(3).any(|w| w == b"%2F"));

    // A Host and 60 tiny fields.
    let lines = field_lines(SHAPE_TINY_FIELDS);
    assert_eq!(lines[0], b"Host: example.com");
    assert_eq!(lines.len(), 61);
    assert!(lines[1..].iter().all(|l| *l == b"a: b"));

    // A Chrome navigation.
    let h = split(SHAPE_BROWSER);
    let names: Vec<&[u8]> = h.fields.iter().map(|(n, _)| *n).collect();
    assert_eq!(
        names,
        [
            &b"Host"[..],
            b"Connection",
            b"sec-ch-ua",
            b"sec-ch-ua-mobile",
            b"sec-ch-ua-platform",
            b"Upgrade-Insecure-Requests",
            b"User-Agent",
            b"Accept",
            b"Sec-Fetch-Site",
            b"Sec-Fetch-Mode",
            b"Sec-Fetch-User",
            b"Sec-Fetch-Dest",
            b"Accept-Encoding",
            b"Accept-Language",
            b"Cookie",
        ]
    );
    let ua = values(&h, "sec-ch-ua")[0];
    assert!(ua.contains(&b'"') && ua.contains(&b',') && ua.windows(3).any(|w| w == b";v="));

    // A CDN response: 4 to 6 Set-Cookie lines, a CSP of 600 to 1000 bytes.
    let h = split(SHAPE_CDN);
    assert_eq!(h.start, [&b"HTTP/1.1"[..], b"200", b"OK"]);
    let set_cookie = values(&h, "set-cookie");
    assert_eq!(set_cookie.len(), 5);
    for attr in [
        "Expires=",
        "Path=",
        "Domain=",
        "Secure",
        "HttpOnly",
        "SameSite=",
    ] {
        assert!(
            set_cookie.iter().any(|v| v
                .windows(attr.len())
                .any(|w| w.eq_ignore_ascii_case(attr.as_bytes()))),
            "{attr}"
        );
    }
    let csp = values(&h, "content-security-policy");
    assert_eq!(csp[0].len(), 893);
    for name in [
        "date",
        "content-type",
        "content-length",
        "cache-control",
        "strict-transport-security",
        "vary",
        "etag",
        "age",
        "x-cache",
        "cf-ray",
        "alt-svc",
    ] {
        assert_eq!(values(&h, name).len(), 1, "{name}");
    }

    // A redirect with an absolute Location.
    let h = split(SHAPE_REDIRECT);
    assert_eq!(h.start, [&b"HTTP/1.1"[..], b"301", b"Moved Permanently"]);
    assert!(values(&h, "location")[0].starts_with(b"https://"));
    assert_eq!(values(&h, "content-length"), [b"162"]);
}
