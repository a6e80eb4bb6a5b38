//! Connections and the lines on them: every line is sent at a sim time, travels its link for the link's
//! latency, and is handled where it arrives. Lines in one direction leave one after another, so a long reply
//! is a train of packets the view can draw.

use super::tap::Tap;
use super::{Happening, World, WorldEvent, LOGIN, PASSWORD};
use crate::sim::device::DeviceClient;
use crate::sim::imap::{self, ImapEvent};
use crate::sim::mail::{header_value, Flags, MessageDraft};
use crate::sim::pop3::{self, Credentials, Pop3Client, Pop3ClientEvent};
use crate::sim::session::{ClientSession, Direction, ServerSession, WireProtocol};
use crate::sim::smtp::{self, SmtpClient, SmtpClientEvent};
use crate::sim::time::SimTime;
use crate::sim::transcript::{ContentTracker, Endpoint, TranscriptEntry};
use std::collections::VecDeque;

/// The outside sender's link: mail comes from far away.
pub const SENDER_LATENCY: SimTime = SimTime::from_millis(800);
/// The raw terminal's link.
const TERMINAL_LATENCY: SimTime = SimTime::from_millis(300);
/// Lines in one direction leave at least this far apart (the wire carries one at a time)...
const LINE_GAP: SimTime = SimTime::from_millis(80);
/// ... but a reply of many lines is spread over at most this long, so a message's journey takes about a second
/// at 1× however long it is (a person follows one card, not a minute of dots).
const MAX_SPREAD: u64 = 480;

/// The gap between the lines of a reply of `lines` lines.
pub(super) fn gap_for(lines: usize) -> SimTime {
    let spread = MAX_SPREAD / (lines.max(1) as u64);
    SimTime::from_millis(spread.clamp(1, LINE_GAP.millis()))
}

fn line_count(texts: &[String]) -> usize {
    texts.iter().map(|t| t.split("\r\n").count()).sum()
}

/// The client half a connection carries (an IMAP device's client lives in the device, across connections).
pub(super) enum ClientHalf {
    Pop3(Box<Pop3Client>),
    Imap,
    /// The outside sender's client and the Message-ID of the message it hands over.
    Smtp(Box<SmtpClient>, String),
    Terminal,
}

pub(super) struct Connection {
    pub endpoint: Endpoint,
    pub protocol: WireProtocol,
    pub server: Box<dyn ServerSession + Send>,
    pub client: ClientHalf,
    latency: SimTime,
    /// When each direction's wire is free again: [client→server, server→client].
    busy_until: [SimTime; 2],
    tracker: ContentTracker,
    lines_sent: usize,
    /// Transcript entries still on the wire, ascending as they were appended. A long reply puts thousands on the
    /// wire at once and they mostly arrive oldest first, which a deque removes cheaply (a sorted `Vec` would shift).
    in_flight: VecDeque<usize>,
    /// What the world's tap follows on this connection (message texts, POP3 marks, the selected folder).
    pub tap: Tap,
}

fn slot(direction: Direction) -> usize {
    match direction {
        Direction::ClientToServer => 0,
        Direction::ServerToClient => 1,
    }
}

impl World {
    /// Opens a connection and lets the server greet; returns its id.
    pub(super) fn open_connection(
        &mut self,
        endpoint: Endpoint,
        protocol: WireProtocol,
        client: ClientHalf,
        latency: SimTime,
    ) -> u64 {
        let id = self.next_connection;
        self.next_connection += 1;
        let server = match protocol {
            WireProtocol::Pop3 => pop3::server_session(&mut self.store, id, self.now),
            WireProtocol::Imap => imap::server_session(&mut self.store, id, self.now),
            WireProtocol::Smtp => smtp::server_session(&mut self.store, id, self.now),
        };
        self.emit(WorldEvent::ConnectionOpened {
            connection: id,
            endpoint: endpoint.clone(),
            protocol,
        });
        self.connections.insert(
            id,
            Connection {
                endpoint,
                protocol,
                server,
                client,
                latency,
                busy_until: [self.now; 2],
                tracker: ContentTracker::default(),
                lines_sent: 0,
                in_flight: VecDeque::new(),
                tap: Tap::default(),
            },
        );
        self.flush_server(id);
        id
    }

    /// Opens the device's connection to the server and starts its client's session.
    pub(super) fn connect_device(&mut self, index: usize) {
        let now = self.now;
        let device = &mut self.devices[index];
        if !device.online || device.connection.is_some() {
            return;
        }
        let (protocol, client) = match &mut device.client {
            DeviceClient::Pop3 {
                settings, state, ..
            } => {
                let credentials = Credentials {
                    login: LOGIN.to_string(),
                    password: PASSWORD.to_string(),
                };
                let client = Pop3Client::new(settings.clone(), state.clone(), credentials);
                (WireProtocol::Pop3, ClientHalf::Pop3(Box::new(client)))
            }
            DeviceClient::Imap(client) => {
                client.connect(now);
                (WireProtocol::Imap, ClientHalf::Imap)
            }
        };
        let endpoint = Endpoint::Device(device.id.clone());
        let latency = device.latency;
        let id = self.open_connection(endpoint, protocol, client, latency);
        self.devices[index].connection = Some(id);
    }

    /// The outside sender hands one message to the server by SMTP.
    pub(super) fn send_from_outside(&mut self, draft: &MessageDraft) {
        let client = SmtpClient::for_draft("sender.example", draft, self.now);
        self.open_connection(
            Endpoint::Sender,
            WireProtocol::Smtp,
            ClientHalf::Smtp(Box::new(client), draft.message_id.clone()),
            SENDER_LATENCY,
        );
    }

    /// The terminal's open connection for this protocol, opened if need be.
    pub(super) fn terminal_connection(&mut self, protocol: WireProtocol) -> u64 {
        let open = self
            .connections
            .iter()
            .find(|(_, c)| c.endpoint == Endpoint::Terminal && c.protocol == protocol)
            .map(|(id, _)| *id);
        open.unwrap_or_else(|| {
            self.open_connection(
                Endpoint::Terminal,
                protocol,
                ClientHalf::Terminal,
                TERMINAL_LATENCY,
            )
        })
    }

    /// Puts `text` on the wire, one transcript entry per line (an IMAP literal may hold several).
    pub(super) fn transmit(&mut self, id: u64, direction: Direction, text: &str, gap: SimTime) {
        let now = self.now;
        let Some(conn) = self.connections.get_mut(&id) else {
            return;
        };
        let mut arrivals = Vec::new();
        let mut tapped = Vec::new();
        for line in text.split("\r\n") {
            let in_content = conn.tracker.classify(conn.protocol, direction, line);
            let answering = match direction {
                Direction::ServerToClient => conn.tracker.last_command.clone(),
                Direction::ClientToServer => None,
            };
            let sent = now.max(conn.busy_until[slot(direction)]);
            conn.busy_until[slot(direction)] = sent.saturating_add(gap);
            let entry = TranscriptEntry {
                connection: id,
                endpoint: conn.endpoint.clone(),
                protocol: conn.protocol,
                direction,
                text: line.to_string(),
                sent,
                arrives: sent.saturating_add(conn.latency),
                answering,
                in_content,
                greeting: conn.lines_sent == 0,
                facts: conn.tracker.facts(),
                lost: false,
                moment: self.moments,
            };
            conn.lines_sent += 1;
            let index = self.transcript.len();
            conn.in_flight.push_back(index);
            arrivals.push((entry.arrives, index));
            tapped.push((index, in_content));
            self.transcript.push(entry);
        }
        for (index, in_content) in tapped {
            let line = std::mem::take(&mut self.transcript[index].text);
            self.tap_line(id, direction, &line, index, in_content);
            self.transcript[index].text = line;
        }
        for (arrives, entry) in arrivals {
            let what = Happening::LineArrived {
                connection: id,
                direction,
                entry,
            };
            self.schedule(arrives, what);
        }
    }

    /// Sends every line the server has queued on this connection.
    pub(super) fn flush_server(&mut self, id: u64) {
        let mut lines = Vec::new();
        if let Some(conn) = self.connections.get_mut(&id) {
            while let Some(line) = conn.server.poll_output() {
                lines.push(line);
            }
        }
        let gap = gap_for(line_count(&lines));
        for line in lines {
            self.transmit(id, Direction::ServerToClient, &line, gap);
        }
    }

    /// A line reached its end of the connection.
    pub(super) fn deliver_line(&mut self, id: u64, direction: Direction, entry: usize) {
        let now = self.now;
        let Some(conn) = self.connections.get_mut(&id) else {
            return;
        };
        if let Ok(i) = conn.in_flight.binary_search(&entry) {
            conn.in_flight.remove(i);
        }
        let text = self
            .transcript
            .get(entry)
            .map(|e| e.text.clone())
            .unwrap_or_default();
        match direction {
            Direction::ClientToServer => {
                let generation = self.store.generation;
                let before = self.tap_before(id, &text);
                let Some(conn) = self.connections.get_mut(&id) else {
                    return;
                };
                let mut bytes = text.clone().into_bytes();
                bytes.extend_from_slice(b"\r\n");
                conn.server.handle_input(&mut self.store, &bytes, now);
                let reply_from = self.transcript.len();
                self.flush_server(id);
                self.tap_after(id, &text, reply_from, before);
                if self.store.generation != generation {
                    self.notify_store_changed(id);
                }
            }
            Direction::ServerToClient => self.client_receives(id, &text),
        }
        self.close_if_done(id);
    }

    /// A server session's timer fell due (an autologout, RFC 1939 §3, RFC 3501 §5.4): it acts, what it says goes
    /// on the wire, and a session that closed ends its connection as soon as the wire is clear.
    pub(super) fn fire_server_timer(&mut self, id: u64) {
        let now = self.now;
        let Some(conn) = self.connections.get_mut(&id) else {
            return;
        };
        let generation = self.store.generation;
        conn.server.handle_timeout(&mut self.store, now);
        self.flush_server(id);
        if self.store.generation != generation {
            self.notify_store_changed(id);
        }
        self.close_if_done(id);
    }

    /// Every other session hears that the store changed: IMAP sessions in IDLE push at once (RFC 2177).
    fn notify_store_changed(&mut self, except: u64) {
        let now = self.now;
        let ids: Vec<u64> = self
            .connections
            .keys()
            .copied()
            .filter(|id| *id != except)
            .collect();
        for id in ids {
            if let Some(conn) = self.connections.get_mut(&id) {
                conn.server.handle_store_changed(&mut self.store, now);
            }
            self.flush_server(id);
        }
    }

    /// The client end handles a server line, then says what it has to say.
    fn client_receives(&mut self, id: u64, line: &str) {
        let now = self.now;
        let Some(conn) = self.connections.get_mut(&id) else {
            return;
        };
        match &mut conn.client {
            ClientHalf::Pop3(client) => client.handle_line(line, now),
            ClientHalf::Smtp(client, _) => client.handle_line(line, now),
            ClientHalf::Terminal => {}
            ClientHalf::Imap => {
                let device = conn.endpoint.device().map(str::to_string);
                if let Some(DeviceClient::Imap(client)) = self
                    .devices
                    .iter_mut()
                    .find(|d| device.as_deref() == Some(d.id.as_str()))
                    .map(|d| &mut d.client)
                {
                    client.handle_line(line, now);
                }
            }
        }
        self.pump_client(id);
    }

    /// Collects the client's events and sends what it wants to send.
    pub(super) fn pump_client(&mut self, id: u64) {
        self.collect_client_events(id);
        let texts: Vec<String> = std::iter::from_fn(|| self.next_client_transmit(id)).collect();
        let gap = gap_for(line_count(&texts));
        for text in texts {
            if self.intercept_quit(id, &text) {
                return;
            }
            self.transmit(id, Direction::ClientToServer, &text, gap);
        }
    }

    fn next_client_transmit(&mut self, id: u64) -> Option<String> {
        let conn = self.connections.get_mut(&id)?;
        match &mut conn.client {
            ClientHalf::Pop3(client) => client.poll_transmit(),
            ClientHalf::Smtp(client, _) => client.poll_transmit(),
            ClientHalf::Terminal => None,
            ClientHalf::Imap => {
                let device = conn.endpoint.device().map(str::to_string);
                match self
                    .devices
                    .iter_mut()
                    .find(|d| device.as_deref() == Some(d.id.as_str()))
                    .map(|d| &mut d.client)
                {
                    Some(DeviceClient::Imap(client)) => client.poll_transmit(),
                    _ => None,
                }
            }
        }
    }

    /// The `DropBeforeQuit` fault: the network fails just as the client would end the session.
    fn intercept_quit(&mut self, id: u64, text: &str) -> bool {
        let Some(device) = self.device_of(id) else {
            return false;
        };
        let upper = text.to_ascii_uppercase();
        let ends_session = upper == "QUIT" || upper.ends_with(" LOGOUT");
        if !(ends_session && self.devices[device].drop_before_quit) {
            return false;
        }
        self.devices[device].drop_before_quit = false;
        self.drop_connection(id);
        true
    }

    fn device_of(&self, id: u64) -> Option<usize> {
        let conn = self.connections.get(&id)?;
        match &conn.endpoint {
            Endpoint::Device(name) => self.devices.iter().position(|d| d.id == *name),
            _ => None,
        }
    }

    fn collect_client_events(&mut self, id: u64) {
        let Some(conn) = self.connections.get_mut(&id) else {
            return;
        };
        let label = conn.endpoint.label().to_string();
        match &mut conn.client {
            ClientHalf::Pop3(client) => {
                let events: Vec<Pop3ClientEvent> =
                    std::iter::from_fn(|| client.poll_event()).collect();
                for event in events {
                    self.apply_pop3_event(&label, event);
                }
            }
            ClientHalf::Smtp(client, message_id) => {
                let message_id = message_id.clone();
                let events: Vec<SmtpClientEvent> =
                    std::iter::from_fn(|| client.poll_event()).collect();
                for event in events {
                    match event {
                        SmtpClientEvent::MessageAccepted { .. } => {
                            self.emit(WorldEvent::MessageDelivered {
                                message_id: message_id.clone(),
                            })
                        }
                        SmtpClientEvent::MessageRejected { reply, .. } => {
                            self.emit(WorldEvent::DeliveryRefused { reply })
                        }
                        SmtpClientEvent::Failed { reason } => {
                            self.emit(WorldEvent::DeliveryRefused { reply: reason })
                        }
                        SmtpClientEvent::SessionEnded => {}
                    }
                }
            }
            ClientHalf::Imap => {
                let events: Vec<ImapEvent> = match self.devices.iter_mut().find(|d| d.id == label) {
                    Some(device) => match &mut device.client {
                        DeviceClient::Imap(client) => {
                            std::iter::from_fn(|| client.poll_event()).collect()
                        }
                        DeviceClient::Pop3 { .. } => Vec::new(),
                    },
                    None => Vec::new(),
                };
                for event in events {
                    self.apply_imap_event(&label, event);
                }
            }
            ClientHalf::Terminal => {}
        }
    }

    fn apply_pop3_event(&mut self, device: &str, event: Pop3ClientEvent) {
        match event {
            Pop3ClientEvent::MessageDownloaded {
                uidl,
                text,
                headers_only,
            } => {
                let message_id = header_value(&text, "Message-ID")
                    .map(|v| {
                        v.trim_matches(|c| c == '<' || c == '>' || c == ' ')
                            .to_string()
                    })
                    .unwrap_or_else(|| uidl.clone());
                if let Some(DeviceClient::Pop3 { messages, .. }) = self
                    .devices
                    .iter_mut()
                    .find(|d| d.id == device)
                    .map(|d| &mut d.client)
                {
                    messages.push(crate::sim::device::Pop3LocalMessage {
                        uidl,
                        message_id: message_id.clone(),
                        text,
                        flags: Flags::EMPTY,
                        headers_only,
                    });
                }
                self.emit(WorldEvent::MessageDownloaded {
                    device: device.to_string(),
                    message_id,
                });
            }
            Pop3ClientEvent::AuthenticationFailed { reply }
            | Pop3ClientEvent::LockedOut { reply }
            | Pop3ClientEvent::MessageUnavailable { reply, .. } => {
                self.emit(WorldEvent::SessionFailed {
                    device: device.to_string(),
                    reason: reply,
                })
            }
            Pop3ClientEvent::Failed { reason } => self.emit(WorldEvent::SessionFailed {
                device: device.to_string(),
                reason,
            }),
            Pop3ClientEvent::MaildropOpened { .. }
            | Pop3ClientEvent::MessageMarkedForDeletion { .. }
            | Pop3ClientEvent::SessionEnded { .. } => {}
        }
    }

    fn apply_imap_event(&mut self, device: &str, event: ImapEvent) {
        let device = device.to_string();
        match event {
            ImapEvent::MessageFetched { message_id, .. } => {
                self.emit(WorldEvent::MessageFetched { device, message_id })
            }
            ImapEvent::MessageVanished { message_id, .. } => {
                self.emit(WorldEvent::MessageVanishedFromDevice { device, message_id })
            }
            ImapEvent::QueuedActionReplayed { .. } => {
                self.emit(WorldEvent::ActionReplayed { device })
            }
            ImapEvent::Failed { reason } => self.emit(WorldEvent::SessionFailed { device, reason }),
            ImapEvent::FlagsChanged { folder, uid, flags } => {
                let message_id = self.cached(&device, &folder, |f| {
                    f.messages.get(&uid).map(|m| m.message_id.clone())
                });
                if let Some(message_id) = message_id.flatten() {
                    self.emit(WorldEvent::FlagsLearned {
                        device,
                        folder,
                        message_id,
                        flags,
                    });
                }
            }
            ImapEvent::FolderSynced { folder } => {
                let messages = self
                    .cached(&device, &folder, |f| f.messages.len())
                    .unwrap_or(0);
                self.emit(WorldEvent::FolderSynced {
                    device,
                    folder,
                    messages,
                });
            }
            ImapEvent::IdleStarted { folder } => {
                self.emit(WorldEvent::IdleStarted { device, folder })
            }
            _ => {}
        }
    }

    /// Reads an IMAP device's cache of one folder.
    fn cached<R>(
        &self,
        device: &str,
        folder: &str,
        read: impl FnOnce(&crate::sim::imap::client::FolderCache) -> R,
    ) -> Option<R> {
        match &self.device(device)?.client {
            DeviceClient::Imap(client) => client.cache.folders.get(folder).map(read),
            DeviceClient::Pop3 { .. } => None,
        }
    }

    /// Closes a connection whose server has ended it once its last line has arrived.
    fn close_if_done(&mut self, id: u64) {
        let Some(conn) = self.connections.get(&id) else {
            return;
        };
        if !(conn.server.is_closed() && conn.in_flight.is_empty()) {
            return;
        }
        self.finish_connection(id);
        if let Some(conn) = self.connections.remove(&id) {
            self.emit(WorldEvent::ConnectionClosed {
                connection: id,
                endpoint: conn.endpoint,
            });
        }
    }

    /// Saves what the client learned and frees its device for the next connection.
    fn finish_connection(&mut self, id: u64) {
        let now = self.now;
        self.collect_client_events(id);
        let Some(index) = self.device_of(id) else {
            return;
        };
        // The UIDL state as the client left it, dropped connection or not (what popstate.dat would hold).
        let pop3_state = match self.connections.get(&id).map(|c| &c.client) {
            Some(ClientHalf::Pop3(client)) => Some(client.state().clone()),
            _ => None,
        };
        let device = &mut self.devices[index];
        device.connection = None;
        if let (Some(new), DeviceClient::Pop3 { state, .. }) = (pop3_state, &mut device.client) {
            *state = new;
        }
        if let DeviceClient::Imap(client) = &mut device.client {
            if !matches!(
                client.connection(),
                crate::sim::imap::client::Connection::Finished
            ) {
                client.disconnect(now);
            }
        }
        self.collect_imap_disconnect(index);
    }

    fn collect_imap_disconnect(&mut self, index: usize) {
        let label = self.devices[index].id.clone();
        let events: Vec<ImapEvent> = match &mut self.devices[index].client {
            DeviceClient::Imap(client) => std::iter::from_fn(|| client.poll_event()).collect(),
            DeviceClient::Pop3 { .. } => Vec::new(),
        };
        for event in events {
            self.apply_imap_event(&label, event);
        }
    }

    /// The connection fails: lines on the wire are lost, the server session ends without its proper end
    /// (RFC 1939 §6: a POP3 session enters no UPDATE state), and the client keeps what it had.
    pub(super) fn drop_connection(&mut self, id: u64) {
        let now = self.now;
        self.tap_dropped(id);
        let Some(mut conn) = self.connections.remove(&id) else {
            return;
        };
        conn.server.handle_disconnect(&mut self.store, now);
        let lost = conn.in_flight.len();
        for entry in &conn.in_flight {
            if let Some(e) = self.transcript.get_mut(*entry) {
                e.lost = true;
                e.arrives = now.max(e.sent);
            }
        }
        self.queue
            .retain(|std::cmp::Reverse(s)| !matches!(s.what, Happening::LineArrived { connection, .. } if connection == id));
        let endpoint = conn.endpoint.clone();
        self.connections.insert(id, conn);
        self.finish_connection(id);
        self.connections.remove(&id);
        self.emit(WorldEvent::ConnectionDropped {
            connection: id,
            endpoint,
            lines_lost: lost,
        });
        // The POP3 lock is gone, so the store may look different to sessions waiting on it.
        self.notify_store_changed(id);
    }
}
