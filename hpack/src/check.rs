//! HTTP/2's rules for the bytes of a field (RFC 9113 §8.2.1), on every SIMD level.
//!
//! HPACK carries any bytes; HTTP/2 does not accept them all. A field name must not be empty
//! or hold a byte in 0x00–0x20 (controls and SP), 0x41–0x5A (uppercase) or 0x7F–0xFF, nor a
//! colon except as the first byte of a pseudo-header's name; a value must not hold NUL, CR or
//! LF, nor start or end with SP or HTAB. A request or response with such a field is malformed
//! (RFC 9113 §8.1.1): a stream error, not a connection error, so the [`Decoder`] does not
//! refuse these fields (its errors end the connection's context) and the caller checks each
//! field with [`check`] ([`Field::check`]) as it comes out.
//!
//! The scans of the name and of the value run on the level chosen once per process in this
//! module's [`ORDER`], through the block loops of httpwire-simd; [`check_scalar`] is the
//! reference, and every level returns exactly what it returns (tests/check.rs).
//!
//! [`Decoder`]: crate::Decoder

use httpwire_simd::{Classes, Detector, Supported, Table, Vector, per_level};

pub use httpwire_simd::Level;

use crate::decode::Field;

/// Why a field is not valid in HTTP/2 (RFC 9113 §8.2.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Invalid {
    /// The name is empty.
    EmptyName,
    /// The name's byte at this offset is a control, SP, uppercase, DEL or non-ASCII, or a
    /// colon that does not start it.
    NameByte(usize),
    /// The value's byte at this offset is NUL, CR or LF.
    ValueByte(usize),
    /// The value starts or ends with SP or HTAB.
    ValueWhitespace,
}

impl core::fmt::Display for Invalid {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Invalid::EmptyName => f.write_str("empty field name"),
            Invalid::NameByte(at) => write!(f, "invalid byte in a field name at {at}"),
            Invalid::ValueByte(at) => write!(f, "NUL, CR or LF in a field value at {at}"),
            Invalid::ValueWhitespace => f.write_str("field value starts or ends with whitespace"),
        }
    }
}

#[cfg(feature = "std")]
impl std::error::Error for Invalid {}

/// The order of preference of the levels: AVX2 first (names and most values are shorter than
/// 32 bytes, and AVX-512's 64-byte blocks do not pay there), then AVX-512BW, then the 16-byte
/// levels.
pub const ORDER: &[Level] = &[Level::Avx2, Level::Avx512, Level::Sse2, Level::Neon];

static LEVEL: Detector = Detector::new(ORDER);

/// Whether `b` stops a name's scan: 0x00–0x20, ':', 0x41–0x5A, 0x7F–0xFF.
#[inline]
pub const fn is_name_stop(b: u8) -> bool {
    !matches!(b, 0x21..=0x39 | 0x3b..=0x40 | 0x5b..=0x7e)
}

/// Whether `b` stops a value's scan: NUL, LF, CR.
#[inline]
pub const fn is_value_stop(b: u8) -> bool {
    matches!(b, 0 | b'\n' | b'\r')
}

/// The name stops as vector lanes: one wrapping range for 0x7F–0xFF and 0x00–0x20 (0xA2
/// bytes from 0x7F), one for the uppercase letters, and the colon.
#[derive(Debug, Clone, Copy)]
#[allow(dead_code)] // (on targets without vector levels, such as x86_64-unknown-none)
struct NameStops;

impl Classes<1> for NameStops {
    #[inline(always)]
    fn stops<V: Vector>(self, isa: V, v: V::Bytes) -> [V::Lanes; 1] {
        let outside = isa.in_run(v, 0x7f, 0xa2);
        let upper = isa.in_run(v, b'A', 26);
        [isa.or(isa.or(outside, upper), isa.eq(v, b':'))]
    }
}

/// The value stops as vector lanes.
#[derive(Debug, Clone, Copy)]
#[allow(dead_code)] // (on targets without vector levels)
struct ValueStops;

impl Classes<1> for ValueStops {
    #[inline(always)]
    fn stops<V: Vector>(self, isa: V, v: V::Bytes) -> [V::Lanes; 1] {
        let nul_lf = isa.or(isa.eq(v, 0), isa.eq(v, b'\n'));
        [isa.or(nul_lf, isa.eq(v, b'\r'))]
    }
}

/// The first index `>= i` of `buf` whose byte `stop` says stops, or `buf.len()`.
#[inline(always)]
fn first_scalar(buf: &[u8], i: usize, stop: fn(u8) -> bool) -> usize {
    buf[i..]
        .iter()
        .position(|&b| stop(b))
        .map_or(buf.len(), |k| i + k)
}

/// The checks, with the two scans given.
#[inline(always)]
fn check_with_scans(
    name: &[u8],
    value: &[u8],
    name_stop: impl FnOnce(&[u8], usize) -> usize,
    value_stop: impl FnOnce(&[u8], usize) -> usize,
) -> Result<(), Invalid> {
    let Some(&first) = name.first() else {
        return Err(Invalid::EmptyName);
    };
    let at = name_stop(name, usize::from(first == b':'));
    if at < name.len() {
        return Err(Invalid::NameByte(at));
    }
    if let (Some(&a), Some(&z)) = (value.first(), value.last())
        && (matches!(a, b' ' | b'\t') || matches!(z, b' ' | b'\t'))
    {
        return Err(Invalid::ValueWhitespace);
    }
    let at = value_stop(value, 0);
    if at < value.len() {
        return Err(Invalid::ValueByte(at));
    }
    Ok(())
}

/// [`check`] byte by byte: the reference every level is tested against.
pub fn check_scalar(name: &[u8], value: &[u8]) -> Result<(), Invalid> {
    check_with_scans(
        name,
        value,
        |b, i| first_scalar(b, i, is_name_stop),
        |b, i| first_scalar(b, i, is_value_stop),
    )
}

per_level! {
    /// [`check`] compiled once per level.
    fn check_table(name: &[u8], value: &[u8]) -> Result<(), Invalid>;
    scalar: check_scalar(name, value),
    vector: |isa| check_with_scans(
        name,
        value,
        |b, i| httpwire_simd::first_stop(isa, b, i, NameStops, |b, i| first_scalar(b, i, is_name_stop)),
        |b, i| httpwire_simd::first_stop(isa, b, i, ValueStops, |b, i| first_scalar(b, i, is_value_stop)),
    ),
}

/// A level's [`check`].
type CheckFn = unsafe fn(&[u8], &[u8]) -> Result<(), Invalid>;

static CHECK: Table<CheckFn> = check_table();

#[inline]
fn check_on(level: Supported, name: &[u8], value: &[u8]) -> Result<(), Invalid> {
    let f = CHECK.get(level);
    // SAFETY: `level` is a `Supported` level, one this CPU runs, and `Table::get` gives the
    // entry compiled for it (the contract of `per_level!`'s table).
    unsafe { f(name, value) }
}

/// Whether `name: value` is a valid HTTP/2 field (RFC 9113 §8.2.1), on the level detected for
/// this CPU.
#[inline]
pub fn check(name: &[u8], value: &[u8]) -> Result<(), Invalid> {
    check_on(LEVEL.get(), name, value)
}

/// [`check`] on `level` when this CPU runs it, else on the detected level (for tests and
/// benches).
pub fn check_at(level: Level, name: &[u8], value: &[u8]) -> Result<(), Invalid> {
    check_on(LEVEL.configured(Some(level)), name, value)
}

impl Field<'_> {
    /// Whether this field is valid in HTTP/2: [`check`].
    #[inline]
    pub fn check(&self) -> Result<(), Invalid> {
        check(self.name, self.value)
    }
}
