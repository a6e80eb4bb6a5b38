#![no_main]
//! Arbitrary input for the smtp client session; see `mailroom::sim::fuzz`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| mailroom::sim::fuzz::smtp_client(data));
