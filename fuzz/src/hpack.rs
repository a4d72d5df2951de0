//! What the HPACK targets share: fields and dynamic tables as owned values, to compare.

use hpack::Field;
use hpack::dynamic::DynamicTable;

/// A field as owned values: name, value, never indexed.
pub type Owned = (Vec<u8>, Vec<u8>, bool);

/// `f` as owned values.
pub fn own(f: Field<'_>) -> Owned {
    (f.name.to_vec(), f.value.to_vec(), f.never_indexed)
}

/// A dynamic table: its entries (name, value; newest first, HPACK indices 62 and up), its size
/// and its maximum size, as RFC 7541 §4.1 counts them (the shape nghttp2's wrapper gives).
pub use crate::nghttp2::NgTable as Table;

/// The entries, size and maximum size of `t`; checks that indices 0 and past the end hold
/// nothing and that the size is the entries' (name + value + 32 each).
pub fn table(t: &DynamicTable) -> Table {
    assert!(t.get(0).is_none() && t.get(t.len() + 1).is_none());
    let join = |(a, b): (&[u8], &[u8])| [a, b].concat();
    let entries: Vec<(Vec<u8>, Vec<u8>)> = (1..=t.len())
        .map(|i| {
            let (name, value) = t.get(i).expect("an index within the table");
            (join(name), join(value))
        })
        .collect();
    let sum: usize = entries.iter().map(|(n, v)| n.len() + v.len() + 32).sum();
    assert_eq!(sum, t.size(), "the table's size is its entries'");
    assert!(t.size() <= t.max_size());
    (entries, t.size(), t.max_size())
}
