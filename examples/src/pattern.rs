//! The deterministic bytes that the server's `/bytes` and `/chunked` routes send, and the
//! checksum that `/chunked` puts in its `X-Checksum` trailer: tests and harnesses recompute
//! both from here.
//!
//! Byte `i` of a body (from 0) is `(i * 31 + 7) % 251`: every value below 251 appears, the
//! sequence does not repeat with a power-of-two period, and a shifted or dropped byte shows.
//! The checksum is 64-bit FNV-1a (offset basis `0xcbf29ce484222325`, prime
//! `0x100000001b3`), written as 16 lowercase hex digits.

/// Byte `i` of a pattern body: `(i * 31 + 7) % 251`.
pub const fn byte_at(i: u64) -> u8 {
    // (i * 31 + 7) mod 251, computed without overflow for every u64.
    ((((i % 251) * 31) + 7) % 251) as u8
}

/// Fills `out` with the pattern bytes from offset `start`.
pub fn fill(start: u64, out: &mut [u8]) {
    let mut v = start % 251;
    for b in out {
        *b = ((v * 31 + 7) % 251) as u8;
        v += 1;
        if v == 251 {
            v = 0;
        }
    }
}

/// The first `n` pattern bytes.
pub fn bytes(n: usize) -> Vec<u8> {
    let mut v = vec![0; n];
    fill(0, &mut v);
    v
}

/// 64-bit FNV-1a, fed in pieces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fnv1a(u64);

impl Fnv1a {
    /// The offset basis.
    pub const fn new() -> Fnv1a {
        Fnv1a(0xcbf2_9ce4_8422_2325)
    }

    /// Feeds `bytes`.
    pub fn update(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    /// The hash so far.
    pub const fn value(&self) -> u64 {
        self.0
    }

    /// The hash so far as 16 lowercase hex digits (the `X-Checksum` trailer's value).
    pub fn hex(&self) -> String {
        format!("{:016x}", self.0)
    }
}

impl Default for Fnv1a {
    fn default() -> Self {
        Fnv1a::new()
    }
}

/// The FNV-1a hex checksum of `bytes`.
pub fn checksum(bytes: &[u8]) -> String {
    let mut h = Fnv1a::new();
    h.update(bytes);
    h.hex()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_matches_byte_at_from_any_offset() {
        for start in [0u64, 1, 250, 251, 1000, u64::MAX - 1000] {
            let mut out = [0u8; 600];
            fill(start, &mut out);
            for (k, b) in out.iter().enumerate() {
                assert_eq!(*b, byte_at(start.wrapping_add(k as u64)), "{start} + {k}");
            }
        }
    }

    #[test]
    fn fnv1a_known_values() {
        assert_eq!(checksum(b""), "cbf29ce484222325");
        assert_eq!(checksum(b"a"), "af63dc4c8601ec8c");
        assert_eq!(checksum(b"foobar"), "85944171f73967e8");
    }
}
