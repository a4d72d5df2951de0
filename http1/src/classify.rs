//! Byte classes of RFC 9110 §5.6.2 (tokens), §5.5 (field values) and RFC 9112 §3.2 (the
//! request-target), as tables built at compile time from the grammar. This is their one home:
//! the scalar scanners and the SIMD kernels' tests both read them.

/// `tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|"
/// / "~" / DIGIT / ALPHA` (RFC 9110 §5.6.2).
const TCHAR_SYMBOLS: &[u8] = b"!#$%&'*+-.^_`|~";

const fn build_tchar() -> [bool; 256] {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = c.is_ascii_alphanumeric();
        b += 1;
    }
    let mut i = 0;
    while i < TCHAR_SYMBOLS.len() {
        t[TCHAR_SYMBOLS[i] as usize] = true;
        i += 1;
    }
    t
}

/// `TCHAR[b]` is true when `b` may appear in a token (method, field name, coding name).
pub static TCHAR: [bool; 256] = build_tchar();

/// Whether `b` is a `tchar`.
#[inline(always)]
pub const fn is_tchar(b: u8) -> bool {
    TCHAR[b as usize]
}

/// The tables of a nibble lookup for an ASCII byte class: `class[0xHL]` iff
/// `LO[L] & HI[H] != 0`, with `HI[H] = 1 << H` and `LO[L]` holding, bit by bit, the rows `H`
/// in which `0xHL` is in the class. The SIMD kernels look bytes up with `pshufb` / `tbl`.
///
/// Panics (at compile time, where it is used) if the class has a byte >= 0x80: the tables have
/// one bit per ASCII row.
pub(crate) const fn nibble_tables(class: &[bool; 256]) -> [[u8; 16]; 2] {
    let mut lo = [0u8; 16];
    let mut hi = [0u8; 16];
    let mut b = 0;
    while b < 256 {
        if class[b] {
            assert!(b < 0x80, "the nibble tables cover ASCII classes only");
            lo[b & 0x0f] |= 1 << (b >> 4);
        }
        b += 1;
    }
    let mut row = 0;
    while row < 8 {
        hi[row] = 1 << row;
        row += 1;
    }
    [lo, hi]
}

/// The nibble tables of [`TCHAR`]: `[LO, HI]`.
#[allow(dead_code)] // used by the SIMD kernels of x86_64 and aarch64 only
pub(crate) const TCHAR_NIBBLES: [[u8; 16]; 2] = nibble_tables(&TCHAR);

/// Whether `b` may appear in a field value: HTAB, SP, VCHAR or obs-text (RFC 9110 §5.5). The
/// same set as a reason phrase, so the status-lines crate's predicate is the one definition.
#[inline(always)]
pub const fn is_field_value_byte(b: u8) -> bool {
    status_lines::is_reason_byte(b)
}

/// Whether `b` may appear in a request-target in strict mode: VCHAR (0x21–0x7E) except `#`.
/// SP ends the target; control characters, DEL and bytes above 0x7E (which no URI form
/// allows, RFC 3986 §2) are refused, and so is `#`, since a fragment is never part of a
/// request-target (RFC 9110 §7.1).
#[inline(always)]
pub const fn is_target_byte(b: u8) -> bool {
    b > 0x20 && b < 0x7f && b != b'#'
}

/// Whether `b` stops a field-value scan: every byte below 0x20 (HTAB, CR and LF included) and
/// DEL. The scanner then looks at the byte: HTAB continues the value, CR ends the line, anything
/// else is an error.
#[inline(always)]
pub const fn is_value_stop(b: u8) -> bool {
    b < 0x20 || b == 0x7f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tchar_matches_the_grammar() {
        let mut n = 0;
        for b in 0..=255u8 {
            let want = b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b);
            assert_eq!(is_tchar(b), want, "{b:#04x}");
            n += usize::from(want);
        }
        // 26 + 26 letters, 10 digits, 15 symbols.
        assert_eq!(n, 77);
    }

    #[test]
    fn value_and_target_classes() {
        for b in 0..=255u8 {
            assert_eq!(
                is_field_value_byte(b),
                b == b'\t' || (b >= 0x20 && b != 0x7f)
            );
            assert_eq!(is_value_stop(b), !is_field_value_byte(b) || b == b'\t');
            assert_eq!(is_target_byte(b), b.is_ascii_graphic() && b != b'#');
        }
    }
}
