//! The dynamic table (RFC 7541 §2.3.2, §4): a FIFO of fields, the newest at index 62.
//!
//! Storage is two rings allocated once for the table's capacity:
//!
//! - **bytes**: every entry's name then value, back to back in insertion order, in one ring of
//!   exactly `capacity` bytes. An entry may wrap around the ring's end; reading one returns
//!   its two parts ([`Parts`]).
//! - **records**: where each entry starts and how long its name and value are (12 bytes each),
//!   in a ring of `capacity / 32` slots.
//!
//! The RFC charges each entry its name, its value and 32 bytes. The names and values held never
//! exceed the table's size minus 32 per entry, so the bytes ring can never overflow, and an
//! entry's record (12 bytes) is within the 32 bytes it is charged: the memory in use is bounded
//! by the table's size as the RFC counts it. Insertion and eviction are O(1) (besides copying
//! the new entry's bytes); nothing is moved and nothing is allocated after construction, except
//! by [`DynamicTable::set_capacity`] when it grows.

use alloc::vec;
use alloc::vec::Vec;

/// What the RFC adds to each entry's name and value (§4.1).
pub const ENTRY_OVERHEAD: usize = 32;

/// Where an entry lies in the bytes ring.
#[derive(Debug, Clone, Copy, Default)]
struct Record {
    /// Offset of its first byte.
    at: u32,
    name_len: u32,
    value_len: u32,
}

/// A string stored in the ring: its first part and, when it wraps around the ring's end, its
/// second (otherwise empty).
pub type Parts<'a> = (&'a [u8], &'a [u8]);

/// The dynamic table of one HPACK context (the encoder's or the decoder's).
#[derive(Debug, Clone)]
pub struct DynamicTable {
    /// Names and values, a ring of `capacity` bytes.
    bytes: Vec<u8>,
    /// Records, a ring of `capacity / 32` slots: the oldest at `first`.
    records: Vec<Record>,
    first: usize,
    len: usize,
    /// Where the next entry's bytes go.
    head: usize,
    /// The table's size as RFC 7541 §4.1 counts it.
    size: usize,
    /// Its maximum size (§4.2), at most the capacity.
    max_size: usize,
}

impl DynamicTable {
    /// An empty table with room for `capacity` bytes (as the RFC counts them; at most
    /// `u32::MAX`, the largest SETTINGS value, and clamped to it), and that maximum size.
    pub fn new(capacity: usize) -> Self {
        let capacity = capacity.min(u32::MAX as usize);
        DynamicTable {
            bytes: vec![0; capacity],
            records: vec![Record::default(); capacity / ENTRY_OVERHEAD],
            first: 0,
            len: 0,
            head: 0,
            size: 0,
            max_size: capacity,
        }
    }

    /// The number of entries.
    #[inline]
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether it holds no entry.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Its size: each entry's name, value and 32 bytes.
    #[inline]
    pub fn size(&self) -> usize {
        self.size
    }

    /// Its maximum size.
    #[inline]
    pub fn max_size(&self) -> usize {
        self.max_size
    }

    /// The largest maximum size it can take without allocating.
    #[inline]
    pub fn capacity(&self) -> usize {
        self.bytes.len()
    }

    /// Sets the maximum size (a dynamic table size update, §4.3), evicting the oldest entries
    /// until the size is within it. `max_size` must be at most [`Self::capacity`]: returns
    /// `false` (and changes nothing) otherwise.
    pub fn set_max_size(&mut self, max_size: usize) -> bool {
        if max_size > self.capacity() {
            return false;
        }
        self.max_size = max_size;
        while self.size > max_size {
            self.evict();
        }
        true
    }

    /// Makes room for a maximum size of `capacity`, keeping the entries (moved to a new
    /// allocation when it grows). A smaller capacity than the current size evicts entries
    /// first; the maximum size is lowered to the capacity when it is above it.
    pub fn set_capacity(&mut self, capacity: usize) {
        if capacity == self.capacity() {
            return;
        }
        self.set_max_size(self.max_size.min(capacity));
        while self.size > capacity {
            self.evict();
        }
        let mut next = DynamicTable::new(capacity);
        next.max_size = self.max_size;
        for i in (1..=self.len).rev() {
            let (name, value) = self.get(i).expect("index within the table");
            next.push(name, value);
        }
        *self = next;
    }

    /// The entry at `index` (1 is the newest, `len()` the oldest): its name and value.
    #[inline]
    pub fn get(&self, index: usize) -> Option<(Parts<'_>, Parts<'_>)> {
        if index == 0 || index > self.len {
            return None;
        }
        let r = self.records[self.slot(self.len - index)];
        let name_at = r.at as usize;
        let value_at = self.wrap(name_at + r.name_len as usize);
        Some((
            self.read(name_at, r.name_len as usize),
            self.read(value_at, r.value_len as usize),
        ))
    }

    /// The entry at `index` as [`DynamicTable::get`] gives it, when its name and value are each
    /// one slice: `None` also for the rare entry that wraps around the ring's end.
    #[inline]
    pub(crate) fn entry(&self, index: usize) -> Option<(&[u8], &[u8])> {
        if index.wrapping_sub(1) >= self.len {
            return None;
        }
        let r = self.records[self.slot(self.len - index)];
        let at = r.at as usize;
        let mid = at + r.name_len as usize;
        let end = mid + r.value_len as usize;
        Some((self.bytes.get(at..mid)?, self.bytes.get(mid..end)?))
    }

    /// Where `name` and `value` are in the table: the index (1 is the newest) of the newest
    /// entry with both, or else of the newest entry with the name (and `false`). A scan of the
    /// entries, newest first, comparing lengths before bytes.
    pub fn find(&self, name: &[u8], value: &[u8]) -> Option<(usize, bool)> {
        let mut named = None;
        for i in 1..=self.len {
            let r = self.records[self.slot(self.len - i)];
            if r.name_len as usize != name.len() {
                continue;
            }
            let name_at = r.at as usize;
            if !same(self.read(name_at, name.len()), name) {
                continue;
            }
            if r.value_len as usize == value.len() {
                let value_at = self.wrap(name_at + name.len());
                if same(self.read(value_at, value.len()), value) {
                    return Some((i, true));
                }
            }
            named.get_or_insert(i);
        }
        named.map(|i| (i, false))
    }

    /// Adds a field as the newest entry (§4.4): the oldest entries are evicted until it fits;
    /// a field larger than the maximum size empties the table and is not added. A name taken
    /// from the table itself must be copied out first: this insertion may evict and overwrite
    /// it (§4.4).
    #[inline]
    pub fn insert(&mut self, name: &[u8], value: &[u8]) {
        let entry = name.len() + value.len() + ENTRY_OVERHEAD;
        while self.len > 0 && self.size + entry > self.max_size {
            self.evict();
        }
        if entry > self.max_size {
            return;
        }
        if self.len == 0 {
            self.head = 0;
        }
        // Most entries do not reach the ring's end: two copies.
        let (at, end) = (self.head, self.head + name.len() + value.len());
        if end <= self.bytes.len() {
            self.bytes[at..at + name.len()].copy_from_slice(name);
            self.bytes[at + name.len()..end].copy_from_slice(value);
            self.head = self.wrap(end);
            self.record(at, name.len(), value.len());
        } else {
            self.push((name, &[]), (value, &[]));
        }
    }

    /// Adds an entry that fits (its size is within what the maximum size leaves).
    fn push(&mut self, name: Parts<'_>, value: Parts<'_>) {
        let name_len = name.0.len() + name.1.len();
        let value_len = value.0.len() + value.1.len();
        if self.len == 0 {
            self.head = 0;
        }
        let at = self.head;
        for part in [name.0, name.1, value.0, value.1] {
            self.write(part);
        }
        self.record(at, name_len, value_len);
    }

    /// Records the entry just written at `at` as the newest.
    #[inline]
    fn record(&mut self, at: usize, name_len: usize, value_len: usize) {
        let slot = self.slot(self.len);
        self.records[slot] = Record {
            at: at as u32,
            name_len: name_len as u32,
            value_len: value_len as u32,
        };
        self.len += 1;
        self.size += name_len + value_len + ENTRY_OVERHEAD;
    }

    /// Drops the oldest entry (there is one).
    fn evict(&mut self) {
        let r = self.records[self.first];
        self.size -= (r.name_len + r.value_len) as usize + ENTRY_OVERHEAD;
        self.first = if self.first + 1 == self.records.len() {
            0
        } else {
            self.first + 1
        };
        self.len -= 1;
    }

    /// The records slot of the `i`th entry from the oldest.
    #[inline]
    fn slot(&self, i: usize) -> usize {
        let s = self.first + i;
        if s >= self.records.len() {
            s - self.records.len()
        } else {
            s
        }
    }

    /// `at` brought back into the bytes ring (`at` < 2 x capacity).
    #[inline]
    fn wrap(&self, at: usize) -> usize {
        if at >= self.bytes.len() {
            at - self.bytes.len()
        } else {
            at
        }
    }

    /// The `len` bytes at `at` in the ring, in at most two parts.
    #[inline]
    fn read(&self, at: usize, len: usize) -> Parts<'_> {
        let end = at + len;
        if end <= self.bytes.len() {
            (&self.bytes[at..end], &[])
        } else {
            (&self.bytes[at..], &self.bytes[..end - self.bytes.len()])
        }
    }

    /// Copies `src` to the head of the ring, wrapping as needed.
    fn write(&mut self, src: &[u8]) {
        let room = self.bytes.len() - self.head;
        if src.len() <= room {
            self.bytes[self.head..self.head + src.len()].copy_from_slice(src);
            self.head = self.wrap(self.head + src.len());
        } else {
            let (a, b) = src.split_at(room);
            self.bytes[self.head..].copy_from_slice(a);
            self.bytes[..b.len()].copy_from_slice(b);
            self.head = b.len();
        }
    }
}

/// Whether `parts` hold the bytes of `s`. The caller has checked that their lengths add up
/// to its length (else this panics).
#[inline]
pub(crate) fn same(parts: Parts<'_>, s: &[u8]) -> bool {
    let (a, b) = s.split_at(parts.0.len());
    a == parts.0 && b == parts.1
}
