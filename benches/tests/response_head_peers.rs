//! The response head benches' proof that every side does the same work: httpwire's way into a
//! `Vec` (`status_line` and `http1::lines`), into a slice (`write_content_length` through the
//! slice sink) and hyper's way (`itoa` and copies) write the same bytes, the head that
//! `format!` makes, for the bench inputs and any `u64`; and httpwire's strict parser reads
//! each head back with its three fields.

use httpwire_benches::{
    CONTENT_LENGTHS, HEAD_BUF, HEAD_STATUS, HEADS, expected_response_head, httpwire_response_head,
    httpwire_response_head_slice, itoa_response_head, write_heads,
};
use proptest::prelude::*;

/// What each side writes for `n`, checked to be the expected head.
fn check(n: u64) {
    let expected = expected_response_head(n);
    let mut out = Vec::with_capacity(HEAD_BUF);

    assert_eq!(
        httpwire_response_head(&mut out, HEAD_STATUS, n),
        expected.len()
    );
    assert_eq!(out, expected, "httpwire into a Vec, {n}");

    // The buffer is reused: a second head replaces the first.
    out.extend_from_slice(b"left over");
    assert_eq!(itoa_response_head(&mut out, HEAD_STATUS, n), expected.len());
    assert_eq!(out, expected, "itoa way, {n}");

    let mut buf = [0u8; HEAD_BUF];
    let len = httpwire_response_head_slice(&mut buf, HEAD_STATUS, n);
    assert_eq!(&buf[..len], &expected[..], "httpwire into a slice, {n}");

    let mut storage = http1::FieldStorage::<8>::new();
    let Ok(http1::Outcome::Complete(r)) =
        http1::parse_response(&expected, &mut storage, &http1::Config::new())
    else {
        panic!("the head parses");
    };
    assert_eq!(r.head_len, expected.len());
    assert_eq!(r.fields.len(), 3);
    assert_eq!(
        r.fields.get(b"content-length"),
        Some(n.to_string().as_bytes())
    );
}

#[test]
fn every_side_writes_the_expected_head_for_the_bench_inputs() {
    for (_, n) in CONTENT_LENGTHS {
        check(n);
    }
    // The longest head fits the buffer.
    assert!(expected_response_head(u64::MAX).len() <= HEAD_BUF);
}

#[test]
fn every_side_writes_the_expected_head_at_every_digit_count() {
    let mut p = 1u64;
    check(0);
    while let Some(next) = p.checked_mul(10) {
        check(p - 1);
        check(p);
        p = next;
    }
    check(p - 1);
    check(p);
    check(u64::MAX);
}

#[test]
fn the_batches_agree() {
    for (_, n) in CONTENT_LENGTHS {
        let total = HEADS * expected_response_head(n).len();
        let mut out = Vec::with_capacity(HEAD_BUF);
        assert_eq!(write_heads(&mut out, n, httpwire_response_head), total);
        assert_eq!(write_heads(&mut out, n, itoa_response_head), total);
        let mut buf = [0u8; HEAD_BUF];
        assert_eq!(
            write_heads(&mut buf[..], n, httpwire_response_head_slice),
            total
        );
    }
}

#[test]
fn other_codes() {
    // The peer's path for codes other than 200, and ours, agree too.
    for code in [201, 204, 301, 404, 500, 503] {
        let mut a = Vec::new();
        let mut b = Vec::new();
        assert!(httpwire_response_head(&mut a, code, 5) > 0);
        assert!(itoa_response_head(&mut b, code, 5) > 0);
        assert_eq!(a, b, "{code}");
    }
}

#[test]
fn a_short_slice_gets_nothing_past_what_fits() {
    // The slice function reports 0 when the head does not fit (each line is all or nothing).
    let n = 1256;
    let len = expected_response_head(n).len();
    for short in 0..len {
        let mut buf = vec![0u8; short];
        assert_eq!(httpwire_response_head_slice(&mut buf, HEAD_STATUS, n), 0);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2048, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn every_side_writes_the_expected_head(n in any::<u64>()) {
        check(n);
    }
}
