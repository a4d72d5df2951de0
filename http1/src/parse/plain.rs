//! The straight-line paths: the common shapes of a request line, a status line and a field
//! line, recognised without state, most often from one classified 32-byte block. Anything
//! else, including input that ends inside the line, is handed to the careful parsers
//! ([`super::careful`]) from the line's start; what these paths accept, those accept alike
//! (`tests/levels.rs` and the fuzz targets compare the levels, whose paths differ).

use core::num::NonZeroU32;

use super::Start;
use super::careful::skip_ows;
use crate::classify::is_ows;
use crate::config::Config;
use crate::head::TargetForm;
use crate::simd::Scanner;
use crate::target::target_form;
use status_lines::Version;

/// CR LF as a little-endian `u16`, for comparing both bytes at once.
const CRLF: u16 = u16::from_le_bytes(*b"\r\n");

/// What [`plain_field_line`] found.
pub(super) enum Plain {
    /// `name: value\r\n`, the value ending at the CR (it has no trailing whitespace); the
    /// offsets count from the line's start.
    Field {
        name_end: usize,
        value_start: usize,
        value_end: usize,
    },
    /// The empty line `\r\n`.
    End,
    /// Anything else, or input that ends inside the line: for the careful parser.
    Careful,
}

/// The common field line, `name: value\r\n` with one SP or none after the colon and none at
/// the end, no HTAB in the value and no fold, or the empty line; [`Plain::Careful`] for
/// anything else (including input that ends inside the line), which
/// [`field_line`](super::careful::field_line) then parses from the line's start.
///
/// On a level with block masks ([`Scanner::BLOCKS`]), one load classifies 32 bytes for both the
/// name and the value (see [`plain_in_block`]): the 32 bytes at the line's start, or, for a
/// line that starts in the view's last 32 bytes, those bytes, shifted to the line's start.
/// The name ends there (else the per-class scans below decide), and so does the value of most
/// lines; a longer value goes on with the value scan from the end of the block.
///
/// A value that ends more than `max_value_end` bytes after the line's start is
/// [`Plain::Careful`], for the careful path to report the line limit. A value that ends in the
/// first 64 bytes is not checked: the caller takes this path only when `max_value_end` is at
/// least 63.
#[inline(always)]
pub(super) fn plain_field_line<S: Scanner>(
    s: S,
    view: &[u8],
    p: usize,
    max_value_end: usize,
) -> Plain {
    // 33 bytes: the block, and the byte after it, where the LF of a CR at the block's end is.
    // (p <= view.len() <= isize::MAX, so the sum does not overflow.)
    if S::BLOCKS && p + 33 <= view.len() {
        // SAFETY: p + 33 <= view.len() (just checked).
        let window = unsafe { httpwire_simd::array_at::<33>(view, p) };
        let Some(block) = window.first_chunk::<32>() else {
            return Plain::Careful;
        };
        let (tokens, values) = s.field_masks(block);
        let long = || {
            // The value runs on past the block. Most such values end in the next block, which
            // is classified here, and whose line is short enough for the line limit (the
            // caller keeps max_value_end >= 63 on this path).
            let mut from = p + 32;
            if p + 65 <= view.len() {
                // SAFETY: p + 65 <= view.len() (just checked).
                let window = unsafe { httpwire_simd::array_at::<65>(view, p) };
                let (_, rest) = window.split_first_chunk::<32>()?;
                let next = rest.first_chunk::<32>()?;
                if let Some(stops) = NonZeroU32::new(s.value_mask(next)) {
                    let e = 32 + stops.trailing_zeros() as usize;
                    return ends_value(window, e - 1).then_some(e);
                }
                from = p + 64;
            }
            let e = s.value_stop_long(view, from);
            (e - p <= max_value_end && ends_value(view, e - 1)).then_some(e - p)
        };
        if let Some(plain) = plain_in_block(window, tokens, values, long) {
            return plain;
        }
    } else if S::BLOCKS
        && let Some(line) = view.get(p..)
        && let Some(&b0) = line.first()
    {
        // The empty line is most often what is left in the view's last 32 bytes.
        if b0 == b'\r' {
            return match line.get(1) {
                Some(b'\n') => Plain::End,
                _ => Plain::Careful,
            };
        }
        // The line starts in the view's last 32 bytes: at bit `at` of their masks. Bits past
        // the view's end are set, which reads as stops there, and then as a line that is not
        // complete. (A view shorter than 32 bytes takes the scans below.)
        if let Some(last) = view.last_chunk::<32>() {
            let at = 32 - line.len();
            let (tokens, values) = s.field_masks(last);
            let past_end = !(u32::MAX >> at);
            let masks = ((tokens >> at) | past_end, (values >> at) | past_end);
            // The value mask has a stop, so the value does not run on past the block.
            if let Some(plain) = plain_in_block(line, masks.0, masks.1, || None) {
                return plain;
            }
        }
    }
    let Some(&b0) = view.get(p) else {
        return Plain::Careful;
    };
    if b0 == b'\r' {
        return match view.get(p + 1) {
            Some(b'\n') => Plain::End,
            _ => Plain::Careful,
        };
    }
    let name_end = s.token_stop(view, p);
    if name_end == p || view.get(name_end) != Some(&b':') {
        return Plain::Careful;
    }
    let mut v = name_end + 1;
    if view.get(v) == Some(&b' ') {
        v += 1;
    }
    let e = s.value_stop(view, v);
    if e - p > max_value_end {
        return Plain::Careful;
    }
    plain_value_end(view, p, name_end, v, e)
}

/// The end of [`plain_field_line`] for the line at `p`: the value at `v` stops at `e` (the
/// first byte from `v` on that is a control byte or DEL, or the end of the view); it is a plain
/// field when that stop is the CR of a CRLF and the value has no SP to trim at either end.
#[inline(always)]
fn plain_value_end(view: &[u8], p: usize, name_end: usize, v: usize, e: usize) -> Plain {
    // A value with more whitespace around it than one SP before: the careful path trims it.
    // (An empty value after the SP lands here too, and goes the careful way.)
    if !ends_value(view, e - 1) || view.get(v) == Some(&b' ') {
        return Plain::Careful;
    }
    Plain::Field {
        name_end: name_end - p,
        value_start: v - p,
        value_end: e - p,
    }
}

/// [`plain_field_line`] on the masks of a block: bit `k` of `tokens` (`values`) says whether
/// `bytes[k]` stops a name (a value), for `k < 32`; `bytes` holds the block and at least the
/// byte after it where the view has one. `None` when there is no name (the first byte stops
/// it), which the caller's byte checks then decide; `long()` finds the end of a value with no
/// stop in the block (from the line's start), if it ends a plain line.
#[inline(always)]
fn plain_in_block(
    bytes: &[u8],
    tokens: u32,
    values: u32,
    long: impl FnOnce() -> Option<usize>,
) -> Option<Plain> {
    // A name of 1 to 30 bytes, so that the colon and the two bytes after it are in `bytes`
    // (no name is for the caller). Bit 30 is set so that n <= 30: a name that runs on to byte
    // 30 or past it then fails the check for ": " at n (a tchar is neither).
    let n = (tokens | 1 << 30).trailing_zeros() as usize;
    if n == 0 {
        return None;
    }
    let Some(&[colon, sp, next]) = bytes.get(n..n + 3) else {
        return Some(Plain::Careful);
    };
    // The value starts after ": ", or right after the colon (`Name:value`, as some clients
    // and embedded stacks write it); not with a second SP or an HTAB, which the careful path
    // trims. Measured: this shape of the test costs the common shape the least
    // (2 Ir a field; a branch-free offset or an out-of-line `Name:value` path cost 4 to 11).
    let v = if u16::from_le_bytes([colon, sp]) == u16::from_le_bytes(*b": ") && next != b' ' {
        n + 2
    } else if colon == b':' && sp != b' ' && sp != b'\t' {
        n + 1
    } else {
        return Some(Plain::Careful);
    };
    Some(value_in_block(bytes, values, n, v, long))
}

/// The rest of [`plain_in_block`]: the name ends at `n` (its colon) and the value starts at
/// `v`, after the colon and at most one SP.
#[inline(always)]
fn value_in_block(
    bytes: &[u8],
    values: u32,
    n: usize,
    v: usize,
    long: impl FnOnce() -> Option<usize>,
) -> Plain {
    // The first value stop: none of the name's tchars, the colon or the SP is one, so it lies
    // at or after v (>= 2). Bit 0 is clear, so `values >> 1` counts from the byte before the
    // stop: the value's last byte, or the colon or SP before it.
    let Some(stops) = NonZeroU32::new(values >> 1) else {
        // No stop in the block (bit 0, a tchar, is never one): the value runs on past it.
        let end = if values == 0 { long() } else { None };
        return match end {
            Some(value_end) => Plain::Field {
                name_end: n,
                value_start: v,
                value_end,
            },
            None => Plain::Careful,
        };
    };
    let last = stops.trailing_zeros() as usize;
    // (An empty value after the SP ends with that SP, and goes the careful way; one right
    // after the colon ends with the colon, and is taken, as the per-class scans take it.)
    if ends_value(bytes, last) {
        Plain::Field {
            name_end: n,
            value_start: v,
            value_end: last + 1,
        }
    } else {
        Plain::Careful
    }
}

/// Whether `bytes[last]` ends a plain value: it is not SP (there is nothing to trim) and CR LF
/// follow it.
#[inline(always)]
fn ends_value(bytes: &[u8], last: usize) -> bool {
    matches!(
        bytes.get(last..last + 3),
        Some(&[b, cr, lf]) if b != b' ' && u16::from_le_bytes([cr, lf]) == CRLF
    )
}

/// The common request line, `METHOD SP target SP HTTP/1.x CRLF`: its parts and its length;
/// `None` for anything else (responses included), which the careful parser then handles from
/// the start. Nothing is committed here: the caller checks the line limit first.
#[inline(always)]
pub(super) fn plain_request_line<S: Scanner>(
    s: S,
    cfg: &Config,
    view: &[u8],
) -> Option<(Start, usize)> {
    let (method_end, target_end) = match view.first_chunk::<32>() {
        Some(block) if S::BLOCKS => {
            let (tokens, targets) = s.request_masks(block);
            let m = tokens.trailing_zeros() as usize;
            if m == 0 || block.get(m) != Some(&b' ') {
                return None;
            }
            // The target stops at or after m + 1 (<= 32, so the shift is in range).
            let stops = u64::from(targets) >> (m + 1);
            let target_end = if stops != 0 {
                m + 1 + stops.trailing_zeros() as usize
            } else {
                // The next blocks, then the scan for the last 0 to 31 bytes.
                let mut i = 32;
                loop {
                    if i + 32 > view.len() {
                        break s.target_stop(view, i);
                    }
                    // SAFETY: i + 32 <= view.len() (just checked).
                    let next = unsafe { httpwire_simd::array_at::<32>(view, i) };
                    if let Some(stops) = NonZeroU32::new(s.target_mask(next)) {
                        break i + stops.trailing_zeros() as usize;
                    }
                    i += 32;
                }
            };
            (m, target_end)
        }
        _ => {
            let m = s.token_stop(view, 0);
            if m == 0 || view.get(m) != Some(&b' ') {
                return None;
            }
            (m, s.target_stop(view, m + 1))
        }
    };
    let t = method_end + 1;
    if target_end == t || target_end - t > cfg.limits.max_target_len {
        return None;
    }
    let rest = view.get(target_end..)?.first_chunk::<11>()?;
    let (head, tail) = rest.split_first_chunk::<8>()?;
    if u64::from_le_bytes(*head) != u64::from_le_bytes(*b" HTTP/1.") || tail[1..] != *b"\r\n" {
        return None;
    }
    let version = match tail[0] {
        b'1' => Version::HTTP_11,
        b'0' => Version::HTTP_10,
        _ => return None,
    };
    // Origin form is the common case: a target starting with "/" under any method but
    // CONNECT (the only 7-byte method the shortcut sends on to `target_form`).
    let form = if view.get(t) == Some(&b'/') && method_end != 7 {
        TargetForm::Origin
    } else {
        target_form(&view[..method_end], &view[t..target_end]).ok()?
    };
    let start = Start::Request {
        method_start: 0,
        method_end: method_end as u32,
        target_start: t as u32,
        target_end: target_end as u32,
        form,
        version,
    };
    Some((start, target_end + 11))
}

/// The common status line, `HTTP/1.x SP 3DIGIT SP reason CRLF` with no HTAB in the reason, on
/// a level with block masks: its parts and its length; `None` for anything else (and on other
/// levels), which [`status_line`](super::careful::status_line) then handles from the start.
/// It accepts what the status-lines parser accepts for these bytes, and reports the same
/// parts. Nothing is committed here.
#[inline(always)]
pub(super) fn plain_status_line<S: Scanner>(s: S, view: &[u8]) -> Option<(Start, usize)> {
    if !S::BLOCKS {
        return None;
    }
    let block = view.first_chunk::<32>()?;
    let (version, status) = status_lines::hooks::common_prefix(block.first_chunk()?)?;
    // The reason starts at 13 and stops at the first control byte (HTAB, a reason byte,
    // stops it too, and goes the careful way).
    let stops = s.value_mask(block) >> 13;
    let end = if stops != 0 {
        13 + stops.trailing_zeros() as usize
    } else {
        s.value_stop_long(view, 32)
    };
    if view.get(end..end + 2) != Some(b"\r\n") {
        return None;
    }
    let start = Start::Response {
        version,
        status,
        reason_start: 13,
        reason_end: end as u32,
    };
    Some((start, end + 2))
}

/// A field line whose value has optional whitespace the plain paths leave to the careful
/// parser: HTAB or several SP around it, or HTAB inside it (`Name:\tvalue\t\r\n`). Tried, out
/// of line, where [`plain_field_line`] gave up on a line at `p`, before the careful parser;
/// `None` sends the line on to that parser, which then reports what is wrong, if anything.
/// What it takes, the careful parser takes alike (the property tests compare them).
///
/// The parts: name end, value start and value end (after trimming), and the line's end, all
/// absolute. The line may be `max_line` bytes long, at least 65 (the caller's plain paths
/// require it), so a line that ends in its first 64 bytes is within it.
#[inline(always)]
pub(super) fn ows_field_line<S: Scanner>(
    s: S,
    view: &[u8],
    p: usize,
    max_line: usize,
) -> Option<[usize; 4]> {
    // Most such lines end in their first 64 bytes: two classified blocks, with an OWS mask
    // (SP, HTAB) beside the stops, so that the leading whitespace, the value's end (the first
    // stop that is not HTAB) and the trailing whitespace are each a bit count.
    if S::BLOCKS
        && let Some(rest) = view.get(p..)
        && let Some(first) = rest.first_chunk::<32>()
    {
        let [tokens, values, ows] = s.ows_line_masks(first);
        let (window, values, ows) = match rest.get(32..).and_then(|r| r.first_chunk::<32>()) {
            Some(second) => {
                let [values2, ows2] = s.ows_value_masks(second);
                let values = u64::from(values) | u64::from(values2) << 32;
                (64, values, u64::from(ows) | u64::from(ows2) << 32)
            }
            // Bits 32 to 63 read as stops, and the value's end there as "past the window".
            None => (32, u64::from(values) | u64::MAX << 32, u64::from(ows)),
        };
        let n = tokens.trailing_zeros() as usize;
        if n == 0 || first.get(n) != Some(&b':') {
            return None;
        }
        // n <= 31, so the shifts are in range; v <= 64.
        let v = n + 1 + (!(ows >> (n + 1))).trailing_zeros() as usize;
        if v < window {
            // The first stop at or after v that is not HTAB (an HTAB is a stop and OWS).
            let e = ((values & !ows) >> v << v).trailing_zeros() as usize;
            if e < window {
                if view.get(p + e..p + e + 2) != Some(b"\r\n") {
                    return None;
                }
                // The OWS run just below e (1 <= e <= 63), down to v at most.
                let trailing = ((!(ows << (64 - e))).leading_zeros() as usize).min(e - v);
                return Some([p + n, p + v, p + e - trailing, p + e + 2]);
            }
        }
        // The value (or its leading whitespace) runs on past the window: the scans below,
        // from the line's start.
    }
    // The empty line that ends the head, most often what is left at the view's end, has no
    // name: not for the scans.
    if view.get(p).is_none_or(|&b| b == b'\r') {
        return None;
    }
    // The scans never look past the line limit.
    let view = super::line_view(view, p, max_line);
    let name_end = s.token_stop(view, p);
    if name_end == p || view.get(name_end) != Some(&b':') {
        return None;
    }
    let v = skip_ows(view, name_end + 1);
    let mut e = v;
    loop {
        e = s.value_stop(view, e);
        match view.get(e) {
            Some(b'\t') => e += 1,
            Some(b'\r') => break,
            _ => return None,
        }
    }
    if view.get(e + 1) != Some(&b'\n') {
        return None;
    }
    let value_end = e - view
        .get(v..e)?
        .iter()
        .rev()
        .take_while(|&&b| is_ows(b))
        .count();
    Some([name_end, v, value_end, e + 2])
}
