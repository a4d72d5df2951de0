//! The portable reference scanners: a table for tokens, word-at-a-time (SWAR) for the
//! contiguous classes.

use httpwire_simd::swar;

use super::Scanner;
use crate::classify::{is_target_byte, is_tchar};

/// The portable implementation; the reference every SIMD level is tested against.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Scalar;

impl Scanner for Scalar {
    const BLOCKS: bool = false;

    #[inline(always)]
    fn token_stop(self, buf: &[u8], mut i: usize) -> usize {
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

    /// Eight bytes at a time: below 0x21, DEL, `#`, or 0x80 and above.
    #[inline(always)]
    fn target_stop(self, buf: &[u8], mut i: usize) -> usize {
        while let Some(w) = swar::word_at(buf, i) {
            let stops =
                swar::below(w, 0x21) | swar::equal(w, 0x7f) | swar::equal(w, b'#') | swar::high(w);
            match swar::first(stops) {
                None => i += 8,
                Some(k) => return i + k,
            }
        }
        while let Some(&b) = buf.get(i) {
            if !is_target_byte(b) {
                return i;
            }
            i += 1;
        }
        buf.len()
    }

    #[inline(always)]
    fn value_stop(self, buf: &[u8], i: usize) -> usize {
        swar::first_control(buf, i)
    }

    #[inline(always)]
    fn cold<R>(self, f: impl FnOnce(Self) -> R) -> R {
        #[inline(never)]
        fn go<R>(s: Scalar, f: impl FnOnce(Scalar) -> R) -> R {
            f(s)
        }
        go(self, f)
    }
}
