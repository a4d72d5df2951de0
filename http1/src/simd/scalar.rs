//! The portable reference scanners: a table for tokens, word-at-a-time (SWAR) for the
//! contiguous classes.

use super::{Level, Scan};
use crate::classify::is_tchar;

/// The portable implementation; the reference every SIMD path is tested against.
#[derive(Debug, Clone, Copy)]
pub struct Scalar;

const fn splat(b: u8) -> u64 {
    u64::from_ne_bytes([b; 8])
}

/// First byte of `word` (little-endian) that is not a target byte (outside 0x21..=0x7E, or
/// `#`), if any.
///
/// Bytes below 0x21 are flagged by `(x - 0x21..) & !x`; bytes with the high bit set by `x`
/// itself; DEL and `#` by the zero-byte test on `x ^ 0x7f..` and `x ^ 0x23..`. Borrows only
/// ever flag bytes above a true hit, so the lowest flag is exact.
#[inline(always)]
fn first_non_target(word: u64) -> Option<usize> {
    let low = word.wrapping_sub(splat(0x21)) & !word;
    let del = word ^ splat(0x7f);
    let is_del = del.wrapping_sub(splat(0x01)) & !del;
    let hash = word ^ splat(b'#');
    let is_hash = hash.wrapping_sub(splat(0x01)) & !hash;
    let hits = (low | is_del | is_hash | word) & splat(0x80);
    if hits == 0 {
        None
    } else {
        Some(hits.trailing_zeros() as usize / 8)
    }
}

impl Scan for Scalar {
    const LEVEL: Level = Level::Scalar;

    #[inline(always)]
    unsafe fn token_stop(buf: &[u8], mut i: usize) -> usize {
        // Four bytes per round: tokens are short, so a wider unroll does not pay.
        while let Some(&[a, b, c, d]) = buf.get(i..i + 4).and_then(|s| s.first_chunk()) {
            if !is_tchar(a) {
                return i;
            }
            if !is_tchar(b) {
                return i + 1;
            }
            if !is_tchar(c) {
                return i + 2;
            }
            if !is_tchar(d) {
                return i + 3;
            }
            i += 4;
        }
        while let Some(&b) = buf.get(i) {
            if !is_tchar(b) {
                return i;
            }
            i += 1;
        }
        buf.len()
    }

    #[inline(always)]
    unsafe fn target_stop(buf: &[u8], mut i: usize) -> usize {
        while let Some(word) = buf.get(i..i + 8).and_then(|s| s.first_chunk::<8>()) {
            match first_non_target(u64::from_le_bytes(*word)) {
                None => i += 8,
                Some(k) => return i + k,
            }
        }
        while let Some(&b) = buf.get(i) {
            if !crate::classify::is_target_byte(b) {
                return i;
            }
            i += 1;
        }
        buf.len()
    }

    #[inline(always)]
    unsafe fn value_stop(buf: &[u8], i: usize) -> usize {
        status_lines::scan_to_control(buf, i)
    }
}
