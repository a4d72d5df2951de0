//! Prefix integers (RFC 7541 §5.1): a value in the low N bits of a byte (1 <= N <= 8), and
//! when it fills them, continuation bytes of 7 bits each, least significant first.
//!
//! Decoding is strict about size: a value past [`MAX`], or more than [`MAX_CONTINUATION`]
//! continuation bytes (even zeros), is an error, never a wrap or a panic. A truncated integer
//! (`3f` alone with a 6-bit prefix) is `Ok(None)`: more input may follow.

/// The largest value decoded: every length, index and size HPACK carries fits in 32 bits.
pub const MAX: u32 = u32::MAX;

/// The most continuation bytes an integer may have: five carry 35 bits, enough for [`MAX`].
pub const MAX_CONTINUATION: usize = 5;

/// An integer that is too large: past [`MAX`], or with more than [`MAX_CONTINUATION`]
/// continuation bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooLarge;

impl core::fmt::Display for TooLarge {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("HPACK integer too large")
    }
}

#[cfg(feature = "std")]
impl std::error::Error for TooLarge {}

/// The mask of an `prefix`-bit prefix (`prefix` in 1..=8).
#[inline(always)]
const fn mask(prefix: u8) -> u8 {
    (((1u16 << prefix) - 1) & 0xff) as u8
}

/// Decodes the integer whose prefix is the low `prefix` bits (1 to 8) of `buf[0]`: its value
/// and how many bytes it took, `None` when `buf` ends first (an empty `buf` too).
///
/// # Panics
///
/// When `prefix` is not in 1..=8 (a caller's constant; debug builds only).
#[inline]
pub fn decode(buf: &[u8], prefix: u8) -> Result<Option<(u32, usize)>, TooLarge> {
    debug_assert!((1..=8).contains(&prefix), "prefix of {prefix} bits");
    let Some((&first, rest)) = buf.split_first() else {
        return Ok(None);
    };
    let mask = mask(prefix);
    let small = first & mask;
    if small < mask {
        return Ok(Some((u32::from(small), 1)));
    }
    let mut value = u64::from(small);
    for (i, &b) in rest.iter().take(MAX_CONTINUATION).enumerate() {
        value += u64::from(b & 0x7f) << (7 * i);
        if value > u64::from(MAX) {
            return Err(TooLarge);
        }
        if b & 0x80 == 0 {
            return Ok(Some((value as u32, i + 2)));
        }
    }
    // The last continuation byte allowed announced another one.
    if rest.len() >= MAX_CONTINUATION {
        return Err(TooLarge);
    }
    Ok(None)
}

/// The bytes [`encode`] writes for `value` with a `prefix`-bit prefix.
pub const fn encoded_len(value: u32, prefix: u8) -> usize {
    let mask = mask(prefix) as u32;
    if value < mask {
        return 1;
    }
    let mut rest = value - mask;
    let mut len = 2;
    while rest >= 0x80 {
        rest >>= 7;
        len += 1;
    }
    len
}

/// Encodes `value` with a `prefix`-bit prefix (1 to 8) into the start of `dst`, the bits of
/// `flags` above the prefix kept in the first byte: the bytes written ([`encoded_len`]), or
/// `None` (nothing written) when `dst` is shorter.
pub fn encode(value: u32, prefix: u8, flags: u8, dst: &mut [u8]) -> Option<usize> {
    let len = encoded_len(value, prefix);
    let out = dst.get_mut(..len)?;
    let mask = mask(prefix);
    if len == 1 {
        out[0] = flags & !mask | value as u8;
        return Some(1);
    }
    out[0] = flags & !mask | mask;
    let mut rest = value - u32::from(mask);
    for b in &mut out[1..len - 1] {
        *b = (rest & 0x7f) as u8 | 0x80;
        rest >>= 7;
    }
    out[len - 1] = rest as u8;
    Some(len)
}
