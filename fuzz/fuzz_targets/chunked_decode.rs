//! The chunked decoder on any bytes, whole and in pieces: see `httpwire_fuzz::chunked::check_decoder`.
//! The first byte gives the number of cuts (up to 7), the next bytes each cut as a fraction of
//! the body, which is the rest.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&n, rest)) = data.split_first() else {
        return;
    };
    let Some((cuts, body)) = rest.split_at_checked(usize::from(n % 8)) else {
        return;
    };
    let cuts = httpwire_fuzz::chunked::cuts(cuts, body.len());
    httpwire_fuzz::chunked::check_decoder(body, &cuts);
});
