//! Wall-clock benches (criterion) for Huffman decoding (RFC 7541 §5.2), with httlib-huffman
//! 0.3 and the crates.io `hpack` 0.3 in the same group on the same bytes: the eight values of
//! BENCHMARKS.md, Huffman-encoded (see `src/lib.rs`).
//!
//! `cargo bench -p httpwire-benches --bench hpack_criterion`

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_main};
use httpwire_benches::{
    HUFFMAN_VALUES, hpack03_huffman, httlib_huffman, httpwire_huffman, huffman_encoded,
};

/// Runs the group (by hand: `criterion_group!` makes an undocumented `pub fn`).
fn hpack_criterion() {
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
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

criterion_main!(hpack_criterion);
