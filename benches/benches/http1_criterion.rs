//! Wall-clock benches (criterion) for http1 head parsing with httparse and picohttpparser
//! (built without SSE4.2) in the same group on the same bytes, and httpwire with each SIMD
//! level forced (`levels_*` groups).
//!
//! `cargo bench -p httpwire-benches --bench http1_criterion`

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_main};
use http1::simd::Level;
use httpwire_benches::{
    FORTY, REQ, REQ_SHORT, RESP, httparse_request, httparse_response, httpwire_request,
    httpwire_request_at, httpwire_request_framing, httpwire_response, httpwire_response_at,
    httpwire_response_framing, parsed_request, parsed_response, pico_request, pico_response,
};

type Parse = fn(&[u8]) -> usize;

fn group(c: &mut Criterion, name: &str, buf: &'static [u8], parsers: [(&str, Parse); 3]) {
    let mut g = c.benchmark_group(name);
    g.throughput(Throughput::Bytes(buf.len() as u64));
    for (who, parse) in parsers {
        g.bench_function(who, |b| b.iter(|| black_box(parse(black_box(buf)))));
    }
    g.finish();
}

/// Runs every group (by hand: `criterion_group!` makes an undocumented `pub fn`).
fn http1_criterion() {
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    let requests: [(&str, Parse); 3] = [
        ("httpwire", httpwire_request),
        ("httparse", httparse_request),
        ("picohttpparser", pico_request),
    ];
    let responses: [(&str, Parse); 3] = [
        ("httpwire", httpwire_response),
        ("httparse", httparse_response),
        ("picohttpparser", pico_response),
    ];
    group(&mut c, "req", REQ, requests);
    group(&mut c, "req_short", REQ_SHORT, requests);
    group(&mut c, "forty_fields", FORTY, requests);
    group(&mut c, "resp", RESP, responses);

    // httpwire with each level forced (those this CPU lacks are skipped, and say so).
    for (name, buf, request) in [
        ("levels_req", REQ, true),
        ("levels_req_short", REQ_SHORT, true),
        ("levels_forty_fields", FORTY, true),
        ("levels_resp", RESP, false),
    ] {
        let mut g = c.benchmark_group(name);
        g.throughput(Throughput::Bytes(buf.len() as u64));
        for level in Level::ALL {
            if !level.is_available() {
                eprintln!(
                    "{name}: SKIPPING {}: not available on this CPU",
                    level.name()
                );
                continue;
            }
            let parse = if request {
                httpwire_request_at
            } else {
                httpwire_response_at
            };
            g.bench_function(level.name(), |b| {
                b.iter(|| black_box(parse(black_box(level), black_box(buf))))
            });
        }
        g.finish();
    }

    // Framing of parsed heads: ours only (the peers leave framing to their callers).
    let mut g = c.benchmark_group("framing");
    let req = parsed_request(REQ);
    g.bench_function("request_req", |b| {
        b.iter(|| black_box(httpwire_request_framing(black_box(&req))))
    });
    let resp = parsed_response(RESP);
    g.bench_function("response_resp", |b| {
        b.iter(|| black_box(httpwire_response_framing(black_box(&resp))))
    });
    g.finish();
}

criterion_main!(http1_criterion);
