//! The status-line parser, strict and fully lenient, on arbitrary bytes.
//!
//! Beyond "never panics": a complete line lies inside the input, and a strictly accepted line
//! is reproduced byte for byte by the writer from the parsed parts.
#![no_main]

use libfuzzer_sys::fuzz_target;
use status_lines::{
    Outcome, ParseOptions, Reason, parse_status_line, parse_status_line_with, write_status_line,
};

fuzz_target!(|data: &[u8]| {
    let strict = parse_status_line(data);
    let lenient = parse_status_line_with(data, ParseOptions::lenient());
    match strict {
        Ok(Outcome::Complete(line)) => {
            assert!(line.len <= data.len());
            // What strict mode accepts, every leniency accepts identically.
            assert_eq!(lenient, strict);
            let mut buf = vec![0u8; line.len];
            let n = write_status_line(
                &mut buf,
                line.version,
                line.code,
                Reason::Custom(line.reason),
            )
            .expect("a parsed reason is a valid reason");
            assert_eq!(&buf[..n], &data[..line.len]);
        }
        Ok(Outcome::Incomplete) => assert!(lenient.is_ok()),
        Err(e) => assert!(e.offset < data.len()),
    }
    if let Ok(Outcome::Complete(line)) = lenient {
        assert!(line.len <= data.len());
    }
});
