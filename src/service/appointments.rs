//! Booking, cancelling and checking in appointments (预约).

use super::tickets::{category_name, insert_new_ticket, person_digest, NewTicketSpec};
use super::views::{
    AppointmentSlotsView, AppointmentView, BookAppointmentRequest, CheckInResponse, SlotDayView,
    SlotView,
};
use super::Principal;
use crate::context::AppContext;
use crate::error::{AppError, AppResult, ErrorCode};
use chrono::{Datelike, NaiveDate, NaiveTime};
use onetrip_domain::appointment::{self as rules, BookingError, CheckIn, CODE_ALPHABET, CODE_LEN};
use onetrip_domain::{CategoryCode, IdNumber, PersonName, Phone, Priority, Role, ServiceDay};
use onetrip_store::{AppointmentRow, AppointmentStatus, CategoryRow, NewAppointment, StoreError};
use rand::Rng;

fn booking(e: BookingError) -> AppError {
    match e {
        BookingError::Full | BookingError::AlreadyBooked(_) | BookingError::Blocked { .. } => {
            AppError::conflict(e.to_string())
        }
        BookingError::TooLateToCancel(_) => {
            AppError::new(ErrorCode::IllegalTransition, e.to_string())
        }
        _ => AppError::invalid(e.to_string()),
    }
}

fn invalid(e: impl std::fmt::Display) -> AppError {
    AppError::invalid(e.to_string())
}

fn new_code() -> String {
    let mut rng = rand::thread_rng();
    (0..CODE_LEN)
        .map(|_| CODE_ALPHABET[rng.gen_range(0..CODE_ALPHABET.len())] as char)
        .collect()
}

fn weekday_label(date: NaiveDate) -> &'static str {
    [
        "星期一",
        "星期二",
        "星期三",
        "星期四",
        "星期五",
        "星期六",
        "星期日",
    ][date.weekday().num_days_from_monday() as usize]
}

fn find_category(categories: &[CategoryRow], code: &str) -> AppResult<CategoryCode> {
    let code = CategoryCode::parse(code).map_err(invalid)?;
    if !categories.iter().any(|c| c.code == code) {
        return Err(AppError::invalid(format!("没有“{code}”类业务")));
    }
    Ok(code)
}

fn view(ctx: &AppContext, categories: &[CategoryRow], a: &AppointmentRow) -> AppointmentView {
    let r = &ctx.hall().appointments;
    AppointmentView {
        code: a.code.clone(),
        category: a.category.to_string(),
        category_name: category_name(categories, a.category),
        date: a.service_day.to_string(),
        slot_start: a.slot_start.format("%H:%M").to_string(),
        slot_end: a.slot_end.format("%H:%M").to_string(),
        name_masked: PersonName::parse(&a.name)
            .map(|n| n.masked())
            .unwrap_or_default(),
        phone_masked: Phone::parse(&a.phone)
            .map(|p| p.masked())
            .unwrap_or_default(),
        status: a.status.as_str().to_string(),
        check_in_from: a.starts_at - r.check_in_early,
        check_in_until: a.starts_at + r.check_in_late,
    }
}

fn rules_text(ctx: &AppContext) -> Vec<String> {
    let r = &ctx.hall().appointments;
    vec![
        format!(
            "可预约第 {}–{} 个工作日的时段，节假日不开放",
            r.min_days_ahead, r.max_days_ahead
        ),
        "每人每天限约一次，凭身份证号预约".into(),
        format!("如需取消，请至少提前 {} 小时", r.cancel_before.num_hours()),
        format!(
            "请于时段开始前 {} 分钟至开始后 {} 分钟内到自助终端签到，迟到按普通号排队",
            r.check_in_early.num_minutes(),
            r.check_in_late.num_minutes()
        ),
        format!("一个月内 {} 次预约未到，将暂停预约一个月", r.no_show_limit),
    ]
}

/// Public: the bookable days and slots of a category with what is left in each.
pub async fn slots(ctx: &AppContext, category: &str) -> AppResult<AppointmentSlotsView> {
    let r = &ctx.hall().appointments;
    let mut tx = ctx.store.begin_read().await?;
    let categories = tx.list_categories().await?;
    let code = find_category(&categories, category)?;
    let mut days = Vec::new();
    for date in rules::bookable_days(r, &ctx.calendar(), ctx.today().date()) {
        let booked = tx
            .booked_per_slot(code, ServiceDay::from_date(date))
            .await?;
        let slots = r
            .slots
            .iter()
            .map(|s| {
                let n = booked
                    .iter()
                    .find(|(t, _)| *t == s.start)
                    .map_or(0, |(_, n)| *n);
                SlotView {
                    start: s.start.format("%H:%M").to_string(),
                    end: s.end.format("%H:%M").to_string(),
                    capacity: r.capacity,
                    remaining: (r.capacity - n).max(0),
                }
            })
            .collect();
        let label = match ctx.calendar().day_name(date) {
            Some(name) => format!("{}（{name}调休上班）", weekday_label(date)),
            None => weekday_label(date).to_string(),
        };
        days.push(SlotDayView {
            date: date.to_string(),
            label,
            slots,
        });
    }
    Ok(AppointmentSlotsView {
        category: code.to_string(),
        category_name: category_name(&categories, code),
        days,
        rules: rules_text(ctx),
    })
}

/// Public: books a slot. Every rule is checked inside one write transaction, and the database
/// itself refuses a second live booking of one person on one day.
pub async fn book(ctx: &AppContext, req: &BookAppointmentRequest) -> AppResult<AppointmentView> {
    let r = &ctx.hall().appointments;
    let id = IdNumber::parse(req.id_number.trim()).map_err(invalid)?;
    let name = PersonName::parse(&req.name).map_err(invalid)?;
    let phone = Phone::parse(&req.phone).map_err(invalid)?;
    let date: NaiveDate = req
        .date
        .trim()
        .parse()
        .map_err(|_| AppError::invalid("日期格式须为 YYYY-MM-DD"))?;
    let start = NaiveTime::parse_from_str(req.slot_start.trim(), "%H:%M")
        .map_err(|_| AppError::invalid("时段格式须为 HH:MM"))?;
    let slot = rules::slot_at(r, start).ok_or_else(|| booking(BookingError::NoSuchSlot(start)))?;
    let now = ctx.clock.now();
    rules::check_date(r, &ctx.calendar(), ctx.today().date(), date).map_err(booking)?;

    let mut tx = ctx.store.begin_write().await?;
    let categories = tx.list_categories().await?;
    let category = find_category(&categories, &req.category)?;
    let digest = person_digest(tx.as_mut(), &id).await?;
    let missed = tx
        .missed_appointments(&digest, now - r.check_in_late)
        .await?;
    rules::check_no_shows(r, &missed, now, ctx.hall().timezone).map_err(booking)?;
    let day = ServiceDay::from_date(date);
    let booked = tx.booked_per_slot(category, day).await?;
    if booked.iter().any(|(t, n)| *t == start && *n >= r.capacity) {
        return Err(booking(BookingError::Full));
    }
    let row = tx
        .insert_appointment(&NewAppointment {
            code: new_code(),
            category,
            service_day: day,
            slot_start: slot.start,
            slot_end: slot.end,
            starts_at: rules::slot_start(date, slot, ctx.hall().timezone),
            person_digest: digest,
            name: name.as_str().to_string(),
            phone: phone.as_str().to_string(),
            created_at: now,
        })
        .await
        .map_err(|e| match e {
            StoreError::Conflict(_) => booking(BookingError::AlreadyBooked(date)),
            other => other.into(),
        })?;
    tx.commit().await?;
    Ok(view(ctx, &categories, &row))
}

async fn find(tx: &mut dyn onetrip_store::Tx, code: &str) -> AppResult<AppointmentRow> {
    let code = code.trim().to_ascii_uppercase();
    let not_found = || AppError::not_found("没有找到该预约，请核对预约码");
    if !rules::is_valid_code(&code) {
        return Err(not_found());
    }
    tx.find_appointment(&code).await?.ok_or_else(not_found)
}

/// Public: cancels a booking; the ID number it was made with proves ownership.
pub async fn cancel(ctx: &AppContext, code: &str, id_number: &str) -> AppResult<AppointmentView> {
    let id = IdNumber::parse(id_number.trim()).map_err(invalid)?;
    let mut tx = ctx.store.begin_write().await?;
    let categories = tx.list_categories().await?;
    let mut a = find(tx.as_mut(), code).await?;
    if person_digest(tx.as_mut(), &id).await? != a.person_digest {
        return Err(AppError::not_found("没有找到该预约，请核对预约码"));
    }
    if a.status != AppointmentStatus::Booked {
        return Err(AppError::new(
            ErrorCode::IllegalTransition,
            "该预约已签到或已取消",
        ));
    }
    let now = ctx.clock.now();
    rules::check_cancel(&ctx.hall().appointments, a.starts_at, now).map_err(booking)?;
    tx.set_appointment_status(a.id, AppointmentStatus::Cancelled, now, None)
        .await?;
    tx.commit().await?;
    a.status = AppointmentStatus::Cancelled;
    Ok(view(ctx, &categories, &a))
}

/// At the kiosk: inside the window the appointment queue, late the normal queue.
pub async fn check_in(ctx: &AppContext, who: &Principal, code: &str) -> AppResult<CheckInResponse> {
    who.require_any(&[Role::Kiosk, Role::Clerk])?;
    let mut tx = ctx.store.begin_write().await?;
    let categories = tx.list_categories().await?;
    let mut a = find(tx.as_mut(), code).await?;
    if a.status != AppointmentStatus::Booked {
        return Err(AppError::new(
            ErrorCode::IllegalTransition,
            "该预约已签到或已取消",
        ));
    }
    if a.service_day != ctx.today() {
        return Err(AppError::new(
            ErrorCode::IllegalTransition,
            format!("该预约的日期是 {}，请在当天签到", a.service_day),
        ));
    }
    let now = ctx.clock.now();
    let on_time = match rules::check_in(&ctx.hall().appointments, a.starts_at, now) {
        CheckIn::TooEarly(opens) => {
            let at = opens.with_timezone(&ctx.hall().timezone).format("%H:%M");
            return Err(AppError::new(
                ErrorCode::IllegalTransition,
                format!("签到时间未到，请于 {at} 后签到"),
            ));
        }
        CheckIn::OnTime => true,
        CheckIn::Late => false,
    };
    let spec = NewTicketSpec {
        category: a.category,
        matter: None,
        priority: if on_time {
            Priority::Appointment
        } else {
            Priority::Normal
        },
        issuer: who.issuer_key(),
        idempotency_key: Some(format!("appointment:{}", a.code)),
        person_digest: Some(a.person_digest.clone()),
    };
    let (ticket, event) = insert_new_ticket(ctx, tx.as_mut(), &categories, spec).await?;
    tx.set_appointment_status(a.id, AppointmentStatus::CheckedIn, now, Some(ticket.id))
        .await?;
    tx.commit().await?;
    ctx.events.publish(vec![event]);
    a.status = AppointmentStatus::CheckedIn;
    Ok(CheckInResponse {
        appointment: view(ctx, &categories, &a),
        ticket,
        on_time,
    })
}
