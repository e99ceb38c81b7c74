//! payoutkit's checkout entry: validation only (a checkout never holds a secret), for
//! validator bundles that the full build (server, Node, Python, edge) wrote with
//! `Validator::to_bundle`. The core is built with `dfa-search` alone: no regex compiler, no
//! signing. Every rule, message, kind, format and JSON text is the core's own code; this
//! file only moves bytes across the WebAssembly boundary.
//!
//! The ABI is raw (no wasm-bindgen: its glue costs more than a validation), one crossing
//! per call. JS (`checkout.mjs`) writes arguments into a buffer from `pk_alloc` with
//! `TextEncoder.encodeInto`; answers are UTF-8 JSON at the returned pointer, `pk_out_len()`
//! bytes long, valid until the next call.
//!
//! - `pk_alloc(n) -> ptr`, `pk_free(ptr, n)`: argument buffers.
//! - `pk_load(ptr, n) -> handle` (0: not a bundle of this version), `pk_drop(handle)`.
//! - `pk_needs_compiler(handle) -> 0 | 1`: a pattern only the full build can run.
//! - `pk_keys(handle) -> json`: the rule keys, in the order values are passed.
//! - `pk_fields(handle, ptr, n) -> json`: `Validator::fields(locale)`, locale in `ptr..n`.
//! - `pk_validate(handle, ptr, n, flags) -> json`: `ptr..n` holds per rule `len u32 LE ·
//!   UTF-8` (len `0xFFFF_FFFF`: a value with no text); flags bit 0 partial, bits 8..16 the
//!   locale (0 en, 1 ru, 2 uk). The report, as `Validator::validate_json` writes it.
//! - `pk_kinds() -> json`: the field kinds' names, in index order.
//! - `pk_format(kind, ptr, n, caret) -> json`: `format(kind, value, caret)`.
//! - `pk_field_info(kind, ptr, n) -> json`: `field_info(kind, locale)`.
//! - `pk_card_brand(ptr, n) -> json`: `card_brand(value)` (a string or null).
#![cfg_attr(target_family = "wasm", no_std)]
// Raw exports read and write linear memory through pointers JS passes: unsafe is this
// crate's job (and its only one). Every pointer comes from `pk_alloc` or a handle.
#![allow(unsafe_code, clippy::missing_safety_doc)]

#[cfg(target_family = "wasm")]
mod entry {
    extern crate alloc;

    use alloc::boxed::Box;
    use alloc::string::String;
    use core::alloc::Layout;
    use payoutkit::validate::{self, JsonBuf, Kind, Validator};

    #[global_allocator]
    static ALLOC: dlmalloc::GlobalDlmalloc = dlmalloc::GlobalDlmalloc;

    #[panic_handler]
    fn panic(_: &core::panic::PanicInfo) -> ! {
        core::arch::wasm32::unreachable()
    }

    /// The last answer (all but `pk_validate`'s, which lives in its handle) and its length.
    static mut OUT: String = String::new();
    static mut OUT_LEN: u32 = 0;

    fn answer(write: impl FnOnce(&mut String)) -> *const u8 {
        // SAFETY: wasm32 without threads: one caller at a time, and no reference to OUT
        // outlives this function.
        let out = unsafe { &mut *core::ptr::addr_of_mut!(OUT) };
        out.clear();
        write(out);
        unsafe { OUT_LEN = out.len() as u32 };
        out.as_ptr()
    }

    fn layout(n: usize) -> Option<Layout> {
        Layout::from_size_align(n.max(1), 8).ok()
    }

    unsafe fn input<'a>(ptr: *const u8, n: usize) -> &'a [u8] {
        if ptr.is_null() || n == 0 {
            return &[];
        }
        // SAFETY: JS passes a buffer it got from pk_alloc and filled.
        unsafe { core::slice::from_raw_parts(ptr, n) }
    }

    unsafe fn text<'a>(ptr: *const u8, n: usize) -> &'a str {
        core::str::from_utf8(unsafe { input(ptr, n) }).unwrap_or_default()
    }

    fn kind(i: u32) -> Kind {
        Kind::ALL.get(i as usize).copied().unwrap_or(Kind::Text)
    }

    /// A buffer of `n` bytes for arguments.
    #[unsafe(no_mangle)]
    pub extern "C" fn pk_alloc(n: usize) -> *mut u8 {
        match layout(n) {
            // SAFETY: a non-zero size.
            Some(l) => unsafe { alloc::alloc::alloc(l) },
            None => core::ptr::null_mut(),
        }
    }

    /// Free a buffer from `pk_alloc(n)`.
    #[unsafe(no_mangle)]
    pub unsafe extern "C" fn pk_free(ptr: *mut u8, n: usize) {
        if let Some(l) = layout(n)
            && !ptr.is_null()
        {
            // SAFETY: allocated by pk_alloc with this layout.
            unsafe { alloc::alloc::dealloc(ptr, l) }
        }
    }

    /// Length of the last answer.
    #[unsafe(no_mangle)]
    pub extern "C" fn pk_out_len() -> u32 {
        // SAFETY: see `answer`.
        unsafe { OUT_LEN }
    }

    /// A loaded validator and its reused report buffers.
    pub struct Handle {
        v: Validator,
        buf: JsonBuf,
    }

    /// Load a bundle; 0 when it is not one of this version.
    #[unsafe(no_mangle)]
    pub unsafe extern "C" fn pk_load(ptr: *const u8, n: usize) -> *mut Handle {
        match Validator::from_bundle(unsafe { input(ptr, n) }) {
            Ok(v) => Box::into_raw(Box::new(Handle { v, buf: JsonBuf::default() })),
            Err(_) => core::ptr::null_mut(),
        }
    }

    /// Drop a loaded validator.
    #[unsafe(no_mangle)]
    pub unsafe extern "C" fn pk_drop(h: *mut Handle) {
        if !h.is_null() {
            // SAFETY: made by pk_load, dropped once (the JS side forgets it).
            drop(unsafe { Box::from_raw(h) });
        }
    }

    /// Whether a pattern needs the full build.
    #[unsafe(no_mangle)]
    pub unsafe extern "C" fn pk_needs_compiler(h: *const Handle) -> u32 {
        unsafe { h.as_ref() }.is_some_and(|h| h.v.needs_compiler()).into()
    }

    /// The rule keys as a JSON array.
    #[unsafe(no_mangle)]
    pub unsafe extern "C" fn pk_keys(h: *const Handle) -> *const u8 {
        let Some(h) = (unsafe { h.as_ref() }) else { return core::ptr::null() };
        answer(|out| validate::json_string_array(out, h.v.rules().iter().map(|r| r.key())))
    }

    /// The fields (labels, hints, attributes…) in the locale at `ptr..n`.
    #[unsafe(no_mangle)]
    pub unsafe extern "C" fn pk_fields(h: *const Handle, ptr: *const u8, n: usize) -> *const u8 {
        let Some(h) = (unsafe { h.as_ref() }) else { return core::ptr::null() };
        let locale = unsafe { text(ptr, n) };
        answer(|out| h.v.fields_json(locale, out))
    }

    /// Validate; the report JSON stays in the handle until its next validation. Null on a
    /// malformed values buffer.
    #[unsafe(no_mangle)]
    pub unsafe extern "C" fn pk_validate(h: *mut Handle, ptr: *const u8, n: usize, flags: u32) -> *const u8 {
        let Some(h) = (unsafe { h.as_mut() }) else { return core::ptr::null() };
        let Some(values) = validate::field_texts(unsafe { input(ptr, n) }) else { return core::ptr::null() };
        let locale = validate::LOCALES.get(((flags >> 8) & 0xFF) as usize).copied().unwrap_or("en");
        let report = h.v.validate_json(&values, flags & 1 != 0, locale, &mut h.buf);
        // SAFETY: see `answer`.
        unsafe { OUT_LEN = report.len() as u32 };
        report.as_ptr()
    }

    /// The kinds' names, in index order.
    #[unsafe(no_mangle)]
    pub extern "C" fn pk_kinds() -> *const u8 {
        answer(|out| validate::json_string_array(out, Kind::ALL.iter().map(|k| k.as_str())))
    }

    /// Format a value as a field of kind `kind` (an index of `pk_kinds`).
    #[unsafe(no_mangle)]
    pub unsafe extern "C" fn pk_format(kind_index: u32, ptr: *const u8, n: usize, caret: u32) -> *const u8 {
        let value = unsafe { text(ptr, n) };
        let f = validate::format(kind(kind_index), value, caret as usize);
        answer(|out| f.write_json(out))
    }

    /// A bare kind's field information in the locale at `ptr..n`.
    #[unsafe(no_mangle)]
    pub unsafe extern "C" fn pk_field_info(kind_index: u32, ptr: *const u8, n: usize) -> *const u8 {
        let locale = unsafe { text(ptr, n) };
        let info = validate::kind_info(kind(kind_index), locale);
        answer(|out| info.write_json(out))
    }

    /// The card brand of a number as typed, as JSON (a string or null).
    #[unsafe(no_mangle)]
    pub unsafe extern "C" fn pk_card_brand(ptr: *const u8, n: usize) -> *const u8 {
        let brand = validate::card_brand(unsafe { text(ptr, n) });
        answer(|out| match brand {
            Some(b) => validate::json_string(out, b),
            None => out.push_str("null"),
        })
    }
}
