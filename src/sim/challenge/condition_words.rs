//! Each goal condition in words, made from its parameters, as the checklist shows it.

use super::{Condition, Text};
use crate::i18n::en;
use crate::sim::device::spoken;
use crate::sim::mail::Flag;

/// `\Seen`, as the student sees it on the page.
fn flag_name(flag: Flag) -> &'static str {
    flag.imap_name()
}

impl Condition {
    /// The condition in words, made from its parameters.
    pub fn words(&self) -> Text {
        let mut words = self.words_with_ids();
        // A device is called as its card calls a name of its own: "work laptop", not the id "work-laptop".
        for (slot, value) in &mut words.fills {
            if slot == "{device}" {
                *value = spoken(value);
            }
        }
        words
    }

    fn words_with_ids(&self) -> Text {
        // Names, subjects and numbers go into the slots after translation: the catalogue holds the templates.
        let said = Text::template;
        match self {
            Condition::ServerFolderHolds { folder, count } => said(
                if *count == 1 {
                    en("The server's {folder} holds 1 message")
                } else {
                    en("The server's {folder} holds {count} messages")
                },
                &[("{folder}", folder), ("{count}", &count.to_string())],
            ),
            Condition::ServerHolds {
                message,
                folder,
                held,
            } => {
                let s = message.subject.as_str();
                match (folder, held) {
                    (Some(f), true) => said("The server's {folder} holds “{s}”", &[("{folder}", f), ("{s}", s)]),
                    (Some(f), false) => said(
                        "“{s}” is no longer in the server's {folder}",
                        &[("{folder}", f), ("{s}", s)],
                    ),
                    (None, true) => said("The server still holds “{s}”", &[("{s}", s)]),
                    (None, false) => said("“{s}” is gone from the server, from every folder", &[("{s}", s)]),
                }
            }
            Condition::ServerFlag { message, flag, set } => {
                let fills = [("{s}", message.subject.as_str()), ("{f}", flag_name(*flag))];
                if *set {
                    said("“{s}” has {f} on the server", &fills)
                } else {
                    said("“{s}” does not have {f} on the server", &fills)
                }
            }
            Condition::DeviceShows {
                device,
                message,
                shown,
            } => {
                let fills = [("{device}", device.as_str()), ("{s}", message.subject.as_str())];
                if *shown {
                    said("The {device} shows “{s}”", &fills)
                } else {
                    said("The {device} no longer shows “{s}”", &fills)
                }
            }
            Condition::DeviceHolds { device, count } => said(
                if *count == 1 {
                    en("The {device} shows 1 message")
                } else {
                    en("The {device} shows {count} messages")
                },
                &[("{device}", device), ("{count}", &count.to_string())],
            ),
            Condition::DeviceFlag {
                device,
                message,
                flag,
                set,
            } => {
                let fills = [
                    ("{device}", device.as_str()),
                    ("{s}", message.subject.as_str()),
                    ("{f}", flag_name(*flag)),
                ];
                if *set {
                    said("The {device} shows “{s}” with {f}", &fills)
                } else {
                    said("The {device} shows “{s}” without {f}", &fills)
                }
            }
            Condition::DeviceHoldsNoDuplicates { device } => {
                said("The {device} shows no message twice", &[("{device}", device)])
            }
            Condition::NothingPending { device } => said(
                "The {device} has nothing waiting to be sent to the server",
                &[("{device}", device)],
            ),
            Condition::Pop3LeavesMailOnServer { device } => said(
                "The {device} reads with POP3 and leaves mail on the server",
                &[("{device}", device)],
            ),
            Condition::Pop3KeepsMailForDays { device, days } => said(
                if *days == 1 {
                    en("The {device}'s POP3 client leaves mail on the server and deletes it there after 1 day")
                } else {
                    en("The {device}'s POP3 client leaves mail on the server and deletes it there after {days} days")
                },
                &[("{device}", device), ("{days}", &days.to_string())],
            ),
            Condition::NothingLost => said("No message that nobody deleted was lost", &[]),
            Condition::NeverDownloadedTwice { device } => {
                said("The {device} never downloaded a message twice", &[("{device}", device)])
            }
            Condition::ActedWhileOffline { device } => said(
                "The {device} was offline when the change was made on it, and the change reached the server later",
                &[("{device}", device)],
            ),
            Condition::NeverCheckedMail { device } => {
                said("“Check mail” was never pressed on the {device}", &[("{device}", device)])
            }
            Condition::NewMailShownWithin { device, seconds } => said(
                "A new message reached the {device} within {seconds} seconds of arriving on the server",
                &[("{device}", device), ("{seconds}", &seconds.to_string())],
            ),
            Condition::LastDeliveryAccepted => said("The server accepted the last message sent to Alice", &[]),
            Condition::AtMostActions { max } => said(
                if *max == 1 {
                    en("Done in at most 1 action")
                } else {
                    en("Done in at most {max} actions")
                },
                &[("{max}", &max.to_string())],
            ),
        }
    }
}
