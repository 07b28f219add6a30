//! The hall's own settings (issue 9, hall set-up): its name, time zone, the public address
//! printed in QR codes, the queue's rules, warning thresholds and deadlines, and the booking
//! window. An admin changes them while the hall runs; they are kept in the settings table, so
//! every instance and every restart sees them, and each change is audited before and after.

use super::Principal;
use crate::context::{AppContext, HallSettings};
use crate::error::{AppError, AppResult};
use chrono_tz::Tz;
use onetrip_domain::Role;
use onetrip_store::{Audience, NewEvent, Store};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

const KEY: &str = "hall";
pub const CHANGED: &str = "hall_settings_changed";

/// The settings as the admin screen shows and stores them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct HallSettingsView {
    pub name: String,
    /// IANA zone, e.g. `Asia/Shanghai`: ticket numbers restart at its midnight.
    pub timezone: String,
    /// Where QR codes on paper point, e.g. `https://hall.example.gov.cn`; none: the address
    /// terminals use.
    pub public_url: Option<String>,
    /// A ticket waiting this long jumps the weighted rotation (minutes).
    pub max_wait_minutes: i64,
    pub recalls_before_no_show: i64,
    /// Age from which an ID number gets the green channel.
    pub green_channel_age: u32,
    /// A task turns yellow with this many working days or fewer left.
    pub yellow_within_days: u32,
    /// 容缺受理: working days to supply deferred materials.
    pub pledge_days: u32,
    /// Working days to answer a bad review.
    pub follow_up_days: u32,
    /// Working days a department has to answer a citizen's message.
    pub message_answer_days: u32,
    /// Bookings open from this working day ahead …
    pub appointment_min_days_ahead: u32,
    /// … up to this one.
    pub appointment_max_days_ahead: u32,
    /// Bookings per category per slot.
    pub appointment_capacity: i64,
}

/// A change: only the fields given change. `public_url: ""` removes the address.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HallSettingsUpdate {
    pub name: Option<String>,
    pub timezone: Option<String>,
    pub public_url: Option<String>,
    pub max_wait_minutes: Option<i64>,
    pub recalls_before_no_show: Option<i64>,
    pub green_channel_age: Option<u32>,
    pub yellow_within_days: Option<u32>,
    pub pledge_days: Option<u32>,
    pub follow_up_days: Option<u32>,
    pub message_answer_days: Option<u32>,
    pub appointment_min_days_ahead: Option<u32>,
    pub appointment_max_days_ahead: Option<u32>,
    pub appointment_capacity: Option<i64>,
}

pub fn view(h: &HallSettings) -> HallSettingsView {
    HallSettingsView {
        name: h.name.clone(),
        timezone: h.timezone.name().to_string(),
        public_url: h.public_url.clone(),
        max_wait_minutes: h.queue.max_wait_minutes,
        recalls_before_no_show: h.queue.recalls_before_no_show,
        green_channel_age: h.queue.green_channel_age,
        yellow_within_days: h.cases.yellow_within_days,
        pledge_days: h.cases.pledge_days,
        follow_up_days: h.ratings.follow_up_days,
        message_answer_days: h.messages.answer_days,
        appointment_min_days_ahead: h.appointments.min_days_ahead,
        appointment_max_days_ahead: h.appointments.max_days_ahead,
        appointment_capacity: h.appointments.capacity,
    }
}

/// The running settings with `v` applied (already validated).
pub fn applied(base: &HallSettings, v: &HallSettingsView) -> HallSettings {
    let mut h = base.clone();
    h.name = v.name.clone();
    h.timezone = v.timezone.parse().unwrap_or(base.timezone);
    h.public_url = v.public_url.clone();
    h.queue.max_wait_minutes = v.max_wait_minutes;
    h.queue.recalls_before_no_show = v.recalls_before_no_show;
    h.queue.green_channel_age = v.green_channel_age;
    h.cases.yellow_within_days = v.yellow_within_days;
    h.cases.pledge_days = v.pledge_days;
    h.ratings.follow_up_days = v.follow_up_days;
    h.messages.answer_days = v.message_answer_days;
    h.appointments.min_days_ahead = v.appointment_min_days_ahead;
    h.appointments.max_days_ahead = v.appointment_max_days_ahead;
    h.appointments.capacity = v.appointment_capacity;
    h
}

fn within<T: PartialOrd + Copy + std::fmt::Display>(
    v: Option<T>,
    current: T,
    range: std::ops::RangeInclusive<T>,
    what: &str,
    unit: &str,
) -> AppResult<T> {
    match v {
        None => Ok(current),
        Some(x) if range.contains(&x) => Ok(x),
        Some(_) => Err(AppError::invalid(format!(
            "{what}须为 {}–{} {unit}",
            range.start(),
            range.end()
        ))),
    }
}

fn public_url(v: Option<String>, current: Option<String>) -> AppResult<Option<String>> {
    let Some(u) = v else { return Ok(current) };
    let u = u.trim().trim_end_matches('/');
    if u.is_empty() {
        return Ok(None);
    }
    let ok = (u.starts_with("https://") || u.starts_with("http://"))
        && u.len() <= 200
        && !u.contains(char::is_whitespace)
        && u.split("://").nth(1).is_some_and(|rest| !rest.is_empty());
    if !ok {
        return Err(AppError::invalid(
            "对外地址须以 http:// 或 https:// 开头，例如 https://hall.example.gov.cn",
        ));
    }
    Ok(Some(u.to_string()))
}

/// The settings after `u`, or the first rule it breaks, in Chinese.
pub fn merge(current: &HallSettingsView, u: HallSettingsUpdate) -> AppResult<HallSettingsView> {
    let name = match u.name {
        None => current.name.clone(),
        Some(n) => {
            let n = n.trim().to_string();
            if n.is_empty() || n.chars().count() > 50 {
                return Err(AppError::invalid("大厅名称须为 1–50 个字符"));
            }
            n
        }
    };
    let timezone = match u.timezone {
        None => current.timezone.clone(),
        Some(t) => {
            let t = t.trim();
            t.parse::<Tz>()
                .map_err(|_| AppError::invalid(format!("未知的时区“{t}”，例如 Asia/Shanghai")))?;
            t.to_string()
        }
    };
    let v = HallSettingsView {
        name,
        timezone,
        public_url: public_url(u.public_url, current.public_url.clone())?,
        max_wait_minutes: within(
            u.max_wait_minutes,
            current.max_wait_minutes,
            5..=240,
            "最长等候时间",
            "分钟",
        )?,
        recalls_before_no_show: within(
            u.recalls_before_no_show,
            current.recalls_before_no_show,
            0..=5,
            "过号前的重呼次数",
            "次",
        )?,
        green_channel_age: within(
            u.green_channel_age,
            current.green_channel_age,
            50..=90,
            "绿色通道年龄",
            "岁",
        )?,
        yellow_within_days: within(
            u.yellow_within_days,
            current.yellow_within_days,
            1..=10,
            "黄灯预警",
            "个工作日",
        )?,
        pledge_days: within(
            u.pledge_days,
            current.pledge_days,
            1..=30,
            "容缺补交期限",
            "个工作日",
        )?,
        follow_up_days: within(
            u.follow_up_days,
            current.follow_up_days,
            1..=30,
            "差评回访期限",
            "个工作日",
        )?,
        message_answer_days: within(
            u.message_answer_days,
            current.message_answer_days,
            1..=30,
            "留言答复期限",
            "个工作日",
        )?,
        appointment_min_days_ahead: within(
            u.appointment_min_days_ahead,
            current.appointment_min_days_ahead,
            0..=10,
            "最早可约",
            "个工作日后",
        )?,
        appointment_max_days_ahead: within(
            u.appointment_max_days_ahead,
            current.appointment_max_days_ahead,
            1..=30,
            "最晚可约",
            "个工作日后",
        )?,
        appointment_capacity: within(
            u.appointment_capacity,
            current.appointment_capacity,
            1..=100,
            "每时段每类预约名额",
            "个",
        )?,
    };
    if v.appointment_min_days_ahead > v.appointment_max_days_ahead {
        return Err(AppError::invalid("最早可约日不能晚于最晚可约日"));
    }
    Ok(v)
}

/// The stored settings, if an admin ever saved any.
pub async fn stored(store: &dyn Store) -> anyhow::Result<Option<HallSettingsView>> {
    let mut tx = store.begin_read().await?;
    Ok(match tx.get_setting(KEY).await? {
        Some(text) => Some(serde_json::from_str(&text)?),
        None => None,
    })
}

/// `GET /api/v1/admin/settings`.
pub async fn get(ctx: &AppContext, who: &Principal) -> AppResult<HallSettingsView> {
    who.require_any(&[Role::Admin])?;
    Ok(view(&ctx.hall()))
}

/// `PUT /api/v1/admin/settings`: validated as a whole, stored, applied at once here and, through
/// the event, on every other instance.
pub async fn update(
    ctx: &AppContext,
    who: &Principal,
    u: HallSettingsUpdate,
) -> AppResult<HallSettingsView> {
    who.require_any(&[Role::Admin])?;
    let before = view(&ctx.hall());
    let after = merge(&before, u)?;
    let mut tx = ctx.store.begin_write().await?;
    tx.set_setting(
        KEY,
        &serde_json::to_string(&after).map_err(AppError::internal)?,
    )
    .await?;
    let event = tx
        .append_event(&NewEvent {
            kind: CHANGED.into(),
            audience: Audience::Staff,
            payload: json!({"by": who.username, "before": before, "after": after}),
            created_at: ctx.clock.now(),
        })
        .await?;
    tx.commit().await?;
    ctx.set_hall(applied(&ctx.hall(), &after));
    ctx.events.publish(vec![event]);
    Ok(after)
}

/// Applies settings saved on another instance when its change event arrives.
pub fn follow_changes(ctx: AppContext) {
    let mut events = ctx.events.subscribe();
    tokio::spawn(async move {
        let closed = ctx.events.closed();
        tokio::pin!(closed);
        loop {
            tokio::select! {
                _ = &mut closed => return,
                e = events.recv() => match e {
                    Ok(e) if e.kind != CHANGED => continue,
                    Err(tokio::sync::broadcast::error::RecvError::Closed) => return,
                    _ => {}
                },
            }
            match stored(ctx.store.as_ref()).await {
                Ok(Some(v)) => ctx.set_hall(applied(&ctx.hall(), &v)),
                Ok(None) => {}
                Err(e) => tracing::warn!(error = %e, "cannot reload the hall settings"),
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> HallSettings {
        HallSettings {
            name: "只跑一次综合服务大厅".into(),
            timezone: chrono_tz::Asia::Shanghai,
            public_url: None,
            queue: Default::default(),
            appointments: Default::default(),
            cases: Default::default(),
            ratings: Default::default(),
            messages: Default::default(),
        }
    }

    fn current() -> HallSettingsView {
        view(&settings())
    }

    #[test]
    fn only_the_given_fields_change_and_a_view_round_trips_through_the_running_settings() {
        let c = current();
        let v = merge(
            &c,
            HallSettingsUpdate {
                name: Some(" 吉林高新区政务服务大厅 ".into()),
                public_url: Some("https://hall.example.gov.cn/".into()),
                yellow_within_days: Some(2),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(v.name, "吉林高新区政务服务大厅");
        assert_eq!(v.public_url.as_deref(), Some("https://hall.example.gov.cn"));
        assert_eq!(v.yellow_within_days, 2);
        assert_eq!(v.pledge_days, c.pledge_days);
        let base = applied(&settings(), &v);
        assert_eq!(view(&base), v);
        let cleared = merge(
            &v,
            HallSettingsUpdate {
                public_url: Some(" ".into()),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(cleared.public_url, None);
    }

    #[test]
    fn out_of_range_values_are_refused_in_chinese() {
        let c = current();
        let refuse = |u: HallSettingsUpdate, words: &str| {
            let e = merge(&c, u).unwrap_err().to_string();
            assert!(e.contains(words), "{e}");
        };
        refuse(
            HallSettingsUpdate {
                name: Some("  ".into()),
                ..Default::default()
            },
            "大厅名称",
        );
        refuse(
            HallSettingsUpdate {
                timezone: Some("Mars/Olympus".into()),
                ..Default::default()
            },
            "未知的时区",
        );
        refuse(
            HallSettingsUpdate {
                public_url: Some("hall.example".into()),
                ..Default::default()
            },
            "http",
        );
        refuse(
            HallSettingsUpdate {
                max_wait_minutes: Some(1),
                ..Default::default()
            },
            "最长等候时间须为 5–240",
        );
        refuse(
            HallSettingsUpdate {
                yellow_within_days: Some(0),
                ..Default::default()
            },
            "黄灯预警",
        );
        refuse(
            HallSettingsUpdate {
                appointment_min_days_ahead: Some(8),
                appointment_max_days_ahead: Some(3),
                ..Default::default()
            },
            "最早可约日不能晚于最晚可约日",
        );
    }
}
