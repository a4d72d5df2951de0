//! Wall-clock benches (criterion) for http1 head parsing with httparse and picohttpparser
//! (built without SSE4.2) in the same group on the same bytes, and httpwire with each SIMD
//! level forced (`levels_*` groups).
//!
//! Groups `req`, `req_short`, `forty_fields` and `resp`: the standard inputs of BENCHMARKS.md.
//! Groups `shape_*`: heads of other shapes real traffic has (`testdata/*/shape-*.http`), the
//! three parsers in each: `shape_no_space` (`Name:value`), `shape_htab` (HTAB as OWS, some
//! trailing), `shape_long_cookie` (a 1,592 B Cookie), `shape_long_target` (a 1,194 B query),
//! `shape_tiny_fields` (Host and 60 × `a: b`), `shape_browser` (a Chrome navigation), and the
//! responses `shape_cdn` (five Set-Cookie, an 893 B CSP) and `shape_redirect` (a 301).
//!
//! Every parser's function reads every field's name and value (see `src/lib.rs`).
//!
//! `cargo bench -p httpwire-benches --bench http1_criterion`
//! (the shapes only: `cargo bench -p httpwire-benches --bench http1_criterion -- shape_`)

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_main};
use http1::simd::Level;
use httpwire_benches::{
    FORTY, REQ, REQ_SHORT, RESP, SHAPE_BROWSER, SHAPE_CDN, SHAPE_HTAB, SHAPE_LONG_COOKIE,
    SHAPE_LONG_TARGET, SHAPE_NO_SPACE, SHAPE_REDIRECT, SHAPE_TINY_FIELDS, httparse_request,
    httparse_response, httpwire_request, httpwire_request_at, httpwire_request_framing,
    httpwire_response, httpwire_response_at, httpwire_response_framing, parsed_request,
    parsed_response, pico_request, pico_response,
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

    // Heads of other shapes.
    group(&mut c, "shape_no_space", SHAPE_NO_SPACE, requests);
    group(&mut c, "shape_htab", SHAPE_HTAB, requests);
    group(&mut c, "shape_long_cookie", SHAPE_LONG_COOKIE, requests);
    group(&mut c, "shape_long_target", SHAPE_LONG_TARGET, requests);
    group(&mut c, "shape_tiny_fields", SHAPE_TINY_FIELDS, requests);
    group(&mut c, "shape_browser", SHAPE_BROWSER, requests);
    group(&mut c, "shape_cdn", SHAPE_CDN, responses);
    group(&mut c, "shape_redirect", SHAPE_REDIRECT, responses);

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
