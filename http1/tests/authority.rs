//! Host and the request's authority (RFC 9112 §3.2, §3.2.2, §3.2.3; RFC 9110 §4.2, §7.2):
//! every rule refused with its own kind and offset, through `request_framing` and
//! `request_authority` alike, on heads parsed by the real parser.

use http1::authority::{Authority, AuthoritySource, request_authority, request_authority_with};
use http1::framing::{FramingError, FramingErrorKind as K, FramingOptions, request_framing_with};
use http1::{Config, FieldStorage, Outcome, TargetForm, parse_request};

/// The verdicts of `request_framing_with` and `request_authority_with` on `wire` under `opts`:
/// the two must agree on every Host error, and the authority comes back owned.
fn verdict(wire: &[u8], opts: &FramingOptions) -> Result<Option<Owned>, FramingError> {
    let mut storage = FieldStorage::<32>::new();
    let req = match parse_request(wire, &mut storage, &Config::new()) {
        Ok(Outcome::Complete(req)) => req,
        other => panic!(
            "{:?} did not parse: {other:?}",
            String::from_utf8_lossy(wire)
        ),
    };
    let framing = request_framing_with(&req, opts);
    let authority = request_authority_with(&req, opts);
    assert_eq!(
        framing.err(),
        authority.err(),
        "{:?}",
        String::from_utf8_lossy(wire)
    );
    if *opts == FramingOptions::STRICT {
        assert_eq!(request_authority(&req), authority);
    }
    authority.map(|a| a.map(Owned::from))
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Owned {
    raw: Vec<u8>,
    host: Vec<u8>,
    port: Option<u16>,
    source: AuthoritySource,
}

impl From<Authority<'_>> for Owned {
    fn from(a: Authority<'_>) -> Owned {
        Owned {
            raw: a.raw.to_vec(),
            host: a.host.to_vec(),
            port: a.port,
            source: a.source,
        }
    }
}

fn strict(wire: &[u8]) -> Result<Option<Owned>, FramingError> {
    verdict(wire, &FramingOptions::STRICT)
}

fn authority(raw: &str, host: &str, port: Option<u16>, source: AuthoritySource) -> Owned {
    Owned {
        raw: raw.into(),
        host: host.into(),
        port,
        source,
    }
}

/// The refusal of `wire`: kind, offset and field.
fn refused(wire: &[u8]) -> (K, usize, Option<usize>) {
    let e = strict(wire).unwrap_err();
    (e.kind, e.offset, e.field)
}

/// Offset of the first `needle` in `hay`.
fn at(hay: &[u8], needle: &str) -> usize {
    hay.windows(needle.len())
        .position(|w| w == needle.as_bytes())
        .unwrap_or_else(|| panic!("{needle:?} not in {:?}", String::from_utf8_lossy(hay)))
}

#[test]
fn http11_needs_host() {
    let wire = b"GET / HTTP/1.1\r\nAccept: */*\r\n\r\n";
    assert_eq!(refused(wire), (K::MissingHost, wire.len() - 2, None));
    // Also for the other forms, and a later minor version.
    for wire in [
        &b"OPTIONS * HTTP/1.1\r\n\r\n"[..],
        b"GET http://a/ HTTP/1.1\r\n\r\n",
        b"CONNECT a:443 HTTP/1.1\r\n\r\n",
        b"GET / HTTP/1.2\r\nX: y\r\n\r\n",
    ] {
        assert_eq!(refused(wire), (K::MissingHost, wire.len() - 2, None));
    }
    // A name that only resembles Host does not count.
    let wire = b"GET / HTTP/1.1\r\nHosts: a\r\nHost-: a\r\nX-Host: a\r\n\r\n";
    assert_eq!(refused(wire).0, K::MissingHost);
    // HTTP/1.0 may omit it: no authority, unless the target has one.
    assert_eq!(strict(b"GET / HTTP/1.0\r\n\r\n"), Ok(None));
    assert_eq!(
        strict(b"GET http://a:8/ HTTP/1.0\r\n\r\n"),
        Ok(Some(authority(
            "a:8",
            "a",
            Some(8),
            AuthoritySource::Target
        )))
    );
    // With a bare-LF head (lenient parsing), the offset is the LF.
    let mut storage = FieldStorage::<4>::new();
    let cfg = Config::new().lenient(http1::Leniency::all());
    let wire = b"GET / HTTP/1.1\nX: y\n\n";
    let req = parse_request(wire, &mut storage, &cfg)
        .unwrap()
        .complete()
        .unwrap();
    let e = request_authority(&req).unwrap_err();
    assert_eq!((e.kind, e.offset), (K::MissingHost, wire.len() - 1));
}

#[test]
fn one_host_only() {
    for (wire, second) in [
        (&b"GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"[..], 1),
        // Equal values too: which one a peer takes is not the point, that it must choose is.
        (b"GET / HTTP/1.1\r\nHost: a\r\nX: y\r\nhOST: a\r\n\r\n", 2),
        (b"GET / HTTP/1.0\r\nHost: a\r\nHost: a\r\n\r\n", 1),
        (b"GET http://a/ HTTP/1.1\r\nHost: a\r\nHost: a\r\n\r\n", 1),
        // Reported at the second even when the first is invalid.
        (b"GET / HTTP/1.1\r\nHost: a b\r\nHost: a\r\n\r\n", 1),
        (b"GET / HTTP/1.1\r\nHost:\r\nHost:\r\nHost: c\r\n\r\n", 1),
    ] {
        let name = wire
            .split(|&b| b == b'\n')
            .take(second + 1)
            .map(|l| l.len() + 1)
            .sum::<usize>();
        assert_eq!(refused(wire), (K::DuplicateHost, name, Some(second)));
    }
}

#[test]
fn host_must_be_uri_host_and_port() {
    let bad: &[(&str, &str)] = &[
        ("a b", " b"),
        ("a/b", "/b"),
        ("a?b", "?b"),
        ("a@b", "@b"),
        ("user@a", "@a"),
        ("a#b", "#b"),
        ("a\"b", "\"b"),
        ("a\\b", "\\b"),
        ("a\tb", "\tb"),
        ("caf\u{e9}", "\u{e9}"),
        ("a:8x", "x"),
        ("a:1:2", ":2"),
        ("a:65536", "65536"),
        ("a:000080", "000080"),
        (":80", ":80"),
        ("%zz", "%zz"),
        ("a%4", "%4"),
        ("[::1", "[::1"),
        ("[::1]x", "x"),
        ("[::1%25en0]", "1%25"),
        ("[1:2:3:4:5:6:7]", "]"),
        ("[1::2::3]", "::3"),
        ("[::1.2.3.256]", "256"),
        ("[v.a]", ".a"),
        ("a,b c", " c"),
    ];
    for &(value, from) in bad {
        let wire = format!("GET / HTTP/1.1\r\nX: y\r\nHost: {value}\r\n\r\n").into_bytes();
        let wire = if value.contains('\u{e9}') {
            // The one byte 0xE9 (obs-text), not its UTF-8 form.
            let mut w = wire;
            let i = at(&w, "\u{e9}");
            w.splice(i..i + 2, [0xe9]);
            w
        } else {
            wire
        };
        let value_at = at(&wire, "Host: ") + 6;
        let from_at = if from == "\u{e9}" {
            value_at + 3
        } else {
            value_at + at(&wire[value_at..], from)
        };
        assert_eq!(
            refused(&wire),
            (K::InvalidHost, from_at, Some(1)),
            "{value:?}"
        );
    }
    let good: &[(&str, &str, Option<u16>)] = &[
        ("example.com", "example.com", None),
        ("EXAMPLE.COM:80", "EXAMPLE.COM", Some(80)),
        ("a:", "a", None),
        ("a:0", "a", Some(0)),
        ("a:65535", "a", Some(65535)),
        ("192.0.2.1:8080", "192.0.2.1", Some(8080)),
        ("[2001:db8::1]:443", "[2001:db8::1]", Some(443)),
        ("[::ffff:192.0.2.1]", "[::ffff:192.0.2.1]", None),
        ("[v7.x:y]", "[v7.x:y]", None),
        ("xn--bcher-kva.example", "xn--bcher-kva.example", None),
        ("a%20b", "a%20b", None),
        ("a,b;c=d!$&'()*+~_", "a,b;c=d!$&'()*+~_", None),
    ];
    for &(value, host, port) in good {
        let wire = format!("GET / HTTP/1.1\r\nHost: {value}\r\n\r\n");
        assert_eq!(
            strict(wire.as_bytes()),
            Ok(Some(authority(value, host, port, AuthoritySource::Host))),
            "{value:?}"
        );
    }
}

#[test]
fn empty_host_means_no_authority() {
    for wire in [
        &b"GET / HTTP/1.1\r\nHost:\r\n\r\n"[..],
        b"GET / HTTP/1.1\r\nHost:   \r\n\r\n",
        b"OPTIONS * HTTP/1.1\r\nHost: \r\n\r\n",
        b"GET urn:isbn:0451450523 HTTP/1.1\r\nHost:\r\n\r\n",
    ] {
        assert_eq!(
            strict(wire),
            Ok(None),
            "{:?}",
            String::from_utf8_lossy(wire)
        );
    }
    // A target without authority leaves Host unused, but it must still be valid.
    let wire = b"GET urn:x HTTP/1.1\r\nHost: a b\r\n\r\n";
    assert_eq!(refused(wire).0, K::InvalidHost);
}

#[test]
fn absolute_form_authority_and_host() {
    use AuthoritySource::Target;
    let agree: &[(&str, &str, Owned)] = &[
        ("http://a/x", "a", authority("a", "a", None, Target)),
        (
            "http://A.Example/",
            "a.example",
            authority("A.Example", "A.Example", None, Target),
        ),
        (
            "http://a:80/",
            "a",
            authority("a:80", "a", Some(80), Target),
        ),
        ("http://a/", "a:80", authority("a", "a", None, Target)),
        ("http://a:/", "a:80", authority("a:", "a", None, Target)),
        ("https://a/", "a:443", authority("a", "a", None, Target)),
        (
            "https://a:8443?q",
            "a:8443",
            authority("a:8443", "a", Some(8443), Target),
        ),
        (
            "http://[::1]:8/",
            "[::1]:8",
            authority("[::1]:8", "[::1]", Some(8), Target),
        ),
        ("ws://a:1/", "a:1", authority("a:1", "a", Some(1), Target)),
    ];
    for (target, host, want) in agree {
        let wire = format!("GET {target} HTTP/1.1\r\nHost: {host}\r\n\r\n");
        assert_eq!(
            strict(wire.as_bytes()).as_ref(),
            Ok(&Some(want.clone())),
            "{target} {host}"
        );
    }
    let disagree: &[(&str, &str)] = &[
        ("http://a/", "b"),
        ("http://a/", "a:8080"),
        ("http://a:8080/", "a"),
        ("https://a/", "a:80"),
        ("http://a/", "a.b"),
        ("http://a/", ""),
        ("ws://a/", "a:80"),
        ("http://[::1]/", "[::2]"),
    ];
    let mut lenient = FramingOptions::new();
    assert!(lenient.enable("absolute_form_host_mismatch"));
    for &(target, host) in disagree {
        let wire = format!("GET {target} HTTP/1.1\r\nX: y\r\nHost: {host}\r\n\r\n").into_bytes();
        // An empty value starts after the OWS.
        let value_at = at(&wire, "Host: ") + 6;
        assert_eq!(
            refused(&wire),
            (K::HostMismatch, value_at, Some(1)),
            "{target} {host}"
        );
        // The leniency follows RFC 9112 §3.2.2: the target's authority, Host ignored.
        let a = verdict(&wire, &lenient).unwrap().unwrap();
        assert_eq!(a.source, Target, "{target} {host}");
        assert_eq!(
            a.raw,
            target
                .split("//")
                .nth(1)
                .unwrap()
                .split('/')
                .next()
                .unwrap()
                .as_bytes()
        );
    }
    // The leniency leaves the other Host rules on.
    for (wire, kind) in [
        (&b"GET http://a/ HTTP/1.1\r\n\r\n"[..], K::MissingHost),
        (
            b"GET http://a/ HTTP/1.1\r\nHost: a\r\nHost: a\r\n\r\n",
            K::DuplicateHost,
        ),
        (
            b"GET http://a/ HTTP/1.1\r\nHost: a/\r\n\r\n",
            K::InvalidHost,
        ),
    ] {
        assert_eq!(verdict(wire, &lenient).unwrap_err().kind, kind);
    }
}

#[test]
fn connect_authority_comes_from_the_target() {
    let wire = b"CONNECT Example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n";
    assert_eq!(
        strict(wire),
        Ok(Some(authority(
            "Example.com:443",
            "Example.com",
            Some(443),
            AuthoritySource::Target
        )))
    );
    // Host is checked but not compared: clients differ on what they put there.
    let wire = b"CONNECT [::1]:8443 HTTP/1.1\r\nHost: proxy.example\r\n\r\n";
    assert_eq!(strict(wire).unwrap().unwrap().host, b"[::1]");
    let wire = b"CONNECT a:443 HTTP/1.1\r\nHost: a:443 \r\nHost: a\r\n\r\n";
    assert_eq!(refused(wire).0, K::DuplicateHost);
}

#[test]
fn other_forms_take_host() {
    for (wire, raw) in [
        (&b"OPTIONS * HTTP/1.1\r\nHost: a:1\r\n\r\n"[..], "a:1"),
        (b"GET /x?y HTTP/1.1\r\nhost: b\r\n\r\n", "b"),
        (b"GET / HTTP/1.0\r\nHOST: [::1]\r\n\r\n", "[::1]"),
    ] {
        let a = strict(wire).unwrap().unwrap();
        assert_eq!(
            (a.raw.as_slice(), a.source),
            (raw.as_bytes(), AuthoritySource::Host)
        );
    }
}

/// Framing errors come first; the Host rules run on a head whose framing is sound.
#[test]
fn framing_errors_come_before_host_errors() {
    let mut storage = FieldStorage::<8>::new();
    let wire = b"POST / HTTP/1.1\r\nContent-Length: x\r\n\r\n";
    let req = parse_request(wire, &mut storage, &Config::new())
        .unwrap()
        .complete()
        .unwrap();
    assert_eq!(
        http1::request_framing(&req).unwrap_err().kind,
        K::InvalidContentLength
    );
    assert_eq!(request_authority(&req).unwrap_err().kind, K::MissingHost);
}

/// A request altered after parsing (its fields are public) gets an error, never a panic.
#[test]
fn altered_requests_are_refused_not_trusted() {
    let mut storage = FieldStorage::<8>::new();
    let wire = b"GET / HTTP/1.1\r\nHost: a\r\n\r\n";
    let req = parse_request(wire, &mut storage, &Config::new())
        .unwrap()
        .complete()
        .unwrap();
    for (target, form) in [
        (&b"/"[..], TargetForm::Authority),
        (b"/", TargetForm::Absolute),
        (b"http:///", TargetForm::Absolute),
        (b"", TargetForm::Authority),
    ] {
        let mut bad = req;
        bad.target = target;
        bad.target_form = form;
        let e = request_authority(&bad).unwrap_err();
        assert_eq!(e.kind, K::InvalidTarget, "{target:?} {form:?}");
        assert!(e.offset < req.head_len);
    }
    let mut bad = req;
    bad.head_len = 0;
    bad.target = b"/";
    bad.target_form = TargetForm::Authority;
    assert_eq!(request_authority(&bad).unwrap_err().kind, K::InvalidTarget);
}
