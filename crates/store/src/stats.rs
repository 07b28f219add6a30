//! The part of the store contract the statistics read: the raw facts of a date range (hall-local
//! dates, inclusive), one query per kind of fact. The service aggregates them in one pass, so
//! both backends answer the same figures without backend-specific date arithmetic.

use crate::StoreResult;
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};

/// A ticket issued on a service day of the range.
#[derive(Debug, Clone, PartialEq)]
pub struct TicketFact {
    /// The category it was issued in (its number's letter).
    pub category: String,
    pub status: String,
    pub counter: Option<String>,
    pub issued_at: DateTime<Utc>,
    /// The wait promised at issue, if the estimator could tell.
    pub estimated_wait_minutes: Option<i64>,
    pub first_called_at: Option<DateTime<Utc>>,
    pub started_at: Option<DateTime<Utc>>,
    pub finished_at: Option<DateTime<Utc>>,
}

/// One approval task of a case accepted in the range, with its case's facts.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskFact {
    pub case_id: i64,
    pub case_status: String,
    pub accepted_on: NaiveDate,
    pub matter: String,
    pub department: String,
    pub status: String,
    pub legal_due: NaiveDate,
    pub decided_at: Option<DateTime<Utc>>,
    pub extension_days: i64,
}

/// A case accepted in the range and how its result left the hall.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseFact {
    pub id: i64,
    pub status: String,
    pub accepted_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
    /// `pickup` or `mail`, once handed over.
    pub handover_method: Option<String>,
    pub handed_at: Option<DateTime<Utc>>,
}

/// A moment the applicant brought something after intake (a 补正 supplement or a deferred
/// material), for a case accepted in the range.
#[derive(Debug, Clone, PartialEq)]
pub struct SupplyFact {
    pub case_id: i64,
    pub at: DateTime<Utc>,
}

/// How many ratings of one level a (counter, clerk, matter) got in the range.
#[derive(Debug, Clone, PartialEq)]
pub struct RatingFact {
    pub counter: Option<String>,
    pub clerk_id: Option<i64>,
    pub clerk_name: Option<String>,
    pub matter: Option<String>,
    pub level: i64,
    pub count: i64,
}

#[async_trait]
pub trait StatsTx: Send {
    async fn ticket_facts(
        &mut self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> StoreResult<Vec<TicketFact>>;
    /// Tasks of cases accepted in the range; only those of `matter` when given.
    async fn task_facts(
        &mut self,
        from: NaiveDate,
        to: NaiveDate,
        matter: Option<&str>,
    ) -> StoreResult<Vec<TaskFact>>;
    async fn case_facts(&mut self, from: NaiveDate, to: NaiveDate) -> StoreResult<Vec<CaseFact>>;
    async fn supply_facts(
        &mut self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> StoreResult<Vec<SupplyFact>>;
    async fn rating_facts(
        &mut self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> StoreResult<Vec<RatingFact>>;
    /// 不予受理 notices given in `[from, to)` whose matter is one of `matters` (code or name).
    async fn count_refusals(
        &mut self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        matters: &[String],
    ) -> StoreResult<i64>;
}
