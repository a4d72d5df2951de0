//! Malformed requests from a raw socket get the right status, `Connection: close` and a
//! closed connection, and the server keeps serving other connections after each.

mod common;

use std::io::Write;
use std::time::{Duration, Instant};

use common::{connect, exchange_until_close, has_line, read_to_close, start, status, url};
use httpwire_examples::client::Client;
use httpwire_examples::server::Config;

/// Sends `request` and checks the status, `Connection: close`, the close, and that a kept-alive
/// client connection opened before still works.
fn refused(addr: std::net::SocketAddr, client: &mut Client, request: &[u8], want: u16, what: &str) {
    let wire = exchange_until_close(addr, request);
    assert!(!wire.is_empty(), "{what}: no response");
    assert_eq!(
        status(&wire),
        want,
        "{what}: {}",
        String::from_utf8_lossy(&wire)
    );
    assert!(has_line(&wire, "Connection: close"), "{what}");
    let r = client.get(&url(addr, "/")).unwrap();
    assert!(r.status == 200 && r.reused, "{what}: the server goes on");
}

#[test]
fn each_class_of_bad_input_gets_its_status() {
    let server = start(Config::default());
    let addr = server.addr();
    let mut client = Client::new();
    assert_eq!(client.get(&url(addr, "/")).unwrap().status, 200);

    let long_target = format!("GET /{} HTTP/1.1\r\nHost: a\r\n\r\n", "a".repeat(9000));
    let huge_field = format!(
        "GET / HTTP/1.1\r\nHost: a\r\nX-Big: {}\r\n\r\n",
        "v".repeat(70_000)
    );
    let many_fields = format!(
        "GET / HTTP/1.1\r\nHost: a\r\n{}\r\n",
        (0..150)
            .map(|i| format!("X-F{i}: {i}\r\n"))
            .collect::<String>()
    );
    let cases: Vec<(&[u8], u16, &str)> = vec![
        (b"GET / HTTP/1.1\r\nHost: a\r\nBad Field: x\r\n\r\n", 400, "space in a field name"),
        (b"GET / HTTP/1.1\r\nHost : a\r\n\r\n", 400, "space before the colon"),
        (b"GET / HTTP/1.1\nHost: a\n\n", 400, "bare LF"),
        (b"GET / HTTP/1.1\r\nHost: a\r\nX: a\rb\r\n\r\n", 400, "bare CR in a value"),
        (b"GET / HTTP/1.1\r\nHost: a\r\nX: 1\r\n folded\r\n\r\n", 400, "obs-fold"),
        (b"GET  / HTTP/1.1\r\nHost: a\r\n\r\n", 400, "two spaces in the request line"),
        (b"GET / HTTP/1.1\r\n\r\n", 400, "no Host"),
        (b"GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400, "two Hosts"),
        (
            b"POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nab\r\n0\r\n\r\n",
            400,
            "invalid chunk size",
        ),
        (
            b"POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n0\r\n\r\n",
            400,
            "chunk data longer than its size",
        ),
        (
            b"POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            400,
            "Content-Length with Transfer-Encoding",
        ),
        (
            b"POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!",
            400,
            "two different Content-Lengths",
        ),
        (b"POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: +5\r\n\r\nhello", 400, "signed Content-Length"),
        (
            b"POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, gzip\r\n\r\n",
            400,
            "chunked not final",
        ),
        (
            b"POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n",
            400,
            "chunked twice",
        ),
        (
            b"POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999999\r\n\r\n",
            413,
            "Content-Length past u64",
        ),
        (long_target.as_bytes(), 414, "a 9000-byte target"),
        (huge_field.as_bytes(), 431, "a 70 KB field"),
        (many_fields.as_bytes(), 431, "150 fields"),
        (
            b"POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n",
            501,
            "gzip, chunked",
        ),
        (
            b"POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: br, chunked\r\n\r\n0\r\n\r\n",
            501,
            "an unknown coding",
        ),
        (b"BREW / HTTP/1.1\r\nHost: a\r\n\r\n", 501, "an unknown method"),
        (b"CONNECT a:443 HTTP/1.1\r\nHost: a:443\r\n\r\n", 501, "CONNECT"),
        (b"GET / HTTP/2.0\r\nHost: a\r\n\r\n", 505, "HTTP/2.0"),
        (b"GET / HTTP/0.9\r\nHost: a\r\n\r\n", 505, "HTTP/0.9"),
        (b"GET / HTTP/1.10\r\nHost: a\r\n\r\n", 400, "a version with two minor digits"),
    ];
    let n = cases.len() as u64;
    for (request, want, what) in cases {
        refused(addr, &mut client, request, want, what);
    }
    // HTTP/1.2 is HTTP/1.1 (RFC 9110 §2.5: a higher minor version is served as the highest
    // one implemented).
    let wire = exchange_until_close(
        addr,
        b"GET / HTTP/1.2\r\nHost: a\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(status(&wire), 200);
    assert_eq!(server.connections_accepted(), 1 + n + 1);
    server.stop().unwrap();
}

#[test]
fn bodies_over_the_limit_get_413() {
    let server = start(Config {
        max_body_len: 64,
        ..Config::default()
    });
    let addr = server.addr();
    let mut client = Client::new();
    assert_eq!(client.get(&url(addr, "/")).unwrap().status, 200);
    let mut over = b"POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 65\r\n\r\n".to_vec();
    over.extend_from_slice(&[b'x'; 65]);
    refused(
        addr,
        &mut client,
        &over,
        413,
        "Content-Length over the limit",
    );
    let mut chunks =
        b"POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
    for _ in 0..5 {
        chunks.extend_from_slice(b"10\r\n0123456789abcdef\r\n");
    }
    chunks.extend_from_slice(b"0\r\n\r\n");
    refused(
        addr,
        &mut client,
        &chunks,
        413,
        "a chunked body growing over the limit",
    );
    // At the limit: fine, and kept alive.
    let r = client
        .request("POST", &url(addr, "/echo"), Some(&[b'y'; 64]))
        .unwrap();
    assert_eq!((r.status, r.body.len(), r.keep_alive), (200, 64, true));
    server.stop().unwrap();
}

#[test]
fn configured_head_limits() {
    let server = start(Config {
        max_head_len: 512,
        max_fields: 4,
        max_target_len: 64,
        ..Config::default()
    });
    let addr = server.addr();
    let mut client = Client::new();
    assert_eq!(client.get(&url(addr, "/")).unwrap().status, 200);
    let target = format!("GET /{} HTTP/1.1\r\nHost: a\r\n\r\n", "t".repeat(64));
    refused(
        addr,
        &mut client,
        target.as_bytes(),
        414,
        "a 65-byte target",
    );
    let fields = b"GET / HTTP/1.1\r\nHost: a\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n";
    refused(addr, &mut client, fields, 431, "5 fields");
    let big = format!(
        "GET / HTTP/1.1\r\nHost: a\r\nX: {}\r\n\r\n",
        "v".repeat(500)
    );
    refused(addr, &mut client, big.as_bytes(), 431, "a 540-byte head");
    server.stop().unwrap();
}

#[test]
fn read_timeouts() {
    let server = start(Config {
        read_timeout: Duration::from_millis(200),
        ..Config::default()
    });
    // An idle connection is closed without a word.
    let mut s = connect(server.addr());
    let started = Instant::now();
    assert_eq!(read_to_close(&mut s), b"");
    assert!(started.elapsed() < Duration::from_secs(3));
    // A request that stalls half-way gets 408.
    let mut s = connect(server.addr());
    s.write_all(b"GET / HTTP/1.1\r\nHo").unwrap();
    let wire = read_to_close(&mut s);
    assert_eq!(status(&wire), 408);
    assert!(has_line(&wire, "Connection: close"));
    // So does a body that stops coming.
    let mut s = connect(server.addr());
    s.write_all(b"POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\nabc")
        .unwrap();
    assert_eq!(status(&read_to_close(&mut s)), 408);
    server.stop().unwrap();
}

#[test]
fn garbage_never_brings_the_server_down() {
    let server = start(Config::default());
    let addr = server.addr();
    // A few deterministic byte soups and truncations; whatever they get, the server answers
    // the next client.
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let base = b"POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\nX: y\r\n\r\n";
    for round in 0..40 {
        let mut req = base.to_vec();
        for _ in 0..3 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let at = (seed % req.len() as u64) as usize;
            req[at] = (seed >> 32) as u8;
        }
        if round % 4 == 0 {
            req.truncate((seed % req.len() as u64) as usize);
        }
        let mut s = connect(addr);
        let _ = s.write_all(&req);
        let _ = s.shutdown(std::net::Shutdown::Write);
        let _ = read_to_close(&mut s);
    }
    let mut client = Client::new();
    assert_eq!(client.get(&url(addr, "/")).unwrap().status, 200);
    server.stop().unwrap();
}
