//! The audit layer: every request that may change something (POST, PUT, PATCH, DELETE) made
//! by a staff member or a device enters the audit chain after its answer, with the route, the
//! path and the status — refused attempts too. The `Auth` extractor fills the slot this layer
//! puts into the request, so the caller is known without authenticating twice. Requests
//! without a token (public pages, log-in) are not recorded here; what they change is, by its
//! event.

use crate::context::AppContext;
use crate::service::{self, Principal};
use axum::extract::{MatchedPath, Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use std::sync::{Arc, Mutex};

/// Where `Auth` leaves the principal of a request the audit layer records.
#[derive(Clone, Default)]
pub struct AuditSlot(Arc<Mutex<Option<Principal>>>);

impl AuditSlot {
    pub fn set(&self, principal: &Principal) {
        if let Ok(mut slot) = self.0.lock() {
            *slot = Some(principal.clone());
        }
    }

    fn take(&self) -> Option<Principal> {
        self.0.lock().ok().and_then(|mut s| s.take())
    }
}

pub async fn layer(State(ctx): State<AppContext>, mut req: Request, next: Next) -> Response {
    let method = req.method().clone();
    if !matches!(
        method,
        Method::POST | Method::PUT | Method::PATCH | Method::DELETE
    ) {
        return next.run(req).await;
    }
    let path = req.uri().path().to_string();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_string())
        .unwrap_or_else(|| path.clone());
    let slot = AuditSlot::default();
    req.extensions_mut().insert(slot.clone());
    let response = next.run(req).await;
    if let Some(principal) = slot.take() {
        // Recorded before the answer leaves, so a client that saw it can find its entry.
        let status = response.status().as_u16();
        if let Err(e) =
            service::audit::record_request(&ctx, &principal, method.as_str(), &route, &path, status)
                .await
        {
            tracing::error!(error = %e, %path, "audit entry of a request not recorded");
        }
    }
    response
}
