use super::{parse_or_corrupt, ts, SqliteTx};
use crate::{
    AppointmentRow, AppointmentStatus, AppointmentTx, NewAppointment, StoreError, StoreResult,
};
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use onetrip_domain::{CategoryCode, ServiceDay};
use sqlx::sqlite::SqliteRow;
use sqlx::Row;

const COLUMNS: &str = "id, code, category, service_day, slot_start, slot_end, starts_at, \
     person_digest, name, phone, status, created_at, ticket_id";

fn time_text(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

fn parse_time(s: &str) -> StoreResult<NaiveTime> {
    parse_or_corrupt(NaiveTime::parse_from_str(s, "%H:%M"))
}

fn from_row(r: &SqliteRow) -> StoreResult<AppointmentRow> {
    let day = parse_or_corrupt(NaiveDate::parse_from_str(r.get("service_day"), "%Y-%m-%d"))?;
    Ok(AppointmentRow {
        id: r.get("id"),
        code: r.get("code"),
        category: parse_or_corrupt(CategoryCode::parse(r.get("category")))?,
        service_day: ServiceDay::from_date(day),
        slot_start: parse_time(r.get("slot_start"))?,
        slot_end: parse_time(r.get("slot_end"))?,
        starts_at: r.get("starts_at"),
        person_digest: r.get("person_digest"),
        name: r.get("name"),
        phone: r.get("phone"),
        status: AppointmentStatus::parse(r.get("status"))
            .ok_or_else(|| StoreError::corrupt("appointment status"))?,
        created_at: r.get("created_at"),
        ticket_id: r.get("ticket_id"),
    })
}

#[async_trait]
impl AppointmentTx for SqliteTx {
    async fn insert_appointment(&mut self, a: &NewAppointment) -> StoreResult<AppointmentRow> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO appointments (code, category, service_day, slot_start, slot_end,
                 starts_at, person_digest, name, phone, status, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'booked', ?) RETURNING id",
        )
        .bind(&a.code)
        .bind(a.category.to_string())
        .bind(a.service_day.to_string())
        .bind(time_text(a.slot_start))
        .bind(time_text(a.slot_end))
        .bind(ts(a.starts_at))
        .bind(&a.person_digest)
        .bind(&a.name)
        .bind(&a.phone)
        .bind(ts(a.created_at))
        .fetch_one(&mut *self.tx)
        .await?;
        Ok(AppointmentRow {
            id,
            code: a.code.clone(),
            category: a.category,
            service_day: a.service_day,
            slot_start: a.slot_start,
            slot_end: a.slot_end,
            starts_at: a.starts_at,
            person_digest: a.person_digest.clone(),
            name: a.name.clone(),
            phone: a.phone.clone(),
            status: AppointmentStatus::Booked,
            created_at: a.created_at,
            ticket_id: None,
        })
    }

    async fn find_appointment(&mut self, code: &str) -> StoreResult<Option<AppointmentRow>> {
        let row = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM appointments WHERE code = ?"
        ))
        .bind(code)
        .fetch_optional(&mut *self.tx)
        .await?;
        row.as_ref().map(from_row).transpose()
    }

    async fn booked_per_slot(
        &mut self,
        category: CategoryCode,
        day: ServiceDay,
    ) -> StoreResult<Vec<(NaiveTime, i64)>> {
        let rows = sqlx::query(
            "SELECT slot_start, COUNT(*) AS n FROM appointments
             WHERE category = ? AND service_day = ? AND status <> 'cancelled'
             GROUP BY slot_start",
        )
        .bind(category.to_string())
        .bind(day.to_string())
        .fetch_all(&mut *self.tx)
        .await?;
        rows.iter()
            .map(|r| Ok((parse_time(r.get("slot_start"))?, r.get("n"))))
            .collect()
    }

    async fn missed_appointments(
        &mut self,
        person_digest: &str,
        cutoff: DateTime<Utc>,
    ) -> StoreResult<Vec<DateTime<Utc>>> {
        let rows = sqlx::query(
            "SELECT starts_at FROM appointments
             WHERE person_digest = ? AND status = 'booked' AND starts_at < ?",
        )
        .bind(person_digest)
        .bind(ts(cutoff))
        .fetch_all(&mut *self.tx)
        .await?;
        Ok(rows.iter().map(|r| r.get("starts_at")).collect())
    }

    async fn set_appointment_status(
        &mut self,
        id: i64,
        status: AppointmentStatus,
        at: DateTime<Utc>,
        ticket_id: Option<i64>,
    ) -> StoreResult<()> {
        let column = match status {
            AppointmentStatus::Cancelled => "cancelled_at",
            AppointmentStatus::CheckedIn => "checked_in_at",
            AppointmentStatus::Booked => "created_at",
        };
        sqlx::query(&format!(
            "UPDATE appointments SET status = ?, {column} = ?, ticket_id = COALESCE(?, ticket_id)
             WHERE id = ?"
        ))
        .bind(status.as_str())
        .bind(ts(at))
        .bind(ticket_id)
        .bind(id)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }
}
