//! The head parser's scans on every instruction-set level.
//!
//! The parser needs three scans, each "the index of the first byte at or after `i` that is
//! not in class C, or `buf.len()`":
//!
//! * token stops: C = `tchar` (method, field names);
//! * target stops: C = VCHAR except `#` (request-target);
//! * value stops: C = SP / VCHAR / obs-text (field values; HTAB, CR, LF stop it);
//!
//! and, on its straight-line paths, the masks of two classes of a 32-byte block at once.
//! `Scanner` is that interface. `Scalar` is the reference (tables and SWAR); every vector
//! level of httpwire-simd implements it with the generic block loops over the classes of
//! [`crate::classify`], and returns exactly what the scalar one returns, for every input
//! (`tests/simd.rs`, `tests/levels.rs`).
//!
//! # Dispatch
//!
//! The parser is generic over `Scanner` and compiled once per level inside that level's
//! target features ([`httpwire_simd::per_level!`]), so every scan inlines into the parser
//! loop. The
//! level is chosen once per process ([`level`]), in this crate's order of preference
//! ([`ORDER`]); the parser's `simd` option can force another (tests and benches do).

mod scalar;

pub use httpwire_simd::Level;
use httpwire_simd::{Detector, Supported, Table, Vector, first_stop, first_stop_long, per_level};
pub(crate) use scalar::Scalar;

use crate::classify::stops;

/// The head parser's order of preference: AVX2 before AVX-512BW (on the machines measured the
/// parser is as fast or faster with AVX2: its scans are short, and the 64-byte kernels cost
/// more per call; benches/RESULTS.md has the figures), then the 16-byte levels.
pub const ORDER: &[Level] = &[Level::Avx2, Level::Avx512, Level::Sse2, Level::Neon];

static LEVEL: Detector = Detector::new(ORDER);

/// The level the parser uses: detected on the first call, then one relaxed atomic load.
#[inline]
pub fn level() -> Level {
    LEVEL.get().level()
}

/// The level this CPU would choose, without caching (see [`level`]).
pub fn detect() -> Level {
    Level::detect(ORDER).level()
}

/// The level a configuration asks for (`Some`, as in `Config::simd`) when this CPU has it,
/// else the detected [`level`]: what a parser runs with.
#[inline]
pub(crate) fn configured(forced: Option<Level>) -> Supported {
    LEVEL.configured(forced)
}

/// The scans of the head parser on one level. The vector levels implement it with the block
/// loops of httpwire-simd; each method enters the level's target features
/// ([`Vector::call`]), which costs nothing where the caller already has them.
pub(crate) trait Scanner: Copy {
    /// Whether the straight-line paths use the block masks (the scalar bodies of the mask
    /// methods, per byte, are only a reference).
    const BLOCKS: bool;

    /// Whether the straight-line paths run at all: false only for the tests that compare them
    /// with the careful parsers alone.
    const PLAIN: bool = true;

    /// First index `>= i` whose byte is not a `tchar`, or `buf.len()`. `i <= buf.len()`.
    fn token_stop(self, buf: &[u8], i: usize) -> usize;
    /// First index `>= i` whose byte is not VCHAR (0x21–0x7E) or is `#`, or `buf.len()`.
    fn target_stop(self, buf: &[u8], i: usize) -> usize;
    /// First index `>= i` whose byte is below 0x20 or DEL, or `buf.len()`.
    fn value_stop(self, buf: &[u8], i: usize) -> usize;
    /// [`Scanner::value_stop`] for a value that is likely long.
    #[inline(always)]
    fn value_stop_long(self, buf: &[u8], i: usize) -> usize {
        self.value_stop(buf, i)
    }

    /// `(token stops, value stops)` of `block`: bit `k` set when `block[k]` stops
    /// [`Scanner::token_stop`], respectively [`Scanner::value_stop`].
    #[inline(always)]
    fn field_masks(self, block: &[u8; 32]) -> (u32, u32) {
        per_byte(
            block,
            |b| !crate::classify::is_tchar(b),
            crate::classify::is_value_stop,
        )
    }
    /// `(token stops, target stops)` of `block`.
    #[inline(always)]
    fn request_masks(self, block: &[u8; 32]) -> (u32, u32) {
        per_byte(
            block,
            |b| !crate::classify::is_tchar(b),
            |b| !crate::classify::is_target_byte(b),
        )
    }
    /// The value stops of `block`.
    #[inline(always)]
    fn value_mask(self, block: &[u8; 32]) -> u32 {
        self.field_masks(block).1
    }
    /// The target stops of `block`.
    #[inline(always)]
    fn target_mask(self, block: &[u8; 32]) -> u32 {
        self.request_masks(block).1
    }
    /// `[token stops, value stops, OWS]` of `block`, the last bit `k` set when `block[k]` is
    /// SP or HTAB.
    #[inline(always)]
    fn ows_line_masks(self, block: &[u8; 32]) -> [u32; 3] {
        let (tokens, values) = self.field_masks(block);
        [tokens, values, self.ows_value_masks(block)[1]]
    }
    /// `[value stops, OWS]` of `block`.
    #[inline(always)]
    fn ows_value_masks(self, block: &[u8; 32]) -> [u32; 2] {
        let (values, ows) = per_byte(
            block,
            crate::classify::is_value_stop,
            crate::classify::is_ows,
        );
        [values, ows]
    }

    /// Runs `f` out of line (with the level's target features): for the careful paths.
    fn cold<R>(self, f: impl FnOnce(Self) -> R) -> R;
}

/// Two classes of a block, byte by byte.
#[inline(always)]
fn per_byte(block: &[u8; 32], a: impl Fn(u8) -> bool, b: impl Fn(u8) -> bool) -> (u32, u32) {
    let mut masks = (0, 0);
    for (k, &x) in block.iter().enumerate() {
        masks.0 |= u32::from(a(x)) << k;
        masks.1 |= u32::from(b(x)) << k;
    }
    masks
}

impl<V: Vector> Scanner for V {
    /// Every vector level has the block classifier (and its tests); the straight-line paths
    /// use it except on SSE2, where it measured slower than the per-class scans on three of
    /// the four standard heads: without a byte shuffle the token class costs nine compares
    /// and eight ORs per 16 bytes, two vectors per block (benches/RESULTS.md has the figures).
    const BLOCKS: bool = !matches!(V::LEVEL, Level::Sse2);

    #[inline(always)]
    fn token_stop(self, buf: &[u8], i: usize) -> usize {
        self.call(move |isa| first_stop(isa, buf, i, stops::Token, |b, i| Scalar.token_stop(b, i)))
    }

    #[inline(always)]
    fn target_stop(self, buf: &[u8], i: usize) -> usize {
        self.call(move |isa| {
            first_stop(isa, buf, i, stops::Target, |b, i| Scalar.target_stop(b, i))
        })
    }

    #[inline(always)]
    fn value_stop(self, buf: &[u8], i: usize) -> usize {
        self.call(move |isa| first_stop(isa, buf, i, stops::Value, |b, i| Scalar.value_stop(b, i)))
    }

    #[inline(always)]
    fn value_stop_long(self, buf: &[u8], i: usize) -> usize {
        self.call(move |isa| {
            first_stop_long(isa, buf, i, stops::Value, |b, i| Scalar.value_stop(b, i))
        })
    }

    #[inline(always)]
    fn field_masks(self, block: &[u8; 32]) -> (u32, u32) {
        let [tokens, values] = self.call(move |isa| isa.classify32(block, stops::FieldLine));
        (tokens, values)
    }

    #[inline(always)]
    fn request_masks(self, block: &[u8; 32]) -> (u32, u32) {
        let [tokens, targets] = self.call(move |isa| isa.classify32(block, stops::RequestLine));
        (tokens, targets)
    }

    #[inline(always)]
    fn value_mask(self, block: &[u8; 32]) -> u32 {
        let [values] = self.call(move |isa| isa.classify32(block, stops::Value));
        values
    }

    #[inline(always)]
    fn target_mask(self, block: &[u8; 32]) -> u32 {
        let [targets] = self.call(move |isa| isa.classify32(block, stops::Target));
        targets
    }

    #[inline(always)]
    fn ows_line_masks(self, block: &[u8; 32]) -> [u32; 3] {
        self.call(move |isa| isa.classify32(block, stops::OwsLine))
    }

    #[inline(always)]
    fn ows_value_masks(self, block: &[u8; 32]) -> [u32; 2] {
        self.call(move |isa| isa.classify32(block, stops::OwsValue))
    }

    #[inline(always)]
    fn cold<R>(self, f: impl FnOnce(Self) -> R) -> R {
        self.call_cold(f)
    }
}

/// The index of the first byte at or after `i` that is not a `tchar` (RFC 9110 §5.6.2), or
/// `buf.len()` (also when `i > buf.len()`): the head parser's token scan on the detected
/// [`level`], for grammars outside the head built of tokens (chunk extensions).
#[inline]
pub fn token_stop(buf: &[u8], i: usize) -> usize {
    const TOKEN_STOPS: Table<unsafe fn(&[u8], usize) -> usize> = token_stops();
    if i > buf.len() {
        return buf.len();
    }
    let f = TOKEN_STOPS.get(LEVEL.get());
    // SAFETY: the entry of the level this CPU was found to run.
    unsafe { f(buf, i) }
}

per_level! {
    /// [`Scanner::token_stop`] on every level.
    fn token_stops(buf: &[u8], i: usize) -> usize;
    scalar: Scalar.token_stop(buf, i),
    vector: |isa| isa.token_stop(buf, i),
}

/// Runs one scan on a chosen level: for tests and fuzzing, which compare every level with
/// the scalar one. `None` when the level is not available here or `i > buf.len()`.
pub fn scan(level: Level, kind: ScanKind, buf: &[u8], i: usize) -> Option<usize> {
    type ScanFn = unsafe fn(ScanKind, &[u8], usize) -> usize;
    const SCANS: Table<ScanFn> = scans();
    if i > buf.len() {
        return None;
    }
    let f = SCANS.get(level.supported()?);
    // SAFETY: the entry of a supported level.
    Some(unsafe { f(kind, buf, i) })
}

/// One scan with `s`.
#[inline(always)]
fn one_scan<S: Scanner>(s: S, kind: ScanKind, buf: &[u8], i: usize) -> usize {
    match kind {
        ScanKind::Token => s.token_stop(buf, i),
        ScanKind::Target => s.target_stop(buf, i),
        ScanKind::Value => s.value_stop(buf, i),
        ScanKind::ValueLong => s.value_stop_long(buf, i),
    }
}

per_level! {
    /// [`one_scan`] on every level.
    fn scans(kind: ScanKind, buf: &[u8], i: usize) -> usize;
    scalar: one_scan(Scalar, kind, buf, i),
    vector: |isa| one_scan(isa, kind, buf, i),
}

/// Runs the block classifier of a chosen level on one 32-byte block, in each of its forms:
/// `[field tokens, field values, request tokens, request targets, value, target]` stop masks
/// (bit `k` for `block[k]`). For tests; `None` when the level is not available here.
pub fn block_masks(level: Level, block: &[u8; 32]) -> Option<[u32; 11]> {
    type MasksFn = unsafe fn(&[u8; 32]) -> [u32; 11];
    const MASKS: Table<MasksFn> = masks();
    let f = MASKS.get(level.supported()?);
    // SAFETY: the entry of a supported level.
    Some(unsafe { f(block) })
}

/// Every block mask of `block` with `s`.
#[inline(always)]
fn all_masks<S: Scanner>(s: S, block: &[u8; 32]) -> [u32; 11] {
    let field = s.field_masks(block);
    let request = s.request_masks(block);
    let (value, target) = (s.value_mask(block), s.target_mask(block));
    let [ows_token, ows_value, ows] = s.ows_line_masks(block);
    let [rest_value, rest_ows] = s.ows_value_masks(block);
    [
        field.0, field.1, request.0, request.1, value, target, ows_token, ows_value, ows,
        rest_value, rest_ows,
    ]
}

per_level! {
    /// [`all_masks`] on every level.
    fn masks(block: &[u8; 32]) -> [u32; 11];
    scalar: all_masks(Scalar, block),
    vector: |isa| all_masks(isa, block),
}

/// Which scan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScanKind {
    /// Token stops.
    Token,
    /// Request-target stops.
    Target,
    /// Field-value stops.
    Value,
    /// Field-value stops, with the loop for long values.
    ValueLong,
}
