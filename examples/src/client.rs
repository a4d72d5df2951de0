//! A blocking HTTP/1.1 client on `std::net`, built only on httpwire's codecs: one kept-alive
//! connection per `host:port`, reused from request to request.
//!
//! A request head is written with http1's checked [`HeadWriter`] (request line, `Host`,
//! `User-Agent`) and the fixed lines of [`http1::lines`] (`Connection: keep-alive`,
//! `Content-Length`). The response head is read with http1's resumable
//! [`http1::ResponseParser`] (1xx interim responses are skipped),
//! [`http1::response_framing`] says how its body is framed (no body for HEAD, 1xx, 204, 304),
//! and [`chunked::BodyDecoder`] reads it: `Content-Length`, chunked (the trailers are
//! returned) or close-delimited (read to the end of the stream; the connection is then not
//! reused).
//!
//! A reused connection that the server closed before a byte of the response arrived (an idle
//! keep-alive connection it timed out) is retried once on a fresh connection, for idempotent
//! methods (RFC 9112 §9.3.1: a POST may have been acted on).
//!
//! ```no_run
//! use httpwire_examples::client::Client;
//! let mut client = Client::new();
//! let first = client.get("http://127.0.0.1:8080/")?;
//! let second = client.get("http://127.0.0.1:8080/chunked?size=100&chunk=7")?;
//! assert!(second.reused);
//! println!("{} {:?}", first.status, second.trailer("X-Checksum"));
//! # Ok::<(), httpwire_examples::client::Error>(())
//! ```

use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use chunked::{BodyDecoder, Event};
use http1::write::{HeadWriter, WriteError};
use http1::{
    BodyFraming, FieldStorage, FramingError, Outcome, ResponseParser, Version, response_framing,
};

use http1::lines::{self, ContentLength};

/// Response field lines the client reads, at most.
const MAX_RESPONSE_FIELDS: usize = 128;

/// An `http://host[:port]/path?query` URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Url {
    /// The host, as written (an IPv6 address keeps its brackets).
    pub host: String,
    /// The port (80 when the URL has none).
    pub port: u16,
    /// The request-target: the path and query (`/` when the URL has no path).
    pub target: String,
}

impl Url {
    /// Parses an `http://` URL. Other schemes (`https://` among them), user information and
    /// empty hosts are refused; a fragment is dropped (it is never sent).
    pub fn parse(url: &str) -> Result<Url, Error> {
        let bad = |why: &str| Error::Url(format!("{url}: {why}"));
        let Some((scheme, rest)) = url.split_once("://") else {
            return Err(bad("not an absolute URL (http://host/path)"));
        };
        if !scheme.eq_ignore_ascii_case("http") {
            return Err(bad("only http:// is supported (no TLS here)"));
        }
        let rest = rest.split('#').next().unwrap_or_default();
        let end = rest.find(['/', '?']).unwrap_or(rest.len());
        let (authority, target) = rest.split_at(end);
        if authority.contains('@') {
            return Err(bad("user information is not supported"));
        }
        let (host, port) = match authority.rfind(':') {
            // An IPv6 literal's colons are inside the brackets.
            Some(i) if !authority[i..].contains(']') => {
                let port = authority[i + 1..]
                    .parse::<u16>()
                    .map_err(|_| bad("the port is not a number from 0 to 65535"))?;
                (&authority[..i], port)
            }
            _ => (authority, 80),
        };
        if host.is_empty() {
            return Err(bad("the host is empty"));
        }
        let target = match target {
            "" => "/".to_string(),
            t if t.starts_with('?') => format!("/{t}"),
            t => t.to_string(),
        };
        Ok(Url {
            host: host.to_string(),
            port,
            target,
        })
    }

    /// The `Host` field value: the host, and the port unless it is 80.
    pub fn host_field(&self) -> String {
        if self.port == 80 {
            self.host.clone()
        } else {
            format!("{}:{}", self.host, self.port)
        }
    }

    /// `host:port`, the key of the connection pool and the address to connect to.
    pub fn authority(&self) -> String {
        format!("{}:{}", self.host, self.port)
    }
}

/// Why a request failed.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The URL is not one the client takes.
    Url(String),
    /// The request head could not be written (a bad method or target).
    Request(WriteError),
    /// Connecting, writing or reading failed.
    Io(io::Error),
    /// The response head is malformed.
    Head(http1::Error),
    /// The response's framing is refused.
    Framing(FramingError),
    /// The response body is malformed or ended early.
    Body(chunked::Error),
    /// Something the client does not do (a tunnel: a 101 or a 2xx to CONNECT).
    Unsupported(&'static str),
    /// The body is larger than [`Client::max_body_len`].
    BodyTooLarge,
}

impl core::fmt::Display for Error {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Error::Url(why) => write!(f, "bad URL: {why}"),
            Error::Request(e) => write!(f, "cannot write the request: {e}"),
            Error::Io(e) => write!(f, "I/O: {e}"),
            Error::Head(e) => write!(f, "malformed response head: {e}"),
            Error::Framing(e) => write!(f, "refused response framing: {e}"),
            Error::Body(e) => write!(f, "bad response body: {e}"),
            Error::Unsupported(what) => write!(f, "unsupported: {what}"),
            Error::BodyTooLarge => f.write_str("the response body is over the limit"),
        }
    }
}

impl std::error::Error for Error {}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Error {
        Error::Io(e)
    }
}

/// A response, read whole.
#[derive(Debug, Clone)]
pub struct Response {
    /// The version of the status line.
    pub version: Version,
    /// The status code.
    pub status: u16,
    /// The reason phrase as received.
    pub reason: Vec<u8>,
    /// The header fields, in order.
    pub fields: Vec<(Vec<u8>, Vec<u8>)>,
    /// How the body was framed.
    pub framing: BodyFraming,
    /// The body (decoded from the chunked coding when it was chunked).
    pub body: Vec<u8>,
    /// The trailer fields of a chunked body, in order.
    pub trailers: Vec<(Vec<u8>, Vec<u8>)>,
    /// The 1xx interim responses before this one (`100` for a `100 Continue`).
    pub interim: Vec<u16>,
    /// Whether the request went on a connection an earlier request had used.
    pub reused: bool,
    /// Whether the connection stays open for the next request.
    pub keep_alive: bool,
}

impl Response {
    /// The value of the first header field named `name` (ASCII case-insensitive).
    pub fn field(&self, name: &str) -> Option<&[u8]> {
        find(&self.fields, name)
    }

    /// The value of the first trailer field named `name` (ASCII case-insensitive).
    pub fn trailer(&self, name: &str) -> Option<&[u8]> {
        find(&self.trailers, name)
    }
}

fn find<'a>(fields: &'a [(Vec<u8>, Vec<u8>)], name: &str) -> Option<&'a [u8]> {
    fields
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name.as_bytes()))
        .map(|(_, v)| &v[..])
}

/// One open connection and the bytes read from it that no response has used yet.
#[derive(Debug)]
struct Connection {
    stream: TcpStream,
    buf: Vec<u8>,
}

/// How an exchange failed: `Retry` when the connection was found closed before a byte of the
/// response arrived.
enum Failure {
    Retry(Error),
    Fatal(Error),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Failure {
        Failure::Fatal(e)
    }
}

/// A client with one kept-alive connection per `host:port`.
#[derive(Debug)]
pub struct Client {
    connections: HashMap<String, Connection>,
    /// How long a connect, a read or a write may wait (default 30 s).
    pub timeout: Duration,
    /// The largest response body read (default 1 GiB).
    pub max_body_len: u64,
    /// Fields sent with every request after `Host` and `User-Agent` (name, value), e.g.
    /// `Accept-Encoding`; checked by http1's writer when a request is written.
    pub fields: Vec<(String, Vec<u8>)>,
}

impl Default for Client {
    fn default() -> Self {
        Client::new()
    }
}

impl Client {
    /// A client without connections.
    pub fn new() -> Client {
        Client {
            connections: HashMap::new(),
            timeout: Duration::from_secs(30),
            max_body_len: 1 << 30,
            fields: Vec::new(),
        }
    }

    /// `GET url`.
    pub fn get(&mut self, url: &str) -> Result<Response, Error> {
        self.request("GET", url, None)
    }

    /// `method url`, with `body` (sent with `Content-Length`) if any.
    pub fn request(
        &mut self,
        method: &str,
        url: &str,
        body: Option<&[u8]>,
    ) -> Result<Response, Error> {
        let url = Url::parse(url)?;
        let key = url.authority();
        let pooled = self.connections.remove(&key);
        let reused = pooled.is_some();
        let mut conn = match pooled {
            Some(c) => c,
            None => self.connect(&url)?,
        };
        let result = match self.exchange(&mut conn, method, &url, body) {
            Ok(r) => Ok((r, reused)),
            Err(Failure::Retry(_)) if reused && is_idempotent(method) => {
                conn = self.connect(&url)?;
                match self.exchange(&mut conn, method, &url, body) {
                    Ok(r) => Ok((r, false)),
                    Err(Failure::Retry(e) | Failure::Fatal(e)) => Err(e),
                }
            }
            Err(Failure::Retry(e) | Failure::Fatal(e)) => Err(e),
        };
        let (mut response, reused) = result?;
        response.reused = reused;
        if response.keep_alive {
            self.connections.insert(key, conn);
        }
        Ok(response)
    }

    /// How many connections are open and idle, ready for reuse.
    pub fn idle_connections(&self) -> usize {
        self.connections.len()
    }

    fn connect(&self, url: &Url) -> Result<Connection, Error> {
        let host = url.host.trim_start_matches('[').trim_end_matches(']');
        let addrs = std::net::ToSocketAddrs::to_socket_addrs(&(host, url.port))?;
        let mut last = io::Error::new(io::ErrorKind::NotFound, "no address for the host");
        for addr in addrs {
            match TcpStream::connect_timeout(&addr, self.timeout) {
                Ok(stream) => {
                    stream.set_read_timeout(Some(self.timeout))?;
                    stream.set_write_timeout(Some(self.timeout))?;
                    let _ = stream.set_nodelay(true);
                    return Ok(Connection {
                        stream,
                        buf: Vec::with_capacity(16 * 1024),
                    });
                }
                Err(e) => last = e,
            }
        }
        Err(Error::Io(last))
    }

    /// One request and its response on `conn`.
    fn exchange(
        &self,
        conn: &mut Connection,
        method: &str,
        url: &Url,
        body: Option<&[u8]>,
    ) -> Result<Response, Failure> {
        // The head: request line and Host through http1's checked writer, then the fixed
        // lines, then the empty line.
        let mut head = Vec::with_capacity(128 + url.target.len());
        HeadWriter::request(
            &mut head,
            method.as_bytes(),
            url.target.as_bytes(),
            Version::HTTP_11,
        )
        .and_then(|mut w| {
            w.field(b"Host", url.host_field().as_bytes())?
                .field(b"User-Agent", b"httpwire-fetch")?;
            for (name, value) in &self.fields {
                w.field(name.as_bytes(), value)?;
            }
            // Not `finish()`ed: the fixed lines go before the empty line.
            Ok(())
        })
        .map_err(Error::Request)?;
        head.extend_from_slice(lines::CONNECTION_KEEP_ALIVE);
        if let Some(body) = body {
            head.extend_from_slice(ContentLength::new(body.len() as u64).as_bytes());
        }
        head.extend_from_slice(b"\r\n");
        let sent = conn
            .stream
            .write_all(&head)
            .and_then(|()| conn.stream.write_all(body.unwrap_or_default()));
        if let Err(e) = sent {
            // A server that closed an idle connection resets the write (or the read after).
            return Err(Failure::Retry(Error::Io(e)));
        }

        // The head of the response (after any 1xx).
        let mut storage = FieldStorage::<MAX_RESPONSE_FIELDS>::new();
        let mut parser = ResponseParser::new(&mut storage, http1::Config::new());
        let mut interim = Vec::new();
        let mut got_any = !conn.buf.is_empty();
        let (mut response, info, mut pos) = loop {
            match parser.parse(&conn.buf) {
                Ok(Outcome::Complete(head)) => {
                    let info =
                        response_framing(&head, method.as_bytes()).map_err(Error::Framing)?;
                    let code = head.status.as_u16();
                    let head_len = head.head_len;
                    if head.status.is_informational() && code != 101 {
                        interim.push(code);
                        conn.buf.drain(..head_len);
                        parser.reset();
                        continue;
                    }
                    let response = Response {
                        version: head.version,
                        status: code,
                        reason: head.reason.to_vec(),
                        fields: head
                            .fields
                            .iter()
                            .map(|f| (f.name.to_vec(), f.value.to_vec()))
                            .collect(),
                        framing: info.body,
                        body: Vec::new(),
                        trailers: Vec::new(),
                        interim: std::mem::take(&mut interim),
                        reused: false,
                        keep_alive: false,
                    };
                    break (response, info, head_len);
                }
                Ok(Outcome::Incomplete) => {}
                Err(e) => return Err(Error::Head(e).into()),
            }
            match read_more(conn) {
                Ok(0) if !got_any => {
                    let e = io::Error::new(
                        io::ErrorKind::UnexpectedEof,
                        "the server closed the connection before responding",
                    );
                    return Err(Failure::Retry(Error::Io(e)));
                }
                Ok(0) => {
                    let e = io::Error::new(
                        io::ErrorKind::UnexpectedEof,
                        "the connection ended inside the response head",
                    );
                    return Err(Error::Io(e).into());
                }
                Ok(_) => got_any = true,
                Err(e) if !got_any && is_reset(&e) => return Err(Failure::Retry(Error::Io(e))),
                Err(e) => return Err(Error::Io(e).into()),
            }
        };
        if info.body == BodyFraming::Tunnel {
            return Err(Error::Unsupported("a tunnel (101 or a 2xx to CONNECT)").into());
        }

        // The body.
        let mut trailer_storage =
            FieldStorage::<{ chunked::Config::DEFAULT_MAX_TRAILER_FIELDS }>::new();
        let mut decoder = BodyDecoder::new(info.body, &mut trailer_storage, chunked::Config::new());
        let mut ended = false;
        loop {
            let step = decoder
                .decode(conn.buf.get(pos..).unwrap_or_default())
                .map_err(Error::Body)?;
            pos += step.consumed;
            match step.event {
                Event::Chunk { data, .. } | Event::Data(data) => {
                    if (response.body.len() + data.len()) as u64 > self.max_body_len {
                        return Err(Error::BodyTooLarge.into());
                    }
                    response.body.extend_from_slice(data);
                    continue;
                }
                Event::End { trailers } => {
                    response.trailers = trailers
                        .iter()
                        .map(|f| (f.name.to_vec(), f.value.to_vec()))
                        .collect();
                    break;
                }
                Event::NeedMore => {}
            }
            conn.buf.drain(..pos);
            pos = 0;
            if read_more(conn).map_err(Error::Io)? == 0 {
                // The end of a close-delimited body; for any other, too early.
                ended = true;
                decoder.close().map_err(Error::Body)?;
            }
        }
        conn.buf.drain(..pos);
        // Bytes after the response that no request asked for: the connection is out of step.
        response.keep_alive = info.keep_alive && !ended && conn.buf.is_empty();
        Ok(response)
    }
}

fn read_more(conn: &mut Connection) -> io::Result<usize> {
    let old = conn.buf.len();
    conn.buf.resize(old + 64 * 1024, 0);
    let got = loop {
        match conn.stream.read(&mut conn.buf[old..]) {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            other => break other,
        }
    };
    conn.buf.truncate(old + *got.as_ref().unwrap_or(&0));
    got
}

fn is_reset(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::ConnectionReset
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::BrokenPipe
    )
}

/// Methods a client may send again without asking (RFC 9110 §9.2.2).
fn is_idempotent(method: &str) -> bool {
    matches!(
        method,
        "GET" | "HEAD" | "PUT" | "DELETE" | "OPTIONS" | "TRACE"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        let u = Url::parse("http://127.0.0.1:8080/a/b?c=d#frag").unwrap();
        assert_eq!(
            (u.host.as_str(), u.port, u.target.as_str()),
            ("127.0.0.1", 8080, "/a/b?c=d")
        );
        assert_eq!(u.host_field(), "127.0.0.1:8080");
        let u = Url::parse("HTTP://example.com").unwrap();
        assert_eq!((u.port, u.target.as_str()), (80, "/"));
        assert_eq!(u.host_field(), "example.com");
        let u = Url::parse("http://[::1]:81?x").unwrap();
        assert_eq!(
            (u.host.as_str(), u.port, u.target.as_str()),
            ("[::1]", 81, "/?x")
        );
        for bad in [
            "https://example.com/",
            "ftp://x/",
            "example.com/",
            "http:///x",
            "http://u@h/",
            "http://h:99999/",
            "http://h:x/",
        ] {
            assert!(matches!(Url::parse(bad), Err(Error::Url(_))), "{bad}");
        }
    }
}
