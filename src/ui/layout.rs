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
/// A projector's wide stage: cards 28% wide (static/style.css) so their rows read whole in large type, and the
/// server 35% to 65%, so the wires between them keep 6.5% of the stage.
const PROJECTOR_LEFT_X: f64 = 14.5;
const PROJECTOR_RIGHT_X: f64 = 85.5;
const PROJECTOR_CARD_HALF_WIDTH: f64 = 14.0;
const PROJECTOR_SERVER_X: (f64, f64) = (35.0, 65.0);
/// The outside sender's node (above the server) and the terminal's node (below it).
pub const SENDER_NODE: (f64, f64) = (50.0, 6.0);
pub const TERMINAL_NODE: (f64, f64) = (50.0, 94.0);

/// Device `i` of `n`: the first half (rounded down) to the left, the rest to the right, spread evenly down each
/// column. Three devices put the POP3 laptop alone on the left and the two IMAP devices on the right.
pub fn device_position(i: usize, n: usize) -> (f64, f64) {
    column_position(i, n, (LEFT_X, RIGHT_X))
}

/// Device `i` of `n` in two columns centred at `xs` (left, right).
fn column_position(i: usize, n: usize, (left_x, right_x): (f64, f64)) -> (f64, f64) {
    let left_len = n / 2;
    let (left, row, column_len) = if i < left_len {
        (true, i, left_len)
    } else {
        (false, i - left_len, n - left_len)
    };
    let y = 50.0 + (row as f64 - (column_len as f64 - 1.0) / 2.0) * column_spacing(column_len);
    (if left { left_x } else { right_x }, y)
}

/// How far apart the cards of a column of `len` sit (percent of the stage's height): as far as the stage allows.
fn column_spacing(len: usize) -> f64 {
    (92.0 / len.max(1) as f64).min(46.0)
}

/// A link's ends: (client end, server end).
pub type Link = ((f64, f64), (f64, f64));

/// The link from device `i` of `n` to the server.
pub fn device_link(i: usize, n: usize) -> Link {
    column_link(
        device_position(i, n),
        CARD_HALF_WIDTH,
        (SERVER_BOX.0, SERVER_BOX.2),
    )
}

/// The link from a card centred at `(x, y)`, `half_width` wide each side, to the server's near edge.
fn column_link(
    (x, y): (f64, f64),
    half_width: f64,
    (server_left, server_right): (f64, f64),
) -> Link {
    let server_y = y.clamp(SERVER_BOX.1 + 5.0, SERVER_BOX.3 - 5.0);
    if x < 50.0 {
        ((x + half_width, y), (server_left, server_y))
    } else {
        ((x - half_width, y), (server_right, server_y))
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

/// The stage's shape, from the viewport: wide (the server between two columns of devices) or tall (a phone
/// held upright: the server on top, the devices in rows below it, their wires running up); a wide stage in
/// projector mode has wider cards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Wide,
    Tall,
    Projector,
}

/// The tall stage's server box, sender node and device rows.
const TALL_SERVER_BOX: (f64, f64, f64, f64) = (3.0, 8.0, 97.0, 46.0);
const TALL_SENDER_NODE: (f64, f64) = (50.0, 2.5);
const TALL_PER_ROW: usize = 3;

impl Shape {
    /// Where device `i` of `n` sits: its centre when wide, the middle of its top edge when tall.
    pub fn device_position(self, i: usize, n: usize) -> (f64, f64) {
        match self {
            Shape::Wide => device_position(i, n),
            Shape::Projector => column_position(i, n, (PROJECTOR_LEFT_X, PROJECTOR_RIGHT_X)),
            Shape::Tall => {
                let per_row = n.clamp(1, TALL_PER_ROW);
                let (row, column) = (i / per_row, i % per_row);
                let in_row = (n - row * per_row).min(per_row);
                let x = (column as f64 + 0.5) * 100.0 / in_row as f64;
                (x, 56.0 + row as f64 * 23.0)
            }
        }
    }

    pub fn device_link(self, i: usize, n: usize) -> Link {
        match self {
            Shape::Wide => device_link(i, n),
            Shape::Projector => column_link(
                self.device_position(i, n),
                PROJECTOR_CARD_HALF_WIDTH,
                PROJECTOR_SERVER_X,
            ),
            Shape::Tall => {
                let (x, y) = self.device_position(i, n);
                ((x, y), (x, TALL_SERVER_BOX.3))
            }
        }
    }

    pub fn sender_node(self) -> (f64, f64) {
        match self {
            Shape::Wide | Shape::Projector => SENDER_NODE,
            Shape::Tall => TALL_SENDER_NODE,
        }
    }

    pub fn sender_link(self) -> Link {
        match self {
            Shape::Wide | Shape::Projector => sender_link(),
            Shape::Tall => (
                (TALL_SENDER_NODE.0, TALL_SENDER_NODE.1 + 2.0),
                (TALL_SENDER_NODE.0, TALL_SERVER_BOX.1),
            ),
        }
    }

    /// The tallest device `i` of `n` may grow (percent of the stage) without covering its neighbour.
    pub fn card_max_height(self, i: usize, n: usize) -> f64 {
        match self {
            Shape::Wide | Shape::Projector => {
                let left_len = n / 2;
                let column_len = if i < left_len { left_len } else { n - left_len };
                column_spacing(column_len) - 2.0
            }
            Shape::Tall => {
                let rows = n.div_ceil(TALL_PER_ROW).max(1);
                44.0 / rows as f64 - 2.0
            }
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            // docs/hooks.md names two shapes: a projector's stage is a wide one.
            Shape::Wide | Shape::Projector => "wide",
            Shape::Tall => "tall",
        }
    }
}

/// A point as a right-to-left reader (Arabic) sees the stage: mirrored left to right, so devices swap sides
/// and rows run from the right. The server, the sender and the terminal sit in the middle and stay.
pub fn mirrored_point((x, y): (f64, f64), rtl: bool) -> (f64, f64) {
    if rtl {
        (100.0 - x, y)
    } else {
        (x, y)
    }
}

/// A link with both ends mirrored as [`mirrored_point`] does.
pub fn mirrored_link((client, server): Link, rtl: bool) -> Link {
    (mirrored_point(client, rtl), mirrored_point(server, rtl))
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
    fn a_tall_stage_puts_three_devices_in_one_row_under_the_server() {
        let tall = Shape::Tall;
        let row: Vec<(f64, f64)> = (0..3).map(|i| tall.device_position(i, 3)).collect();
        assert!(row
            .iter()
            .all(|(_, y)| *y == row[0].1 && *y > TALL_SERVER_BOX.3));
        assert!(row[0].0 < row[1].0 && row[1].0 < row[2].0);
        let ((_, device_end), (_, server_end)) = tall.device_link(1, 3);
        assert!(server_end < device_end, "the wire runs up to the server");
        assert!(
            tall.device_position(3, 4).1 > row[0].1,
            "a fourth device starts a second row"
        );
    }

    #[test]
    fn a_projector_card_meets_its_wire_and_leaves_the_server_room() {
        let projector = Shape::Projector;
        for i in 0..3 {
            let (x, _) = projector.device_position(i, 3);
            let ((card_end, _), (server_end, _)) = projector.device_link(i, 3);
            assert_eq!((card_end - x).abs(), PROJECTOR_CARD_HALF_WIDTH);
            assert!(x - PROJECTOR_CARD_HALF_WIDTH >= 0.0 && x + PROJECTOR_CARD_HALF_WIDTH <= 100.0);
            assert!(
                (server_end - card_end).abs() >= 5.0,
                "a wire long enough to watch"
            );
            assert!([PROJECTOR_SERVER_X.0, PROJECTOR_SERVER_X.1].contains(&server_end));
        }
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
