//! Structure-aware encoder round trip: arbitrary chunks are encoded with `write_chunk` into a
//! `Vec`, and arbitrary trailer fields with `write_last_chunk_with(.., TrailerPolicy::AnyField)`.
//!
//! - A chunk writes its framed length (nothing for empty data).
//! - A refused end of the body wrote nothing, and its error names the first field that breaks
//!   the field grammar as stated here independently (`oracle_field`: tchar names; values of
//!   HTAB, SP, VCHAR and obs-text without SP or HTAB at either end), for that reason, at that
//!   offset. That field is dropped and the end written again; the fields it takes are all
//!   valid by the same statement.
//! - The strict policy on the fields taken refuses exactly the first one `is_forbidden_trailer`
//!   names (and it names at least framing, `Host` and every `If-*`), writing nothing, or else
//!   writes the same bytes.
//! - The bytes, fed to the decoder in the arbitrary split points (a caller's buffer that grows
//!   to each point in turn, then to the whole), decode to exactly the non-empty chunks (size
//!   and data, in order, no extensions), the last chunk, and the trailer fields (name and
//!   value, in order), consuming exactly the encoded length.
#![no_main]

use arbitrary::Arbitrary;
use chunked::encode::{
    EncodeError, Field, TrailerPolicy, WriteError, is_forbidden_trailer, write_chunk,
    write_last_chunk_with,
};
use chunked::{Config, Decoder, Event};
use http1::FieldStorage;
use libfuzzer_sys::fuzz_target;

/// Trailer fields taken from an input, at most (the decoder is given room for all of them).
const MAX_TRAILERS: usize = 48;
/// Split points taken from an input, at most.
const MAX_SPLITS: usize = 16;

#[derive(Debug, Arbitrary)]
struct Input {
    /// The data of each chunk, in order (empty ones are not framed).
    chunks: Vec<Vec<u8>>,
    /// Trailer fields: name, value.
    trailers: Vec<(Vec<u8>, Vec<u8>)>,
    /// Where the decoder's input grows to, call after call (modulo the encoded length + 1).
    splits: Vec<u16>,
}

/// `tchar` (RFC 9110 §5.6.2), spelled out.
fn oracle_tchar(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

/// A byte of a field value (RFC 9110 §5.5): HTAB, SP, VCHAR (0x21-0x7E) or obs-text (0x80-0xFF).
/// So not NUL, CR, LF, any other control character, nor DEL.
fn oracle_value_byte(b: u8) -> bool {
    b == b'\t' || b == b' ' || (0x21..=0x7e).contains(&b) || b >= 0x80
}

/// Field `index`'s line as the field grammar has it, independently of http1: the first thing
/// wrong with it, as the writer reports it (the name first, then the value's bytes, then
/// whitespace at its start, then at its end).
fn oracle_field(index: usize, name: &[u8], value: &[u8]) -> Result<(), WriteError> {
    if name.is_empty() {
        return Err(WriteError::InvalidFieldName { index, offset: 0 });
    }
    if let Some(offset) = name.iter().position(|&b| !oracle_tchar(b)) {
        return Err(WriteError::InvalidFieldName { index, offset });
    }
    if let Some(offset) = value.iter().position(|&b| !oracle_value_byte(b)) {
        return Err(WriteError::InvalidFieldValue { index, offset });
    }
    let ows = |b: &u8| *b == b' ' || *b == b'\t';
    if value.first().is_some_and(ows) {
        return Err(WriteError::FieldValueWhitespace { index, offset: 0 });
    }
    if value.last().is_some_and(ows) {
        let offset = value.len() - 1;
        return Err(WriteError::FieldValueWhitespace { index, offset });
    }
    Ok(())
}

/// Names that must never be sent as trailers, whatever else the list holds: framing, `Host`,
/// and the conditionals.
fn must_be_forbidden(name: &[u8]) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.starts_with(b"if-")
        || [
            &b"content-length"[..],
            b"transfer-encoding",
            b"trailer",
            b"host",
        ]
        .contains(&&lower[..])
}

/// A decoded body: each chunk (size, data), the trailer fields, the bytes consumed.
type Decoded = (Vec<(u64, Vec<u8>)>, Vec<(Vec<u8>, Vec<u8>)>, usize);

/// Decodes `wire` with the input growing to each of `splits` in turn, then to the whole; the
/// decoder is given room for every trailer the encoder may have written. Panics on an error,
/// on an event that the encoder cannot have caused, or when the body does not end.
fn decode_split(wire: &[u8], splits: &[usize]) -> Decoded {
    let trailers_cfg = http1::Config::new()
        .max_fields(64)
        .max_head_len(1 << 20)
        .max_line_len(1 << 20);
    let mut storage = FieldStorage::<64>::new();
    let mut dec = Decoder::new(&mut storage, Config::new().trailers(trailers_cfg));
    let mut chunks: Vec<(u64, Vec<u8>)> = Vec::new();
    let (mut at, mut avail, mut last_chunk) = (0, 0, false);
    for end in splits.iter().copied().chain([wire.len()]) {
        avail = avail.max(end);
        loop {
            let step = match dec.decode(&wire[at..avail]) {
                Ok(step) => step,
                Err(e) => panic!("the decoder refused the encoder's bytes at {at}..{avail}: {e:?}"),
            };
            at += step.consumed;
            assert!(at <= avail);
            match step.event {
                Event::Chunk {
                    size,
                    extensions,
                    data,
                } => {
                    assert!(
                        extensions.is_empty(),
                        "extensions the encoder did not write"
                    );
                    assert!(!last_chunk, "a chunk after the last chunk");
                    if size == 0 {
                        assert!(data.is_empty());
                        last_chunk = true;
                    } else {
                        assert!(data.len() as u64 <= size);
                        chunks.push((size, data.to_vec()));
                    }
                }
                Event::Data(data) => {
                    assert!(!data.is_empty(), "an empty Data event");
                    assert!(!last_chunk, "data after the last chunk");
                    let (size, got) = chunks.last_mut().expect("data before a chunk");
                    got.extend_from_slice(data);
                    assert!(got.len() as u64 <= *size, "more data than the size");
                }
                Event::End { trailers } => {
                    assert!(last_chunk, "the end without the last chunk");
                    let trailers = trailers
                        .iter()
                        .map(|f| (f.name.to_vec(), f.value.to_vec()))
                        .collect();
                    return (chunks, trailers, at);
                }
                Event::NeedMore => break,
            }
        }
    }
    panic!(
        "the body did not end: {at} of {} bytes consumed",
        wire.len()
    );
}

fuzz_target!(|input: Input| {
    // The chunks.
    let mut wire = Vec::new();
    for data in &input.chunks {
        let before = wire.len();
        let n = write_chunk(&mut wire, data).expect("a Vec takes any chunk");
        assert_eq!(wire.len() - before, n);
        assert_eq!(
            n == 0,
            data.is_empty(),
            "empty data is not framed, and only it"
        );
        if n > 0 {
            let line = format!("{:x}\r\n", data.len());
            assert_eq!(n, line.len() + data.len() + 2);
        }
    }
    let body_len = wire.len();

    // The end of the body: drop every field the encoder refuses, checking each refusal.
    let mut fields: Vec<Field<'_>> = input
        .trailers
        .iter()
        .take(MAX_TRAILERS)
        .map(|(name, value)| Field { name, value })
        .collect();
    let end_len = loop {
        match write_last_chunk_with(&mut wire, &fields, TrailerPolicy::AnyField) {
            Ok(n) => break n,
            Err(EncodeError::Write(e)) => {
                assert_eq!(wire.len(), body_len, "a refused end wrote bytes");
                let index = match e {
                    WriteError::InvalidFieldName { index, .. }
                    | WriteError::InvalidFieldValue { index, .. }
                    | WriteError::FieldValueWhitespace { index, .. } => index,
                    other => panic!("a Vec refused the end of a body: {other:?}"),
                };
                for (i, f) in fields.iter().enumerate().take(index) {
                    assert_eq!(
                        oracle_field(i, f.name, f.value),
                        Ok(()),
                        "a field before the refused one is invalid"
                    );
                }
                let bad = fields.get(index).expect("the refused field is one of them");
                assert_eq!(
                    oracle_field(index, bad.name, bad.value),
                    Err(e),
                    "the refusal disagrees with the grammar on {bad:?}"
                );
                fields.remove(index);
            }
            Err(e) => panic!("AnyField refused a field as a trailer: {e:?}"),
        }
    };
    assert_eq!(wire.len(), body_len + end_len);
    for (i, f) in fields.iter().enumerate() {
        assert_eq!(oracle_field(i, f.name, f.value), Ok(()), "accepted {f:?}");
    }

    // The strict policy on the same fields.
    let forbidden = fields.iter().position(|f| is_forbidden_trailer(f.name));
    for f in &fields {
        assert!(
            !must_be_forbidden(f.name) || is_forbidden_trailer(f.name),
            "{f:?} is allowed as a trailer"
        );
    }
    let mut strict = Vec::new();
    match (
        write_last_chunk_with(&mut strict, &fields, TrailerPolicy::Strict),
        forbidden,
    ) {
        (Ok(n), None) => {
            assert_eq!(n, end_len);
            assert_eq!(strict, wire[body_len..]);
        }
        (Err(EncodeError::ForbiddenTrailer { index }), Some(first)) => {
            assert_eq!(index, first);
            assert!(strict.is_empty(), "a refused end wrote bytes");
        }
        (got, want) => panic!("strict: {got:?}, the first forbidden field: {want:?}"),
    }

    // The decoder reads back what went in.
    let splits: Vec<usize> = input
        .splits
        .iter()
        .take(MAX_SPLITS)
        .map(|&s| usize::from(s) % (wire.len() + 1))
        .collect();
    let (chunks, trailers, consumed) = decode_split(&wire, &splits);
    assert_eq!(consumed, wire.len(), "consumed");
    let want: Vec<(u64, &[u8])> = input
        .chunks
        .iter()
        .filter(|d| !d.is_empty())
        .map(|d| (d.len() as u64, &d[..]))
        .collect();
    assert!(
        chunks
            .iter()
            .map(|(size, data)| (*size, &data[..]))
            .eq(want.iter().copied()),
        "the chunks"
    );
    assert!(
        trailers
            .iter()
            .map(|(n, v)| (&n[..], &v[..]))
            .eq(fields.iter().map(|f| (f.name, f.value))),
        "the trailers"
    );
});
