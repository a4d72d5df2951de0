//! Instruction counts (iai-callgrind) for writing a response head with `http1::lines`, with
//! hyper's way (`itoa` and copies) beside ours on the same heads.
//!
//! The head, in the `response_head` group: `HTTP/1.1 200 OK`, `Content-Type: text/html;
//! charset=utf-8`, `Content-Length: N`, `Connection: keep-alive` and the empty line, for the
//! `N` of `CONTENT_LENGTHS` (bench ids `n0`, `n1256`, `n123456789` and `max`, `u64::MAX`: 20
//! digits). Each bench writes the head `HEADS` times (8) into the same buffer, the status
//! code and `N` through `black_box` each time, as a server writes one response after another:
//! a few hundred instructions, so that the gate's 2% is past its 10 Ir floor. Divide by 8 for
//! one head.
//!
//! The functions (in `src/lib.rs`; see its "Response heads" section):
//! - `httpwire_vec`: into a reused `Vec` (cleared each time): `status_lines::status_line`,
//!   `MediaType::TextHtml.content_type_line()`, `ContentLength::new(N).as_bytes()`,
//!   `CONNECTION_KEEP_ALIVE` and CRLF, one `extend_from_slice` each;
//! - `httpwire_slice`: the same lines into a `&mut [u8]` through the writers' slice sink
//!   (`HeadSink::put`, and `write_content_length` for the `Content-Length` line);
//! - `itoa_vec`: the peer, hyper's way into the same kind of `Vec`: the status line as one
//!   constant (its fast path for 200), then for each field its name, `": "`, value and CRLF as
//!   four `extend_from_slice` copies, the `Content-Length` digits from `itoa::Buffer::format`.
//!
//! All three write the same bytes (benches/tests/response_head_peers.rs). The buffer is made
//! in `setup` (unmeasured), which also writes the batch once with the same function (warm);
//! `teardown` (unmeasured) checks that the buffer holds the expected head.

use std::hint::black_box;

use httpwire_benches::{
    HEAD_BUF, HEADS, expected_response_head, httpwire_response_head, httpwire_response_head_slice,
    itoa_response_head, write_heads,
};
use iai_callgrind::{library_benchmark, library_benchmark_group, main};

/// A `Vec` with room for a head, `write` run over it once.
fn warm_vec(write: fn(&mut Vec<u8>, u16, u64) -> usize, n: u64) -> (Vec<u8>, u64) {
    let mut out = Vec::with_capacity(HEAD_BUF);
    let total = write_heads(&mut out, n, write);
    assert_eq!(black_box(total), HEADS * expected_response_head(n).len());
    (out, n)
}

fn warm_httpwire_vec(n: u64) -> (Vec<u8>, u64) {
    warm_vec(httpwire_response_head, n)
}

fn warm_itoa_vec(n: u64) -> (Vec<u8>, u64) {
    warm_vec(itoa_response_head, n)
}

fn warm_httpwire_slice(n: u64) -> ([u8; HEAD_BUF], u64) {
    let mut buf = [0u8; HEAD_BUF];
    let total = write_heads(&mut buf[..], n, httpwire_response_head_slice);
    assert_eq!(black_box(total), HEADS * expected_response_head(n).len());
    (buf, n)
}

/// The buffer holds the head for `n`, and the batch wrote 8 of them.
fn check_vec((total, out, n): (usize, Vec<u8>, u64)) {
    let expected = expected_response_head(n);
    assert_eq!(out, expected);
    assert_eq!(total, HEADS * expected.len());
}

fn check_slice((total, buf, n): (usize, [u8; HEAD_BUF], u64)) {
    let expected = expected_response_head(n);
    assert_eq!(&buf[..expected.len()], &expected[..]);
    assert_eq!(total, HEADS * expected.len());
}

#[allow(missing_docs, unreachable_pub)]
mod iai_benches {
    use super::*;

    #[library_benchmark]
    #[bench::n0(args = (0,), setup = warm_httpwire_vec, teardown = check_vec)]
    #[bench::n1256(args = (1256,), setup = warm_httpwire_vec, teardown = check_vec)]
    #[bench::n123456789(args = (123_456_789,), setup = warm_httpwire_vec, teardown = check_vec)]
    #[bench::max(args = (u64::MAX,), setup = warm_httpwire_vec, teardown = check_vec)]
    fn httpwire_vec((mut out, n): (Vec<u8>, u64)) -> (usize, Vec<u8>, u64) {
        let total = black_box(write_heads(&mut out, n, httpwire_response_head));
        (total, out, n)
    }

    #[library_benchmark]
    #[bench::n0(args = (0,), setup = warm_httpwire_slice, teardown = check_slice)]
    #[bench::n1256(args = (1256,), setup = warm_httpwire_slice, teardown = check_slice)]
    #[bench::n123456789(
        args = (123_456_789,),
        setup = warm_httpwire_slice,
        teardown = check_slice
    )]
    #[bench::max(args = (u64::MAX,), setup = warm_httpwire_slice, teardown = check_slice)]
    fn httpwire_slice((mut buf, n): ([u8; HEAD_BUF], u64)) -> (usize, [u8; HEAD_BUF], u64) {
        let total = black_box(write_heads(&mut buf[..], n, httpwire_response_head_slice));
        (total, buf, n)
    }

    #[library_benchmark]
    #[bench::n0(args = (0,), setup = warm_itoa_vec, teardown = check_vec)]
    #[bench::n1256(args = (1256,), setup = warm_itoa_vec, teardown = check_vec)]
    #[bench::n123456789(args = (123_456_789,), setup = warm_itoa_vec, teardown = check_vec)]
    #[bench::max(args = (u64::MAX,), setup = warm_itoa_vec, teardown = check_vec)]
    fn itoa_vec((mut out, n): (Vec<u8>, u64)) -> (usize, Vec<u8>, u64) {
        let total = black_box(write_heads(&mut out, n, itoa_response_head));
        (total, out, n)
    }

    library_benchmark_group!(
        name = response_head;
        benchmarks = httpwire_vec, httpwire_slice, itoa_vec
    );
}

use iai_benches::response_head;

main!(library_benchmark_groups = response_head);
