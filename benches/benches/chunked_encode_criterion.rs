//! Wall-clock benches (criterion) for encoding chunked bodies, with the `write_fmt` way (what
//! many servers do) and chunked_transfer's `Encoder` in the same group on the same data.
//!
//! Groups `encode/k64x4k` (64 chunks x 4 KiB), `encode/b256x16` (256 chunks x 16 B), each
//! then the last chunk without trailers, and `encode/trailers3` (the last chunk with three
//! trailer fields): the inputs of `chunked_encode_iai` (see there, and the "Chunked encoding"
//! section of `src/lib.rs`, for what each function does). The group name carries `encode/` so
//! that these results are not filed with the decoder's groups of the same inputs.
//!
//! - `httpwire_vectored`: `Chunk::new` and `pieces()` (nothing copied), every piece folded;
//! - `httpwire_copy`: `write_chunk` into one buffer, then `write_last_chunk`;
//! - `write_fmt`: `write_fmt(format_args!("{:x}\r\n", len))`, data and CRLF, into the same
//!   kind of buffer;
//! - `chunked_transfer`: `Encoder::with_flush_after_write` over a `Vec` with the body's
//!   capacity (it allocates a staging buffer and a `String` per chunk on every body anyway).
//!
//! Buffers are allocated once per function, before its measurement. `httpwire_vectored` and
//! `chunked_transfer` do not run on `trailers3` (no vectored form of the end; no trailers).
//!
//! `cargo bench -p httpwire-benches --bench chunked_encode_criterion`

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_main};
use httpwire_benches::{
    ENCODE_INPUTS, EncodeInput, chunked_transfer_encode, httpwire_encode_copy,
    httpwire_encode_vectored, write_fmt_encode,
};

fn group(c: &mut Criterion, name: &str, input: EncodeInput) {
    let len = input.encoded_len();
    let mut g = c.benchmark_group(format!("encode/{name}"));
    g.throughput(Throughput::Bytes(len as u64));
    if input.trailers.is_empty() {
        g.bench_function("httpwire_vectored", |b| {
            b.iter(|| black_box(httpwire_encode_vectored(black_box(&input))))
        });
    }
    let mut buf = vec![0u8; len];
    g.bench_function("httpwire_copy", |b| {
        b.iter(|| {
            let n = httpwire_encode_copy(black_box(&mut buf[..]), black_box(&input));
            black_box(&buf);
            black_box(n)
        })
    });
    assert_eq!(httpwire_encode_copy(&mut buf, &input), len);
    g.bench_function("write_fmt", |b| {
        b.iter(|| {
            let n = write_fmt_encode(black_box(&mut buf[..]), black_box(&input));
            black_box(&buf);
            black_box(n)
        })
    });
    let ours = buf.clone();
    assert_eq!(write_fmt_encode(&mut buf, &input), len);
    assert_eq!(buf, ours, "write_fmt wrote other bytes");
    if input.trailers.is_empty() {
        let mut out = Vec::with_capacity(len);
        g.bench_function("chunked_transfer", |b| {
            b.iter(|| {
                let n = chunked_transfer_encode(black_box(&mut out), black_box(&input));
                black_box(&out);
                black_box(n)
            })
        });
        assert_eq!(chunked_transfer_encode(&mut out, &input), len);
        assert_eq!(out, buf, "chunked_transfer wrote other bytes");
    }
    g.finish();
}

/// Runs every group (by hand: `criterion_group!` makes an undocumented `pub fn`).
fn chunked_encode_criterion() {
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    for (name, input) in ENCODE_INPUTS {
        group(&mut c, name, input());
    }
}

criterion_main!(chunked_encode_criterion);
