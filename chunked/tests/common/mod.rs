//! What the chunked tests share.

use proptest::test_runner::Config;

/// Proptest settings: 256 cases, or 4 under miri (which runs every case slowly and has no file
/// system for failure files). Under miri also the XorShift RNG instead of the default ChaCha:
/// proptest derives a fresh RNG for every arm of a `prop_oneof!` not taken, for every
/// generated element, and ChaCha makes that about ten times slower there. The case counts and
/// sizes stay what they were.
pub(crate) fn cases() -> Config {
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
