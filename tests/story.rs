//! The mail's story as the world tells it: events from the real sessions, the stage at a sim time, captions.

mod common;

use common::{act, check};

use mailroom::i18n::Tongue;
use mailroom::sim::story::{captions, scene};
use mailroom::sim::time::SimTime;
use mailroom::sim::world::{
    Action, ChangeKind, Fault, RemovalCause, World, WorldEvent, WorldSetup,
};

fn events(world: &World) -> Vec<WorldEvent> {
    world.events().iter().map(|e| e.event.clone()).collect()
}

fn all_captions(world: &World) -> Vec<String> {
    captions(world, SimTime::ZERO, usize::MAX, Tongue::ENGLISH)
        .into_iter()
        .map(|c| c.text)
        .collect()
}

fn inbox_ids(world: &World) -> Vec<String> {
    let inbox = world.store().account("alice").expect("alice").inbox();
    inbox
        .messages
        .iter()
        .map(|m| m.message_id.clone())
        .collect()
}

#[test]
fn each_pop3_retr_puts_one_message_card_on_the_laptops_wire() {
    let mut world = World::new(WorldSetup::default());
    let ids = inbox_ids(&world);
    check(&mut world, "laptop");
    let sent: Vec<(String, String)> = events(&world)
        .into_iter()
        .filter_map(|e| match e {
            WorldEvent::MessageSent {
                endpoint,
                message_id,
                subject,
                ..
            } => Some((endpoint, message_id)).filter(|_| !subject.is_empty()),
            _ => None,
        })
        .collect();
    let expected: Vec<(String, String)> =
        ids.iter().map(|id| ("laptop".into(), id.clone())).collect();
    assert_eq!(sent, expected);
}

#[test]
fn a_card_travels_from_the_server_to_the_laptop_as_sim_time_passes() {
    let mut world = World::new(WorldSetup::default());
    world
        .handle_action(
            Action::CheckMail {
                device: "laptop".into(),
            },
            SimTime::ZERO,
        )
        .expect("accepted");
    let mut seen = Vec::new();
    let mut t = SimTime::ZERO;
    while world.lines_in_flight() && t < SimTime::from_millis(60_000) {
        t = t.saturating_add(SimTime::from_millis(50));
        world.advance_to(t);
        for token in scene(&world).mail {
            assert_eq!(
                (token.from.as_str(), token.to.as_str()),
                ("server", "laptop")
            );
            assert!((0.0..1.0).contains(&token.progress));
            seen.push((token.message_id, t));
        }
    }
    let first = &seen.first().expect("a card travelled").0;
    let flight: Vec<SimTime> = seen
        .iter()
        .filter(|(id, _)| id == first)
        .map(|(_, t)| *t)
        .collect();
    let lasted = flight.last().unwrap().millis() - flight.first().unwrap().millis();
    assert!(lasted >= 500, "visible for {lasted} ms of sim time");
}

#[test]
fn dele_marks_quit_removes_and_the_caption_says_so() {
    let mut world = World::new(WorldSetup::default());
    let ids = inbox_ids(&world);
    world
        .handle_action(
            Action::CheckMail {
                device: "laptop".into(),
            },
            SimTime::ZERO,
        )
        .expect("accepted");
    // Until QUIT is handled, the marks grow and nothing leaves the store (RFC 1939 §6).
    let mut most_marked = 0;
    // Step while the laptop's session is on the wire (the polling tablet's timer would go on for ever).
    while world.lines_in_flight() && world.step() {
        let marked = world.marked_for_deletion().count();
        most_marked = most_marked.max(marked);
        if marked > 0 {
            assert_eq!(inbox_ids(&world), ids, "marked messages stay until UPDATE");
        }
    }
    assert_eq!(most_marked, 3);
    assert_eq!(world.marked_for_deletion().count(), 0);
    let removed: Vec<String> = events(&world)
        .into_iter()
        .filter_map(|e| match e {
            WorldEvent::MessageRemoved {
                message_id,
                cause: RemovalCause::Pop3Update,
                ..
            } => Some(message_id),
            _ => None,
        })
        .collect();
    assert_eq!(removed, ids);
    let told = all_captions(&world);
    assert!(
        told.iter()
            .any(|c| c == "The laptop downloaded 3 messages and deleted them from the server at QUIT (RFC 1939 §6)."),
        "{told:#?}"
    );
}

#[test]
fn after_the_laptops_check_the_phone_is_told_why_it_finds_nothing() {
    let mut world = World::new(WorldSetup::default());
    check(&mut world, "laptop");
    check(&mut world, "phone");
    let told = all_captions(&world);
    assert!(
        told.iter().any(|c| c.starts_with(
            "The phone asked the server: INBOX is empty (the laptop deleted the mail at QUIT), so it shows nothing."
        )),
        "{told:#?}"
    );
}

#[test]
fn a_drop_before_quit_unmarks_and_deletes_nothing() {
    let mut world = World::new(WorldSetup::default());
    act(
        &mut world,
        Action::InjectFault {
            fault: Fault::DropBeforeQuit {
                device: "laptop".into(),
            },
        },
    );
    check(&mut world, "laptop");
    assert_eq!(inbox_ids(&world).len(), 3);
    assert!(events(&world).iter().any(|e| matches!(
        e,
        WorldEvent::DeletionMarksCleared { message_ids, by_rset: false, .. } if message_ids.len() == 3
    )));
    assert!(!events(&world)
        .iter()
        .any(|e| matches!(e, WorldEvent::MessageRemoved { .. })));
    let told = all_captions(&world);
    assert!(
        told.iter().any(|c| c.contains("ended before QUIT")),
        "{told:#?}"
    );
}

#[test]
fn seen_travels_from_the_phone_to_the_server_and_on_to_the_tablet() {
    let mut world = World::new(WorldSetup::default());
    check(&mut world, "phone");
    check(&mut world, "tablet");
    let id = inbox_ids(&world)[0].clone();
    act(
        &mut world,
        Action::OpenMessage {
            device: "phone".into(),
            folder: "INBOX".into(),
            message_id: id.clone(),
        },
    );
    let so_far = events(&world);
    assert!(so_far.iter().any(|e| matches!(
        e,
        WorldEvent::ChangeRequested { endpoint, kind: ChangeKind::Seen, .. } if endpoint == "phone"
    )));
    assert!(so_far.iter().any(|e| matches!(
        e,
        WorldEvent::FlagsStored { endpoint, message_id, .. } if endpoint == "phone" && *message_id == id
    )));
    assert!(
        !so_far
            .iter()
            .any(|e| matches!(e, WorldEvent::ChangeAnnounced { device, .. } if device == "tablet")),
        "the polling tablet hears nothing until it checks"
    );
    check(&mut world, "tablet");
    let announced: Vec<(ChangeKind, Option<String>)> = events(&world)
        .into_iter()
        .filter_map(|e| match e {
            WorldEvent::ChangeAnnounced {
                device,
                kind,
                message_id,
                ..
            } if device == "tablet" => Some((kind, message_id)),
            _ => None,
        })
        .collect();
    assert_eq!(announced, vec![(ChangeKind::Seen, Some(id))]);
    let told = all_captions(&world);
    assert!(
        told.iter().any(|c| c.starts_with("The phone marked")),
        "{told:#?}"
    );
    assert!(
        told.iter().any(|c| c.starts_with("The tablet learned")),
        "{told:#?}"
    );
}

#[test]
fn the_opening_actions_connect_the_idle_phone_so_new_mail_is_pushed() {
    let setup = WorldSetup::default();
    let mut world = World::new(setup.clone());
    for action in setup.opening_actions() {
        act(&mut world, action);
    }
    assert!(world.is_idling("phone"));
    act(
        &mut world,
        Action::SendMail {
            from: "Bob <bob@example.net>".into(),
            subject: "Hello".into(),
            body: "Hi".into(),
        },
    );
    let newest = inbox_ids(&world).last().cloned().expect("delivered");
    let phone = world.device("phone").expect("phone").local_messages();
    assert!(phone.iter().any(|m| m.message_id == newest));
    assert!(events(&world).iter().any(|e| matches!(
        e,
        WorldEvent::MessageSent { endpoint, message_id, .. } if endpoint == "sender" && *message_id == newest
    )));
}

/// A lesson's "ten minutes later" stops at the tablet's poll: the poll's lines are still on the wire after the
/// drive that reached it, so the page plays them at its speed instead of finishing the poll at once.
#[test]
fn a_lessons_wait_stops_at_the_poll_so_it_plays_at_the_pages_speed() {
    use mailroom::sim::lesson::{self, LessonRun};
    use mailroom::sim::timeline::Timeline;
    let lesson = lesson::find("imap-seen-sync").expect("lesson");
    let mut timeline = Timeline::new((lesson.setup)());
    let mut run = LessonRun::new(lesson);
    let mut poll_seen_on_the_wire = false;
    for _ in 0..lesson.steps.len() {
        if run.current().and_then(|s| s.question.as_ref()).is_some() {
            run.predict(0);
        }
        run.run();
        let mut guard = 0;
        while run.is_running() && guard < 10_000 {
            guard += 1;
            let before = timeline.world().now();
            if timeline.world().lines_in_flight() {
                let next = timeline.world().next_event_time().expect("a line arrives");
                timeline.advance_to(next);
                continue;
            }
            run.drive(&mut timeline).expect("drives");
            let jumped = timeline.world().now().saturating_sub(before);
            if jumped >= SimTime::from_minutes(5) && timeline.world().lines_in_flight() {
                poll_seen_on_the_wire = true;
            }
        }
        run.next_step();
    }
    assert!(
        poll_seen_on_the_wire,
        "the wait reached a poll and left its lines to play"
    );
}

#[test]
fn a_change_is_told_as_an_offline_replay_only_when_the_device_was_offline() {
    let mut world = World::new(WorldSetup::default());
    check(&mut world, "tablet");
    let ids = inbox_ids(&world);
    let flag = |id: &str| Action::ToggleFlag {
        device: "tablet".into(),
        folder: "INBOX".into(),
        message_id: id.to_string(),
    };
    // Online: the tablet connects and stores the flag; nothing was queued offline, so no replay is told.
    act(&mut world, flag(&ids[0]));
    let told = all_captions(&world);
    assert!(
        !told
            .iter()
            .any(|c| c.contains("offline") || c.contains("back online")),
        "{told:#?}"
    );
    // Offline: the change waits in the queue, then is replayed when the tablet is back.
    let toggle = Action::ToggleOnline {
        device: "tablet".into(),
    };
    act(&mut world, toggle.clone());
    act(&mut world, flag(&ids[1]));
    act(&mut world, toggle);
    let told = all_captions(&world);
    assert!(
        told.iter()
            .any(|c| c.starts_with("The tablet is offline: it keeps the change")),
        "{told:#?}"
    );
    assert!(
        told.iter()
            .any(|c| c.starts_with("The tablet is back online and replayed")),
        "{told:#?}"
    );
}

#[test]
fn a_pop3_deletion_made_online_is_told_as_waiting_for_the_next_check_not_as_offline() {
    let mut world = World::new(WorldSetup::default());
    act(
        &mut world,
        Action::ConfigureDevice {
            device: "laptop".into(),
            client: mailroom::sim::device::ClientSetup::pop3_leave_on_server(None),
        },
    );
    check(&mut world, "laptop");
    let id = inbox_ids(&world)[0].clone();
    act(
        &mut world,
        Action::DeleteMessage {
            device: "laptop".into(),
            folder: "INBOX".into(),
            message_id: id,
        },
    );
    let told = all_captions(&world);
    assert!(!told.iter().any(|c| c.contains("offline")), "{told:#?}");
    assert!(
        told.iter()
            .any(|c| c.contains("will ask the server to delete it too at its next mail check")),
        "{told:#?}"
    );
}

#[test]
fn a_wire_carries_at_most_two_cards_and_two_change_tokens_at_once_the_newest() {
    use mailroom::sim::story::{MAX_CARDS_PER_WIRE, MAX_CHANGES_PER_WIRE};
    let mut world = World::new(WorldSetup::crowded(3, 12));
    check(&mut world, "phone");
    check(&mut world, "tablet");
    // The phone flags every message; the tablet's next check learns of all twelve in one reply.
    let held: Vec<String> = world
        .device("phone")
        .expect("phone")
        .local_messages()
        .into_iter()
        .map(|m| m.message_id)
        .collect();
    for message_id in held {
        act(
            &mut world,
            Action::ToggleFlag {
                device: "phone".into(),
                folder: "INBOX".into(),
                message_id,
            },
        );
    }
    let start = world.now();
    world
        .handle_action(
            Action::CheckMail {
                device: "tablet".into(),
            },
            start,
        )
        .expect("online");
    let most_on_a_wire = |pairs: Vec<(&str, &str)>| {
        pairs
            .iter()
            .map(|a| pairs.iter().filter(|b| *b == a).count())
            .max()
            .unwrap_or(0)
    };
    let mut most_changes = 0;
    for step in 0..1_000 {
        world.advance_to(start.saturating_add(SimTime::from_millis(step * 10)));
        let scene = scene(&world);
        let cards = most_on_a_wire(
            scene
                .mail
                .iter()
                .map(|t| (t.from.as_str(), t.to.as_str()))
                .collect(),
        );
        let changes = most_on_a_wire(
            scene
                .changes
                .iter()
                .map(|t| (t.from.as_str(), t.to.as_str()))
                .collect(),
        );
        assert!(cards <= MAX_CARDS_PER_WIRE, "{cards} cards on one wire");
        assert!(
            changes <= MAX_CHANGES_PER_WIRE,
            "{changes} change tokens on one wire"
        );
        most_changes = most_changes.max(changes);
    }
    assert_eq!(
        most_changes, MAX_CHANGES_PER_WIRE,
        "the flags crowded a wire"
    );
}
