//! Which waiting ticket a counter calls next, and why — so every call can be explained.
//!
//! The order, documented for the hall's supervisors:
//! 1. tickets transferred to this very counter (they have already been served once);
//! 2. appointments checked in on time (预约);
//! 3. the green channel (绿色通道: elderly, disabled, pregnant);
//! 4. any ticket that has waited longer than the cap, longest first, so no category starves;
//! 5. otherwise the counter's categories in turn by weight: the category whose calls at this
//!    counter today are lowest relative to its weight goes next; ties go to the heavier
//!    weight, then to the earlier ticket.

use crate::codes::CategoryCode;
use crate::ticket::Priority;
use chrono::{DateTime, Duration, Utc};

/// The head of one line the counter could call from.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub ticket_id: i64,
    pub category: CategoryCode,
    pub priority: Priority,
    /// When it joined the line it waits in (the issue time, kept across transfers).
    pub queued_at: DateTime<Utc>,
    /// Transferred to this counter specifically.
    pub transferred_here: bool,
}

/// One category a counter serves, with its weight and how many it called today.
#[derive(Debug, Clone, PartialEq)]
pub struct CategoryShare {
    pub category: CategoryCode,
    pub weight: u8,
    pub calls_today: i64,
}

#[derive(Debug, Clone)]
pub struct PolicyInput<'a> {
    pub candidates: &'a [Candidate],
    pub shares: &'a [CategoryShare],
    pub now: DateTime<Utc>,
    /// The longest a ticket should wait before it jumps the weighted rotation.
    pub max_wait: Duration,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    pub ticket_id: i64,
    /// Recorded with the call, in Chinese.
    pub reason: String,
}

fn earliest<'a>(cs: impl Iterator<Item = &'a Candidate>) -> Option<&'a Candidate> {
    cs.min_by_key(|c| (c.queued_at, c.ticket_id))
}

fn choice(c: &Candidate, reason: String) -> Option<Choice> {
    Some(Choice {
        ticket_id: c.ticket_id,
        reason,
    })
}

pub fn pick(input: &PolicyInput<'_>) -> Option<Choice> {
    let cs = input.candidates;
    if let Some(c) = earliest(cs.iter().filter(|c| c.transferred_here)) {
        return choice(c, "转来本窗口的号优先".into());
    }
    let rest = || cs.iter().filter(|c| !c.transferred_here);
    if let Some(c) = earliest(rest().filter(|c| c.priority == Priority::Appointment)) {
        return choice(c, "预约到号优先".into());
    }
    if let Some(c) = earliest(rest().filter(|c| c.priority == Priority::Green)) {
        return choice(c, "绿色通道优先".into());
    }
    if let Some(c) = earliest(rest().filter(|c| input.now - c.queued_at >= input.max_wait)) {
        let minutes = (input.now - c.queued_at).num_minutes();
        return choice(
            c,
            format!(
                "已等候 {minutes} 分钟，超过 {} 分钟上限，优先呼叫",
                input.max_wait.num_minutes()
            ),
        );
    }
    weighted(input)
}

fn share_of(shares: &[CategoryShare], c: CategoryCode) -> Option<&CategoryShare> {
    shares.iter().find(|s| s.category == c)
}

/// The category most behind its share goes next: compare calls/weight by cross-multiplying,
/// so the rule is exact and easy to recompute by hand.
fn weighted(input: &PolicyInput<'_>) -> Option<Choice> {
    let best = input
        .candidates
        .iter()
        .filter(|c| !c.transferred_here)
        .filter_map(|c| share_of(input.shares, c.category).map(|s| (c, s)))
        .min_by(|(ca, sa), (cb, sb)| {
            let lhs = sa.calls_today * i64::from(sb.weight.max(1));
            let rhs = sb.calls_today * i64::from(sa.weight.max(1));
            lhs.cmp(&rhs)
                .then(sb.weight.cmp(&sa.weight))
                .then((ca.queued_at, ca.ticket_id).cmp(&(cb.queued_at, cb.ticket_id)))
        })?;
    let (c, s) = best;
    choice(
        c,
        format!(
            "按类别权重轮转：{} 类权重 {}，本窗口今日已叫 {} 个",
            s.category, s.weight, s.calls_today
        ),
    )
}

#[cfg(test)]
mod tests;
