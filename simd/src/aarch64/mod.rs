//! aarch64: [`Neon`] (16-byte vectors).
//!
//! NEON has no `movemask`. To find the first set lane, `shrn #4` narrows every 16-bit pair of
//! 0x00/0xFF lanes to one byte holding a nibble of each, so lane `k` lands in bits `4k..4k + 4`
//! of a `u64` ([`NibbleMask`](crate::NibbleMask)); the first lane is the trailing zeros over
//! four. Where one bit per lane is wanted ([`Vector::bits`](crate::Vector::bits), for the
//! 32-byte block classifier), each lane is ANDed with its bit's weight (1, 2, 4, … 128, in
//! each half) and three pairwise adds (`addp`) sum the 16 lanes into two bytes.
//!
//! Unsigned compares exist (`cmhi`), so a range test is a subtract and a compare; `tbl`
//! yields 0 for an index above 15, so a nibble lookup masks the low nibble first.
//!
//! Only compiled for little-endian targets with NEON (the lane order above assumes
//! little-endian).

// In a primitive every intrinsic rests on the same proof, the value of the level type (its
// `self`); one SAFETY comment per primitive says so, rather than one per intrinsic.
#![allow(clippy::multiple_unsafe_ops_per_block)]

mod neon;

pub use neon::Neon;
