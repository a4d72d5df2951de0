//! The encoder: size lines against `format!("{:x}")`, pieces against the naive framing in every
//! form (slices, IoSlices, `bytes::Buf`, copies), and the last chunk with its trailers: exact
//! bytes, every refusal with its index, and nothing written on failure.

mod common;
use common::cases;

use chunked::encode::{
    CRLF, Chunk, ChunkHeader, END_OF_BODY, EncodeError, FORBIDDEN_TRAILERS, Field, HeadSink,
    TrailerPolicy, WriteError, is_forbidden_trailer, write_chunk, write_last_chunk,
    write_last_chunk_with,
};
use proptest::prelude::*;

/// The naive framing of one chunk.
fn naive(data: &[u8]) -> Vec<u8> {
    let mut v = format!("{:x}\r\n", data.len()).into_bytes();
    v.extend_from_slice(data);
    v.extend_from_slice(b"\r\n");
    v
}

fn field<'a>(name: &'a [u8], value: &'a [u8]) -> Field<'a> {
    Field { name, value }
}

/// Writes the end of a body into a slice and returns the bytes; on error, checks that the
/// slice sink kept its length and that no byte of the buffer changed.
fn last(trailers: &[Field<'_>], policy: TrailerPolicy) -> Result<Vec<u8>, EncodeError> {
    let mut buf = vec![0xAAu8; 4096];
    let mut out = &mut buf[..];
    match write_last_chunk_with(&mut out, trailers, policy) {
        Ok(n) => {
            assert_eq!(out.len(), 4096 - n, "the cursor moved by the length");
            buf.truncate(n);
            Ok(buf)
        }
        Err(e) => {
            assert_eq!(out.len(), 4096, "the cursor moved on {e:?}");
            // (A slice comparison, not a byte loop: under miri that loop over 4,096 bytes
            // took half a second, and this runs for every refusal.)
            assert!(buf == [0xAA; 4096], "wrote on {e:?}");
            Err(e)
        }
    }
}

fn strict(trailers: &[Field<'_>]) -> Result<Vec<u8>, EncodeError> {
    let strict = last(trailers, TrailerPolicy::Strict);
    // The default policy is the strict one, and `write_last_chunk` uses it.
    assert_eq!(TrailerPolicy::default(), TrailerPolicy::Strict);
    let mut buf = [0u8; 4096];
    let plain = write_last_chunk(&mut buf[..], trailers).map(|n| buf[..n].to_vec());
    assert_eq!(plain, strict);
    strict
}

/// A sink with a byte budget that only has the trait's required methods.
struct Limited(Vec<u8>, usize);

impl HeadSink for Limited {
    fn reserve(&mut self, additional: usize) -> Result<(), WriteError> {
        if self.0.len() + additional <= self.1 {
            Ok(())
        } else {
            Err(WriteError::BufferTooSmall { needed: additional })
        }
    }
    fn put(&mut self, bytes: &[u8]) -> Result<(), WriteError> {
        self.reserve(bytes.len())?;
        self.0.extend_from_slice(bytes);
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// Chunks.

#[test]
fn size_lines_are_lowercase_hex_without_leading_zeros() {
    for n in [
        1u64,
        9,
        10,
        15,
        16,
        255,
        256,
        4096,
        0xabcdef,
        u64::from(u32::MAX),
        u64::from(u32::MAX) + 1,
        u64::MAX - 1,
        u64::MAX,
    ] {
        let h = ChunkHeader::new(n).unwrap();
        let want = format!("{n:x}\r\n");
        assert_eq!(h.as_bytes(), want.as_bytes(), "{n}");
        assert_eq!(h.as_ref(), want.as_bytes());
        assert_eq!(h.line_len(), want.len());
        assert_eq!(h.chunk_size(), n);
        assert!(h.line_len() <= ChunkHeader::MAX_LEN);
    }
    assert_eq!(
        ChunkHeader::new(u64::MAX).unwrap().line_len(),
        ChunkHeader::MAX_LEN
    );
    assert_eq!(
        format!("{:?}", ChunkHeader::new(26).unwrap()),
        "ChunkHeader { chunk_size: 26 }"
    );
}

#[test]
fn small_chunks_frame_real_data() {
    for len in [1usize, 15, 16, 255, 4096] {
        let data: Vec<u8> = (0..len).map(|i| i as u8).collect();
        let chunk = Chunk::new(&data).unwrap();
        assert_eq!(chunk.pieces().concat(), naive(&data), "{len}");
        assert_eq!(chunk.framed_len(), naive(&data).len());
        assert_eq!(chunk.header(), ChunkHeader::new(len as u64).unwrap());
        assert_eq!(chunk.data(), &data[..]);
        assert_eq!(chunk.pieces()[2], CRLF);
    }
}

#[test]
fn empty_data_is_never_framed() {
    assert_eq!(ChunkHeader::new(0), None);
    assert_eq!(Chunk::new(b""), None);
    let mut buf = [0xAAu8; 8];
    let mut out = &mut buf[..];
    assert_eq!(write_chunk(&mut out, b""), Ok(0));
    assert_eq!(out.len(), 8);
    assert_eq!(buf, [0xAA; 8]);
    // Not even into a sink with no room.
    assert_eq!(write_chunk(&mut [][..], b""), Ok(0));
    #[cfg(feature = "bytes")]
    assert!(chunked::encode::chunk_buf(bytes::Bytes::new()).is_none());
}

#[test]
fn write_chunk_is_all_or_nothing() {
    let data = b"0123456789abcdefg";
    let want = naive(data);
    assert_eq!(want, b"11\r\n0123456789abcdefg\r\n");
    for k in 0..want.len() {
        let mut buf = vec![0xAAu8; k];
        let mut out = &mut buf[..];
        assert_eq!(
            write_chunk(&mut out, data),
            Err(EncodeError::Write(WriteError::BufferTooSmall {
                needed: want.len()
            }))
        );
        assert_eq!(out.len(), k, "the cursor moved");
        assert!(buf.iter().all(|&b| b == 0xAA), "wrote into {k} bytes");
    }
    let mut buf = vec![0u8; want.len() + 2];
    let mut out = &mut buf[..];
    assert_eq!(write_chunk(&mut out, data), Ok(want.len()));
    assert_eq!(out.len(), 2);
    assert_eq!(&buf[..want.len()], &want[..]);

    let mut short = Limited(Vec::new(), want.len() - 1);
    assert!(write_chunk(&mut short, data).is_err());
    assert!(short.0.is_empty());
}

#[cfg(feature = "std")]
#[test]
fn io_slices_go_to_write_vectored() {
    use std::io::Write;
    let chunk = Chunk::new(b"hello").unwrap();
    let mut out = Vec::new();
    let n = out.write_vectored(&chunk.io_slices()).unwrap();
    assert_eq!(n, chunk.framed_len());
    assert_eq!(out, b"5\r\nhello\r\n");
}

#[cfg(feature = "bytes")]
#[test]
fn buf_chunks_advance_across_the_pieces() {
    use bytes::Buf;
    let mut framed = Chunk::new(b"abc").unwrap().into_buf();
    assert_eq!(framed.remaining(), 8);
    assert_eq!(framed.chunk(), b"3\r\n");
    framed.advance(2);
    assert_eq!(framed.chunk(), b"\n");
    framed.advance(2);
    assert_eq!(framed.chunk(), b"bc");
    framed.advance(2);
    assert_eq!(framed.chunk(), b"\r\n");
    framed.advance(2);
    assert_eq!(framed.remaining(), 0);
    assert!(framed.chunk().is_empty());

    let mut line = ChunkHeader::new(0x1f).unwrap().into_buf();
    assert_eq!(line.remaining(), 4);
    line.advance(4);
    assert_eq!(line.remaining(), 0);
    assert!(line.chunk().is_empty());
}

// ---------------------------------------------------------------------------------------------
// The last chunk and trailers.

#[test]
fn no_trailers_is_the_last_chunk_and_an_empty_line() {
    assert_eq!(strict(&[]).unwrap(), b"0\r\n\r\n");
    assert_eq!(END_OF_BODY, b"0\r\n\r\n");
    assert_eq!(last(&[], TrailerPolicy::AnyField).unwrap(), END_OF_BODY);
}

#[test]
fn trailers_are_written_after_the_last_chunk() {
    let trailers = [
        field(b"Server-Timing", b"db;dur=53, app;dur=47.2"),
        field(b"X-Empty", b""),
        field(b"Content-Digest", b"sha-256=:abc=:"),
        field(b"X-Obs", b"caf\xc3\xa9 \t x"),
    ];
    assert_eq!(
        strict(&trailers).unwrap(),
        &b"0\r\nServer-Timing: db;dur=53, app;dur=47.2\r\nX-Empty:\r\n\
           Content-Digest: sha-256=:abc=:\r\nX-Obs: caf\xc3\xa9 \t x\r\n\r\n"[..]
    );
}

/// Every class of bad name and value, as the second field: refused with http1's error, index 1,
/// the offset within the element, and nothing written, whatever the policy.
#[test]
fn malformed_trailers_are_refused_with_their_index() {
    let name = |offset| WriteError::InvalidFieldName { index: 1, offset };
    let value = |offset| WriteError::InvalidFieldValue { index: 1, offset };
    let space = |offset| WriteError::FieldValueWhitespace { index: 1, offset };
    let cases: &[(&[u8], &[u8], WriteError)] = &[
        (b"", b"v", name(0)),
        (b"Bad Name", b"v", name(3)),
        (b"X:", b"v", name(1)),
        (b"X\r\nY", b"v", name(1)),
        (b"a\0", b"v", name(1)),
        (b"\tX", b"v", name(0)),
        (b"caf\xc3\xa9", b"v", name(3)),
        (b"a/b", b"v", name(1)),
        (b"X", b"a\r\nSet-Cookie: x", value(1)),
        (b"X", b"a\rb", value(1)),
        (b"X", b"a\nb", value(1)),
        (b"X", b"\0", value(0)),
        (b"X", b"ab\x01", value(2)),
        (b"X", b"a\x1fb", value(1)),
        (b"X", b"a\x7fb", value(1)),
        (b"X", b"a\x0bb", value(1)),
        (b"X", b" a", space(0)),
        (b"X", b"\ta", space(0)),
        (b"X", b"a ", space(1)),
        (b"X", b"a\t", space(1)),
        (b"X", b" ", space(0)),
    ];
    for &(n, v, err) in cases {
        let trailers = [field(b"Ok", b"fine"), field(n, v)];
        for policy in [TrailerPolicy::Strict, TrailerPolicy::AnyField] {
            assert_eq!(
                last(&trailers, policy),
                Err(EncodeError::Write(err)),
                "{n:?}: {v:?} ({policy:?})"
            );
        }
    }
}

/// The fields RFC 9110 §6.5.1 keeps out of trailers, as the brief lists them.
const MUST_NOT_BE_TRAILERS: &[&str] = &[
    "Content-Length",
    "Transfer-Encoding",
    "Host",
    "Trailer",
    "TE",
    "Connection",
    "Keep-Alive",
    "Upgrade",
    "Proxy-Connection",
    "Content-Type",
    "Content-Encoding",
    "Content-Range",
    "Expect",
    "Range",
    "If-Match",
    "If-None-Match",
    "If-Modified-Since",
    "If-Unmodified-Since",
    "If-Range",
    "Authorization",
    "Proxy-Authorization",
    "Proxy-Authenticate",
    "WWW-Authenticate",
    "Set-Cookie",
    "Cookie",
    "Cache-Control",
    "Expires",
    "Age",
    "Date",
    "Location",
    "Retry-After",
    "Vary",
    "Warning",
    "Max-Forwards",
    "Pragma",
];

#[test]
fn forbidden_trailers_are_refused_by_default_and_allowed_by_the_option() {
    // (Every fourth name under miri, where this loop took 80 s.)
    let step = if cfg!(miri) { 4 } else { 1 };
    for name in MUST_NOT_BE_TRAILERS.iter().step_by(step) {
        for spelled in [
            name.to_string(),
            name.to_ascii_lowercase(),
            name.to_ascii_uppercase(),
        ] {
            let trailers = [
                field(b"Server-Timing", b"a"),
                field(spelled.as_bytes(), b"x"),
                field(b"Other", b"b"),
            ];
            assert!(is_forbidden_trailer(spelled.as_bytes()), "{spelled}");
            assert_eq!(
                strict(&trailers),
                Err(EncodeError::ForbiddenTrailer { index: 1 }),
                "{spelled}"
            );
            let want = format!("0\r\nServer-Timing: a\r\n{spelled}: x\r\nOther: b\r\n\r\n");
            assert_eq!(
                last(&trailers, TrailerPolicy::AnyField).unwrap(),
                want.as_bytes()
            );
        }
    }
    // Every entry of the public list is refused, and is written in lowercase.
    for &name in FORBIDDEN_TRAILERS {
        assert_eq!(name, name.to_ascii_lowercase());
        assert_eq!(
            strict(&[field(name, b"1")]),
            Err(EncodeError::ForbiddenTrailer { index: 0 })
        );
    }
}

#[test]
fn other_trailers_are_allowed() {
    for name in [
        &b"Server-Timing"[..],
        b"Content-Digest",
        b"Repr-Digest",
        b"Digest",
        b"Grpc-Status",
        b"X-Checksum",
        b"Hostname",
        b"Hos",
        b"Iffy",
        b"If",
        b"Te-X",
        b"X-Content-Length",
        b"Content-Lengths",
    ] {
        assert!(!is_forbidden_trailer(name), "{name:?}");
        assert!(strict(&[field(name, b"1")]).is_ok(), "{name:?}");
    }
}

/// The first bad field in order is the error, whether it is malformed or forbidden.
#[test]
fn the_first_bad_field_is_the_error() {
    let malformed = field(b"Bad Name", b"1");
    let forbidden = field(b"Host", b"evil.example");
    assert_eq!(
        strict(&[field(b"A", b"1"), malformed, forbidden]),
        Err(EncodeError::Write(WriteError::InvalidFieldName {
            index: 1,
            offset: 3
        }))
    );
    assert_eq!(
        strict(&[field(b"A", b"1"), forbidden, malformed]),
        Err(EncodeError::ForbiddenTrailer { index: 1 })
    );
    // A forbidden field whose value is malformed is reported as forbidden.
    assert_eq!(
        strict(&[field(b"Set-Cookie", b"a\r\nb")]),
        Err(EncodeError::ForbiddenTrailer { index: 0 })
    );
    assert_eq!(
        last(&[field(b"Set-Cookie", b"a\r\nb")], TrailerPolicy::AnyField),
        Err(EncodeError::Write(WriteError::InvalidFieldValue {
            index: 0,
            offset: 1
        }))
    );
}

#[test]
fn a_sink_too_small_keeps_its_length_and_gets_nothing() {
    for trailers in [
        &[][..],
        &[field(b"Server-Timing", b"x"), field(b"Y", b"")][..],
    ] {
        let want = strict(trailers).unwrap();
        for k in 0..want.len() {
            let mut buf = vec![0xAAu8; k];
            let mut out = &mut buf[..];
            assert_eq!(
                write_last_chunk(&mut out, trailers),
                Err(EncodeError::Write(WriteError::BufferTooSmall {
                    needed: want.len()
                }))
            );
            assert_eq!(out.len(), k, "the cursor moved");
            assert!(buf.iter().all(|&b| b == 0xAA), "wrote into {k} bytes");
        }
        let mut buf = vec![0u8; want.len()];
        let mut out = &mut buf[..];
        assert_eq!(write_last_chunk(&mut out, trailers), Ok(want.len()));
        assert!(out.is_empty());
        assert_eq!(buf, want);

        let mut short = Limited(Vec::new(), want.len() - 1);
        assert_eq!(
            write_last_chunk(&mut short, trailers),
            Err(EncodeError::Write(WriteError::BufferTooSmall {
                needed: want.len()
            }))
        );
        assert!(short.0.is_empty());
        let mut exact = Limited(Vec::new(), want.len());
        assert_eq!(write_last_chunk(&mut exact, trailers), Ok(want.len()));
        assert_eq!(exact.0, want);
    }
}

#[cfg(feature = "std")]
#[test]
fn a_vec_sink_grows() {
    let mut out = b"5\r\nhello\r\n".to_vec();
    let n = write_last_chunk(&mut out, &[field(b"Grpc-Status", b"0")]).unwrap();
    assert_eq!(n, 21);
    assert_eq!(out, b"5\r\nhello\r\n0\r\nGrpc-Status: 0\r\n\r\n");
}

#[test]
fn errors_display() {
    assert_eq!(
        EncodeError::ForbiddenTrailer { index: 2 }.to_string(),
        "trailer field 2 must not be a trailer (framing, routing, request modifier, \
         authentication, response control or content handling field)"
    );
    let e: &dyn core::error::Error = &EncodeError::from(WriteError::BufferTooSmall { needed: 9 });
    assert_eq!(e.to_string(), "buffer too small: 9 bytes needed");
}

// ---------------------------------------------------------------------------------------------
// Properties.

/// Chunk data: short, longer, and around 4 KiB (where the size line gets a fourth digit); under
/// miri, which generates each byte slowly, the long ones shrink to a few dozen bytes.
fn data() -> impl Strategy<Value = Vec<u8>> {
    let (long, page) = if cfg!(miri) {
        (40..60, 60..70)
    } else {
        (200..600, 4090..4100)
    };
    prop_oneof![
        3 => prop::collection::vec(any::<u8>(), 0..40),
        1 => prop::collection::vec(any::<u8>(), long),
        1 => prop::collection::vec(any::<u8>(), page),
    ]
}

const TCHARS: &[u8] =
    b"!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

/// A well-formed field: a token name (sometimes a forbidden one) and a value without
/// surrounding whitespace.
fn trailer() -> impl Strategy<Value = (Vec<u8>, Vec<u8>)> {
    let name = prop_oneof![
        4 => prop::collection::vec(prop::sample::select(TCHARS), 1..12),
        1 => prop::sample::select(MUST_NOT_BE_TRAILERS).prop_map(|n| n.as_bytes().to_vec()),
    ];
    let value = prop::collection::vec(
        prop_oneof![6 => 0x21u8..=0x7e, 1 => Just(b' '), 1 => 0x80u8..=0xff],
        0..20,
    )
    .prop_map(|v| v.trim_ascii().to_vec());
    (name, value)
}

proptest! {
    #![proptest_config(cases())]

    /// Every form of a chunk is the naive framing.
    #[test]
    fn chunks_are_the_naive_framing(data in data()) {
        let Some(chunk) = Chunk::new(&data) else {
            prop_assert!(data.is_empty());
            return Ok(());
        };
        let want = naive(&data);
        prop_assert_eq!(chunk.pieces().concat(), &want[..]);
        prop_assert_eq!(chunk.framed_len(), want.len());
        prop_assert_eq!(chunk.header().chunk_size(), data.len() as u64);

        let mut buf = vec![0u8; want.len()];
        prop_assert_eq!(write_chunk(&mut buf[..], &data), Ok(want.len()));
        prop_assert_eq!(&buf, &want);

        #[cfg(feature = "std")]
        {
            let joined: Vec<u8> = chunk.io_slices().iter().flat_map(|s| s.iter().copied()).collect();
            prop_assert_eq!(&joined, &want);
        }

        #[cfg(feature = "bytes")]
        {
            use bytes::Buf;
            // Read chunk by chunk...
            let mut framed = Chunk::new(&data).unwrap().into_buf();
            prop_assert_eq!(framed.remaining(), want.len());
            let mut read = Vec::new();
            while framed.has_remaining() {
                let piece = framed.chunk();
                prop_assert!(!piece.is_empty());
                read.extend_from_slice(piece);
                let n = piece.len();
                framed.advance(n);
            }
            prop_assert_eq!(&read, &want);
            // ... or at once, from owned data.
            let mut framed = chunked::encode::chunk_buf(bytes::Bytes::from(data.clone())).unwrap();
            let all = framed.copy_to_bytes(want.len());
            prop_assert_eq!(&all[..], &want[..]);
            prop_assert!(!framed.has_remaining());
        }
    }

    /// The end of a body is `0` CRLF and then http1's trailer section; the strict policy
    /// refuses exactly the forbidden fields, at the first one's index.
    #[test]
    fn the_last_chunk_is_the_trailer_section_after_a_zero(
        fs in prop::collection::vec(trailer(), 0..8),
    ) {
        let trailers: Vec<Field<'_>> = fs.iter().map(|(n, v)| field(n, v)).collect();
        let mut section = vec![0u8; 4096];
        let n = http1::write::write_trailer_section(&mut section[..], &trailers).unwrap();
        let mut want = b"0\r\n".to_vec();
        want.extend_from_slice(&section[..n]);

        prop_assert_eq!(last(&trailers, TrailerPolicy::AnyField), Ok(want.clone()));
        let first_forbidden = trailers.iter().position(|f| is_forbidden_trailer(f.name));
        match first_forbidden {
            None => prop_assert_eq!(strict(&trailers), Ok(want)),
            Some(index) => {
                prop_assert_eq!(strict(&trailers), Err(EncodeError::ForbiddenTrailer { index }))
            }
        }
    }
}
