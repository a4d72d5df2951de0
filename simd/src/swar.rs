//! Word-at-a-time (SWAR) helpers for the portable code: eight bytes in a `u64`, each test
//! leaving the high bit of every flagged byte set.
//!
//! The tests are the classic ones (`(x - n) & !x` for "below `n`", the same on `x ^ b`
//! against 1 for "equal to `b`"). A subtraction's borrow can flag a byte *above* a true hit,
//! never one below it, so the lowest flagged byte ([`first`], in little-endian order) is exact;
//! the other flags are not to be trusted.

/// Every byte of a word set to `b`.
#[inline(always)]
pub const fn splat(b: u8) -> u64 {
    u64::from_ne_bytes([b; 8])
}

/// The high bit of the bytes of `word` below `n` (`n` at most 0x80; bytes >= 0x80 are never
/// flagged). Exact only at the lowest flag.
#[inline(always)]
pub const fn below(word: u64, n: u8) -> u64 {
    word.wrapping_sub(splat(n)) & !word & splat(0x80)
}

/// The high bit of the bytes of `word` equal to `b`. Exact only at the lowest flag.
#[inline(always)]
pub const fn equal(word: u64, b: u8) -> u64 {
    let x = word ^ splat(b);
    x.wrapping_sub(splat(0x01)) & !x & splat(0x80)
}

/// The high bit of the bytes of `word` that are 0x80 or above (exact).
#[inline(always)]
pub const fn high(word: u64) -> u64 {
    word & splat(0x80)
}

/// The index of the lowest flagged byte of a little-endian word.
#[inline(always)]
pub const fn first(flags: u64) -> Option<usize> {
    if flags == 0 {
        None
    } else {
        Some(flags.trailing_zeros() as usize / 8)
    }
}

/// The eight bytes of `buf` from `i` as a little-endian word, if there are eight.
#[inline(always)]
pub fn word_at(buf: &[u8], i: usize) -> Option<u64> {
    let w: [u8; 8] = buf.get(i..i.checked_add(8)?)?.try_into().ok()?;
    Some(u64::from_le_bytes(w))
}

/// Whether `b` is a C0 control character (HTAB, CR and LF included) or DEL.
#[inline(always)]
pub const fn is_control(b: u8) -> bool {
    b < 0x20 || b == 0x7f
}

/// The index of the first control byte ([`is_control`]) at or after `start`, or `buf.len()`:
/// where a reason phrase or a field value must stop to have its next byte looked at. Eight
/// bytes at a time.
///
/// ```
/// use httpwire_simd::swar::first_control;
/// assert_eq!(first_control(b"Not Found\r\n", 0), 9);
/// assert_eq!(first_control(b"a\tb", 0), 1);
/// assert_eq!(first_control(b"abc", 1), 3);
/// ```
#[inline]
pub fn first_control(buf: &[u8], start: usize) -> usize {
    let mut i = start;
    while let Some(word) = word_at(buf, i) {
        match first(below(word, 0x20) | equal(word, 0x7f)) {
            None => i += 8,
            Some(k) => return i + k,
        }
    }
    while let Some(&b) = buf.get(i) {
        if is_control(b) {
            return i;
        }
        i += 1;
    }
    buf.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn config() -> ProptestConfig {
        let mut config = ProptestConfig {
            cases: if cfg!(miri) { 8 } else { 1024 },
            failure_persistence: None,
            ..ProptestConfig::default()
        };
        // Under miri, the XorShift RNG instead of the default ChaCha: proptest derives a fresh
        // RNG for every arm of a `prop_oneof!` not taken (`edge()`, for every byte), which
        // ChaCha makes about ten times slower there. Same cases, cheaper generator.
        if cfg!(miri) {
            config.rng_algorithm = proptest::test_runner::RngAlgorithm::XorShift;
        }
        config
    }

    /// The byte values where the tests change their answer, and a few others.
    fn edge() -> impl Strategy<Value = u8> {
        prop_oneof![
            prop::sample::select(
                &[
                    0u8, 1, 0x1f, 0x20, 0x21, 0x22, 0x23, 0x24, 0x7e, 0x7f, 0x80, 0xff
                ][..]
            ),
            any::<u8>(),
        ]
    }

    proptest! {
        #![proptest_config(config())]

        /// The lowest flag of each test is the first byte that meets it.
        #[test]
        fn lowest_flag_is_exact(word in prop::array::uniform8(edge()), n in 1u8..=0x80, b in any::<u8>()) {
            let w = u64::from_le_bytes(word);
            prop_assert_eq!(first(below(w, n)), word.iter().position(|&x| x < n));
            prop_assert_eq!(first(equal(w, b)), word.iter().position(|&x| x == b));
            prop_assert_eq!(first(high(w)), word.iter().position(|&x| x >= 0x80));
            prop_assert_eq!(
                first(below(w, 0x21) | equal(w, 0x7f) | equal(w, b'#') | high(w)),
                word.iter().position(|&x| !(0x21..0x7f).contains(&x) || x == b'#')
            );
        }

        /// `first_control` equals the obvious loop at every start.
        #[test]
        fn first_control_is_exact(buf in prop::collection::vec(edge(), 0..40), start in 0usize..41) {
            let start = start.min(buf.len());
            let want = buf[start..].iter().position(|&b| is_control(b)).map_or(buf.len(), |k| start + k);
            prop_assert_eq!(first_control(&buf, start), want);
        }
    }
}
