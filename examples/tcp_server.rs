//! Serves the default world's mail server on loopback so real clients (curl, Python's poplib/smtplib,
//! Thunderbird) can talk to the same core the page runs. See TEST-HOOKS.md, "Native TCP bridge".
//!
//! `cargo run --release --example tcp_server -- --pop3 ADDR --imap ADDR --smtp ADDR --messages N`

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use mailroom::bridge::{Bridge, SessionFactory};
    use mailroom::sim::mail::Store;
    use mailroom::sim::time::SimTime;
    use mailroom::sim::{pop3, smtp};

    let options = match Options::parse(std::env::args().skip(1)) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("tcp_server: {message}");
            eprintln!("usage: tcp_server [--pop3 ADDR] [--imap ADDR] [--smtp ADDR] [--messages N]");
            std::process::exit(2);
        }
    };
    let mut store = Store::default_world();
    if let Err(error) = store.seed_generated(
        "alice@example.org",
        options.messages,
        SimTime::from_minutes(30),
    ) {
        eprintln!("tcp_server: cannot seed INBOX: {error}");
        std::process::exit(1);
    }
    let bridge = Bridge::new(store, true);

    // One entry per protocol served: (name, address, session factory), in the order the ready line lists them.
    let listeners: Vec<(&'static str, &str, SessionFactory)> = vec![
        ("pop3", &options.pop3, pop3::server_session),
        // IMAP: wire the IMAP server here, e.g. `("imap", &options.imap, imap::server_session),`.
        ("smtp", &options.smtp, smtp::server_session),
    ];
    let _ = &options.imap;

    let mut ready = Vec::new();
    for (name, addr, factory) in listeners {
        match bridge.listen(addr, name, factory) {
            Ok(bound) => ready.push(format!("{name}={bound}")),
            Err(error) => {
                eprintln!("tcp_server: cannot listen for {name} on {addr}: {error}");
                std::process::exit(1);
            }
        }
    }
    println!("listening {}", ready.join(" "));
    loop {
        std::thread::park();
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}

/// The command line.
#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
struct Options {
    pop3: String,
    imap: String,
    smtp: String,
    messages: usize,
}

#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
impl Options {
    fn parse(mut args: impl Iterator<Item = String>) -> Result<Options, String> {
        let mut options = Options {
            pop3: "127.0.0.1:1110".to_string(),
            imap: "127.0.0.1:1143".to_string(),
            smtp: "127.0.0.1:1025".to_string(),
            messages: 0,
        };
        while let Some(flag) = args.next() {
            let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
            match flag.as_str() {
                "--pop3" => options.pop3 = value,
                "--imap" => options.imap = value,
                "--smtp" => options.smtp = value,
                "--messages" => {
                    options.messages = value
                        .parse()
                        .map_err(|_| format!("--messages needs a number, not {value:?}"))?
                }
                other => return Err(format!("unknown option {other}")),
            }
        }
        Ok(options)
    }
}
