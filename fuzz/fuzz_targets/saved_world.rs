#![no_main]
//! Arbitrary input for the saved world decoder; see `mailroom::sim::fuzz`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| mailroom::sim::fuzz::saved_world(data));
