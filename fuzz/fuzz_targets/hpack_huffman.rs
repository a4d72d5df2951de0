//! The Huffman decoder on any bytes against the bit-at-a-time reference (the same result,
//! errors included, with room to spare and with room for the reference's output only), its
//! portable build against what `decode` runs (the BMI2 build on CPUs that have it), and any
//! bytes encoded then decoded back.
#![no_main]

use hpack::huffman::{
    decode, decode_portable, decode_reference, encode, encoded_len, max_decoded_len,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // (The reference looks each code up among every symbol: keep inputs short enough for it.)
    let data = &data[..data.len().min(1024)];
    let mut slow = vec![0; max_decoded_len(data.len())];
    let want = decode_reference(data, &mut slow).map(|n| slow[..n].to_vec());
    let mut fast = vec![0; max_decoded_len(data.len())];
    let got = decode(data, &mut fast).map(|n| fast[..n].to_vec());
    assert_eq!(got, want);
    let mut portable = vec![0; max_decoded_len(data.len())];
    let got = decode_portable(data, &mut portable).map(|n| portable[..n].to_vec());
    assert_eq!(got, want);
    // Exactly the room the string needs (or one byte less): the same again.
    if let Ok(text) = &want {
        let mut exact = vec![0; text.len()];
        assert_eq!(decode(data, &mut exact).map(|n| exact[..n].to_vec()), want);
        assert_eq!(
            decode_portable(data, &mut exact).map(|n| exact[..n].to_vec()),
            want
        );
        if let Some(short) = text.len().checked_sub(1) {
            let mut less = vec![0; short];
            assert!(decode(data, &mut less).is_err());
            assert!(decode_portable(data, &mut less).is_err());
        }
    }
    // Encode any bytes, decode them back.
    let mut wire = vec![0; encoded_len(data)];
    assert_eq!(encode(data, &mut wire), Some(wire.len()));
    let mut back = vec![0; data.len()];
    assert_eq!(decode(&wire, &mut back), Ok(data.len()));
    assert_eq!(back, data);
});
