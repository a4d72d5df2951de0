//! The decoder: a state machine fed any split of a chunked body (RFC 9112 §7.1).
//!
//! [`Decoder::decode`] takes the bytes the caller has (from where the last call's
//! [`Step::consumed`] left off) and returns how many it consumed and at most one [`Event`]: a
//! chunk's start with its size, raw extensions and the first of its data, more data, or the end
//! of the body with its trailer section (parsed by http1's field-line parser). Data and
//! extensions are slices of the input, never copied. A size line or a trailer section that is
//! not complete yet is not consumed: the caller keeps those bytes and calls again with more
//! ([`Event::NeedMore`]); the decoder remembers how far it got, so that every byte is looked at
//! a bounded number of times whatever the split.
//!
//! ```
//! use chunked::{Config, Decoder, Event};
//! use http1::FieldStorage;
//!
//! let wire = b"5\r\nhello\r\n6;lang=en\r\n world\r\n0\r\nExpires: never\r\n\r\nGET /";
//! let mut trailers = FieldStorage::<4>::new();
//! let mut dec = Decoder::new(&mut trailers, Config::new());
//! let (mut at, mut body) = (0, Vec::new());
//! loop {
//!     let step = dec.decode(&wire[at..]).unwrap();
//!     at += step.consumed;
//!     match step.event {
//!         Event::Chunk { data, .. } | Event::Data(data) => body.extend_from_slice(data),
//!         Event::End { trailers } => {
//!             assert_eq!(trailers.get(b"expires"), Some(&b"never"[..]));
//!             break;
//!         }
//!         Event::NeedMore => unreachable!("the whole body is here"),
//!     }
//! }
//! assert_eq!(body, b"hello world");
//! assert_eq!(&wire[at..], b"GET /"); // the next message
//! ```

use core::mem::MaybeUninit;
use core::ops::ControlFlow;

use http1::classify::is_tchar;
use http1::{Fields, Outcome, RawField, Storage};

/// Budgets of a chunked body. Every breach is its own [`ErrorKind`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Config {
    /// Extension bytes per body (every byte of a size line after the size, but its CR LF), at
    /// most:
    /// [`Config::DEFAULT_MAX_EXTENSION_BYTES`] by default (and 2 GiB whatever the setting).
    pub max_extension_bytes: u64,
    /// Overhead limit: `None` by default. See [`Config::overhead_limit`].
    pub overhead: Option<OverheadLimit>,
    /// Leniency, off by default: accept SP and HTAB around the `;` and `=` of chunk extensions
    /// (the grammar's BWS, RFC 9112 §7.1.1, which RFC 9110 §5.6.3 says a sender MUST NOT
    /// generate). Not after the size when no `;` follows (`5 \r\n`), which no grammar allows.
    ///
    /// Risk: request smuggling between peers that disagree on such a line. Some (Go before
    /// CVE-2023-39326's fix, old proxies) read `5 ;x` as another size or end the line at the
    /// whitespace; one that accepts the body while the other refuses or reframes it reads a
    /// different message boundary.
    pub bws_in_extensions: bool,
    /// How trailer field lines are parsed: their grammar, leniencies and limits
    /// (`limits.max_head_len` bounds the section's bytes, `limits.max_fields` its fields; the
    /// decoder's storage bounds them too). Strict, with [`Config::DEFAULT_MAX_TRAILER_BYTES`]
    /// and [`Config::DEFAULT_MAX_TRAILER_FIELDS`], by default.
    pub trailers: http1::Config,
}

/// The most framing a body may carry for its data: see [`Config::overhead_limit`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OverheadLimit {
    /// Framing bytes allowed whatever the data.
    pub grace: u64,
    /// Framing bytes allowed per byte of chunk data.
    pub per_data_byte: u64,
}

impl Config {
    /// 16 KiB of extensions per body: what most senders never use at all, and the budget that
    /// node and hyper settled on after CVE-2024-22019 / CVE-2023-39326.
    pub const DEFAULT_MAX_EXTENSION_BYTES: u64 = 16 * 1024;
    /// 8 KiB of trailer section.
    pub const DEFAULT_MAX_TRAILER_BYTES: usize = 8 * 1024;
    /// 32 trailer fields.
    pub const DEFAULT_MAX_TRAILER_FIELDS: usize = 32;

    /// Strict decoding with the default budgets.
    pub const fn new() -> Config {
        Config {
            max_extension_bytes: Config::DEFAULT_MAX_EXTENSION_BYTES,
            overhead: None,
            bws_in_extensions: false,
            trailers: http1::Config::new()
                .max_head_len(Config::DEFAULT_MAX_TRAILER_BYTES)
                .max_fields(Config::DEFAULT_MAX_TRAILER_FIELDS),
        }
    }

    /// Sets the extension budget (bytes per body).
    pub const fn max_extension_bytes(mut self, n: u64) -> Config {
        self.max_extension_bytes = n;
        self
    }

    /// Refuses a body whose framing outgrows its data ([`ErrorKind::Overhead`]): once the size
    /// lines and the CRLFs after chunk data add up to more than `grace` plus `per_data_byte`
    /// for each byte of data the size lines announced. This is a minimum ratio of data to
    /// framing (1 to `per_data_byte`, after `grace`), against a peer that keeps a connection
    /// busy with 1-byte chunks and long extensions. A stream of 1-byte chunks without extensions
    /// costs 5 framing bytes a data byte (`1\r\nx\r\n`), and 16-byte chunks 6 per 16: pick a
    /// limit above what the senders you serve do.
    pub const fn overhead_limit(mut self, grace: u64, per_data_byte: u64) -> Config {
        self.overhead = Some(OverheadLimit {
            grace,
            per_data_byte,
        });
        self
    }

    /// Sets the [`Config::bws_in_extensions`] leniency.
    pub const fn bws_in_extensions(mut self, on: bool) -> Config {
        self.bws_in_extensions = on;
        self
    }

    /// Sets how trailer sections are parsed (see [`Config::trailers`]).
    pub const fn trailers(mut self, cfg: http1::Config) -> Config {
        self.trailers = cfg;
        self
    }
}

impl Default for Config {
    fn default() -> Self {
        Config::new()
    }
}

/// Why a body was refused. The decoder refuses every later call with the same error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Error {
    /// What was wrong.
    pub kind: ErrorKind,
    /// Offset from the body's first byte of the byte that made it invalid (for a budget, the
    /// first byte past it; for [`ErrorKind::Overhead`], the start of the size line that broke
    /// it).
    pub offset: u64,
}

/// What was wrong with a chunked body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The chunk-size is not `1*HEXDIG`, or something other than `;` or CRLF follows it
    /// (whitespace, a sign, `0x`, `_`, ...).
    InvalidSize,
    /// The chunk-size has more than 16 hex digits (leading zeros count): more than a `u64`
    /// holds.
    SizeTooLarge,
    /// A chunk extension does not follow `";" token [ "=" ( token / quoted-string ) ]`
    /// (no whitespace around `;` and `=`, no control bytes, quoted strings closed).
    InvalidExtension,
    /// The body's extensions passed [`Config::max_extension_bytes`].
    ExtensionsTooLarge,
    /// A size line that does not end in CR LF: a CR not followed by LF, or a bare LF.
    LineEnding,
    /// A chunk's data not followed by CRLF.
    DataEnding,
    /// The framing outgrew the data ([`Config::overhead_limit`]).
    Overhead,
    /// The trailer section, refused by http1's field-line parser: its error kind
    /// (`HeadTooLarge` and `TooManyFields` are the trailer budgets).
    Trailer(http1::ErrorKind),
    /// A call brought fewer bytes than the previous one looked at without consuming them (the
    /// caller dropped bytes of a pending size line or trailer section).
    ResumedShorter,
    /// A call after the end of the body (call [`Decoder::reset`] for the next one).
    Finished,
    /// The connection ended before the body did ([`BodyDecoder::close`](crate::BodyDecoder::close)).
    Incomplete,
}

impl core::fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let what = match self {
            ErrorKind::InvalidSize => "invalid chunk size",
            ErrorKind::SizeTooLarge => "chunk size too large",
            ErrorKind::InvalidExtension => "invalid chunk extension",
            ErrorKind::ExtensionsTooLarge => "chunk extensions over budget",
            ErrorKind::LineEnding => "a chunk size line not ended by CRLF",
            ErrorKind::DataEnding => "chunk data not followed by CRLF",
            ErrorKind::Overhead => "chunk framing outgrew its data",
            ErrorKind::Trailer(kind) => return write!(f, "invalid trailer section: {kind:?}"),
            ErrorKind::ResumedShorter => "resumed with fewer bytes than already looked at",
            ErrorKind::Finished => "the chunked body has already ended",
            ErrorKind::Incomplete => "the connection ended before the body",
        };
        f.write_str(what)
    }
}

impl core::fmt::Display for Error {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{} at byte {}", self.kind, self.offset)
    }
}

impl core::error::Error for Error {}

/// What one call to [`Decoder::decode`] did.
#[derive(Debug)]
pub struct Step<'b, 's> {
    /// Bytes of the input consumed: the next call starts after them.
    pub consumed: usize,
    /// What they held.
    pub event: Event<'b, 's>,
}

/// One event of a chunked body.
#[derive(Debug)]
pub enum Event<'b, 's> {
    /// A size line was read: the chunk's size, its extensions exactly as received (from the
    /// first `;`, validated; empty when there are none), and the first of its data that the
    /// input held (possibly all of it, possibly none). The last chunk has size 0; the trailer
    /// section and [`Event::End`] follow it.
    Chunk {
        /// The chunk-size.
        size: u64,
        /// The raw extensions, `;name=value;...`.
        extensions: &'b [u8],
        /// Data of this chunk.
        data: &'b [u8],
    },
    /// More data of the current chunk.
    Data(&'b [u8]),
    /// The body ended: its trailer fields (often none). The input may hold more after it (a
    /// pipelined message): `consumed` stops at the body's end.
    End {
        /// The trailer section's field lines.
        trailers: Fields<'b, 's>,
    },
    /// Nothing more can be decoded from this input: call again with more bytes (those not
    /// consumed first).
    NeedMore,
}

/// What [`Decoder::decode_with`] hands over, event by event: a caller's body reader.
///
/// A closure `FnMut(&[u8])` is a visitor that takes the data and ignores the rest.
pub trait Visitor<'b> {
    /// A chunk begins: its size (0 for the last chunk) and its raw extensions (see
    /// [`Event::Chunk`]). Its data, if any, follows.
    #[inline(always)]
    fn chunk(&mut self, size: u64, extensions: &'b [u8]) {
        let _ = (size, extensions);
    }

    /// Data of the current chunk (never empty; a chunk's data may come in several pieces).
    /// `ControlFlow::Break` stops the decoding after it (say, when the caller's buffer for
    /// the body is full): [`Decoder::decode_with`] returns [`Until::Stopped`], and a later
    /// call goes on from there.
    fn data(&mut self, data: &'b [u8]) -> ControlFlow<()>;
}

impl<'b, F: FnMut(&'b [u8])> Visitor<'b> for F {
    #[inline(always)]
    fn data(&mut self, data: &'b [u8]) -> ControlFlow<()> {
        self(data);
        ControlFlow::Continue(())
    }
}

/// Where [`Decoder::decode_with`] stopped.
#[derive(Debug)]
pub enum Until<'b, 's> {
    /// The body ended (see [`Event::End`]).
    End {
        /// The trailer section's field lines.
        trailers: Fields<'b, 's>,
    },
    /// The input ended first: call again with more bytes (those not consumed first).
    NeedMore,
    /// The visitor stopped.
    Stopped,
}

/// Where the decoder is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// At the start of a size line.
    LineStart,
    /// In a size line, after its first bytes (`scanned` of them).
    Line,
    /// In a chunk's data, `remaining` bytes to go.
    Data,
    /// After a chunk's data, at its CRLF.
    DataEnd,
    /// In the trailer section.
    Trailers,
    /// After the end, or after an error.
    Done,
}

/// Where a size line's grammar is, between calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Line {
    /// In the chunk-size.
    Digits,
    /// In whitespace after the size or a value (with `bws_in_extensions`): a `;` must follow.
    Bws,
    /// After `;`: an extension name's first byte.
    NameStart,
    /// In an extension name.
    Name,
    /// In whitespace after a name (with `bws_in_extensions`): `=` or `;` must follow.
    NameEnd,
    /// After `=`: a value's first byte.
    ValueStart,
    /// In a token value.
    Token,
    /// In a quoted-string.
    Quoted,
    /// After `\` in a quoted-string.
    Escape,
    /// After a quoted-string's closing quote.
    Closed,
    /// After the CR.
    Cr,
}

/// The decoder's state, between calls.
#[derive(Debug, Clone, Copy)]
struct State {
    phase: Phase,
    line: Line,
    /// Digits of the chunk-size read so far.
    digits: u8,
    /// The chunk-size read so far (in `Phase::Line`), or the data left (in `Phase::Data`).
    size: u64,
    /// Bytes of the pending size line or trailer section already looked at (from the first
    /// byte not consumed).
    scanned: u32,
    /// Where the pending size line's extensions start (its first `;`), 0 when none.
    ext_start: u32,
    /// Bytes the last call looked at without consuming them: the next one must bring as many.
    pending: u32,
    /// Bytes consumed by earlier calls: where this call's input starts in the body (a call
    /// adds what it consumed when it returns, so that errors count from its start).
    pos: u64,
    /// Extension bytes of the body so far.
    ext_bytes: u64,
    /// Framing bytes (size lines, CRLFs after data) so far.
    framing: u64,
    /// Data bytes the size lines announced so far.
    announced: u64,
    /// The error, once there was one.
    failed: Option<Error>,
}

impl State {
    const NEW: State = State {
        phase: Phase::LineStart,
        line: Line::Digits,
        digits: 0,
        size: 0,
        scanned: 0,
        ext_start: 0,
        pending: 0,
        pos: 0,
        ext_bytes: 0,
        framing: 0,
        announced: 0,
        failed: None,
    };
}

/// A resumable chunked-body decoder that borrows storage for the trailer fields (its length
/// bounds them, like [`http1::Config`]'s `max_fields`).
///
/// The decoder is [`Decoder::SIZE`] bytes on 64-bit targets (the state, the budgets and the
/// storage reference): it can live in every connection.
pub struct Decoder<'s> {
    slots: &'s mut [MaybeUninit<RawField>],
    cfg: Config,
    st: State,
}

impl core::fmt::Debug for Decoder<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Decoder")
            .field("cfg", &self.cfg)
            .field("state", &self.st)
            .finish()
    }
}

/// A size line read whole: its length, the chunk-size, where its extensions are.
struct SizeLine {
    len: usize,
    size: u64,
    ext: (usize, usize),
}

impl<'s> Decoder<'s> {
    /// `size_of::<Decoder>()` on 64-bit targets (checked by a test).
    pub const SIZE: usize = 176;

    /// A decoder of one body, with `storage` for its trailer fields.
    pub fn new<S: Storage + ?Sized>(storage: &'s mut S, cfg: Config) -> Self {
        Decoder {
            slots: storage.slots(),
            cfg,
            st: State::NEW,
        }
    }

    /// Forgets the body, to decode the next one with the same storage.
    pub fn reset(&mut self) {
        self.st = State::NEW;
    }

    /// Whether the body has ended.
    pub fn is_done(&self) -> bool {
        self.st.phase == Phase::Done && self.st.failed.is_none()
    }

    /// Bytes of the body consumed so far.
    pub fn position(&self) -> u64 {
        self.st.pos
    }

    /// Decodes from `buf`, which starts at the first byte the previous calls did not consume
    /// (on the first call, the body's first byte). Returns how many bytes it consumed and what
    /// they held; see the [module docs](self).
    #[inline]
    pub fn decode<'b>(&mut self, buf: &'b [u8]) -> Result<Step<'b, '_>, Error> {
        // The common chunk in straight-line code: a size line of hex digits and CRLF (no
        // extensions) at a line's start, then its data. Anything else, and every chunk when
        // an overhead limit is set, goes the careful way from the same place. (The tests
        // compare the two by setting a limit that never bites.)
        if self.st.phase == Phase::LineStart
            && self.cfg.overhead.is_none()
            && let Some((len, size)) = plain_size_line(buf)
            && size != 0
        {
            // Most often the whole chunk and its CRLF are here: then nothing in the state
            // changes but the position.
            if let Some((data, rest)) = chunk_after_line(buf, len, size) {
                let end = buf.len() - rest.len();
                self.st.pos += end as u64;
                return Ok(Step {
                    consumed: end,
                    event: Event::Chunk {
                        size,
                        extensions: &[],
                        data,
                    },
                });
            }
            return Ok(self.partial_chunk(buf, len, size));
        }
        self.careful(buf)
    }

    /// A plain size line whose chunk `buf` does not hold whole: out of line.
    #[inline(never)]
    fn partial_chunk<'b>(&mut self, buf: &'b [u8], len: usize, size: u64) -> Step<'b, 's> {
        self.chunk(buf, len, size, &[])
    }

    /// Decodes from `buf` as far as it goes, handing every event to `visitor`: the bytes
    /// consumed, and why it stopped. The same decoding as a loop on [`Decoder::decode`] (the
    /// two can be mixed), without an [`Event`] a call: whole chunks of the common shape go by
    /// in a tight loop.
    ///
    /// ```
    /// use chunked::{Config, Decoder, Until};
    /// use http1::FieldStorage;
    ///
    /// let wire = b"5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n";
    /// let mut storage = FieldStorage::<4>::new();
    /// let mut dec = Decoder::new(&mut storage, Config::new());
    /// let mut body = Vec::new();
    /// let (n, until) = dec.decode_with(wire, &mut |data: &[u8]| body.extend_from_slice(data)).unwrap();
    /// assert!(matches!(until, Until::End { .. }));
    /// assert_eq!((n, &body[..]), (wire.len(), &b"hello world"[..]));
    /// ```
    #[inline(always)]
    pub fn decode_with<'b, V: Visitor<'b>>(
        &mut self,
        buf: &'b [u8],
        visitor: &mut V,
    ) -> Result<(usize, Until<'b, '_>), Error> {
        let mut at = 0;
        loop {
            // Whole chunks of the common shape (see `decode`), without a state change but the
            // position, which is committed once.
            if self.st.phase == Phase::LineStart && self.cfg.overhead.is_none() {
                let mut rest = buf.get(at..).unwrap_or_default();
                let flow = loop {
                    let Some((data, next)) = whole_plain_chunk(rest) else {
                        break ControlFlow::Continue(());
                    };
                    let width = rest.len() - next.len() - data.len() - 4;
                    rest = next;
                    visitor.chunk(data.len() as u64, &[]);
                    if visitor.data(data).is_break() {
                        break ControlFlow::Break(());
                    }
                    // The chunks that follow, while their sizes have the same width.
                    let flow = match width {
                        2 => chunks_of_width::<2, V>(&mut rest, visitor),
                        3 => chunks_of_width::<3, V>(&mut rest, visitor),
                        4 => chunks_of_width::<4, V>(&mut rest, visitor),
                        _ => ControlFlow::Continue(()),
                    };
                    if flow.is_break() {
                        break flow;
                    }
                };
                let end = buf.len() - rest.len();
                if flow.is_break() {
                    self.st.pos += (end - at) as u64;
                    return Ok((end, Until::Stopped));
                }
                self.st.pos += (end - at) as u64;
                at = end;
                // The end of most bodies: the last chunk without extensions, no trailers.
                if buf
                    .get(at..)
                    .is_some_and(|rest| rest.starts_with(b"0\r\n\r\n"))
                {
                    visitor.chunk(0, &[]);
                    self.st.phase = Phase::Done;
                    self.st.pos += 5;
                    let trailers = Fields::EMPTY;
                    return Ok((at + 5, Until::End { trailers }));
                }
                // A whole chunk whose size line has extensions (within the budget): the
                // same, and then the loop above again.
                if let Some((line, data)) = self.whole_extended_chunk(&buf[at..]) {
                    let extensions = &buf[at + line.ext.0..at + line.ext.1];
                    let len = line.len + data.len() + 2;
                    at += len;
                    self.st.pos += len as u64;
                    visitor.chunk(line.size, extensions);
                    if visitor.data(data).is_break() {
                        return Ok((at, Until::Stopped));
                    }
                    continue;
                }
            }
            let rest = buf.get(at..).unwrap_or_default();
            if self.st.phase == Phase::Trailers {
                let step = self.careful(rest)?;
                let until = match step.event {
                    Event::End { trailers } => Until::End { trailers },
                    // The section is not whole yet (no other event comes from it).
                    _ => Until::NeedMore,
                };
                return Ok((at + step.consumed, until));
            }
            let step = self.careful_body(rest)?;
            at += step.consumed;
            let flow = match step.event {
                Event::Chunk {
                    size,
                    extensions,
                    data,
                } => {
                    visitor.chunk(size, extensions);
                    if data.is_empty() {
                        ControlFlow::Continue(())
                    } else {
                        visitor.data(data)
                    }
                }
                Event::Data(data) => visitor.data(data),
                // Not from the body's part (the trailer section is taken above).
                Event::End { .. } | Event::NeedMore => return Ok((at, Until::NeedMore)),
            };
            if flow.is_break() {
                return Ok((at, Until::Stopped));
            }
        }
    }

    /// A whole chunk at the start of `buf` whose size line has extensions, read by
    /// [`quick_size_line`], with at least one byte of data and the CRLF after it, when its
    /// extensions fit in the budget (counted here): the line and the data. Every other line
    /// goes the careful way.
    #[inline(never)]
    fn whole_extended_chunk<'b>(&mut self, buf: &'b [u8]) -> Option<(SizeLine, &'b [u8])> {
        // Not for a size that begins with 0: most often the last chunk, which the careful
        // path takes (as it does a size written with leading zeros).
        if buf.first().is_none_or(|&b| b == b'0') {
            return None;
        }
        let line = quick_size_line(buf)?;
        let n = usize::try_from(line.size).ok()?;
        let (data, after) = buf[line.len..].split_at_checked(n)?;
        let whole = line.ext.0 != line.ext.1 && n != 0 && after.starts_with(b"\r\n");
        (whole && self.charge_extensions(&line)).then_some((line, data))
    }

    /// Counts `line`'s extension bytes against the body's budget when they fit in it (else
    /// the byte-at-a-time reader finds where the budget ran out): whether they did.
    fn charge_extensions(&mut self, line: &SizeLine) -> bool {
        // (A budget past 2 GiB is 2 GiB: a pending line's offsets are u32.)
        let max_ext = self.cfg.max_extension_bytes.min(1 << 31);
        let ext = (line.ext.1 - line.ext.0) as u64;
        let fits = self.st.ext_bytes + ext <= max_ext;
        if fits {
            self.st.ext_bytes += ext;
        }
        fits
    }

    /// [`Decoder::decode`] for everything: resumable at every byte.
    #[inline(never)]
    fn careful<'b>(&mut self, buf: &'b [u8]) -> Result<Step<'b, '_>, Error> {
        if self.st.phase == Phase::Trailers {
            if buf.len() < self.st.pending as usize {
                return self.fail(ErrorKind::ResumedShorter, buf.len());
            }
            return self.trailers(buf, 0);
        }
        self.careful_body(buf)
    }

    /// [`Decoder::careful`] but in the trailer section, which the caller takes first: its
    /// steps borrow nothing of the decoder.
    #[inline(never)]
    fn careful_body<'b>(&mut self, buf: &'b [u8]) -> Result<Step<'b, 'static>, Error> {
        if let Some(e) = self.st.failed {
            return Err(e);
        }
        if buf.len() < self.st.pending as usize {
            return self.fail(ErrorKind::ResumedShorter, buf.len());
        }
        let mut at = 0;
        loop {
            match self.st.phase {
                Phase::LineStart | Phase::Line => {
                    let rest = &buf[at..];
                    let line = match self.size_line(rest) {
                        Ok(Some(line)) => line,
                        Ok(None) => {
                            if self.st.scanned != 0 {
                                self.st.phase = Phase::Line;
                            }
                            return Ok(self.need_more(buf, at));
                        }
                        Err((kind, off)) => return self.fail(kind, at + off),
                    };
                    let (st, cfg) = (&mut self.st, &self.cfg);
                    st.framing += line.len as u64;
                    st.announced = st.announced.saturating_add(line.size);
                    if let Some(limit) = cfg.overhead {
                        let allowed = limit
                            .grace
                            .saturating_add(limit.per_data_byte.saturating_mul(st.announced));
                        if st.framing > allowed {
                            return self.fail(ErrorKind::Overhead, at);
                        }
                    }
                    let extensions = &rest[line.ext.0..line.ext.1];
                    let at = at + line.len;
                    if line.size == 0 {
                        self.st.phase = Phase::Trailers;
                        self.st.pending = 0;
                        self.st.pos += at as u64;
                        return Ok(Step {
                            consumed: at,
                            event: Event::Chunk {
                                size: 0,
                                extensions,
                                data: &[],
                            },
                        });
                    }
                    return Ok(self.chunk(buf, at, line.size, extensions));
                }
                Phase::Data => {
                    if at == buf.len() {
                        return Ok(self.need_more(buf, at));
                    }
                    let (data, end) = self.data(buf, at, self.st.size);
                    return Ok(Step {
                        consumed: end,
                        event: Event::Data(data),
                    });
                }
                Phase::DataEnd => match buf.get(at..at + 2) {
                    Some(b"\r\n") => {
                        at += 2;
                        self.st.framing += 2;
                        self.st.phase = Phase::LineStart;
                    }
                    Some(&[b'\r', _]) => return self.fail(ErrorKind::DataEnding, at + 1),
                    Some(_) => return self.fail(ErrorKind::DataEnding, at),
                    None => {
                        if buf.get(at).is_some_and(|&b| b != b'\r') {
                            return self.fail(ErrorKind::DataEnding, at);
                        }
                        return Ok(self.need_more(buf, at));
                    }
                },
                // Reached after a data CRLF never (a size line comes first), and at the call's
                // start only when the caller did not take the section first: ask again.
                Phase::Trailers => return Ok(self.need_more(buf, at)),
                Phase::Done => return self.fail(ErrorKind::Finished, at),
            }
        }
    }

    /// The [`Event::Chunk`] of a size line that ends at `at` and announces `size` (> 0)
    /// bytes, with the data and the CRLF after it as far as `buf` holds them.
    #[inline(always)]
    fn chunk<'b, 'x>(
        &mut self,
        buf: &'b [u8],
        at: usize,
        size: u64,
        extensions: &'b [u8],
    ) -> Step<'b, 'x> {
        let (data, end) = self.data(buf, at, size);
        Step {
            consumed: end,
            event: Event::Chunk {
                size,
                extensions,
                data,
            },
        }
    }

    /// The data from `buf[at..]` (`at <= buf.len()`) of a chunk with `size` bytes to go, and
    /// where the call's consumption ends: after the data, and after the CRLF that follows the
    /// chunk's last byte when `buf` holds it (else the next call checks those bytes, in
    /// `Phase::DataEnd`). Commits the call: phase, bytes to go, position.
    #[inline(always)]
    fn data<'b>(&mut self, buf: &'b [u8], at: usize, size: u64) -> (&'b [u8], usize) {
        let rest = buf.get(at..).unwrap_or_default();
        let take = usize::try_from(size).map_or(rest.len(), |size| size.min(rest.len()));
        let (data, after) = rest.split_at(take);
        let st = &mut self.st;
        let mut end = at + take;
        let left = size - take as u64;
        // (0 when the data is all here: the size line's reader starts from it.)
        st.size = left;
        if left != 0 {
            st.phase = Phase::Data;
        } else if after.first_chunk::<2>() == Some(b"\r\n") {
            end += 2;
            st.framing += 2;
            st.phase = Phase::LineStart;
        } else {
            st.phase = Phase::DataEnd;
        }
        st.pos += end as u64;
        st.pending = 0;
        (data, end)
    }

    /// `NeedMore` after consuming `buf[..at]`: the rest was looked at, and must come again.
    fn need_more<'b, 'x>(&mut self, buf: &'b [u8], at: usize) -> Step<'b, 'x> {
        need_more(&mut self.st, buf, at)
    }

    /// Records the error at `buf` offset `at` (of this call's input).
    fn fail<T>(&mut self, kind: ErrorKind, at: usize) -> Result<T, Error> {
        let e = Error {
            kind,
            offset: self.st.pos + at as u64,
        };
        self.st.failed = Some(e);
        // Off the straight-line path for good.
        self.st.phase = Phase::Done;
        Err(e)
    }

    /// Reads the size line at the start of `buf`, from where earlier calls left it: the whole
    /// line, `None` when `buf` ends first (the state then says how far it got), or the error
    /// and its offset in `buf`.
    fn size_line(&mut self, buf: &[u8]) -> Result<Option<SizeLine>, (ErrorKind, usize)> {
        // A new line that is here whole and strict (no whitespace) is read in tight loops;
        // anything else, byte by byte from its start, below. (Once that reader has looked at
        // a line's bytes, it keeps the line: each byte is read at most twice.)
        if self.st.scanned == 0
            && let Some(line) = quick_size_line(buf)
            && self.charge_extensions(&line)
        {
            return Ok(Some(line));
        }
        let st = &mut self.st;
        // (A budget past 2 GiB is 2 GiB: a pending line's offsets are u32.)
        let max_ext = self.cfg.max_extension_bytes.min(1 << 31);
        let bws = self.cfg.bws_in_extensions;
        let ws = |b: u8| bws && (b == b' ' || b == b'\t');
        let mut i = st.scanned as usize;
        while let Some(&b) = buf.get(i) {
            let next = match st.line {
                Line::Digits => match hex(b) {
                    Some(d) => {
                        if st.digits == 16 {
                            return Err((ErrorKind::SizeTooLarge, i));
                        }
                        st.digits += 1;
                        st.size = st.size << 4 | u64::from(d);
                        Line::Digits
                    }
                    None if st.digits == 0 => return Err((ErrorKind::InvalidSize, i)),
                    None => match b {
                        b';' => Line::NameStart,
                        b'\r' => Line::Cr,
                        b'\n' => return Err((ErrorKind::LineEnding, i)),
                        _ if ws(b) => Line::Bws,
                        _ => return Err((ErrorKind::InvalidSize, i)),
                    },
                },
                Line::Bws => match b {
                    b';' => Line::NameStart,
                    _ if ws(b) => Line::Bws,
                    // Whitespace after the size, not before a `;`.
                    _ if st.ext_start == 0 => return Err((ErrorKind::InvalidSize, i)),
                    _ => return Err((ErrorKind::InvalidExtension, i)),
                },
                Line::NameStart => match b {
                    _ if is_tchar(b) => Line::Name,
                    _ if ws(b) => Line::NameStart,
                    _ => return Err((ErrorKind::InvalidExtension, i)),
                },
                Line::Name => match b {
                    _ if is_tchar(b) => Line::Name,
                    b'=' => Line::ValueStart,
                    b';' => Line::NameStart,
                    b'\r' => Line::Cr,
                    b'\n' => return Err((ErrorKind::LineEnding, i)),
                    _ if ws(b) => Line::NameEnd,
                    _ => return Err((ErrorKind::InvalidExtension, i)),
                },
                Line::NameEnd => match b {
                    b'=' => Line::ValueStart,
                    b';' => Line::NameStart,
                    _ if ws(b) => Line::NameEnd,
                    _ => return Err((ErrorKind::InvalidExtension, i)),
                },
                Line::ValueStart => match b {
                    b'"' => Line::Quoted,
                    _ if is_tchar(b) => Line::Token,
                    _ if ws(b) => Line::ValueStart,
                    _ => return Err((ErrorKind::InvalidExtension, i)),
                },
                Line::Token => match b {
                    _ if is_tchar(b) => Line::Token,
                    b';' => Line::NameStart,
                    b'\r' => Line::Cr,
                    b'\n' => return Err((ErrorKind::LineEnding, i)),
                    _ if ws(b) => Line::Bws,
                    _ => return Err((ErrorKind::InvalidExtension, i)),
                },
                Line::Quoted => match b {
                    b'"' => Line::Closed,
                    b'\\' => Line::Escape,
                    _ if is_qdtext(b) => Line::Quoted,
                    _ => return Err((ErrorKind::InvalidExtension, i)),
                },
                Line::Escape => match b {
                    _ if is_qdtext(b) || b == b'"' || b == b'\\' => Line::Quoted,
                    _ => return Err((ErrorKind::InvalidExtension, i)),
                },
                Line::Closed => match b {
                    b';' => Line::NameStart,
                    b'\r' => Line::Cr,
                    b'\n' => return Err((ErrorKind::LineEnding, i)),
                    _ if ws(b) => Line::Bws,
                    _ => return Err((ErrorKind::InvalidExtension, i)),
                },
                Line::Cr => {
                    if b != b'\n' {
                        return Err((ErrorKind::LineEnding, i));
                    }
                    let cr = i - 1;
                    let ext = match st.ext_start as usize {
                        0 => (cr, cr),
                        start => (start, cr),
                    };
                    let line = SizeLine {
                        len: i + 1,
                        size: st.size,
                        ext,
                    };
                    (st.line, st.digits, st.size, st.scanned, st.ext_start) =
                        (Line::Digits, 0, 0, 0, 0);
                    return Ok(Some(line));
                }
            };
            // The raw extensions start at the first `;` (never at 0: a digit comes first).
            if b == b';' && st.ext_start == 0 {
                st.ext_start = i as u32;
            }
            // Extension bytes: every byte after the size but the CR (whitespace before the
            // first `;` too, with the BWS leniency).
            if !matches!(next, Line::Digits | Line::Cr) {
                st.ext_bytes += 1;
                if st.ext_bytes > max_ext {
                    return Err((ErrorKind::ExtensionsTooLarge, i));
                }
            }
            st.line = next;
            i += 1;
        }
        // The pending line is at most 16 digits, the extension budget's bytes (at most 2 GiB)
        // and CR LF: a u32.
        st.scanned = i as u32;
        Ok(None)
    }

    /// The trailer section from `buf[at..]`: its end found (resumably: line by line from where
    /// the last call stopped), then parsed whole by http1.
    fn trailers<'b>(&mut self, buf: &'b [u8], at: usize) -> Result<Step<'b, '_>, Error> {
        let rest = &buf[at..];
        // Most bodies have no trailers: the empty line alone, which http1 would read as no
        // fields too.
        if rest.starts_with(b"\r\n") {
            self.st.phase = Phase::Done;
            self.st.pos += (at + 2) as u64;
            self.st.pending = 0;
            self.st.scanned = 0;
            return Ok(Step {
                consumed: at + 2,
                event: Event::End {
                    trailers: Fields::EMPTY,
                },
            });
        }
        // As http1 counts it: at most 4 GiB, so that the offsets below are u32.
        let max = self.cfg.trailers.limits.max_head_len.min(u32::MAX as usize);
        let mut line = self.st.scanned as usize;
        let end = loop {
            match rest.get(line..) {
                Some([b'\r', b'\n', ..]) => break line + 2,
                // An empty line of a bare LF: http1 refuses it, unless the leniency is on.
                Some([b'\n', ..]) => break line + 1,
                _ => {}
            }
            match rest.get(line..).and_then(|r| memchr::memchr(b'\n', r)) {
                Some(lf) => line += lf + 1,
                None => {
                    if rest.len() >= max {
                        return self
                            .fail(ErrorKind::Trailer(http1::ErrorKind::HeadTooLarge), at + max);
                    }
                    self.st.scanned = line as u32;
                    return Ok(self.need_more(buf, at));
                }
            }
        };
        let section = &rest[..end];
        let pos = self.st.pos + at as u64;
        match http1::parse_trailers(section, &mut *self.slots, &self.cfg.trailers) {
            Ok(Outcome::Complete(t)) => {
                let len = t.len;
                self.st.phase = Phase::Done;
                self.st.pos = pos + len as u64;
                self.st.pending = 0;
                self.st.scanned = 0;
                Ok(Step {
                    consumed: at + len,
                    event: Event::End { trailers: t.fields },
                })
            }
            // The end found is not the section's end for http1 (it cannot be, with the lines
            // found as above): wait for more, from there on.
            Ok(Outcome::Incomplete) => {
                self.st.scanned = end as u32;
                Ok(need_more(&mut self.st, buf, at))
            }
            Err(e) => {
                let e = Error {
                    kind: ErrorKind::Trailer(e.kind),
                    offset: pos + e.offset as u64,
                };
                self.st.failed = Some(e);
                Err(e)
            }
        }
    }
}

/// [`Decoder::need_more`] on the state alone.
fn need_more<'b, 's>(st: &mut State, buf: &'b [u8], at: usize) -> Step<'b, 's> {
    // A pending line or section is bounded by the budgets, far below 4 GiB.
    st.pending = u32::try_from(buf.len() - at).unwrap_or(u32::MAX);
    st.pos += at as u64;
    Step {
        consumed: at,
        event: Event::NeedMore,
    }
}

/// The value of each byte as a hex digit, [`NOT_HEX`] for a byte that is not one: so that for
/// two bytes `a` and `b`, `HEX[a] << 4 | HEX[b]` is at most 255 exactly when both are digits,
/// and is then their value.
const HEX: [u16; 256] = {
    let mut t = [NOT_HEX; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = match b as u8 {
            c @ b'0'..=b'9' => (c - b'0') as u16,
            c @ b'a'..=b'f' => (c - b'a' + 10) as u16,
            c @ b'A'..=b'F' => (c - b'A' + 10) as u16,
            _ => NOT_HEX,
        };
        b += 1;
    }
    t
};

/// [`HEX`]'s value for a byte that is no hex digit.
const NOT_HEX: u16 = 0x100;

/// The value of a hex digit.
#[inline(always)]
fn hex(b: u8) -> Option<u8> {
    let d = HEX[usize::from(b)];
    (d < 16).then_some(d as u8)
}

/// A size line of 1 to 16 hex digits and CRLF at the start of `buf`: its length and the size;
/// `None` for anything else (extensions, a line `buf` does not hold whole, an error), which
/// the careful path then reads from the start.
#[inline(always)]
fn plain_size_line(buf: &[u8]) -> Option<(usize, u64)> {
    // Most often the line's longest form (16 digits, CR LF) fits in the input. The line then
    // ends at its first CRLF, looked for at each place a short size line ends, and the bytes
    // before it need only be hex digits, tested and combined two at a time (see `HEX`).
    if let Some(line) = buf.first_chunk::<18>() {
        let crlf_at = |i: usize| line[i..i + 2] == *b"\r\n";
        let d = |i: usize| HEX[usize::from(line[i])];
        if crlf_at(1) {
            return Some((3, fixed_digits::<1>(line)?));
        }
        if crlf_at(2) {
            return Some((4, fixed_digits::<2>(line)?));
        }
        if crlf_at(3) {
            return Some((5, fixed_digits::<3>(line)?));
        }
        if crlf_at(4) {
            return Some((6, fixed_digits::<4>(line)?));
        }
        let (mut size, mut i) = (0u64, 0);
        while i < 16 {
            let d = d(i);
            if d > 15 {
                break;
            }
            size = size << 4 | u64::from(d);
            i += 1;
        }
        // (A 17th digit is no CR.)
        return (i != 0 && crlf_at(i)).then_some((i + 2, size));
    }
    let (i, size) = leading_digits(buf)?;
    (buf.get(i..i + 2)? == b"\r\n").then_some((i + 2, size))
}

/// The 1 to 16 hex digits at the start of `buf`, when a byte that is not one follows them
/// in `buf`: how many, and their value. (None, more than 16, which the careful path refuses,
/// or only digits: `None`.)
#[inline(always)]
fn leading_digits(buf: &[u8]) -> Option<(usize, u64)> {
    let (mut size, mut i) = (0u64, 0);
    loop {
        let d = HEX[usize::from(*buf.get(i)?)];
        if d > 15 {
            break;
        }
        if i == 16 {
            return None;
        }
        size = size << 4 | u64::from(d);
        i += 1;
    }
    (i != 0).then_some((i, size))
}

/// The value of the `N` (1 to 4) hex digits that begin `line`, `None` unless all are digits:
/// tested and combined two at a time (see `HEX`).
#[inline(always)]
fn fixed_digits<const N: usize>(line: &[u8; 18]) -> Option<u64> {
    let d = |i: usize| HEX[usize::from(line[i])];
    let pair = |i: usize| d(i) << 4 | d(i + 1);
    let (high, low) = match N {
        1 => (0, d(0)),
        2 => (0, pair(0)),
        3 => (d(0), pair(1)),
        _ => (pair(0), pair(2)),
    };
    ((high | low) < 256).then_some(u64::from(high) << 8 | u64::from(low))
}

/// A whole chunk of the common shape at the start of `buf`: a plain size line (see
/// [`plain_size_line`]) announcing 1 byte to 4 GiB, the data, and the CRLF after it. Its data
/// and the bytes after it.
#[inline(always)]
fn whole_plain_chunk(buf: &[u8]) -> Option<(&[u8], &[u8])> {
    let (len, size) = plain_size_line(buf)?;
    chunk_after_line(buf, len, size)
}

/// [`whole_plain_chunk`] for a size line of exactly `N` (1 to 4) digits, where `buf` holds
/// at least the longest line's 18 bytes (else `None`, and the general step reads it): a
/// body's chunks most often have sizes of one width, and a loop that expects it tests one
/// place for the line's end.
#[inline(always)]
fn whole_chunk_of_width<const N: usize>(buf: &[u8]) -> Option<(&[u8], &[u8])> {
    let line = buf.first_chunk::<18>()?;
    if line[N..N + 2] != *b"\r\n" {
        return None;
    }
    chunk_after_line(buf, N + 2, fixed_digits::<N>(line)?)
}

/// The chunk whose plain size line of `len` bytes announces `size`, when `buf` holds it
/// whole with the CRLF after it and `size` is 1 byte to 4 GiB: its data and the bytes after
/// it.
#[inline(always)]
fn chunk_after_line(buf: &[u8], len: usize, size: u64) -> Option<(&[u8], &[u8])> {
    // (Larger sizes go the careful way, as does the last chunk.)
    let n = u32::try_from(size).ok()? as usize;
    let end = len + n + 2;
    let (chunk, rest) = buf.split_at_checked(end)?;
    let (line_data, crlf) = chunk.split_at(end - 2);
    (n != 0 && crlf == b"\r\n").then_some((&line_data[len..], rest))
}

/// Hands `visitor` the whole chunks at the start of `rest` whose size lines have `N` digits
/// (see [`whole_chunk_of_width`]), taking them off `rest`, until one is not of that shape or
/// the visitor stops.
#[inline(always)]
fn chunks_of_width<'b, const N: usize, V: Visitor<'b>>(
    rest: &mut &'b [u8],
    visitor: &mut V,
) -> ControlFlow<()> {
    while let Some((data, next)) = whole_chunk_of_width::<N>(rest) {
        *rest = next;
        visitor.chunk(data.len() as u64, &[]);
        visitor.data(data)?;
    }
    ControlFlow::Continue(())
}

/// A whole size line of the strict grammar at the start of `buf`: 1 to 16 hex digits, then
/// extensions without whitespace (`;` name, and `=` and a token or quoted-string value), then
/// CRLF. `None` for anything else, which the byte-at-a-time reader then decides.
fn quick_size_line(buf: &[u8]) -> Option<SizeLine> {
    let (digits, size) = leading_digits(buf)?;
    let mut i = digits;
    while buf.get(i) == Some(&b';') {
        i = token_end(buf, i + 1)?;
        if buf.get(i) == Some(&b'=') {
            i = match buf.get(i + 1) {
                Some(b'"') => quoted_end(buf, i + 2)?,
                _ => token_end(buf, i + 1)?,
            };
        }
    }
    if buf.get(i..i + 2) != Some(b"\r\n") {
        return None;
    }
    Some(SizeLine {
        len: i + 2,
        size,
        ext: (digits, i),
    })
}

/// The end of the token (one or more `tchar`) at `buf[i..]`: `None` when there is none.
#[inline(always)]
fn token_end(buf: &[u8], i: usize) -> Option<usize> {
    let end = http1::simd::token_stop(buf, i);
    (end > i).then_some(end)
}

/// The end of the quoted-string whose opening quote is at `i - 1`: after its closing quote;
/// `None` when `buf` holds no closing quote or a byte that may not be in one.
fn quoted_end(buf: &[u8], mut i: usize) -> Option<usize> {
    loop {
        match *buf.get(i)? {
            b'"' => return Some(i + 1),
            b'\\' => {
                let b = *buf.get(i + 1)?;
                if !(is_qdtext(b) || b == b'"' || b == b'\\') {
                    return None;
                }
                i += 2;
            }
            b if is_qdtext(b) => i += 1,
            _ => return None,
        }
    }
}

/// `qdtext` (RFC 9110 §5.6.4): HTAB, SP, VCHAR but `"` and `\`, obs-text.
#[inline(always)]
fn is_qdtext(b: u8) -> bool {
    matches!(b, b'\t' | b' ' | 0x21 | 0x23..=0x5b | 0x5d..=0x7e | 0x80..)
}

#[cfg(test)]
mod tests {
    extern crate std;
    use super::*;
    use std::vec::Vec;

    #[test]
    fn size_is_documented() {
        if cfg!(target_pointer_width = "64") {
            assert_eq!(core::mem::size_of::<Decoder<'_>>(), Decoder::SIZE);
        }
    }

    /// The size line's grammar read a byte at a time, for the fast readers to agree with.
    fn size_line_reference(buf: &[u8]) -> Option<(usize, u64)> {
        let digits = buf.iter().take_while(|b| b.is_ascii_hexdigit()).count();
        if !(1..=16).contains(&digits) || buf.get(digits..digits + 2) != Some(b"\r\n") {
            return None;
        }
        let text = core::str::from_utf8(&buf[..digits]).unwrap();
        Some((digits + 2, u64::from_str_radix(text, 16).unwrap()))
    }

    /// Every line of up to 6 bytes from an alphabet of digits (zero, low, high, both cases),
    /// their neighbours, CR, LF and `;`, then CRLF and more bytes (or not: a short input): the
    /// fast size-line readers agree with the reference, and a whole chunk is found exactly
    /// when the reference sees a nonzero size and the data and its CRLF are there.
    #[test]
    fn plain_size_line_is_the_grammar() {
        const ALPHABET: &[u8] = b"019afAFg/:@`G\r\n; ";
        let (max_len, step) = if cfg!(miri) { (3, 7) } else { (5, 1) };
        let mut line = Vec::new();
        let mut checked = 0;
        for len in 0..=max_len {
            let count = ALPHABET.len().pow(len as u32);
            for mut k in (0..count).step_by(step) {
                line.clear();
                for _ in 0..len {
                    line.push(ALPHABET[k % ALPHABET.len()]);
                    k /= ALPHABET.len();
                }
                line.extend_from_slice(b"\r\n");
                // The data of a 1-, 2- or 16-byte chunk and its CRLF, then the next line.
                let full_len = line.len();
                line.extend_from_slice(b"0123456789abcdef\r\n5\r\nabcde\r\n0\r\n\r\n");
                for cut in [full_len, full_len + 3, full_len + 4, line.len()] {
                    let buf = &line[..cut];
                    let want = size_line_reference(buf);
                    assert_eq!(plain_size_line(buf), want, "{}", buf.escape_ascii());
                    let whole = want.and_then(|(n, size)| {
                        let end = n + usize::try_from(size).ok()?;
                        (size != 0 && buf.get(end..end + 2) == Some(b"\r\n"))
                            .then(|| (&buf[n..end], &buf[end + 2..]))
                    });
                    assert_eq!(whole_plain_chunk(buf), whole, "{}", buf.escape_ascii());
                    // The loops for one width find the same chunks of their width, no other,
                    // where the input holds the longest line's 18 bytes.
                    let width = want.map(|(n, _)| n - 2).filter(|_| buf.len() >= 18);
                    let of = |w: usize| (width == Some(w)).then_some(whole).flatten();
                    assert_eq!(whole_chunk_of_width::<1>(buf), of(1));
                    assert_eq!(whole_chunk_of_width::<2>(buf), of(2));
                    assert_eq!(whole_chunk_of_width::<3>(buf), of(3));
                    assert_eq!(whole_chunk_of_width::<4>(buf), of(4));
                    checked += 1;
                }
            }
        }
        assert!(
            checked > if cfg!(miri) { 2_900 } else { 6_000_000 },
            "{checked}"
        );
        // Long lines: 15 to 17 digits, the largest size, leading zeros.
        for line in [
            &b"fffffffffffffff\r\n"[..],
            b"ffffffffffffffff\r\n",
            b"1ffffffffffffffff\r\n",
            b"0000000000000001\r\n",
            b"00000000000000001\r\n",
            b"0000000000000000\r\n",
            b"00000\r\n",
        ] {
            for pad in [0, 20] {
                let mut buf = line.to_vec();
                buf.resize(line.len() + pad, b'x');
                let want = size_line_reference(&buf);
                assert_eq!(plain_size_line(&buf), want, "{}", buf.escape_ascii());
            }
        }
        assert_eq!(
            plain_size_line(b"ffffffffffffffff\r\n"),
            Some((18, u64::MAX))
        );
    }

    /// What a decoder makes of a size line and a byte of data: the chunk's size and raw
    /// extensions, or the error. `split`: fed its first byte alone first (so that the
    /// byte-at-a-time reader takes the line), else whole (the quick reader's chance).
    fn first_chunk(line: &[u8], split: bool) -> Result<(u64, Vec<u8>), Error> {
        let mut storage = http1::FieldStorage::<2>::new();
        let mut dec = Decoder::new(&mut storage, Config::new());
        if split {
            let step = dec.decode(&line[..1])?;
            assert!(matches!(step.event, Event::NeedMore) && step.consumed == 0);
        }
        match dec.decode(line)?.event {
            Event::Chunk {
                size, extensions, ..
            } => Ok((size, extensions.to_vec())),
            other => panic!("{other:?}"),
        }
    }

    /// Every extension of up to 5 bytes from an alphabet of token bytes, separators, quotes,
    /// escapes, whitespace, line ends and bytes allowed nowhere: the quick reader decides each
    /// line exactly as the byte-at-a-time one does.
    #[test]
    fn quick_size_line_is_the_careful_one() {
        const ALPHABET: &[u8] = b";=\"\\a- \t\r\n\x80@";
        let (max_len, step) = if cfg!(miri) { (3, 5) } else { (5, 1) };
        let mut line = Vec::new();
        let (mut checked, mut quick) = (0, 0);
        for len in 0..=max_len {
            let count = ALPHABET.len().pow(len as u32);
            for mut k in (0..count).step_by(step) {
                line.clear();
                line.extend_from_slice(b"1f");
                for _ in 0..len {
                    line.push(ALPHABET[k % ALPHABET.len()]);
                    k /= ALPHABET.len();
                }
                line.extend_from_slice(b"\r\nx");
                let whole = first_chunk(&line, false);
                assert_eq!(whole, first_chunk(&line, true), "{}", line.escape_ascii());
                quick += usize::from(quick_size_line(&line).is_some());
                checked += 1;
            }
        }
        assert!(
            checked > if cfg!(miri) { 300 } else { 270_000 },
            "{checked}"
        );
        // The quick reader took a share of them (the valid ones without whitespace).
        assert!(quick > checked / 200 && quick > 0, "{quick} of {checked}");
    }
}
