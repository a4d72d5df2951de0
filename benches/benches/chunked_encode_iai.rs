//! Instruction counts (iai-callgrind) for encoding chunked bodies (RFC 9112 §7.1), with the
//! `write_fmt` way (what many servers do) and chunked_transfer's `Encoder` in the same group on
//! the same data.
//!
//! Inputs (BENCHMARKS.md, built in memory by `src/lib.rs`), in the `encode` group: `k64x4k`
//! (64 chunks x 4 KiB) and `b256x16` (256 chunks x 16 B), the data of the decoder benches'
//! inputs, each framed and then ended with the last chunk without trailers (262,661 B and
//! 5,637 B: exactly the decoder benches' `k64x4k` and `b256x16`); and `trailers3`, the last
//! chunk with three trailer fields (`X-Checksum`, `Server-Timing`, `Grpc-Status`; 70 B).
//!
//! The functions (in `src/lib.rs`; see its "Chunked encoding" section):
//! - `httpwire_vectored`: `Chunk::new(data)` and its three `pieces()` for every chunk, each
//!   piece's length and first byte folded in, as a `writev` caller hands them over; then the
//!   `END_OF_BODY` piece. Nothing is copied. Not run on `trailers3`: an end of the body with
//!   trailers has no vectored form (it is `httpwire_copy`'s `write_last_chunk`).
//! - `httpwire_copy`: `write_chunk(&mut buf[at..], data)` for every chunk into one buffer, then
//!   `write_last_chunk` (strict: every trailer field is checked, and checked not to be one that
//!   must not be a trailer).
//! - `write_fmt_copy`: the peer way into the same buffer: `write_fmt(format_args!("{:x}\r\n",
//!   len))`, then the data and CRLF with `write_all`; the end copied (`0\r\n`, each field as
//!   `name: value\r\n`, `\r\n`) without checks, as hyper trusts its `HeaderMap`.
//! - `chunked_transfer_encoder`: chunked_transfer 1.x, `Encoder::with_flush_after_write` (one
//!   chunk per write) over a `Vec` with the whole body's capacity reserved in setup. Its API
//!   allocates on every body whatever the caller reserved: its staging buffer when built (and
//!   regrown on the first chunk) and a `String` per chunk for the size line (`format!`); it
//!   copies the data twice. Not run on `trailers3`: it cannot write trailers (its `Drop` writes
//!   `0\r\n\r\n`).
//!
//! The three copying functions write the same bytes (benches/tests/chunked_encode_peers.rs).
//! Their buffer is allocated in `setup` (unmeasured), which also encodes the input once with
//! the same function (warm: the allocator has served chunked_transfer's allocations once);
//! the buffer is returned from the bench and checked in `teardown` (unmeasured): it must
//! decode, with httpwire's decoder, to a whole body of exactly the bytes written. Each function
//! returns the bytes written (`httpwire_vectored`: its fold), which is never 0.

use std::hint::black_box;

use httpwire_benches::{
    EncodeInput, chunked_transfer_encode, encode_b256x16, encode_k64x4k, encode_trailers3,
    httpwire_chunked_fold, httpwire_encode_copy, httpwire_encode_vectored, write_fmt_encode,
};
use iai_callgrind::{library_benchmark, library_benchmark_group, main};

/// A copying function: into the buffer, the input; the bytes written.
type Copy = fn(&mut [u8], &EncodeInput) -> usize;

/// The buffer for `input` (its encoded length), filled once by `copy`.
fn warm(copy: Copy, input: EncodeInput) -> (Vec<u8>, EncodeInput) {
    let mut buf = vec![0u8; input.encoded_len()];
    assert_eq!(
        black_box(copy(black_box(&mut buf), &input)),
        input.encoded_len()
    );
    (buf, input)
}

fn warm_vectored(input: EncodeInput) -> EncodeInput {
    assert!(black_box(httpwire_encode_vectored(black_box(&input))) > 0);
    input
}
fn warm_httpwire_copy(input: EncodeInput) -> (Vec<u8>, EncodeInput) {
    warm(httpwire_encode_copy, input)
}
fn warm_write_fmt(input: EncodeInput) -> (Vec<u8>, EncodeInput) {
    warm(write_fmt_encode, input)
}
/// A `Vec` with the body's capacity, which chunked_transfer has written into once.
fn warm_chunked_transfer(input: EncodeInput) -> (Vec<u8>, EncodeInput) {
    let mut out = Vec::with_capacity(input.encoded_len());
    assert_eq!(
        black_box(chunked_transfer_encode(black_box(&mut out), &input)),
        input.encoded_len()
    );
    (out, input)
}

/// The bytes written are a whole chunked body, as httpwire decodes it.
fn check((written, buf): (usize, Vec<u8>)) {
    assert!(written > 0 && written <= buf.len());
    let decoded = httpwire_chunked_fold(&buf[..written]);
    assert!(decoded.complete && decoded.consumed == written);
}

#[allow(missing_docs, unreachable_pub)]
mod iai_benches {
    use super::*;

    #[library_benchmark]
    #[bench::k64x4k(args = (encode_k64x4k(),), setup = warm_vectored)]
    #[bench::b256x16(args = (encode_b256x16(),), setup = warm_vectored)]
    fn httpwire_vectored(input: EncodeInput) -> usize {
        black_box(httpwire_encode_vectored(black_box(&input)))
    }

    #[library_benchmark]
    #[bench::k64x4k(args = (encode_k64x4k(),), setup = warm_httpwire_copy, teardown = check)]
    #[bench::b256x16(args = (encode_b256x16(),), setup = warm_httpwire_copy, teardown = check)]
    #[bench::trailers3(
        args = (encode_trailers3(),),
        setup = warm_httpwire_copy,
        teardown = check
    )]
    fn httpwire_copy((mut buf, input): (Vec<u8>, EncodeInput)) -> (usize, Vec<u8>) {
        let n = black_box(httpwire_encode_copy(
            black_box(&mut buf[..]),
            black_box(&input),
        ));
        (n, buf)
    }

    #[library_benchmark]
    #[bench::k64x4k(args = (encode_k64x4k(),), setup = warm_write_fmt, teardown = check)]
    #[bench::b256x16(args = (encode_b256x16(),), setup = warm_write_fmt, teardown = check)]
    #[bench::trailers3(args = (encode_trailers3(),), setup = warm_write_fmt, teardown = check)]
    fn write_fmt_copy((mut buf, input): (Vec<u8>, EncodeInput)) -> (usize, Vec<u8>) {
        let n = black_box(write_fmt_encode(black_box(&mut buf[..]), black_box(&input)));
        (n, buf)
    }

    #[library_benchmark]
    #[bench::k64x4k(args = (encode_k64x4k(),), setup = warm_chunked_transfer, teardown = check)]
    #[bench::b256x16(
        args = (encode_b256x16(),),
        setup = warm_chunked_transfer,
        teardown = check
    )]
    fn chunked_transfer_encoder((mut out, input): (Vec<u8>, EncodeInput)) -> (usize, Vec<u8>) {
        let n = black_box(chunked_transfer_encode(
            black_box(&mut out),
            black_box(&input),
        ));
        (n, out)
    }

    library_benchmark_group!(
        name = encode;
        benchmarks = httpwire_vectored, httpwire_copy, write_fmt_copy, chunked_transfer_encoder
    );
}

use iai_benches::encode;

main!(library_benchmark_groups = encode);
