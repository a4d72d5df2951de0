//! x86_64: [`Sse2`] (16-byte vectors), [`Avx2`] (32) and [`Avx512`] (AVX-512BW, 64).
//!
//! # Range tests
//!
//! x86 has no unsigned byte compare before AVX-512, so [`Vector::in_run`](crate::Vector::in_run)
//! tests "byte in the (possibly wrapping) run `first, …, first + len - 1`" with one add and one
//! signed compare: adding `0x80 - first` moves `first` to -128, so the run becomes
//! `-128..-128 + len`, which `cmpgt(-128 + len, x)` decides. AVX-512BW compares unsigned
//! into mask registers directly.
//!
//! # Nibble lookups
//!
//! `pshufb` yields 0 for an index byte with its top bit set, so the low-nibble lookup takes
//! the bytes as they are (a byte >= 0x80 comes out 0: outside every ASCII class); the high
//! nibble needs a 16-bit shift and an AND with 0x0F, as there is no byte shift. SSE2 has no
//! `pshufb` (that is SSSE3): [`Sse2`] answers `None` and the caller composes its class from
//! compares.
//!
//! Only compiled for targets with vector registers (`target_feature = "sse2"`).

// In a primitive every intrinsic rests on the same proof, the value of the level type (its
// `self`); one SAFETY comment per primitive says so, rather than one per intrinsic.
#![allow(clippy::multiple_unsafe_ops_per_block)]

mod avx2;
mod avx512;
mod sse2;

pub use avx2::Avx2;
pub use avx512::Avx512;
pub use sse2::Sse2;
