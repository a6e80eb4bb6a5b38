//! What travels the wires on the stage: a message card (sender and subject) and a change token (a flag, an
//! expunge, a move). Placed by CSS variables and a transform, so a frame moves them without a layout.

use super::icons::{glyph_icon, Glyph};
use crate::sim::session::Direction;
use crate::sim::story::{display_name, ChangeToken, MailToken, MoveCard, Scene};
use crate::sim::world::ChangeKind;
use crate::ui::i18n::{tr, Lang, Text};
use crate::ui::layout::{along, percent, Link};
use yew::prelude::*;

/// An anchor as large as the stage moves by percent of its own size (the stage's), with a transform only.
pub fn place((x, y): (f64, f64)) -> String {
    format!("--x:{};--y:{}", percent(x), percent(y))
}

/// `slot` keys the card by its place among the cards drawn, not by its message: in a stream of hundreds of
/// messages the newest on a wire change every frame, and the same few elements are moved and relabelled
/// instead of built anew. Every frame places each card afresh, so nothing else follows an element.
pub fn mail_token(token: &MailToken, at: (f64, f64), slot: usize) -> Html {
    html! {
        <div key={ format!("m{slot}") } class="anchor" style={ place(at) }>
            <div class={ classes!("mail-token", (token.from == "server").then_some("down")) }
                data-testid="mail-token" data-message-id={ token.message_id.clone() }
                data-from={ token.from.clone() } data-to={ token.to.clone() }>
                { card_face(&token.sender, &token.subject) }
            </div>
        </div>
    }
}

/// What a travelling message shows: an envelope, its sender and its subject.
fn card_face(sender: &str, subject: &str) -> Html {
    html! {
        <>
            <span class="token-icon" aria-hidden="true">{ glyph_icon(Glyph::Mail) }</span>
            <span class="token-text">
                <span class="from">{ display_name(sender) }</span>
                <span class="subject">{ subject }</span>
            </span>
        </>
    }
}

/// A message moved on the server (RFC 6851 §3.3), on its way from its row to its new folder's tab.
pub fn move_card(card: &MoveCard, at: (f64, f64)) -> Html {
    html! {
        <div key={ format!("v{}/{}/{}", card.from, card.uid, card.message_id) } class="anchor" style={ place(at) }>
            <div class="mail-token move" data-testid="mail-token" data-kind="move" data-message-id={ card.message_id.clone() }
                data-from={ card.from.clone() } data-to={ card.to.clone() }>
                { card_face(&card.sender, &card.subject) }
            </div>
        </div>
    }
}

/// The glyph and the word a change travels as.
pub fn kind_face(lang: Lang, kind: ChangeKind) -> (&'static str, &'static str) {
    match kind {
        ChangeKind::Seen => ("✓", "\\Seen"),
        ChangeKind::Flagged => ("⚑", "\\Flagged"),
        ChangeKind::Deleted => ("✕", "\\Deleted"),
        ChangeKind::Expunge => ("⊘", tr(lang, Text::TokenExpunge)),
        ChangeKind::Move => ("➜", tr(lang, Text::TokenMove)),
    }
}

/// Keyed by `slot` among the tokens drawn, as a card is.
pub fn change_token(lang: Lang, token: &ChangeToken, at: (f64, f64), slot: usize) -> Html {
    let (glyph, word) = kind_face(lang, token.kind);
    html! {
        <div key={ format!("c{slot}") } class="anchor" style={ place(at) }>
            <div class={ classes!("change-token", token.kind.id()) }
                data-testid="change-token" data-kind={ token.kind.id() }
                data-from={ token.from.clone() } data-to={ token.to.clone() }>
                <span aria-hidden="true">{ glyph }</span>{ " " }{ word }
            </div>
        </div>
    }
}

/// The wire a token travels, named by its far end (`sender` or a device id), and which way it goes.
fn wire<'a>(from: &'a str, to: &'a str) -> (&'a str, Direction) {
    if from == "server" {
        (to, Direction::ServerToClient)
    } else {
        (from, Direction::ClientToServer)
    }
}

/// Everything travelling in `scene`, placed along the link `link_of` gives each wire's far end; shared by the
/// stage and compare mode's small stages. With reduced motion a card waits at its destination and a change
/// at the middle of its wire. `also` joins them in the same layer (the main stage's move cards).
pub fn scene_tokens(
    lang: Lang,
    scene: &Scene,
    reduced_motion: bool,
    link_of: impl Fn(&str) -> Option<Link>,
    also: Html,
) -> Html {
    let mail = scene.mail.iter().enumerate().filter_map(|(i, t)| {
        let (end, direction) = wire(&t.from, &t.to);
        let progress = if reduced_motion { 1.0 } else { t.progress };
        link_of(end).map(|link| mail_token(t, along(link, direction, progress), i))
    });
    let changes = scene.changes.iter().enumerate().filter_map(|(i, t)| {
        let (end, direction) = wire(&t.from, &t.to);
        let progress = if reduced_motion { 0.5 } else { t.progress };
        link_of(end).map(|link| change_token(lang, t, along(link, direction, progress), i))
    });
    html! { <div class="tokens" aria-hidden="true">{ for changes }{ for mail }{ also }</div> }
}
