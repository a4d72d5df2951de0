//! The Huffman code against RFC 7541 (Appendix B's codes, Appendix C's examples), and the
//! table-driven decoder against the bit-at-a-time reference: every symbol, every padding,
//! every kind of bad ending, random strings and random bytes.

use hpack::huffman::{
    CODES, EOS, Error, LENGTHS, decode, decode_portable, decode_reference, encode, encoded_len,
    max_decoded_len,
};
use proptest::prelude::*;

mod common;
use common::{config, sweep};

/// The first and the last symbol of every code length, with their codes as RFC 7541
/// Appendix B writes them (hex, right-aligned).
const APPENDIX_B: &[(usize, u32, u8)] = &[
    (48, 0x0, 5),
    (116, 0x9, 5),
    (32, 0x14, 6),
    (117, 0x2d, 6),
    (58, 0x5c, 7),
    (122, 0x7b, 7),
    (38, 0xf8, 8),
    (90, 0xfd, 8),
    (33, 0x3f8, 10),
    (63, 0x3fc, 10),
    (39, 0x7fa, 11),
    (124, 0x7fc, 11),
    (35, 0xffa, 12),
    (62, 0xffb, 12),
    (0, 0x1ff8, 13),
    (126, 0x1ffd, 13),
    (94, 0x3ffc, 14),
    (125, 0x3ffd, 14),
    (60, 0x7ffc, 15),
    (123, 0x7ffe, 15),
    (92, 0x7fff0, 19),
    (208, 0x7fff2, 19),
    (128, 0xfffe6, 20),
    (226, 0xfffed, 20),
    (153, 0x1fffdc, 21),
    (230, 0x1fffe8, 21),
    (129, 0x3fffd2, 22),
    (233, 0x3fffeb, 22),
    (1, 0x7fffd8, 23),
    (239, 0x7ffff4, 23),
    (9, 0xffffea, 24),
    (237, 0xfffff5, 24),
    (199, 0x1ffffec, 25),
    (235, 0x1ffffef, 25),
    (192, 0x3ffffe0, 26),
    (255, 0x3ffffee, 26),
    (203, 0x7ffffde, 27),
    (254, 0x7fffff0, 27),
    (2, 0xfffffe2, 28),
    (249, 0xffffffe, 28),
    (10, 0x3ffffffc, 30),
    (256, 0x3fffffff, 30),
];

/// RFC 7541 Appendix C.4 and C.6: strings and their Huffman encodings.
const APPENDIX_C: &[(&[u8], &str)] = &[
    (b"www.example.com", "f1e3c2e5f23a6ba0ab90f4ff"),
    (b"no-cache", "a8eb10649cbf"),
    (b"custom-key", "25a849e95ba97d7f"),
    (b"custom-value", "25a849e95bb8e8b4bf"),
    (b"302", "6402"),
    (b"307", "640eff"),
    (b"private", "aec3771a4b"),
    (b"gzip", "9bd9ab"),
    (
        b"Mon, 21 Oct 2013 20:13:21 GMT",
        "d07abe941054d444a8200595040b8166e082a62d1bff",
    ),
    (
        b"Mon, 21 Oct 2013 20:13:22 GMT",
        "d07abe941054d444a8200595040b8166e084a62d1bff",
    ),
    (
        b"https://www.example.com",
        "9d29ad171863c78f0b97c8e9ae82ae43d3",
    ),
    (
        b"foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1",
        "94e7821dd7f2e6c7b335dfdfcd5b3960d5af27087f3672c1ab270fb5291f9587316065c003ed4ee5b1063d5007",
    ),
];

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

/// The decoders on `src`, with room for `room` bytes: their results, which must agree:
/// [`decode`] (on x86_64 CPUs with BMI2, the build for it), [`decode_portable`] and the
/// reference. (Under miri, which runs the reference's search of every symbol for every bit
/// slowly, the reference only on inputs of up to 4 bytes.)
fn both(src: &[u8], room: usize) -> Result<Vec<u8>, Error> {
    let mut fast = vec![0xaa; room];
    let f = decode(src, &mut fast).map(|n| fast[..n].to_vec());
    let mut portable = vec![0x33; room];
    let p = decode_portable(src, &mut portable).map(|n| portable[..n].to_vec());
    assert_eq!(
        f, p,
        "decode and decode_portable differ on {src:02x?} (room {room})"
    );
    if !cfg!(miri) || src.len() <= 4 {
        let mut slow = vec![0x55; room];
        let s = decode_reference(src, &mut slow).map(|n| slow[..n].to_vec());
        assert_eq!(
            f, s,
            "fast and reference differ on {src:02x?} (room {room})"
        );
    }
    f
}

fn decoded(src: &[u8]) -> Result<Vec<u8>, Error> {
    both(src, max_decoded_len(src.len()))
}

/// Bits written most significant first, then padded with ones (`pad_ones`) or left open.
#[derive(Default)]
struct Bits {
    bytes: Vec<u8>,
    len: usize,
}

impl Bits {
    fn push(&mut self, code: u32, len: u8) {
        for k in (0..len).rev() {
            if self.len.is_multiple_of(8) {
                self.bytes.push(0);
            }
            let bit = (code >> k & 1) as u8;
            *self.bytes.last_mut().unwrap() |= bit << (7 - self.len % 8);
            self.len += 1;
        }
    }
    fn symbol(&mut self, sym: usize) -> &mut Self {
        self.push(CODES[sym], LENGTHS[sym]);
        self
    }
    fn pad_ones(&mut self) -> Vec<u8> {
        let pad = (8 - self.len % 8) % 8;
        self.push((1 << pad) - 1, pad as u8);
        self.bytes.clone()
    }
}

#[test]
fn codes_are_appendix_b() {
    for &(sym, code, len) in APPENDIX_B {
        assert_eq!((CODES[sym], LENGTHS[sym]), (code, len), "symbol {sym}");
    }
    // Every length in the table appears above (first and last symbol of each).
    for len in 1..=30 {
        let has = LENGTHS.contains(&len);
        assert_eq!(
            has,
            APPENDIX_B.iter().any(|&(_, _, l)| l == len),
            "length {len}"
        );
    }
    // A complete prefix code: the Kraft sum is exactly 1, and no code is another's prefix.
    let kraft: u64 = LENGTHS.iter().map(|&l| 1u64 << (30 - l)).sum();
    assert_eq!(kraft, 1 << 30);
    // (Under miri, where the 257 x 257 pairs took 10 s, every 13th code and EOS against all.)
    for a in sweep(257, 13) {
        for b in 0..257 {
            if a != b && LENGTHS[a] <= LENGTHS[b] {
                let prefix = CODES[b] >> (LENGTHS[b] - LENGTHS[a]);
                assert_ne!(prefix, CODES[a], "{a} is a prefix of {b}");
            }
        }
    }
    assert_eq!((CODES[EOS], LENGTHS[EOS]), ((1 << 30) - 1, 30));
    // The reference decoder looks codes up from the fifth bit on.
    assert_eq!(LENGTHS.iter().min(), Some(&5));
}

#[test]
fn appendix_c_examples() {
    for &(text, hex) in APPENDIX_C {
        let wire = unhex(hex);
        assert_eq!(encoded_len(text), wire.len(), "{hex}");
        let mut out = vec![0; wire.len()];
        assert_eq!(encode(text, &mut out), Some(wire.len()));
        assert_eq!(out, wire);
        // Too small a buffer: nothing written.
        let mut short = vec![0; wire.len() - 1];
        assert_eq!(encode(text, &mut short), None);
        assert!(short.iter().all(|&b| b == 0));
        assert_eq!(decoded(&wire).as_deref(), Ok(text));
    }
}

/// Every symbol after every alignment (0 to 7 bits of a 1-bit-per-step prefix), each with the
/// padding it then needs (0 to 7 ones).
#[test]
fn every_symbol_at_every_alignment() {
    // Prefixes of 0 to 7 bits... built from whole symbols: '0' (5 bits), ' ' (6), ':' (7),
    // '&' (8); lengths 5..=12 mod 8 cover every alignment.
    let prefixes: [&[usize]; 8] = [&[], &[48], &[32], &[58], &[38], &[48, 48], &[48, 58], &[33]];
    // (Under miri, where each decode takes about half a second, every 41st symbol and the
    // last: 0, 41, ... 246, 255, codes of 7 to 27 bits, at every alignment.)
    for prefix in prefixes {
        for sym in sweep(256, 41) {
            let mut bits = Bits::default();
            for &p in prefix {
                bits.symbol(p);
            }
            bits.symbol(sym);
            let wire = bits.pad_ones();
            let mut want: Vec<u8> = prefix.iter().map(|&p| p as u8).collect();
            want.push(sym as u8);
            assert_eq!(decoded(&wire), Ok(want), "{prefix:?} then {sym}");
        }
    }
}

#[test]
fn bad_endings() {
    // (Under miri, where each decode takes about half a second, symbols 0, 85, 170 and 255:
    // codes of 13, 7, 22 and 26 bits, so paddings of 3, 1, 2 and 6 bits.)
    for sym in sweep(256, 85) {
        let mut bits = Bits::default();
        bits.symbol(sym);
        let pad = (8 - bits.len % 8) % 8;
        let wire = bits.pad_ones();
        // A padding bit that is zero: never padding (an error, or the bits are a symbol).
        for k in 0..pad {
            let mut bad = wire.clone();
            *bad.last_mut().unwrap() &= !(1 << k);
            assert_ne!(
                decoded(&bad),
                Ok(vec![sym as u8]),
                "{sym}: padding bit {k} zero"
            );
        }
        // Eight ones more: padding longer than 7 bits.
        let mut long = wire.clone();
        long.push(0xff);
        assert_eq!(decoded(&long), Err(Error::Padding), "{sym}: long padding");
        // EOS after the symbol, then padding.
        let mut eos = Bits::default();
        eos.symbol(sym).symbol(EOS);
        assert_eq!(decoded(&eos.pad_ones()), Err(Error::Eos), "{sym}: EOS");
        // EOS, then the symbol.
        let mut eos = Bits::default();
        eos.symbol(EOS).symbol(sym);
        assert_eq!(decoded(&eos.pad_ones()), Err(Error::Eos), "EOS then {sym}");
    }
    // Nothing at all, a lone padding byte, padding of every length alone.
    assert_eq!(decoded(&[]), Ok(vec![]));
    assert_eq!(decoded(&[0xff]), Err(Error::Padding));
    assert_eq!(decoded(&[0xff; 4]), Err(Error::Eos));
    // A long code cut short: 23-bit symbol 1 without its last bits.
    let mut cut = Bits::default();
    cut.push(CODES[1] >> 8, LENGTHS[1] - 8);
    assert_eq!(decoded(&cut.pad_ones()), Err(Error::Padding));
}

#[test]
fn output_room() {
    // (Under miri, where the reference decoder is slow, a shorter text.)
    let len = if cfg!(miri) { 40 } else { 600 };
    let text: Vec<u8> = (0..=255u8).cycle().take(len).collect();
    let mut wire = vec![0; encoded_len(&text)];
    encode(&text, &mut wire).unwrap();
    // Exactly the decoded length suffices for both; one byte less is refused by both.
    assert_eq!(both(&wire, text.len()), Ok(text.clone()));
    assert_eq!(both(&wire, text.len() - 1), Err(Error::OutputFull));
    // The bound: strings of the shortest codes fill it.
    let zeros = vec![b'0'; 80];
    let mut wire = vec![0; encoded_len(&zeros)];
    encode(&zeros, &mut wire).unwrap();
    assert_eq!(wire.len(), 50);
    assert_eq!(max_decoded_len(50), 80);
    assert_eq!(decoded(&wire), Ok(zeros));
    for n in 0..100 {
        assert_eq!(max_decoded_len(n), n * 8 / 5, "{n}");
    }
}

proptest! {
    #![proptest_config(config())]

    /// Any string round-trips, through both decoders.
    #[test]
    fn round_trip(text in proptest::collection::vec(any::<u8>(), 0..if cfg!(miri) { 8 } else { 100 })) {
        let mut wire = vec![0; encoded_len(&text)];
        prop_assert_eq!(encode(&text, &mut wire), Some(wire.len()));
        prop_assert_eq!(decoded(&wire), Ok(text));
    }

    /// Text-like strings (the common codes) round-trip.
    #[test]
    fn round_trip_text(text in "[ -~]{0,100}") {
        let mut wire = vec![0; encoded_len(text.as_bytes())];
        encode(text.as_bytes(), &mut wire).unwrap();
        prop_assert_eq!(decoded(&wire), Ok(text.into_bytes()));
    }

    /// Any bytes: the two decoders agree, errors included.
    #[test]
    fn any_bytes(wire in proptest::collection::vec(any::<u8>(), 0..if cfg!(miri) { 8 } else { 64 })) {
        let _ = decoded(&wire);
    }

    /// Mostly ones (long codes, EOS, padding): the two decoders agree.
    #[test]
    fn mostly_ones(wire in proptest::collection::vec(prop_oneof![4 => Just(0xffu8), 1 => any::<u8>()], 0..24)) {
        let _ = decoded(&wire);
    }
}
