//! Wall-clock benches (criterion) for `status_lines`, with the `http` crate's way of writing a
//! status line in the same group as ours, on the same batches as the iai benches.
//!
//! `cargo bench -p httpwire-benches --bench status_lines_criterion`

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_main};
use httpwire_benches::{
    BUF_LEN, CODES_REGISTERED, CODES_UNREGISTERED, STATUS_LINES, http_crate_write_status_line,
    httpwire_write_status_line, write_each,
};
use status_lines::parse_status_line;

fn write_group(c: &mut Criterion, name: &str, codes: &[u16]) {
    let mut group = c.benchmark_group(name);
    let mut buf = [0u8; BUF_LEN];
    group.bench_function("httpwire", |b| {
        b.iter(|| black_box(write_each(&mut buf, codes, httpwire_write_status_line)));
    });
    group.bench_function("http_crate", |b| {
        b.iter(|| black_box(write_each(&mut buf, codes, http_crate_write_status_line)));
    });
    group.finish();
}

fn parse_line(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse_line");
    group.bench_function("httpwire", |b| {
        b.iter(|| {
            for line in STATUS_LINES {
                black_box(parse_status_line(black_box(line)).ok());
            }
        });
    });
    group.finish();
}

/// Runs every group (written by hand: `criterion_group!` makes an undocumented `pub fn`).
fn status_lines_criterion() {
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(2))
        .configure_from_args();
    write_group(&mut c, "write_registered", &CODES_REGISTERED);
    write_group(&mut c, "write_unregistered", &CODES_UNREGISTERED);
    parse_line(&mut c);
}

criterion_main!(status_lines_criterion);
