//! Framing on whatever heads the parser accepts from arbitrary bytes (strict and lenient
//! parsing, strict and lenient framing): no panic, a refusal points inside the head, and a
//! body length or chunked coding comes from a field that really is named Content-Length or
//! Transfer-Encoding (compared here the slow way, byte by byte); the Host rules and the
//! request's authority hold as an independent oracle states them (`check_host_rules`).
#![no_main]

use http1::framing::{FramingOptions, request_framing_with, response_framing_with};
use http1::{
    BodyFraming, Config, FieldStorage, Fields, Leniency, Outcome, parse_request, parse_response,
};
use libfuzzer_sys::fuzz_target;

const METHODS: [&[u8]; 5] = [b"GET", b"HEAD", b"POST", b"CONNECT", b"OPTIONS"];

/// Whether the framing `body` has a field to come from: chunked needs a Transfer-Encoding
/// field, a length (other than a response's implied ones) a Content-Length field.
fn has_source(fields: &Fields<'_, '_>, body: &BodyFraming) -> bool {
    let named = |n: &[u8]| fields.iter().any(|f| f.name.eq_ignore_ascii_case(n));
    match body {
        BodyFraming::Chunked => named(b"transfer-encoding"),
        BodyFraming::ContentLength(n) if *n > 0 => named(b"content-length"),
        _ => true,
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, data)) = data.split_first() else {
        return;
    };
    let cfg = if selector & 1 == 0 {
        Config::new()
    } else {
        Config::new().lenient(Leniency::all())
    };
    let opts = if selector & 2 == 0 {
        FramingOptions::new()
    } else {
        FramingOptions::all()
    };
    let mut storage = FieldStorage::<64>::new();
    if let Ok(Outcome::Complete(req)) = parse_request(data, &mut storage, &cfg) {
        let framing = request_framing_with(&req, &opts);
        httpwire_fuzz::check_host_rules(&req, &framing, &opts);
        match framing {
            Ok(info) => {
                assert_ne!(info.body, BodyFraming::CloseDelimited);
                assert!(has_source(&req.fields, &info.body), "{:?}", info.body);
                // Strict: a CONNECT has no content (RFC 9110 §9.3.6).
                if req.method == b"CONNECT" && !opts.connect_with_content {
                    assert!(
                        matches!(info.body, BodyFraming::None | BodyFraming::ContentLength(0)),
                        "{:?}",
                        info.body
                    );
                }
            }
            Err(e) => assert!(e.offset < req.head_len),
        }
    }
    let method = METHODS[usize::from(selector >> 2) % METHODS.len()];
    let mut storage = FieldStorage::<64>::new();
    if let Ok(Outcome::Complete(resp)) = parse_response(data, &mut storage, &cfg) {
        match response_framing_with(&resp, method, &opts) {
            Ok(info) => {
                // A response to HEAD has no body; a 101 still switches protocols after it
                // (framing.rs: rule 1 before rule 2).
                if method == b"HEAD" {
                    let want = if resp.status.as_u16() == 101 {
                        BodyFraming::Tunnel
                    } else {
                        BodyFraming::None
                    };
                    assert_eq!(info.body, want);
                }
                assert!(has_source(&resp.fields, &info.body), "{:?}", info.body);
            }
            Err(e) => assert!(e.offset < resp.head_len),
        }
    }
});
