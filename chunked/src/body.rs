//! One body decoder for every framing that http1 reports ([`http1::BodyFraming`]): a server or
//! client holding `MessageInfo::body` reads the body with one loop, whatever its framing.
//!
//! - `ContentLength(n)`: the next `n` bytes, never one more (what follows is the next message);
//! - `Chunked`: the [`Decoder`];
//! - `CloseDelimited`: every byte until the caller says the connection ended
//!   ([`BodyDecoder::close`]);
//! - `None`: nothing (the body ends at once);
//! - `Tunnel`: every byte, untouched, for as long as the caller feeds them (it never ends).
//!
//! The events are the [`Decoder`]'s: [`Event::Data`] for the data of every framing (the chunk
//! boundaries of a chunked body come as [`Event::Chunk`]), [`Event::End`] once, with the
//! trailer fields (none but for a chunked body), [`Event::NeedMore`] when the input is used up.
//!
//! ```
//! use chunked::{BodyDecoder, Config, Event};
//! use http1::{BodyFraming, FieldStorage};
//!
//! // A Content-Length body, then the next request on the connection.
//! let wire = b"hello worldGET / HTTP/1.1\r\n";
//! let mut storage = FieldStorage::<4>::new();
//! let mut body = BodyDecoder::new(BodyFraming::ContentLength(11), &mut storage, Config::new());
//! let (mut at, mut data) = (0, Vec::new());
//! loop {
//!     let step = body.decode(&wire[at..]).unwrap();
//!     at += step.consumed;
//!     match step.event {
//!         Event::Chunk { data: d, .. } | Event::Data(d) => data.extend_from_slice(d),
//!         Event::End { .. } => break,
//!         Event::NeedMore => unreachable!("the whole body is here"),
//!     }
//! }
//! assert_eq!((&data[..], &wire[at..]), (&b"hello world"[..], &b"GET / HTTP/1.1\r\n"[..]));
//! ```

use http1::{BodyFraming, Fields, Storage};

use crate::decode::{Config, Decoder, Error, ErrorKind, Event, Step};

/// Where a [`BodyDecoder`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Body {
    /// `n` bytes to go.
    Length(u64),
    /// Data until [`BodyDecoder::close`]; `true` once it was called.
    Close(bool),
    /// A tunnel: data for ever.
    Tunnel,
    /// A chunked body: the decoder says.
    Chunked,
    /// The body ended (`End` was returned), or failed.
    Done,
}

impl Body {
    fn of(framing: BodyFraming) -> Body {
        match framing {
            BodyFraming::None => Body::Length(0),
            BodyFraming::ContentLength(n) => Body::Length(n),
            BodyFraming::Chunked => Body::Chunked,
            BodyFraming::CloseDelimited => Body::Close(false),
            BodyFraming::Tunnel => Body::Tunnel,
        }
    }
}

/// A Sans-IO decoder of one message body, for every framing (see the [module docs](self)).
///
/// Like [`Decoder`], it is fed the bytes from where the last call's `consumed` left off, and
/// refuses every call after an error or after the end (call [`BodyDecoder::reset`] with the
/// next message's framing).
pub struct BodyDecoder<'s> {
    body: Body,
    /// Bytes consumed so far (for the offsets of errors outside a chunked body).
    pos: u64,
    failed: Option<Error>,
    chunked: Decoder<'s>,
}

impl core::fmt::Debug for BodyDecoder<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("BodyDecoder")
            .field("body", &self.body)
            .field("pos", &self.pos)
            .field("failed", &self.failed)
            .field("chunked", &self.chunked)
            .finish()
    }
}

impl<'s> BodyDecoder<'s> {
    /// A decoder of a body framed as `framing`; `storage` and `cfg` serve a chunked body (its
    /// trailers and budgets).
    pub fn new<S: Storage + ?Sized>(framing: BodyFraming, storage: &'s mut S, cfg: Config) -> Self {
        BodyDecoder {
            body: Body::of(framing),
            pos: 0,
            failed: None,
            chunked: Decoder::new(storage, cfg),
        }
    }

    /// Forgets the body, to decode the next message's, framed as `framing`, with the same
    /// storage and budgets.
    pub fn reset(&mut self, framing: BodyFraming) {
        self.chunked.reset();
        self.pos = 0;
        self.failed = None;
        self.body = Body::of(framing);
    }

    /// Whether the body has ended.
    pub fn is_done(&self) -> bool {
        self.body == Body::Done && self.failed.is_none()
    }

    /// Decodes from `buf` (the bytes from where the last call's `consumed` left off): how many
    /// bytes were consumed and what they held. See the [module docs](self).
    #[inline]
    pub fn decode<'b>(&mut self, buf: &'b [u8]) -> Result<Step<'b, '_>, Error> {
        if let Some(e) = self.failed {
            return Err(e);
        }
        let (consumed, event) = match self.body {
            Body::Chunked => {
                let step = self.chunked.decode(buf);
                return match step {
                    Ok(step) => {
                        if matches!(step.event, Event::End { .. }) {
                            self.body = Body::Done;
                        }
                        Ok(step)
                    }
                    Err(e) => {
                        self.body = Body::Done;
                        self.failed = Some(e);
                        Err(e)
                    }
                };
            }
            Body::Length(0) | Body::Close(true) => {
                self.body = Body::Done;
                (
                    0,
                    Event::End {
                        trailers: Fields::EMPTY,
                    },
                )
            }
            Body::Length(left) => {
                let take = usize::try_from(left).map_or(buf.len(), |left| left.min(buf.len()));
                self.body = Body::Length(left - take as u64);
                data(buf, take)
            }
            Body::Close(false) | Body::Tunnel => data(buf, buf.len()),
            Body::Done => return self.fail(ErrorKind::Finished),
        };
        self.pos += consumed as u64;
        Ok(Step { consumed, event })
    }

    /// The caller saw the connection end (no more bytes will come). A close-delimited body
    /// ends there, and so does a tunnel: the next [`decode`](Self::decode) returns
    /// [`Event::End`]. A body that has already ended stays so. Any other body is incomplete:
    /// [`ErrorKind::Incomplete`], at the offset where more bytes were due.
    pub fn close(&mut self) -> Result<(), Error> {
        if let Some(e) = self.failed {
            return Err(e);
        }
        match self.body {
            Body::Close(_) | Body::Tunnel => {
                self.body = Body::Close(true);
                Ok(())
            }
            Body::Done => Ok(()),
            Body::Length(0) => Ok(()),
            Body::Length(_) => self.fail(ErrorKind::Incomplete),
            Body::Chunked => {
                let e = Error {
                    kind: ErrorKind::Incomplete,
                    offset: self.chunked.position(),
                };
                self.body = Body::Done;
                self.failed = Some(e);
                Err(e)
            }
        }
    }

    fn fail<T>(&mut self, kind: ErrorKind) -> Result<T, Error> {
        let e = Error {
            kind,
            offset: self.pos,
        };
        self.body = Body::Done;
        self.failed = Some(e);
        Err(e)
    }
}

/// The first `take` bytes of `buf` as data, or `NeedMore` when there are none.
#[inline(always)]
fn data<'b, 's>(buf: &'b [u8], take: usize) -> (usize, Event<'b, 's>) {
    match buf.get(..take) {
        Some(data) if !data.is_empty() => (take, Event::Data(data)),
        _ => (0, Event::NeedMore),
    }
}
