//! The resumable parsers fed growing and shrinking prefixes: see
//! `httpwire_fuzz::check_prefix_sequence`. The first byte gives the number of calls (up to 15),
//! the next bytes each call's length as a fraction of the message, which is the rest.
#![no_main]

use http1::Config;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&n, rest)) = data.split_first() else {
        return;
    };
    let Some((cuts, msg)) = rest.split_at_checked(usize::from(n % 16)) else {
        return;
    };
    let lens: Vec<usize> = cuts
        .iter()
        .map(|&c| usize::from(c) * msg.len() / 255)
        .chain([msg.len()])
        .collect();
    for cfg in [Config::new(), Config::new().lenient(http1::Leniency::all())] {
        httpwire_fuzz::check_prefix_sequence::<httpwire_fuzz::Requests>(msg, &lens, &cfg);
        httpwire_fuzz::check_prefix_sequence::<httpwire_fuzz::Responses>(msg, &lens, &cfg);
    }
});
