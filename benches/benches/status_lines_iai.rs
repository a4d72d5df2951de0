//! Instruction counts (iai-callgrind) for `status_lines`: writing status lines into a caller's
//! stack buffer and parsing them, with the `http` crate's way of writing beside ours.
//!
//! Every bench runs in one group, `write_and_parse`, so ours and the peer share one report. The
//! CI gate (`.ci/iai_gate.py`) keys on `<bench file>::<group>::<function>::<bench id>`, e.g.
//! `status_lines_iai::write_and_parse::write_registered::codes_8`: renaming a function or an id
//! below is a change of the baseline (`benches/iai-baseline.json`).
//!
//! Each bench does a batch (8 lines written, 4 parsed): a few hundred instructions, so that a 5%
//! slowdown is well past the gate's 10 Ir floor. Measured warm (see `BENCHMARKS.md`): each
//! bench's `setup`, which callgrind does not count, runs the same batch once first.

use std::hint::black_box;

use httpwire_benches::{
    BUF_LEN, CODES_REGISTERED, CODES_UNREGISTERED, STATUS_LINES, http_crate_write_status_line,
    httpwire_write_status_line, write_each,
};
use iai_callgrind::{library_benchmark, library_benchmark_group, main};
use status_lines::{Outcome, parse_status_line};

/// Parses every line and sums the codes (so the results are used).
#[inline(always)]
fn parse_each(lines: &[&[u8]]) -> u32 {
    let mut sum = 0;
    for &line in lines {
        if let Ok(Outcome::Complete(l)) = parse_status_line(black_box(line)) {
            sum += u32::from(l.code.as_u16());
        }
    }
    sum
}

fn warm_ours(codes: [u16; 8]) -> [u16; 8] {
    black_box(write_each(
        &mut [0; BUF_LEN],
        &codes,
        httpwire_write_status_line,
    ));
    codes
}

fn warm_peer(codes: [u16; 8]) -> [u16; 8] {
    black_box(write_each(
        &mut [0; BUF_LEN],
        &codes,
        http_crate_write_status_line,
    ));
    codes
}

fn warm_parse(lines: [&'static [u8]; 4]) -> [&'static [u8]; 4] {
    assert_eq!(black_box(parse_each(&lines)), 200 + 404 + 503 + 302);
    lines
}

#[allow(missing_docs, unreachable_pub)]
mod iai_benches {
    use super::*;

    #[library_benchmark]
    #[bench::codes_8(args = (CODES_REGISTERED,), setup = warm_ours)]
    fn write_registered(codes: [u16; 8]) -> usize {
        black_box(write_each(
            &mut [0; BUF_LEN],
            &codes,
            httpwire_write_status_line,
        ))
    }

    #[library_benchmark]
    #[bench::codes_8(args = (CODES_REGISTERED,), setup = warm_peer)]
    fn http_crate_write_registered(codes: [u16; 8]) -> usize {
        black_box(write_each(
            &mut [0; BUF_LEN],
            &codes,
            http_crate_write_status_line,
        ))
    }

    #[library_benchmark]
    #[bench::codes_8(args = (CODES_UNREGISTERED,), setup = warm_ours)]
    fn write_unregistered(codes: [u16; 8]) -> usize {
        black_box(write_each(
            &mut [0; BUF_LEN],
            &codes,
            httpwire_write_status_line,
        ))
    }

    #[library_benchmark]
    #[bench::codes_8(args = (CODES_UNREGISTERED,), setup = warm_peer)]
    fn http_crate_write_unregistered(codes: [u16; 8]) -> usize {
        black_box(write_each(
            &mut [0; BUF_LEN],
            &codes,
            http_crate_write_status_line,
        ))
    }

    #[library_benchmark]
    #[bench::lines_4(args = (STATUS_LINES,), setup = warm_parse)]
    fn parse_line(lines: [&'static [u8]; 4]) -> u32 {
        black_box(parse_each(&lines))
    }

    library_benchmark_group!(
        name = write_and_parse;
        benchmarks =
            write_registered,
            http_crate_write_registered,
            write_unregistered,
            http_crate_write_unregistered,
            parse_line
    );
}

use iai_benches::write_and_parse;

main!(library_benchmark_groups = write_and_parse);
