/** 网民留言 calls (`/api/v1/messages`), with the caller's credentials (none for the public). */
import { request, type ApiAuth } from './client';
import type { components } from './schema';
import type { SubmitMessageBody } from '../lib/messageForm';

type Schemas = components['schemas'];
export type MessageReceipt = Schemas['MessageReceipt'];
export type PublishedMessage = Schemas['PublishedMessage'];
export type MessageTrack = Schemas['MessageTrack'];
export type MessageView = Schemas['MessageView'];

export type MessageStateFilter = '' | 'submitted' | 'forwarded' | 'answered' | 'published' | 'closed';

const V1 = '/api/v1/messages';
const enc = encodeURIComponent;

function must<T>(value: T | null, what: string): T {
  if (value === null) throw new Error(`empty response from ${what}`);
  return value;
}

export function messagesQuery(state: MessageStateFilter, overdue: boolean): string {
  const q = new URLSearchParams();
  if (state) q.set('state', state);
  if (overdue) q.set('overdue', 'true');
  const s = q.toString();
  return s ? `?${s}` : '';
}

export function createMessagesApi(auth: ApiAuth) {
  const act = async (id: number, action: string, body: unknown = {}) =>
    must(await request<MessageView>(auth, `${V1}/${id}/${action}`, { method: 'POST', body }), action);
  return {
    /** 201, or 200 with the first receipt when the same key was sent before. */
    async submit(body: SubmitMessageBody, idempotencyKey: string): Promise<MessageReceipt> {
      const res = await request<MessageReceipt>(auth, V1, { method: 'POST', body, headers: { 'Idempotency-Key': idempotencyKey } });
      return must(res, 'messages');
    },
    async published(): Promise<PublishedMessage[]> {
      return must(await request<PublishedMessage[]>(auth, `${V1}/published`), 'published');
    },
    async lookup(code: string): Promise<MessageTrack> {
      return must(await request<MessageTrack>(auth, `${V1}/lookup/${enc(code)}`), 'lookup');
    },
    /** Staff: every message for the admin, their department's for an approver. */
    async list(state: MessageStateFilter = '', overdue = false): Promise<MessageView[]> {
      return must(await request<MessageView[]>(auth, `${V1}${messagesQuery(state, overdue)}`), 'messages');
    },
    forward: (id: number, department: string, note: string) => act(id, 'forward', note.trim() ? { department, note: note.trim() } : { department }),
    answer: (id: number, answer: string) => act(id, 'answer', { answer }),
    publish: (id: number) => act(id, 'publish'),
    close: (id: number, kind: 'invalid' | 'duplicate', reason: string) => act(id, 'close', { kind, reason }),
  };
}

export type MessagesApi = ReturnType<typeof createMessagesApi>;
