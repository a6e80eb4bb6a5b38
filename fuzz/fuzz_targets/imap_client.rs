#![no_main]
//! Arbitrary input for the imap client session; see `mailroom::sim::fuzz`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| mailroom::sim::fuzz::imap_client(data));
