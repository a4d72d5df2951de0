//! Prefix integers, string literals and the static table against RFC 7541 (§5.1, §5.2,
//! Appendix A, the examples of Appendix C), their limits, and round trips.

use hpack::table::{STATIC, static_entry};
use hpack::{int, string};
use proptest::prelude::*;

mod common;
use common::config;

#[test]
fn integers_of_appendix_c1() {
    // C.1.1: 10 with a 5-bit prefix; C.1.2: 1337 with a 5-bit prefix; C.1.3: 42 at a byte
    // boundary (8-bit prefix).
    let cases: [(u32, u8, &[u8]); 3] = [
        (10, 5, &[0x0a]),
        (1337, 5, &[0x1f, 0x9a, 0x0a]),
        (42, 8, &[0x2a]),
    ];
    for (value, prefix, wire) in cases {
        let mut out = [0u8; 8];
        assert_eq!(int::encode(value, prefix, 0, &mut out), Some(wire.len()));
        assert_eq!(&out[..wire.len()], wire);
        assert_eq!(int::encoded_len(value, prefix), wire.len());
        assert_eq!(int::decode(wire, prefix), Ok(Some((value, wire.len()))));
        // Flags above the prefix are kept, and ignored by the decoder.
        let flags = !((1u16 << prefix) - 1) as u8;
        int::encode(value, prefix, 0xff, &mut out).unwrap();
        assert_eq!(out[0] & flags, flags);
        assert_eq!(
            int::decode(&out[..wire.len()], prefix),
            Ok(Some((value, wire.len())))
        );
    }
}

#[test]
fn integer_limits() {
    // Truncated (RUSTSEC-2023-0085: `3f` alone with a 6-bit prefix): more may come.
    assert_eq!(int::decode(&[0x3f], 6), Ok(None));
    assert_eq!(int::decode(&[0x1f, 0x9a], 5), Ok(None));
    assert_eq!(int::decode(&[], 5), Ok(None));
    // Five continuation bytes (redundant zeros too) are allowed, a sixth is not.
    assert_eq!(
        int::decode(&[0x1f, 0x80, 0x80, 0x80, 0x80, 0x00], 5),
        Ok(Some((31, 6)))
    );
    assert_eq!(
        int::decode(&[0x1f, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00], 5),
        Err(int::TooLarge)
    );
    assert_eq!(
        int::decode(&[0x1f, 0x80, 0x80, 0x80, 0x80, 0x80], 5),
        Err(int::TooLarge)
    );
    // The largest value, and one more.
    let mut out = [0u8; 8];
    let n = int::encode(int::MAX, 8, 0, &mut out).unwrap();
    assert_eq!(n, 6);
    assert_eq!(int::decode(&out[..n], 8), Ok(Some((int::MAX, n))));
    // MAX + 1: 255 + (MAX - 254), written by hand in 7-bit groups.
    let mut rest = u64::from(int::MAX) + 1 - 255;
    let mut wire = vec![0xff];
    while rest >= 0x80 {
        wire.push((rest & 0x7f) as u8 | 0x80);
        rest >>= 7;
    }
    wire.push(rest as u8);
    assert_eq!(int::decode(&wire, 8), Err(int::TooLarge));
    // Too short a buffer: nothing written.
    let mut short = [0u8; 2];
    assert_eq!(int::encode(1337, 5, 0, &mut short), None);
    assert_eq!(short, [0, 0]);
}

#[test]
fn static_table_is_appendix_a() {
    assert_eq!(STATIC.len(), 61);
    assert_eq!(static_entry(0), None);
    assert_eq!(static_entry(62), None);
    assert_eq!(static_entry(u32::MAX), None);
    assert_eq!(static_entry(1), Some((&b":authority"[..], &b""[..])));
    assert_eq!(static_entry(2), Some((&b":method"[..], &b"GET"[..])));
    assert_eq!(static_entry(8), Some((&b":status"[..], &b"200"[..])));
    assert_eq!(
        static_entry(16),
        Some((&b"accept-encoding"[..], &b"gzip, deflate"[..]))
    );
    assert_eq!(static_entry(32), Some((&b"cookie"[..], &b""[..])));
    assert_eq!(static_entry(61), Some((&b"www-authenticate"[..], &b""[..])));
    for (i, (name, value)) in STATIC.iter().enumerate() {
        assert!(!name.is_empty());
        assert!(!name.iter().any(u8::is_ascii_uppercase), "{i}");
        assert!(
            STATIC[..i].iter().all(|e| e != &(*name, *value)),
            "{i} twice"
        );
    }
    // The pseudo-fields first (1 to 14), then regular names only.
    assert!(STATIC[..14].iter().all(|e| e.0.starts_with(b":")));
    assert!(STATIC[14..].iter().all(|e| !e.0.starts_with(b":")));
}

#[test]
fn string_literals_of_appendix_c() {
    // C.3.1 (raw) and C.4.1 (Huffman): "www.example.com".
    let raw = [&[0x0f][..], b"www.example.com"].concat();
    let lit = string::split(&raw, 100).unwrap().unwrap();
    assert_eq!(
        (lit.huffman, lit.bytes, lit.len),
        (false, &b"www.example.com"[..], 16)
    );
    let mut scratch = [0u8; 64];
    assert_eq!(lit.decode(&mut scratch, 100), Ok(&b"www.example.com"[..]));
    let coded = [
        0x8c, 0xf1, 0xe3, 0xc2, 0xe5, 0xf2, 0x3a, 0x6b, 0xa0, 0xab, 0x90, 0xf4, 0xff,
    ];
    let lit = string::split(&coded, 100).unwrap().unwrap();
    assert!(lit.huffman);
    assert_eq!(lit.len, 13);
    assert_eq!(lit.decode(&mut scratch, 100), Ok(&b"www.example.com"[..]));
    // The encoder picks Huffman there (12 bytes against 15), and writes exactly that.
    let mut out = [0u8; 32];
    assert_eq!(string::encode(b"www.example.com", &mut out), Some(13));
    assert_eq!(out[..13], coded);
    assert_eq!(string::encoded_len(b"www.example.com"), 13);
    // Bytes whose codes are long stay raw.
    let odd = [0u8, 1, 2, 200];
    assert_eq!(string::encode(&odd, &mut out), Some(5));
    assert_eq!(out[..5], [0x04, 0, 1, 2, 200]);
}

#[test]
fn string_limits() {
    let raw = [&[0x0f][..], b"www.example.com"].concat();
    // Cut short: more may come.
    assert_eq!(string::split(&raw[..10], 100), Ok(None));
    assert_eq!(string::split(&[], 100), Ok(None));
    // Longer than the cap.
    assert_eq!(string::split(&raw, 14), Err(string::Error::TooLong));
    assert!(string::split(&raw, 15).unwrap().is_some());
    // A length too large an integer.
    assert_eq!(
        string::split(&[0x7f, 0xff, 0xff, 0xff, 0xff, 0x7f], u32::MAX),
        Err(string::Error::Length)
    );
    // A Huffman string that decodes longer than the cap, and one with bad padding.
    let coded = [
        0x8c, 0xf1, 0xe3, 0xc2, 0xe5, 0xf2, 0x3a, 0x6b, 0xa0, 0xab, 0x90, 0xf4, 0xff,
    ];
    let lit = string::split(&coded, 100).unwrap().unwrap();
    let mut scratch = [0u8; 64];
    assert_eq!(lit.decode(&mut scratch, 14), Err(string::Error::TooLong));
    let bad = [0x81, 0x00];
    let lit = string::split(&bad, 100).unwrap().unwrap();
    assert_eq!(
        lit.decode(&mut scratch, 100),
        Err(string::Error::Huffman(hpack::huffman::Error::Padding))
    );
}

proptest! {
    #![proptest_config(config())]

    /// Any value with any prefix and flags round-trips, in exactly `encoded_len` bytes.
    #[test]
    fn integers_round_trip(value in any::<u32>(), prefix in 1u8..=8, flags in any::<u8>()) {
        let mut out = [0u8; 8];
        let n = int::encode(value, prefix, flags, &mut out).unwrap();
        prop_assert_eq!(n, int::encoded_len(value, prefix));
        prop_assert_eq!(int::decode(&out[..n], prefix), Ok(Some((value, n))));
        // Every shorter piece is incomplete, never an error or another value.
        for cut in 0..n {
            prop_assert_eq!(int::decode(&out[..cut], prefix), Ok(None));
        }
    }

    /// Any bytes: no panic; a value, when there is one, is at most MAX and took at most 6
    /// continuation bytes.
    #[test]
    fn integers_from_any_bytes(wire in proptest::collection::vec(any::<u8>(), 0..10), prefix in 1u8..=8) {
        if let Ok(Some((_, n))) = int::decode(&wire, prefix) {
            prop_assert!(n <= 1 + int::MAX_CONTINUATION);
        }
    }

    /// Any string round-trips as a literal, Huffman-encoded exactly when that is shorter.
    #[test]
    fn strings_round_trip(s in proptest::collection::vec(any::<u8>(), 0..if cfg!(miri) { 8 } else { 300 })) {
        let mut out = vec![0u8; string::encoded_len(&s)];
        prop_assert_eq!(string::encode(&s, &mut out), Some(out.len()));
        let lit = string::split(&out, u32::MAX).unwrap().unwrap();
        prop_assert_eq!(lit.len, out.len());
        prop_assert_eq!(lit.huffman, hpack::huffman::encoded_len(&s) < s.len());
        let mut scratch = vec![0u8; s.len() + 16];
        prop_assert_eq!(lit.decode(&mut scratch, u32::MAX), Ok(&s[..]));
    }
}

/// `table::find` against a scan of the table: every entry's name with its value, with
/// another value, and names that are not there.
#[test]
fn static_find_agrees_with_a_scan() {
    let scan = |name: &[u8], value: &[u8]| {
        let full = STATIC.iter().position(|e| e.0 == name && e.1 == value);
        let named = STATIC.iter().position(|e| e.0 == name);
        full.map(|i| (i as u32 + 1, true))
            .or(named.map(|i| (i as u32 + 1, false)))
    };
    for (name, value) in STATIC {
        assert_eq!(hpack::table::find(name, value), scan(name, value));
        assert_eq!(hpack::table::find(name, b"zz"), scan(name, b"zz"));
        let mut upper = name.to_vec();
        upper.make_ascii_uppercase();
        assert_eq!(hpack::table::find(&upper, value), None);
        assert_eq!(hpack::table::find(&name[..name.len() - 1], value), None);
    }
    for name in [&b""[..], b"x", b"x-forwarded-for", b":protocol", b"te"] {
        assert_eq!(hpack::table::find(name, b""), None);
    }
}
