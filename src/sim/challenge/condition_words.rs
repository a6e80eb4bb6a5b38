//! Each goal condition in both languages, made from its parameters, as the checklist shows it.

use super::{Condition, Text};
use crate::sim::mail::Flag;

/// `\Seen`, as the student sees it on the page.
fn flag_name(flag: Flag) -> &'static str {
    flag.imap_name()
}

impl Condition {
    /// The condition in both languages, made from its parameters.
    pub fn words(&self) -> Text {
        let t = |en: String, zh: String| Text { en, zh };
        let folder_zh = |folder: &str| match folder {
            "INBOX" => "收件箱".to_string(),
            "Trash" => "废纸篓".to_string(),
            "Sent" => "已发送".to_string(),
            "Archive" => "归档".to_string(),
            other => other.to_string(),
        };
        match self {
            Condition::ServerFolderHolds { folder, count } => t(
                format!("The server's {folder} holds {count} message{}", plural(*count)),
                format!("服务器的{}里有 {count} 封邮件", folder_zh(folder)),
            ),
            Condition::ServerHolds {
                message,
                folder,
                held,
            } => {
                let s = &message.subject;
                match (folder, held) {
                    (Some(f), true) => t(
                        format!("The server's {f} holds “{s}”"),
                        format!("服务器的{}里有“{s}”", folder_zh(f)),
                    ),
                    (Some(f), false) => t(
                        format!("“{s}” is no longer in the server's {f}"),
                        format!("“{s}”已不在服务器的{}里", folder_zh(f)),
                    ),
                    (None, true) => t(
                        format!("The server still holds “{s}”"),
                        format!("服务器上仍有“{s}”"),
                    ),
                    (None, false) => t(
                        format!("“{s}” is gone from the server, from every folder"),
                        format!("“{s}”已从服务器上彻底删除，任何文件夹里都没有"),
                    ),
                }
            }
            Condition::ServerFlag { message, flag, set } => {
                let (s, f) = (&message.subject, flag_name(*flag));
                if *set {
                    t(
                        format!("“{s}” has {f} on the server"),
                        format!("服务器上的“{s}”带有 {f} 标志"),
                    )
                } else {
                    t(
                        format!("“{s}” does not have {f} on the server"),
                        format!("服务器上的“{s}”没有 {f} 标志"),
                    )
                }
            }
            Condition::DeviceShows {
                device,
                message,
                shown,
            } => {
                let s = &message.subject;
                if *shown {
                    t(format!("The {device} shows “{s}”"), format!("{device} 上显示“{s}”"))
                } else {
                    t(
                        format!("The {device} no longer shows “{s}”"),
                        format!("{device} 上不再显示“{s}”"),
                    )
                }
            }
            Condition::DeviceHolds { device, count } => t(
                format!("The {device} shows {count} message{}", plural(*count)),
                format!("{device} 上显示 {count} 封邮件"),
            ),
            Condition::DeviceFlag {
                device,
                message,
                flag,
                set,
            } => {
                let (s, f) = (&message.subject, flag_name(*flag));
                if *set {
                    t(
                        format!("The {device} shows “{s}” with {f}"),
                        format!("{device} 上的“{s}”带有 {f} 标志"),
                    )
                } else {
                    t(
                        format!("The {device} shows “{s}” without {f}"),
                        format!("{device} 上的“{s}”没有 {f} 标志"),
                    )
                }
            }
            Condition::DeviceHoldsNoDuplicates { device } => t(
                format!("The {device} shows no message twice"),
                format!("{device} 上没有重复的邮件"),
            ),
            Condition::NothingPending { device } => t(
                format!("The {device} has nothing waiting to be sent to the server"),
                format!("{device} 上没有等待发往服务器的操作"),
            ),
            Condition::Pop3LeavesMailOnServer { device } => t(
                format!("The {device} reads with POP3 and leaves mail on the server"),
                format!("{device} 用 POP3 收信，并把邮件保留在服务器上"),
            ),
            Condition::Pop3KeepsMailForDays { device, days } => t(
                format!(
                    "The {device}'s POP3 client leaves mail on the server and deletes it there after {days} day{}",
                    plural(*days as usize)
                ),
                format!("{device} 的 POP3 客户端把邮件保留在服务器上，{days} 天后再从服务器删除"),
            ),
            Condition::NothingLost => t(
                "No message that nobody deleted was lost".to_string(),
                "没有人删除的邮件一封也没有丢失".to_string(),
            ),
            Condition::NeverDownloadedTwice { device } => t(
                format!("The {device} never downloaded a message twice"),
                format!("{device} 从未重复下载同一封邮件"),
            ),
            Condition::ActedWhileOffline { device } => t(
                format!("The {device} was offline when the change was made on it, and the change reached the server later"),
                format!("在 {device} 上操作时它处于离线状态，之后这次修改送达了服务器"),
            ),
            Condition::NeverCheckedMail { device } => t(
                format!("“Check mail” was never pressed on the {device}"),
                format!("从未在 {device} 上点击“收取邮件”"),
            ),
            Condition::NewMailShownWithin { device, seconds } => t(
                format!("A new message reached the {device} within {seconds} seconds of arriving on the server"),
                format!("一封新邮件到达服务器后 {seconds} 秒内就出现在 {device} 上"),
            ),
            Condition::LastDeliveryAccepted => t(
                "The server accepted the last message sent to Alice".to_string(),
                "服务器接收了最后一封发给 Alice 的邮件".to_string(),
            ),
            Condition::AtMostActions { max } => t(
                format!("Done in at most {max} action{}", plural(*max)),
                format!("最多用 {max} 步完成"),
            ),
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
