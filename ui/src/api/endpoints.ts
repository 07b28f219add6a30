/** Typed calls of the hall API (`/api/v1`). Each takes the caller's credentials. */
import { ApiFailure, request, requestBlob, type ApiAuth } from './client';
import { followUpsQuery, ratingsQuery, type FollowUpFilters, type RatingFilters } from '../lib/rating';
import type {
  CaseTrackView,
  FollowUpView,
  RateRequest,
  RatingReceipt,
  RatingReport,
  HandoverRequest,
  OutputItemView,
  VerifyView,
  AppointmentSlotsView,
  BundleView,
  CaseView,
  ChecklistView,
  CreateCaseRequest,
  DepartmentQueueView,
  NoticeView,
  RefuseIntakeRequest,
  SupplementRequest,
  TaskActionRequest,
  TaskView,
  TicketDraftRequest,
  TicketDraftView,
  AppointmentView,
  BookAppointmentRequest,
  CallNextResponse,
  CheckInResponse,
  CategoryView,
  CounterDeskView,
  CounterSessionView,
  CounterView,
  IssueTicketRequest,
  LoginRequest,
  LoginResponse,
  MatterView,
  MeView,
  PublicTicketView,
  QueueView,
  TicketView,
  TransferRequest,
} from './types';

const V1 = '/api/v1';

function must<T>(value: T | null, what: string): T {
  if (value === null) throw new Error(`empty response from ${what}`);
  return value;
}

const enc = encodeURIComponent;

/** What a clerk may do with the ticket in hand (`POST /tickets/{id}/<op>`). */
export type TicketOp = 'recall' | 'start' | 'finish' | 'no-show' | 'reinstate';

/** What an approver may do with a task (`POST /tasks/{id}/<op>`). */
export type TaskOp = 'claim' | 'release' | 'approve' | 'reject' | 'return' | 'extend';

export function createApi(auth: ApiAuth) {
  const counterPath = (counter: string, rest: string) => `${V1}/counters/${enc(counter)}/${rest}`;
  const ticketPath = (id: number, rest: string) => `${V1}/tickets/${id}/${rest}`;
  const withToken = (url: string) => {
    const token = auth.token();
    return token ? `${url}${url.includes('?') ? '&' : '?'}access_token=${enc(token)}` : url;
  };

  return {
    async login(body: LoginRequest): Promise<LoginResponse> {
      return must(await request<LoginResponse>(auth, `${V1}/auth/login`, { method: 'POST', body }), 'login');
    },
    async logout(): Promise<void> {
      await request<unknown>(auth, `${V1}/auth/logout`, { method: 'POST' });
    },
    async me(): Promise<MeView> {
      return must(await request<MeView>(auth, `${V1}/auth/me`), 'me');
    },
    async categories(): Promise<CategoryView[]> {
      return must(await request<CategoryView[]>(auth, `${V1}/categories`), 'categories');
    },
    async matters(): Promise<MatterView[]> {
      return must(await request<MatterView[]>(auth, `${V1}/matters`), 'matters');
    },
    async counters(): Promise<CounterView[]> {
      return must(await request<CounterView[]>(auth, `${V1}/counters`), 'counters');
    },
    async queue(): Promise<QueueView> {
      return must(await request<QueueView>(auth, `${V1}/queue`), 'queue');
    },
    /** A ticket for a category or a matter (give one), optionally with an ID number and green channel. */
    async issueTicket(body: IssueTicketRequest, idempotencyKey: string): Promise<TicketView> {
      const res = await request<TicketView>(auth, `${V1}/tickets`, {
        method: 'POST',
        body,
        headers: { 'Idempotency-Key': idempotencyKey },
      });
      return must(res, 'tickets');
    },
    async ticket(id: number): Promise<TicketView> {
      return must(await request<TicketView>(auth, `${V1}/tickets/${id}`), 'ticket');
    },

    // A counter's session and screen (clerk).
    async openSession(counter: string): Promise<CounterSessionView> {
      return must(await request<CounterSessionView>(auth, counterPath(counter, 'session'), { method: 'POST' }), 'session');
    },
    async closeSession(counter: string): Promise<void> {
      await request<unknown>(auth, counterPath(counter, 'session'), { method: 'DELETE' });
    },
    async pause(counter: string): Promise<CounterSessionView> {
      return must(await request<CounterSessionView>(auth, counterPath(counter, 'pause'), { method: 'POST' }), 'pause');
    },
    async resume(counter: string): Promise<CounterSessionView> {
      return must(await request<CounterSessionView>(auth, counterPath(counter, 'resume'), { method: 'POST' }), 'resume');
    },
    async desk(counter: string): Promise<CounterDeskView> {
      return must(await request<CounterDeskView>(auth, counterPath(counter, 'desk')), 'desk');
    },
    /** null when nobody is waiting (204). */
    async callNext(counter: string): Promise<CallNextResponse | null> {
      return request<CallNextResponse>(auth, counterPath(counter, 'call-next'), { method: 'POST' });
    },

    // The ticket in hand (clerk holding it; `reinstate`: any clerk).
    async ticketOp(id: number, op: TicketOp): Promise<TicketView> {
      return must(await request<TicketView>(auth, ticketPath(id, op), { method: 'POST' }), op);
    },
    async transfer(id: number, to: TransferRequest): Promise<TicketView> {
      return must(await request<TicketView>(auth, ticketPath(id, 'transfer'), { method: 'POST', body: to }), 'transfer');
    },

    // The kiosk's printed slip.
    async slipPdf(id: number): Promise<Blob> {
      return requestBlob(auth, ticketPath(id, 'slip.pdf'));
    },
    async slipStatus(id: number, printed: boolean): Promise<TicketView> {
      return must(await request<TicketView>(auth, ticketPath(id, 'slip-status'), { method: 'POST', body: { printed } }), 'slip-status');
    },

    /** Public: a ticket's live position by the code on its slip's QR. */
    async trackTicket(code: string): Promise<PublicTicketView> {
      return must(await request<PublicTicketView>(auth, `${V1}/track/ticket/${enc(code)}`), 'track');
    },

    // Appointments: booked and cancelled in public, checked in at the kiosk.
    async appointmentSlots(category: string): Promise<AppointmentSlotsView> {
      return must(await request<AppointmentSlotsView>(auth, `${V1}/public/appointment-slots?category=${enc(category)}`), 'appointment-slots');
    },
    async bookAppointment(body: BookAppointmentRequest): Promise<AppointmentView> {
      return must(await request<AppointmentView>(auth, `${V1}/public/appointments`, { method: 'POST', body }), 'book');
    },
    /** The ID number the booking was made with proves it is the person's own. */
    async cancelAppointment(code: string, idNumber: string): Promise<AppointmentView> {
      const path = `${V1}/public/appointments/${enc(code)}/cancel`;
      return must(await request<AppointmentView>(auth, path, { method: 'POST', body: { id_number: idNumber } }), 'cancel');
    },
    /** Kiosk: the appointment's ticket; the server refuses a second check-in of one code (409). */
    async checkInAppointment(code: string): Promise<CheckInResponse> {
      return must(await request<CheckInResponse>(auth, `${V1}/appointments/${enc(code)}/check-in`, { method: 'POST' }), 'check-in');
    },

    // Cases (办件): intake at any counter, department queues, approval.
    async bundles(): Promise<BundleView[]> {
      return must(await request<BundleView[]>(auth, `${V1}/bundles`), 'bundles');
    },
    async checklist(code: string): Promise<ChecklistView> {
      return must(await request<ChecklistView>(auth, `${V1}/checklists/${enc(code)}`), 'checklist');
    },
    /** 201 the case; `422 materials_incomplete` carries `missing[]` and `notice_id` (ApiFailure.body). */
    async createCase(body: CreateCaseRequest, idempotencyKey: string): Promise<CaseView> {
      const res = await request<CaseView>(auth, `${V1}/cases`, { method: 'POST', body, headers: { 'Idempotency-Key': idempotencyKey } });
      return must(res, 'cases');
    },
    async caseByNo(caseNo: string): Promise<CaseView> {
      return must(await request<CaseView>(auth, `${V1}/cases/${enc(caseNo)}`), 'case');
    },
    async supplement(caseNo: string, body: SupplementRequest): Promise<CaseView> {
      return must(await request<CaseView>(auth, `${V1}/cases/${enc(caseNo)}/supplement`, { method: 'POST', body }), 'supplement');
    },
    async refuseIntake(body: RefuseIntakeRequest): Promise<NoticeView> {
      return must(await request<NoticeView>(auth, `${V1}/intake/refusals`, { method: 'POST', body }), 'refusal');
    },
    async notice(id: number): Promise<NoticeView> {
      return must(await request<NoticeView>(auth, `${V1}/intake/notices/${id}`), 'notice');
    },
    /** The draft the kiosk saved on a ticket (matter and applicant), or null when it has none (404). */
    async ticketDraft(ticketId: number): Promise<TicketDraftView | null> {
      try {
        return await request<TicketDraftView>(auth, ticketPath(ticketId, 'draft'));
      } catch (e) {
        if (e instanceof ApiFailure && e.status === 404) return null;
        throw e;
      }
    },
    /** Kiosk (the one that issued the ticket): saves the citizen's draft; the answer is masked. */
    async saveTicketDraft(ticketId: number, body: TicketDraftRequest): Promise<TicketDraftView> {
      return must(await request<TicketDraftView>(auth, ticketPath(ticketId, 'draft'), { method: 'PUT', body }), 'draft');
    },
    async departmentQueue(includeDone = false): Promise<DepartmentQueueView> {
      return must(await request<DepartmentQueueView>(auth, `${V1}/tasks${includeDone ? '?include_done=true' : ''}`), 'tasks');
    },
    async taskAction(id: number, op: TaskOp, body?: TaskActionRequest): Promise<TaskView> {
      return must(await request<TaskView>(auth, `${V1}/tasks/${id}/${op}`, { method: 'POST', body }), op);
    },

    // Output window (统一出件), sealed documents, public tracking and verification.
    async outputItems(): Promise<OutputItemView[]> {
      return must(await request<OutputItemView[]>(auth, `${V1}/output`), 'output');
    },
    async handover(caseNo: string, body: HandoverRequest): Promise<OutputItemView> {
      return must(await request<OutputItemView>(auth, `${V1}/cases/${enc(caseNo)}/handover`, { method: 'POST', body }), 'handover');
    },
    async delivered(caseNo: string): Promise<OutputItemView> {
      return must(await request<OutputItemView>(auth, `${V1}/cases/${enc(caseNo)}/delivered`, { method: 'POST' }), 'delivered');
    },
    /** A case's sealed PDF: `acceptance`, `correction` or `completion`. */
    async caseDocument(caseNo: string, file: 'acceptance' | 'correction' | 'completion'): Promise<Blob> {
      return requestBlob(auth, `${V1}/cases/${enc(caseNo)}/documents/${file}.pdf`);
    },
    /** An intake notice's sealed PDF (一次性告知书, 不予受理通知书). */
    async noticeDocument(id: number): Promise<Blob> {
      return requestBlob(auth, `${V1}/intake/notices/${id}/document.pdf`);
    },
    /** Public: a case's progress by its tracking code. */
    async trackCase(code: string): Promise<CaseTrackView> {
      return must(await request<CaseTrackView>(auth, `${V1}/track/${enc(code)}`), 'track');
    },
    /** Public: is the QR (a printed URL, or the seal alone) one of the hall's, unaltered? */
    async verify(qr: string): Promise<VerifyView> {
      return must(await request<VerifyView>(auth, `${V1}/verify`, { method: 'POST', body: { qr } }), 'verify');
    },

    // Ratings (好差评): given in public (tracking code), at the kiosk or the counter's screen.
    /** 201 (or 200: the same key's earlier rating); 409 `already_rated` / `illegal_transition`. */
    async rate(body: RateRequest, idempotencyKey: string): Promise<RatingReceipt> {
      const res = await request<RatingReceipt>(auth, `${V1}/ratings`, { method: 'POST', body, headers: { 'Idempotency-Key': idempotencyKey } });
      return must(res, 'ratings');
    },
    /** Admin: the ratings that match, newest first, with totals per level. */
    async ratings(filters: RatingFilters = {}): Promise<RatingReport> {
      return must(await request<RatingReport>(auth, `${V1}/ratings${ratingsQuery(filters)}`), 'ratings');
    },
    /** Admin: follow-ups of bad reviews, soonest deadline first. */
    async followUps(filters: FollowUpFilters = {}): Promise<FollowUpView[]> {
      return must(await request<FollowUpView[]>(auth, `${V1}/follow-ups${followUpsQuery(filters)}`), 'follow-ups');
    },
    async replyFollowUp(id: number, reply: string): Promise<FollowUpView> {
      return must(await request<FollowUpView>(auth, `${V1}/follow-ups/${id}/reply`, { method: 'POST', body: { reply } }), 'reply');
    },
    /** Only after a reply (the server refuses otherwise, in Chinese). */
    async closeFollowUp(id: number, note?: string): Promise<FollowUpView> {
      const body = note?.trim() ? { note: note.trim() } : {};
      return must(await request<FollowUpView>(auth, `${V1}/follow-ups/${id}/close`, { method: 'POST', body }), 'close');
    },

    /** The spoken call as WAV, for an `<audio>` (which cannot send headers: token in the query). */
    voiceUrl(number: string, counter: string): string {
      return withToken(`${V1}/voice/call.wav?number=${enc(number)}&counter=${enc(counter)}`);
    },
    eventsUrl(): string {
      return withToken(`${V1}/events`);
    },
  };
}

export type HallApi = ReturnType<typeof createApi>;
