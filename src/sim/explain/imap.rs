use super::{unrecognised, Explanation, LineContext, WireProtocol};
use crate::sim::session::Direction;
pub(super) fn explain(direction: Direction, line: &str, _context: &LineContext) -> Explanation {
    unrecognised(WireProtocol::Imap, direction, line)
}
