//! One test per POP3 client rule of docs/protocol.md: the settings real clients offer and the UIDL state file.

mod common;

use common::*;
use mailroom::sim::harness::Pair;
use mailroom::sim::mail::Store;
use mailroom::sim::pop3::{
    Credentials, Pop3Client, Pop3ClientEvent, Pop3ClientState, Pop3Server, Pop3ServerConfig,
    Pop3Settings,
};
use mailroom::sim::session::ClientSession;
use mailroom::sim::time::SimTime;

fn deliver(store: &mut Store, subject: &str, now: SimTime) {
    let text = format!("Subject: {subject}\r\nMessage-ID: <{subject}@example.net>\r\n\r\nbody\r\n");
    store.deliver(ALICE, text, now).expect("delivered");
}

fn ended(events: &[Pop3ClientEvent]) -> Option<usize> {
    events.iter().find_map(|e| match e {
        Pop3ClientEvent::SessionEnded { deleted_on_server } => Some(*deleted_on_server),
        _ => None,
    })
}

mod leave_on_server {
    use super::*;

    #[test]
    fn the_first_check_downloads_every_message_and_deletes_none() {
        let mut store = Store::default_world();
        let (events, transcript, state) = check_mail(
            &mut store,
            &leave_on_server(),
            Pop3ClientState::default(),
            1,
            SimTime::ZERO,
        );
        assert_eq!(downloaded(&events).len(), 3);
        assert_eq!(state.known.len(), 3);
        assert_eq!(ended(&events), Some(0));
        assert_eq!(inbox_uids(&store).len(), 3);
        let commands: Vec<&str> = transcript
            .iter()
            .filter_map(|l| l.strip_prefix("C: "))
            .collect();
        assert_eq!(
            commands,
            [
                "USER alice",
                "PASS wonderland",
                "STAT",
                "UIDL",
                "RETR 1",
                "RETR 2",
                "RETR 3",
                "QUIT"
            ]
        );
    }

    #[test]
    fn a_known_uidl_is_never_downloaded_again() {
        let mut store = Store::default_world();
        let settings = leave_on_server();
        let (_, _, state) = check_mail(
            &mut store,
            &settings,
            Pop3ClientState::default(),
            1,
            SimTime::ZERO,
        );
        deliver(&mut store, "fourth", SimTime::from_minutes(60));
        let (events, _, state) =
            check_mail(&mut store, &settings, state, 2, SimTime::from_minutes(61));
        let fourth = downloaded(&events);
        assert_eq!(fourth.len(), 1);
        let (events, _, _) = check_mail(&mut store, &settings, state, 3, SimTime::from_minutes(62));
        assert!(downloaded(&events).is_empty());
    }

    #[test]
    fn a_lost_state_downloads_everything_again() {
        let mut store = Store::default_world();
        let settings = leave_on_server();
        let (first, _, _) = check_mail(
            &mut store,
            &settings,
            Pop3ClientState::default(),
            1,
            SimTime::ZERO,
        );
        let (again, _, _) = check_mail(
            &mut store,
            &settings,
            Pop3ClientState::default(),
            2,
            SimTime::ZERO,
        );
        assert_eq!(
            downloaded(&first),
            downloaded(&again),
            "the same three messages twice: duplicates"
        );
    }

    #[test]
    fn messages_are_deleted_from_the_server_n_days_after_first_download() {
        let mut store = Store::default_world();
        let settings = Pop3Settings {
            delete_after_days: Some(3),
            ..leave_on_server()
        };
        let (_, _, state) = check_mail(
            &mut store,
            &settings,
            Pop3ClientState::default(),
            1,
            SimTime::ZERO,
        );
        deliver(&mut store, "later", SimTime::from_days(2));
        let (events, _, state) = check_mail(&mut store, &settings, state, 2, SimTime::from_days(2));
        assert_eq!(ended(&events), Some(0), "nothing is 3 days old yet");
        let (events, transcript, state) =
            check_mail(&mut store, &settings, state, 3, SimTime::from_days(3));
        assert_eq!(ended(&events), Some(3), "{transcript:#?}");
        assert_eq!(
            inbox_uids(&store).len(),
            1,
            "the message first seen on day 2 stays"
        );
        assert_eq!(state.known.len(), 1);
        assert!(downloaded(&events).is_empty());
    }

    #[test]
    fn a_message_deleted_locally_is_deleted_from_the_server() {
        let mut store = Store::default_world();
        let settings = Pop3Settings {
            delete_when_deleted_locally: true,
            ..leave_on_server()
        };
        let (events, _, mut state) = check_mail(
            &mut store,
            &settings,
            Pop3ClientState::default(),
            1,
            SimTime::ZERO,
        );
        let second = downloaded(&events)[1].clone();
        state.mark_deleted_locally(&second);
        let (events, transcript, state) =
            check_mail(&mut store, &settings, state, 2, SimTime::ZERO);
        assert!(events.contains(&Pop3ClientEvent::MessageMarkedForDeletion {
            uidl: second.clone()
        }));
        assert!(transcript.iter().any(|l| l == "C: DELE 2"));
        assert_eq!(inbox_uids(&store), [1, 3]);
        assert!(!state.known.contains_key(&second));
        assert!(state.deleted_locally.is_empty());
    }

    #[test]
    fn a_local_delete_stays_on_the_server_when_the_setting_is_off() {
        let mut store = Store::default_world();
        let (events, _, mut state) = check_mail(
            &mut store,
            &leave_on_server(),
            Pop3ClientState::default(),
            1,
            SimTime::ZERO,
        );
        state.mark_deleted_locally(&downloaded(&events)[0]);
        let (events, _, _) = check_mail(&mut store, &leave_on_server(), state, 2, SimTime::ZERO);
        assert_eq!(ended(&events), Some(0));
        assert_eq!(inbox_uids(&store).len(), 3);
    }

    #[test]
    fn headers_only_downloads_with_top() {
        let mut store = Store::default_world();
        let settings = Pop3Settings {
            headers_only: Some(0),
            ..leave_on_server()
        };
        let (events, transcript, _) = check_mail(
            &mut store,
            &settings,
            Pop3ClientState::default(),
            1,
            SimTime::ZERO,
        );
        assert!(transcript.iter().any(|l| l == "C: TOP 1 0"));
        assert!(!transcript.iter().any(|l| l.starts_with("C: RETR")));
        let Some(Pop3ClientEvent::MessageDownloaded {
            text, headers_only, ..
        }) = events
            .iter()
            .find(|e| matches!(e, Pop3ClientEvent::MessageDownloaded { .. }))
        else {
            panic!("no download in {events:?}");
        };
        assert!(headers_only);
        assert!(
            text.ends_with("\r\n\r\n") && text.contains("Subject: Lunch on Friday?"),
            "{text:?}"
        );
    }
}

mod download_and_delete {
    use super::*;

    #[test]
    fn each_message_is_retrieved_then_deleted_then_the_client_quits() {
        let mut store = Store::default_world();
        let (events, transcript, state) = check_mail(
            &mut store,
            &download_and_delete(),
            Pop3ClientState::default(),
            1,
            SimTime::ZERO,
        );
        let commands: Vec<&str> = transcript
            .iter()
            .filter_map(|l| l.strip_prefix("C: "))
            .skip(4)
            .collect();
        assert_eq!(
            commands,
            ["RETR 1", "DELE 1", "RETR 2", "DELE 2", "RETR 3", "DELE 3", "QUIT"]
        );
        assert_eq!(ended(&events), Some(3));
        assert!(
            state.known.is_empty(),
            "nothing left on the server to remember"
        );
    }

    #[test]
    fn other_devices_then_find_nothing() {
        let mut store = Store::default_world();
        check_mail(
            &mut store,
            &download_and_delete(),
            Pop3ClientState::default(),
            1,
            SimTime::ZERO,
        );
        let (events, _, _) = check_mail(
            &mut store,
            &leave_on_server(),
            Pop3ClientState::default(),
            2,
            SimTime::ZERO,
        );
        assert_eq!(
            events[0],
            Pop3ClientEvent::MaildropOpened {
                messages: 0,
                octets: 0
            }
        );
        assert!(downloaded(&events).is_empty());
    }

    #[test]
    fn after_a_drop_before_quit_known_messages_are_deleted_not_downloaded_again() {
        use mailroom::sim::session::ServerSession;
        let mut store = Store::default_world();
        let mut client = Pop3Client::new(
            download_and_delete(),
            Pop3ClientState::default(),
            alice_credentials(),
        );
        let mut server = Pop3Server::new(Pop3ServerConfig::default(), 1, SimTime::ZERO);
        // Drive the pair by hand and cut the line when the client is about to send QUIT.
        loop {
            while let Some(line) = server.poll_output() {
                client.handle_line(&line, SimTime::ZERO);
            }
            let Some(command) = client.poll_transmit() else {
                panic!("the client stopped before QUIT");
            };
            if command == "QUIT" {
                server.handle_disconnect(&mut store, SimTime::ZERO);
                break;
            }
            server.handle_input(
                &mut store,
                format!("{command}\r\n").as_bytes(),
                SimTime::ZERO,
            );
        }
        assert_eq!(inbox_uids(&store).len(), 3, "no UPDATE, nothing deleted");
        let state = client.into_state();
        assert_eq!(state.known.len(), 3);
        let (events, transcript, state) =
            check_mail(&mut store, &download_and_delete(), state, 2, SimTime::ZERO);
        assert!(downloaded(&events).is_empty(), "{transcript:#?}");
        assert_eq!(ended(&events), Some(3));
        assert!(inbox_uids(&store).is_empty());
        assert!(state.known.is_empty());
    }
}

mod failures {
    use super::*;

    #[test]
    fn a_wrong_password_ends_the_session_cleanly_with_an_event() {
        let mut store = Store::default_world();
        let credentials = Credentials {
            login: "alice".into(),
            password: "guess".into(),
        };
        let client = Pop3Client::new(leave_on_server(), Pop3ClientState::default(), credentials);
        let server = Pop3Server::new(Pop3ServerConfig::default(), 1, SimTime::ZERO);
        let mut pair = Pair::new(client, server);
        pair.run_until_idle(&mut store, SimTime::ZERO);
        assert!(matches!(
            pair.events[0],
            Pop3ClientEvent::AuthenticationFailed { .. }
        ));
        assert_eq!(
            pair.events[1],
            Pop3ClientEvent::SessionEnded {
                deleted_on_server: 0
            }
        );
        assert!(pair.client.is_finished());
        assert_eq!(
            pair.transcript.last().map(|l| l.text.starts_with("+OK")),
            Some(true)
        );
    }

    #[test]
    fn a_locked_maildrop_ends_the_session_cleanly_with_locked_out() {
        let mut store = Store::default_world();
        let _holder = logged_in(&mut store, 1);
        let (events, transcript, state) = check_mail(
            &mut store,
            &leave_on_server(),
            Pop3ClientState::default(),
            2,
            SimTime::ZERO,
        );
        assert!(
            matches!(&events[0], Pop3ClientEvent::LockedOut { reply } if reply.starts_with("-ERR [IN-USE]"))
        );
        assert_eq!(
            transcript
                .iter()
                .rev()
                .find(|l| l.starts_with("C: "))
                .map(String::as_str),
            Some("C: QUIT")
        );
        assert_eq!(state, Pop3ClientState::default());
    }

    #[test]
    fn apop_logs_in_without_sending_the_password() {
        let mut store = Store::default_world();
        let settings = Pop3Settings {
            use_apop: true,
            ..leave_on_server()
        };
        let (events, transcript, _) = check_mail(
            &mut store,
            &settings,
            Pop3ClientState::default(),
            1,
            SimTime::ZERO,
        );
        assert!(transcript[1].starts_with("C: APOP alice "));
        assert!(!transcript.iter().any(|l| l.contains("wonderland")));
        assert_eq!(downloaded(&events).len(), 3);
    }

    #[test]
    fn a_garbled_server_line_is_a_failure_not_a_panic() {
        let mut client = Pop3Client::new(
            leave_on_server(),
            Pop3ClientState::default(),
            alice_credentials(),
        );
        client.handle_line("HELLO?", SimTime::ZERO);
        assert!(matches!(
            client.poll_event(),
            Some(Pop3ClientEvent::Failed { .. })
        ));
        assert_eq!(client.poll_transmit().as_deref(), Some("QUIT"));
    }
}

#[test]
fn settings_and_state_serialize() {
    let mut store = Store::default_world();
    let (_, _, state) = check_mail(
        &mut store,
        &leave_on_server(),
        Pop3ClientState::default(),
        1,
        SimTime::from_days(1),
    );
    let json = serde_json::to_string(&state).expect("serializes");
    assert_eq!(
        serde_json::from_str::<Pop3ClientState>(&json).ok(),
        Some(state)
    );
    let settings = Pop3Settings::default();
    let json = serde_json::to_string(&settings).expect("serializes");
    assert_eq!(
        serde_json::from_str::<Pop3Settings>(&json).ok(),
        Some(settings)
    );
}
