//! Instruction counts (iai-callgrind) for http1 head parsing, httparse and picohttpparser
//! (C, without SSE4.2, which valgrind cannot run) in the same group on the same bytes.
//!
//! Inputs (BENCHMARKS.md): `REQ` (703 B, 9 fields), `REQ_SHORT` (68 B), `RESP` (314 B, 10
//! fields), and a 40-field request (1,860 B), in the `heads` group. Warm: each bench's `setup`
//! parses the same input once with the same parser (CPU feature detection happens there,
//! unmeasured). Under valgrind httpwire runs its AVX2 path (valgrind hides AVX-512).
//!
//! Every parser's function (in `src/lib.rs`) reads every field: after a complete parse it
//! folds each name and value (lengths and first bytes) into its result with the same helper,
//! so a parser that records slices lazily pays for them here, as its caller would.
//!
//! The `shapes` group: the same three parsers on heads of other shapes real traffic has
//! (`testdata/*/shape-*.http`): requests `no_space` (`Name:value`, 370 B, 10 fields), `htab`
//! (HTAB as OWS, some trailing, 401 B, 10 fields), `long_cookie` (a 1,592 B Cookie, 2,029 B),
//! `long_target` (a 1,194 B query, 1,572 B), `tiny_fields` (Host and 60 × `a: b`, 397 B) and
//! `browser` (a Chrome navigation with `sec-ch-ua*` and `Sec-Fetch-*`, 781 B, 15 fields);
//! responses `cdn` (a CDN 200 with five Set-Cookie and an 893 B CSP, 2,276 B, 21 fields) and
//! `redirect` (a 301 with Location, 285 B, 7 fields).
//!
//! The `levels` group runs httpwire with each level forced (`Config::simd`): scalar, SSE2 and
//! AVX2 (AVX-512BW is measured by criterion: valgrind cannot run it), so that the levels can
//! be compared on equal terms (forcing costs the same few instructions at each).

use std::hint::black_box;

use http1::simd::Level;
use httpwire_benches::{
    FORTY, REQ, REQ_SHORT, RESP, SHAPE_BROWSER, SHAPE_CDN, SHAPE_HTAB, SHAPE_LONG_COOKIE,
    SHAPE_LONG_TARGET, SHAPE_NO_SPACE, SHAPE_REDIRECT, SHAPE_TINY_FIELDS, httparse_request,
    httparse_response, httpwire_request, httpwire_request_at, httpwire_request_framing,
    httpwire_response, httpwire_response_at, httpwire_response_framing, parsed_request,
    parsed_response, pico_request, pico_response,
};
use iai_callgrind::{library_benchmark, library_benchmark_group, main};

fn warm(parse: fn(&[u8]) -> usize) -> impl Fn(&'static [u8]) -> &'static [u8] {
    move |buf| {
        assert!(black_box(parse(black_box(buf))) > 0);
        buf
    }
}

fn warm_httpwire_request(buf: &'static [u8]) -> &'static [u8] {
    warm(httpwire_request)(buf)
}
fn warm_httparse_request(buf: &'static [u8]) -> &'static [u8] {
    warm(httparse_request)(buf)
}
fn warm_pico_request(buf: &'static [u8]) -> &'static [u8] {
    warm(pico_request)(buf)
}
fn warm_httpwire_response(buf: &'static [u8]) -> &'static [u8] {
    warm(httpwire_response)(buf)
}
fn warm_httparse_response(buf: &'static [u8]) -> &'static [u8] {
    warm(httparse_response)(buf)
}
fn warm_pico_response(buf: &'static [u8]) -> &'static [u8] {
    warm(pico_response)(buf)
}

/// Parses the input (unmeasured) and frames it once, warm.
fn framed_request(buf: &'static [u8]) -> http1::Request<'static, 'static> {
    let req = parsed_request(buf);
    black_box(httpwire_request_framing(&req));
    req
}

fn framed_response(buf: &'static [u8]) -> http1::Response<'static, 'static> {
    let resp = parsed_response(buf);
    black_box(httpwire_response_framing(&resp));
    resp
}

#[allow(missing_docs, unreachable_pub)]
mod iai_benches {
    use super::*;

    #[library_benchmark]
    #[bench::req(args = (REQ,), setup = warm_httpwire_request)]
    #[bench::req_short(args = (REQ_SHORT,), setup = warm_httpwire_request)]
    #[bench::forty(args = (FORTY,), setup = warm_httpwire_request)]
    fn httpwire_req(buf: &'static [u8]) -> usize {
        black_box(httpwire_request(black_box(buf)))
    }

    #[library_benchmark]
    #[bench::req(args = (REQ,), setup = warm_httparse_request)]
    #[bench::req_short(args = (REQ_SHORT,), setup = warm_httparse_request)]
    #[bench::forty(args = (FORTY,), setup = warm_httparse_request)]
    fn httparse_req(buf: &'static [u8]) -> usize {
        black_box(httparse_request(black_box(buf)))
    }

    #[library_benchmark]
    #[bench::req(args = (REQ,), setup = warm_pico_request)]
    #[bench::req_short(args = (REQ_SHORT,), setup = warm_pico_request)]
    #[bench::forty(args = (FORTY,), setup = warm_pico_request)]
    fn pico_req(buf: &'static [u8]) -> usize {
        black_box(pico_request(black_box(buf)))
    }

    #[library_benchmark]
    #[bench::resp(args = (RESP,), setup = warm_httpwire_response)]
    fn httpwire_resp(buf: &'static [u8]) -> usize {
        black_box(httpwire_response(black_box(buf)))
    }

    #[library_benchmark]
    #[bench::resp(args = (RESP,), setup = warm_httparse_response)]
    fn httparse_resp(buf: &'static [u8]) -> usize {
        black_box(httparse_response(black_box(buf)))
    }

    #[library_benchmark]
    #[bench::resp(args = (RESP,), setup = warm_pico_response)]
    fn pico_resp(buf: &'static [u8]) -> usize {
        black_box(pico_response(black_box(buf)))
    }

    /// One function per forced level (the level is part of the bench name).
    macro_rules! forced {
        ($($req:ident, $resp:ident, $level:ident;)*) => {$(
            #[library_benchmark]
            #[bench::req(args = (REQ,), setup = warm_httpwire_request)]
            #[bench::req_short(args = (REQ_SHORT,), setup = warm_httpwire_request)]
            #[bench::forty(args = (FORTY,), setup = warm_httpwire_request)]
            fn $req(buf: &'static [u8]) -> usize {
                black_box(httpwire_request_at(Level::$level, black_box(buf)))
            }

            #[library_benchmark]
            #[bench::resp(args = (RESP,), setup = warm_httpwire_response)]
            fn $resp(buf: &'static [u8]) -> usize {
                black_box(httpwire_response_at(Level::$level, black_box(buf)))
            }
        )*};
    }

    forced! {
        scalar_req, scalar_resp, Scalar;
        sse2_req, sse2_resp, Sse2;
        avx2_req, avx2_resp, Avx2;
    }

    library_benchmark_group!(
        name = levels;
        benchmarks = scalar_req, scalar_resp, sse2_req, sse2_resp, avx2_req, avx2_resp
    );

    library_benchmark_group!(
        name = heads;
        benchmarks = httpwire_req, httparse_req, pico_req, httpwire_resp, httparse_resp, pico_resp
    );

    // Heads of other shapes (see the top of this file), the three parsers side by side.
    #[library_benchmark]
    #[bench::no_space(args = (SHAPE_NO_SPACE,), setup = warm_httpwire_request)]
    #[bench::htab(args = (SHAPE_HTAB,), setup = warm_httpwire_request)]
    #[bench::long_cookie(args = (SHAPE_LONG_COOKIE,), setup = warm_httpwire_request)]
    #[bench::long_target(args = (SHAPE_LONG_TARGET,), setup = warm_httpwire_request)]
    #[bench::tiny_fields(args = (SHAPE_TINY_FIELDS,), setup = warm_httpwire_request)]
    #[bench::browser(args = (SHAPE_BROWSER,), setup = warm_httpwire_request)]
    fn httpwire_shape_req(buf: &'static [u8]) -> usize {
        black_box(httpwire_request(black_box(buf)))
    }

    #[library_benchmark]
    #[bench::no_space(args = (SHAPE_NO_SPACE,), setup = warm_httparse_request)]
    #[bench::htab(args = (SHAPE_HTAB,), setup = warm_httparse_request)]
    #[bench::long_cookie(args = (SHAPE_LONG_COOKIE,), setup = warm_httparse_request)]
    #[bench::long_target(args = (SHAPE_LONG_TARGET,), setup = warm_httparse_request)]
    #[bench::tiny_fields(args = (SHAPE_TINY_FIELDS,), setup = warm_httparse_request)]
    #[bench::browser(args = (SHAPE_BROWSER,), setup = warm_httparse_request)]
    fn httparse_shape_req(buf: &'static [u8]) -> usize {
        black_box(httparse_request(black_box(buf)))
    }

    #[library_benchmark]
    #[bench::no_space(args = (SHAPE_NO_SPACE,), setup = warm_pico_request)]
    #[bench::htab(args = (SHAPE_HTAB,), setup = warm_pico_request)]
    #[bench::long_cookie(args = (SHAPE_LONG_COOKIE,), setup = warm_pico_request)]
    #[bench::long_target(args = (SHAPE_LONG_TARGET,), setup = warm_pico_request)]
    #[bench::tiny_fields(args = (SHAPE_TINY_FIELDS,), setup = warm_pico_request)]
    #[bench::browser(args = (SHAPE_BROWSER,), setup = warm_pico_request)]
    fn pico_shape_req(buf: &'static [u8]) -> usize {
        black_box(pico_request(black_box(buf)))
    }

    #[library_benchmark]
    #[bench::cdn(args = (SHAPE_CDN,), setup = warm_httpwire_response)]
    #[bench::redirect(args = (SHAPE_REDIRECT,), setup = warm_httpwire_response)]
    fn httpwire_shape_resp(buf: &'static [u8]) -> usize {
        black_box(httpwire_response(black_box(buf)))
    }

    #[library_benchmark]
    #[bench::cdn(args = (SHAPE_CDN,), setup = warm_httparse_response)]
    #[bench::redirect(args = (SHAPE_REDIRECT,), setup = warm_httparse_response)]
    fn httparse_shape_resp(buf: &'static [u8]) -> usize {
        black_box(httparse_response(black_box(buf)))
    }

    #[library_benchmark]
    #[bench::cdn(args = (SHAPE_CDN,), setup = warm_pico_response)]
    #[bench::redirect(args = (SHAPE_REDIRECT,), setup = warm_pico_response)]
    fn pico_shape_resp(buf: &'static [u8]) -> usize {
        black_box(pico_response(black_box(buf)))
    }

    library_benchmark_group!(
        name = shapes;
        benchmarks = httpwire_shape_req, httparse_shape_req, pico_shape_req,
            httpwire_shape_resp, httparse_shape_resp, pico_shape_resp
    );

    // Body framing and connection semantics of an already parsed head (RFC 9112 §6.3). No
    // peer: httparse and picohttpparser leave framing to their callers.
    #[library_benchmark]
    #[bench::req(args = (REQ,), setup = framed_request)]
    #[bench::forty(args = (FORTY,), setup = framed_request)]
    fn request_framing(req: http1::Request<'static, 'static>) -> u64 {
        black_box(httpwire_request_framing(black_box(&req)))
    }

    #[library_benchmark]
    #[bench::resp(args = (RESP,), setup = framed_response)]
    fn response_framing(resp: http1::Response<'static, 'static>) -> u64 {
        black_box(httpwire_response_framing(black_box(&resp)))
    }

    library_benchmark_group!(
        name = framing;
        benchmarks = request_framing, response_framing
    );
}

use iai_benches::{framing, heads, levels, shapes};

main!(library_benchmark_groups = heads, shapes, framing, levels);
