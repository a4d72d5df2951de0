//! The chunked benches' proof that every decoder pays alike: on every chunked input, httpwire,
//! httparse and chunked_transfer hand over the same data (each chunk's data as one slice,
//! folded by `fold_data`), the fold computed here by hand from the bytes; httpwire and httparse
//! also hand over the same trailer fields and consume the whole body, so their bench results
//! are equal and non-zero.
//!
//! chunked_transfer differs by design on the input with trailers: it has no trailer support
//! and refuses the section after all the data (its result is 0). There the data it handed
//! over before the error is compared, not its result.
//!
//! Also: the inputs are what their doc comments say (sizes, chunk counts, the trailer
//! section).

use httpwire_benches::{
    CHUNK_PATTERN, CHUNK_TRAILERS, CHUNKED_INPUTS, ChunkedFold, chunk_signature, chunked_b256x16,
    chunked_body, chunked_body_with, chunked_k16x1k_trailers, chunked_k64x4k, chunked_s3_k64x4k,
    chunked_transfer_chunked, chunked_transfer_chunked_fold, fold_data, fold_field,
    httparse_chunked, httparse_chunked_fold, httpwire_chunked, httpwire_chunked_fold,
    httpwire_chunked_with, httpwire_chunked_with_fold,
};

/// A chunked body split by hand: each chunk's data, and the trailer fields (name, value).
struct Body<'a> {
    chunks: Vec<&'a [u8]>,
    trailers: Vec<(&'a [u8], &'a [u8])>,
}

fn crlf(buf: &[u8]) -> usize {
    buf.windows(2)
        .position(|w| w == b"\r\n")
        .expect("a line ends with CRLF")
}

/// Splits `buf`, which must be exactly one chunked body (extensions are skipped).
fn split(mut buf: &[u8]) -> Body<'_> {
    let mut chunks = Vec::new();
    loop {
        let end = crlf(buf);
        let digits = buf[..end].iter().position(|&b| b == b';').unwrap_or(end);
        let size = std::str::from_utf8(&buf[..digits]).unwrap();
        let size = usize::from_str_radix(size, 16).unwrap();
        buf = &buf[end + 2..];
        if size == 0 {
            break;
        }
        chunks.push(&buf[..size]);
        assert_eq!(&buf[size..size + 2], b"\r\n");
        buf = &buf[size + 2..];
    }
    let mut trailers = Vec::new();
    loop {
        let end = crlf(buf);
        if end == 0 {
            assert_eq!(buf.len(), 2, "the body ends with its trailer section");
            break;
        }
        let line = &buf[..end];
        let colon = line.iter().position(|&b| b == b':').unwrap();
        let value = &line[colon + 1..];
        let value = value.strip_prefix(b" ").unwrap_or(value);
        trailers.push((&line[..colon], value));
        buf = &buf[end + 2..];
    }
    Body { chunks, trailers }
}

/// What every decoder must hand over for `buf`, folded by hand.
fn expected(buf: &[u8]) -> ChunkedFold {
    let body = split(buf);
    ChunkedFold {
        data: body.chunks.iter().fold(0, |acc, d| fold_data(acc, d)),
        trailers: body
            .trailers
            .iter()
            .fold(0, |acc, (n, v)| fold_field(acc, n, v)),
        consumed: buf.len(),
        complete: true,
    }
}

#[test]
fn inputs_are_what_their_docs_say() {
    // (input, length, chunks, chunk length, trailers, signed)
    type Case = (&'static [u8], usize, usize, usize, bool, bool);
    let cases: [Case; 4] = [
        (chunked_k64x4k(), 262_661, 64, 4096, false, false),
        (chunked_b256x16(), 5_637, 256, 16, false, false),
        (chunked_k16x1k_trailers(), 16_566, 16, 1024, true, false),
        (chunked_s3_k64x4k(), 267_926, 64, 4096, false, true),
    ];
    let mut total_data = 0;
    for (buf, len, chunks, chunk_len, trailers, signed) in cases {
        assert_eq!(buf.len(), len);
        assert_eq!(buf, chunked_body_with(chunks, chunk_len, trailers, signed));
        // Every size line carries a signature, or none does.
        let lines = buf
            .windows(17)
            .filter(|w| w == b";chunk-signature=")
            .count();
        assert_eq!(lines, if signed { chunks + 1 } else { 0 });
        let body = split(buf);
        assert_eq!(body.chunks.len(), chunks);
        assert!(body.chunks.iter().all(|c| c.len() == chunk_len));
        // The data is the pattern, repeated across the body.
        let data: Vec<u8> = body.chunks.concat();
        for (i, &b) in data.iter().enumerate() {
            assert_eq!(b, CHUNK_PATTERN[i % CHUNK_PATTERN.len()]);
        }
        total_data += data.len();
        assert_eq!(body.trailers.len(), if trailers { 3 } else { 0 });
    }
    assert_eq!(total_data, 2 * 64 * 4096 + 256 * 16 + 16 * 1024);
    // The signatures: 64 lowercase hex digits, different for each chunk.
    let (a, b) = (chunk_signature(0), chunk_signature(1));
    assert_eq!(a.len(), 81);
    assert!(a[17..].iter().all(|b| b"0123456789abcdef".contains(b)));
    assert_ne!(a, b);
    assert!(chunked_s3_k64x4k().starts_with(&[&b"1000"[..], &a, b"\r\n"].concat()));
    let body = split(chunked_k16x1k_trailers());
    assert_eq!(
        body.trailers,
        [
            (&b"Expires"[..], &b"never"[..]),
            (b"X-Checksum", b"4f2a9c"),
            (b"Server-Timing", b"total;dur=12"),
        ]
    );
    // A size with hex letters is written in lowercase.
    assert!(chunked_body(1, 0xab, false).starts_with(b"ab\r\n"));
}

#[test]
fn httpwire_and_httparse_hand_over_everything_alike() {
    for (id, input) in CHUNKED_INPUTS {
        let buf = input();
        let want = expected(buf);
        assert_eq!(httpwire_chunked_fold(buf), want, "httpwire, {id}");
        assert_eq!(
            httpwire_chunked_with_fold(buf),
            want,
            "httpwire (visitor), {id}"
        );
        assert_eq!(httparse_chunked_fold(buf), want, "httparse, {id}");
        let sum = httpwire_chunked(buf);
        assert_ne!(sum, 0, "{id}");
        assert_eq!(sum, want.sum(), "{id}");
        assert_eq!(httparse_chunked(buf), sum, "{id}");
    }
}

#[test]
fn chunked_transfer_hands_over_the_same_data() {
    for (id, input) in CHUNKED_INPUTS {
        let buf = input();
        let want = expected(buf);
        let got = chunked_transfer_chunked_fold(buf);
        assert_eq!(got.data, want.data, "{id}");
        assert_eq!(got.trailers, 0, "{id}: it hands over no trailers");
        if want.trailers == 0 {
            assert_eq!(got, want, "{id}");
            assert_eq!(chunked_transfer_chunked(buf), httpwire_chunked(buf), "{id}");
        } else {
            // It refuses the trailer section, right after the last chunk's size line.
            let last = buf.len() - CHUNK_TRAILERS.len() - 2;
            assert_eq!(&buf[last - 3..last], b"0\r\n");
            assert!(!got.complete, "{id}");
            assert!(got.consumed >= last && got.consumed <= last + 2, "{id}");
            assert_eq!(chunked_transfer_chunked(buf), 0, "{id}");
        }
    }
}

#[test]
fn every_decoder_refuses_a_truncated_body() {
    for (id, input) in CHUNKED_INPUTS {
        let buf = input();
        // Cut inside the last chunk's data, and just before the final CRLF.
        for cut in [buf.len() - 100, buf.len() - 1] {
            let short = &buf[..cut];
            assert_eq!(httpwire_chunked(short), 0, "httpwire, {id}, {cut}");
            assert_eq!(
                httpwire_chunked_with(short),
                0,
                "httpwire (visitor), {id}, {cut}"
            );
            assert_eq!(httparse_chunked(short), 0, "httparse, {id}, {cut}");
            assert_eq!(
                chunked_transfer_chunked(short),
                0,
                "chunked_transfer, {id}, {cut}"
            );
        }
    }
}
