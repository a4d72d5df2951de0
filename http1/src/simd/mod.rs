//! Byte scanning with SIMD, behind one dispatch idiom.
//!
//! # The kernels
//!
//! The head parser needs three scans, each "the index of the first byte at or after `i` that is
//! not in class C, or `buf.len()`":
//!
//! * [`Scan::token_stop`]: C = `tchar` (method, field names);
//! * [`Scan::target_stop`]: C = VCHAR except `#` (request-target);
//! * [`Scan::value_stop`]: C = SP / VCHAR / obs-text (field values; HTAB, CR, LF stop it).
//!
//! [`Scalar`] is the reference (tables and SWAR); the SIMD types classify whole 16/32/64-byte
//! blocks into bit masks and take the lowest set bit. Every implementation returns exactly what
//! the scalar one returns, for every input (`tests/simd.rs`).
//!
//! # Dispatch
//!
//! The parser is generic over [`Scan`] and is instantiated once per instruction set inside a
//! `#[target_feature]` function, so each kernel inlines into the parser loop. Which
//! instantiation runs is decided by [`Level::detect`] once per process, cached in an atomic
//! ([`level`]); when the compile-time target already guarantees a feature, detection folds
//! away. Tests and benches can ask for a level with [`Level::is_available`] and the parser's
//! `simd` option. chunked and hpack reuse [`level`] and [`Level`].

use core::sync::atomic::{AtomicU8, Ordering};

mod scalar;
pub use scalar::Scalar;

#[cfg(target_arch = "x86_64")]
mod x86;
#[cfg(target_arch = "x86_64")]
pub use x86::{Avx2, Avx512, Sse2};

#[cfg(target_arch = "aarch64")]
mod neon;
#[cfg(target_arch = "aarch64")]
pub use neon::Neon;

/// The three scans of the head parser for one instruction set.
///
/// # Safety
///
/// The methods are `unsafe` because an implementation may use instructions the CPU lacks:
/// call them only when [`Scan::LEVEL`] is available ([`Level::is_available`]). Given that,
/// each returns an index in `i..=buf.len()` and reads no byte outside `buf`; `i` may be any
/// value up to `buf.len()`.
pub trait Scan {
    /// The level this implementation needs.
    const LEVEL: Level;
    /// First index `>= i` whose byte is not a `tchar`, or `buf.len()`.
    ///
    /// # Safety
    /// See the trait.
    unsafe fn token_stop(buf: &[u8], i: usize) -> usize;
    /// First index `>= i` whose byte is not VCHAR (0x21–0x7E) or is `#`, or `buf.len()`.
    ///
    /// # Safety
    /// See the trait.
    unsafe fn target_stop(buf: &[u8], i: usize) -> usize;
    /// First index `>= i` whose byte is below 0x20 or DEL, or `buf.len()`.
    ///
    /// # Safety
    /// See the trait.
    unsafe fn value_stop(buf: &[u8], i: usize) -> usize;
}

/// An instruction-set level the scanners can use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u8)]
#[non_exhaustive]
pub enum Level {
    /// Portable code: tables and word-at-a-time (SWAR).
    Scalar = 1,
    /// x86_64 SSE2 (16-byte blocks; always present on x86_64).
    Sse2 = 2,
    /// x86_64 AVX2 (32-byte blocks).
    Avx2 = 3,
    /// x86_64 AVX-512BW (64-byte blocks with mask registers).
    Avx512 = 4,
    /// aarch64 NEON (16-byte blocks; always present on aarch64).
    Neon = 5,
}

impl Level {
    /// Every level, in order.
    pub const ALL: [Level; 5] = [
        Level::Scalar,
        Level::Sse2,
        Level::Avx2,
        Level::Avx512,
        Level::Neon,
    ];

    /// A lower-case name (`scalar`, `sse2`, `avx2`, `avx512bw`, `neon`).
    pub const fn name(self) -> &'static str {
        match self {
            Level::Scalar => "scalar",
            Level::Sse2 => "sse2",
            Level::Avx2 => "avx2",
            Level::Avx512 => "avx512bw",
            Level::Neon => "neon",
        }
    }

    /// Whether this CPU (and this build) can run the level.
    pub fn is_available(self) -> bool {
        match self {
            Level::Scalar => true,
            // The vector kernels are compiled only where the target has SSE2 (every x86_64
            // target but the soft-float ones, such as x86_64-unknown-none, where the types
            // fall back to scalar code and so are not reported as available).
            #[cfg(target_arch = "x86_64")]
            Level::Sse2 => cfg!(target_feature = "sse2"),
            #[cfg(target_arch = "x86_64")]
            Level::Avx2 => cfg!(target_feature = "sse2") && x86_has("avx2"),
            #[cfg(target_arch = "x86_64")]
            Level::Avx512 => cfg!(target_feature = "sse2") && x86_has("avx512bw"),
            // Likewise NEON: little-endian targets with NEON only (the mask bit order assumes
            // little-endian lanes).
            #[cfg(target_arch = "aarch64")]
            Level::Neon => cfg!(all(target_feature = "neon", target_endian = "little")),
            #[allow(unreachable_patterns)]
            _ => false,
        }
    }

    /// The level to use on this CPU (no caching; see [`level`]): the fastest available for
    /// the head parser, which is AVX2 where both AVX2 and AVX-512BW exist.
    pub fn detect() -> Level {
        if cfg!(miri) {
            // Miri runs the portable code only.
            return Level::Scalar;
        }
        // AVX2 before AVX-512BW: on the machines measured (AMD Zen 4), the head parser is as
        // fast or faster with AVX2 on every standard input (criterion, forced levels: REQ
        // 108 ns vs 127 ns, 40 fields 342 vs 366, RESP 103 vs 104), since the scans are short
        // and the 64-byte masked kernels cost more per call. AVX-512BW stays available to
        // force (`Config::simd`) and is tested natively.
        [Level::Avx2, Level::Avx512, Level::Sse2, Level::Neon]
            .into_iter()
            .find(|l| l.is_available())
            .unwrap_or(Level::Scalar)
    }

    #[inline(always)]
    const fn from_u8(v: u8) -> Option<Level> {
        match v {
            1 => Some(Level::Scalar),
            2 => Some(Level::Sse2),
            3 => Some(Level::Avx2),
            4 => Some(Level::Avx512),
            5 => Some(Level::Neon),
            _ => None,
        }
    }
}

/// Compile-time knowledge first, runtime detection (with std) second.
#[cfg(target_arch = "x86_64")]
fn x86_has(feature: &str) -> bool {
    match feature {
        "avx2" if cfg!(target_feature = "avx2") => return true,
        "avx512bw" if cfg!(target_feature = "avx512bw") => return true,
        _ => {}
    }
    #[cfg(feature = "std")]
    {
        match feature {
            "avx2" => std::is_x86_feature_detected!("avx2"),
            "avx512bw" => std::is_x86_feature_detected!("avx512bw"),
            _ => false,
        }
    }
    #[cfg(not(feature = "std"))]
    false
}

static LEVEL: AtomicU8 = AtomicU8::new(0);

/// The level in use: detected on the first call, then one relaxed atomic load.
#[inline]
pub fn level() -> Level {
    match Level::from_u8(LEVEL.load(Ordering::Relaxed)) {
        Some(l) => l,
        None => detect_and_cache(),
    }
}

/// The `N` bytes of `buf` from `i`, without a bounds check: for block loops whose bounds are
/// checked once per round rather than once per load.
///
/// # Safety
/// `i + N <= buf.len()`.
#[inline(always)]
pub(crate) unsafe fn array_at<const N: usize>(buf: &[u8], i: usize) -> &[u8; N] {
    debug_assert!(i <= buf.len() && N <= buf.len() - i);
    // SAFETY: the caller guarantees i + N <= buf.len(), so the offset stays in `buf`.
    let at = unsafe { buf.as_ptr().add(i) };
    // SAFETY: the N bytes from `at` are in `buf`, which the result borrows; [u8; N] has
    // alignment 1.
    unsafe { &*at.cast::<[u8; N]>() }
}

/// The level a caller's configuration asks for (`Some`, as in `Config::simd`) when this CPU
/// has it, else the detected [`level`]: what a parser runs with.
#[inline]
pub fn configured(forced: Option<Level>) -> Level {
    match forced {
        None => level(),
        Some(l) => forced_or_detected(l),
    }
}

#[cold]
#[inline(never)]
fn forced_or_detected(l: Level) -> Level {
    if l.is_available() { l } else { level() }
}

#[cold]
#[inline(never)]
fn detect_and_cache() -> Level {
    let l = Level::detect();
    LEVEL.store(l as u8, Ordering::Relaxed);
    l
}

/// Runs one scan on a chosen level: for tests and fuzzing, which compare every level with
/// [`Scalar`]. `None` when the level is not available here or `i > buf.len()`.
pub fn scan(level: Level, kind: ScanKind, buf: &[u8], i: usize) -> Option<usize> {
    if i > buf.len() || !level.is_available() {
        return None;
    }
    macro_rules! run {
        ($s:ty) => {
            // SAFETY: the level was checked to be available just above, and i <= buf.len().
            Some(unsafe {
                match kind {
                    ScanKind::Token => <$s>::token_stop(buf, i),
                    ScanKind::Target => <$s>::target_stop(buf, i),
                    ScanKind::Value => <$s>::value_stop(buf, i),
                }
            })
        };
    }
    match level {
        Level::Scalar => run!(Scalar),
        #[cfg(target_arch = "x86_64")]
        Level::Sse2 => run!(Sse2),
        #[cfg(target_arch = "x86_64")]
        Level::Avx2 => run!(Avx2),
        #[cfg(target_arch = "x86_64")]
        Level::Avx512 => run!(Avx512),
        #[cfg(target_arch = "aarch64")]
        Level::Neon => run!(Neon),
        #[allow(unreachable_patterns)]
        _ => None,
    }
}

/// Which of the three scans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScanKind {
    /// [`Scan::token_stop`].
    Token,
    /// [`Scan::target_stop`].
    Target,
    /// [`Scan::value_stop`].
    Value,
}
