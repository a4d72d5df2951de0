//! The header block encoder (RFC 7541 §6, §7): one connection's encoding context, with a
//! pluggable indexing [`Policy`].
//!
//! ```
//! use hpack::{Decoder, Encoder, Field};
//!
//! let fields = [
//!     Field { name: b":method", value: b"GET", never_indexed: false },
//!     Field { name: b":authority", value: b"www.example.com", never_indexed: false },
//!     Field { name: b"authorization", value: b"Bearer abc", never_indexed: false },
//! ];
//! let mut encoder = Encoder::new();
//! let mut block = Vec::new();
//! encoder.encode(fields, &mut block);
//!
//! let mut decoder = Decoder::new();
//! let mut back = Vec::new();
//! decoder.decode_block(&block, |f| back.push((f.name.to_vec(), f.never_indexed)))?;
//! assert_eq!(back[2], (b"authorization".to_vec(), true)); // the default policy never indexes it
//! assert_eq!(encoder.table().len(), 1); // :authority was indexed; :method was in the static table
//! # Ok::<(), hpack::decode::Error>(())
//! ```
//!
//! For each field the encoder uses, in order: an entry of the static or dynamic table with the
//! same name and value (one byte, usually), unless the field is never indexed; else a literal
//! whose name is an index when a table has the name (the static table's first), with the
//! representation the policy chooses. Strings are Huffman-encoded only when that is strictly
//! shorter (see [`Encoder::huffman`] for the other choices). The dynamic table is capped by the encoder's
//! own maximum (4,096 bytes by default) whatever the peer allows, and each change of its size
//! is signalled at the start of the next block: the smallest size since the last block, then
//! the final one (RFC 7541 §4.2).

use alloc::vec;
use alloc::vec::Vec;

use crate::decode::Field;
use crate::dynamic::{self, DynamicTable, ENTRY_OVERHEAD};
use crate::{huffman, int, table};

/// How a field not found whole in a table is sent (RFC 7541 §6.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Indexing {
    /// A literal with incremental indexing: added to both tables, so a repeat costs a byte.
    Index,
    /// A literal without indexing: the tables are not changed.
    NoIndex,
    /// A literal never indexed: as [`Indexing::NoIndex`], and every intermediary must forward
    /// it so (for values an attacker could guess through compression, RFC 7541 §7.1).
    Never,
}

/// Chooses the representation of each field the tables do not hold whole. Fields the caller
/// marks [`Field::never_indexed`] are never indexed without asking.
pub trait Policy {
    /// The representation of `name: value`; `table_size` is the dynamic table's maximum size.
    fn indexing(&mut self, name: &[u8], value: &[u8], table_size: usize) -> Indexing;
}

/// Any `FnMut(name, value, table_size) -> Indexing` is a policy.
impl<F: FnMut(&[u8], &[u8], usize) -> Indexing> Policy for F {
    fn indexing(&mut self, name: &[u8], value: &[u8], table_size: usize) -> Indexing {
        self(name, value, table_size)
    }
}

/// The default policy:
///
/// - never indexed: `authorization`, `proxy-authorization`, and `cookie` values shorter than
///   [`DefaultPolicy::SHORT_COOKIE`] bytes (short enough to guess, RFC 7541 §7.1.3);
/// - not indexed: fields whose values seldom repeat on a connection (`:path`, `age`,
///   `content-length`, `etag`, `if-modified-since`, `if-none-match`, `location`), and entries
///   larger than 3/4 of the table (they would evict most of it);
///
/// (`date`, `last-modified` and `set-cookie` are indexed: on hpack-test-case's raw-data,
/// leaving them out makes the blocks 15% larger, mostly for `date`, which repeats while
/// responses come within the same second.)
/// - indexed: the rest.
#[derive(Debug, Clone, Copy, Default)]
pub struct DefaultPolicy;

impl DefaultPolicy {
    /// Cookie values shorter than this are never indexed.
    pub const SHORT_COOKIE: usize = 20;
}

impl Policy for DefaultPolicy {
    fn indexing(&mut self, name: &[u8], value: &[u8], table_size: usize) -> Indexing {
        match name {
            b"authorization" | b"proxy-authorization" => return Indexing::Never,
            b"cookie" if value.len() < Self::SHORT_COOKIE => return Indexing::Never,
            b":path" | b"age" | b"content-length" | b"etag" | b"if-modified-since"
            | b"if-none-match" | b"location" => {
                return Indexing::NoIndex;
            }
            _ => {}
        }
        if (name.len() + value.len() + ENTRY_OVERHEAD) * 4 > table_size * 3 {
            Indexing::NoIndex
        } else {
            Indexing::Index
        }
    }
}

/// When strings are Huffman-encoded (RFC 7541 §5.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Huffman {
    /// When that is strictly shorter than the raw bytes (the default).
    Shorter,
    /// Always (as the RFC's examples in Appendix C.4 and C.6 do, even when it is not shorter).
    Always,
    /// Never.
    Never,
}

/// One connection's HPACK encoding context. See the [module docs](self).
#[derive(Debug, Clone)]
pub struct Encoder<P = DefaultPolicy> {
    table: DynamicTable,
    policy: P,
    huffman: Huffman,
    /// Our cap on the table's size.
    max_table_size: u32,
    /// The peer's SETTINGS_HEADER_TABLE_SIZE.
    peer: u32,
    /// The size the table is to have: the peer's value within our cap.
    target: u32,
    /// When the table or the peer's value was lowered since the last block: the smallest
    /// size the table was to have since, to be signalled first (RFC 7541 §4.2).
    lowest: Option<u32>,
    /// Finds the table's entries by name and value.
    index: Index,
}

/// A hash index of the encoder's dynamic table, so that finding a field costs a hash and a
/// comparison or two rather than a scan of the table ([`DynamicTable::find`] gives the same
/// answers).
///
/// Every entry inserted gets an id, counting from 0; the table holds the last `table.len()`
/// ids, the newest at index 1. Two hash chains per entry, one by name and value and one by
/// name, link each entry to the previous one inserted into the same bucket, newest first. An
/// entry's links live in a ring of `ring` slots (by id modulo `ring`, more than the table can
/// hold), so a slot is reused only once its entry has been evicted. A walk down a chain stops
/// at the first id the table no longer holds: every later one is older, so evicted too. An
/// entry whose hash matches is compared with the field's bytes before it counts, so a
/// collision can cost a comparison, never a wrong index.
#[derive(Debug, Clone)]
struct Index {
    /// The id the next entry inserted gets.
    next: u64,
    /// Per bucket (of the two hashes, masked): the newest id put there.
    field_heads: Vec<u64>,
    name_heads: Vec<u64>,
    /// Per ring slot: the entry's hashes and the previous id in each of its two buckets.
    links: Vec<Link>,
    /// The hash bits kept: all of them, except in the tests that make every hash collide.
    hash_bits: u32,
}

#[derive(Debug, Clone, Copy, Default)]
struct Link {
    field_hash: u32,
    name_hash: u32,
    field_prev: u64,
    name_prev: u64,
}

/// No id: a chain ends here (ids count from 0; this one is never reached).
const NONE: u64 = u64::MAX;

impl Index {
    /// An index for a table of at most `max_size` bytes (each entry weighs at least 32).
    fn new(max_size: u32) -> Index {
        let ring = max_size as usize / ENTRY_OVERHEAD + 1;
        let buckets = (2 * ring).next_power_of_two();
        Index {
            next: 0,
            field_heads: vec![NONE; buckets],
            name_heads: vec![NONE; buckets],
            links: vec![Link::default(); ring],
            hash_bits: u32::MAX,
        }
    }

    /// The table index (1 is the newest) of entry `id`, when `table` still holds it.
    #[inline]
    fn index_of(&self, id: u64, table: &DynamicTable) -> Option<usize> {
        // (`NONE` and ids of evicted entries give an age past the table.)
        let age = self.next.wrapping_sub(id);
        (age >= 1 && age <= table.len() as u64).then_some(age as usize)
    }

    /// The hashes of `name`, and of `name` and `value`, as [`Index::find`] and
    /// [`Index::inserted`] take them (computed once for both).
    #[inline]
    fn hashes(&self, name: &[u8], value: &[u8]) -> (u32, u32) {
        hashes(name, value, self.hash_bits)
    }

    /// Like [`DynamicTable::find`]: the index of the newest entry with `name` and `value`, or
    /// else of the newest entry with `name` (and `false`); `hashes` from [`Index::hashes`].
    #[inline]
    fn find(
        &self,
        table: &DynamicTable,
        name: &[u8],
        value: &[u8],
        (name_hash, field_hash): (u32, u32),
    ) -> Option<(usize, bool)> {
        if table.is_empty() {
            return None;
        }
        let mask = self.field_heads.len() - 1;
        let ring = self.links.len() as u64;
        let mut id = self.field_heads[field_hash as usize & mask];
        while let Some(i) = self.index_of(id, table) {
            let link = &self.links[(id % ring) as usize];
            if link.field_hash == field_hash && holds(table, i, name, Some(value)) {
                return Some((i, true));
            }
            id = link.field_prev;
        }
        let mut id = self.name_heads[name_hash as usize & mask];
        while let Some(i) = self.index_of(id, table) {
            let link = &self.links[(id % ring) as usize];
            if link.name_hash == name_hash && holds(table, i, name, None) {
                return Some((i, false));
            }
            id = link.name_prev;
        }
        None
    }

    /// `name: value` was inserted into `table` (which holds it now unless it was larger than
    /// the table's maximum size); `hashes` from [`Index::hashes`].
    #[inline]
    fn inserted(
        &mut self,
        table: &DynamicTable,
        name: &[u8],
        value: &[u8],
        (name_hash, field_hash): (u32, u32),
    ) {
        let fits = name.len() + value.len() + ENTRY_OVERHEAD <= table.max_size();
        if !fits {
            return;
        }
        let id = self.next;
        self.next += 1;
        let mask = self.field_heads.len() - 1;
        let ring = self.links.len() as u64;
        let field_head = &mut self.field_heads[field_hash as usize & mask];
        let field_prev = core::mem::replace(field_head, id);
        let name_head = &mut self.name_heads[name_hash as usize & mask];
        let name_prev = core::mem::replace(name_head, id);
        self.links[(id % ring) as usize] = Link {
            field_hash,
            name_hash,
            field_prev,
            name_prev,
        };
    }
}

/// Whether the table's entry `i` has `name` (and `value`, when given).
#[inline]
fn holds(table: &DynamicTable, i: usize, name: &[u8], value: Option<&[u8]>) -> bool {
    if let Some((n, v)) = table.entry(i) {
        return n == name && value.is_none_or(|value| v == value);
    }
    // The rare entry that wraps around the end of the table's ring.
    let Some((n, v)) = table.get(i) else {
        return false;
    };
    let len = |p: dynamic::Parts<'_>| p.0.len() + p.1.len();
    len(n) == name.len()
        && dynamic::same(n, name)
        && value.is_none_or(|value| len(v) == value.len() && dynamic::same(v, value))
}

/// The hashes of a name, and of the name and value together; only `bits` of each.
#[inline]
fn hashes(name: &[u8], value: &[u8], bits: u32) -> (u32, u32) {
    let h = hash(0x9e37_79b9_7f4a_7c15 ^ name.len() as u64, name);
    let f = hash(h ^ (value.len() as u64).rotate_left(32), value);
    (fold(h) & bits, fold(f) & bits)
}

/// A multiplicative hash of `bytes`, eight at a time, continuing from `h`.
#[inline]
fn hash(mut h: u64, bytes: &[u8]) -> u64 {
    const K: u64 = 0xf135_7aea_2e62_a9c5;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = (h ^ w).wrapping_mul(K).rotate_left(26);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut buf = [0u8; 8];
        buf[..rest.len()].copy_from_slice(rest);
        h = (h ^ u64::from_le_bytes(buf))
            .wrapping_mul(K)
            .rotate_left(26);
    }
    h
}

/// 64 bits of hash to 32, the high bits mixed into the low ones (buckets take the low bits).
#[inline]
fn fold(h: u64) -> u32 {
    let h = h.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    (h >> 32) as u32 ^ h as u32
}

impl Default for Encoder {
    fn default() -> Self {
        Encoder::new()
    }
}

impl Encoder {
    /// The default size cap of our dynamic table, and the protocol's initial
    /// SETTINGS_HEADER_TABLE_SIZE (RFC 9113 §6.5.2).
    pub const DEFAULT_TABLE_SIZE: u32 = 4096;

    /// An encoder with the [`DefaultPolicy`] and a table of at most 4,096 bytes.
    pub fn new() -> Encoder {
        Encoder::with_policy(DefaultPolicy, Encoder::DEFAULT_TABLE_SIZE)
    }
}

impl<P: Policy> Encoder<P> {
    /// An encoder with `policy` whose table never exceeds `max_table_size` bytes (its memory
    /// is allocated here). The peer's table starts at 4,096 (the protocol's initial value):
    /// a smaller cap is signalled at the start of the first block.
    pub fn with_policy(policy: P, max_table_size: u32) -> Encoder<P> {
        let initial = max_table_size.min(Encoder::DEFAULT_TABLE_SIZE);
        let mut table = DynamicTable::new(max_table_size as usize);
        table.set_max_size(initial as usize);
        Encoder {
            table,
            policy,
            huffman: Huffman::Shorter,
            max_table_size,
            peer: Encoder::DEFAULT_TABLE_SIZE,
            target: initial,
            // The peer's decoder starts at 4,096: a smaller cap is signalled.
            lowest: (initial < Encoder::DEFAULT_TABLE_SIZE).then_some(initial),
            index: Index::new(max_table_size),
        }
    }

    /// The peer's SETTINGS_HEADER_TABLE_SIZE in force before the first block, when it is not
    /// the protocol's initial 4,096 (both sides start from it, as [`crate::Config::table_size`]
    /// does for the decoder): the table starts at it, within our cap, and only a cap below it
    /// is signalled.
    pub fn peer_table_size(mut self, size: u32) -> Encoder<P> {
        let target = size.min(self.max_table_size);
        self.table.set_max_size(target as usize);
        self.peer = size;
        self.target = target;
        self.lowest = (target < size).then_some(target);
        self
    }

    /// When strings are Huffman-encoded: [`Huffman::Shorter`] by default.
    pub fn huffman(mut self, mode: Huffman) -> Encoder<P> {
        self.huffman = mode;
        self
    }

    /// The dynamic table, as the peer's decoder will have it after the blocks encoded so far.
    pub fn table(&self) -> &DynamicTable {
        &self.table
    }

    /// The policy.
    pub fn policy_mut(&mut self) -> &mut P {
        &mut self.policy
    }

    /// The peer's SETTINGS_HEADER_TABLE_SIZE (received and acknowledged): the table is
    /// resized to it, within our cap, at the start of the next block, which signals the
    /// change: the smallest size since the last block first, when the table or the peer's
    /// value was lowered (the peer's decoder requires it), then the final size.
    pub fn set_peer_table_size(&mut self, size: u32) {
        let target = size.min(self.max_table_size);
        if size < self.peer || (target as usize) < self.table.max_size() {
            self.lowest = Some(self.lowest.map_or(target, |low| low.min(target)));
        }
        self.peer = size;
        self.target = target;
    }

    /// Encodes a header block of `fields` at the end of `dst`.
    ///
    /// # Panics
    ///
    /// When a name or value is 4 GiB long or longer (HPACK cannot carry it).
    pub fn encode<'a>(&mut self, fields: impl IntoIterator<Item = Field<'a>>, dst: &mut Vec<u8>) {
        if let Some(low) = self.lowest.take() {
            size_update(low, dst);
            self.table.set_max_size(low as usize);
        }
        if self.target as usize != self.table.max_size() {
            size_update(self.target, dst);
            self.table.set_max_size(self.target as usize);
        }
        for field in fields {
            self.encode_field(field, dst);
        }
    }

    fn encode_field(&mut self, field: Field<'_>, dst: &mut Vec<u8>) {
        let (name, value) = (field.name, field.value);
        let mode = if field.never_indexed {
            Indexing::Never
        } else {
            self.policy.indexing(name, value, self.table.max_size())
        };
        let statics = table::find(name, value);
        let mut name_index = statics.map(|(i, _)| i);
        if mode != Indexing::Never
            && let Some((i, true)) = statics
        {
            return integer(i, 7, 0x80, dst);
        }
        let hashes = self.index.hashes(name, value);
        if let Some((i, whole)) = self.index.find(&self.table, name, value, hashes) {
            let index = (i + table::STATIC.len()) as u32;
            if whole && mode != Indexing::Never {
                return integer(index, 7, 0x80, dst);
            }
            name_index.get_or_insert(index);
        }
        let (prefix, flags) = match mode {
            Indexing::Index => (6, 0x40),
            Indexing::NoIndex => (4, 0x00),
            Indexing::Never => (4, 0x10),
        };
        match name_index {
            Some(i) => integer(i, prefix, flags, dst),
            None => {
                integer(0, prefix, flags, dst);
                self.string(name, dst);
            }
        }
        self.string(value, dst);
        if mode == Indexing::Index {
            self.table.insert(name, value);
            self.index.inserted(&self.table, name, value, hashes);
        }
    }

    /// Appends `s` as a string literal, Huffman-encoded as [`Encoder::huffman`] says.
    fn string(&self, s: &[u8], dst: &mut Vec<u8>) {
        let len = u32::try_from(s.len()).expect("strings are shorter than 4 GiB");
        let (coded, use_it) = match self.huffman {
            Huffman::Never => (0, false),
            Huffman::Shorter => {
                let coded = huffman::encoded_len(s);
                (coded, coded < s.len())
            }
            Huffman::Always => (huffman::encoded_len(s), true),
        };
        if use_it {
            integer(coded as u32, 7, 0x80, dst);
            let at = dst.len();
            dst.resize(at + coded, 0);
            huffman::encode_exact(s, &mut dst[at..]);
        } else {
            integer(len, 7, 0, dst);
            dst.extend_from_slice(s);
        }
    }
}

/// Appends a dynamic table size update (RFC 7541 §6.3).
fn size_update(size: u32, dst: &mut Vec<u8>) {
    integer(size, 5, 0x20, dst);
}

/// Appends `value` as a prefix integer.
#[inline]
fn integer(value: u32, prefix: u8, flags: u8, dst: &mut Vec<u8>) {
    let mut buf = [0u8; 1 + int::MAX_CONTINUATION];
    let n = int::encode(value, prefix, flags, &mut buf).expect("a u32 fits six bytes");
    dst.extend_from_slice(&buf[..n]);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The index answers as the table's scan does, through insertions, evictions, maximum
    /// sizes lowered and raised, and fields too large for the table; names and values from a
    /// small alphabet, so that names repeat and buckets collide; and with hashes cut to two
    /// bits, so that the bytes have to tell entries apart.
    #[test]
    fn the_index_finds_what_the_scan_finds() {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let steps = if cfg!(miri) { 300 } else { 20_000 };
        // All hash bits, and 2 bits: every chain then holds about a quarter of the entries,
        // whose bytes decide.
        for (cap, bits) in [
            (0u32, !0),
            (64, !0),
            (256, !0),
            (4096, !0),
            (256, 3),
            (4096, 3),
        ] {
            let mut table = DynamicTable::new(cap as usize);
            let mut index = Index::new(cap);
            index.hash_bits = bits;
            let bytes = |r: u64| -> Vec<u8> {
                let len = (r % 7) as usize * (1 + (r >> 8) as usize % 9);
                (0..len)
                    .map(|k| b"ab"[(r >> (16 + k % 40)) as usize & 1])
                    .collect()
            };
            for _ in 0..steps {
                let (name, value) = (bytes(next()), bytes(next()));
                assert_eq!(
                    index.find(&table, &name, &value, index.hashes(&name, &value)),
                    table.find(&name, &value),
                    "cap {cap}, {name:?}: {value:?}"
                );
                match next() % 16 {
                    0 => {
                        table.set_max_size(next() as usize % (cap as usize + 1));
                    }
                    _ => {
                        table.insert(&name, &value);
                        index.inserted(&table, &name, &value, index.hashes(&name, &value));
                    }
                }
            }
        }
    }
}
