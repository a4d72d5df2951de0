//! Instruction counts (iai-callgrind) for HPACK (RFC 7541), peers in the same group on the same
//! bytes:
//!
//! - `huffman`: Huffman decoding, with httlib-huffman 0.3 and the crates.io `hpack` 0.3. Input
//!   (BENCHMARKS.md, built by `src/lib.rs`): the eight typical values Huffman-encoded (448
//!   bytes decoded). Each decoder's function decodes all eight and folds each value in.
//! - `blocks`: header blocks, with nghttp2 1.68 (C, through `libnghttp2-sys`) and httlib-hpack
//!   0.1. Input: every story of hpack-test-case's nghttp2/ (3,384 blocks, 39,359 fields),
//!   decoded in order with a new decoder per story, every field folded in. fluke-hpack 0.3 is
//!   not here: it runs 3.85G Ir on this input (it builds a hash-map Huffman decoder for every
//!   Huffman-coded string), which took 67 s under callgrind, setup included (the other three
//!   take 3 to 5 s each); it is measured in `hpack_criterion.rs`, in the same group as ours.
//!
//! - `encode`: header lists encoded, with nghttp2's deflater. Input: every story of
//!   hpack-test-case's raw-data/ (3,384 header lists), encoded in order with a new encoder per
//!   story (see `src/lib.rs`; the sizes are compared in `tests/hpack_peers.rs`).
//!
//! Warm: each bench's `setup` (not measured) builds the input (reads and parses the stories)
//! and runs the same function over it once (hpack 0.3's Huffman decoder, built once per
//! process, is built there).

use std::hint::black_box;

use httpwire_benches::stories::Story;
use httpwire_benches::{
    hpack_blocks_input, hpack_encode_input, hpack03_huffman, httlib_hpack_blocks, httlib_huffman,
    httpwire_hpack_blocks, httpwire_hpack_encode, httpwire_huffman, huffman_encoded,
    nghttp2_hpack_blocks, nghttp2_hpack_encode,
};
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

type Stories = &'static [Story];

fn warm_blocks(decode: fn(&[Story]) -> usize) -> impl Fn(Stories) -> Stories {
    move |stories| {
        assert!(black_box(decode(black_box(stories))) > 0);
        stories
    }
}

fn warm_httpwire_blocks(stories: Stories) -> Stories {
    warm_blocks(httpwire_hpack_blocks)(stories)
}
fn warm_nghttp2_blocks(stories: Stories) -> Stories {
    warm_blocks(nghttp2_hpack_blocks)(stories)
}
fn warm_httlib_blocks(stories: Stories) -> Stories {
    warm_blocks(httlib_hpack_blocks)(stories)
}
fn warm_httpwire_encode(stories: Stories) -> Stories {
    warm_blocks(httpwire_hpack_encode)(stories)
}
fn warm_nghttp2_encode(stories: Stories) -> Stories {
    warm_blocks(nghttp2_hpack_encode)(stories)
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

    #[library_benchmark]
    #[bench::nghttp2_dir(args = (hpack_blocks_input(),), setup = warm_httpwire_blocks)]
    fn httpwire_blocks(stories: Stories) -> usize {
        black_box(httpwire_hpack_blocks(black_box(stories)))
    }

    #[library_benchmark]
    #[bench::nghttp2_dir(args = (hpack_blocks_input(),), setup = warm_nghttp2_blocks)]
    fn nghttp2_blocks(stories: Stories) -> usize {
        black_box(nghttp2_hpack_blocks(black_box(stories)))
    }

    #[library_benchmark]
    #[bench::nghttp2_dir(args = (hpack_blocks_input(),), setup = warm_httlib_blocks)]
    fn httlib_hpack_blocks_decode(stories: Stories) -> usize {
        black_box(httlib_hpack_blocks(black_box(stories)))
    }

    library_benchmark_group!(
        name = blocks;
        // fluke-hpack: criterion only (see the module docs).
        benchmarks = httpwire_blocks, nghttp2_blocks, httlib_hpack_blocks_decode
    );

    #[library_benchmark]
    #[bench::raw_data(args = (hpack_encode_input(),), setup = warm_httpwire_encode)]
    fn httpwire_encode(stories: Stories) -> usize {
        black_box(httpwire_hpack_encode(black_box(stories)))
    }

    #[library_benchmark]
    #[bench::raw_data(args = (hpack_encode_input(),), setup = warm_nghttp2_encode)]
    fn nghttp2_encode(stories: Stories) -> usize {
        black_box(nghttp2_hpack_encode(black_box(stories)))
    }

    library_benchmark_group!(
        name = encode;
        benchmarks = httpwire_encode, nghttp2_encode
    );
}

use iai_benches::{blocks, encode, huffman};

main!(library_benchmark_groups = huffman, blocks, encode);
