//! Printed output: the ticket slip and the spoken call.

use super::tickets::{category_name, ticket_view};
use super::Principal;
use crate::context::AppContext;
use crate::error::{AppError, AppResult, ErrorCode};
use onetrip_documents::{render_ticket_slip, TicketSlip};
use onetrip_domain::{CounterCode, Priority, Role, TicketNo};

/// The 80 mm slip of a ticket, as PDF. `base_url` is where the slip's QR code points.
pub async fn ticket_slip(
    ctx: &AppContext,
    who: &Principal,
    id: i64,
    base_url: &str,
) -> AppResult<Vec<u8>> {
    who.require_any(&[Role::Kiosk, Role::Clerk, Role::Admin])?;
    let mut tx = ctx.store.begin_read().await?;
    let categories = tx.list_categories().await?;
    let row = tx
        .get_ticket(id)
        .await?
        .ok_or_else(|| AppError::not_found(format!("没有编号为 {id} 的号票")))?;
    let view = ticket_view(ctx, tx.as_mut(), &categories, &row).await?;
    drop(tx);
    let slip = TicketSlip {
        hall_name: ctx.hall().name.clone(),
        number: view.number,
        category_name: category_name(&categories, row.queue_category),
        waiting_ahead: view.waiting_ahead,
        estimated_wait_minutes: view.estimated_wait_minutes,
        issued_at: row
            .issued_at
            .with_timezone(&ctx.hall().timezone)
            .format("%Y-%m-%d %H:%M")
            .to_string(),
        track_url: format!(
            "{}/track/ticket/{}",
            base_url.trim_end_matches('/'),
            row.track_code
        ),
        notice: "过号请重新取号".into(),
        priority_label: match row.priority {
            Priority::Green => Some("绿色通道".into()),
            Priority::Appointment => Some("预约".into()),
            Priority::Normal => None,
        },
    };
    tokio::task::spawn_blocking(move || render_ticket_slip(&slip))
        .await
        .map_err(AppError::internal)?
        .map_err(AppError::internal)
}

/// "请A001号到3号窗口办理" spoken in Mandarin by espeak-ng, as WAV. Rendered on the server so
/// every display speaks the same way, offline, whatever voices its browser has.
pub async fn call_audio(
    ctx: &AppContext,
    who: &Principal,
    number: &str,
    counter: &str,
) -> AppResult<Vec<u8>> {
    who.require_any(&Role::ALL)?;
    let number = TicketNo::parse(number).map_err(|e| AppError::invalid(e.to_string()))?;
    let code = CounterCode::parse(counter).map_err(|e| AppError::invalid(e.to_string()))?;
    let name = {
        let mut tx = ctx.store.begin_read().await?;
        tx.get_counter(&code)
            .await?
            .ok_or_else(|| AppError::not_found(format!("没有“{code}”号窗口")))?
            .name
    };
    let speech = onetrip_domain::voice::call_speech(number, &name);
    let out = tokio::process::Command::new("espeak-ng")
        .args(["-v", "cmn", "-s", "150", "--stdout", &speech])
        .output()
        .await
        .map_err(|e| AppError {
            code: ErrorCode::ServiceUnavailable,
            message: "本机未安装语音合成（espeak-ng），请使用浏览器语音".into(),
            source: Some(e.into()),
        })?;
    if !out.status.success() || out.stdout.is_empty() {
        return Err(AppError {
            code: ErrorCode::ServiceUnavailable,
            message: "语音合成失败，请使用浏览器语音".into(),
            source: Some(anyhow::anyhow!(
                String::from_utf8_lossy(&out.stderr).to_string()
            )),
        });
    }
    Ok(out.stdout)
}
