//! LISTEN for commits of other instances. Each notification, and each reconnect after the
//! connection dropped (when notifications may have been lost), wakes the event pump, which
//! then reads the `events` table after what it published last.

use super::EVENTS_CHANNEL;
use sqlx::postgres::{PgConnectOptions, PgListener};
use std::time::Duration;
use tokio::sync::mpsc;

const RECONNECT_AFTER: Duration = Duration::from_secs(1);

pub(crate) fn spawn(options: PgConnectOptions) -> mpsc::Receiver<()> {
    let (wake, rx) = mpsc::channel(1);
    tokio::spawn(async move {
        while !wake.is_closed() {
            if let Err(e) = listen(&options, &wake).await {
                tracing::warn!(error = %e, "event listener lost its connection; reconnecting");
            }
            tokio::time::sleep(RECONNECT_AFTER).await;
        }
    });
    rx
}

async fn listen(options: &PgConnectOptions, wake: &mpsc::Sender<()>) -> Result<(), sqlx::Error> {
    let pool = sqlx::pool::PoolOptions::new()
        .max_connections(1)
        .acquire_timeout(Duration::from_secs(3))
        .connect_lazy_with(options.clone());
    let mut listener = PgListener::connect_with(&pool).await?;
    listener.listen(EVENTS_CHANNEL).await?;
    // Whatever was committed while we were not listening.
    notify(wake);
    loop {
        tokio::select! {
            // try_recv yields None when the connection dropped; end and let `spawn` reconnect.
            received = listener.try_recv() => match received? {
                Some(_) => notify(wake),
                None => return Ok(()),
            },
            _ = wake.closed() => return Ok(()),
        }
    }
}

/// A full channel already holds a wake-up; one is enough.
fn notify(wake: &mpsc::Sender<()>) {
    let _ = wake.try_send(());
}
