//! The chunked encoder benches' proof that every encoder does the same work: on every encoder
//! input, httpwire's copying encoder (`write_chunk`, `write_last_chunk`), the `write_fmt` way
//! and chunked_transfer's `Encoder` write the same bytes, byte for byte, and those bytes are the
//! decoder benches' inputs where the data is theirs; httpwire's decoder reads each back to the
//! data and trailers that went in. httpwire's vectored encoder hands over pieces that,
//! concatenated, are those bytes too, and its bench result is their fold.
//!
//! chunked_transfer frames alike only for writes of at most 8 KiB (it splits longer ones into
//! 8 KiB chunks: there the data is compared after decoding) and cannot write trailers (its
//! function refuses an input with them, writing nothing).

use chunked::encode::{Chunk, END_OF_BODY, Field, write_last_chunk};
use httpwire_benches::{
    CHUNK_PATTERN, ENCODE_INPUTS, ENCODE_TRAILERS, EncodeInput, chunk_payload, chunked_b256x16,
    chunked_body, chunked_k64x4k, chunked_transfer_encode, encode_b256x16, encode_k64x4k,
    encode_trailers3, fold_data, httpwire_encode_copy, httpwire_encode_vectored, write_fmt_encode,
};

/// What a copying function wrote for `input`, in a buffer of exactly the encoded length.
fn copied(copy: fn(&mut [u8], &EncodeInput) -> usize, input: &EncodeInput) -> Vec<u8> {
    let mut buf = vec![0u8; input.encoded_len()];
    let n = copy(&mut buf, input);
    assert_eq!(n, buf.len(), "the encoded length is what was written");
    buf
}

/// What chunked_transfer wrote for `input` (which must have no trailers).
fn chunked_transfer(input: &EncodeInput) -> Vec<u8> {
    let mut out = Vec::with_capacity(input.encoded_len());
    let n = chunked_transfer_encode(&mut out, input);
    assert_eq!(n, out.len());
    out
}

/// A body decoded by httpwire, fed in one piece: each chunk's data (in order), the trailer
/// fields, the bytes consumed.
type Decoded = (Vec<Vec<u8>>, Vec<(Vec<u8>, Vec<u8>)>, usize);

fn decode(wire: &[u8]) -> Decoded {
    use chunked::Event;
    let mut storage = http1::FieldStorage::<16>::new();
    let mut dec = chunked::Decoder::new(&mut storage, chunked::Config::new());
    let mut chunks: Vec<Vec<u8>> = Vec::new();
    let mut last_chunk = false;
    let mut at = 0;
    loop {
        let step = dec.decode(&wire[at..]).expect("a valid body");
        at += step.consumed;
        match step.event {
            // The last chunk (size 0) comes as a chunk too, before the end.
            Event::Chunk { size: 0, data, .. } => {
                assert!(data.is_empty() && !last_chunk);
                last_chunk = true;
            }
            Event::Chunk { data, .. } => {
                assert!(!last_chunk);
                chunks.push(data.to_vec());
            }
            Event::Data(data) => chunks.last_mut().unwrap().extend_from_slice(data),
            Event::End { trailers } => {
                assert!(last_chunk);
                let trailers = trailers
                    .iter()
                    .map(|f| (f.name.to_vec(), f.value.to_vec()))
                    .collect();
                return (chunks, trailers, at);
            }
            Event::NeedMore => panic!("the whole body is here, but the decoder wants more"),
        }
    }
}

fn fields(trailers: &[Field<'_>]) -> Vec<(Vec<u8>, Vec<u8>)> {
    trailers
        .iter()
        .map(|f| (f.name.to_vec(), f.value.to_vec()))
        .collect()
}

/// The bytes decode back to the input: the non-empty chunks' data in order, the trailers, and
/// the whole of the bytes consumed.
fn assert_decodes_to(wire: &[u8], input: &EncodeInput, who: &str) {
    let (chunks, trailers, consumed) = decode(wire);
    let want: Vec<Vec<u8>> = input
        .chunks
        .iter()
        .filter(|d| !d.is_empty())
        .map(|d| d.to_vec())
        .collect();
    assert_eq!(chunks, want, "{who}: the chunks");
    assert_eq!(trailers, fields(input.trailers), "{who}: the trailers");
    assert_eq!(consumed, wire.len(), "{who}: consumed");
}

#[test]
fn the_inputs_are_the_decoder_inputs_data() {
    let k = encode_k64x4k();
    assert_eq!(k.chunks.len(), 64);
    assert!(k.chunks.iter().all(|c| c.len() == 4096));
    assert!(k.trailers.is_empty());
    let b = encode_b256x16();
    assert_eq!(b.chunks.len(), 256);
    assert!(b.chunks.iter().all(|c| c.len() == 16));
    assert!(b.trailers.is_empty());
    let t = encode_trailers3();
    assert!(t.chunks.is_empty());
    assert_eq!(t.trailers.len(), 3);
    // The data is the pattern repeated across the body, as in the decoder inputs.
    for input in [k, b] {
        for (i, &byte) in input.payload().iter().enumerate() {
            assert_eq!(byte, CHUNK_PATTERN[i % CHUNK_PATTERN.len()]);
        }
    }
    assert_eq!(chunk_payload(64, 4096), k.payload());
    // The documented lengths.
    assert_eq!(k.encoded_len(), 262_661);
    assert_eq!(b.encoded_len(), 5_637);
    assert_eq!(t.encoded_len(), 70);
    // The default (strict) policy takes these trailers.
    let mut buf = [0u8; 70];
    assert_eq!(write_last_chunk(&mut buf[..], &ENCODE_TRAILERS), Ok(70));
}

#[test]
fn every_copying_encoder_writes_the_same_bytes() {
    for (id, input) in ENCODE_INPUTS {
        let input = input();
        let ours = copied(httpwire_encode_copy, &input);
        assert_eq!(copied(write_fmt_encode, &input), ours, "write_fmt, {id}");
        if input.trailers.is_empty() {
            assert_eq!(chunked_transfer(&input), ours, "chunked_transfer, {id}");
        } else {
            let mut out = b"untouched".to_vec();
            assert_eq!(chunked_transfer_encode(&mut out, &input), 0);
            assert_eq!(
                out, b"untouched",
                "chunked_transfer refuses trailers unwritten"
            );
        }
        assert_decodes_to(&ours, &input, id);
    }
    // The bodies are the decoder benches' inputs, byte for byte.
    assert_eq!(
        copied(httpwire_encode_copy, &encode_k64x4k()),
        chunked_k64x4k()
    );
    assert_eq!(
        copied(httpwire_encode_copy, &encode_b256x16()),
        chunked_b256x16()
    );
    assert_eq!(
        copied(httpwire_encode_copy, &encode_trailers3()),
        b"0\r\nX-Checksum: 4f2a9c\r\nServer-Timing: total;dur=12\r\nGrpc-Status: 0\r\n\r\n"
    );
}

#[test]
fn the_vectored_pieces_are_the_same_bytes_and_their_fold_is_the_result() {
    for (id, input) in ENCODE_INPUTS {
        let input = input();
        let mut wire = Vec::new();
        let mut fold = 0;
        for data in input.chunks {
            let chunk = Chunk::new(data).unwrap();
            for piece in chunk.pieces() {
                wire.extend_from_slice(piece);
            }
            // The fold by hand: size line, data, CRLF.
            let line = format!("{:x}\r\n", data.len());
            fold = fold_data(fold, line.as_bytes());
            fold = fold_data(fold, data);
            fold = fold_data(fold, b"\r\n");
        }
        let end = if input.trailers.is_empty() {
            END_OF_BODY.to_vec()
        } else {
            let mut end = vec![0u8; 256];
            let n = write_last_chunk(&mut end[..], input.trailers).unwrap();
            end.truncate(n);
            end
        };
        wire.extend_from_slice(&end);
        fold = fold_data(fold, &end);
        assert_eq!(wire, copied(httpwire_encode_copy, &input), "{id}");
        assert_eq!(httpwire_encode_vectored(&input), fold, "{id}");
        assert!(fold > 0);
    }
}

/// Chunk lengths around every hex digit count, empty chunks among them, and trailers with an
/// empty value: the copying encoders agree beyond the bench inputs, where their framing is
/// the same.
#[test]
fn the_encoders_agree_on_other_bodies() {
    let lens = [
        1, 0, 9, 10, 15, 16, 17, 0, 0, 255, 256, 1000, 4095, 4096, 4097, 8191, 8192,
    ];
    let payload = chunk_payload(1, lens.iter().sum());
    let payload: &'static [u8] = Vec::leak(payload);
    let mut chunks = Vec::new();
    let mut at = 0;
    for len in lens {
        chunks.push(&payload[at..at + len]);
        at += len;
    }
    let chunks: &'static [&'static [u8]] = Vec::leak(chunks);
    let input = EncodeInput {
        chunks,
        trailers: &[],
    };
    let ours = copied(httpwire_encode_copy, &input);
    assert_eq!(copied(write_fmt_encode, &input), ours);
    assert_eq!(chunked_transfer(&input), ours);
    assert_decodes_to(&ours, &input, "mixed lengths");
    // Lowercase hex, as chunked_body writes it.
    assert!(ours.windows(5).any(|w| w == b"\r\nff\r"));
    assert!(ours.windows(7).any(|w| w == b"\r\n1fff\r"));

    // Trailers: the same bytes when every value is non-empty.
    static TRAILERS: [Field<'static>; 2] = [
        Field {
            name: b"Digest",
            value: b"sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:",
        },
        Field {
            name: b"grpc-message",
            value: b"all good\there",
        },
    ];
    let with_trailers = EncodeInput {
        chunks,
        trailers: &TRAILERS,
    };
    let ours = copied(httpwire_encode_copy, &with_trailers);
    assert_eq!(copied(write_fmt_encode, &with_trailers), ours);
    assert_decodes_to(&ours, &with_trailers, "with trailers");
}

/// Where chunked_transfer frames differently: a write longer than 8 KiB is split into 8 KiB
/// chunks. The data still decodes to the same bytes.
#[test]
fn chunked_transfer_splits_long_writes_but_keeps_the_data() {
    let payload: &'static [u8] = Vec::leak(chunk_payload(1, 10_000));
    let chunks: &'static [&'static [u8]] = Vec::leak(vec![payload]);
    let input = EncodeInput {
        chunks,
        trailers: &[],
    };
    let ours = copied(httpwire_encode_copy, &input);
    assert!(ours.starts_with(b"2710\r\n"));
    assert_eq!(copied(write_fmt_encode, &input), ours);
    let theirs = chunked_transfer(&input);
    assert_ne!(theirs, ours);
    assert!(theirs.starts_with(b"2000\r\n"));
    let (their_chunks, trailers, consumed) = decode(&theirs);
    assert_eq!(
        their_chunks.iter().map(Vec::len).collect::<Vec<_>>(),
        [8192, 10_000 - 8192]
    );
    assert_eq!(their_chunks.concat(), payload);
    assert!(trailers.is_empty());
    assert_eq!(consumed, theirs.len());
}

/// A buffer one byte short: the copying functions report 0 (they do not claim work they could
/// not do).
#[test]
fn a_short_buffer_is_a_failure() {
    for (id, input) in ENCODE_INPUTS {
        let input = input();
        let mut buf = vec![0u8; input.encoded_len() - 1];
        assert_eq!(httpwire_encode_copy(&mut buf, &input), 0, "httpwire, {id}");
        assert_eq!(write_fmt_encode(&mut buf, &input), 0, "write_fmt, {id}");
    }
    // chunked_body writes what the inputs are built from; a last check that it agrees with
    // the encoders on a body of one odd chunk.
    let body = chunked_body(1, 0xab, false);
    let payload: &'static [u8] = Vec::leak(chunk_payload(1, 0xab));
    let chunks: &'static [&'static [u8]] = Vec::leak(vec![payload]);
    let input = EncodeInput {
        chunks,
        trailers: &[],
    };
    assert_eq!(copied(httpwire_encode_copy, &input), body);
}
