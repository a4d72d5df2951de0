//! Wall-clock benches (criterion) for HPACK (RFC 7541), peers in the same group on the same
//! bytes (see `src/lib.rs` for what each function does):
//!
//! - `huffman_values8`: Huffman decoding of the eight values of BENCHMARKS.md, Huffman-encoded,
//!   with httlib-huffman 0.3 and the crates.io `hpack` 0.3.
//! - `blocks`: every story of hpack-test-case's nghttp2/ (3,384 blocks, 39,359 fields), a new
//!   decoder per story, with nghttp2 1.68 (C, through `libnghttp2-sys`), httlib-hpack 0.1 and
//!   fluke-hpack 0.3. The stories are loaded before the group starts.
//! - `encode`: every story of raw-data/ (3,384 header lists) encoded, a new encoder per story,
//!   with nghttp2's deflater.
//!
//! `cargo bench -p httpwire-benches --bench hpack_criterion`

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, SamplingMode, Throughput, criterion_main};
use httpwire_benches::stories::Story;
use httpwire_benches::{
    HUFFMAN_VALUES, fluke_hpack_blocks, hpack_blocks_input, hpack_encode_input, hpack03_huffman,
    httlib_hpack_blocks, httlib_huffman, httpwire_hpack_blocks, httpwire_hpack_encode,
    httpwire_huffman, huffman_encoded, nghttp2_hpack_blocks, nghttp2_hpack_encode,
};

/// Runs the groups (by hand: `criterion_group!` makes an undocumented `pub fn`).
fn hpack_criterion() {
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    huffman_values8(&mut c);
    blocks(&mut c);
    encode(&mut c);
}

fn huffman_values8(c: &mut Criterion) {
    let inputs = huffman_encoded();
    let decoded: usize = HUFFMAN_VALUES.iter().map(|v| v.len()).sum();
    let mut g = c.benchmark_group("huffman_values8");
    g.throughput(Throughput::Bytes(decoded as u64));
    type Decode = fn(&[Vec<u8>]) -> usize;
    let decoders: [(&str, Decode); 3] = [
        ("httpwire", httpwire_huffman),
        ("httlib_huffman", httlib_huffman),
        ("hpack03", hpack03_huffman),
    ];
    for (who, decode) in decoders {
        g.bench_function(who, |b| b.iter(|| black_box(decode(black_box(inputs)))));
    }
    g.finish();
}

fn blocks(c: &mut Criterion) {
    let stories = hpack_blocks_input();
    // Throughput: the bytes of the names and values handed over (1.16 MB).
    let decoded: usize = stories
        .iter()
        .flat_map(|s| &s.cases)
        .flat_map(|c| &c.headers)
        .map(|(n, v)| n.len() + v.len())
        .sum();
    let mut g = c.benchmark_group("blocks");
    g.throughput(Throughput::Bytes(decoded as u64));
    // One pass takes milliseconds (nearly a second for fluke-hpack): flat sampling, 20 samples
    // of 5 s in all per function (fluke-hpack's take longer: one pass each at least).
    g.sampling_mode(SamplingMode::Flat)
        .sample_size(20)
        .measurement_time(Duration::from_secs(5));
    type Decode = fn(&[Story]) -> usize;
    let decoders: [(&str, Decode); 4] = [
        ("httpwire", httpwire_hpack_blocks),
        ("nghttp2", nghttp2_hpack_blocks),
        ("httlib_hpack", httlib_hpack_blocks),
        ("fluke_hpack", fluke_hpack_blocks),
    ];
    for (who, decode) in decoders {
        g.bench_function(who, |b| b.iter(|| black_box(decode(black_box(stories)))));
    }
    g.finish();
}

fn encode(c: &mut Criterion) {
    let stories = hpack_encode_input();
    // Throughput: the bytes of the names and values encoded (1.16 MB).
    let raw: usize = stories
        .iter()
        .flat_map(|s| &s.cases)
        .flat_map(|c| &c.headers)
        .map(|(n, v)| n.len() + v.len())
        .sum();
    let mut g = c.benchmark_group("encode");
    g.throughput(Throughput::Bytes(raw as u64));
    g.sampling_mode(SamplingMode::Flat)
        .sample_size(20)
        .measurement_time(Duration::from_secs(5));
    type Encode = fn(&[Story]) -> usize;
    let encoders: [(&str, Encode); 2] = [
        ("httpwire", httpwire_hpack_encode),
        ("nghttp2", nghttp2_hpack_encode),
    ];
    for (who, encode) in encoders {
        g.bench_function(who, |b| b.iter(|| black_box(encode(black_box(stories)))));
    }
    g.finish();
}

criterion_main!(hpack_criterion);
