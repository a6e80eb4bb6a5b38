//! Where the mail is on the stage at a sim time: cards travelling a wire, change tokens, rows arriving and
//! leaving. A pure function of the world and the clock (RaftScope: progress = (now − sent) / (arrives − sent)),
//! so pause, step, step back and speed need nothing more.

use crate::sim::session::Direction;
use crate::sim::time::SimTime;
use crate::sim::world::{ChangeKind, RemovalCause, TimedEvent, World, WorldEvent};

/// How long a removed row stays on the stage, fading, before it is gone.
pub const LEAVING: SimTime = SimTime::from_millis(2_000);
/// How long a moved message's card takes from its row to its new folder's tab (at 1×, about a second).
pub const MOVE_TRAVEL: SimTime = SimTime::from_millis(1_000);
/// How long a row that just arrived is highlighted.
pub const ARRIVING: SimTime = SimTime::from_millis(1_500);
/// How far back the stage looks for journeys still under way (a reply is spread over at most half a second,
/// but a busy wire can queue one behind another for a few seconds more).
const LOOKBACK: SimTime = SimTime::from_millis(20_000);
/// The most travelling cards and tokens drawn at once, so a crowded world stays cheap to draw.
pub const MAX_TOKENS: usize = 24;
/// The most cards travelling one wire at once (the newest): a pipelined FETCH of 500 messages is a stream of
/// cards on its wire, not a new heap of two dozen on every frame.
pub const MAX_CARDS_PER_WIRE: usize = 2;
/// The most change tokens travelling one wire at once (the newest), for the same reason: a resync of 500 flags
/// is a stream of tokens, not two dozen redrawn on every frame.
pub const MAX_CHANGES_PER_WIRE: usize = 2;
/// The most rows leaving or arriving shown per list at once (the newest): a POP3 UPDATE of 500 messages is a
/// handful of rows leaving and a count going down, not 500 rows redrawn on every frame.
pub const MAX_ROWS_MOVING: usize = 8;

/// A message card on a wire.
#[derive(Debug, Clone, PartialEq)]
pub struct MailToken {
    pub message_id: String,
    /// Endpoint ids: `server`, `sender`, a device id.
    pub from: String,
    pub to: String,
    pub sender: String,
    pub subject: String,
    /// 0 when it leaves, 1 when it arrives.
    pub progress: f64,
}

/// A change (flag, expunge, move) on a wire.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangeToken {
    pub kind: ChangeKind,
    pub from: String,
    pub to: String,
    pub progress: f64,
}

/// A message moved on the server (IMAP MOVE, RFC 6851 §3.3): its card travels from its row in `from` to the tab
/// of folder `to`, which counts it when it lands.
#[derive(Debug, Clone, PartialEq)]
pub struct MoveCard {
    pub message_id: String,
    /// Folder names on the server: `INBOX`, `Trash`, `Archive` …
    pub from: String,
    pub to: String,
    pub uid: u32,
    pub sender: String,
    pub subject: String,
    /// 0 when it leaves its row, 1 when it reaches the tab.
    pub progress: f64,
}

/// A row that left a list and fades out.
#[derive(Debug, Clone, PartialEq)]
pub struct LeavingRow {
    /// The device it left, or `None` for the server.
    pub device: Option<String>,
    pub folder: String,
    pub uid: u32,
    pub message_id: String,
    pub sender: String,
    pub subject: String,
    /// 0 when it starts leaving, 1 when it is gone.
    pub fade: f64,
    pub moved_to: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scene {
    pub mail: Vec<MailToken>,
    pub changes: Vec<ChangeToken>,
    pub leaving: Vec<LeavingRow>,
    /// Moved messages on their way to their new folder, newest first.
    pub moves: Vec<MoveCard>,
    /// (device, Message-ID) of rows that just arrived.
    pub arriving: Vec<(String, String)>,
}

impl Scene {
    /// How many cards travel from `from` to `to` so far.
    fn cards_on(&self, from: &str, to: &str) -> usize {
        self.mail
            .iter()
            .filter(|t| t.from == from && t.to == to)
            .count()
    }

    /// How many change tokens travel from `from` to `to` so far.
    fn changes_on(&self, from: &str, to: &str) -> usize {
        self.changes
            .iter()
            .filter(|t| t.from == from && t.to == to)
            .count()
    }

    pub fn is_arriving(&self, device: &str, message_id: &str) -> bool {
        self.arriving
            .iter()
            .any(|(d, m)| d == device && m == message_id)
    }

    /// True while anything moves or fades: the clock must not skip ahead.
    pub fn is_busy(&self) -> bool {
        !(self.mail.is_empty()
            && self.changes.is_empty()
            && self.leaving.is_empty()
            && self.moves.is_empty()
            && self.arriving.is_empty())
    }
}

/// The events that may still show at `now`, oldest first.
pub fn recent_events(world: &World, since: SimTime) -> &[TimedEvent] {
    let events = world.events();
    let start = events.partition_point(|e| e.at < since);
    &events[start..]
}

fn ends(endpoint: &str, direction: Direction) -> (String, String) {
    match direction {
        Direction::ClientToServer => (endpoint.to_string(), "server".to_string()),
        Direction::ServerToClient => ("server".to_string(), endpoint.to_string()),
    }
}

/// How many rows are leaving the device's list.
fn moving(leaving: &[LeavingRow], device: &str) -> usize {
    leaving
        .iter()
        .filter(|r| r.device.as_deref() == Some(device))
        .count()
}

/// Sender and subject of a message, from the store, any device, or the text that carried it.
pub fn card_of(world: &World, message_id: &str) -> (String, String) {
    if let Some(m) = world
        .store()
        .accounts
        .iter()
        .flat_map(|a| a.mailboxes.iter())
        .flat_map(|mb| mb.messages.iter())
        .find(|m| m.message_id == message_id)
    {
        return (m.from(), m.subject());
    }
    for event in world.events().iter().rev() {
        if let WorldEvent::MessageSent {
            message_id: id,
            from,
            subject,
            ..
        } = &event.event
        {
            if id == message_id {
                return (from.clone(), subject.clone());
            }
        }
    }
    (String::new(), String::new())
}

/// Everything on the stage at `now` (the world's clock).
pub fn scene(world: &World) -> Scene {
    let now = world.now();
    let transcript = world.transcript();
    let span = |first: usize, last: usize| -> Option<(SimTime, SimTime)> {
        let a = transcript.get(first)?;
        let b = transcript.get(last)?;
        Some((a.sent, b.arrives))
    };
    let progress = |(sent, arrives): (SimTime, SimTime)| -> Option<f64> {
        if now < sent || now >= arrives {
            return None;
        }
        let whole = arrives.millis().saturating_sub(sent.millis()).max(1) as f64;
        Some(now.millis().saturating_sub(sent.millis()) as f64 / whole)
    };
    let mut scene = Scene::default();
    let mut server_leaving = 0;
    // Only rows that just left need a card looked up.
    let removed: Vec<(&str, &str, &str)> =
        recent_events(world, now.saturating_sub(LEAVING).saturating_sub(LEAVING))
            .iter()
            .filter_map(|e| match &e.event {
                WorldEvent::MessageRemoved {
                    message_id,
                    from,
                    subject,
                    ..
                } => Some((message_id.as_str(), from.as_str(), subject.as_str())),
                _ => None,
            })
            .collect();
    // Newest first, so the caps keep the newest rows.
    for event in recent_events(world, now.saturating_sub(LOOKBACK))
        .iter()
        .rev()
    {
        let age = now.saturating_sub(event.at);
        match &event.event {
            WorldEvent::MessageSent {
                endpoint,
                direction,
                message_id,
                from,
                subject,
                first_line,
                last_line,
            } if scene.mail.len() < MAX_TOKENS => {
                if let Some(p) = span(*first_line, *last_line).and_then(progress) {
                    let (a, b) = ends(endpoint, *direction);
                    if scene.cards_on(&a, &b) >= MAX_CARDS_PER_WIRE {
                        continue;
                    }
                    scene.mail.push(MailToken {
                        message_id: message_id.clone(),
                        from: a,
                        to: b,
                        sender: from.clone(),
                        subject: subject.clone(),
                        progress: p,
                    });
                }
            }
            WorldEvent::ChangeRequested {
                endpoint,
                kind,
                line,
            } if scene.changes.len() < MAX_TOKENS => {
                if let Some(p) = span(*line, *line).and_then(progress) {
                    if scene.changes_on(endpoint, "server") >= MAX_CHANGES_PER_WIRE {
                        continue;
                    }
                    scene.changes.push(ChangeToken {
                        kind: *kind,
                        from: endpoint.clone(),
                        to: "server".into(),
                        progress: p,
                    });
                }
            }
            WorldEvent::ChangeAnnounced {
                device, kind, line, ..
            } if scene.changes.len() < MAX_TOKENS => {
                if let Some(p) = span(*line, *line).and_then(progress) {
                    if scene.changes_on("server", device) >= MAX_CHANGES_PER_WIRE {
                        continue;
                    }
                    scene.changes.push(ChangeToken {
                        kind: *kind,
                        from: "server".into(),
                        to: device.clone(),
                        progress: p,
                    });
                }
            }
            WorldEvent::MessageRemoved {
                folder,
                uid,
                message_id,
                from,
                subject,
                cause,
                ..
            } if age < LEAVING && server_leaving < MAX_ROWS_MOVING => {
                server_leaving += 1;
                if let RemovalCause::MovedTo(to) = cause {
                    if age < MOVE_TRAVEL {
                        scene.moves.push(MoveCard {
                            message_id: message_id.clone(),
                            from: folder.clone(),
                            to: to.clone(),
                            uid: *uid,
                            sender: from.clone(),
                            subject: subject.clone(),
                            progress: age.millis() as f64 / MOVE_TRAVEL.millis() as f64,
                        });
                    }
                }
                scene.leaving.push(LeavingRow {
                    device: None,
                    folder: folder.clone(),
                    uid: *uid,
                    message_id: message_id.clone(),
                    sender: from.clone(),
                    subject: subject.clone(),
                    fade: age.millis() as f64 / LEAVING.millis() as f64,
                    moved_to: match cause {
                        RemovalCause::MovedTo(to) => Some(to.clone()),
                        _ => None,
                    },
                })
            }
            WorldEvent::MessageVanishedFromDevice { device, message_id }
                if age < LEAVING && moving(&scene.leaving, device) < MAX_ROWS_MOVING =>
            {
                // Usually the server removed it just before: its card is in that event.
                let (sender, subject) = removed
                    .iter()
                    .find(|(id, _, _)| *id == message_id.as_str())
                    .map(|(_, from, subject)| (from.to_string(), subject.to_string()))
                    .unwrap_or_else(|| card_of(world, message_id));
                scene.leaving.push(LeavingRow {
                    device: Some(device.clone()),
                    folder: "INBOX".into(),
                    uid: 0,
                    message_id: message_id.clone(),
                    sender,
                    subject,
                    fade: age.millis() as f64 / LEAVING.millis() as f64,
                    moved_to: None,
                })
            }
            WorldEvent::MessageDownloaded { device, message_id }
            | WorldEvent::MessageFetched { device, message_id }
                if age < ARRIVING
                    && scene.arriving.iter().filter(|(d, _)| d == device).count()
                        < MAX_ROWS_MOVING =>
            {
                scene.arriving.push((device.clone(), message_id.clone()))
            }
            _ => {}
        }
    }
    scene
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::world::{Action, WorldSetup};

    /// The moment the server moved `id` to Trash (RFC 6851 §3.3), the world stepped just past it.
    fn moved_to_trash(world: &mut World, id: &str) -> SimTime {
        for _ in 0..10_000 {
            if let Some(e) = world.events().iter().find(|e| {
                matches!(&e.event, WorldEvent::MessageRemoved { message_id, cause: RemovalCause::MovedTo(to), .. }
                    if message_id == id && to == "Trash")
            }) {
                return e.at;
            }
            let next = world.now().saturating_add(SimTime::from_millis(10));
            world.advance_to(next);
        }
        panic!("the phone never moved {id} to Trash");
    }

    #[test]
    fn a_moved_message_travels_from_its_folder_to_trash_then_is_gone() {
        // The default world: the phone is IMAP with delete model "move to Trash".
        let mut world = World::new(WorldSetup::default());
        let now = world.now();
        world
            .handle_action(
                Action::CheckMail {
                    device: "phone".into(),
                },
                now,
            )
            .expect("accepted");
        world.run_until_idle();
        let id = world.store().accounts[0]
            .mailbox("INBOX")
            .expect("INBOX")
            .messages[0]
            .message_id
            .clone();
        let now = world.now();
        world
            .handle_action(
                Action::DeleteMessage {
                    device: "phone".into(),
                    folder: "INBOX".into(),
                    message_id: id.clone(),
                },
                now,
            )
            .expect("accepted");
        let moved = moved_to_trash(&mut world, &id);
        world.advance_to(moved.saturating_add(SimTime::from_millis(500)));
        let mid = scene(&world).moves;
        let card = mid.iter().find(|m| m.message_id == id).expect("on its way");
        assert_eq!((card.from.as_str(), card.to.as_str()), ("INBOX", "Trash"));
        assert!(
            card.progress > 0.0 && card.progress < 1.0,
            "{}",
            card.progress
        );
        assert!(!card.subject.is_empty());
        world.advance_to(moved.saturating_add(MOVE_TRAVEL));
        let after = scene(&world).moves;
        assert!(after.is_empty(), "landed: {after:?}");
    }
}
