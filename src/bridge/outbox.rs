//! The sending half of one connection: lines are queued here under the bridge's lock and written to the socket
//! by a thread of the connection's own, so a client that stops reading stalls nobody but itself.

use std::io::{self, Write};
use std::net::{Shutdown, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::Arc;
use std::thread;

/// How far a client may fall behind before its connection is cut, so one stuck reader cannot grow the
/// server's memory without bound. Far above what a whole mailbox of `--messages 10000` fetched at once takes.
pub const MAX_BACKLOG_OCTETS: usize = 64 * 1024 * 1024;

/// Queues bytes for one connection's writer thread.
pub(super) struct Outbox {
    queue: Sender<Vec<u8>>,
    /// Octets queued but not yet written to the socket.
    backlog: Arc<AtomicUsize>,
    /// A handle on the socket, to cut it when the client falls too far behind.
    socket: TcpStream,
}

/// Why queued bytes were not sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum SendError {
    /// The client is more than [`MAX_BACKLOG_OCTETS`] behind; the connection was cut.
    FellBehind { backlog: usize },
    /// The writer has stopped: the socket failed or was cut.
    WriterGone,
}

impl Outbox {
    /// Starts the writer thread for `socket`. When the outbox is dropped, the writer sends what is queued,
    /// then shuts the socket down both ways, which also ends the connection's reader.
    pub(super) fn open(socket: &TcpStream, name: String) -> io::Result<Outbox> {
        let (queue, pending) = mpsc::channel();
        let backlog = Arc::new(AtomicUsize::new(0));
        let writer = socket.try_clone()?;
        let written = Arc::clone(&backlog);
        thread::Builder::new()
            .name(name)
            .spawn(move || write_until_closed(writer, pending, written))?;
        Ok(Outbox {
            queue,
            backlog,
            socket: socket.try_clone()?,
        })
    }

    /// Queues `bytes` after everything queued before them.
    pub(super) fn send(&self, bytes: Vec<u8>) -> Result<(), SendError> {
        let backlog = self.backlog.fetch_add(bytes.len(), Ordering::SeqCst) + bytes.len();
        if backlog > MAX_BACKLOG_OCTETS {
            self.cut();
            return Err(SendError::FellBehind { backlog });
        }
        self.queue.send(bytes).map_err(|_| SendError::WriterGone)
    }

    /// Ends the connection at once, queued bytes or not: the writer's next write and the reader's read fail.
    pub(super) fn cut(&self) {
        let _ = self.socket.shutdown(Shutdown::Both);
    }
}

fn write_until_closed(
    mut socket: TcpStream,
    pending: Receiver<Vec<u8>>,
    backlog: Arc<AtomicUsize>,
) {
    while let Ok(mut chunk) = pending.recv() {
        // Whatever queued meanwhile goes out in the same write: fewer small segments for pipelined replies.
        for more in pending.try_iter() {
            chunk.extend_from_slice(&more);
        }
        if socket.write_all(&chunk).is_err() {
            break;
        }
        backlog.fetch_sub(chunk.len(), Ordering::SeqCst);
    }
    // Everything queued is out, or the socket failed: either way the connection is over.
    let _ = socket.shutdown(Shutdown::Both);
}
