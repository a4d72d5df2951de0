//! The `httpwire` binary, run as a user would, against the contract in `src/main.rs`.

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_httpwire");

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str], stdin: &[u8]) -> Run {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn httpwire");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().expect("exit code"),
        stdout: String::from_utf8(out.stdout).expect("utf-8 stdout"),
        stderr: String::from_utf8(out.stderr).expect("utf-8 stderr"),
    }
}

/// Runs with `--json` and checks stdout is exactly one JSON object.
fn run_json(args: &[&str], stdin: &[u8]) -> (i32, Value) {
    let r = run(args, stdin);
    let v: Value = serde_json::from_str(r.stdout.trim_end()).unwrap_or_else(|e| {
        panic!("stdout is not one JSON object ({e}): {:?}", r.stdout);
    });
    assert!(v.is_object(), "{v}");
    assert_eq!(r.stdout.trim_end().lines().count(), 1, "one line of JSON");
    (r.code, v)
}

/// Decodes a Latin-1-mapped JSON string back into bytes.
fn latin1(v: &Value) -> Vec<u8> {
    v.as_str()
        .expect("string")
        .chars()
        .map(|c| u8::try_from(u32::from(c)).expect("code point <= U+00FF"))
        .collect()
}

#[test]
fn status_code_lookup() {
    let (code, v) = run_json(&["status", "404", "--json"], b"");
    assert_eq!(code, 0);
    assert_eq!(v["ok"], true);
    assert_eq!(v["code"], 404);
    assert_eq!(v["reason"], "Not Found");
    assert_eq!(v["class"], "client_error");
    assert_eq!(v["registered"], true);
    assert_eq!(latin1(&v["line"]), b"HTTP/1.1 404 Not Found\r\n");

    let (code, v) = run_json(&["status", "--json", "418"], b"");
    assert_eq!(code, 0);
    assert_eq!(v["reason"], Value::Null);
    assert_eq!(v["registration"], "unused");
    assert_eq!(latin1(&v["line"]), b"HTTP/1.1 418 \r\n");

    let (code, v) = run_json(&["status", "799", "--json"], b"");
    assert_eq!(code, 0);
    assert_eq!(v["registered"], false);
    assert_eq!(v["class"], "nonstandard");

    let r = run(&["status", "503"], b"");
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("Service Unavailable"), "{}", r.stdout);
}

#[test]
fn status_code_refusals_and_usage() {
    for (arg, kind) in [
        ("1000", "out_of_range"),
        ("99", "out_of_range"),
        ("2x", "not_a_number"),
    ] {
        let (code, v) = run_json(&["status", arg, "--json"], b"");
        assert_eq!(code, 1, "{arg}");
        assert_eq!(v["ok"], false);
        assert_eq!(v["error"]["kind"], kind);
        assert_eq!(v["error"]["offset"], Value::Null);
    }
    let (code, v) = run_json(&["status", "--json"], b"");
    assert_eq!(code, 2);
    assert_eq!(v["error"]["kind"], "usage");
    let r = run(&["status"], b"");
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("usage"), "{}", r.stderr);
    assert_eq!(run(&["frobnicate"], b"").code, 2);
}

#[test]
fn status_line_from_stdin_and_file() {
    let (code, v) = run_json(
        &["status-line", "--json"],
        b"HTTP/1.1 201 Created\r\nX: y\r\n",
    );
    assert_eq!(code, 0);
    assert_eq!(v["status"], 201);
    assert_eq!(latin1(&v["reason"]), b"Created");
    assert_eq!(latin1(&v["version"]), b"HTTP/1.1");
    assert_eq!(v["consumed"], 22);

    let dir = std::env::temp_dir().join(format!("httpwire-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("line.bin");
    // obs-text in the reason must come back byte for byte through the Latin-1 mapping.
    std::fs::write(&file, b"HTTP/1.0 200 \xe9t\xe9\xff\r\n").unwrap();
    let (code, v) = run_json(&["status-line", "--json", file.to_str().unwrap()], b"");
    assert_eq!(code, 0);
    assert_eq!(latin1(&v["reason"]), b"\xe9t\xe9\xff");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn status_line_refusals_carry_kind_and_offset() {
    let cases: &[(&[u8], &str, u64)] = &[
        (b"HTTP/1.1 200 OK\n", "line_ending", 15),
        (b"HTTP/1.1 200 OK\rX\r\n", "line_ending", 15),
        (b"HTTP/1.1 20 OK\r\n", "status_code", 11),
        (b"HTTP/2 200 OK\r\n", "version", 6),
        (b"HTTP/1.1 200 O\x01K\r\n", "reason", 14),
        (b"HTTP/1.1 200 OK", "incomplete", 15),
    ];
    for &(input, kind, offset) in cases {
        let (code, v) = run_json(&["status-line", "--json"], input);
        assert_eq!(code, 1, "{kind}");
        assert_eq!(v["ok"], false);
        assert_eq!(v["error"]["kind"], kind);
        assert_eq!(v["error"]["offset"], offset);
        assert!(
            v["error"]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty())
        );
    }
}

#[test]
fn leniency_by_name() {
    let (code, _) = run_json(&["status-line", "--json"], b"HTTP/1.1 200 OK\n");
    assert_eq!(code, 1);
    let (code, v) = run_json(
        &["status-line", "--json", "--lenient", "bare_lf"],
        b"HTTP/1.1 200 OK\n",
    );
    assert_eq!(code, 0);
    assert_eq!(v["consumed"], 16);
    let (code, v) = run_json(&["status-line", "--json", "--lenient", "nope"], b"");
    assert_eq!(code, 2);
    assert_eq!(v["error"]["kind"], "usage");
}

#[test]
fn io_error_is_exit_2() {
    let (code, v) = run_json(
        &["status-line", "--json", "/nonexistent/httpwire/file"],
        b"",
    );
    assert_eq!(code, 2);
    assert_eq!(v["error"]["kind"], "io");
    let r = run(&["status-line", "/nonexistent/httpwire/file"], b"");
    assert_eq!(r.code, 2);
    assert!(r.stdout.is_empty());
}

#[test]
fn demo_runs_on_bundled_samples() {
    for args in [&["demo"][..], &[][..]] {
        let r = run(args, b"");
        assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
        assert!(r.stdout.contains("== status-lines"), "{}", r.stdout);
        assert!(r.stdout.contains("0 not as expected"), "{}", r.stdout);
        assert!(r.stdout.contains("refused"), "{}", r.stdout);
    }
}

#[test]
fn demo_reports_a_sample_that_misbehaves() {
    let dir = std::env::temp_dir().join(format!("httpwire-demo-test-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("status-lines")).unwrap();
    std::fs::write(
        dir.join("status-lines/ok-actually-bad.txt"),
        b"HTTP/1.1 200 OK\n",
    )
    .unwrap();
    let r = run(&["demo", dir.to_str().unwrap()], b"");
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(r.stdout.contains("1 not as expected"), "{}", r.stdout);
}

#[test]
fn request_json_contract() {
    let wire = b"POST /a?b HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhelloGET /next HTTP/1.1\r\n\r\n";
    let (code, v) = run_json(&["request", "--json"], wire);
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["ok"], true);
    assert_eq!(latin1(&v["method"]), b"POST");
    assert_eq!(latin1(&v["target"]), b"/a?b");
    assert_eq!(latin1(&v["version"]), b"HTTP/1.1");
    let headers = v["headers"].as_array().unwrap();
    assert_eq!(headers.len(), 2);
    assert_eq!(latin1(&headers[1][0]), b"Content-Length");
    assert_eq!(latin1(&headers[1][1]), b"5");
    assert_eq!(v["head_len"], 50);
    assert_eq!(v["framing"]["kind"], "content-length");
    assert_eq!(v["framing"]["length"], 5);
    assert_eq!(v["keep_alive"], true);
    assert_eq!(latin1(&v["body"]), b"hello");
    assert_eq!(v["trailers"], Value::Null);
    // The pipelined next request is not part of this message.
    assert_eq!(v["consumed"], 55);
}

#[test]
fn request_refusals() {
    let cases: &[(&[u8], &str, u64)] = &[
        (
            b"GET / HTTP/1.1\r\nHost : a\r\n\r\n",
            "whitespace_before_colon",
            20,
        ),
        (
            b"GET / HTTP/1.1\r\nFoo: 1\rBar: 2\r\n\r\n",
            "line_ending",
            22,
        ),
        (
            b"POST / HTTP/1.1\r\nContent-Length: +5\r\n\r\nhello",
            "invalid_content_length",
            33,
        ),
        (
            b"POST / HTTP/1.1\r\nContent-Length: 9\r\n\r\nshort",
            "incomplete",
            43,
        ),
        (b"GET / HTTP/1.1\r\nHost: a\r\n", "incomplete", 25),
    ];
    for &(input, kind, offset) in cases {
        let (code, v) = run_json(&["request", "--json"], input);
        assert_eq!(code, 1, "{kind}: {v}");
        assert_eq!(v["error"]["kind"], kind, "{v}");
        assert_eq!(v["error"]["offset"], offset, "{v}");
    }
    // A leniency by name turns one refusal into a decode.
    let (code, v) = run_json(
        &["request", "--json", "--lenient", "bare_lf"],
        b"GET / HTTP/1.1\nHost: a\n\n",
    );
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["head_len"], 24);
    let (code, _) = run_json(&["request", "--json", "--lenient", "no_such_thing"], b"");
    assert_eq!(code, 2);
}

#[test]
fn response_json_contract() {
    let (code, v) = run_json(
        &["response", "--json"],
        b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi",
    );
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["status"], 200);
    assert_eq!(latin1(&v["reason"]), b"OK");
    assert!(v.get("method").is_none() && v.get("target").is_none());
    assert_eq!(latin1(&v["body"]), b"hi");
    assert_eq!(v["consumed"], 40);

    // To HEAD there is no body, whatever Content-Length says.
    let (code, v) = run_json(
        &["response", "--json", "--method", "HEAD"],
        b"HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n",
    );
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["framing"]["kind"], "none");
    assert_eq!(latin1(&v["body"]), b"");

    // Close-delimited: the rest of the input, and the connection does not persist.
    let (_, v) = run_json(&["response", "--json"], b"HTTP/1.1 200 OK\r\n\r\nabc");
    assert_eq!(v["framing"]["kind"], "close");
    assert_eq!(latin1(&v["body"]), b"abc");
    assert_eq!(v["keep_alive"], false);

    // Chunked: not decoded yet, so body is null.
    let (_, v) = run_json(
        &["response", "--json"],
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
    );
    assert_eq!(v["framing"]["kind"], "chunked");
    assert_eq!(v["body"], Value::Null);

    // CONNECT 2xx is a tunnel.
    let (_, v) = run_json(
        &["response", "--json", "--method", "CONNECT"],
        b"HTTP/1.1 200 OK\r\n\r\n",
    );
    assert_eq!(v["framing"]["kind"], "tunnel");

    let (code, v) = run_json(&["response", "--json", "--method", "G T"], b"");
    assert_eq!(code, 2, "{v}");
}
