#![no_main]
//! Arbitrary input for the smtp server session; see `mailroom::sim::fuzz`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| mailroom::sim::fuzz::smtp_server(data));
