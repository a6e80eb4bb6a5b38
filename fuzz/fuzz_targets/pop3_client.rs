#![no_main]
//! Arbitrary input for the pop3 client session; see `mailroom::sim::fuzz`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| mailroom::sim::fuzz::pop3_client(data));
