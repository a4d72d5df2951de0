//! Instruction counts (iai-callgrind) for Huffman decoding (RFC 7541 §5.2), with
//! httlib-huffman 0.3 and the crates.io `hpack` 0.3 in the same group on the same bytes.
//!
//! Input (BENCHMARKS.md, built by `src/lib.rs`): the eight typical values Huffman-encoded
//! (448 bytes decoded). Each decoder's function decodes all eight and folds each value in;
//! warm: each bench's `setup` decodes them once with the same decoder (hpack 0.3's decoder,
//! built once per process, is built there, unmeasured).

use std::hint::black_box;

use httpwire_benches::{hpack03_huffman, httlib_huffman, httpwire_huffman, huffman_encoded};
use iai_callgrind::{library_benchmark, library_benchmark_group, main};

type Inputs = &'static [Vec<u8>];

fn warm(decode: fn(&[Vec<u8>]) -> usize) -> impl Fn(Inputs) -> Inputs {
    move |inputs| {
        assert!(black_box(decode(black_box(inputs))) > 0);
        inputs
    }
}

fn warm_httpwire(inputs: Inputs) -> Inputs {
    warm(httpwire_huffman)(inputs)
}
fn warm_httlib(inputs: Inputs) -> Inputs {
    warm(httlib_huffman)(inputs)
}
fn warm_hpack03(inputs: Inputs) -> Inputs {
    warm(hpack03_huffman)(inputs)
}

#[allow(missing_docs, unreachable_pub)]
mod iai_benches {
    use super::*;

    #[library_benchmark]
    #[bench::values8(args = (huffman_encoded(),), setup = warm_httpwire)]
    fn httpwire_decode(inputs: Inputs) -> usize {
        black_box(httpwire_huffman(black_box(inputs)))
    }

    #[library_benchmark]
    #[bench::values8(args = (huffman_encoded(),), setup = warm_httlib)]
    fn httlib_huffman_decode(inputs: Inputs) -> usize {
        black_box(httlib_huffman(black_box(inputs)))
    }

    #[library_benchmark]
    #[bench::values8(args = (huffman_encoded(),), setup = warm_hpack03)]
    fn hpack03_decode(inputs: Inputs) -> usize {
        black_box(hpack03_huffman(black_box(inputs)))
    }

    library_benchmark_group!(
        name = huffman;
        benchmarks = httpwire_decode, httlib_huffman_decode, hpack03_decode
    );
}

use iai_benches::huffman;

main!(library_benchmark_groups = huffman);
