//! The block loops, written once over [`Vector`].
//!
//! # The first stop
//!
//! A scan asks for the index of the first byte at or after `i` that stops it (is not in its
//! class), or `buf.len()`. [`first_stop`] classifies whole vectors into a mask and takes the
//! lowest set lane:
//!
//! * the first full block from `i` inline, since short elements (tokens, most values) end in
//!   it; the rest of the scan out of line ([`Vector::call_cold`]), so that the hot path stays
//!   small where it inlines into a parser loop;
//! * then full blocks while `i + BYTES <= buf.len()`;
//! * then the last 1 to `BYTES - 1` bytes. A level with masked loads (AVX-512BW) loads just
//!   them, and the lanes past the end count as stops. Elsewhere, when the buffer holds at
//!   least one block, its last `BYTES` bytes are classified once more (an overlapping load)
//!   and the lanes of the bytes before `i` are dropped ([`Mask::skip`]). A buffer shorter
//!   than one block goes to the caller's `short` scan (portable code).
//!
//! No byte outside `buf` is ever read.
//!
//! # Long runs
//!
//! [`first_stop_long`] is for a scan expected to run on (a long field value): one block, then
//! two blocks per round with their stop lanes ORed before a single test, then [`first_stop`]
//! for what is left.

use crate::{Classes, Mask, Vector};

/// The index of the first byte at or after `i` that stops `class`, or `buf.len()`; `short`
/// answers for a buffer shorter than one vector. `i <= buf.len()`.
#[inline(always)]
pub fn first_stop<V: Vector, C: Classes<1>>(
    isa: V,
    buf: &[u8],
    i: usize,
    class: C,
    short: impl FnOnce(&[u8], usize) -> usize,
) -> usize {
    if let Some(block) = buf.get(i..).and_then(V::first_block) {
        if let Some(k) = first_in(isa, block, class) {
            return i + k;
        }
        return isa.call_cold(move |isa| rest(isa, buf, i + V::BYTES, class, short));
    }
    isa.call_cold(move |isa| rest(isa, buf, i, class, short))
}

/// The first lane of `block` that stops `class`, if any.
#[inline(always)]
fn first_in<V: Vector, C: Classes<1>>(isa: V, block: &V::Block, class: C) -> Option<usize> {
    let [stops] = class.stops(isa, isa.load(block));
    let m = isa.mask(stops);
    (!m.is_empty()).then(|| m.first())
}

/// [`first_stop`] after its first block.
#[inline(always)]
fn rest<V: Vector, C: Classes<1>>(
    isa: V,
    buf: &[u8],
    mut i: usize,
    class: C,
    short: impl FnOnce(&[u8], usize) -> usize,
) -> usize {
    let len = buf.len();
    while let Some(block) = buf.get(i..).and_then(V::first_block) {
        if let Some(k) = first_in(isa, block, class) {
            return i + k;
        }
        i += V::BYTES;
    }
    let Some(tail) = buf.get(i..).filter(|t| !t.is_empty()) else {
        return len;
    };
    if let Some((v, past_end)) = isa.load_partial(tail) {
        // Never empty: the lane just past the end is a stop.
        let [stops] = class.stops(isa, v);
        return i + isa.mask(stops).or(past_end).first();
    }
    match V::last_block(buf) {
        // 1..BYTES bytes are left: classify the buffer's last block, which ends with them,
        // and drop the lanes of the bytes before `i` (BYTES - tail.len() of them, < BYTES).
        Some(block) => {
            let [stops] = class.stops(isa, isa.load(block));
            let m = isa.mask(stops).skip(V::BYTES - tail.len());
            if m.is_empty() { len } else { i + m.first() }
        }
        None => short(buf, i),
    }
}

/// [`first_stop`] for a scan that is expected to run on past `i`: one block, then two per
/// round (their stop lanes ORed before one test), then [`first_stop`] for the rest.
#[inline(always)]
pub fn first_stop_long<V: Vector, C: Classes<1>>(
    isa: V,
    buf: &[u8],
    mut i: usize,
    class: C,
    short: impl FnOnce(&[u8], usize) -> usize,
) -> usize {
    let len = buf.len();
    let w = V::BYTES;
    if len >= 2 * w && i <= len - w {
        // SAFETY: i + w <= len (just checked).
        let [stops] = class.stops(isa, isa.load(unsafe { V::block_at(buf, i) }));
        let m = isa.mask(stops);
        if !m.is_empty() {
            return i + m.first();
        }
        i += w;
        while i <= len - 2 * w {
            // SAFETY: i + 2w <= len (the loop condition).
            let [lo] = class.stops(isa, isa.load(unsafe { V::block_at(buf, i) }));
            // SAFETY: as above.
            let [hi] = class.stops(isa, isa.load(unsafe { V::block_at(buf, i + w) }));
            if !isa.mask(isa.or(lo, hi)).is_empty() {
                let m = isa.mask(lo);
                return if m.is_empty() {
                    i + w + isa.mask(hi).first()
                } else {
                    i + m.first()
                };
            }
            i += 2 * w;
        }
    }
    isa.call_cold(move |isa| rest(isa, buf, i, class, short))
}
