//! Body framing and connection semantics (RFC 9112 §6, §9; RFC 9110 §7.6.1, §7.8, §8.6,
//! §10.1.1): every framing line of SECURITY.md refused in strict mode, the normal cases, and
//! the helpers. Heads are parsed with the real parser.

use http1::framing::{
    BodyFraming, FramingError, FramingErrorKind as K, FramingOptions, MessageInfo, field_list,
    is_token, list_elements, parse_content_length, request_framing, request_framing_with,
    response_framing, response_framing_with,
};
use http1::{Config, FieldStorage, Leniency, Outcome, parse_request, parse_response};
use proptest::prelude::*;

mod common;

// ---------------------------------------------------------------------------------------------
// Helpers

fn request_opts(wire: &[u8], opts: &FramingOptions) -> Result<MessageInfo, FramingError> {
    let mut storage = FieldStorage::<32>::new();
    match parse_request(wire, &mut storage, &Config::new()) {
        Ok(Outcome::Complete(req)) => {
            let strict = request_framing(&req);
            let with = request_framing_with(&req, opts);
            if *opts == FramingOptions::STRICT {
                assert_eq!(strict, with);
            }
            with
        }
        other => panic!(
            "{:?} did not parse: {other:?}",
            String::from_utf8_lossy(wire)
        ),
    }
}

fn request(wire: &[u8]) -> Result<MessageInfo, FramingError> {
    request_opts(wire, &FramingOptions::STRICT)
}

fn response_opts(
    wire: &[u8],
    method: &[u8],
    cfg: &Config,
    opts: &FramingOptions,
) -> Result<MessageInfo, FramingError> {
    let mut storage = FieldStorage::<32>::new();
    match parse_response(wire, &mut storage, cfg) {
        Ok(Outcome::Complete(resp)) => {
            let with = response_framing_with(&resp, method, opts);
            if *opts == FramingOptions::STRICT {
                assert_eq!(response_framing(&resp, method), with);
            }
            with
        }
        other => panic!(
            "{:?} did not parse: {other:?}",
            String::from_utf8_lossy(wire)
        ),
    }
}

fn response(wire: &[u8], method: &[u8]) -> Result<MessageInfo, FramingError> {
    response_opts(wire, method, &Config::new(), &FramingOptions::STRICT)
}

/// A request head: `start` line, `Host: a`, then `lines`.
fn head(start: &str, lines: &[&str]) -> Vec<u8> {
    let mut v = Vec::new();
    v.extend_from_slice(start.as_bytes());
    v.extend_from_slice(b"\r\nHost: a\r\n");
    for l in lines {
        v.extend_from_slice(l.as_bytes());
        v.extend_from_slice(b"\r\n");
    }
    v.extend_from_slice(b"\r\n");
    v
}

fn post(lines: &[&str]) -> Vec<u8> {
    head("POST /x HTTP/1.1", lines)
}

fn post10(lines: &[&str]) -> Vec<u8> {
    head("POST /x HTTP/1.0", lines)
}

/// A response head: status line then `lines` (no Host).
fn resp_head(start: &str, lines: &[&str]) -> Vec<u8> {
    let mut v = Vec::new();
    v.extend_from_slice(start.as_bytes());
    v.extend_from_slice(b"\r\n");
    for l in lines {
        v.extend_from_slice(l.as_bytes());
        v.extend_from_slice(b"\r\n");
    }
    v.extend_from_slice(b"\r\n");
    v
}

fn ok200(lines: &[&str]) -> Vec<u8> {
    resp_head("HTTP/1.1 200 OK", lines)
}

/// Offset of the `n`th (from 0) occurrence of `needle` in `hay`.
fn nth(hay: &[u8], needle: &str, n: usize) -> usize {
    let needle = needle.as_bytes();
    hay.windows(needle.len())
        .enumerate()
        .filter(|(_, w)| *w == needle)
        .nth(n)
        .unwrap_or_else(|| panic!("{needle:?} #{n} not in {:?}", String::from_utf8_lossy(hay)))
        .0
}

fn at(hay: &[u8], needle: &str) -> usize {
    nth(hay, needle, 0)
}

#[track_caller]
fn refused(result: Result<MessageInfo, FramingError>, kind: K, offset: usize, field: usize) {
    assert_eq!(
        result,
        Err(FramingError {
            kind,
            offset,
            field: Some(field)
        })
    );
}

#[track_caller]
fn body(result: Result<MessageInfo, FramingError>) -> BodyFraming {
    match result {
        Ok(info) => info.body,
        Err(e) => panic!("refused: {e:?}"),
    }
}

#[track_caller]
fn kind(result: Result<MessageInfo, FramingError>) -> K {
    match result {
        Ok(info) => panic!("accepted: {info:?}"),
        Err(e) => e.kind,
    }
}

fn lenient(names: &[&str]) -> FramingOptions {
    let mut o = FramingOptions::new();
    for n in names {
        assert!(o.enable(n), "{n}");
    }
    o
}

// ---------------------------------------------------------------------------------------------
// SECURITY.md, Framing: Content-Length must be 1*DIGIT

/// `Content-Length: +5` [CVE-2021-32715].
#[test]
fn content_length_plus_sign_refused() {
    let w = post(&["Content-Length: +5"]);
    refused(request(&w), K::InvalidContentLength, at(&w, "+5"), 1);
    refused(
        response(&ok200(&["Content-Length: +5"]), b"GET"),
        K::InvalidContentLength,
        33,
        0,
    );
}

/// `Content-Length: -1`.
#[test]
fn content_length_minus_sign_refused() {
    let w = post(&["Content-Length: -1"]);
    refused(request(&w), K::InvalidContentLength, at(&w, "-1"), 1);
    assert_eq!(
        kind(response(&ok200(&["Content-Length: -1"]), b"GET")),
        K::InvalidContentLength
    );
}

/// `Content-Length: 0x10`: the offset points at the `x`.
#[test]
fn content_length_hex_refused() {
    let w = post(&["Content-Length: 0x10"]);
    refused(request(&w), K::InvalidContentLength, at(&w, "x10"), 1);
    for v in ["0X10", "1e3", "1.0", "1_000", "10h", "\u{661}"] {
        let w = post(&[&format!("Content-Length: {v}")]);
        assert_eq!(kind(request(&w)), K::InvalidContentLength, "{v}");
    }
}

/// `Content-Length: 1 2` [CVE-2018-7159]: interior whitespace is not OWS around a list comma.
#[test]
fn content_length_interior_space_refused() {
    let w = post(&["Content-Length: 1 2"]);
    refused(request(&w), K::InvalidContentLength, at(&w, " 2"), 1);
    let w = post(&["Content-Length: 1\t2"]);
    refused(request(&w), K::InvalidContentLength, at(&w, "\t2"), 1);
    assert_eq!(
        kind(response(&ok200(&["Content-Length: 1 2"]), b"GET")),
        K::InvalidContentLength
    );
}

/// An empty Content-Length (the parser trims the value to nothing).
#[test]
fn content_length_empty_refused() {
    for line in ["Content-Length:", "Content-Length: ", "Content-Length: \t "] {
        let r = request(&post(&[line]));
        assert_eq!(kind(r), K::InvalidContentLength, "{line:?}");
        assert_eq!(r.unwrap_err().field, Some(1));
        assert_eq!(
            kind(response(&ok200(&[line]), b"GET")),
            K::InvalidContentLength
        );
    }
}

/// Overflow past u64, with the offset of the first digit that does not fit.
#[test]
fn content_length_overflow_refused() {
    let max = u64::MAX.to_string();
    assert_eq!(
        body(request(&post(&[&format!("Content-Length: {max}")]))),
        BodyFraming::ContentLength(u64::MAX)
    );
    let w = post(&["Content-Length: 18446744073709551616"]);
    refused(
        request(&w),
        K::ContentLengthTooLarge,
        at(&w, "18446") + 19,
        1,
    );
    let w = post(&["Content-Length: 99999999999999999999999999999"]);
    refused(
        request(&w),
        K::ContentLengthTooLarge,
        at(&w, "9999") + 19,
        1,
    );
    // Leading zeros do not overflow: the value is what counts.
    assert_eq!(
        body(request(&post(&[
            "Content-Length: 0000000000000000000000000000007"
        ]))),
        BodyFraming::ContentLength(7)
    );
    // A non-digit after the overflow is reported as such.
    let w = post(&["Content-Length: 99999999999999999999x"]);
    refused(request(&w), K::InvalidContentLength, at(&w, "9x") + 1, 1);
    assert_eq!(
        kind(response(
            &ok200(&["Content-Length: 18446744073709551616"]),
            b"GET"
        )),
        K::ContentLengthTooLarge
    );
}

/// Several Content-Length values that differ: as field lines or as a list.
#[test]
fn content_length_differing_values_refused() {
    let w = post(&["Content-Length: 5", "Content-Length: 6"]);
    refused(request(&w), K::ConflictingContentLength, at(&w, "6"), 2);
    let w = post(&["Content-Length: 5, 6"]);
    refused(request(&w), K::ConflictingContentLength, at(&w, "6"), 1);
    let w = post(&["Content-Length: 5,6"]);
    refused(request(&w), K::ConflictingContentLength, at(&w, "6"), 1);
    let w = post(&["Content-Length: 5, 5", "X: y", "Content-Length: 5, 7"]);
    refused(request(&w), K::ConflictingContentLength, at(&w, "7"), 3);
    let w = ok200(&["Content-Length: 5", "Content-Length: 50"]);
    refused(
        response(&w, b"GET"),
        K::ConflictingContentLength,
        at(&w, "50"),
        1,
    );
}

/// Decision: a list of identical values is collapsed, on one line or several; "identical" is
/// byte for byte (RFC 9110 §8.6), so `5, 05` is a conflict; empty elements are refused.
#[test]
fn content_length_equal_values_collapsed() {
    for lines in [
        &["Content-Length: 5, 5"][..],
        &["Content-Length: 5,5"],
        &["Content-Length: 5 ,\t5 , 5"],
        &["Content-Length: 5", "Content-Length: 5"],
        &["content-length: 5", "X: 1", "CONTENT-LENGTH: 5, 5"],
    ] {
        assert_eq!(
            body(request(&post(lines))),
            BodyFraming::ContentLength(5),
            "{lines:?}"
        );
        assert_eq!(
            body(response(&ok200(lines), b"GET")),
            BodyFraming::ContentLength(5),
            "{lines:?}"
        );
    }
    let w = post(&["Content-Length: 5, 05"]);
    refused(request(&w), K::ConflictingContentLength, at(&w, "05"), 1);
    let w = post(&["Content-Length: 5,"]);
    refused(request(&w), K::InvalidContentLength, at(&w, "5,") + 2, 1);
    let w = post(&["Content-Length: , 5"]);
    refused(request(&w), K::InvalidContentLength, at(&w, ", 5"), 1);
    let w = post(&["Content-Length: 5,,5"]);
    refused(request(&w), K::InvalidContentLength, at(&w, ",5"), 1);
}

// ---------------------------------------------------------------------------------------------
// SECURITY.md, Framing: Transfer-Encoding

/// `chunked, chunked` [CVE-2020-8287]: chunked exactly once, on one line or across lines.
#[test]
fn transfer_encoding_chunked_twice_refused() {
    let w = post(&["Transfer-Encoding: chunked, chunked"]);
    refused(request(&w), K::ChunkedRepeated, nth(&w, "chunked", 1), 1);
    let w = post(&["Transfer-Encoding: chunked", "Transfer-Encoding: chunked"]);
    refused(request(&w), K::ChunkedRepeated, nth(&w, "chunked", 1), 2);
    let w = post(&["Transfer-Encoding: chunked, gzip, CHUNKED"]);
    refused(request(&w), K::ChunkedRepeated, at(&w, "CHUNKED"), 1);
    // Responses too: chunked applied twice is not a framing anyone agrees on.
    let w = ok200(&["Transfer-Encoding: chunked", "Transfer-Encoding: chunked"]);
    refused(
        response(&w, b"GET"),
        K::ChunkedRepeated,
        nth(&w, "chunked", 1),
        1,
    );
}

/// `,chunked` [CVE-2022-32213]: empty list elements in Transfer-Encoding are refused in strict
/// mode; the `transfer_encoding_empty_elements` leniency skips them (RFC 9110 §5.6.1.2).
#[test]
fn transfer_encoding_empty_element_refused() {
    let w = post(&["Transfer-Encoding: ,chunked"]);
    refused(
        request(&w),
        K::InvalidTransferEncoding,
        at(&w, ",chunked"),
        1,
    );
    let w = post(&["Transfer-Encoding: chunked,"]);
    refused(
        request(&w),
        K::InvalidTransferEncoding,
        at(&w, "chunked,") + 8,
        1,
    );
    let w = post(&["Transfer-Encoding: gzip, ,chunked"]);
    refused(
        request(&w),
        K::InvalidTransferEncoding,
        at(&w, ",chunked"),
        1,
    );
    let w = post(&["Transfer-Encoding:"]);
    assert_eq!(kind(request(&w)), K::InvalidTransferEncoding);
    let w = ok200(&["Transfer-Encoding: , chunked"]);
    assert_eq!(kind(response(&w, b"GET")), K::InvalidTransferEncoding);

    let opts = lenient(&["transfer_encoding_empty_elements"]);
    for v in [",chunked", "chunked,", " , chunked , ", "gzip,,chunked"] {
        let w = post(&[&format!("Transfer-Encoding: {v}")]);
        assert_eq!(body(request_opts(&w, &opts)), BodyFraming::Chunked, "{v}");
    }
    // An empty Transfer-Encoding has no final coding.
    let w = post(&["Transfer-Encoding:"]);
    assert_eq!(kind(request_opts(&w, &opts)), K::ChunkedNotFinal);
    let w = ok200(&["Transfer-Encoding:"]);
    assert_eq!(
        body(response_opts(&w, b"GET", &Config::new(), &opts)),
        BodyFraming::CloseDelimited
    );
}

/// `chunkedx` (and other near-misses) is not chunked: an unknown coding in a request; in a
/// response it is just not chunked, so the body is close-delimited.
#[test]
fn transfer_encoding_chunkedx_refused() {
    for v in ["chunkedx", "xchunked", "chunked-x", "chunk", "chunke d"] {
        let w = post(&[&format!("Transfer-Encoding: {v}")]);
        let e = request(&w).unwrap_err();
        assert!(
            matches!(
                e.kind,
                K::UnknownTransferCoding | K::InvalidTransferEncoding
            ),
            "{v}: {e:?}"
        );
        assert_eq!(e.field, Some(1));
    }
    let w = post(&["Transfer-Encoding: chunkedx"]);
    refused(request(&w), K::UnknownTransferCoding, at(&w, "chunkedx"), 1);
    let w = ok200(&["Transfer-Encoding: chunkedx"]);
    assert_eq!(body(response(&w, b"GET")), BodyFraming::CloseDelimited);
}

/// Unknown codings in a request are refused (a server answers 501), even before chunked;
/// the registered ones are accepted and reported in `other_codings`.
#[test]
fn transfer_encoding_unknown_coding_refused() {
    let w = post(&["Transfer-Encoding: foo, chunked"]);
    refused(request(&w), K::UnknownTransferCoding, at(&w, "foo"), 1);
    let w = post(&["Transfer-Encoding: identity, chunked"]);
    refused(request(&w), K::UnknownTransferCoding, at(&w, "identity"), 1);
    let w = post(&["Transfer-Encoding: trailers, chunked"]);
    refused(request(&w), K::UnknownTransferCoding, at(&w, "trailers"), 1);
    let w = post(&["Transfer-Encoding: identity"]);
    refused(request(&w), K::UnknownTransferCoding, at(&w, "identity"), 1);

    for v in [
        "gzip, chunked",
        "deflate,chunked",
        "compress, chunked",
        "x-gzip, x-compress, chunked",
        "GZip, Chunked",
    ] {
        let info = request(&post(&[&format!("Transfer-Encoding: {v}")])).unwrap();
        assert_eq!(info.body, BodyFraming::Chunked, "{v}");
        assert!(info.other_codings, "{v}");
    }
    let info = request(&post(&["Transfer-Encoding: chunked"])).unwrap();
    assert!(!info.other_codings);
    // Responses: unknown codings do not change the framing.
    let info = response(&ok200(&["Transfer-Encoding: foo, chunked"]), b"GET").unwrap();
    assert_eq!(info.body, BodyFraming::Chunked);
    assert!(info.other_codings);
}

/// chunked must be the final coding of a request (RFC 9112 §6.3 rule 4: 400).
#[test]
fn transfer_encoding_chunked_not_final_refused() {
    let w = post(&["Transfer-Encoding: chunked, gzip"]);
    refused(request(&w), K::ChunkedNotFinal, at(&w, "gzip"), 1);
    let w = post(&["Transfer-Encoding: gzip"]);
    refused(request(&w), K::ChunkedNotFinal, at(&w, "gzip"), 1);
    let w = post(&["Transfer-Encoding: chunked", "Transfer-Encoding: gzip"]);
    refused(request(&w), K::ChunkedNotFinal, at(&w, "gzip"), 2);
    // Split over lines in the right order is fine.
    let w = post(&["Transfer-Encoding: gzip", "Transfer-Encoding: chunked"]);
    assert_eq!(body(request(&w)), BodyFraming::Chunked);
}

/// Elements are bare tokens: parameters, quotes and other non-token bytes are refused.
#[test]
fn transfer_encoding_non_token_refused() {
    let w = post(&["Transfer-Encoding: chunked;ext=1"]);
    refused(request(&w), K::InvalidTransferEncoding, at(&w, ";ext"), 1);
    let w = post(&["Transfer-Encoding: \"chunked\""]);
    refused(
        request(&w),
        K::InvalidTransferEncoding,
        at(&w, "\"chunked"),
        1,
    );
    let w = post(&["Transfer-Encoding: chun\u{e9}ked"]);
    refused(request(&w), K::InvalidTransferEncoding, at(&w, "\u{e9}"), 1);
    let w = ok200(&["Transfer-Encoding: chunked;x=y"]);
    refused(
        response(&w, b"GET"),
        K::InvalidTransferEncoding,
        at(&w, ";x"),
        0,
    );
}

/// Transfer-Encoding together with Content-Length is refused in strict mode, pointing at the
/// later of the two fields; whatever the Content-Length holds.
#[test]
fn transfer_encoding_with_content_length_refused() {
    let w = post(&["Transfer-Encoding: chunked", "Content-Length: 5"]);
    refused(
        request(&w),
        K::TransferEncodingWithContentLength,
        at(&w, "Content-Length"),
        2,
    );
    let w = post(&["Content-Length: 5", "Transfer-Encoding: chunked"]);
    refused(
        request(&w),
        K::TransferEncodingWithContentLength,
        at(&w, "Transfer-Encoding"),
        2,
    );
    for cl in ["0", "abc", "5, 6", ""] {
        let w = post(&[
            "transfer-encoding: chunked",
            &format!("content-length: {cl}"),
        ]);
        assert_eq!(
            kind(request(&w)),
            K::TransferEncodingWithContentLength,
            "{cl}"
        );
    }
    let w = ok200(&["Content-Length: 5", "Transfer-Encoding: chunked"]);
    refused(
        response(&w, b"GET"),
        K::TransferEncodingWithContentLength,
        at(&w, "Transfer-Encoding"),
        1,
    );
}

/// The `transfer_encoding_with_content_length` leniency: Transfer-Encoding wins (RFC 9112 §6.3
/// rule 3), the Content-Length is ignored, and the connection does not persist (§6.1).
#[test]
fn transfer_encoding_with_content_length_lenient() {
    let opts = lenient(&["transfer_encoding_with_content_length"]);
    let w = post(&["Transfer-Encoding: chunked", "Content-Length: 5"]);
    let info = request_opts(&w, &opts).unwrap();
    assert_eq!(info.body, BodyFraming::Chunked);
    assert!(!info.keep_alive);
    let w = post(&["Content-Length: +5", "Transfer-Encoding: chunked"]);
    assert_eq!(body(request_opts(&w, &opts)), BodyFraming::Chunked);
    // The Transfer-Encoding itself is still checked.
    let w = post(&["Content-Length: 5", "Transfer-Encoding: chunked, gzip"]);
    assert_eq!(kind(request_opts(&w, &opts)), K::ChunkedNotFinal);
    let w = ok200(&["Content-Length: 5", "Transfer-Encoding: chunked"]);
    let info = response_opts(&w, b"GET", &Config::new(), &opts).unwrap();
    assert_eq!(info.body, BodyFraming::Chunked);
    assert!(!info.keep_alive);
}

/// Transfer-Encoding in an HTTP/1.0 message is faulty framing (RFC 9112 §6.1), with or without
/// Content-Length, in requests and responses, and under every leniency.
#[test]
fn transfer_encoding_in_http10_refused() {
    let w = post10(&["Transfer-Encoding: chunked"]);
    refused(
        request(&w),
        K::TransferEncodingInHttp10,
        at(&w, "Transfer"),
        1,
    );
    let w = post10(&["Content-Length: 5", "Transfer-Encoding: chunked"]);
    refused(
        request(&w),
        K::TransferEncodingInHttp10,
        at(&w, "Transfer"),
        2,
    );
    assert_eq!(
        kind(request_opts(&w, &FramingOptions::all())),
        K::TransferEncodingInHttp10
    );
    let w = resp_head("HTTP/1.0 200 OK", &["Transfer-Encoding: chunked"]);
    refused(
        response(&w, b"GET"),
        K::TransferEncodingInHttp10,
        at(&w, "Transfer"),
        0,
    );
    let w = resp_head("HTTP/1.0 200 OK", &["Transfer-Encoding: gzip"]);
    assert_eq!(kind(response(&w, b"GET")), K::TransferEncodingInHttp10);
}

// ---------------------------------------------------------------------------------------------
// SECURITY.md, Framing: responses

/// No body for a response to HEAD, whatever the framing fields say (they are not checked).
#[test]
fn response_to_head_has_no_body() {
    for lines in [
        &["Content-Length: 120"][..],
        &["Transfer-Encoding: chunked"],
        &["Content-Length: +5"],
        &["Content-Length: 5", "Transfer-Encoding: chunked"],
        &[],
    ] {
        let info = response(&ok200(lines), b"HEAD").unwrap();
        assert_eq!(info.body, BodyFraming::None, "{lines:?}");
        assert!(info.keep_alive, "{lines:?}");
    }
    // The method is case-sensitive: `head` is not HEAD.
    assert_eq!(
        body(response(&ok200(&["Content-Length: 3"]), b"head")),
        BodyFraming::ContentLength(3)
    );
}

/// No body for 1xx (other than 101), 204 and 304.
#[test]
fn response_1xx_204_304_have_no_body() {
    for status in [
        "100 Continue",
        "102 Processing",
        "103 Early Hints",
        "199 X",
        "204 No Content",
        "304 Not Modified",
    ] {
        for lines in [
            &[][..],
            &["Content-Length: 10"],
            &["Transfer-Encoding: chunked"],
            &["Content-Length: x"],
        ] {
            let w = resp_head(&format!("HTTP/1.1 {status}"), lines);
            let info = response(&w, b"GET").unwrap();
            assert_eq!(info.body, BodyFraming::None, "{status} {lines:?}");
            assert!(info.keep_alive);
            assert!(!info.upgrade);
        }
    }
    let w = resp_head("HTTP/1.1 304 Not Modified", &["Connection: close"]);
    assert!(!response(&w, b"GET").unwrap().keep_alive);
}

/// A 2xx to CONNECT is a tunnel; framing fields are ignored; other statuses frame normally.
#[test]
fn response_2xx_to_connect_is_a_tunnel() {
    for status in [
        "200 OK",
        "200 Connection Established",
        "201 Created",
        "299 X",
    ] {
        for lines in [
            &[][..],
            &["Content-Length: 5"],
            &["Transfer-Encoding: chunked"],
        ] {
            let w = resp_head(&format!("HTTP/1.1 {status}"), lines);
            let info = response(&w, b"CONNECT").unwrap();
            assert_eq!(info.body, BodyFraming::Tunnel, "{status} {lines:?}");
            assert!(!info.keep_alive);
        }
    }
    let w = resp_head(
        "HTTP/1.1 407 Proxy Authentication Required",
        &["Content-Length: 4"],
    );
    assert_eq!(
        body(response(&w, b"CONNECT")),
        BodyFraming::ContentLength(4)
    );
    let w = resp_head("HTTP/1.1 403 Forbidden", &[]);
    assert_eq!(body(response(&w, b"CONNECT")), BodyFraming::CloseDelimited);
    // 204 to CONNECT: still a 2xx, but rule 1 (no body) comes first.
    let w = resp_head("HTTP/1.1 204 No Content", &[]);
    assert_eq!(body(response(&w, b"CONNECT")), BodyFraming::None);
}

/// Otherwise close-delimited when neither field is present; the connection then cannot persist.
#[test]
fn response_without_framing_fields_is_close_delimited() {
    for start in [
        "HTTP/1.1 200 OK",
        "HTTP/1.0 200 OK",
        "HTTP/1.1 404 Not Found",
    ] {
        let w = resp_head(start, &["Connection: keep-alive", "Server: x"]);
        let info = response(&w, b"GET").unwrap();
        assert_eq!(info.body, BodyFraming::CloseDelimited, "{start}");
        assert!(!info.keep_alive, "{start}");
    }
    // Transfer-Encoding without chunked final: close-delimited (RFC 9112 §6.3 rule 4).
    let info = response(&ok200(&["Transfer-Encoding: gzip"]), b"GET").unwrap();
    assert_eq!(info.body, BodyFraming::CloseDelimited);
    assert!(!info.keep_alive);
    assert!(info.other_codings);
    let w = ok200(&["Transfer-Encoding: chunked, gzip"]);
    assert_eq!(body(response(&w, b"GET")), BodyFraming::CloseDelimited);
}

// ---------------------------------------------------------------------------------------------
// Versions

/// Major version 1 only; 1.x with x > 1 has HTTP/1.1 semantics (RFC 9110 §2.5).
#[test]
fn versions() {
    let w = head("GET /x HTTP/2.0", &[]);
    assert_eq!(
        request(&w),
        Err(FramingError {
            kind: K::UnsupportedVersion,
            offset: 7,
            field: None
        })
    );
    let w = head("GET /x HTTP/0.9", &[]);
    assert_eq!(kind(request(&w)), K::UnsupportedVersion);
    // The version offset follows the target even with several spaces (leniency).
    let mut storage = FieldStorage::<8>::new();
    let cfg = Config::new().lenient(Leniency::all());
    let wire = b"GET  /long/target   HTTP/3.0\r\n\r\n";
    let req = parse_request(wire, &mut storage, &cfg)
        .unwrap()
        .complete()
        .unwrap();
    assert_eq!(request_framing(&req).unwrap_err().offset, 20);

    let w = resp_head("HTTP/2.0 200 OK", &["Content-Length: 1"]);
    assert_eq!(
        response(&w, b"GET"),
        Err(FramingError {
            kind: K::UnsupportedVersion,
            offset: 0,
            field: None
        })
    );

    for v in ["1.2", "1.9"] {
        let info = request(&head(&format!("GET / HTTP/{v}"), &[])).unwrap();
        assert!(info.keep_alive, "{v}");
        let w = post(&["Transfer-Encoding: chunked"]);
        let w = String::from_utf8(w)
            .unwrap()
            .replace("HTTP/1.1", &format!("HTTP/{v}"));
        assert_eq!(body(request(w.as_bytes())), BodyFraming::Chunked);
        let w = resp_head(&format!("HTTP/{v} 200 OK"), &["Content-Length: 0"]);
        assert!(response(&w, b"GET").unwrap().keep_alive);
    }
}

// ---------------------------------------------------------------------------------------------
// Normal cases

#[test]
fn get_without_body() {
    let info = request(b"GET / HTTP/1.1\r\nHost: a\r\n\r\n").unwrap();
    assert_eq!(info.body, BodyFraming::None);
    assert!(info.keep_alive);
    assert!(!info.upgrade);
    assert!(!info.expect_continue);
    assert!(!info.other_codings);
    // HTTP/1.0 without framing fields: no body either (requests are never close-delimited).
    let info = request(b"GET / HTTP/1.0\r\n\r\n").unwrap();
    assert_eq!(info.body, BodyFraming::None);
    assert!(!info.keep_alive);
}

#[test]
fn post_with_content_length() {
    assert_eq!(
        body(request(&post(&["Content-Length: 11"]))),
        BodyFraming::ContentLength(11)
    );
    assert_eq!(
        body(request(&post(&["content-LENGTH: 0"]))),
        BodyFraming::ContentLength(0)
    );
    let info = request(&post10(&["Content-Length: 3"])).unwrap();
    assert_eq!(info.body, BodyFraming::ContentLength(3));
    assert!(!info.keep_alive);
    // A GET may carry a body too.
    assert_eq!(
        body(request(&head("GET /x HTTP/1.1", &["Content-Length: 2"]))),
        BodyFraming::ContentLength(2)
    );
}

#[test]
fn chunked_request() {
    let info = request(&post(&["Transfer-Encoding: chunked"])).unwrap();
    assert_eq!(info.body, BodyFraming::Chunked);
    assert!(info.keep_alive);
    assert_eq!(
        body(request(&post(&["TRANSFER-ENCODING:\tChunked\t"]))),
        BodyFraming::Chunked
    );
}

#[test]
fn response_framings() {
    let info = response(&ok200(&["Content-Length: 42"]), b"GET").unwrap();
    assert_eq!(info.body, BodyFraming::ContentLength(42));
    assert!(info.keep_alive);
    assert!(!info.upgrade);
    assert!(!info.expect_continue);
    let info = response(&ok200(&["Transfer-Encoding: chunked"]), b"POST").unwrap();
    assert_eq!(info.body, BodyFraming::Chunked);
    assert!(info.keep_alive);
    // Expect means nothing in a response.
    let info = response(
        &ok200(&["Expect: 100-continue", "Content-Length: 0"]),
        b"GET",
    )
    .unwrap();
    assert!(!info.expect_continue);
}

/// 101 switches protocols: a tunnel, upgrade granted, no more HTTP/1 on the connection.
#[test]
fn response_101_is_an_upgrade() {
    let w = resp_head(
        "HTTP/1.1 101 Switching Protocols",
        &["Upgrade: websocket", "Connection: Upgrade"],
    );
    let info = response(&w, b"GET").unwrap();
    assert_eq!(info.body, BodyFraming::Tunnel);
    assert!(info.upgrade);
    assert!(!info.keep_alive);
    // Even with (ignored) framing fields.
    let w = resp_head("HTTP/1.1 101 Switching Protocols", &["Content-Length: 5"]);
    assert_eq!(body(response(&w, b"GET")), BodyFraming::Tunnel);
    // And to HEAD too: no body, and the connection switches all the same (the 101 rule comes
    // before the HEAD rule).
    assert_eq!(body(response(&w, b"HEAD")), BodyFraming::Tunnel);
}

/// Persistence (RFC 9112 §9.3): HTTP/1.1 unless `close`; HTTP/1.0 only with `keep-alive`.
#[test]
fn keep_alive_matrix() {
    let cases: &[(&str, &[&str], bool)] = &[
        ("1.1", &[], true),
        ("1.1", &["Connection: close"], false),
        ("1.1", &["Connection: Close"], false),
        ("1.1", &["connection: CLOSE"], false),
        ("1.1", &["Connection: keep-alive"], true),
        ("1.1", &["Connection: keep-alive, close"], false),
        ("1.1", &["Connection: foo", "Connection: close"], false),
        ("1.1", &["Connection: foo,close,bar"], false),
        ("1.1", &["Connection: ,  close ,"], false),
        ("1.1", &["Connection: closed"], true),
        ("1.1", &["Connection: x-close"], true),
        ("1.1", &["Connection: \"close\""], true),
        ("1.1", &["Connection:"], true),
        ("1.1", &["X-Connection: close"], true),
        ("1.0", &[], false),
        ("1.0", &["Connection: keep-alive"], true),
        ("1.0", &["Connection: Keep-Alive"], true),
        ("1.0", &["Connection: upgrade, keep-alive"], true),
        ("1.0", &["Connection: foo", "Connection: keep-alive"], true),
        ("1.0", &["Connection: keep-alive, close"], false),
        (
            "1.0",
            &["Connection: keep-alive", "Connection: close"],
            false,
        ),
        ("1.0", &["Connection: keep-alives"], false),
        ("1.0", &["Keep-Alive: timeout=5"], false),
    ];
    for &(version, lines, want) in cases {
        let w = head(&format!("GET / HTTP/{version}"), lines);
        assert_eq!(
            request(&w).unwrap().keep_alive,
            want,
            "request {version} {lines:?}"
        );
        // A response that is not close-delimited follows the same rules.
        let mut rl = lines.to_vec();
        rl.push("Content-Length: 0");
        let w = resp_head(&format!("HTTP/{version} 200 OK"), &rl);
        assert_eq!(
            response(&w, b"GET").unwrap().keep_alive,
            want,
            "response {version} {lines:?}"
        );
        // A close-delimited one never persists.
        let w = resp_head(&format!("HTTP/{version} 200 OK"), lines);
        assert!(!response(&w, b"GET").unwrap().keep_alive);
    }
}

/// `Expect: 100-continue`, case-insensitive, in an HTTP/1.1 request (ignored in HTTP/1.0).
#[test]
fn expect_continue() {
    for v in [
        "100-continue",
        "100-Continue",
        "100-CONTINUE",
        "foo, 100-continue",
    ] {
        let w = post(&[&format!("Expect: {v}"), "Content-Length: 5"]);
        assert!(request(&w).unwrap().expect_continue, "{v}");
    }
    let w = post(&["expect: foo", "EXPECT: 100-continue", "Content-Length: 5"]);
    assert!(request(&w).unwrap().expect_continue);
    for v in [
        "100-continued",
        "100",
        "\"100-continue\"",
        "200-continue",
        "",
    ] {
        let w = post(&[&format!("Expect: {v}"), "Content-Length: 5"]);
        assert!(!request(&w).unwrap().expect_continue, "{v:?}");
    }
    let w = post10(&["Expect: 100-continue", "Content-Length: 5"]);
    assert!(!request(&w).unwrap().expect_continue);
    assert!(
        !request(&post(&["Content-Length: 5"]))
            .unwrap()
            .expect_continue
    );
}

/// Upgrade (RFC 9110 §7.8): `Upgrade` plus the `upgrade` connection option, HTTP/1.1 only.
#[test]
fn upgrade_requested() {
    let w = head(
        "GET /chat HTTP/1.1",
        &["Upgrade: websocket", "Connection: Upgrade"],
    );
    let info = request(&w).unwrap();
    assert!(info.upgrade);
    assert_eq!(info.body, BodyFraming::None);
    assert!(info.keep_alive);
    let w = head(
        "GET / HTTP/1.1",
        &["Connection: keep-alive, upgrade", "upgrade: h2c, foo/2"],
    );
    assert!(request(&w).unwrap().upgrade);
    // The request body is framed as usual (the switch happens after it).
    let w = post(&[
        "Upgrade: h2c",
        "Connection: Upgrade, HTTP2-Settings",
        "Content-Length: 3",
    ]);
    let info = request(&w).unwrap();
    assert!(info.upgrade);
    assert_eq!(info.body, BodyFraming::ContentLength(3));

    for lines in [
        &["Upgrade: websocket"][..],
        &["Connection: upgrade"],
        &["Upgrade:", "Connection: upgrade"],
        &["Upgrade: ,", "Connection: upgrade"],
        &["Upgrade: websocket", "Connection: upgraded"],
    ] {
        assert!(
            !request(&head("GET / HTTP/1.1", lines)).unwrap().upgrade,
            "{lines:?}"
        );
    }
    let w = head(
        "GET / HTTP/1.0",
        &["Upgrade: websocket", "Connection: upgrade"],
    );
    assert!(!request(&w).unwrap().upgrade);
    // Responses other than 101 never grant one.
    let w = ok200(&[
        "Upgrade: websocket",
        "Connection: upgrade",
        "Content-Length: 0",
    ]);
    assert!(!response(&w, b"GET").unwrap().upgrade);
}

/// Under the parser's `obs_fold` leniency a folded value reads as if the fold were SP.
#[test]
fn folded_values() {
    let cfg = Config::new().lenient(Leniency::all());
    let w = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip,\r\n chunked\r\n\r\n";
    assert_eq!(
        body(response_opts(w, b"GET", &cfg, &FramingOptions::STRICT)),
        BodyFraming::Chunked
    );
    let w = b"HTTP/1.1 200 OK\r\nContent-Length: 5,\r\n\t5\r\n\r\n";
    assert_eq!(
        body(response_opts(w, b"GET", &cfg, &FramingOptions::STRICT)),
        BodyFraming::ContentLength(5)
    );
    let w = b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n 5\r\n\r\n";
    assert_eq!(
        kind(response_opts(w, b"GET", &cfg, &FramingOptions::STRICT)),
        K::InvalidContentLength
    );
}

// ---------------------------------------------------------------------------------------------
// Names, messages, options

#[test]
fn error_names_and_messages() {
    let kinds = [
        K::UnsupportedVersion,
        K::InvalidContentLength,
        K::ContentLengthTooLarge,
        K::ConflictingContentLength,
        K::TransferEncodingWithContentLength,
        K::TransferEncodingInHttp10,
        K::InvalidTransferEncoding,
        K::ChunkedRepeated,
        K::ChunkedNotFinal,
        K::UnknownTransferCoding,
    ];
    let mut names: Vec<&str> = kinds.iter().map(|k| k.name()).collect();
    for k in kinds {
        let n = k.name();
        assert!(
            !n.is_empty()
                && n.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
            "{n}"
        );
        assert!(!k.message().is_empty());
    }
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), kinds.len());
    let e = request(&post(&["Content-Length: +5"])).unwrap_err();
    assert_eq!(
        e.to_string(),
        format!("Content-Length must be 1*DIGIT (at byte {})", e.offset)
    );
    let _: &dyn core::error::Error = &e;

    let framings = [
        (BodyFraming::None, "none"),
        (BodyFraming::ContentLength(1), "content_length"),
        (BodyFraming::Chunked, "chunked"),
        (BodyFraming::CloseDelimited, "close_delimited"),
        (BodyFraming::Tunnel, "tunnel"),
    ];
    for (f, n) in framings {
        assert_eq!(f.name(), n);
    }
}

#[test]
fn options_by_name() {
    let mut o = FramingOptions::new();
    assert_eq!(o, FramingOptions::STRICT);
    assert_eq!(o, FramingOptions::default());
    for n in FramingOptions::NAMES {
        assert!(o.enable(n), "{n}");
    }
    assert_eq!(o, FramingOptions::all());
    assert!(!o.enable("bare_lf"));
}

// ---------------------------------------------------------------------------------------------
// Helpers

#[test]
fn token_helper() {
    assert!(is_token(b"chunked"));
    assert!(is_token(b"!#$%&'*+-.^_`|~09azAZ"));
    for bad in [
        &b""[..],
        b" ",
        b"a b",
        b"a,b",
        b"a;b",
        b"\"a\"",
        b"a/b",
        b"\x00",
        b"\x7f",
        b"\xc3\xa9",
    ] {
        assert!(!is_token(bad), "{bad:?}");
    }
}

#[test]
fn list_helpers() {
    fn all(v: &[u8]) -> Vec<&[u8]> {
        list_elements(v).collect()
    }
    assert_eq!(all(b""), [&b""[..]]);
    assert_eq!(all(b"a"), [&b"a"[..]]);
    assert_eq!(all(b" a , b\t,c "), [&b"a"[..], b"b", b"c"]);
    assert_eq!(all(b",,"), [&b""[..], b"", b""]);
    assert_eq!(all(br#"a="x,y", b"#), [&br#"a="x,y""#[..], b"b"]);
    assert_eq!(all(br#""a\",b", c"#), [&br#""a\",b""#[..], b"c"]);
    assert_eq!(
        all(br#"a, "unterminated, b"#),
        [&b"a"[..], br#""unterminated, b"#]
    );
    assert_eq!(all(b"a, \"x\\"), [&b"a"[..], b"\"x\\"]);
    assert_eq!(all(b"\xff, \xfe"), [&b"\xff"[..], b"\xfe"]);

    let w = head(
        "GET / HTTP/1.1",
        &[
            "Accept: a, ,b",
            "X: q",
            "accept:",
            "ACCEPT: c",
            "Accept-Encoding: z",
        ],
    );
    let mut storage = FieldStorage::<16>::new();
    let req = parse_request(&w, &mut storage, &Config::new())
        .unwrap()
        .complete()
        .unwrap();
    let got: Vec<&[u8]> = field_list(&req.fields, b"Accept").collect();
    assert_eq!(got, [&b"a"[..], b"b", b"c"]);
    assert_eq!(field_list(&req.fields, b"missing").count(), 0);
    let mut it = field_list(&req.fields, b"accept-encoding");
    assert_eq!(it.next(), Some(&b"z"[..]));
    assert_eq!(it.next(), None);
    assert_eq!(it.next(), None);
}

// ---------------------------------------------------------------------------------------------
// Properties

fn reference_content_length(v: &[u8]) -> Option<u64> {
    if v.is_empty() || !v.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(v).ok()?.parse::<u64>().ok()
}

/// Proptest settings: few cases and no failure files under miri (which has no file system).
fn cases() -> ProptestConfig {
    if cfg!(miri) {
        common::miri_proptest_config(4)
    } else {
        ProptestConfig {
            cases: 512,
            ..ProptestConfig::default()
        }
    }
}

/// A header value for the framing property: pieces that matter, glued at random.
fn framing_value() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("chunked".to_string()),
        Just("CHUNKED".to_string()),
        Just("gzip".to_string()),
        Just("foo".to_string()),
        Just(",".to_string()),
        Just(" ".to_string()),
        Just(";".to_string()),
        Just("\"".to_string()),
        Just("close".to_string()),
        Just("keep-alive".to_string()),
        "[0-9]{1,22}",
        "[+x -]",
    ];
    proptest::collection::vec(piece, 0..6).prop_map(|v| v.concat())
}

fn framing_name() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        Just("Content-Length"),
        Just("transfer-encoding"),
        Just("Connection"),
        Just("Upgrade"),
        Just("Expect"),
        Just("X-Other"),
    ]
}

proptest! {
    #![proptest_config(cases())]

    /// The strict Content-Length parser agrees with "all ASCII digits, not empty, fits in u64".
    #[test]
    fn content_length_matches_reference(v in prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..24),
        "[0-9]{0,24}".prop_map(String::into_bytes),
        "[0-9]{0,12}[^0-9][0-9]{0,8}".prop_map(String::into_bytes),
        (0u64..=u64::MAX).prop_map(|n| n.to_string().into_bytes()),
        (0u64..=u64::MAX, 0u64..10).prop_map(|(n, d)| format!("{n}{d}").into_bytes()),
    ]) {
        prop_assert_eq!(parse_content_length(&v), reference_content_length(&v));
    }

    /// On any mix of framing fields: no panic, a refusal points into a framing field of the
    /// head, and an accepted framing agrees with what the fields say.
    #[test]
    fn framing_is_consistent(
        lines in proptest::collection::vec((framing_name(), framing_value()), 0..5),
        http10 in any::<bool>(),
        status in prop_oneof![Just(200u16), Just(204), Just(101), Just(304), Just(404)],
        method in prop_oneof![Just("GET"), Just("HEAD"), Just("CONNECT"), Just("POST")],
    ) {
        let version = if http10 { "1.0" } else { "1.1" };
        let lines: Vec<String> = lines.iter().map(|(n, v)| format!("{n}: {v}")).collect();
        let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
        let w = head(&format!("POST / HTTP/{version}"), &lines);
        let mut storage = FieldStorage::<16>::new();
        let req = parse_request(&w, &mut storage, &Config::new()).unwrap().complete().unwrap();
        let te_values: Vec<&[u8]> = req.fields.get_all(b"transfer-encoding").collect();
        let cl_values: Vec<&[u8]> = req.fields.get_all(b"content-length").collect();
        for opts in [FramingOptions::STRICT, FramingOptions::all()] {
            match request_framing_with(&req, &opts) {
                Err(e) => {
                    prop_assert!(e.offset < req.head_len);
                    let f = req.fields.at(e.field.unwrap()).unwrap();
                    prop_assert!(f.name.eq_ignore_ascii_case(b"content-length")
                        || f.name.eq_ignore_ascii_case(b"transfer-encoding"));
                }
                Ok(info) => match info.body {
                    BodyFraming::None => {
                        prop_assert!(te_values.is_empty() && cl_values.is_empty());
                    }
                    BodyFraming::ContentLength(n) => {
                        prop_assert!(te_values.is_empty());
                        for v in &cl_values {
                            for e in list_elements(v) {
                                prop_assert_eq!(parse_content_length(e), Some(n));
                            }
                        }
                    }
                    BodyFraming::Chunked => {
                        prop_assert!(!http10);
                        prop_assert!(cl_values.is_empty()
                            || opts.transfer_encoding_with_content_length);
                        let last = te_values.iter().flat_map(|v| list_elements(v))
                            .filter(|e| !e.is_empty()).last().unwrap();
                        prop_assert!(last.eq_ignore_ascii_case(b"chunked"));
                    }
                    other => prop_assert!(false, "request framed as {:?}", other),
                },
            }
        }

        let w = resp_head(&format!("HTTP/{version} {status} X"), &lines);
        let mut storage = FieldStorage::<16>::new();
        let resp = parse_response(&w, &mut storage, &Config::new())
            .unwrap().complete().unwrap();
        for opts in [FramingOptions::STRICT, FramingOptions::all()] {
            match response_framing_with(&resp, method.as_bytes(), &opts) {
                Err(e) => {
                    prop_assert!(e.offset < resp.head_len);
                    let f = resp.fields.at(e.field.unwrap()).unwrap();
                    prop_assert!(f.name.eq_ignore_ascii_case(b"content-length")
                        || f.name.eq_ignore_ascii_case(b"transfer-encoding"));
                }
                Ok(info) => {
                    let no_body = method == "HEAD" || status == 204 || status == 304;
                    let expected_tunnel = status == 101
                        || (method == "CONNECT" && status == 200);
                    if expected_tunnel {
                        prop_assert_eq!(info.body, BodyFraming::Tunnel);
                    } else if no_body {
                        prop_assert_eq!(info.body, BodyFraming::None);
                    } else {
                        prop_assert!(!matches!(info.body, BodyFraming::None | BodyFraming::Tunnel));
                    }
                    if matches!(info.body, BodyFraming::CloseDelimited | BodyFraming::Tunnel) {
                        prop_assert!(!info.keep_alive);
                    }
                }
            }
        }
    }
}

/// Names that differ from a framing field's name in one byte, anywhere (the middle byte of
/// the 17-byte `transfer-encoding` included, which a two-word comparison once skipped), are
/// other fields: `Transfer_Encoding: chunked` frames nothing (a smuggling vector when one
/// reader honours it and the next does not).
#[test]
fn near_miss_names_are_other_fields() {
    for name in ["transfer-encoding", "content-length", "connection"] {
        for k in 0..name.len() {
            let mut near = name.as_bytes().to_vec();
            near[k] = if near[k] == b'_' { b'x' } else { b'_' };
            let near = String::from_utf8(near).unwrap();
            let value = if name == "connection" {
                "close"
            } else {
                "chunked"
            };
            let info = request(&post(&[&format!("{near}: {value}")])).unwrap();
            assert_eq!(info.body, BodyFraming::None, "{near}");
            assert!(info.keep_alive, "{near}");
        }
    }
    // The real names, in any case, still count.
    let info = request(&post(&["TRANSFER-ENCODING: chunked"])).unwrap();
    assert_eq!(info.body, BodyFraming::Chunked);
}

/// A CONNECT that declares content is refused in strict mode (RFC 9110 §9.3.6), at the name of
/// the declaring field; `Content-Length: 0` and no framing field are fine; the
/// `connect_with_content` leniency frames it as declared.
#[test]
fn connect_with_content_is_refused() {
    let head = "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n";
    let name_at = head.len();
    for (field, body) in [
        ("Content-Length: 5\r\n", BodyFraming::ContentLength(5)),
        ("Transfer-Encoding: chunked\r\n", BodyFraming::Chunked),
    ] {
        let wire = format!("{head}{field}\r\n");
        let e = request(wire.as_bytes()).unwrap_err();
        assert_eq!(
            (e.kind, e.offset, e.field),
            (K::ConnectWithContent, name_at, Some(1)),
            "{field:?}"
        );
        let mut opts = FramingOptions::new();
        assert!(opts.enable("connect_with_content"));
        assert_eq!(request_opts(wire.as_bytes(), &opts).unwrap().body, body);
    }
    for (field, body) in [
        ("Content-Length: 0\r\n", BodyFraming::ContentLength(0)),
        ("X-Other: 5\r\n", BodyFraming::None),
        ("", BodyFraming::None),
    ] {
        let wire = format!("{head}{field}\r\n");
        assert_eq!(request(wire.as_bytes()).unwrap().body, body, "{field:?}");
    }
    // Other methods keep their content.
    let wire = b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\n";
    assert_eq!(request(wire).unwrap().body, BodyFraming::ContentLength(5));
}
