//! What the hpack tests share.

use proptest::test_runner::Config;

/// Proptest settings: 256 cases, or 4 under miri (which runs every case slowly and has no file
/// system for failure files). Under miri also the XorShift RNG instead of the default ChaCha:
/// proptest derives a fresh RNG for every arm of a `prop_oneof!` not taken, for every
/// generated element, and ChaCha makes that about ten times slower there. The case counts and
/// sizes stay what they were.
#[allow(dead_code)] // not every test file runs proptest
pub(crate) fn config() -> Config {
    let mut config = Config {
        cases: if cfg!(miri) { 4 } else { 256 },
        failure_persistence: None,
        ..Config::default()
    };
    if cfg!(miri) {
        config.rng_algorithm = proptest::test_runner::RngAlgorithm::XorShift;
    }
    config
}

/// The indices of `0..n` a sweep visits: every one natively; under miri every `miri_step`-th
/// and the last. Miri runs everything thousands of times slower, and the hpack crate's only
/// unsafe code is the SIMD dispatch, which miri does not run; the full sweep runs natively and
/// under qemu.
#[allow(dead_code)] // not every test file sweeps
pub(crate) fn sweep(n: usize, miri_step: usize) -> impl Iterator<Item = usize> {
    let step = if cfg!(miri) { miri_step.max(1) } else { 1 };
    (0..n).filter(move |&i| i % step == 0 || i + 1 == n)
}

#[allow(dead_code)] // not every test file reads the corpus
pub(crate) mod stories;

pub(crate) mod appendix_c;

/// The dynamic table's entries, newest first, each string joined.
#[allow(dead_code)] // not every test file looks at tables
pub(crate) fn entries(table: &hpack::dynamic::DynamicTable) -> Vec<(Vec<u8>, Vec<u8>)> {
    (1..=table.len())
        .map(|i| {
            let ((n0, n1), (v0, v1)) = table.get(i).unwrap();
            ([n0, n1].concat(), [v0, v1].concat())
        })
        .collect()
}
