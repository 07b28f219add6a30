//! LISTEN for commits of other instances. Each notification carries the new event's id; a
//! reconnect after the connection dropped (when notifications may have been lost) sends
//! `i64::MAX`, "something may be new". The event pump reads the `events` table after what
//! it published last whenever an id is beyond that.

use super::EVENTS_CHANNEL;
use sqlx::postgres::{PgConnectOptions, PgListener};
use std::time::Duration;
use tokio::sync::mpsc;

const RECONNECT_AFTER: Duration = Duration::from_secs(1);

pub(crate) fn spawn(options: PgConnectOptions) -> mpsc::Receiver<i64> {
    let (wake, rx) = mpsc::channel(64);
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

async fn listen(options: &PgConnectOptions, wake: &mpsc::Sender<i64>) -> Result<(), sqlx::Error> {
    let pool = sqlx::pool::PoolOptions::new()
        .max_connections(1)
        .acquire_timeout(Duration::from_secs(3))
        .connect_lazy_with(options.clone());
    let mut listener = PgListener::connect_with(&pool).await?;
    listener.listen(EVENTS_CHANNEL).await?;
    // Whatever was committed while we were not listening.
    notify(wake, i64::MAX);
    loop {
        tokio::select! {
            // try_recv yields None when the connection dropped; end and let `spawn` reconnect.
            received = listener.try_recv() => match received? {
                Some(n) => notify(wake, n.payload().parse().unwrap_or(i64::MAX)),
                None => return Ok(()),
            },
            _ = wake.closed() => return Ok(()),
        }
    }
}

/// When the channel is full the pump is behind anyway and will read the table.
fn notify(wake: &mpsc::Sender<i64>, id: i64) {
    let _ = wake.try_send(id);
}
