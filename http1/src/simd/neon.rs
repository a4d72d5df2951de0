//! aarch64 kernels: [`Neon`], 16-byte blocks.
//!
//! Each block is classified into a vector of 0x00/0xFF lanes (0xFF where the byte stops the
//! scan), which becomes a 64-bit mask with four bits per byte: NEON has no `movemask`, but
//! `shrn #4` narrows every 16-bit pair of lanes to one byte holding a nibble of each, so lane
//! `k` lands in bits `4k..4k + 4`. The answer is the mask's trailing zeros divided by four.
//!
//! # The classes
//!
//! * field-value stops: `b < 0x20` (`cmhi`) or `b == 0x7F` (`cmeq`);
//! * request-target stops: `b - 0x21 > 0x5D`, unsigned (`sub`, `cmhi`): everything outside
//!   0x21–0x7E;
//! * tokens: a nibble lookup. For a byte `0xHL`,
//!
//! ```text
//! tchar(0xHL)  <=>  LO[L] & HI[H] != 0,  where
//! HI[H] = 1 << H                         (H < 8; HI[8..16] = 0)
//! LO[L] = { bit H : 0xHL is a tchar }    (one bit per ASCII row)
//! ```
//!
//! `tbl` looks both nibbles up (`L` is `b & 0x0F`, `H` is `b >> 4`; `tbl` yields 0 for an
//! index above 15, so the masking is needed here, unlike x86's `pshufb`), and `cmtst` tests
//! the AND for non-zero. `LO` holds the eight ASCII rows of the class column by column, and
//! `HI` picks the row (`HI[8..]` is zero: no tchar is above 0x7F). Both tables are built at
//! compile time from [`TCHAR`](crate::classify::TCHAR), the class's one home, by
//! `classify::nibble_tables`, which rejects (at compile time) a class with a byte >= 0x80.
//!
//! # Blocks and the end of the buffer
//!
//! No byte outside `buf` is read. Full blocks are classified from `i` while `i + 16 <=
//! buf.len()`, the first one before the loop since most tokens and values end inside it. When
//! 1 to 15 bytes are left and the buffer holds at least 16, the buffer's last 16 bytes are
//! classified (an overlapping load) and the bits of the bytes before `i` are shifted out.
//! Buffers shorter than 16 bytes go to [`Scalar`](super::Scalar).
//!
//! The vector code is compiled for little-endian targets with NEON (the lane-to-bit order
//! above assumes little-endian); elsewhere [`Neon`] runs the scalar code.

/// aarch64 NEON kernels: 16-byte blocks (NEON is part of the aarch64 baseline).
///
/// Tokens are classified with a nibble lookup (`tbl`), the other classes with unsigned
/// compares.
#[derive(Debug, Clone, Copy)]
pub struct Neon;

/// The vector kernels.
#[cfg(all(target_feature = "neon", target_endian = "little"))]
mod kernels {
    use core::arch::aarch64::*;

    use super::Neon;
    use crate::simd::{Level, Scalar, Scan};

    /// The tchar nibble tables, from their one home.
    use crate::classify::TCHAR_NIBBLES;

    /// `LO` of the tchar tables as a vector.
    // SAFETY: `[u8; 16]` and `uint8x16_t` have the same size and every bit pattern is valid
    // in both.
    const TCHAR_LO: uint8x16_t =
        unsafe { core::mem::transmute::<[u8; 16], uint8x16_t>(TCHAR_NIBBLES[0]) };
    /// `HI` of the tchar tables as a vector.
    // SAFETY: as for `TCHAR_LO`.
    const TCHAR_HI: uint8x16_t =
        unsafe { core::mem::transmute::<[u8; 16], uint8x16_t>(TCHAR_NIBBLES[1]) };

    /// The block loop, for every kind: `stops(block)` has the four bits of byte `k` set
    /// (bits `4k..4k + 4`) when `block[k]` ends the scan; `short(buf, i)` answers for a
    /// buffer shorter than one block.
    #[inline(always)]
    fn first_stop(
        buf: &[u8],
        mut i: usize,
        stops: impl Fn(&[u8; 16]) -> u64,
        short: impl FnOnce(&[u8], usize) -> usize,
    ) -> usize {
        let len = buf.len();
        // The first full block, then the others: most scans end in the first.
        if let Some(block) = buf.get(i..).and_then(<[u8]>::first_chunk::<16>) {
            let m = stops(block);
            if m != 0 {
                return i + m.trailing_zeros() as usize / 4;
            }
            i += 16;
            while let Some(block) = buf.get(i..).and_then(<[u8]>::first_chunk::<16>) {
                let m = stops(block);
                if m != 0 {
                    return i + m.trailing_zeros() as usize / 4;
                }
                i += 16;
            }
        }
        if i >= len {
            return len;
        }
        match buf.last_chunk::<16>() {
            // 1..16 bytes are left: classify the buffer's last block, which ends with them,
            // and drop the bits of the bytes before `i` (16 - (len - i) of them, < 16).
            Some(block) => {
                let m = stops(block) >> (4 * (16 - (len - i)));
                if m != 0 {
                    i + m.trailing_zeros() as usize / 4
                } else {
                    len
                }
            }
            None => short(buf, i),
        }
    }

    /// 16 bytes from `block`.
    #[target_feature(enable = "neon")]
    #[inline]
    fn load(block: &[u8; 16]) -> uint8x16_t {
        // SAFETY: `block` is 16 readable bytes, and `ld1` has no alignment requirement.
        unsafe { vld1q_u8(block.as_ptr()) }
    }

    /// Four bits per lane of a 0x00/0xFF vector: lane `k` in bits `4k..4k + 4`.
    #[target_feature(enable = "neon")]
    #[inline]
    fn mask(lanes: uint8x16_t) -> u64 {
        let narrowed = vshrn_n_u16::<4>(vreinterpretq_u16_u8(lanes));
        vget_lane_u64::<0>(vreinterpret_u64_u8(narrowed))
    }

    /// Token stops of 16 bytes, by the nibble tables.
    #[target_feature(enable = "neon")]
    #[inline]
    fn token_stops(v: uint8x16_t) -> u64 {
        let lo = vqtbl1q_u8(TCHAR_LO, vandq_u8(v, vdupq_n_u8(0x0f)));
        let hi = vqtbl1q_u8(TCHAR_HI, vshrq_n_u8::<4>(v));
        // Every lane owns four bits of the mask, so inverting it inverts every lane.
        !mask(vtstq_u8(lo, hi))
    }

    /// Target stops of 16 bytes: `b - 0x21 > 0x5D` unsigned.
    #[target_feature(enable = "neon")]
    #[inline]
    fn target_stops(v: uint8x16_t) -> u64 {
        let x = vsubq_u8(v, vdupq_n_u8(0x21));
        let hash = vceqq_u8(v, vdupq_n_u8(b'#'));
        mask(vorrq_u8(vcgtq_u8(x, vdupq_n_u8(0x7e - 0x21)), hash))
    }

    /// Value stops of 16 bytes: below SP, or DEL.
    #[target_feature(enable = "neon")]
    #[inline]
    fn value_stops(v: uint8x16_t) -> u64 {
        let ctl = vcltq_u8(v, vdupq_n_u8(0x20));
        mask(vorrq_u8(ctl, vceqq_u8(v, vdupq_n_u8(0x7f))))
    }

    impl Scan for Neon {
        const LEVEL: Level = Level::Neon;

        #[target_feature(enable = "neon")]
        #[inline]
        unsafe fn token_stop(buf: &[u8], i: usize) -> usize {
            first_stop(
                buf,
                i,
                |b| token_stops(load(b)),
                // SAFETY: the scalar code runs everywhere.
                |buf, i| unsafe { <Scalar as Scan>::token_stop(buf, i) },
            )
        }

        #[target_feature(enable = "neon")]
        #[inline]
        unsafe fn target_stop(buf: &[u8], i: usize) -> usize {
            first_stop(
                buf,
                i,
                |b| target_stops(load(b)),
                // SAFETY: the scalar code runs everywhere.
                |buf, i| unsafe { <Scalar as Scan>::target_stop(buf, i) },
            )
        }

        #[target_feature(enable = "neon")]
        #[inline]
        unsafe fn value_stop(buf: &[u8], i: usize) -> usize {
            first_stop(
                buf,
                i,
                |b| value_stops(load(b)),
                // SAFETY: the scalar code runs everywhere.
                |buf, i| unsafe { <Scalar as Scan>::value_stop(buf, i) },
            )
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use crate::classify::TCHAR;

        /// The nibble tables classify all 256 bytes exactly like `TCHAR`, the way `tbl` reads
        /// them (an index above 15 yields 0).
        #[test]
        fn nibble_tables_are_tchar() {
            let [lo, hi] = TCHAR_NIBBLES;
            let tbl =
                |table: &[u8; 16], index: u8| table.get(usize::from(index)).copied().unwrap_or(0);
            for b in 0..=255u8 {
                let got = tbl(&lo, b & 0x0f) & tbl(&hi, b >> 4) != 0;
                assert_eq!(got, TCHAR[usize::from(b)], "{b:#04x}");
            }
        }
    }
}

/// Without NEON, or big-endian: the scalar code.
#[cfg(not(all(target_feature = "neon", target_endian = "little")))]
mod fallback {
    use super::Neon;
    use crate::simd::{Level, Scalar, Scan};

    impl Scan for Neon {
        const LEVEL: Level = Level::Neon;

        #[inline]
        unsafe fn token_stop(buf: &[u8], i: usize) -> usize {
            // SAFETY: the scalar code runs everywhere.
            unsafe { <Scalar as Scan>::token_stop(buf, i) }
        }

        #[inline]
        unsafe fn target_stop(buf: &[u8], i: usize) -> usize {
            // SAFETY: the scalar code runs everywhere.
            unsafe { <Scalar as Scan>::target_stop(buf, i) }
        }

        #[inline]
        unsafe fn value_stop(buf: &[u8], i: usize) -> usize {
            // SAFETY: the scalar code runs everywhere.
            unsafe { <Scalar as Scan>::value_stop(buf, i) }
        }
    }
}
