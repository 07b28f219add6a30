use super::{parse_or_corrupt, ts, ts_opt, SqliteTx};
use crate::ratings::*;
use crate::{StoreError, StoreResult};
use async_trait::async_trait;
use chrono::NaiveDate;
use onetrip_domain::rating::{Channel, FollowUpState, RatingLevel};
use sqlx::sqlite::SqliteRow;
use sqlx::Row;

const RATING_SELECT: &str = "SELECT r.id, r.ticket_id, t.number AS ticket_number, r.case_id,
        c.case_no, r.level, r.comment, r.channel, r.counter, r.clerk_id, u.name AS clerk_name,
        r.matter, r.category, r.rated_at, r.rated_on
     FROM ratings r
     LEFT JOIN tickets t ON t.id = r.ticket_id
     LEFT JOIN cases c ON c.id = r.case_id
     LEFT JOIN users u ON u.id = r.clerk_id";

/// The report filter; each condition is bound twice (`? IS NULL OR …`).
const FILTER: &str = "(? IS NULL OR r.rated_on >= ?) AND (? IS NULL OR r.rated_on <= ?)
       AND (? IS NULL OR r.counter = ?) AND (? IS NULL OR r.clerk_id = ?)
       AND (? IS NULL OR r.matter = ?) AND (? IS NULL OR r.level = ?)";

const FOLLOW_UP_COLUMNS: &str = "id, rating_id, state, opened_at, due_on, reply, replied_at, \
     replied_by, close_note, closed_at, closed_by";

fn date_text(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn date(r: &SqliteRow, column: &str) -> StoreResult<NaiveDate> {
    parse_or_corrupt(NaiveDate::parse_from_str(r.get(column), "%Y-%m-%d"))
}

fn level(n: i64) -> StoreResult<RatingLevel> {
    parse_or_corrupt(RatingLevel::parse(n))
}

fn rating_from_row(r: &SqliteRow) -> StoreResult<RatingRow> {
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
        rated_on: date(r, "rated_on")?,
    })
}

fn follow_up_from_row(r: &SqliteRow) -> StoreResult<FollowUpRow> {
    Ok(FollowUpRow {
        id: r.get("id"),
        rating_id: r.get("rating_id"),
        state: FollowUpState::parse(r.get("state"))
            .ok_or_else(|| StoreError::corrupt("follow-up state"))?,
        opened_at: r.get("opened_at"),
        due_on: date(r, "due_on")?,
        reply: r.get("reply"),
        replied_at: r.get("replied_at"),
        replied_by: r.get("replied_by"),
        close_note: r.get("close_note"),
        closed_at: r.get("closed_at"),
        closed_by: r.get("closed_by"),
    })
}

fn bind_filter<'q>(
    q: sqlx::query::Query<'q, sqlx::Sqlite, sqlx::sqlite::SqliteArguments<'q>>,
    f: &RatingFilter,
) -> sqlx::query::Query<'q, sqlx::Sqlite, sqlx::sqlite::SqliteArguments<'q>> {
    let from = f.from.map(date_text);
    let to = f.to.map(date_text);
    let level = f.level.map(|l| i64::from(l.value()));
    q.bind(from.clone())
        .bind(from)
        .bind(to.clone())
        .bind(to)
        .bind(f.counter.clone())
        .bind(f.counter.clone())
        .bind(f.clerk_id)
        .bind(f.clerk_id)
        .bind(f.matter.clone())
        .bind(f.matter.clone())
        .bind(level)
        .bind(level)
}

impl SqliteTx {
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
impl RatingTx for SqliteTx {
    async fn insert_rating(&mut self, n: &NewRating) -> StoreResult<RatingRow> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO ratings (ticket_id, case_id, level, comment, channel, counter, clerk_id,
                 matter, category, rated_at, rated_on, issuer, idempotency_key)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(n.ticket_id)
        .bind(n.case_id)
        .bind(i64::from(n.level.value()))
        .bind(&n.comment)
        .bind(n.channel.as_str())
        .bind(&n.counter)
        .bind(n.clerk_id)
        .bind(&n.matter)
        .bind(&n.category)
        .bind(ts(n.rated_at))
        .bind(date_text(n.rated_on))
        .bind(&n.issuer)
        .bind(&n.idempotency_key)
        .fetch_one(&mut *self.tx)
        .await?;
        self.get_rating(id)
            .await?
            .ok_or_else(|| StoreError::corrupt("rating vanished after insert"))
    }

    async fn get_rating(&mut self, id: i64) -> StoreResult<Option<RatingRow>> {
        self.one_rating("r.id = ?", id).await
    }

    async fn find_rating_by_idempotency_key(
        &mut self,
        issuer: &str,
        key: &str,
    ) -> StoreResult<Option<RatingRow>> {
        let row = sqlx::query(&format!(
            "{RATING_SELECT} WHERE r.issuer = ? AND r.idempotency_key = ?"
        ))
        .bind(issuer)
        .bind(key)
        .fetch_optional(&mut *self.tx)
        .await?;
        row.as_ref().map(rating_from_row).transpose()
    }

    async fn rating_for_ticket(&mut self, ticket_id: i64) -> StoreResult<Option<RatingRow>> {
        self.one_rating("r.ticket_id = ?", ticket_id).await
    }

    async fn rating_for_case(&mut self, case_id: i64) -> StoreResult<Option<RatingRow>> {
        self.one_rating("r.case_id = ?", case_id).await
    }

    async fn list_ratings(
        &mut self,
        filter: &RatingFilter,
        limit: i64,
    ) -> StoreResult<Vec<RatingRow>> {
        let sql =
            format!("{RATING_SELECT} WHERE {FILTER} ORDER BY r.rated_at DESC, r.id DESC LIMIT ?");
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
             VALUES (?, 'open', ?, ?) RETURNING id",
        )
        .bind(f.rating_id)
        .bind(ts(f.opened_at))
        .bind(date_text(f.due_on))
        .fetch_one(&mut *self.tx)
        .await?;
        self.get_follow_up(id)
            .await?
            .ok_or_else(|| StoreError::corrupt("follow-up vanished after insert"))
    }

    async fn get_follow_up(&mut self, id: i64) -> StoreResult<Option<FollowUpRow>> {
        self.one_follow_up("id = ?", id).await
    }

    async fn follow_up_for_rating(&mut self, rating_id: i64) -> StoreResult<Option<FollowUpRow>> {
        self.one_follow_up("rating_id = ?", rating_id).await
    }

    async fn update_follow_up(
        &mut self,
        f: &FollowUpRow,
        expected: FollowUpState,
    ) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE rating_follow_ups SET state = ?, reply = ?, replied_at = ?, replied_by = ?,
                 close_note = ?, closed_at = ?, closed_by = ?
             WHERE id = ? AND state = ?",
        )
        .bind(f.state.as_str())
        .bind(&f.reply)
        .bind(ts_opt(f.replied_at))
        .bind(f.replied_by)
        .bind(&f.close_note)
        .bind(ts_opt(f.closed_at))
        .bind(f.closed_by)
        .bind(f.id)
        .bind(expected.as_str())
        .execute(&mut *self.tx)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn unflagged_overdue_follow_ups(
        &mut self,
        today: NaiveDate,
    ) -> StoreResult<Vec<FollowUpRow>> {
        let rows = sqlx::query(&format!(
            "SELECT {FOLLOW_UP_COLUMNS} FROM rating_follow_ups
             WHERE state <> 'closed' AND due_on < ? AND overdue_flagged_at IS NULL
             ORDER BY due_on, id"
        ))
        .bind(date_text(today))
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
            "UPDATE rating_follow_ups SET overdue_flagged_at = ?
             WHERE id = ? AND overdue_flagged_at IS NULL",
        )
        .bind(ts(at))
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
        let state = state.map(|s| s.as_str());
        let rows = sqlx::query(&format!(
            "SELECT {FOLLOW_UP_COLUMNS} FROM rating_follow_ups
             WHERE (? IS NULL OR state = ?) ORDER BY due_on, id LIMIT ?"
        ))
        .bind(state)
        .bind(state)
        .bind(limit)
        .fetch_all(&mut *self.tx)
        .await?;
        rows.iter().map(follow_up_from_row).collect()
    }
}
