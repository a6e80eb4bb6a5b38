//! The account store shared by every SMTP, POP3 and IMAP session, as in Dovecot or GreenMail.

mod flags;
mod mailbox;
mod message;
mod seed;
mod store;

pub use flags::{Flag, Flags, MAX_KEYWORDS};
pub use mailbox::{Mailbox, Vanished};
pub use message::{header_value, Message, MessageDraft};
pub use seed::generated_message;
pub use store::{Account, Store, StoreError, DEFAULT_FOLDERS};
