//! Serves the default world's mail server on loopback so real clients (curl, Python's poplib/imaplib/smtplib,
//! Thunderbird) can talk to the same core the page runs. See docs/hooks.md, "Native TCP bridge".
//!
//! `cargo run --release --example tcp_server -- --pop3 ADDR --imap ADDR --smtp ADDR --messages N`

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use mailroom::bridge::{serve_default_world, ServeOptions, Transcript};

    let options = match ServeOptions::parse(std::env::args().skip(1)) {
        Ok(options) => options,
        Err(error) => {
            eprintln!("tcp_server: {error}");
            eprintln!("{}", ServeOptions::USAGE);
            std::process::exit(2);
        }
    };
    match serve_default_world(&options, Transcript::Stdout) {
        Ok(listening) => println!("{listening}"),
        Err(error) => {
            eprintln!("tcp_server: {error}");
            std::process::exit(1);
        }
    }
    loop {
        std::thread::park();
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}
