//! Writer and parser together: every registered code written then parsed back, and property
//! tests over every code 100..=999 and arbitrary reason bytes.

mod common;

use proptest::prelude::*;
use status_lines::{
    Outcome, REGISTRY, Reason, StatusCode, Version, WriteError, is_reason_byte, parse_status_line,
    status_line_len, write_status_line,
};

fn parse_complete(buf: &[u8]) -> status_lines::StatusLine<'_> {
    match parse_status_line(buf) {
        Ok(Outcome::Complete(line)) => line,
        other => panic!("{:?}: {other:?}", String::from_utf8_lossy(buf)),
    }
}

#[test]
fn every_registered_code_round_trips() {
    let mut buf = [0u8; 128];
    for version in [Version::HTTP_10, Version::HTTP_11] {
        for row in REGISTRY {
            let code = StatusCode::new(row.code).unwrap();
            let n = write_status_line(&mut buf, version, code, Reason::Canonical).unwrap();
            assert_eq!(n, status_line_len(version, code, Reason::Canonical));
            let line = parse_complete(&buf[..n]);
            assert_eq!(line.version, version);
            assert_eq!(line.code, code);
            assert_eq!(line.reason, row.reason.unwrap_or("").as_bytes());
            assert_eq!(line.len, n);
        }
    }
}

#[test]
fn unregistered_codes_get_an_empty_reason() {
    let mut buf = [0u8; 32];
    for code in [199u16, 299, 419, 599, 600, 999] {
        let c = StatusCode::new(code).unwrap();
        let n = write_status_line(&mut buf, Version::HTTP_11, c, Reason::Canonical).unwrap();
        assert_eq!(&buf[..n], format!("HTTP/1.1 {code} \r\n").as_bytes());
    }
}

#[test]
fn buffer_too_small_writes_nothing() {
    let code = StatusCode::new(200).unwrap();
    for len in 0..17 {
        let mut buf = [0xAAu8; 17];
        let r = write_status_line(&mut buf[..len], Version::HTTP_11, code, Reason::Canonical);
        assert_eq!(r, Err(WriteError::BufferTooSmall { needed: 17 }));
        assert!(buf.iter().all(|&b| b == 0xAA));
    }
    let mut buf = [0u8; 17];
    assert_eq!(
        write_status_line(&mut buf, Version::HTTP_11, code, Reason::Canonical),
        Ok(17)
    );
}

#[test]
fn custom_reason_refuses_injection() {
    let code = StatusCode::new(200).unwrap();
    let mut buf = [0u8; 64];
    for (reason, offset) in [
        (&b"OK\r\nX: y"[..], 2),
        (b"\nOK", 0),
        (b"O\0K", 1),
        (b"OK\x7f", 2),
        (b"\x1b[31m", 0),
    ] {
        assert_eq!(
            write_status_line(&mut buf, Version::HTTP_11, code, Reason::Custom(reason)),
            Err(WriteError::InvalidReason { offset })
        );
    }
    // HTAB, SP, VCHAR and obs-text are fine.
    let n = write_status_line(
        &mut buf,
        Version::HTTP_10,
        code,
        Reason::Custom(b"Fine\t\xe9t\xe9 ~"),
    )
    .unwrap();
    assert_eq!(&buf[..n], b"HTTP/1.0 200 Fine\t\xe9t\xe9 ~\r\n");
}

proptest! {
    #![proptest_config(common::proptest_config())]

    #[test]
    fn any_code_any_valid_reason_round_trips(
        code in 100u16..=999,
        minor in 0u8..=9,
        major in 0u8..=9,
        reason in proptest::collection::vec(any::<u8>().prop_filter("reason byte", |b| is_reason_byte(*b)), 0..80),
    ) {
        let version = Version::new(major, minor).unwrap();
        let code = StatusCode::new(code).unwrap();
        let mut buf = [0u8; 128];
        let n = write_status_line(&mut buf, version, code, Reason::Custom(&reason)).unwrap();
        prop_assert_eq!(n, status_line_len(version, code, Reason::Custom(&reason)));
        let line = parse_complete(&buf[..n]);
        prop_assert_eq!(line.version, version);
        prop_assert_eq!(line.code, code);
        prop_assert_eq!(line.reason, &reason[..]);
        prop_assert_eq!(line.len, n);
    }

    #[test]
    fn arbitrary_reason_bytes_are_refused_exactly_when_one_is_forbidden(
        code in 100u16..=999,
        reason in proptest::collection::vec(any::<u8>(), 0..40),
    ) {
        let code = StatusCode::new(code).unwrap();
        let mut buf = [0u8; 64];
        let first_bad = reason.iter().position(|&b| !is_reason_byte(b));
        match (write_status_line(&mut buf, Version::HTTP_11, code, Reason::Custom(&reason)), first_bad) {
            (Ok(n), None) => prop_assert_eq!(parse_complete(&buf[..n]).reason, &reason[..]),
            (Err(WriteError::InvalidReason { offset }), Some(bad)) => prop_assert_eq!(offset, bad),
            (got, bad) => prop_assert!(false, "{:?} vs first bad {:?}", got, bad),
        }
    }

    #[test]
    fn canonical_write_of_any_code_parses_back(code in 100u16..=999, minor in 0u8..=1) {
        let version = Version::new(1, minor).unwrap();
        let code = StatusCode::new(code).unwrap();
        let mut buf = [0u8; 64];
        let n = write_status_line(&mut buf, version, code, Reason::Canonical).unwrap();
        let line = parse_complete(&buf[..n]);
        prop_assert_eq!(line.code, code);
        prop_assert_eq!(line.reason, code.canonical_reason().unwrap_or("").as_bytes());
    }
}
