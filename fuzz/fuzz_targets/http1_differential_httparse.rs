//! Differential: httpwire's strict request parser against httparse on the same bytes.
//!
//! httpwire is stricter by design, so the rule is one-way: whenever httpwire accepts a
//! complete head, httparse (with its defaults) must accept it too, with the same method,
//! target, version, field names and values and head length. The reverse does not hold (see
//! benches/tests/differential_httparse.rs for the documented differences).
#![no_main]

use http1::{Config, FieldStorage, Outcome, parse_request};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut storage = FieldStorage::<64>::new();
    let Ok(Outcome::Complete(ours)) = parse_request(data, &mut storage, &Config::new()) else {
        return;
    };
    if ours.version != http1::Version::HTTP_10 && ours.version != http1::Version::HTTP_11 {
        // httpwire reports any version digits (framing decides); httparse knows only 1.0/1.1.
        return;
    }
    let mut headers = [httparse::EMPTY_HEADER; 64];
    let mut theirs = httparse::Request::new(&mut headers);
    let status = theirs
        .parse(data)
        .expect("httparse refuses what httpwire accepted");
    let httparse::Status::Complete(len) = status else {
        panic!("httparse incomplete where httpwire is complete");
    };
    assert_eq!(len, ours.head_len);
    assert_eq!(theirs.method.map(str::as_bytes), Some(ours.method));
    assert_eq!(theirs.path.map(str::as_bytes), Some(ours.target));
    assert_eq!(theirs.version, Some(ours.version.minor()));
    assert_eq!(theirs.headers.len(), ours.fields.len());
    for (h, f) in theirs.headers.iter().zip(ours.fields.iter()) {
        assert_eq!(h.name.as_bytes(), f.name);
        assert_eq!(h.value, f.value);
    }
});
