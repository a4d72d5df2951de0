//! The example's routes: small, for tests against curl, wrk and the client.
//!
//! | route | methods | answer |
//! | --- | --- | --- |
//! | `/` | GET, HEAD | `hello\n`, `text/plain`, `Content-Length` |
//! | `/files/<name>` | GET, HEAD | the file `<name>` under the root directory, `Content-Type` from its extension; 404 when missing or when there is no root; 400 for an empty, absolute or `..` name |
//! | `/echo` | POST, PUT | 200 with the request body as the body (`Content-Length`); `X-Trailer-Count: N` when the request body had N > 0 trailer fields |
//! | `/chunked?size=N&chunk=M` | GET, HEAD | N [pattern](crate::pattern) bytes in chunks of M (default 1024, at most 1 MiB), trailers `X-Body-Length: N` and `X-Checksum: <FNV-1a 64, hex>` |
//! | `/bytes?n=N` | GET, HEAD | the same N bytes with `Content-Length` |
//!
//! Any other path is 404; a method the route does not take is 405 with `Allow`. Query values
//! are decimal; a missing or bad one is 400 (the connection stays open).

use std::fs::File;
use std::io::{self, Read};
use std::path::PathBuf;

use super::{Body, ChunkSource, Handler, Request, Response};
use crate::pattern::{self, Fnv1a};
use http1::lines::MediaType;

/// The largest `chunk` of `/chunked`.
const MAX_CHUNK: usize = 1024 * 1024;

/// A route's answer.
type Route = fn(&Routes, &Request<'_>) -> Response;

/// The routes of the example server (`src/server/routes.rs` describes them).
#[derive(Debug, Clone, Default)]
pub struct Routes {
    root: Option<PathBuf>,
}

impl Routes {
    /// The routes, serving `/files/` from `root` (none: `/files/` is always 404).
    pub fn new(root: Option<PathBuf>) -> Routes {
        Routes { root }
    }
}

impl Handler for Routes {
    fn handle(&self, req: &Request<'_>) -> Response {
        const GET: &[&str] = &["GET", "HEAD"];
        const POST: &[&str] = &["POST", "PUT"];
        let (allowed, route): (&[&str], Route) = match req.path {
            b"/" => (GET, |_, _| Response::text(200, "hello\n")),
            b"/echo" => (POST, |_, req| echo(req)),
            b"/chunked" => (GET, |_, req| chunked(req)),
            b"/bytes" => (GET, |_, req| bytes(req)),
            p if p.starts_with(b"/files/") => (GET, |routes, req| routes.file(req)),
            _ => return Response::text(404, "not found\n"),
        };
        if !allowed.contains(&req.method) {
            return Response::text(405, "method not allowed\n").field("Allow", allowed.join(", "));
        }
        route(self, req)
    }
}

fn echo(req: &Request<'_>) -> Response {
    let mut r = Response::new(200)
        .content_type(MediaType::ApplicationOctetStream)
        .body(Body::Bytes(req.body.to_vec()));
    if req.trailer_count() > 0 {
        r = r.field("X-Trailer-Count", req.trailer_count().to_string());
    }
    r
}

/// A decimal query parameter.
fn number(req: &Request<'_>, name: &str) -> Result<Option<u64>, Response> {
    let Some(raw) = req.query_param(name) else {
        return Ok(None);
    };
    std::str::from_utf8(raw)
        .ok()
        .filter(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|s| s.parse().ok())
        .map(Some)
        .ok_or_else(|| Response::text(400, format!("{name} must be a decimal number\n")))
}

fn chunked(req: &Request<'_>) -> Response {
    let (size, chunk) = match (number(req, "size"), number(req, "chunk")) {
        (Ok(Some(size)), Ok(chunk)) => (size, chunk.unwrap_or(1024)),
        (Ok(None), _) => return Response::text(400, "size is missing\n"),
        (Err(r), _) | (_, Err(r)) => return r,
    };
    let chunk = match usize::try_from(chunk) {
        Ok(c @ 1..=MAX_CHUNK) => c,
        _ => return Response::text(400, format!("chunk must be 1 to {MAX_CHUNK}\n")),
    };
    Response::new(200)
        .content_type(MediaType::ApplicationOctetStream)
        .body(Body::Chunked(Box::new(PatternChunks {
            at: 0,
            len: size,
            buf: vec![0; chunk.min(usize::try_from(size).unwrap_or(usize::MAX))],
            hash: Fnv1a::new(),
        })))
}

fn bytes(req: &Request<'_>) -> Response {
    let n = match number(req, "n") {
        Ok(Some(n)) => n,
        Ok(None) => return Response::text(400, "n is missing\n"),
        Err(r) => return r,
    };
    Response::new(200)
        .content_type(MediaType::ApplicationOctetStream)
        .body(Body::Reader {
            len: n,
            reader: Box::new(PatternReader { at: 0, len: n }),
        })
}

impl Routes {
    fn file(&self, req: &Request<'_>) -> Response {
        let name = req.path.strip_prefix(b"/files/").unwrap_or_default();
        let Ok(name) = std::str::from_utf8(name) else {
            return Response::text(400, "the file name is not UTF-8\n");
        };
        if name.is_empty()
            || name.contains(['\\', '\0'])
            || name
                .split('/')
                .any(|seg| seg.is_empty() || seg == "." || seg == "..")
        {
            return Response::text(400, "the file name must be relative, without . or ..\n");
        }
        let Some(root) = &self.root else {
            return Response::text(404, "not found\n");
        };
        let path = root.join(name);
        let file = match File::open(&path) {
            Ok(f) => f,
            Err(_) => return Response::text(404, "not found\n"),
        };
        let len = match file.metadata() {
            Ok(m) if m.is_file() => m.len(),
            _ => return Response::text(404, "not found\n"),
        };
        let media = path
            .extension()
            .and_then(|e| e.to_str())
            .and_then(MediaType::from_extension)
            .unwrap_or(MediaType::ApplicationOctetStream);
        Response::new(200).content_type(media).body(Body::Reader {
            len,
            reader: Box::new(file),
        })
    }
}

/// The pattern bytes `at..len`, as a reader.
struct PatternReader {
    at: u64,
    len: u64,
}

impl Read for PatternReader {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let n = usize::try_from(self.len - self.at).map_or(out.len(), |left| left.min(out.len()));
        pattern::fill(self.at, &mut out[..n]);
        self.at += n as u64;
        Ok(n)
    }
}

/// The pattern bytes in chunks, hashed on the way for the trailers.
struct PatternChunks {
    at: u64,
    len: u64,
    buf: Vec<u8>,
    hash: Fnv1a,
}

impl ChunkSource for PatternChunks {
    fn next_chunk(&mut self) -> io::Result<Option<&[u8]>> {
        let left = self.len - self.at;
        if left == 0 {
            return Ok(None);
        }
        let n = usize::try_from(left).map_or(self.buf.len(), |left| left.min(self.buf.len()));
        let data = &mut self.buf[..n];
        pattern::fill(self.at, data);
        self.hash.update(data);
        self.at += n as u64;
        Ok(Some(data))
    }

    fn trailers(&mut self) -> Vec<(String, String)> {
        vec![
            ("X-Body-Length".into(), self.len.to_string()),
            ("X-Checksum".into(), self.hash.hex()),
        ]
    }
}
