//! The head parser (RFC 9112 §2–5): start line, field lines, the empty line.
//!
//! This file holds the public API ([`Parser`], [`parse_request`], [`parse_response`]), the
//! state a parse keeps between calls, the per-level dispatch, and the line loop. Each line is
//! tried first by the straight-line paths of [`plain`] (the common shapes, no state), then,
//! if they give up, by the resumable parsers of [`careful`], which alone decide every other
//! input. Request-target forms (RFC 9112 §3.2) are in [`crate::target`].
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

use core::marker::PhantomData;
use core::mem::MaybeUninit;

mod careful;
mod plain;

use careful::{Line, field_line, request_line, status_line};
use plain::{Plain, ows_field_line, plain_field_line, plain_request_line, plain_status_line};

use crate::config::Config;
use crate::error::{Error, ErrorKind};
use crate::head::{Fields, RawField, Request, Response, Storage, TargetForm, Trailers};
use crate::simd::{self, Scalar, Scanner};
use httpwire_simd::{Supported, Table};
use status_lines::{StatusCode, Version};

pub use status_lines::Outcome;

#[derive(Debug, Clone, Copy)]
enum Start {
    None,
    /// A field section without a start line: a trailer section.
    Section,
    Request {
        method_start: u32,
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

impl Start {
    /// The start line of a parser that read `view[at..]`, with offsets in `view`.
    #[inline(always)]
    fn shifted(self, at: usize) -> Start {
        match self {
            Start::Request {
                method_start,
                method_end,
                target_start,
                target_end,
                form,
                version,
            } => {
                let at = at as u32;
                Start::Request {
                    method_start: method_start + at,
                    method_end: method_end + at,
                    target_start: target_start + at,
                    target_end: target_end + at,
                    form,
                    version,
                }
            }
            other => other,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Request = 0,
    Response = 1,
}

/// Progress inside the line at `State::line`, kept between calls: the positions its parser
/// has established so far (`marks`, indexed by the constants below; zero means "not known
/// yet", as every such position lies after the line's first byte) and where the scan in
/// progress resumes (`resume`; for a status line, how far the reason phrase has been scanned,
/// 0 before it is reached).
#[derive(Debug, Clone, Copy, Default)]
struct Progress {
    marks: [usize; 3],
    resume: usize,
}

/// The marks of a request line: the end of the method, the start and the end of the target.
const METHOD_END: usize = 0;
const TARGET_START: usize = 1;
const TARGET_END: usize = 2;
/// The marks of a field line: the end of the name, the colon, the start of the value.
const NAME_END: usize = 0;
const COLON: usize = 1;
const VALUE_START: usize = 2;

/// Where a parse stands between calls.
#[derive(Debug, Clone, Copy)]
struct State {
    /// Start of the first line not yet parsed.
    line: usize,
    /// Progress inside that line.
    progress: Progress,
    /// Field lines parsed, i.e. storage slots initialised.
    nfields: usize,
    /// Empty lines skipped before the request line.
    empty_lines: u32,
    /// The length of the input the last incomplete call looked at (at most `max_head_len`,
    /// so a `u32`): a later call must bring at least as many bytes (everything recorded above
    /// may point up to there).
    seen: u32,
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
        progress: Progress {
            marks: [0; 3],
            resume: 0,
        },
        nfields: 0,
        empty_lines: 0,
        seen: 0,
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
pub type RequestParser<'s> = Parser<'s, Requests>;

/// A resumable response-head parser; see [`RequestParser`].
pub type ResponseParser<'s> = Parser<'s, Responses>;

/// A resumable head parser that borrows its field storage: [`RequestParser`] or
/// [`ResponseParser`], one implementation for both kinds of head.
pub struct Parser<'s, K: HeadKind> {
    slots: &'s mut [MaybeUninit<RawField>],
    cfg: Config,
    st: State,
    kind: PhantomData<K>,
}

/// Which heads a [`Parser`] reads: [`Requests`] or [`Responses`].
pub trait HeadKind: sealed::Sealed {
    /// A name for `Debug`.
    const NAME: &'static str;
}

/// [`Parser`] of request heads.
#[derive(Debug)]
pub enum Requests {}

/// [`Parser`] of response heads.
#[derive(Debug)]
pub enum Responses {}

mod sealed {
    pub trait Sealed {}
    impl Sealed for super::Requests {}
    impl Sealed for super::Responses {}
}

impl HeadKind for Requests {
    const NAME: &'static str = "RequestParser";
}

impl HeadKind for Responses {
    const NAME: &'static str = "ResponseParser";
}

impl<'s, K: HeadKind> Parser<'s, K> {
    /// A parser that stores field positions in `storage` (its length is a limit on fields).
    pub fn new<S: Storage + ?Sized>(storage: &'s mut S, cfg: Config) -> Self {
        Parser {
            slots: storage.slots(),
            cfg,
            st: State::NEW,
            kind: PhantomData,
        }
    }

    /// Forgets the current head, to parse the next message with the same storage.
    pub fn reset(&mut self) {
        self.st = State::NEW;
    }

    #[inline(always)]
    fn parse_as<'b, 'p, H: Head<'b, 'p>>(&'p mut self, buf: &'b [u8]) -> Result<Outcome<H>, Error> {
        parse_head(&mut self.st, self.slots, &self.cfg, buf)
    }
}

impl<K: HeadKind> core::fmt::Debug for Parser<'_, K> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct(K::NAME).field("state", &self.st).finish()
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
            method_start,
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
    debug_assert!(method_start < method_end && method_end < target_start);
    debug_assert!(target_start <= target_end);
    debug_assert!(target_end as usize <= st.line && st.line <= buf.len());
    Request {
        // SAFETY: the request line lies in the head, which `buf` holds (see `drive`).
        method: unsafe { buf.get_unchecked(method_start as usize..method_end as usize) },
        // SAFETY: as above.
        target: unsafe { buf.get_unchecked(target_start as usize..target_end as usize) },
        target_form: form,
        version,
        // `Fields`' promise: every field the parse wrote lies before `st.line`, in the head,
        // which `buf` holds.
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
        // `Fields`' promise: every field the parse wrote lies before `st.line`, in the head,
        // which `buf` holds.
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

impl<'b, 's> Head<'b, 's> for Trailers<'b, 's> {
    // Field lines follow the same rules in a trailer section as in a request head (obs-fold,
    // the only difference between the kinds, is a response leniency).
    const KIND: Kind = Kind::Request;
    #[inline(always)]
    fn view(st: &State, slots: &'s [MaybeUninit<RawField>], buf: &'b [u8]) -> Self {
        debug_assert!(matches!((st.start, st.complete), (Start::Section, true)));
        debug_assert!(st.line <= buf.len());
        Trailers {
            // `Fields`' promise: every field the parse wrote lies before `st.line`, in the
            // section, which `buf` holds.
            fields: Fields {
                buf,
                // SAFETY: st.nfields slots were written by the parse that produced `st`.
                raw: unsafe { initialised(slots, st.nfields) },
            },
            len: st.line,
        }
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

impl Parser<'_, Requests> {
    /// Parses `buf`, which must start with the same bytes as on earlier calls since the last
    /// [`reset`](Self::reset) (it may have grown, and may live elsewhere in memory).
    ///
    /// Before the head is complete, a `buf` shorter than on the previous call is refused with
    /// [`ErrorKind::ResumedShorter`](crate::ErrorKind::ResumedShorter) (the parser has looked
    /// at bytes it would no longer have). After `Complete` further calls return the same head
    /// (or `Incomplete`, should `buf` be shorter than that head); after an error, the same
    /// error.
    #[inline]
    pub fn parse<'b>(&mut self, buf: &'b [u8]) -> Result<Outcome<Request<'b, '_>>, Error> {
        self.parse_as(buf)
    }
}

impl Parser<'_, Responses> {
    /// Parses `buf`; see [`RequestParser::parse`].
    #[inline]
    pub fn parse<'b>(&mut self, buf: &'b [u8]) -> Result<Outcome<Response<'b, '_>>, Error> {
        self.parse_as(buf)
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

/// Parses a whole trailer section in one call (RFC 9112 §7.1.2): the field lines that follow a
/// chunked body's last chunk, up to and including the empty line that ends them (`\r\n` alone
/// is an empty section). The field lines are parsed as in a request head: the same grammar,
/// the same leniencies of `cfg`, the same SIMD paths; `cfg.limits.max_head_len` bounds the
/// section's bytes, `max_fields` and the storage's length its fields. On `Incomplete`, call
/// again with more bytes (it starts over).
///
/// ```
/// use http1::{parse_trailers, Config, FieldStorage};
/// let mut storage = FieldStorage::<4>::new();
/// let t = parse_trailers(b"Expires: never\r\n\r\nnext", &mut storage, &Config::new())
///     .unwrap().complete().unwrap();
/// assert_eq!(t.fields.get(b"expires"), Some(&b"never"[..]));
/// assert_eq!(t.len, 18);
/// ```
#[inline]
pub fn parse_trailers<'b, 's, S: Storage + ?Sized>(
    buf: &'b [u8],
    storage: &'s mut S,
    cfg: &Config,
) -> Result<Outcome<Trailers<'b, 's>>, Error> {
    let mut st = State {
        start: Start::Section,
        ..State::NEW
    };
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
    if view.len() < st.seen as usize {
        // The state points into bytes this call does not have: refuse, at every level, before
        // any scan could start past the end.
        return fail(st, Error::new(ErrorKind::ResumedShorter, view.len()));
    }
    match run(simd::configured(cfg.simd), st, slots, cfg, view, kind) {
        Ok(true) => Ok(Outcome::Complete(())),
        Ok(false) => {
            st.seen = view.len() as u32;
            incomplete(st, buf.len(), max)
        }
        Err(e) => fail(st, e),
    }
}

#[inline(always)]
fn incomplete(st: &mut State, len: usize, max: usize) -> Result<Outcome<()>, Error> {
    if len >= max {
        fail(st, Error::new(ErrorKind::HeadTooLarge, max))
    } else {
        Ok(Outcome::Incomplete)
    }
}

/// Records the parse's first error, which every later call returns.
#[inline(always)]
fn fail(st: &mut State, e: Error) -> Result<Outcome<()>, Error> {
    (st.failed, st.error) = (true, e);
    Err(e)
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
        // The straight-line paths only for a line not begun by the careful parser. (They
        // give up on a line that starts with CR or LF: no method.)
        let plain = match kind {
            _ if !S::PLAIN || st.progress.resume != 0 => None,
            Kind::Request => plain_request_line(s, cfg, view),
            Kind::Response => plain_status_line(s, view),
        };
        let line_end = match plain {
            Some((start, end)) if end <= max_line => {
                st.start = start;
                end
            }
            // An empty line first (RFC 9112 §2.2), another control byte, or no byte yet: out
            // of line, as rare. (After empty lines were skipped the buffer still starts with
            // them, so later calls come here too; `st.line` says how far the skipping got.)
            _ if !RESPONSE && view.first().is_none_or(|&b| b <= b'\r') => {
                let state = &mut *st;
                match s.cold(move |s| request_line_after_empty_lines(s, state, cfg, view))? {
                    Some(end) => end,
                    None => return Ok(false),
                }
            }
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
        st.progress = Progress::default();
    }

    let max_fields = cfg.limits.max_fields.min(slots.len());
    // A plain line ends 2 bytes after its value (CRLF), and may be max_line long. The plain
    // path checks that only where a value can run past its first 64 bytes, so it stays out
    // of the way of a line limit below 65 bytes.
    let max_plain_value_end = max_line.saturating_sub(2);
    let plain_ok = S::PLAIN && !(kind == Kind::Response && cfg.lenient.obs_fold) && max_line >= 65;
    let mut p = st.line;
    let mut n = st.nfields;
    // Whether the line at p is new to this call's careful path (st.progress empty): only then may
    // the plain path look at it. `field_line` empties st.progress whenever it finishes a line.
    let mut fresh = st.progress.resume == 0;
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
                    Plain::Careful => break false,
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
        // Optional whitespace the plain path leaves alone (HTAB, several SP), before the
        // careful parser, which is resumable and costs more. Such lines come together (one
        // client wrote them all), so the lines after one are tried this way first; the first
        // that is not taken goes back to the plain path.
        if plain_ok && fresh {
            let mut taken = false;
            while let Some([name_end, value_start, value_end, line_end]) =
                ows_field_line(s, view, p, max_line)
            {
                if n >= max_fields {
                    return err(ErrorKind::TooManyFields, p);
                }
                slots[n].write(RawField::new(p, name_end, value_start, value_end));
                n += 1;
                p = line_end;
                taken = true;
            }
            if taken {
                continue;
            }
        }
        // The careful parsers never look past the line limit.
        let lv = line_view(view, p, max_line);
        let first = n == 0;
        let progress = &mut st.progress;
        let line = match s.cold(move |s| field_line(s, progress, cfg, lv, p, kind, first))? {
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
                slots[n].write(RawField::new(p, name_end, value_start, value_end));
                n += 1;
                p = line_end;
            }
        }
    }
}

/// The request line after the empty lines that may precede it (RFC 9112 §2.2), from
/// `st.line`, where an earlier call stopped: the end of the request line, or `None` when the
/// view ends first. The empty lines (CRLF; LF alone too with `bare_lf`) are counted in
/// `st.empty_lines` against [`Limits::max_empty_lines`](crate::Limits); once the request line
/// begins, `st.line` stays at its start and the careful parser reads the view from there.
#[inline(always)]
fn request_line_after_empty_lines<S: Scanner>(
    s: S,
    st: &mut State,
    cfg: &Config,
    view: &[u8],
) -> Result<Option<usize>, Error> {
    let mut at = st.line;
    loop {
        let n = match view.get(at) {
            Some(b'\r') => match view.get(at + 1) {
                Some(b'\n') => 2,
                // A bare CR: the request line's parser refuses it.
                Some(_) => break,
                // The CR of an empty line, or a bare one: the next byte decides.
                None => {
                    st.line = at;
                    return Ok(None);
                }
            },
            Some(b'\n') if cfg.lenient.bare_lf => 1,
            _ => break,
        };
        if st.empty_lines as usize >= cfg.limits.max_empty_lines {
            return err(ErrorKind::TooManyEmptyLines, at);
        }
        st.empty_lines += 1;
        at += n;
    }
    st.line = at;
    let line = view.get(at..).unwrap_or_default();
    let lv = line_view(line, 0, cfg.limits.max_line_len);
    match request_line(s, st, cfg, lv).map_err(|e| e.shifted(at))? {
        Some(end) => {
            st.start = st.start.shifted(at);
            Ok(Some(at + end))
        }
        None => match line_incomplete(line, 0, cfg.limits.max_line_len) {
            Ok(_) => Ok(None),
            Err(e) => Err(e.shifted(at)),
        },
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

    /// `S` with the straight-line paths off: the careful parsers alone.
    #[derive(Clone, Copy)]
    struct Careful<S>(S);

    impl<S: Scanner> Scanner for Careful<S> {
        const BLOCKS: bool = S::BLOCKS;
        const PLAIN: bool = false;
        fn token_stop(self, buf: &[u8], i: usize) -> usize {
            self.0.token_stop(buf, i)
        }
        fn target_stop(self, buf: &[u8], i: usize) -> usize {
            self.0.target_stop(buf, i)
        }
        fn value_stop(self, buf: &[u8], i: usize) -> usize {
            self.0.value_stop(buf, i)
        }
        fn cold<R>(self, f: impl FnOnce(Self) -> R) -> R {
            f(self)
        }
    }

    /// Everything a parse of `msg` leaves: the result, the start line, the head length and
    /// the fields.
    fn outcome<S: Scanner, const RESPONSE: bool>(
        s: S,
        msg: &[u8],
        cfg: &Config,
    ) -> std::string::String {
        let mut storage = FieldStorage::<64>::new();
        let slots = crate::head::Storage::slots(&mut storage);
        let mut st = State::NEW;
        let r = parse_lines::<_, RESPONSE>(s, &mut st, slots, cfg, msg);
        // SAFETY: the parse that produced `st` wrote its first st.nfields slots.
        let fields = unsafe { initialised(slots, st.nfields) };
        std::format!("{r:?} {:?} {} {fields:?}", st.start, st.line)
    }

    /// A head of common and uncommon shapes: every line kind the plain paths take, and the
    /// near misses they must hand on (no SP or two after the colon, HTAB, trailing
    /// whitespace, empty values, bare LF or CR, folds, bad bytes, lines around the block
    /// sizes).
    fn head(response: bool) -> impl proptest::strategy::Strategy<Value = Vec<u8>> {
        use proptest::prelude::*;
        let start = if response {
            prop::sample::select(std::vec![
                &b"HTTP/1.1 200 OK\r\n"[..],
                b"HTTP/1.0 404 Not Found\r\n",
                b"HTTP/1.1 204 \r\n",
                b"HTTP/1.1 500 Internal\tServer Error\r\n",
                b"HTTP/1.1 301 Moved Permanently and a rather long reason phrase\r\n",
                b"HTTP/1.1 200 OK\n",
                b"HTTP/2.0 200 OK\r\n",
            ])
            .boxed()
        } else {
            prop::sample::select(std::vec![
                &b"GET / HTTP/1.1\r\n"[..],
                b"POST /a/b?c=d&e=f HTTP/1.0\r\n",
                b"OPTIONS * HTTP/1.1\r\n",
                b"CONNECT example.com:443 HTTP/1.1\r\n",
                b"GET http://example.com/x HTTP/1.1\r\n",
                b"GET /a-target-that-runs-past-one-block/and/on/past/the/second/one?q=1 HTTP/1.1\r\n",
                b"GET  / HTTP/1.1\r\n",
                b"GET / HTTP/1.1\n",
                b"GET /#frag HTTP/1.1\r\n",
            ])
            .boxed()
        };
        let name = prop_oneof![
            4 => proptest::collection::vec(prop::sample::select(&b"abcXYZ-_0129!~"[..]), 1..40),
            1 => proptest::collection::vec(any::<u8>(), 0..6),
        ];
        let sep = prop::sample::select(std::vec![
            &b": "[..],
            b": ",
            b":",
            b":  ",
            b":\t",
            b" :",
            b": \t",
            b":\t \t",
        ]);
        let value_byte = prop_oneof![
            8 => prop::sample::select(&b"abcdefghijklmnopqrstuvwxyz0123456789=;,/"[..]),
            2 => Just(b' '),
            1 => Just(b'\t'),
            1 => 0x80u8..=0xff,
            1 => any::<u8>(),
        ];
        let value = proptest::collection::vec(value_byte, 0..100);
        let end = prop::sample::select(std::vec![
            &b"\r\n"[..],
            b"\r\n",
            b"\r\n",
            b"\n",
            b"\r",
            b"\r\n ",
            b" \r\n",
            b"\t\r\n",
            b" \t\r\n",
        ]);
        let line = (name, sep, value, end).prop_map(|(n, s, v, e)| [&n[..], s, &v, e].concat());
        (start, proptest::collection::vec(line, 0..8), any::<bool>()).prop_map(
            |(start, lines, ended)| {
                let mut m = start.to_vec();
                for l in lines {
                    m.extend_from_slice(&l);
                }
                if ended {
                    m.extend_from_slice(b"\r\n");
                }
                m
            },
        )
    }

    /// The straight-line paths at every level this CPU has give exactly what the careful
    /// parsers alone give, on generated heads, every prefix of them, and under line limits
    /// around the block sizes.
    fn plain_equals_careful<const RESPONSE: bool>(msg: &[u8], limit: usize) {
        let cfgs = [
            Config::new(),
            Config::new().max_line_len(limit),
            Config::new().lenient(crate::Leniency::all()),
        ];
        // Under miri (scalar code only, and slow) one configuration and the whole head.
        let cfgs = if cfg!(miri) { &cfgs[..1] } else { &cfgs[..] };
        for cfg in cfgs {
            let cuts = [msg.len(), msg.len() / 2, msg.len().saturating_sub(1)];
            for n in if cfg!(miri) { &cuts[..1] } else { &cuts[..] } {
                let n = *n;
                let m = &msg[..n];
                let want = outcome::<_, RESPONSE>(Careful(Scalar), m, cfg);
                assert_eq!(outcome::<_, RESPONSE>(Scalar, m, cfg), want, "scalar {m:?}");
                #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
                {
                    use httpwire_simd::Vector;
                    if let Some(v) = httpwire_simd::Sse2::new() {
                        assert_eq!(outcome::<_, RESPONSE>(v, m, cfg), want, "sse2 {m:?}");
                    }
                    if let Some(v) = httpwire_simd::Avx2::new() {
                        assert_eq!(outcome::<_, RESPONSE>(v, m, cfg), want, "avx2 {m:?}");
                    }
                    if let Some(v) = httpwire_simd::Avx512::new() {
                        assert_eq!(outcome::<_, RESPONSE>(v, m, cfg), want, "avx512 {m:?}");
                    }
                }
                #[cfg(all(
                    target_arch = "aarch64",
                    target_feature = "neon",
                    target_endian = "little"
                ))]
                {
                    use httpwire_simd::Vector;
                    if let Some(v) = httpwire_simd::Neon::new() {
                        assert_eq!(outcome::<_, RESPONSE>(v, m, cfg), want, "neon {m:?}");
                    }
                }
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: if cfg!(miri) { 2 } else { 512 },
            failure_persistence: None,
            ..proptest::prelude::ProptestConfig::default()
        })]

        #[test]
        #[cfg_attr(miri, ignore = "minutes under miri; the scalar plain and careful paths run there in heads.rs and resume.rs")]
        fn plain_paths_equal_the_careful_parsers_on_requests(msg in head(false), limit in 20usize..140) {
            plain_equals_careful::<false>(&msg, limit);
        }

        #[test]
        #[cfg_attr(miri, ignore = "minutes under miri; the scalar plain and careful paths run there in heads.rs and resume.rs")]
        fn plain_paths_equal_the_careful_parsers_on_responses(msg in head(true), limit in 20usize..140) {
            plain_equals_careful::<true>(&msg, limit);
        }
    }
}
