#![no_main]
//! Arbitrary input for the pop3 server session; see `mailroom::sim::fuzz`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| mailroom::sim::fuzz::pop3_server(data));
