//! The part of the store contract that keeps 好差评: one rating per ticket and per case (the
//! database refuses a second), and the follow-up each bad review opens.

use crate::StoreResult;
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use onetrip_domain::rating::{Channel, FollowUpState, RatingLevel};

#[derive(Debug, Clone)]
pub struct NewRating {
    pub ticket_id: Option<i64>,
    pub case_id: Option<i64>,
    pub level: RatingLevel,
    pub comment: String,
    pub channel: Channel,
    pub counter: Option<String>,
    pub clerk_id: Option<i64>,
    pub matter: Option<String>,
    pub category: Option<String>,
    pub rated_at: DateTime<Utc>,
    /// The hall's local date of the rating, for reports by day.
    pub rated_on: NaiveDate,
    /// Scopes the idempotency key, like a ticket's issuer.
    pub issuer: String,
    pub idempotency_key: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RatingRow {
    pub id: i64,
    pub ticket_id: Option<i64>,
    /// The rated ticket's number (`A001`).
    pub ticket_number: Option<String>,
    pub case_id: Option<i64>,
    pub case_no: Option<String>,
    pub level: RatingLevel,
    pub comment: String,
    pub channel: Channel,
    pub counter: Option<String>,
    pub clerk_id: Option<i64>,
    pub clerk_name: Option<String>,
    pub matter: Option<String>,
    pub category: Option<String>,
    pub rated_at: DateTime<Utc>,
    pub rated_on: NaiveDate,
}

/// Which ratings a report covers; `None` means any.
#[derive(Debug, Clone, Default)]
pub struct RatingFilter {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub counter: Option<String>,
    pub clerk_id: Option<i64>,
    pub matter: Option<String>,
    pub level: Option<RatingLevel>,
}

#[derive(Debug, Clone)]
pub struct NewFollowUp {
    pub rating_id: i64,
    pub opened_at: DateTime<Utc>,
    pub due_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FollowUpRow {
    pub id: i64,
    pub rating_id: i64,
    pub state: FollowUpState,
    pub opened_at: DateTime<Utc>,
    pub due_on: NaiveDate,
    pub reply: Option<String>,
    pub replied_at: Option<DateTime<Utc>>,
    pub replied_by: Option<i64>,
    pub close_note: Option<String>,
    pub closed_at: Option<DateTime<Utc>>,
    pub closed_by: Option<i64>,
}

#[async_trait]
pub trait RatingTx: Send {
    /// Fails with [`crate::StoreError::Conflict`] when the ticket or case is already rated
    /// (or the issuer already used the key).
    async fn insert_rating(&mut self, rating: &NewRating) -> StoreResult<RatingRow>;
    async fn get_rating(&mut self, id: i64) -> StoreResult<Option<RatingRow>>;
    async fn find_rating_by_idempotency_key(
        &mut self,
        issuer: &str,
        key: &str,
    ) -> StoreResult<Option<RatingRow>>;
    async fn rating_for_ticket(&mut self, ticket_id: i64) -> StoreResult<Option<RatingRow>>;
    async fn rating_for_case(&mut self, case_id: i64) -> StoreResult<Option<RatingRow>>;
    /// Newest first.
    async fn list_ratings(
        &mut self,
        filter: &RatingFilter,
        limit: i64,
    ) -> StoreResult<Vec<RatingRow>>;
    /// How many ratings of each level match (levels without any are left out).
    async fn rating_totals(
        &mut self,
        filter: &RatingFilter,
    ) -> StoreResult<Vec<(RatingLevel, i64)>>;
    async fn insert_follow_up(&mut self, f: &NewFollowUp) -> StoreResult<FollowUpRow>;
    async fn get_follow_up(&mut self, id: i64) -> StoreResult<Option<FollowUpRow>>;
    async fn follow_up_for_rating(&mut self, rating_id: i64) -> StoreResult<Option<FollowUpRow>>;
    /// Writes state, reply and closing fields, provided it is still in `expected` state;
    /// false when another writer changed it first.
    async fn update_follow_up(
        &mut self,
        f: &FollowUpRow,
        expected: FollowUpState,
    ) -> StoreResult<bool>;
    /// Follow-ups still open or replied whose deadline is before `today` and that were not
    /// flagged overdue yet.
    async fn unflagged_overdue_follow_ups(
        &mut self,
        today: NaiveDate,
    ) -> StoreResult<Vec<FollowUpRow>>;
    /// Remembers that the follow-up was flagged overdue; false when it already was.
    async fn flag_follow_up_overdue(&mut self, id: i64, at: DateTime<Utc>) -> StoreResult<bool>;
    /// Soonest deadline first; `None` for every state.
    async fn list_follow_ups(
        &mut self,
        state: Option<FollowUpState>,
        limit: i64,
    ) -> StoreResult<Vec<FollowUpRow>>;
}
