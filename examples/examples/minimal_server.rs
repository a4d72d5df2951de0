//! The smallest useful server on httpwire's codecs: one connection at a time, keep-alive and
//! pipelining, request bodies with Content-Length or chunked, an echo of the body with a
//! pre-built status line and pre-built field lines. The README's "Use it in your server"
//! shows its core; `httpwire-server` (src/server/) is the full one.
//!
//! ```sh
//! cargo run -p httpwire-examples --example minimal_server -- 127.0.0.1:8080
//! curl -d hello http://127.0.0.1:8080/
//! ```

use std::io::{self, Read, Write};
use std::net::{TcpListener, TcpStream};

use chunked::{BodyDecoder, Event};
use http1::lines::{CONNECTION_CLOSE, ContentLength, MediaType};
use http1::{BodyFraming, FieldStorage, Outcome, RequestParser, Version, request_framing};
use status_lines::status_line;

/// The largest request body taken (the head's size is bounded by http1's default limits).
const MAX_BODY: usize = 1 << 20;

fn main() -> io::Result<()> {
    let addr = std::env::args().nth(1);
    let listener = TcpListener::bind(addr.as_deref().unwrap_or("127.0.0.1:8080"))?;
    for stream in listener.incoming() {
        // A connection's failure (the peer left, a bad request) ends that connection only.
        let _ = serve(&mut stream?);
    }
    Ok(())
}

/// Requests on one connection until it closes: `Ok(())`, or the I/O error that ended it.
fn serve(stream: &mut TcpStream) -> io::Result<()> {
    let mut buf = Vec::new(); // bytes read and not yet used, from a request's first byte on
    let mut fields = FieldStorage::<64>::new();
    let mut parser = RequestParser::new(&mut fields, http1::Config::new());
    let mut trailers = FieldStorage::<16>::new();
    let mut bodies = BodyDecoder::new(BodyFraming::None, &mut trailers, chunked::Config::new());
    let mut out = Vec::new();
    loop {
        // The head: the parser resumes where it stopped each time more bytes arrive.
        parser.reset();
        let (info, mut used) = loop {
            match parser.parse(&buf) {
                Ok(Outcome::Complete(req)) => match request_framing(&req) {
                    Ok(info) => break (info, req.head_len),
                    Err(_) => return refuse(stream, 400),
                },
                Ok(Outcome::Incomplete) => {}
                Err(_) => return refuse(stream, 400),
            }
            if read_more(stream, &mut buf)? == 0 {
                return Ok(());
            }
        };
        if info.other_codings {
            return refuse(stream, 501); // `gzip, chunked`: not implemented here
        }
        // The body (Content-Length, chunked or none), as decoded slices of `buf`.
        let mut body = Vec::new();
        bodies.reset(info.body);
        loop {
            let step = match bodies.decode(&buf[used..]) {
                Ok(step) => step,
                Err(_) => return refuse(stream, 400),
            };
            used += step.consumed;
            match step.event {
                Event::Data(data) | Event::Chunk { data, .. } => {
                    if body.len() + data.len() > MAX_BODY {
                        return refuse(stream, 413);
                    }
                    body.extend_from_slice(data);
                }
                Event::End { .. } => break,
                Event::NeedMore => {
                    buf.drain(..used);
                    used = 0;
                    if read_more(stream, &mut buf)? == 0 {
                        return Ok(());
                    }
                }
            }
        }
        buf.drain(..used); // what is left is the next request (pipelining)

        // The answer: pre-built status line and field lines, then the body.
        out.clear();
        out.extend_from_slice(status_line(Version::HTTP_11, 200).unwrap_or_default());
        out.extend_from_slice(MediaType::ApplicationOctetStream.content_type_line());
        out.extend_from_slice(ContentLength::new(body.len() as u64).as_bytes());
        if !info.keep_alive {
            out.extend_from_slice(CONNECTION_CLOSE);
        }
        out.extend_from_slice(b"\r\n");
        out.extend_from_slice(&body);
        stream.write_all(&out)?;
        if !info.keep_alive {
            return Ok(());
        }
    }
}

/// Reads what the peer sent next onto the end of `buf`: the number of bytes (0 at its end).
fn read_more(stream: &mut TcpStream, buf: &mut Vec<u8>) -> io::Result<usize> {
    let mut chunk = [0u8; 16 * 1024];
    let n = stream.read(&mut chunk)?;
    buf.extend_from_slice(&chunk[..n]);
    Ok(n)
}

/// An error status with `Connection: close`; the connection ends after it.
fn refuse(stream: &mut TcpStream, code: u16) -> io::Result<()> {
    let mut out = Vec::new();
    out.extend_from_slice(status_line(Version::HTTP_11, code).unwrap_or_default());
    out.extend_from_slice(ContentLength::new(0).as_bytes());
    out.extend_from_slice(CONNECTION_CLOSE);
    out.extend_from_slice(b"\r\n");
    stream.write_all(&out)
}
