//! The status-line parser on good and bad input, strict and lenient.

mod common;

use proptest::prelude::*;
use status_lines::{
    Outcome, ParseError, ParseErrorKind, ParseOptions, StatusLine, parse_status_line,
    parse_status_line_with,
};

fn strict(buf: &[u8]) -> Result<Outcome<StatusLine<'_>>, ParseError> {
    parse_status_line(buf)
}

fn refused(buf: &[u8], kind: ParseErrorKind, offset: usize) {
    assert_eq!(
        strict(buf),
        Err(ParseError { kind, offset }),
        "{:?}",
        String::from_utf8_lossy(buf)
    );
}

#[test]
fn good_lines() {
    let line = strict(b"HTTP/1.1 200 OK\r\n").unwrap().complete().unwrap();
    assert_eq!((line.version.major(), line.version.minor()), (1, 1));
    assert_eq!(
        (line.code.as_u16(), line.reason, line.len),
        (200, &b"OK"[..], 17)
    );

    // Empty reason: the SP stays.
    let line = strict(b"HTTP/1.0 599 \r\n").unwrap().complete().unwrap();
    assert_eq!(
        (line.code.as_u16(), line.reason, line.len),
        (599, &b""[..], 15)
    );

    // The reason is returned as received: inner and trailing whitespace, HTAB, obs-text.
    let line = strict(b"HTTP/1.1 200  Fine \t\xff\r\nrest")
        .unwrap()
        .complete()
        .unwrap();
    assert_eq!(line.reason, b" Fine \t\xff");
    assert_eq!(line.len, 23);

    // Any version digits are reported; deciding what to accept is the caller's job.
    let line = strict(b"HTTP/0.9 100 x\r\n").unwrap().complete().unwrap();
    assert_eq!((line.version.major(), line.version.minor()), (0, 9));
    let line = strict(b"HTTP/9.9 999 x\r\n").unwrap().complete().unwrap();
    assert_eq!((line.version.major(), line.version.minor()), (9, 9));
}

#[test]
fn version_must_be_exact() {
    refused(b"HTTP/1.1x200 OK\r\n", ParseErrorKind::Whitespace, 8);
    refused(b"http/1.1 200 OK\r\n", ParseErrorKind::Version, 0);
    refused(b"HTTP/11 200 OK\r\n", ParseErrorKind::Version, 6);
    refused(b"HTTP/1.10 200 OK\r\n", ParseErrorKind::Whitespace, 8);
    refused(b"HTTP/a.1 200 OK\r\n", ParseErrorKind::Version, 5);
    refused(b"HTTP/1.b 200 OK\r\n", ParseErrorKind::Version, 7);
    refused(b"HTTP 1.1 200 OK\r\n", ParseErrorKind::Version, 4);
    refused(b" HTTP/1.1 200 OK\r\n", ParseErrorKind::Version, 0);
    refused(b"ICY 200 OK\r\n", ParseErrorKind::Version, 0);
}

#[test]
fn exactly_one_space_between_version_and_code() {
    refused(b"HTTP/1.1  200 OK\r\n", ParseErrorKind::Whitespace, 9);
    refused(b"HTTP/1.1\t200 OK\r\n", ParseErrorKind::Whitespace, 8);
    let lenient = ParseOptions::strict().multiple_spaces(true);
    let line = parse_status_line_with(b"HTTP/1.1   200 OK\r\n", lenient)
        .unwrap()
        .complete()
        .unwrap();
    assert_eq!((line.code.as_u16(), line.reason), (200, &b"OK"[..]));
}

#[test]
fn status_code_is_three_digits_from_100() {
    refused(b"HTTP/1.1 20 OK\r\n", ParseErrorKind::StatusCode, 11);
    refused(b"HTTP/1.1 2000 OK\r\n", ParseErrorKind::StatusCode, 12);
    refused(b"HTTP/1.1 099 OK\r\n", ParseErrorKind::StatusCode, 9);
    refused(b"HTTP/1.1 000 OK\r\n", ParseErrorKind::StatusCode, 9);
    refused(b"HTTP/1.1 +20 OK\r\n", ParseErrorKind::StatusCode, 9);
    refused(b"HTTP/1.1 2a0 OK\r\n", ParseErrorKind::StatusCode, 10);
    refused(b"HTTP/1.1 -200 OK\r\n", ParseErrorKind::StatusCode, 9);
}

#[test]
fn space_after_code_required_unless_allowed() {
    refused(b"HTTP/1.1 200\r\n", ParseErrorKind::Whitespace, 12);
    refused(b"HTTP/1.1 200\tOK\r\n", ParseErrorKind::Whitespace, 12);
    let lenient = ParseOptions::strict().missing_reason_space(true);
    let line = parse_status_line_with(b"HTTP/1.1 200\r\n", lenient)
        .unwrap()
        .complete()
        .unwrap();
    assert_eq!((line.reason, line.len), (&b""[..], 14));
}

#[test]
fn reason_refuses_control_characters() {
    refused(b"HTTP/1.1 200 O\0K\r\n", ParseErrorKind::Reason, 14);
    refused(b"HTTP/1.1 200 O\x7fK\r\n", ParseErrorKind::Reason, 14);
    refused(b"HTTP/1.1 200 \x1bOK\r\n", ParseErrorKind::Reason, 13);
    refused(b"HTTP/1.1 200 O\x0bK\r\n", ParseErrorKind::Reason, 14);
}

#[test]
fn line_endings() {
    // Bare CR anywhere, CR followed by anything but LF.
    refused(b"HTTP/1.1 200 OK\rX\n", ParseErrorKind::LineEnding, 15);
    refused(b"HTTP/1.1 200 O\rK\r\n", ParseErrorKind::LineEnding, 14);
    refused(b"HTTP/1.1 200 OK\r\r\n", ParseErrorKind::LineEnding, 15);
    // Bare LF only with the option.
    refused(b"HTTP/1.1 200 OK\n", ParseErrorKind::LineEnding, 15);
    let lenient = ParseOptions::strict().bare_lf(true);
    let line = parse_status_line_with(b"HTTP/1.1 200 OK\nX", lenient)
        .unwrap()
        .complete()
        .unwrap();
    assert_eq!((line.reason, line.len), (&b"OK"[..], 16));
    // A CR before LF is still checked when bare LF is allowed.
    assert_eq!(
        parse_status_line_with(b"HTTP/1.1 200 OK\r\r\n", lenient),
        Err(ParseError {
            kind: ParseErrorKind::LineEnding,
            offset: 15
        })
    );
}

#[test]
fn every_prefix_of_a_good_line_is_incomplete() {
    let full: &[u8] = b"HTTP/1.1 404 Not Found\r\n";
    for n in 0..full.len() {
        assert_eq!(strict(&full[..n]), Ok(Outcome::Incomplete), "prefix {n}");
    }
    assert!(strict(full).unwrap().complete().is_some());
}

#[test]
fn option_names_enable_their_leniency() {
    for name in ParseOptions::NAMES {
        let mut o = ParseOptions::strict();
        assert!(o.enable(name), "{name}");
        assert_ne!(o, ParseOptions::strict(), "{name}");
    }
    let mut all = ParseOptions::strict();
    for name in ParseOptions::NAMES {
        all.enable(name);
    }
    assert_eq!(all, ParseOptions::lenient());
    assert!(!ParseOptions::strict().enable("obs_fold"));
}

fn any_options() -> impl Strategy<Value = ParseOptions> {
    (any::<bool>(), any::<bool>(), any::<bool>()).prop_map(|(a, b, c)| {
        ParseOptions::strict()
            .bare_lf(a)
            .multiple_spaces(b)
            .missing_reason_space(c)
    })
}

/// Inputs built mostly from the bytes that matter, so that near-valid lines are common.
fn wire_bytes() -> impl Strategy<Value = Vec<u8>> {
    let alphabet = prop_oneof![
        Just(b'H'),
        Just(b'T'),
        Just(b'P'),
        Just(b'/'),
        Just(b'.'),
        Just(b' '),
        Just(b'\r'),
        Just(b'\n'),
        Just(b'\t'),
        b'0'..=b'9',
        any::<u8>(),
    ];
    prop_oneof![
        proptest::collection::vec(alphabet, 0..40),
        (proptest::collection::vec(any::<u8>(), 0..20)).prop_map(|tail| {
            let mut v = b"HTTP/1.1 200 ".to_vec();
            v.extend(tail);
            v
        }),
    ]
}

proptest! {
    #![proptest_config(common::proptest_config())]

    /// Decisions are made as bytes arrive: a result on a prefix never changes when more bytes
    /// follow, except Incomplete, and a complete line lies inside the input.
    #[test]
    fn results_are_stable_under_extension(buf in wire_bytes(), opts in any_options()) {
        let full = parse_status_line_with(&buf, opts);
        if let Ok(Outcome::Complete(line)) = full {
            prop_assert!(line.len <= buf.len());
            prop_assert!(line.len >= 15 - 1);
        }
        for n in 0..=buf.len() {
            match parse_status_line_with(&buf[..n], opts) {
                Ok(Outcome::Incomplete) => {}
                Ok(Outcome::Complete(line)) => {
                    prop_assert_eq!(Ok(Outcome::Complete(line)), full);
                }
                Err(e) => {
                    prop_assert_eq!(Err(e), full);
                    prop_assert!(e.offset < n);
                }
            }
        }
    }

    /// A strictly accepted line is accepted identically under every leniency.
    #[test]
    fn leniency_only_widens(buf in wire_bytes(), opts in any_options()) {
        if let Ok(Outcome::Complete(line)) = parse_status_line(&buf) {
            prop_assert_eq!(parse_status_line_with(&buf, opts), Ok(Outcome::Complete(line)));
        }
    }
}

/// Both error types are `core::error::Error`s (with and without std) whose text names the
/// rule and, for a parse, the offset.
#[test]
fn errors_are_errors() {
    let e = status_lines::parse_status_line(b"HTTP/1.1 20x OK\r\n").unwrap_err();
    let text = e.to_string();
    assert!(text.ends_with("(at byte 11)"), "{text}");
    let _: &dyn core::error::Error = &e;
    let mut small = [0u8; 4];
    let w = status_lines::write_status_line(
        &mut small,
        status_lines::Version::HTTP_11,
        status_lines::StatusCode::new(200).unwrap(),
        status_lines::Reason::Canonical,
    )
    .unwrap_err();
    let _: &dyn core::error::Error = &w;
    assert!(!w.to_string().is_empty());
}
