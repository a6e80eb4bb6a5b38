#![no_main]
//! Arbitrary wire lines for the explainer; see `mailroom::sim::fuzz`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| mailroom::sim::fuzz::explain(data));
