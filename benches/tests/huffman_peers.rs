//! The Huffman benches' proof that every decoder does the same work: the eight values of
//! BENCHMARKS.md (448 bytes) encoded by httpwire decode back to themselves with httpwire,
//! httlib-huffman and the crates.io `hpack` 0.3, and the three bench functions return the
//! same non-zero fold.

use httpwire_benches::{
    HUFFMAN_VALUES, fold_data, hpack03_huffman, httlib_huffman, httpwire_huffman, huffman_encoded,
};

#[test]
fn every_decoder_decodes_the_values() {
    let encoded = huffman_encoded();
    assert_eq!(encoded.len(), 8);
    assert_eq!(HUFFMAN_VALUES.iter().map(|v| v.len()).sum::<usize>(), 448);
    let mut dec = hpack_peer::huffman::HuffmanDecoder::new();
    for (value, wire) in HUFFMAN_VALUES.iter().zip(encoded) {
        // Shorter than the value: the code did its work.
        assert!(wire.len() < value.len());
        assert_eq!(dec.decode(wire).unwrap(), *value);
        let mut out = Vec::new();
        httlib_huffman::decode(wire, &mut out, httlib_huffman::DecoderSpeed::FiveBits).unwrap();
        assert_eq!(out, *value);
        let mut ours = vec![0; hpack::huffman::max_decoded_len(wire.len())];
        let n = hpack::huffman::decode(wire, &mut ours).unwrap();
        assert_eq!(&ours[..n], *value);
    }
    let want = HUFFMAN_VALUES.iter().fold(0, |acc, v| fold_data(acc, v));
    assert_ne!(want, 0);
    assert_eq!(httpwire_huffman(encoded), want);
    assert_eq!(httlib_huffman(encoded), want);
    assert_eq!(hpack03_huffman(encoded), want);
}

/// The peers encode the values to the same bytes as httpwire.
#[test]
fn the_peers_encode_alike() {
    for (value, wire) in HUFFMAN_VALUES.iter().zip(huffman_encoded()) {
        let mut out = Vec::new();
        httlib_huffman::encode(value, &mut out).unwrap();
        assert_eq!(&out, wire);
    }
}
