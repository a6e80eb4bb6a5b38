//! Explanations read in their context, through the whole world: the lines really go over the simulated wire,
//! the transcript follows each connection, and what a line means comes from what came before it on the same
//! connection, never from its text alone.

use mailroom::i18n::Tongue;
use mailroom::sim::session::Direction;
use mailroom::sim::session::WireProtocol;
use mailroom::sim::transcript::TranscriptEntry;
use mailroom::sim::world::{Action, World, WorldSetup};

/// Types each line into the terminal's connection for `protocol`, letting the world run after each.
fn typed(world: &mut World, protocol: WireProtocol, lines: &[&str]) {
    for line in lines {
        let now = world.now();
        world
            .handle_action(
                Action::TypeTerminalLine {
                    protocol,
                    line: (*line).to_string(),
                },
                now,
            )
            .expect("the terminal takes the line");
        world.run_until_idle();
    }
}

/// The server's reply lines on the terminal's connection that follow the client line `command`.
fn replies_to<'a>(
    world: &'a World,
    protocol: WireProtocol,
    command: &str,
) -> Vec<&'a TranscriptEntry> {
    let transcript = world.transcript();
    let Some(sent) = transcript.iter().position(|e| {
        e.protocol == protocol && e.direction == Direction::ClientToServer && e.text == command
    }) else {
        panic!("{command:?} was never sent");
    };
    transcript[sent + 1..]
        .iter()
        .filter(|e| e.protocol == protocol && e.connection == transcript[sent].connection)
        .take_while(|e| e.direction == Direction::ServerToClient)
        .collect()
}

fn tagged_reply<'a>(world: &'a World, command: &str) -> &'a TranscriptEntry {
    let tag = command.split_whitespace().next().unwrap_or("");
    replies_to(world, WireProtocol::Imap, command)
        .into_iter()
        .find(|e| e.text.starts_with(&format!("{tag} ")))
        .unwrap_or_else(|| panic!("no tagged reply to {command:?}"))
}

#[test]
fn ok_to_user_does_not_say_the_user_exists() {
    let mut world = World::new(WorldSetup::default());
    typed(&mut world, WireProtocol::Pop3, &["USER nobody"]);
    let ok = replies_to(&world, WireProtocol::Pop3, "USER nobody")[0];
    assert!(ok.text.starts_with("+OK"), "{}", ok.text);
    let explanation = ok.explain(Tongue::ENGLISH);
    assert!(
        !explanation.text.contains("knows this user"),
        "{}",
        explanation.text
    );
    assert!(
        explanation.text.contains("any name"),
        "{}",
        explanation.text
    );
}

#[test]
fn close_after_examine_removes_nothing_and_after_select_removes_deleted_mail() {
    let mut world = World::new(WorldSetup::default());
    typed(
        &mut world,
        WireProtocol::Imap,
        &[
            "a1 LOGIN alice wonderland",
            "a2 EXAMINE INBOX",
            "a3 CLOSE",
            "a4 SELECT INBOX",
            "a5 CLOSE",
        ],
    );
    let after_examine = tagged_reply(&world, "a3 CLOSE").explain(Tongue::ENGLISH);
    assert!(
        after_examine.text.contains("nothing was removed"),
        "{}",
        after_examine.text
    );
    assert!(
        !after_examine.text.contains("were removed"),
        "{}",
        after_examine.text
    );
    let after_select = tagged_reply(&world, "a5 CLOSE").explain(Tongue::ENGLISH);
    assert!(
        after_select.text.contains("were removed"),
        "{}",
        after_select.text
    );
    assert_eq!(after_select.rfc, "RFC 3501 §6.4.2");
}

#[test]
fn an_empty_mailbox_after_select_has_no_numbers() {
    let mut world = World::new(WorldSetup::default());
    typed(
        &mut world,
        WireProtocol::Imap,
        &[
            "a1 LOGIN alice wonderland",
            "a2 CREATE Empty",
            "a3 SELECT Empty",
        ],
    );
    let exists = replies_to(&world, WireProtocol::Imap, "a3 SELECT Empty")
        .into_iter()
        .find(|e| e.text == "* 0 EXISTS")
        .expect("SELECT reports the empty mailbox");
    let explanation = exists.explain(Tongue::ENGLISH);
    assert!(explanation.text.contains("empty") && !explanation.text.contains("1 to 0"));
}

#[test]
fn the_dot_ending_data_and_the_lines_before_it_are_the_message() {
    let mut world = World::new(WorldSetup::default());
    let now = world.now();
    world
        .handle_action(
            Action::SendMail {
                from: "Bob <bob@example.net>".into(),
                subject: "Minutes".into(),
                body: "QUIT\n\nRSET".into(),
            },
            now,
        )
        .expect("the sender takes the mail");
    world.run_until_idle();
    let sent: Vec<&TranscriptEntry> = world
        .transcript()
        .iter()
        .filter(|e| e.protocol == WireProtocol::Smtp && e.direction == Direction::ClientToServer)
        .collect();
    let dot = sent
        .iter()
        .find(|e| e.text == ".")
        .expect("DATA ends with a dot");
    let explained = dot.explain(Tongue::ENGLISH);
    assert!(
        explained.text.contains("ends the message data"),
        "{}",
        explained.text
    );
    assert!(!explained.text.contains("500"), "{}", explained.text);
    for command_like in ["QUIT", "RSET"] {
        let line = sent
            .iter()
            .find(|e| e.text == command_like && e.in_content)
            .unwrap_or_else(|| panic!("{command_like} travels as message content"));
        let explained = line.explain(Tongue::ENGLISH);
        assert!(
            explained.rfc.is_empty(),
            "{command_like}: {}",
            explained.text
        );
        assert!(
            explained.text.contains("body"),
            "{command_like}: {}",
            explained.text
        );
    }
    let blank_lines: Vec<&&TranscriptEntry> = sent
        .iter()
        .filter(|e| e.in_content && e.text.is_empty())
        .collect();
    assert_eq!(
        blank_lines.len(),
        2,
        "the separator and the blank line in the body"
    );
    assert!(blank_lines[0]
        .explain(Tongue::ENGLISH)
        .text
        .contains("first empty line"));
    assert!(blank_lines[1]
        .explain(Tongue::ENGLISH)
        .text
        .contains("in the body"));
}

#[test]
fn the_last_line_of_the_ehlo_reply_names_an_extension() {
    let mut world = World::new(WorldSetup::default());
    typed(&mut world, WireProtocol::Smtp, &["EHLO terminal.example"]);
    let replies = replies_to(&world, WireProtocol::Smtp, "EHLO terminal.example");
    let last = replies.last().expect("EHLO is answered");
    assert!(last.text.starts_with("250 "), "{}", last.text);
    let explanation = last.explain(Tongue::ENGLISH);
    assert!(
        explanation.text.contains("last line"),
        "{}",
        explanation.text
    );
    assert!(
        !explanation.text.contains("accepts the greeting"),
        "{}",
        explanation.text
    );
}
