//! Instruction counts (iai-callgrind) for decoding chunked bodies (RFC 9112 §7.1), with
//! httparse (a loop on `parse_chunk_size`) and chunked_transfer (a `Read` adapter) in the same
//! group on the same bytes.
//!
//! Inputs (BENCHMARKS.md, built in memory by `src/lib.rs`): `k64x4k` (64 chunks x 4 KiB,
//! 262,661 B) and `b256x16` (256 chunks x 16 B, 5,637 B), each ending `0\r\n\r\n`, and
//! `k16x1k_trailers` (16 chunks x 1 KiB, then three trailer fields, 16,566 B), and
//! `s3_k64x4k` (64 chunks x 4 KiB, each size line with an 81-byte `;chunk-signature=...`
//! extension as in S3's signed uploads, 267,926 B), in the `decode` group. Warm: each bench's `setup` builds the input and decodes it once with the same
//! decoder (CPU feature detection happens there, unmeasured).
//!
//! httpwire is measured through both of its interfaces: `httpwire_decode` loops on
//! `Decoder::decode` (one `Event` a call), `httpwire_decode_with` calls `Decoder::decode_with`
//! once with a closure that takes each data slice.
//!
//! Every decoder's function (in `src/lib.rs`) hands over what a caller reads: it folds every
//! data slice (length and first byte) and every trailer field's name and value into its
//! result with the same helpers, and adds the bytes consumed. httpwire decodes the whole body
//! in one buffer; httparse's loop slices the data and checks each CRLF, then parses the
//! trailers with `parse_headers`; chunked_transfer copies the data into a 4 KiB stack buffer.
//!
//! chunked_transfer has no trailer support: on `k16x1k_trailers` it reads all the data, then
//! refuses the trailer section (its result is 0, which that bench's setup checks), so its
//! figure there is the cost of a refusal, not of a decode.

use std::hint::black_box;

use httpwire_benches::{
    chunked_b256x16, chunked_k16x1k_trailers, chunked_k64x4k, chunked_s3_k64x4k,
    chunked_transfer_chunked, httparse_chunked, httpwire_chunked, httpwire_chunked_with,
};
use iai_callgrind::{library_benchmark, library_benchmark_group, main};

fn warm(decode: fn(&[u8]) -> usize) -> impl Fn(&'static [u8]) -> &'static [u8] {
    move |buf| {
        assert!(black_box(decode(black_box(buf))) > 0);
        buf
    }
}

fn warm_httpwire(buf: &'static [u8]) -> &'static [u8] {
    warm(httpwire_chunked)(buf)
}
fn warm_httpwire_with(buf: &'static [u8]) -> &'static [u8] {
    warm(httpwire_chunked_with)(buf)
}
fn warm_httparse(buf: &'static [u8]) -> &'static [u8] {
    warm(httparse_chunked)(buf)
}
fn warm_chunked_transfer(buf: &'static [u8]) -> &'static [u8] {
    warm(chunked_transfer_chunked)(buf)
}
/// chunked_transfer refuses a trailer section: warm it on the same path, which ends in 0.
fn warm_chunked_transfer_refused(buf: &'static [u8]) -> &'static [u8] {
    assert_eq!(black_box(chunked_transfer_chunked(black_box(buf))), 0);
    buf
}

#[allow(missing_docs, unreachable_pub)]
mod iai_benches {
    use super::*;

    #[library_benchmark]
    #[bench::k64x4k(args = (chunked_k64x4k(),), setup = warm_httpwire)]
    #[bench::b256x16(args = (chunked_b256x16(),), setup = warm_httpwire)]
    #[bench::k16x1k_trailers(args = (chunked_k16x1k_trailers(),), setup = warm_httpwire)]
    #[bench::s3_k64x4k(args = (chunked_s3_k64x4k(),), setup = warm_httpwire)]
    fn httpwire_decode(buf: &'static [u8]) -> usize {
        black_box(httpwire_chunked(black_box(buf)))
    }

    #[library_benchmark]
    #[bench::k64x4k(args = (chunked_k64x4k(),), setup = warm_httpwire_with)]
    #[bench::b256x16(args = (chunked_b256x16(),), setup = warm_httpwire_with)]
    #[bench::k16x1k_trailers(args = (chunked_k16x1k_trailers(),), setup = warm_httpwire_with)]
    #[bench::s3_k64x4k(args = (chunked_s3_k64x4k(),), setup = warm_httpwire_with)]
    fn httpwire_decode_with(buf: &'static [u8]) -> usize {
        black_box(httpwire_chunked_with(black_box(buf)))
    }

    #[library_benchmark]
    #[bench::k64x4k(args = (chunked_k64x4k(),), setup = warm_httparse)]
    #[bench::b256x16(args = (chunked_b256x16(),), setup = warm_httparse)]
    #[bench::k16x1k_trailers(args = (chunked_k16x1k_trailers(),), setup = warm_httparse)]
    #[bench::s3_k64x4k(args = (chunked_s3_k64x4k(),), setup = warm_httparse)]
    fn httparse_decode(buf: &'static [u8]) -> usize {
        black_box(httparse_chunked(black_box(buf)))
    }

    #[library_benchmark]
    #[bench::k64x4k(args = (chunked_k64x4k(),), setup = warm_chunked_transfer)]
    #[bench::b256x16(args = (chunked_b256x16(),), setup = warm_chunked_transfer)]
    #[bench::k16x1k_trailers(
        args = (chunked_k16x1k_trailers(),),
        setup = warm_chunked_transfer_refused
    )]
    #[bench::s3_k64x4k(args = (chunked_s3_k64x4k(),), setup = warm_chunked_transfer)]
    fn chunked_transfer_decode(buf: &'static [u8]) -> usize {
        black_box(chunked_transfer_chunked(black_box(buf)))
    }

    library_benchmark_group!(
        name = decode;
        benchmarks = httpwire_decode, httpwire_decode_with, httparse_decode, chunked_transfer_decode
    );
}

use iai_benches::decode;

main!(library_benchmark_groups = decode);
