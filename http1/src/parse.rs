//! The head parser (RFC 9112 §2–5): start line, field lines, the empty line.
//!
//! # How it resumes
//!
//! The parser commits whole lines: once a line has been parsed, its result (the start line's
//! parts, or a field's offsets in the caller's storage) is kept and the line is never looked
//! at again. Inside the line where the input ended, it keeps what it has established so far
//! (where the name ends, where the colon is, where the value starts) and how far the current
//! scan got. Called again on the same bytes grown by more, it continues that scan where it
//! stopped. Every byte is therefore classified once (plus a constant number of re-reads at
//! element boundaries), so the total work is O(n) however the bytes arrive, and the result,
//! error offsets included, does not depend on where the input was split. The one exception is
//! the `multiple_spaces` leniency on a status line, whose run of spaces before the code is
//! re-read on each call until the code arrives.
//!
//! # Limits
//!
//! The parser never looks past [`Limits::max_head_len`](crate::Limits) bytes: a head that has
//! not ended there is `HeadTooLarge`, whatever comes after, so the answer is the same for
//! every split of the input.

use core::mem::MaybeUninit;
use core::num::NonZeroU32;

use crate::config::Config;
use crate::error::{Error, ErrorKind};
use crate::head::{Fields, RawField, Request, Response, Storage, TargetForm};
use crate::simd::{self, Scalar, Scanner};
use httpwire_simd::{Supported, Table};
use status_lines::{StatusCode, Version};

pub use status_lines::Outcome;

#[derive(Debug, Clone, Copy)]
enum Start {
    None,
    Request {
        method_end: u32,
        target_start: u32,
        target_end: u32,
        form: TargetForm,
        version: Version,
    },
    Response {
        version: Version,
        status: StatusCode,
        reason_start: u32,
        reason_end: u32,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Request = 0,
    Response = 1,
}

/// Progress inside the line at `State::line`, kept between calls. Zero means "not known yet"
/// (every position it records lies after the line's first byte).
///
/// * request line: `a` = end of the method, `b` = start of the target, `c` = end of the target;
/// * status line: `scan` = how far the reason phrase has been scanned (0: not reached);
/// * field line: `a` = end of the name, `b` = the colon, `c` = start of the value;
///
/// and `scan` = where the scan in progress resumes.
#[derive(Debug, Clone, Copy, Default)]
struct Part {
    a: usize,
    b: usize,
    c: usize,
    scan: usize,
}

/// Where a parse stands between calls.
#[derive(Debug, Clone, Copy)]
struct State {
    /// Start of the first line not yet parsed.
    line: usize,
    /// Progress inside that line.
    part: Part,
    /// Field lines parsed, i.e. storage slots initialised.
    nfields: usize,
    start: Start,
    /// Set once the head is complete (which then ends at `line`).
    complete: bool,
    /// Set on the first error, [`error`](State::error); every later call returns it.
    failed: bool,
    /// The first error, once `failed` is set. (A flag and a value rather than an
    /// `Option<Error>`, so that [`State::NEW`] is all zeros, which is cheaper to set up.)
    error: Error,
}

impl State {
    const NEW: State = State {
        line: 0,
        part: Part {
            a: 0,
            b: 0,
            c: 0,
            scan: 0,
        },
        nfields: 0,
        start: Start::None,
        complete: false,
        failed: false,
        error: Error::new(ErrorKind::Method, 0),
    };
}

/// A resumable request-head parser that owns (borrows) its field storage.
///
/// ```
/// use http1::{Config, FieldStorage, Outcome, RequestParser};
/// let mut storage = FieldStorage::<16>::new();
/// let mut parser = RequestParser::new(&mut storage, Config::new());
/// let wire = b"GET /index.html HTTP/1.1\r\nHost: example.com\r\n\r\n";
/// // The bytes arrive in two reads; the second call continues where the first stopped.
/// assert!(matches!(parser.parse(&wire[..20]), Ok(Outcome::Incomplete)));
/// let req = parser.parse(wire).unwrap().complete().unwrap();
/// assert_eq!(req.method, b"GET");
/// assert_eq!(req.fields.get(b"Host"), Some(&b"example.com"[..]));
/// assert_eq!(req.head_len, wire.len());
/// ```
pub struct RequestParser<'s>(Resumable<'s>);

/// A resumable response-head parser; see [`RequestParser`].
pub struct ResponseParser<'s>(Resumable<'s>);

/// What a resumable parser keeps between calls: the caller's storage, the configuration and
/// where the parse stands.
struct Resumable<'s> {
    slots: &'s mut [MaybeUninit<RawField>],
    cfg: Config,
    st: State,
}

impl<'s> Resumable<'s> {
    fn new<S: Storage + ?Sized>(storage: &'s mut S, cfg: Config) -> Self {
        Resumable {
            slots: storage.slots(),
            cfg,
            st: State::NEW,
        }
    }

    #[inline(always)]
    fn parse<'b, 'p, H: Head<'b, 'p>>(&'p mut self, buf: &'b [u8]) -> Result<Outcome<H>, Error> {
        parse_head(&mut self.st, self.slots, &self.cfg, buf)
    }
}

impl core::fmt::Debug for RequestParser<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("RequestParser")
            .field("state", &self.0.st)
            .finish()
    }
}

impl core::fmt::Debug for ResponseParser<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("ResponseParser")
            .field("state", &self.0.st)
            .finish()
    }
}

/// The first `n` slots, which the parser has initialised.
///
/// # Safety
/// `slots[..n]` must have been written by the parse whose state counts `n` fields.
#[inline(always)]
unsafe fn initialised(slots: &[MaybeUninit<RawField>], n: usize) -> &[RawField] {
    debug_assert!(n <= slots.len());
    // SAFETY: the caller guarantees the first n slots are initialised; MaybeUninit<RawField>
    // has RawField's layout; n <= slots.len() because the parser never counts past the slice.
    unsafe { core::slice::from_raw_parts(slots.as_ptr().cast::<RawField>(), n) }
}

#[inline(always)]
fn request_view<'b, 's>(
    st: &State,
    slots: &'s [MaybeUninit<RawField>],
    buf: &'b [u8],
) -> Request<'b, 's> {
    let (
        Start::Request {
            method_end,
            target_start,
            target_end,
            form,
            version,
        },
        true,
    ) = (st.start, st.complete)
    else {
        unreachable!("a complete request state has a request line")
    };
    debug_assert!(method_end < target_start && target_start <= target_end);
    debug_assert!(target_end as usize <= st.line && st.line <= buf.len());
    Request {
        // SAFETY: the request line lies in the head, which `buf` holds (see `drive`).
        method: unsafe { buf.get_unchecked(..method_end as usize) },
        // SAFETY: as above.
        target: unsafe { buf.get_unchecked(target_start as usize..target_end as usize) },
        target_form: form,
        version,
        fields: Fields {
            buf,
            // SAFETY: st.nfields slots were written by the parse that produced `st`.
            raw: unsafe { initialised(slots, st.nfields) },
        },
        head_len: st.line,
    }
}

#[inline(always)]
fn response_view<'b, 's>(
    st: &State,
    slots: &'s [MaybeUninit<RawField>],
    buf: &'b [u8],
) -> Response<'b, 's> {
    let (
        Start::Response {
            version,
            status,
            reason_start,
            reason_end,
        },
        true,
    ) = (st.start, st.complete)
    else {
        unreachable!("a complete response state has a status line")
    };
    debug_assert!(reason_start <= reason_end);
    debug_assert!(reason_end as usize <= st.line && st.line <= buf.len());
    Response {
        version,
        status,
        // SAFETY: the status line lies in the head, which `buf` holds (see `drive`).
        reason: unsafe { buf.get_unchecked(reason_start as usize..reason_end as usize) },
        fields: Fields {
            buf,
            // SAFETY: st.nfields slots were written by the parse that produced `st`.
            raw: unsafe { initialised(slots, st.nfields) },
        },
        head_len: st.line,
    }
}

/// What differs between request and response heads for the entry points: the kind, and the
/// view of a complete state.
trait Head<'b, 's>: Sized {
    const KIND: Kind;
    /// The head of a complete `st` over `buf` (see [`drive`] for what `Complete` promises).
    fn view(st: &State, slots: &'s [MaybeUninit<RawField>], buf: &'b [u8]) -> Self;
}

impl<'b, 's> Head<'b, 's> for Request<'b, 's> {
    const KIND: Kind = Kind::Request;
    #[inline(always)]
    fn view(st: &State, slots: &'s [MaybeUninit<RawField>], buf: &'b [u8]) -> Self {
        request_view(st, slots, buf)
    }
}

impl<'b, 's> Head<'b, 's> for Response<'b, 's> {
    const KIND: Kind = Kind::Response;
    #[inline(always)]
    fn view(st: &State, slots: &'s [MaybeUninit<RawField>], buf: &'b [u8]) -> Self {
        response_view(st, slots, buf)
    }
}

/// Every entry point: [`drive`], then the view of a complete head.
#[inline(always)]
fn parse_head<'b, 's, H: Head<'b, 's>>(
    st: &mut State,
    slots: &'s mut [MaybeUninit<RawField>],
    cfg: &Config,
    buf: &'b [u8],
) -> Result<Outcome<H>, Error> {
    match drive(st, slots, cfg, buf, H::KIND)? {
        Outcome::Complete(()) => Ok(Outcome::Complete(H::view(st, slots, buf))),
        Outcome::Incomplete => Ok(Outcome::Incomplete),
    }
}

impl<'s> RequestParser<'s> {
    /// A parser that stores field positions in `storage` (its length is a limit on fields).
    pub fn new<S: Storage + ?Sized>(storage: &'s mut S, cfg: Config) -> Self {
        RequestParser(Resumable::new(storage, cfg))
    }

    /// Parses `buf`, which must start with the same bytes as on earlier calls since the last
    /// [`reset`](Self::reset) (it may have grown, and may live elsewhere in memory).
    ///
    /// After `Complete` further calls return the same head (or `Incomplete`, should `buf` be
    /// shorter than that head); after an error, the same error.
    #[inline]
    pub fn parse<'b>(&mut self, buf: &'b [u8]) -> Result<Outcome<Request<'b, '_>>, Error> {
        self.0.parse(buf)
    }

    /// Forgets the current head, to parse the next message with the same storage.
    pub fn reset(&mut self) {
        self.0.st = State::NEW;
    }
}

impl<'s> ResponseParser<'s> {
    /// A parser that stores field positions in `storage`.
    pub fn new<S: Storage + ?Sized>(storage: &'s mut S, cfg: Config) -> Self {
        ResponseParser(Resumable::new(storage, cfg))
    }

    /// Parses `buf`; see [`RequestParser::parse`].
    #[inline]
    pub fn parse<'b>(&mut self, buf: &'b [u8]) -> Result<Outcome<Response<'b, '_>>, Error> {
        self.0.parse(buf)
    }

    /// Forgets the current head.
    pub fn reset(&mut self) {
        self.0.st = State::NEW;
    }
}

/// Parses a whole request head in one call (no resumption: on `Incomplete`, call again with
/// more bytes and it starts over; use [`RequestParser`] to continue instead).
///
/// ```
/// use http1::{parse_request, Config, FieldStorage, TargetForm};
/// let mut storage = FieldStorage::<8>::new();
/// let req = parse_request(b"OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n", &mut storage, &Config::new())
///     .unwrap().complete().unwrap();
/// assert_eq!(req.target_form, TargetForm::Asterisk);
/// ```
#[inline]
pub fn parse_request<'b, 's, S: Storage + ?Sized>(
    buf: &'b [u8],
    storage: &'s mut S,
    cfg: &Config,
) -> Result<Outcome<Request<'b, 's>>, Error> {
    let mut st = State::NEW;
    parse_head(&mut st, storage.slots(), cfg, buf)
}

/// Parses a whole response head in one call; see [`parse_request`].
#[inline]
pub fn parse_response<'b, 's, S: Storage + ?Sized>(
    buf: &'b [u8],
    storage: &'s mut S,
    cfg: &Config,
) -> Result<Outcome<Response<'b, 's>>, Error> {
    let mut st = State::NEW;
    parse_head(&mut st, storage.slots(), cfg, buf)
}

/// One call: the resume check, the limit, the dispatch, the bookkeeping.
///
/// `Complete` means that `st` is complete and its head, which every offset it records lies
/// in, ends at `st.line <= buf.len()`: the views rely on it to slice `buf` unchecked.
#[inline(always)]
fn drive(
    st: &mut State,
    slots: &mut [MaybeUninit<RawField>],
    cfg: &Config,
    buf: &[u8],
    kind: Kind,
) -> Result<Outcome<()>, Error> {
    if st.failed {
        return Err(st.error);
    }
    if st.complete {
        // The views slice `buf` up to the head's end without bounds checks.
        return Ok(if buf.len() >= st.line {
            Outcome::Complete(())
        } else {
            Outcome::Incomplete
        });
    }
    let max = cfg.limits.max_head_len.min(u32::MAX as usize);
    let view = &buf[..buf.len().min(max)];
    match run(simd::configured(cfg.simd), st, slots, cfg, view, kind) {
        Ok(true) => Ok(Outcome::Complete(())),
        Ok(false) => incomplete(st, buf.len(), max),
        Err(e) => {
            (st.failed, st.error) = (true, e);
            Err(e)
        }
    }
}

#[inline(always)]
fn incomplete(st: &mut State, len: usize, max: usize) -> Result<Outcome<()>, Error> {
    if len >= max {
        let e = Error::new(ErrorKind::HeadTooLarge, max);
        (st.failed, st.error) = (true, e);
        Err(e)
    } else {
        Ok(Outcome::Incomplete)
    }
}

/// Runs [`parse_lines`] on `level` for `kind` (known where this inlines): one load from a
/// table of per-level instantiations ([`lines`]) and one call.
#[inline(always)]
fn run(
    level: Supported,
    st: &mut State,
    slots: &mut [MaybeUninit<RawField>],
    cfg: &Config,
    view: &[u8],
    kind: Kind,
) -> Result<bool, Error> {
    let lines = LINES[kind as usize].get(level);
    // SAFETY: the entry of a supported level (its contract: the CPU runs the level).
    unsafe { lines(st, slots, cfg, view) }
}

/// One instantiation of [`parse_lines`].
type LinesFn =
    unsafe fn(&mut State, &mut [MaybeUninit<RawField>], &Config, &[u8]) -> Result<bool, Error>;

/// [`lines`] for requests and responses, at the indices of [`Kind`].
const LINES: [Table<LinesFn>; 2] = [lines::<false>(), lines::<true>()];

httpwire_simd::per_level! {
    /// [`parse_lines`] for requests (`RESPONSE` false) or responses, compiled once per level
    /// with the level's target features, so that every scan inlines into the parser loop.
    fn lines<const RESPONSE: bool>(
        st: &mut State,
        slots: &mut [MaybeUninit<RawField>],
        cfg: &Config,
        view: &[u8],
    ) -> Result<bool, Error>;
    scalar: parse_lines::<_, RESPONSE>(Scalar, st, slots, cfg, view),
    vector: |isa| parse_lines::<_, RESPONSE>(isa, st, slots, cfg, view),
}

#[inline(always)]
const fn err<T>(kind: ErrorKind, at: usize) -> Result<T, Error> {
    Err(Error::new(kind, at))
}

/// What one line turned out to be.
#[derive(Debug, Clone, Copy)]
enum Line {
    /// A field line: where its parts are.
    Field {
        name_end: usize,
        value_start: usize,
        value_end: usize,
        line_end: usize,
    },
    /// The empty line: the head ends at this offset.
    End(usize),
}

/// Parses whole lines of a request head (`RESPONSE` false) or a response head from `st.line`
/// on; `Ok(true)` when the head is complete, `Ok(false)` when `view` ends first (state
/// committed up to the last whole line).
///
/// Each line first tries [`plain_field_line`], which handles the common shape in straight-line
/// code and gives up on anything else; [`field_line`] then decides, resumably.
#[inline(always)]
fn parse_lines<S: Scanner, const RESPONSE: bool>(
    s: S,
    st: &mut State,
    slots: &mut [MaybeUninit<RawField>],
    cfg: &Config,
    view: &[u8],
) -> Result<bool, Error> {
    let kind = if RESPONSE {
        Kind::Response
    } else {
        Kind::Request
    };
    let max_line = cfg.limits.max_line_len;
    if let Start::None = st.start {
        let plain = match kind {
            Kind::Request => plain_request_line(s, st, cfg, view),
            Kind::Response => plain_status_line(s, st, view),
        };
        let line_end = match plain {
            Some(end) if end <= max_line => end,
            _ => {
                // The careful parsers never look past the line limit (see `line_view`).
                let lv = line_view(view, 0, max_line);
                let slow = match kind {
                    Kind::Request => request_line(s, st, cfg, lv)?,
                    Kind::Response => status_line(st, cfg, lv)?,
                };
                match slow {
                    Some(end) => end,
                    None => return line_incomplete(view, 0, max_line),
                }
            }
        };
        st.line = line_end;
        st.part = Part::default();
    }

    let max_fields = cfg.limits.max_fields.min(slots.len());
    // A plain line ends 2 bytes after its value (CRLF), and may be max_line long. The plain
    // path checks that only where a value can run past its first 64 bytes, so it stays out
    // of the way of a line limit below 65 bytes.
    let max_plain_value_end = max_line.saturating_sub(2);
    let plain_ok = !(kind == Kind::Response && cfg.lenient.obs_fold) && max_line >= 65;
    let mut p = st.line;
    let mut n = st.nfields;
    // Whether the line at p is new to this call's careful path (st.part empty): only then may
    // the plain path look at it. `field_line` empties st.part whenever it finishes a line.
    let mut fresh = st.part.scan == 0;
    loop {
        // The common field lines first, in straight-line code (see `plain_field_line`).
        if plain_ok && fresh {
            // The free slots, in order (n <= max_fields: a field is stored only below it).
            let mut free = slots.get_mut(n..max_fields).unwrap_or_default().iter_mut();
            let end = loop {
                match plain_field_line(s, view, p, max_plain_value_end) {
                    Plain::Field {
                        name_end,
                        value_start,
                        value_end,
                    } => {
                        let Some(slot) = free.next() else {
                            return err(ErrorKind::TooManyFields, p);
                        };
                        slot.write(RawField {
                            name_start: p as u32,
                            name_len: name_end as u32,
                            value_start: (p + value_start) as u32,
                            value_len: (value_end - value_start) as u32,
                        });
                        // value_end is the CR of the line's CRLF.
                        p += value_end + 2;
                    }
                    Plain::End => break true,
                    Plain::Other => break false,
                }
            };
            n = max_fields - free.len();
            if end {
                st.complete = true;
                st.line = p + 2;
                st.nfields = n;
                return Ok(true);
            }
        }
        let lv = line_view(view, p, max_line);
        let first = n == 0;
        let part = &mut st.part;
        let line = match s.cold(move |s| field_line(s, part, cfg, lv, p, kind, first))? {
            Some(line) => {
                fresh = true;
                line
            }
            None => {
                st.line = p;
                st.nfields = n;
                return line_incomplete(view, p, max_line);
            }
        };
        match line {
            Line::End(head_len) => {
                st.complete = true;
                st.line = head_len;
                st.nfields = n;
                return Ok(true);
            }
            Line::Field {
                name_end,
                value_start,
                value_end,
                line_end,
            } => {
                if n >= max_fields {
                    return err(ErrorKind::TooManyFields, p);
                }
                slots[n].write(RawField {
                    name_start: p as u32,
                    name_len: (name_end - p) as u32,
                    value_start: value_start as u32,
                    value_len: (value_end - value_start) as u32,
                });
                n += 1;
                p = line_end;
            }
        }
    }
}

/// The input as far as the line starting at `p` may reach: a line longer than
/// [`Limits::max_line_len`](crate::Limits) is refused at the limit, so its parsers never look
/// past it and the answer does not depend on what follows (or on where the input was split).
#[inline(always)]
fn line_view(view: &[u8], p: usize, max_line: usize) -> &[u8] {
    &view[..view.len().min(p.saturating_add(max_line))]
}

/// "Incomplete" for the line at `p`, unless the input already holds more than the line limit
/// allows, in which case the line is too long.
#[inline(always)]
fn line_incomplete(view: &[u8], p: usize, max_line: usize) -> Result<bool, Error> {
    match p.checked_add(max_line) {
        Some(limit) if view.len() >= limit => err(ErrorKind::LineTooLong, limit),
        _ => Ok(false),
    }
}

/// CR LF as a little-endian `u16`, for comparing both bytes at once.
const CRLF: u16 = u16::from_le_bytes(*b"\r\n");

/// What [`plain_field_line`] found.
enum Plain {
    /// `name: value\r\n`, the value ending at the CR (it has no trailing whitespace); the
    /// offsets count from the line's start.
    Field {
        name_end: usize,
        value_start: usize,
        value_end: usize,
    },
    /// The empty line `\r\n`.
    End,
    /// Anything else, or input that ends inside the line.
    Other,
}

/// The common field line, `name: value\r\n` with one SP after the colon (none is also taken
/// where there are no block masks) and none at the end, no HTAB in the value and no fold, or
/// the empty line; [`Plain::Other`] for anything
/// else (including input that ends inside the line), which [`field_line`] then parses from the
/// line's start.
///
/// On a level with block masks ([`Blocks::BLOCKS`]), one load classifies 32 bytes for both the
/// name and the value (see [`plain_in_block`]): the 32 bytes at the line's start, or, for a
/// line that starts in the view's last 32 bytes, those bytes, shifted to the line's start.
/// The name ends there (else the per-class scans below decide), and so does the value of most
/// lines; a longer value goes on with the value scan from the end of the block.
///
/// A value that ends more than `max_value_end` bytes after the line's start is
/// [`Plain::Other`], for the careful path to report the line limit. A value that ends in the
/// first 64 bytes is not checked: the caller takes this path only when `max_value_end` is at
/// least 63.
#[inline(always)]
fn plain_field_line<S: Scanner>(s: S, view: &[u8], p: usize, max_value_end: usize) -> Plain {
    // 33 bytes: the block, and the byte after it, where the LF of a CR at the block's end is.
    // (p <= view.len() <= isize::MAX, so the sum does not overflow.)
    if S::BLOCKS && p + 33 <= view.len() {
        // SAFETY: p + 33 <= view.len() (just checked).
        let window = unsafe { httpwire_simd::array_at::<33>(view, p) };
        let Some(block) = window.first_chunk::<32>() else {
            return Plain::Other;
        };
        let (tokens, values) = s.field_masks(block);
        let long = || {
            // The value runs on past the block. Most such values end in the next block, which
            // is classified here, and whose line is short enough for the line limit (the
            // caller keeps max_value_end >= 63 on this path).
            let mut from = p + 32;
            if p + 65 <= view.len() {
                // SAFETY: p + 65 <= view.len() (just checked).
                let window = unsafe { httpwire_simd::array_at::<65>(view, p) };
                let (_, rest) = window.split_first_chunk::<32>()?;
                let next = rest.first_chunk::<32>()?;
                if let Some(stops) = NonZeroU32::new(s.value_mask(next)) {
                    let e = 32 + stops.trailing_zeros() as usize;
                    return ends_value(window, e - 1).then_some(e);
                }
                from = p + 64;
            }
            let e = s.value_stop_long(view, from);
            (e - p <= max_value_end && ends_value(view, e - 1)).then_some(e - p)
        };
        if let Some(plain) = plain_in_block(window, tokens, values, long) {
            return plain;
        }
    } else if S::BLOCKS
        && let Some(line) = view.get(p..)
        && let Some(&b0) = line.first()
    {
        // The empty line is most often what is left in the view's last 32 bytes.
        if b0 == b'\r' {
            return match line.get(1) {
                Some(b'\n') => Plain::End,
                _ => Plain::Other,
            };
        }
        // The line starts in the view's last 32 bytes: at bit `at` of their masks. Bits past
        // the view's end are set, which reads as stops there, and then as a line that is not
        // complete. (A view shorter than 32 bytes takes the scans below.)
        if let Some(last) = view.last_chunk::<32>() {
            let at = 32 - line.len();
            let (tokens, values) = s.field_masks(last);
            let past_end = !(u32::MAX >> at);
            let masks = ((tokens >> at) | past_end, (values >> at) | past_end);
            // The value mask has a stop, so the value does not run on past the block.
            if let Some(plain) = plain_in_block(line, masks.0, masks.1, || None) {
                return plain;
            }
        }
    }
    let Some(&b0) = view.get(p) else {
        return Plain::Other;
    };
    if b0 == b'\r' {
        return match view.get(p + 1) {
            Some(b'\n') => Plain::End,
            _ => Plain::Other,
        };
    }
    let name_end = s.token_stop(view, p);
    if name_end == p || view.get(name_end) != Some(&b':') {
        return Plain::Other;
    }
    let mut v = name_end + 1;
    if view.get(v) == Some(&b' ') {
        v += 1;
    }
    let e = s.value_stop(view, v);
    if e - p > max_value_end {
        return Plain::Other;
    }
    plain_value_end(view, p, name_end, v, e)
}

/// The end of [`plain_field_line`] for the line at `p`: the value at `v` stops at `e` (the
/// first byte from `v` on that is a control byte or DEL, or the end of the view); it is a plain
/// field when that stop is the CR of a CRLF and the value has no SP to trim at either end.
#[inline(always)]
fn plain_value_end(view: &[u8], p: usize, name_end: usize, v: usize, e: usize) -> Plain {
    // A value with more whitespace around it than one SP before: the careful path trims it.
    // (An empty value after the SP lands here too, and goes the careful way.)
    if !ends_value(view, e - 1) || view.get(v) == Some(&b' ') {
        return Plain::Other;
    }
    Plain::Field {
        name_end: name_end - p,
        value_start: v - p,
        value_end: e - p,
    }
}

/// [`plain_field_line`] on the masks of a block: bit `k` of `tokens` (`values`) says whether
/// `bytes[k]` stops a name (a value), for `k < 32`; `bytes` holds the block and at least the
/// byte after it where the view has one. `None` when there is no name (the first byte stops
/// it), which the caller's byte checks then decide; `long()` finds the end of a value with no
/// stop in the block (from the line's start), if it ends a plain line.
#[inline(always)]
fn plain_in_block(
    bytes: &[u8],
    tokens: u32,
    values: u32,
    long: impl FnOnce() -> Option<usize>,
) -> Option<Plain> {
    // A name of 1 to 30 bytes, so that the colon and the two bytes after it are in `bytes`
    // (no name is for the caller). Bit 30 is set so that n <= 30: a name that runs on to byte
    // 30 or past it then fails the check for ": " at n (a tchar is neither).
    let n = (tokens | 1 << 30).trailing_zeros() as usize;
    if n == 0 {
        return None;
    }
    let Some(&[colon, sp, next]) = bytes.get(n..n + 3) else {
        return Some(Plain::Other);
    };
    // The value starts after ": ", and not with a second SP (which the careful path trims;
    // it also takes the rarer ":" without a SP).
    if u16::from_le_bytes([colon, sp]) != u16::from_le_bytes(*b": ") || next == b' ' {
        return Some(Plain::Other);
    }
    let v = n + 2;
    // The first value stop: none of the name's tchars, the colon or the SP is one, so it lies
    // at or after v (>= 2). Bit 0 is clear, so `values >> 1` counts from the byte before the
    // stop: the value's last byte, or the colon or SP before it.
    let Some(stops) = NonZeroU32::new(values >> 1) else {
        // No stop in the block (bit 0, a tchar, is never one): the value runs on past it.
        let end = if values == 0 { long() } else { None };
        return Some(match end {
            Some(value_end) => Plain::Field {
                name_end: n,
                value_start: v,
                value_end,
            },
            None => Plain::Other,
        });
    };
    let last = stops.trailing_zeros() as usize;
    // (An empty value after the SP ends with that SP, and goes the careful way.)
    Some(if ends_value(bytes, last) {
        Plain::Field {
            name_end: n,
            value_start: v,
            value_end: last + 1,
        }
    } else {
        Plain::Other
    })
}

/// Whether `bytes[last]` ends a plain value: it is not SP (there is nothing to trim) and CR LF
/// follow it.
#[inline(always)]
fn ends_value(bytes: &[u8], last: usize) -> bool {
    matches!(
        bytes.get(last..last + 3),
        Some(&[b, cr, lf]) if b != b' ' && u16::from_le_bytes([cr, lf]) == CRLF
    )
}

/// The common request line, `METHOD SP target SP HTTP/1.x CRLF`; `None` for anything else
/// (responses included), which the resumable parsers then handle from the start.
#[inline(always)]
fn plain_request_line<S: Scanner>(
    s: S,
    st: &mut State,
    cfg: &Config,
    view: &[u8],
) -> Option<usize> {
    if st.part.scan != 0 {
        return None;
    }
    let (method_end, target_end) = match view.first_chunk::<32>() {
        Some(block) if S::BLOCKS => {
            let (tokens, targets) = s.request_masks(block);
            let m = tokens.trailing_zeros() as usize;
            if m == 0 || block.get(m) != Some(&b' ') {
                return None;
            }
            // The target stops at or after m + 1 (<= 32, so the shift is in range).
            let stops = u64::from(targets) >> (m + 1);
            let target_end = if stops != 0 {
                m + 1 + stops.trailing_zeros() as usize
            } else {
                // The next blocks, then the scan for the last 0 to 31 bytes.
                let mut i = 32;
                loop {
                    if i + 32 > view.len() {
                        break s.target_stop(view, i);
                    }
                    // SAFETY: i + 32 <= view.len() (just checked).
                    let next = unsafe { httpwire_simd::array_at::<32>(view, i) };
                    if let Some(stops) = NonZeroU32::new(s.target_mask(next)) {
                        break i + stops.trailing_zeros() as usize;
                    }
                    i += 32;
                }
            };
            (m, target_end)
        }
        _ => {
            let m = s.token_stop(view, 0);
            if m == 0 || view.get(m) != Some(&b' ') {
                return None;
            }
            (m, s.target_stop(view, m + 1))
        }
    };
    let t = method_end + 1;
    if target_end == t || target_end - t > cfg.limits.max_target_len {
        return None;
    }
    let rest = view.get(target_end..)?.first_chunk::<11>()?;
    let (head, tail) = rest.split_first_chunk::<8>()?;
    if u64::from_le_bytes(*head) != u64::from_le_bytes(*b" HTTP/1.") || tail[1..] != *b"\r\n" {
        return None;
    }
    let version = match tail[0] {
        b'1' => Version::HTTP_11,
        b'0' => Version::HTTP_10,
        _ => return None,
    };
    // Origin form is the common case: a target starting with "/" under any method but
    // CONNECT (the only 7-byte method the shortcut sends on to `target_form`).
    let form = if view.get(t) == Some(&b'/') && method_end != 7 {
        TargetForm::Origin
    } else {
        target_form(&view[..method_end], &view[t..target_end]).ok()?
    };
    st.start = Start::Request {
        method_end: method_end as u32,
        target_start: t as u32,
        target_end: target_end as u32,
        form,
        version,
    };
    Some(target_end + 11)
}

/// The common status line, `HTTP/1.x SP 3DIGIT SP reason CRLF` with no HTAB in the reason, on
/// a level with block masks; `None` for anything else (and on other levels), which
/// [`status_line`] then handles from the start. It accepts what the status-lines parser
/// accepts for these bytes, and reports the same parts.
#[inline(always)]
fn plain_status_line<S: Scanner>(s: S, st: &mut State, view: &[u8]) -> Option<usize> {
    if !S::BLOCKS || st.part.scan != 0 {
        return None;
    }
    let block = view.first_chunk::<32>()?;
    let (version, status) = status_lines::hooks::common_prefix(block.first_chunk()?)?;
    // The reason starts at 13 and stops at the first control byte (HTAB, a reason byte,
    // stops it too, and goes the careful way).
    let stops = s.value_mask(block) >> 13;
    let end = if stops != 0 {
        13 + stops.trailing_zeros() as usize
    } else {
        s.value_stop_long(view, 32)
    };
    if view.get(end..end + 2) != Some(b"\r\n") {
        return None;
    }
    st.start = Start::Response {
        version,
        status,
        reason_start: 13,
        reason_end: end as u32,
    };
    Some(end + 2)
}

/// One field line (or the empty line) at `p`, resumably: `Ok(None)` when the view ends first,
/// with what was learnt kept in `part`. `first` says no field line came before (whitespace at
/// the start is then not a fold but RFC 9112 §2.2's forbidden leading whitespace).
#[inline(always)]
fn field_line<S: Scanner>(
    s: S,
    part: &mut Part,
    cfg: &Config,
    view: &[u8],
    p: usize,
    kind: Kind,
    first: bool,
) -> Result<Option<Line>, Error> {
    let lenient = cfg.lenient;
    let len = view.len();
    // Reads byte `$i`, or stops with "incomplete": everything before it has been checked.
    macro_rules! at {
        ($i:expr) => {
            match view.get($i) {
                Some(&b) => b,
                None => return Ok(None),
            }
        };
    }

    let b0 = at!(p);
    if b0 == b'\r' {
        if at!(p + 1) != b'\n' {
            return err(ErrorKind::LineEnding, p);
        }
        return Ok(Some(Line::End(p + 2)));
    }
    if b0 == b'\n' {
        if !lenient.bare_lf {
            return err(ErrorKind::LineEnding, p);
        }
        return Ok(Some(Line::End(p + 1)));
    }
    if b0 == b' ' || b0 == b'\t' {
        // Before the first field this is RFC 9112 §2.2's leading whitespace; later it would
        // fold the previous line, which the value scan consumed when folding is allowed.
        let kind = if first {
            ErrorKind::LeadingWhitespace
        } else {
            ErrorKind::ObsFold
        };
        return err(kind, p);
    }

    // field-name
    if part.a == 0 {
        let name_end = s.token_stop(view, part.scan.max(p));
        if name_end == len {
            part.scan = len;
            return Ok(None);
        }
        match view[name_end] {
            _ if name_end == p => return err(ErrorKind::FieldName, p),
            b':' => {
                part.b = name_end;
                part.scan = name_end + 1;
            }
            b' ' | b'\t' if kind == Kind::Response && lenient.space_before_colon => {
                part.scan = name_end;
            }
            b' ' | b'\t' => return err(ErrorKind::WhitespaceBeforeColon, name_end),
            b'\r' | b'\n' => return err(ErrorKind::MissingColon, name_end),
            _ => return err(ErrorKind::FieldName, name_end),
        }
        part.a = name_end;
    }

    // Whitespace before the colon (responses, by leniency only), then ":".
    if part.b == 0 {
        let mut i = part.scan;
        while i < len && matches!(view[i], b' ' | b'\t') {
            i += 1;
        }
        if i == len {
            part.scan = len;
            return Ok(None);
        }
        match view[i] {
            b':' => {}
            b'\r' | b'\n' => return err(ErrorKind::MissingColon, i),
            _ => return err(ErrorKind::WhitespaceBeforeColon, part.a),
        }
        part.b = i;
        part.scan = i + 1;
    }

    // OWS
    if part.c == 0 {
        let mut i = part.scan;
        while i < len && matches!(view[i], b' ' | b'\t') {
            i += 1;
        }
        if i == len {
            part.scan = len;
            return Ok(None);
        }
        part.c = i;
        part.scan = i;
    }

    // field-value, then CRLF (or a fold, when allowed).
    let value_start = part.c;
    let (value_end, line_end) = loop {
        let e = s.value_stop(view, part.scan);
        let Some(&stop) = view.get(e) else {
            part.scan = len;
            return Ok(None);
        };
        // From here on an incomplete line resumes at this stop byte.
        part.scan = e;
        let ending = match stop {
            b'\t' => {
                part.scan = e + 1;
                continue;
            }
            b'\r' => {
                if at!(e + 1) != b'\n' {
                    return err(ErrorKind::LineEnding, e);
                }
                e + 2
            }
            b'\n' if lenient.bare_lf => e + 1,
            b'\n' => return err(ErrorKind::LineEnding, e),
            _ => return err(ErrorKind::FieldValue, e),
        };
        if kind == Kind::Response && lenient.obs_fold {
            match view.get(ending) {
                Some(b' ' | b'\t') => {
                    part.scan = ending;
                    continue;
                }
                Some(_) => {}
                // One more byte decides whether the next line folds into this one.
                None => return Ok(None),
            }
        }
        break (e, ending);
    };
    let mut value_end = value_end;
    while value_end > value_start && matches!(view[value_end - 1], b' ' | b'\t') {
        value_end -= 1;
    }
    let name_end = part.a;
    *part = Part::default();
    Ok(Some(Line::Field {
        name_end,
        value_start,
        value_end,
        line_end,
    }))
}

/// The status line, through the status-lines parser; `Ok(None)` when the view ends first.
///
/// Once the line has reached its reason phrase, only a control byte can end or break it, so
/// later calls scan just the new bytes for one before parsing the line again.
#[inline(always)]
fn status_line(st: &mut State, cfg: &Config, view: &[u8]) -> Result<Option<usize>, Error> {
    let lenient = cfg.lenient;
    let opts = status_lines::ParseOptions::strict()
        .bare_lf(lenient.bare_lf)
        .multiple_spaces(lenient.multiple_spaces)
        .missing_reason_space(lenient.missing_reason_space);
    // The first control byte at or after `i` that is not HTAB (HTAB is a reason byte).
    let next_control = |mut i: usize| loop {
        let c = httpwire_simd::swar::first_control(view, i);
        if view.get(c) == Some(&b'\t') {
            i = c + 1;
        } else {
            break c;
        }
    };
    if st.part.scan != 0 {
        let c = next_control(st.part.scan);
        if c == view.len() {
            st.part.scan = c;
            return Ok(None);
        }
        st.part.scan = c;
    }
    match status_lines::parse_status_line_with(view, opts)? {
        Outcome::Complete(line) => {
            let reason_start = line.reason.as_ptr() as usize - view.as_ptr() as usize;
            st.start = Start::Response {
                version: line.version,
                status: line.code,
                reason_start: reason_start as u32,
                reason_end: (reason_start + line.reason.len()) as u32,
            };
            Ok(Some(line.len))
        }
        Outcome::Incomplete => {
            if st.part.scan == 0
                && let Outcome::Complete(prefix) =
                    status_lines::hooks::parse_status_prefix(view, opts)?
            {
                st.part.scan = next_control(prefix.reason_start);
            }
            Ok(None)
        }
    }
}

/// Parses the request line; `Ok(None)` when the view ends first.
#[inline(always)]
fn request_line<S: Scanner>(
    s: S,
    st: &mut State,
    cfg: &Config,
    view: &[u8],
) -> Result<Option<usize>, Error> {
    macro_rules! at {
        ($i:expr) => {
            match view.get($i) {
                Some(&b) => b,
                None => return Ok(None),
            }
        };
    }
    let lenient = cfg.lenient;
    let len = view.len();
    let part = &mut st.part;

    // method SP
    if part.a == 0 {
        let method_end = s.token_stop(view, part.scan);
        if method_end == len {
            part.scan = len;
            return Ok(None);
        }
        if view[method_end] != b' ' || method_end == 0 {
            return err(ErrorKind::Method, method_end);
        }
        part.a = method_end;
        part.scan = method_end + 1;
    }

    // (more SP, by leniency) request-target
    if part.b == 0 {
        let mut t = part.scan;
        while t < len && view[t] == b' ' {
            if !lenient.multiple_spaces {
                return err(ErrorKind::Whitespace, t);
            }
            t += 1;
        }
        if t == len {
            part.scan = len;
            return Ok(None);
        }
        part.b = t;
        part.scan = t;
    }

    // request-target SP
    if part.c == 0 {
        let t = part.b;
        let target_end = s.target_stop(view, part.scan);
        if target_end - t > cfg.limits.max_target_len {
            return err(ErrorKind::TargetTooLong, t + cfg.limits.max_target_len);
        }
        if target_end == len {
            part.scan = len;
            return Ok(None);
        }
        match view[target_end] {
            b' ' => {}
            b'\r' | b'\n' => return err(ErrorKind::Version, target_end),
            _ => return err(ErrorKind::Target, target_end),
        }
        part.c = target_end;
        part.scan = target_end + 1;
    }

    // (more SP, by leniency)
    let mut v = part.scan;
    while v < len && view[v] == b' ' {
        if !lenient.multiple_spaces {
            return err(ErrorKind::Whitespace, v);
        }
        v += 1;
    }
    part.scan = v;
    let (method_end, t, target_end) = (part.a, part.b, part.c);

    // HTTP-version CRLF
    for (k, &want) in b"HTTP/".iter().enumerate() {
        if at!(v + k) != want {
            return err(ErrorKind::Version, v + k);
        }
    }
    let major = at!(v + 5).wrapping_sub(b'0');
    if major > 9 {
        return err(ErrorKind::Version, v + 5);
    }
    if at!(v + 6) != b'.' {
        return err(ErrorKind::Version, v + 6);
    }
    let minor = at!(v + 7).wrapping_sub(b'0');
    if minor > 9 {
        return err(ErrorKind::Version, v + 7);
    }
    let Some(version) = Version::new(major, minor) else {
        return err(ErrorKind::Version, v + 5);
    };
    let e = v + 8;
    let line_end = match at!(e) {
        b'\r' => {
            if at!(e + 1) != b'\n' {
                return err(ErrorKind::LineEnding, e);
            }
            e + 2
        }
        b'\n' if lenient.bare_lf => e + 1,
        b'\n' => return err(ErrorKind::LineEnding, e),
        b' ' if lenient.multiple_spaces => return err(ErrorKind::Whitespace, e),
        _ => return err(ErrorKind::Version, e),
    };

    let method = &view[..method_end];
    let target = &view[t..target_end];
    let form = match target_form(method, target) {
        Ok(form) => form,
        Err(off) => return err(ErrorKind::Target, t + off),
    };
    st.start = Start::Request {
        method_end: method_end as u32,
        target_start: t as u32,
        target_end: target_end as u32,
        form,
        version,
    };
    Ok(Some(line_end))
}

/// Classifies a request-target (RFC 9112 §3.2) and checks it fits the method; on failure, the
/// offset within the target of the first byte that does not fit.
pub(crate) fn target_form(method: &[u8], target: &[u8]) -> Result<TargetForm, usize> {
    // `target` holds only target bytes (`classify::is_target_byte`, which excludes the `#` of
    // a fragment): the scan that found its end, or the writer, checked that.
    if method == b"CONNECT" {
        // authority-form = uri-host ":" port; the port is required.
        let Some(colon) = memchr::memrchr(b':', target) else {
            return Err(target.len());
        };
        let port = &target[colon + 1..];
        if colon == 0 || port.is_empty() {
            return Err(colon);
        }
        if let Some(i) = port.iter().position(|b| !b.is_ascii_digit()) {
            return Err(colon + 1 + i);
        }
        if let Some(i) = target[..colon]
            .iter()
            .position(|&b| matches!(b, b'/' | b'?' | b'@'))
        {
            return Err(i);
        }
        return Ok(TargetForm::Authority);
    }
    match target.first() {
        None => Err(0),
        Some(b'/') => Ok(TargetForm::Origin),
        Some(b'*') if target.len() == 1 => {
            if method == b"OPTIONS" {
                Ok(TargetForm::Asterisk)
            } else {
                Err(0)
            }
        }
        Some(c) if c.is_ascii_alphabetic() => {
            // absolute-form: scheme ":" hier-part; scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
            for (i, &b) in target.iter().enumerate().skip(1) {
                match b {
                    b':' => return Ok(TargetForm::Absolute),
                    b if b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.') => {}
                    _ => return Err(i),
                }
            }
            Err(target.len())
        }
        Some(_) => Err(0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::head::FieldStorage;
    use core::sync::atomic::{AtomicUsize, Ordering};
    extern crate std;
    use std::vec::Vec;

    /// Bytes the scanners have examined, summed over calls.
    static SCANNED: AtomicUsize = AtomicUsize::new(0);

    /// The scalar scanners, counting how many bytes each call examines.
    #[derive(Clone, Copy)]
    struct Counting;

    impl Counting {
        fn count(i: usize, e: usize) -> usize {
            SCANNED.fetch_add(e - i + 1, Ordering::Relaxed);
            e
        }
    }

    impl Scanner for Counting {
        const BLOCKS: bool = false;
        fn token_stop(self, buf: &[u8], i: usize) -> usize {
            Self::count(i, Scalar.token_stop(buf, i))
        }
        fn target_stop(self, buf: &[u8], i: usize) -> usize {
            Self::count(i, Scalar.target_stop(buf, i))
        }
        fn value_stop(self, buf: &[u8], i: usize) -> usize {
            Self::count(i, Scalar.value_stop(buf, i))
        }
        fn cold<R>(self, f: impl FnOnce(Self) -> R) -> R {
            f(self)
        }
    }

    /// Feeds `msg` one byte at a time to the counting instantiation and returns the bytes
    /// scanned in all.
    fn scanned_byte_by_byte(msg: &[u8], kind: Kind) -> usize {
        let mut storage = FieldStorage::<8>::new();
        let slots = crate::head::Storage::slots(&mut storage);
        let cfg = Config::new()
            .max_target_len(usize::MAX)
            .max_line_len(usize::MAX);
        let mut st = State::NEW;
        SCANNED.store(0, Ordering::Relaxed);
        for n in 1..=msg.len() {
            let view = &msg[..n];
            let done = match kind {
                Kind::Request => parse_lines::<_, false>(Counting, &mut st, slots, &cfg, view),
                Kind::Response => parse_lines::<_, true>(Counting, &mut st, slots, &cfg, view),
            };
            assert_eq!(done, Ok(n == msg.len()), "at {n}");
        }
        SCANNED.load(Ordering::Relaxed)
    }

    #[test]
    fn work_is_linear_however_the_bytes_arrive() {
        let long = if cfg!(miri) { 300 } else { 20_000 };
        let mut name = Vec::new();
        name.extend_from_slice(b"GET /");
        name.extend(core::iter::repeat_n(b'a', long));
        name.extend_from_slice(b" HTTP/1.1\r\nX-");
        name.extend(core::iter::repeat_n(b'n', long));
        name.extend_from_slice(b": ");
        name.extend(core::iter::repeat_n(b'v', long));
        name.extend_from_slice(b"\t");
        name.extend(core::iter::repeat_n(b'w', long));
        name.extend_from_slice(b"\r\n\r\n");
        let n = name.len();
        let scanned = scanned_byte_by_byte(&name, Kind::Request);
        // Each call examines the new byte plus a constant: about 2 per byte; a rescan per call
        // would be about n * n / 2.
        assert!(
            scanned <= 3 * n,
            "scanned {scanned} bytes for a {n}-byte head"
        );
    }
}
