//! HPACK (RFC 7541), the header compression of HTTP/2: a Sans-IO, resumable, strict header
//! block [`Decoder`] ([`decode`]) and an [`Encoder`] with a pluggable indexing [`Policy`]
//! ([`encode`]), HTTP/2's rules for field bytes checked with SIMD ([`check`]), over the
//! primitives: prefix integers ([`int`]), string
//! literals ([`string`]), the static table ([`table`]), the dynamic table ([`dynamic`]: one
//! ring of bytes, O(1) insertion and eviction) and the Huffman code ([`huffman`]: the exact
//! encoded length, the encoder, and a table-driven decoder that emits up to two symbols per
//! lookup, with a bit-at-a-time reference decoder to check it against).
//!
//! `no_std`; the decoder, the encoder and the dynamic table need `alloc`.
#![no_std]
#![deny(unsafe_op_in_unsafe_fn)]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

pub mod check;
pub mod decode;
pub mod dynamic;
pub mod encode;
pub mod huffman;
pub mod int;
pub mod string;
pub mod table;

pub use decode::{Config, Decoder, Error, ErrorKind, Field};
pub use encode::{DefaultPolicy, Encoder, Huffman, Indexing, Policy};
