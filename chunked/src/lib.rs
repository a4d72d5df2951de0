//! Chunked transfer coding (RFC 9112 §7): a strict, resumable, zero-copy decoder with trailers
//! and budgets, and an encoder that frames caller data without copying it.
#![no_std]
#![deny(unsafe_op_in_unsafe_fn)]

#[cfg(feature = "std")]
extern crate std;

pub mod decode;
pub mod encode;

pub use decode::{Config, Decoder, Error, ErrorKind, Event, Step, Until, Visitor};
