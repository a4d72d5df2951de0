//! Resumable parsing: every test message split at every point (and fed byte by byte) gives
//! exactly the one-shot result, for requests and responses, strict and lenient, valid and
//! invalid input.

mod common;

use common::*;
use http1::{Config, Error, FieldStorage, Outcome, RequestParser, ResponseParser};
use proptest::prelude::*;

/// Feeds `msg` in pieces ending at each of `cuts` (then the whole) and returns the final result.
fn request_in_pieces(
    msg: &[u8],
    cuts: &[usize],
    cfg: &Config,
) -> Result<Option<OwnedRequest>, Error> {
    let mut storage = FieldStorage::<256>::new();
    let mut p = RequestParser::new(&mut storage, *cfg);
    for &cut in cuts {
        // The buffer is copied each time so that it lives elsewhere: the parser keeps offsets.
        let piece = msg[..cut].to_vec();
        match p.parse(&piece) {
            Ok(Outcome::Incomplete) => {}
            Ok(Outcome::Complete(r)) => return Ok(Some(own_request(&r))),
            Err(e) => return Err(e),
        }
    }
    let whole = msg.to_vec();
    match p.parse(&whole) {
        Ok(Outcome::Incomplete) => Ok(None),
        Ok(Outcome::Complete(r)) => Ok(Some(own_request(&r))),
        Err(e) => Err(e),
    }
}

fn response_in_pieces(
    msg: &[u8],
    cuts: &[usize],
    cfg: &Config,
) -> Result<Option<OwnedResponse>, Error> {
    let mut storage = FieldStorage::<256>::new();
    let mut p = ResponseParser::new(&mut storage, *cfg);
    for &cut in cuts {
        let piece = msg[..cut].to_vec();
        match p.parse(&piece) {
            Ok(Outcome::Incomplete) => {}
            Ok(Outcome::Complete(r)) => return Ok(Some(own_response(&r))),
            Err(e) => return Err(e),
        }
    }
    let whole = msg.to_vec();
    match p.parse(&whole) {
        Ok(Outcome::Incomplete) => Ok(None),
        Ok(Outcome::Complete(r)) => Ok(Some(own_response(&r))),
        Err(e) => Err(e),
    }
}

/// Messages with errors in every part, so that resumption is checked on refusals too.
const BAD_REQUESTS: &[&[u8]] = &[
    b"\r\n\r\n\r\nGET / HTTP/1.1\r\n\r\n",
    b"\r\n\rGET / HTTP/1.1\r\n\r\n",
    b"GET / HTTP/1.1\r\nFoo: 1\rBar: 2\r\n\r\n",
    b"GET / HTTP/1.1\r\nHost : a\r\n\r\n",
    b"GET / HTTP/1.1\r\n Host: a\r\n\r\n",
    b"GET / HTTP/1.1\r\nA: one\r\n two\r\n\r\n",
    b"GET /a\x00 HTTP/1.1\r\n\r\n",
    b"GET / HTTP/1.1\r\nA: x\x00y\r\n\r\n",
    b"G T / HTTP/1.1\r\n\r\n",
    b"GET / HTTP/1.1\nHost: a\n\n",
    b"GET / HTTP/1.1\r\nA: 1\r\n\rX",
];

const BAD_RESPONSES: &[&[u8]] = &[
    b"HTTP/1.1 200 OK\r\nA: one\r\n two\r\n\r\n",
    b"HTTP/1.1 200 OK\r\nA : b\r\n\r\n",
    b"HTTP/1.1 20 OK\r\n\r\n",
    b"HTTP/1.1 200 OK\nA: b\n\n",
];

fn configs() -> Vec<Config> {
    vec![
        Config::new(),
        Config::new().lenient(http1::Leniency::all()),
        Config::new().max_fields(3).max_head_len(120),
        Config::new().max_line_len(40),
    ]
}

/// The split points of a message of `len` bytes: natively every one; under miri (see
/// [`sweep`]) every 23rd, and about 16 at most: each cut costs a parse of the whole message,
/// so the long messages made most of this test's 93 s there at every 23rd.
fn cuts(len: usize) -> impl Iterator<Item = usize> {
    sweep(len, 23.max(len / 16))
}

#[test]
fn every_split_point_gives_the_one_shot_result() {
    for cfg in configs() {
        for msg in REQUESTS.iter().chain(BAD_REQUESTS) {
            let want = req_with(msg, &cfg);
            for cut in cuts(msg.len()) {
                assert_eq!(
                    request_in_pieces(msg, &[cut], &cfg),
                    want,
                    "{:?} cut {cut}",
                    String::from_utf8_lossy(msg)
                );
            }
        }
        for msg in RESPONSES.iter().chain(BAD_RESPONSES) {
            let want = resp_with(msg, &cfg);
            for cut in cuts(msg.len()) {
                assert_eq!(
                    response_in_pieces(msg, &[cut], &cfg),
                    want,
                    "{:?} cut {cut}",
                    String::from_utf8_lossy(msg)
                );
            }
        }
    }
}

#[test]
fn byte_by_byte_gives_the_one_shot_result() {
    let step = if cfg!(miri) { 37 } else { 1 };
    for cfg in configs() {
        for msg in REQUESTS.iter().chain(BAD_REQUESTS) {
            let cuts: Vec<usize> = (0..msg.len()).step_by(step).collect();
            assert_eq!(request_in_pieces(msg, &cuts, &cfg), req_with(msg, &cfg));
        }
        for msg in RESPONSES.iter().chain(BAD_RESPONSES) {
            let cuts: Vec<usize> = (0..msg.len()).step_by(step).collect();
            assert_eq!(response_in_pieces(msg, &cuts, &cfg), resp_with(msg, &cfg));
        }
    }
}

proptest! {
    #![proptest_config(proptest_config())]

    /// Any set of split points, on valid and mutated messages.
    #[test]
    fn any_splits_any_mutation(
        which in 0..REQUESTS.len() + RESPONSES.len(),
        mutation in proptest::option::of((any::<prop::sample::Index>(), any::<u8>())),
        mut cuts in proptest::collection::vec(any::<prop::sample::Index>(), 0..6),
        lenient in any::<bool>(),
    ) {
        let is_req = which < REQUESTS.len();
        let mut msg = if is_req { REQUESTS[which] } else { RESPONSES[which - REQUESTS.len()] }.to_vec();
        if let Some((at, byte)) = mutation {
            let i = at.index(msg.len());
            msg[i] = byte;
        }
        let cfg = if lenient { Config::new().lenient(http1::Leniency::all()) } else { Config::new() };
        let mut cuts: Vec<usize> = cuts.drain(..).map(|c| c.index(msg.len() + 1)).collect();
        cuts.sort_unstable();
        if is_req {
            prop_assert_eq!(request_in_pieces(&msg, &cuts, &cfg), req_with(&msg, &cfg));
        } else {
            prop_assert_eq!(response_in_pieces(&msg, &cuts, &cfg), resp_with(&msg, &cfg));
        }
    }
}

/// After `Complete`, a later call returns the same head again for the same (or a grown)
/// buffer, and `Incomplete`, never a panic, for a buffer that no longer holds the head.
#[test]
fn a_complete_parser_called_again() {
    let wire = b"GET /a HTTP/1.1\r\nHost: x\r\n\r\nnext";
    let mut storage = FieldStorage::<4>::new();
    let mut p = RequestParser::new(&mut storage, Config::new());
    let head_len = p.parse(wire).unwrap().complete().unwrap().head_len;
    assert_eq!(head_len, 28);
    let again = p.parse(&wire[..head_len]).unwrap().complete().unwrap();
    assert_eq!((again.method, again.target), (&b"GET"[..], &b"/a"[..]));
    assert_eq!(again.fields.get(b"host"), Some(&b"x"[..]));
    assert!(matches!(
        p.parse(&wire[..head_len - 1]),
        Ok(Outcome::Incomplete)
    ));
    assert!(matches!(p.parse(b""), Ok(Outcome::Incomplete)));

    let wire = b"HTTP/1.1 404 Not Found\r\n\r\n";
    let mut storage = FieldStorage::<4>::new();
    let mut p = ResponseParser::new(&mut storage, Config::new());
    assert_eq!(
        p.parse(wire).unwrap().complete().unwrap().reason,
        b"Not Found"
    );
    assert!(matches!(p.parse(&wire[..10]), Ok(Outcome::Incomplete)));
    assert_eq!(
        p.parse(wire).unwrap().complete().unwrap().reason,
        b"Not Found"
    );
}

/// Every SIMD level this CPU has (scalar included), under miri the scalar only.
fn levels() -> Vec<http1::simd::Level> {
    http1::simd::Level::ALL
        .into_iter()
        .filter(|l| l.is_available())
        .collect()
}

/// A parse resumed with fewer bytes than on the previous call (a caller that compacted or
/// reused its buffer wrongly) is refused with `ResumedShorter` at every level, and the error
/// sticks; it never panics, in debug builds included. Every prefix of every test message,
/// then every shorter prefix of it.
#[test]
fn a_shorter_buffer_is_refused_at_every_level() {
    use http1::ErrorKind;
    for level in levels() {
        let cfg = Config::new().simd(level);
        // Under miri (slow), the short messages only.
        let msgs = REQUESTS.iter().chain(RESPONSES);
        for msg in msgs.filter(|m| !cfg!(miri) || m.len() < 100) {
            // About 64 cuts of each message (every byte of the short ones), 8 under miri.
            let step = (msg.len() / if cfg!(miri) { 8 } else { 64 }).max(1);
            for first in (1..msg.len()).step_by(step) {
                for shorter in (0..first).step_by(step) {
                    let mut s1 = FieldStorage::<64>::new();
                    let mut rp = RequestParser::new(&mut s1, cfg);
                    let mut s2 = FieldStorage::<64>::new();
                    let mut sp = ResponseParser::new(&mut s2, cfg);
                    let req = rp.parse(&msg[..first]).map(|o| o.complete().is_some());
                    let resp = sp.parse(&msg[..first]).map(|o| o.complete().is_some());
                    // An incomplete parse refuses fewer bytes, and then keeps refusing.
                    if req == Ok(false) {
                        let e = rp.parse(&msg[..shorter]).unwrap_err();
                        assert_eq!((e.kind, e.offset), (ErrorKind::ResumedShorter, shorter));
                        assert_eq!(rp.parse(msg).unwrap_err(), e, "{}", level.name());
                    }
                    if resp == Ok(false) {
                        let e = sp.parse(&msg[..shorter]).unwrap_err();
                        assert_eq!((e.kind, e.offset), (ErrorKind::ResumedShorter, shorter));
                        assert_eq!(sp.parse(msg).unwrap_err(), e, "{}", level.name());
                    }
                }
            }
        }
    }
}
