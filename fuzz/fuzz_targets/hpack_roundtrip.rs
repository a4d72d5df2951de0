//! The HPACK encoder into the decoder: arbitrary header lists (any bytes in names and values,
//! fields marked sensitive or not) encoded block after block by one encoder (our table cap,
//! Huffman mode and indexing policy chosen by the input), each block decoded by one decoder,
//! with the peer's SETTINGS_HEADER_TABLE_SIZE changed between blocks on both sides (the
//! decoder acknowledges it, the encoder is told).
//!
//! Checks, per block: it decodes (the decoder's default strictness: size updates required
//! after a lowered value) to exactly the fields given, in order; a field marked sensitive, or
//! one the policy says never to index, comes out never-indexed, and no other does; the two
//! dynamic tables are the same after it (entries, size, maximum size), and the maximum size is
//! within both our cap and the peer's value. Nothing panics.
#![no_main]

use arbitrary::{Arbitrary, Unstructured};
use hpack::{Config, Decoder, DefaultPolicy, Encoder, Field, Huffman, Indexing, Policy};
use httpwire_fuzz::hpack::{own, table};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Input {
    /// Our table cap, taken modulo 8,193.
    max_table_size: u16,
    huffman: Mode,
    policy: Choice,
    steps: Vec<Step>,
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Mode {
    Shorter,
    Always,
    Never,
}

/// The indexing policy: the default, or one representation for every field.
#[derive(Arbitrary, Debug, Clone, Copy, PartialEq)]
enum Choice {
    Default,
    All(Rep),
}

#[derive(Arbitrary, Debug, Clone, Copy, PartialEq)]
enum Rep {
    Index,
    NoIndex,
    Never,
}

impl Policy for Choice {
    fn indexing(&mut self, name: &[u8], value: &[u8], table_size: usize) -> Indexing {
        match self {
            Choice::Default => DefaultPolicy.indexing(name, value, table_size),
            Choice::All(Rep::Index) => Indexing::Index,
            Choice::All(Rep::NoIndex) => Indexing::NoIndex,
            Choice::All(Rep::Never) => Indexing::Never,
        }
    }
}

#[derive(Arbitrary, Debug)]
enum Step {
    /// The peer's SETTINGS_HEADER_TABLE_SIZE, acknowledged, between blocks.
    PeerTableSize(u16),
    /// A header list.
    Block(Vec<Header>),
}

#[derive(Arbitrary, Debug)]
struct Header {
    #[arbitrary(with = raw_bytes)]
    name: Vec<u8>,
    #[arbitrary(with = raw_bytes)]
    value: Vec<u8>,
    sensitive: bool,
}

/// Bytes taken as one slice (a `Vec<u8>` would cost a byte per element more).
fn raw_bytes(u: &mut Unstructured<'_>) -> arbitrary::Result<Vec<u8>> {
    Ok(<&[u8]>::arbitrary(u)?.to_vec())
}

fuzz_target!(|input: Input| {
    let cap = u32::from(input.max_table_size) % 8193;
    let mode = match input.huffman {
        Mode::Shorter => Huffman::Shorter,
        Mode::Always => Huffman::Always,
        Mode::Never => Huffman::Never,
    };
    let mut enc = Encoder::with_policy(input.policy, cap).huffman(mode);
    // Limits no input of libFuzzer's size can reach: the round trip is what is checked here.
    let cfg = Config::new()
        .max_string_len(1 << 16)
        .max_header_list_size(u32::MAX)
        .max_fields(u32::MAX);
    let mut dec = Decoder::with_config(cfg);
    let mut peer = cfg.table_size;
    let mut block = Vec::new();
    for step in &input.steps {
        match step {
            Step::PeerTableSize(size) => {
                peer = u32::from(*size);
                assert_eq!(dec.set_table_size(peer), Ok(()));
                enc.set_peer_table_size(peer);
            }
            Step::Block(headers) => {
                let fields = headers.iter().map(|h| Field {
                    name: &h.name,
                    value: &h.value,
                    never_indexed: h.sensitive,
                });
                block.clear();
                enc.encode(fields, &mut block);
                let mut got = Vec::new();
                if let Err(e) = dec.decode_block(&block, |f| got.push(own(f))) {
                    panic!("the decoder refuses the encoder's block {block:02x?}: {e:?}");
                }
                assert_eq!(got.len(), headers.len(), "field count");
                let mut policy = input.policy;
                for (h, (name, value, never)) in headers.iter().zip(&got) {
                    assert_eq!((name, value), (&h.name, &h.value));
                    // What the policy says for this field (the default policy looks only at
                    // the field and the table's maximum size, which a block's fields do not
                    // change).
                    let said = policy.indexing(name, value, enc.table().max_size());
                    assert_eq!(
                        *never,
                        h.sensitive || said == Indexing::Never,
                        "never-indexed flag of {name:02x?}"
                    );
                }
                assert_eq!(table(enc.table()), table(dec.table()), "tables");
                let max = enc.table().max_size();
                assert!(
                    max <= cap as usize && max <= peer as usize,
                    "table max {max}"
                );
            }
        }
    }
});
