//! hpack-test-case (../shared/hpack-test-case): every story of every directory of encoded
//! stories decodes, block after block with one decoder per story, to exactly the headers it
//! lists; and again with every block fed in fragments (byte by byte, and in uneven pieces).

use hpack::{Decoder, Error};

mod common;
use common::stories::{Headers, Story, encoded_dirs, stories};

/// How each block is fed: whole, byte by byte, or in pieces of 1 to 7 bytes (by block).
#[derive(Debug, Clone, Copy)]
enum Feed {
    Whole,
    Bytes,
    Uneven,
}

fn cuts(feed: Feed, len: usize, seqno: usize) -> Vec<usize> {
    match feed {
        Feed::Whole => Vec::new(),
        Feed::Bytes => (1..len).collect(),
        Feed::Uneven => {
            let mut at = Vec::new();
            let mut i = 0;
            let mut k = seqno;
            loop {
                k = k.wrapping_mul(31).wrapping_add(7);
                i += k % 7 + 1;
                if i >= len {
                    return at;
                }
                at.push(i);
            }
        }
    }
}

/// Decodes `block` fed at `cuts`: its fields, names and values.
fn decode(d: &mut Decoder, block: &[u8], cuts: &[usize]) -> Result<Headers, Error> {
    let mut fields = Vec::new();
    let mut from = 0;
    for (i, to) in cuts.iter().copied().chain([block.len()]).enumerate() {
        let mut rest = &block[from..to];
        while let Some(f) = d.next_field(&mut rest, i == cuts.len())? {
            fields.push((f.name.to_vec(), f.value.to_vec()));
        }
        assert!(rest.is_empty());
        from = to;
    }
    Ok(fields)
}

/// Decodes every block of `story` fed as `feed` says; returns how many blocks and fields.
fn check(story: &Story, feed: Feed) -> (usize, usize) {
    let mut d = Decoder::new();
    let mut fields = 0;
    for (seqno, case) in story.cases.iter().enumerate() {
        if let Some(size) = case.table_size {
            d.set_table_size(size).unwrap();
        }
        let got = decode(&mut d, &case.wire, &cuts(feed, case.wire.len(), seqno))
            .unwrap_or_else(|e| panic!("{} block {seqno} ({feed:?}): {e}", story.name));
        assert!(
            got == case.headers,
            "{} block {seqno} ({feed:?}): decoded differently",
            story.name
        );
        fields += got.len();
    }
    (story.cases.len(), fields)
}

fn every_story(feed: Feed) {
    let dirs = encoded_dirs();
    // The corpus as it is published has 11 directories of encoded stories.
    assert!(dirs.len() >= 11, "only {dirs:?}");
    let (mut blocks, mut fields) = (0, 0);
    for dir in &dirs {
        for story in stories(dir) {
            let (b, f) = check(&story, feed);
            blocks += b;
            fields += f;
        }
    }
    eprintln!(
        "{feed:?}: {blocks} blocks, {fields} fields, {} directories",
        dirs.len()
    );
    assert!(blocks > 30_000, "{blocks} blocks");
}

#[test]
#[cfg_attr(
    miri,
    ignore = "reads hpack-test-case from the file system, which miri isolates"
)]
fn every_story_decodes_to_its_headers() {
    every_story(Feed::Whole);
}

#[test]
#[cfg_attr(
    miri,
    ignore = "reads hpack-test-case from the file system, which miri isolates"
)]
fn every_story_decodes_the_same_byte_by_byte() {
    every_story(Feed::Bytes);
}

#[test]
#[cfg_attr(
    miri,
    ignore = "reads hpack-test-case from the file system, which miri isolates"
)]
fn every_story_decodes_the_same_in_uneven_fragments() {
    every_story(Feed::Uneven);
}
