//! The HPACK block benches' proof that every decoder does the same work: every story of
//! hpack-test-case's nghttp2/ (the bench input, 3,384 blocks, 39,359 fields) decodes, block
//! after block with one decoder per story, to exactly the headers it lists with httpwire,
//! nghttp2 (through the wrapper of `src/lib.rs`), httlib-hpack and fluke-hpack; and the four
//! bench functions return the same non-zero fold, the fold of the listed headers. And the
//! encoding benches' input, raw-data, encoded by ours and by nghttp2's deflater, decodes back
//! with both decoders.

use httpwire_benches::stories::{Headers, Story};
use httpwire_benches::{
    Nghttp2Inflater, fluke_hpack_blocks, fold_field, hpack_blocks_input, hpack_encode_input,
    httlib_hpack_blocks, httpwire_hpack_blocks, httpwire_hpack_encode_each, nghttp2_hpack_blocks,
    nghttp2_hpack_encode_each,
};

/// One decoder context, driven the way the bench functions drive it.
trait Peer {
    fn new() -> Self;
    fn set_table_size(&mut self, size: u32);
    /// The block's fields (name, value), or why it was refused.
    fn decode(&mut self, block: &[u8]) -> Result<Headers, String>;
}

struct Httpwire(hpack::Decoder);

impl Peer for Httpwire {
    fn new() -> Self {
        Httpwire(hpack::Decoder::new())
    }
    fn set_table_size(&mut self, size: u32) {
        self.0.set_table_size(size).unwrap();
    }
    fn decode(&mut self, block: &[u8]) -> Result<Headers, String> {
        let mut out = Vec::new();
        self.0
            .decode_block(block, |f| out.push((f.name.to_vec(), f.value.to_vec())))
            .map_err(|e| e.to_string())?;
        Ok(out)
    }
}

struct Nghttp2(Nghttp2Inflater);

impl Peer for Nghttp2 {
    fn new() -> Self {
        Nghttp2(Nghttp2Inflater::new())
    }
    fn set_table_size(&mut self, size: u32) {
        self.0.change_table_size(size).unwrap();
    }
    fn decode(&mut self, block: &[u8]) -> Result<Headers, String> {
        let mut out = Vec::new();
        self.0
            .decode_block(block, |n, v, _| out.push((n.to_vec(), v.to_vec())))
            .map_err(|e| format!("{e:?}"))?;
        Ok(out)
    }
}

struct Httlib(httlib_hpack::Decoder<'static>);

impl Peer for Httlib {
    fn new() -> Self {
        Httlib(httlib_hpack::Decoder::default())
    }
    fn set_table_size(&mut self, size: u32) {
        self.0.set_max_dynamic_size(size);
    }
    fn decode(&mut self, block: &[u8]) -> Result<Headers, String> {
        let mut buf = block.to_vec();
        let mut fields = Vec::new();
        self.0
            .decode(&mut buf, &mut fields)
            .map_err(|e| format!("{e:?}"))?;
        Ok(fields.into_iter().map(|(n, v, _)| (n, v)).collect())
    }
}

struct Fluke(fluke_hpack::Decoder<'static>);

impl Peer for Fluke {
    fn new() -> Self {
        Fluke(fluke_hpack::Decoder::new())
    }
    fn set_table_size(&mut self, size: u32) {
        self.0.set_max_allowed_table_size(size as usize);
    }
    fn decode(&mut self, block: &[u8]) -> Result<Headers, String> {
        let mut out = Vec::new();
        self.0
            .decode_with_cb(block, |n, v| out.push((n.into_owned(), v.into_owned())))
            .map_err(|e| format!("{e:?}"))?;
        Ok(out)
    }
}

/// Decodes every story with `P`, one context per story, and checks every block against its
/// listed headers; returns the blocks and fields decoded.
fn check_all<P: Peer>(who: &str, stories: &[Story]) -> (usize, usize) {
    let (mut blocks, mut fields) = (0, 0);
    for story in stories {
        let mut dec = P::new();
        for (seqno, case) in story.cases.iter().enumerate() {
            if let Some(size) = case.table_size {
                dec.set_table_size(size);
            }
            let got = dec
                .decode(&case.wire)
                .unwrap_or_else(|e| panic!("{who}: {} block {seqno}: {e}", story.name));
            assert!(
                got == case.headers,
                "{who}: {} block {seqno}: decoded differently",
                story.name
            );
            blocks += 1;
            fields += got.len();
        }
    }
    (blocks, fields)
}

/// The size of the input BENCHMARKS.md describes: 3,384 blocks, 39,359 fields.
const BLOCKS: usize = 3_384;
const FIELDS: usize = 39_359;

#[test]
fn the_input_is_the_one_benchmarks_md_describes() {
    let stories = hpack_blocks_input();
    assert_eq!(stories.len(), 32);
    let blocks: usize = stories.iter().map(|s| s.cases.len()).sum();
    let fields: usize = stories
        .iter()
        .flat_map(|s| &s.cases)
        .map(|c| c.headers.len())
        .sum();
    assert_eq!((blocks, fields), (BLOCKS, FIELDS));
    // Every block has its wire bytes, and nghttp2/ gives no table size (the functions handle
    // one anyway: the test below runs them on a directory that does).
    assert!(
        stories
            .iter()
            .flat_map(|s| &s.cases)
            .all(|c| !c.wire.is_empty())
    );
    assert!(
        stories
            .iter()
            .flat_map(|s| &s.cases)
            .all(|c| c.table_size.is_none())
    );
}

#[test]
fn httpwire_decodes_every_story() {
    assert_eq!(
        check_all::<Httpwire>("httpwire", hpack_blocks_input()),
        (BLOCKS, FIELDS)
    );
}

#[test]
fn nghttp2_decodes_every_story() {
    assert_eq!(
        check_all::<Nghttp2>("nghttp2", hpack_blocks_input()),
        (BLOCKS, FIELDS)
    );
}

#[test]
fn httlib_hpack_decodes_every_story() {
    assert_eq!(
        check_all::<Httlib>("httlib-hpack", hpack_blocks_input()),
        (BLOCKS, FIELDS)
    );
}

#[test]
fn fluke_hpack_decodes_every_story() {
    assert_eq!(
        check_all::<Fluke>("fluke-hpack", hpack_blocks_input()),
        (BLOCKS, FIELDS)
    );
}

/// The fold of every listed header of `stories`, in order: what every bench function must
/// return.
fn expected_fold(stories: &[Story]) -> usize {
    stories
        .iter()
        .flat_map(|s| &s.cases)
        .flat_map(|c| &c.headers)
        .fold(0, |acc, (n, v)| fold_field(acc, n, v))
}

#[test]
fn the_bench_functions_fold_alike() {
    let stories = hpack_blocks_input();
    let want = expected_fold(stories);
    assert_ne!(want, 0);
    assert_eq!(httpwire_hpack_blocks(stories), want, "httpwire");
    assert_eq!(nghttp2_hpack_blocks(stories), want, "nghttp2");
    assert_eq!(httlib_hpack_blocks(stories), want, "httlib-hpack");
    assert_eq!(fluke_hpack_blocks(stories), want, "fluke-hpack");
}

/// The table-size path of the bench functions: nghttp2-16384-4096/ acknowledges
/// SETTINGS_HEADER_TABLE_SIZE changes between blocks (its encoder then sends size updates).
#[test]
fn the_bench_functions_follow_table_size_changes() {
    let stories = httpwire_benches::stories::stories("nghttp2-16384-4096");
    assert!(
        stories
            .iter()
            .flat_map(|s| &s.cases)
            .any(|c| c.table_size.is_some())
    );
    let want = expected_fold(&stories);
    assert_eq!(httpwire_hpack_blocks(&stories), want, "httpwire");
    assert_eq!(nghttp2_hpack_blocks(&stories), want, "nghttp2");
    assert_eq!(httlib_hpack_blocks(&stories), want, "httlib-hpack");
    assert_eq!(fluke_hpack_blocks(&stories), want, "fluke-hpack");
}

/// A refused block makes every bench function return 0 (so a broken input cannot pass for a
/// fast one).
#[test]
fn a_refused_block_folds_to_zero() {
    let mut stories = httpwire_benches::stories::stories(httpwire_benches::HPACK_BLOCKS_DIR);
    stories.truncate(1);
    // Index 0 is never valid (RFC 7541 §6.1), for every decoder.
    stories[0].cases[0].wire = vec![0x80];
    assert_eq!(httpwire_hpack_blocks(&stories), 0, "httpwire");
    assert_eq!(nghttp2_hpack_blocks(&stories), 0, "nghttp2");
    assert_eq!(httlib_hpack_blocks(&stories), 0, "httlib-hpack");
    assert_eq!(fluke_hpack_blocks(&stories), 0, "fluke-hpack");
}

/// An encoding function of `src/lib.rs`, handing each block over with its story's index.
type EncodeEach = fn(&[Story], &mut dyn FnMut(usize, &[u8])) -> usize;

/// What an encoder made of raw-data: each block with the index of its story.
fn encoded(encode: EncodeEach) -> (Vec<(usize, Vec<u8>)>, usize) {
    let mut blocks = Vec::new();
    let total = encode(hpack_encode_input(), &mut |story, block| {
        blocks.push((story, block.to_vec()))
    });
    (blocks, total)
}

/// Decodes `blocks` (one context per story) with `P` and checks each against raw-data's
/// header lists.
fn decode_back<P: Peer>(who: &str, blocks: &[(usize, Vec<u8>)]) {
    let stories = hpack_encode_input();
    let cases = stories
        .iter()
        .enumerate()
        .flat_map(|(i, s)| s.cases.iter().map(move |c| (i, &s.name, c)));
    assert_eq!(
        cases.clone().count(),
        blocks.len(),
        "{who}: one block per case"
    );
    let mut dec = P::new();
    let mut current = usize::MAX;
    for ((story, block), (i, name, case)) in blocks.iter().zip(cases) {
        assert_eq!(*story, i);
        if *story != current {
            dec = P::new();
            current = *story;
        }
        let got = dec
            .decode(block)
            .unwrap_or_else(|e| panic!("{who}: {name}: {e}"));
        assert!(got == case.headers, "{who}: {name}: decoded differently");
    }
}

/// raw-data encoded by ours decodes back with ours and with nghttp2's inflater, and nghttp2's
/// deflater output decodes with ours; ours is at least as compact as nghttp2's deflater (the
/// issue's goal; the sizes go to stderr and into RESULTS.md).
#[test]
fn raw_data_encoded_by_each_decodes_with_both() {
    let (ours, ours_total) = encoded(|s, f| httpwire_hpack_encode_each(s, f));
    let (theirs, theirs_total) = encoded(|s, f| nghttp2_hpack_encode_each(s, f));
    let raw: usize = hpack_encode_input()
        .iter()
        .flat_map(|s| &s.cases)
        .flat_map(|c| &c.headers)
        .map(|(n, v)| n.len() + v.len())
        .sum();
    eprintln!(
        "raw-data: {} blocks, {raw} bytes of names and values; httpwire {ours_total} bytes, \
         nghttp2 {theirs_total} bytes",
        ours.len()
    );
    assert_eq!(ours_total, ours.iter().map(|(_, b)| b.len()).sum::<usize>());
    assert!(ours.len() > 3000 && ours_total > 0 && theirs_total > 0);
    decode_back::<Httpwire>("httpwire <- httpwire", &ours);
    decode_back::<Nghttp2>("nghttp2 <- httpwire", &ours);
    decode_back::<Httpwire>("httpwire <- nghttp2", &theirs);
    assert!(
        ours_total <= theirs_total,
        "httpwire {ours_total} bytes, nghttp2 {theirs_total}"
    );
}
