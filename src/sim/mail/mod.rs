//! The account store shared by every SMTP, POP3 and IMAP session, as in Dovecot or GreenMail.

mod flags;
mod mailbox;
mod message;
mod store;

pub use flags::{Flag, Flags};
pub use mailbox::Mailbox;
pub use message::{Message, MessageDraft};
pub use store::{Account, Store, StoreError};
