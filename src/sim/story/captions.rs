//! Captions: the world's events told as plain sentences about mail, in the reader's language. Each is derived
//! from what ran (never a script), and says only what the RFC section it names makes true.

use super::names::{device_name, messages, quoted};
use super::stage::card_of;
use crate::i18n::{capitalized, en, Tongue};
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
    pub text: String,
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
    tongue: Tongue,
    captions: Vec<(Caption, Tally)>,
    /// Devices offline now, and how many changes each queued while offline and has not yet replayed: a
    /// change queued or replayed while online is no "offline" story.
    offline: Vec<String>,
    queued_offline: Vec<String>,
}

impl Teller<'_> {
    fn name(&self, endpoint: &str) -> String {
        match endpoint {
            "sender" => self.tongue.word("the sender").to_string(),
            "terminal" => self.tongue.word("the terminal").to_string(),
            id => device_name(self.world, id, self.tongue),
        }
    }

    fn say(&mut self, at: SimTime, device: Option<&str>, text: String, tally: Tally) {
        self.captions.push((
            Caption {
                at,
                device: device.map(str::to_string),
                text,
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
                let text = sentence(
                    self.tongue,
                    "{0} is checking mail by POP3…",
                    &[&self.name(endpoint.label())],
                );
                self.say(
                    at,
                    Some(endpoint.label()),
                    text,
                    Tally::Pop3 {
                        connection: *connection,
                        downloaded: 0,
                        marked: 0,
                    },
                );
            }
            WorldEvent::MessageDownloaded { device, .. } => {
                let id = connection_of(device);
                let name = self.name(device);
                let tongue = self.tongue;
                if let Some((caption, Tally::Pop3 { downloaded, .. })) = self.pop3_tally(id) {
                    *downloaded += 1;
                    caption.at = at;
                    let count = messages(tongue, *downloaded);
                    caption.text = sentence(
                        tongue,
                        "{0} downloaded {1} by POP3 (RETR).",
                        &[&name, &count],
                    );
                }
            }
            WorldEvent::MarkedForDeletion { endpoint, .. } => {
                let id = connection_of(endpoint);
                let name = self.name(endpoint);
                let tongue = self.tongue;
                if let Some((caption, Tally::Pop3 { marked, .. })) = self.pop3_tally(id) {
                    *marked += 1;
                    caption.at = at;
                    let count = messages(tongue, *marked);
                    caption.text = sentence(tongue,
                        "{0} marked {1} for deletion (DELE): the server keeps them until QUIT (RFC 1939 §6).",
                        &[&name, &count],
                    );
                }
            }
            WorldEvent::DeletionMarksCleared {
                endpoint,
                message_ids,
                by_rset,
            } => {
                let pieces = [
                    self.name(endpoint),
                    messages(self.tongue, message_ids.len()),
                ];
                let pieces = [pieces[0].as_str(), pieces[1].as_str()];
                let text = if *by_rset {
                    sentence(
                        self.tongue,
                        "{0} sent RSET: the server unmarked {1} (RFC 1939 §5).",
                        &pieces,
                    )
                } else {
                    sentence(self.tongue,
                        "{0}'s connection ended before QUIT: no UPDATE state, so the {1} marked for deletion stay on the server (RFC 1939 §6).",
                        &pieces,
                    )
                };
                self.say(at, Some(endpoint), text, Tally::None);
            }
            WorldEvent::ConnectionClosed {
                connection,
                endpoint,
            } if self.is_pop3(endpoint.label()) => {
                let removed = self.removed_at_update(*connection);
                let name = self.name(endpoint.label());
                let took = self.pop3_took_mail().filter(|other| *other != name);
                let tongue = self.tongue;
                let Some(entry) = self.pop3_tally(*connection) else {
                    return;
                };
                let Tally::Pop3 { downloaded: d, .. } = entry.1 else {
                    return;
                };
                let text = match (d, removed) {
                    (0, 0) => match took {
                        Some(pop3) => sentence(tongue,
                            "{0} checked by POP3: nothing to download ({1} deleted the mail at QUIT).",
                            &[&name, &pop3],
                        ),
                        None => sentence(tongue, "{0} checked by POP3: nothing new to download.", &[&name]),
                    },
                    (d, 0) => sentence(tongue, "{0} downloaded {1} and left them on the server.", &[&name, &messages(tongue, d)]),
                    (d, r) if d == r => sentence(tongue,
                        "{0} downloaded {1} and deleted them from the server at QUIT (RFC 1939 §6).",
                        &[&name, &messages(tongue, d)],
                    ),
                    (d, r) => sentence(tongue,
                        "{0} downloaded {1}; at QUIT the server deleted {2} (RFC 1939 §6).",
                        &[&name, &messages(tongue, d), &messages(tongue, r)],
                    ),
                };
                entry.0.at = at;
                entry.0.text = text;
                // Closed: later events start a caption of their own.
                entry.1 = Tally::None;
            }
            WorldEvent::MessageDelivered { message_id } => {
                let (from, subject) = card_of(self.world, message_id);
                let who = super::names::display_name(&from);
                let text = sentence(
                    self.tongue,
                    "{0}'s mail {1} reached the server's INBOX by SMTP.",
                    &[&who, &quoted(&subject)],
                );
                self.say(at, None, text, Tally::None);
            }
            WorldEvent::DeliveryRefused { reply } => {
                let text = sentence(self.tongue, "The server refused the mail: {0}", &[reply]);
                self.say(at, None, text, Tally::None);
            }
            WorldEvent::MessageFetched { device, message_id } => {
                let name = self.name(device);
                let pushed = self.pushes(device) && self.world.is_idling(device);
                let tongue = self.tongue;
                let last = self.captions.last_mut();
                if let Some((caption, Tally::Fetched { device: d, count })) = last {
                    if d == device {
                        *count += 1;
                        caption.at = at;
                        let n = messages(tongue, *count);
                        caption.text =
                            sentence(tongue, "{0} downloaded {1} by IMAP.", &[&name, &n]);
                        return;
                    }
                }
                let subject = self.subject(message_id);
                let text = if pushed {
                    sentence(self.tongue,
                        "{0} was idling: the server told it at once, and it downloaded {1} (RFC 2177).",
                        &[&name, &subject],
                    )
                } else {
                    sentence(
                        self.tongue,
                        "{0} downloaded {1} by IMAP.",
                        &[&name, &subject],
                    )
                };
                self.say(
                    at,
                    Some(device),
                    text,
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
                let name = self.name(device);
                let on_server = self
                    .world
                    .store()
                    .accounts
                    .first()
                    .and_then(|a| a.mailbox(folder))
                    .map_or(0, |mb| mb.exists());
                let took = self.pop3_took_mail();
                let idle = self.pushes(device);
                let mut text = if on_server == 0 && *held == 0 {
                    match took {
                        Some(pop3) => sentence(self.tongue,
                            "{0} asked the server: {1} is empty ({2} deleted the mail at QUIT), so it shows nothing.",
                            &[&name, folder, &pop3],
                        ),
                        None => sentence(self.tongue,
                            "{0} asked the server: {1} is empty, so it shows nothing.",
                            &[&name, folder],
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
                    sentence(
                        self.tongue,
                        "{0} synced {1} with the server: {2} new, it shows {3}.",
                        &[
                            &name,
                            folder,
                            &fetched.to_string(),
                            &messages(self.tongue, *held),
                        ],
                    )
                };
                if idle {
                    text = self.tongue.fill(
                        "{0} Now it idles, so new mail is pushed at once (RFC 2177).",
                        &[&text],
                    );
                }
                self.say(at, Some(device), text, Tally::None);
            }
            WorldEvent::FlagsStored {
                endpoint,
                message_id,
                added,
                removed,
                ..
            } => {
                let pieces = [self.name(endpoint), self.subject(message_id)];
                let pieces = [pieces[0].as_str(), pieces[1].as_str()];
                let change = |flag: Flag| (added.contains(flag), removed.contains(flag));
                let english = if change(Flag::Deleted).0 {
                    en("{0} marked {1} \\Deleted on the server: it stays, struck through, until an EXPUNGE (RFC 3501 §6.4.3).")
                } else if change(Flag::Flagged).0 {
                    en("{0} flagged {1} on the server.")
                } else if change(Flag::Flagged).1 {
                    en("{0} removed the flag from {1} on the server.")
                } else if change(Flag::Seen).0 {
                    en("{0} marked {1} as read (\\Seen) on the server.")
                } else if change(Flag::Seen).1 {
                    en("{0} marked {1} as unread on the server.")
                } else {
                    en("{0} changed the flags of {1} on the server.")
                };
                let text = sentence(self.tongue, english, &pieces);
                self.say(at, Some(endpoint), text, Tally::None);
            }
            WorldEvent::FlagsLearned {
                device, message_id, ..
            } => {
                let name = self.name(device);
                let pushed = self.pushes(device);
                let tongue = self.tongue;
                if let Some((caption, Tally::Learned { device: d, count })) =
                    self.captions.last_mut()
                {
                    if d == device {
                        *count += 1;
                        caption.at = at;
                        let english = if pushed {
                            en("{0} learned new flags of {1} at once: the server pushed them while it idled (RFC 2177).")
                        } else {
                            en("{0} learned new flags of {1} at its next check.")
                        };
                        let n = messages(tongue, *count);
                        caption.text = sentence(tongue, english, &[&name, &n]);
                        return;
                    }
                }
                let subject = self.subject(message_id);
                let english = if pushed {
                    en("{0} learned the new flags of {1} at once: the server pushed them while it idled (RFC 2177).")
                } else {
                    en("{0} learned the new flags of {1} at its next check.")
                };
                let text = sentence(self.tongue, english, &[&name, &subject]);
                self.say(
                    at,
                    Some(device),
                    text,
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
                let name = self.name(endpoint);
                let subject = quoted(subject);
                let text = match cause {
                    // Told with the POP3 session's own caption.
                    RemovalCause::Pop3Update => return,
                    RemovalCause::Expunged => sentence(self.tongue,
                        "{0} expunged {1}: the server removed it from {2} for good (RFC 3501 §6.4.3).",
                        &[&name, &subject, folder],
                    ),
                    RemovalCause::MovedTo(to) => sentence(self.tongue,
                        "{0} moved {1} from {2} to {3} on the server (RFC 6851).",
                        &[&name, &subject, folder, to],
                    ),
                };
                self.say(at, Some(endpoint), text, Tally::None);
            }
            WorldEvent::MessageVanishedFromDevice { device, message_id } => {
                let name = self.name(device);
                let taken_by = self.taken_by_pop3(message_id);
                let tongue = self.tongue;
                if let Some((caption, Tally::Vanished { device: d, count })) =
                    self.captions.last_mut()
                {
                    if d == device {
                        *count += 1;
                        caption.at = at;
                        let n = messages(tongue, *count);
                        caption.text = match &taken_by {
                            Some(pop3) => sentence(
                                tongue,
                                "{0} dropped {1}: the server said they are gone ({2} deleted them at QUIT).",
                                &[&name, &n, pop3],
                            ),
                            None => sentence(
                                tongue,
                                "{0} dropped {1}: the server said they are gone.",
                                &[&name, &n],
                            ),
                        };
                        return;
                    }
                }
                let text = match &taken_by {
                    Some(pop3) => sentence(self.tongue,
                        "{0} dropped 1 message: the server said it is gone ({1} deleted it at QUIT).",
                        &[&name, pop3],
                    ),
                    None => sentence(self.tongue, "{0} dropped 1 message: the server said it is gone.", &[&name]),
                };
                self.say(
                    at,
                    Some(device),
                    text,
                    Tally::Vanished {
                        device: device.clone(),
                        count: 1,
                    },
                );
            }
            WorldEvent::ActionQueued { device } if self.offline.iter().any(|d| d == device) => {
                self.queued_offline.push(device.clone());
                let text = sentence(self.tongue,
                    "{0} is offline: it keeps the change in its queue until it can reach the server.",
                    &[&self.name(device)],
                );
                self.say(at, Some(device), text, Tally::None);
            }
            // Online, only a POP3 deletion waits: DELE can be sent only in a session (RFC 1939 §6).
            WorldEvent::ActionQueued { device } => {
                let text = sentence(self.tongue,
                    "{0} deleted it here and will ask the server to delete it too at its next mail check.",
                    &[&self.name(device)],
                );
                self.say(at, Some(device), text, Tally::None);
            }
            WorldEvent::ActionReplayed { device } => {
                // A change made online is told by what the server did with it, not as a replay.
                let Some(pos) = self.queued_offline.iter().position(|d| d == device) else {
                    return;
                };
                self.queued_offline.remove(pos);
                let text = sentence(
                    self.tongue,
                    "{0} is back online and replayed a queued change on the server.",
                    &[&self.name(device)],
                );
                self.say(at, Some(device), text, Tally::None);
            }
            WorldEvent::SessionFailed { device, reason } => {
                let text = sentence(
                    self.tongue,
                    "{0} could not finish: {1}",
                    &[&self.name(device), reason],
                );
                self.say(at, Some(device), text, Tally::None);
            }
            WorldEvent::DeviceWentOffline { device } => {
                self.offline.push(device.clone());
                let text = sentence(self.tongue, "{0} went offline.", &[&self.name(device)]);
                self.say(at, Some(device), text, Tally::None);
            }
            WorldEvent::DeviceWentOnline { device } => {
                self.offline.retain(|d| d != device);
                let text = sentence(self.tongue, "{0} is online again.", &[&self.name(device)]);
                self.say(at, Some(device), text, Tally::None);
            }
            WorldEvent::TimeWarped { days } => {
                let text = sentence(self.tongue, "{0} days later.", &[&days.to_string()]);
                self.say(at, None, text, Tally::None);
            }
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
    fn taken_by_pop3(&self, message_id: &str) -> Option<String> {
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
    fn pop3_took_mail(&self) -> Option<String> {
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

/// The story so far, oldest first: at most `limit` captions, the latest last. Only events since `since` are
/// told (a long session keeps its captions few and cheap).
pub fn captions(world: &World, since: SimTime, limit: usize, tongue: Tongue) -> Vec<Caption> {
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
        tongue,
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

/// A caption's sentence in the reader's language, its first letter a capital ("the laptop …" starts one).
fn sentence(tongue: Tongue, english: &'static str, pieces: &[&str]) -> String {
    capitalized(&tongue.fill(english, pieces))
}
