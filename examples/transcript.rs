//! Prints the default world's transcript for a short story: the phone checks mail, a message arrives, the
//! laptop downloads and deletes. `cargo run --example transcript`.

use mailroom::sim::world::{Action, World, WorldSetup};

fn main() {
    let mut world = World::new(WorldSetup::default());
    let story = [
        Action::CheckMail {
            device: "phone".into(),
        },
        Action::SendMail {
            from: "Bob <bob@example.net>".into(),
            subject: "Hello".into(),
            body: "Hi Alice!".into(),
        },
        Action::CheckMail {
            device: "laptop".into(),
        },
    ];
    for action in story {
        let now = world.now();
        if let Err(e) = world.handle_action(action, now) {
            eprintln!("refused: {e}");
        }
        world.run_until_idle();
    }
    for line in world.transcript() {
        println!(
            "{:>9} {:<7} {}: {}",
            line.sent.clock(),
            line.endpoint.label(),
            line.direction.prefix(),
            line.text
        );
    }
}
