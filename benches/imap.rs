//! Criterion benchmarks of the IMAP core: a device's full resync of a 10,000-message mailbox.

#[cfg(not(target_arch = "wasm32"))]
mod imap_bench {
    use criterion::{criterion_group, Criterion};
    use mailroom::sim::harness::{drain, exchange, Pair};
    use mailroom::sim::imap::client::ClientCache;
    use mailroom::sim::imap::{ClientSettings, ImapClient, ImapServer, SyncMode};
    use mailroom::sim::mail::{Flags, MessageDraft, Store};
    use mailroom::sim::time::SimTime;
    use std::hint::black_box;

    const MESSAGES: u32 = 10_000;

    fn big_store() -> Store {
        let mut store = Store::new();
        store.add_account("alice", "wonderland", "alice@example.org");
        let inbox = store.account_mut("alice").expect("alice").inbox_mut();
        for n in 0..MESSAGES {
            let text = MessageDraft {
                from: format!("Sender {n} <s{n}@example.net>"),
                to: "alice@example.org".into(),
                subject: format!("Message number {n}"),
                body: "A short body line.\nAnd another one.\n".into(),
                message_id: format!("{n}@bench.example"),
            }
            .to_rfc5322(SimTime::ZERO);
            inbox.append(text, Flags::EMPTY, SimTime::ZERO);
        }
        store
    }

    fn resync_flags_and_sizes(c: &mut Criterion) {
        let mut store = big_store();
        let mut server = ImapServer::new(1, SimTime::ZERO);
        drain(&mut server);
        exchange(
            &mut server,
            &mut store,
            "a LOGIN alice wonderland",
            SimTime::ZERO,
        );
        exchange(&mut server, &mut store, "b SELECT INBOX", SimTime::ZERO);
        c.bench_function(
            "server: FETCH 1:* (UID FLAGS RFC822.SIZE) of 10,000 messages",
            |b| {
                b.iter(|| {
                    let lines = exchange(
                        &mut server,
                        &mut store,
                        "c FETCH 1:* (UID FLAGS RFC822.SIZE)",
                        SimTime::ZERO,
                    );
                    assert_eq!(lines.len(), MESSAGES as usize + 1);
                    black_box(lines)
                })
            },
        );
    }

    fn client_full_sync(c: &mut Criterion) {
        let store = big_store();
        c.bench_function(
            "client+server: first full sync of 10,000 messages (bodies)",
            |b| {
                b.iter(|| {
                    let mut store = store.clone();
                    let mut client = ImapClient::new(
                        ClientSettings::new("alice", "wonderland", SyncMode::PollEveryMinutes(10)),
                        ClientCache::default(),
                    );
                    client.connect(SimTime::ZERO);
                    let mut pair = Pair::new(client, ImapServer::new(1, SimTime::ZERO));
                    pair.run_until_idle(&mut store, SimTime::ZERO);
                    assert_eq!(
                        pair.client.cache.folders["INBOX"].messages.len(),
                        MESSAGES as usize
                    );
                    black_box(pair.transcript.len())
                })
            },
        );
    }

    criterion_group! {
        name = benches;
        config = Criterion::default().sample_size(10);
        targets = resync_flags_and_sizes, client_full_sync
    }
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(imap_bench::benches);

#[cfg(target_arch = "wasm32")]
fn main() {}
