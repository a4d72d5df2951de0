//! Shared inputs for httpwire's benchmarks, and the peers they are measured against.
//!
//! The bench files (`benches/*.rs`) call httpwire directly, so what is measured on our side is
//! visible where it is measured. Code that stands for a peer lives here, so that the
//! iai-callgrind and the criterion benches measure the very same peer.

/// Codes with a registered reason phrase, as a server answers them. Each bench writes all of
/// them, so that a bench is a few hundred instructions and the gate's 2% exceeds its 10 Ir
/// floor, and so that no single code's branch pattern decides the figure.
pub const CODES_REGISTERED: [u16; 8] = [200, 201, 204, 301, 304, 404, 500, 503];

/// Codes with no registered reason phrase: each line is written with an empty reason.
pub const CODES_UNREGISTERED: [u16; 8] = [299, 419, 430, 499, 520, 599, 600, 999];

/// The status lines that the parse benches read, one after the other.
pub const STATUS_LINES: [&[u8]; 4] = [
    b"HTTP/1.1 200 OK\r\n",
    b"HTTP/1.1 404 Not Found\r\n",
    b"HTTP/1.0 503 Service Unavailable\r\n",
    b"HTTP/1.1 302 Found\r\n",
];

/// The size of the caller's stack buffer that the write benches write into.
pub const BUF_LEN: usize = 64;

/// Writes the line of every code in `codes` at the start of `buf` in turn, the way a server
/// writes one response head after another, with `write`; returns the total length written.
/// Each code goes through `black_box`, so nothing is folded at compile time.
#[inline(always)]
pub fn write_each(
    buf: &mut [u8; BUF_LEN],
    codes: &[u16],
    mut write: impl FnMut(&mut [u8], u16) -> Option<usize>,
) -> usize {
    let mut total = 0;
    for &code in codes {
        total += write(
            std::hint::black_box(&mut buf[..]),
            std::hint::black_box(code),
        )
        .expect("the bench lines fit");
        std::hint::black_box(&buf);
    }
    total
}

/// httpwire's way: `StatusCode::new`, then `write_status_line` with the canonical reason.
#[inline(always)]
pub fn httpwire_write_status_line(buf: &mut [u8], code: u16) -> Option<usize> {
    use status_lines::{Reason, StatusCode, Version, write_status_line};
    let code = StatusCode::new(code)?;
    write_status_line(buf, Version::HTTP_11, code, Reason::Canonical).ok()
}

/// The peer for writing a status line: what a server built on the `http` crate does (hyper's
/// way), without allocation.
///
/// `http::StatusCode::from_u16`, then `as_str()` for the three digits and `canonical_reason()`
/// for the phrase (empty when there is none), copied into `buf` with `copy_from_slice` as
/// `HTTP/1.1 CODE REASON\r\n`. Returns the line's length, or `None` when the code is not in
/// 100..=999 or the buffer is too short (nothing is written then).
#[inline]
pub fn http_crate_write_status_line(buf: &mut [u8], code: u16) -> Option<usize> {
    const PREFIX: &[u8] = b"HTTP/1.1 ";
    let status = http::StatusCode::from_u16(code).ok()?;
    let digits = status.as_str().as_bytes();
    let reason = status.canonical_reason().unwrap_or("").as_bytes();
    let needed = PREFIX.len() + digits.len() + 1 + reason.len() + 2;
    let dst = buf.get_mut(..needed)?;
    let (prefix, rest) = dst.split_at_mut(PREFIX.len());
    prefix.copy_from_slice(PREFIX);
    let (code_digits, rest) = rest.split_at_mut(digits.len());
    code_digits.copy_from_slice(digits);
    let (space, rest) = rest.split_at_mut(1);
    space.copy_from_slice(b" ");
    let (text, crlf) = rest.split_at_mut(reason.len());
    text.copy_from_slice(reason);
    crlf.copy_from_slice(b"\r\n");
    Some(needed)
}

// ---- HTTP/1 heads -------------------------------------------------------------------
//
// Standard inputs (BENCHMARKS.md): `REQ`, `REQ_SHORT`, `RESP` and `FORTY`. Shapes (the
// "Shapes" of BENCHMARKS.md), heads of the kinds real traffic has, each a `shape-*.http` file
// of testdata/ (CRLF, ending with the empty line): requests `SHAPE_NO_SPACE`, `SHAPE_HTAB`,
// `SHAPE_LONG_COOKIE`, `SHAPE_LONG_TARGET`, `SHAPE_TINY_FIELDS` and `SHAPE_BROWSER`;
// responses `SHAPE_CDN` and `SHAPE_REDIRECT`. `REQUESTS` and `RESPONSES` list them all.

/// `REQ` of BENCHMARKS.md: picohttpparser's bench.c request, 703 bytes, 9 fields.
pub const REQ: &[u8] = include_bytes!("../../testdata/requests/bench-req.http");
/// `REQ_SHORT`: httparse's short request, 68 bytes, 2 fields.
pub const REQ_SHORT: &[u8] = include_bytes!("../../testdata/requests/bench-req-short.http");
/// `RESP`: a typical 200 response head, 314 bytes, 10 fields.
pub const RESP: &[u8] = include_bytes!("../../testdata/responses/bench-resp.http");
/// A browser request behind proxies with 40 fields (1,860 bytes).
pub const FORTY: &[u8] = include_bytes!("../../testdata/requests/bench-forty-fields.http");

/// Shape: an embedded client's request, every field written `Name:value` (no SP after the
/// colon), 370 bytes, 10 fields.
pub const SHAPE_NO_SPACE: &[u8] = include_bytes!("../../testdata/requests/shape-no-space.http");
/// Shape: a request whose OWS is HTAB (`Name:\tvalue`), four of its fields with a trailing HTAB
/// before the CRLF, 401 bytes, 10 fields.
pub const SHAPE_HTAB: &[u8] = include_bytes!("../../testdata/requests/shape-htab.http");
/// Shape: a browser request with a 1,592-byte Cookie (analytics, consent and session cookies;
/// base64url and hex tokens, a JWE), 2,029 bytes, 8 fields.
pub const SHAPE_LONG_COOKIE: &[u8] =
    include_bytes!("../../testdata/requests/shape-long-cookie.http");
/// Shape: an analytics beacon, a GET whose target has a 1,194-byte percent-encoded query,
/// 1,572 bytes, 8 fields.
pub const SHAPE_LONG_TARGET: &[u8] =
    include_bytes!("../../testdata/requests/shape-long-target.http");
/// Shape: a Host line and 60 tiny fields (`a: b`), 397 bytes, 61 fields.
pub const SHAPE_TINY_FIELDS: &[u8] =
    include_bytes!("../../testdata/requests/shape-tiny-fields.http");
/// Shape: a Chrome navigation (`sec-ch-ua*`, `Sec-Fetch-*`, a short Cookie), 781 bytes,
/// 15 fields.
pub const SHAPE_BROWSER: &[u8] = include_bytes!("../../testdata/requests/shape-browser.http");
/// Shape (response): a CDN's 200 with five Set-Cookie lines, an 893-byte
/// Content-Security-Policy, HSTS, Vary, ETag, Age, X-Cache, a CF-RAY id and Alt-Svc,
/// 2,276 bytes, 21 fields.
pub const SHAPE_CDN: &[u8] = include_bytes!("../../testdata/responses/shape-cdn.http");
/// Shape (response): a `301 Moved Permanently` with an absolute Location, 285 bytes, 7 fields.
pub const SHAPE_REDIRECT: &[u8] = include_bytes!("../../testdata/responses/shape-redirect.http");

/// Every request the benches parse, by name (the standard inputs, then the shapes).
pub const REQUESTS: [(&str, &[u8]); 9] = [
    ("req", REQ),
    ("req_short", REQ_SHORT),
    ("forty", FORTY),
    ("no_space", SHAPE_NO_SPACE),
    ("htab", SHAPE_HTAB),
    ("long_cookie", SHAPE_LONG_COOKIE),
    ("long_target", SHAPE_LONG_TARGET),
    ("tiny_fields", SHAPE_TINY_FIELDS),
    ("browser", SHAPE_BROWSER),
];

/// Every response the benches parse, by name.
pub const RESPONSES: [(&str, &[u8]); 3] = [
    ("resp", RESP),
    ("cdn", SHAPE_CDN),
    ("redirect", SHAPE_REDIRECT),
];

/// Field storage every parser gets: 64 entries (uninitialised where the API allows).
pub const MAX_FIELDS: usize = 64;

/// Folds one field line into `acc`: its name's and value's lengths and first bytes (a name is
/// never empty; an empty value adds 0). Every parser's function below calls this for every
/// field of a complete parse, so that each pays for handing over every name and value as
/// slices a caller can read (a parser that records them lazily pays here), and all pay alike.
#[inline(always)]
pub fn fold_field(acc: usize, name: &[u8], value: &[u8]) -> usize {
    acc.wrapping_add(name.len())
        .wrapping_add(value.len())
        .wrapping_add(usize::from(name[0]))
        .wrapping_add(value.first().map_or(0, |&b| usize::from(b)))
}

/// httpwire: one-shot strict request parse; returns head length + field count + method and
/// target lengths, with every field folded in by [`fold_field`] (0 on failure). Every parser's
/// function returns this sum, so that each hands over the start line's parts and every field
/// (none can leave them unbuilt).
#[inline(always)]
pub fn httpwire_request(buf: &[u8]) -> usize {
    let mut storage = http1::FieldStorage::<MAX_FIELDS>::new();
    match http1::parse_request(buf, &mut storage, &http1::Config::new()) {
        Ok(http1::Outcome::Complete(r)) => httpwire_request_sum(&r),
        _ => 0,
    }
}

/// httpwire: one-shot strict response parse; returns head length + field count + status code
/// + reason length, with every field folded in.
#[inline(always)]
pub fn httpwire_response(buf: &[u8]) -> usize {
    let mut storage = http1::FieldStorage::<MAX_FIELDS>::new();
    match http1::parse_response(buf, &mut storage, &http1::Config::new()) {
        Ok(http1::Outcome::Complete(r)) => httpwire_response_sum(&r),
        _ => 0,
    }
}

/// [`httpwire_request`] with the SIMD level forced (`Config::simd`; a level this CPU lacks
/// falls back to the detected one).
#[inline(always)]
pub fn httpwire_request_at(level: http1::simd::Level, buf: &[u8]) -> usize {
    let mut storage = http1::FieldStorage::<MAX_FIELDS>::new();
    match http1::parse_request(buf, &mut storage, &http1::Config::new().simd(level)) {
        Ok(http1::Outcome::Complete(r)) => httpwire_request_sum(&r),
        _ => 0,
    }
}

/// [`httpwire_response`] with the SIMD level forced.
#[inline(always)]
pub fn httpwire_response_at(level: http1::simd::Level, buf: &[u8]) -> usize {
    let mut storage = http1::FieldStorage::<MAX_FIELDS>::new();
    match http1::parse_response(buf, &mut storage, &http1::Config::new().simd(level)) {
        Ok(http1::Outcome::Complete(r)) => httpwire_response_sum(&r),
        _ => 0,
    }
}

#[inline(always)]
fn httpwire_request_sum(r: &http1::Request<'_, '_>) -> usize {
    let start = r.head_len + r.fields.len() + r.method.len() + r.target.len();
    r.fields
        .iter()
        .fold(start, |acc, f| fold_field(acc, f.name, f.value))
}

#[inline(always)]
fn httpwire_response_sum(r: &http1::Response<'_, '_>) -> usize {
    let start = r.head_len + r.fields.len() + usize::from(r.status.as_u16()) + r.reason.len();
    r.fields
        .iter()
        .fold(start, |acc, f| fold_field(acc, f.name, f.value))
}

/// httparse with uninitialised header storage.
#[inline(always)]
pub fn httparse_request(buf: &[u8]) -> usize {
    let mut headers =
        [const { std::mem::MaybeUninit::<httparse::Header<'_>>::uninit() }; MAX_FIELDS];
    let mut req = httparse::Request::new(&mut []);
    match req.parse_with_uninit_headers(buf, &mut headers) {
        Ok(httparse::Status::Complete(n)) => {
            let start = n
                + req.headers.len()
                + req.method.map_or(0, str::len)
                + req.path.map_or(0, str::len);
            httparse_fold(start, req.headers)
        }
        _ => 0,
    }
}

/// httparse, response.
#[inline(always)]
pub fn httparse_response(buf: &[u8]) -> usize {
    let mut headers =
        [const { std::mem::MaybeUninit::<httparse::Header<'_>>::uninit() }; MAX_FIELDS];
    let mut resp = httparse::Response::new(&mut []);
    match httparse::ParserConfig::default().parse_response_with_uninit_headers(
        &mut resp,
        buf,
        &mut headers,
    ) {
        Ok(httparse::Status::Complete(n)) => {
            let start = n
                + resp.headers.len()
                + usize::from(resp.code.unwrap_or(0))
                + resp.reason.map_or(0, str::len);
            httparse_fold(start, resp.headers)
        }
        _ => 0,
    }
}

#[inline(always)]
fn httparse_fold(start: usize, headers: &[httparse::Header<'_>]) -> usize {
    headers
        .iter()
        .fold(start, |acc, h| fold_field(acc, h.name.as_bytes(), h.value))
}

fn pico_headers() -> [picohttpparser_sys::phr_header; MAX_FIELDS] {
    [picohttpparser_sys::phr_header::default(); MAX_FIELDS]
}

/// Folds the fields picohttpparser wrote (`headers`, the first `num_headers` of those passed to
/// a parse that returned > 0 for `buf`) into `start` with [`fold_field`]; 0 for a continuation
/// line (obs-fold: pico gives it a NULL name), which httpwire and httparse refuse in these
/// benches' inputs.
///
/// This picohttpparser (picohttpparser-sys 1.0's C source) leaves trailing SP/HTAB in a value,
/// which is OWS and not part of the field value (RFC 9112 §5): its caller trims them, so the
/// trimming is done (and measured) here, and the value folded is the one the others hand over.
#[inline(always)]
fn pico_fold<'b>(
    start: usize,
    _buf: &'b [u8],
    headers: &[picohttpparser_sys::phr_header],
) -> usize {
    let mut acc = start;
    for h in headers {
        if h.name.is_null() {
            return 0;
        }
        // SAFETY: after a successful parse of `buf`, pico has set every one of these entries'
        // `name` to a pointer into `buf` (non-null: checked above) with `name_len` bytes of
        // `buf` after it (the name ends before its colon, inside the head).
        let name: &'b [u8] = unsafe { std::slice::from_raw_parts(h.name.cast::<u8>(), h.name_len) };
        // SAFETY: likewise `value` points into `buf` (`get_token_to_eol` sets it to the
        // position after the OWS, never NULL, even for an empty value), with `value_len` bytes
        // of `buf` after it (the value ends before its CRLF).
        let mut value: &'b [u8] =
            unsafe { std::slice::from_raw_parts(h.value.cast::<u8>(), h.value_len) };
        while let [rest @ .., b' ' | b'\t'] = value {
            value = rest;
        }
        acc = fold_field(acc, name, value);
    }
    acc
}

/// picohttpparser (C, built without SSE4.2), request.
#[inline(always)]
pub fn pico_request(buf: &[u8]) -> usize {
    use std::os::raw::{c_char, c_int};
    let mut headers = pico_headers();
    let mut num_headers = MAX_FIELDS;
    let (mut method, mut method_len) = (std::ptr::null::<c_char>(), 0usize);
    let (mut path, mut path_len) = (std::ptr::null::<c_char>(), 0usize);
    let mut minor: c_int = 0;
    // SAFETY: buf is valid for buf.len() bytes; every out-pointer points at a live local, and
    // headers has num_headers entries; pico writes only within those.
    let n = unsafe {
        picohttpparser_sys::phr_parse_request(
            buf.as_ptr().cast(),
            buf.len(),
            &mut method,
            &mut method_len,
            &mut path,
            &mut path_len,
            &mut minor,
            headers.as_mut_ptr(),
            &mut num_headers,
            0,
        )
    };
    if n > 0 {
        let start = n as usize + num_headers + method_len + path_len;
        pico_fold(start, buf, &headers[..num_headers])
    } else {
        0
    }
}

/// picohttpparser, response.
#[inline(always)]
pub fn pico_response(buf: &[u8]) -> usize {
    use std::os::raw::{c_char, c_int};
    let mut headers = pico_headers();
    let mut num_headers = MAX_FIELDS;
    let (mut msg, mut msg_len) = (std::ptr::null::<c_char>(), 0usize);
    let (mut minor, mut status): (c_int, c_int) = (0, 0);
    // SAFETY: as in pico_request.
    let n = unsafe {
        picohttpparser_sys::phr_parse_response(
            buf.as_ptr().cast(),
            buf.len(),
            &mut minor,
            &mut status,
            &mut msg,
            &mut msg_len,
            headers.as_mut_ptr(),
            &mut num_headers,
            0,
        )
    };
    if n > 0 {
        let start = n as usize + num_headers + status as usize + msg_len;
        pico_fold(start, buf, &headers[..num_headers])
    } else {
        0
    }
}

/// A parsed request that lives for the rest of the process, for benches that measure what
/// comes after parsing (framing). The storage is leaked on purpose: one per bench process.
pub fn parsed_request(buf: &'static [u8]) -> http1::Request<'static, 'static> {
    let storage = Box::leak(Box::new(http1::FieldStorage::<MAX_FIELDS>::new()));
    match http1::parse_request(buf, storage, &http1::Config::new()) {
        Ok(http1::Outcome::Complete(r)) => r,
        other => panic!("bench input does not parse: {other:?}"),
    }
}

/// A parsed response that lives for the rest of the process.
pub fn parsed_response(buf: &'static [u8]) -> http1::Response<'static, 'static> {
    let storage = Box::leak(Box::new(http1::FieldStorage::<MAX_FIELDS>::new()));
    match http1::parse_response(buf, storage, &http1::Config::new()) {
        Ok(http1::Outcome::Complete(r)) => r,
        other => panic!("bench input does not parse: {other:?}"),
    }
}

/// httpwire's framing of a parsed request: body length (0 for none) + keep-alive.
#[inline(always)]
pub fn httpwire_request_framing(req: &http1::Request<'_, '_>) -> u64 {
    match http1::request_framing(req) {
        Ok(info) => framing_summary(&info),
        Err(_) => u64::MAX,
    }
}

/// httpwire's framing of a parsed response to GET.
#[inline(always)]
pub fn httpwire_response_framing(resp: &http1::Response<'_, '_>) -> u64 {
    match http1::response_framing(resp, b"GET") {
        Ok(info) => framing_summary(&info),
        Err(_) => u64::MAX,
    }
}

fn framing_summary(info: &http1::MessageInfo) -> u64 {
    let body = match info.body {
        http1::BodyFraming::ContentLength(n) => n,
        _ => 0,
    };
    body * 2 + u64::from(info.keep_alive)
}

// ---- Chunked bodies -----------------------------------------------------------------
//
// Standard inputs (BENCHMARKS.md, "Chunked"): 64 chunks x 4 KiB and 256 chunks x 16 B, each
// ending `0\r\n\r\n`; 16 chunks x 1 KiB ending with a trailer section of three fields; and
// 64 chunks x 4 KiB with a chunk extension on every size line, as S3's signed streaming
// uploads send them. Built in memory by `chunked_body` (deterministic), once per process:
// `chunked_k64x4k`, `chunked_b256x16`, `chunked_k16x1k_trailers` and `chunked_s3_k64x4k`;
// `CHUNKED_INPUTS` lists them by bench id.
//
// Each decoder's function returns `ChunkedFold::sum`: every data slice it handed over folded
// by `fold_data`, every trailer field by `fold_field`, and the bytes it consumed (0 when it
// did not reach the body's end).

/// The bytes chunk data is made of, repeated across the body (text with line breaks: data
/// holds CR LF and hex digits, which no decoder may take for framing).
pub const CHUNK_PATTERN: &[u8] =
    b"The quick brown fox jumps over the lazy dog; 0123456789abcdef.\r\nPack my box!\r\n";

/// The trailer section of the inputs with trailers (after `0\r\n`, before the final CRLF).
pub const CHUNK_TRAILERS: &[u8] =
    b"Expires: never\r\nX-Checksum: 4f2a9c\r\nServer-Timing: total;dur=12\r\n";

/// A chunked body: `chunks` chunks of `chunk_len` data bytes each (byte `i` of the data,
/// counted from the body's first data byte, is `CHUNK_PATTERN[i % CHUNK_PATTERN.len()]`),
/// each size in lowercase hex without extensions, then `0\r\n`, then [`CHUNK_TRAILERS`] if
/// `trailers`, then `\r\n`.
pub fn chunked_body(chunks: usize, chunk_len: usize, trailers: bool) -> Vec<u8> {
    chunked_body_with(chunks, chunk_len, trailers, false)
}

/// [`chunked_body`], and if `signed`, every size line (the last chunk's too) carries the
/// extension [`chunk_signature`] of its chunk's number (0 for the first), as S3's
/// `aws-chunked` uploads do.
pub fn chunked_body_with(chunks: usize, chunk_len: usize, trailers: bool, signed: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(chunks * (chunk_len + 100) + CHUNK_TRAILERS.len() + 90);
    let mut data = CHUNK_PATTERN.iter().copied().cycle();
    let line = |out: &mut Vec<u8>, i: usize, size: usize| {
        out.extend_from_slice(format!("{size:x}").as_bytes());
        if signed {
            out.extend_from_slice(&chunk_signature(i));
        }
        out.extend_from_slice(b"\r\n");
    };
    for i in 0..chunks {
        line(&mut out, i, chunk_len);
        out.extend(data.by_ref().take(chunk_len));
        out.extend_from_slice(b"\r\n");
    }
    line(&mut out, chunks, 0);
    if trailers {
        out.extend_from_slice(CHUNK_TRAILERS);
    }
    out.extend_from_slice(b"\r\n");
    out
}

/// The extension of chunk `i` in a signed body: `;chunk-signature=` and 64 lowercase hex
/// digits (made up, deterministic: S3 sends an HMAC-SHA256 there), 81 bytes.
pub fn chunk_signature(i: usize) -> Vec<u8> {
    let mut out = b";chunk-signature=".to_vec();
    let mut x = (i as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    for _ in 0..64 {
        x ^= x >> 29;
        x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
        out.push(b"0123456789abcdef"[(x >> 60) as usize]);
    }
    out
}

/// Chunked `k64x4k`: 64 chunks x 4 KiB, no trailers (262,661 bytes).
pub fn chunked_k64x4k() -> &'static [u8] {
    static BODY: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    BODY.get_or_init(|| chunked_body(64, 4096, false))
}

/// Chunked `b256x16`: 256 chunks x 16 B, no trailers (5,637 bytes).
pub fn chunked_b256x16() -> &'static [u8] {
    static BODY: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    BODY.get_or_init(|| chunked_body(256, 16, false))
}

/// Chunked `k16x1k_trailers`: 16 chunks x 1 KiB, then three trailer fields (16,566 bytes).
pub fn chunked_k16x1k_trailers() -> &'static [u8] {
    static BODY: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    BODY.get_or_init(|| chunked_body(16, 1024, true))
}

/// Chunked `s3_k64x4k`: 64 chunks x 4 KiB, each size line (the last one's too) with a
/// [`chunk_signature`] extension, no trailers (267,926 bytes).
pub fn chunked_s3_k64x4k() -> &'static [u8] {
    static BODY: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    BODY.get_or_init(|| chunked_body_with(64, 4096, false, true))
}

/// A function that returns one of the chunked inputs (built on its first call).
pub type ChunkedInput = fn() -> &'static [u8];

/// Every chunked input the benches decode, by bench id.
pub const CHUNKED_INPUTS: [(&str, ChunkedInput); 4] = [
    ("k64x4k", chunked_k64x4k),
    ("b256x16", chunked_b256x16),
    ("k16x1k_trailers", chunked_k16x1k_trailers),
    ("s3_k64x4k", chunked_s3_k64x4k),
];

/// Trailer storage every decoder gets: 16 entries (uninitialised where the API allows).
pub const MAX_TRAILERS: usize = 16;

/// The size of the stack buffer that `chunked_transfer` (a `Read` adapter) decodes into: as
/// large as the largest chunk of the inputs, so that it hands over each chunk's data in one
/// read, as the other decoders do.
pub const CHUNKED_READ_BUF: usize = 4096;

/// Folds one slice of chunk data into `acc`: its length and first byte (an empty slice adds
/// nothing, so a decoder that hands over empty slices pays no different). Every decoder's
/// function calls this for every data slice it hands over.
#[inline(always)]
pub fn fold_data(acc: usize, data: &[u8]) -> usize {
    acc.wrapping_add(data.len())
        .wrapping_add(data.first().map_or(0, |&b| usize::from(b)))
}

/// What a chunked decoder handed over, folded.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ChunkedFold {
    /// Every data slice, folded by [`fold_data`] in order.
    pub data: usize,
    /// Every trailer field, folded by [`fold_field`] in order (0 for none).
    pub trailers: usize,
    /// Bytes of the input consumed: to the body's end when `complete`, else as far as the
    /// decoder got.
    pub consumed: usize,
    /// Whether the decoder reached the body's end without an error.
    pub complete: bool,
}

impl ChunkedFold {
    /// The bench result: `data + trailers + consumed`, or 0 when the body was not complete.
    #[inline(always)]
    pub fn sum(&self) -> usize {
        if self.complete {
            self.data
                .wrapping_add(self.trailers)
                .wrapping_add(self.consumed)
        } else {
            0
        }
    }
}

/// httpwire: `chunked::Decoder` over the whole body at once, with [`MAX_TRAILERS`] of
/// (uninitialised) trailer storage and the default (strict) config; every event's data and
/// every trailer field folded in. See [`ChunkedFold`].
#[inline(always)]
pub fn httpwire_chunked_fold(buf: &[u8]) -> ChunkedFold {
    use chunked::Event;
    let mut storage = http1::FieldStorage::<MAX_TRAILERS>::new();
    let mut dec = chunked::Decoder::new(&mut storage, chunked::Config::new());
    let mut f = ChunkedFold::default();
    loop {
        let Ok(step) = dec.decode(&buf[f.consumed..]) else {
            return f;
        };
        f.consumed += step.consumed;
        match step.event {
            Event::Chunk { data, .. } | Event::Data(data) => f.data = fold_data(f.data, data),
            Event::End { trailers } => {
                f.trailers = trailers
                    .iter()
                    .fold(0, |acc, t| fold_field(acc, t.name, t.value));
                f.complete = true;
                return f;
            }
            Event::NeedMore => return f,
        }
    }
}

/// httpwire: [`httpwire_chunked_fold`]'s sum (0 on failure).
#[inline(always)]
pub fn httpwire_chunked(buf: &[u8]) -> usize {
    httpwire_chunked_fold(buf).sum()
}

/// httpwire through its visitor interface, `Decoder::decode_with`: the same decoding as
/// [`httpwire_chunked_fold`], every data slice handed to a closure (the way a body reader
/// uses it), the trailer fields folded in at the end. See [`ChunkedFold`].
#[inline(always)]
pub fn httpwire_chunked_with_fold(buf: &[u8]) -> ChunkedFold {
    let mut storage = http1::FieldStorage::<MAX_TRAILERS>::new();
    let mut dec = chunked::Decoder::new(&mut storage, chunked::Config::new());
    let mut f = ChunkedFold::default();
    let mut data = 0;
    let Ok((n, until)) = dec.decode_with(buf, &mut |d: &[u8]| data = fold_data(data, d)) else {
        return f;
    };
    f.consumed = n;
    if let chunked::Until::End { trailers } = until {
        f.trailers = trailers
            .iter()
            .fold(0, |acc, t| fold_field(acc, t.name, t.value));
        f.complete = true;
    }
    f.data = data;
    f
}

/// httpwire, visitor interface: [`httpwire_chunked_with_fold`]'s sum (0 on failure).
#[inline(always)]
pub fn httpwire_chunked_with(buf: &[u8]) -> usize {
    httpwire_chunked_with_fold(buf).sum()
}

/// httparse: the loop its users write around `httparse::parse_chunk_size` (hyper's way before
/// it wrote its own): parse a size line (extensions are skipped), slice the data, require CRLF
/// after it, until the last chunk. Then the trailer section: a bare CRLF when there is none,
/// else `httparse::parse_headers` into [`MAX_TRAILERS`] headers (initialised: its API has no
/// uninitialised variant for this), every field folded in. See [`ChunkedFold`].
#[inline(always)]
pub fn httparse_chunked_fold(buf: &[u8]) -> ChunkedFold {
    let mut f = ChunkedFold::default();
    let mut at = 0;
    loop {
        let (line, size) = match httparse::parse_chunk_size(&buf[at..]) {
            Ok(httparse::Status::Complete(parsed)) => parsed,
            _ => {
                f.consumed = at;
                return f;
            }
        };
        at += line;
        if size == 0 {
            break;
        }
        let data = usize::try_from(size)
            .ok()
            .and_then(|size| buf[at..].get(..size));
        let Some(data) = data else {
            f.consumed = at;
            return f;
        };
        f.data = fold_data(f.data, data);
        at += data.len();
        if buf.get(at..at + 2) != Some(b"\r\n") {
            f.consumed = at;
            return f;
        }
        at += 2;
    }
    let rest = &buf[at..];
    if rest.starts_with(b"\r\n") {
        at += 2;
    } else {
        let mut headers = [httparse::EMPTY_HEADER; MAX_TRAILERS];
        match httparse::parse_headers(rest, &mut headers) {
            Ok(httparse::Status::Complete((n, fields))) => {
                f.trailers = fields
                    .iter()
                    .fold(0, |acc, h| fold_field(acc, h.name.as_bytes(), h.value));
                at += n;
            }
            _ => {
                f.consumed = at;
                return f;
            }
        }
    }
    f.consumed = at;
    f.complete = true;
    f
}

/// httparse: [`httparse_chunked_fold`]'s sum (0 on failure).
#[inline(always)]
pub fn httparse_chunked(buf: &[u8]) -> usize {
    httparse_chunked_fold(buf).sum()
}

/// chunked_transfer 1.x: `chunked_transfer::Decoder` (a `std::io::Read` adapter) over the
/// body, read into a zeroed [`CHUNKED_READ_BUF`]-byte stack buffer until it returns 0, each
/// read's bytes folded in. Its API makes it copy the data out, and it reads each size line a
/// byte at a time into a `Vec`.
///
/// It does not hand over trailers: after the last chunk's `0\r\n` it requires CRLF, so it
/// refuses a body with a trailer section (an `InvalidInput` error after all the data), and
/// its result for `k16x1k_trailers` is 0 (`complete: false`, with the data it handed over
/// before the error). A read of 0 bytes inside a chunk (the input ran out) is not an end
/// either: that is checked with `remaining_chunks_size`, as a careful caller would.
#[inline(always)]
pub fn chunked_transfer_chunked_fold(buf: &[u8]) -> ChunkedFold {
    use std::io::Read;
    let mut out = [0u8; CHUNKED_READ_BUF];
    let mut dec = chunked_transfer::Decoder::new(buf);
    let mut f = ChunkedFold::default();
    loop {
        match dec.read(&mut out) {
            Ok(0) => break,
            Ok(n) => f.data = fold_data(f.data, &out[..n]),
            Err(_) => {
                f.consumed = buf.len() - dec.get_ref().len();
                return f;
            }
        }
    }
    f.consumed = buf.len() - dec.get_ref().len();
    f.complete = dec.remaining_chunks_size().is_none();
    f
}

/// chunked_transfer: [`chunked_transfer_chunked_fold`]'s sum (0 on failure, and so on a body
/// with trailers).
#[inline(always)]
pub fn chunked_transfer_chunked(buf: &[u8]) -> usize {
    chunked_transfer_chunked_fold(buf).sum()
}

// ---- Chunked encoding ---------------------------------------------------------------
//
// The encoder's inputs (BENCHMARKS.md, "Chunked", the other way round), each an
// `EncodeInput`: chunk data and the trailer fields of the end of the body.
// - `encode_k64x4k`: 64 chunks x 4 KiB, then the last chunk without trailers;
// - `encode_b256x16`: 256 chunks x 16 B, then the last chunk without trailers;
// - `encode_trailers3`: no chunk, only the last chunk with the three `ENCODE_TRAILERS`.
// The chunk data is the decoder inputs' data (`chunk_payload`: `CHUNK_PATTERN` repeated), so
// the framed bodies are exactly `chunked_k64x4k()` and `chunked_b256x16()`.
// `ENCODE_INPUTS` lists them by bench id.
//
// What each function does (the bench files measure these, on the same inputs):
// - `httpwire_encode_vectored`: `Chunk::new` and its three `pieces()`, which a writev caller
//   hands over as they are; each piece's length and first byte is folded in (`fold_data`),
//   as the caller's iovec array would take them. Nothing is copied.
// - `httpwire_encode_copy`: `write_chunk(&mut buf[at..], data)` for every chunk into one
//   caller's buffer, then `write_last_chunk` (strict policy: the trailers are checked).
// - `write_fmt_encode`: what many servers do (hyper-style code, by hand): the size line
//   formatted with `std::io::Write::write_fmt(format_args!("{:x}\r\n", len))` into the same
//   kind of buffer, then the data and CRLF copied; the end copied as it is (`0\r\n`, each
//   field as `name: value\r\n`, `\r\n`), unchecked, as hyper trusts a `HeaderMap` whose names
//   and values were checked when they were built.
// - `chunked_transfer_encode`: chunked_transfer 1.x's `Encoder` (a `std::io::Write` adapter)
//   over a `Vec` whose capacity was reserved by the caller.
// The copying functions return the bytes written (0 when it did not fit or was refused); they
// write the same bytes (benches/tests/chunked_encode_peers.rs).

/// The data of `chunks` chunks of `chunk_len` bytes, one after the other: byte `i` is
/// `CHUNK_PATTERN[i % CHUNK_PATTERN.len()]`, the data of [`chunked_body`]'s bodies.
pub fn chunk_payload(chunks: usize, chunk_len: usize) -> Vec<u8> {
    CHUNK_PATTERN
        .iter()
        .copied()
        .cycle()
        .take(chunks * chunk_len)
        .collect()
}

/// The trailer fields of `encode_trailers3`. They are not [`CHUNK_TRAILERS`]: that section
/// holds `Expires`, which must not be a trailer (RFC 9110 §6.5.1) and which the encoder's
/// default (strict) policy refuses; `Grpc-Status` takes its place.
pub const ENCODE_TRAILERS: [chunked::encode::Field<'static>; 3] = [
    chunked::encode::Field {
        name: b"X-Checksum",
        value: b"4f2a9c",
    },
    chunked::encode::Field {
        name: b"Server-Timing",
        value: b"total;dur=12",
    },
    chunked::encode::Field {
        name: b"Grpc-Status",
        value: b"0",
    },
];

/// What the encoders frame: chunks (each framed as one chunk, in order; empty ones are
/// skipped), then the last chunk with `trailers`.
#[derive(Debug, Clone, Copy)]
pub struct EncodeInput {
    /// The data of each chunk.
    pub chunks: &'static [&'static [u8]],
    /// The trailer fields after the last chunk (none: `0\r\n\r\n`).
    pub trailers: &'static [chunked::encode::Field<'static>],
}

impl EncodeInput {
    /// The length of the encoded body: every chunk framed, then the end of the body (the
    /// trailer fields counted as `name: value\r\n`). What the copying benches' buffer holds.
    pub fn encoded_len(&self) -> usize {
        let chunks: usize = self
            .chunks
            .iter()
            .filter_map(|data| chunked::encode::Chunk::new(data))
            .map(|chunk| chunk.framed_len())
            .sum();
        let fields: usize = self
            .trailers
            .iter()
            .map(|f| f.name.len() + 2 + f.value.len() + 2)
            .sum();
        chunks + chunked::encode::END_OF_BODY.len() + fields
    }

    /// The data of every chunk, concatenated.
    pub fn payload(&self) -> Vec<u8> {
        self.chunks.concat()
    }
}

/// `chunks` chunks of `chunk_len` bytes cut from `payload`, kept for the process.
fn static_chunks(
    payload: &'static std::sync::OnceLock<Vec<u8>>,
    chunks: &'static std::sync::OnceLock<Vec<&'static [u8]>>,
    count: usize,
    chunk_len: usize,
) -> &'static [&'static [u8]] {
    chunks.get_or_init(|| {
        payload
            .get_or_init(|| chunk_payload(count, chunk_len))
            .chunks(chunk_len)
            .collect()
    })
}

/// Encode `k64x4k`: 64 chunks x 4 KiB (262,144 B of data), no trailers; encoded, it is
/// [`chunked_k64x4k`] (262,661 B).
pub fn encode_k64x4k() -> EncodeInput {
    static PAYLOAD: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    static CHUNKS: std::sync::OnceLock<Vec<&'static [u8]>> = std::sync::OnceLock::new();
    EncodeInput {
        chunks: static_chunks(&PAYLOAD, &CHUNKS, 64, 4096),
        trailers: &[],
    }
}

/// Encode `b256x16`: 256 chunks x 16 B (4,096 B of data), no trailers; encoded, it is
/// [`chunked_b256x16`] (5,637 B).
pub fn encode_b256x16() -> EncodeInput {
    static PAYLOAD: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    static CHUNKS: std::sync::OnceLock<Vec<&'static [u8]>> = std::sync::OnceLock::new();
    EncodeInput {
        chunks: static_chunks(&PAYLOAD, &CHUNKS, 256, 16),
        trailers: &[],
    }
}

/// Encode `trailers3`: no chunk, the last chunk with the three [`ENCODE_TRAILERS`] (70 B).
pub fn encode_trailers3() -> EncodeInput {
    EncodeInput {
        chunks: &[],
        trailers: &ENCODE_TRAILERS,
    }
}

/// A function that returns one of the encoder inputs (built on its first call).
pub type EncodeInputFn = fn() -> EncodeInput;

/// Every encoder input, by bench id.
pub const ENCODE_INPUTS: [(&str, EncodeInputFn); 3] = [
    ("k64x4k", encode_k64x4k),
    ("b256x16", encode_b256x16),
    ("trailers3", encode_trailers3),
];

/// The most bytes of an end of the body (last chunk and trailers) that
/// [`httpwire_encode_vectored`] writes on its stack.
pub const ENCODE_END_BUF: usize = 256;

/// httpwire, vectored: [`Chunk::new`](chunked::encode::Chunk::new) for every chunk and its
/// three [`pieces`](chunked::encode::Chunk::pieces) (size line, data, CRLF) handed over
/// (through `black_box`, as to `writev`), each folded in with [`fold_data`]; then the end of
/// the body as one more piece: [`END_OF_BODY`](chunked::encode::END_OF_BODY) without
/// trailers, else `write_last_chunk` into an [`ENCODE_END_BUF`]-byte stack buffer (the end
/// has no vectored form). Returns the fold (0 when the end was refused or did not fit).
#[inline(always)]
pub fn httpwire_encode_vectored(input: &EncodeInput) -> usize {
    use chunked::encode::{Chunk, END_OF_BODY, write_last_chunk};
    let mut acc = 0;
    for data in input.chunks {
        if let Some(chunk) = Chunk::new(data) {
            for piece in std::hint::black_box(chunk.pieces()) {
                acc = fold_data(acc, piece);
            }
        }
    }
    if input.trailers.is_empty() {
        return fold_data(acc, std::hint::black_box(END_OF_BODY));
    }
    let mut end = [0u8; ENCODE_END_BUF];
    match write_last_chunk(&mut end[..], input.trailers) {
        Ok(n) => fold_data(acc, std::hint::black_box(&end[..n])),
        Err(_) => 0,
    }
}

/// httpwire, copying: [`write_chunk`](chunked::encode::write_chunk)`(&mut buf[at..], data)`
/// for every chunk, then [`write_last_chunk`](chunked::encode::write_last_chunk) with the
/// trailers (strict policy). Returns the bytes written, or 0 when `buf` is too short or a
/// trailer is refused.
#[inline(always)]
pub fn httpwire_encode_copy(buf: &mut [u8], input: &EncodeInput) -> usize {
    use chunked::encode::{write_chunk, write_last_chunk};
    let mut at = 0;
    for data in input.chunks {
        let Some(rest) = buf.get_mut(at..) else {
            return 0;
        };
        match write_chunk(rest, data) {
            Ok(n) => at += n,
            Err(_) => return 0,
        }
    }
    let Some(rest) = buf.get_mut(at..) else {
        return 0;
    };
    match write_last_chunk(rest, input.trailers) {
        Ok(n) => at + n,
        Err(_) => 0,
    }
}

/// The peer way (what many servers do, hyper-style code by hand): for every non-empty chunk,
/// the size line with `std::io::Write::write_fmt(format_args!("{:x}\r\n", len))` into `buf`
/// (a `&mut [u8]` writer), then the data and CRLF with `write_all`; then `0\r\n`, each
/// trailer field as `name: value\r\n` and `\r\n`, copied with `write_all` (not checked: see
/// the section's comment; an empty value is written `name: \r\n`, where httpwire writes
/// `name:\r\n`). Returns the bytes written, or 0 when `buf` is too short.
#[inline(always)]
pub fn write_fmt_encode(buf: &mut [u8], input: &EncodeInput) -> usize {
    use std::io::Write;
    let total = buf.len();
    let mut out = buf;
    for data in input.chunks {
        if data.is_empty() {
            continue;
        }
        let framed = out
            .write_fmt(format_args!("{:x}\r\n", data.len()))
            .and_then(|()| out.write_all(data))
            .and_then(|()| out.write_all(b"\r\n"));
        if framed.is_err() {
            return 0;
        }
    }
    let mut end = out.write_all(b"0\r\n");
    for f in input.trailers {
        end = end
            .and_then(|()| out.write_all(f.name))
            .and_then(|()| out.write_all(b": "))
            .and_then(|()| out.write_all(f.value))
            .and_then(|()| out.write_all(b"\r\n"));
    }
    match end.and_then(|()| out.write_all(b"\r\n")) {
        Ok(()) => total - out.len(),
        Err(_) => 0,
    }
}

/// chunked_transfer 1.x: `out` cleared, then `chunked_transfer::Encoder::with_flush_after_write`
/// over it, `write_all` of every chunk's data, and the encoder dropped (its `Drop` writes
/// `0\r\n\r\n`). Returns the bytes in `out`, or 0 when the input has trailers, which it cannot
/// write (it writes nothing then).
///
/// `with_flush_after_write` frames each write as one chunk (up to 8 KiB; a longer write is
/// split into 8 KiB chunks; `Encoder::new` would gather writes into 8 KiB chunks instead),
/// with the size in lowercase hex: the bytes of the other copying functions for these inputs.
/// Its API makes it allocate and copy on every call, whatever the caller reserved: the
/// encoder's staging `Vec` when it is built (6 bytes, regrown on the first chunk to hold a
/// chunk), a `String` per chunk for the size line (`format!`), and every chunk's data is
/// copied twice (into the staging buffer, then into `out`).
#[inline(always)]
pub fn chunked_transfer_encode(out: &mut Vec<u8>, input: &EncodeInput) -> usize {
    use std::io::Write;
    if !input.trailers.is_empty() {
        return 0;
    }
    out.clear();
    {
        let mut enc = chunked_transfer::Encoder::with_flush_after_write(&mut *out);
        for data in input.chunks {
            if enc.write_all(data).is_err() {
                return 0;
            }
        }
    }
    out.len()
}

// ---- Response heads -----------------------------------------------------------------
//
// A typical response head written into a buffer the server reuses for every response:
// `HTTP/1.1 200 OK`, `Content-Type: text/html; charset=utf-8`, `Content-Length: N`,
// `Connection: keep-alive`, the empty line; for the `N` of `CONTENT_LENGTHS`. httpwire's way
// copies pre-built lines (`status_lines::status_line`, `http1::lines`) and the one line it
// makes, `ContentLength::new(N)`; hyper's way copies each field's name, `": "`, value and CRLF
// and formats `N` with `itoa`. All of them write the same bytes
// (benches/tests/response_head_peers.rs).

/// The `Content-Length` values of the response head benches, by bench id: an empty body, the
/// `RESP` head's 1256, nine digits, and the longest (20 digits).
pub const CONTENT_LENGTHS: [(&str, u64); 4] = [
    ("n0", 0),
    ("n1256", 1256),
    ("n123456789", 123_456_789),
    ("max", u64::MAX),
];

/// The status code of the response head benches (each function gets it through `black_box`).
pub const HEAD_STATUS: u16 = 200;

/// How many heads each response head bench writes, one after the other into the same buffer:
/// enough that the gate's 2% exceeds its 10 Ir floor.
pub const HEADS: usize = 8;

/// The capacity of the reused buffer (`Vec`, or a slice of this length): a head is at most
/// 17 + 40 + 38 + 24 + 2 = 121 bytes.
pub const HEAD_BUF: usize = 128;

/// The head that the response head functions write for `n`, made with `format!`.
pub fn expected_response_head(n: u64) -> Vec<u8> {
    format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {n}\r\n\
         Connection: keep-alive\r\n\r\n"
    )
    .into_bytes()
}

/// Writes [`HEADS`] heads with `Content-Length: n` into `buf` with `write`, the status code and
/// `n` through `black_box` each time (nothing folded at compile time); returns the total length
/// written.
#[inline(always)]
pub fn write_heads<B: ?Sized>(
    buf: &mut B,
    n: u64,
    mut write: impl FnMut(&mut B, u16, u64) -> usize,
) -> usize {
    let mut total = 0;
    for _ in 0..HEADS {
        total += write(
            std::hint::black_box(&mut *buf),
            std::hint::black_box(HEAD_STATUS),
            std::hint::black_box(n),
        );
        std::hint::black_box(&*buf);
    }
    total
}

/// httpwire's way into a reused `Vec`: cleared, then the status line of `status_line`, the
/// pre-built `Content-Type` and `Connection` lines and `ContentLength::new(n)`, each one
/// `extend_from_slice`, then CRLF. Returns the head's length (0 for a code without a
/// pre-built line, which the benches do not use).
#[inline(always)]
pub fn httpwire_response_head(out: &mut Vec<u8>, code: u16, n: u64) -> usize {
    use http1::lines::{CONNECTION_KEEP_ALIVE, ContentLength, MediaType};
    out.clear();
    let Some(status) = status_lines::status_line(status_lines::Version::HTTP_11, code) else {
        return 0;
    };
    out.extend_from_slice(status);
    out.extend_from_slice(MediaType::TextHtml.content_type_line());
    out.extend_from_slice(ContentLength::new(n).as_bytes());
    out.extend_from_slice(CONNECTION_KEEP_ALIVE);
    out.extend_from_slice(b"\r\n");
    out.len()
}

/// httpwire's way into a caller's `&mut [u8]` through the writers' sink (`HeadSink` for
/// slices: each `put` checks the room left, and a refused one writes nothing): the same lines,
/// the `Content-Length` line by `write_content_length`. Returns the head's length, 0 when the
/// code has no pre-built line or the buffer is too short.
#[inline(always)]
pub fn httpwire_response_head_slice(buf: &mut [u8], code: u16, n: u64) -> usize {
    use http1::lines::{CONNECTION_KEEP_ALIVE, MediaType, write_content_length};
    use http1::write::HeadSink;
    let room = buf.len();
    let mut out = buf;
    let Some(status) = status_lines::status_line(status_lines::Version::HTTP_11, code) else {
        return 0;
    };
    let written = out
        .put(status)
        .and_then(|()| out.put(MediaType::TextHtml.content_type_line()))
        .and_then(|()| write_content_length(&mut out, n))
        .and_then(|_| out.put(CONNECTION_KEEP_ALIVE))
        .and_then(|()| out.put(b"\r\n"));
    match written {
        Ok(()) => room - out.len(),
        Err(_) => 0,
    }
}

/// The peer, hyper's way of writing a response head into its reused `Vec` (written here from
/// its description, not copied): the status line as one constant copy for `200` on HTTP/1.1
/// (hyper's fast path; other codes go through the `http` crate's `as_str()` and
/// `canonical_reason()`), then each field as four `extend_from_slice` copies, name, `": "`,
/// value and CRLF, with the `Content-Length` value formatted by `itoa::Buffer::new().format(n)`
/// on the stack; then CRLF. Hyper walks a `HeaderMap` for the names and values; here they are
/// constants, which only helps the peer. Returns the head's length (0 for a code out of
/// 100..=999).
#[inline(always)]
pub fn itoa_response_head(out: &mut Vec<u8>, code: u16, n: u64) -> usize {
    out.clear();
    if code == 200 {
        out.extend_from_slice(b"HTTP/1.1 200 OK\r\n");
    } else {
        let Ok(status) = http::StatusCode::from_u16(code) else {
            return 0;
        };
        out.extend_from_slice(b"HTTP/1.1 ");
        out.extend_from_slice(status.as_str().as_bytes());
        out.extend_from_slice(b" ");
        out.extend_from_slice(status.canonical_reason().unwrap_or("").as_bytes());
        out.extend_from_slice(b"\r\n");
    }
    let mut digits = itoa::Buffer::new();
    let fields: [(&[u8], &[u8]); 3] = [
        (b"Content-Type", b"text/html; charset=utf-8"),
        (b"Content-Length", digits.format(n).as_bytes()),
        (b"Connection", b"keep-alive"),
    ];
    for (name, value) in fields {
        out.extend_from_slice(name);
        out.extend_from_slice(b": ");
        out.extend_from_slice(value);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"\r\n");
    out.len()
}

// ---- Huffman (HPACK) -------------------------------------------------------------------
//
// The standard input (BENCHMARKS.md, "Huffman"): eight typical HTTP/2 values, each encoded
// with RFC 7541's Huffman code (padded with ones); 448 bytes decoded. Each decoder's function
// decodes all eight and returns `fold_data` of every decoded value (0 if one failed).

/// The eight values of BENCHMARKS.md, decoded (448 bytes in all).
pub const HUFFMAN_VALUES: &[&[u8]] = &[
    b"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
    b"text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8",
    b"gzip, deflate, br",
    b"en-US,en;q=0.9",
    b"/wp-content/uploads/2010/03/hello-kitty-darth-vader-pink.jpg",
    b"_ga=GA1.2.1234567890.1234567890; _gid=GA1.2.987654321.1234567890; session=eyJhbGciOiJIUzI1NiJ9.abcdefghijklmnop",
    b"www.example.com",
    b"Wed, 21 Oct 2015 07:28:00 GMT",
];

/// [`HUFFMAN_VALUES`] Huffman-encoded (by httpwire's encoder, checked against RFC 7541's
/// examples in hpack's tests; the peers decode them to the same bytes, see
/// `tests/huffman_peers.rs`), built once per process.
pub fn huffman_encoded() -> &'static [Vec<u8>] {
    static ENCODED: std::sync::OnceLock<Vec<Vec<u8>>> = std::sync::OnceLock::new();
    ENCODED.get_or_init(|| {
        HUFFMAN_VALUES
            .iter()
            .map(|v| {
                let mut out = vec![0; hpack::huffman::encoded_len(v)];
                hpack::huffman::encode(v, &mut out).expect("room");
                out
            })
            .collect()
    })
}

/// The longest decoded value of the inputs fits in this many bytes (with the fast path's
/// slack), on the stack.
pub const HUFFMAN_OUT: usize = 256;

/// httpwire: `hpack::huffman::decode` of each value into a stack buffer.
#[inline(always)]
pub fn httpwire_huffman(inputs: &[Vec<u8>]) -> usize {
    let mut out = [0u8; HUFFMAN_OUT];
    let mut acc = 0;
    for src in inputs {
        match hpack::huffman::decode(src, &mut out) {
            Ok(n) => acc = fold_data(acc, &out[..n]),
            Err(_) => return 0,
        }
    }
    acc
}

/// httlib-huffman 0.3, its fastest decoder (`FiveBits`: a table read five bits at a time),
/// into one `Vec` reused across the values (cleared, its capacity kept).
#[inline(always)]
pub fn httlib_huffman(inputs: &[Vec<u8>]) -> usize {
    let mut out = Vec::with_capacity(HUFFMAN_OUT);
    let mut acc = 0;
    for src in inputs {
        out.clear();
        if httlib_huffman::decode(src, &mut out, httlib_huffman::DecoderSpeed::FiveBits).is_err() {
            return 0;
        }
        acc = fold_data(acc, &out);
    }
    acc
}

/// The crates.io `hpack` 0.3: its `HuffmanDecoder` (hash maps of codes, one bit at a time;
/// built once per process, outside the measurement), a new `Vec` per value.
#[inline(always)]
pub fn hpack03_huffman(inputs: &[Vec<u8>]) -> usize {
    static DECODER: std::sync::OnceLock<std::sync::Mutex<hpack_peer::huffman::HuffmanDecoder>> =
        std::sync::OnceLock::new();
    let mut dec = DECODER
        .get_or_init(|| std::sync::Mutex::new(hpack_peer::huffman::HuffmanDecoder::new()))
        .lock()
        .expect("not poisoned");
    let mut acc = 0;
    for src in inputs {
        match dec.decode(src) {
            Ok(out) => acc = fold_data(acc, &out),
            Err(_) => return 0,
        }
    }
    acc
}

// ---- HPACK header blocks ---------------------------------------------------------------
//
// The standard input (BENCHMARKS.md, "HPACK blocks"): every story of hpack-test-case's
// nghttp2/ directory, decoded in order, one decoder context per story (3,384 blocks, 39,359
// fields). The stories are read once per process by hpack's own loader (`stories`, the very
// file hpack's conformance tests use), before anything is measured.
//
// Each decoder's function decodes every block of every story with a new decoder per story
// (made inside the measurement: every peer pays for its context alike), tells it the
// SETTINGS_HEADER_TABLE_SIZE when a case gives one (none in nghttp2/; the other directories
// do), and folds every field's name and value with `fold_field` as the decoder hands it over.
// It returns the fold, or 0 when a block was refused. `tests/hpack_peers.rs` checks that every
// one decodes every story to exactly its listed headers and that the folds agree.

/// hpack-test-case's story loader, shared with hpack's tests (not copied: the same file).
#[allow(missing_docs)]
#[path = "../../hpack/tests/common/stories.rs"]
pub mod stories;

use stories::Story;

pub mod nghttp2;
pub use nghttp2::{Nghttp2Deflater, Nghttp2Error, Nghttp2Inflater};

/// The directory of hpack-test-case that the HPACK block benches decode.
pub const HPACK_BLOCKS_DIR: &str = "nghttp2";

/// Every story of [`HPACK_BLOCKS_DIR`], in name order, loaded once per process (the corpus is
/// found as `stories::corpus` says: `../shared/hpack-test-case`, or `HPACK_TEST_CASE`).
pub fn hpack_blocks_input() -> &'static [Story] {
    static STORIES: std::sync::OnceLock<Vec<Story>> = std::sync::OnceLock::new();
    STORIES.get_or_init(|| stories::stories(HPACK_BLOCKS_DIR))
}

/// httpwire: `hpack::Decoder::new()` per story, `set_table_size` when a case gives one, then
/// `decode_block` of each block, every field folded in by the closure it calls.
#[inline(always)]
pub fn httpwire_hpack_blocks(stories: &[Story]) -> usize {
    let mut acc = 0;
    for story in stories {
        let mut dec = hpack::Decoder::new();
        for case in &story.cases {
            if let Some(size) = case.table_size
                && dec.set_table_size(size).is_err()
            {
                return 0;
            }
            let decoded = dec.decode_block(&case.wire, |f| acc = fold_field(acc, f.name, f.value));
            if decoded.is_err() {
                return 0;
            }
        }
    }
    acc
}

/// nghttp2 1.68 (C, through `libnghttp2-sys`): an [`Nghttp2Inflater`] per story
/// (`nghttp2_hd_inflate_new`), `nghttp2_hd_inflate_change_table_size` when a case gives a
/// size, and each block through `nghttp2_hd_inflate_hd3` with `in_final` set, one field per
/// call, then `nghttp2_hd_inflate_end_headers`; each emitted field folded in.
#[inline(always)]
pub fn nghttp2_hpack_blocks(stories: &[Story]) -> usize {
    let mut acc = 0;
    for story in stories {
        let mut inflater = Nghttp2Inflater::new();
        for case in &story.cases {
            if let Some(size) = case.table_size
                && inflater.change_table_size(size).is_err()
            {
                return 0;
            }
            let decoded = inflater.decode_block(&case.wire, |name, value, _| {
                acc = fold_field(acc, name, value);
            });
            if decoded.is_err() {
                return 0;
            }
        }
    }
    acc
}

/// The most fields httlib-hpack's `decode_exact` returns per call ([`httlib_hpack_blocks`]):
/// more than any block of the corpus carries, so that each block takes one call.
pub const HTTLIB_FIELDS: usize = 512;

/// httlib-hpack 0.1: `Decoder::default()` (a 4,096-byte table, its fastest Huffman table)
/// per story, `set_max_dynamic_size` when a case gives a size. Its API takes the block as a
/// `&mut Vec<u8>`, which it drains as it decodes, and hands over each field as owned `Vec`s
/// in a `Vec` of the caller's: each block is copied into one `Vec` reused across blocks, and
/// decoded with `decode_exact` into one output `Vec` reused across blocks ([`HTTLIB_FIELDS`]
/// of capacity; `decode` would allocate a new `Vec` per field on top), whose fields are then
/// folded in and dropped.
#[inline(always)]
pub fn httlib_hpack_blocks(stories: &[Story]) -> usize {
    let mut acc = 0;
    let mut buf: Vec<u8> = Vec::new();
    let mut fields: Vec<(Vec<u8>, Vec<u8>, u8)> = Vec::with_capacity(HTTLIB_FIELDS);
    for story in stories {
        let mut dec = httlib_hpack::Decoder::default();
        for case in &story.cases {
            if let Some(size) = case.table_size {
                dec.set_max_dynamic_size(size);
            }
            buf.clear();
            buf.extend_from_slice(&case.wire);
            while !buf.is_empty() {
                if dec.decode_exact(&mut buf, &mut fields).is_err() {
                    return 0;
                }
                for (name, value, _flags) in fields.drain(..) {
                    acc = fold_field(acc, &name, &value);
                }
            }
        }
    }
    acc
}

/// fluke-hpack 0.3: `Decoder::new()` per story, `set_max_allowed_table_size` when a case
/// gives a size (the SETTINGS limit for the encoder's size updates), and each block through
/// `decode_with_cb`, which hands each field over as two `Cow`s (borrowed from the block or
/// its table, owned when Huffman-coded); each folded in. (It builds a Huffman decoder, hash
/// maps of the code, for every Huffman-coded string.)
#[inline(always)]
pub fn fluke_hpack_blocks(stories: &[Story]) -> usize {
    let mut acc = 0;
    for story in stories {
        let mut dec = fluke_hpack::Decoder::new();
        for case in &story.cases {
            if let Some(size) = case.table_size {
                dec.set_max_allowed_table_size(size as usize);
            }
            let decoded = dec.decode_with_cb(&case.wire, |name, value| {
                acc = fold_field(acc, &name, &value);
            });
            if decoded.is_err() {
                return 0;
            }
        }
    }
    acc
}

// ---- HPACK encoding ----------------------------------------------------------------------
//
// The standard input: every story of hpack-test-case's raw-data/ (header lists without wire
// bytes), encoded in order with one encoder context per story (made inside the measurement),
// each block appended to one output buffer cleared per block. Each function returns the total
// of the blocks' lengths (the compression figure: smaller is better), or 0 when the encoder
// refused. `tests/hpack_peers.rs` decodes what each produces with both decoders.

/// The directory of hpack-test-case that the HPACK encoding benches encode.
pub const HPACK_ENCODE_DIR: &str = "raw-data";

/// Every story of [`HPACK_ENCODE_DIR`], in name order, loaded once per process.
pub fn hpack_encode_input() -> &'static [Story] {
    static STORIES: std::sync::OnceLock<Vec<Story>> = std::sync::OnceLock::new();
    STORIES.get_or_init(|| stories::stories(HPACK_ENCODE_DIR))
}

/// httpwire: `hpack::Encoder::new()` per story (the default policy, a 4,096-byte table,
/// Huffman when strictly shorter), `encode` of each case's header list; `on_block` sees each
/// block with the index of its story.
#[inline(always)]
pub fn httpwire_hpack_encode_each(
    stories: &[Story],
    mut on_block: impl FnMut(usize, &[u8]),
) -> usize {
    let mut out = Vec::with_capacity(1 << 16);
    let mut total = 0;
    for (i, story) in stories.iter().enumerate() {
        let mut enc = hpack::Encoder::new();
        for case in &story.cases {
            out.clear();
            let fields = case.headers.iter().map(|(name, value)| hpack::Field {
                name,
                value,
                never_indexed: false,
            });
            enc.encode(fields, &mut out);
            total += out.len();
            on_block(i, &out);
        }
    }
    total
}

/// [`httpwire_hpack_encode_each`] with nothing done per block: the bench function.
#[inline(always)]
pub fn httpwire_hpack_encode(stories: &[Story]) -> usize {
    httpwire_hpack_encode_each(stories, |_, _| {})
}

/// nghttp2 1.68: an [`Nghttp2Deflater`] per story (`nghttp2_hd_deflate_new` with a 4,096-byte
/// table, its default rules for indexing and Huffman coding), each case's header list through
/// `nghttp2_hd_deflate_bound` and `nghttp2_hd_deflate_hd2`; `on_block` sees each block with
/// the index of its story.
#[inline(always)]
pub fn nghttp2_hpack_encode_each(
    stories: &[Story],
    mut on_block: impl FnMut(usize, &[u8]),
) -> usize {
    let mut out = Vec::with_capacity(1 << 16);
    let mut nvs = Vec::with_capacity(256);
    let mut total = 0;
    for (i, story) in stories.iter().enumerate() {
        let mut deflater = Nghttp2Deflater::new(4096);
        for case in &story.cases {
            out.clear();
            if deflater.encode(&case.headers, &mut nvs, &mut out).is_err() {
                return 0;
            }
            total += out.len();
            on_block(i, &out);
        }
    }
    total
}

/// [`nghttp2_hpack_encode_each`] with nothing done per block: the bench function.
#[inline(always)]
pub fn nghttp2_hpack_encode(stories: &[Story]) -> usize {
    nghttp2_hpack_encode_each(stories, |_, _| {})
}

#[cfg(test)]
mod tests {
    use super::*;
    use status_lines::{Outcome, parse_status_line};

    fn line(write: fn(&mut [u8], u16) -> Option<usize>, code: u16) -> Vec<u8> {
        let mut buf = [0u8; BUF_LEN];
        let n = write(&mut buf, code).unwrap();
        buf[..n].to_vec()
    }

    #[test]
    fn peer_writes_the_expected_lines() {
        assert_eq!(
            line(http_crate_write_status_line, 404),
            b"HTTP/1.1 404 Not Found\r\n"
        );
        assert_eq!(
            line(http_crate_write_status_line, 599),
            b"HTTP/1.1 599 \r\n"
        );
    }

    #[test]
    fn ours_and_peer_write_the_same_bytes_for_the_bench_inputs() {
        for code in CODES_REGISTERED.iter().chain(&CODES_UNREGISTERED) {
            let ours = line(httpwire_write_status_line, *code);
            assert_eq!(
                ours,
                line(http_crate_write_status_line, *code),
                "code {code}"
            );
            let registered = CODES_REGISTERED.contains(code);
            assert_eq!(ours.len() > 15, registered, "code {code}");
        }
        let mut buf = [0u8; BUF_LEN];
        let a = write_each(&mut buf, &CODES_REGISTERED, httpwire_write_status_line);
        let b = write_each(&mut buf, &CODES_REGISTERED, http_crate_write_status_line);
        assert_eq!(a, b);
    }

    #[test]
    fn peer_refuses_bad_codes_and_short_buffers_without_writing() {
        let mut buf = [0u8; BUF_LEN];
        assert_eq!(http_crate_write_status_line(&mut buf, 99), None);
        assert_eq!(http_crate_write_status_line(&mut buf, 1000), None);
        let mut short = [0u8; 10];
        assert_eq!(http_crate_write_status_line(&mut short, 404), None);
        assert_eq!(short, [0u8; 10]);
    }

    #[test]
    fn framing_of_the_bench_inputs() {
        // REQ: GET without a body, keep-alive; RESP: Content-Length 1256, keep-alive.
        assert_eq!(httpwire_request_framing(&parsed_request(REQ)), 1);
        assert_eq!(
            httpwire_response_framing(&parsed_response(RESP)),
            1256 * 2 + 1
        );
    }

    #[test]
    fn the_parse_inputs_are_complete_lines() {
        for input in STATUS_LINES {
            let Outcome::Complete(line) = parse_status_line(input).unwrap() else {
                panic!("incomplete");
            };
            assert_eq!(line.len, input.len());
        }
    }
}
