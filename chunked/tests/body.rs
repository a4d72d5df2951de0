//! The body decoder over every framing: what each hands over, where each ends, and that any
//! split of the input gives the same.

mod common;
use common::cases;

use chunked::{BodyDecoder, Config, ErrorKind, Event};
use http1::{BodyFraming, FieldStorage};
use proptest::prelude::*;

/// What a body decoder made of `wire` fed in pieces ending at `cuts` (then the whole), with
/// `close` called once the input is used up: the data, the trailers, the bytes consumed, and
/// whether it ended; or the error's kind and offset.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Read {
    data: Vec<u8>,
    trailers: Vec<(Vec<u8>, Vec<u8>)>,
    consumed: usize,
    ended: bool,
}

fn read(
    framing: BodyFraming,
    wire: &[u8],
    cuts: &[usize],
    close: bool,
) -> Result<Read, (ErrorKind, u64)> {
    let mut storage = FieldStorage::<8>::new();
    let mut body = BodyDecoder::new(framing, &mut storage, Config::new());
    let mut r = Read {
        data: Vec::new(),
        trailers: Vec::new(),
        consumed: 0,
        ended: false,
    };
    let mut closed = false;
    let ends: Vec<usize> = cuts.iter().copied().chain([wire.len()]).collect();
    let mut next = 0;
    loop {
        let end = ends
            .get(next)
            .copied()
            .unwrap_or(wire.len())
            .clamp(r.consumed, wire.len());
        let step = body
            .decode(&wire[r.consumed..end])
            .map_err(|e| (e.kind, e.offset))?;
        r.consumed += step.consumed;
        match step.event {
            Event::Chunk { data, .. } | Event::Data(data) => {
                assert!(
                    !data.is_empty() || step.consumed > 0,
                    "an event that consumed nothing"
                );
                r.data.extend_from_slice(data)
            }
            Event::End { trailers } => {
                r.trailers = trailers
                    .iter()
                    .map(|f| (f.name.to_vec(), f.value.to_vec()))
                    .collect();
                r.ended = true;
                assert!(body.is_done());
                return Ok(r);
            }
            Event::NeedMore => {
                if next < ends.len() {
                    next += 1;
                } else if close && !closed {
                    body.close().map_err(|e| (e.kind, e.offset))?;
                    closed = true;
                } else {
                    return Ok(r);
                }
            }
        }
    }
}

#[test]
fn content_length() {
    let wire = b"hello worldNEXT";
    let r = read(BodyFraming::ContentLength(11), wire, &[], false).unwrap();
    assert_eq!(
        (&r.data[..], r.consumed, r.ended),
        (&b"hello world"[..], 11, true)
    );
    // Never past the length, whatever the pieces.
    for cut in 0..=wire.len() {
        assert_eq!(
            read(BodyFraming::ContentLength(11), wire, &[cut], false),
            Ok(r.clone())
        );
    }
    // Short: the connection ends first.
    assert_eq!(
        read(BodyFraming::ContentLength(11), b"hello", &[], true),
        Err((ErrorKind::Incomplete, 5))
    );
    let r = read(BodyFraming::ContentLength(11), b"hello", &[], false).unwrap();
    assert_eq!((&r.data[..], r.ended), (&b"hello"[..], false));
    // Zero, and no body at all: the end at once, nothing consumed.
    for framing in [BodyFraming::ContentLength(0), BodyFraming::None] {
        let r = read(framing, b"GET / HTTP/1.1\r\n", &[], false).unwrap();
        assert_eq!((r.data.len(), r.consumed, r.ended), (0, 0, true));
    }
    // A length past what usize holds on 32-bit targets, and u64::MAX: data as it comes.
    let r = read(BodyFraming::ContentLength(u64::MAX), b"abc", &[1], false).unwrap();
    assert_eq!((&r.data[..], r.ended), (&b"abc"[..], false));
}

#[test]
fn close_delimited_and_tunnel() {
    let wire = b"all of it\r\n0\r\n\r\n";
    let r = read(BodyFraming::CloseDelimited, wire, &[3, 7], true).unwrap();
    assert_eq!(
        (&r.data[..], r.consumed, r.ended),
        (&wire[..], wire.len(), true)
    );
    // Without the close, it waits.
    let r = read(BodyFraming::CloseDelimited, wire, &[], false).unwrap();
    assert!(!r.ended);
    // An empty close-delimited body.
    let r = read(BodyFraming::CloseDelimited, b"", &[], true).unwrap();
    assert_eq!((r.data.len(), r.ended), (0, true));
    // A tunnel hands everything over and never ends by itself.
    let r = read(BodyFraming::Tunnel, wire, &[5], false).unwrap();
    assert_eq!((&r.data[..], r.ended), (&wire[..], false));
    let r = read(BodyFraming::Tunnel, wire, &[5], true).unwrap();
    assert_eq!((&r.data[..], r.ended), (&wire[..], true));
}

#[test]
fn chunked_bodies() {
    let wire = b"5\r\nhello\r\n0\r\nX-Sum: 1\r\n\r\nNEXT";
    let r = read(BodyFraming::Chunked, wire, &[4, 9], false).unwrap();
    assert_eq!(
        (&r.data[..], r.consumed, r.ended),
        (&b"hello"[..], wire.len() - 4, true)
    );
    assert_eq!(r.trailers, vec![(b"X-Sum".to_vec(), b"1".to_vec())]);
    // The connection ends inside: incomplete, where the decoder stood.
    assert_eq!(
        read(BodyFraming::Chunked, &wire[..7], &[], true),
        Err((ErrorKind::Incomplete, 7))
    );
    // A bad body: the decoder's error.
    assert_eq!(
        read(BodyFraming::Chunked, b"5\r\nhelloX", &[], false),
        Err((ErrorKind::DataEnding, 8))
    );
}

#[test]
fn after_the_end_and_reset() {
    let mut storage = FieldStorage::<4>::new();
    let mut body = BodyDecoder::new(BodyFraming::ContentLength(2), &mut storage, Config::new());
    assert!(matches!(
        body.decode(b"ab").unwrap().event,
        Event::Data(b"ab")
    ));
    assert!(matches!(body.decode(b"").unwrap().event, Event::End { .. }));
    assert_eq!(body.decode(b"x").unwrap_err().kind, ErrorKind::Finished);
    assert!(body.close().is_err(), "the error sticks");
    body.reset(BodyFraming::Chunked);
    let step = body.decode(b"0\r\n\r\n").unwrap();
    assert!(matches!(step.event, Event::Chunk { size: 0, .. }));
    let n = step.consumed;
    assert!(matches!(
        body.decode(&b"0\r\n\r\n"[n..]).unwrap().event,
        Event::End { .. }
    ));
    assert!(body.is_done());
}

proptest! {
    #![proptest_config(cases())]

    /// Every framing, any bytes, any pieces: the same as the whole, and what the framing says.
    #[test]
    fn any_split_of_any_framing(
        wire in proptest::collection::vec(
            prop_oneof![Just(b'\r'), Just(b'\n'), Just(b'0'), Just(b'3'), Just(b';'), any::<u8>()],
            // (Under miri, which generates each byte slowly, shorter inputs.)
            0..if cfg!(miri) { 40 } else { 120 },
        ),
        framing in prop_oneof![
            Just(BodyFraming::None),
            (0u64..150).prop_map(BodyFraming::ContentLength),
            Just(BodyFraming::Chunked),
            Just(BodyFraming::CloseDelimited),
            Just(BodyFraming::Tunnel),
        ],
        cuts in proptest::collection::vec(any::<prop::sample::Index>(), 0..6),
        close in any::<bool>(),
    ) {
        let mut cuts: Vec<usize> = cuts.iter().map(|i| i.index(wire.len() + 1)).collect();
        cuts.sort_unstable();
        let whole = read(framing, &wire, &[], close);
        prop_assert_eq!(read(framing, &wire, &cuts, close), whole.clone());
        match (framing, whole) {
            (BodyFraming::ContentLength(n), Ok(r)) => {
                let n = n as usize;
                prop_assert_eq!(&r.data[..], &wire[..n.min(wire.len())]);
                prop_assert_eq!(r.ended, n <= wire.len());
            }
            (BodyFraming::ContentLength(n), Err(e)) => {
                prop_assert!(close && (n as usize) > wire.len());
                prop_assert_eq!(e, (ErrorKind::Incomplete, wire.len() as u64));
            }
            (BodyFraming::None, r) => prop_assert_eq!(r.map(|r| (r.consumed, r.ended)), Ok((0, true))),
            (BodyFraming::CloseDelimited, r) => {
                prop_assert_eq!(r.map(|r| (r.data, r.ended)), Ok((wire.clone(), close)))
            }
            (BodyFraming::Tunnel, r) => {
                prop_assert_eq!(r.map(|r| (r.data, r.ended)), Ok((wire.clone(), close)))
            }
            (BodyFraming::Chunked, _) => {}
        }
    }
}
