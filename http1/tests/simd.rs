//! Every SIMD scanner returns exactly what the scalar one returns, on every input
//! (`http1::simd::scan`, one level at a time).
//!
//! * every length 0..=256 and every start, with the bytes before the start all stops (a kernel
//!   that does not mask off the bytes before `i` in an overlapping tail block answers < `i`) and
//!   the bytes after the end of the slice all class members (a kernel that reads past the end
//!   answers > `len`);
//! * every start address alignment 0..64, by placing the same inputs at every offset of a
//!   64-byte-aligned buffer;
//! * a stop byte at every position, scanned from before, at and after it;
//! * every byte value at every position of a 64-byte block (and in a short buffer), for every
//!   kind;
//! * random inputs, and random inputs made of the class boundaries (0x1F, SP, `!`, `~`, DEL,
//!   0x80, 0xFF, every tchar symbol and delimiter, the ends of the letter and digit runs).
//!
//! Levels this CPU lacks are skipped, loudly; on x86_64 and aarch64 at least one SIMD level
//! must run. Under miri only the scalar level runs (miri cannot execute the SIMD code), on
//! much smaller sweeps.

use std::io::Write as _;
use std::sync::OnceLock;

use http1::classify::{is_target_byte, is_tchar, is_value_stop};
use http1::simd::{Level, ScanKind, block_masks, scan, token_stop};
use proptest::prelude::*;

mod common;

const KINDS: [ScanKind; 4] = [
    ScanKind::Token,
    ScanKind::Target,
    ScanKind::Value,
    ScanKind::ValueLong,
];

/// The longest input of the exhaustive sweeps.
const MAX_LEN: usize = if cfg!(miri) { 20 } else { 256 };
/// The longest random input.
const MAX_RANDOM: usize = if cfg!(miri) { 40 } else { 300 };

/// Writes straight to stderr, past the test harness's output capture: skipped levels must be
/// seen in a normal `cargo test` run.
fn announce(line: &str) {
    let _ = writeln!(std::io::stderr(), "simd tests: {line}");
}

/// The SIMD levels that run here (announced once per process), scalar excluded.
fn simd_levels() -> &'static [Level] {
    static LEVELS: OnceLock<Vec<Level>> = OnceLock::new();
    LEVELS.get_or_init(|| {
        let mut run = Vec::new();
        for level in Level::ALL {
            if level == Level::Scalar {
                continue;
            }
            if cfg!(miri) {
                announce(&format!(
                    "SKIPPING {}: miri cannot execute SIMD code",
                    level.name()
                ));
            } else if !level.is_available() {
                announce(&format!(
                    "SKIPPING {}: not available on this CPU/target",
                    level.name()
                ));
            } else {
                run.push(level);
            }
        }
        let names: Vec<_> = run.iter().map(|l| l.name()).collect();
        announce(&format!("comparing scalar with {names:?}"));
        run
    })
}

/// Whether `b` continues a scan of `kind`.
fn member(kind: ScanKind, b: u8) -> bool {
    match kind {
        ScanKind::Token => is_tchar(b),
        ScanKind::Target => is_target_byte(b),
        ScanKind::Value | ScanKind::ValueLong => !is_value_stop(b),
    }
}

/// The class of `kind` and its complement, in byte order.
fn split(kind: ScanKind) -> (Vec<u8>, Vec<u8>) {
    (0..=255u8).partition(|&b| member(kind, b))
}

/// The obvious loop.
fn naive(kind: ScanKind, buf: &[u8], i: usize) -> usize {
    (i..buf.len())
        .find(|&j| !member(kind, buf[j]))
        .unwrap_or(buf.len())
}

/// Scalar and every SIMD level answer `want` (and for tokens, so does the public
/// `token_stop` on the detected level).
#[track_caller]
fn check(kind: ScanKind, buf: &[u8], i: usize, want: usize) {
    if kind == ScanKind::Token {
        assert_eq!(token_stop(buf, i), want, "token_stop i={i} {buf:02x?}");
    }
    let scalar = scan(Level::Scalar, kind, buf, i);
    assert_eq!(
        scalar,
        Some(want),
        "scalar {kind:?} i={i} len={} {buf:02x?}",
        buf.len()
    );
    for &level in simd_levels() {
        let got = scan(level, kind, buf, i);
        if got != scalar {
            panic!(
                "{} {kind:?} i={i} len={}: got {got:?}, scalar {scalar:?}; buf (at {:p}) {buf:02x?}",
                level.name(),
                buf.len(),
                buf.as_ptr()
            );
        }
    }
}

/// [`check`] against the obvious loop.
#[track_caller]
fn check_naive(kind: ScanKind, buf: &[u8], i: usize) {
    check(kind, buf, i, naive(kind, buf, i));
}

/// A buffer with a 64-byte-aligned origin, to place inputs at every address alignment.
struct Arena {
    bytes: Vec<u8>,
    origin: usize,
}

impl Arena {
    fn new(capacity: usize) -> Arena {
        let bytes = vec![0; capacity + 128];
        let origin = bytes.as_ptr().align_offset(64);
        assert!(origin < 64);
        Arena { bytes, origin }
    }

    /// `content` at `origin + offset`; the rest of the buffer is left as it was.
    fn place(&mut self, offset: usize, content: &[u8]) -> &mut [u8] {
        let at = self.origin + offset;
        let dst = &mut self.bytes[at..at + content.len()];
        dst.copy_from_slice(content);
        dst
    }
}

/// `count` bytes cycling through `set`, starting at `set[from % len]`.
fn cycle(set: &[u8], from: usize, count: usize) -> impl Iterator<Item = u8> + '_ {
    set.iter()
        .copied()
        .cycle()
        .skip(from % set.len())
        .take(count)
}

/// The sweep pattern of a kind: `MAX_LEN` stops, then `MAX_LEN + 64` class members, then a
/// stop. The slice `[MAX_LEN - i..][..len]` (for `i <= len <= MAX_LEN`) has stops before `i`,
/// members from `i` on, and members for 64 bytes after its end.
fn pattern(kind: ScanKind) -> Vec<u8> {
    let (members, stops) = split(kind);
    let mut p: Vec<u8> = cycle(&stops, 0, MAX_LEN).collect();
    p.extend(cycle(&members, 0, MAX_LEN + 64));
    p.push(stops[0]);
    p
}

/// Every length and every start, no stop at or after the start (so the answer is the length),
/// at a few start alignments (the slices start at every alignment anyway, as `i` varies).
#[test]
fn every_length_and_start() {
    let offsets: &[usize] = if cfg!(miri) { &[0] } else { &[0, 1, 31, 63] };
    for kind in KINDS {
        let p = pattern(kind);
        let mut arena = Arena::new(p.len() + 64);
        for &offset in offsets {
            let placed = arena.place(offset, &p);
            for len in 0..=MAX_LEN {
                for i in 0..=len {
                    check(kind, &placed[MAX_LEN - i..][..len], i, len);
                }
            }
        }
    }
}

/// Every start alignment 0..64 for the lengths around the block sizes, with and without a stop.
#[test]
fn every_alignment() {
    let mut lens: Vec<usize> = (0..=67).collect();
    lens.extend([95, 96, 97, 127, 128, 129, 191, 192, 193, 255, 256]);
    lens.retain(|&l| l <= MAX_LEN);
    let offsets = if cfg!(miri) { 0..2 } else { 0..64 };
    for kind in KINDS {
        let (members, stops) = split(kind);
        let mut arena = Arena::new(MAX_LEN + 64 + 64);
        for offset in offsets.clone() {
            for &len in &lens {
                let content: Vec<u8> = cycle(&members, offset + len, len + 64).collect();
                let placed = arena.place(offset, &content);
                let starts = [
                    0,
                    1,
                    15,
                    16,
                    17,
                    31,
                    32,
                    33,
                    63,
                    64,
                    65,
                    len / 2,
                    len - len.min(1),
                ];
                for i in starts.into_iter().chain([len]).filter(|&i| i <= len) {
                    // No stop: the answer is the length.
                    check(kind, &placed[..len], i, len);
                    // One stop somewhere at or after `i`.
                    if i < len {
                        let at = i + (offset * 7 + len) % (len - i);
                        let saved = placed[at];
                        placed[at] = stops[(offset + at) % stops.len()];
                        check(kind, &placed[..len], i, at);
                        placed[at] = saved;
                    }
                }
            }
        }
    }
}

/// A stop at every position of every length, scanned from the start, from just before it, from
/// it, from after it and from one and two blocks before it. The kind cycles with the position:
/// the block logic is shared by the kinds, the classification has its own tests.
#[test]
fn stop_at_every_position() {
    let patterns: Vec<(Vec<u8>, Vec<u8>)> =
        KINDS.iter().map(|&k| (pattern(k), split(k).1)).collect();
    let mut patterns = patterns;
    for len in 0..=MAX_LEN {
        for at in 0..len {
            let k = (len + at) % KINDS.len();
            let kind = KINDS[k];
            let (p, stops) = &mut patterns[k];
            let mut starts = vec![0, at.saturating_sub(1), at, at + 1];
            for back in [15, 16, 17, 31, 32, 33, 63, 64, 65] {
                starts.push(at.saturating_sub(back));
            }
            starts.sort_unstable();
            starts.dedup();
            for i in starts.into_iter().filter(|&i| i <= len) {
                // The slice starts at `MAX_LEN - i` in the pattern; its byte `at` is there.
                let pos = MAX_LEN - i + at;
                let saved = p[pos];
                if at >= i {
                    p[pos] = stops[(len * 31 + at) % stops.len()];
                }
                let want = if at >= i { at } else { len };
                check(kind, &p[MAX_LEN - i..][..len], i, want);
                p[pos] = saved;
            }
        }
    }
}

/// Every byte value at every position of a block of class members (64 bytes: every lane of
/// every vector width), followed by 16 more members to reach the tail code; and in a short
/// buffer (20 bytes: shorter than a block of AVX2 and AVX-512BW, longer than one of SSE2 and
/// NEON). For each kind.
#[test]
fn every_byte_at_every_position() {
    let values: Vec<u8> = if cfg!(miri) {
        vec![0x00, 0x1f, 0x20, 0x21, b'"', b'a', 0x7e, 0x7f, 0x80, 0xff]
    } else {
        (0..=255).collect()
    };
    for kind in KINDS {
        let (members, _) = split(kind);
        for len in [80, 20] {
            let len = len.min(MAX_LEN);
            // Members after the end too (a read past it would show).
            let mut buf: Vec<u8> = cycle(&members, 5, len + 64).collect();
            for at in 0..len {
                let saved = buf[at];
                for &b in &values {
                    buf[at] = b;
                    let want = if member(kind, b) { len } else { at };
                    check(kind, &buf[..len], 0, want);
                    check(kind, &buf[..len], at, want);
                }
                buf[at] = saved;
            }
        }
    }
}

/// The block classifier of the straight-line paths (every form: two classes from one load,
/// or one) on every level: every byte value at every lane of a 32-byte block, the other lanes
/// holding a member of every class, against the class predicates.
#[test]
fn block_masks_match_the_classes() {
    let values: Vec<u8> = if cfg!(miri) {
        vec![0x00, b'\t', 0x20, b'#', b'a', 0x7f, 0x80]
    } else {
        (0..=255).collect()
    };
    let levels: Vec<Level> = std::iter::once(Level::Scalar)
        .chain(simd_levels().iter().copied())
        .collect();
    for &level in &levels {
        for k in 0..32 {
            for &b in &values {
                let mut block = [b'a'; 32];
                block[k] = b;
                let bit = |stop: bool| u32::from(stop) << k;
                let token = bit(!is_tchar(b));
                let value = bit(is_value_stop(b));
                let target = bit(!is_target_byte(b));
                let ows = bit(b == b' ' || b == b'\t');
                assert_eq!(
                    block_masks(level, &block),
                    Some([
                        token, value, token, target, value, target, token, value, ows, value, ows
                    ]),
                    "{} {b:#04x} at {k}",
                    level.name()
                );
            }
        }
    }
}

/// The bytes at and around the edges of the classes.
fn boundary_byte() -> impl Strategy<Value = u8> {
    let edges: Vec<u8> = [
        0x00, 0x09, 0x0a, 0x0d, 0x1f, 0x20, 0x21, 0x7e, 0x7f, 0x80, 0x81, 0xfe, 0xff, b'0', b'9',
        b'A', b'Z', b'a', b'z', b'/', b':', b'@', b'[', b'`', b'{',
    ]
    .into_iter()
    .chain(*b"!#$%&'*+-.^_`|~")
    .chain(*b"\"(),/:;<=>?@[\\]{}")
    .collect();
    prop_oneof![
        3 => prop::sample::select(edges),
        // Runs of letters, so that scans go on for blocks.
        2 => b'a'..=b'z',
    ]
}

/// Random bytes, mostly ASCII letters so that scans run long.
fn random_byte() -> impl Strategy<Value = u8> {
    prop_oneof![5 => b'a'..=b'z', 2 => 0x20u8..0x7f, 1 => any::<u8>()]
}

fn config() -> ProptestConfig {
    if cfg!(miri) {
        common::miri_proptest_config(4)
    } else {
        ProptestConfig {
            cases: 512,
            failure_persistence: None,
            ..ProptestConfig::default()
        }
    }
}

/// `bytes` placed at `offset` in an aligned arena, scanned by every kind from the start, from
/// `start` and from the end.
fn check_random(bytes: &[u8], offset: usize, start: prop::sample::Index) {
    let mut arena = Arena::new(bytes.len() + 64);
    let buf = arena.place(offset, bytes);
    let start = start.index(buf.len() + 1);
    for kind in KINDS {
        for i in [0, start, buf.len()] {
            check_naive(kind, buf, i);
        }
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn random_inputs(
        bytes in prop::collection::vec(random_byte(), 0..MAX_RANDOM),
        offset in 0usize..64,
        start in any::<prop::sample::Index>(),
    ) {
        check_random(&bytes, offset, start);
    }

    #[test]
    fn boundary_inputs(
        bytes in prop::collection::vec(boundary_byte(), 0..MAX_RANDOM),
        offset in 0usize..64,
        start in any::<prop::sample::Index>(),
    ) {
        check_random(&bytes, offset, start);
    }
}

/// Detection works: on x86_64 and aarch64 at least one SIMD level runs (SSE2 and NEON are part
/// of those architectures), and the detected level is one of them.
#[test]
fn some_simd_level_runs() {
    let levels = simd_levels();
    if cfg!(miri) {
        announce("under miri only the scalar level runs");
        assert_eq!(http1::simd::detect(), Level::Scalar);
        return;
    }
    if cfg!(any(target_arch = "x86_64", target_arch = "aarch64")) {
        assert!(
            !levels.is_empty(),
            "no SIMD level is available on {}: detection is broken",
            std::env::consts::ARCH
        );
        let detected = http1::simd::detect();
        assert!(levels.contains(&detected), "{detected:?}");
    }
}

/// `scan` refuses a start past the end, and a level this CPU lacks.
#[test]
fn scan_refuses_bad_requests() {
    for level in Level::ALL {
        for kind in KINDS {
            assert_eq!(scan(level, kind, b"abc", 4), None);
        }
        if !level.is_available() {
            assert_eq!(scan(level, ScanKind::Token, b"abc", 0), None);
        }
    }
}

/// `token_stop` from past the end answers the end; from inside, the first non-`tchar`.
#[test]
fn token_stop_bounds() {
    assert_eq!(token_stop(b"abc", 5), 3);
    assert_eq!(token_stop(b"abc", 3), 3);
    assert_eq!(token_stop(b"ab c", 0), 2);
    assert_eq!(token_stop(b"ab c", 3), 4);
    assert_eq!(token_stop(b"", 0), 0);
}
