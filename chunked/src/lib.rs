//! Chunked transfer coding (RFC 9112 §7): a strict, resumable, zero-copy decoder with trailers
//! and budgets ([`Decoder`]), one body decoder for every framing http1 reports
//! ([`BodyDecoder`]), and an encoder that frames caller data without copying it ([`encode`]).
#![no_std]
#![deny(unsafe_op_in_unsafe_fn)]

#[cfg(feature = "std")]
extern crate std;

pub mod body;
pub mod decode;
pub mod encode;

pub use body::BodyDecoder;
pub use decode::{Config, Decoder, Error, ErrorKind, Event, Step, Until, Visitor};
