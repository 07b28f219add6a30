//! The demo day's citizens' messages (网民留言): written through the public page, forwarded by
//! the hall's admin, answered by the department, published.

use super::{Day, Step};
use crate::error::AppResult;
use crate::service::demo::people;
use crate::service::demo::topics::TOPICS;
use crate::service::messages::{self, AnswerRequest, ForwardRequest, MessageCommand};
use chrono::{DateTime, Duration, Utc};
use rand::Rng;

impl Day<'_> {
    pub(super) async fn write(&mut self, now: DateTime<Utc>, topic: usize) -> AppResult<()> {
        let t = &TOPICS[topic];
        let writer = people::person(&mut self.rng, self.date);
        let req = messages::SubmitMessageRequest {
            kind: t.kind.into(),
            title: t.title.into(),
            body: t.body.into(),
            name: Some(writer.name),
            phone: writer.phone,
        };
        let key = self.request_key("message");
        messages::submit(self.ctx, None, req, Some(key)).await?;
        self.summary.messages += 1;
        let id = self.newest_message_id().await?;
        let later = now + Duration::minutes(self.rng.gen_range(20..90));
        if later < self.closing {
            self.at(later, Step::Forward(id, topic));
        }
        Ok(())
    }

    async fn newest_message_id(&self) -> AppResult<i64> {
        let all = messages::list(self.ctx, &self.cast.admin, None, None).await?;
        all.iter()
            .map(|m| m.id)
            .max()
            .ok_or_else(|| crate::error::AppError::internal(anyhow::anyhow!("message vanished")))
    }

    pub(super) async fn forward(
        &mut self,
        now: DateTime<Utc>,
        id: i64,
        topic: usize,
    ) -> AppResult<()> {
        let department = TOPICS[topic].department;
        let cmd = MessageCommand::Forward(ForwardRequest {
            department: department.into(),
            note: Some("请按时限答复".into()),
        });
        messages::act(self.ctx, &self.cast.admin, id, cmd).await?;
        let later = now + Duration::minutes(self.rng.gen_range(60..300));
        if later < self.closing && self.cast.approvers.contains_key(department) {
            self.at(later, Step::Answer(id, topic));
        }
        Ok(())
    }

    pub(super) async fn answer(
        &mut self,
        now: DateTime<Utc>,
        id: i64,
        topic: usize,
    ) -> AppResult<()> {
        let t = &TOPICS[topic];
        let approver = &self.cast.approvers[t.department];
        let cmd = MessageCommand::Answer(AnswerRequest {
            answer: t.answer.into(),
        });
        messages::act(self.ctx, approver, id, cmd).await?;
        self.summary.messages_answered += 1;
        let later = now + Duration::minutes(self.rng.gen_range(10..60));
        if later < self.closing {
            self.at(later, Step::Publish(id));
        }
        Ok(())
    }
}
