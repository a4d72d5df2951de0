//! What the integration tests share: a server on 127.0.0.1:0 with a files directory, and a
//! raw socket client.
#![allow(dead_code, unreachable_pub)]

use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpStream};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use httpwire_examples::server::{Config, Routes, Server, ServerHandle};

/// A fresh directory with `hello.txt` and `page.html`, under Cargo's scratch directory for
/// integration tests (in `target/`, so nothing is left in the system's temporary directory).
pub fn files_dir() -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "httpwire-examples-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("hello.txt"), b"hello from a file\n").unwrap();
    std::fs::write(dir.join("page.html"), b"<p>hi</p>\n").unwrap();
    dir
}

/// The example routes on 127.0.0.1:0 with `config`, in a thread.
pub fn start(config: Config) -> ServerHandle {
    Server::bind("127.0.0.1:0", config, Routes::new(Some(files_dir())))
        .unwrap()
        .spawn()
        .unwrap()
}

/// `http://ADDR` + `path`.
pub fn url(addr: SocketAddr, path: &str) -> String {
    format!("http://{addr}{path}")
}

/// A connection with a 5 s read timeout (no test waits that long when it passes).
pub fn connect(addr: SocketAddr) -> TcpStream {
    let s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    s
}

/// Everything the server sends until it closes the connection.
pub fn read_to_close(s: &mut TcpStream) -> Vec<u8> {
    let mut got = Vec::new();
    let mut buf = [0u8; 16 * 1024];
    loop {
        match s.read(&mut buf) {
            Ok(0) => return got,
            Ok(n) => got.extend_from_slice(&buf[..n]),
            // A reset after the response still counts as closed.
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => return got,
            Err(e) => panic!("reading: {e} after {:?}", String::from_utf8_lossy(&got)),
        }
    }
}

/// Bytes up to and including the first empty line (a head), read one at a time so that
/// nothing after it is taken.
pub fn read_head(s: &mut TcpStream) -> Vec<u8> {
    let mut got = Vec::new();
    let mut b = [0u8; 1];
    while !got.ends_with(b"\r\n\r\n") {
        match s.read(&mut b) {
            Ok(1) => got.push(b[0]),
            other => panic!("reading a head: {other:?} after {got:?}"),
        }
    }
    got
}

/// Sends `request` on a new connection, half-closes nothing, and returns all the server sent
/// until it closed the connection.
pub fn exchange_until_close(addr: SocketAddr, request: &[u8]) -> Vec<u8> {
    let mut s = connect(addr);
    // The server may answer and close before it has read everything: ignore a failed write.
    let _ = s.write_all(request);
    let got = read_to_close(&mut s);
    let _ = s.shutdown(Shutdown::Both);
    got
}

/// The status code of a response's status line.
pub fn status(response: &[u8]) -> u16 {
    std::str::from_utf8(response.get(9..12).unwrap_or_default())
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {:?}", String::from_utf8_lossy(response)))
}

/// Whether a response head has the field line `line` (exact, without CRLF).
pub fn has_line(response: &[u8], line: &str) -> bool {
    let head_end = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or(response.len());
    response[..head_end]
        .split(|&b| b == b'\n')
        .any(|l| l.strip_suffix(b"\r").unwrap_or(l) == line.as_bytes())
}
