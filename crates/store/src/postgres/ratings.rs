use super::{parse_or_corrupt, PgTx};
use crate::ratings::*;
use crate::{StoreError, StoreResult};
use async_trait::async_trait;
use onetrip_domain::rating::{Channel, FollowUpState, RatingLevel};
use sqlx::postgres::PgRow;
use sqlx::Row;

const RATING_SELECT: &str = "SELECT r.id, r.ticket_id, t.number AS ticket_number, r.case_id,
        c.case_no, r.level, r.comment, r.channel, r.counter, r.clerk_id, u.name AS clerk_name,
        r.matter, r.category, r.rated_at, r.rated_on
     FROM ratings r
     LEFT JOIN tickets t ON t.id = r.ticket_id
     LEFT JOIN cases c ON c.id = r.case_id
     LEFT JOIN users u ON u.id = r.clerk_id";

/// The report filter, bound as `$1`–`$6`.
const FILTER: &str = "($1::date IS NULL OR r.rated_on >= $1)
       AND ($2::date IS NULL OR r.rated_on <= $2)
       AND ($3::text IS NULL OR r.counter = $3)
       AND ($4::bigint IS NULL OR r.clerk_id = $4)
       AND ($5::text IS NULL OR r.matter = $5)
       AND ($6::smallint IS NULL OR r.level = $6)";

const FOLLOW_UP_COLUMNS: &str = "id, rating_id, state, opened_at, due_on, reply, replied_at, \
     replied_by, close_note, closed_at, closed_by";

fn level(n: i16) -> StoreResult<RatingLevel> {
    parse_or_corrupt(RatingLevel::parse(i64::from(n)))
}

fn rating_from_row(r: &PgRow) -> StoreResult<RatingRow> {
    Ok(RatingRow {
        id: r.get("id"),
        ticket_id: r.get("ticket_id"),
        ticket_number: r.get("ticket_number"),
        case_id: r.get("case_id"),
        case_no: r.get("case_no"),
        level: level(r.get("level"))?,
        comment: r.get("comment"),
        channel: Channel::parse(r.get("channel"))
            .ok_or_else(|| StoreError::corrupt("rating channel"))?,
        counter: r.get("counter"),
        clerk_id: r.get("clerk_id"),
        clerk_name: r.get("clerk_name"),
        matter: r.get("matter"),
        category: r.get("category"),
        rated_at: r.get("rated_at"),
        rated_on: r.get("rated_on"),
    })
}

fn follow_up_from_row(r: &PgRow) -> StoreResult<FollowUpRow> {
    Ok(FollowUpRow {
        id: r.get("id"),
        rating_id: r.get("rating_id"),
        state: FollowUpState::parse(r.get("state"))
            .ok_or_else(|| StoreError::corrupt("follow-up state"))?,
        opened_at: r.get("opened_at"),
        due_on: r.get("due_on"),
        reply: r.get("reply"),
        replied_at: r.get("replied_at"),
        replied_by: r.get("replied_by"),
        close_note: r.get("close_note"),
        closed_at: r.get("closed_at"),
        closed_by: r.get("closed_by"),
    })
}

fn bind_filter<'q>(
    q: sqlx::query::Query<'q, sqlx::Postgres, sqlx::postgres::PgArguments>,
    f: &RatingFilter,
) -> sqlx::query::Query<'q, sqlx::Postgres, sqlx::postgres::PgArguments> {
    q.bind(f.from)
        .bind(f.to)
        .bind(f.counter.clone())
        .bind(f.clerk_id)
        .bind(f.matter.clone())
        .bind(f.level.map(|l| i16::from(l.value())))
}

impl PgTx {
    async fn one_rating(&mut self, condition: &str, bind: i64) -> StoreResult<Option<RatingRow>> {
        let row = sqlx::query(&format!("{RATING_SELECT} WHERE {condition}"))
            .bind(bind)
            .fetch_optional(&mut *self.tx)
            .await?;
        row.as_ref().map(rating_from_row).transpose()
    }

    async fn one_follow_up(
        &mut self,
        condition: &str,
        bind: i64,
    ) -> StoreResult<Option<FollowUpRow>> {
        let row = sqlx::query(&format!(
            "SELECT {FOLLOW_UP_COLUMNS} FROM rating_follow_ups WHERE {condition}"
        ))
        .bind(bind)
        .fetch_optional(&mut *self.tx)
        .await?;
        row.as_ref().map(follow_up_from_row).transpose()
    }
}

#[async_trait]
impl RatingTx for PgTx {
    async fn insert_rating(&mut self, n: &NewRating) -> StoreResult<RatingRow> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO ratings (ticket_id, case_id, level, comment, channel, counter, clerk_id,
                 matter, category, rated_at, rated_on, issuer, idempotency_key)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
        )
        .bind(n.ticket_id)
        .bind(n.case_id)
        .bind(i16::from(n.level.value()))
        .bind(&n.comment)
        .bind(n.channel.as_str())
        .bind(&n.counter)
        .bind(n.clerk_id)
        .bind(&n.matter)
        .bind(&n.category)
        .bind(n.rated_at)
        .bind(n.rated_on)
        .bind(&n.issuer)
        .bind(&n.idempotency_key)
        .fetch_one(&mut *self.tx)
        .await?;
        self.get_rating(id)
            .await?
            .ok_or_else(|| StoreError::corrupt("rating vanished after insert"))
    }

    async fn get_rating(&mut self, id: i64) -> StoreResult<Option<RatingRow>> {
        self.one_rating("r.id = $1", id).await
    }

    async fn find_rating_by_idempotency_key(
        &mut self,
        issuer: &str,
        key: &str,
    ) -> StoreResult<Option<RatingRow>> {
        let row = sqlx::query(&format!(
            "{RATING_SELECT} WHERE r.issuer = $1 AND r.idempotency_key = $2"
        ))
        .bind(issuer)
        .bind(key)
        .fetch_optional(&mut *self.tx)
        .await?;
        row.as_ref().map(rating_from_row).transpose()
    }

    async fn rating_for_ticket(&mut self, ticket_id: i64) -> StoreResult<Option<RatingRow>> {
        self.one_rating("r.ticket_id = $1", ticket_id).await
    }

    async fn rating_for_case(&mut self, case_id: i64) -> StoreResult<Option<RatingRow>> {
        self.one_rating("r.case_id = $1", case_id).await
    }

    async fn list_ratings(
        &mut self,
        filter: &RatingFilter,
        limit: i64,
    ) -> StoreResult<Vec<RatingRow>> {
        let sql =
            format!("{RATING_SELECT} WHERE {FILTER} ORDER BY r.rated_at DESC, r.id DESC LIMIT $7");
        let rows = bind_filter(sqlx::query(&sql), filter)
            .bind(limit)
            .fetch_all(&mut *self.tx)
            .await?;
        rows.iter().map(rating_from_row).collect()
    }

    async fn rating_totals(
        &mut self,
        filter: &RatingFilter,
    ) -> StoreResult<Vec<(RatingLevel, i64)>> {
        let sql =
            format!("SELECT r.level, COUNT(*) AS n FROM ratings r WHERE {FILTER} GROUP BY r.level");
        let rows = bind_filter(sqlx::query(&sql), filter)
            .fetch_all(&mut *self.tx)
            .await?;
        rows.iter()
            .map(|r| Ok((level(r.get("level"))?, r.get::<i64, _>("n"))))
            .collect()
    }

    async fn insert_follow_up(&mut self, f: &NewFollowUp) -> StoreResult<FollowUpRow> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO rating_follow_ups (rating_id, state, opened_at, due_on)
             VALUES ($1, 'open', $2, $3) RETURNING id",
        )
        .bind(f.rating_id)
        .bind(f.opened_at)
        .bind(f.due_on)
        .fetch_one(&mut *self.tx)
        .await?;
        self.get_follow_up(id)
            .await?
            .ok_or_else(|| StoreError::corrupt("follow-up vanished after insert"))
    }

    async fn get_follow_up(&mut self, id: i64) -> StoreResult<Option<FollowUpRow>> {
        self.one_follow_up("id = $1", id).await
    }

    async fn follow_up_for_rating(&mut self, rating_id: i64) -> StoreResult<Option<FollowUpRow>> {
        self.one_follow_up("rating_id = $1", rating_id).await
    }

    async fn update_follow_up(
        &mut self,
        f: &FollowUpRow,
        expected: FollowUpState,
    ) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE rating_follow_ups SET state = $1, reply = $2, replied_at = $3,
                 replied_by = $4, close_note = $5, closed_at = $6, closed_by = $7
             WHERE id = $8 AND state = $9",
        )
        .bind(f.state.as_str())
        .bind(&f.reply)
        .bind(f.replied_at)
        .bind(f.replied_by)
        .bind(&f.close_note)
        .bind(f.closed_at)
        .bind(f.closed_by)
        .bind(f.id)
        .bind(expected.as_str())
        .execute(&mut *self.tx)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn unflagged_overdue_follow_ups(
        &mut self,
        today: chrono::NaiveDate,
    ) -> StoreResult<Vec<FollowUpRow>> {
        let rows = sqlx::query(&format!(
            "SELECT {FOLLOW_UP_COLUMNS} FROM rating_follow_ups
             WHERE state <> 'closed' AND due_on < $1 AND overdue_flagged_at IS NULL
             ORDER BY due_on, id"
        ))
        .bind(today)
        .fetch_all(&mut *self.tx)
        .await?;
        rows.iter().map(follow_up_from_row).collect()
    }

    async fn flag_follow_up_overdue(
        &mut self,
        id: i64,
        at: chrono::DateTime<chrono::Utc>,
    ) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE rating_follow_ups SET overdue_flagged_at = $1
             WHERE id = $2 AND overdue_flagged_at IS NULL",
        )
        .bind(at)
        .bind(id)
        .execute(&mut *self.tx)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn list_follow_ups(
        &mut self,
        state: Option<FollowUpState>,
        limit: i64,
    ) -> StoreResult<Vec<FollowUpRow>> {
        let rows = sqlx::query(&format!(
            "SELECT {FOLLOW_UP_COLUMNS} FROM rating_follow_ups
             WHERE ($1::text IS NULL OR state = $1) ORDER BY due_on, id LIMIT $2"
        ))
        .bind(state.map(|s| s.as_str()))
        .bind(limit)
        .fetch_all(&mut *self.tx)
        .await?;
        rows.iter().map(follow_up_from_row).collect()
    }
}
