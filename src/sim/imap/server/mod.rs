//! The IMAP server session (RFC 3501 §3 states; §6 commands), one per connection, over the shared store.

mod auth;
mod fetch;
mod mailboxes;
mod search;
mod store_cmd;
pub mod view;

use super::framing::{CommandFramer, Framed};
use super::wire::{command_word, leading_tag};
use super::CAPABILITIES;
use crate::sim::mail::{Mailbox, Store};
use crate::sim::session::ServerSession;
use crate::sim::time::SimTime;
use imap_codec::decode::Decoder;
use imap_codec::imap_types::command::{Command, CommandBody};
use imap_codec::imap_types::extensions::enable::CapabilityEnable;
use imap_codec::CommandCodec;
use std::collections::VecDeque;
use std::fmt;
use view::{Reporting, SelectedView};

/// The connection states of RFC 3501 §3; each prints as the RFC spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ImapState {
    NotAuthenticated,
    Authenticated,
    Selected,
    Logout,
}

impl fmt::Display for ImapState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ImapState::NotAuthenticated => "Not Authenticated",
            ImapState::Authenticated => "Authenticated",
            ImapState::Selected => "Selected",
            ImapState::Logout => "Logout",
        })
    }
}

/// One IMAP connection's server side.
#[derive(Debug, Clone)]
pub struct ImapServer {
    session_id: u64,
    state: ImapState,
    login: Option<String>,
    selected: Option<SelectedView>,
    framer: CommandFramer,
    output: VecDeque<String>,
    /// The tag of the IDLE command in progress (RFC 2177 §3).
    idle_tag: Option<String>,
    /// The tag of an AUTHENTICATE waiting for the client's response line (RFC 3501 §6.2.2).
    authenticate_tag: Option<String>,
    reporting: Reporting,
    /// When the client last sent anything, for the autologout timer.
    last_activity: SimTime,
}

/// RFC 3501 §5.4: an inactivity autologout timer lasts at least 30 minutes.
pub const AUTOLOGOUT: SimTime = SimTime::from_minutes(30);

/// How a command ended: the tagged status and its text (RFC 3501 §7.1).
pub(crate) enum Outcome {
    Ok(String),
    No(String),
    Bad(String),
    /// The command already wrote its own tagged line (LOGOUT, IDLE's continuation).
    Done,
}

impl ImapServer {
    pub fn new(session_id: u64, now: SimTime) -> Self {
        let mut server = ImapServer {
            session_id,
            state: ImapState::NotAuthenticated,
            login: None,
            selected: None,
            framer: CommandFramer::default(),
            output: VecDeque::new(),
            idle_tag: None,
            authenticate_tag: None,
            reporting: Reporting::default(),
            last_activity: now,
        };
        // RFC 3501 §7.1.1: the greeting may carry the capabilities, saving the client a round trip.
        server.output.push_back(format!(
            "* OK [CAPABILITY {CAPABILITIES}] Mailroom IMAP ready."
        ));
        server
    }

    pub fn session_id(&self) -> u64 {
        self.session_id
    }

    pub fn state(&self) -> ImapState {
        self.state
    }

    /// The selected mailbox as this session sees it, if any.
    pub fn view(&self) -> Option<&SelectedView> {
        self.selected.as_ref()
    }

    pub fn is_idling(&self) -> bool {
        self.idle_tag.is_some()
    }

    fn push(&mut self, line: String) {
        self.output.push_back(line);
    }

    fn push_all(&mut self, lines: Vec<String>) {
        self.output.extend(lines);
    }

    fn mailbox<'s>(&self, store: &'s Store, name: &str) -> Option<&'s Mailbox> {
        store.account(self.login.as_deref()?)?.mailbox(name)
    }

    fn mailbox_mut<'s>(&self, store: &'s mut Store, name: &str) -> Option<&'s mut Mailbox> {
        store.account_mut(self.login.as_deref()?)?.mailbox_mut(name)
    }

    /// `NO [OVERQUOTA]` if `octets` more would take the account past its quota (RFC 9208 §4.3.1, RFC 5530 §3);
    /// the text is Dovecot's.
    fn quota_refusal(&self, store: &Store, octets: usize) -> Option<Outcome> {
        let account = store.account(self.login.as_deref()?)?;
        account
            .check_room(octets)
            .is_err()
            .then(|| Outcome::No("[OVERQUOTA] Quota exceeded (mailbox for user is full)".into()))
    }

    /// Reports changes to the selected mailbox made elsewhere (RFC 3501 §7.4.1; §5.2 "with any command").
    fn report_updates(&mut self, store: &mut Store, allow_expunge: bool) {
        let Some(name) = self.selected.as_ref().map(|v| v.mailbox.clone()) else {
            return;
        };
        let reporting = self.reporting;
        let mut lines = Vec::new();
        if let (Some(view), Some(mailbox)) = (
            self.selected.as_mut(),
            store
                .account(self.login.as_deref().unwrap_or(""))
                .and_then(|a| a.mailbox(&name)),
        ) {
            // A read-only view shows new messages as \Recent without taking the flag (RFC 3501 §6.3.2).
            view.report_changes(mailbox, allow_expunge, true, reporting, &mut lines);
        }
        if lines.iter().any(|l| l.ends_with(" EXISTS"))
            && !self.selected.as_ref().is_some_and(|v| v.read_only)
        {
            if let Some(mailbox) = self.mailbox_mut(store, &name) {
                mailbox.first_recent_uid = mailbox.first_recent_uid.max(mailbox.uid_next);
            }
        }
        self.push_all(lines);
    }

    fn handle_frame(&mut self, store: &mut Store, frame: Framed, now: SimTime) {
        match frame {
            Framed::ContinuationNeeded => self.push("+ Ready for literal data".into()),
            Framed::LiteralTooLarge { tag, length } => {
                let text = format!("Literal of {length} octets is too large");
                self.push(match tag {
                    Some(t) => format!("{t} BAD {text}"),
                    None => format!("* BAD {text}"),
                });
            }
            Framed::LineTooLong { tag } => self.push(match tag {
                Some(t) => format!("{t} BAD Command line too long"),
                None => "* BAD Command line too long".into(),
            }),
            Framed::Command(bytes) => {
                if let Some(tag) = self.idle_tag.take() {
                    self.finish_idle(store, &tag, &bytes);
                } else if let Some(tag) = self.authenticate_tag.take() {
                    let line = bytes.strip_suffix(b"\r\n").unwrap_or(&bytes);
                    let outcome = self.finish_authenticate(
                        store,
                        crate::sim::sasl::plain_from_response_line(line),
                    );
                    self.push_outcome(&tag, outcome);
                } else {
                    self.handle_command(store, &bytes, now);
                }
            }
        }
    }

    /// RFC 2177 §3: `DONE` ends IDLE; anything else is a protocol error that also ends it.
    fn finish_idle(&mut self, store: &mut Store, tag: &str, bytes: &[u8]) {
        self.report_updates(store, true);
        let line = String::from_utf8_lossy(bytes);
        if line.trim_end().eq_ignore_ascii_case("DONE") {
            self.push(format!("{tag} OK IDLE terminated"));
        } else {
            self.push(format!("{tag} BAD Expected DONE to end IDLE"));
        }
    }

    fn handle_command(&mut self, store: &mut Store, bytes: &[u8], now: SimTime) {
        if self.state == ImapState::Logout {
            return;
        }
        let command = match CommandCodec::default().decode(bytes) {
            Ok((_, command)) => command,
            Err(_) => {
                let line = bytes.strip_suffix(b"\r\n").unwrap_or(bytes);
                let word = command_word(line);
                self.push(match leading_tag(line) {
                    Some(tag) if !word.is_empty() => {
                        format!("{tag} BAD Error in IMAP command {word}: syntax error")
                    }
                    Some(tag) => format!("{tag} BAD Error in IMAP command: missing command"),
                    None => "* BAD Error in IMAP command: no tag".into(),
                });
                return;
            }
        };
        let tag = command.tag.as_ref().to_string();
        let outcome = self.dispatch(store, command, &tag, now);
        self.push_outcome(&tag, outcome);
    }

    fn push_outcome(&mut self, tag: &str, outcome: Outcome) {
        match outcome {
            Outcome::Ok(text) => self.push(format!("{tag} OK {text}")),
            Outcome::No(text) => self.push(format!("{tag} NO {text}")),
            Outcome::Bad(text) => self.push(format!("{tag} BAD {text}")),
            Outcome::Done => {}
        }
    }

    fn dispatch(
        &mut self,
        store: &mut Store,
        command: Command<'_>,
        tag: &str,
        now: SimTime,
    ) -> Outcome {
        use CommandBody as C;
        let needs = |state: ImapState| -> Option<Outcome> {
            let allowed = match state {
                ImapState::NotAuthenticated => self.state == ImapState::NotAuthenticated,
                ImapState::Authenticated => {
                    matches!(self.state, ImapState::Authenticated | ImapState::Selected)
                }
                ImapState::Selected => self.state == ImapState::Selected,
                ImapState::Logout => false,
            };
            (!allowed).then(|| {
                Outcome::Bad(match (state, self.state) {
                    (ImapState::NotAuthenticated, _) => "Already logged in".to_string(),
                    (_, ImapState::NotAuthenticated) => {
                        "Not logged in (command needs the Authenticated state)".to_string()
                    }
                    _ => "No mailbox selected".to_string(),
                })
            })
        };
        match command.body {
            C::Capability => {
                self.push(format!("* CAPABILITY {CAPABILITIES}"));
                self.after_any_command(store);
                Outcome::Ok("Capability completed".into())
            }
            C::Noop => {
                self.after_any_command(store);
                Outcome::Ok("NOOP completed".into())
            }
            // RFC 3501 §6.4.1: a checkpoint of the selected mailbox; every change here is already in the store.
            C::Check => {
                if let Some(refusal) = needs(ImapState::Selected) {
                    return refusal;
                }
                self.after_any_command(store);
                Outcome::Ok("CHECK completed".into())
            }
            // RFC 2971 §3.1: valid in any state; the client's own parameters are only for logs.
            C::Id { .. } => {
                self.push("* ID (\"name\" \"Mailroom\")".into());
                self.after_any_command(store);
                Outcome::Ok("ID completed".into())
            }
            // RFC 2342 §5: one personal namespace, the whole hierarchy; no other users' and no shared ones.
            C::Namespace => {
                if let Some(refusal) = needs(ImapState::Authenticated) {
                    return refusal;
                }
                self.push(format!(
                    "* NAMESPACE ((\"\" \"{}\")) NIL NIL",
                    mailboxes::DELIMITER
                ));
                self.after_any_command(store);
                Outcome::Ok("Namespace completed".into())
            }
            C::Logout => {
                self.push("* BYE Logging out".into());
                self.push(format!("{tag} OK LOGOUT completed"));
                self.state = ImapState::Logout;
                self.selected = None;
                Outcome::Done
            }
            C::Login { username, password } => {
                if let Some(refusal) = needs(ImapState::NotAuthenticated) {
                    return refusal;
                }
                let user = String::from_utf8_lossy(username.as_ref()).into_owned();
                let pass = String::from_utf8_lossy(password.declassify().as_ref()).into_owned();
                self.log_in(store, &user, &pass)
            }
            C::Authenticate {
                mechanism,
                initial_response,
            } => {
                if let Some(refusal) = needs(ImapState::NotAuthenticated) {
                    return refusal;
                }
                let initial = initial_response.as_ref().map(|r| r.declassify().as_ref());
                self.authenticate(store, tag, &mechanism, initial)
            }
            C::Enable { capabilities } => {
                if let Some(refusal) = needs(ImapState::Authenticated) {
                    return refusal;
                }
                let mut enabled = Vec::new();
                for cap in capabilities.as_ref() {
                    let name = cap.to_string().to_ascii_uppercase();
                    // RFC 7162 §3.2.3: enabling QRESYNC enables CONDSTORE as well.
                    match (cap, name.as_str()) {
                        (CapabilityEnable::CondStore, _) => {
                            self.reporting.condstore = true;
                            enabled.push("CONDSTORE");
                        }
                        (_, "QRESYNC") => {
                            self.reporting.condstore = true;
                            self.reporting.qresync = true;
                            enabled.push("QRESYNC");
                        }
                        _ => {}
                    }
                }
                self.push(
                    format!("* ENABLED {}", enabled.join(" "))
                        .trim_end()
                        .to_string(),
                );
                Outcome::Ok("Enabled".into())
            }
            C::Idle => {
                if let Some(refusal) = needs(ImapState::Authenticated) {
                    return refusal;
                }
                self.report_updates(store, true);
                self.push("+ idling".into());
                self.idle_tag = Some(tag.to_string());
                Outcome::Done
            }
            C::Select { .. }
            | C::Examine { .. }
            | C::Create { .. }
            | C::Delete { .. }
            | C::Rename { .. }
            | C::Subscribe { .. }
            | C::Unsubscribe { .. }
            | C::List { .. }
            | C::Lsub { .. }
            | C::Status { .. }
            | C::Append { .. } => {
                if let Some(refusal) = needs(ImapState::Authenticated) {
                    return refusal;
                }
                self.mailbox_command(store, command.body, now)
            }
            C::Close
            | C::Unselect
            | C::Expunge
            | C::ExpungeUid { .. }
            | C::Search { .. }
            | C::Fetch { .. }
            | C::Store { .. }
            | C::Copy { .. }
            | C::Move { .. } => {
                if let Some(refusal) = needs(ImapState::Selected) {
                    return refusal;
                }
                self.selected_command(store, command.body)
            }
            _ => Outcome::Bad("Unknown command or extension not supported".into()),
        }
    }

    /// Commands valid in any state still carry pending mailbox updates (RFC 3501 §6.1.2 NOOP, §7.4.1).
    fn after_any_command(&mut self, store: &mut Store) {
        self.report_updates(store, true);
    }

    fn selected_command(&mut self, store: &mut Store, body: CommandBody<'_>) -> Outcome {
        use CommandBody as C;
        match body {
            C::Close => self.close(store),
            C::Unselect => {
                self.selected = None;
                self.state = ImapState::Authenticated;
                Outcome::Ok("Unselect completed".into())
            }
            C::Expunge => self.expunge(store, None),
            C::ExpungeUid { sequence_set } => self.expunge(store, Some(sequence_set)),
            C::Search { criteria, uid, .. } => self.search(store, criteria.as_ref(), uid),
            C::Fetch {
                sequence_set,
                macro_or_item_names,
                uid,
                modifiers,
            } => self.fetch(store, &sequence_set, macro_or_item_names, uid, &modifiers),
            C::Store {
                sequence_set,
                kind,
                response,
                flags,
                uid,
                modifiers,
            } => self.store_flags(
                store,
                &sequence_set,
                kind,
                response,
                &flags,
                uid,
                &modifiers,
            ),
            C::Copy {
                sequence_set,
                mailbox,
                uid,
            } => self.copy_or_move(store, &sequence_set, &mailbox, uid, false),
            C::Move {
                sequence_set,
                mailbox,
                uid,
            } => self.copy_or_move(store, &sequence_set, &mailbox, uid, true),
            _ => Outcome::Bad("Unknown command".into()),
        }
    }
}

impl ServerSession for ImapServer {
    fn handle_input(&mut self, store: &mut Store, input: &[u8], now: SimTime) {
        self.last_activity = now;
        self.framer.push(input);
        while let Some(frame) = self.framer.next_frame() {
            self.handle_frame(store, frame, now);
            if self.state == ImapState::Logout {
                break;
            }
        }
    }

    /// While idling, changes are pushed at once (RFC 2177 §3), and this session, the first told of new mail,
    /// claims its \Recent flag (RFC 3501 §2.3.2); otherwise they wait for the next command.
    fn handle_store_changed(&mut self, store: &mut Store, _now: SimTime) {
        if self.idle_tag.is_some() {
            self.report_updates(store, true);
        }
    }

    fn handle_disconnect(&mut self, _store: &mut Store, _now: SimTime) {
        // IMAP applies every change when it is made: a dropped connection loses nothing (unlike POP3's UPDATE).
        self.state = ImapState::Logout;
        self.selected = None;
        self.idle_tag = None;
        self.authenticate_tag = None;
    }

    /// The autologout timer, except in IDLE: as Dovecot, which keeps an idling client (RFC 2177 §3 lets a server
    /// choose); the client renews IDLE every 29 minutes anyway.
    fn poll_timeout(&self) -> Option<SimTime> {
        (self.state != ImapState::Logout && self.idle_tag.is_none())
            .then(|| self.last_activity.saturating_add(AUTOLOGOUT))
    }

    /// RFC 3501 §5.4, §7.1.5: an inactive session is told BYE and closed, as Dovecot words it.
    fn handle_timeout(&mut self, _store: &mut Store, now: SimTime) {
        if self.poll_timeout().is_some_and(|at| now >= at) {
            self.push("* BYE Disconnected for inactivity.".into());
            self.state = ImapState::Logout;
            self.selected = None;
            self.authenticate_tag = None;
        }
    }

    fn poll_output(&mut self) -> Option<String> {
        self.output.pop_front()
    }

    fn is_closed(&self) -> bool {
        self.state == ImapState::Logout && self.output.is_empty()
    }
}
