//! The mail's story, told from the world's events: where each card and change token is on the stage at a sim
//! time, and captions in plain words. Pure, like the rest of the core.

mod captions;
mod names;
mod pacing;
mod stage;

pub use captions::{captions, Caption};
pub use names::{device_name, display_name, messages, quoted};
pub use pacing::{skip_target, skipped_span, SpanUnit, QUIET_BEFORE_SKIP, SKIP_LEAD};
pub use stage::{
    card_of, recent_events, scene, ChangeToken, LeavingRow, MailToken, MoveCard, Scene, ARRIVING,
    LEAVING, MAX_CARDS_PER_WIRE, MAX_CHANGES_PER_WIRE, MAX_TOKENS, MOVE_TRAVEL,
};
