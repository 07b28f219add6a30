use super::{parse_or_corrupt, PgTx};
use crate::{
    AppointmentRow, AppointmentStatus, AppointmentTx, NewAppointment, StoreError, StoreResult,
};
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use onetrip_domain::{CategoryCode, ServiceDay};
use sqlx::postgres::PgRow;
use sqlx::Row;

const COLUMNS: &str = "id, code, category, service_day, slot_start, slot_end, starts_at, \
     person_digest, name, phone, status, created_at, ticket_id";

fn from_row(r: &PgRow) -> StoreResult<AppointmentRow> {
    Ok(AppointmentRow {
        id: r.get("id"),
        code: r.get("code"),
        category: parse_or_corrupt(CategoryCode::parse(r.get("category")))?,
        service_day: ServiceDay::from_date(r.get::<NaiveDate, _>("service_day")),
        slot_start: r.get("slot_start"),
        slot_end: r.get("slot_end"),
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
impl AppointmentTx for PgTx {
    async fn insert_appointment(&mut self, a: &NewAppointment) -> StoreResult<AppointmentRow> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO appointments (code, category, service_day, slot_start, slot_end,
                 starts_at, person_digest, name, phone, status, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'booked', $10) RETURNING id",
        )
        .bind(&a.code)
        .bind(a.category.to_string())
        .bind(a.service_day.date())
        .bind(a.slot_start)
        .bind(a.slot_end)
        .bind(a.starts_at)
        .bind(&a.person_digest)
        .bind(&a.name)
        .bind(&a.phone)
        .bind(a.created_at)
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
            "SELECT {COLUMNS} FROM appointments WHERE code = $1"
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
             WHERE category = $1 AND service_day = $2 AND status <> 'cancelled'
             GROUP BY slot_start",
        )
        .bind(category.to_string())
        .bind(day.date())
        .fetch_all(&mut *self.tx)
        .await?;
        Ok(rows
            .iter()
            .map(|r| (r.get("slot_start"), r.get("n")))
            .collect())
    }

    async fn missed_appointments(
        &mut self,
        person_digest: &str,
        cutoff: DateTime<Utc>,
    ) -> StoreResult<Vec<DateTime<Utc>>> {
        let rows = sqlx::query(
            "SELECT starts_at FROM appointments
             WHERE person_digest = $1 AND status = 'booked' AND starts_at < $2",
        )
        .bind(person_digest)
        .bind(cutoff)
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
            "UPDATE appointments SET status = $1, {column} = $2,
                 ticket_id = COALESCE($3, ticket_id)
             WHERE id = $4"
        ))
        .bind(status.as_str())
        .bind(at)
        .bind(ticket_id)
        .bind(id)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }
}
