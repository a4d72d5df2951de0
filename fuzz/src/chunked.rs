//! Checks of the chunked decoder: any split decodes as the whole does, an independent reading
//! of the grammar agrees on which bodies are whole and valid, and httparse's size-line parser
//! differs only where its leniencies are known.

use core::ops::ControlFlow;

use chunked::{Config, Decoder, Error, ErrorKind, Event, Until, Visitor};
use http1::FieldStorage;

/// What a body decoded to: chunks (size, raw extensions, data), trailer fields, bytes
/// consumed; `None` when it did not end within the input.
pub type Decoded = Option<(Vec<(u64, Vec<u8>, Vec<u8>)>, Vec<(Vec<u8>, Vec<u8>)>, usize)>;

/// Split points from fuzz bytes: each byte a fraction (of 255) of `len`, sorted.
pub fn cuts(raw: &[u8], len: usize) -> Vec<usize> {
    let mut cuts: Vec<usize> = raw.iter().map(|&c| usize::from(c) * len / 255).collect();
    cuts.sort_unstable();
    cuts
}

/// Decodes `wire` fed in pieces ending at `cuts` (then the whole), the way a caller loops:
/// what was not consumed stays, the next piece is appended.
pub fn decode_split(wire: &[u8], cuts: &[usize], cfg: Config) -> Result<Decoded, Error> {
    let mut storage = FieldStorage::<16>::new();
    let mut dec = Decoder::new(&mut storage, cfg);
    let mut chunks: Vec<(u64, Vec<u8>, Vec<u8>)> = Vec::new();
    let mut at = 0;
    for end in cuts.iter().copied().chain([wire.len()]) {
        let end = end.clamp(at, wire.len());
        loop {
            let step = dec.decode(&wire[at..end])?;
            at += step.consumed;
            match step.event {
                Event::Chunk {
                    size,
                    extensions,
                    data,
                } => {
                    assert!(data.len() as u64 <= size);
                    chunks.push((size, extensions.to_vec(), data.to_vec()));
                }
                Event::Data(data) => {
                    assert!(!data.is_empty(), "an empty Data event");
                    let last = chunks.last_mut().expect("data before a chunk");
                    last.2.extend_from_slice(data);
                    assert!(last.2.len() as u64 <= last.0, "more data than the size");
                }
                Event::End { trailers } => {
                    let trailers = trailers
                        .iter()
                        .map(|f| (f.name.to_vec(), f.value.to_vec()))
                        .collect();
                    return Ok(Some((chunks, trailers, at)));
                }
                Event::NeedMore => {
                    assert!(at <= end);
                    break;
                }
            }
        }
    }
    Ok(None)
}

/// What `decode_with` hands over, in [`Decoded`]'s shape.
#[derive(Default)]
struct Recorder {
    chunks: Vec<(u64, Vec<u8>, Vec<u8>)>,
}

impl<'b> Visitor<'b> for Recorder {
    fn chunk(&mut self, size: u64, extensions: &'b [u8]) {
        self.chunks.push((size, extensions.to_vec(), Vec::new()));
    }

    fn data(&mut self, data: &'b [u8]) -> ControlFlow<()> {
        assert!(!data.is_empty(), "empty data");
        let last = self.chunks.last_mut().expect("data before a chunk");
        last.2.extend_from_slice(data);
        assert!(last.2.len() as u64 <= last.0, "more data than the size");
        ControlFlow::Continue(())
    }
}

/// [`decode_split`] through `decode_with` (its tight loops for whole chunks of one shape).
pub fn decode_with_split(wire: &[u8], cuts: &[usize], cfg: Config) -> Result<Decoded, Error> {
    let mut storage = FieldStorage::<16>::new();
    let mut dec = Decoder::new(&mut storage, cfg);
    let mut rec = Recorder::default();
    let mut at = 0;
    for end in cuts.iter().copied().chain([wire.len()]) {
        let end = end.clamp(at, wire.len());
        let (n, until) = dec.decode_with(&wire[at..end], &mut rec)?;
        at += n;
        assert!(at <= end);
        match until {
            Until::End { trailers } => {
                let trailers = trailers
                    .iter()
                    .map(|f| (f.name.to_vec(), f.value.to_vec()))
                    .collect();
                return Ok(Some((rec.chunks, trailers, at)));
            }
            Until::NeedMore => {}
            Until::Stopped => panic!("the visitor never stops"),
        }
    }
    Ok(None)
}

/// The decoder on `wire` whole and in the pieces `cuts`, through both interfaces: the same
/// result, and a result that the reference reading ([`reference`]) agrees with.
pub fn check_decoder(wire: &[u8], cuts: &[usize]) {
    let cfg = Config::new();
    let whole = decode_split(wire, &[], cfg);
    assert_eq!(decode_split(wire, cuts, cfg), whole, "split {cuts:?}");
    assert_eq!(decode_with_split(wire, &[], cfg), whole, "decode_with");
    assert_eq!(
        decode_with_split(wire, cuts, cfg),
        whole,
        "decode_with, split {cuts:?}"
    );
    match (&whole, reference(wire)) {
        // Both read a whole body: the same chunks and length (the trailer fields are http1's).
        (Ok(Some((chunks, _, consumed))), Reference::Body { chunks: r, end }) => {
            assert_eq!(chunks, &r);
            assert_eq!(*consumed, end);
        }
        // A trailer section that http1 refused, in a body otherwise whole.
        (Err(e), Reference::Body { .. }) => {
            assert!(matches!(e.kind, ErrorKind::Trailer(_)), "{e:?}")
        }
        (Ok(Some(_)), r) => panic!("decoded, but the reference says {r:?}"),
        (Ok(None), Reference::Invalid) => panic!("incomplete, but the reference refuses"),
        (Ok(None), Reference::Body { .. }) => panic!("incomplete, but the reference read a body"),
        // The decoder refuses a bad prefix early, where the reference waits for a line's end.
        (Err(_), Reference::Incomplete | Reference::Invalid)
        | (Ok(None), Reference::Incomplete) => {}
    }
}

/// What [`reference`] made of a body.
#[derive(Debug)]
pub enum Reference {
    /// A whole body: its chunks, and where its trailer section ends.
    Body {
        chunks: Vec<(u64, Vec<u8>, Vec<u8>)>,
        end: usize,
    },
    /// It does not end within the input (no judgement on the bytes so far).
    Incomplete,
    /// It breaks the grammar.
    Invalid,
}

/// RFC 9112 §7.1 read line by line, independently of the decoder: split at each CR LF, each
/// size line checked against the grammar as written (chunk-size, then `;` extensions, each a
/// token name and an optional token or quoted-string value). The trailer section is found, not
/// parsed (http1 does that).
pub fn reference(wire: &[u8]) -> Reference {
    let mut chunks = Vec::new();
    let mut pos = 0;
    loop {
        let Some(len) = find_crlf(&wire[pos..]) else {
            return Reference::Incomplete;
        };
        let line = &wire[pos..pos + len];
        let Some((size, ext)) = size_line(line) else {
            return Reference::Invalid;
        };
        pos += len + 2;
        if size == 0 {
            chunks.push((0, ext.to_vec(), Vec::new()));
            break;
        }
        let Some(data) = usize::try_from(size)
            .ok()
            .and_then(|n| wire.get(pos..pos.checked_add(n)?))
        else {
            return Reference::Incomplete;
        };
        chunks.push((size, ext.to_vec(), data.to_vec()));
        pos += data.len();
        match wire.get(pos..pos + 2) {
            Some(b"\r\n") => pos += 2,
            Some(_) => return Reference::Invalid,
            None if wire.get(pos).is_some_and(|&b| b != b'\r') => return Reference::Invalid,
            None => return Reference::Incomplete,
        }
    }
    // The trailer section: lines up to the first empty one.
    loop {
        if wire[pos..].starts_with(b"\r\n") {
            return Reference::Body {
                chunks,
                end: pos + 2,
            };
        }
        match wire[pos..].iter().position(|&b| b == b'\n') {
            Some(lf) => pos += lf + 1,
            None => return Reference::Incomplete,
        }
    }
}

fn find_crlf(b: &[u8]) -> Option<usize> {
    b.windows(2).position(|w| w == b"\r\n")
}

/// chunk-size [ chunk-ext ] of a line without its CR LF: the size and the raw extensions.
fn size_line(line: &[u8]) -> Option<(u64, &[u8])> {
    let digits = line.iter().take_while(|b| b.is_ascii_hexdigit()).count();
    if digits == 0 || digits > 16 {
        return None;
    }
    let size = u64::from_str_radix(std::str::from_utf8(&line[..digits]).ok()?, 16).ok()?;
    let ext = &line[digits..];
    let mut rest = ext;
    while let Some(after) = rest.strip_prefix(b";") {
        let name = after.iter().take_while(|&&b| tchar(b)).count();
        if name == 0 {
            return None;
        }
        rest = &after[name..];
        if let Some(value) = rest.strip_prefix(b"=") {
            rest = if let Some(q) = value.strip_prefix(b"\"") {
                &q[quoted_len(q)?..]
            } else {
                let n = value.iter().take_while(|&&b| tchar(b)).count();
                if n == 0 {
                    return None;
                }
                &value[n..]
            };
        }
    }
    rest.is_empty().then_some((size, ext))
}

/// The length of a quoted-string's body and closing quote (the opening one stripped).
fn quoted_len(q: &[u8]) -> Option<usize> {
    let mut i = 0;
    loop {
        match *q.get(i)? {
            b'"' => return Some(i + 1),
            b'\\' => {
                let c = *q.get(i + 1)?;
                if !(c == b'\t' || c == b' ' || (0x21..=0x7e).contains(&c) || c >= 0x80) {
                    return None;
                }
                i += 2;
            }
            c if c == b'\t'
                || c == b' '
                || c == 0x21
                || (0x23..=0x7e).contains(&c)
                || c >= 0x80 =>
            {
                i += 1
            }
            _ => return None,
        }
    }
}

/// RFC 9110 §5.6.2, spelled out.
fn tchar(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

/// The first size line of `line` read by the decoder and by `httparse::parse_chunk_size`:
/// where both decide, they agree, except where httparse is knowingly lenient (see
/// `httparse_leniency`).
pub fn check_size_line_against_httparse(line: &[u8]) {
    let ours = first_line(line);
    let theirs = match httparse::parse_chunk_size(line) {
        Ok(httparse::Status::Complete((len, size))) => Some(Ok((len, size))),
        Ok(httparse::Status::Partial) => None,
        Err(_) => Some(Err(())),
    };
    match (ours, theirs) {
        (Some(Ok(a)), Some(Ok(b))) => assert_eq!(a, b, "{line:?}"),
        (Some(Ok(a)), Some(Err(()))) => panic!("we accept {a:?}, httparse refuses: {line:?}"),
        (Some(Err(kind)), Some(Ok(_))) => {
            assert!(
                httparse_leniency(line, kind).is_some(),
                "httparse accepts what we refuse ({kind:?}) for no known reason: {line:?}"
            )
        }
        _ => {}
    }
}

/// The decoder's reading of the size line at the start of `buf`: its length and size, the
/// error, or `None` while incomplete.
pub fn first_line(buf: &[u8]) -> Option<Result<(usize, u64), ErrorKind>> {
    let mut storage = FieldStorage::<0>::new();
    let mut dec = Decoder::new(&mut storage, Config::new());
    // Up to the line's end: the decoder goes on into the chunk's data, which is not a size
    // line's business.
    let buf = match buf.iter().position(|&b| b == b'\n') {
        Some(lf) => &buf[..=lf],
        None => buf,
    };
    match dec.decode(buf) {
        Ok(step) => match step.event {
            // An accepted line has no CR before its end.
            Event::Chunk { size, .. } => Some(Ok((find_crlf(buf)? + 2, size))),
            _ => None,
        },
        Err(e) => Some(Err(e.kind)),
    }
}

/// Why httparse accepts a size line the decoder refuses with `kind`, if it is one of its known
/// leniencies (written out in `benches/tests/chunked_httparse.rs` too).
pub fn httparse_leniency(line: &[u8], kind: ErrorKind) -> Option<&'static str> {
    let digits = line.iter().take_while(|b| b.is_ascii_hexdigit()).count();
    match (kind, line.get(digits)) {
        // No digit at all (`\r\n`, `;x\r\n`, ` \r\n`): httparse reads size 0.
        (ErrorKind::InvalidSize, _) if digits == 0 => Some("empty chunk-size"),
        // SP or HTAB after the size, before `;` or CR: httparse skips it.
        (ErrorKind::InvalidSize, Some(b' ' | b'\t')) => Some("whitespace after chunk-size"),
        // Anything in extensions but CR: httparse skips them unread.
        (ErrorKind::InvalidExtension | ErrorKind::LineEnding, Some(b';')) => {
            Some("extensions not validated")
        }
        _ => None,
    }
}

/// Data, trailer fields, bytes consumed, whether the body ended.
pub type ReadBody = (Vec<u8>, Vec<(Vec<u8>, Vec<u8>)>, usize, bool);

/// What a body decoder handed over for `wire` fed in pieces ending at `cuts` (then the whole),
/// `close` called once the input is used up: the data (with the trailer fields), bytes
/// consumed and whether the body ended; or the error.
pub fn read_body(
    framing: http1::BodyFraming,
    wire: &[u8],
    cuts: &[usize],
    close: bool,
) -> Result<ReadBody, Error> {
    let mut storage = FieldStorage::<16>::new();
    let mut body = chunked::BodyDecoder::new(framing, &mut storage, Config::new());
    let (mut data, mut at, mut closed) = (Vec::new(), 0, false);
    let ends: Vec<usize> = cuts.iter().copied().chain([wire.len()]).collect();
    let mut next = 0;
    loop {
        let end = ends
            .get(next)
            .copied()
            .unwrap_or(wire.len())
            .clamp(at, wire.len());
        let step = body.decode(&wire[at..end])?;
        at += step.consumed;
        match step.event {
            Event::Chunk { data: d, .. } | Event::Data(d) => data.extend_from_slice(d),
            Event::End { trailers } => {
                let trailers = trailers
                    .iter()
                    .map(|f| (f.name.to_vec(), f.value.to_vec()))
                    .collect();
                return Ok((data, trailers, at, true));
            }
            Event::NeedMore => {
                if next < ends.len() {
                    next += 1;
                } else if close && !closed {
                    body.close()?;
                    closed = true;
                } else {
                    return Ok((data, Vec::new(), at, false));
                }
            }
        }
    }
}

/// The body decoder on any framing, bytes and pieces: the same as the whole, and what the
/// framing says (a Content-Length body is the prefix, close-delimited and tunnel bodies all of
/// it, a chunked one what the chunked decoder reads).
pub fn check_body(framing: http1::BodyFraming, wire: &[u8], cuts: &[usize], close: bool) {
    use http1::BodyFraming;
    let whole = read_body(framing, wire, &[], close);
    assert_eq!(
        read_body(framing, wire, cuts, close),
        whole,
        "split {cuts:?}"
    );
    match (framing, whole) {
        (BodyFraming::None, r) => assert_eq!(r.map(|r| (r.2, r.3)), Ok((0, true))),
        (BodyFraming::ContentLength(n), Ok((data, _, at, ended))) => {
            let n = usize::try_from(n).unwrap_or(usize::MAX);
            assert_eq!(&data[..], &wire[..n.min(wire.len())]);
            assert_eq!((at, ended), (n.min(wire.len()), n <= wire.len()));
        }
        (BodyFraming::ContentLength(n), Err(e)) => {
            assert!(close && n > wire.len() as u64, "{e:?}");
            assert_eq!(
                (e.kind, e.offset),
                (ErrorKind::Incomplete, wire.len() as u64)
            );
        }
        (BodyFraming::CloseDelimited | BodyFraming::Tunnel, r) => {
            assert_eq!(r.map(|r| (r.0, r.3)), Ok((wire.to_vec(), close)))
        }
        (BodyFraming::Chunked, r) => {
            let direct = decode_split(wire, &[], Config::new());
            match (r, direct) {
                (Ok((data, trailers, at, true)), Ok(Some((chunks, t, consumed)))) => {
                    let want: Vec<u8> = chunks.into_iter().flat_map(|c| c.2).collect();
                    assert_eq!((data, trailers, at), (want, t, consumed));
                }
                (Ok((_, _, _, false)), Ok(None)) => assert!(!close),
                (Err(e), Ok(None)) => assert!(close && e.kind == ErrorKind::Incomplete),
                (Err(a), Err(b)) => assert_eq!(a, b),
                (r, d) => panic!("body decoder {r:?}, chunked decoder {d:?}"),
            }
        }
    }
}
