//! `GET /api/v1/events`: Server-Sent Events. A client that reconnects with `Last-Event-ID`
//! gets what it missed from the `events` table, then live events from the bus.

use crate::context::AppContext;
use crate::error::AppError;
use crate::http::error::ApiError;
use crate::http::extract::{ApiQuery, Auth};
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures::Stream;
use onetrip_store::{Audience, EventRow};
use serde::Deserialize;
use std::convert::Infallible;
use std::time::Duration;
use tokio::sync::{broadcast, mpsc};
use tokio_stream::wrappers::ReceiverStream;
use utoipa::IntoParams;

const REPLAY_BATCH: i64 = 500;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EventsQuery {
    /// The token, for clients that cannot send an `Authorization` header (EventSource).
    #[allow(dead_code)]
    access_token: Option<String>,
    /// Resume after this event id (same as the `Last-Event-ID` header).
    last_event_id: Option<i64>,
}

/// One event as the stream carries it (the documentation of its frame; `data` is the event's
/// JSON payload as text).
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct SseEvent {
    /// The event's id: send it back as `Last-Event-ID` (or `last_event_id`) to resume.
    pub id: Option<String>,
    /// The event kind, e.g. `ticket_called`.
    pub event: Option<String>,
    pub data: String,
    /// Reconnection delay in milliseconds.
    pub retry: Option<u64>,
}

/// Live hall events as Server-Sent Events: `ticket_issued`, `ticket_called`. Each message
/// carries its id; reconnect with `Last-Event-ID` to receive what was missed.
#[utoipa::path(get, path = "/api/v1/events", tag = "events",
    security(("bearer" = [])),
    params(EventsQuery),
    responses(
        (status = 200, description = "text/event-stream", content_type = "text/event-stream", body = SseEvent),
        (status = 401, body = ApiError),
    ))]
pub async fn stream(
    State(ctx): State<AppContext>,
    auth: Auth,
    headers: HeaderMap,
    ApiQuery(q): ApiQuery<EventsQuery>,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, AppError> {
    let resume_from = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<i64>().ok())
        .or(q.last_event_id);
    // Subscribe before reading the table, so nothing falls between the two.
    let live = ctx.events.subscribe();
    let start = match resume_from {
        Some(id) => id,
        None => ctx.store.begin_read().await?.last_event_id().await?,
    };
    let (out, rx) = mpsc::channel(256);
    let staff = auth.principal.is_staff();
    tokio::spawn(forward(ctx, live, out, start, resume_from.is_some(), staff));
    let stream = ReceiverStream::new(rx);
    Ok(Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15))))
}

fn visible(e: &EventRow, staff: bool) -> bool {
    staff || e.audience == Audience::Public
}

fn to_sse(e: &EventRow) -> Event {
    Event::default()
        .id(e.id.to_string())
        .event(e.kind.clone())
        .data(e.payload.to_string())
        .retry(Duration::from_secs(1))
}

/// Sends events after `sent` from the table; returns the new high-water mark, or None when the
/// client has gone.
async fn replay(
    ctx: &AppContext,
    mut sent: i64,
    staff: bool,
    out: &mpsc::Sender<Result<Event, Infallible>>,
) -> Option<i64> {
    loop {
        let batch = match ctx.store.begin_read().await {
            Ok(mut tx) => tx.events_after(sent, REPLAY_BATCH).await,
            Err(e) => Err(e),
        };
        let batch = match batch {
            Ok(b) => b,
            Err(e) => {
                tracing::warn!(error = %e, "event replay failed; the client will reconnect");
                return None;
            }
        };
        let done = (batch.len() as i64) < REPLAY_BATCH;
        for e in batch {
            sent = e.id;
            if visible(&e, staff) && out.send(Ok(to_sse(&e))).await.is_err() {
                return None;
            }
        }
        if done {
            return Some(sent);
        }
    }
}

async fn forward(
    ctx: AppContext,
    mut live: broadcast::Receiver<std::sync::Arc<EventRow>>,
    out: mpsc::Sender<Result<Event, Infallible>>,
    mut sent: i64,
    resuming: bool,
    staff: bool,
) {
    if resuming {
        match replay(&ctx, sent, staff, &out).await {
            Some(s) => sent = s,
            None => return,
        }
    }
    let shutdown = ctx.events.closed();
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            _ = out.closed() => return,
            _ = &mut shutdown => return,
            received = live.recv() => match received {
                Ok(e) if e.id > sent => {
                    sent = e.id;
                    if visible(&e, staff) && out.send(Ok(to_sse(&e))).await.is_err() {
                        return;
                    }
                }
                Ok(_) => {}
                Err(broadcast::error::RecvError::Lagged(_)) => {
                    match replay(&ctx, sent, staff, &out).await {
                        Some(s) => sent = s,
                        None => return,
                    }
                }
                Err(broadcast::error::RecvError::Closed) => return,
            }
        }
    }
}
