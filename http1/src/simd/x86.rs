//! x86_64 kernels: [`Sse2`] (16-byte blocks), [`Avx2`] (32) and [`Avx512`] (AVX-512BW, 64).
//!
//! Every kernel classifies a whole block at once into a bit mask (bit `k` set when byte `k`
//! stops the scan) and answers with the mask's lowest set bit. What differs between the
//! kernels is only how a block is classified and how the end of the buffer is handled.
//!
//! # The range classes (request-target, field value)
//!
//! x86 has no unsigned byte compare before AVX-512, so `in_range` tests "byte in the
//! (possibly wrapping) run `first, first + 1, …, first + len - 1`" with one add and one signed
//! compare: adding `0x80 - first` moves `first` to -128, so the run becomes
//! `-128..-128 + len`, which `cmpgt(-128 + len, x)` decides.
//!
//! * target stops: every byte outside 0x21–0x7E, which is the wrapping run 0x7F, …, 0xFF,
//!   0x00, …, 0x20 (162 bytes): two instructions per block, and `#` (`cmpeq`);
//! * value stops: the run 0x00–0x1F, or DEL (`cmpeq`).
//!
//! AVX-512BW has unsigned compares into mask registers, and masked compares, so there each
//! class is one or two instructions that also apply the load mask.
//!
//! # Tokens: nibble lookup
//!
//! `tchar` is not a few ranges, so AVX2 and AVX-512BW look every byte up in a bitmap with two
//! 16-entry tables and `vpshufb`: for a byte `0xHL`,
//!
//! ```text
//! tchar(0xHL)  <=>  LO[L] & HI[H] != 0,  where
//! HI[H] = 1 << H                         (H < 8; HI[8..16] = 0)
//! LO[L] = { bit H : 0xHL is a tchar }    (one bit per ASCII row)
//! ```
//!
//! so `LO` holds the eight ASCII rows of the class column by column and `HI` picks the row.
//! Both tables are built at compile time from [`TCHAR`](crate::classify::TCHAR) (the class's one
//! home) by `classify::nibble_tables`, which also checks at compile time that no byte >= 0x80 is a
//! tchar (`HI[8..]` is zero). `vpshufb` yields 0 for an index byte with its top bit set, so the
//! `LO` lookup can use the input bytes as they are: non-ASCII bytes come out 0, not a tchar.
//! The high nibble needs a 16-bit shift and an AND with 0x0F (there is no byte shift).
//!
//! SSE2 has no `pshufb` (that is SSSE3), so [`Sse2`] composes the class from range compares:
//! tchar = VCHAR minus the 17 delimiters `"(),/:;<=>?@[\]{}` (RFC 9110 §5.6.2), which are
//! three runs and five single bytes: nine compares and eight ORs per 16 bytes. Measured against
//! the scalar table loop (release build, one call per token, buffer continuing after it, on a
//! Zen 4): 4.6–4.8 ns against 3.1–4.3 ns for 3- and 5-byte tokens, but 4.2–4.4 against
//! 5.1–5.2 ns at 7 bytes, 4.2–4.8 against 6.0–9.5 ns at 10 to 15, 5.1–5.4 against 7.1–7.2 ns
//! on a random mix of 3 to 20 bytes, and 4.2–4.5 against 5.9–6.1 ns on the method and field
//! names of a browser request. So SSE2 keeps its own token kernel.
//!
//! # Blocks and the end of the buffer
//!
//! No kernel reads a byte outside `buf`. `first_stop` (SSE2 and AVX2) classifies full blocks
//! starting at `i` while `i + W <= buf.len()`: the first one before any loop, since tokens and
//! most values end inside it. A head buffer usually continues after the field being scanned,
//! so this first block is nearly always a plain load. When fewer than `W` bytes are left but
//! the buffer holds at least `W`, the last `W` bytes of the buffer are classified once more
//! (an overlapping load) and the bits of the bytes before `i` are shifted out. Buffers shorter
//! than one block go to a narrower kernel: AVX2 to a 16-byte SSSE3 block, then to
//! [`Scalar`](super::Scalar); SSE2 straight to [`Scalar`](super::Scalar).
//!
//! AVX-512BW needs none of that: full blocks are plain loads, and the last 0 to 63 bytes (a
//! whole buffer shorter than 64 bytes included) are one `vmovdqu8` with a mask register, which
//! loads only the lanes of the bytes that exist (masked-off lanes are neither read nor fault),
//! classified with the same mask so that the missing lanes count as stops. Masking every block
//! instead would put the mask computation in front of every load: 0.5 ns more per short scan.

/// x86_64 SSE2 kernels: 16-byte blocks. SSE2 is part of the x86_64 baseline.
///
/// Tokens are classified with range compares (SSE2 has no `pshufb`), as VCHAR minus the
/// delimiters.
#[derive(Debug, Clone, Copy)]
pub struct Sse2;

/// x86_64 AVX2 kernels: 32-byte blocks, 16-byte SSSE3 blocks for buffers of 16 to 31 bytes.
///
/// Tokens are classified with two 16-entry nibble tables (`vpshufb`).
#[derive(Debug, Clone, Copy)]
pub struct Avx2;

/// x86_64 AVX-512BW kernels: 64-byte blocks, the last one a masked load (no scalar tail).
///
/// Tokens are classified with two 16-entry nibble tables (`vpshufb`), the range classes with
/// unsigned compares into mask registers.
#[derive(Debug, Clone, Copy)]
pub struct Avx512;

/// The vector kernels: compiled when the target has SSE2, which every x86_64 target has except
/// the soft-float ones (`x86_64-unknown-none`, kernels), where vector registers are off limits.
#[cfg(target_feature = "sse2")]
mod kernels {
    use core::arch::x86_64::*;

    use super::{Avx2, Avx512, Sse2};
    use crate::simd::{Level, Scalar, Scan, array_at};

    /// The tchar nibble tables, from their one home.
    use crate::classify::TCHAR_NIBBLES;

    /// `LO` of the tchar tables as a vector.
    // SAFETY: `[u8; 16]` and `__m128i` have the same size and every bit pattern is valid in both.
    const TCHAR_LO: __m128i =
        unsafe { core::mem::transmute::<[u8; 16], __m128i>(TCHAR_NIBBLES[0]) };
    /// `HI` of the tchar tables as a vector.
    // SAFETY: as for `TCHAR_LO`.
    const TCHAR_HI: __m128i =
        unsafe { core::mem::transmute::<[u8; 16], __m128i>(TCHAR_NIBBLES[1]) };

    /// The block loop of SSE2 and AVX2, written once for a block width `W` (16, 32, or 64 for
    /// two AVX2 blocks at once).
    ///
    /// `stops(block)` has bit `k` set when `block[k]` ends the scan (and no bit `W` or above);
    /// `short(buf, i)` answers for a buffer shorter than one block.
    #[inline(always)]
    fn first_stop<const W: usize>(
        buf: &[u8],
        mut i: usize,
        stops: impl Fn(&[u8; W]) -> u64,
        short: impl FnOnce(&[u8], usize) -> usize,
    ) -> usize {
        let len = buf.len();
        // The first full block, then the others: most scans end in the first.
        if let Some(block) = buf.get(i..).and_then(<[u8]>::first_chunk::<W>) {
            let m = stops(block);
            if m != 0 {
                return i + m.trailing_zeros() as usize;
            }
            i += W;
            while let Some(block) = buf.get(i..).and_then(<[u8]>::first_chunk::<W>) {
                let m = stops(block);
                if m != 0 {
                    return i + m.trailing_zeros() as usize;
                }
                i += W;
            }
        }
        if i >= len {
            return len;
        }
        match buf.last_chunk::<W>() {
            // 1..W bytes are left: classify the buffer's last block, which ends with them, and
            // drop the bits of the bytes before `i` (there are `W - (len - i)` of them, < W).
            Some(block) => {
                let m = stops(block) >> (W - (len - i));
                if m != 0 {
                    i + m.trailing_zeros() as usize
                } else {
                    len
                }
            }
            None => short(buf, i),
        }
    }

    /// All ones in the lanes whose byte `b` has `b - first < len` (wrapping, unsigned), that is
    /// `b` in the run `first, first + 1, …, first + len - 1` (mod 256); `len` is 1..=255.
    #[target_feature(enable = "sse2")]
    #[inline]
    fn in_range(v: __m128i, first: u8, len: u8) -> __m128i {
        let x = _mm_add_epi8(v, _mm_set1_epi8(0x80u8.wrapping_sub(first) as i8));
        _mm_cmpgt_epi8(_mm_set1_epi8(len.wrapping_add(0x80) as i8), x)
    }

    /// `in_range` for 32 bytes.
    #[target_feature(enable = "avx2")]
    #[inline]
    fn in_range_256(v: __m256i, first: u8, len: u8) -> __m256i {
        let x = _mm256_add_epi8(v, _mm256_set1_epi8(0x80u8.wrapping_sub(first) as i8));
        _mm256_cmpgt_epi8(_mm256_set1_epi8(len.wrapping_add(0x80) as i8), x)
    }

    /// Target stops: the wrapping run 0x7F..=0x20, i.e. everything but VCHAR.
    const NOT_VCHAR: (u8, u8) = (0x7f, 0xa2);
    /// Value stops below DEL: 0x00..=0x1F.
    const CONTROLS: (u8, u8) = (0x00, 0x20);

    /// 16 bytes from `block`.
    #[target_feature(enable = "sse2")]
    #[inline]
    fn load_128(block: &[u8; 16]) -> __m128i {
        // SAFETY: `block` is 16 readable bytes, and `loadu` has no alignment requirement.
        unsafe { _mm_loadu_si128(block.as_ptr().cast()) }
    }

    /// One bit per byte lane of a compare result.
    #[target_feature(enable = "sse2")]
    #[inline]
    fn mask_128(v: __m128i) -> u64 {
        u64::from(_mm_movemask_epi8(v) as u16)
    }

    /// Token stops of 16 bytes without `pshufb`: not VCHAR, or a delimiter.
    #[target_feature(enable = "sse2")]
    #[inline]
    fn token_stops_sse2(v: __m128i) -> u64 {
        let eq = |b: u8| _mm_cmpeq_epi8(v, _mm_set1_epi8(b as i8));
        let runs = _mm_or_si128(
            _mm_or_si128(in_range(v, NOT_VCHAR.0, NOT_VCHAR.1), in_range(v, b'(', 2)),
            _mm_or_si128(in_range(v, b':', 7), in_range(v, b'[', 3)),
        );
        let singles = _mm_or_si128(
            _mm_or_si128(eq(b'"'), eq(b',')),
            _mm_or_si128(_mm_or_si128(eq(b'/'), eq(b'{')), eq(b'}')),
        );
        mask_128(_mm_or_si128(runs, singles))
    }

    /// Token stops of 16 bytes with the nibble tables (SSSE3 `pshufb`).
    #[target_feature(enable = "ssse3")]
    #[inline]
    fn token_stops_ssse3(v: __m128i) -> u64 {
        let lo = _mm_shuffle_epi8(TCHAR_LO, v);
        let high_nibbles = _mm_and_si128(_mm_srli_epi16::<4>(v), _mm_set1_epi8(0x0f));
        let hi = _mm_shuffle_epi8(TCHAR_HI, high_nibbles);
        mask_128(_mm_cmpeq_epi8(_mm_and_si128(lo, hi), _mm_setzero_si128()))
    }

    /// Target stops of 16 bytes.
    #[target_feature(enable = "sse2")]
    #[inline]
    fn target_stops_128(v: __m128i) -> u64 {
        let hash = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'#' as i8));
        mask_128(_mm_or_si128(in_range(v, NOT_VCHAR.0, NOT_VCHAR.1), hash))
    }

    /// Value stops of 16 bytes.
    #[target_feature(enable = "sse2")]
    #[inline]
    fn value_stops_128(v: __m128i) -> u64 {
        let del = _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7f));
        mask_128(_mm_or_si128(in_range(v, CONTROLS.0, CONTROLS.1), del))
    }

    /// 32 bytes from `block`.
    #[target_feature(enable = "avx2")]
    #[inline]
    fn load_256(block: &[u8; 32]) -> __m256i {
        // SAFETY: `block` is 32 readable bytes, and `loadu` has no alignment requirement.
        unsafe { _mm256_loadu_si256(block.as_ptr().cast()) }
    }

    /// One bit per byte lane of a compare result.
    #[target_feature(enable = "avx2")]
    #[inline]
    fn mask_256(v: __m256i) -> u64 {
        u64::from(_mm256_movemask_epi8(v) as u32)
    }

    /// Token stops of 32 bytes with the nibble tables.
    #[target_feature(enable = "avx2")]
    #[inline]
    fn token_stops_256(v: __m256i) -> u64 {
        let lo = _mm256_shuffle_epi8(_mm256_broadcastsi128_si256(TCHAR_LO), v);
        let high_nibbles = _mm256_and_si256(_mm256_srli_epi16::<4>(v), _mm256_set1_epi8(0x0f));
        let hi = _mm256_shuffle_epi8(_mm256_broadcastsi128_si256(TCHAR_HI), high_nibbles);
        mask_256(_mm256_cmpeq_epi8(
            _mm256_and_si256(lo, hi),
            _mm256_setzero_si256(),
        ))
    }

    /// Target stops of 32 bytes.
    #[target_feature(enable = "avx2")]
    #[inline]
    fn target_stops_256(v: __m256i) -> u64 {
        let hash = _mm256_cmpeq_epi8(v, _mm256_set1_epi8(b'#' as i8));
        mask_256(_mm256_or_si256(
            in_range_256(v, NOT_VCHAR.0, NOT_VCHAR.1),
            hash,
        ))
    }

    /// Value stops of 32 bytes.
    #[target_feature(enable = "avx2")]
    #[inline]
    fn value_stops_256(v: __m256i) -> u64 {
        mask_256(value_stops_vec(v))
    }

    /// Value stops of 32 bytes, as all ones in the lanes of the stops.
    #[target_feature(enable = "avx2")]
    #[inline]
    fn value_stops_vec(v: __m256i) -> __m256i {
        let del = _mm256_cmpeq_epi8(v, _mm256_set1_epi8(0x7f));
        _mm256_or_si256(in_range_256(v, CONTROLS.0, CONTROLS.1), del)
    }

    /// The AVX-512BW block loop: `keep(v, k)` returns the lanes of `k` whose bytes do not stop the
    /// scan; every other lane (including those past the end of `buf`) stops it.
    #[target_feature(enable = "avx512bw")]
    #[inline]
    fn first_stop_512(buf: &[u8], mut i: usize, keep: impl Fn(__m512i, u64) -> u64) -> usize {
        loop {
            let rest = &buf[i..];
            match rest.first_chunk::<64>() {
                Some(block) => {
                    let stops = !keep(load_512(block), u64::MAX);
                    if stops != 0 {
                        return i + stops.trailing_zeros() as usize;
                    }
                    i += 64;
                }
                None => {
                    // 0..64 bytes are left: load just them.
                    let k = (1u64 << rest.len()) - 1;
                    // SAFETY: the lanes set in `k` are the `rest.len()` bytes of `rest`, all
                    // inside `buf`; masked-off lanes are not read and cannot fault (AVX-512
                    // fault suppression). `rest.as_ptr()` is in bounds or one past the end.
                    let v = unsafe { _mm512_maskz_loadu_epi8(k, rest.as_ptr().cast()) };
                    // Never zero: the lane just after the bytes (bit `rest.len()`) is a stop.
                    let stops = !keep(v, k);
                    return i + stops.trailing_zeros() as usize;
                }
            }
        }
    }

    /// 64 bytes from `block`.
    #[target_feature(enable = "avx512bw")]
    #[inline]
    fn load_512(block: &[u8; 64]) -> __m512i {
        // SAFETY: `block` is 64 readable bytes, and `loadu` has no alignment requirement.
        unsafe { _mm512_loadu_si512(block.as_ptr().cast()) }
    }

    /// The tchar lanes of `k` in `v`, by the nibble tables.
    #[target_feature(enable = "avx512bw")]
    #[inline]
    fn token_keep_512(v: __m512i, k: u64) -> u64 {
        let lo = _mm512_shuffle_epi8(_mm512_broadcast_i32x4(TCHAR_LO), v);
        let high_nibbles = _mm512_and_si512(_mm512_srli_epi16::<4>(v), _mm512_set1_epi8(0x0f));
        let hi = _mm512_shuffle_epi8(_mm512_broadcast_i32x4(TCHAR_HI), high_nibbles);
        _mm512_mask_test_epi8_mask(k, lo, hi)
    }

    /// The target lanes of `k` in `v`: `b - 0x21 <= 0x5D` unsigned, and not `#`.
    #[target_feature(enable = "avx512bw")]
    #[inline]
    fn target_keep_512(v: __m512i, k: u64) -> u64 {
        let x = _mm512_sub_epi8(v, _mm512_set1_epi8(0x21));
        let vchar = _mm512_mask_cmple_epu8_mask(k, x, _mm512_set1_epi8(0x7e - 0x21));
        _mm512_mask_cmpneq_epi8_mask(vchar, v, _mm512_set1_epi8(b'#' as i8))
    }

    /// The field-value lanes of `k` in `v`: at least SP, and not DEL.
    #[target_feature(enable = "avx512bw")]
    #[inline]
    fn value_keep_512(v: __m512i, k: u64) -> u64 {
        let not_ctl = _mm512_mask_cmpge_epu8_mask(k, v, _mm512_set1_epi8(0x20));
        _mm512_mask_cmpneq_epi8_mask(not_ctl, v, _mm512_set1_epi8(0x7f))
    }

    impl Scan for Sse2 {
        const LEVEL: Level = Level::Sse2;

        #[target_feature(enable = "sse2")]
        #[inline]
        unsafe fn token_stop(buf: &[u8], i: usize) -> usize {
            first_stop::<16>(
                buf,
                i,
                |b| token_stops_sse2(load_128(b)),
                // SAFETY: the scalar code runs everywhere.
                |buf, i| unsafe { <Scalar as Scan>::token_stop(buf, i) },
            )
        }

        #[target_feature(enable = "sse2")]
        #[inline]
        unsafe fn target_stop(buf: &[u8], i: usize) -> usize {
            first_stop::<16>(
                buf,
                i,
                |b| target_stops_128(load_128(b)),
                // SAFETY: the scalar code runs everywhere.
                |buf, i| unsafe { <Scalar as Scan>::target_stop(buf, i) },
            )
        }

        #[target_feature(enable = "sse2")]
        #[inline]
        unsafe fn value_stop(buf: &[u8], i: usize) -> usize {
            first_stop::<16>(
                buf,
                i,
                |b| value_stops_128(load_128(b)),
                // SAFETY: the scalar code runs everywhere.
                |buf, i| unsafe { <Scalar as Scan>::value_stop(buf, i) },
            )
        }
    }

    /// The AVX2 scans after their first block: out of line, so that the first block (where
    /// most scans end) inlines into the parser without the loop and the tail handling.
    #[target_feature(enable = "avx2")]
    #[inline(never)]
    fn avx2_rest(buf: &[u8], i: usize, kind: u8) -> usize {
        match kind {
            0 => first_stop::<32>(
                buf,
                i,
                |b| token_stops_256(load_256(b)),
                |buf, i| {
                    first_stop::<16>(
                        buf,
                        i,
                        |b| token_stops_ssse3(load_128(b)),
                        // SAFETY: the scalar code runs everywhere.
                        |buf, i| unsafe { <Scalar as Scan>::token_stop(buf, i) },
                    )
                },
            ),
            1 => first_stop::<32>(
                buf,
                i,
                |b| target_stops_256(load_256(b)),
                |buf, i| {
                    first_stop::<16>(
                        buf,
                        i,
                        |b| target_stops_128(load_128(b)),
                        // SAFETY: the scalar code runs everywhere.
                        |buf, i| unsafe { <Scalar as Scan>::target_stop(buf, i) },
                    )
                },
            ),
            _ => first_stop::<32>(
                buf,
                i,
                |b| value_stops_256(load_256(b)),
                |buf, i| {
                    first_stop::<16>(
                        buf,
                        i,
                        |b| value_stops_128(load_128(b)),
                        // SAFETY: the scalar code runs everywhere.
                        |buf, i| unsafe { <Scalar as Scan>::value_stop(buf, i) },
                    )
                },
            ),
        }
    }

    /// [`Scan::value_stop`] for the last 0 to 63 bytes of `buf` from `i` (out of line: a long
    /// value's scan ends here once): [`first_stop`] with 64-byte blocks, so the buffer's last 64
    /// bytes are classified at once, without the bits of the bytes before `i`.
    #[target_feature(enable = "avx2")]
    #[inline(never)]
    fn value_tail(buf: &[u8], i: usize) -> usize {
        first_stop::<64>(
            buf,
            i,
            |chunk| {
                let (lo, hi) = chunk.split_at(32);
                let (Some(lo), Some(hi)) = (lo.first_chunk::<32>(), hi.first_chunk::<32>()) else {
                    return 0;
                };
                value_stops_256(load_256(lo)) | value_stops_256(load_256(hi)) << 32
            },
            |buf, i| avx2_rest(buf, i, 2),
        )
    }

    /// The first 32-byte block inline, the rest out of line.
    #[target_feature(enable = "avx2")]
    #[inline]
    fn avx2_scan(buf: &[u8], i: usize, kind: u8, stops: impl Fn(__m256i) -> u64) -> usize {
        match buf.get(i..).and_then(<[u8]>::first_chunk::<32>) {
            Some(block) => {
                let m = stops(load_256(block));
                if m != 0 {
                    i + m.trailing_zeros() as usize
                } else {
                    avx2_rest(buf, i + 32, kind)
                }
            }
            None => avx2_rest(buf, i, kind),
        }
    }

    /// Several classes of one 32-byte block from one load, for the head parser's straight-line
    /// paths: bit `k` of each mask says whether `block[k]` stops the scan of that class, exactly
    /// as in the [`Scan`] kernels of this type.
    impl Avx2 {
        /// `(token stops, value stops)`: the masks of [`Scan::token_stop`] and
        /// [`Scan::value_stop`] for the 32 bytes of `block` (a field line's name and value).
        #[target_feature(enable = "avx2")]
        #[inline]
        pub(crate) fn field_masks(block: &[u8; 32]) -> (u32, u32) {
            let v = load_256(block);
            (token_stops_256(v) as u32, value_stops_256(v) as u32)
        }

        /// The mask of [`Scan::value_stop`] for the 32 bytes of `block` (a reason phrase).
        #[target_feature(enable = "avx2")]
        #[inline]
        pub(crate) fn value_mask(block: &[u8; 32]) -> u32 {
            value_stops_256(load_256(block)) as u32
        }

        /// `(token stops, target stops)`: the masks of [`Scan::token_stop`] and
        /// [`Scan::target_stop`] for the 32 bytes of `block` (a request line's method and
        /// target).
        #[target_feature(enable = "avx2")]
        #[inline]
        pub(crate) fn request_masks(block: &[u8; 32]) -> (u32, u32) {
            let v = load_256(block);
            (token_stops_256(v) as u32, target_stops_256(v) as u32)
        }

        /// [`Scan::value_stop`] for a value that is expected to run on past `i`: one 32-byte
        /// block (where a medium value ends), then 64 bytes per round, the stops of both halves
        /// ORed before one test, then the kernel's block loop (out of line) for the last 0 to
        /// 63 bytes.
        #[target_feature(enable = "avx2")]
        #[inline]
        pub(crate) fn value_stop_long(buf: &[u8], mut i: usize) -> usize {
            let len = buf.len();
            if len >= 64 && i <= len - 32 {
                // SAFETY: i + 32 <= len (just checked).
                let m = value_stops_256(load_256(unsafe { array_at(buf, i) }));
                if m != 0 {
                    return i + m.trailing_zeros() as usize;
                }
                i += 32;
                while i <= len - 64 {
                    // SAFETY: i + 64 <= len (the loop condition).
                    let lo = value_stops_vec(load_256(unsafe { array_at(buf, i) }));
                    // SAFETY: as above.
                    let hi = value_stops_vec(load_256(unsafe { array_at(buf, i + 32) }));
                    let any = _mm256_or_si256(lo, hi);
                    if _mm256_testz_si256(any, any) == 0 {
                        let m = mask_256(lo) | mask_256(hi) << 32;
                        return i + m.trailing_zeros() as usize;
                    }
                    i += 64;
                }
            }
            value_tail(buf, i)
        }

        /// The mask of [`Scan::target_stop`] for the 32 bytes of `block` (a request target).
        #[target_feature(enable = "avx2")]
        #[inline]
        pub(crate) fn target_mask(block: &[u8; 32]) -> u32 {
            target_stops_256(load_256(block)) as u32
        }
    }

    impl Scan for Avx2 {
        const LEVEL: Level = Level::Avx2;

        #[target_feature(enable = "avx2")]
        #[inline]
        unsafe fn token_stop(buf: &[u8], i: usize) -> usize {
            avx2_scan(buf, i, 0, |v| token_stops_256(v))
        }

        #[target_feature(enable = "avx2")]
        #[inline]
        unsafe fn target_stop(buf: &[u8], i: usize) -> usize {
            avx2_scan(buf, i, 1, |v| target_stops_256(v))
        }

        #[target_feature(enable = "avx2")]
        #[inline]
        unsafe fn value_stop(buf: &[u8], i: usize) -> usize {
            avx2_scan(buf, i, 2, |v| value_stops_256(v))
        }
    }

    impl Scan for Avx512 {
        const LEVEL: Level = Level::Avx512;

        #[target_feature(enable = "avx512bw,avx512f")]
        #[inline]
        unsafe fn token_stop(buf: &[u8], i: usize) -> usize {
            first_stop_512(buf, i, |v, k| token_keep_512(v, k))
        }

        #[target_feature(enable = "avx512bw,avx512f")]
        #[inline]
        unsafe fn target_stop(buf: &[u8], i: usize) -> usize {
            first_stop_512(buf, i, |v, k| target_keep_512(v, k))
        }

        #[target_feature(enable = "avx512bw,avx512f")]
        #[inline]
        unsafe fn value_stop(buf: &[u8], i: usize) -> usize {
            first_stop_512(buf, i, |v, k| value_keep_512(v, k))
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use crate::classify::TCHAR;
        extern crate std;
        use std::{eprintln, vec};

        /// The nibble tables classify all 256 bytes exactly like `TCHAR`, the way `vpshufb` reads
        /// them (an index byte with its top bit set yields 0).
        #[test]
        fn nibble_tables_are_tchar() {
            let [lo, hi] = TCHAR_NIBBLES;
            let pshufb = |table: &[u8; 16], index: u8| {
                if index & 0x80 != 0 {
                    0
                } else {
                    table[usize::from(index & 0x0f)]
                }
            };
            for b in 0..=255u8 {
                let got = pshufb(&lo, b) & pshufb(&hi, b >> 4) != 0;
                assert_eq!(got, TCHAR[usize::from(b)], "{b:#04x}");
            }
        }

        /// The block helpers of the head parser's straight-line paths agree with the scalar
        /// kernels: `value_stop_long` on every length up to 130, every start and every place
        /// of one stop byte (of several kinds), and the masks on every byte at every lane.
        #[test]
        #[cfg_attr(miri, ignore = "miri runs only the scalar level")]
        fn block_helpers_match_scalar() {
            if !Level::Avx2.is_available() {
                eprintln!("block_helpers_match_scalar: SKIPPING, this CPU has no AVX2");
                return;
            }
            for len in 0..=130usize {
                for stop in (0..=len).flat_map(|at| [(at, b'\r'), (at, 0x7f), (at, b'\t')]) {
                    let mut buf = vec![b'v'; len];
                    if let Some(b) = buf.get_mut(stop.0) {
                        *b = stop.1;
                    }
                    for i in 0..=len {
                        // SAFETY: AVX2 is available (checked above); i <= len.
                        let got = unsafe { Avx2::value_stop_long(&buf, i) };
                        // SAFETY: the scalar code runs everywhere; i <= len.
                        let want = unsafe { Scalar::value_stop(&buf, i) };
                        assert_eq!(got, want, "len {len} stop {stop:?} from {i}");
                    }
                }
            }
            for b in 0..=255u8 {
                for k in 0..32 {
                    let mut block = [b'a'; 32];
                    block[k] = b;
                    let bit = |m: u32| m >> k & 1 == 1;
                    // SAFETY: AVX2 is available (checked above).
                    let fields = unsafe { Avx2::field_masks(&block) };
                    // SAFETY: as above.
                    let request = unsafe { Avx2::request_masks(&block) };
                    // SAFETY: as above.
                    let value = unsafe { Avx2::value_mask(&block) };
                    // SAFETY: as above.
                    let target = unsafe { Avx2::target_mask(&block) };
                    let is_token = TCHAR[usize::from(b)];
                    let is_value_stop = crate::classify::is_value_stop(b);
                    let is_target = crate::classify::is_target_byte(b);
                    assert_eq!(bit(fields.0), !is_token, "{b:#04x} at {k}");
                    assert_eq!(bit(fields.1), is_value_stop, "{b:#04x} at {k}");
                    assert_eq!(bit(request.0), !is_token, "{b:#04x} at {k}");
                    assert_eq!(bit(request.1), !is_target, "{b:#04x} at {k}");
                    assert_eq!(bit(value), is_value_stop, "{b:#04x} at {k}");
                    assert_eq!(bit(target), !is_target, "{b:#04x} at {k}");
                    // The other lanes ('a') stop nothing.
                    let others = !(1u32 << k);
                    assert_eq!(
                        (fields.0 | fields.1 | request.0 | request.1 | value | target) & others,
                        0
                    );
                }
            }
        }

        /// The SSE2 composition of the class (VCHAR minus the delimiters) is the class.
        #[test]
        fn delimiters_complete_tchar() {
            let delimiter = |b: u8| b"\"(),/:;<=>?@[\\]{}".contains(&b);
            for b in 0..=255u8 {
                let runs = [NOT_VCHAR, (b'(', 2), (b':', 7), (b'[', 3)];
                let in_run = runs.iter().any(|&(first, len)| b.wrapping_sub(first) < len);
                let singles = b"\",/{}".contains(&b);
                assert_eq!(!(in_run || singles), TCHAR[usize::from(b)], "{b:#04x}");
                assert_eq!(b.is_ascii_graphic() && !delimiter(b), TCHAR[usize::from(b)]);
            }
        }
    }
}

/// Without SSE (soft-float targets) every x86 level runs the scalar code.
#[cfg(not(target_feature = "sse2"))]
mod soft_float {
    use super::{Avx2, Avx512, Sse2};
    use crate::simd::{Level, Scalar, Scan};

    macro_rules! scalar {
        ($($t:ty => $level:expr),*) => {$(
            impl Scan for $t {
                const LEVEL: Level = $level;

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
        )*};
    }

    scalar!(Sse2 => Level::Sse2, Avx2 => Level::Avx2, Avx512 => Level::Avx512);
}
