//! One test runner for every level this CPU has: the classifier and the block loops of each
//! level against the obvious byte-by-byte answer, on classes made of every primitive
//! (`in_run`, `eq`, `or`, `and`, `outside`), for every byte at every lane, every length to 136 and
//! the starts around the block sizes and the stop. Levels this CPU lacks are skipped, loudly;
//! miri cannot execute vector code, so under miri the comparisons are ignored.

use httpwire_simd::{
    Classes, Level, NibbleTables, Supported, Table, Vector, first_stop, first_stop_long,
    nibble_tables, per_level,
};

/// A class: bytes in the wrapping run `first..first + len` and in the lower half
/// (0x00..=0x7F), or equal to `byte`, stop.
#[derive(Debug, Clone, Copy)]
struct Probe {
    first: u8,
    len: u8,
    byte: u8,
}

impl Probe {
    fn stops(self, b: u8) -> bool {
        (b.wrapping_sub(self.first) < self.len && b < 0x80) || b == self.byte
    }
}

impl Classes<1> for Probe {
    #[inline(always)]
    fn stops<V: Vector>(self, isa: V, v: V::Bytes) -> [V::Lanes; 1] {
        let run = isa.and(isa.in_run(v, self.first, self.len), isa.in_run(v, 0, 0x80));
        [isa.or(run, isa.eq(v, self.byte))]
    }
}

/// Letters, digits and `-`: a class for the nibble lookup.
const fn word_class() -> [bool; 256] {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = c.is_ascii_alphanumeric() || c == b'-';
        b += 1;
    }
    t
}
const WORD: [bool; 256] = word_class();
const WORD_TABLES: NibbleTables = nibble_tables(&WORD);

/// Bytes outside [`WORD`] stop, by the nibble lookup; on a level without a byte shuffle
/// (SSE2) no lane does, and the test skips the level.
#[derive(Debug, Clone, Copy)]
struct Outside;

impl Classes<1> for Outside {
    #[inline(always)]
    fn stops<V: Vector>(self, isa: V, v: V::Bytes) -> [V::Lanes; 1] {
        [isa.outside(v, &WORD_TABLES)
            .unwrap_or_else(|| isa.in_run(v, 0, 0))]
    }
}

type ClassifyFn = unsafe fn(&[u8; 32], Probe) -> [u32; 2];
per_level! {
    /// The probe classified in a block, and the lookup class (where the level has one).
    fn classify(block: &[u8; 32], probe: Probe) -> [u32; 2];
    scalar: {
        let mut m = 0;
        for (k, &b) in block.iter().enumerate() {
            m |= u32::from(probe.stops(b)) << k;
        }
        [m, 0]
    },
    vector: |isa| {
        let [m] = isa.classify32(block, probe);
        let [outside] = isa.classify32(block, Outside);
        [m, outside]
    },
}

type ScanFn = unsafe fn(&[u8], usize, Probe, bool) -> usize;
per_level! {
    /// The first stop of the probe from `i`, with either loop.
    fn scan(buf: &[u8], i: usize, probe: Probe, long: bool) -> usize;
    scalar: naive(buf, i, probe),
    vector: |isa| {
        let short = |b: &[u8], i: usize| naive(b, i, probe);
        if long {
            first_stop_long(isa, buf, i, probe, short)
        } else {
            first_stop(isa, buf, i, probe, short)
        }
    },
}

fn naive(buf: &[u8], i: usize, probe: Probe) -> usize {
    (i..buf.len())
        .find(|&j| probe.stops(buf[j]))
        .unwrap_or(buf.len())
}

const CLASSIFY: Table<ClassifyFn> = classify();
const SCAN: Table<ScanFn> = scan();

/// Every level that runs here, the scalar one first; the others are announced.
fn levels() -> Vec<Supported> {
    let mut out = Vec::new();
    for l in Level::ALL {
        match l.supported() {
            Some(s) => out.push(s),
            None => eprintln!("simd levels: SKIPPING {}: not available here", l.name()),
        }
    }
    out
}

const PROBES: [Probe; 4] = [
    // Controls and DEL (a field value's stops).
    Probe {
        first: 0x00,
        len: 0x20,
        byte: 0x7f,
    },
    // A wrapping run (everything but VCHAR), of which the lower half counts (0x7F and
    // 0x00..=0x20), and '#'.
    Probe {
        first: 0x7f,
        len: 0xa2,
        byte: b'#',
    },
    // A run across the halves, of which the lower part counts, and 0xFF.
    Probe {
        first: 0x70,
        len: 0x20,
        byte: 0xff,
    },
    // One byte.
    Probe {
        first: b'z',
        len: 1,
        byte: b'z',
    },
];

#[test]
#[cfg_attr(
    miri,
    ignore = "miri runs only the scalar level, which this test would compare with itself"
)]
fn classify_every_byte_at_every_lane() {
    let values: Vec<u8> = if cfg!(miri) {
        vec![0, 0x1f, 0x20, 0x7f, 0x80, 0xff]
    } else {
        (0..=255).collect()
    };
    for s in levels() {
        let f = CLASSIFY.get(s);
        for probe in PROBES {
            for k in 0..32 {
                for &b in &values {
                    let mut block = [b'a'; 32];
                    block[k] = b;
                    // SAFETY: the entry of a supported level.
                    let [m, outside] = unsafe { f(&block, probe) };
                    let want = u32::from(probe.stops(b)) << k
                        | if probe.stops(b'a') { !(1 << k) } else { 0 };
                    assert_eq!(m, want, "{} {probe:?} {b:#04x} at {k}", s.level().name());
                    if outside != 0 || !WORD[usize::from(b)] {
                        if matches!(s.level(), Level::Scalar | Level::Sse2) {
                            continue;
                        }
                        assert_eq!(
                            outside,
                            u32::from(!WORD[usize::from(b)]) << k,
                            "{} outside {b:#04x} at {k}",
                            s.level().name()
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn nibble_tables_are_the_class() {
    for b in 0..=255u8 {
        assert_eq!(WORD_TABLES.contains(b), WORD[usize::from(b)], "{b:#04x}");
    }
}

#[test]
#[cfg_attr(
    miri,
    ignore = "miri runs only the scalar level, which this test would compare with itself"
)]
fn block_loops_find_the_first_stop() {
    let max = if cfg!(miri) { 40 } else { 136 };
    for s in levels() {
        let f = SCAN.get(s);
        for probe in PROBES {
            // Members of the class everywhere but at `at`.
            let member = (0..=255u8).find(|&b| !probe.stops(b)).unwrap();
            let stop = (0..=255u8).find(|&b| probe.stops(b)).unwrap();
            for len in 0..=max {
                // After the end, a member and then stops: a loop that used bytes past the end
                // would answer more than len.
                let mut buf = vec![stop; len + 70];
                buf[..=len].fill(member);
                for at in (0..len).chain([usize::MAX]) {
                    if at != usize::MAX {
                        buf[at] = stop;
                    }
                    let starts = [0, 1, 15, 16, 17, 31, 32, 33, 63, 64, 65, 97, len / 2, len];
                    let near = [at.wrapping_sub(1), at, at.wrapping_add(1)];
                    for i in starts.into_iter().chain(near).filter(|&i| i <= len) {
                        for long in [false, true] {
                            let want = naive(&buf[..len], i, probe);
                            // SAFETY: the entry of a supported level.
                            let got = unsafe { f(&buf[..len], i, probe, long) };
                            assert_eq!(
                                got,
                                want,
                                "{} {probe:?} len {len} stop at {at} from {i} long {long}",
                                s.level().name()
                            );
                        }
                    }
                    if at != usize::MAX {
                        buf[at] = member;
                    }
                }
            }
        }
    }
}

/// On x86_64 and aarch64 some vector level runs (SSE2 and NEON are part of the baseline).
#[test]
fn a_vector_level_runs() {
    let vector = levels().iter().any(|s| s.level() != Level::Scalar);
    if cfg!(miri) {
        assert!(!vector);
    } else if cfg!(any(target_arch = "x86_64", target_arch = "aarch64")) {
        assert!(vector, "no vector level on {}", std::env::consts::ARCH);
    }
}

/// `bmi2_available` says what the CPU has (twice: detected, then cached), what the target
/// enables without the `std` feature, and false where it must be. Without BMI2 here, the
/// hpack tests that compare its BMI2 build of the Huffman decoder with the portable one
/// compare the portable one with itself: said loudly.
#[test]
fn bmi2_detection() {
    let first = httpwire_simd::bmi2_available();
    assert_eq!(httpwire_simd::bmi2_available(), first);
    #[cfg(all(target_arch = "x86_64", feature = "std", not(miri)))]
    assert_eq!(
        first,
        std::is_x86_feature_detected!("bmi1") && std::is_x86_feature_detected!("bmi2")
    );
    // (Without the `std` feature there is no run-time detection: what the target enables.)
    #[cfg(all(target_arch = "x86_64", not(feature = "std")))]
    assert_eq!(
        first,
        cfg!(all(target_feature = "bmi1", target_feature = "bmi2"))
    );
    #[cfg(not(target_arch = "x86_64"))]
    assert!(!first);
    if !first {
        eprintln!(
            "NOTE: no BMI2 on this CPU or target: hpack's Huffman decoder runs its portable \
             build only, and its BMI2 build goes untested in this run"
        );
    }
}
