//! HPACK (RFC 7541), the header compression of HTTP/2. So far its primitives: prefix integers
//! ([`int`]), string literals ([`string`]), the static table ([`table`]) and the Huffman code
//! ([`huffman`]: the exact encoded length, the encoder, and a table-driven decoder that emits up
//! to two symbols per lookup, with a bit-at-a-time reference decoder to check it against).
#![no_std]
#![deny(unsafe_op_in_unsafe_fn)]

#[cfg(feature = "std")]
extern crate std;

pub mod huffman;
pub mod int;
pub mod string;
pub mod table;
