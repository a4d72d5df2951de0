//! AVX2: 32-byte vectors.

use core::arch::x86_64::*;

use crate::vector::{level_methods, level_type};
use crate::{BitMask, Level, NibbleTables, Vector};

level_type!(
    /// x86_64 AVX2: 32-byte vectors.
    Avx2,
    Level::Avx2
);

/// A 16-byte table repeated in both halves of a 32-byte vector.
#[inline(always)]
fn table(_isa: Avx2, t: &[u8; 16]) -> __m256i {
    // SAFETY: `t` is 16 readable bytes; `_isa` proves AVX2.
    unsafe { _mm256_broadcastsi128_si256(_mm_loadu_si128(t.as_ptr().cast())) }
}

// SAFETY: `new` checks the level; the primitives use AVX2 and below only.
unsafe impl Vector for Avx2 {
    const LEVEL: Level = Level::Avx2;
    const BYTES: usize = 32;
    type Block = [u8; 32];
    type Bytes = __m256i;
    type Lanes = __m256i;
    type Mask = BitMask;

    level_methods!(32, "avx2");

    #[inline(always)]
    fn load(self, block: &[u8; 32]) -> __m256i {
        // SAFETY: `block` is 32 readable bytes and `loadu` has no alignment requirement;
        // `self` proves AVX2.
        unsafe { _mm256_loadu_si256(block.as_ptr().cast()) }
    }

    #[inline(always)]
    fn eq(self, v: __m256i, b: u8) -> __m256i {
        // SAFETY: `self` proves AVX2.
        unsafe { _mm256_cmpeq_epi8(v, _mm256_set1_epi8(b as i8)) }
    }

    #[inline(always)]
    fn in_run(self, v: __m256i, first: u8, len: u8) -> __m256i {
        // SAFETY: `self` proves AVX2.
        unsafe {
            let x = _mm256_add_epi8(v, _mm256_set1_epi8(0x80u8.wrapping_sub(first) as i8));
            _mm256_cmpgt_epi8(_mm256_set1_epi8(len.wrapping_add(0x80) as i8), x)
        }
    }

    #[inline(always)]
    fn or(self, a: __m256i, b: __m256i) -> __m256i {
        // SAFETY: `self` proves AVX2.
        unsafe { _mm256_or_si256(a, b) }
    }

    #[inline(always)]
    fn and(self, a: __m256i, b: __m256i) -> __m256i {
        // SAFETY: `self` proves AVX2.
        unsafe { _mm256_and_si256(a, b) }
    }

    #[inline(always)]
    fn outside(self, v: __m256i, tables: &NibbleTables) -> Option<__m256i> {
        // SAFETY: `self` proves AVX2.
        Some(unsafe {
            let lo = _mm256_shuffle_epi8(table(self, &tables.lo), v);
            let high_nibbles = _mm256_and_si256(_mm256_srli_epi16::<4>(v), _mm256_set1_epi8(0x0f));
            let hi = _mm256_shuffle_epi8(table(self, &tables.hi), high_nibbles);
            _mm256_cmpeq_epi8(_mm256_and_si256(lo, hi), _mm256_setzero_si256())
        })
    }

    #[inline(always)]
    fn mask(self, lanes: __m256i) -> BitMask {
        // SAFETY: `self` proves AVX2.
        BitMask(u64::from(unsafe { _mm256_movemask_epi8(lanes) } as u32))
    }
}
