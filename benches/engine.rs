//! The engine workloads of benches/support/engine.rs, timed natively; tests/wasm_engine.rs times the same ones in
//! headless Chromium, and scripts/bench divides the two. Prints one `ENGINE_BENCH {json}` line per workload.
//! Native only; on wasm32 this is an empty program so `--all-targets` still builds.

#[cfg(not(target_arch = "wasm32"))]
#[path = "support/engine.rs"]
mod engine;

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let origin = std::time::Instant::now();
    let clock = move || origin.elapsed().as_secs_f64() * 1e3;
    for timing in engine::run_all(&clock) {
        println!("{}", timing.to_json_line());
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}
