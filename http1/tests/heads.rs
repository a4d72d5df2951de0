//! Request and response heads: RFC 9112 rules one by one, and every HTTP/1 line of
//! SECURITY.md refused in strict mode.

mod common;

use common::*;
use http1::{Config, ErrorKind as K, FieldStorage, Leniency, Outcome, TargetForm, parse_request};

fn fields(v: &[(&[u8], &[u8])]) -> Vec<(Vec<u8>, Vec<u8>)> {
    v.iter().map(|(n, v)| (n.to_vec(), v.to_vec())).collect()
}

#[test]
fn request_line_and_fields() {
    let r = req(b"GET /a?b=c HTTP/1.1\r\nHost: example.com\r\nAccept: */*\r\n\r\nBODY");
    assert_eq!(r.method, b"GET");
    assert_eq!(r.target, b"/a?b=c");
    assert_eq!(r.form, TargetForm::Origin);
    assert_eq!(r.version, (1, 1));
    assert_eq!(
        r.fields,
        fields(&[(b"Host", b"example.com"), (b"Accept", b"*/*")])
    );
    assert_eq!(r.head_len, 55);
}

#[test]
fn the_standard_inputs_parse() {
    let r = req(REQ);
    assert_eq!(r.fields.len(), 9);
    assert_eq!(r.head_len, REQ.len());
    assert_eq!(r.fields[8].0, b"Cookie");
    let r = req(REQ_SHORT);
    assert_eq!(
        (r.version, r.fields.len(), r.head_len),
        ((1, 0), 2, REQ_SHORT.len())
    );
    let r = resp(RESP);
    assert_eq!(
        (r.status, r.fields.len(), r.head_len),
        (200, 10, RESP.len())
    );
    assert_eq!(
        r.fields[6],
        (b"ETag".to_vec(), b"\"5626a5a0-4e8\"".to_vec())
    );
    for m in REQUESTS {
        req(m);
    }
    for m in RESPONSES {
        resp(m);
    }
}

#[test]
fn values_are_trimmed_of_sp_and_htab_only() {
    let r = req(
        b"GET / HTTP/1.1\r\nA:  x y \t\r\nB:\t\r\nC:\r\nD: \xa0z\xa0\r\nE:\tin\tside\t\r\n\r\n",
    );
    assert_eq!(
        r.fields,
        fields(&[
            (b"A", b"x y"),
            (b"B", b""),
            (b"C", b""),
            (b"D", b"\xa0z\xa0"),
            (b"E", b"in\tside")
        ])
    );
}

#[test]
fn every_version_digit_pair_is_reported() {
    for (maj, min) in [(0, 9), (1, 0), (1, 1), (2, 0), (9, 9)] {
        let msg = format!("GET / HTTP/{maj}.{min}\r\n\r\n");
        assert_eq!(req(msg.as_bytes()).version, (maj, min));
    }
}

#[test]
fn target_forms() {
    assert_eq!(
        req(b"OPTIONS * HTTP/1.1\r\n\r\n").form,
        TargetForm::Asterisk
    );
    assert_eq!(
        req(b"GET http://a/b HTTP/1.1\r\n\r\n").form,
        TargetForm::Absolute
    );
    assert_eq!(
        req(b"GET svn+ssh://a HTTP/1.1\r\n\r\n").form,
        TargetForm::Absolute
    );
    assert_eq!(
        req(b"CONNECT a.example:443 HTTP/1.1\r\n\r\n").form,
        TargetForm::Authority
    );
    assert_eq!(
        req(b"CONNECT [::1]:8080 HTTP/1.1\r\n\r\n").form,
        TargetForm::Authority
    );
    assert_eq!(req(b"OPTIONS /x HTTP/1.1\r\n\r\n").form, TargetForm::Origin);
    // A form that does not fit the method.
    req_refused(b"GET * HTTP/1.1\r\n\r\n", K::Target, 4);
    req_refused(b"CONNECT /x HTTP/1.1\r\n\r\n", K::Target, 8);
    req_refused(b"CONNECT a.example HTTP/1.1\r\n\r\n", K::Target, 17);
    req_refused(b"CONNECT a.example: HTTP/1.1\r\n\r\n", K::Target, 17);
    req_refused(b"CONNECT a:4x3 HTTP/1.1\r\n\r\n", K::Target, 11);
    // Only OPTIONS takes `*` (SSDP's `M-SEARCH *` is not HTTP/1.1).
    req_refused(b"M-SEARCH * HTTP/1.1\r\n\r\n", K::Target, 9);
    // Without CONNECT, `host:port` reads as an absolute-URI whose scheme is `a.example`.
    assert_eq!(
        req(b"GET a.example:443 HTTP/1.1\r\n\r\n").form,
        TargetForm::Absolute
    );
    req_refused(b"GET 1http://a HTTP/1.1\r\n\r\n", K::Target, 4);
    req_refused(b"GET /a#frag HTTP/1.1\r\n\r\n", K::Target, 6);
}

/// The authority inside a target (RFC 9110 §4.2.1, §4.2.4; RFC 9112 §3.2.2, §3.2.3), at the
/// first byte that does not fit.
#[test]
fn target_authorities() {
    // http(s) needs a host: `http:///` and friends (RFC 9110 §4.2.1).
    req_refused(b"GET http:///a HTTP/1.1\r\n\r\n", K::Target, 11);
    req_refused(b"GET https:// HTTP/1.1\r\n\r\n", K::Target, 12);
    req_refused(b"GET http://:80/ HTTP/1.1\r\n\r\n", K::Target, 11);
    req_refused(b"GET http:/a HTTP/1.1\r\n\r\n", K::Target, 9);
    req_refused(b"GET HTTP:a HTTP/1.1\r\n\r\n", K::Target, 9);
    // No userinfo, in any scheme (RFC 9110 §4.2.4).
    req_refused(b"GET http://user:pw@host/ HTTP/1.1\r\n\r\n", K::Target, 11);
    req_refused(b"GET http://@host/ HTTP/1.1\r\n\r\n", K::Target, 11);
    req_refused(b"GET ftp://u@h/ HTTP/1.1\r\n\r\n", K::Target, 10);
    // The authority's own syntax.
    req_refused(b"GET http://a:65536/ HTTP/1.1\r\n\r\n", K::Target, 13);
    req_refused(b"GET http://a:8x/ HTTP/1.1\r\n\r\n", K::Target, 14);
    req_refused(b"GET http://[::1/ HTTP/1.1\r\n\r\n", K::Target, 11);
    req_refused(b"GET http://a%zz/ HTTP/1.1\r\n\r\n", K::Target, 12);
    req_refused(b"GET http://a\"b/ HTTP/1.1\r\n\r\n", K::Target, 12);
    req_refused(b"CONNECT a@b:443 HTTP/1.1\r\n\r\n", K::Target, 9);
    req_refused(b"CONNECT :443 HTTP/1.1\r\n\r\n", K::Target, 8);
    req_refused(b"CONNECT [::1]443 HTTP/1.1\r\n\r\n", K::Target, 13);
    req_refused(b"CONNECT a:70000 HTTP/1.1\r\n\r\n", K::Target, 10);
    for ok in [
        &b"GET http://a/ HTTP/1.1\r\n\r\n"[..],
        b"GET HTTPS://A.example:443?q HTTP/1.1\r\n\r\n",
        b"GET http://[2001:db8::7]:8080/x HTTP/1.1\r\n\r\n",
        b"GET http://127.0.0.1 HTTP/1.1\r\n\r\n",
        b"GET http://a:/ HTTP/1.1\r\n\r\n",
        b"GET urn:isbn:0451450523 HTTP/1.1\r\n\r\n",
        b"GET file:///etc HTTP/1.1\r\n\r\n",
        b"CONNECT [::1]:443 HTTP/1.1\r\n\r\n",
    ] {
        assert_eq!(
            req(ok).form,
            if ok.starts_with(b"CONNECT") {
                TargetForm::Authority
            } else {
                TargetForm::Absolute
            }
        );
    }
}

// ---- SECURITY.md, HTTP/1.1 heads: line endings ----

#[test]
fn bare_cr_anywhere_is_refused() {
    req_refused(
        b"GET / HTTP/1.1\r\nFoo: 1\rBar: 2\r\n\r\n",
        K::LineEnding,
        22,
    );
    req_refused(b"GET / HTTP/1.1\rX\r\n\r\n", K::LineEnding, 14);
    req_refused(b"GET / HTTP/1.1\r\nFoo: 1\r\n\rX", K::LineEnding, 24);
    req_refused(b"GET / HTTP/1.1\r\nFoo\r: 1\r\n\r\n", K::MissingColon, 19);
    resp_refused(
        b"HTTP/1.1 200 OK\r\nFoo: 1\rBar: 2\r\n\r\n",
        K::LineEnding,
        23,
    );
}

#[test]
fn bare_lf_only_with_the_option() {
    let msg = b"GET / HTTP/1.1\nHost: a\nX: y\n\n";
    req_refused(msg, K::LineEnding, 14);
    req_refused(b"GET / HTTP/1.1\r\nHost: a\n\r\n", K::LineEnding, 23);
    req_refused(b"GET / HTTP/1.1\r\nHost: a\r\n\n", K::LineEnding, 25);
    let lf = lenient(&["bare_lf"]);
    let r = req_with(msg, &lf).unwrap().unwrap();
    assert_eq!(r.fields, fields(&[(b"Host", b"a"), (b"X", b"y")]));
    assert_eq!(r.head_len, msg.len());
    resp_refused(b"HTTP/1.1 200 OK\nA: b\n\n", K::LineEnding, 15);
    let r = resp_with(b"HTTP/1.1 200 OK\nA: b\n\n", &lf)
        .unwrap()
        .unwrap();
    assert_eq!(r.fields, fields(&[(b"A", b"b")]));
}

// ---- start line ----

#[test]
fn method_must_be_a_full_token() {
    req_refused(b"G(T / HTTP/1.1\r\n\r\n", K::Method, 1);
    req_refused(b"GET\t/ HTTP/1.1\r\n\r\n", K::Method, 3);
    req_refused(b" GET / HTTP/1.1\r\n\r\n", K::Method, 0);
    req_refused(b"GE\x00T / HTTP/1.1\r\n\r\n", K::Method, 2);
    req_refused(b"G\xc3\xa9T / HTTP/1.1\r\n\r\n", K::Method, 1);
    // (A leading CRLF is an empty line, skipped: see empty_lines_before_the_request_line.)
    req_refused(b"\rGET / HTTP/1.1\r\n\r\n", K::Method, 0);
}

#[test]
fn exactly_one_sp_between_start_line_parts() {
    req_refused(b"GET  / HTTP/1.1\r\n\r\n", K::Whitespace, 4);
    req_refused(b"GET /  HTTP/1.1\r\n\r\n", K::Whitespace, 6);
    req_refused(b"GET / HTTP/1.1 \r\n\r\n", K::Version, 14);
    req_refused(b"GET /\tHTTP/1.1\r\n\r\n", K::Target, 5);
    let lenient = lenient(&["multiple_spaces"]);
    let r = req_with(b"GET   /x   HTTP/1.1\r\n\r\n", &lenient)
        .unwrap()
        .unwrap();
    assert_eq!((r.target.as_slice(), r.version), (&b"/x"[..], (1, 1)));
    resp_refused(b"HTTP/1.1  200 OK\r\n\r\n", K::Whitespace, 9);
}

#[test]
fn target_refuses_sp_ctl_del_and_non_ascii() {
    req_refused(b"GET /a\x00b HTTP/1.1\r\n\r\n", K::Target, 6);
    req_refused(b"GET /a\x7fb HTTP/1.1\r\n\r\n", K::Target, 6);
    req_refused(b"GET /a\x1bb HTTP/1.1\r\n\r\n", K::Target, 6);
    req_refused(b"GET /caf\xc3\xa9 HTTP/1.1\r\n\r\n", K::Target, 8);
    req_refused(b"GET /a\rb HTTP/1.1\r\n\r\n", K::Version, 6);
    req_refused(b"GET / a HTTP/1.1\r\n\r\n", K::Version, 6);
    req_refused(b"GET /\r\n\r\n", K::Version, 5);
}

#[test]
fn version_must_be_exact() {
    req_refused(b"GET / HTTP/1.1x\r\n\r\n", K::Version, 14);
    req_refused(b"GET / http/1.1\r\n\r\n", K::Version, 6);
    req_refused(b"GET / HTTP/11\r\n\r\n", K::Version, 12);
    req_refused(b"GET / HTTP/1.10\r\n\r\n", K::Version, 14);
    req_refused(b"GET / HTTP/a.1\r\n\r\n", K::Version, 11);
    req_refused(b"GET / HTTPS/1.1\r\n\r\n", K::Version, 10);
    resp_refused(b"HTTP/1.a 200 OK\r\n\r\n", K::Version, 7);
}

#[test]
fn status_code_is_exactly_three_digits() {
    resp_refused(b"HTTP/1.1 20 OK\r\n\r\n", K::StatusCode, 11);
    resp_refused(b"HTTP/1.1 2000 OK\r\n\r\n", K::StatusCode, 12);
    resp_refused(b"HTTP/1.1 099 OK\r\n\r\n", K::StatusCode, 9);
    resp_refused(b"HTTP/1.1 200\r\n\r\n", K::Whitespace, 12);
    let lenient = lenient(&["missing_reason_space"]);
    assert_eq!(
        resp_with(b"HTTP/1.1 200\r\n\r\n", &lenient)
            .unwrap()
            .unwrap()
            .status,
        200
    );
}

// ---- field names ----

#[test]
fn whitespace_between_name_and_colon_is_refused() {
    req_refused(
        b"GET / HTTP/1.1\r\nHost : a\r\n\r\n",
        K::WhitespaceBeforeColon,
        20,
    );
    req_refused(
        b"GET / HTTP/1.1\r\nHost\t: a\r\n\r\n",
        K::WhitespaceBeforeColon,
        20,
    );
    resp_refused(
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding : chunked\r\n\r\n",
        K::WhitespaceBeforeColon,
        34,
    );
    // The leniency is for responses only.
    let lenient = lenient(&["space_before_colon"]);
    assert_eq!(
        req_with(b"GET / HTTP/1.1\r\nHost : a\r\n\r\n", &lenient),
        Err(http1::Error {
            kind: K::WhitespaceBeforeColon,
            offset: 20
        })
    );
    let r = resp_with(b"HTTP/1.1 200 OK\r\nA \t: b\r\n\r\n", &lenient)
        .unwrap()
        .unwrap();
    assert_eq!(r.fields, fields(&[(b"A", b"b")]));
}

#[test]
fn whitespace_before_the_first_field_line_is_refused() {
    req_refused(
        b"GET / HTTP/1.1\r\n Host: a\r\n\r\n",
        K::LeadingWhitespace,
        16,
    );
    req_refused(
        b"GET / HTTP/1.1\r\n\tHost: a\r\n\r\n",
        K::LeadingWhitespace,
        16,
    );
    resp_refused(
        b"HTTP/1.1 200 OK\r\n X: a\r\n\r\n",
        K::LeadingWhitespace,
        17,
    );
}

#[test]
fn field_names_are_non_empty_tokens() {
    req_refused(b"GET / HTTP/1.1\r\n: a\r\n\r\n", K::FieldName, 16);
    req_refused(b"GET / HTTP/1.1\r\nA(b: a\r\n\r\n", K::FieldName, 17);
    req_refused(b"GET / HTTP/1.1\r\nA\x01: a\r\n\r\n", K::FieldName, 17);
    req_refused(b"GET / HTTP/1.1\r\nA\x7f: a\r\n\r\n", K::FieldName, 17);
    req_refused(b"GET / HTTP/1.1\r\nX\xc3\xa9: a\r\n\r\n", K::FieldName, 17);
    req_refused(b"GET / HTTP/1.1\r\nA/b: a\r\n\r\n", K::FieldName, 17);
    req_refused(b"GET / HTTP/1.1\r\n\"a\": a\r\n\r\n", K::FieldName, 16);
}

#[test]
fn a_line_without_colon_is_refused() {
    req_refused(b"GET / HTTP/1.1\r\nHost\r\n\r\n", K::MissingColon, 20);
    req_refused(
        b"GET / HTTP/1.1\r\nHost a\r\n\r\n",
        K::WhitespaceBeforeColon,
        20,
    );
}

// ---- field values ----

#[test]
fn values_refuse_nul_cr_lf_and_ctls_but_not_htab_or_obs_text() {
    req_refused(b"GET / HTTP/1.1\r\nA: x\x00y\r\n\r\n", K::FieldValue, 20);
    req_refused(b"GET / HTTP/1.1\r\nA: x\x0by\r\n\r\n", K::FieldValue, 20);
    req_refused(b"GET / HTTP/1.1\r\nA: x\x7fy\r\n\r\n", K::FieldValue, 20);
    req_refused(b"GET / HTTP/1.1\r\nA: x\x1b[0m\r\n\r\n", K::FieldValue, 20);
    req_refused(b"GET / HTTP/1.1\r\nA: x\ry\r\n\r\n", K::LineEnding, 20);
    req_refused(b"GET / HTTP/1.1\r\nA: x\ny\r\n\r\n", K::LineEnding, 20);
    assert_eq!(
        req(b"GET / HTTP/1.1\r\nA: \x80\xff\tz\r\n\r\n").fields[0].1,
        b"\x80\xff\tz"
    );
}

#[test]
fn obs_fold_is_refused_in_requests_and_optional_in_responses() {
    let msg = b"GET / HTTP/1.1\r\nA: one\r\n two\r\n\r\n";
    req_refused(msg, K::ObsFold, 24);
    let all = Config::new().lenient(Leniency::all());
    assert_eq!(
        req_with(msg, &all),
        Err(http1::Error {
            kind: K::ObsFold,
            offset: 24
        })
    );

    let msg = b"HTTP/1.1 200 OK\r\nA: one\r\n \ttwo \r\nB: c\r\n\r\n";
    resp_refused(msg, K::ObsFold, 25);
    let fold = lenient(&["obs_fold"]);
    let mut storage = FieldStorage::<4>::new();
    let r = http1::parse_response(msg, &mut storage, &fold)
        .unwrap()
        .complete()
        .unwrap();
    let a = r.fields.at(0).unwrap();
    assert_eq!(a.value, b"one\r\n \ttwo");
    assert!(a.is_folded());
    assert!(!r.fields.at(1).unwrap().is_folded());
    assert_eq!(r.head_len, msg.len());
}

// ---- limits ----

#[test]
fn too_many_fields() {
    let msg = b"GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n";
    let cfg = Config::new().max_fields(2);
    assert_eq!(
        req_with(msg, &cfg),
        Err(http1::Error {
            kind: K::TooManyFields,
            offset: 28
        })
    );
    // The storage is a limit too.
    let mut small = FieldStorage::<2>::new();
    assert_eq!(
        parse_request(msg, &mut small, &Config::new()).map(|o| o.complete().is_some()),
        Err(http1::Error {
            kind: K::TooManyFields,
            offset: 28
        })
    );
    assert_eq!(
        req_with(msg, &Config::new().max_fields(3))
            .unwrap()
            .unwrap()
            .fields
            .len(),
        3
    );
}

#[test]
fn head_too_large() {
    let msg = b"GET / HTTP/1.1\r\nA: 1\r\n\r\n";
    assert_eq!(
        req_with(msg, &Config::new().max_head_len(msg.len()))
            .unwrap()
            .unwrap()
            .head_len,
        msg.len()
    );
    for max in 0..msg.len() {
        assert_eq!(
            req_with(msg, &Config::new().max_head_len(max)),
            Err(http1::Error {
                kind: K::HeadTooLarge,
                offset: max
            }),
            "max {max}"
        );
    }
    // An error beyond the limit is not seen: the answer is the limit.
    let bad = b"GET / HTTP/1.1\r\nA: 1\r\nB\x00: 2\r\n\r\n";
    assert_eq!(
        req_with(bad, &Config::new().max_head_len(20)),
        Err(http1::Error {
            kind: K::HeadTooLarge,
            offset: 20
        })
    );
    // Incomplete below the limit stays incomplete.
    assert_eq!(
        req_with(&msg[..10], &Config::new().max_head_len(20)),
        Ok(None)
    );
}

#[test]
fn target_too_long() {
    let cfg = Config::new().max_target_len(4);
    assert_eq!(
        req_with(b"GET /abc HTTP/1.1\r\n\r\n", &cfg)
            .unwrap()
            .unwrap()
            .target,
        b"/abc"
    );
    assert_eq!(
        req_with(b"GET /abcd HTTP/1.1\r\n\r\n", &cfg),
        Err(http1::Error {
            kind: K::TargetTooLong,
            offset: 8
        })
    );
}

#[test]
fn line_too_long() {
    // "GET / HTTP/1.1\r\n" is 16 bytes.
    let msg = b"GET / HTTP/1.1\r\nA: 12345\r\n\r\n";
    assert_eq!(
        req_with(msg, &Config::new().max_line_len(16))
            .unwrap()
            .unwrap()
            .fields
            .len(),
        1
    );
    assert_eq!(
        req_with(msg, &Config::new().max_line_len(15)),
        Err(http1::Error {
            kind: K::LineTooLong,
            offset: 15
        })
    );
    // "A: 1234567890123\r\n" is 18 bytes: refused at its start + 16, whatever comes after,
    // a bad byte included; a bad byte before the limit is reported as itself.
    let cfg = Config::new().max_line_len(16);
    let too_long = http1::Error {
        kind: K::LineTooLong,
        offset: 32,
    };
    assert_eq!(
        req_with(b"GET / HTTP/1.1\r\nA: 1234567890123\r\n\r\n", &cfg),
        Err(too_long)
    );
    assert_eq!(
        req_with(b"GET / HTTP/1.1\r\nA: 1234567890123\x00\r\n\r\n", &cfg),
        Err(too_long)
    );
    assert_eq!(
        req_with(b"GET / HTTP/1.1\r\nA: 12\x0045678901\r\n\r\n", &cfg),
        Err(http1::Error {
            kind: K::FieldValue,
            offset: 21
        })
    );
    // Responses: the status line and the field lines alike.
    assert_eq!(
        resp_with(b"HTTP/1.1 200 A long reason\r\n\r\n", &cfg),
        Err(http1::Error {
            kind: K::LineTooLong,
            offset: 16
        })
    );
    // And resumed, byte by byte, the same.
    assert_eq!(
        req_with(&b"GET / HTTP/1.1\r\nA: 1234567890123"[..], &cfg),
        Err(too_long)
    );
}

#[test]
fn limit_errors_are_distinct() {
    let kinds = [
        K::TooManyFields,
        K::HeadTooLarge,
        K::TargetTooLong,
        K::LineTooLong,
    ];
    for (i, a) in kinds.iter().enumerate() {
        for b in &kinds[i + 1..] {
            assert_ne!(a.name(), b.name());
        }
    }
}

/// Under miri (thousands of times slower) every 29th prefix; natively every one.
const PREFIX_STEP: usize = if cfg!(miri) { 29 } else { 1 };

#[test]
fn incomplete_heads() {
    for m in REQUESTS {
        let head_len = req(m).head_len;
        for n in (0..head_len).step_by(PREFIX_STEP) {
            assert_eq!(req_with(&m[..n], &Config::new()), Ok(None), "{n}");
        }
    }
    for m in RESPONSES {
        let head_len = resp(m).head_len;
        for n in (0..head_len).step_by(PREFIX_STEP) {
            assert_eq!(resp_with(&m[..n], &Config::new()), Ok(None), "{n}");
        }
    }
}

#[test]
fn parser_after_error_and_completion() {
    let mut storage = FieldStorage::<8>::new();
    let mut p = http1::RequestParser::new(&mut storage, Config::new());
    let e = p.parse(b"GET / HTTP/1.1\r\nA\x00: b\r\n\r\n").unwrap_err();
    assert_eq!(e.kind, K::FieldName);
    // Refuses further use until reset.
    assert_eq!(p.parse(b"GET / HTTP/1.1\r\n\r\n").unwrap_err(), e);
    p.reset();
    let r = p.parse(b"GET /x HTTP/1.1\r\n\r\n").unwrap();
    assert!(matches!(r, Outcome::Complete(ref r) if r.target == b"/x"));
}

#[test]
fn fields_get_is_case_insensitive() {
    let mut storage = FieldStorage::<8>::new();
    let msg = b"GET / HTTP/1.1\r\nAccept: a\r\nHOST: h\r\naccept: b\r\n\r\n";
    let r = parse_request(msg, &mut storage, &Config::new())
        .unwrap()
        .complete()
        .unwrap();
    assert_eq!(r.fields.get(b"host"), Some(&b"h"[..]));
    assert_eq!(
        r.fields.get_all(b"ACCEPT").collect::<Vec<_>>(),
        vec![&b"a"[..], &b"b"[..]]
    );
    assert_eq!(r.fields.get(b"missing"), None);
    assert_eq!(r.fields.len(), 3);
}

/// RFC 9112 §2.2: empty lines before a request line are skipped, up to
/// `Limits::max_empty_lines` (2 by default), and count in the head's length; LF alone only with
/// `bare_lf`; responses are not affected.
#[test]
fn empty_lines_before_the_request_line() {
    for (lead, n) in [("", 0), ("\r\n", 1), ("\r\n\r\n", 2)] {
        let wire = format!("{lead}GET /x HTTP/1.1\r\nHost: a\r\n\r\n");
        let r = req(wire.as_bytes());
        assert_eq!((&r.method[..], &r.target[..]), (&b"GET"[..], &b"/x"[..]));
        assert_eq!(r.head_len, wire.len(), "{n} empty lines");
    }
    // One too many: refused at the first line past the limit.
    req_refused(
        b"\r\n\r\n\r\nGET / HTTP/1.1\r\n\r\n",
        K::TooManyEmptyLines,
        4,
    );
    let none = Config::new().max_empty_lines(0);
    assert_eq!(
        req_with(b"\r\nGET / HTTP/1.1\r\n\r\n", &none),
        Err(http1::Error {
            kind: K::TooManyEmptyLines,
            offset: 0
        })
    );
    let many = Config::new().max_empty_lines(5);
    let r = req_with(b"\r\n\r\n\r\n\r\n\r\nGET / HTTP/1.1\r\n\r\n", &many)
        .unwrap()
        .unwrap();
    assert_eq!(r.head_len, 10 + 18);
    // A bare LF is an empty line only with the leniency; a bare CR never is.
    req_refused(b"\nGET / HTTP/1.1\r\n\r\n", K::Method, 0);
    let bare = lenient(&["bare_lf"]);
    assert_eq!(
        req_with(b"\n\r\nGET / HTTP/1.1\n\n", &bare)
            .unwrap()
            .unwrap()
            .head_len,
        3 + 15 + 1
    );
    req_refused(b"\r\n\rGET / HTTP/1.1\r\n\r\n", K::Method, 2);
    // Errors in the request line after empty lines are at their place in the input.
    req_refused(b"\r\nGET / HTTP/9.x\r\n\r\n", K::Version, 2 + 13);
    // Only the prefix so far: incomplete, whatever the split.
    for cut in 0..=2 {
        assert_eq!(req_with(&b"\r\n"[..cut], &Config::new()), Ok(None));
    }
    // Responses: an empty line first is an error, as before.
    resp_refused(b"\r\nHTTP/1.1 200 OK\r\n\r\n", K::Version, 0);
}
