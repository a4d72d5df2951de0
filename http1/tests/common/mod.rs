//! Helpers shared by the http1 integration tests.
#![allow(dead_code, unreachable_pub)]

use http1::{Config, Error, ErrorKind, FieldStorage, Outcome, parse_request, parse_response};

/// An owned copy of a parsed request, to compare results across calls.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnedRequest {
    pub method: Vec<u8>,
    pub target: Vec<u8>,
    pub form: http1::TargetForm,
    pub version: (u8, u8),
    pub fields: Vec<(Vec<u8>, Vec<u8>)>,
    pub head_len: usize,
}

/// An owned copy of a parsed response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnedResponse {
    pub version: (u8, u8),
    pub status: u16,
    pub reason: Vec<u8>,
    pub fields: Vec<(Vec<u8>, Vec<u8>)>,
    pub head_len: usize,
}

pub fn own_request(r: &http1::Request<'_, '_>) -> OwnedRequest {
    OwnedRequest {
        method: r.method.to_vec(),
        target: r.target.to_vec(),
        form: r.target_form,
        version: (r.version.major(), r.version.minor()),
        fields: r
            .fields
            .iter()
            .map(|f| (f.name.to_vec(), f.value.to_vec()))
            .collect(),
        head_len: r.head_len,
    }
}

pub fn own_response(r: &http1::Response<'_, '_>) -> OwnedResponse {
    OwnedResponse {
        version: (r.version.major(), r.version.minor()),
        status: r.status.as_u16(),
        reason: r.reason.to_vec(),
        fields: r
            .fields
            .iter()
            .map(|f| (f.name.to_vec(), f.value.to_vec()))
            .collect(),
        head_len: r.head_len,
    }
}

/// One-shot request parse, owned.
pub fn req_with(buf: &[u8], cfg: &Config) -> Result<Option<OwnedRequest>, Error> {
    let mut storage = FieldStorage::<256>::new();
    Ok(match parse_request(buf, &mut storage, cfg)? {
        Outcome::Complete(r) => Some(own_request(&r)),
        Outcome::Incomplete => None,
    })
}

/// One-shot response parse, owned.
pub fn resp_with(buf: &[u8], cfg: &Config) -> Result<Option<OwnedResponse>, Error> {
    let mut storage = FieldStorage::<256>::new();
    Ok(match parse_response(buf, &mut storage, cfg)? {
        Outcome::Complete(r) => Some(own_response(&r)),
        Outcome::Incomplete => None,
    })
}

/// A complete strict request, or a panic that shows the input.
pub fn req(buf: &[u8]) -> OwnedRequest {
    match req_with(buf, &Config::new()) {
        Ok(Some(r)) => r,
        other => panic!("{:?}: {other:?}", String::from_utf8_lossy(buf)),
    }
}

/// A complete strict response.
pub fn resp(buf: &[u8]) -> OwnedResponse {
    match resp_with(buf, &Config::new()) {
        Ok(Some(r)) => r,
        other => panic!("{:?}: {other:?}", String::from_utf8_lossy(buf)),
    }
}

/// Asserts a strict request parse fails with `kind` at `offset`.
pub fn req_refused(buf: &[u8], kind: ErrorKind, offset: usize) {
    assert_eq!(
        req_with(buf, &Config::new()),
        Err(Error { kind, offset }),
        "{:?}",
        String::from_utf8_lossy(buf)
    );
}

/// Asserts a strict response parse fails with `kind` at `offset`.
pub fn resp_refused(buf: &[u8], kind: ErrorKind, offset: usize) {
    assert_eq!(
        resp_with(buf, &Config::new()),
        Err(Error { kind, offset }),
        "{:?}",
        String::from_utf8_lossy(buf)
    );
}

/// A strict config with the named leniencies on.
pub fn lenient(names: &[&str]) -> Config {
    let mut l = http1::Leniency::default();
    for n in names {
        assert!(l.enable(n), "{n}");
    }
    Config::new().lenient(l)
}

/// Proptest settings: few cases under miri.
pub fn proptest_config() -> proptest::test_runner::Config {
    if cfg!(miri) {
        miri_proptest_config(4)
    } else {
        proptest::test_runner::Config::default()
    }
}

/// Proptest settings under miri: `cases` cases, no failure files (miri has no file system),
/// and the XorShift RNG instead of the default ChaCha. Proptest derives a fresh RNG for every
/// arm of a `prop_oneof!` not taken, for every generated element: with ChaCha that costs
/// about 0.1 s per arm and element under miri (a 40-byte vector of an 8-arm union took 28 s a
/// case); with XorShift a tenth of that. The inputs only come from a cheaper generator: the
/// case counts and sizes stay what they were.
pub fn miri_proptest_config(cases: u32) -> proptest::test_runner::Config {
    proptest::test_runner::Config {
        cases,
        failure_persistence: None,
        rng_algorithm: proptest::test_runner::RngAlgorithm::XorShift,
        ..Default::default()
    }
}

/// The points of `0..=len` a sweep over split points visits: every one natively; under miri
/// every `miri_step`-th and the last three (a cut inside the final CRLF, and the whole
/// message). Miri is thousands of times slower and is there for UB in the scalar code; the
/// full sweep runs natively and under qemu.
pub fn sweep(len: usize, miri_step: usize) -> impl Iterator<Item = usize> {
    let step = if cfg!(miri) { miri_step.max(1) } else { 1 };
    (0..=len).filter(move |&i| i % step == 0 || i + 2 >= len)
}

/// The standard inputs of BENCHMARKS.md and more: valid messages the split-point, SIMD and
/// allocation tests run over.
pub const REQ: &[u8] = include_bytes!("../../../testdata/requests/bench-req.http");
pub const REQ_SHORT: &[u8] = include_bytes!("../../../testdata/requests/bench-req-short.http");
pub const RESP: &[u8] = include_bytes!("../../../testdata/responses/bench-resp.http");
pub const FORTY: &[u8] = include_bytes!("../../../testdata/requests/bench-forty-fields.http");

pub const REQUESTS: &[&[u8]] = &[
    REQ,
    REQ_SHORT,
    FORTY,
    b"GET / HTTP/1.1\r\n\r\n",
    b"POST /submit?x=1&y=%20 HTTP/1.1\r\nHost: a.example\r\nContent-Length: 5\r\n\r\nhello",
    b"OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n",
    b"CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n",
    b"GET http://example.com/x HTTP/1.1\r\nHost: example.com\r\n\r\n",
    b"PUT /a HTTP/1.1\r\nX-Empty:\r\nX-Tabs:\t a\tb \t\r\nX-Obs: caf\xc3\xa9 \xff\r\n\r\n",
    b"DELETE /r/1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer abc.def\r\nContent-Length: 0\r\n\r\n",
    // An empty line before the request line, as old clients send after a POST body.
    b"\r\nPOST /again HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n",
    b"\r\n\r\nGET /two-empty-lines-and-a-target-that-runs-past-one-block HTTP/1.1\r\nHost: a\r\n\r\n",
];

pub const RESPONSES: &[&[u8]] = &[
    RESP,
    b"HTTP/1.1 204 No Content\r\n\r\n",
    b"HTTP/1.0 599 \r\nX: y\r\n\r\n",
    b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n",
    b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
];
