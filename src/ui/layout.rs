//! Where things sit on the stage, in percent of its width and height: the server in the middle, devices in
//! two columns beside it (so up to eight cards never cover the server), the outside sender above and the
//! terminal below. Links run from card edge to server edge, so a packet's whole path is visible.

use crate::sim::session::Direction;

/// The server panel's box: left, top, right, bottom.
pub const SERVER_BOX: (f64, f64, f64, f64) = (33.0, 17.0, 67.0, 83.0);
/// Centre x of the left and right device columns, and a card's half width.
const LEFT_X: f64 = 12.0;
const RIGHT_X: f64 = 88.0;
const CARD_HALF_WIDTH: f64 = 11.5;
/// The outside sender's node (above the server) and the terminal's node (below it).
pub const SENDER_NODE: (f64, f64) = (50.0, 6.0);
pub const TERMINAL_NODE: (f64, f64) = (50.0, 94.0);

/// Device `i` of `n`: the first half (rounded down) to the left, the rest to the right, spread evenly down each
/// column. Three devices put the POP3 laptop alone on the left and the two IMAP devices on the right.
pub fn device_position(i: usize, n: usize) -> (f64, f64) {
    let left_len = n / 2;
    let (left, row, column_len) = if i < left_len {
        (true, i, left_len)
    } else {
        (false, i - left_len, n - left_len)
    };
    let y = (row as f64 + 1.0) * 100.0 / (column_len as f64 + 1.0);
    (if left { LEFT_X } else { RIGHT_X }, y)
}

/// A link's ends: (client end, server end).
pub type Link = ((f64, f64), (f64, f64));

/// The link from device `i` of `n` to the server.
pub fn device_link(i: usize, n: usize) -> Link {
    let (x, y) = device_position(i, n);
    let server_y = y.clamp(SERVER_BOX.1 + 5.0, SERVER_BOX.3 - 5.0);
    if x < 50.0 {
        ((x + CARD_HALF_WIDTH, y), (SERVER_BOX.0, server_y))
    } else {
        ((x - CARD_HALF_WIDTH, y), (SERVER_BOX.2, server_y))
    }
}

pub fn sender_link() -> Link {
    (
        (SENDER_NODE.0, SENDER_NODE.1 + 3.0),
        (SENDER_NODE.0, SERVER_BOX.1),
    )
}

pub fn terminal_link() -> Link {
    (
        (TERMINAL_NODE.0, TERMINAL_NODE.1 - 3.0),
        (TERMINAL_NODE.0, SERVER_BOX.3),
    )
}

/// A percentage with two decimals, e.g. `12.35`, formatted with integers (float formatting would add
/// kilobytes to the page for this one use).
pub fn percent(value: f64) -> String {
    let hundredths = (value * 100.0).round() as i64;
    let sign = if hundredths < 0 { "-" } else { "" };
    let abs = hundredths.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// Where a line is on its link after `progress` (0 to 1) of its trip.
pub fn along(link: Link, direction: Direction, progress: f64) -> (f64, f64) {
    let ((cx, cy), (sx, sy)) = link;
    let t = match direction {
        Direction::ClientToServer => progress,
        Direction::ServerToClient => 1.0 - progress,
    };
    (cx + (sx - cx) * t, cy + (sy - cy) * t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_devices_put_the_laptop_left_and_two_on_the_right() {
        assert_eq!(device_position(0, 3), (LEFT_X, 50.0));
        assert_eq!(device_position(1, 3).0, RIGHT_X);
        assert_eq!(device_position(2, 3).0, RIGHT_X);
        assert!(device_position(1, 3).1 < device_position(2, 3).1);
    }

    #[test]
    fn eight_devices_fill_two_columns_of_four_without_overlap() {
        let mut seen: Vec<(i64, i64)> = (0..8)
            .map(|i| device_position(i, 8))
            .map(|(x, y)| (x as i64, y as i64))
            .collect();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), 8);
        assert!((0..8).all(|i| (1.0..99.0).contains(&device_position(i, 8).1)));
    }

    #[test]
    fn percentages_have_two_decimals() {
        assert_eq!(percent(12.345_6), "12.35");
        assert_eq!(percent(0.0), "0.00");
        assert_eq!(percent(-0.5), "-0.50");
        assert_eq!(percent(100.0), "100.00");
    }

    #[test]
    fn a_line_travels_from_its_sender_to_its_receiver() {
        let link = device_link(0, 3);
        assert_eq!(along(link, Direction::ClientToServer, 0.0), link.0);
        assert_eq!(along(link, Direction::ClientToServer, 1.0), link.1);
        assert_eq!(along(link, Direction::ServerToClient, 0.0), link.1);
        let (x, _) = along(link, Direction::ServerToClient, 0.5);
        assert!(link.0 .0 < x && x < link.1 .0);
    }
}
