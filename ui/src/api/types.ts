/**
 * The API's payload types, by the server's OpenAPI schema names: the one place the screens get
 * them from. `./schema` is generated from the repo's `openapi.json` by `npm run gen:api`
 * (`npm run check:api` fails when it is stale); never edit it by hand.
 */
import type { components } from './schema';

type Schemas = components['schemas'];

export type ApiError = Schemas['ApiError'];
export type LoginRequest = Schemas['LoginRequest'];
export type LoginResponse = Schemas['LoginResponse'];
export type UserView = Schemas['UserView'];
export type MeView = Schemas['MeView'];
export type CategoryView = Schemas['CategoryView'];
export type MatterView = Schemas['MatterView'];
export type CounterView = Schemas['CounterView'];
export type IssueTicketRequest = Schemas['IssueTicketRequest'];
export type TicketView = Schemas['TicketView'];
export type CallNextResponse = Schemas['CallNextResponse'];
export type QueueView = Schemas['QueueView'];
export type CounterDeskView = Schemas['CounterDeskView'];
export type CounterSessionView = Schemas['CounterSessionView'];
export type WaitingTicketView = Schemas['WaitingTicketView'];
export type TransferRequest = Schemas['TransferRequest'];
export type PublicTicketView = Schemas['PublicTicketView'];
export type CallView = Schemas['CallView'];
export type QueueStatsView = Schemas['QueueStatsView'];
export type ErrorCode = Schemas['ErrorCode'];

export type AppointmentSlotsView = Schemas['AppointmentSlotsView'];
export type SlotDayView = Schemas['SlotDayView'];
export type SlotView = Schemas['SlotView'];
export type BookAppointmentRequest = Schemas['BookAppointmentRequest'];
export type CancelAppointmentRequest = Schemas['CancelAppointmentRequest'];
export type AppointmentView = Schemas['AppointmentView'];
export type CheckInResponse = Schemas['CheckInResponse'];

export type CreateUserRequest = Schemas['CreateUserRequest'];
export type CreateDeviceRequest = Schemas['CreateDeviceRequest'];
export type CreatedDevice = Schemas['CreatedDevice'];

/** Shapes nested in the above (by their place, so they survive schema renames). */
export type QueueCategory = QueueView['categories'][number];
export type QueueCounter = QueueView['counters'][number];
export type ServingTicket = NonNullable<QueueCounter['serving']>;
export type RecentCall = QueueView['recent_calls'][number];

/**
 * Server-Sent Event payloads (`GET /api/v1/events`). OpenAPI cannot describe an event stream's
 * messages, so these stay hand-written here unless the server adds them as schemas.
 */
export interface TicketIssuedEvent {
  ticket_id: RecentCall['ticket_id'];
  number: string;
  category: string;
  waiting: number;
}
/** A call or, with `recall: true`, a repeated announcement of it. */
export type TicketCalledEvent = RecentCall;

/** What a counter did with a ticket: started, finished, no-show, reinstated, transferred. */
export interface TicketChangedEvent {
  ticket_id: RecentCall['ticket_id'];
  number: string;
  /** The line it waits in now. */
  category: string;
  /** The counter that had it (null for a reinstated no-show). */
  counter: string | null;
  status: string;
  /** e.g. "转至 C 类" for a transfer; else empty. */
  note: string;
}

export interface CounterPausedEvent {
  counter: string;
  counter_name: string;
}

/** A rating was given (staff audience). */
export interface RatingSubmittedEvent {
  id: number;
  subject: string;
  level: number;
  counter: string | null;
  follow_up_id: number | null;
  follow_up_due: string | null;
}

/** A follow-up of a bad review was answered or closed (staff audience). */
export interface FollowUpChangedEvent {
  id: number;
  rating_id: number;
  state: string;
}

export interface HallEvents {
  ticket_issued: TicketIssuedEvent;
  ticket_called: TicketCalledEvent;
  ticket_started: TicketChangedEvent;
  ticket_finished: TicketChangedEvent;
  ticket_no_show: TicketChangedEvent;
  ticket_reinstated: TicketChangedEvent;
  ticket_transferred: TicketChangedEvent;
  counter_paused: CounterPausedEvent;
  counter_resumed: CounterPausedEvent;
  rating_submitted: RatingSubmittedEvent;
  follow_up_changed: FollowUpChangedEvent;
}
export type HallEventKind = keyof HallEvents;
export const HALL_EVENT_KINDS: readonly HallEventKind[] = [
  'ticket_issued',
  'ticket_called',
  'ticket_started',
  'ticket_finished',
  'ticket_no_show',
  'ticket_reinstated',
  'ticket_transferred',
  'counter_paused',
  'counter_resumed',
  'rating_submitted',
  'follow_up_changed',
];
export type TicketChangeKind = 'ticket_started' | 'ticket_finished' | 'ticket_no_show' | 'ticket_reinstated' | 'ticket_transferred';

// Cases (办件): intake, department queues, approval.
export type BundleView = Schemas['BundleView'];
export type ChecklistView = Schemas['ChecklistView'];
export type MaterialView = Schemas['MaterialView'];
export type ApplicantInput = Schemas['ApplicantInput'];
export type DeliveryInput = Schemas['DeliveryInput'];
export type CreateCaseRequest = Schemas['CreateCaseRequest'];
export type CaseView = Schemas['CaseView'];
export type CaseTaskSummary = Schemas['CaseTaskSummary'];
export type CaseMaterialView = Schemas['CaseMaterialView'];
export type HistoryView = Schemas['HistoryView'];
export type MaterialsIncompleteError = Schemas['MaterialsIncompleteError'];
export type MissingItemView = Schemas['MissingItemView'];
export type NoticeView = Schemas['NoticeView'];
export type RefuseIntakeRequest = Schemas['RefuseIntakeRequest'];
export type SupplementRequest = Schemas['SupplementRequest'];
export type DepartmentQueueView = Schemas['DepartmentQueueView'];
export type TaskView = Schemas['TaskView'];
export type TaskActionRequest = Schemas['TaskActionRequest'];
export type SuspensionView = Schemas['SuspensionView'];
export type ApplicantView = Schemas['ApplicantView'];
export type TicketDraftView = Schemas['TicketDraftView'];
export type TicketDraftRequest = Schemas['TicketDraftRequest'];

/** Case events (staff audience): `case_accepted`, `task_changed`, `case_changed`, `task_warning`, `case_output`. */
export interface CaseEvent {
  case_no?: string;
  [key: string]: unknown;
}
export const CASE_EVENT_KINDS = ['case_accepted', 'task_changed', 'case_changed', 'task_warning', 'case_output'] as const;
export type CaseEventKind = (typeof CASE_EVENT_KINDS)[number];

// Output window, case tracking and seal verification (issue 6).
export type OutputItemView = Schemas['OutputItemView'];
export type HandoverRequest = Schemas['HandoverRequest'];
export type CaseTrackView = Schemas['CaseTrackView'];
export type TrackStep = Schemas['TrackStep'];
export type TrackTaskView = Schemas['TrackTaskView'];
export type VerifyView = Schemas['VerifyView'];

// Ratings (好差评) and the follow-ups of bad reviews (issue 8).
export type RateRequest = Schemas['RateRequest'];
export type RatingReceipt = Schemas['RatingReceipt'];
export type RatingReport = Schemas['RatingReport'];
export type RatingView = Schemas['RatingView'];
export type LevelTotal = Schemas['LevelTotal'];
export type FollowUpView = Schemas['FollowUpView'];
