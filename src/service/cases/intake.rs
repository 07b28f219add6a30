//! At the counter: accept a case (受理, 容缺受理), or record the one-time notice of everything
//! missing (一次性告知), or refuse (不予受理) naming where to apply.

use super::{catalog, find_target, record, user_id, view, Entry, Target};
use crate::context::AppContext;
use crate::error::{AppError, AppResult};
use crate::service::tickets::{parse_idempotency_key, person_digest};
use crate::service::views::{
    ApplicantInput, CaseView, CreateCaseRequest, DeliveryInput, MaterialsIncompleteError,
    MissingItemView, NoticeView, RefuseIntakeRequest,
};
use crate::service::Principal;
use onetrip_domain::case::{
    checklist, evaluate, pledge_deadline, pledgeable, required_text, Applicant, CaseNo, CaseStatus,
    IntakeOutcome, LegalClock, MaterialState, MaterialTick, MissingItem, MissingReason, OrgName,
    TrackingCode,
};
use onetrip_domain::catalog::{Material, PartialRejection};
use onetrip_domain::{CounterCode, CreditCode, IdNumber, PersonName, Phone, Role};
use onetrip_store::{
    Audience, CaseMaterialRow, NewCase, NewEvent, NewNotice, NewTask, NoticeKind, NoticeRow, Tx,
};
use serde_json::json;

/// What `POST /api/v1/cases` ends in.
pub enum Accepted {
    /// 受理 or 容缺受理; `created` is false when an idempotent retry found the first one.
    Case { case: Box<CaseView>, created: bool },
    /// 一次性告知: no case; the notice listing every missing item was recorded.
    Incomplete(MaterialsIncompleteError),
}

fn invalid(e: impl std::fmt::Display) -> AppError {
    AppError::invalid(e.to_string())
}

pub(crate) fn parse_applicant(input: &ApplicantInput) -> AppResult<Applicant> {
    Ok(match input {
        ApplicantInput::Person {
            name,
            id_number,
            phone,
        } => Applicant::Person {
            name: PersonName::parse(name).map_err(invalid)?,
            id_number: IdNumber::parse(id_number).map_err(invalid)?,
            phone: Phone::parse(phone).map_err(invalid)?,
        },
        ApplicantInput::Organisation {
            name,
            credit_code,
            legal_representative,
            phone,
        } => Applicant::Organisation {
            name: OrgName::parse(name).map_err(invalid)?,
            credit_code: CreditCode::parse(credit_code).map_err(invalid)?,
            legal_representative: PersonName::parse(legal_representative).map_err(invalid)?,
            phone: Phone::parse(phone).map_err(invalid)?,
        },
    })
}

fn parse_delivery(input: &DeliveryInput) -> AppResult<serde_json::Value> {
    if let DeliveryInput::Mail {
        recipient,
        phone,
        address,
    } = input
    {
        PersonName::parse(recipient).map_err(invalid)?;
        Phone::parse(phone).map_err(invalid)?;
        let chars = address.trim().chars().count();
        if !(5..=200).contains(&chars) {
            return Err(AppError::invalid("邮寄地址须为 5–200 个字"));
        }
    }
    serde_json::to_value(input).map_err(AppError::internal)
}

fn parse_ticks(req: &CreateCaseRequest) -> AppResult<Vec<MaterialTick>> {
    req.materials
        .iter()
        .map(|t| {
            Ok(MaterialTick {
                code: t.code.trim().to_string(),
                state: MaterialState::parse(t.state.trim()).ok_or_else(|| {
                    AppError::invalid(format!(
                        "材料“{}”的状态须为 provided（已提供）、missing（缺）或 deferred（容缺）",
                        t.code
                    ))
                })?,
            })
        })
        .collect()
}

fn missing_view(m: &MissingItem) -> MissingItemView {
    MissingItemView {
        code: m.code.clone(),
        name: m.name.clone(),
        reason: match m.reason {
            MissingReason::Missing => "missing",
            MissingReason::NotDeferrable => "not_deferrable",
        }
        .into(),
    }
}

async fn parse_counter(tx: &mut dyn Tx, counter: Option<&str>) -> AppResult<Option<CounterCode>> {
    let Some(code) = counter.map(str::trim).filter(|c| !c.is_empty()) else {
        return Ok(None);
    };
    let code = CounterCode::parse(code).map_err(invalid)?;
    if tx.get_counter(&code).await?.is_none() {
        return Err(AppError::invalid(format!("没有编号为“{code}”的窗口")));
    }
    Ok(Some(code))
}

async fn check_ticket(tx: &mut dyn Tx, ticket_id: Option<i64>) -> AppResult<()> {
    if let Some(id) = ticket_id {
        if tx.get_ticket(id).await?.is_none() {
            return Err(AppError::invalid(format!("没有编号为 {id} 的号票")));
        }
    }
    Ok(())
}

/// `POST /api/v1/cases`: checks the checklist and either accepts (routing one task per matter
/// to its department's queue) or records the one-time notice of everything missing.
pub async fn accept(
    ctx: &AppContext,
    who: &Principal,
    req: CreateCaseRequest,
    idempotency_key: Option<String>,
) -> AppResult<Accepted> {
    who.require_any(&[Role::Clerk])?;
    let clerk = user_id(who)?;
    let applicant = parse_applicant(&req.applicant)?;
    let delivery = parse_delivery(&req.delivery)?;
    let ticks = parse_ticks(&req)?;
    let key = parse_idempotency_key(idempotency_key)?;
    let issuer = who.issuer_key();

    let mut tx = ctx.store.begin_write().await?;
    if let Some(key) = &key {
        if let Some(existing) = tx.find_case_by_idempotency_key(&issuer, key).await? {
            let doc = catalog(tx.as_mut()).await?;
            let case = view::case_view(ctx, tx.as_mut(), &doc, &existing).await?;
            return Ok(Accepted::Case {
                case: Box::new(case),
                created: false,
            });
        }
    }
    let doc = catalog(tx.as_mut()).await?;
    let target = find_target(&doc, &req.matter)?;
    let counter = parse_counter(tx.as_mut(), req.counter.as_deref()).await?;
    check_ticket(tx.as_mut(), req.ticket_id).await?;
    let list = checklist(&target.matters());
    let now = ctx.clock.now();
    let deferred = match evaluate(&list, &ticks).map_err(invalid)? {
        IntakeOutcome::Incomplete { missing } => {
            // Also name what may be pledged (容缺) next time, so one more trip is enough.
            let mut items: Vec<MissingItemView> = missing.iter().map(missing_view).collect();
            items.extend(pledgeable(&list, &ticks).iter().map(|m| MissingItemView {
                code: m.code.clone(),
                name: m.name.clone(),
                reason: "deferrable".into(),
            }));
            let notice = tx
                .insert_notice(&NewNotice {
                    kind: NoticeKind::MaterialsIncomplete,
                    matter: req.matter.trim().to_string(),
                    applicant_name: applicant.display_name().to_string(),
                    items: serde_json::to_value(&items).map_err(AppError::internal)?,
                    reason: String::new(),
                    where_to_apply: String::new(),
                    ticket_id: req.ticket_id,
                    clerk_id: clerk,
                    counter,
                    created_at: now,
                })
                .await?;
            tx.commit().await?;
            return Ok(Accepted::Incomplete(MaterialsIncompleteError {
                code: "materials_incomplete".into(),
                message: format!(
                    "材料不齐，未予受理：尚缺 {} 项，已出具一次性告知书（编号 {}）",
                    missing.len(),
                    notice.id
                ),
                missing: items,
                notice_id: notice.id,
            }));
        }
        IntakeOutcome::Accept => Vec::new(),
        IntakeOutcome::AcceptWithPledge { deferred } => deferred,
    };

    let day = ctx.today();
    let accepted_on = day.date();
    let tasks: Vec<NewTask> = target
        .matters()
        .iter()
        .map(|m| NewTask {
            matter: m.code.clone(),
            department: m.department.clone(),
            limit_days: u32::from(m.legal_limit_days),
            promised_days: u32::from(m.promised_limit_days),
            legal_due: due(ctx, accepted_on, m.legal_limit_days),
            promised_due: due(ctx, accepted_on, m.promised_limit_days),
        })
        .collect();
    let seq = tx.next_case_seq(day).await?;
    let case_no = CaseNo::new(day, seq).map_err(invalid)?;
    let digest = match &applicant {
        Applicant::Person { id_number, .. } => Some(person_digest(tx.as_mut(), id_number).await?),
        Applicant::Organisation { .. } => None,
    };
    let pledge_due = (!deferred.is_empty())
        .then(|| pledge_deadline(accepted_on, &ctx.calendar(), ctx.hall().cases.pledge_days));
    let new_case = NewCase {
        case_no,
        tracking_code: TrackingCode::generate(&mut rand::thread_rng()),
        matter: match &target {
            Target::Matter(m) => m.code.clone(),
            Target::Bundle(b, _) => b.code.clone(),
        },
        bundle_rule: match &target {
            Target::Matter(_) => None,
            Target::Bundle(b, _) => Some(b.partial_rejection),
        },
        ticket_id: req.ticket_id,
        applicant,
        person_digest: digest,
        delivery,
        status: CaseStatus::InProgress,
        accepted_at: now,
        accepted_on,
        legal_due: tasks
            .iter()
            .map(|t| t.legal_due)
            .max()
            .unwrap_or(accepted_on),
        promised_due: tasks
            .iter()
            .map(|t| t.promised_due)
            .max()
            .unwrap_or(accepted_on),
        pledge_due,
        intake_clerk_id: clerk,
        intake_counter: counter,
        issuer,
        idempotency_key: key,
        materials: material_rows(&list, &ticks, now),
        tasks,
    };
    let case = tx.insert_case(&new_case).await?;
    let note = if deferred.is_empty() {
        format!("受理：{}", target.name())
    } else {
        let names: Vec<&str> = deferred.iter().map(|m| m.name.as_str()).collect();
        format!(
            "容缺受理：{}；承诺于 {} 前补齐：{}",
            target.name(),
            pledge_due.map(|d| d.to_string()).unwrap_or_default(),
            names.join("、")
        )
    };
    record(
        tx.as_mut(),
        Entry {
            case_id: case.id,
            task_id: None,
            who: Some(who),
            at: now,
            action: if deferred.is_empty() {
                "accept"
            } else {
                "accept_with_pledge"
            },
            from: None,
            to: Some(CaseStatus::InProgress.as_str()),
            note,
        },
    )
    .await?;
    let departments: Vec<String> = new_case
        .tasks
        .iter()
        .map(|t| t.department.to_string())
        .collect();
    let event = tx
        .append_event(&NewEvent {
            kind: "case_accepted".into(),
            audience: Audience::Staff,
            payload: json!({
                "case_no": case.case_no.as_str(),
                "matter": case.matter.as_str(),
                "departments": departments,
            }),
            created_at: now,
        })
        .await?;
    let view = view::case_view(ctx, tx.as_mut(), &doc, &case).await?;
    tx.commit().await?;
    ctx.events.publish(vec![event]);
    Ok(Accepted::Case {
        case: Box::new(view),
        created: true,
    })
}

fn due(ctx: &AppContext, accepted_on: chrono::NaiveDate, days: u16) -> chrono::NaiveDate {
    LegalClock {
        accepted_on,
        limit_days: u32::from(days),
        extension_days: 0,
        suspensions: Vec::new(),
    }
    .due(&ctx.calendar())
}

fn material_rows(
    list: &[Material],
    ticks: &[MaterialTick],
    now: chrono::DateTime<chrono::Utc>,
) -> Vec<CaseMaterialRow> {
    list.iter()
        .map(|m| {
            let state = ticks
                .iter()
                .find(|t| t.code == m.code)
                .map_or(MaterialState::Missing, |t| t.state);
            CaseMaterialRow {
                code: m.code.clone(),
                name: m.name.clone(),
                required: m.required,
                deferrable: m.deferrable,
                state,
                supplied_at: (state == MaterialState::Provided).then_some(now),
            }
        })
        .collect()
}

/// `GET /api/v1/cases/{case_no}`: the case with its materials, tasks and full history.
/// Approvers see only cases with a task in their department.
pub async fn get(ctx: &AppContext, who: &Principal, case_no: &str) -> AppResult<CaseView> {
    who.require_any(&[Role::Clerk, Role::Approver, Role::Admin])?;
    let not_found = || AppError::not_found(format!("没有编号为“{case_no}”的办件"));
    let mut tx = ctx.store.begin_read().await?;
    let case = tx
        .find_case_by_no(case_no.trim())
        .await?
        .ok_or_else(not_found)?;
    if !who.has(Role::Clerk) && !who.has(Role::Admin) {
        let tasks = tx.case_tasks(case.id).await?;
        let mine = tasks
            .iter()
            .any(|t| Some(t.department.as_str()) == who.department.as_deref());
        if !mine {
            return Err(not_found());
        }
    }
    let doc = catalog(tx.as_mut()).await?;
    view::case_view(ctx, tx.as_mut(), &doc, &case).await
}

/// `POST /api/v1/intake/refusals`: 不予受理 — the matter is outside this hall's remit; the
/// notice names where to apply.
pub async fn refuse(
    ctx: &AppContext,
    who: &Principal,
    req: RefuseIntakeRequest,
) -> AppResult<NoticeView> {
    who.require_any(&[Role::Clerk])?;
    let clerk = user_id(who)?;
    let text = |s: &str, what: &'static str, max: usize| -> AppResult<String> {
        required_text(what, s, max).map_err(invalid)
    };
    let matter = text(&req.matter, "申请事项", 100)?;
    let reason = text(&req.reason, "不予受理理由", 500)?;
    let where_to_apply = text(&req.where_to_apply, "受理机关", 200)?;
    let applicant_name = req.applicant_name.trim().chars().take(100).collect();
    let mut tx = ctx.store.begin_write().await?;
    let counter = parse_counter(tx.as_mut(), req.counter.as_deref()).await?;
    check_ticket(tx.as_mut(), req.ticket_id).await?;
    let row = tx
        .insert_notice(&NewNotice {
            kind: NoticeKind::Refusal,
            matter,
            applicant_name,
            items: json!([]),
            reason,
            where_to_apply,
            ticket_id: req.ticket_id,
            clerk_id: clerk,
            counter,
            created_at: ctx.clock.now(),
        })
        .await?;
    let doc = tx.catalog_document().await?;
    tx.commit().await?;
    Ok(notice_view(doc.as_ref(), row))
}

/// `GET /api/v1/intake/notices/{id}`: a notice again, to print or show.
pub async fn get_notice(ctx: &AppContext, who: &Principal, id: i64) -> AppResult<NoticeView> {
    who.require_any(&[Role::Clerk, Role::Admin])?;
    let mut tx = ctx.store.begin_read().await?;
    let row = tx
        .get_notice(id)
        .await?
        .ok_or_else(|| AppError::not_found(format!("没有编号为 {id} 的告知书")))?;
    let doc = tx.catalog_document().await?;
    Ok(notice_view(doc.as_ref(), row))
}

fn notice_view(doc: Option<&onetrip_domain::catalog::CatalogDoc>, n: NoticeRow) -> NoticeView {
    let items: Vec<MissingItemView> = n
        .items
        .as_array()
        .map(|a| {
            a.iter()
                .map(|i| MissingItemView {
                    code: i["code"].as_str().unwrap_or_default().into(),
                    name: i["name"].as_str().unwrap_or_default().into(),
                    reason: i["reason"].as_str().unwrap_or_default().into(),
                })
                .collect()
        })
        .unwrap_or_default();
    NoticeView {
        id: n.id,
        kind: n.kind.as_str().into(),
        matter_name: doc
            .map(|d| super::matter_name(d, &n.matter))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| n.matter.clone()),
        matter: n.matter,
        applicant_name: n.applicant_name,
        items,
        reason: n.reason,
        where_to_apply: n.where_to_apply,
        created_at: n.created_at,
    }
}

/// Kept for the view: a single matter behaves as an all-or-nothing bundle of one.
pub(crate) fn rule_of(case: &onetrip_store::CaseRow) -> PartialRejection {
    case.bundle_rule.unwrap_or(PartialRejection::AllOrNothing)
}
