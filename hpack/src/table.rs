//! The static table (RFC 7541 §2.3.1, Appendix A): 61 entries, indexed from 1.

/// The static table's entries (name, value): index `i` (1 to 61) is `STATIC[i - 1]`.
pub const STATIC: [(&[u8], &[u8]); 61] = [
    (b":authority", b""),
    (b":method", b"GET"),
    (b":method", b"POST"),
    (b":path", b"/"),
    (b":path", b"/index.html"),
    (b":scheme", b"http"),
    (b":scheme", b"https"),
    (b":status", b"200"),
    (b":status", b"204"),
    (b":status", b"206"),
    (b":status", b"304"),
    (b":status", b"400"),
    (b":status", b"404"),
    (b":status", b"500"),
    (b"accept-charset", b""),
    (b"accept-encoding", b"gzip, deflate"),
    (b"accept-language", b""),
    (b"accept-ranges", b""),
    (b"accept", b""),
    (b"access-control-allow-origin", b""),
    (b"age", b""),
    (b"allow", b""),
    (b"authorization", b""),
    (b"cache-control", b""),
    (b"content-disposition", b""),
    (b"content-encoding", b""),
    (b"content-language", b""),
    (b"content-length", b""),
    (b"content-location", b""),
    (b"content-range", b""),
    (b"content-type", b""),
    (b"cookie", b""),
    (b"date", b""),
    (b"etag", b""),
    (b"expect", b""),
    (b"expires", b""),
    (b"from", b""),
    (b"host", b""),
    (b"if-match", b""),
    (b"if-modified-since", b""),
    (b"if-none-match", b""),
    (b"if-range", b""),
    (b"if-unmodified-since", b""),
    (b"last-modified", b""),
    (b"link", b""),
    (b"location", b""),
    (b"max-forwards", b""),
    (b"proxy-authenticate", b""),
    (b"proxy-authorization", b""),
    (b"range", b""),
    (b"referer", b""),
    (b"refresh", b""),
    (b"retry-after", b""),
    (b"server", b""),
    (b"set-cookie", b""),
    (b"strict-transport-security", b""),
    (b"transfer-encoding", b""),
    (b"user-agent", b""),
    (b"vary", b""),
    (b"via", b""),
    (b"www-authenticate", b""),
];

/// The static table's entry at `index` (1 to 61), `None` for any other.
#[inline]
pub fn static_entry(index: u32) -> Option<(&'static [u8], &'static [u8])> {
    let i = usize::try_from(index).ok()?.checked_sub(1)?;
    STATIC.get(i).copied()
}

/// Slots of [`NAME_SLOTS`]: a power of two, more than twice the distinct names.
const SLOTS: usize = 128;

/// A cheap hash of a field name: its length and three of its bytes (static names differ there).
#[inline]
const fn name_hash(name: &[u8]) -> usize {
    let n = name.len();
    if n == 0 {
        return 0;
    }
    let h = (n as u32).wrapping_mul(0x9e37_79b9)
        ^ (name[0] as u32).wrapping_mul(0x85eb_ca6b)
        ^ (name[n / 2] as u32).wrapping_mul(0xc2b2_ae35)
        ^ (name[n - 1] as u32).wrapping_mul(0x27d4_eb2f);
    (h ^ h >> 15) as usize % SLOTS
}

const fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Each distinct name of [`STATIC`] by its hash (open addressing, linear probing): the index
/// of its first entry, 0 for an empty slot. Built from [`STATIC`] at compile time.
static NAME_SLOTS: [u8; SLOTS] = {
    let mut slots = [0u8; SLOTS];
    let mut i = 0;
    while i < STATIC.len() {
        // Entries with one name are adjacent: only the first of them goes in.
        if i == 0 || !same(STATIC[i - 1].0, STATIC[i].0) {
            let mut s = name_hash(STATIC[i].0);
            while slots[s] != 0 {
                s = (s + 1) % SLOTS;
            }
            slots[s] = i as u8 + 1;
        }
        i += 1;
    }
    slots
};

/// Where `name` (and `value`) are in the static table: the index of the entry with both, or
/// else of the first entry with the name (and `false`); `None` when no entry has the name.
#[inline]
pub fn find(name: &[u8], value: &[u8]) -> Option<(u32, bool)> {
    let mut s = name_hash(name);
    loop {
        let first = NAME_SLOTS[s] as usize;
        if first == 0 {
            return None;
        }
        if STATIC[first - 1].0 == name {
            let mut i = first;
            while i <= STATIC.len() && STATIC[i - 1].0 == name {
                if STATIC[i - 1].1 == value {
                    return Some((i as u32, true));
                }
                i += 1;
            }
            return Some((first as u32, false));
        }
        s = (s + 1) % SLOTS;
    }
}
