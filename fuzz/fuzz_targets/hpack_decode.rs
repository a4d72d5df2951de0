//! The HPACK header block decoder, whole and in fragments: two decoders with the same small
//! limits go through the same steps (SETTINGS_HEADER_TABLE_SIZE values acknowledged, header
//! blocks), one fed each block whole, the other in the fragments given by the input's cuts.
//!
//! Checks, per block: the same fields (name, value, never indexed) and the same result (`Ok`,
//! or the same error at the same offset); the same dynamic table after it (entries, size,
//! maximum size); the limits kept (each name and value at most `max_string_len` unless taken
//! from the static table, since the cap is on strings sent; at most `max_fields` fields; the
//! fields' weight with 32 each at most `max_header_list_size`; the table's size at most its
//! maximum size, that at most the acknowledged SETTINGS value). After an error both decoders
//! are failed and refuse every later call with the same error. Nothing panics.
#![no_main]

use arbitrary::{Arbitrary, Unstructured};
use hpack::table::STATIC;
use hpack::{Config, Decoder, Error};
use httpwire_fuzz::hpack::{Owned, Table, own};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Input {
    /// Taken modulo 301.
    max_string_len: u16,
    max_header_list_size: u16,
    max_fields: u8,
    /// Taken modulo 4,097.
    table_size: u16,
    require_size_update: bool,
    steps: Vec<Step>,
}

#[derive(Arbitrary, Debug)]
enum Step {
    /// A SETTINGS_HEADER_TABLE_SIZE acknowledged, between blocks.
    TableSize(u16),
    /// A header block, and where the fragmented decoder's fragments end (each taken modulo
    /// the block's length + 1, then sorted: equal cuts make empty fragments).
    Block {
        #[arbitrary(with = raw_bytes)]
        bytes: Vec<u8>,
        cuts: Vec<u16>,
    },
}

/// Bytes taken as one slice (a `Vec<u8>` would cost a byte per element more).
fn raw_bytes(u: &mut Unstructured<'_>) -> arbitrary::Result<Vec<u8>> {
    Ok(<&[u8]>::arbitrary(u)?.to_vec())
}

/// A block decoded by `decode_block`: the fields, then the result.
fn whole(d: &mut Decoder, block: &[u8]) -> (Vec<Owned>, Result<(), Error>) {
    let mut fields = Vec::new();
    let result = d.decode_block(block, |f| fields.push(own(f)));
    (fields, result)
}

/// A block fed to `next_field` in the fragments that end at `cuts` (sorted) and at its end.
fn fragmented(d: &mut Decoder, block: &[u8], cuts: &[usize]) -> (Vec<Owned>, Result<(), Error>) {
    let mut fields = Vec::new();
    let mut from = 0;
    for (i, &to) in cuts.iter().chain([&block.len()]).enumerate() {
        let last = i == cuts.len();
        let mut rest = &block[from..to];
        loop {
            match d.next_field(&mut rest, last) {
                Ok(Some(f)) => fields.push(own(f)),
                Ok(None) => break,
                Err(e) => return (fields, Err(e)),
            }
        }
        assert!(rest.is_empty(), "None before the fragment was used up");
        from = to;
    }
    (fields, Ok(()))
}

/// The dynamic table of `d`.
fn table(d: &Decoder) -> Table {
    httpwire_fuzz::hpack::table(d.table())
}

/// Whether `name` may be longer than `max_string_len`: only a static table name can (the cap
/// is on strings sent, on the wire and decoded; an index to the static table sends none).
fn static_name(name: &[u8]) -> bool {
    STATIC.iter().any(|&(n, _)| n == name)
}

/// The limits `cfg` sets, on a block's fields and on the table after it.
fn check_limits(cfg: &Config, settings: u32, fields: &[Owned], table: &Table) {
    let max_string = cfg.max_string_len as usize;
    assert!(
        fields.len() <= cfg.max_fields as usize,
        "{} fields",
        fields.len()
    );
    let mut weight = 0u64;
    for (name, value, _) in fields {
        let from_static = STATIC.contains(&(&name[..], &value[..]));
        assert!(
            name.len() <= max_string || static_name(name),
            "name {name:?}"
        );
        assert!(value.len() <= max_string || from_static, "value {value:?}");
        weight += (name.len() + value.len() + 32) as u64;
    }
    assert!(
        weight <= u64::from(cfg.max_header_list_size),
        "header list of {weight}"
    );
    // (`table` checked that the size is the entries' and at most the maximum size.)
    let (entries, _, max_size) = table;
    assert!(*max_size <= settings as usize);
    for (name, value) in entries {
        // (A value in the dynamic table was always sent as a literal.)
        assert!(
            name.len() <= max_string || static_name(name),
            "entry name {name:?}"
        );
        assert!(value.len() <= max_string, "entry value {value:?}");
    }
}

fuzz_target!(|input: Input| {
    let cfg = Config::new()
        .max_string_len(u32::from(input.max_string_len % 301))
        .max_header_list_size(u32::from(input.max_header_list_size))
        .max_fields(u32::from(input.max_fields))
        .table_size(u32::from(input.table_size % 4097))
        .require_size_update(input.require_size_update);
    let mut one = Decoder::with_config(cfg);
    let mut frag = Decoder::with_config(cfg);
    let mut settings = cfg.table_size;
    for step in &input.steps {
        match step {
            Step::TableSize(size) => {
                let size = u32::from(*size);
                assert_eq!(one.set_table_size(size), Ok(()));
                assert_eq!(frag.set_table_size(size), Ok(()));
                settings = size;
                let t = table(&one);
                assert_eq!(t, table(&frag));
                check_limits(&cfg, settings, &[], &t);
            }
            Step::Block { bytes, cuts } => {
                let mut cuts: Vec<usize> = cuts
                    .iter()
                    .map(|&c| usize::from(c) % (bytes.len() + 1))
                    .collect();
                cuts.sort_unstable();
                let (want_fields, want) = whole(&mut one, bytes);
                let (got_fields, got) = fragmented(&mut frag, bytes, &cuts);
                assert_eq!(got_fields, want_fields, "fields, cuts {cuts:?}");
                assert_eq!(got, want, "result, cuts {cuts:?}");
                let t = table(&one);
                assert_eq!(t, table(&frag), "table, cuts {cuts:?}");
                check_limits(&cfg, settings, &want_fields, &t);
                let Err(e) = want else {
                    assert!(!one.is_failed() && !frag.is_failed());
                    continue;
                };
                // The context is dead: every later call gets the same error.
                for d in [&mut one, &mut frag] {
                    assert!(d.is_failed());
                    assert_eq!(
                        d.next_field(&mut &b"\x82"[..], true).map(|f| f.map(own)),
                        Err(e)
                    );
                    assert_eq!(
                        d.next_field(&mut &b""[..], false).map(|f| f.map(own)),
                        Err(e)
                    );
                    assert_eq!(d.set_table_size(settings), Err(e));
                    assert_eq!(
                        d.decode_block(b"\x82", |_| panic!("a field after {e:?}")),
                        Err(e)
                    );
                }
                return;
            }
        }
    }
});
