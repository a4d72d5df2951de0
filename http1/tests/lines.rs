//! Pre-built field lines (`http1::lines`): every line parses back with the strict parser as
//! exactly the one field it names, the checked field writer writes the same bytes, the
//! `Content-Length` line equals `format!`'s for every digit count and any `u64`, a sink that
//! cannot take it is left as it was, and file extensions map to their media types.
#![cfg(feature = "alloc")]

use http1::lines::{
    CONNECTION_CLOSE, CONNECTION_KEEP_ALIVE, ContentLength, MediaType, TRANSFER_ENCODING_CHUNKED,
    write_content_length,
};
use http1::write::{HeadWriter, Reason, WriteError};
use http1::{Config, FieldStorage, Outcome, StatusCode, Version, parse_response};
use proptest::prelude::*;

mod common;

const STATUS: &[u8] = b"HTTP/1.1 200 OK\r\n";

/// Every pre-built line with the name and value it must carry: the values of the issue, written
/// out here so that the table in `lines.rs` is checked against them.
fn every_line() -> Vec<(&'static [u8], &'static str, &'static str)> {
    use MediaType::*;
    let media: [(MediaType, &str); 15] = [
        (TextPlain, "text/plain; charset=utf-8"),
        (TextHtml, "text/html; charset=utf-8"),
        (TextCss, "text/css; charset=utf-8"),
        (TextJavascript, "text/javascript; charset=utf-8"),
        (ApplicationJson, "application/json"),
        (ApplicationOctetStream, "application/octet-stream"),
        (
            ApplicationFormUrlencoded,
            "application/x-www-form-urlencoded",
        ),
        (ImagePng, "image/png"),
        (ImageJpeg, "image/jpeg"),
        (ImageGif, "image/gif"),
        (ImageSvg, "image/svg+xml"),
        (ImageWebp, "image/webp"),
        (ApplicationPdf, "application/pdf"),
        (ApplicationWasm, "application/wasm"),
        (TextEventStream, "text/event-stream"),
    ];
    assert_eq!(
        media.len(),
        MediaType::ALL.len(),
        "every media type is listed"
    );
    let mut lines = vec![
        (CONNECTION_CLOSE, "Connection", "close"),
        (CONNECTION_KEEP_ALIVE, "Connection", "keep-alive"),
        (TRANSFER_ENCODING_CHUNKED, "Transfer-Encoding", "chunked"),
    ];
    for (m, value) in media {
        assert!(MediaType::ALL.contains(&m));
        assert_eq!(m.value(), value);
        lines.push((m.content_type_line(), "Content-Type", value));
    }
    lines
}

/// `STATUS`, `line`, the empty line.
fn head_with(line: &[u8]) -> Vec<u8> {
    [STATUS, line, b"\r\n"].concat()
}

/// The one field of the response head `STATUS line CRLF`, read by the strict parser, which
/// must take the whole head.
fn parse_one_field(line: &[u8]) -> (Vec<u8>, Vec<u8>) {
    let head = head_with(line);
    let mut storage = FieldStorage::<4>::new();
    let r = match parse_response(&head, &mut storage, &Config::new()) {
        Ok(Outcome::Complete(r)) => r,
        other => panic!("{:?}: {other:?}", String::from_utf8_lossy(line)),
    };
    assert_eq!(r.head_len, head.len());
    assert_eq!(r.status.as_u16(), 200);
    let fields: Vec<_> = r.fields.iter().collect();
    assert_eq!(fields.len(), 1, "{:?}", String::from_utf8_lossy(line));
    (fields[0].name.to_vec(), fields[0].value.to_vec())
}

/// The head that `HeadWriter` writes: `STATUS`, the field `name: value`, the empty line.
fn written_by_head_writer(name: &[u8], value: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let status = StatusCode::new(200).unwrap();
    let mut w = HeadWriter::response(&mut out, Version::HTTP_11, status, Reason::Canonical)
        .expect("the status line");
    w.field(name, value).expect("the writer accepts the field");
    let n = w.finish().unwrap();
    assert_eq!(n, out.len());
    out
}

#[test]
fn every_line_parses_back_as_its_one_field() {
    for (line, name, value) in every_line() {
        assert_eq!(line, format!("{name}: {value}\r\n").as_bytes());
        let (n, v) = parse_one_field(line);
        assert_eq!(n, name.as_bytes());
        assert_eq!(v, value.as_bytes());
    }
}

#[test]
fn the_field_writer_accepts_every_line_and_writes_the_same_bytes() {
    for (line, name, value) in every_line() {
        assert_eq!(
            written_by_head_writer(name.as_bytes(), value.as_bytes()),
            head_with(line),
            "{name}: {value}"
        );
    }
}

#[test]
fn essences_are_the_values_without_parameters() {
    for &m in MediaType::ALL {
        let essence = m.value().split(';').next().unwrap().trim();
        assert_eq!(m.essence(), essence);
        assert_eq!(m.essence(), m.essence().to_ascii_lowercase());
        assert_eq!(m.essence().matches('/').count(), 1);
    }
    assert_eq!(MediaType::TextPlain.essence(), "text/plain");
    assert_eq!(MediaType::TextJavascript.essence(), "text/javascript");
    assert_eq!(
        MediaType::ApplicationFormUrlencoded.essence(),
        "application/x-www-form-urlencoded"
    );
}

// ---------------------------------------------------------------------------------------------
// File extensions.

#[test]
fn extensions_map_to_their_media_types() {
    use MediaType::*;
    let expected = [
        ("html", TextHtml),
        ("htm", TextHtml),
        ("txt", TextPlain),
        ("css", TextCss),
        ("js", TextJavascript),
        ("mjs", TextJavascript),
        ("json", ApplicationJson),
        ("png", ImagePng),
        ("jpg", ImageJpeg),
        ("jpeg", ImageJpeg),
        ("gif", ImageGif),
        ("svg", ImageSvg),
        ("webp", ImageWebp),
        ("pdf", ApplicationPdf),
        ("wasm", ApplicationWasm),
        ("bin", ApplicationOctetStream),
    ];
    for (ext, m) in expected {
        assert_eq!(MediaType::from_extension(ext), Some(m), "{ext}");
        assert_eq!(
            MediaType::from_extension(&ext.to_ascii_uppercase()),
            Some(m),
            "{ext}"
        );
    }
    // And no other: the extensions listed in the table are exactly these.
    let listed: usize = MediaType::ALL.iter().map(|m| m.extensions().len()).sum();
    assert_eq!(listed, expected.len());
}

#[test]
fn extensions_round_trip_in_any_case() {
    for &m in MediaType::ALL {
        for ext in m.extensions() {
            assert_eq!(MediaType::from_extension(ext), Some(m));
            // Every mix of cases: bit i of `mask` upper-cases byte i.
            for mask in 0u32..(1 << ext.len()) {
                let mixed: String = ext
                    .chars()
                    .enumerate()
                    .map(|(i, c)| {
                        if mask >> i & 1 == 1 {
                            c.to_ascii_uppercase()
                        } else {
                            c
                        }
                    })
                    .collect();
                assert_eq!(MediaType::from_extension(&mixed), Some(m), "{mixed}");
            }
        }
    }
}

#[test]
fn other_extensions_are_none() {
    for ext in [
        "",
        ".",
        ".html",
        "html.",
        " html",
        "html ",
        "ht",
        "htmlx",
        "exe",
        "tar.gz",
        "jpe",
        "j",
        "JSONP",
        "svgz",
        "html\0",
        "ｈｔｍｌ",
    ] {
        assert_eq!(MediaType::from_extension(ext), None, "{ext:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// Content-Length.

/// The values the line is checked at: 0, 1, 9, 10, 99, 100, every power of 10 with its
/// neighbours, `u64::MAX`, and (not under miri, where it is slow) every value below 1000.
fn edge_values() -> Vec<u64> {
    let mut v = vec![0, 1, 9, 10, 11, 99, 100, 101, u64::MAX, u64::MAX - 1];
    let mut p: u64 = 1;
    while let Some(next) = p.checked_mul(10) {
        p = next;
        v.extend([p - 1, p, p + 1]);
    }
    if !cfg!(miri) {
        v.extend(0..1000);
    }
    v
}

fn check_content_length(n: u64) {
    let expected = format!("Content-Length: {n}\r\n");
    let line = ContentLength::new(n);
    assert_eq!(line.as_bytes(), expected.as_bytes(), "{n}");
    assert_eq!(line.as_ref(), expected.as_bytes());
    assert!(line.as_bytes().len() <= ContentLength::MAX_LEN);
    let mut buf = [0u8; ContentLength::MAX_LEN];
    assert_eq!(
        write_content_length(&mut buf[..], n),
        Ok(expected.len()),
        "{n}"
    );
    assert_eq!(&buf[..expected.len()], expected.as_bytes());
}

#[test]
fn content_length_equals_format_at_every_digit_count() {
    for n in edge_values() {
        check_content_length(n);
    }
    assert_eq!(
        ContentLength::new(u64::MAX).as_bytes().len(),
        ContentLength::MAX_LEN
    );
    assert_eq!(ContentLength::MAX_LEN, 38);
}

#[test]
fn content_length_parses_back() {
    for n in edge_values() {
        let line = ContentLength::new(n);
        let (name, value) = parse_one_field(line.as_bytes());
        assert_eq!(name, b"Content-Length");
        assert_eq!(value, n.to_string().as_bytes());
        let value = n.to_string();
        assert_eq!(
            written_by_head_writer(b"Content-Length", value.as_bytes()),
            head_with(line.as_bytes())
        );
    }
}

#[test]
fn content_length_eq_and_debug() {
    assert_eq!(ContentLength::new(7), ContentLength::new(7));
    assert_ne!(ContentLength::new(7), ContentLength::new(70));
    assert_eq!(
        format!("{:?}", ContentLength::new(12)),
        r#"ContentLength("Content-Length: 12\r\n")"#
    );
}

#[test]
fn write_content_length_into_a_short_slice_writes_nothing() {
    for n in [0, 9, 1256, 123_456_789, u64::MAX] {
        let len = ContentLength::new(n).as_bytes().len();
        for short in 0..len {
            let mut buf = vec![0xA5u8; short];
            assert_eq!(
                write_content_length(&mut buf[..], n),
                Err(WriteError::BufferTooSmall { needed: len }),
                "{n} into {short} bytes"
            );
            assert!(buf.iter().all(|&b| b == 0xA5), "{n} into {short} bytes");
            // Through `&mut &mut [u8]`, the sink is not moved either.
            let mut sink = &mut buf[..];
            assert!(write_content_length(&mut sink, n).is_err());
            assert_eq!(sink.len(), short);
        }
        // Exactly enough: written, and the sink moves past it.
        let mut buf = vec![0u8; len + 3];
        let mut sink = &mut buf[..];
        assert_eq!(write_content_length(&mut sink, n), Ok(len));
        assert_eq!(sink.len(), 3);
        assert_eq!(&buf[..len], ContentLength::new(n).as_bytes());
    }
}

#[test]
fn write_content_length_appends_to_a_vec() {
    let mut out = STATUS.to_vec();
    assert_eq!(write_content_length(&mut out, 1256), Ok(22));
    assert_eq!(out, b"HTTP/1.1 200 OK\r\nContent-Length: 1256\r\n");
}

#[test]
fn a_whole_response_head_parses_back() {
    let mut head = STATUS.to_vec();
    head.extend_from_slice(MediaType::TextHtml.content_type_line());
    write_content_length(&mut head, 1256).unwrap();
    head.extend_from_slice(CONNECTION_KEEP_ALIVE);
    head.extend_from_slice(b"\r\n");
    let mut storage = FieldStorage::<8>::new();
    let Ok(Outcome::Complete(r)) = parse_response(&head, &mut storage, &Config::new()) else {
        panic!("a complete head");
    };
    let owned = common::own_response(&r);
    assert_eq!(owned.head_len, head.len());
    assert_eq!(
        owned.fields,
        [
            (
                b"Content-Type".to_vec(),
                b"text/html; charset=utf-8".to_vec()
            ),
            (b"Content-Length".to_vec(), b"1256".to_vec()),
            (b"Connection".to_vec(), b"keep-alive".to_vec()),
        ]
    );
}

fn config() -> ProptestConfig {
    if cfg!(miri) {
        common::miri_proptest_config(16)
    } else {
        ProptestConfig {
            cases: 4096,
            failure_persistence: None,
            ..ProptestConfig::default()
        }
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn content_length_equals_format(n in any::<u64>()) {
        check_content_length(n);
    }

    /// Lengths of every digit count alike (a uniform u64 has 19 or 20 digits nearly always).
    #[test]
    fn content_length_equals_format_at_any_digit_count(digits in 1u32..=20, x in any::<u64>()) {
        let n = if digits == 20 { x } else { x % 10u64.pow(digits) };
        check_content_length(n);
    }
}
