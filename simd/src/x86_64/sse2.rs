//! SSE2: 16-byte vectors, part of every x86_64 target with vector registers.

use core::arch::x86_64::*;

use crate::vector::{level_methods, level_type};
use crate::{BitMask, Level, NibbleTables, Vector};

level_type!(
    /// x86_64 SSE2: 16-byte vectors. Always present where this crate compiles it.
    Sse2,
    Level::Sse2
);

// SAFETY: `new` checks the level; the primitives use SSE2 only.
unsafe impl Vector for Sse2 {
    const LEVEL: Level = Level::Sse2;
    const BYTES: usize = 16;
    type Block = [u8; 16];
    type Bytes = __m128i;
    type Lanes = __m128i;
    type Mask = BitMask;

    level_methods!(16, "sse2");

    #[inline(always)]
    fn load(self, block: &[u8; 16]) -> __m128i {
        // SAFETY: `block` is 16 readable bytes and `loadu` has no alignment requirement;
        // `self` proves SSE2.
        unsafe { _mm_loadu_si128(block.as_ptr().cast()) }
    }

    #[inline(always)]
    fn eq(self, v: __m128i, b: u8) -> __m128i {
        // SAFETY: `self` proves SSE2.
        unsafe { _mm_cmpeq_epi8(v, _mm_set1_epi8(b as i8)) }
    }

    #[inline(always)]
    fn in_run(self, v: __m128i, first: u8, len: u8) -> __m128i {
        // SAFETY: `self` proves SSE2.
        unsafe {
            let x = _mm_add_epi8(v, _mm_set1_epi8(0x80u8.wrapping_sub(first) as i8));
            _mm_cmpgt_epi8(_mm_set1_epi8(len.wrapping_add(0x80) as i8), x)
        }
    }

    #[inline(always)]
    fn or(self, a: __m128i, b: __m128i) -> __m128i {
        // SAFETY: `self` proves SSE2.
        unsafe { _mm_or_si128(a, b) }
    }

    #[inline(always)]
    fn and(self, a: __m128i, b: __m128i) -> __m128i {
        // SAFETY: `self` proves SSE2.
        unsafe { _mm_and_si128(a, b) }
    }

    #[inline(always)]
    fn outside(self, _v: __m128i, _tables: &NibbleTables) -> Option<__m128i> {
        None
    }

    #[inline(always)]
    fn mask(self, lanes: __m128i) -> BitMask {
        // SAFETY: `self` proves SSE2.
        BitMask(u64::from(unsafe { _mm_movemask_epi8(lanes) } as u16))
    }
}
