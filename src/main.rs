fn main() {
    mailroom::ui::start();
}

/// The page's allocator (smaller than std's dlmalloc in the bundle); it grows wasm memory as needed.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
// SAFETY: the one global allocator of a single-threaded wasm page, as talc's documentation sets it up.
static ALLOCATOR: talc::TalckWasm = unsafe { talc::TalckWasm::new_global() };
