//! `parse_trailers`: a trailer section is field lines as in a head, with no start line.

mod common;

use common::proptest_config;
use http1::{Config, ErrorKind, FieldStorage, Leniency, Outcome, parse_request, parse_trailers};
use proptest::prelude::*;

/// The section's fields (owned) and length, `None` when incomplete.
type Parsed = Result<Option<(Vec<(Vec<u8>, Vec<u8>)>, usize)>, http1::Error>;

fn trailers(buf: &[u8], cfg: &Config) -> Parsed {
    let mut storage = FieldStorage::<32>::new();
    Ok(match parse_trailers(buf, &mut storage, cfg)? {
        Outcome::Complete(t) => Some((
            t.fields
                .iter()
                .map(|f| (f.name.to_vec(), f.value.to_vec()))
                .collect(),
            t.len,
        )),
        Outcome::Incomplete => None,
    })
}

/// The same field lines after a request line, through the head parser: fields and the head's
/// length less the request line's, or the error with its offset shifted the same way.
fn as_head(section: &[u8], cfg: &Config) -> Parsed {
    const LINE: &[u8] = b"GET / HTTP/1.1\r\n";
    let mut buf = LINE.to_vec();
    buf.extend_from_slice(section);
    let mut storage = FieldStorage::<32>::new();
    match parse_request(&buf, &mut storage, cfg) {
        Ok(Outcome::Complete(r)) => Ok(Some((
            r.fields
                .iter()
                .map(|f| (f.name.to_vec(), f.value.to_vec()))
                .collect(),
            r.head_len - LINE.len(),
        ))),
        Ok(Outcome::Incomplete) => Ok(None),
        Err(e) => Err(http1::Error {
            offset: e.offset - LINE.len(),
            ..e
        }),
    }
}

#[test]
fn sections() {
    let cfg = Config::new();
    assert_eq!(trailers(b"\r\n", &cfg), Ok(Some((vec![], 2))));
    assert_eq!(trailers(b"\r\nGET", &cfg), Ok(Some((vec![], 2))));
    let (fields, len) = trailers(b"Expires: never\r\nX-Sum:\tab12 \r\n\r\nrest", &cfg)
        .unwrap()
        .unwrap();
    assert_eq!(len, 32);
    assert_eq!(
        fields,
        vec![
            (b"Expires".to_vec(), b"never".to_vec()),
            (b"X-Sum".to_vec(), b"ab12".to_vec())
        ]
    );
    for cut in 0..32 {
        let whole = b"Expires: never\r\nX-Sum:\tab12 \r\n\r\n";
        assert_eq!(trailers(&whole[..cut], &cfg), Ok(None), "cut at {cut}");
    }
}

#[test]
fn refusals() {
    let cfg = Config::new();
    let kind = |buf: &[u8]| trailers(buf, &cfg).map_err(|e| (e.kind, e.offset));
    // A line that starts with whitespace (an obs-fold or a smuggled name).
    assert!(kind(b" X: 1\r\n\r\n").is_err());
    assert!(kind(b"A: 1\r\n X: 1\r\n\r\n").is_err());
    // Bare LF, bare CR, no colon, space before the colon, a control byte in a value.
    assert!(kind(b"\n").is_err());
    assert!(kind(b"A: 1\n\r\n").is_err());
    assert!(kind(b"A: 1\r\r\n").is_err());
    assert!(kind(b"A\r\n\r\n").is_err());
    assert!(kind(b"A : 1\r\n\r\n").is_err());
    assert!(kind(b"A: 1\x002\r\n\r\n").is_err());
    // Limits: fields and bytes.
    let few = Config::new().max_fields(1);
    assert_eq!(
        trailers(b"A: 1\r\nB: 2\r\n\r\n", &few).map_err(|e| e.kind),
        Err(ErrorKind::TooManyFields)
    );
    let small = Config::new().max_head_len(8);
    assert_eq!(
        trailers(b"A: 12345678\r\n\r\n", &small).map_err(|e| e.kind),
        Err(ErrorKind::HeadTooLarge)
    );
    let mut none = FieldStorage::<0>::new();
    assert_eq!(
        parse_trailers(b"A: 1\r\n\r\n", &mut none, &cfg).map_err(|e| e.kind),
        Err(ErrorKind::TooManyFields)
    );
}

proptest! {
    #![proptest_config(proptest_config())]

    /// Field lines parse alike in a trailer section and after a request line: same fields,
    /// same length, same error at the same offset, strict and with every leniency.
    #[test]
    fn like_a_head(body in proptest::collection::vec(
        prop_oneof![
            Just(b'\r'), Just(b'\n'), Just(b':'), Just(b' '), Just(b'\t'),
            Just(&b"\r\n"[..]).prop_map(|_| b'\n'),
            b'a'..=b'z', any::<u8>(),
        ],
        // (Under miri, which generates each byte slowly, shorter sections.)
        0..if cfg!(miri) { 40 } else { 200 },
    ), lenient in any::<bool>()) {
        let cfg = if lenient {
            // obs-fold is a response leniency: a trailer section is parsed as request fields.
            Config::new().lenient(Leniency::all())
        } else {
            Config::new()
        };
        let mut crlf = body.clone();
        crlf.extend_from_slice(b"\r\n\r\n");
        for buf in [&body, &crlf] {
            let mut got = trailers(buf, &cfg);
            let want = as_head(buf, &cfg);
            // The head parser refuses an overlong head at its own limit, which counts the
            // request line; compare kinds only there.
            if let (Err(a), Err(b)) = (&got, &want)
                && a.kind == ErrorKind::HeadTooLarge
            {
                prop_assert_eq!(a.kind, b.kind);
                got = want.clone();
            }
            prop_assert_eq!(got, want);
        }
    }
}
