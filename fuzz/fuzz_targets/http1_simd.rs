//! Every SIMD level this CPU has against the scalar reference: each scan kernel at every start
//! offset, the block classifier on every 32-byte window, and the whole request and response
//! parsers (default configuration, and one read from the first byte).
#![no_main]

use http1::simd::{Level, ScanKind, block_masks, scan};
use http1::{Config, FieldStorage, Outcome, parse_request, parse_response};
use libfuzzer_sys::fuzz_target;

fn heads(data: &[u8], cfg: &Config) -> (String, String) {
    let mut s1 = FieldStorage::<64>::new();
    let req = match parse_request(data, &mut s1, cfg) {
        Ok(Outcome::Complete(r)) => format!("{r:?}"),
        other => format!("{:?}", other.map(|o| o.complete().is_some())),
    };
    let mut s2 = FieldStorage::<64>::new();
    let resp = match parse_response(data, &mut s2, cfg) {
        Ok(Outcome::Complete(r)) => format!("{r:?}"),
        other => format!("{:?}", other.map(|o| o.complete().is_some())),
    };
    (req, resp)
}

/// A second configuration from the first byte: all leniencies or none, and a line limit of
/// 16 to 143 bytes, around the block sizes of the straight-line paths.
fn config_from(byte: u8) -> Config {
    let cfg = Config::new().max_line_len(16 + usize::from(byte >> 1));
    if byte & 1 == 1 {
        cfg.lenient(http1::Leniency::all())
    } else {
        cfg
    }
}

fuzz_target!(|data: &[u8]| {
    if let Some((&first, rest)) = data.split_first() {
        let cfg = config_from(first);
        let want = heads(rest, &cfg.simd(Level::Scalar));
        for level in Level::ALL.into_iter().filter(|l| l.is_available()) {
            assert_eq!(heads(rest, &cfg.simd(level)), want, "{level:?} {cfg:?}");
        }
    }
    let want = heads(data, &Config::new().simd(Level::Scalar));
    for level in Level::ALL.into_iter().filter(|l| l.is_available()) {
        for kind in [
            ScanKind::Token,
            ScanKind::Target,
            ScanKind::Value,
            ScanKind::ValueLong,
        ] {
            for i in 0..=data.len() {
                assert_eq!(
                    scan(level, kind, data, i),
                    scan(Level::Scalar, kind, data, i),
                    "{level:?} {kind:?} at {i}"
                );
            }
        }
        // The block classifier on every 32-byte window.
        for block in data.windows(32).filter_map(|w| w.first_chunk::<32>()) {
            assert_eq!(
                block_masks(level, block),
                block_masks(Level::Scalar, block),
                "{level:?} block masks"
            );
        }
        assert_eq!(heads(data, &Config::new().simd(level)), want, "{level:?}");
    }
});
