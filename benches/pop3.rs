//! Benchmarks of the core: one POP3 session that lists and retrieves 10,000 messages, and SMTP delivery of
//! 10,000 messages. Native only; on wasm32 this is an empty program so `--all-targets` still builds.

// The same workloads scripts/bench times natively and as wasm; not every one is used here.
#[cfg(not(target_arch = "wasm32"))]
#[path = "support/engine.rs"]
#[allow(dead_code)]
mod engine;

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use super::engine;
    use criterion::{criterion_group, BatchSize, Criterion};
    use mailroom::sim::harness::drain;
    use mailroom::sim::mail::{generated_message, Store};
    use mailroom::sim::session::ServerSession;
    use mailroom::sim::smtp::{SmtpServer, SmtpServerConfig};
    use mailroom::sim::time::SimTime;
    use std::hint::black_box;

    const MESSAGES: usize = 10_000;

    fn pop3_uidl_and_retr_all(c: &mut Criterion) {
        let store = engine::pop3_store();
        let mut group = c.benchmark_group("pop3");
        group.sample_size(10);
        group.bench_function("session UIDL + RETR of 10,000 messages", |b| {
            b.iter_batched(
                || store.clone(),
                |store| black_box(engine::pop3_session(store)),
                BatchSize::LargeInput,
            )
        });
        group.finish();
    }

    fn smtp_deliver_all(c: &mut Criterion) {
        let transactions: Vec<Vec<u8>> = (0..MESSAGES)
            .map(|n| {
                let (text, _) = generated_message(n, "alice@example.org", SimTime::ZERO);
                let mut bytes =
                    b"MAIL FROM:<bob@example.net>\r\nRCPT TO:<alice@example.org>\r\nDATA\r\n"
                        .to_vec();
                for line in text.trim_end_matches("\r\n").split("\r\n") {
                    if line.starts_with('.') {
                        bytes.push(b'.');
                    }
                    bytes.extend_from_slice(line.as_bytes());
                    bytes.extend_from_slice(b"\r\n");
                }
                bytes.extend_from_slice(b".\r\n");
                bytes
            })
            .collect();
        let mut group = c.benchmark_group("smtp");
        group.sample_size(10);
        group.bench_function("delivery of 10,000 messages", |b| {
            b.iter_batched(
                Store::default_world,
                |mut store| {
                    let mut server = SmtpServer::new(SmtpServerConfig::default(), 1, SimTime::ZERO);
                    server.handle_input(&mut store, b"EHLO bench.example\r\n", SimTime::ZERO);
                    drain(&mut server);
                    for transaction in &transactions {
                        server.handle_input(&mut store, transaction, SimTime::ZERO);
                        while let Some(line) = server.poll_output() {
                            black_box(line);
                        }
                    }
                    assert_eq!(
                        store.account("alice").map(|a| a.inbox().exists()),
                        Some(MESSAGES + 3)
                    );
                    store
                },
                BatchSize::LargeInput,
            )
        });
        group.finish();
    }

    criterion_group!(benches, pop3_uidl_and_retr_all, smtp_deliver_all);
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(native::benches);

#[cfg(target_arch = "wasm32")]
fn main() {}
