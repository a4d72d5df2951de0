//! The header block encoder: RFC 7541 Appendix C.3 to C.6 byte for byte (with a policy that
//! indexes everything, as the RFC's examples do), the default policy, size-update signalling,
//! and round trips through our decoder (proptest with table-size changes, and every story of
//! hpack-test-case's raw-data).

use hpack::{Config, Decoder, DefaultPolicy, Encoder, Field, Huffman, Indexing};
use proptest::prelude::*;

mod common;
use common::appendix_c::{self, Step};
use common::stories::{Headers, hex, stories};
use common::{config, entries};

fn index_all(_: &[u8], _: &[u8], _: usize) -> Indexing {
    Indexing::Index
}

fn field<'a>(name: &'a str, value: &'a str) -> Field<'a> {
    Field {
        name: name.as_bytes(),
        value: value.as_bytes(),
        never_indexed: false,
    }
}

/// Encodes each step's fields with one encoder, checking the block's bytes and the table.
fn check_sequence(table_size: u32, huffman: Huffman, steps: &[Step]) {
    let mut e = Encoder::with_policy(index_all, 4096)
        .peer_table_size(table_size)
        .huffman(huffman);
    for (n, step) in steps.iter().enumerate() {
        let mut block = Vec::new();
        e.encode(step.fields.iter().map(|(n, v)| field(n, v)), &mut block);
        assert_eq!(block, hex(step.wire), "block {n}");
        assert_eq!(e.table().size(), step.size, "block {n}");
        assert_eq!(e.table().len(), step.table.len(), "block {n}");
    }
}

#[test]
fn appendix_c_byte_for_byte() {
    check_sequence(4096, Huffman::Never, &appendix_c::C3);
    check_sequence(4096, Huffman::Always, &appendix_c::C4);
    check_sequence(256, Huffman::Never, &appendix_c::C5);
    // (C.6.2 codes "307" in 3 bytes of Huffman: not shorter, so only `Always` matches.)
    check_sequence(256, Huffman::Always, &appendix_c::C6);
}

/// Encodes one block with `e` and decodes it with `d`: the fields as decoded.
fn round_trip(
    e: &mut Encoder<impl hpack::Policy>,
    d: &mut Decoder,
    fields: &[Field<'_>],
) -> Vec<(Vec<u8>, Vec<u8>, bool)> {
    let mut block = Vec::new();
    e.encode(fields.iter().copied(), &mut block);
    let mut out = Vec::new();
    d.decode_block(&block, |f| {
        out.push((f.name.to_vec(), f.value.to_vec(), f.never_indexed))
    })
    .unwrap_or_else(|err| panic!("{err} in {block:02x?}"));
    out
}

#[test]
fn the_default_policy() {
    let mut e = Encoder::new();
    let mut d = Decoder::new();
    let long_cookie = "a".repeat(DefaultPolicy::SHORT_COOKIE);
    let big = "v".repeat(3100);
    let fields = [
        field("authorization", "Basic dXNlcjpwYXNz"),
        field("proxy-authorization", "Basic dXNlcjpwYXNz"),
        field("cookie", "sid=12345"),
        field("cookie", &long_cookie),
        field(":path", "/a/b"),
        field("content-length", "1234"),
        field("etag", "\"abc\""),
        field("x-big", &big),
        field("user-agent", "test/1.0"),
        Field {
            name: b"x-secret",
            value: b"hunter2",
            never_indexed: true,
        },
    ];
    let got = round_trip(&mut e, &mut d, &fields);
    let never: Vec<bool> = got.iter().map(|f| f.2).collect();
    assert_eq!(
        never,
        [
            true, true, true, false, false, false, false, false, false, true
        ]
    );
    for (g, f) in got.iter().zip(&fields) {
        assert_eq!((&g.0[..], &g.1[..]), (f.name, f.value));
    }
    // Indexed: the long cookie and user-agent (newest first); nothing else.
    let t = e.table();
    assert_eq!(t.len(), 2);
    assert_eq!(t.get(1).unwrap().0.0, b"user-agent");
    assert_eq!(t.get(2).unwrap().0.0, b"cookie");
    // The same block again: the two indexed fields are a byte each now, and the tables agree.
    let mut again = Vec::new();
    e.encode(fields[3..4].iter().copied(), &mut again);
    assert_eq!(again, [0xbf]);
    let mut again = Vec::new();
    e.encode(fields[8..9].iter().copied(), &mut again);
    assert_eq!(again, [0xbe]);
    // A never-indexed field is never sent as an index, even when a table holds it whole.
    let mut block = Vec::new();
    let method = Field {
        name: b":method",
        value: b"GET",
        never_indexed: true,
    };
    e.encode([method], &mut block);
    assert_eq!(block, [0x12, 0x03, b'G', b'E', b'T']);
}

#[test]
fn huffman_only_when_strictly_shorter() {
    let mut e = Encoder::with_policy(|_: &[u8], _: &[u8], _| Indexing::NoIndex, 4096);
    // "www.example.com" is 12 bytes in Huffman code; "\x00\x01" is 26 bits each: raw.
    let mut block = Vec::new();
    e.encode([field("x", "www.example.com")], &mut block);
    assert_eq!(block[..4], [0x00, 0x01, b'x', 0x8c]);
    let mut block = Vec::new();
    e.encode([field("x", "\u{0}\u{1}")], &mut block);
    assert_eq!(block, [0x00, 0x01, b'x', 0x02, 0x00, 0x01]);
}

#[test]
fn size_updates_are_signalled() {
    let fill = [field("x-a", "1")];
    // A cap below 4,096 is signalled in the first block.
    let mut e = Encoder::with_policy(DefaultPolicy, 1024);
    let mut block = Vec::new();
    e.encode(fill, &mut block);
    assert_eq!(block[..3], [0x3f, 0xe1, 0x07]);
    // Nothing when nothing changed, or when the peer raises its value above our cap.
    e.set_peer_table_size(65536);
    let mut block = Vec::new();
    e.encode([field(":method", "GET")], &mut block);
    assert_eq!(block, [0x82]);
    // The peer lowers to 100 then raises to 2,000 between blocks: 100, then our 1,024.
    e.set_peer_table_size(100);
    e.set_peer_table_size(2000);
    let mut block = Vec::new();
    e.encode([field(":method", "GET")], &mut block);
    assert_eq!(block, [0x3f, 0x45, 0x3f, 0xe1, 0x07, 0x82]);
    // The peer lowers from 2,000 to 1,500 (still above our table): its decoder requires an
    // update.
    e.set_peer_table_size(1500);
    let mut block = Vec::new();
    e.encode([field(":method", "GET")], &mut block);
    assert_eq!(block, [0x3f, 0xe1, 0x07, 0x82]);

    // A decoder follows along through all of it.
    let mut e = Encoder::new();
    let mut d = Decoder::with_config(Config::new().table_size(4096));
    for size in [4096, 0, 1000, 8192, 300, 300, 4096] {
        e.set_peer_table_size(size);
        d.set_table_size(size).unwrap();
        let fields = [field("x-1", "a"), field("x-2", "bb"), field("x-1", "a")];
        let got = round_trip(&mut e, &mut d, &fields);
        assert_eq!(got.len(), 3);
        assert_eq!(e.table().size(), d.table().size(), "at {size}");
        assert_eq!(e.table().max_size(), d.table().max_size(), "at {size}");
        assert!(e.table().max_size() <= 4096, "our cap");
    }
}

#[test]
#[cfg_attr(
    miri,
    ignore = "reads hpack-test-case from the file system, which miri isolates"
)]
fn raw_data_round_trips() {
    // Every story of raw-data encoded with the default policy decodes back with ours; the
    // tables agree after every block. The sizes go to stderr (the bench measures them too).
    let (mut raw, mut wire, mut blocks) = (0usize, 0usize, 0usize);
    for story in stories("raw-data") {
        let mut e = Encoder::new();
        let mut d = Decoder::new();
        for case in &story.cases {
            let fields: Vec<Field<'_>> = case
                .headers
                .iter()
                .map(|(n, v)| Field {
                    name: n,
                    value: v,
                    never_indexed: false,
                })
                .collect();
            let mut block = Vec::new();
            e.encode(fields.iter().copied(), &mut block);
            let mut got: Headers = Vec::new();
            d.decode_block(&block, |f| got.push((f.name.to_vec(), f.value.to_vec())))
                .unwrap_or_else(|err| panic!("{}: {err}", story.name));
            assert!(got == case.headers, "{}: decoded differently", story.name);
            assert_eq!(e.table().size(), d.table().size());
            raw += case
                .headers
                .iter()
                .map(|(n, v)| n.len() + v.len())
                .sum::<usize>();
            wire += block.len();
            blocks += 1;
        }
    }
    eprintln!("raw-data: {blocks} blocks, {raw} bytes of names and values, {wire} bytes encoded");
    assert!(
        blocks > 3000 && wire < raw / 2,
        "{blocks} blocks, {wire} of {raw}"
    );
}

fn name() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::sample::select(vec![
            &b":method"[..],
            b":path",
            b"cookie",
            b"authorization",
            b"content-length",
            b"x-custom",
            b"accept-encoding",
        ])
        .prop_map(<[u8]>::to_vec),
        proptest::collection::vec(b'a'..=b'z', 1..10),
    ]
}

fn value() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::sample::select(vec![&b"GET"[..], b"/", b"gzip, deflate", b"1"])
            .prop_map(<[u8]>::to_vec),
        proptest::collection::vec(any::<u8>(), 0..30),
        proptest::collection::vec(b'0'..=b'9', 0..400),
    ]
}

proptest! {
    #![proptest_config(config())]

    /// Header lists round trip through our decoder, block after block, with the peer's table
    /// size changing between blocks (under both the default policy and index-all): same
    /// fields, never-indexed where the caller asked, and the same table on both sides.
    #[test]
    fn encoder_to_decoder(
        blocks in proptest::collection::vec(
            (
                proptest::option::of(0..6000u32),
                proptest::collection::vec((name(), value(), any::<bool>()), 0..10),
            ),
            1..8,
        ),
        cap in 0..5000u32,
        all in any::<bool>(),
    ) {
        let policy = move |n: &[u8], v: &[u8], t: usize| {
            if all { Indexing::Index } else { hpack::Policy::indexing(&mut DefaultPolicy, n, v, t) }
        };
        let mut e = Encoder::with_policy(policy, cap);
        let mut d = Decoder::with_config(Config::new().table_size(4096));
        for (size, list) in &blocks {
            if let Some(size) = *size {
                e.set_peer_table_size(size);
                d.set_table_size(size).unwrap();
            }
            let fields: Vec<Field<'_>> = list
                .iter()
                .map(|(n, v, s)| Field { name: n, value: v, never_indexed: *s })
                .collect();
            let got = round_trip(&mut e, &mut d, &fields);
            prop_assert_eq!(got.len(), fields.len());
            for (g, f) in got.iter().zip(&fields) {
                prop_assert_eq!((&g.0[..], &g.1[..]), (f.name, f.value));
                if f.never_indexed {
                    prop_assert!(g.2, "a sensitive field lost its flag");
                }
            }
            prop_assert_eq!(e.table().size(), d.table().size());
            prop_assert_eq!(e.table().max_size(), d.table().max_size());
            prop_assert!(e.table().max_size() <= cap as usize);
            prop_assert_eq!(e.table().len(), d.table().len());
            prop_assert_eq!(entries(e.table()), entries(d.table()));
        }
    }
}
