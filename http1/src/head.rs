//! Parsed heads. Everything borrows the input buffer; field positions live in storage that
//! the caller owns.

use core::mem::MaybeUninit;
use status_lines::{StatusCode, Version};

/// Where one field line's name and value lie in the buffer: offsets, so that a parse can
/// resume on a grown (even moved) buffer. Plain integers; the caller supplies the storage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RawField {
    pub(crate) name_start: u32,
    pub(crate) name_len: u32,
    pub(crate) value_start: u32,
    pub(crate) value_len: u32,
}

impl RawField {
    /// An empty entry, for initialising storage.
    pub const EMPTY: RawField = RawField {
        name_start: 0,
        name_len: 0,
        value_start: 0,
        value_len: 0,
    };

    /// The field whose name runs from `name_start` to `name_end` and whose value from
    /// `value_start` to `value_end` (offsets in the buffer; a head is shorter than 4 GiB, which
    /// the parser's limits ensure).
    #[inline(always)]
    pub(crate) fn new(
        name_start: usize,
        name_end: usize,
        value_start: usize,
        value_end: usize,
    ) -> RawField {
        RawField {
            name_start: name_start as u32,
            name_len: (name_end - name_start) as u32,
            value_start: value_start as u32,
            value_len: (value_end - value_start) as u32,
        }
    }

    /// The field's name and value in `buf`, without bounds checks: a caller reads every
    /// field, and two checked slices cost it about 6 instructions a field (measured in the
    /// iai benches, whose fold of every name and value is what a caller pays).
    ///
    /// # Safety
    /// The field lies in `buf`: `buf` is the buffer of the parse that wrote it, which holds
    /// the head (see [`Fields`]).
    #[inline(always)]
    unsafe fn parts<'b>(&self, buf: &'b [u8]) -> Field<'b> {
        let (name, value) = (self.name_start as usize, self.value_start as usize);
        let (name_end, value_end) = (
            name + self.name_len as usize,
            value + self.value_len as usize,
        );
        debug_assert!(name <= name_end && name_end <= buf.len());
        debug_assert!(value <= value_end && value_end <= buf.len());
        Field {
            // SAFETY: the name lies in `buf` (the caller's promise; the u32 sum does not wrap
            // in usize).
            name: unsafe { buf.get_unchecked(name..name_end) },
            // SAFETY: as above, for the value.
            value: unsafe { buf.get_unchecked(value..value_end) },
        }
    }
}

/// Field storage of `N` entries on the stack, uninitialised until a parser writes it.
///
/// ```
/// use http1::{FieldStorage, RequestParser, Config};
/// let mut storage = FieldStorage::<32>::new();
/// let mut parser = RequestParser::new(&mut storage, Config::new());
/// let req = parser.parse(b"GET / HTTP/1.1\r\nHost: a\r\n\r\n").unwrap().complete().unwrap();
/// assert_eq!(req.fields.get(b"host"), Some(&b"a"[..]));
/// ```
pub struct FieldStorage<const N: usize> {
    slots: [MaybeUninit<RawField>; N],
}

impl<const N: usize> FieldStorage<N> {
    /// Storage with nothing in it (no initialisation cost).
    pub const fn new() -> Self {
        FieldStorage {
            slots: [const { MaybeUninit::uninit() }; N],
        }
    }
}

impl<const N: usize> Default for FieldStorage<N> {
    fn default() -> Self {
        Self::new()
    }
}

impl<const N: usize> core::fmt::Debug for FieldStorage<N> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "FieldStorage<{N}>")
    }
}

/// What a parser can take as field storage: uninitialised or initialised slots, or a
/// [`FieldStorage`].
pub trait Storage {
    /// The slots, seen as possibly uninitialised. The parser only ever writes initialised
    /// values into them.
    fn slots(&mut self) -> &mut [MaybeUninit<RawField>];
}

impl Storage for [MaybeUninit<RawField>] {
    fn slots(&mut self) -> &mut [MaybeUninit<RawField>] {
        self
    }
}

impl<const N: usize> Storage for [MaybeUninit<RawField>; N] {
    fn slots(&mut self) -> &mut [MaybeUninit<RawField>] {
        self
    }
}

impl Storage for [RawField] {
    fn slots(&mut self) -> &mut [MaybeUninit<RawField>] {
        let len = self.len();
        let ptr = self.as_mut_ptr().cast::<MaybeUninit<RawField>>();
        // SAFETY: MaybeUninit<T> has the layout of T, the pointer and length come from a live
        // exclusive slice whose borrow this one inherits, and the parser writes only
        // initialised `RawField`s through it, so the slice stays initialised.
        unsafe { core::slice::from_raw_parts_mut(ptr, len) }
    }
}

impl<const N: usize> Storage for [RawField; N] {
    fn slots(&mut self) -> &mut [MaybeUninit<RawField>] {
        self[..].slots()
    }
}

impl<const N: usize> Storage for FieldStorage<N> {
    fn slots(&mut self) -> &mut [MaybeUninit<RawField>] {
        &mut self.slots
    }
}

/// One field line: name and value, both borrowed from the input. The value has leading and
/// trailing SP/HTAB removed (never obs-text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field<'b> {
    /// The field name, as received (compare case-insensitively).
    pub name: &'b [u8],
    /// The field value.
    pub value: &'b [u8],
}

impl Field<'_> {
    /// Whether the value spans an obs-fold (only possible with the `obs_fold` leniency on a
    /// response): it then holds the raw CRLF and whitespace of the fold.
    pub fn is_folded(&self) -> bool {
        self.value.contains(&b'\n')
    }
}

/// The field lines of a head, in order.
///
/// Built only by the parsers' views of a complete head (`request_view`, `response_view`,
/// trailers), whose every entry lies in the head and so in `buf` (a complete parse's head ends
/// at or before the end of the buffer it is viewed in), and as [`Fields::EMPTY`]: the
/// accessors slice `buf` without bounds checks.
#[derive(Clone, Copy)]
pub struct Fields<'b, 's> {
    pub(crate) buf: &'b [u8],
    pub(crate) raw: &'s [RawField],
}

impl Fields<'static, 'static> {
    /// No field lines: say, the trailers of a body that has none (a `Content-Length` body).
    pub const EMPTY: Fields<'static, 'static> = Fields { buf: &[], raw: &[] };
}

impl<'b, 's> Fields<'b, 's> {
    /// How many field lines.
    #[inline]
    pub fn len(&self) -> usize {
        self.raw.len()
    }

    /// Whether there are none.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.raw.is_empty()
    }

    /// The `i`th field line.
    #[inline]
    pub fn at(&self, i: usize) -> Option<Field<'b>> {
        // SAFETY: the entries of a `Fields` lie in its `buf` (see the type).
        self.raw.get(i).map(|r| unsafe { r.parts(self.buf) })
    }

    /// All field lines in order.
    #[inline]
    pub fn iter(&self) -> FieldIter<'b, 's> {
        FieldIter {
            buf: self.buf,
            raw: self.raw.iter(),
        }
    }

    /// The value of the first field named `name` (ASCII case-insensitive).
    pub fn get(&self, name: &[u8]) -> Option<&'b [u8]> {
        self.get_all(name).next()
    }

    /// The values of every field named `name` (ASCII case-insensitive), in order.
    pub fn get_all<'n>(&self, name: &'n [u8]) -> impl Iterator<Item = &'b [u8]> + use<'b, 's, 'n> {
        self.iter()
            .filter(move |f| f.name.eq_ignore_ascii_case(name))
            .map(|f| f.value)
    }
}

impl core::fmt::Debug for Fields<'_, '_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl PartialEq for Fields<'_, '_> {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl Eq for Fields<'_, '_> {}

impl<'b, 's> IntoIterator for Fields<'b, 's> {
    type Item = Field<'b>;
    type IntoIter = FieldIter<'b, 's>;
    fn into_iter(self) -> FieldIter<'b, 's> {
        self.iter()
    }
}

/// Iterator over [`Fields`].
#[derive(Debug, Clone)]
pub struct FieldIter<'b, 's> {
    buf: &'b [u8],
    raw: core::slice::Iter<'s, RawField>,
}

impl<'b> Iterator for FieldIter<'b, '_> {
    type Item = Field<'b>;
    #[inline]
    fn next(&mut self) -> Option<Field<'b>> {
        // SAFETY: the entries come from a `Fields`, which lie in its `buf` (see the type).
        self.raw.next().map(|r| unsafe { r.parts(self.buf) })
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.raw.size_hint()
    }
}

impl ExactSizeIterator for FieldIter<'_, '_> {}

/// The four forms of request-target (RFC 9112 §3.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TargetForm {
    /// `/path?query`: the usual form.
    Origin,
    /// `scheme://authority/path?query`: to proxies.
    Absolute,
    /// `host:port`: CONNECT only.
    Authority,
    /// `*`: OPTIONS only.
    Asterisk,
}

impl TargetForm {
    /// A `snake_case` name.
    pub const fn name(self) -> &'static str {
        match self {
            TargetForm::Origin => "origin",
            TargetForm::Absolute => "absolute",
            TargetForm::Authority => "authority",
            TargetForm::Asterisk => "asterisk",
        }
    }
}

/// A parsed request head.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Request<'b, 's> {
    /// The method token, case-sensitive (`GET`).
    pub method: &'b [u8],
    /// The request-target as received.
    pub target: &'b [u8],
    /// Which form the target has.
    pub target_form: TargetForm,
    /// The version digits as received (the framing layer decides which it accepts).
    pub version: Version,
    /// The field lines.
    pub fields: Fields<'b, 's>,
    /// Bytes of the head, the empty line included; the body (or next message) starts here.
    pub head_len: usize,
}

/// A parsed trailer section (RFC 9112 §7.1.2): the field lines after a chunked body's last
/// chunk, and the empty line that ends them. See [`parse_trailers`](crate::parse_trailers).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Trailers<'b, 's> {
    /// The field lines.
    pub fields: Fields<'b, 's>,
    /// Bytes of the section, the empty line included.
    pub len: usize,
}

/// A parsed response head.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Response<'b, 's> {
    /// The version digits as received.
    pub version: Version,
    /// The status code.
    pub status: StatusCode,
    /// The reason phrase as received (possibly empty).
    pub reason: &'b [u8],
    /// The field lines.
    pub fields: Fields<'b, 's>,
    /// Bytes of the head, the empty line included.
    pub head_len: usize,
}
