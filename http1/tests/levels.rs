//! The whole parser on every SIMD level this CPU has gives exactly the scalar result, on the
//! test messages, on every one-byte mutation of them, and on random bytes.

mod common;

use common::*;
use http1::Config;
use http1::simd::Level;
use proptest::prelude::*;

fn levels() -> Vec<Level> {
    let mut out = Vec::new();
    for l in Level::ALL {
        if l.is_available() && !cfg!(miri) {
            out.push(l);
        } else if l != Level::Scalar {
            eprintln!(
                "levels: SKIPPING {} (not available on this CPU/target, or under miri)",
                l.name()
            );
        }
    }
    out
}

fn check(msg: &[u8], base: Config) {
    let scalar = base.simd(Level::Scalar);
    let want_req = req_with(msg, &scalar);
    let want_resp = resp_with(msg, &scalar);
    for level in levels() {
        let cfg = base.simd(level);
        assert_eq!(
            req_with(msg, &cfg),
            want_req,
            "{} {:?}",
            level.name(),
            String::from_utf8_lossy(msg)
        );
        assert_eq!(
            resp_with(msg, &cfg),
            want_resp,
            "{} {:?}",
            level.name(),
            String::from_utf8_lossy(msg)
        );
    }
}

#[test]
#[cfg_attr(
    miri,
    ignore = "miri runs only the scalar level: nothing to compare it with"
)]
fn test_messages_and_their_one_byte_mutations() {
    let interesting = [
        0u8, b'\t', b'\n', b'\r', b' ', b':', b'"', 0x7f, 0x80, 0xff, b'a',
    ];
    for msg in REQUESTS.iter().chain(RESPONSES) {
        for cfg in [Config::new(), Config::new().lenient(http1::Leniency::all())] {
            check(msg, cfg);
            // Every prefix: lines cut anywhere, near the end of the view in particular.
            for k in 0..msg.len() {
                check(&msg[..k], cfg);
            }
            // Line limits around the plain path's block sizes (32, 64 bytes).
            for limit in [20, 33, 34, 35, 63, 64, 65, 66, 67, 97, 98] {
                check(msg, cfg.max_line_len(limit));
            }
            for i in 0..msg.len() {
                for &b in &interesting {
                    let mut m = msg.to_vec();
                    m[i] = b;
                    check(&m, cfg);
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(proptest_config())]

    #[test]
    #[cfg_attr(miri, ignore = "miri runs only the scalar level: nothing to compare it with")]
    fn random_heads(body in proptest::collection::vec(
        prop_oneof![
            Just(b'\r'), Just(b'\n'), Just(b':'), Just(b' '), Just(b'\t'),
            b'a'..=b'z', any::<u8>(),
        ],
        0..300,
    )) {
        let mut msg = b"GET / HTTP/1.1\r\n".to_vec();
        msg.extend_from_slice(&body);
        check(&msg, Config::new());
        let mut msg = b"HTTP/1.1 200 OK\r\n".to_vec();
        msg.extend_from_slice(&body);
        check(&msg, Config::new().lenient(http1::Leniency::all()));
    }

    /// Plain-shaped field lines of every length around the block sizes, under line limits
    /// around them too.
    #[test]
    #[cfg_attr(miri, ignore = "miri runs only the scalar level: nothing to compare it with")]
    fn field_lines_against_line_limits(
        lines in proptest::collection::vec(
            (1usize..40, prop_oneof![0usize..70, 0usize..140], any::<bool>()),
            1..6,
        ),
        limit in prop_oneof![28usize..70, 10usize..200],
        cut in any::<prop::sample::Index>(),
    ) {
        let mut msg = b"HTTP/1.1 200 OK\r\n".to_vec();
        for (name, value, space) in lines {
            msg.extend(std::iter::repeat_n(b'n', name));
            msg.extend_from_slice(if space { b": " } else { b":" });
            msg.extend(std::iter::repeat_n(b'v', value));
            msg.extend_from_slice(b"\r\n");
        }
        msg.extend_from_slice(b"\r\n");
        check(&msg, Config::new().max_line_len(limit));
        check(&msg[..cut.index(msg.len() + 1)], Config::new().max_line_len(limit));
    }
}
