//! Shared by the integration tests.

use proptest::test_runner::Config;

/// Proptest settings: the default number of cases natively; under miri (which is thousands of
/// times slower and isolated from the file system) a few cases and no failure file.
pub(crate) fn proptest_config() -> Config {
    if cfg!(miri) {
        Config {
            cases: 4,
            failure_persistence: None,
            ..Config::default()
        }
    } else {
        Config::default()
    }
}
