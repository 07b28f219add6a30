//! `GET /metrics` in the Prometheus text format (0.0.4): requests and their durations by
//! method and route template, and gauges read from the store at scrape time. Labels are route
//! templates (`/api/v1/tickets/{id}`), never raw paths — those are unbounded and may hold
//! tracking codes — and no value names a person.

use crate::context::AppContext;
use crate::service;
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::{Arc, Mutex};
use std::time::Instant;

pub const CONTENT_TYPE: &str = "text/plain; version=0.0.4; charset=utf-8";

/// Upper bounds of the duration histogram's buckets, in seconds.
pub const BUCKETS: [f64; 10] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0];

#[derive(Default)]
struct Histogram {
    /// Not cumulative: `counts[i]` observations fell in `(BUCKETS[i-1], BUCKETS[i]]`; the last
    /// slot holds those above every bound.
    counts: [u64; BUCKETS.len() + 1],
    sum: f64,
}

#[derive(Default)]
struct Counts {
    requests: BTreeMap<(&'static str, String, u16), u64>,
    durations: BTreeMap<(&'static str, String), Histogram>,
}

/// The HTTP counters of one server instance.
#[derive(Default)]
pub struct HttpMetrics(Mutex<Counts>);

/// Methods as labels: the usual ones by name, anything else as `OTHER` (bounded).
fn method_label(m: &Method) -> &'static str {
    match *m {
        Method::GET => "GET",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::HEAD => "HEAD",
        Method::OPTIONS => "OPTIONS",
        _ => "OTHER",
    }
}

impl HttpMetrics {
    pub fn observe(&self, method: &Method, route: &str, status: StatusCode, seconds: f64) {
        let method = method_label(method);
        let mut c = self.0.lock().unwrap_or_else(|e| e.into_inner());
        *c.requests
            .entry((method, route.to_string(), status.as_u16()))
            .or_default() += 1;
        let h = c.durations.entry((method, route.to_string())).or_default();
        let slot = BUCKETS
            .iter()
            .position(|b| seconds <= *b)
            .unwrap_or(BUCKETS.len());
        h.counts[slot] += 1;
        h.sum += seconds;
    }

    fn write(&self, out: &mut String) {
        let c = self.0.lock().unwrap_or_else(|e| e.into_inner());
        header(
            out,
            "onetrip_http_requests_total",
            "counter",
            "HTTP requests answered, by method, route template and status.",
        );
        for ((method, route, status), n) in &c.requests {
            let _ = writeln!(
                out,
                "onetrip_http_requests_total{{method=\"{method}\",route=\"{}\",status=\"{status}\"}} {n}",
                escape(route)
            );
        }
        header(
            out,
            "onetrip_http_request_duration_seconds",
            "histogram",
            "Time to answer (until the response head), by method and route template.",
        );
        for ((method, route), h) in &c.durations {
            let labels = format!("method=\"{method}\",route=\"{}\"", escape(route));
            let mut cumulative = 0;
            for (bound, n) in BUCKETS.iter().zip(h.counts.iter()) {
                cumulative += n;
                let _ = writeln!(
                    out,
                    "onetrip_http_request_duration_seconds_bucket{{{labels},le=\"{bound}\"}} {cumulative}"
                );
            }
            let count: u64 = h.counts.iter().sum();
            let _ = writeln!(
                out,
                "onetrip_http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {count}"
            );
            let _ = writeln!(
                out,
                "onetrip_http_request_duration_seconds_sum{{{labels}}} {}",
                h.sum
            );
            let _ = writeln!(
                out,
                "onetrip_http_request_duration_seconds_count{{{labels}}} {count}"
            );
        }
    }
}

fn header(out: &mut String, name: &str, kind: &str, help: &str) {
    let _ = writeln!(out, "# HELP {name} {help}");
    let _ = writeln!(out, "# TYPE {name} {kind}");
}

/// A label value as the format wants it: `\`, `"` and newlines escaped.
fn escape(v: &str) -> String {
    v.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// Middleware: counts every answer under its route template (`unmatched` when no route took
/// the request).
pub async fn layer(State(m): State<Arc<HttpMetrics>>, req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().clone();
    let route = super::request_id::route_of(&req).to_string();
    let response = next.run(req).await;
    m.observe(
        &method,
        &route,
        response.status(),
        started.elapsed().as_secs_f64(),
    );
    response
}

/// The whole exposition: HTTP counters, then the hall's gauges (one read transaction).
pub async fn render(ctx: &AppContext, http: &HttpMetrics) -> String {
    let mut out = String::new();
    http.write(&mut out);
    let gauges = service::ops::gauges(ctx).await;
    if let Err(e) = &gauges {
        tracing::warn!(error = %e, "metrics: the store could not be read");
    }
    header(
        &mut out,
        "onetrip_db_up",
        "gauge",
        "1 when the database answered this scrape.",
    );
    let _ = writeln!(out, "onetrip_db_up {}", u8::from(gauges.is_ok()));
    header(
        &mut out,
        "onetrip_build_info",
        "gauge",
        "The server's version and database backend.",
    );
    let _ = writeln!(
        out,
        "onetrip_build_info{{version=\"{}\",backend=\"{}\"}} 1",
        escape(env!("CARGO_PKG_VERSION")),
        escape(ctx.store.backend())
    );
    if let Ok(g) = gauges {
        header(
            &mut out,
            "onetrip_queue_waiting",
            "gauge",
            "Tickets waiting today, by category.",
        );
        for (category, n) in &g.waiting {
            let _ = writeln!(
                out,
                "onetrip_queue_waiting{{category=\"{}\"}} {n}",
                escape(category)
            );
        }
        header(
            &mut out,
            "onetrip_open_tasks",
            "gauge",
            "Open approval tasks by their deadline light.",
        );
        for (light, n) in [("green", g.green), ("yellow", g.yellow), ("red", g.red)] {
            let _ = writeln!(out, "onetrip_open_tasks{{light=\"{light}\"}} {n}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counters_and_cumulative_buckets() {
        let m = HttpMetrics::default();
        m.observe(&Method::GET, "/healthz", StatusCode::OK, 0.003);
        m.observe(&Method::GET, "/healthz", StatusCode::OK, 0.2);
        m.observe(&Method::GET, "/healthz", StatusCode::OK, 9.0);
        m.observe(
            &Method::from_bytes(b"BREW").unwrap(),
            "unmatched",
            StatusCode::NOT_FOUND,
            0.01,
        );
        let mut out = String::new();
        m.write(&mut out);
        assert!(out.contains(
            "onetrip_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"} 3\n"
        ));
        assert!(out.contains(
            "onetrip_http_requests_total{method=\"OTHER\",route=\"unmatched\",status=\"404\"} 1\n"
        ));
        let b = |le: &str| {
            format!(
                "onetrip_http_request_duration_seconds_bucket{{method=\"GET\",route=\"/healthz\",le=\"{le}\"}}"
            )
        };
        assert!(out.contains(&format!("{} 1\n", b("0.005"))), "{out}");
        assert!(out.contains(&format!("{} 1\n", b("0.1"))));
        assert!(out.contains(&format!("{} 2\n", b("0.25"))));
        assert!(out.contains(&format!("{} 2\n", b("5"))));
        assert!(out.contains(&format!("{} 3\n", b("+Inf"))));
        assert!(out.contains(
            "onetrip_http_request_duration_seconds_count{method=\"GET\",route=\"/healthz\"} 3\n"
        ));
        assert!(out.contains("# TYPE onetrip_http_request_duration_seconds histogram\n"));
    }

    #[test]
    fn label_values_are_escaped() {
        assert_eq!(escape("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
    }
}
