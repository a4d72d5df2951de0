//! The vector and mask traits, byte classes, and nibble tables.

use crate::Level;

/// The lanes of a classified vector as bits in a `u64`, lowest lane first.
///
/// x86 has `movemask` (one bit per byte lane: [`BitMask`]) and AVX-512 mask registers (the
/// same layout); NEON has neither, and narrows each pair of lanes with `shrn #4` into one
/// byte, four bits per lane ([`NibbleMask`]). The algorithms ask only what this trait offers,
/// so they never see the difference.
pub trait Mask: Copy {
    /// Bits per lane (every bit of a lane has the same value).
    const LANE_BITS: u32;
    /// The mask from its raw bits.
    fn from_bits(bits: u64) -> Self;
    /// The raw bits.
    fn bits(self) -> u64;

    /// Whether no lane is set.
    #[inline(always)]
    fn is_empty(self) -> bool {
        self.bits() == 0
    }

    /// The index of the lowest set lane (64 / [`Mask::LANE_BITS`] when none is).
    #[inline(always)]
    fn first(self) -> usize {
        (self.bits().trailing_zeros() / Self::LANE_BITS) as usize
    }

    /// The mask without its first `lanes` lanes: lane `k` of the result is lane `k + lanes`
    /// (empty when `lanes` is the number of lanes or more).
    #[inline(always)]
    fn skip(self, lanes: usize) -> Self {
        let shift = u32::try_from(lanes)
            .ok()
            .and_then(|l| l.checked_mul(Self::LANE_BITS));
        Self::from_bits(shift.and_then(|s| self.bits().checked_shr(s)).unwrap_or(0))
    }

    /// The lanes of either mask.
    #[inline(always)]
    fn or(self, other: Self) -> Self {
        Self::from_bits(self.bits() | other.bits())
    }

    /// One bit per lane: bit `k` is lane `k`.
    fn lanes(self) -> u64;
}

/// One bit per lane (x86 `movemask`, AVX-512 mask registers).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BitMask(pub u64);

impl Mask for BitMask {
    const LANE_BITS: u32 = 1;

    #[inline(always)]
    fn from_bits(bits: u64) -> Self {
        BitMask(bits)
    }

    #[inline(always)]
    fn bits(self) -> u64 {
        self.0
    }

    #[inline(always)]
    fn lanes(self) -> u64 {
        self.0
    }
}

/// Four bits per lane, for up to 16 lanes (NEON's `shrn #4` narrowing).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NibbleMask(pub u64);

impl Mask for NibbleMask {
    const LANE_BITS: u32 = 4;

    #[inline(always)]
    fn from_bits(bits: u64) -> Self {
        NibbleMask(bits)
    }

    #[inline(always)]
    fn bits(self) -> u64 {
        self.0
    }

    /// Gathers bit 0 of every nibble, halving the stride at each step (4, 8, 16, 32 bits
    /// apart become 1, 2, 4, 8 bits wide).
    #[inline(always)]
    fn lanes(self) -> u64 {
        let mut x = self.0 & 0x1111_1111_1111_1111;
        x = (x | x >> 3) & 0x0303_0303_0303_0303;
        x = (x | x >> 6) & 0x000f_000f_000f_000f;
        x = (x | x >> 12) & 0x0000_00ff_0000_00ff;
        (x | x >> 24) & 0xffff
    }
}

/// The two 16-entry tables of a nibble lookup for an ASCII byte class: byte `0xHL` is in the
/// class iff `lo[L] & hi[H] != 0`, where `hi[H] = 1 << H` for the eight ASCII rows (and 0
/// above) and `lo[L]` holds, bit `H` for row `H`, whether `0xHL` is in the class.
///
/// `pshufb` (x86) and `tbl` (NEON) look 16 bytes up at once; [`Vector::outside`] does it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NibbleTables {
    /// Indexed by the low nibble: one bit per ASCII row.
    pub(crate) lo: [u8; 16],
    /// Indexed by the high nibble: the row's bit (0 for bytes >= 0x80, so that `pshufb`,
    /// which yields 0 for an index byte >= 0x80, and `tbl` agree). Made only by
    /// [`nibble_tables`], which keeps that so.
    pub(crate) hi: [u8; 16],
}

impl NibbleTables {
    /// Whether `b` is in the class, read the way the vector lookups read the tables.
    #[inline]
    pub const fn contains(&self, b: u8) -> bool {
        self.lo[(b & 0x0f) as usize] & self.hi[(b >> 4) as usize] != 0
    }
}

/// The nibble tables of `class` (`class[b]` says whether byte `b` is in it).
///
/// Panics (at compile time where it is evaluated in a `const`) if the class holds a byte >=
/// 0x80: the tables have one bit per ASCII row.
pub const fn nibble_tables(class: &[bool; 256]) -> NibbleTables {
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
    NibbleTables { lo, hi }
}

/// `N` byte classes, described once over the [`Vector`] primitives: for every lane of `v`,
/// whether its byte stops a scan of each class. The block loops ([`crate::first_stop`],
/// [`Vector::classify32`]) take them; the classes themselves live in the crate whose RFC
/// defines them.
///
/// Implementations mark `stops` `#[inline(always)]`.
pub trait Classes<const N: usize>: Copy {
    /// The stop lanes of `v` for each class.
    fn stops<V: Vector>(self, isa: V, v: V::Bytes) -> [V::Lanes; N];
}

/// A vector instruction set, as a value that proves the CPU has it.
///
/// The primitives are what byte classification needs: load, compare with a byte (the byte is
/// splatted inside; the compiler hoists it out of loops), a wrapping range test, OR and AND
/// of lanes, a nibble-table lookup, and the mask of the result. They are safe methods:
/// a value of the type exists only where its instructions run (`new()` checks;
/// `new_unchecked()` is the caller's promise). They inline only into code compiled with the
/// level's target features, which is what [`Vector::call`] provides; algorithms are written
/// generically, `#[inline(always)]`, and run inside it.
///
/// # Safety
///
/// Implementors (this crate only: the trait is sealed) guarantee that a value exists only
/// when the CPU supports every instruction the methods use.
pub unsafe trait Vector: Copy + core::fmt::Debug + crate::sealed::Sealed {
    /// The level this type implements.
    const LEVEL: Level;
    /// Bytes per vector (16, 32 or 64).
    const BYTES: usize;
    /// `[u8; BYTES]`.
    type Block;
    /// A vector register of `BYTES` bytes.
    type Bytes: Copy;
    /// `BYTES` booleans: all-ones lanes in a vector, or a mask register.
    type Lanes: Copy;
    /// The mask of a [`Vector::Lanes`].
    type Mask: Mask;

    /// A value when the CPU has the level.
    fn new() -> Option<Self>;

    /// A value without checking.
    ///
    /// # Safety
    /// The CPU must have the level ([`Level::is_available`]).
    unsafe fn new_unchecked() -> Self;

    /// The first `BYTES` bytes of `bytes`, if it has them.
    fn first_block(bytes: &[u8]) -> Option<&Self::Block>;

    /// The last `BYTES` bytes of `bytes`, if it has them.
    fn last_block(bytes: &[u8]) -> Option<&Self::Block>;

    /// The `BYTES` bytes of `bytes` from `i`, unchecked.
    ///
    /// # Safety
    /// `i + BYTES <= bytes.len()`.
    unsafe fn block_at(bytes: &[u8], i: usize) -> &Self::Block;

    /// Loads a block.
    fn load(self, block: &Self::Block) -> Self::Bytes;

    /// Loads the 0 to `BYTES - 1` bytes of `rest` without reading past them, where the level
    /// can (AVX-512BW's masked loads): the vector, and the lanes past the end as a mask.
    /// `None` elsewhere; the loops then overlap the buffer's last block instead.
    #[inline(always)]
    fn load_partial(self, rest: &[u8]) -> Option<(Self::Bytes, Self::Mask)> {
        let _ = rest;
        None
    }

    /// Lanes equal to `b`.
    fn eq(self, v: Self::Bytes, b: u8) -> Self::Lanes;

    /// Lanes whose byte `x` has `x - first < len` (wrapping, unsigned): `x` in the run
    /// `first, first + 1, …, first + len - 1` (mod 256); `len` is 0..=255 (0: no lane).
    fn in_run(self, v: Self::Bytes, first: u8, len: u8) -> Self::Lanes;

    /// Lanes set in either.
    fn or(self, a: Self::Lanes, b: Self::Lanes) -> Self::Lanes;

    /// Lanes set in both.
    fn and(self, a: Self::Lanes, b: Self::Lanes) -> Self::Lanes;

    /// Lanes whose byte is outside the class of `tables`; `None` where the level has no byte
    /// shuffle (SSE2), for the caller to compose the class from compares instead.
    fn outside(self, v: Self::Bytes, tables: &NibbleTables) -> Option<Self::Lanes>;

    /// The mask of `lanes`.
    fn mask(self, lanes: Self::Lanes) -> Self::Mask;

    /// One bit per lane of `lanes` (bit `k` is lane `k`).
    #[inline(always)]
    fn bits(self, lanes: Self::Lanes) -> u64 {
        self.mask(lanes).lanes()
    }

    /// Runs `f` in code compiled with the level's target features. Called from code that has
    /// them it inlines; from other code it is one direct call.
    fn call<R>(self, f: impl FnOnce(Self) -> R) -> R;

    /// [`Vector::call`], kept out of line: for the rare paths of a hot loop.
    fn call_cold<R>(self, f: impl FnOnce(Self) -> R) -> R;

    /// The `N` classes of a 32-byte block from one pass over it (one or two loads): bit `k`
    /// of mask `c` is set when `block[k]` stops class `c`.
    ///
    /// This is the multi-class block classifier of the head parsers' straight-line paths,
    /// written once for 16- and 32-byte vectors; AVX-512BW classifies the block with AVX2.
    #[inline(always)]
    fn classify32<C: Classes<N>, const N: usize>(self, block: &[u8; 32], classes: C) -> [u32; N] {
        let mut out = [0u32; N];
        let mut at = 0;
        while at < 32 {
            let Some(part) = block.get(at..).and_then(Self::first_block) else {
                // Not reached for 16- and 32-byte vectors: every byte counts as a stop.
                return [u32::MAX; N];
            };
            let lanes = classes.stops(self, self.load(part));
            for (o, l) in out.iter_mut().zip(lanes) {
                *o |= (self.bits(l) as u32) << at;
            }
            at += Self::BYTES;
        }
        out
    }
}

/// What every level type has in common: the proof-carrying type, its `is_available`, and
/// inside its `Vector` impl ([`level_methods!`]) the constructors, the block accessors and
/// [`Vector::call`] / [`Vector::call_cold`], the level's one `unsafe` step (entering code
/// compiled with its features).
#[allow(unused_macros)] // no level type on targets without vector registers
macro_rules! level_type {
    ($(#[$doc:meta])* $t:ident, $level:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy)]
        pub struct $t {
            _proof: (),
        }

        type This = $t;

        impl crate::sealed::Sealed for $t {}

        impl $t {
            /// Whether this CPU (and this build) can run the level.
            #[inline]
            pub fn is_available() -> bool {
                $level.is_available()
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use level_type;

/// The methods of [`level_type!`] inside the `Vector` impl, for blocks of `$bytes` bytes and
/// the target features `$features`.
#[allow(unused_macros)]
macro_rules! level_methods {
    ($bytes:literal, $features:literal) => {
        #[inline]
        fn new() -> Option<Self> {
            Self::is_available().then_some(This { _proof: () })
        }

        #[inline(always)]
        unsafe fn new_unchecked() -> Self {
            This { _proof: () }
        }

        #[inline(always)]
        fn first_block(bytes: &[u8]) -> Option<&[u8; $bytes]> {
            bytes.first_chunk()
        }

        #[inline(always)]
        fn last_block(bytes: &[u8]) -> Option<&[u8; $bytes]> {
            bytes.last_chunk()
        }

        #[inline(always)]
        unsafe fn block_at(bytes: &[u8], i: usize) -> &[u8; $bytes] {
            // SAFETY: forwarded from this function's contract.
            unsafe { crate::array_at(bytes, i) }
        }

        #[inline(always)]
        fn call<R>(self, f: impl FnOnce(Self) -> R) -> R {
            #[target_feature(enable = $features)]
            #[inline]
            fn go<R>(isa: This, f: impl FnOnce(This) -> R) -> R {
                f(isa)
            }
            // SAFETY: `self` proves that the CPU has the level, whose features these are.
            unsafe { go(self, f) }
        }

        #[inline(always)]
        fn call_cold<R>(self, f: impl FnOnce(Self) -> R) -> R {
            #[target_feature(enable = $features)]
            #[inline(never)]
            fn go<R>(isa: This, f: impl FnOnce(This) -> R) -> R {
                f(isa)
            }
            // SAFETY: as for `call`.
            unsafe { go(self, f) }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use level_methods;
