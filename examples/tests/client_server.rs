//! The client against the in-process server: every route and framing, keep-alive reuse,
//! pipelining, HEAD, `Expect: 100-continue`, uploads.

mod common;

use std::io::Write;
use std::net::TcpListener;
use std::thread;

use common::{
    connect, exchange_until_close, has_line, read_head, read_to_close, start, status, url,
};
use http1::BodyFraming;
use httpwire_examples::client::Client;
use httpwire_examples::pattern;
use httpwire_examples::server::Config;

#[test]
fn every_route_over_one_kept_alive_connection() {
    let server = start(Config::default());
    let addr = server.addr();
    let mut client = Client::new();

    let r = client.get(&url(addr, "/")).unwrap();
    assert_eq!((r.status, &r.body[..]), (200, &b"hello\n"[..]));
    assert_eq!(r.framing, BodyFraming::ContentLength(6));
    assert_eq!(
        r.field("content-type"),
        Some(&b"text/plain; charset=utf-8"[..])
    );
    assert!(!r.reused && r.keep_alive);

    let r = client.get(&url(addr, "/files/hello.txt")).unwrap();
    assert_eq!((r.status, &r.body[..]), (200, &b"hello from a file\n"[..]));
    assert!(r.reused);
    let r = client.get(&url(addr, "/files/page.html")).unwrap();
    assert_eq!(
        r.field("Content-Type"),
        Some(&b"text/html; charset=utf-8"[..])
    );
    assert_eq!(
        client.get(&url(addr, "/files/missing.txt")).unwrap().status,
        404
    );
    assert_eq!(
        client
            .get(&url(addr, "/files/../Cargo.toml"))
            .unwrap()
            .status,
        400
    );
    assert_eq!(
        client.get(&url(addr, "/files//etc/passwd")).unwrap().status,
        400
    );

    let r = client.get(&url(addr, "/bytes?n=100000")).unwrap();
    assert_eq!(r.framing, BodyFraming::ContentLength(100_000));
    assert_eq!(r.body, pattern::bytes(100_000));

    let r = client
        .get(&url(addr, "/chunked?size=5000&chunk=700"))
        .unwrap();
    assert_eq!(r.framing, BodyFraming::Chunked);
    assert_eq!(r.body, pattern::bytes(5000));

    let r = client
        .request("POST", &url(addr, "/echo"), Some(b"echo me"))
        .unwrap();
    assert_eq!((r.status, &r.body[..]), (200, &b"echo me"[..]));
    assert_eq!(r.field("X-Trailer-Count"), None);

    let r = client.request("DELETE", &url(addr, "/echo"), None).unwrap();
    assert_eq!((r.status, r.field("Allow")), (405, Some(&b"POST, PUT"[..])));
    let r = client.request("POST", &url(addr, "/"), Some(b"x")).unwrap();
    assert_eq!((r.status, r.field("Allow")), (405, Some(&b"GET, HEAD"[..])));
    assert_eq!(client.get(&url(addr, "/nowhere")).unwrap().status, 404);
    assert_eq!(client.get(&url(addr, "/chunked")).unwrap().status, 400);
    assert_eq!(client.get(&url(addr, "/bytes?n=12x")).unwrap().status, 400);

    let last = client.get(&url(addr, "/")).unwrap();
    assert!(last.reused && last.keep_alive);
    assert_eq!(
        server.connections_accepted(),
        1,
        "every request on one connection"
    );
    assert_eq!(client.idle_connections(), 1);
    server.stop().unwrap();
}

#[test]
fn chunked_bodies_and_trailers_byte_for_byte() {
    let server = start(Config::default());
    let mut client = Client::new();
    // Chunks copied into the output buffer, chunks written as io_slices (over 16 KiB), one
    // chunk, an uneven last chunk, and no data at all.
    for (size, chunk) in [
        (100_000u64, 1000usize),
        (300_000, 65_536),
        (10, 10),
        (10, 3),
        (0, 5),
    ] {
        let r = client
            .get(&url(
                server.addr(),
                &format!("/chunked?size={size}&chunk={chunk}"),
            ))
            .unwrap();
        assert_eq!(r.status, 200);
        assert_eq!(r.framing, BodyFraming::Chunked);
        assert_eq!(r.body, pattern::bytes(size as usize), "size {size}");
        let names: Vec<&[u8]> = r.trailers.iter().map(|(n, _)| &n[..]).collect();
        assert_eq!(names, [&b"X-Body-Length"[..], b"X-Checksum"]);
        assert_eq!(
            r.trailer("x-body-length"),
            Some(size.to_string().as_bytes())
        );
        assert_eq!(
            r.trailer("x-checksum"),
            Some(pattern::checksum(&r.body).as_bytes())
        );
    }
    // The wire itself: sizes in hex, then the last chunk and the trailers.
    let wire = exchange_until_close(
        server.addr(),
        b"GET /chunked?size=10&chunk=4 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n",
    );
    let body_start = wire.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
    let p = pattern::bytes(10);
    let mut want = Vec::new();
    for piece in p.chunks(4) {
        want.extend_from_slice(format!("{:x}\r\n", piece.len()).as_bytes());
        want.extend_from_slice(piece);
        want.extend_from_slice(b"\r\n");
    }
    want.extend_from_slice(
        format!(
            "0\r\nX-Body-Length: 10\r\nX-Checksum: {}\r\n\r\n",
            pattern::checksum(&p)
        )
        .as_bytes(),
    );
    assert_eq!(wire[body_start..], want[..]);
    assert!(has_line(&wire, "Transfer-Encoding: chunked"));
    server.stop().unwrap();
}

#[test]
fn http10_gets_a_close_delimited_stream_instead_of_chunks() {
    let server = start(Config::default());
    let wire = exchange_until_close(
        server.addr(),
        b"GET /chunked?size=3000&chunk=100 HTTP/1.0\r\n\r\n",
    );
    assert_eq!(status(&wire), 200);
    assert!(has_line(&wire, "Connection: close"));
    assert!(!has_line(&wire, "Transfer-Encoding: chunked"));
    let body_start = wire.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
    assert_eq!(wire[body_start..], pattern::bytes(3000)[..]);
    server.stop().unwrap();
}

/// A server that answers each connection's first request with a close-delimited body.
#[test]
fn close_delimited_response_and_no_reuse_after_it() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let raw = thread::spawn(move || {
        for _ in 0..2 {
            let (mut s, _) = listener.accept().unwrap();
            read_head(&mut s);
            s.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end\n")
                .unwrap();
            // Dropping the stream closes it: the end of the body.
        }
    });
    let mut client = Client::new();
    for _ in 0..2 {
        let r = client.get(&url(addr, "/stream")).unwrap();
        assert_eq!(r.framing, BodyFraming::CloseDelimited);
        assert_eq!(r.body, b"until the end\n");
        assert!(!r.keep_alive && !r.reused, "a fresh connection each time");
    }
    assert_eq!(client.idle_connections(), 0);
    raw.join().unwrap();
}

#[test]
fn a_reused_connection_closed_by_the_server_is_retried_once() {
    // A server that closes each connection after one response (without saying so).
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let raw = thread::spawn(move || {
        for i in 0..2 {
            let (mut s, _) = listener.accept().unwrap();
            read_head(&mut s);
            let body = format!("response {i}\n");
            s.write_all(
                format!(
                    "HTTP/1.1 200 OK\r\nContent-Length: {}\r\n\r\n{body}",
                    body.len()
                )
                .as_bytes(),
            )
            .unwrap();
        }
    });
    let mut client = Client::new();
    let first = client.get(&url(addr, "/")).unwrap();
    assert_eq!(
        (first.body.as_slice(), first.keep_alive),
        (&b"response 0\n"[..], true)
    );
    // The pooled connection is closed by now: the request goes again on a new one.
    let second = client.get(&url(addr, "/")).unwrap();
    assert_eq!(
        (second.body.as_slice(), second.reused),
        (&b"response 1\n"[..], false)
    );
    raw.join().unwrap();
}

#[test]
fn pipelined_requests_are_answered_in_order() {
    let server = start(Config::default());
    let mut s = connect(server.addr());
    s.write_all(
        b"GET / HTTP/1.1\r\nHost: a\r\n\r\n\
          GET /bytes?n=5 HTTP/1.1\r\nHost: a\r\n\r\n\
          POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\nX-T: 1\r\n\r\n\
          PUT /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\n\r\nwxyz\
          HEAD / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n",
    )
    .unwrap();
    let got = read_to_close(&mut s);
    let mut want = Vec::new();
    want.extend_from_slice(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 6\r\n\r\nhello\n",
    );
    want.extend_from_slice(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: 5\r\n\r\n",
    );
    want.extend_from_slice(&pattern::bytes(5));
    want.extend_from_slice(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: 3\r\nX-Trailer-Count: 1\r\n\r\nabc",
    );
    want.extend_from_slice(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: 4\r\n\r\nwxyz",
    );
    want.extend_from_slice(
        b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 6\r\n\r\n",
    );
    assert_eq!(
        String::from_utf8_lossy(&got),
        String::from_utf8_lossy(&want)
    );
    assert_eq!(server.connections_accepted(), 1);
    server.stop().unwrap();
}

#[test]
fn head_gets_the_head_of_get_and_no_body() {
    let server = start(Config::default());
    for path in [
        "/",
        "/files/page.html",
        "/bytes?n=70000",
        "/chunked?size=100&chunk=10",
    ] {
        let get = exchange_until_close(
            server.addr(),
            format!("GET {path} HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n").as_bytes(),
        );
        let head = exchange_until_close(
            server.addr(),
            format!("HEAD {path} HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n").as_bytes(),
        );
        let get_head_len = get.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
        assert!(get.len() > get_head_len, "{path}: GET has a body");
        assert_eq!(
            String::from_utf8_lossy(&head),
            String::from_utf8_lossy(&get[..get_head_len]),
            "{path}"
        );
    }
    // Through the client, on a kept-alive connection: HEAD frames no body.
    let mut client = Client::new();
    let r = client
        .request("HEAD", &url(server.addr(), "/bytes?n=1000"), None)
        .unwrap();
    assert_eq!((r.framing, r.body.len()), (BodyFraming::None, 0));
    assert_eq!(r.field("Content-Length"), Some(&b"1000"[..]));
    let r = client.get(&url(server.addr(), "/")).unwrap();
    assert!(r.reused && r.body == b"hello\n");
    server.stop().unwrap();
}

#[test]
fn expect_100_continue_comes_before_the_body_is_sent() {
    let server = start(Config::default());
    let mut s = connect(server.addr());
    s.write_all(
        b"POST /echo HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n",
    )
    .unwrap();
    assert_eq!(read_head(&mut s), b"HTTP/1.1 100 Continue\r\n\r\n");
    s.write_all(b"hello").unwrap();
    let head = read_head(&mut s);
    assert_eq!(status(&head), 200);
    assert!(has_line(&head, "Content-Length: 5"));
    let mut body = [0u8; 5];
    std::io::Read::read_exact(&mut s, &mut body).unwrap();
    assert_eq!(&body, b"hello");

    // A body over the limit is refused without being read, and no 100 is sent.
    drop(s);
    let server = start(Config {
        max_body_len: 10,
        ..Config::default()
    });
    let wire = exchange_until_close(
        server.addr(),
        b"PUT /echo HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 11\r\n\r\n",
    );
    assert_eq!(status(&wire), 413);
    assert!(has_line(&wire, "Connection: close"));
    server.stop().unwrap();
}

#[test]
fn uploads_are_echoed_byte_for_byte() {
    let server = start(Config::default());
    let mut client = Client::new();
    // 5 MB with Content-Length.
    let big: Vec<u8> = (0..5_000_000u32).map(|i| (i % 253) as u8).collect();
    let r = client
        .request("PUT", &url(server.addr(), "/echo"), Some(&big))
        .unwrap();
    assert_eq!(r.status, 200);
    assert!(r.body == big, "5 MB echoed");

    // Chunked, with trailers, sent in small pieces that split size lines and trailers.
    let mut s = connect(server.addr());
    let mut wire = Vec::new();
    wire.extend_from_slice(b"POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n");
    let data = pattern::bytes(70_000);
    for piece in data.chunks(9_999) {
        chunked::encode::write_chunk(&mut wire, piece).unwrap();
    }
    let trailers = [
        chunked::encode::Field {
            name: b"X-One",
            value: b"1",
        },
        chunked::encode::Field {
            name: b"X-Two",
            value: b"2",
        },
    ];
    chunked::encode::write_last_chunk(&mut wire, &trailers).unwrap();
    for piece in wire.chunks(777) {
        s.write_all(piece).unwrap();
    }
    let head = read_head(&mut s);
    assert_eq!(status(&head), 200);
    assert!(has_line(&head, "Content-Length: 70000"));
    assert!(has_line(&head, "X-Trailer-Count: 2"));
    let mut body = vec![0u8; 70_000];
    std::io::Read::read_exact(&mut s, &mut body).unwrap();
    assert!(body == data);
    server.stop().unwrap();
}

#[test]
fn limits_on_requests_and_connections() {
    // The second request on a connection is its last.
    let server = start(Config {
        max_requests_per_connection: 2,
        ..Config::default()
    });
    let mut client = Client::new();
    let a = client.get(&url(server.addr(), "/")).unwrap();
    let b = client.get(&url(server.addr(), "/")).unwrap();
    assert!(a.keep_alive && b.reused && !b.keep_alive);
    assert_eq!(b.field("Connection"), Some(&b"close"[..]));
    let c = client.get(&url(server.addr(), "/")).unwrap();
    assert!(!c.reused);
    assert_eq!(server.connections_accepted(), 2);
    server.stop().unwrap();

    // One connection at a time: a second one gets 503 while the first is open.
    let server = start(Config {
        max_connections: 1,
        ..Config::default()
    });
    let mut client = Client::new();
    assert_eq!(client.get(&url(server.addr(), "/")).unwrap().status, 200);
    let wire = exchange_until_close(server.addr(), b"GET / HTTP/1.1\r\nHost: a\r\n\r\n");
    assert_eq!(status(&wire), 503);
    // The first connection still works, and the handle stops with it open.
    assert!(client.get(&url(server.addr(), "/")).unwrap().reused);
    server.stop().unwrap();
}

#[test]
fn stop_closes_idle_connections() {
    let server = start(Config::default());
    let mut s = connect(server.addr());
    s.write_all(b"GET / HTTP/1.1\r\nHost: a\r\n\r\n").unwrap();
    assert_eq!(status(&read_head(&mut s)), 200);
    let started = std::time::Instant::now();
    server.stop().unwrap();
    assert!(started.elapsed() < std::time::Duration::from_secs(3));
    // The rest of the response, then the end of the stream.
    assert_eq!(read_to_close(&mut s), b"hello\n");
}
