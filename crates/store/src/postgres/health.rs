//! Telling "the database is down" from "the database is busy" quickly.
//!
//! The pool waits up to its acquire timeout for a connection, which is right when every
//! connection is busy, but while PostgreSQL is down that wait would stall every request for
//! the full timeout. So a request that has waited a little asks whether the server still
//! accepts connections at all; if not, it gives up at once with `Unavailable`. One TCP probe
//! answers for every request for a short while.

use crate::{StoreError, StoreResult};
use sqlx::pool::PoolConnection;
use sqlx::postgres::PgConnectOptions;
use sqlx::{PgPool, Postgres};
use std::time::{Duration, Instant};
use tokio::sync::Mutex;

/// How long a request waits for a connection before checking that the server is up.
const PATIENCE: Duration = Duration::from_millis(300);
const PROBE_TIMEOUT: Duration = Duration::from_secs(1);
/// How long one probe's answer stands for everyone.
const PROBE_VALID: Duration = Duration::from_millis(500);

pub(crate) struct Health {
    target: Option<(String, u16)>,
    last_probe: Mutex<Option<(Instant, bool)>>,
}

impl Health {
    pub(crate) fn new(options: &PgConnectOptions) -> Self {
        // A Unix socket cannot be probed over TCP; then only the pool's timeout applies.
        let target = options
            .get_socket()
            .is_none()
            .then(|| (options.get_host().to_string(), options.get_port()));
        Self {
            target,
            last_probe: Mutex::new(None),
        }
    }

    pub(crate) async fn acquire(&self, pool: &PgPool) -> StoreResult<PoolConnection<Postgres>> {
        let acquire = pool.acquire();
        tokio::pin!(acquire);
        loop {
            tokio::select! {
                conn = &mut acquire => return Ok(conn?),
                _ = tokio::time::sleep(PATIENCE) => {}
            }
            if !self.server_reachable().await {
                return Err(StoreError::Unavailable(
                    "PostgreSQL does not accept connections".into(),
                ));
            }
        }
    }

    async fn server_reachable(&self) -> bool {
        let Some((host, port)) = &self.target else {
            return true;
        };
        let mut last = self.last_probe.lock().await;
        if let Some((at, up)) = *last {
            if at.elapsed() < PROBE_VALID {
                return up;
            }
        }
        let connect = tokio::net::TcpStream::connect((host.as_str(), *port));
        let up = matches!(
            tokio::time::timeout(PROBE_TIMEOUT, connect).await,
            Ok(Ok(_))
        );
        *last = Some((Instant::now(), up));
        up
    }
}
