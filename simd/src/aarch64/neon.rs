//! NEON: 16-byte vectors.

use core::arch::aarch64::*;

use crate::vector::{level_methods, level_type};
use crate::{Level, NibbleMask, NibbleTables, Vector};

level_type!(
    /// aarch64 NEON: 16-byte vectors (part of the aarch64 baseline).
    Neon,
    Level::Neon
);

/// Each lane's bit weight within its 8-lane half, for [`Vector::bits`].
const WEIGHTS: [u8; 16] = [1, 2, 4, 8, 16, 32, 64, 128, 1, 2, 4, 8, 16, 32, 64, 128];

// SAFETY: `new` checks the level; the primitives use NEON only.
unsafe impl Vector for Neon {
    const LEVEL: Level = Level::Neon;
    const BYTES: usize = 16;
    type Block = [u8; 16];
    type Bytes = uint8x16_t;
    type Lanes = uint8x16_t;
    type Mask = NibbleMask;

    level_methods!(16, "neon");

    #[inline(always)]
    fn load(self, block: &[u8; 16]) -> uint8x16_t {
        // SAFETY: `block` is 16 readable bytes and `ld1` has no alignment requirement;
        // `self` proves NEON.
        unsafe { vld1q_u8(block.as_ptr()) }
    }

    #[inline(always)]
    fn eq(self, v: uint8x16_t, b: u8) -> uint8x16_t {
        // SAFETY: `self` proves NEON.
        unsafe { vceqq_u8(v, vdupq_n_u8(b)) }
    }

    #[inline(always)]
    fn in_run(self, v: uint8x16_t, first: u8, len: u8) -> uint8x16_t {
        // SAFETY: `self` proves NEON.
        unsafe { vcltq_u8(vsubq_u8(v, vdupq_n_u8(first)), vdupq_n_u8(len)) }
    }

    #[inline(always)]
    fn or(self, a: uint8x16_t, b: uint8x16_t) -> uint8x16_t {
        // SAFETY: `self` proves NEON.
        unsafe { vorrq_u8(a, b) }
    }

    #[inline(always)]
    fn and(self, a: uint8x16_t, b: uint8x16_t) -> uint8x16_t {
        // SAFETY: `self` proves NEON.
        unsafe { vandq_u8(a, b) }
    }

    #[inline(always)]
    fn outside(self, v: uint8x16_t, tables: &NibbleTables) -> Option<uint8x16_t> {
        // SAFETY: `self` proves NEON; the tables are 16 readable bytes each.
        Some(unsafe {
            let lo = vqtbl1q_u8(vld1q_u8(tables.lo.as_ptr()), vandq_u8(v, vdupq_n_u8(0x0f)));
            let hi = vqtbl1q_u8(vld1q_u8(tables.hi.as_ptr()), vshrq_n_u8::<4>(v));
            vceqzq_u8(vandq_u8(lo, hi))
        })
    }

    #[inline(always)]
    fn mask(self, lanes: uint8x16_t) -> NibbleMask {
        // SAFETY: `self` proves NEON.
        NibbleMask(unsafe {
            let narrowed = vshrn_n_u16::<4>(vreinterpretq_u16_u8(lanes));
            vget_lane_u64::<0>(vreinterpret_u64_u8(narrowed))
        })
    }

    #[inline(always)]
    fn bits(self, lanes: uint8x16_t) -> u64 {
        // SAFETY: `self` proves NEON; WEIGHTS is 16 readable bytes.
        u64::from(unsafe {
            let weighted = vandq_u8(lanes, vld1q_u8(WEIGHTS.as_ptr()));
            let x = vpaddq_u8(weighted, weighted);
            let x = vpaddq_u8(x, x);
            let x = vpaddq_u8(x, x);
            vgetq_lane_u16::<0>(vreinterpretq_u16_u8(x))
        })
    }
}
