//! The Huffman code of HPACK (RFC 7541 §5.2, Appendix B): the exact encoded length
//! ([`encoded_len`]), the encoder ([`encode`]), and a table-driven decoder ([`decode`]) that
//! emits up to two symbols per table lookup.
//!
//! # The code
//!
//! [`LENGTHS`] holds the length of each symbol's code as Appendix B gives it. The code is
//! canonical: sorted by length, then by symbol, each code is the previous one plus one, shifted
//! left when the length grows; so the lengths determine the codes, and [`CODES`] is computed
//! from them at compile time. The tests check codes of every length against Appendix B, and
//! the examples of Appendix C byte for byte.
//!
//! # The decoder
//!
//! The decoder keeps the input's byte and the bit within it. Each round reads the eight bytes
//! from that byte as one word, inverted (see below) and shifted so that the next bit is at the
//! top (57 to 64 valid bits), and makes four table lookups in it. A 16,384-entry table
//! (128 KiB), indexed by the next 14 bits, gives the one or two symbols whose codes those bits
//! begin with (codes of 5 to 14 bits: nearly every printable ASCII byte), how many, and the
//! bits they take. Each lookup stores its two symbol bytes where the next symbol goes (the
//! second is overwritten when it is not a symbol), with no test but the input and output room
//! checked once per round. A one put in place of the word's last bit (which no lookup reads)
//! ends up, after the lookups' shifts, where the next bit is: its trailing zeros give the next
//! byte and bit. A code longer than 14 bits is found by its length (the canonical order makes
//! that a comparison per length).
//!
//! The words are inverted so that the zeros a left shift brings in read as ones, and the last
//! bits (fewer than eight bytes) go the same way in one word, the input's last eight bytes
//! shifted: past the input's end the lookups see ones, which begin no code of 14 bits or
//! fewer (they are a prefix of EOS), so they find nothing there and the string ends well when
//! every bit left is a one and at most 7 of them are the input's (RFC 7541 §5.2). Anything
//! else there (a code longer than 14 bits, a bad string), or a nearly full output, goes to a
//! careful loop that checks everything, out of line; EOS inside the string is an error.
//!
//! On x86_64 CPUs with BMI2, [`decode`] runs the same code compiled for BMI1 and BMI2, where
//! a lookup takes its window with one `shrx` rather than `mov` and `shr` (see `Window`), and
//! shifts and counts trailing zeros without fixing up a count register; [`decode_portable`],
//! the build for any CPU, is tested and fuzzed like it on every machine.
//!
//! [`decode_reference`] reads one bit at a time and looks each code up in [`CODES`]: the
//! oracle the decoder is tested and fuzzed against.

/// The length in bits of each symbol's code: bytes 0 to 255, then EOS (256). RFC 7541
/// Appendix B.
pub const LENGTHS: [u8; 257] = [
    13, 23, 28, 28, 28, 28, 28, 28, 28, 24, 30, 28, 28, 30, 28, 28, 28, 28, 28, 28, 28, 28, 30, 28,
    28, 28, 28, 28, 28, 28, 28, 28, 6, 10, 10, 12, 13, 6, 8, 11, 10, 10, 8, 11, 8, 6, 6, 6, 5, 5,
    5, 6, 6, 6, 6, 6, 6, 6, 7, 8, 15, 6, 12, 10, 13, 6, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
    7, 7, 7, 7, 7, 7, 7, 7, 8, 7, 8, 13, 19, 13, 14, 6, 15, 5, 6, 5, 6, 5, 6, 6, 6, 5, 7, 7, 6, 6,
    6, 5, 6, 7, 6, 5, 5, 6, 7, 7, 7, 7, 7, 15, 11, 14, 13, 28, 20, 22, 20, 20, 22, 22, 22, 23, 22,
    23, 23, 23, 23, 23, 24, 23, 24, 24, 22, 23, 24, 23, 23, 23, 23, 21, 22, 23, 22, 23, 23, 24, 22,
    21, 20, 22, 22, 23, 23, 21, 23, 22, 22, 24, 21, 22, 23, 23, 21, 21, 22, 21, 23, 22, 23, 23, 20,
    22, 22, 22, 23, 22, 22, 23, 26, 26, 20, 19, 22, 23, 22, 25, 26, 26, 26, 27, 27, 26, 24, 25, 19,
    21, 26, 27, 27, 26, 27, 24, 21, 21, 26, 26, 28, 27, 27, 27, 20, 24, 20, 21, 22, 21, 21, 23, 22,
    22, 25, 25, 24, 24, 26, 23, 26, 27, 26, 26, 27, 27, 27, 27, 27, 28, 27, 27, 27, 27, 27, 26, 30,
];

/// The end-of-string symbol, whose code (30 ones) pads an encoded string (a prefix of it, at
/// most 7 bits). Inside a string it is an error.
pub const EOS: usize = 256;

/// Each symbol's code, right-aligned in the low [`LENGTHS`] bits: the canonical code of those
/// lengths (see the module docs).
pub const CODES: [u32; 257] = canonical_codes();

const fn canonical_codes() -> [u32; 257] {
    let mut codes = [0u32; 257];
    let mut code = 0u32;
    let mut len = 1;
    while len <= 30 {
        let mut sym = 0;
        while sym < 257 {
            if LENGTHS[sym] as u32 == len {
                codes[sym] = code;
                code += 1;
            }
            sym += 1;
        }
        code <<= 1;
        len += 1;
    }
    codes
}

/// The longest code, in bits.
const MAX_LEN: usize = 30;

/// For each length: the first code of that length, how many codes have it, and where its
/// symbols start in [`BY_CODE`].
struct Canonical {
    first: [u32; MAX_LEN + 1],
    count: [u32; MAX_LEN + 1],
    offset: [u16; MAX_LEN + 1],
    /// The symbols in code order (by length, then symbol).
    by_code: [u16; 257],
}

const CANONICAL: Canonical = {
    let mut c = Canonical {
        first: [0; MAX_LEN + 1],
        count: [0; MAX_LEN + 1],
        offset: [0; MAX_LEN + 1],
        by_code: [0; 257],
    };
    let mut next = 0;
    let mut len = 1;
    while len <= MAX_LEN {
        c.offset[len] = next as u16;
        let mut sym = 0;
        while sym < 257 {
            if LENGTHS[sym] as usize == len {
                if c.count[len] == 0 {
                    c.first[len] = CODES[sym];
                }
                c.count[len] += 1;
                c.by_code[next] = sym as u16;
                next += 1;
            }
            sym += 1;
        }
        len += 1;
    }
    c
};

/// The symbol whose code is the first `len` bits of `bits` (left-aligned), if one has that
/// length; the caller tries lengths in increasing order, so that no shorter code is a prefix.
#[inline(always)]
const fn symbol_of_length(bits: u64, len: usize) -> Option<u16> {
    let code = (bits >> (64 - len)) as u32;
    let c = &CANONICAL;
    // In canonical order the codes of one length are consecutive; the bits' prefix is below
    // them only when a shorter code is its prefix (excluded by the caller).
    if code.wrapping_sub(c.first[len]) < c.count[len] {
        Some(c.by_code[c.offset[len] as usize + (code - c.first[len]) as usize])
    } else {
        None
    }
}

/// The bits a table lookup reads. 14 measured faster than 12 and 13 in instructions and in
/// time (benches/RESULTS.md; with four-byte entries then); four windows fit the 57 bits a
/// round's word guarantees.
const WINDOW: usize = 14;

/// One entry of [`TABLE`]: the symbols that the window's bits begin with, how many, and the
/// bits they take. When the window begins a code longer than [`WINDOW`] the entry gives none
/// and consumes nothing. Each field is one load, and the count a `u32`, so that adding it to
/// the output position is one instruction that reads it from memory; eight bytes in all, so
/// that an entry's index is scaled by the addressing mode, and its fields share a cache line.
#[derive(Clone, Copy)]
#[repr(C)]
struct Entry {
    /// The first symbol and the second (0 when there is none).
    syms: [u8; 2],
    /// The bits the symbols take.
    len: u8,
    /// (Unused.)
    spare: u8,
    /// How many symbols: 0, 1 or 2 (at most [`MAX_COUNT`]).
    count: u32,
}

/// The most symbols an entry gives: what [`four`]'s writes rely on.
const MAX_COUNT: u32 = 2;

static TABLE: [Entry; 1 << WINDOW] = {
    let none = Entry {
        syms: [0; 2],
        len: 0,
        spare: 0,
        count: 0,
    };
    let mut t = [none; 1 << WINDOW];
    let mut w = 0;
    while w < 1 << WINDOW {
        // (Indexed by the window's bits inverted: see [`Window`].)
        let bits = (!w as u64) << (64 - WINDOW);
        if let Some((a, len_a)) = first_symbol(bits, WINDOW) {
            t[w] = Entry {
                syms: [a, 0],
                len: len_a as u8,
                spare: 0,
                count: 1,
            };
            if let Some((b, len_b)) = first_symbol(bits << len_a, WINDOW - len_a) {
                t[w] = Entry {
                    syms: [a, b],
                    len: (len_a + len_b) as u8,
                    spare: 0,
                    count: MAX_COUNT,
                };
            }
        }
        // (What `four`'s unchecked writes rely on, checked as the table is built.)
        assert!(t[w].count <= MAX_COUNT);
        w += 1;
    }
    t
};

/// How a lookup takes the window from the top of a word: a right shift by `64 -`
/// [`WINDOW`], a constant in the portable code ([`Window::FIXED`]: `mov` and `shr`, since
/// `shr` overwrites its operand) and a count in a register in the code compiled for BMI2
/// ([`Window::opaque`]: one `shrx`, which leaves the word intact).
#[derive(Clone, Copy)]
struct Window(u32);

impl Window {
    const FIXED: Window = Window(64 - WINDOW as u32);

    /// The same count, hidden from the optimiser by `black_box` (else it would make the count
    /// a constant again, as it does even with a static that is never written, and `shr` it),
    /// with the bits of `64 - WINDOW` set again so that it still knows that the index is
    /// below 2^[`WINDOW`] (no bounds check). The value is the same either way.
    #[cfg(target_arch = "x86_64")]
    #[inline(always)]
    fn opaque() -> Window {
        Window(core::hint::black_box(Window::FIXED.0) | Window::FIXED.0)
    }

    /// The index of the window at the top of `inv`, which holds the input's bits inverted.
    /// Inverted, so that the zeros a left shift brings in stand for ones: a word whose bits
    /// past the input's end are zeros reads there as a string of ones, which no code of
    /// [`WINDOW`] bits or fewer is (they are prefixes of EOS), so the lookups there give
    /// nothing.
    #[inline(always)]
    fn index(self, inv: u64) -> usize {
        (inv >> self.0) as usize
    }
}

/// Four lookups from the top of `inv` (the input's bits inverted, as for [`Window::index`]),
/// each storing its two symbol bytes where the next symbol goes in `out` (the second is
/// overwritten when it is not a symbol): the symbols written, and `inv` shifted past them and
/// the number of bits they took. A longer code stops the progress (its entry consumes
/// nothing).
#[inline(always)]
fn four(inv: &mut u64, out: &mut [u8; 16], window: Window) -> (usize, u32) {
    let (mut k, mut used) = (0u32, 0);
    for _ in 0..4 {
        let e = &TABLE[window.index(*inv)];
        // SAFETY: `k` is at most 6 here, three counts of at most `MAX_COUNT` (2: asserted for
        // every entry when `TABLE` is built), so `k + 2 <= 8 <= 16`, `out`'s length.
        // (Unchecked because the count is a plain `u32`: with a type that tells the compiler
        // its range, it widens the sum and loads the count apart from the add.)
        unsafe { out.get_unchecked_mut(k as usize..k as usize + 2) }.copy_from_slice(&e.syms);
        k += e.count;
        *inv <<= e.len;
        used += u32::from(e.len);
    }
    (k as usize, used)
}

/// The symbol (a byte: codes this short are bytes) whose code begins `bits` (left-aligned),
/// and its length, among codes of at most `avail` bits.
const fn first_symbol(bits: u64, avail: usize) -> Option<(u8, usize)> {
    let mut len = 1;
    while len <= avail {
        if let Some(sym) = symbol_of_length(bits, len) {
            return Some((sym as u8, len));
        }
        len += 1;
    }
    None
}

/// Why a Huffman-encoded string was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Error {
    /// What follows the last symbol is longer than 7 bits, or not all ones (RFC 7541 §5.2):
    /// padding that is not a prefix of EOS, or a code cut short.
    Padding,
    /// The EOS symbol inside the string (RFC 7541 §5.2).
    Eos,
    /// The output buffer is too small: [`max_decoded_len`] bytes always suffice.
    OutputFull,
}

impl core::fmt::Display for Error {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(match self {
            Error::Padding => "invalid Huffman padding",
            Error::Eos => "EOS inside a Huffman-encoded string",
            Error::OutputFull => "Huffman output buffer too small",
        })
    }
}

#[cfg(feature = "std")]
impl std::error::Error for Error {}

/// The length of [`encode`]'s output for `src`: its codes' bits, rounded up to bytes.
pub fn encoded_len(src: &[u8]) -> usize {
    let bits: usize = src
        .iter()
        .map(|&b| usize::from(LENGTHS[usize::from(b)]))
        .sum();
    bits.div_ceil(8)
}

/// The most bytes `n` encoded bytes can decode to (the shortest code is 5 bits).
pub const fn max_decoded_len(n: usize) -> usize {
    n / 5 * 8 + (n % 5) * 8 / 5
}

/// Encodes `src` into the start of `dst`, padded with ones to a byte: the number of bytes
/// written ([`encoded_len`]), or `None` (and nothing written) when `dst` is shorter.
pub fn encode(src: &[u8], dst: &mut [u8]) -> Option<usize> {
    let len = encoded_len(src);
    encode_exact(src, dst.get_mut(..len)?);
    Some(len)
}

/// [`encode`] into `out`, which is exactly [`encoded_len`]`(src)` bytes long (for a caller
/// that has that length already).
pub(crate) fn encode_exact(src: &[u8], out: &mut [u8]) {
    // The pending bits are the low `pending` bits of `acc` (the bits above them are older ones,
    // cut off when written): fewer than 32 between symbols, so at most 31 + 30 after one. They
    // go out 32 at a time.
    let (mut acc, mut pending, mut o) = (0u64, 0u32, 0);
    for &b in src {
        let sym = usize::from(b);
        let len = u32::from(LENGTHS[sym]);
        acc = acc << len | u64::from(CODES[sym]);
        pending += len;
        if pending >= 32 {
            pending -= 32;
            out[o..o + 4].copy_from_slice(&((acc >> pending) as u32).to_be_bytes());
            o += 4;
        }
    }
    // The last 0 to 31 bits, the last byte padded with ones.
    while pending >= 8 {
        pending -= 8;
        out[o] = (acc >> pending) as u8;
        o += 1;
    }
    if pending > 0 {
        out[o] = (acc << (8 - pending)) as u8 | 0xff >> pending;
    }
}

/// Decodes the Huffman-encoded string `src` into the start of `dst`: the number of bytes
/// written. `dst` needs room for the decoded string ([`max_decoded_len`]`(src.len())` always
/// suffices); the fast path runs while a word of input and 16 bytes of room are left, the last
/// bits go in one word when 32 bytes of room are left, and else the decoder goes on a window
/// at a time. Bytes of `dst` past the decoded string may have been written.
///
/// On x86_64 CPUs with BMI2 this runs the same code compiled for it (one instruction fewer a
/// lookup: the window's index is one `shrx`); [`decode_portable`] is the code for any CPU,
/// with the same results.
#[inline]
pub fn decode(src: &[u8], dst: &mut [u8]) -> Result<usize, Error> {
    #[cfg(target_arch = "x86_64")]
    if httpwire_simd::bmi2_available() {
        // SAFETY: this CPU runs BMI1 and BMI2, the features `decode_bmi2` is compiled with.
        return unsafe { decode_bmi2(src, dst) };
    }
    decode_portable(src, dst)
}

/// [`decode`] compiled for any CPU of the target (what [`decode`] runs where BMI2 is absent):
/// public so that tests and fuzzing check it on every machine.
pub fn decode_portable(src: &[u8], dst: &mut [u8]) -> Result<usize, Error> {
    decode_with(src, dst, Window::FIXED)
}

/// [`decode`] compiled with BMI1 and BMI2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "bmi1,bmi2")]
fn decode_bmi2(src: &[u8], dst: &mut [u8]) -> Result<usize, Error> {
    decode_with(src, dst, Window::opaque())
}

/// [`decode`], with lookups that take the window as `window` says.
#[inline(always)]
fn decode_with(src: &[u8], dst: &mut [u8], window: Window) -> Result<usize, Error> {
    // The bits of `src` decoded so far (a u64, so that it cannot overflow on 32-bit targets;
    // at most the input's length in bits), and the output's length.
    let (mut pos, mut o) = (0u64, 0usize);
    // The fast path: eight input bytes at byte `at` and sixteen bytes of room ahead, the next
    // bit `skip` bits into them.
    if let (Some(in_last), Some(out_last)) = (src.len().checked_sub(8), dst.len().checked_sub(16)) {
        let (mut at, mut skip) = (0usize, 0u32);
        while at <= in_last && o <= out_last {
            let (Some(word), Some(out)) = (
                src.get(at..at + 8).and_then(|w| w.first_chunk::<8>()),
                dst.get_mut(o..o + 16)
                    .and_then(|w| w.first_chunk_mut::<16>()),
            ) else {
                break;
            };
            // The next bit at the top (57 to 64 valid bits, four windows' worth: 56), with a
            // one in place of the word's last bit (never read: `skip` is at most 7) whose
            // place after the lookups tells the bits they took and `skip`.
            let mut inv = (!u64::from_be_bytes(*word) | 1) << skip;
            let (k, _) = four(&mut inv, out, window);
            o += k;
            let mut next = inv.trailing_zeros();
            if k == 0 {
                // A code longer than the window first (at most 30 bits: all here).
                let (sym, len) = long_symbol(!inv, MAX_LEN as u32)?.ok_or(Error::Padding)?;
                out[0] = sym;
                o += 1;
                next += len;
            }
            at += (next >> 3) as usize;
            skip = next & 7;
        }
        pos = 8 * at as u64 + u64::from(skip);
    }
    // The last bits: fewer than 8 bytes from `pos`'s byte on (`pos` is at most the input's
    // length in bits), so at most 56 bits, all in one word: the input's last eight bytes (or
    // all of a shorter input, ones after it), inverted and shifted to `pos`, so that the bits
    // past the input's end read as ones (the lookups find nothing there). Two rounds of four
    // windows reach the end (two windows that find symbols take more than 14 bits, as the
    // first took one symbol only when the next did not fit): the string ends well when every
    // bit left is a one and at most 7 of them are the input's. Else (a code longer than the
    // window, or a bad string) the careful way goes over these bits again.
    let left = 8 * src.len() as u64 - pos;
    if left < 57
        && let Some(out) = dst.get_mut(o..).and_then(<[u8]>::first_chunk_mut::<32>)
    {
        // The word, and the bit of the input where it starts.
        let (word, start) = match src.last_chunk::<8>() {
            Some(last) => (u64::from_be_bytes(*last), 8 * src.len() as u64 - 64),
            // (The bytes at the bottom, ones above, rotated to the top: all ones when empty.)
            None => (
                src.iter()
                    .fold(u64::MAX, |w, &b| w << 8 | u64::from(b))
                    .rotate_right(8 * src.len() as u32),
                0,
            ),
        };
        let mut inv = !word << (pos - start);
        let (mut k, mut used) = (0, 0);
        for _ in 0..2 {
            let Some(out) = out.get_mut(k..).and_then(<[u8]>::first_chunk_mut::<16>) else {
                break;
            };
            let (n, bits) = four(&mut inv, out, window);
            k += n;
            used += u64::from(bits);
            if inv == 0 {
                break;
            }
        }
        if inv == 0 && left.wrapping_sub(used) <= 7 {
            return Ok(o + k);
        }
    }
    careful(src, dst, pos, o)
}

/// The end of [`decode`] from the input's bit `pos`, with `o` bytes written: a window at a
/// time, with every check (out of line: the fast paths leave only long codes near the end,
/// bad strings and a nearly full output to it).
#[inline(never)]
fn careful(src: &[u8], dst: &mut [u8], pos: u64, mut o: usize) -> Result<usize, Error> {
    // The rest, a window at a time, with every check. `acc` holds `nbits` valid bits, zeros
    // below them, up to the input's bit `end`.
    let (mut acc, mut nbits) = peek(src, pos);
    let mut end = pos + u64::from(nbits);
    loop {
        // Fewer bits than the longest code and more input past them: read again.
        if nbits < MAX_LEN as u32 && end >> 3 < src.len() as u64 {
            let at = end - u64::from(nbits);
            (acc, nbits) = peek(src, at);
            end = at + u64::from(nbits);
        }
        // A window's symbols count when their bits are valid (the rest are zero).
        let e = &TABLE[Window::FIXED.index(!acc)];
        let count = e.count as usize;
        let (count, len) = if count == 0 {
            // A code longer than the window (`None`: no code ends within the valid bits,
            // which are all the input has left).
            let Some((sym, len)) = long_symbol(acc, nbits)? else {
                break;
            };
            *dst.get_mut(o).ok_or(Error::OutputFull)? = sym;
            (1, len)
        } else {
            let (count, len) = if u32::from(e.len) <= nbits {
                (count, u32::from(e.len))
            } else if u32::from(LENGTHS[usize::from(e.syms[0])]) <= nbits {
                (1, u32::from(LENGTHS[usize::from(e.syms[0])]))
            } else {
                break;
            };
            match dst.get_mut(o..).ok_or(Error::OutputFull)? {
                [a, b, ..] => (*a, *b) = (e.syms[0], e.syms[1]),
                // Room for one byte: enough if one symbol counts.
                [a] if count == 1 => *a = e.syms[0],
                _ => return Err(Error::OutputFull),
            }
            (count, len)
        };
        o += count;
        acc <<= len;
        nbits -= len;
    }
    padding(acc, nbits).map(|()| o)
}

/// The input's bits from bit `pos` on, at the top of a word, and how many of them are valid:
/// the eight bytes from `pos`'s byte (57 to 64 bits), else all the input has left (fewer);
/// zeros below them.
#[inline(always)]
fn peek(src: &[u8], pos: u64) -> (u64, u32) {
    let rest = src.get((pos >> 3) as usize..).unwrap_or_default();
    let skip = (pos & 7) as u32;
    let word = match (rest.first_chunk::<8>(), src.last_chunk::<8>()) {
        (Some(word), _) => return (u64::from_be_bytes(*word) << skip, 64 - skip),
        _ if rest.is_empty() => return (0, 0),
        // The last bytes: the input's last eight, shifted so that `rest` comes first.
        (None, Some(last)) => u64::from_be_bytes(*last) << (8 * (8 - rest.len())),
        (None, None) => rest
            .iter()
            .enumerate()
            .fold(0, |w, (i, &b)| w | u64::from(b) << (56 - 8 * i)),
    };
    // (Fewer than 8 bytes left.)
    (word << skip, 8 * rest.len() as u32 - skip)
}

/// The symbol of a code longer than [`WINDOW`] at the top of `acc`, within its `nbits` valid
/// bits, and its length; `None` when those bits hold no whole code; EOS is an error.
#[inline(never)]
fn long_symbol(acc: u64, nbits: u32) -> Result<Option<(u8, u32)>, Error> {
    let mut len = WINDOW + 1;
    while len <= MAX_LEN && len as u32 <= nbits {
        if let Some(sym) = symbol_of_length(acc, len) {
            if usize::from(sym) == EOS {
                return Err(Error::Eos);
            }
            return Ok(Some((sym as u8, len as u32)));
        }
        len += 1;
    }
    Ok(None)
}

/// The end of a string: the `nbits` bits left at the top of `acc` (fewer than 14) must be at
/// most 7 ones.
#[inline(always)]
fn padding(acc: u64, nbits: u32) -> Result<(), Error> {
    // (The top `nbits` bits all ones: shifted up by `nbits`, ones came in from below.)
    let ones = nbits == 0 || !acc >> (64 - nbits) == 0;
    if nbits <= 7 && ones {
        Ok(())
    } else {
        Err(Error::Padding)
    }
}

/// The reference decoder: one bit at a time, each code looked up in [`CODES`] and
/// [`LENGTHS`] by a search of every symbol. Slow and obviously right; [`decode`] must agree
/// with it on every input (tests and a fuzz target compare them). Same contract as
/// [`decode`], but needs room for the decoded string only.
pub fn decode_reference(src: &[u8], dst: &mut [u8]) -> Result<usize, Error> {
    let (mut code, mut len, mut o) = (0u32, 0u8, 0);
    for i in 0..src.len() * 8 {
        let bit = src[i / 8] >> (7 - i % 8) & 1;
        code = code << 1 | u32::from(bit);
        len += 1;
        // (No code is shorter than 5 bits.)
        if len < 5 {
            continue;
        }
        if let Some(sym) = (0..257).find(|&s| LENGTHS[s] == len && CODES[s] == code) {
            if sym == EOS {
                return Err(Error::Eos);
            }
            *dst.get_mut(o).ok_or(Error::OutputFull)? = sym as u8;
            o += 1;
            (code, len) = (0, 0);
        }
    }
    // What is left: a prefix of EOS (all ones) of at most 7 bits.
    if len > 7 || code != (1u32 << len) - 1 {
        return Err(Error::Padding);
    }
    Ok(o)
}
