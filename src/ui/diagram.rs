//! The diagram as a standalone SVG for slides: the server with its folders and storage, every device with its
//! protocol, state and mail count, and their links, placed as on the stage. Pure: a world in, SVG text out.

use super::components::device::device_name;
use super::i18n::{folder_name, tr, Lang, Text};
use super::layout::{device_link, device_position, sender_link, SENDER_NODE, SERVER_BOX};
use crate::sim::device::Protocol;
use crate::sim::world::{World, LOGIN};

/// The drawing's size in pixels (16:9, as slides are).
pub const WIDTH: u32 = 1280;
pub const HEIGHT: u32 = 720;

/// Escapes text for SVG, so names and subjects show as written and never as markup.
pub(crate) fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Percent of the stage to pixels.
fn px(percent: f64, of: u32) -> u32 {
    (percent * f64::from(of) / 100.0).round() as u32
}

fn text(out: &mut String, x: u32, y: u32, class: &str, body: &str) {
    out.push_str(&format!(
        "<text x=\"{x}\" y=\"{y}\" class=\"{class}\">{}</text>",
        escaped(body)
    ));
}

pub fn diagram_svg(world: &World, lang: Lang) -> String {
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"mailroom-diagram\" width=\"{WIDTH}\" height=\"{HEIGHT}\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" font-family=\"sans-serif\">\
         <style>.t{{font-size:22px;font-weight:700;fill:#1b2330}}.s{{font-size:16px;fill:#4a5568}}.c{{font-size:18px;fill:#1b2330}}\
         .box{{fill:#fff;stroke:#2f6fde;stroke-width:3;rx:14}}.dev{{fill:#fff;stroke:#8b97ad;stroke-width:2}}\
         .pop3{{stroke:#c2410c}}.imap{{stroke:#0f766e}}.link{{stroke-width:5;fill:none}}.off{{stroke-dasharray:10 8}}</style>\
         <rect width=\"{WIDTH}\" height=\"{HEIGHT}\" fill=\"#eef2f8\"/>"
    );
    let devices = world.devices();
    let n = devices.len();
    let ((sx1, sy1), (sx2, sy2)) = sender_link();
    out.push_str(&format!(
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#7c5cd6\" class=\"link\"/>",
        px(sx1, WIDTH),
        px(sy1, HEIGHT),
        px(sx2, WIDTH),
        px(sy2, HEIGHT)
    ));
    text(
        &mut out,
        px(SENDER_NODE.0, WIDTH) - 110,
        px(SENDER_NODE.1, HEIGHT),
        "c",
        tr(lang, Text::Sender),
    );
    for (i, device) in devices.iter().enumerate() {
        let protocol = device.protocol().id();
        let ((x1, y1), (x2, y2)) = device_link(i, n);
        out.push_str(&format!(
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" class=\"link {protocol}{}\"/>",
            px(x1, WIDTH),
            px(y1, HEIGHT),
            px(x2, WIDTH),
            px(y2, HEIGHT),
            if device.online { "" } else { " off" }
        ));
        let (x, y) = device_position(i, n);
        let (left, top) = (px(x, WIDTH) - 140, px(y, HEIGHT) - 48);
        out.push_str(&format!(
            "<rect x=\"{left}\" y=\"{top}\" width=\"280\" height=\"96\" rx=\"12\" class=\"dev {protocol}\"/>"
        ));
        let label = match device.protocol() {
            Protocol::Pop3 => "POP3",
            Protocol::Imap => "IMAP",
        };
        text(
            &mut out,
            left + 16,
            top + 32,
            "t",
            &format!("{} · {label}", device_name(lang, device.kind, &device.id)),
        );
        let state = tr(
            lang,
            if device.online {
                Text::Online
            } else {
                Text::Offline
            },
        );
        text(
            &mut out,
            left + 16,
            top + 60,
            "s",
            &format!(
                "{state} · {} {}",
                device.local_message_count(),
                tr(lang, Text::Messages)
            ),
        );
    }
    let (l, t, r, b) = SERVER_BOX;
    let (left, top) = (px(l, WIDTH), px(t, HEIGHT));
    out.push_str(&format!(
        "<rect x=\"{left}\" y=\"{top}\" width=\"{}\" height=\"{}\" class=\"box\"/>",
        px(r, WIDTH) - left,
        px(b, HEIGHT) - top
    ));
    text(&mut out, left + 24, top + 40, "t", tr(lang, Text::Server));
    if let Some(account) = world.store().account(LOGIN) {
        let mut line_y = top + 80;
        for mailbox in &account.mailboxes {
            text(
                &mut out,
                left + 24,
                line_y,
                "c",
                &format!(
                    "{} · {} {}",
                    folder_name(lang, &mailbox.name),
                    mailbox.exists(),
                    tr(lang, Text::Messages)
                ),
            );
            line_y += 32;
        }
        text(
            &mut out,
            left + 24,
            line_y + 12,
            "s",
            &format!(
                "{}: {} {}",
                tr(lang, Text::Storage),
                account.used_bytes(),
                tr(lang, Text::Octets)
            ),
        );
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::world::{Action, WorldSetup};

    #[test]
    fn the_diagram_shows_every_device_and_the_server_counts() {
        let mut world = World::new(WorldSetup::default());
        world
            .handle_action(
                Action::CheckMail {
                    device: "laptop".into(),
                },
                world.now(),
            )
            .expect("checks");
        world.run_until_idle();
        let svg = diagram_svg(&world, Lang::En);
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.ends_with("</svg>"));
        for device in ["Laptop · POP3", "Phone · IMAP", "Tablet · IMAP"] {
            assert!(svg.contains(device), "{device} in {svg}");
        }
        assert!(
            svg.contains("INBOX · 0 messages"),
            "the laptop took the mail"
        );
        assert!(svg.contains("online · 3 messages"));
        assert_eq!(
            svg.matches("<rect").count(),
            1 + 3 + 1,
            "background, three devices, the server"
        );
    }

    #[test]
    fn markup_in_names_is_escaped() {
        assert_eq!(
            escaped("<img src=x onerror=\"a&b\">"),
            "&lt;img src=x onerror=&quot;a&amp;b&quot;&gt;"
        );
    }
}
