//! Wall-clock benches (criterion) for decoding chunked bodies, with httparse (a loop on
//! `parse_chunk_size`) and chunked_transfer (a `Read` adapter) in the same group on the same
//! bytes.
//!
//! Groups `k64x4k` (64 chunks x 4 KiB), `b256x16` (256 chunks x 16 B) and `k16x1k_trailers`
//! (16 chunks x 1 KiB, then three trailer fields): the chunked inputs of BENCHMARKS.md and
//! one with trailers, built in memory by `src/lib.rs`.
//!
//! Every decoder's function hands over every data slice and trailer field (see `src/lib.rs`).
//! chunked_transfer has no trailer support: on `k16x1k_trailers` it reads all the data, then
//! refuses the trailer section, so its figure there is the cost of a refusal.
//!
//! `cargo bench -p httpwire-benches --bench chunked_criterion`

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_main};
use httpwire_benches::{
    CHUNKED_INPUTS, chunked_transfer_chunked, httparse_chunked, httpwire_chunked,
    httpwire_chunked_with,
};

type Decode = fn(&[u8]) -> usize;

fn group(c: &mut Criterion, name: &str, buf: &'static [u8], decoders: [(&str, Decode); 4]) {
    let mut g = c.benchmark_group(name);
    g.throughput(Throughput::Bytes(buf.len() as u64));
    for (who, decode) in decoders {
        g.bench_function(who, |b| b.iter(|| black_box(decode(black_box(buf)))));
    }
    g.finish();
}

/// Runs every group (by hand: `criterion_group!` makes an undocumented `pub fn`).
fn chunked_criterion() {
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    let decoders: [(&str, Decode); 4] = [
        ("httpwire", httpwire_chunked),
        ("httpwire_with", httpwire_chunked_with),
        ("httparse", httparse_chunked),
        ("chunked_transfer", chunked_transfer_chunked),
    ];
    for (name, input) in CHUNKED_INPUTS {
        group(&mut c, name, input(), decoders);
    }
}

criterion_main!(chunked_criterion);
