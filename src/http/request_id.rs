//! Request ids and the log span of a request.
//!
//! Every answer carries `x-request-id`: the caller's own when it sent a sane one (1–64 of
//! `A-Z a-z 0-9 - _ .`), else a new random one. The id, the method and the route template are
//! the fields of the request's tracing span, so every log line of the request (JSON lines with
//! `--log-json`) names them. The raw path, the query (which may carry `access_token`), headers
//! and bodies never enter the span.

use axum::extract::{ConnectInfo, FromRequestParts, MatchedPath, Request};
use axum::http::request::Parts;
use axum::http::{HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use rand::RngCore;
use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};

pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The id of the request being served (in the request's extensions).
#[derive(Debug, Clone)]
pub struct RequestId(pub String);

/// Whether a caller's id may be kept: 1–64 characters of `[A-Za-z0-9-_.]`.
pub fn is_sane(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// 32 random hex digits.
pub fn new_id() -> String {
    let mut bytes = [0u8; 16];
    rand::thread_rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// The caller's id if sane, else a new one.
pub fn id_for(sent: Option<&HeaderValue>) -> String {
    sent.and_then(|v| v.to_str().ok())
        .filter(|s| is_sane(s))
        .map_or_else(new_id, str::to_string)
}

/// The route template of a request, `unmatched` when no route took it (the UI, a 404).
pub fn route_of<B>(req: &Request<B>) -> &str {
    req.extensions()
        .get::<MatchedPath>()
        .map_or("unmatched", MatchedPath::as_str)
}

/// The span every request is served in: method, path, route template and request id —
/// nothing from the query (it may carry an `access_token`), the headers or the body. The path
/// tells an operator which case or ticket a request was about, and lets the desktop smoke test
/// see the webviews load the UI.
pub fn span_for<B>(req: &Request<B>) -> tracing::Span {
    let request_id = req
        .extensions()
        .get::<RequestId>()
        .map_or("", |r| r.0.as_str());
    tracing::info_span!(
        "request",
        method = %req.method(),
        path = %req.uri().path(),
        route = %route_of(req),
        request_id = %request_id,
    )
}

/// Middleware: settles the id, and answers with it.
pub async fn layer(mut req: Request, next: Next) -> Response {
    let id = id_for(req.headers().get(&REQUEST_ID));
    let value = HeaderValue::from_str(&id).expect("a sane id is a header value");
    req.headers_mut().insert(REQUEST_ID, value.clone());
    req.extensions_mut().insert(RequestId(id));
    let mut response = next.run(req).await;
    response.headers_mut().insert(REQUEST_ID, value);
    response
}

/// The address of the peer that sent the request, when the server was started with connect
/// info (`server::start` is); proxies' `X-Forwarded-For` is not trusted.
#[derive(Debug, Clone, Copy)]
pub struct ClientAddr(pub Option<IpAddr>);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddr {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Infallible> {
        Ok(ClientAddr(
            parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|c| c.0.ip()),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_short_plain_ids_are_kept() {
        assert!(is_sane("abc-DEF_123.x"));
        assert!(is_sane(&"a".repeat(64)));
        assert!(!is_sane(&"a".repeat(65)));
        assert!(!is_sane(""));
        assert!(!is_sane("a b"));
        assert!(!is_sane("a/b"));
        assert!(!is_sane("编号"));
        let kept = HeaderValue::from_static("trace-42");
        assert_eq!(id_for(Some(&kept)), "trace-42");
        let bad = HeaderValue::from_static("x;rm -rf");
        let fresh = id_for(Some(&bad));
        assert_eq!(fresh.len(), 32);
        assert!(is_sane(&fresh));
        assert_ne!(id_for(None), id_for(None));
    }
}
