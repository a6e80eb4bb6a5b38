//! The engine workloads of benches/support/engine.rs, timed in headless Chromium with `performance.now()`; a
//! benchmark, not a test, so it is ignored unless scripts/bench asks for it:
//! `cargo test --release --target wasm32-unknown-unknown --test wasm_engine -- --include-ignored`.
#![cfg(target_arch = "wasm32")]

#[path = "../benches/support/engine.rs"]
mod engine;

use wasm_bindgen::prelude::*;
use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen]
extern "C" {
    /// The page's monotonic clock in milliseconds; only bench code reads it, never the core.
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;
}

#[wasm_bindgen_test]
#[ignore = "benchmark; scripts/bench runs it with --include-ignored"]
fn engine_workloads_in_the_browser() {
    for timing in engine::run_all(&performance_now) {
        console_log!("{}", timing.to_json_line());
    }
}
