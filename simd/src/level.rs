//! Instruction-set levels, their detection, and running code on the one chosen.

use core::sync::atomic::{AtomicU8, Ordering};

/// An instruction-set level the vector code can use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u8)]
#[non_exhaustive]
pub enum Level {
    /// Portable code: tables and word-at-a-time (SWAR).
    Scalar = 1,
    /// x86_64 SSE2 (16-byte vectors; part of every x86_64 target with vector registers).
    Sse2 = 2,
    /// x86_64 AVX2 (32-byte vectors).
    Avx2 = 3,
    /// x86_64 AVX-512BW (64-byte vectors with mask registers; AVX2 alongside).
    Avx512 = 4,
    /// aarch64 NEON (16-byte vectors; part of the aarch64 baseline).
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
    ///
    /// The x86 levels need a target with vector registers (every x86_64 target but the
    /// soft-float ones, such as `x86_64-unknown-none`); NEON needs a little-endian aarch64
    /// target (the mask layout assumes little-endian lanes). AVX2 and AVX-512BW are known at
    /// compile time when the target enables them, else detected at run time (with the `std`
    /// feature; without it they count as absent). Under miri only [`Level::Scalar`] runs.
    pub fn is_available(self) -> bool {
        if cfg!(miri) {
            return self == Level::Scalar;
        }
        match self {
            Level::Scalar => true,
            #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
            Level::Sse2 => true,
            #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
            Level::Avx2 => x86_has(X86::Avx2),
            #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
            Level::Avx512 => x86_has(X86::Avx2) && x86_has(X86::Avx512bw),
            #[cfg(all(
                target_arch = "aarch64",
                target_feature = "neon",
                target_endian = "little"
            ))]
            Level::Neon => true,
            #[allow(unreachable_patterns)]
            _ => false,
        }
    }

    /// The level as a [`Supported`] proof, when this CPU runs it.
    #[inline]
    pub fn supported(self) -> Option<Supported> {
        self.is_available().then_some(Supported(self))
    }

    /// The first available level of `order`, else [`Level::Scalar`] (no caching; see
    /// [`Detector`]).
    pub fn detect(order: &[Level]) -> Supported {
        order
            .iter()
            .find_map(|l| l.supported())
            .unwrap_or(Supported(Level::Scalar))
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

#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[derive(Clone, Copy)]
enum X86 {
    Avx2,
    Avx512bw,
    Bmi2,
}

/// Compile-time knowledge first, runtime detection (with std) second.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline]
fn x86_has(feature: X86) -> bool {
    match feature {
        X86::Avx2 if cfg!(target_feature = "avx2") => return true,
        X86::Avx512bw if cfg!(all(target_feature = "avx512bw", target_feature = "avx512f")) => {
            return true;
        }
        X86::Bmi2 if cfg!(all(target_feature = "bmi1", target_feature = "bmi2")) => return true,
        _ => {}
    }
    #[cfg(feature = "std")]
    {
        match feature {
            X86::Avx2 => std::is_x86_feature_detected!("avx2"),
            // rustc's `avx512f` target feature implies `fma` and `f16c`, so the level's
            // functions may use them: check them too rather than rely on what std's
            // detection of `avx512f` includes.
            X86::Avx512bw => {
                std::is_x86_feature_detected!("avx512f")
                    && std::is_x86_feature_detected!("avx512bw")
                    && std::is_x86_feature_detected!("fma")
                    && std::is_x86_feature_detected!("f16c")
            }
            X86::Bmi2 => {
                std::is_x86_feature_detected!("bmi1") && std::is_x86_feature_detected!("bmi2")
            }
        }
    }
    #[cfg(not(feature = "std"))]
    false
}

/// Whether this CPU runs x86_64's BMI1 and BMI2 scalar instructions (`tzcnt`, and the shifts
/// `shlx` and `shrx`, which take their count from any register and leave their source intact),
/// for scalar code compiled a second time with `#[target_feature(enable = "bmi1,bmi2")]`.
/// Known at compile time when the target enables them, else detected at run time (with the
/// `std` feature; without it they count as absent) on first use, then one relaxed atomic load
/// per call. False on other architectures, and under miri unless the target enables them.
#[inline]
pub fn bmi2_available() -> bool {
    if cfg!(all(target_feature = "bmi1", target_feature = "bmi2")) {
        return true;
    }
    match BMI2.load(Ordering::Relaxed) {
        BMI2_ABSENT => false,
        BMI2_PRESENT => true,
        _ => detect_bmi2(),
    }
}

/// [`bmi2_available`]'s cache: not yet known (0), absent, or present.
static BMI2: AtomicU8 = AtomicU8::new(0);
const BMI2_ABSENT: u8 = 1;
const BMI2_PRESENT: u8 = 2;

#[cold]
#[inline(never)]
fn detect_bmi2() -> bool {
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2", not(miri)))]
    let has = x86_has(X86::Bmi2);
    #[cfg(not(all(target_arch = "x86_64", target_feature = "sse2", not(miri))))]
    let has = false;
    BMI2.store(
        if has { BMI2_PRESENT } else { BMI2_ABSENT },
        Ordering::Relaxed,
    );
    has
}

/// A level this CPU runs: made only by [`Level::supported`], [`Level::detect`] and
/// [`Detector`] (and [`Supported::SCALAR`], which runs everywhere), so holding one proves it. [`Table::get`] relies on that.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Supported(Level);

impl Supported {
    /// The portable level, which runs everywhere.
    pub const SCALAR: Supported = Supported(Level::Scalar);

    /// The level.
    #[inline(always)]
    pub const fn level(self) -> Level {
        self.0
    }
}

/// Entries of a [`Table`]: one per [`Level`] discriminant, and index 0.
#[doc(hidden)]
pub const TABLE_LEN: usize = 6;
const _: () = {
    let mut k = 0;
    while k < Level::ALL.len() {
        assert!((Level::ALL[k] as usize) < TABLE_LEN);
        k += 1;
    }
};

/// One function per level, at the index of the level's discriminant, built by
/// [`per_level!`](crate::per_level): the dispatch of a job compiled once per level. Index 0
/// and the levels this target lacks hold the scalar instantiation.
#[derive(Debug, Clone, Copy)]
pub struct Table<F>([F; TABLE_LEN]);

impl<F: Copy> Table<F> {
    /// The table (for [`per_level!`](crate::per_level)).
    ///
    /// # Safety
    /// Entry `k` may need nothing more of the CPU than what [`Level::is_available`] checks for
    /// the level whose discriminant is `k`; index 0, and the levels this target lacks, must run
    /// on any CPU. [`Table::get`] relies on it.
    #[doc(hidden)]
    pub const unsafe fn new(entries: [F; TABLE_LEN]) -> Self {
        Table(entries)
    }

    /// The instantiation for `level`, which the CPU runs: calling it is sound (the contract of
    /// [`Table::new`]).
    #[inline(always)]
    pub fn get(&self, level: Supported) -> F {
        self.0[level.0 as usize]
    }
}

/// Builds a [`Table`] of one job compiled once per level, each inside a function with the
/// level's target features, so that the [`Vector`](crate::Vector) primitives inline into it.
/// The job's expressions run in safe code.
///
/// ```
/// use httpwire_simd::{Level, Vector, per_level, first_stop, Classes};
///
/// // A class: bytes below '0' stop the scan.
/// #[derive(Clone, Copy)]
/// struct Low;
/// impl Classes<1> for Low {
///     #[inline(always)]
///     fn stops<V: Vector>(self, isa: V, v: V::Bytes) -> [V::Lanes; 1] {
///         [isa.in_run(v, 0, b'0')]
///     }
/// }
///
/// fn scalar(buf: &[u8], i: usize) -> usize {
///     buf[i..].iter().position(|&b| b < b'0').map_or(buf.len(), |k| i + k)
/// }
///
/// per_level! {
///     /// The first byte below '0' at or after `i`.
///     fn first_low_table(buf: &[u8], i: usize) -> usize;
///     scalar: scalar(buf, i),
///     vector: |isa| first_stop(isa, buf, i, Low, scalar),
/// }
///
/// const FIRST_LOW: httpwire_simd::Table<unsafe fn(&[u8], usize) -> usize> = first_low_table();
/// let level = Level::detect(&[Level::Avx2, Level::Sse2, Level::Neon]);
/// let f = FIRST_LOW.get(level);
/// // SAFETY: the entry of a supported level.
/// assert_eq!(unsafe { f(b"abcdefghijklmnopqrstuvwxyz!abc", 0) }, 26);
/// ```
///
/// The generated function is `const fn NAME<GENERICS>() -> Table<unsafe fn(ARGS) -> RET>`; the
/// job's const generics (if any) are the entries' own. Calling an entry is `unsafe`: its
/// contract is that the CPU runs the level, which [`Table::get`] with a [`Supported`] level
/// guarantees.
#[macro_export]
macro_rules! per_level {
    (
        $(#[$doc:meta])*
        $vis:vis fn $name:ident $(<$(const $g:ident: $gt:ty),* $(,)?>)? ($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty;
        scalar: $scalar:expr,
        vector: |$isa:ident| $body:expr $(,)?
    ) => {
        $(#[$doc])*
        $vis const fn $name $(<$(const $g: $gt),*>)? () -> $crate::Table<unsafe fn($($ty),*) -> $ret> {
            // Every entry is a safe function: the caller's expressions run in safe code. The
            // vector entries are compiled with their level's features, so that running one at
            // all means the CPU has them; which is what lets each make its level's value.
            fn __per_level_scalar $(<$(const $g: $gt),*>)? ($($arg: $ty),*) -> $ret {
                $scalar
            }
            #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
            #[target_feature(enable = "sse2")]
            fn __per_level_sse2 $(<$(const $g: $gt),*>)? ($($arg: $ty),*) -> $ret {
                // SAFETY: this function runs with SSE2 enabled (see above).
                let $isa = unsafe { <$crate::Sse2 as $crate::Vector>::new_unchecked() };
                $body
            }
            #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
            #[target_feature(enable = "avx2")]
            fn __per_level_avx2 $(<$(const $g: $gt),*>)? ($($arg: $ty),*) -> $ret {
                // SAFETY: this function runs with AVX2 enabled (see above).
                let $isa = unsafe { <$crate::Avx2 as $crate::Vector>::new_unchecked() };
                $body
            }
            #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
            #[target_feature(enable = "avx512f,avx512bw,avx2")]
            fn __per_level_avx512 $(<$(const $g: $gt),*>)? ($($arg: $ty),*) -> $ret {
                // SAFETY: this function runs with AVX-512F, AVX-512BW and AVX2 enabled, which
                // is what `Level::Avx512.is_available()` checks (see above).
                let $isa = unsafe { <$crate::Avx512 as $crate::Vector>::new_unchecked() };
                $body
            }
            #[cfg(all(target_arch = "aarch64", target_feature = "neon", target_endian = "little"))]
            #[target_feature(enable = "neon")]
            fn __per_level_neon $(<$(const $g: $gt),*>)? ($($arg: $ty),*) -> $ret {
                // SAFETY: this function runs with NEON enabled (see above).
                let $isa = unsafe { <$crate::Neon as $crate::Vector>::new_unchecked() };
                $body
            }
            #[allow(unused_mut)]
            let mut table: [unsafe fn($($ty),*) -> $ret; $crate::TABLE_LEN] =
                [__per_level_scalar $(::<$($g),*>)?; $crate::TABLE_LEN];
            #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
            {
                table[$crate::Level::Sse2 as usize] = __per_level_sse2 $(::<$($g),*>)?;
                table[$crate::Level::Avx2 as usize] = __per_level_avx2 $(::<$($g),*>)?;
                table[$crate::Level::Avx512 as usize] = __per_level_avx512 $(::<$($g),*>)?;
            }
            #[cfg(all(target_arch = "aarch64", target_feature = "neon", target_endian = "little"))]
            {
                table[$crate::Level::Neon as usize] = __per_level_neon $(::<$($g),*>)?;
            }
            // SAFETY: each level's entry needs just that level's features (the functions
            // above), and the scalar entry, everywhere else, needs none.
            unsafe { $crate::Table::new(table) }
        }
    };
}

/// A consumer's cached choice of level: its own order of preference, detected on first use,
/// then one relaxed atomic load per call.
///
/// ```
/// use httpwire_simd::{Detector, Level};
/// static LEVEL: Detector = Detector::new(&[Level::Avx2, Level::Avx512, Level::Sse2, Level::Neon]);
/// let level = LEVEL.get();
/// assert!(level.level().is_available());
/// ```
#[derive(Debug)]
pub struct Detector {
    cached: AtomicU8,
    order: &'static [Level],
}

impl Detector {
    /// A detector that picks the first available level of `order` (else scalar).
    pub const fn new(order: &'static [Level]) -> Detector {
        Detector {
            cached: AtomicU8::new(0),
            order,
        }
    }

    /// The order of preference.
    pub const fn order(&self) -> &'static [Level] {
        self.order
    }

    /// The chosen level.
    #[inline]
    pub fn get(&self) -> Supported {
        match Level::from_u8(self.cached.load(Ordering::Relaxed)) {
            Some(l) => Supported(l),
            None => self.detect_and_cache(),
        }
    }

    /// `forced` when this CPU runs it (for tests, benches, and callers that pin a level),
    /// else the chosen level.
    #[inline]
    pub fn configured(&self, forced: Option<Level>) -> Supported {
        match forced {
            None => self.get(),
            Some(l) => self.forced_or_detected(l),
        }
    }

    #[cold]
    #[inline(never)]
    fn forced_or_detected(&self, l: Level) -> Supported {
        l.supported().unwrap_or_else(|| self.get())
    }

    #[cold]
    #[inline(never)]
    fn detect_and_cache(&self) -> Supported {
        let s = Level::detect(self.order);
        self.cached.store(s.0 as u8, Ordering::Relaxed);
        s
    }
}
