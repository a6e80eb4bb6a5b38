//! Each challenge's start world is as its task says (read from the world itself), and the shortcuts that would
//! skip what a challenge teaches fall short of its goal, on exactly the condition that guards it.

mod common;

use common::challenge::*;
use mailroom::sim::challenge::Condition;
use mailroom::sim::imap::{DeleteModel, SyncMode};
use mailroom::sim::mail::Flag;
use mailroom::sim::world::{Action, WorldEvent};

/// Each task's claim about its start world, read from the world itself.
#[test]
fn every_start_world_is_as_its_task_says() {
    let start = |id: &str| play(&canonical(id), &[]);
    let w = start("both-see-all");
    assert_eq!(server_folder(&w, "INBOX").len(), 3);

    let c = canonical("read-here-seen-there");
    let w = start("read-here-seen-there");
    let m = goal_message(&c);
    let tablet = w.world().device("tablet").expect("tablet").local_messages();
    assert!(tablet
        .iter()
        .any(|x| x.message_id == m.id && !x.flags.contains(Flag::Seen)));

    // "The phone says yesterday's mail vanished": it shows only today's; the laptop took the rest.
    let w = start("vanished-mail");
    assert_eq!(device_ids(&w, "phone").len(), 1);
    assert_eq!(device_ids(&w, "laptop").len(), 3);
    assert_eq!(server_folder(&w, "INBOX").len(), 1);

    let w = start("offline-delete");
    assert!(!w.world().device("tablet").expect("tablet").online);
    assert!(device_ids(&w, "tablet").contains(&goal_message(&canonical("offline-delete")).id));

    // "His message bounced".
    let w = start("mailbox-full");
    let last = w.world().events().iter().rev().find_map(|e| match e.event {
        WorldEvent::DeliveryRefused { .. } => Some(true),
        WorldEvent::MessageDelivered { .. } => Some(false),
        _ => None,
    });
    assert_eq!(last, Some(true));

    // "Each of the 3 messages twice".
    let w = start("duplicates-after-lost-state");
    assert_eq!(device_ids(&w, "laptop").len(), 6);
    assert_eq!(device_ids(&w, "phone").len(), 3);

    // "Deleted on the tablet, yet the phone and the tablet still show it" (marked \Deleted on the server).
    let c = canonical("deleted-but-still-there");
    let w = start("deleted-but-still-there");
    let m = goal_message(&c);
    assert!(server_folder(&w, "INBOX").contains(&(m.id.clone(), true)));
    assert!(device_ids(&w, "phone").contains(&m.id));
    assert!(device_ids(&w, "tablet").contains(&m.id));

    // "Exactly a week": six days on, the laptop's check leaves the mail; two more, and it deletes it.
    let c = canonical("keep-for-a-week");
    let days = |n| act(Action::WarpDays { days: n });
    let mut moves = c.solution.clone();
    moves.extend([days(6), check("laptop")]);
    assert_eq!(server_folder(&play(&c, &moves), "INBOX").len(), 3);
    moves.extend([days(2), check("laptop")]);
    assert_eq!(server_folder(&play(&c, &moves), "INBOX").len(), 0);

    // "A device with changes waiting for the network cannot be reconfigured" (offline-delete's hint).
    let c = canonical("offline-delete");
    let mut w = play(&c, &[delete("tablet", &goal_message(&c))]);
    let now = w.world().now();
    let push = imap(SyncMode::PushWithIdle, DeleteModel::RemoveImmediately);
    let refused = w.act(
        Action::ConfigureDevice {
            device: "tablet".into(),
            client: push,
        },
        now,
    );
    assert!(refused.is_err());

    // "Up to ten minutes late": a message sent now reaches the polling tablet only at its next poll.
    let c = canonical("instant-on-tablet");
    let w = play(&c, &[send_mail(), wait_minutes(10)]);
    assert_eq!(device_ids(&w, "tablet").len(), 4);
    assert_eq!(
        missing(&c, &w),
        words_of(&c, |c| matches!(c, Condition::NewMailShownWithin { .. }))
    );
}

#[test]
fn shortcuts_that_skip_the_lesson_fall_short_on_the_condition_that_guards_it() {
    // pop3-delete-reaches-server: deleting on the phone too only moves the message to the server's Trash.
    let c = canonical("pop3-delete-reaches-server");
    let m = goal_message(&c);
    let w = play(&c, &[delete("phone", &m), delete("laptop", &m)]);
    assert_eq!(
        missing(&c, &w),
        [format!(
            "“{}” is gone from the server, from every folder",
            m.subject
        )]
    );

    // duplicates-after-lost-state: switching the laptop to IMAP drops the duplicates, and POP3 with them.
    let c = canonical("duplicates-after-lost-state");
    let imap_idle = imap(SyncMode::PushWithIdle, DeleteModel::MoveToTrash);
    let w = play(&c, &[configure("laptop", imap_idle), check("laptop")]);
    assert_eq!(
        missing(&c, &w),
        ["The laptop reads with POP3 and leaves mail on the server"]
    );
    // Downloading and deleting (so no deletion is queued) would empty the server at the next check.
    let w = play(
        &c,
        &[configure(
            "laptop",
            mailroom::sim::device::ClientSetup::pop3_download_and_delete(),
        )],
    );
    assert!(missing(&c, &w)
        .contains(&"The laptop reads with POP3 and leaves mail on the server".to_string()));
    assert!(c
        .goal
        .iter()
        .any(|g| matches!(g, Condition::Pop3LeavesMailOnServer { .. })));
}
