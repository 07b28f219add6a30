//! Tickets, counters and the queue as the API shows them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TicketView {
    pub id: i64,
    /// e.g. "A001"
    pub number: String,
    /// The letter of the number, e.g. "A".
    pub category: String,
    pub category_name: String,
    /// The line it waits in now (differs from `category` after a transfer).
    pub queue_category: String,
    /// The matter chosen at the kiosk, if any.
    pub matter: Option<String>,
    /// `appointment`, `green` or `normal`.
    pub priority: String,
    /// `waiting`, `called`, `serving`, `done` or `no_show`.
    pub status: String,
    /// How many wait ahead of this ticket in its line (0 unless waiting).
    pub waiting_ahead: i64,
    /// Estimated minutes until it is called (unless already called).
    pub estimated_wait_minutes: Option<i64>,
    pub issued_at: DateTime<Utc>,
    pub called_at: Option<DateTime<Utc>>,
    /// The counter that called it, once called.
    pub counter: Option<String>,
    /// Transferred to this counter in particular.
    pub target_counter: Option<String>,
    pub recall_count: i64,
    pub started_at: Option<DateTime<Utc>>,
    pub finished_at: Option<DateTime<Utc>>,
    /// `pending`, `printed` or `failed`: a failed slip is reprinted, never lost.
    pub slip_status: String,
    /// Opens the ticket's live position: `/track/ticket/<track_code>`.
    pub track_code: String,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IssueTicketRequest {
    /// Category letter, e.g. "A". Give this or `matter`.
    #[serde(default)]
    pub category: Option<String>,
    /// A matter code from the catalog: the ticket goes to the matter's category.
    #[serde(default)]
    pub matter: Option<String>,
    /// Optional resident ID number (GB 11643): one active ticket per person and category;
    /// 60 or older gets the green channel.
    #[serde(default)]
    pub id_number: Option<String>,
    /// Green channel (绿色通道) asked for at the kiosk or by a clerk: disabled, pregnant, …
    #[serde(default)]
    pub green: bool,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TransferRequest {
    /// Move the ticket to another category's line …
    #[serde(default)]
    pub category: Option<String>,
    /// … or to one counter in particular. Exactly one of the two.
    #[serde(default)]
    pub counter: Option<String>,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SlipStatusRequest {
    /// Whether the slip came out of the printer.
    pub printed: bool,
}

/// What a ticket's holder may see of it on a public page: no personal data.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PublicTicketView {
    pub number: String,
    pub category_name: String,
    pub status: String,
    pub waiting_ahead: i64,
    pub estimated_wait_minutes: Option<i64>,
    pub issued_at: DateTime<Utc>,
    pub counter_name: Option<String>,
    pub called_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CounterRef {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CallNextResponse {
    pub ticket: TicketView,
    pub counter: CounterRef,
    /// Why this ticket was chosen, as recorded with the call.
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CounterSessionView {
    pub counter: String,
    pub counter_name: String,
    pub clerk: String,
    pub opened_at: DateTime<Utc>,
    pub paused: bool,
}

/// One counter as its clerk sees it: session, current ticket, the lines it serves.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CounterDeskView {
    pub counter: CounterRef,
    pub session: Option<CounterSessionView>,
    pub current: Option<TicketView>,
    /// Why the current ticket was called (as recorded with the call).
    pub current_reason: Option<String>,
    /// Waiting tickets of the counter's categories (and those transferred to it), in order.
    pub waiting: Vec<WaitingTicketView>,
    /// Recalls needed before the current ticket may be marked a no-show.
    pub recalls_before_no_show: i64,
    /// Today's no-shows of the counter's lines: any clerk may reinstate them.
    pub no_shows: Vec<WaitingTicketView>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WaitingTicketView {
    pub id: i64,
    pub number: String,
    pub queue_category: String,
    pub category_name: String,
    pub priority: String,
    pub issued_at: DateTime<Utc>,
    pub waited_minutes: i64,
    pub target_counter: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ServingView {
    pub ticket_id: i64,
    pub number: String,
    pub status: String,
    pub called_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CounterStateView {
    pub code: String,
    pub name: String,
    pub kind: String,
    /// A clerk has the counter open.
    pub open: bool,
    pub paused: bool,
    pub serving: Option<ServingView>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CallView {
    pub ticket_id: i64,
    pub number: String,
    pub category: String,
    pub counter: String,
    pub counter_name: String,
    /// A repeated announcement of an earlier call.
    pub recall: bool,
    pub called_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct QueueCategoryView {
    pub code: String,
    pub name: String,
    pub waiting: i64,
    /// Minutes the longest-waiting ticket of this line has waited.
    pub longest_wait_minutes: i64,
    /// What a ticket taken now would be told.
    pub estimated_wait_minutes: i64,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct QueueStatsView {
    /// Mean minutes from issue to first call, today.
    pub average_wait_minutes: Option<f64>,
    /// Tickets called at least once today.
    pub called_today: i64,
    /// Median absolute error of the wait estimates given today, in minutes.
    pub estimate_median_abs_error_minutes: Option<f64>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct QueueView {
    /// The hall's service day, e.g. "2026-11-27".
    pub service_day: String,
    pub categories: Vec<QueueCategoryView>,
    pub counters: Vec<CounterStateView>,
    /// Newest first.
    pub recent_calls: Vec<CallView>,
    pub stats: QueueStatsView,
}
