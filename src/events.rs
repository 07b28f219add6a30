//! The fan-out of committed events to live listeners (SSE streams). The `events` table is the
//! source of truth; this bus only wakes listeners, always in id order and without gaps that
//! the table does not have.
//!
//! One pump task owns the order. After a commit the service hands it the events it appended;
//! when they follow on from what was published last they go out at once. Anything else —
//! a gap left by another instance's commit, a notification from PostgreSQL's LISTEN, or a
//! failed read while the database was down — makes the pump read the table after the last
//! published id. Because writers append events under the hall's write lock, an id becomes
//! visible only after every smaller id that will ever exist, so reading "after the last id"
//! never skips one.

use onetrip_store::{EventRow, Store};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{broadcast, mpsc, watch};

const CATCH_UP_BATCH: i64 = 500;
/// How often the pump retries a failed catch-up read, and the longest it trusts the commit
/// notifications without looking at the table itself.
const RETRY_AFTER: Duration = Duration::from_secs(1);
const SAFETY_POLL: Duration = Duration::from_secs(5);

#[derive(Clone)]
pub struct EventBus {
    sender: broadcast::Sender<Arc<EventRow>>,
    pump: mpsc::UnboundedSender<Vec<EventRow>>,
    /// Set when the server shuts down, so that open event streams end and let it stop.
    closed: watch::Sender<bool>,
}

impl EventBus {
    /// Starts the pump; `last_published` is the newest event id already in the table.
    pub fn start(store: Arc<dyn Store>, last_published: i64) -> Self {
        let (sender, _) = broadcast::channel(1024);
        let (closed, _) = watch::channel(false);
        let (pump, committed) = mpsc::unbounded_channel();
        let remote = store.commit_notifications();
        let pump_state = Pump {
            store,
            sender: sender.clone(),
            last: last_published,
        };
        tokio::spawn(pump_state.run(committed, remote, closed.subscribe()));
        Self {
            sender,
            pump,
            closed,
        }
    }

    pub fn close(&self) {
        self.closed.send_replace(true);
    }

    /// Resolves once the bus is closed.
    pub fn closed(&self) -> impl std::future::Future<Output = ()> + Send + 'static {
        let mut rx = self.closed.subscribe();
        async move {
            let _ = rx.wait_for(|closed| *closed).await;
        }
    }

    /// Call only after the transaction that appended the events has committed.
    pub fn publish(&self, events: Vec<EventRow>) {
        // The pump has stopped only at shutdown, when nobody listens any more.
        let _ = self.pump.send(events);
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Arc<EventRow>> {
        self.sender.subscribe()
    }
}

struct Pump {
    store: Arc<dyn Store>,
    sender: broadcast::Sender<Arc<EventRow>>,
    last: i64,
}

impl Pump {
    async fn run(
        mut self,
        mut committed: mpsc::UnboundedReceiver<Vec<EventRow>>,
        mut remote: Option<mpsc::Receiver<i64>>,
        mut closed: watch::Receiver<bool>,
    ) {
        let mut behind = false;
        loop {
            let wait = if behind { RETRY_AFTER } else { SAFETY_POLL };
            let poll_anyway = remote.is_some();
            tokio::select! {
                _ = closed.wait_for(|c| *c) => return,
                local = committed.recv() => match local {
                    Some(events) => behind |= !self.publish_in_order(events),
                    None => return,
                },
                Some(id) = recv_remote(&mut remote) => behind |= id > self.last,
                _ = tokio::time::sleep(wait), if behind || poll_anyway => behind = true,
            }
            if behind {
                behind = !self.catch_up().await;
            }
        }
    }

    /// Publishes events that continue the sequence; false when there is a gap to fill first.
    fn publish_in_order(&mut self, events: Vec<EventRow>) -> bool {
        for e in events {
            if e.id <= self.last {
                continue;
            }
            if e.id != self.last + 1 {
                return false;
            }
            self.send(e);
        }
        true
    }

    /// Reads and publishes everything after the last published id; false if the read failed.
    async fn catch_up(&mut self) -> bool {
        loop {
            let batch = match self.store.begin_read().await {
                Ok(mut tx) => tx.events_after(self.last, CATCH_UP_BATCH).await,
                Err(e) => Err(e),
            };
            match batch {
                Ok(batch) => {
                    let full = batch.len() as i64 == CATCH_UP_BATCH;
                    for e in batch {
                        self.send(e);
                    }
                    if !full {
                        return true;
                    }
                }
                Err(e) => {
                    tracing::warn!(error = %e, "cannot read new events; retrying");
                    return false;
                }
            }
        }
    }

    fn send(&mut self, e: EventRow) {
        self.last = e.id;
        // No listener is not an error: the display may simply be off.
        let _ = self.sender.send(Arc::new(e));
    }
}

async fn recv_remote(remote: &mut Option<mpsc::Receiver<i64>>) -> Option<i64> {
    match remote {
        Some(rx) => rx.recv().await,
        None => std::future::pending().await,
    }
}
