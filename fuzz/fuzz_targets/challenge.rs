#![no_main]
//! Arbitrary challenge and solution documents for their decoders; see `mailroom::sim::fuzz`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| mailroom::sim::fuzz::challenge(data));
