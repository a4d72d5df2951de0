//! The chunked decoder's size lines against `httparse::parse_chunk_size` (a peer, so it lives in
//! the benches crate with the other peers; the `chunked_size_httparse` fuzz target runs the same
//! comparison on any bytes).
//!
//! On valid size lines both agree on the size and the line's length. Where httparse accepts a
//! line the decoder refuses, a case below shows it, with the RFC text that decides it: every
//! such difference is one of the three here.

use chunked::{Config, Decoder, ErrorKind, Event};
use http1::FieldStorage;
use proptest::prelude::*;

/// The decoder's reading of the size line at the start of `buf`: its length and size, or the
/// error (`None` while incomplete).
fn ours(buf: &[u8]) -> Option<Result<(usize, u64), ErrorKind>> {
    let mut storage = FieldStorage::<0>::new();
    let mut dec = Decoder::new(&mut storage, Config::new());
    // Up to the line's end: the decoder goes on into the chunk's data, which is not a size
    // line's business.
    let buf = match buf.iter().position(|&b| b == b'\n') {
        Some(lf) => &buf[..=lf],
        None => buf,
    };
    match dec.decode(buf) {
        Ok(step) => match step.event {
            // An accepted line has no CR before its end.
            Event::Chunk { size, .. } => {
                let cr = buf.iter().position(|&b| b == b'\r')?;
                Some(Ok((cr + 2, size)))
            }
            _ => None,
        },
        Err(e) => Some(Err(e.kind)),
    }
}

fn theirs(buf: &[u8]) -> Option<Result<(usize, u64), ()>> {
    match httparse::parse_chunk_size(buf) {
        Ok(httparse::Status::Complete(done)) => Some(Ok(done)),
        Ok(httparse::Status::Partial) => None,
        Err(_) => Some(Err(())),
    }
}

/// httparse accepts, the decoder refuses with `kind`.
#[track_caller]
fn only_httparse_accepts(line: &[u8], kind: ErrorKind) {
    assert!(matches!(theirs(line), Some(Ok(_))), "{line:?}");
    assert_eq!(ours(line), Some(Err(kind)), "{line:?}");
}

#[test]
fn agree_on_valid_lines() {
    for (line, size) in [
        (&b"0\r\n"[..], 0),
        (b"5\r\n", 5),
        (b"aBc\r\n", 0xabc),
        (b"000010\r\n", 16),
        (b"ffffffffffffffff\r\n", u64::MAX),
        (b"5;name=value\r\n", 5),
        (b"5;a;b=\"q \\\" t\"\r\n", 5),
    ] {
        assert_eq!(ours(line), Some(Ok((line.len(), size))), "{line:?}");
        assert_eq!(theirs(line), Some(Ok((line.len(), size))), "{line:?}");
    }
}

#[test]
fn agree_on_refusals() {
    // 17 digits, a sign, `0x`, a bare CR, a bare LF after the digits.
    for line in [
        &b"10000000000000000\r\n"[..],
        b"+5\r\n",
        b"0x5\r\n",
        b"5\rx",
        b"5\n",
        b"5g\r\n",
    ] {
        assert!(matches!(ours(line), Some(Err(_))), "{line:?}");
        assert_eq!(theirs(line), Some(Err(())), "{line:?}");
    }
}

/// RFC 9112 §7.1: `chunk-size = 1*HEXDIG`. httparse reads no digit at all as size 0, which
/// ends the body where the sender may not have meant to.
#[test]
fn httparse_reads_an_empty_size_as_zero() {
    only_httparse_accepts(b"\r\n", ErrorKind::InvalidSize);
    only_httparse_accepts(b";ext\r\n", ErrorKind::InvalidSize);
    only_httparse_accepts(b" \r\n", ErrorKind::InvalidSize);
    assert_eq!(theirs(b"\r\n"), Some(Ok((2, 0))));
}

/// RFC 9112 §7.1: `chunk = chunk-size [ chunk-ext ] CRLF`, so nothing may come between the size
/// and the CRLF; the extensions' grammar has BWS before `;`, which RFC 9110 §5.6.3 says a sender
/// MUST NOT generate, and which the decoder refuses unless the caller turns on
/// `Config::bws_in_extensions`. httparse skips SP and HTAB after the size, before CRLF too.
#[test]
fn httparse_skips_whitespace_after_the_size() {
    only_httparse_accepts(b"5 \r\n", ErrorKind::InvalidSize);
    only_httparse_accepts(b"5\t;a\r\n", ErrorKind::InvalidSize);
    assert_eq!(theirs(b"5 \r\n"), Some(Ok((4, 5))));
}

/// RFC 9112 §7.1.1: `chunk-ext = *( BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ] )`,
/// with token names and token or quoted-string values. httparse accepts any byte but CR after
/// the `;` (control bytes, a bare LF, unbalanced quotes), so it and a strict peer can disagree
/// on where the line ends (CVE-2025-22871 is a bare LF there).
#[test]
fn httparse_does_not_read_extensions() {
    only_httparse_accepts(b"5;\r\n", ErrorKind::InvalidExtension);
    only_httparse_accepts(b"5;a=\"unterminated\r\n", ErrorKind::InvalidExtension);
    only_httparse_accepts(b"5;a\x00b\r\n", ErrorKind::InvalidExtension);
    only_httparse_accepts(b"5; a\r\n", ErrorKind::InvalidExtension);
    only_httparse_accepts(b"5;a\nb\r\n", ErrorKind::LineEnding);
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: if cfg!(miri) { 4 } else { 512 },
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// On lines made of the grammar's bytes: where both decide, they agree, or httparse accepts
    /// for one of the three reasons above.
    #[test]
    fn differences_are_known(line in proptest::collection::vec(
        prop_oneof![
            Just(b'\r'), Just(b'\n'), Just(b';'), Just(b'='), Just(b'"'), Just(b' '),
            Just(b'\t'), Just(b'0'), Just(b'5'), Just(b'a'), Just(b'F'), any::<u8>(),
        ],
        0..24,
    )) {
        match (ours(&line), theirs(&line)) {
            (Some(Ok(a)), Some(Ok(b))) => prop_assert_eq!(a, b),
            (Some(Ok(_)), Some(Err(()))) => prop_assert!(false, "only we accept {:?}", line),
            (Some(Err(kind)), Some(Ok(_))) => {
                let digits = line.iter().take_while(|b| b.is_ascii_hexdigit()).count();
                let known = match (kind, line.get(digits)) {
                    (ErrorKind::InvalidSize, _) if digits == 0 => true,
                    (ErrorKind::InvalidSize, Some(b' ' | b'\t')) => true,
                    (ErrorKind::InvalidExtension | ErrorKind::LineEnding, Some(b';')) => true,
                    _ => false,
                };
                prop_assert!(known, "httparse accepts {:?}, we refuse with {:?}", line, kind);
            }
            _ => {}
        }
    }
}
