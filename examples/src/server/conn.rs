//! One connection: read, parse, frame, decode the body, answer, and again.
//!
//! The read buffer holds the bytes not yet processed from its start: a request head is parsed
//! from byte 0 of it (the bytes before were drained once the previous exchange ended), the
//! parser resumes on the grown buffer after each read, and the body decoder then takes the
//! bytes after the head. What is left after the body is the next request (pipelining).
//!
//! Statuses for bad input, after which the connection is closed:
//!
//! | input | status |
//! | --- | --- |
//! | any head syntax error (`ErrorKind` other than those below), an invalid chunked body, a framing error not below (bad or conflicting `Content-Length`, `Transfer-Encoding` with `Content-Length`, `chunked` not final, a bad `Host`, ...) | 400 |
//! | `Content-Length` over [`Config::max_body_len`] or past `u64`, a chunked body that grows past it | 413 |
//! | `TargetTooLong`, or `LineTooLong` on the request line | 414 |
//! | `HeadTooLarge`, `TooManyFields`, `LineTooLong` on a field line; the trailer budgets | 431 |
//! | `UnknownTransferCoding`, codings besides `chunked` (`gzip, chunked`), a method the server does not know | 501 |
//! | `UnsupportedVersion` (major version not 1; `HTTP/1.2` is HTTP/1.1 by RFC 9110 §2.5) | 505 |
//! | a request that stalls past the read timeout once it has begun | 408 |

use std::io::{self, IoSlice, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::time::{Duration, Instant};

use chunked::encode::{Chunk, write_chunk, write_last_chunk};
use chunked::{BodyDecoder, Event};
use http1::framing::FramingErrorKind;
use http1::write::{HeadSink, Reason, write_trailer_section};
use http1::{
    BodyFraming, ErrorKind, Field, FieldStorage, Outcome, RawField, RequestParser, StatusCode,
    TargetForm, Version, request_framing,
};

use super::{Body, Config, FieldsCopy, Handler, Request, Response};
use http1::lines::{self, ContentLength, MediaType};

/// Methods the server knows (RFC 9110 §9 and PATCH); any other gets 501. CONNECT is not
/// among them: this server is no proxy.
const KNOWN_METHODS: &[&[u8]] = &[
    b"GET", b"HEAD", b"POST", b"PUT", b"DELETE", b"OPTIONS", b"TRACE", b"PATCH",
];

/// Bodies and chunks up to this size are copied into the output buffer (one write with the
/// head); larger ones are written from where they are.
const COPY_LIMIT: usize = 16 * 1024;

/// Bytes read at once.
const READ_CHUNK: usize = 64 * 1024;

/// Trailer fields a request body may carry (the chunked decoder's default budget).
type TrailerStorage = FieldStorage<{ chunked::Config::DEFAULT_MAX_TRAILER_FIELDS }>;

/// Why a connection ends.
#[derive(Debug)]
enum End {
    /// Without a word: the peer left, a write failed, an idle keep-alive timed out.
    Quiet,
    /// With this status and message (`Connection: close`).
    Status(u16, String),
}

impl From<io::Error> for End {
    fn from(_: io::Error) -> End {
        End::Quiet
    }
}

struct Conn<'c> {
    stream: TcpStream,
    cfg: &'c Config,
    /// Input: `buf[pos..end]` is not processed yet; `buf[end..]` is room for the next read
    /// (kept initialised, so that a read does not zero it again).
    buf: Vec<u8>,
    pos: usize,
    end: usize,
    /// Responses not written yet.
    out: Vec<u8>,
}

impl Conn<'_> {
    /// The input read so far (from the start of the current request).
    fn input(&self) -> &[u8] {
        &self.buf[..self.end]
    }

    /// Reads more input after `end`; 0 at the end of the stream.
    fn read_more(&mut self) -> io::Result<usize> {
        if self.buf.len() - self.end < READ_CHUNK / 4 {
            let grown = (self.buf.len() * 2).max(self.end + READ_CHUNK);
            self.buf.resize(grown, 0);
        }
        loop {
            match self.stream.read(&mut self.buf[self.end..]) {
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Ok(n) => {
                    self.end += n;
                    return Ok(n);
                }
                Err(e) => return Err(e),
            }
        }
    }

    /// Drops the processed input (whatever borrowed it is done with it).
    fn compact(&mut self) {
        if self.pos > 0 {
            self.buf.copy_within(self.pos..self.end, 0);
            self.end -= self.pos;
            self.pos = 0;
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.out.is_empty() {
            let r = self.stream.write_all(&self.out);
            self.out.clear();
            r?;
        }
        Ok(())
    }
}

fn is_timeout(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
    )
}

/// Serves one connection until it ends.
pub(super) fn serve_connection(stream: TcpStream, id: u64, cfg: &Config, handler: &dyn Handler) {
    let _ = stream.set_read_timeout(Some(cfg.read_timeout).filter(|d| !d.is_zero()));
    let _ = stream.set_write_timeout(Some(cfg.write_timeout).filter(|d| !d.is_zero()));
    let _ = stream.set_nodelay(true);
    let mut c = Conn {
        stream,
        cfg,
        buf: vec![0; READ_CHUNK],
        pos: 0,
        end: 0,
        out: Vec::with_capacity(4096),
    };
    let head_cfg = http1::Config::new()
        .max_head_len(cfg.max_head_len.min(u32::MAX as usize))
        .max_fields(cfg.max_fields)
        .max_target_len(cfg.max_target_len)
        // A request line holds the target and a little more: the target's own limit (414)
        // decides before the line's; field lines keep http1's default limit (431).
        .max_line_len(
            http1::Limits::DEFAULT
                .max_line_len
                .max(cfg.max_target_len.saturating_add(64)),
        );
    // The field storage is a limit too; a huge max_fields is no reason for a huge allocation
    // before the fields arrive (the head limit bounds them anyway: 4 bytes a line at least).
    let slots = cfg.max_fields.min(cfg.max_head_len / 4 + 1);
    let mut storage = vec![RawField::EMPTY; slots];
    let mut parser = RequestParser::new(&mut storage[..], head_cfg);
    let mut trailer_storage = TrailerStorage::new();
    let mut body_decoder = BodyDecoder::new(
        BodyFraming::None,
        &mut trailer_storage,
        chunked::Config::new(),
    );
    let mut x = Exchange::default();
    let mut served = 0usize;
    loop {
        let result = exchange(
            &mut c,
            &mut parser,
            &mut body_decoder,
            &mut x,
            id,
            &mut served,
            handler,
        );
        match result {
            Ok(true) => continue,
            Ok(false) => {
                let _ = c.flush();
                linger(&mut c.stream);
                return;
            }
            Err(End::Quiet) => {
                let _ = c.flush();
                return;
            }
            Err(End::Status(code, message)) => {
                let _ = c.flush();
                error_response(&mut c.out, code, &message);
                let _ = c.flush();
                linger(&mut c.stream);
                return;
            }
        }
    }
}

/// What one request leaves behind for the handler, reused from request to request.
#[derive(Debug, Default)]
struct Exchange {
    method: String,
    target: Vec<u8>,
    fields: FieldsCopy,
    trailers: FieldsCopy,
    body: Vec<u8>,
}

/// One request and its response: `Ok(true)` to go on with the next request, `Ok(false)` when
/// the response closed the connection.
fn exchange(
    c: &mut Conn<'_>,
    parser: &mut RequestParser<'_>,
    body_decoder: &mut BodyDecoder<'_>,
    x: &mut Exchange,
    id: u64,
    served: &mut usize,
    handler: &dyn Handler,
) -> Result<bool, End> {
    // The head: parsed from the start of the buffer, resumed as it grows.
    c.compact();
    parser.reset();
    let (info, version, form) = loop {
        match parser.parse(&c.buf[..c.end]) {
            Ok(Outcome::Complete(req)) => {
                x.method.clear();
                // A method is a token: ASCII. (Lossy only in name.)
                x.method.push_str(&String::from_utf8_lossy(req.method));
                x.target.clear();
                x.target.extend_from_slice(req.target);
                x.fields.clear();
                for f in req.fields.iter() {
                    x.fields.push(f.name, f.value);
                }
                c.pos = req.head_len;
                let info = request_framing(&req).map_err(framing_error)?;
                break (info, req.version, req.target_form);
            }
            Ok(Outcome::Incomplete) => {}
            Err(e) => return Err(head_error(e, c.input())),
        }
        // Answers to pipelined requests go out before waiting for more.
        c.flush()?;
        match c.read_more() {
            Ok(0) => return Err(End::Quiet),
            Ok(_) => {}
            Err(e) if is_timeout(&e) && c.end > 0 => {
                return Err(End::Status(
                    408,
                    "the request did not arrive in time".into(),
                ));
            }
            Err(_) => return Err(End::Quiet),
        }
    };
    if info.other_codings {
        return Err(End::Status(
            501,
            "transfer codings other than chunked are not implemented".into(),
        ));
    }
    if !KNOWN_METHODS.contains(&x.method.as_bytes()) {
        return Err(End::Status(
            501,
            format!("method {} is not implemented", x.method),
        ));
    }
    let has_body = match info.body {
        BodyFraming::None | BodyFraming::ContentLength(0) => false,
        BodyFraming::ContentLength(n) if n > c.cfg.max_body_len => {
            return Err(End::Status(
                413,
                format!(
                    "the body is {n} bytes, over the limit of {}",
                    c.cfg.max_body_len
                ),
            ));
        }
        BodyFraming::ContentLength(_) | BodyFraming::Chunked => true,
        // request_framing gives neither for a request.
        BodyFraming::CloseDelimited | BodyFraming::Tunnel => {
            return Err(End::Status(400, "unsupported request framing".into()));
        }
    };
    if has_body && info.expect_continue {
        c.flush()?;
        let mut line = Vec::with_capacity(32);
        put_status_line(&mut line, 100);
        line.extend_from_slice(b"\r\n");
        c.stream.write_all(&line)?;
    }

    // The body.
    x.body.clear();
    x.trailers.clear();
    body_decoder.reset(info.body);
    loop {
        let step = match body_decoder.decode(c.buf.get(c.pos..c.end).unwrap_or_default()) {
            Ok(step) => step,
            Err(e) => return Err(body_error(e)),
        };
        c.pos += step.consumed;
        match step.event {
            Event::Chunk { data, .. } | Event::Data(data) => {
                if (x.body.len() + data.len()) as u64 > c.cfg.max_body_len {
                    return Err(End::Status(
                        413,
                        format!("the body is over the limit of {}", c.cfg.max_body_len),
                    ));
                }
                x.body.extend_from_slice(data);
                continue;
            }
            Event::End { trailers } => {
                for f in trailers.iter() {
                    x.trailers.push(f.name, f.value);
                }
                break;
            }
            Event::NeedMore => {}
        }
        // The decoder keeps what it has not consumed (a partial size line): keep it too.
        c.compact();
        match c.read_more() {
            Ok(0) => return Err(End::Quiet),
            Ok(_) => {}
            Err(e) if is_timeout(&e) => {
                return Err(End::Status(408, "the body did not arrive in time".into()));
            }
            Err(_) => return Err(End::Quiet),
        }
    }

    // The answer.
    let (path, query) = split_target(&x.target, form);
    let req = Request {
        method: &x.method,
        target: &x.target,
        target_form: form,
        path,
        query,
        version,
        body: &x.body,
        connection_id: id,
        fields: &x.fields,
        trailers: &x.trailers,
    };
    let response = handler.handle(&req);
    *served += 1;
    let http10 = version.minor() == 0;
    let mut keep_alive =
        info.keep_alive && !response.close && *served < c.cfg.max_requests_per_connection;
    if http10 && matches!(response.body, Body::Chunked(_)) {
        // No chunked coding for HTTP/1.0: the body ends when the connection does.
        keep_alive = false;
    }
    let head_only = x.method == "HEAD";
    write_response(c, response, head_only, http10, keep_alive)?;
    if keep_alive && (c.pos == c.end || c.out.len() > COPY_LIMIT) {
        c.flush()?;
    }
    Ok(keep_alive)
}

/// The path and query of a target.
fn split_target(target: &[u8], form: TargetForm) -> (&[u8], Option<&[u8]>) {
    let rest = match form {
        TargetForm::Origin => target,
        TargetForm::Absolute => {
            // scheme "://" authority path-abempty [ "?" query ]
            let after_scheme = target
                .windows(3)
                .position(|w| w == b"://")
                .map_or(target, |i| &target[i + 3..]);
            let path_start = after_scheme
                .iter()
                .position(|&b| b == b'/' || b == b'?')
                .unwrap_or(after_scheme.len());
            &after_scheme[path_start..]
        }
        TargetForm::Authority | TargetForm::Asterisk => return (target, None),
    };
    let (path, query) = match rest.iter().position(|&b| b == b'?') {
        Some(q) => (&rest[..q], Some(&rest[q + 1..])),
        None => (rest, None),
    };
    (if path.is_empty() { b"/" } else { path }, query)
}

/// The status of a head the parser refused.
fn head_error(e: http1::Error, buf: &[u8]) -> End {
    let code = match e.kind {
        ErrorKind::TargetTooLong => 414,
        ErrorKind::HeadTooLarge | ErrorKind::TooManyFields => 431,
        // The request line (no LF before the offset) or a field line.
        ErrorKind::LineTooLong => {
            if buf.get(..e.offset).unwrap_or(buf).contains(&b'\n') {
                431
            } else {
                414
            }
        }
        ErrorKind::ResumedShorter => 500,
        _ => 400,
    };
    End::Status(code, e.to_string())
}

/// The status of a head whose framing was refused.
fn framing_error(e: http1::FramingError) -> End {
    let code = match e.kind {
        FramingErrorKind::UnsupportedVersion => 505,
        FramingErrorKind::UnknownTransferCoding => 501,
        FramingErrorKind::ContentLengthTooLarge => 413,
        _ => 400,
    };
    End::Status(code, e.to_string())
}

/// The status of a body the decoder refused.
fn body_error(e: chunked::Error) -> End {
    match e.kind {
        chunked::ErrorKind::Trailer(
            ErrorKind::HeadTooLarge | ErrorKind::TooManyFields | ErrorKind::LineTooLong,
        ) => End::Status(431, e.to_string()),
        chunked::ErrorKind::Incomplete => End::Quiet,
        _ => End::Status(400, e.to_string()),
    }
}

/// Appends the status line of `code` for HTTP/1.1: the pre-built one, or for a code without
/// a registered reason, one written by status-lines (an invalid code becomes 500).
pub(super) fn put_status_line(out: &mut Vec<u8>, code: u16) {
    if let Some(line) = status_lines::status_line(Version::HTTP_11, code) {
        out.extend_from_slice(line);
        return;
    }
    let written = StatusCode::new(code)
        .map(|status| HeadSink::put_status_line(out, Version::HTTP_11, status, Reason::Canonical));
    if !matches!(written, Some(Ok(_))) {
        out.extend_from_slice(
            status_lines::status_line(Version::HTTP_11, 500).unwrap_or(b"HTTP/1.1 500 \r\n"),
        );
    }
}

/// An error response with a text body and `Connection: close`.
fn error_response(out: &mut Vec<u8>, code: u16, message: &str) {
    let reason = StatusCode::new(code)
        .and_then(|s| s.canonical_reason())
        .unwrap_or("");
    let body = format!("{code} {reason}: {message}\n");
    put_status_line(out, code);
    out.extend_from_slice(lines::CONNECTION_CLOSE);
    out.extend_from_slice(MediaType::TextPlain.content_type_line());
    out.extend_from_slice(ContentLength::new(body.len() as u64).as_bytes());
    out.extend_from_slice(b"\r\n");
    out.extend_from_slice(body.as_bytes());
}

/// Writes a response: its head into the output buffer, then its body (unless `head_only`).
fn write_response(
    c: &mut Conn<'_>,
    response: Response,
    head_only: bool,
    http10: bool,
    keep_alive: bool,
) -> Result<(), End> {
    let Response {
        status,
        content_type,
        fields,
        body,
        close: _,
    } = response;
    let start = c.out.len();
    put_status_line(&mut c.out, status);
    if !keep_alive {
        c.out.extend_from_slice(lines::CONNECTION_CLOSE);
    } else if http10 {
        c.out.extend_from_slice(lines::CONNECTION_KEEP_ALIVE);
    }
    if let Some(media) = content_type {
        c.out.extend_from_slice(media.content_type_line());
    }
    match &body {
        Body::Empty => c.out.extend_from_slice(ContentLength::new(0).as_bytes()),
        Body::Bytes(b) => c
            .out
            .extend_from_slice(ContentLength::new(b.len() as u64).as_bytes()),
        Body::Reader { len, .. } => c.out.extend_from_slice(ContentLength::new(*len).as_bytes()),
        Body::Chunked(_) if http10 => {}
        Body::Chunked(_) => c.out.extend_from_slice(lines::TRANSFER_ENCODING_CHUNKED),
    }
    // The handler's own fields, checked by http1's writer, and the empty line.
    let checked: Vec<Field<'_>> = fields
        .iter()
        .map(|(n, v)| Field {
            name: n.as_bytes(),
            value: v.as_bytes(),
        })
        .collect();
    if let Err(e) = write_trailer_section(&mut c.out, &checked) {
        c.out.truncate(start);
        error_response(&mut c.out, 500, &format!("the handler's fields: {e}"));
        return Err(End::Quiet);
    }
    if head_only {
        return Ok(());
    }
    match body {
        Body::Empty => {}
        Body::Bytes(b) if b.len() <= COPY_LIMIT => c.out.extend_from_slice(&b),
        Body::Bytes(b) => {
            c.flush()?;
            c.stream.write_all(&b)?;
        }
        Body::Reader { len, reader } => {
            let mut reader = reader.take(len);
            let copied = if len <= COPY_LIMIT as u64 {
                reader.read_to_end(&mut c.out)? as u64
            } else {
                c.flush()?;
                io::copy(&mut reader, &mut c.stream)?
            };
            if copied != len {
                // The length is promised; the connection cannot carry on.
                return Err(End::Quiet);
            }
        }
        Body::Chunked(mut source) => {
            while let Some(data) = source.next_chunk()? {
                if http10 {
                    c.out.extend_from_slice(data);
                } else if data.len() <= COPY_LIMIT {
                    // Small chunks are copied, framed, into the output buffer.
                    write_chunk(&mut c.out, data).map_err(|_| End::Quiet)?;
                } else if let Some(chunk) = Chunk::new(data) {
                    // Large ones go out as three slices (size line, data, CRLF): no copy.
                    c.flush()?;
                    write_all_vectored(&mut c.stream, &mut chunk.io_slices())?;
                }
                if c.out.len() > COPY_LIMIT {
                    c.flush()?;
                }
            }
            if !http10 {
                let trailers = source.trailers();
                let fields: Vec<Field<'_>> = trailers
                    .iter()
                    .map(|(n, v)| Field {
                        name: n.as_bytes(),
                        value: v.as_bytes(),
                    })
                    .collect();
                if write_last_chunk(&mut c.out, &fields).is_err() {
                    // A trailer the encoder refuses (malformed, or one that must not be a
                    // trailer): the status is gone already, so end the body without them.
                    write_last_chunk(&mut c.out, &[]).map_err(|_| End::Quiet)?;
                }
            }
        }
    }
    Ok(())
}

/// `write_all` for slices: the whole of every slice, in order.
fn write_all_vectored(w: &mut impl Write, mut slices: &mut [IoSlice<'_>]) -> io::Result<()> {
    while !slices.is_empty() {
        match w.write_vectored(slices) {
            Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
            Ok(n) => IoSlice::advance_slices(&mut slices, n),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Closes gracefully after a last response: no more writes, then read and drop what the
/// client still sends (a body the server refused, pipelined requests), for a bounded time and
/// amount, so that the close does not reset the connection before the client read the
/// response.
fn linger(stream: &mut TcpStream) {
    const MAX_TIME: Duration = Duration::from_secs(2);
    const MAX_BYTES: usize = 4 * 1024 * 1024;
    if stream.shutdown(Shutdown::Write).is_err() {
        return;
    }
    let _ = stream.set_read_timeout(Some(Duration::from_millis(500)));
    let started = Instant::now();
    let mut sink = [0u8; 16 * 1024];
    let mut dropped = 0;
    while dropped < MAX_BYTES && started.elapsed() < MAX_TIME {
        match stream.read(&mut sink) {
            Ok(0) | Err(_) => break,
            Ok(n) => dropped += n,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_split_into_path_and_query() {
        type Case = (
            &'static [u8],
            TargetForm,
            &'static [u8],
            Option<&'static [u8]>,
        );
        let cases: [Case; 6] = [
            (b"/a/b?c=d", TargetForm::Origin, b"/a/b", Some(b"c=d")),
            (b"/", TargetForm::Origin, b"/", None),
            (b"http://h:1/x?y", TargetForm::Absolute, b"/x", Some(b"y")),
            (b"http://h:1", TargetForm::Absolute, b"/", None),
            (b"http://h?q", TargetForm::Absolute, b"/", Some(b"q")),
            (b"*", TargetForm::Asterisk, b"*", None),
        ];
        for (target, form, path, query) in cases {
            assert_eq!(split_target(target, form), (path, query), "{target:?}");
        }
    }

    #[test]
    fn status_lines_for_every_code() {
        let mut out = Vec::new();
        put_status_line(&mut out, 200);
        assert_eq!(out, b"HTTP/1.1 200 OK\r\n");
        out.clear();
        put_status_line(&mut out, 599);
        assert_eq!(out, b"HTTP/1.1 599 \r\n");
        out.clear();
        put_status_line(&mut out, 42);
        assert_eq!(out, b"HTTP/1.1 500 Internal Server Error\r\n");
    }
}
