//! What the hpack tests share.

use proptest::test_runner::Config;

/// Proptest settings: 256 cases, or 4 under miri (which runs every case slowly and has no file
/// system for failure files).
pub(crate) fn config() -> Config {
    Config {
        cases: if cfg!(miri) { 4 } else { 256 },
        failure_persistence: None,
        ..Config::default()
    }
}
