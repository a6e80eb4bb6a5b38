//! Generated mail for demos, benchmarks and the TCP example's `--messages N`.

use super::{MessageDraft, Store, StoreError};
use crate::sim::time::SimTime;

const SENDERS: [&str; 4] = [
    "Bob Baker <bob@example.net>",
    "Carol Chen <carol@school.example>",
    "Newsletter <news@list.example>",
    "Erin Evans <erin@example.com>",
];

/// The `n`th generated message (0-based) to `to`: distinct Message-ID `n.generated@mailroom.example`, one
/// line that starts with a dot so dot-stuffing is exercised, and a date one minute after the previous one.
pub fn generated_message(n: usize, to: &str, start: SimTime) -> (String, SimTime) {
    let draft = MessageDraft {
        from: SENDERS[n % SENDERS.len()].to_string(),
        to: to.to_string(),
        subject: format!("Generated message {}", n + 1),
        body: format!(
            "This is generated message number {}.\n.A line that starts with a dot.\nBye\n",
            n + 1
        ),
        message_id: format!("{}.generated@mailroom.example", n + 1),
    };
    let at = start.saturating_add(SimTime::from_minutes(n as u64));
    (draft.to_rfc5322(at), at)
}

impl Store {
    /// Delivers `count` generated messages to `address`, dated a minute apart from `start`.
    pub fn seed_generated(
        &mut self,
        address: &str,
        count: usize,
        start: SimTime,
    ) -> Result<(), StoreError> {
        for n in 0..count {
            let (text, at) = generated_message(n, address, start);
            self.deliver(address, text, at)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_messages_have_distinct_message_ids() {
        let mut store = Store::default_world();
        store
            .seed_generated("alice@example.org", 50, SimTime::from_days(1))
            .expect("alice exists");
        let inbox = store.account("alice").map(|a| a.inbox().clone());
        let mut ids: Vec<String> = inbox
            .map(|i| i.messages.into_iter().map(|m| m.message_id).collect())
            .unwrap_or_default();
        assert_eq!(ids.len(), 53);
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 53);
    }
}
