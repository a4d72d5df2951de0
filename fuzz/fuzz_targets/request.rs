//! The request parser on arbitrary bytes: see `httpwire_fuzz::check_head_parser`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| httpwire_fuzz::check_head_parser::<httpwire_fuzz::Requests>(data));
