//! 好差评: the citizen rates a served ticket (一次一评) or a completed case (一事一评) once, at
//! the kiosk, on the counter's evaluation screen or later through the QR code on the case's
//! papers; a bad review (1–2) opens a follow-up the hall's admin answers within a number of
//! working days and then closes.
//!
//! The rules (levels, subjects, the follow-up's states, its deadline) live in
//! `onetrip_domain::rating`; each function here is one use case and one transaction.

mod follow_ups;

pub use follow_ups::{
    act, flag_overdue, follow_ups, FollowUpCloseRequest, FollowUpCommand, FollowUpReplyRequest,
    FollowUpView,
};

use super::tickets::parse_idempotency_key;
use super::{Principal, PrincipalId};
use crate::context::AppContext;
use crate::error::{AppError, AppResult, ErrorCode};
use chrono::{DateTime, NaiveDate, Utc};
use onetrip_domain::case::ready_for_output;
use onetrip_domain::catalog::CatalogDoc;
use onetrip_domain::rating::{Channel, Comment, FollowUp, RatingError, RatingLevel, SubjectRef};
use onetrip_domain::{Role, TicketStatus};
use onetrip_store::{
    Audience, FollowUpRow, NewEvent, NewFollowUp, NewRating, RatingFilter, RatingRow, StoreError,
    Tx,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

/// The hall's rules for ratings; the admin screens of a later issue edit them.
#[derive(Debug, Clone)]
pub struct RatingRules {
    /// Working days the hall has to answer a bad review.
    pub follow_up_days: u32,
}

impl Default for RatingRules {
    fn default() -> Self {
        Self {
            follow_up_days: FollowUp::DEFAULT_DAYS,
        }
    }
}

/// Rate one service: exactly one of `ticket_id`, `case_no`, `tracking_code`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RateRequest {
    /// A served ticket (kiosk, or the evaluation screen of the counter that served it).
    pub ticket_id: Option<i64>,
    /// A decided case, by number (kiosk or staff).
    pub case_no: Option<String>,
    /// A decided case, by the tracking code printed on its papers: public, no token needed.
    pub tracking_code: Option<String>,
    /// 5 非常满意, 4 满意, 3 基本满意, 2 不满意, 1 非常不满意.
    pub level: i64,
    /// Up to 500 characters.
    pub comment: Option<String>,
}

/// A rating as the one who gave it sees it: no names, no ID numbers, no phones.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RatingReceipt {
    pub id: i64,
    /// `ticket` or `case`.
    pub subject: String,
    pub ticket_number: Option<String>,
    pub case_no: Option<String>,
    pub level: u8,
    /// 非常满意 … 非常不满意.
    pub level_label: String,
    /// Whether a comment came with the rating. Its text is not echoed: free text may hold
    /// names and numbers, and this answer goes to public screens; the admin report shows it.
    pub has_comment: bool,
    /// `kiosk`, `counter` or `qr`.
    pub channel: String,
    pub counter: Option<String>,
    pub counter_name: Option<String>,
    pub matter: Option<String>,
    pub matter_name: Option<String>,
    pub rated_at: DateTime<Utc>,
    /// For a bad review: the day by which the hall will answer.
    pub follow_up_due: Option<NaiveDate>,
}

/// A rating as the hall's admin sees it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RatingView {
    pub id: i64,
    /// `ticket` or `case`.
    pub subject: String,
    pub ticket_id: Option<i64>,
    pub ticket_number: Option<String>,
    pub case_no: Option<String>,
    pub level: u8,
    pub level_label: String,
    pub comment: String,
    /// `kiosk`, `counter` or `qr`.
    pub channel: String,
    pub counter: Option<String>,
    pub counter_name: Option<String>,
    pub clerk_id: Option<i64>,
    pub clerk_name: Option<String>,
    pub matter: Option<String>,
    pub matter_name: Option<String>,
    /// The queue category (ticket) or the matter's category (case).
    pub category: Option<String>,
    pub rated_at: DateTime<Utc>,
    /// The hall's local date of the rating.
    pub rated_on: NaiveDate,
    pub follow_up_id: Option<i64>,
    /// `open`, `replied` or `closed`.
    pub follow_up_state: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LevelTotal {
    pub level: u8,
    pub label: String,
    pub count: i64,
}

/// `GET /api/v1/ratings`: the ratings that match, newest first, with totals per level.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RatingReport {
    /// One line per level, 5 down to 1 (zero counts included).
    pub totals: Vec<LevelTotal>,
    pub total: i64,
    /// Levels 1–2.
    pub bad: i64,
    /// At most 500, newest first; the totals count them all.
    pub ratings: Vec<RatingView>,
}

/// Filters of the ratings report; absent means any.
#[derive(Debug, Clone, Default)]
pub struct RatingQuery {
    pub from: Option<String>,
    pub to: Option<String>,
    pub counter: Option<String>,
    pub clerk: Option<i64>,
    pub matter: Option<String>,
    pub level: Option<i64>,
}

/// The outcome of a rating request: the rating, and whether this request created it.
pub struct Rated {
    pub rating: RatingReceipt,
    pub created: bool,
}

pub(super) fn invalid(e: RatingError) -> AppError {
    AppError::invalid(e.to_string())
}

pub(super) fn refused(e: RatingError) -> AppError {
    match e {
        RatingError::IllegalTransition { .. } | RatingError::ReplyRequired => {
            AppError::new(ErrorCode::IllegalTransition, e.to_string())
        }
        other => invalid(other),
    }
}

fn already_rated() -> AppError {
    AppError::new(
        ErrorCode::AlreadyRated,
        "该服务已经评价过了，每次服务只能评价一次",
    )
}

/// Names for codes, read once per request.
pub(super) struct Names {
    doc: Option<CatalogDoc>,
    counters: Vec<(String, String)>,
}

impl Names {
    pub(super) async fn load(tx: &mut dyn Tx) -> AppResult<Self> {
        let doc = tx.catalog_document().await?;
        let counters = tx
            .list_counters()
            .await?
            .into_iter()
            .map(|c| (c.code.to_string(), c.name))
            .collect();
        Ok(Names { doc, counters })
    }

    fn counter(&self, code: Option<&str>) -> Option<String> {
        let code = code?;
        self.counters
            .iter()
            .find(|(c, _)| c == code)
            .map(|(_, n)| n.clone())
    }

    fn matter(&self, code: Option<&str>) -> Option<String> {
        let (doc, code) = (self.doc.as_ref()?, code?);
        Some(super::cases::matter_name(doc, code)).filter(|n| !n.is_empty())
    }

    fn matter_category(&self, code: &str) -> Option<String> {
        self.doc
            .as_ref()?
            .matters
            .iter()
            .find(|m| m.code.as_str() == code)
            .map(|m| m.category.to_string())
    }
}

fn subject_kind(r: &RatingRow) -> &'static str {
    if r.ticket_id.is_some() {
        "ticket"
    } else {
        "case"
    }
}

fn receipt(names: &Names, r: &RatingRow, f: Option<&FollowUpRow>) -> RatingReceipt {
    RatingReceipt {
        id: r.id,
        subject: subject_kind(r).into(),
        ticket_number: r.ticket_number.clone(),
        case_no: r.case_no.clone(),
        level: r.level.value(),
        level_label: r.level.label_zh().into(),
        has_comment: !r.comment.is_empty(),
        channel: r.channel.as_str().into(),
        counter: r.counter.clone(),
        counter_name: names.counter(r.counter.as_deref()),
        matter: r.matter.clone(),
        matter_name: names.matter(r.matter.as_deref()),
        rated_at: r.rated_at,
        follow_up_due: f.map(|f| f.due_on),
    }
}

pub(super) fn view(names: &Names, r: &RatingRow, f: Option<&FollowUpRow>) -> RatingView {
    RatingView {
        id: r.id,
        subject: subject_kind(r).into(),
        ticket_id: r.ticket_id,
        ticket_number: r.ticket_number.clone(),
        case_no: r.case_no.clone(),
        level: r.level.value(),
        level_label: r.level.label_zh().into(),
        comment: r.comment.clone(),
        channel: r.channel.as_str().into(),
        counter: r.counter.clone(),
        counter_name: names.counter(r.counter.as_deref()),
        clerk_id: r.clerk_id,
        clerk_name: r.clerk_name.clone(),
        matter: r.matter.clone(),
        matter_name: names.matter(r.matter.as_deref()),
        category: r.category.clone(),
        rated_at: r.rated_at,
        rated_on: r.rated_on,
        follow_up_id: f.map(|f| f.id),
        follow_up_state: f.map(|f| f.state.as_str().to_string()),
    }
}

/// What is being rated, with what the rating records about it.
struct Target {
    ticket_id: Option<i64>,
    case_id: Option<i64>,
    counter: Option<String>,
    clerk_id: Option<i64>,
    matter: Option<String>,
    category: Option<String>,
    channel: Channel,
    issuer: String,
}

fn staff_channel(who: &Principal) -> Channel {
    if who.has(Role::Kiosk) {
        Channel::Kiosk
    } else {
        Channel::Counter
    }
}

async fn resolve(
    tx: &mut dyn Tx,
    names: &Names,
    who: Option<&Principal>,
    subject: &SubjectRef,
) -> AppResult<Target> {
    let case = match subject {
        SubjectRef::Ticket(id) => {
            let who = who.ok_or_else(AppError::unauthenticated)?;
            who.require_any(&[Role::Kiosk, Role::Clerk])?;
            let ticket = tx
                .get_ticket(*id)
                .await?
                .ok_or_else(|| AppError::not_found("没有这张号票"))?;
            if ticket.status != TicketStatus::Done {
                return Err(AppError::new(
                    ErrorCode::IllegalTransition,
                    "该号票的业务尚未办理完毕，办完后才能评价",
                ));
            }
            if !who.has(Role::Kiosk) {
                // The counter's evaluation screen rates what that counter served.
                let PrincipalId::User(user) = who.id else {
                    return Err(AppError::forbidden());
                };
                let session = tx.session_for_user(user).await?;
                let here = session.map(|s| s.counter);
                if here.is_none() || here != ticket.counter {
                    return Err(AppError::new(
                        ErrorCode::Forbidden,
                        "只能评价在本窗口办理完毕的号票",
                    ));
                }
            }
            return Ok(Target {
                ticket_id: Some(ticket.id),
                case_id: None,
                counter: ticket.counter.as_ref().map(|c| c.to_string()),
                clerk_id: ticket.clerk_id,
                matter: ticket.matter.as_ref().map(|m| m.to_string()),
                category: Some(ticket.queue_category.to_string()),
                channel: staff_channel(who),
                issuer: who.issuer_key(),
            });
        }
        SubjectRef::CaseNo(no) => {
            let who = who.ok_or_else(AppError::unauthenticated)?;
            who.require_any(&[Role::Kiosk, Role::Clerk, Role::Output])?;
            let case = tx
                .find_case_by_no(no)
                .await?
                .ok_or_else(|| AppError::not_found(format!("没有编号为“{no}”的办件")))?;
            (case, staff_channel(who), who.issuer_key())
        }
        SubjectRef::TrackingCode(code) => {
            let case = tx
                .find_case_by_tracking_code(code)
                .await?
                .ok_or_else(|| AppError::not_found("查询码不存在，请核对办件材料上的二维码"))?;
            let issuer = format!("track:{}", case.tracking_code);
            (case, Channel::Qr, issuer)
        }
    };
    let (case, channel, issuer) = case;
    if ready_for_output(case.status).is_err() {
        return Err(AppError::new(
            ErrorCode::IllegalTransition,
            "该办件尚未办结，办结后才能评价",
        ));
    }
    Ok(Target {
        ticket_id: None,
        case_id: Some(case.id),
        counter: case.intake_counter.as_ref().map(|c| c.to_string()),
        clerk_id: Some(case.intake_clerk_id),
        matter: Some(case.matter.to_string()),
        category: names.matter_category(case.matter.as_str()),
        channel,
        issuer,
    })
}

/// `POST /api/v1/ratings`. A retried request with the same `Idempotency-Key` returns the first
/// rating; any other second rating of the same ticket or case is `409 already_rated`.
pub async fn rate(
    ctx: &AppContext,
    who: Option<&Principal>,
    req: RateRequest,
    idempotency_key: Option<String>,
) -> AppResult<Rated> {
    let key = parse_idempotency_key(idempotency_key)?;
    let subject = SubjectRef::pick(
        req.ticket_id,
        req.case_no.as_deref(),
        req.tracking_code.as_deref(),
    )
    .map_err(invalid)?;
    let level = RatingLevel::parse(req.level).map_err(invalid)?;
    let comment = Comment::parse(req.comment.as_deref()).map_err(invalid)?;
    let now = ctx.clock.now();
    let today = ctx.today().date();

    let mut tx = ctx.store.begin_write().await?;
    let names = Names::load(tx.as_mut()).await?;
    let target = resolve(tx.as_mut(), &names, who, &subject).await?;
    if let Some(key) = &key {
        if let Some(existing) = tx
            .find_rating_by_idempotency_key(&target.issuer, key)
            .await?
        {
            let same = existing.ticket_id == target.ticket_id && existing.case_id == target.case_id;
            if !same {
                return Err(AppError::conflict(
                    "该 Idempotency-Key 已用于另一次评价，请换一个",
                ));
            }
            let f = tx.follow_up_for_rating(existing.id).await?;
            return Ok(Rated {
                rating: receipt(&names, &existing, f.as_ref()),
                created: false,
            });
        }
    }
    let rated = match (target.ticket_id, target.case_id) {
        (Some(t), _) => tx.rating_for_ticket(t).await?,
        (_, Some(c)) => tx.rating_for_case(c).await?,
        _ => None,
    };
    if rated.is_some() {
        return Err(already_rated());
    }
    let row = match tx
        .insert_rating(&NewRating {
            ticket_id: target.ticket_id,
            case_id: target.case_id,
            level,
            comment: comment.as_str().to_string(),
            channel: target.channel,
            counter: target.counter.clone(),
            clerk_id: target.clerk_id,
            matter: target.matter.clone(),
            category: target.category.clone(),
            rated_at: now,
            rated_on: today,
            issuer: target.issuer.clone(),
            idempotency_key: key,
        })
        .await
    {
        Ok(row) => row,
        // The database's own guard against a second rating (another instance, same moment).
        Err(StoreError::Conflict(_)) => return Err(already_rated()),
        Err(e) => return Err(e.into()),
    };
    let follow_up = if level.is_bad() {
        let due_on = FollowUp::due(&ctx.calendar(), today, ctx.hall().ratings.follow_up_days);
        Some(
            tx.insert_follow_up(&NewFollowUp {
                rating_id: row.id,
                opened_at: now,
                due_on,
            })
            .await?,
        )
    } else {
        None
    };
    let event = tx
        .append_event(&NewEvent {
            kind: "rating_submitted".into(),
            audience: Audience::Staff,
            payload: json!({
                "id": row.id,
                "subject": subject_kind(&row),
                "level": level.value(),
                "counter": row.counter,
                "follow_up_id": follow_up.as_ref().map(|f| f.id),
                "follow_up_due": follow_up.as_ref().map(|f| f.due_on),
            }),
            created_at: now,
        })
        .await?;
    let rating = receipt(&names, &row, follow_up.as_ref());
    tx.commit().await?;
    ctx.events.publish(vec![event]);
    Ok(Rated {
        rating,
        created: true,
    })
}

fn parse_day(s: Option<&str>, what: &str) -> AppResult<Option<NaiveDate>> {
    s.map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse::<NaiveDate>().map_err(|_| {
                AppError::invalid(format!("{what}须为日期（如 2026-09-25），收到“{s}”"))
            })
        })
        .transpose()
}

fn blank_to_none(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

/// `GET /api/v1/ratings` (admin).
pub async fn report(ctx: &AppContext, who: &Principal, q: RatingQuery) -> AppResult<RatingReport> {
    who.require_any(&[Role::Admin])?;
    let filter = RatingFilter {
        from: parse_day(q.from.as_deref(), "起始日期")?,
        to: parse_day(q.to.as_deref(), "截止日期")?,
        counter: blank_to_none(q.counter),
        clerk_id: q.clerk,
        matter: blank_to_none(q.matter),
        level: q
            .level
            .map(RatingLevel::parse)
            .transpose()
            .map_err(invalid)?,
    };
    let mut tx = ctx.store.begin_read().await?;
    let names = Names::load(tx.as_mut()).await?;
    let counts = tx.rating_totals(&filter).await?;
    let rows = tx.list_ratings(&filter, 500).await?;
    let mut ratings = Vec::with_capacity(rows.len());
    for r in &rows {
        let f = tx.follow_up_for_rating(r.id).await?;
        ratings.push(view(&names, r, f.as_ref()));
    }
    let totals: Vec<LevelTotal> = RatingLevel::ALL
        .iter()
        .map(|l| LevelTotal {
            level: l.value(),
            label: l.label_zh().into(),
            count: counts.iter().find(|(c, _)| c == l).map_or(0, |(_, n)| *n),
        })
        .collect();
    Ok(RatingReport {
        total: totals.iter().map(|t| t.count).sum(),
        bad: totals
            .iter()
            .filter(|t| t.level <= 2)
            .map(|t| t.count)
            .sum(),
        totals,
        ratings,
    })
}
