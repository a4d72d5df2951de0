//! Size lines read by the chunked decoder and by `httparse::parse_chunk_size`: the same, but for
//! httparse's known leniencies (see `httpwire_fuzz::chunked::check_size_line_against_httparse`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    httpwire_fuzz::chunked::check_size_line_against_httparse(data);
});
