//! The allocator the binary (and the `stages` example) runs on: mimalloc, called directly.
//! A library user picks their own; this is here so that both programs share it.

/// mimalloc, by its plain `mi_malloc` wherever that is aligned enough. The `mimalloc` crate
/// asks for every block through `mi_malloc_aligned`, whose extra checks cost about twice the
/// instructions of the allocation itself; almost every block here is aligned to 8 bytes or
/// less, and every mimalloc block is (its sizes are multiples of 8 from a 16-byte start).
pub struct Mi;

/// The alignment that every block `mi_malloc` returns has.
const MI_WORD: usize = 8;

// SAFETY: each method passes the layout on to mimalloc, which returns blocks of at least the
// size asked for, aligned as asked: by `mi_malloc` only when the alignment is at most 8.
unsafe impl std::alloc::GlobalAlloc for Mi {
    #[inline]
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        // SAFETY: plain calls into the allocator with the caller's layout.
        unsafe {
            new_block(
                layout,
                libmimalloc_sys::mi_malloc,
                libmimalloc_sys::mi_malloc_aligned,
            )
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        // SAFETY: as for `alloc`.
        unsafe {
            new_block(
                layout,
                libmimalloc_sys::mi_zalloc,
                libmimalloc_sys::mi_zalloc_aligned,
            )
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: std::alloc::Layout) {
        // SAFETY: `ptr` came from this allocator; `mi_free` frees aligned blocks too.
        unsafe { libmimalloc_sys::mi_free(ptr.cast()) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new_size: usize) -> *mut u8 {
        // SAFETY: `ptr` came from this allocator with `layout`'s alignment, kept here.
        unsafe {
            if layout.align() <= MI_WORD {
                libmimalloc_sys::mi_realloc(ptr.cast(), new_size) as *mut u8
            } else {
                libmimalloc_sys::mi_realloc_aligned(ptr.cast(), new_size, layout.align()) as *mut u8
            }
        }
    }
}

/// A new block for `layout`: from `plain` (size) when mimalloc's own alignment is enough, else
/// from `aligned` (size, alignment).
///
/// # Safety
/// `plain` and `aligned` must be mimalloc's allocating functions of those signatures.
#[inline(always)]
unsafe fn new_block(
    layout: std::alloc::Layout,
    plain: unsafe extern "C" fn(usize) -> *mut std::ffi::c_void,
    aligned: unsafe extern "C" fn(usize, usize) -> *mut std::ffi::c_void,
) -> *mut u8 {
    // SAFETY: the caller passes mimalloc's functions; each takes any size and alignment.
    unsafe {
        if layout.align() <= MI_WORD {
            plain(layout.size()) as *mut u8
        } else {
            aligned(layout.size(), layout.align()) as *mut u8
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Mi;
    use std::alloc::{GlobalAlloc, Layout};

    /// Every block is aligned as its layout asks, for the sizes of every small size class and
    /// some large ones, and keeps its bytes when it grows or shrinks.
    #[test]
    fn blocks_are_aligned_as_asked_and_keep_their_bytes() {
        let sizes = (1..=520).chain([4095, 4096, 70_000, 1 << 20]);
        for size in sizes {
            for align in [1, 2, 4, 8, 16, 32, 64, 4096] {
                let layout = Layout::from_size_align(size, align).unwrap();
                // SAFETY: the layout has a non-zero size; each block is freed once, with the
                // layout it was made with (grown by `realloc`).
                unsafe {
                    for zeroed in [false, true] {
                        let p = if zeroed {
                            Mi.alloc_zeroed(layout)
                        } else {
                            Mi.alloc(layout)
                        };
                        assert!(!p.is_null());
                        assert_eq!(p as usize % align, 0, "size {size} align {align}");
                        if zeroed {
                            assert!(std::slice::from_raw_parts(p, size).iter().all(|&b| b == 0));
                        }
                        std::ptr::write_bytes(p, 0xa5, size);
                        let grown = size * 3 + 7;
                        let q = Mi.realloc(p, layout, grown);
                        assert_eq!(q as usize % align, 0, "realloc size {size} align {align}");
                        assert!(
                            std::slice::from_raw_parts(q, size)
                                .iter()
                                .all(|&b| b == 0xa5)
                        );
                        Mi.dealloc(q, Layout::from_size_align(grown, align).unwrap());
                    }
                }
            }
        }
    }
}
