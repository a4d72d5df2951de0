//! Byte classes of RFC 9110 §5.6.2 (tokens), §5.5 (field values) and RFC 9112 §3.2 (the
//! request-target), as tables built at compile time from the grammar. This is their one home:
//! the scalar scanners read the predicates, and the vector code the same classes as
//! [`Classes`] descriptions over httpwire-simd's primitives (below), which every level's block
//! loops take.

use httpwire_simd::{Classes, NibbleTables, Vector, nibble_tables};

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

/// The nibble tables of [`TCHAR`], for the vector lookups (`pshufb`, `tbl`).
pub(crate) const TCHAR_NIBBLES: NibbleTables = nibble_tables(&TCHAR);

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

/// Whether `b` is optional whitespace, SP or HTAB (RFC 9110 §5.6.3).
#[inline(always)]
pub const fn is_ows(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

/// `unreserved / sub-delims` (RFC 3986 §2.2, §2.3): the bytes a `reg-name` holds besides
/// percent-encodings, and with `:` those of an `IPvFuture`.
const fn build_reg_name() -> [bool; 256] {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = c.is_ascii_alphanumeric()
            || matches!(
                c,
                b'-' | b'.'
                    | b'_'
                    | b'~'
                    | b'!'
                    | b'$'
                    | b'&'
                    | b'\''
                    | b'('
                    | b')'
                    | b'*'
                    | b'+'
                    | b','
                    | b';'
                    | b'='
            );
        b += 1;
    }
    t
}

/// `REG_NAME[b]` is true when `b` is `unreserved` or a `sub-delim` (RFC 3986 §2.2, §2.3).
static REG_NAME: [bool; 256] = build_reg_name();

/// Whether `b` may appear in a `reg-name` (RFC 3986 §3.2.2) other than in a percent-encoding:
/// `unreserved / sub-delims`.
#[inline(always)]
pub const fn is_reg_name_byte(b: u8) -> bool {
    REG_NAME[b as usize]
}

/// Whether `b` stops a field-value scan: every byte below 0x20 (HTAB, CR and LF included) and
/// DEL. The scanner then looks at the byte: HTAB continues the value, CR ends the line, anything
/// else is an error.
#[inline(always)]
pub const fn is_value_stop(b: u8) -> bool {
    b < 0x20 || b == 0x7f
}

/// The vector form of the classes: the stop lanes of a vector of bytes for each scan of the
/// head parser. Each is the complement of a predicate above (the SIMD tests check every byte
/// at every lane against them).
pub(crate) mod stops {
    use super::*;

    /// Bytes that stop a token: not a `tchar`. A nibble lookup where the level has a byte
    /// shuffle; on SSE2, VCHAR minus the 17 delimiters `"(),/:;<=>?@[\]{}` (RFC 9110
    /// §5.6.2), which are three runs and five single bytes: nine compares and eight ORs.
    #[inline(always)]
    pub(crate) fn token<V: Vector>(isa: V, v: V::Bytes) -> V::Lanes {
        isa.outside(v, &TCHAR_NIBBLES).unwrap_or_else(|| {
            let runs = isa.or(
                isa.or(
                    isa.in_run(v, NOT_VCHAR.0, NOT_VCHAR.1),
                    isa.in_run(v, b'(', 2),
                ),
                isa.or(isa.in_run(v, b':', 7), isa.in_run(v, b'[', 3)),
            );
            let singles = isa.or(
                isa.or(isa.eq(v, b'"'), isa.eq(v, b',')),
                isa.or(isa.or(isa.eq(v, b'/'), isa.eq(v, b'{')), isa.eq(v, b'}')),
            );
            isa.or(runs, singles)
        })
    }

    /// Bytes that stop a request-target: outside VCHAR (the wrapping run 0x7F..=0x20), or `#`.
    #[inline(always)]
    pub(crate) fn target<V: Vector>(isa: V, v: V::Bytes) -> V::Lanes {
        isa.or(isa.in_run(v, NOT_VCHAR.0, NOT_VCHAR.1), isa.eq(v, b'#'))
    }

    /// Bytes that stop a field value: 0x00..=0x1F, or DEL.
    #[inline(always)]
    pub(crate) fn value<V: Vector>(isa: V, v: V::Bytes) -> V::Lanes {
        isa.or(isa.in_run(v, 0x00, 0x20), isa.eq(v, 0x7f))
    }

    /// Everything but VCHAR, as a wrapping run: 0x7F, …, 0xFF, 0x00, …, 0x20 (162 bytes).
    /// Bytes of optional whitespace: SP and HTAB ([`is_ows`]).
    #[inline(always)]
    pub(crate) fn ows<V: Vector>(isa: V, v: V::Bytes) -> V::Lanes {
        isa.or(isa.eq(v, b' '), isa.eq(v, b'\t'))
    }

    pub(crate) const NOT_VCHAR: (u8, u8) = (0x7f, 0xa2);

    /// The classes the block loops take: one scan each, or two from one load.
    macro_rules! classes {
        ($($(#[$doc:meta])* $name:ident = [$($f:ident),+];)*) => {$(
            $(#[$doc])*
            #[derive(Debug, Clone, Copy)]
            pub(crate) struct $name;

            impl Classes<{ [$(stringify!($f)),+].len() }> for $name {
                #[inline(always)]
                fn stops<V: Vector>(self, isa: V, v: V::Bytes) -> [V::Lanes; { [$(stringify!($f)),+].len() }] {
                    [$($f(isa, v)),+]
                }
            }
        )*};
    }

    classes! {
        /// Token stops.
        Token = [token];
        /// Request-target stops.
        Target = [target];
        /// Field-value stops.
        Value = [value];
        /// A field line's name and value: (token stops, value stops).
        FieldLine = [token, value];
        /// A request line's method and target: (token stops, target stops).
        RequestLine = [token, target];
        /// A field line with optional whitespace in its value (the OWS path).
        OwsLine = [token, value, ows];
        /// The rest of such a value.
        OwsValue = [value, ows];
    }
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

    /// The nibble tables classify all 256 bytes exactly like `TCHAR`.
    #[test]
    fn nibble_tables_are_tchar() {
        for b in 0..=255u8 {
            assert_eq!(TCHAR_NIBBLES.contains(b), TCHAR[usize::from(b)], "{b:#04x}");
        }
    }

    /// The SSE2 composition of the token class (VCHAR minus the delimiters) is the class.
    #[test]
    fn delimiters_complete_tchar() {
        let runs = [stops::NOT_VCHAR, (b'(', 2), (b':', 7), (b'[', 3)];
        for b in 0..=255u8 {
            let in_run = runs.iter().any(|&(first, len)| b.wrapping_sub(first) < len);
            let singles = b"\",/{}".contains(&b);
            assert_eq!(!(in_run || singles), TCHAR[usize::from(b)], "{b:#04x}");
        }
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

    #[test]
    fn reg_name_is_unreserved_and_sub_delims() {
        // RFC 3986 §2.2 and §2.3, spelled out.
        let listed: &[u8] =
            b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=";
        for b in 0..=255u8 {
            assert_eq!(is_reg_name_byte(b), listed.contains(&b), "{b:#04x}");
        }
    }
}
