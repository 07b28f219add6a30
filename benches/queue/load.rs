//! The load: each terminal loops issue → call-next → finish and logs every operation.

use crate::*;

#[derive(Clone, Copy)]
pub(crate) enum Op {
    Issue = 0,
    CallNext = 1,
    Finish = 2,
}

pub(crate) const OP_NAMES: [&str; 3] = ["issue", "call-next", "finish"];

#[derive(Default)]
pub(crate) struct ClientLog {
    /// Microseconds per request, by [`Op`].
    pub(crate) latency: [Vec<u32>; 3],
    pub(crate) errors: [u64; 3],
    pub(crate) messages: Vec<String>,
    /// (ticket id, number) of every acknowledged issue.
    pub(crate) issued: Vec<(i64, String)>,
    /// Ticket ids of every acknowledged call.
    pub(crate) called: Vec<i64>,
    pub(crate) finished: Vec<i64>,
    pub(crate) empty_calls: u64,
}

impl ClientLog {
    pub(crate) fn error(&mut self, op: Op, what: String) {
        self.errors[op as usize] += 1;
        if self.messages.len() < KEPT_ERRORS {
            self.messages
                .push(format!("{}: {what}", OP_NAMES[op as usize]));
        }
    }
}

/// Sends one request and reads the whole answer; the latency covers both.
pub(crate) async fn timed(
    rb: reqwest::RequestBuilder,
    log: &mut ClientLog,
    op: Op,
) -> Option<(StatusCode, Vec<u8>)> {
    let t0 = Instant::now();
    let answer = match rb.send().await {
        Ok(r) => {
            let status = r.status();
            r.bytes().await.map(|b| (status, b.to_vec()))
        }
        Err(e) => Err(e),
    };
    let us = t0.elapsed().as_micros().min(u32::MAX as u128) as u32;
    log.latency[op as usize].push(us);
    match answer {
        Ok(a) => Some(a),
        Err(e) => {
            log.error(op, format!("transport: {e}"));
            None
        }
    }
}

pub(crate) async fn run_terminal(
    c: usize,
    t: Terminal,
    level: usize,
    start: Arc<Barrier>,
    run_for: Duration,
) -> ClientLog {
    let mut log = ClientLog::default();
    let url = t.url.clone();
    let tickets = format!("{url}/api/v1/tickets");
    let call_next = format!("{url}/api/v1/counters/{}/call-next", t.counter);
    start.wait().await;
    let deadline = Instant::now() + run_for;
    let mut i = 0usize;
    while Instant::now() < deadline {
        let category = CATEGORIES[(c + i) % CATEGORIES.len()];
        let issue = t
            .client
            .post(&tickets)
            .bearer_auth(&t.kiosk)
            .header("Idempotency-Key", format!("bench-{level}-{c}-{i}"))
            .json(&json!({ "category": category }));
        i += 1;
        if let Some((status, body)) = timed(issue, &mut log, Op::Issue).await {
            if status == StatusCode::CREATED {
                let v: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
                match (v["id"].as_i64(), v["number"].as_str()) {
                    (Some(id), Some(number)) => log.issued.push((id, number.to_string())),
                    _ => log.error(Op::Issue, format!("unexpected body {v}")),
                }
            } else {
                let text = String::from_utf8_lossy(&body).into_owned();
                log.error(Op::Issue, format!("{status} {text}"));
            }
        }

        let call = t.client.post(&call_next).bearer_auth(&t.clerk);
        let called = match timed(call, &mut log, Op::CallNext).await {
            Some((StatusCode::NO_CONTENT, _)) => {
                log.empty_calls += 1;
                None
            }
            Some((StatusCode::OK, body)) => {
                let v: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
                match v["ticket"]["id"].as_i64() {
                    Some(id) => {
                        log.called.push(id);
                        Some(id)
                    }
                    None => {
                        log.error(Op::CallNext, format!("unexpected body {v}"));
                        None
                    }
                }
            }
            Some((status, body)) => {
                let text = String::from_utf8_lossy(&body).into_owned();
                log.error(Op::CallNext, format!("{status} {text}"));
                None
            }
            None => None,
        };

        if let Some(id) = called {
            let finish = t
                .client
                .post(format!("{url}/api/v1/tickets/{id}/finish"))
                .bearer_auth(&t.clerk);
            match timed(finish, &mut log, Op::Finish).await {
                Some((StatusCode::OK, _)) => log.finished.push(id),
                Some((status, body)) => {
                    let text = String::from_utf8_lossy(&body).into_owned();
                    log.error(Op::Finish, format!("{status} {text}"));
                }
                None => {}
            }
        }
    }
    log
}
