//! AVX-512BW: 64-byte vectors, compares into mask registers, masked loads.

use core::arch::x86_64::*;

use crate::vector::{level_methods, level_type};
use crate::{Avx2, BitMask, Classes, Level, NibbleTables, Vector};

level_type!(
    /// x86_64 AVX-512BW: 64-byte vectors; the last 0 to 63 bytes of a scan are one masked load
    /// (no overlapping tail, no scalar tail). The value also proves AVX2, which classifies the
    /// 32-byte blocks of [`Vector::classify32`].
    Avx512,
    Level::Avx512
);

impl Avx512 {
    /// The AVX2 value that this one implies.
    #[inline(always)]
    pub fn avx2(self) -> Avx2 {
        // SAFETY: an Avx512 value proves AVX2 too (see `Level::is_available`).
        unsafe { Avx2::new_unchecked() }
    }
}

/// A 16-byte table repeated in the four lanes of a 64-byte vector.
#[inline(always)]
fn table(_isa: Avx512, t: &[u8; 16]) -> __m512i {
    // SAFETY: `t` is 16 readable bytes; `_isa` proves AVX-512F.
    unsafe { _mm512_broadcast_i32x4(_mm_loadu_si128(t.as_ptr().cast())) }
}

// SAFETY: `new` checks the level; the primitives use AVX-512F/BW and AVX2 only.
unsafe impl Vector for Avx512 {
    const LEVEL: Level = Level::Avx512;
    const BYTES: usize = 64;
    type Block = [u8; 64];
    type Bytes = __m512i;
    type Lanes = u64;
    type Mask = BitMask;

    level_methods!(64, "avx512f,avx512bw,avx2");

    #[inline(always)]
    fn load(self, block: &[u8; 64]) -> __m512i {
        // SAFETY: `block` is 64 readable bytes and `loadu` has no alignment requirement;
        // `self` proves AVX-512F.
        unsafe { _mm512_loadu_si512(block.as_ptr().cast()) }
    }

    #[inline(always)]
    fn load_partial(self, rest: &[u8]) -> Option<(__m512i, BitMask)> {
        if rest.len() >= 64 {
            return None;
        }
        let k = (1u64 << rest.len()) - 1;
        // SAFETY: the lanes set in `k` are the `rest.len()` bytes of `rest`; masked-off lanes
        // are neither read nor able to fault (AVX-512 fault suppression); `rest.as_ptr()` is
        // in bounds or one past the end. `self` proves AVX-512BW.
        let v = unsafe { _mm512_maskz_loadu_epi8(k, rest.as_ptr().cast()) };
        Some((v, BitMask(!k)))
    }

    #[inline(always)]
    fn eq(self, v: __m512i, b: u8) -> u64 {
        // SAFETY: `self` proves AVX-512BW.
        unsafe { _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8(b as i8)) }
    }

    #[inline(always)]
    fn in_run(self, v: __m512i, first: u8, len: u8) -> u64 {
        // SAFETY: `self` proves AVX-512BW.
        unsafe {
            let x = _mm512_sub_epi8(v, _mm512_set1_epi8(first as i8));
            _mm512_cmplt_epu8_mask(x, _mm512_set1_epi8(len as i8))
        }
    }

    #[inline(always)]
    fn or(self, a: u64, b: u64) -> u64 {
        a | b
    }

    #[inline(always)]
    fn and(self, a: u64, b: u64) -> u64 {
        a & b
    }

    #[inline(always)]
    fn outside(self, v: __m512i, tables: &NibbleTables) -> Option<u64> {
        // SAFETY: `self` proves AVX-512BW.
        Some(unsafe {
            let lo = _mm512_shuffle_epi8(table(self, &tables.lo), v);
            let high_nibbles = _mm512_and_si512(_mm512_srli_epi16::<4>(v), _mm512_set1_epi8(0x0f));
            let hi = _mm512_shuffle_epi8(table(self, &tables.hi), high_nibbles);
            _mm512_testn_epi8_mask(lo, hi)
        })
    }

    #[inline(always)]
    fn mask(self, lanes: u64) -> BitMask {
        BitMask(lanes)
    }

    /// With AVX2: a 32-byte block is half a vector here, and the AVX2 classifier was measured
    /// faster on the head parser's blocks (benches/RESULTS.md).
    #[inline(always)]
    fn classify32<C: Classes<N>, const N: usize>(self, block: &[u8; 32], classes: C) -> [u32; N] {
        self.avx2().classify32(block, classes)
    }
}
