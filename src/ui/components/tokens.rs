//! What travels the wires on the stage: a message card (sender and subject) and a change token (a flag, an
//! expunge, a move). Placed by CSS variables and a transform, so a frame moves them without a layout.

use crate::sim::story::{display_name, ChangeToken, MailToken, MoveCard};
use crate::sim::world::ChangeKind;
use crate::ui::i18n::{tr, Lang, Text};
use crate::ui::layout::percent;
use yew::prelude::*;

/// An anchor as large as the stage moves by percent of its own size (the stage's), with a transform only.
pub fn place((x, y): (f64, f64)) -> String {
    format!("--x:{};--y:{}", percent(x), percent(y))
}

pub fn mail_token(token: &MailToken, at: (f64, f64)) -> Html {
    html! {
        <div key={ format!("m{}", token.key) } class="anchor" style={ place(at) }>
            <div class={ classes!("mail-token", (token.from == "server").then_some("down")) }
                data-testid="mail-token" data-message-id={ token.message_id.clone() }
                data-from={ token.from.clone() } data-to={ token.to.clone() }>
                <span class="token-icon" aria-hidden="true">{ "✉" }</span>
                <span class="token-text">
                    <span class="from">{ display_name(&token.sender) }</span>
                    <span class="subject">{ &token.subject }</span>
                </span>
            </div>
        </div>
    }
}

/// A message moved on the server (RFC 6851 §3.3), on its way from its row to its new folder's tab.
pub fn move_card(card: &MoveCard, at: (f64, f64)) -> Html {
    html! {
        <div key={ format!("v{}/{}/{}", card.from, card.uid, card.message_id) } class="anchor" style={ place(at) }>
            <div class="mail-token move" data-testid="mail-token" data-kind="move" data-message-id={ card.message_id.clone() }
                data-from={ card.from.clone() } data-to={ card.to.clone() }>
                <span class="token-icon" aria-hidden="true">{ "✉" }</span>
                <span class="token-text">
                    <span class="from">{ display_name(&card.sender) }</span>
                    <span class="subject">{ &card.subject }</span>
                </span>
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

pub fn change_token(lang: Lang, token: &ChangeToken, at: (f64, f64)) -> Html {
    let (glyph, word) = kind_face(lang, token.kind);
    html! {
        <div key={ format!("c{}", token.key) } class="anchor" style={ place(at) }>
            <div class={ classes!("change-token", token.kind.id()) }
                data-testid="change-token" data-kind={ token.kind.id() }
                data-from={ token.from.clone() } data-to={ token.to.clone() }>
                <span aria-hidden="true">{ glyph }</span>{ " " }{ word }
            </div>
        </div>
    }
}
