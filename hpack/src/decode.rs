//! The header block decoder (RFC 7541 §3, §6): Sans-IO, resumable across fragments, strict.
//!
//! A [`Decoder`] is one connection's decoding context: its dynamic table, the acknowledged
//! SETTINGS_HEADER_TABLE_SIZE, the limits of [`Config`], and the state of the block being
//! decoded. Feed it a header block in fragments (a HEADERS frame and its CONTINUATION frames,
//! or any other split) and take the fields one at a time with [`Decoder::next_field`]:
//!
//! ```
//! use hpack::Decoder;
//!
//! // RFC 7541 C.3.1, cut in two anywhere.
//! let block = b"\x82\x86\x84\x41\x0fwww.example.com";
//! let (first, second) = block.split_at(9);
//! let mut decoder = Decoder::new();
//! let mut fields = Vec::new();
//! for (fragment, last) in [(&first[..], false), (&second[..], true)] {
//!     let mut rest = fragment;
//!     while let Some(field) = decoder.next_field(&mut rest, last)? {
//!         fields.push((field.name.to_vec(), field.value.to_vec()));
//!     }
//! }
//! assert_eq!(fields[3], (b":authority".to_vec(), b"www.example.com".to_vec()));
//! assert_eq!(decoder.table().size(), 57);
//! # Ok::<(), hpack::decode::Error>(())
//! ```
//!
//! Fields borrow what they can: raw strings from the input, indexed fields from the static or
//! dynamic table; Huffman-coded strings are decoded into the decoder's scratch. A field cut by
//! the end of a fragment is copied (only its bytes) into a buffer of the decoder and finished
//! from the next fragment, so each byte is read a bounded number of times however the block is
//! split. Every buffer is allocated when the decoder is made (the dynamic table's may grow when
//! a larger table size is acknowledged, never while decoding): decoding allocates nothing.
//!
//! Any error ends the connection's HPACK context (a COMPRESSION_ERROR in HTTP/2, RFC 9113
//! §4.3): the decoder refuses every later call with the same error. The limits are fatal too,
//! and checked as each field is decoded, so no work is done past them.

use alloc::vec::Vec;

use crate::dynamic::{DynamicTable, ENTRY_OVERHEAD, Parts};
use crate::{huffman, int, string, table};

/// A decoder's limits and options. Every limit breached is a fatal [`Error`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Config {
    /// The SETTINGS_HEADER_TABLE_SIZE in force when decoding starts: 4,096 by default (RFC
    /// 9113 §6.5.2). Later changes go through [`Decoder::set_table_size`].
    pub table_size: u32,
    /// The most a block's header list may weigh, counting each field's name, value and 32
    /// (RFC 9113 §6.5.2, SETTINGS_MAX_HEADER_LIST_SIZE): [`Config::DEFAULT_MAX_HEADER_LIST_SIZE`]
    /// by default.
    pub max_header_list_size: u32,
    /// The most fields a block may carry: [`Config::DEFAULT_MAX_FIELDS`] by default.
    pub max_fields: u32,
    /// The longest name or value, on the wire and decoded: [`Config::DEFAULT_MAX_STRING_LEN`]
    /// by default. The decoder's buffers are sized by it (about four times it in all).
    pub max_string_len: u32,
    /// Whether the first block after SETTINGS_HEADER_TABLE_SIZE was lowered below the table's
    /// maximum size must start with a dynamic table size update at most the smallest value
    /// acknowledged since the last block (RFC 9113 §4.3.1 and RFC 7541 §4.2 say it MUST): on
    /// by default. A value lowered but still at least the table's maximum size needs no update
    /// (the encoder's table already fits; RFC 9113 §4.3.1 requires one only "below the current
    /// size", as nghttp2 does). Turning it off accepts an encoder that never signals the change
    /// (the table is shrunk anyway when the value is acknowledged); it risks nothing for this
    /// decoder, but lets a non-conforming peer go unnoticed.
    pub require_size_update: bool,
}

impl Config {
    /// 64 KiB, the most nghttp2 and most servers accept by default.
    pub const DEFAULT_MAX_HEADER_LIST_SIZE: u32 = 64 * 1024;
    /// 512 fields.
    pub const DEFAULT_MAX_FIELDS: u32 = 512;
    /// 8 KiB: twice nginx's default cap on one HTTP/2 field.
    pub const DEFAULT_MAX_STRING_LEN: u32 = 8 * 1024;

    /// Strict decoding with the default limits and a 4,096-byte table.
    pub const fn new() -> Config {
        Config {
            table_size: 4096,
            max_header_list_size: Config::DEFAULT_MAX_HEADER_LIST_SIZE,
            max_fields: Config::DEFAULT_MAX_FIELDS,
            max_string_len: Config::DEFAULT_MAX_STRING_LEN,
            require_size_update: true,
        }
    }

    /// Sets [`Config::table_size`].
    pub const fn table_size(mut self, n: u32) -> Config {
        self.table_size = n;
        self
    }

    /// Sets [`Config::max_header_list_size`].
    pub const fn max_header_list_size(mut self, n: u32) -> Config {
        self.max_header_list_size = n;
        self
    }

    /// Sets [`Config::max_fields`].
    pub const fn max_fields(mut self, n: u32) -> Config {
        self.max_fields = n;
        self
    }

    /// Sets [`Config::max_string_len`].
    pub const fn max_string_len(mut self, n: u32) -> Config {
        self.max_string_len = n;
        self
    }

    /// Sets [`Config::require_size_update`].
    pub const fn require_size_update(mut self, on: bool) -> Config {
        self.require_size_update = on;
        self
    }
}

impl Default for Config {
    fn default() -> Self {
        Config::new()
    }
}

/// A decoded header field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field<'a> {
    /// Its name, as sent (HPACK does not check it: see RFC 9113 §8.2.1 for what HTTP/2 allows).
    pub name: &'a [u8],
    /// Its value, as sent.
    pub value: &'a [u8],
    /// Sent as a literal never indexed (RFC 7541 §6.2.3): an intermediary must forward it the
    /// same way, and no encoder may add it to a table.
    pub never_indexed: bool,
}

/// Why a header block was refused. The decoder refuses every later call with the same error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Error {
    /// What was wrong.
    pub kind: ErrorKind,
    /// Offset from the block's first byte of the representation that was refused (for
    /// [`ErrorKind::Truncated`], the start of the one cut short).
    pub offset: u64,
}

/// What was wrong with a header block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// An integer past 2^32 - 1 or with too many continuation bytes ([`int::TooLarge`]).
    Integer,
    /// Index 0, or past the static and dynamic tables (also for a name).
    Index,
    /// A name or value longer than [`Config::max_string_len`], on the wire or decoded.
    StringTooLong,
    /// Invalid Huffman code: padding that is not 1 to 7 one bits, or EOS (never
    /// [`huffman::Error::OutputFull`]: a string decoded past the limit is
    /// [`ErrorKind::StringTooLong`]).
    Huffman(huffman::Error),
    /// A dynamic table size update after a field (RFC 7541 §4.2: only at a block's start).
    SizeUpdateNotAtStart,
    /// A dynamic table size update above the acknowledged SETTINGS_HEADER_TABLE_SIZE.
    SizeUpdateTooLarge,
    /// A third size update at a block's start (the RFC's encoder sends at most two: the
    /// smallest value, then the final one).
    TooManySizeUpdates,
    /// The first block after SETTINGS_HEADER_TABLE_SIZE was lowered below the table's maximum
    /// size does not start with a size update at most the smallest value acknowledged (see
    /// [`Config::require_size_update`]).
    SizeUpdateMissing,
    /// The block ended inside a representation.
    Truncated,
    /// The header list weighs more than [`Config::max_header_list_size`].
    HeaderListTooLarge,
    /// More fields than [`Config::max_fields`].
    TooManyFields,
    /// [`Decoder::set_table_size`] while a block was being decoded.
    SettingsInsideBlock,
}

impl ErrorKind {
    /// A stable `snake_case` name, for logs and machine-readable output (`index`,
    /// `huffman_padding`, `size_update_missing`, ...).
    pub const fn name(self) -> &'static str {
        match self {
            ErrorKind::Integer => "integer",
            ErrorKind::Index => "index",
            ErrorKind::StringTooLong => "string_too_long",
            ErrorKind::Huffman(huffman::Error::Padding) => "huffman_padding",
            ErrorKind::Huffman(huffman::Error::Eos) => "huffman_eos",
            // (Not reported by the decoder: a string decoded past its room is
            // `StringTooLong`.)
            ErrorKind::Huffman(huffman::Error::OutputFull) => "huffman_output_full",
            ErrorKind::SizeUpdateNotAtStart => "size_update_not_at_start",
            ErrorKind::SizeUpdateTooLarge => "size_update_too_large",
            ErrorKind::TooManySizeUpdates => "too_many_size_updates",
            ErrorKind::SizeUpdateMissing => "size_update_missing",
            ErrorKind::Truncated => "truncated",
            ErrorKind::HeaderListTooLarge => "header_list_too_large",
            ErrorKind::TooManyFields => "too_many_fields",
            ErrorKind::SettingsInsideBlock => "settings_inside_block",
        }
    }

    /// What was wrong, in a few words for people.
    pub const fn message(self) -> &'static str {
        match self {
            ErrorKind::Integer => "integer too large",
            ErrorKind::Index => "index 0 or past the tables",
            ErrorKind::StringTooLong => "string longer than the limit",
            ErrorKind::Huffman(huffman::Error::Padding) => "invalid Huffman padding",
            ErrorKind::Huffman(huffman::Error::Eos) => "EOS in a Huffman string",
            ErrorKind::Huffman(huffman::Error::OutputFull) => "Huffman output too long",
            ErrorKind::SizeUpdateNotAtStart => "table size update after a field",
            ErrorKind::SizeUpdateTooLarge => "table size update above the SETTINGS value",
            ErrorKind::TooManySizeUpdates => "more than two table size updates",
            ErrorKind::SizeUpdateMissing => "table size update missing after SETTINGS lowered it",
            ErrorKind::Truncated => "block ends inside a representation",
            ErrorKind::HeaderListTooLarge => "header list larger than the limit",
            ErrorKind::TooManyFields => "more fields than the limit",
            ErrorKind::SettingsInsideBlock => "table size changed inside a block",
        }
    }
}

impl core::fmt::Display for Error {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(
            f,
            "HPACK: {} (block offset {})",
            self.kind.message(),
            self.offset
        )
    }
}

#[cfg(feature = "std")]
impl std::error::Error for Error {}

/// How a literal is indexed (RFC 7541 §6.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Incremental,
    Without,
    Never,
}

/// A string of a representation: where it is in the bytes parsed.
#[derive(Debug, Clone, Copy)]
struct Str {
    at: usize,
    len: usize,
    huffman: bool,
}

/// A literal's name.
#[derive(Debug, Clone, Copy)]
enum Name {
    Index(u32),
    Literal(Str),
}

/// One representation, parsed but not resolved (it borrows nothing).
#[derive(Debug, Clone, Copy)]
enum Repr {
    SizeUpdate(u32),
    Field(FieldRepr),
}

/// A representation of a field.
#[derive(Debug, Clone, Copy)]
enum FieldRepr {
    Indexed(u32),
    Literal { mode: Mode, name: Name, value: Str },
}

/// The representation at the start of `buf` and its length; `None` when `buf` ends first.
#[inline]
fn parse(buf: &[u8], max_string: u32) -> Result<Option<(Repr, usize)>, ErrorKind> {
    let Some(&first) = buf.first() else {
        return Ok(None);
    };
    match first {
        0x80.. => Ok(integer(buf, 7)?.map(|(i, n)| (Repr::Field(FieldRepr::Indexed(i)), n))),
        0x20..0x40 => Ok(integer(buf, 5)?.map(|(v, n)| (Repr::SizeUpdate(v), n))),
        _ => Ok(
            literal_repr(buf, first, max_string)?.map(|(mode, name, value, end)| {
                (Repr::Field(FieldRepr::Literal { mode, name, value }), end)
            }),
        ),
    }
}

/// The literal representation at the start of `buf` (whose first byte, `first`, says so: not
/// indexed, not a size update): how it is indexed, its name, its value and its length; `None`
/// when `buf` ends first.
#[inline(always)]
fn literal_repr(
    buf: &[u8],
    first: u8,
    max_string: u32,
) -> Result<Option<(Mode, Name, Str, usize)>, ErrorKind> {
    let (prefix, mode) = match first {
        0x40.. => (6, Mode::Incremental),
        0x10.. => (4, Mode::Never),
        _ => (4, Mode::Without),
    };
    let Some((index, mut at)) = integer(buf, prefix)? else {
        return Ok(None);
    };
    let name = if index == 0 {
        let Some((s, end)) = literal(buf, at, max_string)? else {
            return Ok(None);
        };
        at = end;
        Name::Literal(s)
    } else {
        Name::Index(index)
    };
    let Some((value, end)) = literal(buf, at, max_string)? else {
        return Ok(None);
    };
    Ok(Some((mode, name, value, end)))
}

#[inline]
fn integer(buf: &[u8], prefix: u8) -> Result<Option<(u32, usize)>, ErrorKind> {
    int::decode(buf, prefix).map_err(|_| ErrorKind::Integer)
}

/// The string literal at `buf[at..]` and where it ends.
#[inline]
fn literal(buf: &[u8], at: usize, max_string: u32) -> Result<Option<(Str, usize)>, ErrorKind> {
    let lit = match string::split(&buf[at..], max_string) {
        Ok(Some(lit)) => lit,
        Ok(None) => return Ok(None),
        Err(string::Error::TooLong) => return Err(ErrorKind::StringTooLong),
        Err(_) => return Err(ErrorKind::Integer),
    };
    let end = at + lit.len;
    let s = Str {
        at: end - lit.bytes.len(),
        len: lit.bytes.len(),
        huffman: lit.huffman,
    };
    Ok(Some((s, end)))
}

/// The most bytes one representation can take with strings of at most `max_string` bytes:
/// the first byte, a 5-byte index or length continuation, and two strings with theirs.
fn max_repr_len(max_string: u32) -> usize {
    let string = 1 + int::MAX_CONTINUATION + max_string as usize;
    1 + int::MAX_CONTINUATION + 2 * string
}

/// `buf` grown (zeroed, within its capacity: it never allocates) to at least `need` bytes, at
/// most `half`, the room each of the decoder's buffers was made with.
#[inline]
fn room(buf: &mut Vec<u8>, need: usize, half: usize) -> &mut [u8] {
    let need = need.min(half);
    if buf.len() < need {
        grow(buf, need);
    }
    &mut buf[..]
}

/// [`room`]'s growing (rare: each buffer grows at most to the longest string decoded).
#[cold]
#[inline(never)]
fn grow(buf: &mut Vec<u8>, len: usize) {
    buf.resize(len, 0);
}

/// The string `s` of `src`: its bytes, or their Huffman decoding written into `out` (grown to
/// the room the decoding can need, plus 16 bytes for the Huffman decoder's fast path).
#[inline]
fn string_of<'s>(
    src: &'s [u8],
    s: Str,
    out: &'s mut Vec<u8>,
    max: u32,
) -> Result<&'s [u8], ErrorKind> {
    let bytes = &src[s.at..s.at + s.len];
    if !s.huffman {
        return Ok(bytes);
    }
    let out = room(out, huffman::max_decoded_len(bytes.len()) + 16, half(max));
    // The portable build, which the compiler inlines here, rather than `huffman::decode`: the
    // strings of header blocks are mostly short, and the call into the BMI2 build (which
    // cannot be inlined into code compiled without BMI2) costs more than BMI2 saves on them.
    // The `blocks` bench: 10.96M instructions this way, 11.61M through `huffman::decode`.
    match huffman::decode_portable(bytes, out) {
        Ok(n) if n <= max as usize => Ok(&out[..n]),
        Ok(_) | Err(huffman::Error::OutputFull) => Err(ErrorKind::StringTooLong),
        Err(e) => Err(ErrorKind::Huffman(e)),
    }
}

/// The room of each of the decoder's two buffers: the longest string, and 16 bytes for the
/// Huffman decoder's fast path.
#[inline]
fn half(max_string: u32) -> usize {
    max_string as usize + 16
}

/// A string of the dynamic table, its parts copied into `out` as one (which has room: table
/// strings were at most `max_string_len` long when they were decoded).
#[inline]
fn copied<'s>(s: Parts<'_>, out: &'s mut Vec<u8>, max_string: u32) -> &'s [u8] {
    let len = s.0.len() + s.1.len();
    let out = room(out, len, half(max_string));
    out[..s.0.len()].copy_from_slice(s.0);
    out[s.0.len()..len].copy_from_slice(s.1);
    &out[..len]
}

/// The entry at `index` of the static and dynamic tables (a dynamic one that wraps around the
/// end of the table's ring joined in `name_out` and `value_out`).
#[inline]
fn entry<'s>(
    table: &'s DynamicTable,
    index: u32,
    name_out: &'s mut Vec<u8>,
    value_out: &'s mut Vec<u8>,
    max_string: u32,
) -> Result<(&'s [u8], &'s [u8]), ErrorKind> {
    if let Some(e) = table::static_entry(index) {
        return Ok(e);
    }
    let i = (index as usize).wrapping_sub(table::STATIC.len());
    match table.entry(i) {
        Some(e) => Ok(e),
        None => joined_entry(table, i, name_out, value_out, max_string),
    }
}

/// The name of the dynamic table's entry `i`, its parts joined (or the index error).
#[inline(never)]
fn joined_name<'s>(
    table: &DynamicTable,
    i: usize,
    name_out: &'s mut Vec<u8>,
    max_string: u32,
) -> Result<&'s [u8], ErrorKind> {
    let (name, _) = table.get(i).ok_or(ErrorKind::Index)?;
    Ok(copied(name, name_out, max_string))
}

/// The dynamic table's entry `i` with its parts joined (or the index error).
#[inline(never)]
fn joined_entry<'s>(
    table: &'s DynamicTable,
    i: usize,
    name_out: &'s mut Vec<u8>,
    value_out: &'s mut Vec<u8>,
    max_string: u32,
) -> Result<(&'s [u8], &'s [u8]), ErrorKind> {
    let (name, value) = table.get(i).ok_or(ErrorKind::Index)?;
    Ok((
        copied(name, name_out, max_string),
        copied(value, value_out, max_string),
    ))
}

/// The field of a literal representation of `src`, added to the table when it says so.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn literal_field<'s>(
    src: &'s [u8],
    mode: Mode,
    name: Name,
    value: Str,
    table: &'s mut DynamicTable,
    name_out: &'s mut Vec<u8>,
    value_out: &'s mut Vec<u8>,
    max_string: u32,
) -> Result<Field<'s>, ErrorKind> {
    let value = string_of(src, value, value_out, max_string)?;
    if mode != Mode::Incremental {
        // Nothing is inserted: a name of the dynamic table is borrowed from it.
        let table: &'s DynamicTable = table;
        let name = match name {
            Name::Literal(s) => string_of(src, s, name_out, max_string)?,
            Name::Index(i) => match table::static_entry(i) {
                Some((name, _)) => name,
                None => {
                    let i = (i as usize).wrapping_sub(table::STATIC.len());
                    match table.entry(i) {
                        Some((name, _)) => name,
                        None => joined_name(table, i, name_out, max_string)?,
                    }
                }
            },
        };
        return Ok(Field {
            name,
            value,
            never_indexed: mode == Mode::Never,
        });
    }
    let name = match name {
        Name::Literal(s) => string_of(src, s, name_out, max_string)?,
        Name::Index(i) => match table::static_entry(i) {
            Some((name, _)) => name,
            None => {
                let (name, _) = table
                    .get((i as usize).wrapping_sub(table::STATIC.len()))
                    .ok_or(ErrorKind::Index)?;
                // Copied out: the insertion below may evict and overwrite it (§4.4).
                copied(name, name_out, max_string)
            }
        },
    };
    table.insert(name, value);
    Ok(Field {
        name,
        value,
        never_indexed: false,
    })
}

/// A field decoded at block offset `start` (or why not), counted in its block's fields and
/// header-list weight: returned, or the error (a limit breached) kept in `failed`.
#[inline]
fn finish<'s>(
    field: Result<Field<'s>, ErrorKind>,
    start: u64,
    fields: &mut u32,
    list_size: &mut u64,
    config: &Config,
    failed: &mut Option<Error>,
) -> Result<Option<Field<'s>>, Error> {
    let kind = match field {
        Ok(field) => {
            *fields += 1;
            *list_size += (field.name.len() + field.value.len() + ENTRY_OVERHEAD) as u64;
            if *fields > config.max_fields {
                ErrorKind::TooManyFields
            } else if *list_size > u64::from(config.max_header_list_size) {
                ErrorKind::HeaderListTooLarge
            } else {
                return Ok(Some(field));
            }
        }
        Err(kind) => kind,
    };
    let e = Error {
        kind,
        offset: start,
    };
    *failed = Some(e);
    Err(e)
}

/// One connection's HPACK decoding context. See the [module docs](self).
#[derive(Debug, Clone)]
pub struct Decoder {
    config: Config,
    table: DynamicTable,
    /// The acknowledged SETTINGS_HEADER_TABLE_SIZE.
    settings: u32,
    /// The smallest SETTINGS value acknowledged since the last block, when one was below the
    /// table's maximum size: the next block must start with a size update at most this.
    update_due: Option<u32>,
    /// The block being decoded: nothing of it yet but size updates (this many).
    at_start: bool,
    updates: u8,
    /// Its bytes decoded, fields and header-list weight so far.
    offset: u64,
    fields: u32,
    list_size: u64,
    /// The start of a representation cut by the end of a fragment; or, when `pending_done`,
    /// the last field returned (cleared at the next call).
    pending: Vec<u8>,
    pending_done: bool,
    /// Huffman output and joined table strings, a name's and a value's: each allocated for
    /// the longest string (and 16 bytes), zeroed only as far as it has been used.
    name_buf: Vec<u8>,
    value_buf: Vec<u8>,
    failed: Option<Error>,
}

impl Default for Decoder {
    fn default() -> Self {
        Decoder::new()
    }
}

impl Decoder {
    /// A decoder with the default [`Config`].
    pub fn new() -> Decoder {
        Decoder::with_config(Config::new())
    }

    /// A decoder with these limits; its buffers are allocated here.
    pub fn with_config(config: Config) -> Decoder {
        Decoder {
            config,
            table: DynamicTable::new(config.table_size as usize),
            settings: config.table_size,
            update_due: None,
            at_start: true,
            updates: 0,
            offset: 0,
            fields: 0,
            list_size: 0,
            pending: Vec::with_capacity(max_repr_len(config.max_string_len)),
            pending_done: false,
            name_buf: Vec::with_capacity(half(config.max_string_len)),
            value_buf: Vec::with_capacity(half(config.max_string_len)),
            failed: None,
        }
    }

    /// Its configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The dynamic table.
    pub fn table(&self) -> &DynamicTable {
        &self.table
    }

    /// Whether an error has ended this context.
    pub fn is_failed(&self) -> bool {
        self.failed.is_some()
    }

    /// A new SETTINGS_HEADER_TABLE_SIZE was acknowledged: the encoder may now use a table of
    /// up to `size` bytes. Must be called between blocks (else [`ErrorKind::SettingsInsideBlock`],
    /// which ends the context).
    ///
    /// A raised value changes nothing in the table: its maximum size changes only when the
    /// encoder sends a size update (RFC 7541 §4.2), which may now go up to `size`. Raising it
    /// past the largest value used so far allocates room for it here. A lowered value below
    /// the table's maximum size shrinks it at once (evicting the oldest entries, as the size
    /// update the encoder must send will) and requires the next block to start with a size
    /// update (see [`Config::require_size_update`]).
    pub fn set_table_size(&mut self, size: u32) -> Result<(), Error> {
        self.check()?;
        if !self.at_start || self.updates > 0 || !self.pending.is_empty() && !self.pending_done {
            return Err(self.fail(ErrorKind::SettingsInsideBlock, self.offset));
        }
        if (size as usize) < self.table.max_size() && self.config.require_size_update {
            self.update_due = Some(self.update_due.map_or(size, |due| due.min(size)));
        }
        self.settings = size;
        let size = size as usize;
        if size > self.table.capacity() {
            self.table.set_capacity(size);
        }
        if size < self.table.max_size() {
            self.table.set_max_size(size);
        }
        Ok(())
    }

    /// The next field of the block being decoded, from `input` (a fragment of it, or what is
    /// left of one: `input` is advanced past what was used). `last` says whether the fragment
    /// ends the block.
    ///
    /// `None` when `input` is used up: with `last`, the block is complete (the next call starts
    /// another); without, the next fragment is needed (a representation it cuts was kept).
    /// Dynamic table size updates are applied as they come and return no field.
    pub fn next_field<'s, 'a: 's>(
        &'s mut self,
        input: &mut &'a [u8],
        last: bool,
    ) -> Result<Option<Field<'s>>, Error> {
        self.next(input, last)
    }

    /// [`Decoder::next_field`], inlined into [`Decoder::decode_block`]'s loop.
    #[inline(always)]
    fn next<'s, 'a: 's>(
        &'s mut self,
        input: &mut &'a [u8],
        last: bool,
    ) -> Result<Option<Field<'s>>, Error> {
        self.check()?;
        if self.pending_done {
            self.pending.clear();
            self.pending_done = false;
        }
        let max_string = self.config.max_string_len;
        // The representations of fields, taken straight from the input when it holds the
        // whole of one (the general path below gives the same results, errors included).
        if let Some(&first) = input.first()
            && self.pending.is_empty()
            && (!self.at_start || self.update_due.is_none())
        {
            if first >= 0x80 && first != 0xff {
                // An indexed field whose index fits its first byte.
                self.at_start = false;
                let start = self.offset;
                self.offset += 1;
                *input = &input[1..];
                let field = entry(
                    &self.table,
                    u32::from(first & 0x7f),
                    &mut self.name_buf,
                    &mut self.value_buf,
                    max_string,
                )
                .map(|(name, value)| Field {
                    name,
                    value,
                    never_indexed: false,
                });
                return finish(
                    field,
                    start,
                    &mut self.fields,
                    &mut self.list_size,
                    &self.config,
                    &mut self.failed,
                );
            }
            if (first < 0x20 || (0x40..0x80).contains(&first))
                && let Ok(Some((mode, name, value, len))) = literal_repr(input, first, max_string)
            {
                self.at_start = false;
                let start = self.offset;
                self.offset += len as u64;
                let (src, rest) = input.split_at(len);
                *input = rest;
                let field = literal_field(
                    src,
                    mode,
                    name,
                    value,
                    &mut self.table,
                    &mut self.name_buf,
                    &mut self.value_buf,
                    max_string,
                );
                return finish(
                    field,
                    start,
                    &mut self.fields,
                    &mut self.list_size,
                    &self.config,
                    &mut self.failed,
                );
            }
        }
        // Size updates are applied here; the loop ends at a field, or for more input.
        let (repr, len, from_pending) = loop {
            let start = self.offset;
            let parsed = if self.pending.is_empty() {
                match parse(input, max_string) {
                    Ok(Some((repr, len))) => (repr, len, false),
                    Ok(None) => {
                        if input.is_empty() {
                            if last {
                                self.end_block()?;
                            }
                            return Ok(None);
                        }
                        // Less than a representation (so less than the buffer's capacity,
                        // `max_repr_len`): kept.
                        if input.len() > self.pending.capacity() {
                            return Err(self.fail(ErrorKind::StringTooLong, start));
                        }
                        self.pending.extend_from_slice(input);
                        *input = &[];
                        return self.more(last).map(|()| None);
                    }
                    Err(kind) => return Err(self.fail(kind, start)),
                }
            } else {
                let had = self.pending.len();
                let room = self.pending.capacity() - had;
                let take = input.len().min(room);
                self.pending.extend_from_slice(&input[..take]);
                match parse(&self.pending, max_string) {
                    Ok(Some((repr, len))) => {
                        *input = &input[len - had..];
                        self.pending.truncate(len);
                        (repr, len, true)
                    }
                    Ok(None) => {
                        if take < input.len() {
                            // (A representation fits the buffer: not reached.)
                            return Err(self.fail(ErrorKind::StringTooLong, start));
                        }
                        *input = &[];
                        return self.more(last).map(|()| None);
                    }
                    Err(kind) => return Err(self.fail(kind, start)),
                }
            };
            let (repr, len, from_pending) = parsed;
            let repr = match repr {
                Repr::Field(repr) => repr,
                Repr::SizeUpdate(size) => {
                    self.size_update(size, start)?;
                    self.offset += len as u64;
                    if from_pending {
                        self.pending.clear();
                    } else {
                        *input = &input[len..];
                    }
                    continue;
                }
            };
            if self.at_start {
                if self.update_due.is_some() {
                    return Err(self.fail(ErrorKind::SizeUpdateMissing, start));
                }
                self.at_start = false;
            }
            break (repr, len, from_pending);
        };
        let start = self.offset;
        self.offset += len as u64;
        let src: &'s [u8] = if from_pending {
            self.pending_done = true;
            &self.pending
        } else {
            let (src, rest) = input.split_at(len);
            *input = rest;
            src
        };
        let (name_out, value_out) = (&mut self.name_buf, &mut self.value_buf);
        let table = &mut self.table;
        let field = match repr {
            FieldRepr::Indexed(index) => {
                entry(table, index, name_out, value_out, max_string).map(|(name, value)| Field {
                    name,
                    value,
                    never_indexed: false,
                })
            }
            FieldRepr::Literal { mode, name, value } => literal_field(
                src, mode, name, value, table, name_out, value_out, max_string,
            ),
        };
        finish(
            field,
            start,
            &mut self.fields,
            &mut self.list_size,
            &self.config,
            &mut self.failed,
        )
    }

    /// Decodes a whole header block, handing each field to `on_field`.
    pub fn decode_block(
        &mut self,
        block: &[u8],
        mut on_field: impl FnMut(Field<'_>),
    ) -> Result<(), Error> {
        let mut rest = block;
        while let Some(field) = self.next(&mut rest, true)? {
            on_field(field);
        }
        Ok(())
    }

    /// The sticky error, if any.
    #[inline]
    fn check(&self) -> Result<(), Error> {
        match self.failed {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// Ends the context with `kind` at `offset`.
    #[cold]
    fn fail(&mut self, kind: ErrorKind, offset: u64) -> Error {
        let e = Error { kind, offset };
        self.failed = Some(e);
        e
    }

    /// A representation is cut by the end of the input: more must come.
    fn more(&mut self, last: bool) -> Result<(), Error> {
        if last {
            return Err(self.fail(ErrorKind::Truncated, self.offset));
        }
        Ok(())
    }

    /// Applies a size update at block offset `at`.
    fn size_update(&mut self, size: u32, at: u64) -> Result<(), Error> {
        let kind = if !self.at_start {
            ErrorKind::SizeUpdateNotAtStart
        } else if self.updates == 2 {
            ErrorKind::TooManySizeUpdates
        } else if self.update_due.is_some_and(|due| size > due) {
            ErrorKind::SizeUpdateMissing
        } else if size > self.settings {
            ErrorKind::SizeUpdateTooLarge
        } else {
            self.updates += 1;
            self.update_due = None;
            self.table.set_max_size(size as usize);
            return Ok(());
        };
        Err(self.fail(kind, at))
    }

    /// The block is complete: the next call starts another.
    fn end_block(&mut self) -> Result<(), Error> {
        if self.at_start && self.update_due.is_some() {
            return Err(self.fail(ErrorKind::SizeUpdateMissing, self.offset));
        }
        self.at_start = true;
        self.updates = 0;
        self.offset = 0;
        self.fields = 0;
        self.list_size = 0;
        Ok(())
    }
}
