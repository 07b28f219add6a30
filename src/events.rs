//! The in-process fan-out of committed events. The `events` table is the source of truth
//! (clients resume from it after a drop); this bus only wakes live listeners.

use onetrip_store::EventRow;
use std::sync::Arc;
use tokio::sync::{broadcast, watch};

#[derive(Clone)]
pub struct EventBus {
    sender: broadcast::Sender<Arc<EventRow>>,
    /// Set when the server shuts down, so that open event streams end and let it stop.
    closed: watch::Sender<bool>,
}

impl EventBus {
    pub fn new() -> Self {
        let (sender, _) = broadcast::channel(1024);
        let (closed, _) = watch::channel(false);
        Self { sender, closed }
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
    pub fn publish(&self, events: Vec<onetrip_store::EventRow>) {
        for e in events {
            // No listener is not an error: the display may simply be off.
            let _ = self.sender.send(Arc::new(e));
        }
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Arc<EventRow>> {
        self.sender.subscribe()
    }
}

impl Default for EventBus {
    fn default() -> Self {
        Self::new()
    }
}
