//! Where things sit on the stage, in percent of its width and height: the server in the middle, devices in
//! two columns beside it, so that up to eight cards never cover the server.

/// The server's centre.
pub const SERVER: (f64, f64) = (50.0, 50.0);

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
    (if left { 13.5 } else { 86.5 }, y)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_devices_put_the_laptop_left_and_two_on_the_right() {
        assert_eq!(device_position(0, 3), (13.5, 50.0));
        assert_eq!(device_position(1, 3).0, 86.5);
        assert_eq!(device_position(2, 3).0, 86.5);
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
}
