//! The HPACK header block decoder against nghttp2's inflater (`libnghttp2-sys`, through the
//! safe [`Nghttp2Inflater`]): both go through the same steps, SETTINGS_HEADER_TABLE_SIZE
//! values acknowledged and whole header blocks. Our decoder has limits no block can reach
//! (strings up to nghttp2's 65,536 bytes, no header list or field count cap), and the default
//! `require_size_update`.
//!
//! Per block:
//! - nghttp2 refuses it: ours must refuse it too.
//! - both accept it: the same fields in order (name, value, never indexed), and the same
//!   dynamic table after it (entries, size, maximum size).
//! - ours refuses it and nghttp2 accepts: only for the rules below, where ours is stricter on
//!   purpose; the fields ours returned before refusing must start nghttp2's.
//!
//! Both stop at the first block either refuses (an HPACK error ends the connection).
//!
//! Where ours is stricter than nghttp2 (each checked as narrowly as the harness can):
//! 1. [`ErrorKind::TooManySizeUpdates`]: a third dynamic table size update at a block's start.
//!    RFC 7541 §4.2: between two blocks the encoder signals the smallest maximum size reached
//!    and the final one, "resulting in at most two dynamic table size updates"; nghttp2 takes
//!    any number. Checked: the block starts with at least three updates and ours refused the
//!    third.
//! 2. [`ErrorKind::SizeUpdateMissing`] after a SETTINGS value below the table's maximum size
//!    was acknowledged (both then require an update, RFC 9113 §4.3.1), when nghttp2 accepts a
//!    first update above the smallest value acknowledged since the last block but within the
//!    table's bound. RFC 7541 §4.2 reads as ours: the smallest value of the interval is
//!    signalled first. `Config::require_size_update(false)` turns ours off. Checked: such a
//!    value was acknowledged since the last block, and ours refused at the block's start
//!    (offset 0).
//! 3. [`ErrorKind::StringTooLong`] for a Huffman string that decodes to more than 65,536 bytes:
//!    ours caps names and values decoded as on the wire (`max_string_len`), nghttp2 caps only
//!    the wire length. RFC 7541 §5.2 leaves limits to the implementation (§7.3 says to bound
//!    them). A Huffman code is at least 5 bits, so this takes a block of more than 40,960
//!    bytes: checked so.
//!
//! Rules that might have differed and do not: integers (both refuse a sixth continuation byte
//! and a value past 2^32 - 1, §5.1), Huffman padding and EOS (§5.2), index 0 and indices past
//! the tables (§2.3.3), size updates after a field or above the SETTINGS value (§4.2, §6.3).
#![no_main]

use arbitrary::{Arbitrary, Unstructured};
use hpack::{Config, Decoder, Error, ErrorKind};
use httpwire_fuzz::hpack::{own, table};
use httpwire_fuzz::nghttp2::Nghttp2Inflater;
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
enum Step {
    /// A SETTINGS_HEADER_TABLE_SIZE acknowledged, between blocks.
    TableSize(u16),
    /// A whole header block.
    Block(#[arbitrary(with = raw_bytes)] Vec<u8>),
}

/// Bytes taken as one slice (a `Vec<u8>` would cost a byte per element more).
fn raw_bytes(u: &mut Unstructured<'_>) -> arbitrary::Result<Vec<u8>> {
    Ok(<&[u8]>::arbitrary(u)?.to_vec())
}

/// The offsets of the dynamic table size updates that start `block` (RFC 7541 §6.3).
fn leading_size_updates(block: &[u8]) -> Vec<u64> {
    let mut offsets = Vec::new();
    let mut at = 0;
    while block.get(at).is_some_and(|b| b & 0xe0 == 0x20) {
        let Ok(Some((_, len))) = hpack::int::decode(&block[at..], 5) else {
            break;
        };
        offsets.push(at as u64);
        at += len;
    }
    offsets
}

/// Whether ours may refuse `block` with `e` where nghttp2 accepts it (see the module docs);
/// `lowered`: a SETTINGS value below the table's maximum size was acknowledged since the last
/// block.
fn allowed(e: Error, block: &[u8], lowered: bool) -> bool {
    match e.kind {
        ErrorKind::TooManySizeUpdates => leading_size_updates(block).get(2) == Some(&e.offset),
        ErrorKind::SizeUpdateMissing => lowered && e.offset == 0,
        ErrorKind::StringTooLong => block.len() > 40_960,
        _ => false,
    }
}

fuzz_target!(|steps: Vec<Step>| {
    let cfg = Config::new()
        .max_string_len(1 << 16)
        .max_header_list_size(u32::MAX)
        .max_fields(u32::MAX);
    let mut ours = Decoder::with_config(cfg);
    let mut theirs = Nghttp2Inflater::new();
    let mut lowered = false;
    for step in &steps {
        match step {
            Step::TableSize(size) => {
                let size = u32::from(*size);
                lowered |= (size as usize) < ours.table().max_size();
                assert_eq!(ours.set_table_size(size), Ok(()));
                assert_eq!(theirs.change_table_size(size), Ok(()));
            }
            Step::Block(bytes) => {
                let mut got = Vec::new();
                let result = ours.decode_block(bytes, |f| got.push(own(f)));
                let mut want = Vec::new();
                let theirs_result = theirs.decode_block(bytes, |n, v, never| {
                    want.push((n.to_vec(), v.to_vec(), never))
                });
                match (result, theirs_result.map(|()| want)) {
                    (Ok(()), Ok(want)) => {
                        assert_eq!(got, want, "fields");
                        assert_eq!(table(ours.table()), theirs.table(), "table");
                        lowered = false;
                    }
                    (Ok(()), Err(code)) => {
                        panic!("nghttp2 refuses the block ({code:?}), ours accepts it: {got:?}")
                    }
                    (Err(e), Ok(want)) => {
                        assert!(want.starts_with(&got), "ours {got:?}, nghttp2 {want:?}");
                        assert!(
                            allowed(e, bytes, lowered),
                            "ours refuses the block ({e:?}), nghttp2 accepts it: {want:?}"
                        );
                        return;
                    }
                    (Err(_), Err(_)) => return,
                }
            }
        }
    }
});
