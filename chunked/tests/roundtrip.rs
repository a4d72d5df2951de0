//! decode(encode(chunks, trailers)) == (chunks, trailers), whole and in any pieces.

mod common;
use common::cases;

use chunked::encode::{Field, write_chunk, write_last_chunk};
use chunked::{Config, Decoder, Event};
use http1::FieldStorage;
use proptest::prelude::*;

/// Decodes `wire` fed in pieces ending at `cuts` (then the whole): the data of each chunk, the
/// trailer fields, and the bytes consumed.
/// Trailer fields: names and values.
type Pairs = Vec<(Vec<u8>, Vec<u8>)>;

fn decode(wire: &[u8], cuts: &[usize]) -> (Vec<Vec<u8>>, Pairs, usize) {
    let mut storage = FieldStorage::<16>::new();
    let mut dec = Decoder::new(&mut storage, Config::new());
    let (mut chunks, mut at) = (Vec::<Vec<u8>>::new(), 0);
    for end in cuts.iter().copied().chain([wire.len()]) {
        let end = end.clamp(at, wire.len());
        loop {
            let step = dec.decode(&wire[at..end]).expect("an encoded body decodes");
            at += step.consumed;
            match step.event {
                Event::Chunk { size: 0, .. } => {}
                Event::Chunk { data, .. } => chunks.push(data.to_vec()),
                Event::Data(data) => chunks.last_mut().unwrap().extend_from_slice(data),
                Event::End { trailers } => {
                    let fields = trailers
                        .iter()
                        .map(|f| (f.name.to_vec(), f.value.to_vec()))
                        .collect();
                    return (chunks, fields, at);
                }
                Event::NeedMore => break,
            }
        }
    }
    panic!("the body did not end");
}

proptest! {
    #![proptest_config(cases())]

    #[test]
    fn encoded_bodies_decode(
        // (Under miri, which generates each byte slowly, shorter chunks.)
        chunks in proptest::collection::vec(
            proptest::collection::vec(any::<u8>(), 0..if cfg!(miri) { 30 } else { 300 }),
            0..8,
        ),
        trailers in proptest::collection::vec(
            ("X-[A-Za-z0-9-]{1,8}", "([!-~\u{80}-\u{ff}]([ \t!-~\u{80}-\u{ff}]{0,10}[!-~\u{80}-\u{ff}])?)?"),
            0..4,
        ),
        cuts in proptest::collection::vec(any::<prop::sample::Index>(), 0..6),
    ) {
        let trailers: Vec<(Vec<u8>, Vec<u8>)> = trailers
            .into_iter()
            .map(|(n, v)| (n.into_bytes(), v.chars().map(|c| c as u32 as u8).collect()))
            .collect();
        // Into a slice (the crate's sinks without `alloc`): room for every chunk's framing and
        // the trailers.
        let room = chunks.iter().map(|c| c.len() + 20).sum::<usize>()
            + trailers.iter().map(|(n, v)| n.len() + v.len() + 4).sum::<usize>()
            + 5;
        let mut wire = vec![0u8; room];
        let mut at = 0;
        for data in &chunks {
            let n = write_chunk(&mut wire[at..], data).unwrap();
            // Empty data writes nothing: it would end the body.
            prop_assert_eq!(n == 0, data.is_empty());
            at += n;
        }
        let fields: Vec<Field<'_>> = trailers
            .iter()
            .map(|(name, value)| Field { name, value })
            .collect();
        at += write_last_chunk(&mut wire[at..], &fields).unwrap();
        wire.truncate(at);
        wire.extend_from_slice(b"NEXT");
        let mut cuts: Vec<usize> = cuts.iter().map(|i| i.index(wire.len() + 1)).collect();
        cuts.sort_unstable();
        let want: Vec<Vec<u8>> = chunks.into_iter().filter(|c| !c.is_empty()).collect();
        for cuts in [&[][..], &cuts] {
            let (got, got_trailers, consumed) = decode(&wire, cuts);
            prop_assert_eq!(&got, &want);
            prop_assert_eq!(&got_trailers, &trailers);
            prop_assert_eq!(consumed, wire.len() - 4);
        }
    }
}
