//! Framing on whatever heads the parser accepts from arbitrary bytes (strict and lenient
//! parsing, strict and lenient framing): no panic, and a refusal points inside the head.
#![no_main]

use http1::framing::{FramingOptions, request_framing_with, response_framing_with};
use http1::{BodyFraming, Config, FieldStorage, Leniency, Outcome, parse_request, parse_response};
use libfuzzer_sys::fuzz_target;

const METHODS: [&[u8]; 5] = [b"GET", b"HEAD", b"POST", b"CONNECT", b"OPTIONS"];

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
        match request_framing_with(&req, &opts) {
            Ok(info) => assert_ne!(info.body, BodyFraming::CloseDelimited),
            Err(e) => assert!(e.offset < req.head_len),
        }
    }
    let method = METHODS[usize::from(selector >> 2) % METHODS.len()];
    let mut storage = FieldStorage::<64>::new();
    if let Ok(Outcome::Complete(resp)) = parse_response(data, &mut storage, &cfg) {
        match response_framing_with(&resp, method, &opts) {
            Ok(info) => {
                if method == b"HEAD" {
                    assert_eq!(info.body, BodyFraming::None);
                }
            }
            Err(e) => assert!(e.offset < resp.head_len),
        }
    }
});
