//! The body decoder over every framing: see `httpwire_fuzz::chunked::check_body`. The first
//! byte picks the framing (and whether the connection closes), the next two a Content-Length,
//! the next one the number of cuts (up to 7), then the cuts, then the body.
#![no_main]

use http1::BodyFraming;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&[pick, hi, lo, n], rest)) = data.split_first_chunk::<4>() else {
        return;
    };
    let framing = match pick % 5 {
        0 => BodyFraming::None,
        1 => BodyFraming::ContentLength(u64::from(u16::from_be_bytes([hi, lo]))),
        2 => BodyFraming::Chunked,
        3 => BodyFraming::CloseDelimited,
        _ => BodyFraming::Tunnel,
    };
    let close = pick & 0x80 != 0;
    let Some((cuts, body)) = rest.split_at_checked(usize::from(n % 8)) else {
        return;
    };
    let cuts = httpwire_fuzz::chunked::cuts(cuts, body.len());
    httpwire_fuzz::chunked::check_body(framing, body, &cuts, close);
});
