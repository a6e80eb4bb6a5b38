//! Captions: the world's events told as plain sentences about mail, in English and Simplified Chinese. Each is
//! derived from what ran (never a script), and says only what the RFC section it names makes true.

use super::names::{device_name, quoted};
use super::stage::card_of;
use crate::sim::device::{DeviceClient, Protocol};
use crate::sim::imap::SyncMode;
use crate::sim::mail::Flag;
use crate::sim::time::SimTime;
use crate::sim::world::{RemovalCause, World, WorldEvent};

/// How many of the latest events the captions are told from.
const MAX_EVENTS_TOLD: usize = 150;

/// One sentence of the story.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caption {
    pub at: SimTime,
    /// The device the sentence is about, if one.
    pub device: Option<String>,
    pub en: String,
    pub zh: String,
}

/// What a caption counts, so that the next event of the same kind updates it instead of adding another.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Tally {
    None,
    /// POP3 session on this connection: downloads, marks, deletions at UPDATE.
    Pop3 {
        connection: u64,
        downloaded: usize,
        marked: usize,
    },
    /// IMAP downloads by this device since its last sync caption.
    Fetched {
        device: String,
        count: usize,
    },
    Vanished {
        device: String,
        count: usize,
    },
    Learned {
        device: String,
        count: usize,
    },
}

struct Teller<'w> {
    world: &'w World,
    captions: Vec<(Caption, Tally)>,
    /// Devices offline now, and how many changes each queued while offline and has not yet replayed: a
    /// change queued or replayed while online is no "offline" story.
    offline: Vec<String>,
    queued_offline: Vec<String>,
}

impl Teller<'_> {
    fn name(&self, endpoint: &str) -> (String, String) {
        match endpoint {
            "sender" => ("the sender".into(), "发件人".into()),
            "terminal" => ("the terminal".into(), "终端".into()),
            id => device_name(self.world, id),
        }
    }

    fn say(&mut self, at: SimTime, device: Option<&str>, en: String, zh: String, tally: Tally) {
        self.captions.push((
            Caption {
                at,
                device: device.map(str::to_string),
                en: capitalized(&en),
                zh,
            },
            tally,
        ));
    }

    /// The open tally of a POP3 connection, if its caption is still being written.
    /// It moves to the end: what it now says is the newest news.
    fn pop3_tally(&mut self, id: u64) -> Option<&mut (Caption, Tally)> {
        let i = self
            .captions
            .iter()
            .rposition(|(_, t)| matches!(t, Tally::Pop3 { connection, .. } if *connection == id))?;
        let entry = self.captions.remove(i);
        self.captions.push(entry);
        self.captions.last_mut()
    }

    fn subject(&self, message_id: &str) -> String {
        quoted(&card_of(self.world, message_id).1)
    }

    fn is_pop3(&self, endpoint: &str) -> bool {
        self.world
            .device(endpoint)
            .is_some_and(|d| d.protocol() == Protocol::Pop3)
    }

    fn pushes(&self, device: &str) -> bool {
        self.world.device(device).is_some_and(|d| match &d.client {
            DeviceClient::Imap(c) => c.settings.sync_mode == SyncMode::PushWithIdle,
            DeviceClient::Pop3 { .. } => false,
        })
    }

    fn tell(&mut self, at: SimTime, event: &WorldEvent, connection_of: &dyn Fn(&str) -> u64) {
        match event {
            WorldEvent::ConnectionOpened {
                connection,
                endpoint,
                ..
            } if self.is_pop3(endpoint.label()) => {
                let (en, zh) = self.name(endpoint.label());
                self.say(
                    at,
                    Some(endpoint.label()),
                    format!("{en} is checking mail by POP3…"),
                    format!("{zh}正在用 POP3 收信……"),
                    Tally::Pop3 {
                        connection: *connection,
                        downloaded: 0,
                        marked: 0,
                    },
                );
            }
            WorldEvent::MessageDownloaded { device, .. } => {
                let id = connection_of(device);
                let (en, zh) = self.name(device);
                if let Some((caption, Tally::Pop3 { downloaded, .. })) = self.pop3_tally(id) {
                    *downloaded += 1;
                    caption.at = at;
                    caption.en = capitalized(&format!(
                        "{en} downloaded {} by POP3 (RETR).",
                        messages(*downloaded)
                    ));
                    caption.zh = format!("{zh}用 POP3（RETR）下载了 {downloaded} 封邮件。");
                }
            }
            WorldEvent::MarkedForDeletion { endpoint, .. } => {
                let id = connection_of(endpoint);
                let (en, zh) = self.name(endpoint);
                if let Some((caption, Tally::Pop3 { marked, .. })) = self.pop3_tally(id) {
                    *marked += 1;
                    caption.at = at;
                    caption.en = capitalized(&format!(
                        "{en} marked {} for deletion (DELE): the server keeps them until QUIT (RFC 1939 §6).",
                        messages(*marked)
                    ));
                    caption.zh = format!(
                        "{zh}用 DELE 把 {marked} 封邮件标记为删除：服务器要到 QUIT 时才真正删除（RFC 1939 §6）。"
                    );
                }
            }
            WorldEvent::DeletionMarksCleared {
                endpoint,
                message_ids,
                by_rset,
            } => {
                let (en, zh) = self.name(endpoint);
                let n = message_ids.len();
                let (en, zh) = if *by_rset {
                    (
                        format!(
                            "{en} sent RSET: the server unmarked {} (RFC 1939 §5).",
                            messages(n)
                        ),
                        format!(
                            "{zh}发送了 RSET：服务器取消了 {n} 封邮件的删除标记（RFC 1939 §5）。"
                        ),
                    )
                } else {
                    (
                        format!(
                            "{en}'s connection ended before QUIT: no UPDATE state, so the {} marked for deletion stay on the server (RFC 1939 §6).",
                            messages(n)
                        ),
                        format!(
                            "{zh}的连接在 QUIT 之前断开：服务器没有进入 UPDATE 状态，所以标记删除的 {n} 封邮件仍留在服务器上（RFC 1939 §6）。"
                        ),
                    )
                };
                self.say(at, Some(endpoint), en, zh, Tally::None);
            }
            WorldEvent::ConnectionClosed {
                connection,
                endpoint,
            } if self.is_pop3(endpoint.label()) => {
                let removed = self.removed_at_update(*connection);
                let (en, zh) = self.name(endpoint.label());
                let took = self.pop3_took_mail().filter(|(other, _)| *other != en);
                let Some(entry) = self.pop3_tally(*connection) else {
                    return;
                };
                let Tally::Pop3 { downloaded: d, .. } = entry.1 else {
                    return;
                };
                let (text_en, text_zh) = match (d, removed) {
                    (0, 0) => match took {
                        Some((pop3_en, pop3_zh)) => (
                            format!("{en} checked by POP3: nothing to download ({pop3_en} deleted the mail at QUIT)."),
                            format!("{zh}用 POP3 收信：没有可下载的邮件（{pop3_zh}在 QUIT 时删除了邮件）。"),
                        ),
                        None => (
                            format!("{en} checked by POP3: nothing new to download."),
                            format!("{zh}用 POP3 收信：没有新邮件可下载。"),
                        ),
                    },
                    (d, 0) => (
                        format!("{en} downloaded {} and left them on the server.", messages(d)),
                        format!("{zh}下载了 {d} 封邮件，并把它们留在服务器上。"),
                    ),
                    (d, r) if d == r => (
                        format!(
                            "{en} downloaded {} and deleted them from the server at QUIT (RFC 1939 §6).",
                            messages(d)
                        ),
                        format!(
                            "{zh}下载了 {d} 封邮件，并在 QUIT 时把它们从服务器上删除了（RFC 1939 §6）。"
                        ),
                    ),
                    (d, r) => (
                        format!(
                            "{en} downloaded {}; at QUIT the server deleted {} (RFC 1939 §6).",
                            messages(d),
                            messages(r)
                        ),
                        format!("{zh}下载了 {d} 封邮件；QUIT 时服务器删除了 {r} 封（RFC 1939 §6）。"),
                    ),
                };
                entry.0.at = at;
                entry.0.en = capitalized(&text_en);
                entry.0.zh = text_zh;
                // Closed: later events start a caption of their own.
                entry.1 = Tally::None;
            }
            WorldEvent::MessageDelivered { message_id } => {
                let (from, subject) = card_of(self.world, message_id);
                let who = super::names::display_name(&from);
                self.say(
                    at,
                    None,
                    format!(
                        "{who}'s mail {} reached the server's INBOX by SMTP.",
                        quoted(&subject)
                    ),
                    format!(
                        "{who} 的邮件{}经 SMTP 送进了服务器的 INBOX。",
                        quoted(&subject)
                    ),
                    Tally::None,
                );
            }
            WorldEvent::DeliveryRefused { reply } => self.say(
                at,
                None,
                format!("The server refused the mail: {reply}"),
                format!("服务器拒收了这封邮件：{reply}"),
                Tally::None,
            ),
            WorldEvent::MessageFetched { device, message_id } => {
                let (en, zh) = self.name(device);
                let pushed = self.pushes(device) && self.world.is_idling(device);
                let last = self.captions.last_mut();
                if let Some((caption, Tally::Fetched { device: d, count })) = last {
                    if d == device {
                        *count += 1;
                        caption.at = at;
                        caption.en =
                            capitalized(&format!("{en} downloaded {} by IMAP.", messages(*count)));
                        caption.zh = format!("{zh}用 IMAP 下载了 {count} 封邮件。");
                        return;
                    }
                }
                let subject = self.subject(message_id);
                let (text_en, text_zh) = if pushed {
                    (
                        format!("{en} was idling: the server told it at once, and it downloaded {subject} (RFC 2177)."),
                        format!("{zh}正在 IDLE：服务器立刻通知了它，它下载了{subject}（RFC 2177）。"),
                    )
                } else {
                    (
                        format!("{en} downloaded {subject} by IMAP."),
                        format!("{zh}用 IMAP 下载了{subject}。"),
                    )
                };
                self.say(
                    at,
                    Some(device),
                    text_en,
                    text_zh,
                    Tally::Fetched {
                        device: device.clone(),
                        count: 1,
                    },
                );
            }
            WorldEvent::FolderSynced {
                device,
                folder,
                messages: held,
            } => {
                let (en, zh) = self.name(device);
                let on_server = self
                    .world
                    .store()
                    .accounts
                    .first()
                    .and_then(|a| a.mailbox(folder))
                    .map_or(0, |mb| mb.exists());
                let took = self.pop3_took_mail();
                let idle = self.pushes(device);
                let (mut text_en, mut text_zh) = if on_server == 0 && *held == 0 {
                    match took {
                        Some((pop3_en, pop3_zh)) => (
                            format!("{en} asked the server: {folder} is empty ({pop3_en} deleted the mail at QUIT), so it shows nothing."),
                            format!("{zh}询问了服务器：{folder} 是空的（{pop3_zh}在 QUIT 时删除了邮件），所以它什么也不显示。"),
                        ),
                        None => (
                            format!("{en} asked the server: {folder} is empty, so it shows nothing."),
                            format!("{zh}询问了服务器：{folder} 是空的，所以它什么也不显示。"),
                        ),
                    }
                } else {
                    let fetched = match self.captions.last() {
                        Some((_, Tally::Fetched { device: d, count })) if d == device => *count,
                        _ => 0,
                    };
                    if fetched > 0 {
                        self.captions.pop();
                    }
                    (
                        format!(
                            "{en} synced {folder} with the server: {} new, it shows {}.",
                            fetched,
                            messages(*held)
                        ),
                        format!("{zh}与服务器同步了 {folder}：新邮件 {fetched} 封，现在显示 {held} 封。"),
                    )
                };
                if idle {
                    text_en.push_str(" Now it idles, so new mail is pushed at once (RFC 2177).");
                    text_zh.push_str("现在它进入 IDLE，新邮件会被立即推送（RFC 2177）。");
                }
                self.say(at, Some(device), text_en, text_zh, Tally::None);
            }
            WorldEvent::FlagsStored {
                endpoint,
                message_id,
                added,
                removed,
                ..
            } => {
                let (en, zh) = self.name(endpoint);
                let subject = self.subject(message_id);
                let change = |flag: Flag| (added.contains(flag), removed.contains(flag));
                let (text_en, text_zh) = if change(Flag::Deleted).0 {
                    (
                        format!("{en} marked {subject} \\Deleted on the server: it stays, struck through, until an EXPUNGE (RFC 3501 §6.4.3)."),
                        format!("{zh}在服务器上给{subject}加了 \\Deleted 标记：它会一直留着（划掉显示），直到 EXPUNGE（RFC 3501 §6.4.3）。"),
                    )
                } else if change(Flag::Flagged).0 {
                    (
                        format!("{en} flagged {subject} on the server."),
                        format!("{zh}在服务器上给{subject}加了旗标。"),
                    )
                } else if change(Flag::Flagged).1 {
                    (
                        format!("{en} removed the flag from {subject} on the server."),
                        format!("{zh}在服务器上取消了{subject}的旗标。"),
                    )
                } else if change(Flag::Seen).0 {
                    (
                        format!("{en} marked {subject} as read (\\Seen) on the server."),
                        format!("{zh}在服务器上把{subject}标记为已读（\\Seen）。"),
                    )
                } else if change(Flag::Seen).1 {
                    (
                        format!("{en} marked {subject} as unread on the server."),
                        format!("{zh}在服务器上把{subject}标记为未读。"),
                    )
                } else {
                    (
                        format!("{en} changed the flags of {subject} on the server."),
                        format!("{zh}在服务器上修改了{subject}的标记。"),
                    )
                };
                self.say(at, Some(endpoint), text_en, text_zh, Tally::None);
            }
            WorldEvent::FlagsLearned {
                device, message_id, ..
            } => {
                let (en, zh) = self.name(device);
                let pushed = self.pushes(device);
                if let Some((caption, Tally::Learned { device: d, count })) =
                    self.captions.last_mut()
                {
                    if d == device {
                        *count += 1;
                        caption.at = at;
                        let (when_en, when_zh) = if pushed {
                            (
                                "at once: the server pushed them while it idled (RFC 2177)",
                                "立刻得知：它在 IDLE 时服务器推送了过来（RFC 2177）",
                            )
                        } else {
                            ("at its next check", "在下一次收信时得知")
                        };
                        caption.en = capitalized(&format!(
                            "{en} learned new flags of {} {when_en}.",
                            messages(*count)
                        ));
                        caption.zh = format!("{zh}{when_zh}了 {count} 封邮件的新标记。");
                        return;
                    }
                }
                let subject = self.subject(message_id);
                let (text_en, text_zh) = if pushed {
                    (
                        format!("{en} learned the new flags of {subject} at once: the server pushed them while it idled (RFC 2177)."),
                        format!("{zh}立刻得知了{subject}的新标记：它在 IDLE 时服务器推送了过来（RFC 2177）。"),
                    )
                } else {
                    (
                        format!("{en} learned the new flags of {subject} at its next check."),
                        format!("{zh}在下一次收信时才得知{subject}的新标记。"),
                    )
                };
                self.say(
                    at,
                    Some(device),
                    text_en,
                    text_zh,
                    Tally::Learned {
                        device: device.clone(),
                        count: 1,
                    },
                );
            }
            WorldEvent::MessageRemoved {
                endpoint,
                folder,
                subject,
                cause,
                ..
            } => {
                let (en, zh) = self.name(endpoint);
                let subject = quoted(subject);
                let (text_en, text_zh) = match cause {
                    // Told with the POP3 session's own caption.
                    RemovalCause::Pop3Update => return,
                    RemovalCause::Expunged => (
                        format!("{en} expunged {subject}: the server removed it from {folder} for good (RFC 3501 §6.4.3)."),
                        format!("{zh}执行了 EXPUNGE：服务器把{subject}从 {folder} 里永久删除了（RFC 3501 §6.4.3）。"),
                    ),
                    RemovalCause::MovedTo(to) => (
                        format!("{en} moved {subject} from {folder} to {to} on the server (RFC 6851)."),
                        format!("{zh}在服务器上把{subject}从 {folder} 移到了 {to}（RFC 6851）。"),
                    ),
                };
                self.say(at, Some(endpoint), text_en, text_zh, Tally::None);
            }
            WorldEvent::MessageVanishedFromDevice { device, message_id } => {
                let (en, zh) = self.name(device);
                let self_taken = self.taken_by_pop3(message_id);
                if let Some((caption, Tally::Vanished { device: d, count })) =
                    self.captions.last_mut()
                {
                    if d == device {
                        *count += 1;
                        caption.at = at;
                        let (why_en, why_zh) = match self_taken {
                            Some((pop3_en, pop3_zh)) => (
                                format!(" ({pop3_en} deleted them at QUIT)"),
                                format!("（{pop3_zh}在 QUIT 时删除了它们）"),
                            ),
                            None => (String::new(), String::new()),
                        };
                        caption.en = capitalized(&format!(
                            "{en} dropped {}: the server said they are gone{why_en}.",
                            messages(*count)
                        ));
                        caption.zh =
                            format!("{zh}删掉了 {count} 封邮件：服务器说它们已经不在了{why_zh}。");
                        return;
                    }
                }
                let (text_en, text_zh) = match self.taken_by_pop3(message_id) {
                    Some((pop3_en, pop3_zh)) => (
                        format!("{en} dropped 1 message: the server said it is gone ({pop3_en} deleted it at QUIT)."),
                        format!("{zh}删掉了 1 封邮件：服务器说它已经不在了（{pop3_zh}在 QUIT 时删除了它）。"),
                    ),
                    None => (
                        format!("{en} dropped 1 message: the server said it is gone."),
                        format!("{zh}删掉了 1 封邮件：服务器说它已经不在了。"),
                    ),
                };
                self.say(
                    at,
                    Some(device),
                    text_en,
                    text_zh,
                    Tally::Vanished {
                        device: device.clone(),
                        count: 1,
                    },
                );
            }
            WorldEvent::ActionQueued { device } if self.offline.iter().any(|d| d == device) => {
                self.queued_offline.push(device.clone());
                let (en, zh) = self.name(device);
                self.say(
                    at,
                    Some(device),
                    format!("{en} is offline: it keeps the change in its queue until it can reach the server."),
                    format!("{zh}处于离线状态：它把这个改动留在队列里，等能连上服务器时再发送。"),
                    Tally::None,
                );
            }
            // Online, only a POP3 deletion waits: DELE can be sent only in a session (RFC 1939 §6).
            WorldEvent::ActionQueued { device } => {
                let (en, zh) = self.name(device);
                self.say(
                    at,
                    Some(device),
                    format!("{en} deleted it here and will ask the server to delete it too at its next mail check."),
                    format!("{zh}在本机删除了它，并会在下次收取邮件时请求服务器也删除它。"),
                    Tally::None,
                );
            }
            WorldEvent::ActionReplayed { device } => {
                // A change made online is told by what the server did with it, not as a replay.
                let Some(pos) = self.queued_offline.iter().position(|d| d == device) else {
                    return;
                };
                self.queued_offline.remove(pos);
                let (en, zh) = self.name(device);
                self.say(
                    at,
                    Some(device),
                    format!("{en} is back online and replayed a queued change on the server."),
                    format!("{zh}重新联网，把队列里的一个改动发送到了服务器。"),
                    Tally::None,
                );
            }
            WorldEvent::SessionFailed { device, reason } => {
                let (en, zh) = self.name(device);
                self.say(
                    at,
                    Some(device),
                    format!("{en} could not finish: {reason}"),
                    format!("{zh}没能完成：{reason}"),
                    Tally::None,
                );
            }
            WorldEvent::DeviceWentOffline { device } => {
                self.offline.push(device.clone());
                let (en, zh) = self.name(device);
                self.say(
                    at,
                    Some(device),
                    format!("{en} went offline."),
                    format!("{zh}断网了。"),
                    Tally::None,
                );
            }
            WorldEvent::DeviceWentOnline { device } => {
                self.offline.retain(|d| d != device);
                let (en, zh) = self.name(device);
                self.say(
                    at,
                    Some(device),
                    format!("{en} is online again."),
                    format!("{zh}重新联网了。"),
                    Tally::None,
                );
            }
            WorldEvent::TimeWarped { days } => self.say(
                at,
                None,
                format!("{days} days later."),
                format!("{days} 天后。"),
                Tally::None,
            ),
            _ => {}
        }
    }

    /// How many messages the UPDATE state of this POP3 connection removed.
    fn removed_at_update(&self, connection: u64) -> usize {
        let events = self.world.events();
        let opened = events
            .iter()
            .rposition(|e| matches!(&e.event, WorldEvent::ConnectionOpened { connection: c, .. } if *c == connection))
            .unwrap_or(0);
        let endpoint = events[opened..].iter().find_map(|e| match &e.event {
            WorldEvent::ConnectionOpened {
                connection: c,
                endpoint,
                ..
            } if *c == connection => Some(endpoint.label().to_string()),
            _ => None,
        });
        events[opened..]
            .iter()
            .filter(|e| {
                matches!(&e.event, WorldEvent::MessageRemoved { endpoint: who, cause: RemovalCause::Pop3Update, .. } if Some(who) == endpoint.as_ref())
            })
            .count()
    }

    /// The POP3 device whose UPDATE removed this message, if one did.
    fn taken_by_pop3(&self, message_id: &str) -> Option<(String, String)> {
        self.world
            .events()
            .iter()
            .rev()
            .find_map(|e| match &e.event {
                WorldEvent::MessageRemoved {
                    endpoint,
                    message_id: id,
                    cause,
                    ..
                } if id == message_id => Some((endpoint.clone(), cause.clone())),
                _ => None,
            })
            .filter(|(_, cause)| *cause == RemovalCause::Pop3Update)
            .map(|(endpoint, _)| self.name(&endpoint))
    }

    /// The POP3 device whose UPDATE removed mail most recently, if any did.
    fn pop3_took_mail(&self) -> Option<(String, String)> {
        self.world
            .events()
            .iter()
            .rev()
            .find_map(|e| match &e.event {
                WorldEvent::MessageRemoved {
                    endpoint,
                    cause: RemovalCause::Pop3Update,
                    ..
                } => Some(endpoint.clone()),
                _ => None,
            })
            .map(|endpoint| self.name(&endpoint))
    }
}

fn messages(n: usize) -> String {
    if n == 1 {
        "1 message".to_string()
    } else {
        format!("{n} messages")
    }
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The story so far, oldest first: at most `limit` captions, the latest last. Only events since `since` are
/// told (a long session keeps its captions few and cheap).
pub fn captions(world: &World, since: SimTime, limit: usize) -> Vec<Caption> {
    let events = super::stage::recent_events(world, since);
    // The newest events are enough for the newest sentences, and keep a busy world's frames cheap.
    let events = &events[events.len().saturating_sub(MAX_EVENTS_TOLD)..];
    // The connection each endpoint last opened, as of each event (captions of one POP3 session add up).
    let mut open: Vec<(String, u64)> = Vec::new();
    // Who was offline when the told events begin: who is offline now, with the told goings undone.
    let mut offline: Vec<String> = world
        .devices()
        .iter()
        .filter(|d| !d.online)
        .map(|d| d.id.clone())
        .collect();
    for event in events.iter().rev() {
        match &event.event {
            WorldEvent::DeviceWentOffline { device } => offline.retain(|d| d != device),
            WorldEvent::DeviceWentOnline { device } => offline.push(device.clone()),
            _ => {}
        }
    }
    let mut teller = Teller {
        world,
        captions: Vec::new(),
        offline,
        queued_offline: Vec::new(),
    };
    for event in events {
        if let WorldEvent::ConnectionOpened {
            connection,
            endpoint,
            ..
        } = &event.event
        {
            open.retain(|(e, _)| e != endpoint.label());
            open.push((endpoint.label().to_string(), *connection));
        }
        let connection_of = |endpoint: &str| {
            open.iter()
                .find(|(e, _)| e == endpoint)
                .map_or(0, |(_, c)| *c)
        };
        teller.tell(event.at, &event.event, &connection_of);
    }
    let captions = teller.captions;
    let skip = captions.len().saturating_sub(limit);
    captions.into_iter().skip(skip).map(|(c, _)| c).collect()
}
