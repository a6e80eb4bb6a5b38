//! The account store: every protocol's sessions read and change the same mailboxes through it.

use super::{Flags, Mailbox, MessageDraft};
use crate::sim::time::SimTime;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The folders every account starts with (the names Thunderbird and Dovecot use).
pub const DEFAULT_FOLDERS: [&str; 4] = ["INBOX", "Sent", "Trash", "Archive"];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    /// The login name (`alice`).
    pub login: String,
    pub password: String,
    /// The mail address (`alice@example.org`).
    pub address: String,
    pub mailboxes: Vec<Mailbox>,
    /// The POP3 session holding the exclusive maildrop lock (RFC 1939 §4), if any.
    pub pop3_lock: Option<u64>,
    /// Octets the account may hold; a delivery past it is refused (SMTP 552, RFC 5321 §4.2.2).
    pub quota_bytes: Option<usize>,
}

impl Account {
    pub fn new(login: &str, password: &str, address: &str, first_uid_validity: u32) -> Self {
        Account {
            login: login.to_string(),
            password: password.to_string(),
            address: address.to_string(),
            mailboxes: DEFAULT_FOLDERS
                .iter()
                .zip(first_uid_validity..)
                .map(|(name, v)| Mailbox::new(name, v))
                .collect(),
            pop3_lock: None,
            quota_bytes: None,
        }
    }

    /// Finds a mailbox; INBOX is case-insensitive, other names are not (RFC 3501 §5.1).
    pub fn mailbox(&self, name: &str) -> Option<&Mailbox> {
        self.mailboxes
            .iter()
            .find(|m| same_mailbox_name(&m.name, name))
    }

    pub fn mailbox_mut(&mut self, name: &str) -> Option<&mut Mailbox> {
        self.mailboxes
            .iter_mut()
            .find(|m| same_mailbox_name(&m.name, name))
    }

    pub fn inbox(&self) -> &Mailbox {
        self.mailbox("INBOX").expect("every account has an INBOX")
    }

    pub fn inbox_mut(&mut self) -> &mut Mailbox {
        self.mailbox_mut("INBOX")
            .expect("every account has an INBOX")
    }

    /// Octets stored in all mailboxes.
    pub fn used_bytes(&self) -> usize {
        self.mailboxes.iter().map(Mailbox::total_size).sum()
    }

    /// Whether `octets` more fit under the quota; every way mail enters the account asks (SMTP, APPEND, COPY).
    pub fn check_room(&self, octets: usize) -> Result<(), StoreError> {
        match self.quota_bytes {
            Some(quota) if self.used_bytes() + octets > quota => Err(StoreError::OverQuota {
                used: self.used_bytes(),
                quota,
            }),
            _ => Ok(()),
        }
    }
}

/// INBOX is case-insensitive; every other mailbox name is compared exactly (RFC 3501 §5.1).
pub fn same_mailbox_name(a: &str, b: &str) -> bool {
    a == b || (a.eq_ignore_ascii_case("INBOX") && b.eq_ignore_ascii_case("INBOX"))
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    NoSuchAccount(String),
    NoSuchMailbox(String),
    MailboxExists(String),
    /// INBOX can be neither deleted nor renamed away in this simulation.
    InboxIsPermanent,
    OverQuota {
        used: usize,
        quota: usize,
    },
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::NoSuchAccount(a) => write!(f, "no such account: {a}"),
            StoreError::NoSuchMailbox(m) => write!(f, "no such mailbox: {m}"),
            StoreError::MailboxExists(m) => write!(f, "mailbox already exists: {m}"),
            StoreError::InboxIsPermanent => write!(f, "INBOX cannot be deleted or renamed"),
            StoreError::OverQuota { used, quota } => {
                write!(f, "mailbox full: {used} of {quota} octets used")
            }
        }
    }
}

impl std::error::Error for StoreError {}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Store {
    pub accounts: Vec<Account>,
    /// The next UIDVALIDITY to hand out; every new mailbox or reset takes a fresh one.
    pub next_uid_validity: u32,
    /// Rises with every change, so sessions and the view can tell cheaply that something happened.
    pub generation: u64,
}

impl Store {
    /// The simulation's first UIDVALIDITY, in the style of Dovecot's (a Unix time); any non-zero value is valid.
    pub const FIRST_UID_VALIDITY: u32 = 1_772_442_000;

    pub fn new() -> Self {
        Store::starting_at(Self::FIRST_UID_VALIDITY)
    }

    /// A store whose mailboxes take UIDVALIDITY values from `first_uid_validity` up. A server that starts again
    /// with UIDs from 1 must pass a greater value than last time (RFC 3501 §2.3.1.1): the TCP bridge passes the
    /// seconds since 1970, so the store itself never reads a clock.
    pub fn starting_at(first_uid_validity: u32) -> Self {
        Store {
            accounts: Vec::new(),
            next_uid_validity: first_uid_validity.max(1),
            generation: 0,
        }
    }

    /// The default world's server (docs/hooks.md): alice with three messages from three senders in INBOX.
    pub fn default_world() -> Self {
        Store::default_world_starting_at(Self::FIRST_UID_VALIDITY)
    }

    /// The default world with UIDVALIDITY values from `first_uid_validity` up (see [`Store::starting_at`]).
    pub fn default_world_starting_at(first_uid_validity: u32) -> Self {
        let mut store = Store::starting_at(first_uid_validity);
        store.add_account("alice", "wonderland", "alice@example.org");
        for (i, (from, subject, body)) in DEFAULT_MESSAGES.iter().enumerate() {
            let draft = MessageDraft {
                from: from.to_string(),
                to: "Alice <alice@example.org>".to_string(),
                subject: subject.to_string(),
                body: body.to_string(),
                message_id: format!("{}.default@mailroom.example", i + 1),
            };
            let at = SimTime::from_minutes(i as u64 * 7);
            store
                .deliver("alice@example.org", draft.to_rfc5322(at), at)
                .expect("the default account exists and has no quota");
        }
        store
    }

    pub fn add_account(&mut self, login: &str, password: &str, address: &str) {
        let first = self.next_uid_validity;
        self.next_uid_validity += DEFAULT_FOLDERS.len() as u32;
        self.accounts
            .push(Account::new(login, password, address, first));
        self.generation += 1;
    }

    pub fn account(&self, login: &str) -> Option<&Account> {
        self.accounts.iter().find(|a| a.login == login)
    }

    pub fn account_mut(&mut self, login: &str) -> Option<&mut Account> {
        self.generation += 1;
        self.accounts.iter_mut().find(|a| a.login == login)
    }

    /// The account these credentials open, if they are right.
    pub fn authenticate(&self, login: &str, password: &str) -> Option<&Account> {
        self.account(login).filter(|a| a.password == password)
    }

    /// The account a mail address (local part and domain, case-insensitive) belongs to.
    pub fn account_for_address(&self, address: &str) -> Option<&Account> {
        let address = address.trim().trim_start_matches('<').trim_end_matches('>');
        self.accounts
            .iter()
            .find(|a| a.address.eq_ignore_ascii_case(address))
    }

    /// Appends RFC 5322 text to the INBOX of the account with that address; returns the new UID.
    pub fn deliver(
        &mut self,
        address: &str,
        text: String,
        now: SimTime,
    ) -> Result<u32, StoreError> {
        self.check_delivery(address, text.len())?;
        let login = self
            .account_for_address(address)
            .map(|a| a.login.clone())
            .ok_or_else(|| StoreError::NoSuchAccount(address.to_string()))?;
        let account = self
            .account_mut(&login)
            .ok_or(StoreError::NoSuchAccount(login))?;
        Ok(account.inbox_mut().append(text, Flags::EMPTY, now))
    }

    /// Whether a message of `octets` could be delivered to `address` now: the account exists and has room.
    /// SMTP asks this for every recipient before delivering to any, so a message is delivered whole or not at all.
    pub fn check_delivery(&self, address: &str, octets: usize) -> Result<(), StoreError> {
        self.account_for_address(address)
            .ok_or_else(|| StoreError::NoSuchAccount(address.to_string()))?
            .check_room(octets)
    }

    /// Creates a mailbox with a fresh UIDVALIDITY.
    pub fn create_mailbox(&mut self, login: &str, name: &str) -> Result<(), StoreError> {
        let uid_validity = self.next_uid_validity;
        let account = self
            .account_mut(login)
            .ok_or_else(|| StoreError::NoSuchAccount(login.to_string()))?;
        if account.mailbox(name).is_some() {
            return Err(StoreError::MailboxExists(name.to_string()));
        }
        account.mailboxes.push(Mailbox::new(name, uid_validity));
        self.next_uid_validity += 1;
        Ok(())
    }

    pub fn delete_mailbox(&mut self, login: &str, name: &str) -> Result<(), StoreError> {
        if name.eq_ignore_ascii_case("INBOX") {
            return Err(StoreError::InboxIsPermanent);
        }
        let account = self
            .account_mut(login)
            .ok_or_else(|| StoreError::NoSuchAccount(login.to_string()))?;
        let before = account.mailboxes.len();
        account
            .mailboxes
            .retain(|m| !same_mailbox_name(&m.name, name));
        if account.mailboxes.len() == before {
            return Err(StoreError::NoSuchMailbox(name.to_string()));
        }
        Ok(())
    }

    /// Renames a mailbox; it keeps its UIDVALIDITY and messages (RFC 3501 §6.3.5).
    pub fn rename_mailbox(&mut self, login: &str, from: &str, to: &str) -> Result<(), StoreError> {
        if from.eq_ignore_ascii_case("INBOX") || to.eq_ignore_ascii_case("INBOX") {
            return Err(StoreError::InboxIsPermanent);
        }
        let account = self
            .account_mut(login)
            .ok_or_else(|| StoreError::NoSuchAccount(login.to_string()))?;
        if account.mailbox(to).is_some() {
            return Err(StoreError::MailboxExists(to.to_string()));
        }
        let mailbox = account
            .mailbox_mut(from)
            .ok_or_else(|| StoreError::NoSuchMailbox(from.to_string()))?;
        mailbox.name = to.to_string();
        Ok(())
    }

    /// Gives a mailbox a new UIDVALIDITY (a fault the simulator can inject: every client must resync fully).
    pub fn reset_uid_validity(&mut self, login: &str, name: &str) -> Result<u32, StoreError> {
        let uid_validity = self.next_uid_validity;
        let mailbox = self
            .account_mut(login)
            .ok_or_else(|| StoreError::NoSuchAccount(login.to_string()))?
            .mailbox_mut(name)
            .ok_or_else(|| StoreError::NoSuchMailbox(name.to_string()))?;
        mailbox.reset_uid_validity(uid_validity);
        self.next_uid_validity += 1;
        Ok(uid_validity)
    }
}

impl Default for Store {
    fn default() -> Self {
        Store::new()
    }
}

/// The default world's INBOX: three messages from three senders (docs/hooks.md).
const DEFAULT_MESSAGES: [(&str, &str, &str); 3] = [
    (
        "Bob Baker <bob@example.net>",
        "Lunch on Friday?",
        "Hi Alice,\n\nshall we try the new noodle place on Friday at noon?\n\nBob\n",
    ),
    (
        "Carol Chen <carol@school.example>",
        "Homework: network protocols",
        "Dear class,\n\nplease read about POP3 and IMAP before Monday.\nWhich one keeps your mail on the server?\n\nMs Chen\n",
    ),
    (
        "Dave's Bikes <shop@bikes.example>",
        "Your bike is ready",
        "Hello Alice,\n\nyour bicycle has been repaired and is ready for pick-up.\n.\nDave\n",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_world_has_alice_with_three_messages_from_three_senders() {
        let store = Store::default_world();
        let alice = store
            .authenticate("alice", "wonderland")
            .expect("alice logs in");
        let inbox = alice.inbox();
        assert_eq!(inbox.exists(), 3);
        let mut senders: Vec<String> = inbox.messages.iter().map(|m| m.from()).collect();
        senders.dedup();
        assert_eq!(senders.len(), 3);
        assert_eq!(inbox.uid_next, 4);
        assert!(store.authenticate("alice", "WONDERLAND").is_none());
    }

    #[test]
    fn delivery_over_quota_is_refused_and_changes_nothing() {
        let mut store = Store::default_world();
        let used = store.account("alice").map(Account::used_bytes).unwrap_or(0);
        if let Some(a) = store.account_mut("alice") {
            a.quota_bytes = Some(used + 10);
        }
        let err = store.deliver("alice@example.org", "x".repeat(11), SimTime::ZERO);
        assert_eq!(
            err,
            Err(StoreError::OverQuota {
                used,
                quota: used + 10
            })
        );
        assert_eq!(store.account("alice").map(|a| a.inbox().exists()), Some(3));
    }

    #[test]
    fn mailboxes_are_created_renamed_and_deleted_but_inbox_is_permanent() {
        let mut store = Store::default_world();
        store.create_mailbox("alice", "Projects").unwrap();
        assert_eq!(
            store.create_mailbox("alice", "Projects"),
            Err(StoreError::MailboxExists("Projects".into()))
        );
        let v = store
            .account("alice")
            .and_then(|a| a.mailbox("Projects"))
            .map(|m| m.uid_validity);
        store.rename_mailbox("alice", "Projects", "Work").unwrap();
        assert_eq!(
            store
                .account("alice")
                .and_then(|a| a.mailbox("Work"))
                .map(|m| m.uid_validity),
            v
        );
        assert_eq!(
            store.delete_mailbox("alice", "inbox"),
            Err(StoreError::InboxIsPermanent)
        );
        store.delete_mailbox("alice", "Work").unwrap();
        assert!(store
            .account("alice")
            .and_then(|a| a.mailbox("inbox"))
            .is_some());
    }
}
