//! httpwire's SIMD machinery, written once for every codec: what a vector of bytes can do
//! ([`Vector`], [`Mask`]), which instruction-set level this CPU runs ([`Level`],
//! [`Detector`]), the block loops built on them ([`first_stop`], [`first_stop_long`],
//! [`Vector::classify32`]), and the word-at-a-time helpers of the portable code ([`swar`]).
//!
//! # The model
//!
//! Each instruction-set level is a zero-sized type ([`Sse2`], [`Avx2`], [`Avx512`] on x86_64,
//! `Neon` on aarch64) whose value proves that the CPU has the level's features: it is made
//! by `new()`, which checks, or by `new_unchecked()`, whose caller vouches. Its methods (load,
//! compare, nibble lookup, mask) are therefore safe. The one `unsafe` step is entering code
//! compiled with the level's target features, and it lives here, once per level, in
//! [`Vector::call`]: an algorithm written generically over [`Vector`] and `#[inline(always)]`
//! is compiled inside that call with the features enabled, so every primitive inlines into
//! it.
//!
//! A codec describes its byte classes with [`Classes`] (a few compares and lookups over the
//! [`Vector`] primitives, tables from [`nibble_tables`]) and hands them to the loops. Which
//! level runs is decided once per process and per consumer ([`Detector`], each with its own
//! order of preference), and [`per_level!`] builds the table of a job compiled once per level,
//! which a [`Supported`] level indexes.
//!
//! The crate is `no_std` and has no dependencies.
#![no_std]
#![deny(unsafe_op_in_unsafe_fn)]

#[cfg(feature = "std")]
extern crate std;

mod blocks;
mod level;
pub mod swar;
mod vector;

#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
mod x86_64;
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
pub use x86_64::{Avx2, Avx512, Sse2};

#[cfg(all(
    target_arch = "aarch64",
    target_feature = "neon",
    target_endian = "little"
))]
mod aarch64;
#[cfg(all(
    target_arch = "aarch64",
    target_feature = "neon",
    target_endian = "little"
))]
pub use aarch64::Neon;

pub use blocks::{first_stop, first_stop_long};
pub use level::{Detector, Level, Supported, TABLE_LEN, Table, bmi2_available};
pub use vector::{BitMask, Classes, Mask, NibbleMask, NibbleTables, Vector, nibble_tables};

/// The `N` bytes of `buf` from `i`, without a bounds check: for block loops whose bounds are
/// checked once per round rather than once per load.
///
/// # Safety
/// `i + N <= buf.len()`.
#[inline(always)]
pub unsafe fn array_at<const N: usize>(buf: &[u8], i: usize) -> &[u8; N] {
    debug_assert!(i <= buf.len() && N <= buf.len() - i);
    // SAFETY: the caller guarantees i + N <= buf.len(), so the offset stays in `buf`.
    let at = unsafe { buf.as_ptr().add(i) };
    // SAFETY: the N bytes from `at` are in `buf`, which the result borrows; [u8; N] has
    // alignment 1.
    unsafe { &*at.cast::<[u8; N]>() }
}

/// The sealing of [`Vector`]: only this crate's level types implement it.
mod sealed {
    pub trait Sealed {}
}
