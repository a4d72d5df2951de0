//! Shared by the integration tests.
#![allow(dead_code)] // not every test file uses every helper

use proptest::test_runner::Config;

/// Proptest settings: the default number of cases natively; under miri (which is thousands of
/// times slower and isolated from the file system) a few cases, no failure file, and the
/// XorShift RNG instead of the default ChaCha: proptest derives a fresh RNG for every arm of a
/// `prop_oneof!` not taken, for every generated element, and ChaCha makes that about ten times
/// slower under miri. The case counts and sizes stay what they were.
pub(crate) fn proptest_config() -> Config {
    if cfg!(miri) {
        Config {
            cases: 4,
            failure_persistence: None,
            rng_algorithm: proptest::test_runner::RngAlgorithm::XorShift,
            ..Config::default()
        }
    } else {
        Config::default()
    }
}

/// The indices of `0..n` a sweep visits: every one natively; under miri every `miri_step`-th
/// and the last. Miri is thousands of times slower, and this crate has no unsafe code; the
/// full sweeps run natively and under qemu.
pub(crate) fn sweep(n: usize, miri_step: usize) -> impl Iterator<Item = usize> {
    let step = if cfg!(miri) { miri_step.max(1) } else { 1 };
    (0..n).filter(move |&i| i % step == 0 || i + 1 == n)
}
