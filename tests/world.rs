//! The claims a teacher makes, checked on the whole world: devices, links, the server, sim time.

mod common;

use common::{act, check};

use mailroom::sim::device::{ClientSetup, DeviceClient, DeviceKind};
use mailroom::sim::imap::{DeleteModel, SyncMode};
use mailroom::sim::mail::Flag;
use mailroom::sim::session::WireProtocol;
use mailroom::sim::time::SimTime;
use mailroom::sim::world::{Action, Endpoint, Fault, World, WorldEvent, WorldSetup};

fn server_ids(world: &World) -> Vec<String> {
    let inbox = world.store().account("alice").expect("alice").inbox();
    inbox
        .messages
        .iter()
        .map(|m| m.message_id.clone())
        .collect()
}

fn device_ids(world: &World, device: &str) -> Vec<String> {
    let d = world.device(device).expect("device");
    d.local_messages()
        .into_iter()
        .map(|m| m.message_id)
        .collect()
}

fn device_flags(world: &World, device: &str, message_id: &str) -> String {
    let d = world.device(device).expect("device");
    let m = d
        .local_messages()
        .into_iter()
        .find(|m| m.message_id == message_id)
        .expect("message on device");
    m.flags.to_imap_list()
}

fn server_flags(world: &World, message_id: &str) -> String {
    let account = world.store().account("alice").expect("alice");
    let m = account
        .mailboxes
        .iter()
        .flat_map(|mb| mb.messages.iter())
        .find(|m| m.message_id == message_id)
        .expect("message on server");
    m.flags.to_imap_list()
}

fn setup_with(devices: Vec<(&str, DeviceKind, ClientSetup)>) -> WorldSetup {
    WorldSetup {
        devices: devices
            .into_iter()
            .map(|(id, kind, client)| mailroom::sim::device::DeviceSetup {
                id: id.into(),
                kind,
                client,
                latency: SimTime::from_millis(600),
            })
            .collect(),
        ..WorldSetup::default()
    }
}

mod pop3 {
    use super::*;

    #[test]
    fn download_and_delete_leaves_the_other_devices_nothing_and_the_laptop_still_reads_offline() {
        let mut world = World::new(WorldSetup::default());
        let before = server_ids(&world);
        check(&mut world, "laptop");
        assert_eq!(device_ids(&world, "laptop"), before);
        assert!(
            server_ids(&world).is_empty(),
            "the laptop's QUIT removed everything from the server"
        );
        check(&mut world, "phone");
        assert!(
            device_ids(&world, "phone").is_empty(),
            "the phone finds nothing"
        );
        act(
            &mut world,
            Action::ToggleOnline {
                device: "laptop".into(),
            },
        );
        let first = before[0].clone();
        act(
            &mut world,
            Action::OpenMessage {
                device: "laptop".into(),
                folder: "INBOX".into(),
                message_id: first.clone(),
            },
        );
        assert_eq!(
            device_flags(&world, "laptop", &first),
            "\\Seen",
            "read offline from its own copy"
        );
    }

    #[test]
    fn leave_on_server_with_uidl_never_duplicates_but_losing_the_uidl_state_duplicates_everything()
    {
        let mut world = World::new(setup_with(vec![(
            "laptop",
            DeviceKind::Laptop,
            ClientSetup::pop3_leave_on_server(None),
        )]));
        check(&mut world, "laptop");
        check(&mut world, "laptop");
        assert_eq!(
            device_ids(&world, "laptop").len(),
            3,
            "UIDL told the client it had them all"
        );
        assert_eq!(server_ids(&world).len(), 3, "left on the server");
        act(
            &mut world,
            Action::InjectFault {
                fault: Fault::UidlStateLost {
                    device: "laptop".into(),
                },
            },
        );
        check(&mut world, "laptop");
        assert_eq!(
            device_ids(&world, "laptop").len(),
            6,
            "every message downloaded a second time"
        );
    }

    #[test]
    fn delete_after_seven_days_removes_mail_from_the_server_only_after_the_warp() {
        let mut world = World::new(setup_with(vec![(
            "laptop",
            DeviceKind::Laptop,
            ClientSetup::pop3_leave_on_server(Some(7)),
        )]));
        check(&mut world, "laptop");
        act(&mut world, Action::WarpDays { days: 3 });
        check(&mut world, "laptop");
        assert_eq!(
            server_ids(&world).len(),
            3,
            "three days later the mail is still on the server"
        );
        act(&mut world, Action::WarpDays { days: 4 });
        check(&mut world, "laptop");
        assert!(
            server_ids(&world).is_empty(),
            "seven days after download the client deleted it"
        );
        assert_eq!(
            device_ids(&world, "laptop").len(),
            3,
            "and the laptop keeps its copies"
        );
    }

    #[test]
    fn a_connection_dropped_before_quit_deletes_nothing() {
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
        assert_eq!(
            device_ids(&world, "laptop").len(),
            3,
            "the laptop downloaded everything"
        );
        assert_eq!(
            server_ids(&world).len(),
            3,
            "no QUIT, no UPDATE: every DELE was forgotten (RFC 1939 §6)"
        );
        assert!(world
            .events()
            .iter()
            .any(|e| matches!(e.event, WorldEvent::ConnectionDropped { .. })));
        assert!(
            !world.transcript().iter().any(|l| l.text == "QUIT"),
            "the QUIT never left the laptop"
        );
    }

    #[test]
    fn a_terminal_login_left_open_is_logged_out_and_frees_the_maildrop_for_a_warp() {
        // RFC 1939 §3: after 10 idle minutes the autologout timer closes the session, with no UPDATE state.
        let mut world = World::new(WorldSetup::default());
        for line in ["USER alice", "PASS wonderland", "DELE 1"] {
            act(
                &mut world,
                Action::TypeTerminalLine {
                    protocol: WireProtocol::Pop3,
                    line: line.into(),
                },
            );
        }
        assert!(world
            .store()
            .account("alice")
            .is_some_and(|a| a.pop3_lock.is_some()));
        act(&mut world, Action::WarpDays { days: 365 });
        assert_eq!(
            world.store().account("alice").and_then(|a| a.pop3_lock),
            None
        );
        assert_eq!(
            server_ids(&world).len(),
            3,
            "a timed-out session deletes nothing"
        );
        check(&mut world, "laptop");
        assert_eq!(device_ids(&world, "laptop").len(), 3, "the laptop got in");
    }
}

mod imap {
    use super::*;

    #[test]
    fn read_on_the_phone_shows_seen_on_the_server_and_on_the_tablet_after_its_check() {
        let mut world = World::new(WorldSetup::default());
        check(&mut world, "phone");
        check(&mut world, "tablet");
        let id = server_ids(&world)[0].clone();
        act(
            &mut world,
            Action::OpenMessage {
                device: "phone".into(),
                folder: "INBOX".into(),
                message_id: id.clone(),
            },
        );
        assert_eq!(server_flags(&world, &id), "\\Seen");
        assert_eq!(
            device_flags(&world, "tablet", &id),
            "",
            "the polling tablet has not looked yet"
        );
        check(&mut world, "tablet");
        assert_eq!(device_flags(&world, "tablet", &id), "\\Seen");
    }

    #[test]
    fn idle_delivers_at_once_and_polling_only_at_the_next_poll() {
        let mut world = World::new(WorldSetup::default());
        check(&mut world, "phone");
        check(&mut world, "tablet");
        assert!(world.is_idling("phone"));
        act(
            &mut world,
            Action::SendMail {
                from: "Eve <eve@example.net>".into(),
                subject: "News".into(),
                body: "Hi".into(),
            },
        );
        let new_id = server_ids(&world).last().cloned().expect("delivered");
        assert!(
            device_ids(&world, "phone").contains(&new_id),
            "IDLE pushed it to the phone with no click"
        );
        assert!(
            !device_ids(&world, "tablet").contains(&new_id),
            "the tablet waits for its poll"
        );
        let poll = world.now().saturating_add(SimTime::from_minutes(10));
        world.advance_to(poll);
        world.run_until_idle();
        assert!(
            device_ids(&world, "tablet").contains(&new_id),
            "the ten-minute poll found it"
        );
    }

    #[test]
    fn each_delete_model_propagates_to_the_other_devices() {
        for model in [
            DeleteModel::MoveToTrash,
            DeleteModel::MarkAsDeleted,
            DeleteModel::RemoveImmediately,
        ] {
            let phone = ClientSetup::Imap {
                sync_mode: SyncMode::PushWithIdle,
                delete_model: model,
                use_qresync: true,
            };
            let mut world = World::new(setup_with(vec![
                ("phone", DeviceKind::Phone, phone),
                (
                    "tablet",
                    DeviceKind::Tablet,
                    ClientSetup::imap(SyncMode::PollEveryMinutes(10)),
                ),
            ]));
            check(&mut world, "phone");
            check(&mut world, "tablet");
            let id = server_ids(&world)[0].clone();
            act(
                &mut world,
                Action::DeleteMessage {
                    device: "phone".into(),
                    folder: "INBOX".into(),
                    message_id: id.clone(),
                },
            );
            check(&mut world, "tablet");
            let tablet_inbox: Vec<_> = world
                .device("tablet")
                .expect("tablet")
                .local_messages()
                .into_iter()
                .filter(|m| m.folder == "INBOX" && m.message_id == id)
                .collect();
            match model {
                DeleteModel::MoveToTrash => {
                    assert!(
                        tablet_inbox.is_empty(),
                        "{model:?}: gone from the tablet's INBOX"
                    );
                    let trash = world
                        .store()
                        .account("alice")
                        .and_then(|a| a.mailbox("Trash"))
                        .expect("Trash");
                    assert!(
                        trash.messages.iter().any(|m| m.message_id == id),
                        "{model:?}: in Trash on the server"
                    );
                }
                DeleteModel::MarkAsDeleted => {
                    assert!(
                        tablet_inbox[0].flags.contains(Flag::Deleted),
                        "{model:?}: struck through on the tablet"
                    );
                    assert_eq!(server_flags(&world, &id), "\\Deleted");
                }
                DeleteModel::RemoveImmediately => {
                    assert!(tablet_inbox.is_empty(), "{model:?}: gone from the tablet");
                    assert!(
                        !server_ids(&world).contains(&id),
                        "{model:?}: expunged on the server"
                    );
                }
            }
        }
    }

    #[test]
    fn an_offline_device_reads_its_cache_queues_a_delete_and_replays_it_on_reconnect() {
        let mut world = World::new(WorldSetup::default());
        check(&mut world, "tablet");
        act(
            &mut world,
            Action::ToggleOnline {
                device: "tablet".into(),
            },
        );
        let id = server_ids(&world)[1].clone();
        act(
            &mut world,
            Action::OpenMessage {
                device: "tablet".into(),
                folder: "INBOX".into(),
                message_id: id.clone(),
            },
        );
        assert_eq!(
            device_flags(&world, "tablet", &id),
            "\\Seen",
            "read from the cache"
        );
        act(
            &mut world,
            Action::DeleteMessage {
                device: "tablet".into(),
                folder: "INBOX".into(),
                message_id: id.clone(),
            },
        );
        assert!(
            server_ids(&world).contains(&id),
            "the server has heard nothing yet"
        );
        assert_eq!(world.device("tablet").map(|d| d.pending_actions()), Some(2));
        act(
            &mut world,
            Action::ToggleOnline {
                device: "tablet".into(),
            },
        );
        assert!(
            !server_ids(&world).contains(&id),
            "replayed on reconnect: moved to Trash"
        );
        assert_eq!(world.device("tablet").map(|d| d.pending_actions()), Some(0));
        assert!(matches!(
            world.device("tablet").map(|d| &d.client),
            Some(DeviceClient::Imap(_))
        ));
    }
}

mod world {
    use super::*;
    use mailroom::sim::timeline::Timeline;

    fn script() -> Vec<Action> {
        vec![
            Action::CheckMail {
                device: "phone".into(),
            },
            Action::SendMail {
                from: "bob@example.net".into(),
                subject: "x".into(),
                body: "y".into(),
            },
            Action::CheckMail {
                device: "laptop".into(),
            },
            Action::CheckMail {
                device: "tablet".into(),
            },
        ]
    }

    #[test]
    fn a_device_named_sender_or_terminal_is_still_a_device() {
        // A saved world or link may name a device so; its lines must not be taken for the sender's or the terminal's.
        let mut world = World::new(setup_with(vec![
            (
                "sender",
                DeviceKind::Laptop,
                ClientSetup::pop3_leave_on_server(None),
            ),
            (
                "terminal",
                DeviceKind::Phone,
                ClientSetup::imap(SyncMode::PushWithIdle),
            ),
        ]));
        check(&mut world, "sender");
        check(&mut world, "terminal");
        act(
            &mut world,
            Action::SendMail {
                from: "bob@example.net".into(),
                subject: "x".into(),
                body: "y".into(),
            },
        );
        act(
            &mut world,
            Action::TypeTerminalLine {
                protocol: WireProtocol::Pop3,
                line: "CAPA".into(),
            },
        );
        let endpoints_of = |protocol: WireProtocol| -> Vec<Endpoint> {
            let mut seen: Vec<Endpoint> = Vec::new();
            for line in world.transcript().iter().filter(|l| l.protocol == protocol) {
                if !seen.contains(&line.endpoint) {
                    seen.push(line.endpoint.clone());
                }
            }
            seen
        };
        assert_eq!(
            endpoints_of(WireProtocol::Pop3),
            [Endpoint::Device("sender".into()), Endpoint::Terminal]
        );
        assert_eq!(
            endpoints_of(WireProtocol::Imap),
            [Endpoint::Device("terminal".into())]
        );
        assert_eq!(endpoints_of(WireProtocol::Smtp), [Endpoint::Sender]);
    }

    #[test]
    fn the_same_setup_and_actions_give_a_byte_identical_transcript() {
        let run = || {
            let mut world = World::new(WorldSetup::default());
            for a in script() {
                act(&mut world, a);
            }
            world
                .transcript()
                .iter()
                .map(|l| format!("{:?} {:?} {:?} {}", l.sent, l.direction, l.endpoint, l.text))
                .collect::<Vec<_>>()
        };
        let first = run();
        assert!(
            first.len() > 40,
            "a real conversation: {} lines",
            first.len()
        );
        assert_eq!(first, run());
    }

    #[test]
    fn step_back_then_forward_returns_the_same_world() {
        let mut timeline = Timeline::new(WorldSetup::default());
        for a in script() {
            let now = timeline.world().now();
            timeline.act(a, now).expect("accepted");
            timeline.run_until_idle();
        }
        let end = timeline.world().moments();
        let transcript = timeline.world().transcript().to_vec();
        for _ in 0..25 {
            assert!(timeline.step_back());
        }
        assert_eq!(timeline.world().moments(), end - 25);
        assert!(timeline.world().transcript().len() < transcript.len());
        while timeline.world().moments() < end {
            assert!(timeline.step());
        }
        assert_eq!(timeline.world().transcript(), &transcript[..]);
        assert_eq!(timeline.world().store(), &{
            let mut world = World::new(WorldSetup::default());
            for a in script() {
                act(&mut world, a);
            }
            world.store().clone()
        });
    }

    #[test]
    fn a_saved_world_round_trips_through_json_exactly() {
        let mut timeline = Timeline::new(WorldSetup::default());
        for a in script() {
            let now = timeline.world().now();
            timeline.act(a, now).expect("accepted");
            timeline.run_until_idle();
        }
        let json = timeline.to_json();
        let loaded = Timeline::from_json(&json).expect("loads");
        assert_eq!(loaded.world().transcript(), timeline.world().transcript());
        assert_eq!(loaded.world().store(), timeline.world().store());
        assert_eq!(loaded.to_json(), json);
    }

    #[test]
    fn hostile_saved_worlds_get_a_clear_error() {
        for bad in ["", "{", "[]", "{\"version\":99}", &"x".repeat(10_000)] {
            assert!(Timeline::from_json(bad).is_err(), "{bad:.20}");
        }
        let mut saved = Timeline::new(WorldSetup::default()).save();
        saved.version = 2;
        assert!(Timeline::load(saved.clone())
            .unwrap_err()
            .to_string()
            .contains("newer"));
        saved.version = 1;
        saved.setup.devices[0].id = "<img onerror=x>".into();
        assert!(Timeline::load(saved.clone())
            .unwrap_err()
            .to_string()
            .contains("device id"));
        saved.setup = WorldSetup::default();
        saved.log = vec![mailroom::sim::saved::LoggedAction {
            moment: 0,
            at: SimTime::ZERO,
            action: Action::CheckMail {
                device: "toaster".into(),
            },
        }];
        saved.moment = 1;
        assert!(Timeline::load(saved)
            .unwrap_err()
            .to_string()
            .contains("toaster"));
    }

    #[test]
    fn a_burst_given_a_budget_runs_over_several_calls_and_ends_the_same() {
        let checks = |world: &mut World| {
            let now = world.now();
            for device in ["laptop", "phone", "tablet", "laptop-2", "phone-2"] {
                world
                    .handle_action(
                        Action::CheckMail {
                            device: device.into(),
                        },
                        now,
                    )
                    .expect("online");
            }
        };
        let until = SimTime::from_minutes(1);
        let mut whole = World::new(WorldSetup::crowded(5, 120));
        checks(&mut whole);
        whole.advance_to(until);
        let mut budgeted = World::new(WorldSetup::crowded(5, 120));
        checks(&mut budgeted);
        let mut calls = 0;
        let mut clock = budgeted.now();
        while !budgeted.advance_within(until, 500) {
            calls += 1;
            assert!(budgeted.now() >= clock, "the clock never runs back");
            assert!(
                budgeted.now() < until,
                "a spent budget holds the clock back"
            );
            clock = budgeted.now();
        }
        assert!(calls > 5, "the burst was spread over {calls} calls");
        assert_eq!(budgeted.now(), until);
        assert_eq!(budgeted.transcript(), whole.transcript());
        assert_eq!(budgeted.store(), whole.store());
    }
}
