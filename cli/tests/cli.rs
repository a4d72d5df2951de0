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
    assert!(r.stderr.contains("Usage: httpwire status"), "{}", r.stderr);
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
            b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 9\r\n\r\nshort",
            "incomplete",
            52,
        ),
        (b"GET / HTTP/1.1\r\nHost: a\r\n", "incomplete", 25),
        // The Host rules (RFC 9112 §3.2).
        (b"GET / HTTP/1.1\r\nAccept: */*\r\n\r\n", "missing_host", 29),
        (
            b"GET / HTTP/1.1\r\nHost: a\r\nHost: a\r\n\r\n",
            "duplicate_host",
            25,
        ),
        (b"GET / HTTP/1.1\r\nHost: a/b\r\n\r\n", "invalid_host", 23),
        (
            b"GET http://a/ HTTP/1.1\r\nHost: b\r\n\r\n",
            "host_mismatch",
            30,
        ),
        (b"GET http:/// HTTP/1.1\r\nHost: a\r\n\r\n", "target", 11),
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

/// `"authority"`: where the request is for (RFC 9112 §3.2.2, §3.2.3), or null.
#[test]
fn request_authority() {
    let cases: &[(&[u8], Value)] = &[
        (
            b"GET / HTTP/1.1\r\nHost: Example.com:8080\r\n\r\n",
            serde_json::json!({"raw": "Example.com:8080", "host": "Example.com", "port": 8080, "source": "host"}),
        ),
        (
            b"GET http://[::1]/x HTTP/1.1\r\nHost: [::1]:80\r\n\r\n",
            serde_json::json!({"raw": "[::1]", "host": "[::1]", "port": null, "source": "target"}),
        ),
        (
            b"CONNECT a.example:443 HTTP/1.1\r\nHost: a.example:443\r\n\r\n",
            serde_json::json!({"raw": "a.example:443", "host": "a.example", "port": 443, "source": "target"}),
        ),
        (b"GET / HTTP/1.1\r\nHost:\r\n\r\n", Value::Null),
        (b"GET / HTTP/1.0\r\n\r\n", Value::Null),
    ];
    for (input, want) in cases {
        let (code, v) = run_json(&["request", "--json"], input);
        assert_eq!(code, 0, "{v}");
        assert_eq!(&v["authority"], want, "{v}");
    }
    // The leniency by name: the target's authority, Host ignored.
    let input = b"GET http://a/ HTTP/1.1\r\nHost: b\r\n\r\n";
    let (code, v) = run_json(
        &[
            "request",
            "--json",
            "--lenient",
            "absolute_form_host_mismatch",
        ],
        input,
    );
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["authority"]["raw"], "a");
    // And for people.
    let out = run(&["request"], b"GET / HTTP/1.1\r\nHost: a:1\r\n\r\n");
    assert_eq!(out.code, 0);
    assert!(
        out.stdout.contains("authority   a:1 (from host)"),
        "{}",
        out.stdout
    );
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

    // Chunked: decoded, here an empty body without trailers.
    let (_, v) = run_json(
        &["response", "--json"],
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
    );
    assert_eq!(v["framing"]["kind"], "chunked");
    assert_eq!(v["body"], "");
    assert_eq!(v["trailers"], serde_json::json!([]));
    assert_eq!(v["consumed"], 52);

    // CONNECT 2xx is a tunnel.
    let (_, v) = run_json(
        &["response", "--json", "--method", "CONNECT"],
        b"HTTP/1.1 200 OK\r\n\r\n",
    );
    assert_eq!(v["framing"]["kind"], "tunnel");

    let (code, v) = run_json(&["response", "--json", "--method", "G T"], b"");
    assert_eq!(code, 2, "{v}");
}

#[test]
fn help_of_every_subcommand() {
    let cases: &[(&str, &[&str])] = &[
        ("demo", &["[DIR]"]),
        ("status", &["<CODE>", "--json"]),
        ("status-line", &["[FILE]", "--json", "--lenient <NAME>"]),
        ("request", &["[FILE]", "--json", "--lenient <NAME>"]),
        (
            "response",
            &["[FILE]", "--json", "--lenient <NAME>", "--method <M>"],
        ),
        ("chunked", &["[FILE]", "--json", "--lenient <NAME>"]),
        ("hpack", &["<COMMAND>", "decode", "encode"]),
    ];
    for &(sub, mentions) in cases {
        let usage = format!("Usage: httpwire {sub} ");
        for args in [&[sub, "--help"][..], &[sub, "-h"][..], &["help", sub][..]] {
            let r = run(args, b"");
            assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
            assert!(r.stderr.is_empty(), "{args:?}: {}", r.stderr);
            assert!(r.stdout.contains(&usage), "{args:?}: {}", r.stdout);
            for m in mentions {
                assert!(r.stdout.contains(m), "{args:?} lacks {m}: {}", r.stdout);
            }
            // The options of other subcommands are not offered.
            if sub != "response" {
                assert!(!r.stdout.contains("--method"), "{args:?}: {}", r.stdout);
            }
        }
    }
    // The top level lists every subcommand, whichever way help is asked for.
    for args in [&["--help"][..], &["-h"][..], &["help"][..]] {
        let r = run(args, b"");
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
        for (sub, _) in cases {
            assert!(
                r.stdout.contains(&format!("  {sub} ")),
                "{args:?}: {}",
                r.stdout
            );
        }
        assert!(r.stdout.contains("--version"), "{}", r.stdout);
    }
}

#[test]
fn version() {
    for flag in ["--version", "-V"] {
        let r = run(&[flag], b"");
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert_eq!(r.stdout, "httpwire 0.1.0\n");
        assert_eq!(
            r.stdout,
            format!("httpwire {}\n", env!("CARGO_PKG_VERSION"))
        );
    }
}

#[test]
fn typo_in_subcommand_suggests_the_right_one() {
    let r = run(&["reqest"], b"");
    assert_eq!(r.code, 2);
    assert!(r.stdout.is_empty(), "{}", r.stdout);
    assert!(r.stderr.contains("'reqest'"), "{}", r.stderr);
    assert!(
        r.stderr.contains("similar subcommand exists: 'request'"),
        "{}",
        r.stderr
    );

    let (code, v) = run_json(&["stauts", "404", "--json"], b"");
    assert_eq!(code, 2);
    assert_eq!(v["ok"], false);
    assert_eq!(v["error"]["kind"], "usage");
    assert_eq!(v["error"]["offset"], Value::Null);
    let message = v["error"]["message"].as_str().unwrap();
    assert!(message.contains("'status'"), "{message}");
}

#[test]
fn unknown_flags_are_usage_errors() {
    for args in [
        &["request", "--bogus"][..],
        &["status", "404", "--bogus"][..],
        &["status", "404", "--lenient", "bare_lf"][..],
        &["request", "--method", "GET"][..],
        &["demo", "--json"][..],
        &["--bogus"][..],
    ] {
        let r = run(args, b"");
        assert_eq!(r.code, 2, "{args:?}");
        assert!(r.stdout.is_empty(), "{args:?}: {}", r.stdout);
        assert!(
            r.stderr.contains("unexpected argument"),
            "{args:?}: {}",
            r.stderr
        );
        assert!(
            r.stderr.contains("Usage: httpwire"),
            "{args:?}: {}",
            r.stderr
        );
    }
    // With --json the usage error is the one JSON object on stdout.
    let (code, v) = run_json(&["request", "--bogus", "--json"], b"");
    assert_eq!(code, 2);
    assert_eq!(v["error"]["kind"], "usage");
    let message = v["error"]["message"].as_str().unwrap();
    assert!(message.contains("'--bogus'"), "{message}");
    // A flag that wants a value and is not given one.
    let (code, v) = run_json(&["response", "--json", "--method"], b"");
    assert_eq!(code, 2);
    assert_eq!(v["error"]["kind"], "usage");
}

#[test]
fn own_usage_errors_look_like_clap_ones() {
    let r = run(&["status-line", "--lenient", "nope"], b"");
    assert_eq!(r.code, 2);
    assert!(r.stdout.is_empty(), "{}", r.stdout);
    assert!(
        r.stderr
            .starts_with("error: unknown leniency \"nope\"; known: bare_lf"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("Usage: httpwire status-line "),
        "{}",
        r.stderr
    );

    let r = run(&["response", "--method", "G T"], b"");
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("\"G T\" is not a token"), "{}", r.stderr);
    assert!(
        r.stderr.contains("Usage: httpwire response "),
        "{}",
        r.stderr
    );
}

#[test]
fn arguments_as_before() {
    // A negative number is a value, not an unknown option: refused as a CODE.
    let (code, v) = run_json(&["status", "-5", "--json"], b"");
    assert_eq!(code, 1);
    assert_eq!(v["error"]["kind"], "not_a_number");
    // Flags may be repeated; for --method the last one counts.
    let (code, v) = run_json(
        &[
            "response", "--json", "--json", "--method", "GET", "--method", "HEAD",
        ],
        b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n",
    );
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["framing"]["kind"], "none");
    // --lenient accumulates.
    let (code, v) = run_json(
        &[
            "status-line",
            "--lenient",
            "bare_lf",
            "--json",
            "--lenient",
            "multiple_spaces",
        ],
        b"HTTP/1.1  200 OK\n",
    );
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["consumed"], 17);
    // `-` is standard input.
    let (code, v) = run_json(
        &["status-line", "--json", "-"],
        b"HTTP/1.1 204 No Content\r\n",
    );
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["status"], 204);
}

#[test]
fn json_fields_keep_their_order() {
    // serde_json here has preserve_order (the binary's feature), so keys come back in order.
    let (_, v) = run_json(&["status", "404", "--json"], b"");
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "ok",
            "code",
            "reason",
            "class",
            "registered",
            "registration",
            "reference",
            "line"
        ]
    );
    let (_, v) = run_json(&["status-line", "--json"], b"HTTP/1.1 200 OK\r");
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["ok", "error"]);
    let keys: Vec<&str> = v["error"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["kind", "offset", "message"]);
    // The exact text of one answer, byte for byte.
    let r = run(&["status-line", "--json"], b"HTTP/1.1 200 OK\r\n");
    assert_eq!(
        r.stdout,
        "{\"ok\":true,\"version\":\"HTTP/1.1\",\"status\":200,\"reason\":\"OK\",\
         \"class\":\"successful\",\"consumed\":17}\n"
    );
}

#[test]
fn any_bytes_round_trip_through_json() {
    let all: Vec<u8> = (0..=255).collect();
    // A close-delimited response body is whatever follows the head.
    let mut wire = b"HTTP/1.1 200 OK\r\n\r\n".to_vec();
    wire.extend_from_slice(&all);
    let r = run(&["response", "--json"], &wire);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // Control bytes are escaped: the answer stays one line with no raw control characters.
    assert!(
        !r.stdout.trim_end().chars().any(|c| c < ' '),
        "{:?}",
        r.stdout
    );
    let (code, v) = run_json(&["response", "--json"], &wire);
    assert_eq!(code, 0);
    assert_eq!(latin1(&v["body"]), all);

    // obs-text (0x80-0xFF) in a field value, and controls and high bytes in a request body.
    let mut wire =
        b"POST / HTTP/1.1\r\nHost: a\r\nX: \x80\xa0\xff\tz\r\nContent-Length: 8\r\n\r\n".to_vec();
    wire.extend_from_slice(b"\x00\x08\x0c\x1b\x7f\x80\xfe\xff");
    let (code, v) = run_json(&["request", "--json"], &wire);
    assert_eq!(code, 0, "{v}");
    assert_eq!(latin1(&v["headers"][1][1]), b"\x80\xa0\xff\tz");
    assert_eq!(latin1(&v["body"]), b"\x00\x08\x0c\x1b\x7f\x80\xfe\xff");
}

/// The sample bodies of the demo.
const CHUNKED_SAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../testdata/chunked");

#[test]
fn chunked_json_with_extensions_and_trailers() {
    let wire = b"3;a\r\nabc\r\n3;name=value;q=\"x y\\\"z\"\r\ndef\r\n0;last\r\nExpires: never\r\nX-Sum: 1\r\n\r\n";
    let want = "{\"ok\":true,\"chunks\":2,\"body\":\"abcdef\",\
                \"trailers\":[[\"Expires\",\"never\"],[\"X-Sum\",\"1\"]],\"consumed\":76}\n";
    let r = run(&["chunked", "--json"], wire);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, want);
    assert_eq!(wire.len(), 76);
    // The same bytes from FILE (the demo's sample).
    let file = format!("{CHUNKED_SAMPLES}/extensions-trailers.chunked");
    let r = run(&["chunked", "--json", &file], b"");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, want);

    // Any data bytes round-trip; a body without trailers has an empty list.
    let mut wire = b"4\r\n\x00\x7f\x80\xff\r\n1\r\n\n\r\n0\r\n\r\n".to_vec();
    let (code, v) = run_json(&["chunked", "--json"], &wire);
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["chunks"], 2);
    assert_eq!(latin1(&v["body"]), b"\x00\x7f\x80\xff\n");
    assert_eq!(v["trailers"], serde_json::json!([]));
    assert_eq!(v["consumed"], wire.len());
    // The last chunk alone: no data chunk.
    wire = b"0\r\n\r\n".to_vec();
    let (code, v) = run_json(&["chunked", "--json"], &wire);
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["chunks"], 0);
    assert_eq!(v["body"], "");
}

#[test]
fn chunked_body_followed_by_more_input() {
    let file = format!("{CHUNKED_SAMPLES}/pipelined.chunked");
    let input = std::fs::read(&file).unwrap();
    let (code, v) = run_json(&["chunked", "--json", &file], b"");
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["chunks"], 2);
    assert_eq!(v["body"], "0123456789hello world");
    assert_eq!(v["consumed"], 40);
    assert!(input.len() > 40);
    assert_eq!(&input[40..], b"GET / HTTP/1.1\r\n");
}

#[test]
fn chunked_refusals_carry_kind_and_offset() {
    let cases: &[(&[u8], &str, u64)] = &[
        // The chunk-size.
        (b"g\r\nhello\r\n0\r\n\r\n", "invalid_size", 0),
        (b"\r\n", "invalid_size", 0),
        (b"5 \r\nhello\r\n0\r\n\r\n", "invalid_size", 1),
        (b"11111111111111111\r\n", "size_too_large", 16),
        (b"5\nhello\n0\n\n", "line_ending", 1),
        // Extensions.
        (b"5;=x\r\nhello\r\n0\r\n\r\n", "invalid_extension", 2),
        (b"5;a b\r\nhello\r\n0\r\n\r\n", "invalid_extension", 3),
        (b"5;a=\"bc\r\nhello\r\n0\r\n\r\n", "invalid_extension", 7),
        // The CRLF after a chunk's data.
        (b"5\r\nhelloX\r\n0\r\n\r\n", "data_ending", 8),
        (b"5\r\nhello\rX0\r\n\r\n", "data_ending", 9),
        // The trailer section: http1's kinds after `trailer_`.
        (b"0\r\nA b\r\n\r\n", "trailer_whitespace_before_colon", 4),
        (b"0\r\nNoColon\r\n\r\n", "trailer_missing_colon", 10),
        (b"0\r\nX: y\n\n", "trailer_line_ending", 7),
    ];
    for &(input, kind, offset) in cases {
        let (code, v) = run_json(&["chunked", "--json"], input);
        assert_eq!(code, 1, "{kind}: {v}");
        assert_eq!(v["ok"], false);
        assert_eq!(v["error"]["kind"], kind, "{v}");
        assert_eq!(v["error"]["offset"], offset, "{v}");
        assert!(
            v["error"]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty())
        );
        let keys: Vec<&str> = v["error"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, ["kind", "offset", "message"]);
        // For people: nothing on stdout, the reason on stderr.
        let r = run(&["chunked"], input);
        assert_eq!(r.code, 1);
        assert!(r.stdout.is_empty(), "{}", r.stdout);
        assert!(
            r.stderr.starts_with("refused: ")
                && r.stderr.contains(&format!("({kind}) at byte {offset}")),
            "{}",
            r.stderr
        );
    }
}

#[test]
fn chunked_incomplete_body_is_refused() {
    let cases: &[&[u8]] = &[
        b"",
        b"5",
        b"5\r\nhel",
        b"5\r\nhello\r",
        b"5\r\nhello\r\n0\r\n",
        b"5\r\nhello\r\n0\r\nExpires: never\r\n",
    ];
    for &input in cases {
        let (code, v) = run_json(&["chunked", "--json"], input);
        assert_eq!(code, 1, "{v}");
        assert_eq!(v["error"]["kind"], "incomplete", "{v}");
        assert_eq!(v["error"]["offset"], input.len(), "{v}");
        assert_eq!(
            v["error"]["message"],
            "input ended before the chunked body did"
        );
    }
}

#[test]
fn chunked_leniency_by_name() {
    let input = b"5 ;a\r\nhello\r\n0\r\n\r\n";
    let (code, v) = run_json(&["chunked", "--json"], input);
    assert_eq!(code, 1, "{v}");
    assert_eq!(v["error"]["kind"], "invalid_size");
    let (code, v) = run_json(
        &["chunked", "--json", "--lenient", "bws_in_extensions"],
        input,
    );
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["body"], "hello");
    assert_eq!(v["consumed"], input.len());
    // http1's names apply to the trailer section.
    let (code, v) = run_json(
        &["chunked", "--json", "--lenient", "bare_lf"],
        b"0\r\nX: y\n\n",
    );
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["trailers"], serde_json::json!([["X", "y"]]));
    assert_eq!(v["consumed"], 9);
}

#[test]
fn chunked_unknown_leniency_is_a_usage_error() {
    // (No input: the command line is refused before any is read.)
    let r = run(&["chunked", "--lenient", "nope"], b"");
    assert_eq!(r.code, 2);
    assert!(r.stdout.is_empty(), "{}", r.stdout);
    assert!(
        r.stderr
            .starts_with("error: unknown leniency \"nope\"; known: bws_in_extensions, bare_lf"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("Usage: httpwire chunked "),
        "{}",
        r.stderr
    );
    let (code, v) = run_json(&["chunked", "--json", "--lenient", "nope"], b"");
    assert_eq!(code, 2);
    assert_eq!(v["error"]["kind"], "usage");
    // A leniency of framing is not one of a chunked body.
    let (code, _) = run_json(
        &["chunked", "--json", "--lenient", "connect_with_content"],
        b"",
    );
    assert_eq!(code, 2);
    // An option clap does not know.
    let r = run(&["chunked", "--method", "GET"], b"");
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("unexpected argument"), "{}", r.stderr);
}

#[test]
fn chunked_for_people() {
    let r = run(&["chunked"], b"5;a\r\nhello\r\n0\r\nX-Sum: 1\r\n\r\nnext");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "chunks      1 (not counting the last, zero-size chunk)\n\
         extensions  chunk 1: ;a\n\
         body        5 bytes: \"hello\"\n\
         trailer     X-Sum: 1\n\
         consumed    27 bytes\n"
    );
}

#[test]
fn chunked_help() {
    for args in [&["chunked", "--help"][..], &["help", "chunked"][..]] {
        let r = run(args, b"");
        assert_eq!(r.code, 0, "{}", r.stderr);
        for m in [
            "Usage: httpwire chunked [OPTIONS] [FILE]",
            "\"chunks\":N,\"body\":S,\"trailers\":[[NAME,VALUE],...],\"consumed\":N",
            "the last, zero-size chunk is not counted",
            "bws_in_extensions",
            "bare_lf",
            "Exit status: 0 decoded, 1 refused, 2 usage or I/O error.",
        ] {
            assert!(r.stdout.contains(m), "{args:?} lacks {m}: {}", r.stdout);
        }
    }
    // request and response say what becomes of each framing's body.
    for sub in ["request", "response"] {
        let r = run(&[sub, "--help"], b"");
        assert_eq!(r.code, 0, "{}", r.stderr);
        for m in [
            "content-length",
            "chunked",
            "head's length plus the offset in the body",
        ] {
            assert!(r.stdout.contains(m), "{sub} lacks {m}: {}", r.stdout);
        }
    }
}

#[test]
fn request_with_chunked_body() {
    let head = b"POST /u HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n";
    let body = b"5;x=1\r\nhello\r\n6\r\n world\r\n0\r\nExpires: never\r\n\r\n";
    let mut wire = [&head[..], &body[..], b"GET / HTTP/1.1\r\n"].concat();
    let (code, v) = run_json(&["request", "--json"], &wire);
    assert_eq!(code, 0, "{v}");
    // The keys of a request, as for any other framing.
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "ok",
            "method",
            "target",
            "target_form",
            "version",
            "authority",
            "headers",
            "head_len",
            "framing",
            "keep_alive",
            "upgrade",
            "expect_continue",
            "body",
            "trailers",
            "consumed"
        ]
    );
    assert_eq!(v["head_len"], head.len());
    assert_eq!(v["framing"]["kind"], "chunked");
    assert_eq!(v["body"], "hello world");
    assert_eq!(v["trailers"], serde_json::json!([["Expires", "never"]]));
    // The pipelined request is not part of this one.
    assert_eq!(v["consumed"], head.len() + body.len());

    // A refusal counts from the start of the input: the head's length plus the body's offset.
    let (code, v) = run_json(
        &["request", "--json"],
        &[&head[..], b"5\r\nhelloX\r\n"].concat(),
    );
    assert_eq!(code, 1, "{v}");
    assert_eq!(v["error"]["kind"], "data_ending");
    assert_eq!(v["error"]["offset"], head.len() + 8);
    let (code, v) = run_json(
        &["request", "--json"],
        &[&head[..], b"0\r\nA b\r\n\r\n"].concat(),
    );
    assert_eq!(code, 1, "{v}");
    assert_eq!(v["error"]["kind"], "trailer_whitespace_before_colon");
    assert_eq!(v["error"]["offset"], head.len() + 4);
    // An incomplete body: refused, at the input's length.
    wire = [&head[..], b"5\r\nhel"].concat();
    let (code, v) = run_json(&["request", "--json"], &wire);
    assert_eq!(code, 1, "{v}");
    assert_eq!(v["error"]["kind"], "incomplete");
    assert_eq!(v["error"]["offset"], wire.len());
    // No body at all after the head: incomplete too.
    let (code, v) = run_json(&["request", "--json"], head);
    assert_eq!(code, 1, "{v}");
    assert_eq!(v["error"]["offset"], head.len());
    // The chunked leniency, by name.
    wire = [&head[..], b"5 ;a\r\nhello\r\n0\r\n\r\n"].concat();
    let (code, _) = run_json(&["request", "--json"], &wire);
    assert_eq!(code, 1);
    let (code, v) = run_json(
        &["request", "--json", "--lenient", "bws_in_extensions"],
        &wire,
    );
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["body"], "hello");
    // For people.
    let r = run(&["request"], &[&head[..], body].concat());
    assert_eq!(r.code, 0, "{}", r.stderr);
    for m in [
        "framing     chunked\n",
        "chunks      2 (not counting the last, zero-size chunk)\n",
        "extensions  chunk 1: ;x=1\n",
        "body        11 bytes: \"hello world\"\n",
        "trailer     Expires: never\n",
        "consumed    ",
    ] {
        assert!(r.stdout.contains(m), "lacks {m:?}: {}", r.stdout);
    }
}

#[test]
fn response_with_chunked_body() {
    let wire = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\nX: 1\r\n\r\n";
    let (code, v) = run_json(&["response", "--json"], wire);
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["body"], "hi");
    assert_eq!(v["trailers"], serde_json::json!([["X", "1"]]));
    assert_eq!(v["consumed"], wire.len());
    // To HEAD there is no body: the bytes after the head are not read.
    let (code, v) = run_json(&["response", "--json", "--method", "HEAD"], &wire[..47]);
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["framing"]["kind"], "none");
    assert_eq!(v["trailers"], Value::Null);
}

#[test]
fn request_with_content_length_body() {
    let wire = b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello";
    let (code, v) = run_json(&["request", "--json"], wire);
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["framing"]["kind"], "content-length");
    assert_eq!(v["body"], "hello");
    assert_eq!(v["trailers"], Value::Null);
    assert_eq!(v["consumed"], wire.len());
    // Fewer bytes than Content-Length says: refused, at the input's length.
    let (code, v) = run_json(&["request", "--json"], &wire[..wire.len() - 1]);
    assert_eq!(code, 1, "{v}");
    assert_eq!(v["error"]["kind"], "incomplete");
    assert_eq!(v["error"]["offset"], wire.len() - 1);
    // A body that looks chunked is just bytes under Content-Length.
    let wire = b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\n0\r\n\r\n";
    let (code, v) = run_json(&["request", "--json"], wire);
    assert_eq!(code, 0, "{v}");
    assert_eq!(latin1(&v["body"]), b"0\r\n\r\n");
}

#[test]
fn demo_decodes_chunked_bodies_and_a_chunked_message() {
    let r = run(&["demo"], b"");
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    for m in [
        "== chunked: chunked body decoder (strict) ==",
        "-- bad-trailer.chunked: ",
        "(trailer_whitespace_before_colon) at byte 4",
        "== http1 + chunked: a request and its chunked body (strict) ==",
        "-- ok-demo-message.http: POST /upload HTTP/1.1",
        "   body        11 bytes: \"hello world\"\n",
        "   trailer     X-Checksum: 1f\n",
        "0 not as expected",
    ] {
        assert!(r.stdout.contains(m), "lacks {m:?}: {}", r.stdout);
    }
    // The request section has no .chunked body, and the chunked one no whole message.
    let chunked = r.stdout.split("== chunked:").nth(1).unwrap();
    let chunked = chunked.split("== http1 + chunked").next().unwrap();
    assert!(!chunked.contains(".http:"), "{chunked}");
}

/// RFC 7541 C.3: three requests without Huffman coding, in one context.
const C3: [&str; 3] = [
    "8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d",
    "8286 84be 5808 6e6f 2d63 6163 6865",
    "8287 85bf 400a 6375 7374 6f6d 2d6b 6579 0c63 7573 746f 6d2d 7661 6c75 65",
];

/// The demo's HPACK samples.
const HPACK_SAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../testdata/hpack");

/// The `[name, value]` pairs of a decoded block, as bytes.
fn pairs(headers: &Value) -> Vec<(Vec<u8>, Vec<u8>)> {
    headers
        .as_array()
        .expect("headers")
        .iter()
        .map(|pair| (latin1(&pair[0]), latin1(&pair[1])))
        .collect()
}

/// A header list as `hpack encode` reads it: one line of JSON.
fn header_list(fields: &[(&[u8], &[u8])]) -> String {
    let text = |b: &[u8]| Value::String(b.iter().map(|&b| char::from(b)).collect());
    let list: Vec<Value> = fields
        .iter()
        .map(|&(name, value)| serde_json::json!([text(name), text(value)]))
        .collect();
    Value::Array(list).to_string()
}

#[test]
fn hpack_decode_rfc7541_c3() {
    let input = C3.join("\n") + "\n";
    let (code, v) = run_json(&["hpack", "decode", "--json"], input.as_bytes());
    assert_eq!(code, 0, "{v}");
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["ok", "blocks"]);
    let blocks = v["blocks"].as_array().unwrap();
    assert_eq!(blocks.len(), 3);
    let sizes: Vec<&Value> = blocks.iter().map(|b| &b["table_size"]).collect();
    assert_eq!(sizes, [57, 110, 164]);
    let want: [&[(&str, &str)]; 3] = [
        &[
            (":method", "GET"),
            (":scheme", "http"),
            (":path", "/"),
            (":authority", "www.example.com"),
        ],
        &[
            (":method", "GET"),
            (":scheme", "http"),
            (":path", "/"),
            (":authority", "www.example.com"),
            ("cache-control", "no-cache"),
        ],
        &[
            (":method", "GET"),
            (":scheme", "https"),
            (":path", "/index.html"),
            (":authority", "www.example.com"),
            ("custom-key", "custom-value"),
        ],
    ];
    for (block, want) in blocks.iter().zip(want) {
        let keys: Vec<&str> = block
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, ["headers", "never_indexed", "table_size"]);
        let want: Vec<(Vec<u8>, Vec<u8>)> = want
            .iter()
            .map(|(n, v)| (n.as_bytes().to_vec(), v.as_bytes().to_vec()))
            .collect();
        assert_eq!(pairs(&block["headers"]), want);
        assert_eq!(block["never_indexed"], serde_json::json!([]));
    }

    // The same from FILE, with comments, blank lines, CRLF and uppercase hex.
    let dir = std::env::temp_dir().join(format!("httpwire-hpack-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("c3.hex");
    let text = format!(
        "# RFC 7541 C.3\r\n\r\n{}\r\n  {}  \r\n\n{}",
        C3[0].to_uppercase(),
        C3[1],
        C3[2].replace(' ', "")
    );
    std::fs::write(&file, text).unwrap();
    let (code, w) = run_json(&["hpack", "decode", "--json", file.to_str().unwrap()], b"");
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(code, 0, "{w}");
    assert_eq!(w, v);

    // For people.
    let r = run(&["hpack", "decode"], input.as_bytes());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.is_empty(), "{}", r.stderr);
    assert!(
        r.stdout.starts_with(
            "block 0 (20 bytes, table size 57)\n  :method: GET\n  :scheme: http\n  :path: /\n  \
             :authority: www.example.com\nblock 1 (14 bytes, table size 110)\n"
        ),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.ends_with(
            "block 2 (29 bytes, table size 164)\n  :method: GET\n  :scheme: https\n  \
             :path: /index.html\n  :authority: www.example.com\n  custom-key: custom-value\n"
        ),
        "{}",
        r.stdout
    );

    // No blocks at all: nothing to refuse.
    let (code, v) = run_json(&["hpack", "decode", "--json"], b"# nothing\n\n");
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["blocks"], serde_json::json!([]));
}

/// `httpwire hpack <sub> --json` on `input`, which must be refused: the error object, whose
/// fields are `kind`, `offset`, `message`, then the `block` and `line` given.
fn hpack_refusal(sub: &str, input: &str, block: u64, line: u64) -> Value {
    let (code, v) = run_json(&["hpack", sub, "--json"], input.as_bytes());
    assert_eq!(code, 1, "{input}: {v}");
    assert_eq!(v["ok"], false, "{input}: {v}");
    let error = v["error"].clone();
    let keys: Vec<&str> = error
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["kind", "offset", "message", "block", "line"]);
    assert_eq!(error["block"], block, "{input}: {v}");
    assert_eq!(error["line"], line, "{input}: {v}");
    error
}

#[test]
fn hpack_decode_refusals_name_the_block() {
    // (input, kind, offset in the block, block, line)
    let cases: &[(&str, &str, u64, u64, u64)] = &[
        ("80", "index", 0, 0, 1),
        // Index 64: the table holds only :authority (62)... and nothing at 63 or 64.
        (&format!("{}\n\n82 c0", C3[0]), "index", 1, 1, 3),
        ("41", "truncated", 0, 0, 1),
        ("82 410f 7777", "truncated", 1, 0, 1),
        ("ff ff ff ff ff ff", "integer", 0, 0, 1),
        // A Huffman name of 30 one bits: EOS. One of 'a' (00011) padded with zeros.
        ("00 84 ffffffff 00", "huffman_eos", 0, 0, 1),
        ("00 81 18 00", "huffman_padding", 0, 0, 1),
        ("82 20", "size_update_not_at_start", 1, 0, 1),
        ("3fe21f", "size_update_too_large", 0, 0, 1),
        ("20 20 20", "too_many_size_updates", 2, 0, 1),
        // SETTINGS lowered and the next block does not say so first.
        ("82\ntable-size 100\n82", "size_update_missing", 0, 1, 3),
    ];
    for &(input, kind, offset, block, line) in cases {
        let error = hpack_refusal("decode", input, block, line);
        assert_eq!(error["kind"], kind, "{input}: {error}");
        assert_eq!(error["offset"], offset, "{input}: {error}");
        let message = error["message"].as_str().unwrap();
        // The decoder's words for the kind; the offset is a field of its own.
        assert!(
            !message.is_empty() && !message.contains("block offset"),
            "{message}"
        );
        // For people: nothing on stdout, the reason on stderr.
        let r = run(&["hpack", "decode"], input.as_bytes());
        assert_eq!(r.code, 1);
        assert!(r.stdout.is_empty(), "{}", r.stdout);
        let at = format!("({kind}) at byte {offset} (block {block}, line {line})\n");
        assert!(
            r.stderr == format!("refused: {message} {at}"),
            "{}",
            r.stderr
        );
    }
}

#[test]
fn hpack_decode_bad_lines_are_refused() {
    // (input, block, line)
    let cases: &[(&str, u64, u64)] = &[
        ("zz", 0, 1),
        ("82\n828", 1, 2),
        ("82\n# ok\n82 0x86", 1, 3),
        ("82\ntable-size\n82", 1, 2),
        ("table-size -1", 0, 1),
        ("table-size 1048577", 0, 1),
        ("table-size 4096 now", 0, 1),
        ("82\n[[\"a\",\"b\"]]", 1, 2),
    ];
    for &(input, block, line) in cases {
        let (code, v) = run_json(&["hpack", "decode", "--json"], input.as_bytes());
        assert_eq!(code, 1, "{input}: {v}");
        assert_eq!(v["error"]["kind"], "bad_line", "{input}: {v}");
        assert_eq!(v["error"]["offset"], Value::Null, "{input}: {v}");
        assert_eq!(v["error"]["block"], block, "{input}: {v}");
        assert_eq!(v["error"]["line"], line, "{input}: {v}");
        let r = run(&["hpack", "decode"], input.as_bytes());
        assert_eq!(r.code, 1);
        assert!(
            r.stderr
                .ends_with(&format!("(bad_line) (block {block}, line {line})\n")),
            "{}",
            r.stderr
        );
    }
    let (_, v) = run_json(&["hpack", "decode", "--json"], b"82 x6");
    let message = v["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("'x' (column 4) is not a hex digit"),
        "{message}"
    );
}

#[test]
fn hpack_decode_table_size_lines_and_flag() {
    // SETTINGS lowered to 0: the table is emptied at once, and the next block must start with
    // a size update; after it, C.3.2's index 62 is gone.
    let input = format!(
        "{}\ntable-size 0\n2082\n-\ntable-size 4096\n3fe11f be",
        C3[0]
    );
    let (code, v) = run_json(&["hpack", "decode", "--json"], input.as_bytes());
    assert_eq!(code, 1, "{v}");
    assert_eq!(v["error"]["kind"], "index");
    assert_eq!(v["error"]["offset"], 3);
    assert_eq!(v["error"]["block"], 3);
    assert_eq!(v["error"]["line"], 6);
    let input = format!(
        "{}\ntable-size 0\n2082\n-\ntable-size 4096\n3fe11f 82",
        C3[0]
    );
    let (code, v) = run_json(&["hpack", "decode", "--json"], input.as_bytes());
    assert_eq!(code, 0, "{v}");
    let sizes: Vec<&Value> = v["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| &b["table_size"])
        .collect();
    assert_eq!(sizes, [57, 0, 0, 0]);
    // '-' is an empty block.
    assert_eq!(v["blocks"][2]["headers"], serde_json::json!([]));
    let r = run(&["hpack", "decode"], input.as_bytes());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains(
            "table-size 0 (SETTINGS_HEADER_TABLE_SIZE)\nblock 1 (2 bytes, table size 0)\n  \
             :method: GET\nblock 2 (0 bytes, table size 0)\n  (no fields)\n"
        ),
        "{}",
        r.stdout
    );

    // --table-size: the SETTINGS value before the first block.
    let (code, v) = run_json(&["hpack", "decode", "--json"], b"3fe11f");
    assert_eq!(code, 0, "{v}");
    for args in [
        &["hpack", "decode", "--json", "--table-size", "256"][..],
        &[
            "hpack",
            "decode",
            "--table-size",
            "0",
            "--json",
            "--table-size",
            "256",
        ][..],
    ] {
        let (code, v) = run_json(args, b"3fe11f");
        assert_eq!(code, 1, "{v}");
        assert_eq!(v["error"]["kind"], "size_update_too_large");
        let (code, v) = run_json(args, b"3fe101");
        assert_eq!(code, 0, "{v}");
    }
    // A table of 0 bytes holds nothing.
    let (code, v) = run_json(
        &["hpack", "decode", "--json", "--table-size", "0"],
        C3[0].as_bytes(),
    );
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["blocks"][0]["table_size"], 0);
}

#[test]
fn hpack_encode_decode_round_trip() {
    let high: Vec<u8> = (0x80..=0xff).collect();
    let controls: Vec<u8> = (0x00..0x20).chain([0x7f]).collect();
    let lists: Vec<Vec<(&[u8], &[u8])>> = vec![
        vec![
            (b":method", b"GET"),
            (b":path", b"/"),
            (b"x-high", &high),
            (b"x-empty", b""),
            (b"", b"empty name"),
            (b"authorization", b"Basic YWxhZGRpbjpvcGVuc2VzYW1l"),
        ],
        vec![],
        vec![
            (b":method", b"GET"),
            (b"x-high", &high),
            (b"x-controls", &controls),
            (&high, b"high name"),
            (b"authorization", b"Basic YWxhZGRpbjpvcGVuc2VzYW1l"),
        ],
        vec![(b"x-high", &high), (b"x-empty", b"")],
    ];
    let mut input = String::from("# a comment\n\n");
    for (i, list) in lists.iter().enumerate() {
        if i == 2 {
            input.push_str("table-size 100\n");
        }
        input.push_str(&header_list(list));
        input.push('\n');
    }
    for initial in ["4096", "256", "0"] {
        let encoded = run(
            &["hpack", "encode", "--table-size", initial],
            input.as_bytes(),
        );
        assert_eq!(encoded.code, 0, "{}", encoded.stderr);
        let lines: Vec<&str> = encoded.stdout.lines().collect();
        assert_eq!(lines.len(), 5, "{}", encoded.stdout);
        assert_eq!(lines[1], "-", "an empty block");
        assert_eq!(lines[2], "table-size 100");
        assert!(
            lines
                .iter()
                .all(|l| l.bytes().all(|b| b.is_ascii_hexdigit())
                    || *l == "-"
                    || *l == "table-size 100")
        );

        let (code, json) = run_json(
            &["hpack", "encode", "--json", "--table-size", initial],
            input.as_bytes(),
        );
        assert_eq!(code, 0, "{json}");
        let keys: Vec<&str> = json
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, ["ok", "blocks", "table_sizes"]);
        assert_eq!(
            json["blocks"],
            serde_json::json!([lines[0], "", lines[3], lines[4]])
        );
        assert_eq!(
            json["table_sizes"],
            serde_json::json!([{"block": 2, "size": 100}])
        );

        let (code, v) = run_json(
            &["hpack", "decode", "--json", "--table-size", initial],
            encoded.stdout.as_bytes(),
        );
        assert_eq!(code, 0, "{v}");
        let blocks = v["blocks"].as_array().unwrap();
        assert_eq!(blocks.len(), lists.len());
        for (block, list) in blocks.iter().zip(&lists) {
            let want: Vec<(Vec<u8>, Vec<u8>)> =
                list.iter().map(|(n, v)| (n.to_vec(), v.to_vec())).collect();
            assert_eq!(pairs(&block["headers"]), want);
            // The default policy never indexes authorization.
            let never: Vec<usize> = list
                .iter()
                .enumerate()
                .filter(|(_, (n, _))| *n == b"authorization")
                .map(|(i, _)| i)
                .collect();
            assert_eq!(block["never_indexed"], serde_json::json!(never));
            assert!(block["table_size"].as_u64().unwrap() <= 4096);
        }
        assert!(blocks[2]["table_size"].as_u64().unwrap() <= 100);
    }
}

#[test]
fn hpack_encode_refusals() {
    // (input, block, line, what the message says)
    let cases: &[(&str, u64, u64, &str)] = &[
        ("[[\"a\",\"\u{20ac}\"]]", 0, 1, "U+20AC"),
        ("[]\n[[\"\u{100}\",\"b\"]]", 1, 2, "U+0100"),
        ("[[\"a\",\"b\"]", 0, 1, "not JSON"),
        ("{\"a\":\"b\"}", 0, 1, "not a JSON array"),
        ("[[\"a\"]]", 0, 1, "pair 0"),
        ("[[\"a\",\"b\"],[\"a\",1]]", 0, 1, "pair 1"),
        ("[[\"a\",\"b\",\"c\"]]", 0, 1, "pair 0"),
        ("8286", 0, 1, "not a JSON array"),
        ("[]\n\ntable-size big", 1, 3, "table-size N"),
        ("table-size 1048577", 0, 1, "table-size N"),
    ];
    for &(input, block, line, says) in cases {
        let error = hpack_refusal("encode", input, block, line);
        assert_eq!(error["kind"], "bad_line", "{input}: {error}");
        assert_eq!(error["offset"], Value::Null, "{input}: {error}");
        let message = String::from_utf8(latin1(&error["message"])).unwrap();
        assert!(message.contains(says), "{input}: {message}");
        let r = run(&["hpack", "encode"], input.as_bytes());
        assert_eq!(r.code, 1);
        assert!(r.stdout.is_empty(), "{}", r.stdout);
        assert!(r.stderr.starts_with("refused: "), "{}", r.stderr);
    }
    // The column of a JSON error is on the line, not in a one-line document's "line 1".
    let (_, v) = run_json(&["hpack", "encode", "--json"], b"[[\"a\",\"b\"]");
    let message = v["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("at column 10") && !message.contains("line 1"),
        "{message}"
    );
}

#[test]
fn hpack_usage_errors() {
    for args in [
        &["hpack"][..],
        &["hpack", "frob"][..],
        &["hpack", "decode", "--bogus"][..],
        &["hpack", "encode", "--lenient", "bare_lf"][..],
        &["hpack", "decode", "--table-size", "x"][..],
        &["hpack", "decode", "--table-size", "-1"][..],
        &["hpack", "decode", "--table-size", "1048577"][..],
        &["hpack", "decode", "--table-size"][..],
        &["hpack", "decode", "a", "b"][..],
    ] {
        let r = run(args, b"");
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(r.stdout.is_empty(), "{args:?}: {}", r.stdout);
        // (Without a subcommand, the help of `hpack`.)
        assert!(
            r.stderr.starts_with("error: ") || r.stderr.contains("Usage: httpwire hpack <COMMAND>"),
            "{args:?}: {}",
            r.stderr
        );
    }
    for args in [
        &["hpack", "decode", "--json", "--bogus"][..],
        &["hpack", "encode", "--json", "--table-size", "4294967296"][..],
        &["hpack", "decode", "--table-size", "--json"][..],
    ] {
        let (code, v) = run_json(args, b"");
        assert_eq!(code, 2, "{args:?}: {v}");
        assert_eq!(v["error"]["kind"], "usage", "{args:?}: {v}");
        assert_eq!(v["error"]["offset"], Value::Null);
    }
    for sub in ["decode", "encode"] {
        let (code, v) = run_json(&["hpack", sub, "--json", "/nonexistent/httpwire/file"], b"");
        assert_eq!(code, 2, "{v}");
        assert_eq!(v["error"]["kind"], "io");
        let r = run(&["hpack", sub, "/nonexistent/httpwire/file"], b"");
        assert_eq!(r.code, 2);
        assert!(r.stdout.is_empty());
    }
}

#[test]
fn hpack_help() {
    for sub in ["decode", "encode"] {
        for args in [
            &["hpack", sub, "--help"][..],
            &["help", "hpack", sub][..],
            &["hpack", "help", sub][..],
        ] {
            let r = run(args, b"");
            assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
            for m in [
                format!("Usage: httpwire hpack {sub} [OPTIONS] [FILE]"),
                "--table-size <N>".into(),
                "[default: 4096]".into(),
                "table-size N".into(),
                "bad_line".into(),
                "Exit status: 0 decoded, 1 refused, 2 usage or I/O error.".into(),
            ] {
                assert!(r.stdout.contains(&m), "{args:?} lacks {m}: {}", r.stdout);
            }
        }
    }
    let r = run(&["hpack", "decode", "--help"], b"");
    for m in [
        "\"never_indexed\"",
        "huffman_padding",
        "\"block\":B",
        "'-' is an empty block",
    ] {
        assert!(r.stdout.contains(m), "lacks {m}: {}", r.stdout);
    }
    let r = run(&["hpack", "encode", "--help"], b"");
    for m in ["\"table_sizes\"", "U+00FF", "authorization"] {
        assert!(r.stdout.contains(m), "lacks {m}: {}", r.stdout);
    }
}

/// The demo's story is what `hpack encode` makes of its header lists, and decodes back to them.
#[test]
fn hpack_story_is_generated_from_its_header_lists() {
    let jsonl = format!("{HPACK_SAMPLES}/requests.jsonl");
    let story = std::fs::read_to_string(format!("{HPACK_SAMPLES}/story.hex")).unwrap();
    let r = run(&["hpack", "encode", &jsonl], b"");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout, story,
        "regenerate: httpwire hpack encode testdata/hpack/requests.jsonl > testdata/hpack/story.hex"
    );

    // The header lists, from the jsonl.
    let lists: Vec<Vec<(Vec<u8>, Vec<u8>)>> = std::fs::read_to_string(&jsonl)
        .unwrap()
        .lines()
        .filter(|l| l.starts_with('['))
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            pairs(&v)
        })
        .collect();
    assert!(lists.len() >= 3);
    assert_eq!(
        story
            .lines()
            .filter(|l| l.starts_with("table-size "))
            .count(),
        1
    );

    let (code, v) = run_json(
        &[
            "hpack",
            "decode",
            "--json",
            &format!("{HPACK_SAMPLES}/story.hex"),
        ],
        b"",
    );
    assert_eq!(code, 0, "{v}");
    let blocks = v["blocks"].as_array().unwrap();
    let decoded: Vec<Vec<(Vec<u8>, Vec<u8>)>> =
        blocks.iter().map(|b| pairs(&b["headers"])).collect();
    assert_eq!(decoded, lists);
    // authorization is never indexed, and the dynamic table does its work: every request after
    // the first takes fewer bytes.
    assert!(
        blocks
            .iter()
            .any(|b| b["never_indexed"] != serde_json::json!([]))
    );
    for (block, list) in blocks.iter().zip(&lists) {
        for i in block["never_indexed"].as_array().unwrap() {
            let i = usize::try_from(i.as_u64().unwrap()).unwrap();
            assert_eq!(list[i].0, b"authorization");
        }
    }
    let hex: Vec<&str> = story.lines().filter(|l| !l.starts_with("table-")).collect();
    assert!(hex[1..].iter().all(|h| h.len() < hex[0].len()), "{story}");
}

#[test]
fn demo_decodes_the_hpack_story() {
    let r = run(&["demo"], b"");
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let hpack = r
        .stdout
        .split("== hpack:")
        .nth(1)
        .expect("an hpack section");
    for m in [
        "-- story.hex: ",
        "   block 0 (",
        "   table-size 1024 (SETTINGS_HEADER_TABLE_SIZE)\n",
        "     :authority: shop.example\n",
        "(never indexed)\n",
        "-- bad-index-past-table.hex: ",
        "   refused: index 0 or past the tables (index) at byte 1 (block 2, line 5)\n",
        "0 not as expected",
    ] {
        assert!(hpack.contains(m), "lacks {m:?}: {hpack}");
    }
    // The header lists beside the story are not a sample.
    assert!(!hpack.contains("requests.jsonl"), "{hpack}");
}

#[test]
fn head_only_reports_framing_without_the_body() {
    let head = b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\n";
    // Without --head-only the missing body is refused; with it, the head and its framing.
    let (code, v) = run_json(&["request", "--json"], head);
    assert_eq!((code, &v["error"]["kind"]), (1, &Value::from("incomplete")));
    let (code, v) = run_json(&["request", "--json", "--head-only"], head);
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["framing"]["kind"], "content-length");
    assert_eq!(v["framing"]["length"], 5);
    assert_eq!(v["body"], Value::Null);
    assert_eq!(v["trailers"], Value::Null);
    assert_eq!(v["consumed"], head.len());

    let resp = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
    let (code, v) = run_json(&["response", "--json", "--head-only"], resp);
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["framing"]["kind"], "chunked");
    assert_eq!(
        (&v["body"], &v["consumed"]),
        (&Value::Null, &resp.len().into())
    );

    let r = run(&["request", "--head-only"], head);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("not read"), "{}", r.stdout);
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Runs `--batch` and returns the exit status and the objects, one per line.
fn run_batch(args: &[&str], stdin: &[u8]) -> (i32, Vec<Value>) {
    let r = run(args, stdin);
    let objects = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l:?}")))
        .collect();
    (r.code, objects)
}

#[test]
fn batch_prints_one_object_per_input() {
    let inputs: [&[u8]; 3] = [
        b"GET / HTTP/1.1\r\nHost: a\r\n\r\n",
        b"GET / HTTP/1.1\r\n\r\n",
        b"GET /x HTTP/1.0\r\nContent-Length: 2\r\n\r\nhi",
    ];
    let mut file = String::from("# a comment, then a blank line\n\n");
    for i in inputs {
        file.push_str(&hex(i));
        file.push('\n');
    }
    let (code, objects) = run_batch(&["request", "--json", "--batch"], file.as_bytes());
    assert_eq!(code, 0);
    assert_eq!(objects.len(), 3);
    // Each object is what --json prints for that input alone.
    for (i, o) in inputs.iter().zip(&objects) {
        let (_, alone) = run_json(&["request", "--json"], i);
        assert_eq!(&alone, o);
    }
    assert_eq!(objects[1]["error"]["kind"], "missing_host");
    assert_eq!(latin1(&objects[2]["body"]), b"hi");

    // --head-only applies to every input; a response batch takes --method.
    let file = format!(
        "{}\n{}\n",
        hex(b"HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n"),
        hex(b"HTTP/1.1 200 OK\r\n\r\n")
    );
    let args = ["response", "--json", "--batch", "--head-only"];
    let (code, objects) = run_batch(&args, file.as_bytes());
    assert_eq!(code, 0);
    assert_eq!(objects[0]["framing"]["length"], 9);
    assert_eq!(objects[1]["framing"]["kind"], "close");
    let args = ["response", "--json", "--batch", "--method", "HEAD"];
    let (_, objects) = run_batch(&args, file.as_bytes());
    assert_eq!(objects[0]["framing"]["kind"], "none");
}

#[test]
fn batch_refuses_a_line_that_is_not_hex() {
    let file = format!(
        "{}\nnot hex\n00\n",
        hex(b"GET / HTTP/1.1\r\nHost: a\r\n\r\n")
    );
    let (code, objects) = run_batch(&["request", "--json", "--batch"], file.as_bytes());
    assert_eq!(code, 2);
    assert_eq!(objects.len(), 2, "the run stops at the bad line");
    assert_eq!(objects[0]["ok"], true);
    assert_eq!(objects[1]["error"]["kind"], "bad_line");
    assert_eq!(objects[1]["error"]["line"], 2);
    // --batch is JSON only.
    let r = run(&["request", "--batch"], b"");
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--json"), "{}", r.stderr);
}
