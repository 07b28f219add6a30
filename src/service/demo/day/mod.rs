//! Plays the demo day as a discrete-event simulation: every step happens at its own minute on
//! the hall's clock and goes through the same use cases a kiosk, a clerk, an approver and the
//! output window call, so the statistics, the audit chain and the case clocks are real.

use super::cast::Cast;
use super::people;
use super::plan::{self, Arrival, Decision, Outcome};
use super::topics::TOPICS;
use crate::context::AppContext;
use crate::error::AppResult;
use crate::service::cases::output::{self, HandoverRequest};
use crate::service::cases::{self as intake, Accepted, TaskCommand};
use crate::service::messages::{self, MessageCommand};
use crate::service::ratings::{self, RateRequest};
use crate::service::ticket_ops::{self, Op};
use crate::service::tickets::{self, IssueTicket};
use crate::service::views::{ApplicantInput, CreateCaseRequest, DeliveryInput, MaterialTickInput};
use crate::service::{catalog, counters, Principal};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use onetrip_domain::clock::FixedClock;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::Rng;
use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap, HashMap};

#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct DaySummary {
    pub date: NaiveDate,
    pub tickets: usize,
    pub served: usize,
    pub no_shows: usize,
    pub cases_accepted: usize,
    pub deferred_acceptances: usize,
    pub one_time_notices: usize,
    pub tasks_decided: usize,
    pub returned_for_supplement: usize,
    pub handed_over: usize,
    pub ratings: usize,
    pub bad_ratings: usize,
    pub messages: usize,
    pub messages_answered: usize,
    pub messages_published: usize,
    /// Use cases the server refused; a healthy demo day has none.
    pub refusals: Vec<String>,
}

#[derive(Debug, Clone)]
struct Visit {
    ticket_id: i64,
    category: String,
    matter: Option<String>,
    minutes: i64,
}

#[derive(Debug, Clone)]
enum Step {
    Arrive(Arrival),
    Call(usize),
    Recall(usize, i64, u32),
    NoShow(usize, i64),
    Start(usize, Visit),
    Intake(usize, Visit),
    Finish(usize, Visit),
    RateTicket(usize, i64),
    Decide(i64, String),
    Write(usize),
    Forward(i64, usize),
    Answer(i64, usize),
    Publish(i64),
    HandOver(String),
    RateCase(String),
}

struct CaseInfo {
    tracking_code: String,
    mail: bool,
    recipient: people::Person,
}

mod citizen_messages;

pub fn opening(ctx: &AppContext, date: NaiveDate) -> DateTime<Utc> {
    plan::local(date, 8, 30, ctx.hall().timezone)
}

pub struct Day<'a> {
    ctx: &'a AppContext,
    clock: &'a FixedClock,
    cast: &'a Cast,
    rng: StdRng,
    date: NaiveDate,
    /// Matter codes and bundle codes per category letter.
    matters: BTreeMap<String, Vec<String>>,
    bundles: BTreeMap<String, Vec<String>>,
    idle: Vec<bool>,
    heap: BinaryHeap<Reverse<(DateTime<Utc>, u64)>>,
    steps: HashMap<u64, Step>,
    seq: u64,
    /// Each request its own idempotency key, as a terminal would send.
    requests: u64,
    cases: HashMap<String, CaseInfo>,
    closing: DateTime<Utc>,
    summary: DaySummary,
}

impl<'a> Day<'a> {
    pub async fn new(
        ctx: &'a AppContext,
        clock: &'a FixedClock,
        cast: &'a Cast,
        date: NaiveDate,
        rng: StdRng,
    ) -> AppResult<Day<'a>> {
        let mut matters: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for m in catalog::matters(ctx).await? {
            matters.entry(m.category).or_default().push(m.code);
        }
        let mut bundles: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for b in catalog::bundles(ctx).await? {
            bundles.entry(b.category).or_default().push(b.code);
        }
        let tz = ctx.hall().timezone;
        Ok(Day {
            ctx,
            clock,
            cast,
            rng,
            date,
            matters,
            bundles,
            idle: vec![true; cast.clerks.len()],
            heap: BinaryHeap::new(),
            steps: HashMap::new(),
            seq: 0,
            requests: 0,
            cases: HashMap::new(),
            closing: plan::local(date, 17, 30, tz),
            summary: DaySummary {
                date,
                ..Default::default()
            },
        })
    }

    pub async fn play(mut self, visitors: usize) -> AppResult<DaySummary> {
        let tz = self.ctx.hall().timezone;
        self.clock.set(opening(self.ctx, self.date));
        for (counter, clerk) in &self.cast.clerks {
            counters::open_session(self.ctx, clerk, counter).await?;
        }
        for a in plan::arrivals(&mut self.rng, self.date, tz, visitors) {
            self.at(a.at, Step::Arrive(a));
        }
        for (topic, at) in plan::message_times(&mut self.rng, self.date, tz, TOPICS.len()) {
            self.at(at, Step::Write(topic));
        }
        while let Some(Reverse((at, id))) = self.heap.pop() {
            let step = self.steps.remove(&id).expect("every queued step is stored");
            self.clock.set(at);
            if let Err(e) = self.run(at, step.clone()).await {
                self.summary.refusals.push(format!("{step:?}: {e}"));
            }
        }
        for (counter, clerk) in &self.cast.clerks {
            counters::close_session(self.ctx, clerk, counter).await?;
        }
        Ok(self.summary)
    }

    fn at(&mut self, at: DateTime<Utc>, step: Step) {
        self.seq += 1;
        self.heap.push(Reverse((at, self.seq)));
        self.steps.insert(self.seq, step);
    }

    fn request_key(&mut self, what: &str) -> String {
        self.requests += 1;
        format!("demo-{}-{what}-{}", self.date, self.requests)
    }

    fn clerk(&self, counter: usize) -> &'a Principal {
        &self.cast.clerks[counter].1
    }

    async fn run(&mut self, now: DateTime<Utc>, step: Step) -> AppResult<()> {
        match step {
            Step::Arrive(a) => self.arrive(now, a).await,
            Step::Call(c) => self.call(now, c).await,
            Step::Recall(c, id, n) => {
                ticket_ops::act(self.ctx, self.clerk(c), id, Op::Recall).await?;
                let next = if n >= self.ctx.hall().queue.recalls_before_no_show as u32 {
                    Step::NoShow(c, id)
                } else {
                    Step::Recall(c, id, n + 1)
                };
                self.at(now + Duration::seconds(60), next);
                Ok(())
            }
            Step::NoShow(c, id) => {
                self.at(now + Duration::seconds(20), Step::Call(c));
                ticket_ops::act(self.ctx, self.clerk(c), id, Op::NoShow).await?;
                self.summary.no_shows += 1;
                Ok(())
            }
            Step::Start(c, v) => {
                ticket_ops::act(self.ctx, self.clerk(c), v.ticket_id, Op::Start).await?;
                let end = now + Duration::minutes(v.minutes);
                self.at(
                    end - Duration::minutes(2).min(Duration::minutes(v.minutes / 3)),
                    Step::Intake(c, v.clone()),
                );
                self.at(end, Step::Finish(c, v));
                Ok(())
            }
            Step::Intake(c, v) => self.intake(now, c, v).await,
            Step::Finish(c, v) => {
                self.at(now + Duration::seconds(40), Step::Call(c));
                ticket_ops::act(self.ctx, self.clerk(c), v.ticket_id, Op::Finish).await?;
                self.summary.served += 1;
                if self.rng.gen_bool(0.65) {
                    self.at(
                        now + Duration::seconds(15),
                        Step::RateTicket(c, v.ticket_id),
                    );
                }
                Ok(())
            }
            Step::RateTicket(c, id) => {
                let clerk = self.clerk(c);
                self.rate(Some(clerk), Some(id), None).await
            }
            Step::Decide(task, department) => self.decide(now, task, &department).await,
            Step::HandOver(case_no) => self.hand_over(now, &case_no).await,
            Step::RateCase(code) => self.rate(None, None, Some(code)).await,
            Step::Write(topic) => self.write(now, topic).await,
            Step::Forward(id, topic) => self.forward(now, id, topic).await,
            Step::Answer(id, topic) => self.answer(now, id, topic).await,
            Step::Publish(id) => {
                messages::act(self.ctx, &self.cast.admin, id, MessageCommand::Publish).await?;
                self.summary.messages_published += 1;
                Ok(())
            }
        }
    }

    async fn arrive(&mut self, now: DateTime<Utc>, a: Arrival) -> AppResult<()> {
        let matter = if a.matter_at_kiosk {
            self.matters
                .get(&a.category)
                .and_then(|m| m.choose(&mut self.rng))
                .cloned()
        } else {
            None
        };
        let id_number = a
            .gives_id
            .then(|| people::id_number(&mut self.rng, self.date));
        tickets::issue(
            self.ctx,
            &self.cast.kiosk,
            IssueTicket {
                category: Some(a.category.clone()),
                matter,
                id_number,
                green: false,
                idempotency_key: Some(self.request_key("ticket")),
            },
        )
        .await?;
        self.summary.tickets += 1;
        if let Some(c) = self.idle.iter().position(|i| *i) {
            self.idle[c] = false;
            self.at(now + Duration::seconds(5), Step::Call(c));
        }
        Ok(())
    }

    async fn call(&mut self, now: DateTime<Utc>, c: usize) -> AppResult<()> {
        let counter = self.cast.clerks[c].0.clone();
        let Some(called) = counters::call_next(self.ctx, self.clerk(c), &counter).await? else {
            self.idle[c] = true;
            return Ok(());
        };
        let t = called.ticket;
        if self.rng.gen_bool(0.04) {
            self.at(now + Duration::seconds(60), Step::Recall(c, t.id, 1));
            return Ok(());
        }
        let minutes = plan::service_minutes(&mut self.rng, &t.category);
        let visit = Visit {
            ticket_id: t.id,
            category: t.queue_category.clone(),
            matter: t.matter.clone(),
            minutes,
        };
        self.at(now + Duration::seconds(45), Step::Start(c, visit));
        Ok(())
    }

    /// The application made at the counter, if the visit is more than a question.
    async fn intake(&mut self, now: DateTime<Utc>, c: usize, v: Visit) -> AppResult<()> {
        let outcome = plan::outcome(&mut self.rng);
        if outcome == Outcome::Consultation {
            return Ok(());
        }
        let Some(code) = self.pick_matter(&v) else {
            return Ok(());
        };
        let checklist = catalog::checklist(self.ctx, &code).await?;
        let materials = tick(&checklist.materials, outcome, &mut self.rng);
        let (applicant, recipient) = self.applicant(&v.category);
        let mail = self.rng.gen_bool(0.3);
        let delivery = if mail {
            DeliveryInput::Mail {
                recipient: recipient.name.clone(),
                phone: recipient.phone.clone(),
                address: format!("吉林省吉林市高新区深圳街{}号", self.rng.gen_range(1..300)),
            }
        } else {
            DeliveryInput::Window
        };
        let req = CreateCaseRequest {
            matter: code,
            ticket_id: Some(v.ticket_id),
            applicant,
            materials,
            delivery,
            counter: Some(self.cast.clerks[c].0.clone()),
        };
        let key = self.request_key("case");
        match intake::accept(self.ctx, self.clerk(c), req, Some(key)).await? {
            Accepted::Incomplete(_) => self.summary.one_time_notices += 1,
            Accepted::Case { case, .. } => {
                self.summary.cases_accepted += 1;
                if case.pledge_due.is_some() {
                    self.summary.deferred_acceptances += 1;
                }
                for t in &case.tasks {
                    let wait = Duration::minutes(self.rng.gen_range(30..400));
                    if now + wait < self.closing {
                        self.at(now + wait, Step::Decide(t.id, t.department.clone()));
                    }
                }
                self.cases.insert(
                    case.case_no.clone(),
                    CaseInfo {
                        tracking_code: case.tracking_code.clone(),
                        mail,
                        recipient,
                    },
                );
            }
        }
        Ok(())
    }

    /// A bundle now and then for categories that have them, else the ticket's matter or one of
    /// its category.
    fn pick_matter(&mut self, v: &Visit) -> Option<String> {
        if let Some(b) = self.bundles.get(&v.category) {
            if self.rng.gen_bool(0.15) {
                return b.choose(&mut self.rng).cloned();
            }
        }
        v.matter.clone().or_else(|| {
            self.matters
                .get(&v.category)?
                .choose(&mut self.rng)
                .cloned()
        })
    }

    /// Companies come for enterprise and construction matters, people for the rest.
    fn applicant(&mut self, category: &str) -> (ApplicantInput, people::Person) {
        if matches!(category, "A" | "C") && self.rng.gen_bool(0.8) {
            let co = people::company(&mut self.rng, self.date);
            let input = ApplicantInput::Organisation {
                name: co.name,
                credit_code: co.credit_code,
                legal_representative: co.legal_representative.name.clone(),
                phone: co.legal_representative.phone.clone(),
            };
            (input, co.legal_representative)
        } else {
            let p = people::person(&mut self.rng, self.date);
            let input = ApplicantInput::Person {
                name: p.name.clone(),
                id_number: p.id_number.clone(),
                phone: p.phone.clone(),
            };
            (input, p)
        }
    }

    async fn decide(&mut self, now: DateTime<Utc>, task: i64, department: &str) -> AppResult<()> {
        let Some(approver) = self.cast.approvers.get(department) else {
            return Ok(());
        };
        if !self.still_queued(task).await? {
            return Ok(()); // ended by another department's rejection: gone from the queue
        }
        intake::act(self.ctx, approver, task, TaskCommand::Claim).await?;
        let cmd = match plan::decision(&mut self.rng) {
            Decision::Approve => TaskCommand::Approve {
                opinion: "材料齐全，符合法定条件，同意。".into(),
            },
            Decision::Reject => TaskCommand::Reject {
                reason: "经审查，申请事项不符合法定条件。".into(),
            },
            Decision::Return => TaskCommand::Return {
                items: vec!["申请书签字页缺少法定代表人签字".into()],
            },
        };
        let returned = matches!(cmd, TaskCommand::Return { .. });
        let view = intake::act(self.ctx, approver, task, cmd).await?;
        if returned {
            self.summary.returned_for_supplement += 1;
            return Ok(());
        }
        self.summary.tasks_decided += 1;
        if self.case_decided(&view.case_no).await? {
            let later = now + Duration::minutes(self.rng.gen_range(15..120));
            if later < self.closing {
                self.at(later, Step::HandOver(view.case_no));
            }
        }
        Ok(())
    }

    async fn still_queued(&self, task: i64) -> AppResult<bool> {
        let mut tx = self.ctx.store.begin_read().await?;
        let task = tx.get_task(task).await?;
        Ok(task.is_some_and(|t| t.status == onetrip_domain::TaskStatus::Queued))
    }

    async fn case_decided(&self, case_no: &str) -> AppResult<bool> {
        let mut tx = self.ctx.store.begin_read().await?;
        let case = tx.find_case_by_no(case_no).await?;
        Ok(case.is_some_and(|c| onetrip_domain::case::ready_for_output(c.status).is_ok()))
    }

    async fn hand_over(&mut self, now: DateTime<Utc>, case_no: &str) -> AppResult<()> {
        let Some(info) = self.cases.get(case_no) else {
            return Ok(());
        };
        let req = if info.mail {
            HandoverRequest::Mail {
                carrier: "中国邮政EMS".into(),
                waybill_no: format!("11{:011}", self.rng.gen_range(0..100_000_000_000u64)),
            }
        } else {
            HandoverRequest::Pickup {
                recipient_name: info.recipient.name.clone(),
                recipient_id_number: info.recipient.id_number.clone(),
            }
        };
        let code = info.tracking_code.clone();
        output::hand_over(self.ctx, &self.cast.output, case_no, req).await?;
        self.summary.handed_over += 1;
        if self.rng.gen_bool(0.35) {
            let later = now + Duration::minutes(self.rng.gen_range(5..60));
            self.at(later, Step::RateCase(code));
        }
        Ok(())
    }

    async fn rate(
        &mut self,
        who: Option<&Principal>,
        ticket_id: Option<i64>,
        tracking_code: Option<String>,
    ) -> AppResult<()> {
        let level = plan::rating_level(&mut self.rng);
        let req = RateRequest {
            ticket_id,
            case_no: None,
            tracking_code,
            level,
            comment: plan::comment_for(level, &mut self.rng),
        };
        let key = self.request_key("rating");
        ratings::rate(self.ctx, who, req, Some(key)).await?;
        self.summary.ratings += 1;
        if level <= 2 {
            self.summary.bad_ratings += 1;
        }
        Ok(())
    }
}

/// The checklist as the clerk ticks it for this outcome.
fn tick(
    materials: &[crate::service::views::MaterialView],
    outcome: Outcome,
    rng: &mut StdRng,
) -> Vec<MaterialTickInput> {
    let deferrable: Vec<usize> = (0..materials.len())
        .filter(|&i| materials[i].required && materials[i].deferrable)
        .collect();
    let strict: Vec<usize> = (0..materials.len())
        .filter(|&i| materials[i].required && !materials[i].deferrable)
        .collect();
    let gap = match outcome {
        Outcome::Deferred => deferrable.choose(rng).map(|&i| (i, "deferred")),
        Outcome::Missing => strict.choose(rng).map(|&i| (i, "missing")),
        _ => None,
    };
    materials
        .iter()
        .enumerate()
        .filter(|(_, m)| m.required || rng.gen_bool(0.5))
        .map(|(i, m)| MaterialTickInput {
            code: m.code.clone(),
            state: match gap {
                Some((g, state)) if g == i => state.into(),
                _ => "provided".into(),
            },
        })
        .collect()
}
