//! Wall-clock benches (criterion) for writing a response head with `http1::lines`, with
//! hyper's way (`itoa` and copies) in the same group on the same heads.
//!
//! Groups `response_head/n0`, `response_head/n1256`, `response_head/n123456789` and
//! `response_head/max` (`Content-Length: u64::MAX`): the heads of `lines_iai` (see there, and
//! the "Response heads" section of `src/lib.rs`, for what each function does), 8 heads per
//! iteration into one reused buffer:
//!
//! - `httpwire_vec`: `status_line`, the pre-built lines and `ContentLength::new`, copied into a
//!   `Vec`;
//! - `httpwire_slice`: the same lines into a `&mut [u8]` through the slice sink and
//!   `write_content_length`;
//! - `itoa_vec`: hyper's way into a `Vec`: name, `": "`, value and CRLF copied for each field,
//!   the `Content-Length` digits by `itoa`.
//!
//! `cargo bench -p httpwire-benches --bench lines_criterion`

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_main};
use httpwire_benches::{
    CONTENT_LENGTHS, HEAD_BUF, HEADS, expected_response_head, httpwire_response_head,
    httpwire_response_head_slice, itoa_response_head, write_heads,
};

fn group(c: &mut Criterion, name: &str, n: u64) {
    let expected = expected_response_head(n);
    let total = HEADS * expected.len();
    let mut g = c.benchmark_group(format!("response_head/{name}"));
    g.throughput(Throughput::Bytes(total as u64));
    // Each function writes the expected heads, checked before it is measured (a filtered run
    // measures some of them only).
    let mut out = Vec::with_capacity(HEAD_BUF);
    assert_eq!(write_heads(&mut out, n, httpwire_response_head), total);
    assert_eq!(out, expected);
    g.bench_function("httpwire_vec", |b| {
        b.iter(|| black_box(write_heads(&mut out, n, httpwire_response_head)))
    });
    let mut buf = [0u8; HEAD_BUF];
    assert_eq!(
        write_heads(&mut buf[..], n, httpwire_response_head_slice),
        total
    );
    assert_eq!(&buf[..expected.len()], &expected[..]);
    g.bench_function("httpwire_slice", |b| {
        b.iter(|| black_box(write_heads(&mut buf[..], n, httpwire_response_head_slice)))
    });
    let mut out = Vec::with_capacity(HEAD_BUF);
    assert_eq!(write_heads(&mut out, n, itoa_response_head), total);
    assert_eq!(out, expected);
    g.bench_function("itoa_vec", |b| {
        b.iter(|| black_box(write_heads(&mut out, n, itoa_response_head)))
    });
    g.finish();
}

/// Runs every group (by hand: `criterion_group!` makes an undocumented `pub fn`).
fn lines_criterion() {
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    for (name, n) in CONTENT_LENGTHS {
        group(&mut c, name, n);
    }
}

criterion_main!(lines_criterion);
