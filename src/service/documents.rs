//! The papers of a case, rendered by `onetrip-documents` and sealed: the QR on each points to
//! the public tracking page and carries a signature over the document's key fields. Every date
//! printed comes from the record, so regenerating a document gives the same content.

use super::cases::{catalog, department_name, matter_name};
use super::Principal;
use crate::context::AppContext;
use crate::error::{AppError, AppResult};
use chrono::{DateTime, NaiveDate, Utc};
use onetrip_documents as docs;
use onetrip_domain::case::{Applicant, MaterialState, TaskStatus};
use onetrip_domain::catalog::CatalogDoc;
use onetrip_domain::seal::{digest, SealClaims};
use onetrip_domain::Role;
use onetrip_store::{CaseRow, NoticeKind, Tx};

/// Which paper of a case: `acceptance` (受理 or 容缺受理通知书), `correction` (补正通知书, for
/// the latest return) or `completion` (办结通知书).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseDocument {
    Acceptance,
    Correction,
    Completion,
}

impl CaseDocument {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "acceptance" => Some(Self::Acceptance),
            "correction" => Some(Self::Correction),
            "completion" => Some(Self::Completion),
            _ => None,
        }
    }
}

fn local(ctx: &AppContext, t: DateTime<Utc>) -> String {
    t.with_timezone(&ctx.hall().timezone)
        .format("%Y年%m月%d日 %H:%M")
        .to_string()
}

fn date_text(d: NaiveDate) -> String {
    d.format("%Y年%m月%d日").to_string()
}

fn applicant(a: &Applicant) -> docs::Applicant {
    match a {
        Applicant::Person {
            name, id_number, ..
        } => docs::Applicant {
            name: name.to_string(),
            id_label: "身份证号码".into(),
            id_number: id_number.to_string(),
        },
        Applicant::Organisation {
            name, credit_code, ..
        } => docs::Applicant {
            name: name.to_string(),
            id_label: "统一社会信用代码".into(),
            id_number: credit_code.to_string(),
        },
    }
}

fn delivery(v: &serde_json::Value, place: &str) -> docs::Delivery {
    match v["method"].as_str() {
        Some("mail") => docs::Delivery::Mail {
            recipient: v["recipient"].as_str().unwrap_or_default().into(),
            phone: v["phone"].as_str().unwrap_or_default().into(),
            address: v["address"].as_str().unwrap_or_default().into(),
            carrier: v["carrier"].as_str().map(str::to_string),
            waybill_no: v["waybill_no"].as_str().map(str::to_string),
        },
        _ => docs::Delivery::WindowPickup {
            place: place.into(),
        },
    }
}

/// The printed URL: the tracking page with the seal.
fn sealed_url(ctx: &AppContext, base: &str, tracking: &str, claims: &SealClaims) -> String {
    format!(
        "{}/track/{tracking}?s={}",
        base.trim_end_matches('/'),
        ctx.seals.sign(claims)
    )
}

fn claims(kind: &str, subject: &str, on: NaiveDate, fields: &[&str]) -> SealClaims {
    SealClaims {
        kind: kind.into(),
        subject: subject.into(),
        issued_on: on,
        digest: digest(fields),
    }
}

async fn user_name(tx: &mut dyn Tx, id: i64) -> AppResult<String> {
    Ok(tx
        .list_users()
        .await?
        .into_iter()
        .find(|u| u.id == id)
        .map(|u| u.name)
        .unwrap_or_default())
}

fn member_names(doc: &CatalogDoc, case: &CaseRow, tasks: &[onetrip_store::TaskRow]) -> Vec<String> {
    if case.is_bundle() {
        tasks
            .iter()
            .map(|t| matter_name(doc, t.matter.as_str()))
            .collect()
    } else {
        Vec::new()
    }
}

/// `GET /api/v1/cases/{case_no}/documents/{kind}.pdf`
pub async fn case_document(
    ctx: &AppContext,
    who: &Principal,
    case_no: &str,
    kind: CaseDocument,
    base_url: &str,
) -> AppResult<Vec<u8>> {
    who.require_any(&[Role::Clerk, Role::Approver, Role::Output, Role::Admin])?;
    let not_found = || AppError::not_found(format!("没有编号为“{case_no}”的办件"));
    let mut tx = ctx.store.begin_read().await?;
    let case = tx
        .find_case_by_no(case_no.trim())
        .await?
        .ok_or_else(not_found)?;
    let doc = catalog(tx.as_mut()).await?;
    let tasks = tx.case_tasks(case.id).await?;
    // As for the case itself: an approver sees the papers of their own department's cases only.
    if !who.has(Role::Clerk)
        && !who.has(Role::Output)
        && !who.has(Role::Admin)
        && !tasks
            .iter()
            .any(|t| Some(t.department.as_str()) == who.department.as_deref())
    {
        return Err(not_found());
    }
    let office = format!("{}综合窗口", ctx.hall().name);
    let clerk = user_name(tx.as_mut(), case.intake_clerk_id).await?;
    let name = matter_name(&doc, case.matter.as_str());
    let tracking = case.tracking_code.to_string();
    let pdf =
        match kind {
            CaseDocument::Acceptance => {
                let materials = tx.case_materials(case.id).await?;
                let counter = match &case.intake_counter {
                    Some(c) => tx.get_counter(c).await?.map(|k| k.name).unwrap_or_default(),
                    None => String::new(),
                };
                let matters: Vec<_> = tasks
                    .iter()
                    .filter_map(|t| doc.matters.iter().find(|m| m.code == t.matter))
                    .collect();
                let fee: u32 = matters.iter().map(|m| m.fee_fen).sum();
                let notice = docs::AcceptanceNotice {
                    hall_name: ctx.hall().name.clone(),
                    case_no: case.case_no.to_string(),
                    matter_name: name.clone(),
                    member_matters: member_names(&doc, &case, &tasks),
                    applicant: applicant(&case.applicant),
                    office: office.clone(),
                    counter,
                    clerk,
                    received_at: local(ctx, case.accepted_at),
                    accepted_at: local(ctx, case.accepted_at),
                    limits: docs::TimeLimits {
                        legal_days: tasks.iter().map(|t| t.limit_days).max().unwrap_or(0),
                        legal_due: date_text(case.legal_due),
                        promised_days: tasks.iter().map(|t| t.promised_days).max().unwrap_or(0),
                        promised_due: date_text(case.promised_due),
                    },
                    fee: if fee == 0 {
                        "不收费".into()
                    } else {
                        format!("{:.2} 元", f64::from(fee) / 100.0)
                    },
                    delivery: delivery(&case.delivery, &office),
                    tracking_code: tracking.clone(),
                    qr_url: sealed_url(
                        ctx,
                        base_url,
                        &tracking,
                        &claims(
                            "acceptance",
                            case.case_no.as_str(),
                            case.accepted_on,
                            &[case.case_no.as_str(), case.applicant.display_name(), &name],
                        ),
                    ),
                    materials: materials
                        .iter()
                        .filter(|m| m.supplied_at.is_some_and(|t| t <= case.accepted_at))
                        .map(|m| {
                            let spec = matters
                                .iter()
                                .flat_map(|x| x.materials.iter())
                                .find(|x| x.name == m.name);
                            docs::Material {
                                name: m.name.clone(),
                                originals: spec.map_or(0, |s| u32::from(s.originals)),
                                copies: spec.map_or(0, |s| u32::from(s.copies)),
                                note: String::new(),
                            }
                        })
                        .collect(),
                    issued_at: local(ctx, case.accepted_at),
                };
                // Decided by how the case was accepted, not by what was supplied since, so the
                // paper regenerates the same.
                let history = tx.case_history(case.id).await?;
                let pledged = history
                    .first()
                    .is_some_and(|h| h.action == "accept_with_pledge");
                if pledged {
                    let deferred = materials
                        .iter()
                        .filter(|m| {
                            m.state == MaterialState::Deferred
                                || m.supplied_at.is_some_and(|t| t > case.accepted_at)
                        })
                        .map(|m| docs::MissingItem {
                            name: m.name.clone(),
                            requirement: String::new(),
                            reason: docs::MissingReason::Deferrable,
                        })
                        .collect();
                    let due = onetrip_domain::case::pledge_deadline(
                        case.accepted_on,
                        &ctx.calendar(),
                        ctx.hall().cases.pledge_days,
                    );
                    let pledge = docs::PledgeNotice {
                        acceptance: notice,
                        deferred,
                        pledge_due: date_text(due),
                    };
                    render(move || docs::render_pledge_notice(&pledge)).await?
                } else {
                    render(move || docs::render_acceptance_notice(&notice)).await?
                }
            }
            CaseDocument::Correction => {
                let mut latest = None;
                for t in &tasks {
                    for s in tx.suspensions(t.id).await? {
                        if latest.as_ref().is_none_or(
                            |(_, l): &(_, onetrip_store::SuspensionRow)| s.opened_at > l.opened_at,
                        ) {
                            latest = Some((t.clone(), s));
                        }
                    }
                }
                let (task, suspension) = latest
                    .ok_or_else(|| AppError::not_found("该办件没有补正记录，无补正通知书"))?;
                let dept = department_name(&doc, task.department.as_str());
                let notice = docs::CorrectionNotice {
                    hall_name: ctx.hall().name.clone(),
                    case_no: case.case_no.to_string(),
                    matter_name: matter_name(&doc, task.matter.as_str()),
                    applicant_name: case.applicant.display_name().to_string(),
                    department: dept.clone(),
                    items: suspension
                        .items
                        .as_array()
                        .map(|a| {
                            a.iter()
                                .filter_map(|i| i.as_str())
                                .map(|i| docs::MissingItem {
                                    name: i.to_string(),
                                    requirement: String::new(),
                                    reason: docs::MissingReason::Missing,
                                })
                                .collect()
                        })
                        .unwrap_or_default(),
                    notice_date: date_text(suspension.from_day),
                    qr_url: sealed_url(
                        ctx,
                        base_url,
                        &tracking,
                        &claims(
                            "correction",
                            case.case_no.as_str(),
                            suspension.from_day,
                            &[case.case_no.as_str(), &dept, &suspension.items.to_string()],
                        ),
                    ),
                    issued_at: local(ctx, suspension.opened_at),
                };
                render(move || docs::render_correction_notice(&notice)).await?
            }
            CaseDocument::Completion => {
                let Some(closed) = case.closed_at else {
                    return Err(AppError::new(
                        crate::error::ErrorCode::IllegalTransition,
                        "办件尚未办结，不能出具办结通知书",
                    ));
                };
                let results = tasks
                    .iter()
                    .filter(|t| matches!(t.status, TaskStatus::Approved | TaskStatus::Rejected))
                    .map(|t| docs::DepartmentResult {
                        department: department_name(&doc, t.department.as_str()),
                        matter_name: matter_name(&doc, t.matter.as_str()),
                        decision: if t.status == TaskStatus::Approved {
                            docs::Decision::Approved
                        } else {
                            docs::Decision::Rejected
                        },
                        opinion: t.opinion.clone().unwrap_or_default(),
                    })
                    .collect();
                let on = closed.with_timezone(&ctx.hall().timezone).date_naive();
                let completion = docs::CompletionDocument {
                    hall_name: ctx.hall().name.clone(),
                    case_no: case.case_no.to_string(),
                    matter_name: name.clone(),
                    member_matters: member_names(&doc, &case, &tasks),
                    applicant: applicant(&case.applicant),
                    results,
                    completed_at: local(ctx, closed),
                    delivery: delivery(&case.delivery, &format!("{}统一出件窗口", ctx.hall().name)),
                    clerk,
                    office,
                    qr_url: sealed_url(
                        ctx,
                        base_url,
                        &tracking,
                        &claims(
                            "completion",
                            case.case_no.as_str(),
                            on,
                            &[
                                case.case_no.as_str(),
                                case.applicant.display_name(),
                                &name,
                                case.status.as_str(),
                            ],
                        ),
                    ),
                    issued_at: local(ctx, closed),
                };
                render(move || docs::render_completion_document(&completion)).await?
            }
        };
    Ok(pdf)
}

/// `GET /api/v1/intake/notices/{id}.pdf`: 一次性告知书 or 不予受理通知书.
pub async fn notice_document(
    ctx: &AppContext,
    who: &Principal,
    id: i64,
    base_url: &str,
) -> AppResult<Vec<u8>> {
    who.require_any(&[Role::Clerk, Role::Admin])?;
    let mut tx = ctx.store.begin_read().await?;
    let n = tx
        .get_notice(id)
        .await?
        .ok_or_else(|| AppError::not_found(format!("没有编号为 {id} 的告知书")))?;
    let doc = tx.catalog_document().await?;
    let clerk = user_name(tx.as_mut(), n.clerk_id).await?;
    drop(tx);
    let matter = doc
        .as_ref()
        .map(|d| matter_name(d, &n.matter))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| n.matter.clone());
    let office = format!("{}综合窗口", ctx.hall().name);
    let subject = format!("N{id}");
    let on = n
        .created_at
        .with_timezone(&ctx.hall().timezone)
        .date_naive();
    let kind = match n.kind {
        NoticeKind::MaterialsIncomplete => "one_time",
        NoticeKind::Refusal => "refusal",
    };
    let seal = claims(kind, &subject, on, &[&subject, &n.applicant_name, &matter]);
    // A notice has no case to track: the QR opens the verification page.
    let qr_url = format!(
        "{}/verify?s={}",
        base_url.trim_end_matches('/'),
        ctx.seals.sign(&seal)
    );
    let notice_no = format!("GZ-{}-{id:05}", on.format("%Y%m%d"));
    match n.kind {
        NoticeKind::MaterialsIncomplete => {
            let items = n
                .items
                .as_array()
                .map(|a| {
                    a.iter()
                        .map(|i| docs::MissingItem {
                            name: i["name"].as_str().unwrap_or_default().into(),
                            requirement: String::new(),
                            reason: match i["reason"].as_str() {
                                Some("not_deferrable") => docs::MissingReason::NotDeferrable,
                                Some("deferrable") => docs::MissingReason::Deferrable,
                                _ => docs::MissingReason::Missing,
                            },
                        })
                        .collect()
                })
                .unwrap_or_default();
            let notice = docs::OneTimeNotice {
                hall_name: ctx.hall().name.clone(),
                notice_no,
                matter_name: matter,
                applicant_name: n.applicant_name.clone(),
                items,
                notified_at: local(ctx, n.created_at),
                clerk,
                office,
                qr_url,
                issued_at: local(ctx, n.created_at),
            };
            render(move || docs::render_one_time_notice(&notice)).await
        }
        NoticeKind::Refusal => {
            let notice = docs::RefusalNotice {
                hall_name: ctx.hall().name.clone(),
                notice_no,
                matter_name: matter,
                applicant_name: n.applicant_name.clone(),
                received_at: local(ctx, n.created_at),
                reason: n.reason.clone(),
                competent_office: n.where_to_apply.clone(),
                competent_office_contact: String::new(),
                clerk,
                office,
                qr_url,
                issued_at: local(ctx, n.created_at),
            };
            render(move || docs::render_refusal_notice(&notice)).await
        }
    }
}

async fn render(
    f: impl FnOnce() -> Result<Vec<u8>, docs::DocumentError> + Send + 'static,
) -> AppResult<Vec<u8>> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(AppError::internal)?
        .map_err(AppError::internal)
}
