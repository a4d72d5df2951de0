//! A blocking HTTP/1.1 server on `std::net`, a thread per connection (bounded), built only on
//! httpwire's codecs.
//!
//! Per connection (`src/server/conn.rs` holds the loop): one read buffer; each request head is parsed by
//! http1's resumable [`RequestParser`](http1::RequestParser), fed the buffer as it grows (it
//! continues where it stopped, never from byte 0); [`http1::request_framing`] says how the body
//! is framed; [`chunked::BodyDecoder`] reads it (Content-Length or chunked, trailers
//! accepted); the next request is parsed from the bytes already buffered (pipelining).
//! Responses start with a pre-built status line from [`status_lines::status_line`], then fixed
//! field lines from [`http1::lines`], then the handler's fields through http1's checked
//! writer, then the body: with `Content-Length`, or streamed through the chunked encoder
//! ([`chunked::encode`]) and ended by the last chunk with trailers.
//!
//! Bad input gets its status and the connection is closed (`src/server/conn.rs` has the mapping):
//! 400 malformed, 413 body over the limit, 414 target over the limit, 431 head or field
//! count over the limit, 501 a transfer coding or method the server does not implement, 505 a
//! major version other than 1. An idle keep-alive connection that times out is closed quietly;
//! a request that stalls half-way gets 408.
//!
//! ```no_run
//! use httpwire_examples::server::{Config, Routes, Server};
//! let server = Server::bind("127.0.0.1:8080", Config::default(), Routes::new(None))?;
//! server.serve()?;
//! # Ok::<(), std::io::Error>(())
//! ```

mod conn;
mod routes;

pub use routes::Routes;

use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream, ToSocketAddrs};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::Duration;

use http1::{TargetForm, Version};

use http1::lines::{self, MediaType};

/// Limits and timeouts. Every one is a flag of the `httpwire-server` binary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Config {
    /// Most bytes in a request head, request line to the empty line (default 64 KiB). Over
    /// it: 431.
    pub max_head_len: usize,
    /// Most field lines in a request head (default 100). Over it: 431.
    pub max_fields: usize,
    /// Longest request-target (default 8 KiB). Over it: 414.
    pub max_target_len: usize,
    /// Largest request body, decoded (default 16 MiB). Over it: 413, before a byte of the
    /// body is read when a `Content-Length` says so.
    pub max_body_len: u64,
    /// Requests served on one connection before the server closes it (default 1000); the
    /// last response says `Connection: close`.
    pub max_requests_per_connection: usize,
    /// Connections served at once (default 256), a thread each. Over it: a new connection
    /// gets 503 and is closed.
    pub max_connections: usize,
    /// How long a read may wait (default 10 s): between requests on a keep-alive connection
    /// (then it is closed quietly) and inside a request (then 408).
    pub read_timeout: Duration,
    /// How long a write may wait (default 10 s); then the connection is dropped.
    pub write_timeout: Duration,
}

impl Config {
    /// The defaults (see each field).
    pub const DEFAULT: Config = Config {
        max_head_len: 64 * 1024,
        max_fields: 100,
        max_target_len: 8 * 1024,
        max_body_len: 16 * 1024 * 1024,
        max_requests_per_connection: 1000,
        max_connections: 256,
        read_timeout: Duration::from_secs(10),
        write_timeout: Duration::from_secs(10),
    };
}

impl Default for Config {
    fn default() -> Self {
        Config::DEFAULT
    }
}

/// A request as the handler sees it: the head, and the whole body (already read, within
/// [`Config::max_body_len`]) with its trailers.
#[derive(Debug)]
pub struct Request<'a> {
    /// The method (`GET`); a token, so ASCII.
    pub method: &'a str,
    /// The request-target as received.
    pub target: &'a [u8],
    /// Its form.
    pub target_form: TargetForm,
    /// The path: the target up to `?` (for an absolute-form target, after the authority).
    pub path: &'a [u8],
    /// The query: after the first `?`, if any.
    pub query: Option<&'a [u8]>,
    /// The version as received.
    pub version: Version,
    /// The body (empty when there was none).
    pub body: &'a [u8],
    /// Which connection this came on (from 1, in the order they were accepted).
    pub connection_id: u64,
    fields: &'a FieldsCopy,
    trailers: &'a FieldsCopy,
}

impl<'a> Request<'a> {
    /// The header fields, in order, as (name, value).
    pub fn fields(&self) -> impl Iterator<Item = (&'a [u8], &'a [u8])> + use<'a> {
        self.fields.iter()
    }

    /// The value of the first header field named `name` (ASCII case-insensitive).
    pub fn field(&self, name: &str) -> Option<&'a [u8]> {
        self.fields
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name.as_bytes()))
            .map(|(_, v)| v)
    }

    /// The trailer fields of a chunked body, in order, as (name, value).
    pub fn trailers(&self) -> impl Iterator<Item = (&'a [u8], &'a [u8])> + use<'a> {
        self.trailers.iter()
    }

    /// How many trailer fields the body had.
    pub fn trailer_count(&self) -> usize {
        self.trailers.len()
    }

    /// The value of query parameter `name` (`a=1&b=2`; no percent-decoding).
    pub fn query_param(&self, name: &str) -> Option<&'a [u8]> {
        self.query?.split(|&b| b == b'&').find_map(|pair| {
            let mut kv = pair.splitn(2, |&b| b == b'=');
            match (kv.next(), kv.next()) {
                (Some(k), v) if k == name.as_bytes() => Some(v.unwrap_or_default()),
                _ => None,
            }
        })
    }
}

/// Field lines copied out of the read buffer (which the body then reuses): the bytes of the
/// names and values one after the other, and where each lies. Reused from request to request.
#[derive(Debug, Default)]
pub(crate) struct FieldsCopy {
    bytes: Vec<u8>,
    spans: Vec<(usize, usize, usize)>,
}

impl FieldsCopy {
    pub(crate) fn clear(&mut self) {
        self.bytes.clear();
        self.spans.clear();
    }

    pub(crate) fn push(&mut self, name: &[u8], value: &[u8]) {
        let start = self.bytes.len();
        self.bytes.extend_from_slice(name);
        self.bytes.extend_from_slice(value);
        self.spans.push((start, name.len(), value.len()));
    }

    pub(crate) fn len(&self) -> usize {
        self.spans.len()
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = (&[u8], &[u8])> {
        self.spans.iter().map(|&(start, n, v)| {
            let name = self.bytes.get(start..start + n).unwrap_or_default();
            let value = self.bytes.get(start + n..start + n + v).unwrap_or_default();
            (name, value)
        })
    }
}

/// A response body.
pub enum Body {
    /// No body (`Content-Length: 0`).
    Empty,
    /// These bytes, with `Content-Length`.
    Bytes(Vec<u8>),
    /// `len` bytes read from `reader`, with `Content-Length` (a file, a generated stream).
    /// A reader that ends early makes the server drop the connection.
    Reader {
        /// The length announced and sent.
        len: u64,
        /// Where the bytes come from (not read for `HEAD`).
        reader: Box<dyn Read + Send>,
    },
    /// Chunks from a source, streamed with `Transfer-Encoding: chunked` and ended with the
    /// source's trailers (to an HTTP/1.0 client: close-delimited, without trailers).
    Chunked(Box<dyn ChunkSource>),
}

impl core::fmt::Debug for Body {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Body::Empty => f.write_str("Empty"),
            Body::Bytes(b) => write!(f, "Bytes({} bytes)", b.len()),
            Body::Reader { len, .. } => write!(f, "Reader({len} bytes)"),
            Body::Chunked(_) => f.write_str("Chunked"),
        }
    }
}

/// Where a chunked response body comes from.
pub trait ChunkSource: Send {
    /// The next chunk's data (empty data is skipped), or `None` at the end.
    fn next_chunk(&mut self) -> io::Result<Option<&[u8]>>;

    /// The trailer fields, asked for once after the last chunk.
    fn trailers(&mut self) -> Vec<(String, String)>;
}

/// A response from a handler.
#[derive(Debug)]
pub struct Response {
    status: u16,
    content_type: Option<MediaType>,
    fields: Vec<(String, String)>,
    body: Body,
    close: bool,
}

impl Response {
    /// A response with `status` (100–999; one without a registered reason phrase goes out
    /// with an empty one) and no body.
    pub fn new(status: u16) -> Response {
        Response {
            status,
            content_type: None,
            fields: Vec::new(),
            body: Body::Empty,
            close: false,
        }
    }

    /// A `text/plain` response.
    pub fn text(status: u16, text: impl Into<String>) -> Response {
        Response::new(status)
            .content_type(MediaType::TextPlain)
            .body(Body::Bytes(text.into().into_bytes()))
    }

    /// Sets the `Content-Type`.
    pub fn content_type(mut self, media: MediaType) -> Response {
        self.content_type = Some(media);
        self
    }

    /// Adds a header field (checked by http1's writer when the head is written: a field it
    /// refuses turns the response into a 500).
    pub fn field(mut self, name: impl Into<String>, value: impl Into<String>) -> Response {
        self.fields.push((name.into(), value.into()));
        self
    }

    /// Sets the body.
    pub fn body(mut self, body: Body) -> Response {
        self.body = body;
        self
    }

    /// Closes the connection after this response (`Connection: close`).
    pub fn close(mut self) -> Response {
        self.close = true;
        self
    }

    /// The status code.
    pub fn status(&self) -> u16 {
        self.status
    }
}

/// What answers requests. Closures `Fn(&Request) -> Response` are handlers.
pub trait Handler: Send + Sync + 'static {
    /// The response to `req`.
    fn handle(&self, req: &Request<'_>) -> Response;
}

impl<F: Fn(&Request<'_>) -> Response + Send + Sync + 'static> Handler for F {
    fn handle(&self, req: &Request<'_>) -> Response {
        self(req)
    }
}

/// What the accept loop and the connections share.
struct Shared {
    stop: AtomicBool,
    accepted: AtomicU64,
    /// The live connections, by id: a clone of each stream, to shut them down on stop.
    live: Mutex<HashMap<u64, TcpStream>>,
}

/// A bound server; [`serve`](Server::serve) runs it, [`spawn`](Server::spawn) runs it in a
/// thread that a [`ServerHandle`] stops.
pub struct Server {
    listener: TcpListener,
    config: Config,
    handler: Arc<dyn Handler>,
    shared: Arc<Shared>,
}

impl core::fmt::Debug for Server {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Server")
            .field("listener", &self.listener)
            .field("config", &self.config)
            .finish()
    }
}

impl Server {
    /// Binds `addr` (port 0 picks a free port: see [`local_addr`](Server::local_addr)).
    pub fn bind(
        addr: impl ToSocketAddrs,
        config: Config,
        handler: impl Handler,
    ) -> io::Result<Server> {
        Ok(Server {
            listener: TcpListener::bind(addr)?,
            config,
            handler: Arc::new(handler),
            shared: Arc::new(Shared {
                stop: AtomicBool::new(false),
                accepted: AtomicU64::new(0),
                live: Mutex::new(HashMap::new()),
            }),
        })
    }

    /// The address the server listens on.
    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Accepts connections until stopped (only a [`ServerHandle`] stops it), then closes the
    /// live connections and waits for their threads.
    pub fn serve(self) -> io::Result<()> {
        let mut threads: Vec<JoinHandle<()>> = Vec::new();
        let mut result = Ok(());
        for stream in self.listener.incoming() {
            if self.shared.stop.load(Ordering::SeqCst) {
                break;
            }
            threads.retain(|t| !t.is_finished());
            let stream = match stream {
                Ok(s) => s,
                // A connection that failed before it was accepted (reset, aborted): next.
                Err(e) if is_transient_accept_error(&e) => continue,
                Err(e) => {
                    result = Err(e);
                    break;
                }
            };
            let id = self.shared.accepted.fetch_add(1, Ordering::SeqCst) + 1;
            if threads.len() >= self.config.max_connections {
                refuse_busy(stream);
                continue;
            }
            let Ok(clone) = stream.try_clone() else {
                continue;
            };
            lock(&self.shared.live).insert(id, clone);
            let (config, handler, shared) =
                (self.config, self.handler.clone(), self.shared.clone());
            let spawned = thread::Builder::new()
                .name(format!("httpwire-conn-{id}"))
                .spawn(move || {
                    conn::serve_connection(stream, id, &config, &*handler);
                    lock(&shared.live).remove(&id);
                });
            match spawned {
                Ok(t) => threads.push(t),
                Err(_) => {
                    if let Some(s) = lock(&self.shared.live).remove(&id) {
                        refuse_busy(s);
                    }
                }
            }
        }
        for (_, s) in lock(&self.shared.live).drain() {
            let _ = s.shutdown(Shutdown::Both);
        }
        for t in threads {
            let _ = t.join();
        }
        result
    }

    /// Runs [`serve`](Server::serve) in a thread.
    pub fn spawn(self) -> io::Result<ServerHandle> {
        let addr = self.local_addr()?;
        let shared = self.shared.clone();
        let thread = thread::Builder::new()
            .name("httpwire-accept".into())
            .spawn(move || self.serve())?;
        Ok(ServerHandle {
            addr,
            shared,
            thread: Some(thread),
        })
    }
}

/// A server running in a thread (from [`Server::spawn`]); dropping it stops it too.
#[derive(Debug)]
pub struct ServerHandle {
    addr: SocketAddr,
    shared: Arc<Shared>,
    thread: Option<JoinHandle<io::Result<()>>>,
}

impl core::fmt::Debug for Shared {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Shared")
            .field("stop", &self.stop)
            .field("accepted", &self.accepted)
            .finish()
    }
}

impl ServerHandle {
    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Connections accepted so far (the wake-up connection of [`stop`](Self::stop) aside).
    pub fn connections_accepted(&self) -> u64 {
        self.shared.accepted.load(Ordering::SeqCst)
    }

    /// Stops accepting, shuts the live connections down and joins every server thread.
    pub fn stop(mut self) -> io::Result<()> {
        self.stop_and_join()
    }

    fn stop_and_join(&mut self) -> io::Result<()> {
        let Some(thread) = self.thread.take() else {
            return Ok(());
        };
        self.shared.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop with a connection of our own.
        let mut wake = self.addr;
        if wake.ip().is_unspecified() {
            wake.set_ip(match wake {
                SocketAddr::V4(_) => [127, 0, 0, 1].into(),
                SocketAddr::V6(_) => std::net::Ipv6Addr::LOCALHOST.into(),
            });
        }
        let _ = TcpStream::connect_timeout(&wake, Duration::from_secs(1));
        thread
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("the accept thread panicked")))
    }
}

impl Drop for ServerHandle {
    fn drop(&mut self) {
        let _ = self.stop_and_join();
    }
}

/// The mutex's data, even if a thread panicked while holding it (the map stays usable).
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn is_transient_accept_error(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
            | io::ErrorKind::Interrupted
            | io::ErrorKind::WouldBlock
    ) || e.raw_os_error() == Some(24) // EMFILE: out of descriptors, try the next one
}

/// 503 to a connection over [`Config::max_connections`], written from the accept loop with a
/// short timeout.
fn refuse_busy(mut stream: TcpStream) {
    const BODY: &[u8] = b"too many connections\n";
    let _ = stream.set_write_timeout(Some(Duration::from_millis(200)));
    let mut out = Vec::with_capacity(160);
    conn::put_status_line(&mut out, 503);
    out.extend_from_slice(lines::CONNECTION_CLOSE);
    out.extend_from_slice(MediaType::TextPlain.content_type_line());
    out.extend_from_slice(lines::ContentLength::new(BODY.len() as u64).as_bytes());
    out.extend_from_slice(b"\r\n");
    out.extend_from_slice(BODY);
    let _ = stream.write_all(&out);
    let _ = stream.shutdown(Shutdown::Write);
}
