//! nghttp2's HPACK inflater and deflater (its C library, built from the source
//! `libnghttp2-sys` vendors) behind two small safe types: a peer of the benches and tests here,
//! and the oracle of the fuzz target `hpack_nghttp2` (which includes this very file).
//!
//! Every `unsafe` block below calls one function of nghttp2's public HPACK API
//! (`nghttp2/lib/includes/nghttp2/nghttp2.h`) on the one context its value owns, or reads what
//! such a call returned, within the lifetime that header documents. Neither type is `Send` (each
//! holds a raw pointer), and every call takes `&mut self`, so the C state is never touched from
//! two places at once.

use std::os::raw::c_int;
use std::ptr::{self, NonNull};

use libnghttp2_sys as sys;

/// Why nghttp2 refused: its (negative) error code (`NGHTTP2_ERR_HEADER_COMP` for a bad block,
/// `NGHTTP2_ERR_NOMEM`, ...), or 0 when the input ended inside a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Nghttp2Error(pub isize);

/// A dynamic table: its entries (name, value; newest first), its size and its maximum size, as
/// RFC 7541 §4.1 counts them.
pub type NgTable = (Vec<(Vec<u8>, Vec<u8>)>, usize, usize);

/// One HPACK decoding context of nghttp2 (`nghttp2_hd_inflater`), owned: made by
/// `nghttp2_hd_inflate_new`, freed by `nghttp2_hd_inflate_del` on drop.
#[derive(Debug)]
pub struct Nghttp2Inflater {
    /// Non-null; points to an inflater that `nghttp2_hd_inflate_new` made and that only `Drop`
    /// frees.
    ptr: NonNull<sys::nghttp2_hd_inflater>,
}

impl Nghttp2Inflater {
    /// An inflater with nghttp2's defaults: SETTINGS_HEADER_TABLE_SIZE and the table's maximum
    /// size both 4,096. Panics when nghttp2 cannot allocate it.
    pub fn new() -> Nghttp2Inflater {
        let mut raw: *mut sys::nghttp2_hd_inflater = ptr::null_mut();
        // SAFETY: `raw` is a valid, writable out-pointer; nghttp2 stores a new inflater's
        // address there and returns 0, or returns a negative code and the pointer is not used
        // (checked just below).
        let rv = unsafe { sys::nghttp2_hd_inflate_new(&mut raw) };
        assert_eq!(rv, 0, "nghttp2_hd_inflate_new failed");
        Nghttp2Inflater {
            ptr: NonNull::new(raw).expect("nghttp2_hd_inflate_new returned 0 and no inflater"),
        }
    }

    /// A SETTINGS_HEADER_TABLE_SIZE of `size` was acknowledged
    /// (`nghttp2_hd_inflate_change_table_size`). Between blocks only: nghttp2 refuses it inside
    /// one (`NGHTTP2_ERR_INVALID_STATE`).
    pub fn change_table_size(&mut self, size: u32) -> Result<(), Nghttp2Error> {
        // SAFETY: `self.ptr` is a live inflater (see the field), used by this call alone
        // (`&mut self`); the function reads and writes nothing else.
        let rv =
            unsafe { sys::nghttp2_hd_inflate_change_table_size(self.ptr.as_ptr(), size as usize) };
        if rv == 0 {
            Ok(())
        } else {
            Err(Nghttp2Error(rv as isize))
        }
    }

    /// Decodes the whole header block `block` (`in_final` set, one `nghttp2_hd_inflate_hd3` call
    /// per field, as nghttp2's own session does), handing each field's name, value and
    /// never-indexed flag to `on_field` as nghttp2 emits it; then ends the block
    /// (`nghttp2_hd_inflate_end_headers`). After an error the inflater refuses every block
    /// (nghttp2 marks its context bad).
    ///
    /// The slices handed over point into nghttp2's buffers (its tables and reference-counted
    /// strings), valid until the next call on the inflater; the closure's signature keeps them
    /// from escaping the call.
    #[inline(always)]
    pub fn decode_block(
        &mut self,
        block: &[u8],
        mut on_field: impl FnMut(&[u8], &[u8], bool),
    ) -> Result<(), Nghttp2Error> {
        let mut rest = block;
        let mut nv = sys::nghttp2_nv {
            name: ptr::null_mut(),
            value: ptr::null_mut(),
            namelen: 0,
            valuelen: 0,
            flags: 0,
        };
        loop {
            let mut flags: c_int = 0;
            // SAFETY: `self.ptr` is a live inflater, used by this call alone (`&mut self`);
            // `nv` and `flags` are valid places for nghttp2 to write; `rest` is `rest.len()`
            // readable bytes (an empty slice's dangling pointer is never read: nghttp2 reads
            // only `inlen` bytes) that nghttp2 does not write. It keeps no pointer to `rest`
            // past the call (a string cut by the end of the input is copied into its buffer).
            let rv = unsafe {
                sys::nghttp2_hd_inflate_hd3(
                    self.ptr.as_ptr(),
                    &mut nv,
                    &mut flags,
                    rest.as_ptr(),
                    rest.len(),
                    1,
                )
            };
            // A negative return is an error code; else the bytes it used, at most `inlen`.
            let Ok(used) = usize::try_from(rv) else {
                return Err(Nghttp2Error(rv));
            };
            rest = &rest[used..];
            let flags = flags as u32;
            if flags & sys::NGHTTP2_HD_INFLATE_EMIT != 0 {
                // SAFETY: with EMIT set, nghttp2 wrote `nv` in this call: `name` points to
                // `namelen` initialised bytes (a table entry's, or its reference-counted
                // buffer's) that live and do not change until the next call on the inflater,
                // which cannot happen while this slice lives (it is handed to `on_field` and
                // dropped before the loop goes round).
                let name = unsafe { nv_bytes(nv.name, nv.namelen) };
                // SAFETY: as for `name`, with `value` and `valuelen`.
                let value = unsafe { nv_bytes(nv.value, nv.valuelen) };
                let never = u32::from(nv.flags) & sys::NGHTTP2_NV_FLAG_NO_INDEX != 0;
                on_field(name, value, never);
            }
            if flags & sys::NGHTTP2_HD_INFLATE_FINAL != 0 {
                // SAFETY: the live inflater, used by this call alone; ending the block is what
                // nghttp2 requires after FINAL, before the next block. It returns 0 always.
                unsafe { sys::nghttp2_hd_inflate_end_headers(self.ptr.as_ptr()) };
                return Ok(());
            }
            if flags & sys::NGHTTP2_HD_INFLATE_EMIT == 0 && used == 0 {
                // With in_final set nghttp2 returns an error instead; kept so that the loop
                // cannot spin.
                return Err(Nghttp2Error(0));
            }
        }
    }

    /// The dynamic table, newest entry first (HPACK indices 62 and up), its size and its
    /// maximum size.
    pub fn table(&mut self) -> NgTable {
        const STATIC_LEN: usize = 61;
        let p = self.ptr.as_ptr();
        // SAFETY: the live inflater, used by this call alone; the function only reads it.
        let count = unsafe { sys::nghttp2_hd_inflate_get_num_table_entries(p) };
        // SAFETY: as for `count`.
        let size = unsafe { sys::nghttp2_hd_inflate_get_dynamic_table_size(p) };
        // SAFETY: as for `count`.
        let max_size = unsafe { sys::nghttp2_hd_inflate_get_max_dynamic_table_size(p) };
        let entries = (STATIC_LEN + 1..=count)
            .map(|i| {
                // SAFETY: the live inflater, used by this call alone; `i` is a 1-based HPACK
                // index at most `count` (static and dynamic entries), for which the function
                // returns a pointer to the entry's `nghttp2_nv`, or NULL outside that range.
                let entry = unsafe { sys::nghttp2_hd_inflate_get_table_entry(p, i) };
                // SAFETY: `entry` is NULL (`as_ref` gives `None`) or points to a live, aligned
                // `nghttp2_nv` in the inflater's table, which stays alive and unchanged while
                // nothing else is called on the inflater: `&mut self` guarantees that until the
                // loop ends.
                let nv = unsafe { entry.as_ref() }.expect("an index within the table");
                // SAFETY: an entry's `name` points to `namelen` initialised bytes that live as
                // long as the entry (see above); copied at once.
                let name = unsafe { nv_bytes(nv.name, nv.namelen) }.to_vec();
                // SAFETY: as for `name`, with `value` and `valuelen`.
                let value = unsafe { nv_bytes(nv.value, nv.valuelen) }.to_vec();
                (name, value)
            })
            .collect();
        (entries, size, max_size)
    }
}

impl Default for Nghttp2Inflater {
    fn default() -> Self {
        Nghttp2Inflater::new()
    }
}

impl Drop for Nghttp2Inflater {
    fn drop(&mut self) {
        // SAFETY: `self.ptr` came from `nghttp2_hd_inflate_new` and is freed here only, once; no
        // slice of its buffers outlives the call that made it. Any state is fine for
        // `nghttp2_hd_inflate_del`, including after an error or inside a block.
        unsafe { sys::nghttp2_hd_inflate_del(self.ptr.as_ptr()) }
    }
}

/// One HPACK encoding context of nghttp2 (`nghttp2_hd_deflater`), owned: made by
/// `nghttp2_hd_deflate_new`, freed by `nghttp2_hd_deflate_del` on drop. nghttp2 chooses what to
/// index (its own rules) and uses Huffman coding when it is shorter.
#[derive(Debug)]
pub struct Nghttp2Deflater {
    /// Non-null; points to a deflater that `nghttp2_hd_deflate_new` made and that only `Drop`
    /// frees.
    ptr: NonNull<sys::nghttp2_hd_deflater>,
}

impl Nghttp2Deflater {
    /// A deflater whose table never holds more than `max_table` bytes, whatever the peer
    /// allows (nghttp2's `max_deflate_dynamic_table_size`; the peer's SETTINGS value starts at
    /// 4,096). Panics when nghttp2 cannot allocate it.
    pub fn new(max_table: u32) -> Nghttp2Deflater {
        let mut raw: *mut sys::nghttp2_hd_deflater = ptr::null_mut();
        // SAFETY: as in `Nghttp2Inflater::new`: a valid out-pointer, used only when the call
        // returned 0 (checked below).
        let rv = unsafe { sys::nghttp2_hd_deflate_new(&mut raw, max_table as usize) };
        assert_eq!(rv, 0, "nghttp2_hd_deflate_new failed");
        Nghttp2Deflater {
            ptr: NonNull::new(raw).expect("nghttp2_hd_deflate_new returned 0 and no deflater"),
        }
    }

    /// The peer's SETTINGS_HEADER_TABLE_SIZE is now `size`
    /// (`nghttp2_hd_deflate_change_table_size`; the next block starts with a size update).
    pub fn change_table_size(&mut self, size: u32) -> Result<(), Nghttp2Error> {
        // SAFETY: `self.ptr` is a live deflater (see the field), used by this call alone.
        let rv =
            unsafe { sys::nghttp2_hd_deflate_change_table_size(self.ptr.as_ptr(), size as usize) };
        if rv == 0 {
            Ok(())
        } else {
            Err(Nghttp2Error(rv as isize))
        }
    }

    /// Encodes `fields` (name, value) as one header block appended to `out`
    /// (`nghttp2_hd_deflate_bound`, then `nghttp2_hd_deflate_hd2` into the room reserved);
    /// `nvs` is scratch, reused across calls so that the caller can keep its capacity.
    pub fn encode(
        &mut self,
        fields: &[(Vec<u8>, Vec<u8>)],
        nvs: &mut Vec<sys::nghttp2_nv>,
        out: &mut Vec<u8>,
    ) -> Result<(), Nghttp2Error> {
        nvs.clear();
        nvs.extend(fields.iter().map(|(name, value)| sys::nghttp2_nv {
            // nghttp2 takes `const nghttp2_nv *` and never writes through these pointers.
            name: name.as_ptr().cast_mut(),
            value: value.as_ptr().cast_mut(),
            namelen: name.len(),
            valuelen: value.len(),
            flags: sys::NGHTTP2_NV_FLAG_NONE as u8,
        }));
        // SAFETY: the live deflater, used by this call alone; `nvs` is `nvs.len()` initialised
        // `nghttp2_nv`s whose pointers are valid for their lengths (they borrow `fields`, alive
        // for the whole call); the function only reads them.
        let bound =
            unsafe { sys::nghttp2_hd_deflate_bound(self.ptr.as_ptr(), nvs.as_ptr(), nvs.len()) };
        out.reserve(bound);
        let room = out.spare_capacity_mut();
        // SAFETY: as above for the deflater and `nvs`; `room` is `room.len()` >= `bound`
        // writable bytes (the spare capacity just reserved), which nghttp2 may write (it writes
        // at most `buflen` bytes, and fails rather than pass `bound`); it keeps no pointer to
        // them after the call.
        let rv = unsafe {
            sys::nghttp2_hd_deflate_hd2(
                self.ptr.as_ptr(),
                room.as_mut_ptr().cast(),
                room.len(),
                nvs.as_ptr(),
                nvs.len(),
            )
        };
        let Ok(written) = usize::try_from(rv) else {
            return Err(Nghttp2Error(rv));
        };
        assert!(
            written <= room.len(),
            "nghttp2 wrote past the room it was given"
        );
        // SAFETY: nghttp2 initialised the first `written` bytes of the spare capacity (its
        // return value), and `written` is within the capacity (checked above).
        unsafe { out.set_len(out.len() + written) };
        Ok(())
    }
}

impl Drop for Nghttp2Deflater {
    fn drop(&mut self) {
        // SAFETY: `self.ptr` came from `nghttp2_hd_deflate_new` and is freed here only, once.
        unsafe { sys::nghttp2_hd_deflate_del(self.ptr.as_ptr()) }
    }
}

/// The bytes of one half of an `nghttp2_nv` (empty when `ptr` is NULL or `len` is 0).
///
/// # Safety
///
/// Unless `ptr` is NULL or `len` is 0, `ptr` points to `len` initialised bytes that stay
/// unchanged for `'a`.
#[inline(always)]
unsafe fn nv_bytes<'a>(ptr: *const u8, len: usize) -> &'a [u8] {
    if ptr.is_null() || len == 0 {
        return &[];
    }
    // SAFETY: the caller's contract: `len` initialised bytes at `ptr` (non-null), unchanged for
    // `'a`; a `u8` has no alignment to keep and any bytes are a valid `u8`.
    unsafe { std::slice::from_raw_parts(ptr, len) }
}
