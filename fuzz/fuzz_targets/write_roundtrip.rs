//! Structure-aware writer round trip: an arbitrary head (method, target, version, fields) is
//! written; if the writer accepts it, the strict parser must read back exactly that head and
//! consume exactly the written bytes. If the writer refuses, nothing may have been written.
#![no_main]

use arbitrary::Arbitrary;
use http1::write::{Reason, RequestHead, ResponseHead, write_request_head, write_response_head};
use http1::{
    Config, Field, FieldStorage, Outcome, StatusCode, Version, parse_request, parse_response,
};
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Arbitrary)]
struct Head {
    method: Vec<u8>,
    target: Vec<u8>,
    minor: bool,
    status: u16,
    reason: Option<Vec<u8>>,
    fields: Vec<(Vec<u8>, Vec<u8>)>,
}

fuzz_target!(|head: Head| {
    let version = if head.minor {
        Version::HTTP_11
    } else {
        Version::HTTP_10
    };
    let fields: Vec<Field<'_>> = head
        .fields
        .iter()
        .take(32)
        .map(|(n, v)| Field { name: n, value: v })
        .collect();
    let mut buf = vec![0u8; 1 << 16];

    let req = RequestHead {
        method: &head.method,
        target: &head.target,
        version,
        fields: &fields,
    };
    match write_request_head(&mut buf[..], &req) {
        Ok(n) => {
            let mut storage = FieldStorage::<64>::new();
            let parsed = parse_request(&buf[..n], &mut storage, &Config::new())
                .expect("the parser accepts what the writer wrote");
            let Outcome::Complete(r) = parsed else {
                panic!("incomplete")
            };
            assert_eq!(r.head_len, n);
            assert_eq!(r.method, &head.method[..]);
            assert_eq!(r.target, &head.target[..]);
            assert_eq!(r.version, version);
            assert!(r.fields.iter().eq(fields.iter().copied()));
        }
        Err(_) => assert!(buf.iter().all(|&b| b == 0), "a refused head wrote bytes"),
    }

    let Some(status) = StatusCode::new(head.status % 1000) else {
        return;
    };
    let reason = match &head.reason {
        Some(r) => Reason::Custom(r),
        None => Reason::Canonical,
    };
    let mut buf = vec![0u8; 1 << 16];
    let resp = ResponseHead {
        version,
        status,
        reason,
        fields: &fields,
    };
    if let Ok(n) = write_response_head(&mut buf[..], &resp) {
        let mut storage = FieldStorage::<64>::new();
        let parsed = parse_response(&buf[..n], &mut storage, &Config::new())
            .expect("the parser accepts what the writer wrote");
        let Outcome::Complete(r) = parsed else {
            panic!("incomplete")
        };
        assert_eq!(r.head_len, n);
        assert_eq!(r.status, status);
        if let Some(text) = &head.reason {
            assert_eq!(r.reason, &text[..]);
        }
        assert!(r.fields.iter().eq(fields.iter().copied()));
    }
});
