//! No heap allocation on any decoder's path, nor in the writers into a slice: a counting global
//! allocator sees zero allocations while heads are parsed (one-shot and resumed, whatever the
//! SIMD level), while chunked bodies are decoded (whole and byte by byte, with trailers; and the
//! bench inputs through the visitor interface), while HPACK header blocks are decoded (every
//! story of the HPACK bench input), and while heads are written (with the writers, and with
//! `http1::lines` into a slice and into a reused `Vec`). One home for the allocator:
//! this crate depends on every codec.

use std::alloc::{GlobalAlloc, Layout, System};

use http1::simd::Level;
use http1::{Config, FieldStorage, Outcome, RequestParser, parse_request, parse_response};
use httpwire_benches::{REQ, REQ_SHORT, RESP};

struct Counting;

std::thread_local! {
    /// Allocations made by this thread (the test harness runs tests on several threads, and
    /// only the test's own thread is of interest). Const-initialised: no allocation to set up.
    static ALLOCATIONS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

fn allocations() -> usize {
    ALLOCATIONS.with(|c| c.get())
}

fn count() {
    // try_with: the thread-local may already be gone while a thread shuts down.
    let _ = ALLOCATIONS.try_with(|c| c.set(c.get() + 1));
}

// SAFETY: every method forwards to the system allocator unchanged; the counter has no effect
// on the memory handed out.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count();
        // SAFETY: forwarded with the caller's layout.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded; ptr came from System.alloc with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count();
        // SAFETY: forwarded unchanged.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

#[test]
fn parsing_does_not_allocate() {
    // Warm up anything lazily initialised (CPU feature detection) before counting.
    let mut storage = FieldStorage::<64>::new();
    assert!(parse_request(REQ, &mut storage, &Config::new()).is_ok());
    let levels: Vec<Level> = Level::ALL
        .into_iter()
        .filter(|l| l.is_available())
        .collect();

    let before = allocations();
    let mut total_fields = 0;
    for &level in &levels {
        let cfg = Config::new().simd(level);
        for msg in [REQ, REQ_SHORT] {
            let mut storage = FieldStorage::<64>::new();
            if let Ok(Outcome::Complete(r)) = parse_request(msg, &mut storage, &cfg) {
                total_fields += r.fields.len();
            }
        }
        let mut storage = FieldStorage::<64>::new();
        if let Ok(Outcome::Complete(r)) = parse_response(RESP, &mut storage, &cfg) {
            total_fields += r.fields.len();
        }
        // Resumed, in 7-byte steps.
        let mut storage = FieldStorage::<64>::new();
        let mut p = RequestParser::new(&mut storage, cfg);
        let mut n = 0;
        while n < REQ.len() {
            n = (n + 7).min(REQ.len());
            if let Ok(Outcome::Complete(r)) = p.parse(&REQ[..n]) {
                total_fields += r.fields.len();
            }
        }
    }
    let after = allocations();
    assert_eq!(after - before, 0, "allocations while parsing");
    // And the parses did happen: 9 + 2 + 10 + 9 fields per level.
    assert_eq!(total_fields, 30 * levels.len());
}

#[test]
fn writing_into_a_slice_does_not_allocate() {
    use http1::write::{RequestHead, ResponseHead, write_request_head, write_response_head};
    use http1::{Field, StatusCode, Version};
    let fields = [
        Field {
            name: b"Host",
            value: b"example.com",
        },
        Field {
            name: b"Accept",
            value: b"*/*",
        },
    ];
    let req = RequestHead {
        method: b"GET",
        target: b"/index.html",
        version: Version::HTTP_11,
        fields: &fields,
    };
    let resp = ResponseHead {
        version: Version::HTTP_11,
        status: StatusCode::new(200).unwrap(),
        reason: http1::write::Reason::Canonical,
        fields: &fields,
    };
    let mut buf = [0u8; 256];
    let before = allocations();
    let a = write_request_head(&mut buf[..], &req).unwrap();
    let b = write_response_head(&mut buf[..], &resp).unwrap();
    let after = allocations();
    assert_eq!(after - before, 0, "allocations while writing");
    assert_eq!((a, b), (60, 51));
}

#[test]
fn writing_a_response_head_with_lines_does_not_allocate() {
    use httpwire_benches::{
        HEAD_BUF, HEAD_STATUS, httpwire_response_head, httpwire_response_head_slice,
    };
    let mut buf = [0u8; HEAD_BUF];
    // A reused Vec allocates once, when it is made; writing into it does not.
    let mut out = Vec::with_capacity(HEAD_BUF);
    let before = allocations();
    let mut total = 0;
    for n in [0, 1256, 123_456_789, u64::MAX] {
        total += httpwire_response_head_slice(&mut buf, HEAD_STATUS, n);
        total += httpwire_response_head(&mut out, HEAD_STATUS, n);
        total += http1::lines::ContentLength::new(n).as_bytes().len();
    }
    let after = allocations();
    assert_eq!(after - before, 0, "allocations while writing");
    // A head is 101 bytes and the digits; a Content-Length line 18 and the digits (1, 4, 9, 20).
    assert_eq!(total, 2 * (4 * 101 + 34) + 4 * 18 + 34);
}

#[test]
fn chunked_decoding_does_not_allocate() {
    use chunked::{Config as ChunkedConfig, Decoder, Event};
    let wire: &[u8] =
        b"5;ext=1\r\nhello\r\n10\r\n0123456789abcdef\r\n0\r\nExpires: never\r\nX-Sum: 1\r\n\r\n";
    // Decodes `wire` in pieces of `step` bytes (the caller's buffer grows by a piece when the
    // decoder needs more); the data bytes and trailer fields it handed over.
    fn run(wire: &[u8], step: usize) -> (usize, usize) {
        let mut storage = FieldStorage::<8>::new();
        let mut dec = Decoder::new(&mut storage, ChunkedConfig::new());
        let (mut at, mut end, mut data) = (0, step.min(wire.len()), 0);
        loop {
            match dec.decode(&wire[at..end]) {
                Ok(s) => {
                    at += s.consumed;
                    match s.event {
                        Event::Chunk { data: d, .. } | Event::Data(d) => data += d.len(),
                        Event::End { trailers } => return (data, trailers.len()),
                        Event::NeedMore => end = (end + step).min(wire.len()),
                    }
                }
                Err(_) => return (data, usize::MAX),
            }
        }
    }
    // Warm up anything lazily initialised (CPU feature detection in http1) before counting.
    assert_eq!(run(wire, wire.len()), (21, 2));
    let before = allocations();
    let results = [run(wire, wire.len()), run(wire, 1), run(wire, 7)];
    let after = allocations();
    assert_eq!(after - before, 0, "allocations while decoding");
    assert_eq!(results, [(21, 2); 3]);
}

#[test]
fn chunked_visitor_does_not_allocate() {
    // The bench inputs (standard shapes, trailers, extensions), built and decoded once before
    // counting: through `decode_with` and its loops for whole chunks.
    let inputs: Vec<&[u8]> = httpwire_benches::CHUNKED_INPUTS
        .iter()
        .map(|(_, input)| input())
        .collect();
    let warm: Vec<usize> = inputs
        .iter()
        .map(|buf| httpwire_benches::httpwire_chunked_with(buf))
        .collect();
    let mut sums = Vec::with_capacity(inputs.len());
    let before = allocations();
    for buf in &inputs {
        sums.push(httpwire_benches::httpwire_chunked_with(buf));
    }
    let after = allocations();
    assert_eq!(after - before, 0, "allocations while decoding");
    assert_eq!(sums, warm);
    assert!(sums.iter().all(|&s| s != 0), "every input decoded whole");
}

#[test]
fn body_decoding_does_not_allocate() {
    use chunked::{BodyDecoder, Config as ChunkedConfig, Event};
    use http1::BodyFraming;
    let wire: &[u8] = b"5\r\nhello\r\n0\r\nX-Sum: 1\r\n\r\n";
    let framings = [
        BodyFraming::Chunked,
        BodyFraming::ContentLength(9),
        BodyFraming::CloseDelimited,
        BodyFraming::Tunnel,
        BodyFraming::None,
    ];
    let mut storage = FieldStorage::<8>::new();
    let before = allocations();
    let mut total = 0;
    for framing in framings {
        let mut body = BodyDecoder::new(framing, &mut storage, ChunkedConfig::new());
        let mut at = 0;
        while let Ok(step) = body.decode(&wire[at..]) {
            at += step.consumed;
            match step.event {
                Event::Chunk { data, .. } | Event::Data(data) => total += data.len(),
                Event::End { .. } => break,
                Event::NeedMore => {
                    if body.close().is_err() || body.is_done() {
                        break;
                    }
                }
            }
        }
    }
    let after = allocations();
    assert_eq!(after - before, 0, "allocations while decoding bodies");
    // chunked 5, Content-Length 9, close-delimited and tunnel the whole 31 each, none 0.
    assert_eq!(total, 5 + 9 + 2 * wire.len());
}

#[test]
fn hpack_block_decoding_does_not_allocate() {
    // The HPACK bench input: every story of hpack-test-case's nghttp2/, loaded before counting,
    // with one decoder per story, also made before counting (a decoder allocates its buffers
    // when it is made, never while decoding). Each field is compared with the listed header
    // in place (no copy), so the count is the decoder's alone.
    let stories = httpwire_benches::hpack_blocks_input();
    let mut decoders: Vec<hpack::Decoder> = stories.iter().map(|_| hpack::Decoder::new()).collect();
    let (mut fields, mut mismatches, mut errors) = (0usize, 0usize, 0usize);
    let before = allocations();
    for (story, dec) in stories.iter().zip(&mut decoders) {
        for case in &story.cases {
            if let Some(size) = case.table_size
                && dec.set_table_size(size).is_err()
            {
                errors += 1;
            }
            let mut want = case.headers.iter();
            let decoded = dec.decode_block(&case.wire, |f| {
                fields += 1;
                match want.next() {
                    Some((name, value)) if f.name == &name[..] && f.value == &value[..] => {}
                    _ => mismatches += 1,
                }
            });
            if decoded.is_err() || want.next().is_some() {
                errors += 1;
            }
        }
    }
    let after = allocations();
    assert_eq!(after - before, 0, "allocations while decoding HPACK blocks");
    assert_eq!((fields, mismatches, errors), (39_359, 0, 0));
}
