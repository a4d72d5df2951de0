//! RFC 9113 §8.2.1 field checks: the rules on the scalar reference, and every SIMD level this
//! CPU runs equal to it (every byte at every position of names and values of lengths around
//! 16-, 32- and 64-byte blocks, up to 130 bytes, and random fields).

use hpack::Field;
use hpack::check::{Invalid, Level, check, check_at, check_scalar, is_name_stop, is_value_stop};
use proptest::prelude::*;

mod common;
use common::config;

#[test]
fn the_rules() {
    let ok: [(&[u8], &[u8]); 7] = [
        (b":path", b"/index.html"),
        (b":authority", b""),
        (b"content-type", b"text/html; charset=utf-8"),
        (b"x-0123456789_!#$%&'*+-.^`|~", b"a b\tc"),
        (
            b"x",
            b"\x01\x7f\x80\xff obs-text and controls other than NUL, CR, LF",
        ),
        (b"accept", b"*/*"),
        (b"@", b"\""),
    ];
    for (name, value) in ok {
        assert_eq!(check_scalar(name, value), Ok(()), "{name:?}");
        assert_eq!(check(name, value), Ok(()), "{name:?}");
    }
    let bad: [(&[u8], &[u8], Invalid); 14] = [
        (b"", b"x", Invalid::EmptyName),
        (b"Host", b"x", Invalid::NameByte(0)),
        (b"x-Y", b"x", Invalid::NameByte(2)),
        (b"a b", b"x", Invalid::NameByte(1)),
        (b"a:b", b"x", Invalid::NameByte(1)),
        (b"::path", b"x", Invalid::NameByte(1)),
        (b"a\x7f", b"x", Invalid::NameByte(1)),
        (b"\xc3\xa9", b"x", Invalid::NameByte(0)),
        (b"a", b" x", Invalid::ValueWhitespace),
        (b"a", b"x\t", Invalid::ValueWhitespace),
        (b"a", b" ", Invalid::ValueWhitespace),
        (b"a", b"x\x00y", Invalid::ValueByte(1)),
        (b"a", b"x\r\ny", Invalid::ValueByte(1)),
        (b"a", b"xy\n", Invalid::ValueByte(2)),
    ];
    for (name, value, want) in bad {
        assert_eq!(check_scalar(name, value), Err(want), "{name:?} {value:?}");
        assert_eq!(check(name, value), Err(want), "{name:?} {value:?}");
        let f = Field {
            name,
            value,
            never_indexed: false,
        };
        assert_eq!(f.check(), Err(want));
    }
    // The classes, byte by byte, against the RFC's ranges.
    for b in 0..=255u8 {
        let name_ok = !(b <= 0x20 || (0x41..=0x5a).contains(&b) || b >= 0x7f || b == b':');
        assert_eq!(is_name_stop(b), !name_ok, "{b:#04x}");
        assert_eq!(
            is_value_stop(b),
            b == 0 || b == b'\r' || b == b'\n',
            "{b:#04x}"
        );
    }
}

fn levels() -> Vec<Level> {
    Level::ALL
        .into_iter()
        .filter(|&l| {
            let run = l.is_available() && !cfg!(miri);
            if !run && l != Level::Scalar {
                eprintln!(
                    "check: SKIPPING {} (not on this CPU/target, or under miri)",
                    l.name()
                );
            }
            run
        })
        .collect()
}

/// Every level gives the scalar answer for `name: value`.
fn same_everywhere(levels: &[Level], name: &[u8], value: &[u8]) {
    let want = check_scalar(name, value);
    for &level in levels {
        assert_eq!(
            check_at(level, name, value),
            want,
            "{} {name:02x?} {value:02x?}",
            level.name()
        );
    }
}

#[test]
#[cfg_attr(
    miri,
    ignore = "miri runs only the scalar level: nothing to compare it with"
)]
fn every_level_equals_scalar_on_every_byte_at_every_position() {
    let levels = levels();
    // Lengths around each block size (16, 32, 64, and two 64-byte blocks): every tail.
    let lens = (1..=17).chain(31..=33).chain(63..=65).chain(127..=130);
    for len in lens {
        for at in 0..len {
            for b in 0..=255u8 {
                let mut name = vec![b'a'; len];
                name[at] = b;
                same_everywhere(&levels, &name, b"v");
                let mut value = vec![b'v'; len];
                value[at] = b;
                same_everywhere(&levels, b"n", &value);
            }
        }
        // A pseudo-header's leading colon, and the rest scanned from 1.
        let mut name = vec![b'a'; len];
        name[0] = b':';
        same_everywhere(&levels, &name, b"");
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn every_level_equals_scalar_on_random_fields(
        name in proptest::collection::vec(
            prop_oneof![8 => b'a'..=b'z', 1 => any::<u8>()], 0..100),
        value in proptest::collection::vec(
            prop_oneof![8 => b' '..=b'~', 1 => any::<u8>()], 0..300),
    ) {
        let want = check_scalar(&name, &value);
        prop_assert_eq!(check(&name, &value), want);
        for level in levels() {
            prop_assert_eq!(check_at(level, &name, &value), want);
        }
    }
}
