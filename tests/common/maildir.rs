//! A maildir as the syncing clients (mbsync, offlineimap) leave it: read it, and change it as a mail reader
//! would (flags in the file name after `:2,`, deletion by removing the file, new mail as a file in new/).

use std::path::{Path, PathBuf};

/// One message file: its path, Subject and maildir flags (the letters after `:2,`).
#[derive(Debug)]
pub struct MaildirMessage {
    pub path: PathBuf,
    pub subject: String,
    pub flags: String,
}

/// The maildir folder at `path` (the directory holding cur/, new/ and tmp/).
pub struct Maildir {
    path: PathBuf,
}

impl Maildir {
    pub fn at(path: &Path) -> Maildir {
        Maildir {
            path: path.to_path_buf(),
        }
    }

    /// Every message in new/ and cur/, sorted by Subject.
    pub fn messages(&self) -> Vec<MaildirMessage> {
        let mut messages = Vec::new();
        for sub in ["new", "cur"] {
            let Ok(entries) = std::fs::read_dir(self.path.join(sub)) else {
                continue;
            };
            for entry in entries {
                let path = entry.expect("maildir entry").path();
                let text = std::fs::read_to_string(&path).expect("maildir file read");
                let subject = text
                    .lines()
                    .find_map(|l| l.strip_prefix("Subject: "))
                    .unwrap_or_default()
                    .to_string();
                let name = path
                    .file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or_default();
                let flags = name.split_once(":2,").map(|(_, f)| f).unwrap_or_default();
                messages.push(MaildirMessage {
                    flags: flags.to_string(),
                    path,
                    subject,
                });
            }
        }
        messages.sort_by(|a, b| a.subject.cmp(&b.subject));
        messages
    }

    pub fn subjects(&self) -> Vec<String> {
        self.messages().into_iter().map(|m| m.subject).collect()
    }

    pub fn one(&self, subject: &str) -> MaildirMessage {
        self.messages()
            .into_iter()
            .find(|m| m.subject == subject)
            .unwrap_or_else(|| panic!("no message {subject:?} in {:#?}", self.messages()))
    }

    /// Gives a message these flags (ASCII order, as maildir wants), moving it into cur/ as a reader does.
    pub fn set_flags(&self, subject: &str, flags: &str) {
        let message = self.one(subject);
        let name = message
            .path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let base = name.split_once(":2,").map_or(name, |(base, _)| base);
        let target = self.path.join("cur").join(format!("{base}:2,{flags}"));
        std::fs::rename(&message.path, target).expect("maildir rename");
    }

    pub fn delete(&self, subject: &str) {
        std::fs::remove_file(self.one(subject).path).expect("maildir file removed");
    }

    /// Drops a new message into new/ under a unique name, as a local delivery agent would.
    pub fn add(&self, unique: &str, text: &str) {
        std::fs::create_dir_all(self.path.join("new")).expect("maildir new/");
        std::fs::write(self.path.join("new").join(unique), text).expect("maildir file written");
    }
}
