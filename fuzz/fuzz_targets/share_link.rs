#![no_main]
//! Arbitrary input for the share link decoder; see `mailroom::sim::fuzz`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| mailroom::sim::fuzz::share_link(data));
