//! The header block decoder: RFC 7541 Appendix C byte for byte (fields and the dynamic table
//! after every block), every HPACK line of ../shared/docs/SECURITY.md, the misuse it must
//! refuse, fragments against whole blocks, and property tests against a model written here
//! (its own encoder of representations and a `VecDeque` table).

use std::collections::VecDeque;

use hpack::dynamic::DynamicTable;
use hpack::huffman;
use hpack::{Config, Decoder, Error, ErrorKind};
use proptest::prelude::*;

mod common;
use common::appendix_c::{self, Step};
use common::stories::hex;
use common::{config, entries, sweep};

/// A decoded field, owned: name, value, never-indexed.
type Owned = (Vec<u8>, Vec<u8>, bool);

/// Decodes `block` fed in the fragments that `cuts` (increasing offsets) make, checking that
/// every call that returns `None` used up its fragment.
fn decode_cut(d: &mut Decoder, block: &[u8], cuts: &[usize]) -> Result<Vec<Owned>, Error> {
    let mut fields = Vec::new();
    let mut from = 0;
    let ends = cuts.iter().copied().chain([block.len()]);
    let n = cuts.len() + 1;
    for (i, to) in ends.enumerate() {
        let last = i + 1 == n;
        let mut rest = &block[from..to];
        while let Some(f) = d.next_field(&mut rest, last)? {
            fields.push((f.name.to_vec(), f.value.to_vec(), f.never_indexed));
        }
        assert!(rest.is_empty(), "None before the fragment was used up");
        from = to;
    }
    Ok(fields)
}

fn decode(d: &mut Decoder, block: &[u8]) -> Result<Vec<Owned>, Error> {
    decode_cut(d, block, &[])
}

fn err(kind: ErrorKind, offset: u64) -> Error {
    Error { kind, offset }
}

// ---------------------------------------------------------------------------------------------
// RFC 7541 Appendix C

/// Decodes a sequence of blocks with one decoder (whole, then again with every block cut at
/// every point, one fresh decoder per cut position), checking fields and table after each.
fn check_sequence(table_size: u32, steps: &[Step]) {
    let total: usize = steps.iter().map(|s| hex(s.wire).len()).max().unwrap();
    // cut = None: whole blocks; Some(k): every block cut at k (when inside it).
    // (Under miri, every 9th cut and the last.)
    for cut in std::iter::once(None).chain(sweep(total, 9).skip(1).map(Some)) {
        let mut d = Decoder::with_config(Config::new().table_size(table_size));
        for (n, step) in steps.iter().enumerate() {
            let wire = hex(step.wire);
            let cuts: Vec<usize> = cut.filter(|&k| k < wire.len()).into_iter().collect();
            let got = decode_cut(&mut d, &wire, &cuts).unwrap();
            let want: Vec<Owned> = step
                .fields
                .iter()
                .map(|(n, v)| (n.as_bytes().to_vec(), v.as_bytes().to_vec(), false))
                .collect();
            assert_eq!(got, want, "block {n}, cut {cut:?}");
            let table: Vec<(Vec<u8>, Vec<u8>)> = step
                .table
                .iter()
                .map(|(n, v)| (n.as_bytes().to_vec(), v.as_bytes().to_vec()))
                .collect();
            assert_eq!(
                entries(d.table()),
                table,
                "table after block {n}, cut {cut:?}"
            );
            assert_eq!(d.table().size(), step.size, "block {n}");
        }
    }
}

#[test]
fn appendix_c2_literals_and_indexed() {
    // C.2.1: literal with indexing, new name.
    let mut d = Decoder::new();
    let got = decode(
        &mut d,
        &hex("400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572"),
    );
    assert_eq!(
        got.unwrap(),
        [(b"custom-key".to_vec(), b"custom-header".to_vec(), false)]
    );
    assert_eq!(
        entries(d.table()),
        [(b"custom-key".to_vec(), b"custom-header".to_vec())]
    );
    assert_eq!(d.table().size(), 55);

    // C.2.2: literal without indexing, indexed name.
    let mut d = Decoder::new();
    let got = decode(&mut d, &hex("040c 2f73 616d 706c 652f 7061 7468"));
    assert_eq!(
        got.unwrap(),
        [(b":path".to_vec(), b"/sample/path".to_vec(), false)]
    );
    assert!(d.table().is_empty());

    // C.2.3: literal never indexed, new name: reported as never indexed.
    let mut d = Decoder::new();
    let got = decode(&mut d, &hex("1008 7061 7373 776f 7264 0673 6563 7265 74"));
    assert_eq!(
        got.unwrap(),
        [(b"password".to_vec(), b"secret".to_vec(), true)]
    );
    assert!(d.table().is_empty());

    // C.2.4: indexed field.
    let mut d = Decoder::new();
    assert_eq!(
        decode(&mut d, &hex("82")).unwrap(),
        [(b":method".to_vec(), b"GET".to_vec(), false)]
    );
    assert!(d.table().is_empty());
}

#[test]
fn appendix_c3_requests_without_huffman() {
    check_sequence(4096, &appendix_c::C3);
}

#[test]
fn appendix_c4_requests_with_huffman() {
    check_sequence(4096, &appendix_c::C4);
}

/// C.5 and C.6 use a 256-byte table: entries are evicted, and (with this ring) wrap.
#[test]
fn appendix_c5_responses_without_huffman() {
    check_sequence(256, &appendix_c::C5);
}

#[test]
fn appendix_c6_responses_with_huffman() {
    check_sequence(256, &appendix_c::C6);
}

// ---------------------------------------------------------------------------------------------
// SECURITY.md, HPACK: every line

/// `block` refused with `want`; then every later call refused the same way (sticky).
fn refused(d: &mut Decoder, block: &[u8], want: Error) {
    assert_eq!(decode(d, block), Err(want), "{block:02x?}");
    assert!(d.is_failed());
    assert_eq!(decode(d, &[0x82]), Err(want), "not sticky");
    let mut rest: &[u8] = &[];
    assert_eq!(d.next_field(&mut rest, true), Err(want));
    assert_eq!(d.set_table_size(4096), Err(want));
}

#[test]
fn truncated_integers_are_refused_not_panicked_on() {
    // RUSTSEC-2023-0085: `3f` alone (a size update whose integer is cut).
    refused(&mut Decoder::new(), &[0x3f], err(ErrorKind::Truncated, 0));
    // After a field, and as an index, a name index and a string length.
    refused(
        &mut Decoder::new(),
        &[0x82, 0xff],
        err(ErrorKind::Truncated, 1),
    );
    refused(
        &mut Decoder::new(),
        &[0x82, 0x7f, 0x80],
        err(ErrorKind::Truncated, 1),
    );
    refused(
        &mut Decoder::new(),
        &[0x00, 0x7f],
        err(ErrorKind::Truncated, 0),
    );
    // Cut in a fragment that is not the last: more may come; then the block ends.
    let mut d = Decoder::new();
    let mut rest: &[u8] = &[0x3f];
    assert_eq!(d.next_field(&mut rest, false), Ok(None));
    assert!(rest.is_empty());
    let mut rest: &[u8] = &[];
    assert_eq!(
        d.next_field(&mut rest, true),
        Err(err(ErrorKind::Truncated, 0))
    );
}

#[test]
fn integers_past_the_limit_are_refused() {
    // An index of 2^32 + 126 (the value past u32), and one with a sixth continuation byte.
    refused(
        &mut Decoder::new(),
        &[0x82, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f],
        err(ErrorKind::Integer, 1),
    );
    refused(
        &mut Decoder::new(),
        &[0xff, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00],
        err(ErrorKind::Integer, 0),
    );
    // A string length past the limit, and a size update's.
    refused(
        &mut Decoder::new(),
        &[0x00, 0x7f, 0xff, 0xff, 0xff, 0xff, 0x7f],
        err(ErrorKind::Integer, 0),
    );
    refused(
        &mut Decoder::new(),
        &[0x3f, 0xff, 0xff, 0xff, 0xff, 0x7f],
        err(ErrorKind::Integer, 0),
    );
}

/// A literal without indexing, new name `a`, whose value is the Huffman bytes `h`.
fn huffman_value(h: &[u8]) -> Vec<u8> {
    let mut b = vec![0x00, 0x01, b'a', 0x80 | h.len() as u8];
    b.extend_from_slice(h);
    b
}

#[test]
fn bad_huffman_is_refused() {
    let padding = ErrorKind::Huffman(huffman::Error::Padding);
    // 'a' is 00011: with 111 it is valid.
    assert_eq!(
        decode(&mut Decoder::new(), &huffman_value(&[0x1f])).unwrap(),
        [(b"a".to_vec(), b"a".to_vec(), false)]
    );
    // Padding not all ones.
    refused(
        &mut Decoder::new(),
        &huffman_value(&[0x18]),
        err(padding, 0),
    );
    refused(
        &mut Decoder::new(),
        &huffman_value(&[0x1e]),
        err(padding, 0),
    );
    // Padding longer than 7 bits: 'a' then 11 ones; and a string of 8 ones.
    refused(
        &mut Decoder::new(),
        &huffman_value(&[0x1f, 0xff]),
        err(padding, 0),
    );
    refused(
        &mut Decoder::new(),
        &huffman_value(&[0xff]),
        err(padding, 0),
    );
    // EOS (30 ones) inside a string.
    let eos = ErrorKind::Huffman(huffman::Error::Eos);
    refused(
        &mut Decoder::new(),
        &huffman_value(&[0xff, 0xff, 0xff, 0xff]),
        err(eos, 0),
    );
    refused(
        &mut Decoder::new(),
        &huffman_value(&[0x1f, 0xff, 0xff, 0xff, 0xfc]),
        err(eos, 0),
    );
    // In a name too, after a field.
    refused(
        &mut Decoder::new(),
        &[0x82, 0x00, 0x81, 0x18, 0x00],
        err(padding, 1),
    );
}

#[test]
fn bad_indices_are_refused() {
    // Index 0.
    refused(&mut Decoder::new(), &[0x80], err(ErrorKind::Index, 0));
    // Past the static table, the dynamic one empty; as a field and as a name.
    refused(&mut Decoder::new(), &[0xbe], err(ErrorKind::Index, 0));
    refused(
        &mut Decoder::new(),
        &[0x82, 0x7e, 0x01, b'x'],
        err(ErrorKind::Index, 1),
    );
    refused(
        &mut Decoder::new(),
        &[0x0f, 0x2f, 0x00],
        err(ErrorKind::Index, 0),
    );
    refused(
        &mut Decoder::new(),
        &[0x1f, 0x2f, 0x00],
        err(ErrorKind::Index, 0),
    );
    // One entry: 62 is it, 63 is past it.
    let mut d = Decoder::new();
    let block = [0x40, 0x01, b'n', 0x01, b'v', 0xbe, 0x7e, 0x01, b'w'];
    assert_eq!(
        decode(&mut d, &block).unwrap(),
        [
            (b"n".to_vec(), b"v".to_vec(), false),
            (b"n".to_vec(), b"v".to_vec(), false),
            (b"n".to_vec(), b"w".to_vec(), false),
        ]
    );
    // Now two entries (62 = n: w, 63 = n: v).
    assert_eq!(
        decode(&mut d, &[0xbf]).unwrap(),
        [(b"n".to_vec(), b"v".to_vec(), false)]
    );
    refused(&mut d, &[0xbe, 0xc0], err(ErrorKind::Index, 1));
}

#[test]
fn size_updates_only_at_the_start() {
    // After a field.
    refused(
        &mut Decoder::new(),
        &[0x82, 0x20],
        err(ErrorKind::SizeUpdateNotAtStart, 1),
    );
    // At the start of a later block it is fine; after a field cut across fragments it is not.
    let mut d = Decoder::new();
    assert_eq!(decode(&mut d, &[0x82]).unwrap().len(), 1);
    assert_eq!(decode(&mut d, &[0x20, 0x82]).unwrap().len(), 1);
    assert_eq!(
        decode_cut(&mut d, &[0x40, 0x01, b'n', 0x01, b'v', 0x20], &[3]),
        Err(err(ErrorKind::SizeUpdateNotAtStart, 5))
    );
}

#[test]
fn size_updates_within_settings() {
    // 4,097 above the acknowledged 4,096.
    refused(
        &mut Decoder::new(),
        &[0x3f, 0xe2, 0x1f, 0x82],
        err(ErrorKind::SizeUpdateTooLarge, 0),
    );
    // Up to the SETTINGS value is fine, after it was raised; not before.
    let mut d = Decoder::new();
    d.set_table_size(8192).unwrap();
    assert_eq!(
        d.table().max_size(),
        4096,
        "raising SETTINGS changes nothing yet"
    );
    assert_eq!(decode(&mut d, &[0x3f, 0xe1, 0x3f, 0x82]).unwrap().len(), 1);
    assert_eq!(d.table().max_size(), 8192);
    refused(
        &mut Decoder::with_config(Config::new().table_size(100)),
        &[0x3f, 0x46],
        err(ErrorKind::SizeUpdateTooLarge, 0),
    );
}

#[test]
fn two_size_updates_are_legal_three_are_not() {
    // RFC 7541 §4.2: the smallest value, then the final one.
    let mut d = Decoder::new();
    let block = [0x40, 0x01, b'n', 0x01, b'v'];
    decode(&mut d, &block).unwrap();
    assert_eq!(d.table().len(), 1);
    assert_eq!(
        decode(&mut d, &[0x20, 0x3f, 0xe1, 0x1f, 0x82])
            .unwrap()
            .len(),
        1
    );
    assert!(d.table().is_empty(), "the update to 0 emptied the table");
    assert_eq!(d.table().max_size(), 4096);
    // Split between the two.
    assert_eq!(
        decode_cut(&mut d, &[0x20, 0x3f, 0xe1, 0x1f, 0x82], &[1, 2])
            .unwrap()
            .len(),
        1
    );
    // A block of only size updates.
    assert!(decode(&mut d, &[0x20, 0x20]).unwrap().is_empty());
    refused(
        &mut d,
        &[0x20, 0x20, 0x20, 0x82],
        err(ErrorKind::TooManySizeUpdates, 2),
    );
}

#[test]
fn lowered_settings_require_a_size_update() {
    let fill = [0x40, 0x01, b'n', 0x01, b'v'];
    // Lowered to 1,024: the table shrinks to it at once, and the next block must start with
    // an update of at most 1,024.
    let mut d = Decoder::new();
    decode(&mut d, &fill).unwrap();
    d.set_table_size(1024).unwrap();
    assert_eq!(d.table().max_size(), 1024);
    assert_eq!(d.table().len(), 1);
    refused(&mut d, &[0x82], err(ErrorKind::SizeUpdateMissing, 0));

    let mut d = Decoder::new();
    d.set_table_size(1024).unwrap();
    // 1,024 = 31 + 993 (0x3e1): 3f e1 07.
    assert_eq!(decode(&mut d, &[0x3f, 0xe1, 0x07, 0x82]).unwrap().len(), 1);
    assert_eq!(d.table().max_size(), 1024);
    // The requirement was met: the next block needs none.
    assert_eq!(decode(&mut d, &[0x82]).unwrap().len(), 1);

    // Above the lowered value: refused as missing (the smallest value must come first).
    let mut d = Decoder::new();
    d.set_table_size(1024).unwrap();
    refused(
        &mut d,
        &[0x3f, 0xe1, 0x1f, 0x82],
        err(ErrorKind::SizeUpdateMissing, 0),
    );

    // Lowered to 0 then raised to 4,096 between two blocks: the minimum (0) first, then the
    // final value.
    let mut d = Decoder::new();
    decode(&mut d, &fill).unwrap();
    d.set_table_size(0).unwrap();
    d.set_table_size(4096).unwrap();
    assert!(d.table().is_empty());
    refused(
        &mut d.clone(),
        &[0x3f, 0xe1, 0x1f, 0x82],
        err(ErrorKind::SizeUpdateMissing, 0),
    );
    assert_eq!(
        decode(&mut d, &[0x20, 0x3f, 0xe1, 0x1f, 0x82])
            .unwrap()
            .len(),
        1
    );

    // Lowered, but not below the table's maximum size (RFC 9113 §4.3.1): no update needed.
    // Here 4,096 -> 2,048 after the encoder set its table to 1,024; then 2,048 -> 1,024.
    let mut d = Decoder::new();
    decode(&mut d, &[0x3f, 0xe1, 0x07]).unwrap();
    d.set_table_size(2048).unwrap();
    assert_eq!(decode(&mut d, &[0x82]).unwrap().len(), 1);
    d.set_table_size(1024).unwrap();
    assert_eq!(decode(&mut d, &[0x82]).unwrap().len(), 1);
    assert_eq!(d.table().max_size(), 1024);
    // One below it: required again (1,023 = 31 + 992: 3f e0 07).
    d.set_table_size(1023).unwrap();
    refused(
        &mut d.clone(),
        &[0x82],
        err(ErrorKind::SizeUpdateMissing, 0),
    );
    assert_eq!(decode(&mut d, &[0x3f, 0xe0, 0x07, 0x82]).unwrap().len(), 1);

    // An empty block does not carry the update.
    let mut d = Decoder::new();
    d.set_table_size(0).unwrap();
    refused(&mut d, &[], err(ErrorKind::SizeUpdateMissing, 0));

    // With the option off, no update is needed (the table was shrunk already).
    let mut d = Decoder::with_config(Config::new().require_size_update(false));
    decode(&mut d, &fill).unwrap();
    d.set_table_size(0).unwrap();
    assert!(d.table().is_empty());
    assert_eq!(decode(&mut d, &[0x82]).unwrap().len(), 1);
}

#[test]
fn strings_past_the_block_end_are_truncated() {
    refused(
        &mut Decoder::new(),
        &[0x00, 0x05, b'a', b'b'],
        err(ErrorKind::Truncated, 0),
    );
    refused(
        &mut Decoder::new(),
        &[0x82, 0x00, 0x01, b'a', 0x85, 0x1f],
        err(ErrorKind::Truncated, 1),
    );
    // A length that no block could hold is refused by the string cap before any data.
    refused(
        &mut Decoder::new(),
        &[0x00, 0x7f, 0xff, 0xff, 0x03],
        err(ErrorKind::StringTooLong, 0),
    );
}

#[test]
fn strings_are_capped() {
    let cfg = Config::new().max_string_len(16);
    let literal = |name: &[u8], value: &[u8]| {
        let mut b = vec![0x00, name.len() as u8];
        b.extend_from_slice(name);
        b.push(value.len() as u8);
        b.extend_from_slice(value);
        b
    };
    let ok = decode(
        &mut Decoder::with_config(cfg),
        &literal(&[b'n'; 16], &[b'v'; 16]),
    );
    assert_eq!(ok.unwrap().len(), 1);
    refused(
        &mut Decoder::with_config(cfg),
        &literal(&[b'n'; 17], b"v"),
        err(ErrorKind::StringTooLong, 0),
    );
    refused(
        &mut Decoder::with_config(cfg),
        &literal(b"n", &[b'v'; 17]),
        err(ErrorKind::StringTooLong, 0),
    );
    // Huffman: 12 bytes on the wire that decode to 19 ('0' is 5 bits: 19 x 5 = 95 bits).
    let mut h = [0u8; 32];
    let n = huffman::encode(&[b'0'; 19], &mut h).unwrap();
    assert_eq!(n, 12);
    refused(
        &mut Decoder::with_config(cfg),
        &huffman_value(&h[..n]),
        err(ErrorKind::StringTooLong, 0),
    );
    let n = huffman::encode(&[b'0'; 16], &mut h).unwrap();
    assert_eq!(
        decode(&mut Decoder::with_config(cfg), &huffman_value(&h[..n])).unwrap(),
        [(b"a".to_vec(), vec![b'0'; 16], false)]
    );
}

#[test]
fn header_list_size_counts_32_per_field() {
    // `:method: GET` weighs 7 + 3 + 32 = 42: two are 84.
    let cfg = Config::new().max_header_list_size(84);
    assert_eq!(
        decode(&mut Decoder::with_config(cfg), &[0x82, 0x82])
            .unwrap()
            .len(),
        2
    );
    let cfg = Config::new().max_header_list_size(83);
    refused(
        &mut Decoder::with_config(cfg),
        &[0x82, 0x82],
        err(ErrorKind::HeaderListTooLarge, 1),
    );
    // Counted per block: the next block starts from zero.
    let cfg = Config::new().max_header_list_size(84);
    let mut d = Decoder::with_config(cfg);
    for _ in 0..3 {
        assert_eq!(decode(&mut d, &[0x82, 0x82]).unwrap().len(), 2);
    }
    // Empty fields weigh 32.
    let cfg = Config::new().max_header_list_size(64);
    refused(
        &mut Decoder::with_config(cfg),
        &[0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00],
        err(ErrorKind::HeaderListTooLarge, 6),
    );
}

#[test]
fn field_count_is_capped() {
    let cfg = Config::new().max_fields(3);
    assert_eq!(
        decode(&mut Decoder::with_config(cfg), &[0x82; 3])
            .unwrap()
            .len(),
        3
    );
    refused(
        &mut Decoder::with_config(cfg),
        &[0x82; 4],
        err(ErrorKind::TooManyFields, 3),
    );
}

#[test]
fn hpack_bomb_stops_at_the_limit() {
    // CVE-2016-6581: one 4,000-byte entry, then a block that names it 10,000 times (10 KB of
    // wire for 40 MB of headers). The default 64 KiB list limit stops it at the 17th field
    // (17 x 4,033 > 65,536): the error's offset shows no byte after it was decoded.
    let mut fill = vec![0x40, 0x01, b'b'];
    push_int(&mut fill, 4000, 7, 0);
    fill.extend_from_slice(&[b'x'; 4000]);
    let mut d = Decoder::new();
    decode(&mut d, &fill).unwrap();
    assert_eq!(d.table().size(), 4033);
    let bomb = vec![0xbe; 10_000];
    let mut rest = &bomb[..];
    let mut fields = 0;
    let e = loop {
        match d.next_field(&mut rest, true) {
            Ok(Some(_)) => fields += 1,
            Ok(None) => panic!("the bomb was decoded"),
            Err(e) => break e,
        }
    };
    assert_eq!(fields, 16);
    assert_eq!(e, err(ErrorKind::HeaderListTooLarge, 16));
    assert_eq!(rest.len(), 10_000 - 17, "work went on past the limit");
}

#[test]
fn settings_inside_a_block_are_refused() {
    // After a field of a block not yet ended.
    let mut d = Decoder::new();
    let mut rest: &[u8] = &[0x82, 0x82];
    assert!(d.next_field(&mut rest, true).unwrap().is_some());
    assert_eq!(
        d.set_table_size(100),
        Err(err(ErrorKind::SettingsInsideBlock, 1))
    );
    assert!(d.is_failed());
    // With a representation cut, and after a size update.
    let mut d = Decoder::new();
    let mut rest: &[u8] = &[0x40, 0x01];
    assert_eq!(d.next_field(&mut rest, false), Ok(None));
    assert_eq!(
        d.set_table_size(100),
        Err(err(ErrorKind::SettingsInsideBlock, 0))
    );
    let mut d = Decoder::new();
    let mut rest: &[u8] = &[0x20];
    assert_eq!(d.next_field(&mut rest, false), Ok(None));
    assert_eq!(
        d.set_table_size(100),
        Err(err(ErrorKind::SettingsInsideBlock, 1))
    );
    // Between blocks it is fine, also right after a field that was cut across fragments.
    let mut d = Decoder::new();
    decode_cut(&mut d, &[0x40, 0x01, b'n', 0x01, b'v'], &[2]).unwrap();
    d.set_table_size(100).unwrap();
}

#[test]
fn errors_carry_the_representation_offset_across_fragments() {
    // The third representation (offset 7) is bad, fed byte by byte.
    let block = [0x40, 0x01, b'n', 0x01, b'v', 0x82, 0xbf];
    let cuts: Vec<usize> = (1..block.len()).collect();
    assert_eq!(
        decode_cut(&mut Decoder::new(), &block, &cuts),
        Err(err(ErrorKind::Index, 6))
    );
}

#[test]
fn the_table_never_grows_past_its_size() {
    // Entries of every size up to the table's, inserted in turn: its size stays within the
    // maximum, and its capacity (the bytes it holds) never changes.
    let mut d = Decoder::with_config(Config::new().table_size(300));
    let cap = d.table().capacity();
    // (Under miri, every 23rd length and the last.)
    for len in sweep(300, 23) {
        let mut block = vec![0x40, 0x01, b'n', 0x7f];
        let mut n = [0u8; 8];
        let k = hpack::int::encode(len as u32, 7, 0, &mut n).unwrap();
        block.truncate(3);
        block.extend_from_slice(&n[..k]);
        block.extend(std::iter::repeat_n(b'a' + (len % 26) as u8, len));
        let got = decode(&mut d, &block).unwrap();
        assert_eq!(got[0].1.len(), len);
        assert!(d.table().size() <= 300);
        assert_eq!(d.table().capacity(), cap);
        // The newest entry is this field unless it was larger than the table (then it is empty).
        if len + 1 + 32 <= 300 {
            assert_eq!(entries(d.table())[0], (b"n".to_vec(), got[0].1.clone()));
        } else {
            assert!(d.table().is_empty());
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Property tests against a model

/// A representation as the model's encoder writes it.
#[derive(Debug, Clone)]
enum Rep {
    /// An index into the model's tables, taken modulo their length (0 stays 0: refused).
    Indexed(u16),
    /// A literal: indexing mode 0 (incremental), 1 (without), 2 (never); the name an index
    /// (modulo the tables, 0 meaning a literal name) or a string; Huffman for each string.
    Literal {
        mode: u8,
        name_index: u16,
        name: Vec<u8>,
        value: Vec<u8>,
        huffman: (bool, bool),
    },
}

/// The model of the decoder's tables: the static table and a `VecDeque`, newest first.
#[derive(Debug, Clone)]
struct Model {
    dynamic: VecDeque<(Vec<u8>, Vec<u8>)>,
    max: usize,
}

impl Model {
    fn size(&self) -> usize {
        self.dynamic
            .iter()
            .map(|(n, v)| n.len() + v.len() + 32)
            .sum()
    }
    fn shrink(&mut self) {
        while self.size() > self.max {
            self.dynamic.pop_back();
        }
    }
    fn get(&self, index: usize) -> Option<(Vec<u8>, Vec<u8>)> {
        if (1..=61).contains(&index) {
            let (n, v) = hpack::table::STATIC[index - 1];
            return Some((n.to_vec(), v.to_vec()));
        }
        self.dynamic.get(index.checked_sub(62)?).cloned()
    }
    fn insert(&mut self, name: Vec<u8>, value: Vec<u8>) {
        let entry = name.len() + value.len() + 32;
        if entry > self.max {
            self.dynamic.clear();
            return;
        }
        self.dynamic.push_front((name, value));
        self.shrink();
    }
}

fn push_int(out: &mut Vec<u8>, value: u32, prefix: u8, flags: u8) {
    let mut b = [0u8; 8];
    let n = hpack::int::encode(value, prefix, flags, &mut b).unwrap();
    out.extend_from_slice(&b[..n]);
}

fn push_str(out: &mut Vec<u8>, s: &[u8], huffman: bool) {
    if huffman {
        let mut h = vec![0u8; huffman::encoded_len(s)];
        huffman::encode(s, &mut h).unwrap();
        push_int(out, h.len() as u32, 7, 0x80);
        out.extend_from_slice(&h);
    } else {
        push_int(out, s.len() as u32, 7, 0);
        out.extend_from_slice(s);
    }
}

/// Encodes `reps` after `updates` size updates, and what the model expects: the fields, or
/// `None` when the block must be refused (an index 0 or past the tables).
fn encode_block(model: &mut Model, updates: &[u16], reps: &[Rep]) -> (Vec<u8>, Option<Vec<Owned>>) {
    let mut wire = Vec::new();
    for &u in updates {
        push_int(&mut wire, u32::from(u), 5, 0x20);
        model.max = usize::from(u);
        model.shrink();
    }
    let mut fields = Some(Vec::new());
    let reduce = |i: u16, model: &Model| -> u16 {
        let n = 61 + model.dynamic.len() as u16;
        // Mostly valid indices; sometimes one past the tables.
        if i == 0 { 0 } else { (i - 1) % (n + 1) + 1 }
    };
    for rep in reps {
        match rep {
            Rep::Indexed(i) => {
                let i = reduce(*i, model);
                push_int(&mut wire, u32::from(i), 7, 0x80);
                match model.get(usize::from(i)) {
                    Some((n, v)) => {
                        if let Some(f) = fields.as_mut() {
                            f.push((n, v, false));
                        }
                    }
                    None => return (wire, None),
                }
            }
            Rep::Literal {
                mode,
                name_index,
                name,
                value,
                huffman,
            } => {
                let (prefix, flags) = match mode % 3 {
                    0 => (6, 0x40),
                    1 => (4, 0x00),
                    _ => (4, 0x10),
                };
                let i = reduce(*name_index, model);
                push_int(&mut wire, u32::from(i), prefix, flags);
                let name = if i == 0 {
                    push_str(&mut wire, name, huffman.0);
                    name.clone()
                } else {
                    match model.get(usize::from(i)) {
                        Some((n, _)) => n,
                        None => {
                            // (The representation is whole; its name index is refused.)
                            push_str(&mut wire, value, huffman.1);
                            return (wire, None);
                        }
                    }
                };
                push_str(&mut wire, value, huffman.1);
                if let Some(f) = fields.as_mut() {
                    f.push((name.clone(), value.clone(), mode % 3 == 2));
                }
                if mode % 3 == 0 {
                    model.insert(name, value.clone());
                }
            }
        }
    }
    (wire, fields)
}

fn string() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(b'a'..=b'z', 0..12),
        proptest::collection::vec(any::<u8>(), 0..40),
        proptest::collection::vec(b'0'..=b'9', 0..200),
    ]
}

fn rep() -> impl Strategy<Value = Rep> {
    prop_oneof![
        (1..200u16).prop_map(Rep::Indexed),
        (
            0..3u8,
            prop_oneof![Just(0u16), 1..200u16],
            string(),
            string(),
            any::<(bool, bool)>()
        )
            .prop_map(|(mode, name_index, name, value, huffman)| Rep::Literal {
                mode,
                name_index,
                name,
                value,
                huffman
            }),
    ]
}

/// A block: size updates (at most two, at most the table size) and representations.
fn block() -> impl Strategy<Value = (Vec<u16>, Vec<Rep>)> {
    (
        proptest::collection::vec(0..=512u16, 0..=2),
        proptest::collection::vec(rep(), 0..12),
    )
}

proptest! {
    #![proptest_config(config())]

    /// A connection of blocks decodes to what the model says, field by field, with the table
    /// equal to the model's after every block; and the same blocks cut into fragments anywhere
    /// decode the same.
    #[test]
    fn blocks_decode_as_the_model_says(
        blocks in proptest::collection::vec(block(), 1..6),
        cuts in proptest::collection::vec(any::<prop::sample::Index>(), 0..4),
    ) {
        let cfg = Config::new().table_size(512);
        let mut model = Model { dynamic: VecDeque::new(), max: 512 };
        let mut whole = Decoder::with_config(cfg);
        let mut cut = Decoder::with_config(cfg);
        for (updates, reps) in &blocks {
            let (wire, want) = encode_block(&mut model, updates, reps);
            let mut at: Vec<usize> = cuts.iter().map(|i| i.index(wire.len() + 1)).collect();
            at.sort_unstable();
            let got = decode(&mut whole, &wire);
            let got_cut = decode_cut(&mut cut, &wire, &at);
            match want {
                Some(fields) => {
                    prop_assert_eq!(got.unwrap(), fields.clone());
                    prop_assert_eq!(got_cut.unwrap(), fields);
                    let table: Vec<_> = model.dynamic.iter().cloned().collect();
                    prop_assert_eq!(entries(whole.table()), table.clone());
                    prop_assert_eq!(entries(cut.table()), table);
                    prop_assert_eq!(whole.table().size(), model.size());
                    prop_assert_eq!(whole.table().max_size(), model.max);
                }
                None => {
                    prop_assert_eq!(got.unwrap_err().kind, ErrorKind::Index);
                    prop_assert_eq!(got_cut.unwrap_err().kind, ErrorKind::Index);
                    break;
                }
            }
        }
    }

    /// Arbitrary bytes, whole or cut anywhere, get the same fields and the same error: no
    /// panic, and a fragmented block is never decoded differently.
    #[test]
    fn arbitrary_bytes_decode_the_same_in_fragments(
        wire in proptest::collection::vec(any::<u8>(), 0..64),
        cuts in proptest::collection::vec(any::<prop::sample::Index>(), 0..4),
    ) {
        let cfg = Config::new().max_string_len(32).max_header_list_size(1024);
        let mut at: Vec<usize> = cuts.iter().map(|i| i.index(wire.len() + 1)).collect();
        at.sort_unstable();
        let whole = decode(&mut Decoder::with_config(cfg), &wire);
        let cut = decode_cut(&mut Decoder::with_config(cfg), &wire, &at);
        prop_assert_eq!(whole, cut);
    }

    /// The dynamic table against the model under insertions, size changes and capacity
    /// changes: same entries, same size, and the bytes ring never grows past its capacity.
    #[test]
    fn dynamic_table_matches_the_model(
        ops in proptest::collection::vec(
            prop_oneof![
                (string(), string()).prop_map(|(n, v)| (0u8, n, v, 0usize)),
                (0..600usize).prop_map(|m| (1u8, vec![], vec![], m)),
                (0..600usize).prop_map(|c| (2u8, vec![], vec![], c)),
            ],
            0..40,
        ),
    ) {
        let mut table = DynamicTable::new(300);
        let mut model = Model { dynamic: VecDeque::new(), max: 300 };
        for (op, name, value, n) in ops {
            match op {
                0 => {
                    table.insert(&name, &value);
                    model.insert(name, value);
                }
                1 => {
                    let ok = table.set_max_size(n);
                    prop_assert_eq!(ok, n <= table.capacity());
                    if ok {
                        model.max = n;
                        model.shrink();
                    }
                }
                _ => {
                    table.set_capacity(n);
                    prop_assert_eq!(table.capacity(), n);
                    model.max = model.max.min(n);
                    model.shrink();
                }
            }
            let want: Vec<_> = model.dynamic.iter().cloned().collect();
            prop_assert_eq!(entries(&table), want);
            prop_assert_eq!(table.size(), model.size());
            prop_assert_eq!(table.max_size(), model.max);
            prop_assert!(table.size() <= table.max_size());
        }
    }
}

#[test]
fn error_kinds_have_distinct_names_and_messages() {
    use hpack::huffman::Error as H;
    let kinds = [
        ErrorKind::Integer,
        ErrorKind::Index,
        ErrorKind::StringTooLong,
        ErrorKind::Huffman(H::Padding),
        ErrorKind::Huffman(H::Eos),
        ErrorKind::Huffman(H::OutputFull),
        ErrorKind::SizeUpdateNotAtStart,
        ErrorKind::SizeUpdateTooLarge,
        ErrorKind::TooManySizeUpdates,
        ErrorKind::SizeUpdateMissing,
        ErrorKind::Truncated,
        ErrorKind::HeaderListTooLarge,
        ErrorKind::TooManyFields,
        ErrorKind::SettingsInsideBlock,
    ];
    let names: std::collections::HashSet<_> = kinds.iter().map(|k| k.name()).collect();
    let messages: std::collections::HashSet<_> = kinds.iter().map(|k| k.message()).collect();
    assert_eq!((names.len(), messages.len()), (kinds.len(), kinds.len()));
    for k in kinds {
        let name = k.name();
        assert!(
            !name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
            "{name}"
        );
    }
    assert_eq!(ErrorKind::Index.name(), "index");
    assert_eq!(
        err(ErrorKind::Index, 7).to_string(),
        "HPACK: index 0 or past the tables (block offset 7)"
    );
}
